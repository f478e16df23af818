"""clausekit: cut official French UN texts into clauses and tell what each clause does and is about.

>>> import clausekit
>>> doc = clausekit.segment("L'Assemblée générale,\\n\\nRappelant sa résolution 54/181,\\n\\n1. Décide de poursuivre l'examen.")
>>> [c.part for c in doc.clauses]
['preamble', 'operative']

Heavy modules (spaCy, scikit-learn, pandas) load on first use, so importing
clausekit and running ``clausekit --help`` stay fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["__version__", "segment", "tag", "diff", "Tagger", "load_model", "Document", "Clause"]

if TYPE_CHECKING:
    import pandas as pd

    from clausekit.models.registry import load_model
    from clausekit.tagging.tagger import Tagger
    from clausekit.types import Clause, Document


def segment(text_or_path: str | Path, *, doc_id: str | None = None, ocr: bool | None = None) -> Document:
    """Segment a document given as text or as a path; see :func:`clausekit.segmentation.segmenter.segment`."""
    from clausekit.segmentation.segmenter import segment as _segment

    return _segment(text_or_path, doc_id=doc_id, ocr=ocr)


def tag(
    text_or_path_or_document: str | Path | Document,
    *,
    model_dir: str | Path | None = None,
    input_format: str = "text",
    trust: bool = False,
) -> pd.DataFrame:
    """Tag a text, a file or a :class:`Document`; see :func:`clausekit.tagging.tagger.tag`."""
    from clausekit.tagging.tagger import tag as _tag

    return _tag(text_or_path_or_document, model_dir=model_dir, input_format=input_format, trust=trust)


def diff(old: str | Path | Document, new: str | Path | Document, **options: Any) -> pd.DataFrame:
    """Clause-by-clause changes between two versions; see :func:`clausekit.outputs.diff.diff`."""
    from clausekit.outputs.diff import diff as _diff

    return _diff(old, new, **options)


_LAZY = {
    "Tagger": ("clausekit.tagging.tagger", "Tagger"),
    "load_model": ("clausekit.models.registry", "load_model"),
    "Document": ("clausekit.types", "Document"),
    "Clause": ("clausekit.types", "Clause"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(f"module 'clausekit' has no attribute {name!r}")
