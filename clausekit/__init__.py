"""clausekit: cut official French UN texts into clauses and tell what each clause does and is about.

>>> import clausekit
>>> doc = clausekit.segment("L'Assemblée générale,\\n\\nRappelant sa résolution 54/181,\\n\\n1. Décide de poursuivre l'examen.")
>>> [c.part for c in doc.clauses]
['preamble', 'operative']

Heavy modules (spaCy, scikit-learn, pandas) load on first use, so importing
clausekit and running ``clausekit --help`` stay fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["__version__", "segment", "tag", "load_model", "Document", "Clause"]

if TYPE_CHECKING:
    from clausekit.registry import load_model
    from clausekit.segment import segment
    from clausekit.tag import tag
    from clausekit.types import Clause, Document

_LAZY = {
    "segment": ("clausekit.segment", "segment"),
    "tag": ("clausekit.tag", "tag"),
    "load_model": ("clausekit.registry", "load_model"),
    "Document": ("clausekit.types", "Document"),
    "Clause": ("clausekit.types", "Clause"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(f"module 'clausekit' has no attribute {name!r}")
