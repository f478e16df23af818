"""clausekit: cut official French UN texts into clauses and tell what each clause does and is about.

>>> import clausekit
>>> doc = clausekit.segment(text="L'Assemblée générale,\\n\\nRappelant sa résolution 54/181,\\n\\n1. Décide de poursuivre l'examen.")
>>> [c.part for c in doc.clauses]
['preamble', 'operative']

Heavy modules (spaCy, scikit-learn, pandas) load on first use, so importing
clausekit and running ``clausekit --help`` stay fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["__version__", "segment", "tag", "diff", "Tagger", "load_model", "Document", "Clause"]

if TYPE_CHECKING:
    from clausekit.models.registry import load_model
    from clausekit.outputs.diff import diff
    from clausekit.tagging.api import segment, tag
    from clausekit.tagging.tagger import Tagger
    from clausekit.types import Clause, Document

# The public API is the library's own functions, looked up on first use (PEP 562): one signature and
# one docstring each, and ``import clausekit`` stays light (``clausekit --help`` imports nothing heavy).
_LAZY = {
    "segment": ("clausekit.tagging.api", "segment"),
    "tag": ("clausekit.tagging.api", "tag"),
    "diff": ("clausekit.outputs.diff", "diff"),
    "Tagger": ("clausekit.tagging.tagger", "Tagger"),
    "load_model": ("clausekit.models.registry", "load_model"),
    "Document": ("clausekit.types", "Document"),
    "Clause": ("clausekit.types", "Clause"),
}


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(f"module 'clausekit' has no attribute {name!r}")
