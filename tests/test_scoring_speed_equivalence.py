"""The faster TF-IDF transform and sparse product of the compiled scorers give exactly what their first forms gave.

:class:`clausekit.models.linear._Tfidf` looks n-grams up as tuples of tokens split with
``str.split`` (the first form joined each n-gram into a string of ``\\S+`` tokens);
:meth:`clausekit.models.linear._Sparse.dot` gathers every column's weights at once (the first form
gathered one column at a time); the counts go into a plain dict by Counter's C loop and, for the lead
vectorizer, are remembered per document (the first form built a Counter per document). Both references are kept here and compared bit for bit.
"""

from __future__ import annotations

from collections import Counter
from itertools import repeat

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from clausekit.models.linear import _TOKEN, _Sparse, _Tfidf

TOKENS = ["de", "la", "paix", "sécurité", "conseil", "décide", "rappelle", "l'", "-", "1.", "a"]
TERMS = [*TOKENS, "de la", "la paix", "conseil de", "de sécurité", "la paix sécurité", "décide de la"]
SEPARATORS = [" ", "  ", "\t", "\n", "\u00a0", "\u2003", "\x1c", "\u3000"]


def reference_transform(tfidf: _Tfidf, docs: list[str]) -> tuple[list[int], list[int], list[float]]:
    rows, cols, counts = [], [], []
    for r, doc in enumerate(docs):
        tokens = _TOKEN.findall(doc)
        grams = list(tokens) if tfidf.n_min == 1 else []
        for n in range(max(2, tfidf.n_min), tfidf.n_max + 1):
            grams += [" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]
        found = Counter(map(tfidf.vocabulary.get, grams, repeat(-1)))
        found.pop(-1, None)
        rows += [r] * len(found)
        cols += found.keys()
        counts += found.values()
    return rows, cols, counts


def reference_dot(sparse: _Sparse, Wt: np.ndarray) -> np.ndarray:
    out = np.zeros((sparse.n, Wt.shape[1]))
    for j in range(Wt.shape[1]):
        out[:, j] = np.bincount(sparse.rows, weights=Wt[sparse.cols, j] * sparse.vals, minlength=sparse.n)
    return out


doc = st.lists(st.tuples(st.sampled_from(TOKENS), st.sampled_from(SEPARATORS)), max_size=12).map(
    lambda pairs: "".join(t + s for t, s in pairs)
)


@settings(max_examples=300, deadline=None)
@given(st.lists(doc, min_size=1, max_size=6), st.sampled_from([(1, 1), (1, 2), (1, 3), (2, 3)]), st.booleans(),
       st.lists(st.integers(min_value=0, max_value=5), max_size=8))
def test_scoring_tfidf_ngrams_match_the_joined_strings(docs: list[str], ngram_range: tuple[int, int], remember: bool,
                                                       again: list[int]) -> None:
    """Counted in C into a plain dict, and (``remember``, the lead vectorizer) each document's counts kept:
    a document repeated in the batch or in a later batch gives the same row."""
    terms = [t for t in TERMS if ngram_range[0] <= len(t.split(" ")) <= ngram_range[1]]
    tfidf = _Tfidf(terms, np.linspace(1.0, 2.0, len(terms)), ngram_range, sublinear=True, remember=remember)
    tfidf.transform([docs[k % len(docs)] for k in again])  # an earlier batch
    docs = docs + [docs[k % len(docs)] for k in again]  # and repeats within this one
    got = tfidf.transform(docs)
    rows, cols, counts = reference_transform(tfidf, docs)
    assert got.rows.tolist() == rows and got.cols.tolist() == cols
    vals = np.log(np.asarray(counts, dtype=float)) + 1.0
    vals = vals * tfidf.idf[np.asarray(cols, dtype=np.int64)]
    norms = np.sqrt(np.bincount(np.asarray(rows, dtype=np.int64), weights=vals * vals, minlength=len(docs)))
    np.testing.assert_array_equal(got.vals, vals / np.where(norms > 0, norms, 1.0)[np.asarray(rows, dtype=np.int64)])
    Wt = np.random.default_rng(len(docs)).normal(size=(len(terms), 7))
    np.testing.assert_array_equal(got.dot(Wt), reference_dot(got, Wt))


def test_scoring_calibrated_folds_at_once_match_fold_by_fold() -> None:
    """The shipped function model's probabilities, all calibration folds at once, against :func:`_linear_proba`."""
    from clausekit.models.linear import _calibrated_folds, _calibrated_proba, _linear_proba
    from clausekit.models.registry import load_scorer

    scorer = load_scorer("function")
    n_classes = len(scorer.classes_)
    order = _calibrated_folds(scorer.arrays, "", n_classes)
    assert order is not None and scorer.folds is not None
    rng = np.random.default_rng(0)
    k = len(scorer.arrays["target"])
    decisions = [rng.normal(scale=s, size=(50, k)) for s in (0.1, 3.0, 40.0, 1e4)]
    decisions += [np.zeros((3, k)), np.zeros((0, k)), np.full((2, k), 1e308), np.full((2, k), -1e308)]
    for decision in decisions:
        np.testing.assert_array_equal(
            _calibrated_proba(scorer.arrays, "", decision, order), _linear_proba(scorer.arrays, "", decision, n_classes)
        )


def test_scoring_calibrated_folds_only_for_one_vs_rest_over_every_class() -> None:
    from clausekit.models.linear import _calibrated_folds

    arrays = {"target": np.array([0, 1, 2, 0, 1, 1]), "fold": np.array([0, 0, 0, 1, 1, 1]),
              "cal_a": np.ones(6), "cal_b": np.zeros(6)}
    assert _calibrated_folds(arrays, "", 3) is None  # fold 1 lacks class 2
    arrays["target"] = np.array([0, 1, 2, 2, 0, 1])
    assert _calibrated_folds(arrays, "", 3).tolist() == [[0, 1, 2], [4, 5, 3]]
    assert _calibrated_folds({**arrays, "cal_a": np.full(6, np.nan)}, "", 3) is None  # plain logistic regression
