"""Compiled models: the shipped estimators as plain arrays and JSON, scored with numpy alone.

Loading a scikit-learn model through skops imports scikit-learn and skops (about 3 s in a
fresh process) before the first clause is tagged. Yet what the shipped models compute at
tagging time is small: TF-IDF weights of lemma n-grams, a few one-hot columns, one dot
product per logistic regression, Platt's sigmoid per class, an average over the calibration
folds; or regular expressions for the rule baselines. :func:`compile_model` turns a fitted
estimator into that data, :func:`save` writes it next to the skops file (``scorer.json`` for
the vocabulary and parameters, ``scorer.npz`` for the arrays, loaded with
``allow_pickle=False``, so a model file can hold no code), and the scorers here reproduce
``predict_proba`` of the original to floating-point rounding (tested against scikit-learn).

Nothing here imports scikit-learn or scipy; lemmas come from :mod:`clausekit.lemmas`, so the
fast/accurate lemma switch applies as it does to :class:`~clausekit.features.LemmaFeaturizer`.
The rule logic lives here too (:func:`rule_function`, :class:`ThemeRules`), and the rule
baselines of :mod:`clausekit.models` call it, so a rule is written once.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from clausekit.lexicon import match_lead
from clausekit.types import PARTS

#: Bumped when the layout of ``scorer.json``/``scorer.npz`` changes; other formats are not read.
FORMAT = 1
SCORER_JSON = "scorer.json"
SCORER_NPZ = "scorer.npz"
_TOKEN = re.compile(r"\S+")  # the featurizer's token_pattern


# --- rules (shared with the baselines of clausekit.models) ------------------------------------


def rule_function(text: str, part: str) -> str | None:
    """The function the lead-phrase table gives a clause; narrative -> ``other``; None when no lead is known."""
    from clausekit.lemmas import strip_number

    if part == "narrative":
        return "other"
    hit = match_lead(strip_number(text), part if part in ("preamble", "operative") else None)
    return hit[1] if hit else None


@lru_cache(maxsize=64)
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


def _isnan(v: Any) -> bool:
    try:
        return bool(np.isnan(v))
    except TypeError:
        return False


class ThemeRules:
    """Theme term lists vetoed by Security Council sanctions terms, as joined regular expressions.

    ``patterns``/``vetoes`` map a theme to one alternation (lowercase-insensitive); "la pandémie"
    counts for ``covid19`` only in texts of 2020 or later when the year is known.
    """

    def __init__(self, patterns: dict[str, str], vetoes: dict[str, str]) -> None:
        self.patterns = patterns
        self.vetoes = vetoes

    def fires(self, theme: str, text: str, year: Any = None) -> bool:
        m = _regex(self.patterns[theme]).search(text)
        if not m:
            return False
        if (
            theme == "covid19"
            and m.group(0).lower() == "la pandémie"
            and year is not None
            and not _isnan(year)
            and int(year) < 2020
        ):
            return False
        veto = self.vetoes.get(theme)
        return not (veto and _regex(veto).search(text))

    def scores(self, themes: Sequence[str], texts: Iterable[str], years: Iterable[Any]) -> np.ndarray:
        """1.0 where a theme fires, else 0.0; one row per text, one column per theme."""
        rows = [[float(self.fires(t, text, yr)) for t in themes] for text, yr in zip(texts, years, strict=True)]
        return np.array(rows, dtype=float).reshape(len(rows), len(themes))


def _texts_years(X: Any) -> tuple[list[str], list[Any]]:
    texts = [str(t) for t in X["text"].fillna("")]
    years = list(X["year"]) if "year" in X.columns else [None] * len(texts)
    return texts, years


# --- features ---------------------------------------------------------------------------------


def _ngrams(doc: str, n_min: int, n_max: int) -> list[str]:
    tokens = _TOKEN.findall(doc)
    out = list(tokens) if n_min == 1 else []
    for n in range(max(2, n_min), n_max + 1):
        out += [" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]
    return out


class _Tfidf:
    """``TfidfVectorizer.transform`` of one fitted vectorizer, as (column, value) pairs per document."""

    def __init__(self, terms: list[str], idf: np.ndarray | None, ngram_range: Sequence[int], sublinear: bool) -> None:
        self.vocabulary = {t: i for i, t in enumerate(terms)}
        self.idf = idf
        self.ngram_range = (int(ngram_range[0]), int(ngram_range[1]))
        self.sublinear = sublinear

    def row(self, doc: str) -> tuple[list[int], list[float]]:
        counts = Counter(i for g in _ngrams(doc, *self.ngram_range) if (i := self.vocabulary.get(g)) is not None)
        cols = sorted(counts)
        vals = [(math.log(counts[c]) + 1.0) if self.sublinear else float(counts[c]) for c in cols]
        if self.idf is not None:
            vals = [v * float(self.idf[c]) for v, c in zip(vals, cols, strict=True)]
        norm = math.sqrt(sum(v * v for v in vals))
        if norm > 0:
            vals = [v / norm for v in vals]
        return cols, vals


class CompiledFeatures:
    """The :class:`~clausekit.features.LemmaFeaturizer` of a fitted model, without scikit-learn."""

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

    def transform(self, X: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The feature matrix of a clause DataFrame in CSR form: ``(indptr, indices, data)``."""
        from clausekit.lemmas import LEXICON_FUNCTIONS, columns, joined, lexicon_onehot

        texts, leads, parts, pos = columns(X)
        spec = self.spec
        text_docs = joined(texts)
        lead_docs = [s or "<none>" for s in joined(leads)]
        lexicon = lexicon_onehot(texts, parts) * spec["lexicon_weight"] if spec["lexicon_weight"] else None
        indptr, indices, data = [0], [], []
        base_part = self.n_text + self.n_lead
        base_pos = base_part + (len(PARTS) if spec["use_part"] else 0)
        base_lex = base_pos + (1 if spec["use_position"] else 0)
        for i in range(len(texts)):
            cols, vals = self.text.row(text_docs[i])
            indices += cols
            data += vals
            cols, vals = self.lead.row(lead_docs[i])
            indices += [self.n_text + c for c in cols]
            data += [v * spec["lead_weight"] for v in vals]
            if spec["use_part"] and parts[i] in PARTS:
                indices.append(base_part + PARTS.index(parts[i]))
                data.append(1.0)
            if spec["use_position"]:
                indices.append(base_pos)
                data.append(float(pos[i]))
            if lexicon is not None:
                j = int(lexicon[i].argmax())
                indices.append(base_lex + j)
                data.append(float(lexicon[i, j]))
            indptr.append(len(indices))
        assert base_lex + (len(LEXICON_FUNCTIONS) if lexicon is not None else 0) == self.n_features
        return np.asarray(indptr), np.asarray(indices, dtype=np.int64), np.asarray(data, dtype=float)


def _dot(csr: tuple[np.ndarray, np.ndarray, np.ndarray], W: np.ndarray) -> np.ndarray:
    """``X @ W.T`` for a CSR ``X`` given as arrays and a dense ``W`` of shape (k, n_features)."""
    indptr, indices, data = csr
    n = len(indptr) - 1
    out = np.zeros((n, W.shape[0]))
    if len(indices):
        contrib = W.T[indices] * data[:, None]
        sums = np.add.reduceat(contrib, indptr[:-1].clip(max=len(indices) - 1), axis=0)
        nonempty = np.diff(indptr) > 0
        out[nonempty] = sums[nonempty]
    return out


# --- linear models ----------------------------------------------------------------------------


def _export_linear(estimator: Any, classes: Sequence[Any]) -> dict[str, np.ndarray]:
    """A (calibrated) logistic regression as stacked arrays, one block of rows per calibration fold.

    Rows of ``coef``: every fold's decision functions (one per class, or one for a binary model);
    ``target``: the column of ``classes`` each row's calibrated probability goes to; ``fold``: its fold.
    """
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.linear_model import LogisticRegression

    classes = list(classes)
    coef, intercept, a, b, target, fold = [], [], [], [], [], []
    if isinstance(estimator, LogisticRegression):
        members = [(estimator, None)]
    elif isinstance(estimator, CalibratedClassifierCV) and estimator.method == "sigmoid":
        members = [(c.estimator, c.calibrators) for c in estimator.calibrated_classifiers_]
    else:
        raise ValueError(f"cannot compile {type(estimator).__name__}")
    for k, (lr, calibrators) in enumerate(members):
        if not isinstance(lr, LogisticRegression):
            raise ValueError(f"cannot compile a calibrated {type(lr).__name__}")
        lr_classes = list(lr.classes_)
        positives = lr_classes[1:] if len(lr_classes) == 2 else lr_classes
        for r, cls in enumerate(positives):
            coef.append(lr.coef_[r])
            intercept.append(lr.intercept_[r])
            a.append(calibrators[r].a_ if calibrators else np.nan)
            b.append(calibrators[r].b_ if calibrators else np.nan)
            target.append(classes.index(cls))
            fold.append(k)
    return {
        "coef": np.vstack(coef).astype(float),
        "intercept": np.asarray(intercept, dtype=float),
        "cal_a": np.asarray(a, dtype=float),
        "cal_b": np.asarray(b, dtype=float),
        "target": np.asarray(target, dtype=np.int64),
        "fold": np.asarray(fold, dtype=np.int64),
    }


def _expit(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * x))  # = 1 / (1 + exp(-x)), without overflow warnings


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

    def predict_proba(self, X: Any) -> np.ndarray:  # pragma: no cover - every kind overrides it
        raise NotImplementedError

    def predict(self, X: Any) -> np.ndarray:
        return self.classes_[self.predict_proba(X).argmax(axis=1)]


class LinearFunctionScorer(Scorer):
    """:class:`~clausekit.models.FunctionClassifier` compiled."""

    kind = "function_linear"

    def __init__(self, spec: dict[str, Any], arrays: dict[str, np.ndarray]) -> None:
        super().__init__(spec, arrays)
        self.features = CompiledFeatures(spec["features"], arrays)

    def predict_proba(self, X: Any) -> np.ndarray:
        a = self.arrays
        decision = _dot(self.features.transform(X), a["coef"]) + a["intercept"]
        return _linear_proba(a, "", decision, len(self.classes_))


class LinearThemeScorer(Scorer):
    """:class:`~clausekit.models.ThemeClassifier` compiled: one exported binary model per theme."""

    kind = "themes_linear"

    def __init__(self, spec: dict[str, Any], arrays: dict[str, np.ndarray]) -> None:
        super().__init__(spec, arrays)
        self.features = CompiledFeatures(spec["features"], arrays)

    def predict_proba(self, X: Any) -> np.ndarray:
        csr = self.features.transform(X)
        out = np.zeros((len(csr[0]) - 1, len(self.classes_)))
        for j, learned in enumerate(self.spec["learned"]):
            if learned:
                p = f"t{j}_"
                decision = _dot(csr, self.arrays[p + "coef"]) + self.arrays[p + "intercept"]
                out[:, j] = _linear_proba(self.arrays, p, decision, 2)[:, 1]
        return out


class RuleFunctionScorer(Scorer):
    """:class:`~clausekit.models.RuleFunctionBaseline` compiled: the lead table and the fitted fallback."""

    kind = "function_rules"

    def predict_proba(self, X: Any) -> np.ndarray:
        index = {c: i for i, c in enumerate(self.classes_)}
        parts = [str(p) for p in X["part"].fillna("")] if "part" in X.columns else [""] * len(X)
        out = np.tile(self.arrays["fallback"], (len(X), 1))
        for i, (text, part) in enumerate(zip(X["text"].fillna(""), parts, strict=True)):
            r = rule_function(str(text), part)
            if r is not None:
                out[i] = 0.0
                out[i, index[r]] = 1.0
        return out


class RuleThemeScorer(Scorer):
    """:class:`~clausekit.models.RuleThemeBaseline` compiled: its joined term and veto patterns."""

    kind = "themes_rules"

    def __init__(self, spec: dict[str, Any], arrays: dict[str, np.ndarray]) -> None:
        super().__init__(spec, arrays)
        self.rules = ThemeRules(spec["patterns"], spec["vetoes"])

    def predict_proba(self, X: Any) -> np.ndarray:
        texts, years = _texts_years(X)
        return self.rules.scores(list(self.classes_), texts, years)


SCORERS: dict[str, type[Scorer]] = {
    s.kind: s for s in (LinearFunctionScorer, LinearThemeScorer, RuleFunctionScorer, RuleThemeScorer)
}


def compile_model(estimator: Any) -> tuple[dict[str, Any], dict[str, np.ndarray]] | None:
    """``(spec, arrays)`` of a fitted clausekit estimator, or None when it cannot be compiled.

    Compiles the four estimators of :mod:`clausekit.models` as trained by ``clausekit train``
    (lemma features, sigmoid-calibrated or plain logistic regressions); anything else (e.g. a
    model fitted on a numeric matrix) stays skops-only.
    """
    from clausekit.models import (
        FunctionClassifier,
        RuleFunctionBaseline,
        RuleThemeBaseline,
        ThemeClassifier,
    )

    spec: dict[str, Any] = {"format": FORMAT, "classes": [str(c) for c in estimator.classes_]}
    arrays: dict[str, np.ndarray] = {}
    if isinstance(estimator, RuleThemeBaseline):
        spec.update(kind=RuleThemeScorer.kind, patterns=estimator.patterns_, vetoes=estimator.vetoes_,
                    thresholds=[float(t) for t in estimator.thresholds_])
        return spec, arrays
    if isinstance(estimator, RuleFunctionBaseline):
        spec.update(kind=RuleFunctionScorer.kind)
        return spec, {"fallback": np.asarray(estimator.fallback_, dtype=float)}
    if not isinstance(estimator, FunctionClassifier | ThemeClassifier) or estimator.featurizer_ is None:
        return None
    try:
        spec["features"], arrays = CompiledFeatures.export(estimator.featurizer_)
        if isinstance(estimator, FunctionClassifier):
            spec["kind"] = LinearFunctionScorer.kind
            arrays.update(_export_linear(estimator.estimator_, estimator.classes_))
        else:
            spec.update(kind=LinearThemeScorer.kind, thresholds=[float(t) for t in estimator.thresholds_],
                        learned=[est is not None for est in estimator.estimators_])
            for j, est in enumerate(estimator.estimators_):
                if est is not None:
                    arrays.update({f"t{j}_{k}": v for k, v in _export_linear(est, [0, 1]).items()})
    except ValueError:
        return None
    return spec, arrays


def save(spec: dict[str, Any], arrays: dict[str, np.ndarray], folder: str | Path) -> list[Path]:
    """Write ``scorer.json`` and ``scorer.npz`` into ``folder``; returns their paths."""
    folder = Path(folder)
    (folder / SCORER_JSON).write_text(json.dumps(spec, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    with open(folder / SCORER_NPZ, "wb") as f:
        np.savez_compressed(f, **arrays)
    return [folder / SCORER_JSON, folder / SCORER_NPZ]


def load(spec_bytes: bytes, npz_bytes: bytes) -> Scorer:
    """The scorer of a compiled model read from its two files' bytes (already checked against the card)."""
    import io

    spec = json.loads(spec_bytes.decode("utf-8"))
    if spec.get("format") != FORMAT:
        raise ValueError(f"compiled model format {spec.get('format')} is not {FORMAT}")
    kind = SCORERS.get(spec.get("kind", ""))
    if kind is None:
        raise ValueError(f"unknown compiled model kind {spec.get('kind')!r}")
    with np.load(io.BytesIO(npz_bytes), allow_pickle=False) as npz:
        arrays = {k: npz[k] for k in npz.files}
    return kind(spec, arrays)
