"""The theme model built from definition files: :class:`DefinitionThemeModel`.

It follows the scikit-learn contract (``__init__`` stores, ``fit`` learns attributes ending
in ``_``) so that evaluation and the registry treat it like the learned models: ``fit``
checks and compiles the definitions (the built-in ones when ``definitions`` is None, then the
user's ``extra`` ones), ``predict_proba`` gives each theme's graded score. When ``X`` has
``doc_id`` and an order column (``clause_index`` or ``index``), clauses of one document are
scored in context (:meth:`clausekit.models.matcher.ThemeSet.score_document`), so
back-references ("de telles mesures") take the theme an earlier clause establishes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.utils.validation import check_is_fitted

from clausekit.models.matcher import ThemeSet, score_rows


def _column(X: Any, name: str, default: Any = None) -> list[Any]:
    if name in X.columns:
        return [None if v is None or v != v else v for v in X[name].tolist()]
    return [default] * len(X)


def frame_context(X: Any) -> tuple[list[Any] | None, list[Any] | None]:
    """``(doc_ids, order)`` of a clause DataFrame with ``doc_id`` and ``clause_index``/``index``, else ``(None, None)``."""
    order = "clause_index" if "clause_index" in X.columns else "index" if "index" in X.columns else None
    if order is None or "doc_id" not in X.columns:
        return None, None
    return _column(X, "doc_id"), _column(X, order, 0)


class DefinitionThemeModel(BaseEstimator):
    """Themes from definition files, graded scores, document context.

    ``definitions``: checked definition dicts (:func:`clausekit.models.definitions.load_definition`)
    replacing the built-in ones; ``extra``: more definitions added after them (a user's themes).
    ``context``: score the clauses of one document in order, with back-references.
    """

    def __init__(self, definitions: Sequence[dict[str, Any]] | None = None, extra: Sequence[dict[str, Any]] = (),
                 context: bool = True) -> None:
        self.definitions = definitions
        self.extra = extra
        self.context = context

    def fit(self, X: Any = None, y: Any = None) -> DefinitionThemeModel:
        from clausekit.models.definitions import builtin_definitions, compile_definition

        base = list(self.definitions) if self.definitions is not None else builtin_definitions()
        specs = [compile_definition(d) for d in [*base, *self.extra]]
        names = [s["name"] for s in specs]
        if len(set(names)) != len(names):
            dup = sorted({n for n in names if names.count(n) > 1})
            raise ValueError(f"theme {', '.join(dup)} is defined twice; give a user theme its own name")
        self.specs_ = specs
        self.classes_ = np.asarray(names, dtype=object)
        self.thresholds_ = np.asarray([s["threshold"] for s in specs], dtype=float)
        return self

    def predict_proba(self, X: Any) -> np.ndarray:
        """Graded score of each theme (columns in :attr:`classes_` order), one row per clause of ``X``."""
        check_is_fitted(self, "specs_")
        texts = ["" if t is None else str(t) for t in _column(X, "text", "")]
        doc_ids, order = frame_context(X) if self.context else (None, None)
        return score_rows(ThemeSet(self.specs_), texts, _column(X, "year"), doc_ids, order)

    def predict(self, X: Any) -> np.ndarray:
        return (self.predict_proba(X) >= self.thresholds_).astype(int)

    def predict_themes(self, X: Any) -> list[list[str]]:
        return [list(self.classes_[row.astype(bool)]) for row in self.predict(X)]
