"""Characteristic lemmas: the words that set a function or a theme apart from the rest of a corpus."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

import pandas as pd

from clausekit.outputs.tables import Lemmatizer, theme_matrix

# --- lemmas ----------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# French function words (and a few ubiquitous verbs) left out of the characteristic lemmas.
_STOP = frozenset(
    """au aux avec ce ces dans de des du elle en et eux il ils je la le les leur leurs lui ma mais
    me même mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes
    toi ton tu un une vos votre vous c d j l à m n s t y été être avoir ont est sont cette celle
    celui ceux dont où ainsi afin entre sans sous tous tout toute toutes lors également notamment
    compris aussi autre autres""".split()  # noqa: SIM905  (a word list reads better as text)
)


def _is_content(lemma: str) -> bool:
    return len(lemma) >= 3 and lemma not in _STOP and _WORD.fullmatch(lemma) is not None


def simple_lemmas(texts: Sequence[str]) -> list[list[str]]:
    """A dependency-free stand-in for lemmatization: lowercase words of 3+ letters, French stop words removed.

    >>> simple_lemmas(["Rappelant la coopération Sud-Sud,"])
    [['rappelant', 'coopération', 'sud-sud']]
    """
    out = []
    for text in texts:
        words = (w.lower().replace("’", "'") for w in _WORD.findall(text or ""))
        out.append(
            [
                w.split("'")[-1]
                for w in words
                if len(w) >= 3 and w.split("'")[-1] not in _STOP and len(w.split("'")[-1]) >= 3
            ]
        )
    return out


def default_lemmatizer() -> Lemmatizer:
    """:func:`clausekit.lemmas.frames.lemmatize` when the project provides it, else :func:`simple_lemmas`."""
    try:
        from clausekit.lemmas import frames as features
    except ImportError:
        return simple_lemmas
    fn = getattr(features, "lemmatize", None)
    return fn if callable(fn) else simple_lemmas


def characteristic_lemmas(
    df: pd.DataFrame,
    *,
    lemmatize: Lemmatizer | None = None,
    top: int = 15,
    min_count: int = 2,
    examples: int = 3,
    prior: float = 0.01,
) -> pd.DataFrame:
    """The lemmas that most set each theme's clauses apart from the other clauses.

    Scores are log-odds ratios with an informative Dirichlet prior (Monroe, Colaresi
    and Quinn 2008, "Fightin' words"), as z-scores, over lemma counts in clauses
    with the theme against clauses without it; a lemma must occur in at least
    ``min_count`` theme clauses. ``lemmatize`` turns clause texts into lemma lists
    (default :func:`default_lemmatizer`). Returns ``theme, rank, lemma, count,
    count_elsewhere, log_odds, z, examples`` (up to ``examples`` clauses as
    ``doc_id:index``), ``example`` (the first example's text, shortened).
    """
    cols = [
        "theme",
        "rank",
        "lemma",
        "count",
        "count_elsewhere",
        "log_odds",
        "z",
        "examples",
        "example",
    ]
    themes = theme_matrix(df)
    if not len(df) or not themes.to_numpy().any():
        return pd.DataFrame(columns=cols)
    lemmatize = lemmatize or default_lemmatizer()
    texts = df["text"].fillna("").astype(str).tolist()
    unique = list(dict.fromkeys(texts))  # boilerplate clauses recur across a corpus
    lemma_lists = [list(ls) for ls in lemmatize(unique)]
    if len(lemma_lists) != len(unique):
        raise ValueError(
            f"lemmatize returned {len(lemma_lists)} lemma lists for {len(unique)} texts"
        )
    # Function words and numbers say nothing about a theme, whichever lemmatizer kept them.
    by_text = {
        t: Counter(lemma for lemma in ls if _is_content(lemma))
        for t, ls in zip(unique, lemma_lists, strict=True)
    }
    counts = [by_text[t] for t in texts]
    corpus: Counter[str] = Counter()
    for c in counts:
        corpus.update(c)
    n_all = sum(corpus.values())
    alpha0 = prior * n_all  # prior strength proportional to the corpus, as in Monroe et al.
    keys = list(zip(df["doc_id"].astype(str), df["index"], strict=True))
    rows = []
    for t in themes.columns:
        mask = themes[t].to_numpy()
        if not mask.any():
            continue
        inside: Counter[str] = Counter()
        presence: Counter[str] = Counter()
        for c, m in zip(counts, mask, strict=True):
            if m:
                inside.update(c)
                presence.update(c.keys())
        n_in = sum(inside.values())
        n_out = n_all - n_in
        scored = []
        for lemma, y_in in inside.items():
            if presence[lemma] < min_count:
                continue
            y_out = corpus[lemma] - y_in
            a = alpha0 * corpus[lemma] / n_all
            delta = math.log((y_in + a) / (n_in + alpha0 - y_in - a)) - math.log(
                (y_out + a) / (n_out + alpha0 - y_out - a)
            )
            z = delta / math.sqrt(1 / (y_in + a) + 1 / (y_out + a))
            scored.append((z, delta, lemma, y_in, y_out))
        scored.sort(key=lambda s: (-s[0], s[2]))
        for rank, (z, delta, lemma, y_in, y_out) in enumerate(scored[:top], start=1):
            hits = [
                i for i, (c, m) in enumerate(zip(counts, mask, strict=True)) if m and lemma in c
            ][:examples]
            refs = "; ".join(f"{keys[i][0]}:{keys[i][1]}" for i in hits)
            first = texts[hits[0]] if hits else ""
            rows.append(
                (
                    t,
                    rank,
                    lemma,
                    y_in,
                    y_out,
                    delta,
                    z,
                    refs,
                    first if len(first) <= 160 else first[:159] + "…",
                )
            )
    return pd.DataFrame(rows, columns=cols).astype(
        {"rank": "int64", "count": "int64", "count_elsewhere": "int64"}
    )
