"""Keeping only some tagged clauses: by theme, function, part or confidence.

One :class:`ClauseFilter` serves the CLI (``clausekit tag --theme covid19``), a ``--jobs``
worker (it is picklable and filters before formatting) and the API (:meth:`ClauseFilter.frame`).

>>> keep = ClauseFilter(themes=("covid19",), min_confidence=0.5)
>>> keep({"themes": ["covid19"], "function": "request", "part": "operative", "function_confidence": 0.9})
True
>>> keep({"themes": [], "function": "request", "part": "operative", "function_confidence": 0.9})
False
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from clausekit.types import PARTS

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True, slots=True)
class ClauseFilter:
    """Which clauses to keep; an empty criterion keeps everything.

    ``themes``: a clause with at least one of them; ``functions``, ``parts``: a clause with one of
    them; ``min_confidence``: a function confidence at or above it.
    """

    themes: tuple[str, ...] = ()
    functions: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()
    min_confidence: float | None = None

    def __post_init__(self) -> None:
        unknown = sorted(set(self.parts) - set(PARTS))
        if unknown:
            raise ValueError(f"unknown part {unknown[0]!r}; use one of {', '.join(PARTS)}")
        if self.min_confidence is not None and not 0 <= self.min_confidence <= 1:
            raise ValueError(f"a confidence is between 0 and 1, not {self.min_confidence}")

    @property
    def active(self) -> bool:
        return bool(self.themes or self.functions or self.parts or self.min_confidence is not None)

    def __call__(self, record: dict[str, Any]) -> bool:
        if self.themes and not set(self.themes) & set(record.get("themes") or ()):
            return False
        if self.functions and record.get("function") not in self.functions:
            return False
        if self.parts and record.get("part") not in self.parts:
            return False
        if self.min_confidence is not None:
            confidence = record.get("function_confidence")
            if not isinstance(confidence, int | float) or confidence < self.min_confidence:  # None, pd.NA
                return False
        return True

    def records(self, records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        """The records this filter keeps, in order."""
        return [r for r in records if self(r)] if self.active else list(records)

    def frame(self, df: pd.DataFrame) -> pd.DataFrame:
        """The rows of a tagged DataFrame this filter keeps (its index is reset)."""
        if not self.active:
            return df
        keep = [self(r) for r in df[["themes", "function", "part", "function_confidence"]].to_dict("records")]
        return df[keep].reset_index(drop=True)
