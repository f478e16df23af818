"""Exact and near-duplicate documents: an OCR'd copy of a clean text, a re-issued resolution.

Two documents are compared on their clause texts, folded (accents, case, punctuation and
digits dropped), as sets of word shingles: **exact** when the folded texts are equal,
**near** when the shingles they share cover at least ``threshold`` of the smaller set (an
OCR'd copy keeps most word runs; two resolutions on one subject with the same title share
their boilerplate, not their body). Shingles found in many documents (formulas) are not used
to find candidates, so a corpus of any size is compared without looking at every pair.

Each group keeps one document, the one that reads best: more metadata known, then the cleaner
text (its ``ocr_confidence``, else fewer unknown words in its source file: OCR damage), then
more clauses, then first in the corpus.

>>> import pandas as pd
>>> text = "Rappelant sa résolution sur la coopération internationale dans le domaine des droits de l'homme"
>>> df = pd.DataFrame({"doc_id": ["a", "b", "c"], "index": [0, 0, 0],
...                    "text": [text, text.replace("é", "e"), "Décide de rester saisi de la question"]})
>>> find_duplicates(df)[["doc_id", "kept", "kind"]].values.tolist()
[['a', 'a', 'kept'], ['b', 'a', 'exact']]
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections import Counter, defaultdict

import pandas as pd

#: Columns of :func:`find_duplicates`: one row per document of a duplicate group, the kept one first.
DUPLICATE_COLUMNS = ["group", "doc_id", "kept", "kind", "similarity", "clauses"]
SHINGLE = 5

_WORD = re.compile(r"[a-z]+")


def _fold(text: str) -> list[str]:
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    # OCR reads the apostrophe-l of l'homme as I' or | ': single letters carry no meaning here.
    return [w for w in _WORD.findall(text) if len(w) > 1]


def _shingles(words: list[str]) -> set[int]:
    if len(words) < SHINGLE:
        return {zlib.crc32(" ".join(words).encode())} if words else set()
    return {
        zlib.crc32(" ".join(words[i : i + SHINGLE]).encode())
        for i in range(len(words) - SHINGLE + 1)
    }


_LETTERS = re.compile(r"[^\W\d_]+")


def _known_share(text: str) -> float:
    """Share of the words the French frequency list knows: lower on OCR-damaged text."""
    from clausekit.text.frequency import zipf

    sample = _LETTERS.findall(text.lower())[:5000]
    return sum(zipf(w) > 0 for w in sample) / len(sample) if sample else 0.0


def _quality(tagged: pd.DataFrame, docs: pd.Series, doc: str, text: str) -> float:
    """How clean a document reads: its ``ocr_confidence`` when tagging gave one, else the share of
    known words in its source file (the clause texts are already repaired), else in its clauses."""
    rows = tagged[docs == doc]
    if "ocr_confidence" in rows:
        value = pd.to_numeric(rows["ocr_confidence"], errors="coerce").mean()
        if pd.notna(value):
            return float(value)
    source = (
        rows["source"].dropna().iloc[0]
        if "source" in rows and rows["source"].notna().any()
        else None
    )
    if isinstance(source, str):
        from pathlib import Path

        try:
            return _known_share(Path(source).read_text(encoding="utf-8", errors="replace"))
        except OSError:
            pass
    return _known_share(text)


def find_duplicates(
    tagged: pd.DataFrame, *, threshold: float = 0.8, common: float = 0.2
) -> pd.DataFrame:
    """The duplicate groups of a tagged corpus, one row per member: :data:`DUPLICATE_COLUMNS`.

    ``kind`` is ``exact`` or ``near`` for the members not kept (``kept`` names the one that
    is), and ``kept`` for the kept one; ``similarity`` is the share of the smaller document's
    shingles found in the kept one. ``threshold`` is that share from which two documents are
    near-duplicates; shingles in more than ``common`` of the documents (and in more than 5)
    are ignored when looking for candidates. Documents with no duplicate are not listed.
    """
    if not len(tagged) or "text" not in tagged:
        return pd.DataFrame(columns=DUPLICATE_COLUMNS)
    docs = tagged["doc_id"].astype(str)
    order = list(dict.fromkeys(docs))
    texts = tagged["text"].fillna("").astype(str).groupby(docs, sort=False).agg("\n".join)
    words = {d: _fold(texts[d]) for d in order}
    exact: dict[str, list[str]] = defaultdict(list)
    for d in order:
        exact[" ".join(words[d])].append(d)
    shingles = {d: _shingles(words[d]) for d in order}
    frequency: Counter[int] = Counter(s for d in order for s in shingles[d])
    too_common = max(5, int(common * len(order)))
    index: dict[int, list[str]] = defaultdict(list)
    for d in order:
        for s in shingles[d]:
            if frequency[s] <= too_common:
                index[s].append(d)
    parent = {d: d for d in order}

    def root(d: str) -> str:
        while parent[d] != d:
            parent[d] = parent[parent[d]]
            d = parent[d]
        return d

    similarity: dict[tuple[str, str], float] = {}
    for members in exact.values():
        for other in members[1:]:
            parent[root(other)] = root(members[0])
            similarity[(members[0], other)] = similarity[(other, members[0])] = 1.0
    for d in order:
        shared: Counter[str] = Counter(
            o for s in shingles[d] if frequency[s] <= too_common for o in index[s] if o > d
        )
        for other, n in shared.items():
            smaller = min(len(shingles[d]), len(shingles[other])) or 1
            if n / smaller < threshold * 0.5:  # a cheap bound: the full overlap is counted next
                continue
            overlap = len(shingles[d] & shingles[other]) / smaller
            if overlap >= threshold:
                parent[root(other)] = root(d)
                similarity[(d, other)] = similarity[(other, d)] = max(
                    overlap, similarity.get((d, other), 0.0)
                )
    groups: dict[str, list[str]] = defaultdict(list)
    for d in order:
        groups[root(d)].append(d)
    clauses = docs.value_counts()
    known = _metadata_known(tagged, docs)
    rows = []
    for number, members in enumerate((m for m in groups.values() if len(m) > 1), start=1):
        rank = {
            d: (
                -known.get(d, 0),
                -_quality(tagged, docs, d, texts[d]),
                -int(clauses[d]),
                order.index(d),
            )
            for d in members
        }
        members = sorted(members, key=rank.__getitem__)
        kept = members[0]
        rows.append((number, kept, kept, "kept", 1.0, int(clauses[kept])))
        for d in members[1:]:
            sim = similarity.get((kept, d)) or len(shingles[d] & shingles[kept]) / (
                min(len(shingles[d]), len(shingles[kept])) or 1
            )
            kind = "exact" if " ".join(words[d]) == " ".join(words[kept]) else "near"
            rows.append((number, d, kept, kind, round(sim, 4), int(clauses[d])))
    return pd.DataFrame(rows, columns=DUPLICATE_COLUMNS)


def _metadata_known(tagged: pd.DataFrame, docs: pd.Series) -> dict[str, int]:
    cols = [c for c in ("body", "symbol", "year", "title") if c in tagged]
    if not cols:
        return {}
    known = tagged[cols].notna().groupby(docs, sort=False).any().sum(axis=1)
    return {str(k): int(v) for k, v in known.items()}


def drop_duplicates(tagged: pd.DataFrame, duplicates: pd.DataFrame) -> pd.DataFrame:
    """``tagged`` without the clauses of the documents :func:`find_duplicates` did not keep."""
    dropped = set(duplicates.loc[duplicates["kind"] != "kept", "doc_id"])
    if not dropped:
        return tagged
    return tagged[~tagged["doc_id"].astype(str).isin(dropped)].reset_index(drop=True)
