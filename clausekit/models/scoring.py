"""Compiled models: the shipped estimators as plain arrays and JSON, scored with numpy alone.

Loading a scikit-learn model through skops imports scikit-learn and skops (about 3 s in a
fresh process) before the first clause is tagged. Yet what the shipped models compute at
tagging time is small: TF-IDF weights of lemma n-grams, a few one-hot columns, one dot
product per logistic regression, Platt's sigmoid per class, an average over the calibration
folds; or regular expressions for the rule baselines. :func:`clausekit.models.compiler.compile_model` turns a fitted
estimator into that data, :func:`save` writes it next to the skops file (``scorer.json`` for
the vocabulary and parameters, ``scorer.npz`` for the arrays, loaded with
``allow_pickle=False``, so a model file can hold no code), and the scorers here reproduce
``predict_proba`` of the original to floating-point rounding (tested against scikit-learn).

Nothing here imports scikit-learn or scipy; lemmas come from :mod:`clausekit.lemmas.frames`, so the
fast/accurate lemma switch applies as it does to :class:`~clausekit.lemmas.featurizer.LemmaFeaturizer`.
The features and linear-model arithmetic live in :mod:`clausekit.models.linear`, the rule logic in :mod:`clausekit.models.rules`, shared with the rule baselines of
:mod:`clausekit.models.estimators`; :mod:`clausekit.models.compiler` turns fitted estimators into
the files read here.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from clausekit.models.linear import (
    CompiledFeatures,
    _calibrated_folds,
    _calibrated_proba,
    _linear_proba,
)
from clausekit.models.rules import ThemeRules, apply_lead_rules, rule_function

if TYPE_CHECKING:
    from clausekit.lemmas.frames import Clauses

#: Bumped when the layout of ``scorer.json``/``scorer.npz`` changes; other formats are not read.
FORMAT = 1
SCORER_JSON = "scorer.json"
SCORER_NPZ = "scorer.npz"


# --- the scorers ------------------------------------------------------------------------------


class Scorer:
    """A compiled model: ``classes_``, ``predict_proba(X)``; theme scorers also have ``thresholds_``."""

    kind = ""

    def __init__(self, spec: dict[str, Any], arrays: dict[str, np.ndarray]) -> None:
        self.spec = spec
        self.arrays = arrays
        self.classes_ = np.asarray(spec["classes"], dtype=object)
        if "thresholds" in spec:
            self.thresholds_ = np.asarray(spec["thresholds"], dtype=float)

    def score_clauses(self, clauses: Clauses) -> np.ndarray:  # pragma: no cover - every kind overrides it
        """Probabilities, one row per clause, one column per class."""
        raise NotImplementedError

    def predict_proba(self, X: Any) -> np.ndarray:
        """:meth:`score_clauses` of a clause DataFrame (as :func:`clausekit.lemmas.frames.clause_frame` gives)."""
        from clausekit.lemmas.frames import Clauses

        return self.score_clauses(Clauses.from_frame(X))

    def predict(self, X: Any) -> np.ndarray:
        return self.classes_[self.predict_proba(X).argmax(axis=1)]


class LinearFunctionScorer(Scorer):
    """:class:`~clausekit.models.estimators.FunctionClassifier` compiled."""

    kind = "function_linear"

    def __init__(self, spec: dict[str, Any], arrays: dict[str, np.ndarray]) -> None:
        super().__init__(spec, arrays)
        self.features = CompiledFeatures(spec["features"], arrays)
        self.coef_t = np.ascontiguousarray(arrays["coef"].T)
        self.folds = _calibrated_folds(arrays, "", len(self.classes_))

    def score_clauses(self, clauses: Clauses) -> np.ndarray:
        decision = self.features.decision(clauses, self.coef_t, self.arrays["intercept"])
        if self.folds is not None:
            proba = _calibrated_proba(self.arrays, "", decision, self.folds)
        else:
            proba = _linear_proba(self.arrays, "", decision, len(self.classes_))
        return apply_lead_rules(proba, [str(c) for c in self.classes_], clauses.raw, clauses.parts)


class LinearThemeScorer(Scorer):
    """:class:`~clausekit.models.estimators.ThemeClassifier` compiled: one exported binary model per theme."""

    kind = "themes_linear"

    def __init__(self, spec: dict[str, Any], arrays: dict[str, np.ndarray]) -> None:
        super().__init__(spec, arrays)
        self.features = CompiledFeatures(spec["features"], arrays)

    def score_clauses(self, clauses: Clauses) -> np.ndarray:
        out = np.zeros((len(clauses), len(self.classes_)))
        learned = [j for j, on in enumerate(self.spec["learned"]) if on]
        if not learned or not len(clauses):
            return out
        # every theme's rows stacked, so the features are computed once
        Wt = np.hstack([self.arrays[f"t{j}_coef"].T for j in learned])
        intercept = np.concatenate([self.arrays[f"t{j}_intercept"] for j in learned])
        decision = self.features.decision(clauses, Wt, intercept)
        start = 0
        for j in learned:
            width = len(self.arrays[f"t{j}_intercept"])
            out[:, j] = _linear_proba(self.arrays, f"t{j}_", decision[:, start : start + width], 2)[:, 1]
            start += width
        return out


class RuleFunctionScorer(Scorer):
    """:class:`~clausekit.models.estimators.RuleFunctionBaseline` compiled: the lead table and the fitted fallback."""

    kind = "function_rules"

    def score_clauses(self, clauses: Clauses) -> np.ndarray:
        index = {c: i for i, c in enumerate(self.classes_)}
        out = np.tile(self.arrays["fallback"], (len(clauses), 1))
        for i, (text, part) in enumerate(zip(clauses.raw, clauses.parts, strict=True)):
            r = rule_function(text, part)
            if r is not None:
                out[i] = 0.0
                out[i, index[r]] = 1.0
        return out


class RuleThemeScorer(Scorer):
    """:class:`~clausekit.models.estimators.RuleThemeBaseline` compiled: its joined term and veto patterns."""

    kind = "themes_rules"

    def __init__(self, spec: dict[str, Any], arrays: dict[str, np.ndarray]) -> None:
        super().__init__(spec, arrays)
        self.rules = ThemeRules(spec["patterns"], spec["vetoes"])

    def score_clauses(self, clauses: Clauses) -> np.ndarray:
        return self.rules.scores(list(self.classes_), clauses.raw, clauses.years)


class DefinitionThemeScorer(Scorer):
    """:class:`~clausekit.models.theme_model.DefinitionThemeModel` compiled: the definitions' JSON specs.

    :meth:`score_clauses` scores clauses alone; :meth:`score_document` scores the clauses of one
    document in order, so that back-references take the theme an earlier clause (or the title)
    establishes.
    """

    kind = "themes_definitions"

    def __init__(self, spec: dict[str, Any], arrays: dict[str, np.ndarray]) -> None:
        from clausekit.models.matcher import ThemeSet

        super().__init__(spec, arrays)
        self.themes = ThemeSet(spec["definitions"])

    def score_clauses(self, clauses: Clauses) -> np.ndarray:
        return self.themes.scores(clauses.raw, clauses.years)

    def score_document(self, clauses: Clauses, title: str | None = None) -> np.ndarray:
        return self.themes.score_document(clauses.raw, clauses.years, title)

    def predict_proba(self, X: Any) -> np.ndarray:
        """As the estimator: rows of one ``doc_id`` (ordered by ``clause_index``/``index``) are read in context."""
        from clausekit.lemmas.frames import Clauses
        from clausekit.models.matcher import score_rows

        clauses = Clauses.from_frame(X)
        order = "clause_index" if "clause_index" in X.columns else "index" if "index" in X.columns else None
        if not self.spec.get("context", True) or order is None or "doc_id" not in X.columns:
            return self.score_clauses(clauses)
        keys = [None if v != v else v for v in X[order].tolist()]
        return score_rows(self.themes, clauses.raw, clauses.years, X["doc_id"].tolist(), keys)


SCORERS: dict[str, type[Scorer]] = {
    s.kind: s for s in (LinearFunctionScorer, LinearThemeScorer, RuleFunctionScorer, RuleThemeScorer, DefinitionThemeScorer)
}


def save(spec: dict[str, Any], arrays: dict[str, np.ndarray], folder: str | Path) -> list[Path]:
    """Write ``scorer.json`` and ``scorer.npz`` into ``folder``; returns their paths."""
    folder = Path(folder)
    (folder / SCORER_JSON).write_text(json.dumps(spec, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    with open(folder / SCORER_NPZ, "wb") as f:
        np.savez_compressed(f, allow_pickle=False, **arrays)
    return [folder / SCORER_JSON, folder / SCORER_NPZ]


#: Bounds on what a compiled model may hold, checked before anything is compiled or unpacked,
#: even in a trusted folder: a pattern's length, all patterns' length, and every array's size.
MAX_PATTERN_CHARS = 200_000
MAX_PATTERNS_CHARS = 2_000_000
MAX_ARRAY_BYTES = 512 * 2**20


def _nested_repeat(items: Any, inside: bool = False) -> bool:
    """True when an unbounded repeat holds another (``(a+)+``, ``(a*)*``): catastrophic backtracking."""
    import re._constants as c  # the parser's opcodes (Python 3.11+)

    for op, av in items:
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            low, high, sub = av
            unbounded = high == c.MAXREPEAT or high > 1000
            if unbounded and inside:
                return True
            if _nested_repeat(sub, inside or unbounded):
                return True
        elif op in (c.SUBPATTERN, c.ATOMIC_GROUP):
            if _nested_repeat(av[-1], inside):
                return True
        elif op == c.BRANCH:
            if any(_nested_repeat(branch, inside) for branch in av[1]):
                return True
        elif op in (c.ASSERT, c.ASSERT_NOT):
            if _nested_repeat(av[1], inside):
                return True
    return False


def check_patterns(patterns: Any, what: str) -> dict[str, str]:
    """``patterns`` (theme -> regular expression) if bounded in size and free of nested unbounded repeats; else ValueError."""
    import re._parser as parser

    if not isinstance(patterns, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in patterns.items()):
        raise ValueError(f"{what} must map themes to patterns")
    if sum(map(len, patterns.values())) > MAX_PATTERNS_CHARS:
        raise ValueError(f"{what} are over {MAX_PATTERNS_CHARS} characters in all")
    for theme, pattern in patterns.items():
        if len(pattern) > MAX_PATTERN_CHARS:
            raise ValueError(f"the {what} of {theme!r} is over {MAX_PATTERN_CHARS} characters")
        try:
            parsed = parser.parse(pattern, re.I)
        except (re.error, RecursionError, OverflowError) as exc:
            raise ValueError(f"the {what} of {theme!r} is not a regular expression ({exc})") from None
        if _nested_repeat(parsed):
            raise ValueError(f"the {what} of {theme!r} nests unbounded repeats (catastrophic backtracking)")
    return patterns


def _check_arrays(npz: Any) -> None:
    """Refuse arrays whose declared shape is over :data:`MAX_ARRAY_BYTES`, before reading them."""
    from numpy.lib import format as npy

    total = 0
    for name in npz.files:
        with npz.zip.open(name + ".npy") as member:
            version = npy.read_magic(member)
            read_header = npy.read_array_header_1_0 if version == (1, 0) else npy.read_array_header_2_0
            shape, _, dtype = read_header(member)
        total += int(np.prod(shape, dtype=object)) * dtype.itemsize
        if total > MAX_ARRAY_BYTES:
            raise ValueError(f"its arrays are over {MAX_ARRAY_BYTES // 2**20} MiB")


def load(spec_bytes: bytes, npz_bytes: bytes) -> Scorer:
    """The scorer of a compiled model read from its two files' bytes (already checked against the card).

    Raises ValueError for a spec of the wrong shape or kind, a pattern that could backtrack
    catastrophically, or arrays past the size bounds (all checked before use).
    """
    import io

    spec = json.loads(spec_bytes.decode("utf-8"))
    if not isinstance(spec, dict):
        raise ValueError(f"scorer.json holds a JSON {type(spec).__name__}, not an object")
    if spec.get("kind") == RuleThemeScorer.kind:
        check_patterns(spec.get("patterns"), "patterns")
        check_patterns(spec.get("vetoes"), "vetoes")
    if spec.get("format") != FORMAT:
        raise ValueError(f"compiled model format {spec.get('format')} is not {FORMAT}")
    kind = SCORERS.get(spec["kind"]) if isinstance(spec.get("kind"), str) else None
    if kind is None:
        raise ValueError(f"unknown compiled model kind {spec.get('kind')!r}")
    with np.load(io.BytesIO(npz_bytes), allow_pickle=False) as npz:
        _check_arrays(npz)
        arrays = {k: npz[k] for k in npz.files}
    return kind(spec, arrays)
