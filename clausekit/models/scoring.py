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
The rule logic lives in :mod:`clausekit.models.rules`, shared with the rule baselines of
:mod:`clausekit.models.estimators`; :mod:`clausekit.models.compiler` turns fitted estimators into
the files read here.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import chain, repeat
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from clausekit.models.rules import ThemeRules, apply_lead_rules, rule_function
from clausekit.types import PARTS

if TYPE_CHECKING:
    from clausekit.lemmas.frames import Clauses

#: Bumped when the layout of ``scorer.json``/``scorer.npz`` changes; other formats are not read.
FORMAT = 1
SCORER_JSON = "scorer.json"
SCORER_NPZ = "scorer.npz"
_TOKEN = re.compile(r"\S+")  # the featurizer's token_pattern


# --- features ---------------------------------------------------------------------------------


class _Sparse:
    """Rows of a sparse matrix: ``rows[k]`` is the row of the ``k``-th stored value, ``cols``/``vals`` its column and value."""

    def __init__(self, n: int, rows: np.ndarray, cols: np.ndarray, vals: np.ndarray) -> None:
        self.n, self.rows, self.cols, self.vals = n, rows, cols, vals

    def dot(self, Wt: np.ndarray) -> np.ndarray:
        """``X @ Wt`` for ``Wt`` of shape (n_columns, k)."""
        k = Wt.shape[1]
        # one bincount over (row, column) bins: each bin adds its products in stored order, from 0.0,
        # as one bincount per output column did
        weighted = Wt[self.cols] * self.vals[:, None]
        bins = (self.rows[:, None] * k + np.arange(k)).ravel()
        return np.bincount(bins, weights=weighted.ravel(), minlength=self.n * k).reshape(self.n, k)


class _Tfidf:
    """``TfidfVectorizer.transform`` of one fitted vectorizer (whitespace tokens, l2 norm)."""

    def __init__(self, terms: list[str], idf: np.ndarray | None, ngram_range: Sequence[int], sublinear: bool) -> None:
        self.vocabulary = {t: i for i, t in enumerate(terms)}
        # the same, an n-gram of two words or more keyed by its tuple of words: zip() builds those in C,
        # where joining each n-gram into a string costs a Python call
        self.keyed = {(tuple(t.split(" ")) if " " in t else t): i for i, t in enumerate(terms)}
        self.idf = idf
        self.n_min, self.n_max = int(ngram_range[0]), int(ngram_range[1])
        self.sublinear = sublinear

    def _ngrams(self, doc: str) -> Iterable[str | tuple[str, ...]]:
        """The n-grams of ``doc`` in the vectorizer's order (unigrams, then bigrams, ...), as keys of :attr:`keyed`."""
        tokens = doc.split()  # = the \S+ token pattern: both split at str.isspace characters
        parts: list[Iterable[str | tuple[str, ...]]] = [tokens] if self.n_min == 1 else []
        for n in range(max(2, self.n_min), self.n_max + 1):
            parts.append(zip(*(tokens[i:] for i in range(n)), strict=False))  # shifted copies: stops at the shortest
        return chain.from_iterable(parts)

    def transform(self, docs: Sequence[str]) -> _Sparse:
        get = self.keyed.get
        rows, cols, counts = [], [], []
        for r, doc in enumerate(docs):
            found = Counter(map(get, self._ngrams(doc), repeat(-1)))  # counted in C; -1: not in the vocabulary
            found.pop(-1, None)
            rows += [r] * len(found)
            cols += found.keys()
            counts += found.values()
        rows_a, cols_a = np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64)
        vals = np.asarray(counts, dtype=float)
        if self.sublinear:
            vals = np.log(vals) + 1.0
        if self.idf is not None:
            vals = vals * self.idf[cols_a]
        norms = np.sqrt(np.bincount(rows_a, weights=vals * vals, minlength=len(docs)))
        vals = vals / np.where(norms > 0, norms, 1.0)[rows_a]
        return _Sparse(len(docs), rows_a, cols_a, vals)


class CompiledFeatures:
    """The :class:`~clausekit.lemmas.featurizer.LemmaFeaturizer` of a fitted model, without scikit-learn."""

    def __init__(self, spec: dict[str, Any], arrays: dict[str, np.ndarray]) -> None:
        self.spec = spec
        self.text = _Tfidf(spec["text_terms"], arrays["text_idf"], spec["text_ngram_range"], spec["text_sublinear"])
        self.lead = _Tfidf(spec["lead_terms"], None, (1, 2), False)
        self.n_text, self.n_lead = len(spec["text_terms"]), len(spec["lead_terms"])
        self.n_features = int(spec["n_features"])

    @staticmethod
    def export(featurizer: Any) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
        text, lead = featurizer.text_vectorizer_, featurizer.lead_vectorizer_
        for v in (text, lead):
            if v.norm != "l2" or v.lowercase or v.token_pattern != r"\S+" or v.analyzer != "word":
                raise ValueError("only the l2-normed whitespace-token vectorizers of LemmaFeaturizer compile")
        if lead.use_idf or lead.sublinear_tf or tuple(lead.ngram_range) != (1, 2) or not text.use_idf:
            raise ValueError("the lead vectorizer must be plain (1, 2)-gram counts and the text one TF-IDF")

        def terms(v: Any) -> list[str]:
            out = [""] * len(v.vocabulary_)
            for t, i in v.vocabulary_.items():
                out[int(i)] = t
            return out

        spec = {
            "text_terms": terms(text),
            "text_ngram_range": list(text.ngram_range),
            "text_sublinear": bool(text.sublinear_tf),
            "lead_terms": terms(lead),
            "lead_weight": float(featurizer.lead_weight),
            "use_part": bool(featurizer.use_part),
            "use_position": bool(featurizer.use_position),
            "lexicon_weight": float(featurizer.lexicon_weight),
            "n_features": int(featurizer.n_features_out_),
        }
        return spec, {"text_idf": np.asarray(text.idf_, dtype=float)}

    def decision(self, clauses: Clauses, Wt: np.ndarray, intercept: np.ndarray) -> np.ndarray:
        """``features(clauses) @ Wt + intercept``, block by block, for ``Wt`` of shape (n_features, k)."""
        from clausekit.lemmas.frames import LEXICON_FUNCTIONS, joined, lexicon_onehot

        texts, leads, parts, pos = clauses.texts, clauses.leads, clauses.parts, clauses.positions
        spec = self.spec
        lead_docs = [s or "<none>" for s in joined(leads)]
        out = self.text.transform(joined(texts)).dot(Wt[: self.n_text])
        out += self.lead.transform(lead_docs).dot(Wt[self.n_text : self.n_text + self.n_lead]) * spec["lead_weight"]
        dense = []
        if spec["use_part"]:
            dense.append(np.array([[p == q for q in PARTS] for p in parts], dtype=float).reshape(len(parts), len(PARTS)))
        if spec["use_position"]:
            dense.append(pos.reshape(-1, 1))
        if spec["lexicon_weight"]:
            dense.append(lexicon_onehot(texts, parts) * spec["lexicon_weight"])
        base = self.n_text + self.n_lead
        width = sum(d.shape[1] for d in dense)
        if base + width != self.n_features or (spec["lexicon_weight"] and dense[-1].shape[1] != len(LEXICON_FUNCTIONS)):
            raise ValueError(f"compiled features have {base + width} columns, the model {self.n_features}")
        if dense:
            out += np.hstack(dense) @ Wt[base:]
        return out + intercept


# --- linear models ----------------------------------------------------------------------------


def _expit(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * x))  # = 1 / (1 + exp(-x)), without overflow warnings


def _calibrated_folds(arrays: dict[str, np.ndarray], prefix: str, n_classes: int) -> np.ndarray | None:
    """``order[f, c]``: the decision column of fold ``f`` for class ``c``, when every fold is calibrated
    one-vs-rest over all ``n_classes`` > 2 classes (the shipped function model); else None."""
    target, fold, a = arrays[prefix + "target"], arrays[prefix + "fold"], arrays[prefix + "cal_a"]
    if n_classes <= 2:
        return None
    order = []
    for k in np.unique(fold):
        rows = np.flatnonzero(fold == k)
        if np.isnan(a[rows]).any() or sorted(target[rows].tolist()) != list(range(n_classes)):
            return None
        order.append(rows[np.argsort(target[rows])])
    return np.array(order)


def _calibrated_proba(arrays: dict[str, np.ndarray], prefix: str, decision: np.ndarray, order: np.ndarray) -> np.ndarray:
    """:func:`_linear_proba` of :func:`_calibrated_folds` models, all folds at once: the same operations on the
    same numbers (each class's sigmoid, the sum over classes in class order, the folds added in order)."""
    n_folds, n_classes = order.shape
    a, b = arrays[prefix + "cal_a"][order], arrays[prefix + "cal_b"][order]
    proba = _expit(-(a * decision[:, order] + b))  # (n, folds, classes)
    total = proba.sum(axis=2, keepdims=True)
    proba = np.divide(proba, total, out=np.full_like(proba, 1.0 / n_classes), where=total != 0)
    proba[(proba > 1.0) & (proba <= 1.0 + 1e-5)] = 1.0
    out = np.zeros((decision.shape[0], n_classes))
    for f in range(n_folds):
        out += proba[:, f]
    return out / n_folds


def _linear_proba(arrays: dict[str, np.ndarray], prefix: str, decision: np.ndarray, n_classes: int) -> np.ndarray:
    """Probabilities from the decision functions of one exported (calibrated) logistic regression."""
    target, fold = arrays[prefix + "target"], arrays[prefix + "fold"]
    a, b = arrays[prefix + "cal_a"], arrays[prefix + "cal_b"]
    n = decision.shape[0]
    folds = np.unique(fold)
    out = np.zeros((n, n_classes))
    for k in folds:
        rows = np.flatnonzero(fold == k)
        proba = np.zeros((n, n_classes))
        if np.isnan(a[rows]).all():  # plain logistic regression
            if len(rows) == 1:
                proba[:, target[rows[0]]] = _expit(decision[:, rows[0]])
                proba[:, 1 - target[rows[0]]] = 1.0 - proba[:, target[rows[0]]]
            else:
                z = decision[:, rows] - decision[:, rows].max(axis=1, keepdims=True)
                e = np.exp(z)
                proba[:, target[rows]] = e / e.sum(axis=1, keepdims=True)
        else:
            proba[:, target[rows]] = _expit(-(a[rows] * decision[:, rows] + b[rows]))
            if n_classes == 2:
                pos = target[rows[0]]
                proba[:, 1 - pos] = 1.0 - proba[:, pos]
            else:
                total = proba.sum(axis=1, keepdims=True)
                proba = np.divide(proba, total, out=np.full_like(proba, 1.0 / n_classes), where=total != 0)
            proba[(proba > 1.0) & (proba <= 1.0 + 1e-5)] = 1.0
        out += proba
    return out / len(folds)


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
        np.savez_compressed(f, **arrays)
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
