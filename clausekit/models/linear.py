"""The arithmetic of the compiled linear models: TF-IDF features of lemma n-grams, sparse products, calibrated probabilities.

What :mod:`clausekit.models.scoring`'s linear scorers compute, with numpy alone (no scikit-learn or
scipy), reproducing ``predict_proba`` of the fitted estimators to floating-point rounding.
"""

from __future__ import annotations

import re
from collections import _count_elements  # type: ignore[attr-defined]  # Counter's counting loop (C, with a Python fallback)
from collections.abc import Iterable, Sequence
from itertools import chain, repeat
from typing import TYPE_CHECKING, Any

import numpy as np

from clausekit.types import PARTS

if TYPE_CHECKING:
    from clausekit.lemmas.frames import Clauses

_TOKEN = re.compile(r"\S+")  # the featurizer's token_pattern
_MEMO_SIZE = 100_000  # a bound on the remembered documents of a long-running process


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
        out = np.bincount(bins, weights=weighted.ravel(), minlength=self.n * k)
        # numpy gives int64 zeros when nothing is stored (clauses with no known word): keep floats
        return out.astype(float, copy=False).reshape(self.n, k)


class _Tfidf:
    """``TfidfVectorizer.transform`` of one fitted vectorizer (whitespace tokens, l2 norm)."""

    def __init__(self, terms: list[str], idf: np.ndarray | None, ngram_range: Sequence[int], sublinear: bool,
                 *, remember: bool = False) -> None:
        self.vocabulary = {t: i for i, t in enumerate(terms)}
        # ``remember``: the counts of each document, for a vectorizer whose documents repeat (lead phrases)
        self.memo: dict[str, dict[int, int]] | None = {} if remember else None
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
        get, memo = self.keyed.get, self.memo
        rows: list[int] = []
        cols: list[int] = []
        counts: list[int] = []
        for r, doc in enumerate(docs):
            found = memo.get(doc) if memo is not None else None
            if found is None:
                found = {}  # counted in C as Counter() counts, without its Python-level set-up
                _count_elements(found, map(get, self._ngrams(doc), repeat(-1)))  # -1: not in the vocabulary
                found.pop(-1, None)
                if memo is not None:
                    if len(memo) >= _MEMO_SIZE:
                        memo.clear()
                    memo[doc] = found
            rows += [r] * len(found)
            cols += found.keys()
            counts += found.values()
        rows_a, cols_a = np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64)
        vals: np.ndarray = np.asarray(counts, dtype=np.float64)
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
        self.lead = _Tfidf(spec["lead_terms"], None, (1, 2), False, remember=True)
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
            # einsum's own loops, not a BLAS matmul: a row's numbers are then the same whatever the other
            # rows of the batch (one document, or several tagged together; tests/test_batch_tagging.py)
            out += np.einsum("ij,jk->ik", np.hstack(dense), Wt[base:])
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
