"""The tagged DataFrame's vocabulary and plumbing: label orders, theme lists, compacting, concatenating, collecting."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence

import pandas as pd

#: Function labels in the order of the labeling guide; labels outside it are appended.
FUNCTIONS: tuple[str, ...] = ("recall", "concern", "request", "decision", "position", "other")
#: Theme labels in the order of the labeling guide; labels outside it are appended.
THEMES: tuple[str, ...] = ("covid19", "south_south", "coercive_measures")
PARTS: tuple[str, ...] = ("preamble", "operative", "narrative")
#: What a missing body or year is shown as.
UNKNOWN = "(unknown)"

#: Columns :func:`compact` keeps (when present): what the statistics and the report read.
STAT_COLUMNS: tuple[str, ...] = (
    "doc_id",
    "index",
    "number",
    "part",
    "lead",
    "text",
    "function",
    "function_confidence",
    "themes",
    "theme_scores",
    "low_confidence",
    "body",
    "symbol",
    "year",
    "title",
    "source",
    "references",
    "ocr_confidence",
)

Lemmatizer = Callable[[Sequence[str]], Iterable[Sequence[str]]]
"""Takes clause texts, returns one sequence of lemmas per text, in order."""


# --- helpers -------------------------------------------------------------------------


def _ordered(found: Iterable[str], canonical: Sequence[str]) -> list[str]:
    found = {f for f in found if isinstance(f, str)}
    return [c for c in canonical if c in found] + sorted(found - set(canonical))


def _themes_of(value: object) -> list[str]:
    """A ``themes`` cell as a list, whether it came as a list, an array, a ``;`` string or nothing."""
    if value is None:
        return []
    if isinstance(value, str):
        return [t for t in value.split(";") if t]
    if isinstance(value, float) and math.isnan(value):
        return []
    return [str(t) for t in value]  # type: ignore[attr-defined]


def theme_labels(df: pd.DataFrame) -> list[str]:
    """The themes to report: those of the guide, plus any other found in ``df``."""
    found = {t for cell in df["themes"] for t in _themes_of(cell)} if "themes" in df else set()
    return list(THEMES) + sorted(found - set(THEMES))


def function_labels(df: pd.DataFrame) -> list[str]:
    """The functions to report: those of the guide, plus any other found in ``df``."""
    return list(FUNCTIONS) + sorted(set(df["function"].dropna().astype(str)) - set(FUNCTIONS))


def theme_matrix(df: pd.DataFrame) -> pd.DataFrame:
    """One boolean column per theme, one row per clause (same index as ``df``)."""
    labels = theme_labels(df)
    sets = [set(_themes_of(cell)) for cell in df["themes"]] if len(df) else []
    return pd.DataFrame({t: [t in s for s in sets] for t in labels}, index=df.index, dtype=bool)


def _years(df: pd.DataFrame) -> pd.Series:
    if "year" not in df:
        return pd.Series(pd.NA, index=df.index, dtype="Int64")
    return pd.to_numeric(df["year"], errors="coerce").astype("Int64")


def _label(series: pd.Series) -> pd.Series:
    """Strings with missing values shown as :data:`UNKNOWN`."""
    return series.astype(object).where(series.notna(), UNKNOWN).astype(str)


def _doc_meta(df: pd.DataFrame) -> pd.DataFrame:
    """``body``, ``symbol``, ``year`` of each document (first non-missing value), indexed by ``doc_id``."""
    cols = [c for c in ("body", "symbol", "year") if c in df]
    meta = (
        df.groupby("doc_id", sort=False)[cols].first()
        if cols
        else pd.DataFrame(index=pd.Index(df["doc_id"].unique(), name="doc_id"))
    )
    for c in ("body", "symbol"):
        if c not in meta:
            meta[c] = None
    meta["year"] = (
        pd.to_numeric(meta["year"], errors="coerce").astype("Int64")
        if "year" in meta
        else pd.array([pd.NA] * len(meta), dtype="Int64")
    )
    return meta[["body", "symbol", "year"]]


def compact(df: pd.DataFrame) -> pd.DataFrame:
    """Only the columns the statistics read, with repeated strings stored once (categoricals).

    The report CLI keeps this, not the full tagged frame, for each document it has tagged.
    """
    out = df[[c for c in STAT_COLUMNS if c in df]].copy()
    for c in ("doc_id", "part", "function", "body", "symbol", "title", "source"):
        if c in out:
            out[c] = out[c].astype(object).astype("category")
    if "number" in out:  # None in some documents, strings in others: one type for the concatenation
        out["number"] = [
            None if v is None or (isinstance(v, float) and math.isnan(v)) else str(v)
            for v in out["number"]
        ]
    if "year" in out:
        out["year"] = pd.to_numeric(out["year"], errors="coerce").astype("Int64")
    return out


def concat(frames: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate compact frames, keeping repeated strings as categoricals."""
    if not frames:
        return pd.DataFrame(columns=list(STAT_COLUMNS))
    out = pd.concat(frames, ignore_index=True)
    for c in ("doc_id", "part", "function", "body", "symbol", "title", "source"):
        if c in out and not isinstance(out[c].dtype, pd.CategoricalDtype):
            out[c] = out[c].astype(object).astype("category")
    return out


class Collector:
    """Gathers tagged documents one at a time into one compact frame, for corpora of any size.

    Each document is reduced with :func:`compact` as it arrives, and every ``chunk``
    documents are concatenated, so memory grows with the clauses kept, not with a
    DataFrame's fixed cost per document.

    >>> c = Collector()
    >>> c.add(pd.DataFrame({"doc_id": ["a"], "index": [0], "part": ["preamble"], "function": ["recall"], "themes": [[]]}))
    >>> len(c.frame()), c.documents
    (1, 1)
    """

    def __init__(self, chunk: int = 64) -> None:
        self.chunk = chunk
        self.documents = 0
        self.clauses = 0
        self._chunks: list[pd.DataFrame] = []
        self._pending: list[pd.DataFrame] = []

    def add(self, tagged: pd.DataFrame) -> None:
        """Keep the statistics' columns of one tagged document (or any batch of clauses)."""
        self._pending.append(compact(tagged))
        self.documents += 1
        self.clauses += len(tagged)
        if len(self._pending) >= self.chunk:
            self._chunks.append(concat(self._pending))
            self._pending = []

    def frame(self) -> pd.DataFrame:
        """Everything added so far, as one frame."""
        if self._pending:
            self._chunks.append(concat(self._pending))
            self._pending = []
        if len(self._chunks) > 1:
            self._chunks = [concat(self._chunks)]
        return self._chunks[0] if self._chunks else concat([])
