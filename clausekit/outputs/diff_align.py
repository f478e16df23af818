"""Which clause of one version is which clause of the other: :func:`similarity_matrix` and :func:`align`.

The similarity of two clauses is the mean of two TF-IDF cosines fitted on the clauses of both
versions: one over *content* lemmas (unigrams and bigrams of the tagger's fast lemmas, French
function words left out, so "de la", "les", "à" do not make two clauses alike) and one over
character 3-5-grams (robust to OCR noise and inflection). The inverse document frequency is
computed over the two versions, so words every clause of the text uses ("droits de l'homme" in a
human-rights resolution) weigh little and the words that set a clause apart weigh most.

:func:`align` pairs clauses in three passes, as a reader does:

1. **anchors**: an optimal one-to-one assignment (scipy's ``linear_sum_assignment``) kept where
   the similarity reaches ``threshold``;
2. **gaps**: between two consecutive anchors that keep their order (and before the first, after
   the last), a clause left on each side, of the same part (preamble/operative), is the same
   paragraph rewritten when their similarity reaches ``gap_threshold`` and neither is more
   similar to a leftover outside the gap (an assignment inside the gap, so pairs stay in order);
3. **mutual best**: a clause left on each side, of the same part, that are each other's most
   similar clause in the whole other version, are paired when their similarity reaches
   ``mutual_threshold`` (a paragraph both moved and rewritten).

The two lower floors sit just past the 99th percentile of what unrelated clauses score
(``scripts/diff_null.py``: 300 pairs of ICE resolutions on different subjects; 99.4 % of
same-part clause pairs score under 0.15, and 99.3 % of clauses' best same-part match under 0.25). A
clause with nothing particular in common with any clause of the other version stays added or
removed.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Any

# Closed-class French words (articles, prepositions, conjunctions, pronouns, the auxiliaries) as
# the fast lemmatizer gives them: drafting glue, the same in any two clauses.
FUNCTION_WORDS = frozenset(
    """le la les l un une des du de d à au aux en dans par pour sur sous avec sans entre vers
    chez contre envers selon et ou ni mais car donc or que qu qui quoi dont où si se s ce cet
    cette ces ceci cela ça son sa ses leur leurs notre nos votre vos mon ma mes ton ta tes il
    elle ils elles on lui eux y ne n pas plus tout tous toute toutes même mêmes autre autres
    tel telle tels telles être avoir ainsi aussi comme afin lors lequel laquelle lesquels
    lesquelles auquel auxquels duquel desquels celui celle ceux celles""".split()
)
THRESHOLD = 0.35
GAP_THRESHOLD = 0.15
MUTUAL_THRESHOLD = 0.25


def _content(lemmas: list[str]) -> str:
    return " ".join(
        lm
        for lm in lemmas
        if lm.lower().strip("'’") not in FUNCTION_WORDS and any(c.isalnum() for c in lm)
    )


def similarity_matrix(old_texts: list[str], new_texts: list[str]) -> Any:
    """``len(old) x len(new)`` similarities in [0, 1]: mean of content-lemma and character n-gram TF-IDF cosines."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    from clausekit.lemmas.fast import lemmatize

    if not old_texts or not new_texts:
        return np.zeros((len(old_texts), len(new_texts)))
    texts = old_texts + new_texts
    lemmas = [_content(ls) for ls in lemmatize(texts)]
    if not any(lemmas):  # only function words: the character channel alone
        lemmas = texts
    total = np.zeros((len(old_texts), len(new_texts)))
    for analyzer, data, grams in (("word", lemmas, (1, 2)), ("char_wb", texts, (3, 5))):
        options = {"token_pattern": r"(?u)\b\w+\b"} if analyzer == "word" else {}
        matrix = TfidfVectorizer(
            analyzer=analyzer, ngram_range=grams, sublinear_tf=True, **options
        ).fit_transform(data)
        total += (matrix[: len(old_texts)] @ matrix[len(old_texts) :].T).toarray()
    return total / 2


def in_order(pairs: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The longest set of pairs (sorted by old index) whose new indices also increase."""
    pairs = sorted(pairs)
    tails: list[int] = []
    tail_at: list[int] = []
    back = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        pos = bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_at.append(k)
        else:
            tails[pos], tail_at[pos] = j, k
        back[k] = tail_at[pos - 1] if pos else -1
    keep, k = set(), tail_at[-1] if tail_at else -1
    while k >= 0:
        keep.add(pairs[k])
        k = back[k]
    return keep


def _assign(
    sim: Any, rows: list[int], cols: list[int], floor: float, ok: Any
) -> list[tuple[int, int]]:
    """The best one-to-one pairs among ``rows`` x ``cols`` that pass ``ok`` and reach ``floor``."""
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    if not rows or not cols:
        return []
    sub = np.array([[sim[i, j] if ok(i, j) else 0.0 for j in cols] for i in rows])
    r, c = linear_sum_assignment(-sub)
    return [
        (rows[a], cols[b])
        for a, b in zip(r, c, strict=True)
        if sub[a, b] >= floor and ok(rows[a], cols[b])
    ]


def align(
    sim: Any,
    old_parts: list[Any],
    new_parts: list[Any],
    *,
    threshold: float = THRESHOLD,
    gap_threshold: float = GAP_THRESHOLD,
    mutual_threshold: float = MUTUAL_THRESHOLD,
) -> list[tuple[int, int]]:
    """Pairs ``(old, new)`` of clause positions from a similarity matrix and each clause's part."""
    n_old, n_new = sim.shape
    pairs = _assign(sim, list(range(n_old)), list(range(n_new)), threshold, lambda i, j: True)

    def same_part(i: int, j: int) -> bool:
        return old_parts[i] == new_parts[j]

    # Pass 2: the leftovers between consecutive in-order anchors. Position only breaks weak
    # evidence: a clause more like a leftover outside its gap (a moved paragraph) is not paired
    # inside it.
    bounds = [(-1, -1), *sorted(in_order(pairs)), (n_old, n_new)]
    left_old = [i for i in range(n_old) if i not in {i for i, _ in pairs}]
    left_new = [j for j in range(n_new) if j not in {j for _, j in pairs}]
    found: list[tuple[int, int]] = []
    for (i0, j0), (i1, j1) in zip(bounds, bounds[1:], strict=False):
        rows = [i for i in left_old if i0 < i < i1]
        cols = [j for j in left_new if j0 < j < j1]
        if not rows or not cols:
            continue
        best_out_row = {
            i: max([sim[i, j] for j in left_new if not j0 < j < j1], default=0.0) for i in rows
        }
        best_out_col = {
            j: max([sim[i, j] for i in left_old if not i0 < i < i1], default=0.0) for j in cols
        }

        def fits(
            i: int, j: int, out_row: dict = best_out_row, out_col: dict = best_out_col
        ) -> bool:
            return same_part(i, j) and sim[i, j] >= max(out_row[i], out_col[j])

        found += _assign(sim, rows, cols, gap_threshold, fits)
    pairs += found
    # Pass 3: leftovers that are each other's best match in the whole other version.
    used_old, used_new = {i for i, _ in pairs}, {j for _, j in pairs}
    for i in range(n_old):
        if i in used_old or n_new == 0:
            continue
        j = int(sim[i].argmax())
        if (
            j not in used_new
            and int(sim[:, j].argmax()) == i
            and sim[i, j] >= mutual_threshold
            and same_part(i, j)
        ):
            pairs.append((i, j))
            used_old.add(i)
            used_new.add(j)
    return sorted(pairs)
