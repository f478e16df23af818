"""French lemma features of clauses, as a scikit-learn transformer.

:class:`LemmaFeaturizer` turns a DataFrame of clauses (columns ``text``, ``lead``,
``part`` and optionally ``position``) into one sparse matrix made of four blocks:

- ``text__``: TF-IDF of lowercased lemma uni- and bigrams of the whole clause;
- ``lead__``: the lemmas of the lead phrase, as their own block (the lead decides the function);
- ``part__``: one-hot ``preamble`` / ``operative`` / ``narrative``;
- ``position``: the clause's relative position in its document (0 first, 1 last).

The lemmas come from :mod:`clausekit.lemmas.frames` (spaCy's ``fr_core_news_sm`` with the lead-verb
fix, or the fast path), whose names are re-exported here for convenience.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.utils.validation import check_is_fitted

from clausekit.lemmas.frames import LEXICON_FUNCTIONS, columns, joined, lexicon_onehot
from clausekit.types import PARTS


def _is_frame(X: Any) -> bool:
    import pandas as pd

    return isinstance(X, pd.DataFrame)

# --- the transformer -------------------------------------------------------------------------


class LemmaFeaturizer(TransformerMixin, BaseEstimator):
    """Sparse lemma features of a DataFrame of clauses.

    Parameters
    ----------
    ngram_range : n-gram sizes of the clause-text block.
    min_df : minimum document frequency of a text n-gram.
    max_features : cap on the text block's vocabulary (None: no cap).
    lead_weight : multiplier of the lead-phrase block, so a short lead is not drowned by the text.
    use_part, use_position : include the part one-hot and the relative position.
    lexicon_weight : weight of a one-hot of the function the lead-phrase table gives (0: left out),
        so the model can learn when to trust the table of the labeling guide.
    """

    def __init__(
        self,
        ngram_range: tuple[int, int] = (1, 2),
        min_df: int = 1,
        max_features: int | None = 50_000,
        lead_weight: float = 1.0,
        use_part: bool = True,
        use_position: bool = True,
        lexicon_weight: float = 1.0,
    ) -> None:
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.max_features = max_features
        self.lead_weight = lead_weight
        self.use_part = use_part
        self.use_position = use_position
        self.lexicon_weight = lexicon_weight

    def _columns(self, X: Any) -> tuple[list[str], list[str], list[str], np.ndarray]:
        if not _is_frame(X):
            raise TypeError(f"{type(self).__name__} expects a DataFrame with columns text, lead, part; got {type(X).__name__}")
        return columns(X)

    def fit(self, X: Any, y: Any = None) -> LemmaFeaturizer:
        texts, leads, _, _ = self._columns(X)
        self.text_vectorizer_ = TfidfVectorizer(
            token_pattern=r"\S+", lowercase=False, ngram_range=self.ngram_range, min_df=self.min_df,
            max_features=self.max_features, sublinear_tf=True,
        ).fit(joined(texts))
        self.lead_vectorizer_ = TfidfVectorizer(
            token_pattern=r"\S+", lowercase=False, ngram_range=(1, 2), norm="l2", use_idf=False,
        ).fit([s or "<none>" for s in joined(leads)])
        for vectorizer in (self.text_vectorizer_, self.lead_vectorizer_):
            # Plain ints, not numpy scalars: skops stores each numpy scalar as its own object,
            # which made loading the model take seconds.
            vectorizer.vocabulary_ = {term: int(i) for term, i in vectorizer.vocabulary_.items()}
        self.n_features_out_ = len(self.get_feature_names_out())
        return self

    def transform(self, X: Any) -> sp.csr_matrix:
        check_is_fitted(self, "text_vectorizer_")
        texts, leads, parts, pos = self._columns(X)
        blocks = [
            self.text_vectorizer_.transform(joined(texts)),
            self.lead_vectorizer_.transform([s or "<none>" for s in joined(leads)]) * self.lead_weight,
        ]
        if self.use_part:
            onehot = np.array([[p == q for q in PARTS] for p in parts], dtype=float).reshape(len(parts), len(PARTS))
            blocks.append(sp.csr_matrix(onehot))
        if self.use_position:
            blocks.append(sp.csr_matrix(pos.reshape(-1, 1)))
        if self.lexicon_weight:
            blocks.append(sp.csr_matrix(lexicon_onehot(texts, parts) * self.lexicon_weight))
        return sp.hstack(blocks, format="csr")

    def get_feature_names_out(self, input_features: Sequence[str] | None = None) -> np.ndarray:
        check_is_fitted(self, "text_vectorizer_")
        names = [f"text__{n}" for n in self.text_vectorizer_.get_feature_names_out()]
        names += [f"lead__{n}" for n in self.lead_vectorizer_.get_feature_names_out()]
        if self.use_part:
            names += [f"part__{p}" for p in PARTS]
        if self.use_position:
            names.append("position")
        if self.lexicon_weight:
            names += [f"lexicon__{f}" for f in LEXICON_FUNCTIONS]
        return np.asarray(names, dtype=object)
