"""clausekit: cut official French UN texts into clauses and tell what each clause does and is about.

>>> import clausekit
>>> doc = clausekit.segment(text="L'Assemblée générale,\\n\\nRappelant sa résolution 54/181,\\n\\n1. Décide de poursuivre l'examen.")
>>> [c.part for c in doc.clauses]
['preamble', 'operative']

Heavy modules (spaCy, scikit-learn, pandas) load on first use, so importing
clausekit and running ``clausekit --help`` stay fast.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["__version__", "segment", "tag", "diff", "Tagger", "load_model", "Document", "Clause"]

if TYPE_CHECKING:
    import pandas as pd

    from clausekit.models.registry import load_model
    from clausekit.tagging.tagger import Tagger
    from clausekit.types import Clause, Document


def segment(
    inputs: str | Path | Sequence[str | Path] | pd.DataFrame | pd.Series | None = None,
    *,
    text: str | None = None,
    doc_id: str | None = None,
    ocr: bool | None = None,
    text_column: str = "text",
    id_column: str | None = None,
    errors: str = "raise",
) -> Document | list[Document]:
    """Cut documents into clauses: one :class:`Document` for ``text=...`` or a file, a list of
    Documents (in order) for a folder, a list of paths, a DataFrame or a Series.

    A string naming no file but looking like a path raises :class:`FileNotFoundError`; see
    :mod:`clausekit.tagging.api` for every kind of input.
    """
    from clausekit.tagging.api import segment as _segment

    return _segment(inputs, text=text, doc_id=doc_id, ocr=ocr, text_column=text_column, id_column=id_column, errors=errors)


def tag(
    inputs: str | Path | Document | Sequence[str | Path] | pd.DataFrame | pd.Series | None = None,
    *,
    text: str | None = None,
    input_format: str = "text",
    tagger: Tagger | None = None,
    model_dir: str | Path | None = None,
    trust: bool = False,
    n_jobs: int = 1,
    lemmatizer: str | None = None,
    low_confidence_below: float | None = None,
    text_column: str = "text",
    id_column: str | None = None,
    errors: str = "raise",
) -> pd.DataFrame:
    """Tag every clause of ``inputs`` (or ``text=...``) with its function and themes: one DataFrame, rows in input order.

    The models load once per process; ``n_jobs`` tags files in worker processes; a missing
    path raises :class:`FileNotFoundError`. See :func:`clausekit.tagging.api.tag`.

    >>> df = clausekit.tag(["data/seeds/003.txt", "data/seeds/004.txt"], n_jobs=2)  # doctest: +SKIP
    """
    from clausekit.tagging.api import tag as _tag

    return _tag(
        inputs, text=text, input_format=input_format, tagger=tagger, model_dir=model_dir, trust=trust,
        n_jobs=n_jobs, lemmatizer=lemmatizer, low_confidence_below=low_confidence_below,
        text_column=text_column, id_column=id_column, errors=errors,
    )


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
