"""Put a source's pages, layout furniture and OCR confidences on a segmented document.

Segmentation works on the text alone; what the reader learnt from the layout is added
afterwards, by offsets: a clause's ``page`` is the page holding its first character,
``page_end`` the one holding its last, ``ocr_confidence`` the mean confidence of the OCR'd
words inside its pieces.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import replace
from typing import TYPE_CHECKING

from clausekit.types import Clause, Document, Furniture

if TYPE_CHECKING:
    from clausekit.read.sources import Source


def page_at(pages: tuple[tuple[int, int], ...], starts: list[int], offset: int) -> int | None:
    """The 1-based page holding ``offset``, or None when there are no pages."""
    if not pages:
        return None
    i = bisect_right(starts, offset) - 1
    return max(0, min(i, len(pages) - 1)) + 1


def _mean_confidence(clause: Clause, conf_starts: list[int], confidences: tuple[tuple[int, int, float], ...]) -> float | None:
    values = []
    for piece in clause.pieces or ():
        i = bisect_left(conf_starts, piece.start)
        while i < len(confidences) and confidences[i][0] < piece.end:
            values.append(confidences[i][2])
            i += 1
    if not values:
        return None
    return round(sum(values) / len(values), 1)


def apply_layout(doc: Document, source: Source) -> Document:
    """``doc`` with page numbers and OCR confidences on its clauses and the layout's furniture added."""
    pages = source.pages
    starts = [a for a, _ in pages]
    conf_starts = [a for a, _, _ in source.word_confidences]
    if pages or source.word_confidences:
        clauses = []
        for c in doc.clauses:
            last = max(c.start, c.end - 1)
            clauses.append(
                replace(
                    c,
                    page=page_at(pages, starts, c.start),
                    page_end=page_at(pages, starts, last),
                    ocr_confidence=_mean_confidence(c, conf_starts, source.word_confidences) if source.word_confidences else None,
                )
            )
        doc.clauses = clauses
    if pages:
        doc.furniture = [f if f.page is not None else replace(f, page=page_at(pages, starts, f.start)) for f in doc.furniture]
    if source.furniture:
        doc.furniture = sorted([*doc.furniture, *source.furniture], key=_furniture_order)
    return doc


def _furniture_order(f: Furniture) -> tuple[int, int]:
    return (f.start, f.page or 0)
