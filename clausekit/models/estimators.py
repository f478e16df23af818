"""Function and theme classifiers of clauses, and the rule baselines they are measured against.

All four follow the scikit-learn estimator contract: ``__init__`` stores parameters,
``fit`` learns attributes ending in ``_`` and returns ``self``.

- :class:`FunctionClassifier`: one of six functions per clause, calibrated probabilities
  (logistic regression on :class:`~clausekit.lemmas.featurizer.LemmaFeaturizer` features, sigmoid-calibrated).
- :class:`ThemeClassifier`: zero or more themes per clause; one calibrated binary model per theme,
  each with its own threshold chosen on held-out folds of the training data. Any theme found
  in the labels is learned, so users can train their own themes.
- :class:`RuleFunctionBaseline`: the lead-phrase table of :mod:`clausekit.segmentation.lexicon`; narrative -> ``other``.
- :class:`RuleThemeBaseline`: term lists per theme, with Security Council sanctions left out.

``X`` is a DataFrame of clauses (``text``, ``lead``, ``part``, optional ``position``); with
``featurizer=None`` the learned models take a numeric matrix instead (used by the estimator checks).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.calibration import CalibratedClassifierCV
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import GroupKFold, StratifiedKFold
from sklearn.preprocessing import MultiLabelBinarizer
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, column_or_1d, validate_data

from clausekit.lemmas.featurizer import LemmaFeaturizer
from clausekit.models.rules import ThemeRules, apply_lead_rules, rule_function

FUNCTIONS: tuple[str, ...] = ("recall", "concern", "request", "decision", "position", "other")
THEMES: tuple[str, ...] = ("covid19", "south_south", "coercive_measures")


def _is_frame(X: Any) -> bool:
    import pandas as pd

    return isinstance(X, pd.DataFrame)


class _Featurized(BaseEstimator):
    """Shared plumbing: the lemma featurizer on DataFrames, or a plain numeric matrix."""

    featurizer: str | None
    lead_weight: float
    featurizer_: LemmaFeaturizer | None

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True  # numeric input may be sparse (the featurizer's output is)
        return tags

    def _fit_features(self, X: Any) -> Any:
        if self.featurizer == "lemma":
            self.featurizer_ = LemmaFeaturizer(lead_weight=self.lead_weight)
            return self.featurizer_.fit_transform(X)
        if self.featurizer is not None:
            raise ValueError(f"featurizer must be 'lemma' or None, not {self.featurizer!r}")
        self.featurizer_ = None
        return validate_data(self, X, accept_sparse="csr", reset=True)

    def _features(self, X: Any) -> Any:
        check_is_fitted(self, "featurizer_")
        if self.featurizer_ is not None:
            return self.featurizer_.transform(X)
        return validate_data(self, X, accept_sparse="csr", reset=False)


def _logistic(C: float, random_state: int | None, binary: bool = False) -> LogisticRegression:
    # liblinear is much faster than lbfgs on the sparse, very imbalanced one-theme problems.
    solver = "liblinear" if binary else "lbfgs"
    return LogisticRegression(C=C, class_weight="balanced", max_iter=5000, solver=solver, random_state=random_state)


def _calibrated(C: float, y: np.ndarray, cv: int, method: str | None, random_state: int | None) -> Any:
    """A logistic regression, sigmoid-calibrated on ``cv`` stratified folds when every class allows it."""
    counts = Counter(y.tolist())
    folds = min(cv, min(counts.values()))
    base = _logistic(C, random_state, binary=len(counts) == 2)
    if method is None or folds < 2:
        return base
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=random_state)
    return CalibratedClassifierCV(base, method=method, cv=splitter)


class FunctionClassifier(ClassifierMixin, _Featurized):
    """The function of each clause (exactly one), with calibrated probabilities.

    >>> clf = FunctionClassifier().fit(frame, labels)  # doctest: +SKIP
    >>> clf.predict_proba(frame).max(axis=1)  # doctest: +SKIP
    """

    def __init__(
        self,
        C: float = 10.0,
        calibration: str | None = "sigmoid",
        cv: int = 3,
        lead_weight: float = 2.0,
        featurizer: str | None = "lemma",
        random_state: int | None = 0,
    ) -> None:
        self.C = C
        self.calibration = calibration
        self.cv = cv
        self.lead_weight = lead_weight
        self.featurizer = featurizer
        self.random_state = random_state

    def fit(self, X: Any, y: Any) -> FunctionClassifier:
        Xf = self._fit_features(X)
        y = column_or_1d(y, warn=True)  # exactly one label per clause
        if len(y) != Xf.shape[0]:
            raise ValueError(f"X has {Xf.shape[0]} rows but y has {len(y)} labels")
        check_classification_targets(y)
        self.classes_ = np.unique(y)
        if len(self.classes_) < 2:
            raise ValueError(f"FunctionClassifier needs at least 2 classes in y, got {len(self.classes_)} class")
        self.estimator_ = _calibrated(self.C, y, self.cv, self.calibration, self.random_state).fit(Xf, y)
        return self

    def predict_proba(self, X: Any) -> np.ndarray:
        check_is_fitted(self, "estimator_")
        proba = self.estimator_.predict_proba(self._features(X))
        if not hasattr(X, "columns") or "text" not in X.columns:
            return proba
        # The guide's lead rules on top of the learned model (rule 5's exception, unknown leads), as tagging does.
        parts = X["part"].fillna("").astype(str) if "part" in X.columns else [""] * len(X)
        return apply_lead_rules(proba, [str(c) for c in self.classes_], [str(t) for t in X["text"].fillna("")], list(parts))

    def predict(self, X: Any) -> np.ndarray:
        proba = self.predict_proba(X)
        return self.classes_[proba.argmax(axis=1)]


def _as_label_lists(y: Any) -> list[list[str]]:
    out: list[list[str]] = []
    for v in y:
        if v is None or (isinstance(v, float) and np.isnan(v)):
            out.append([])
        elif isinstance(v, str):
            out.append([t for t in re.split(r"[;,]", v) if t.strip()])
        else:
            out.append([str(t) for t in v])
    return out


class ThemeClassifier(_Featurized):
    """Zero or more themes per clause: one calibrated binary model and one threshold per theme.

    ``y`` is a sequence of theme lists (``[["covid19"], [], ...]``) or of ``;``-joined strings.
    ``themes`` fixes the label set (default: every theme in ``y``), so a user's own themes are
    learned like the built-in ones. Thresholds maximize F1 on out-of-fold probabilities of the
    training data, grouped by ``groups`` (default: the ``family`` column of ``X`` when present).
    A theme with fewer than ``min_positives`` examples is never predicted (recorded in ``skipped_``).
    """

    def __init__(
        self,
        themes: Sequence[str] | None = None,
        C: float = 10.0,
        calibration: str | None = "sigmoid",
        cv: int = 3,
        threshold_folds: int = 5,
        min_positives: int = 3,
        lead_weight: float = 1.0,
        featurizer: str | None = "lemma",
        random_state: int | None = 0,
    ) -> None:
        self.themes = themes
        self.C = C
        self.calibration = calibration
        self.cv = cv
        self.threshold_folds = threshold_folds
        self.min_positives = min_positives
        self.lead_weight = lead_weight
        self.featurizer = featurizer
        self.random_state = random_state

    def _binary(self, y: np.ndarray) -> Any:
        return _calibrated(self.C, y, self.cv, self.calibration, self.random_state)

    def fit(self, X: Any, y: Any, groups: Any = None) -> ThemeClassifier:
        labels = _as_label_lists(y)
        classes = list(self.themes) if self.themes is not None else sorted({t for ls in labels for t in ls})
        Y = MultiLabelBinarizer(classes=classes).fit_transform(labels) if classes else np.zeros((len(labels), 0), int)
        if groups is None and _is_frame(X) and "family" in X.columns:
            groups = X["family"].to_numpy()
        Xf = self._fit_features(X)
        self.classes_ = np.asarray(classes, dtype=object)
        self.estimators_: list[Any] = []
        self.thresholds_ = np.full(len(classes), 0.5)
        self.skipped_: dict[str, str] = {}
        folds = None
        for j, theme in enumerate(classes):
            yj = Y[:, j]
            pos = int(yj.sum())
            if pos < self.min_positives or len(yj) - pos < self.min_positives:
                self.estimators_.append(None)
                self.skipped_[theme] = f"{pos} positive examples (< {self.min_positives})"
                continue
            if folds is None:
                folds = self._folds(X, Xf, Y, groups)
            self.thresholds_[j] = self._threshold(folds, yj)
            self.estimators_.append(self._binary(yj).fit(Xf, yj))
        return self

    def _folds(self, X: Any, Xf: Any, Y: np.ndarray, groups: Any) -> list[tuple[np.ndarray, np.ndarray, Any, Any]]:
        """Held-out folds of the training data, featurized once for all themes (vocabulary refit per fold)."""
        n = Y.shape[0]
        if groups is not None:
            k = min(self.threshold_folds, len(set(groups)))
            splits = list(GroupKFold(n_splits=k).split(Xf, groups=groups)) if k >= 2 else []
        else:
            strat = Y.argmax(axis=1) * Y.any(axis=1) if Y.shape[1] else np.zeros(n)
            k = min(self.threshold_folds, max(2, min(Counter(strat.tolist()).values())))
            splits = list(StratifiedKFold(n_splits=k, shuffle=True, random_state=self.random_state).split(Xf, strat))
        out = []
        for train, test in splits:
            if self.featurizer_ is not None:  # no peeking at held-out text through the vocabulary
                fx = clone(self.featurizer_)
                out.append((train, test, fx.fit_transform(X.iloc[train]), fx.transform(X.iloc[test])))
            else:
                out.append((train, test, Xf[train], Xf[test]))
        return out

    def _threshold(self, folds: list[tuple[np.ndarray, np.ndarray, Any, Any]], yj: np.ndarray) -> float:
        """The threshold that maximizes F1 on out-of-fold probabilities (0.5 when no fold can tell)."""
        oof = np.full(len(yj), np.nan)
        for train, test, Xtr, Xte in folds:
            if yj[train].sum() < 2 or yj[train].sum() == len(train):
                continue
            oof[test] = self._binary(yj[train]).fit(Xtr, yj[train]).predict_proba(Xte)[:, 1]
        seen = ~np.isnan(oof)
        if not seen.any() or yj[seen].sum() == 0:
            return 0.5
        candidates = np.unique(np.clip(oof[seen], 0.05, 0.95))
        scores = [f1_score(yj[seen], oof[seen] >= t, zero_division=0) for t in candidates]
        best = max(scores)
        if best == 0:
            return 0.5
        # The middle of the best plateau, so a threshold is not glued to one training example.
        good = candidates[np.asarray(scores) >= best - 1e-9]
        return float(np.clip((good.min() + good.max()) / 2, 0.05, 0.95))

    def predict_proba(self, X: Any) -> np.ndarray:
        """Probability of each theme (columns in :attr:`classes_` order); skipped themes get 0."""
        check_is_fitted(self, "estimators_")
        Xf = self._features(X)
        out = np.zeros((Xf.shape[0], len(self.classes_)))
        for j, est in enumerate(self.estimators_):
            if est is not None:
                out[:, j] = est.predict_proba(Xf)[:, list(est.classes_).index(1)]
        return out

    def predict(self, X: Any) -> np.ndarray:
        """Indicator matrix ``(n_clauses, n_themes)``."""
        return (self.predict_proba(X) >= self.thresholds_).astype(int)

    def predict_themes(self, X: Any) -> list[list[str]]:
        return [list(self.classes_[row.astype(bool)]) for row in self.predict(X)]

    def score(self, X: Any, y: Any) -> float:
        """Micro-F1 of the predicted theme sets."""
        Y = MultiLabelBinarizer(classes=list(self.classes_)).fit_transform(_as_label_lists(y))
        return float(f1_score(Y, self.predict(X), average="micro", zero_division=0))


# --- rule baselines --------------------------------------------------------------------------


class RuleFunctionBaseline(ClassifierMixin, BaseEstimator):
    """The function of a clause from its lead phrase (lexicon table of section 2); narrative -> ``other``.

    ``fit`` only learns what to say when no lead phrase is known: the label distribution of
    such clauses in the training data (``fallback_``), ``default`` when there is none.
    """

    def __init__(self, default: str = "other") -> None:
        self.default = default

    def _rules(self, X: Any) -> list[str | None]:
        parts = X["part"].fillna("").astype(str) if "part" in X.columns else [""] * len(X)
        return [rule_function(str(t), p) for t, p in zip(X["text"].fillna(""), parts, strict=True)]

    def fit(self, X: Any, y: Any = None) -> RuleFunctionBaseline:
        labels = [str(v) for v in y] if y is not None else []
        self.classes_ = np.asarray(sorted(set(FUNCTIONS) | set(labels) | {self.default}), dtype=object)
        misses = [lab for lab, r in zip(labels, self._rules(X), strict=True) if r is None] if labels else []
        counts = Counter(misses) if misses else Counter({self.default: 1})
        total = sum(counts.values())
        self.fallback_ = np.asarray([counts.get(c, 0) / total for c in self.classes_])
        return self

    def predict_proba(self, X: Any) -> np.ndarray:
        check_is_fitted(self, "fallback_")
        index = {c: i for i, c in enumerate(self.classes_)}
        out = np.tile(self.fallback_, (len(X), 1))
        for i, r in enumerate(self._rules(X)):
            if r is not None:
                out[i] = 0.0
                out[i, index[r]] = 1.0
        return out

    def predict(self, X: Any) -> np.ndarray:
        return self.classes_[self.predict_proba(X).argmax(axis=1)]


#: Terms that make a theme, by theme (regular expressions, matched on lowercased text).
THEME_TERMS: dict[str, tuple[str, ...]] = {
    "covid19": (r"covid", r"coronavirus", r"sars-cov", r"\bla pandémie\b(?! (?:du|de) (?:sida|vih|grippe))"),
    "south_south": (
        r"sud[- ]sud", r"coopération triangulaire", r"\btriangulaires?\b",
        r"coopération technique entre (?:les )?pays en développement", r"plan d'action de buenos aires",
    ),
    "coercive_measures": (
        r"mesures? coercitives?", r"coercition", r"sanctions? (?:économiques? )?unilatérales?",
        r"mesures? (?:économiques? )?unilatérales?", r"\bblocus\b", r"embargos? (?:économique|commercial|financier)",
        r"extraterritoria",
    ),
}
#: Terms that veto a theme: Security Council measures and other senses of the words (guide §3, 5.7).
THEME_VETO: dict[str, tuple[str, ...]] = {
    "covid19": (r"\bsida\b", r"\bvih\b", r"ebola", r"choléra"),
    "south_south": (),
    "coercive_measures": (
        r"conseil de sécurité", r"comité (?:créé|des sanctions)", r"résolution \d{3,4} \(\d{4}\)",
        r"embargo sur les armes", r"gel des avoirs", r"interdiction de voyager", r"groupe d'experts",
        r"déclarations? unilatérales?",
    ),
}


class RuleThemeBaseline(BaseEstimator):
    """Themes from term lists, vetoed by Security Council sanctions terms.

    ``terms``/``veto`` default to :data:`THEME_TERMS`/:data:`THEME_VETO`; "la pandémie" counts for
    ``covid19`` only in texts of 2020 or later when a ``year`` column says so.
    """

    def __init__(self, terms: dict[str, Sequence[str]] | None = None, veto: dict[str, Sequence[str]] | None = None) -> None:
        self.terms = terms
        self.veto = veto

    def fit(self, X: Any = None, y: Any = None) -> RuleThemeBaseline:
        terms = self.terms if self.terms is not None else THEME_TERMS
        veto = self.veto if self.veto is not None else THEME_VETO
        self.classes_ = np.asarray(list(terms), dtype=object)
        # Plain strings, compiled on use: a model file then holds no regex objects (skops cannot rebuild them).
        self.patterns_ = {t: "|".join(f"(?:{p})" for p in terms[t]) for t in terms}
        self.vetoes_ = {t: "|".join(f"(?:{p})" for p in veto[t]) for t in terms if veto.get(t)}
        self.thresholds_ = np.full(len(self.classes_), 0.5)
        return self

    def predict_proba(self, X: Any) -> np.ndarray:
        check_is_fitted(self, "patterns_")
        texts = X["text"].fillna("").astype(str)
        years: Iterable[Any] = X["year"] if "year" in X.columns else [None] * len(X)
        return ThemeRules(self.patterns_, self.vetoes_).scores(list(self.classes_), texts, years)

    def predict(self, X: Any) -> np.ndarray:
        return (self.predict_proba(X) >= 0.5).astype(int)

    def predict_themes(self, X: Any) -> list[list[str]]:
        return [list(self.classes_[row.astype(bool)]) for row in self.predict(X)]
