"""Paragraph numbers the numbering rules read beyond a clean "12.": numbers damaged by OCR (guide decision 5.21), sections."""

from __future__ import annotations

import re

from clausekit.segmentation.lines import _Line
from clausekit.segmentation.patterns import _NUMBERED
from clausekit.segmentation.signals import _parse_number

# "g° Que ...", "..?° Que ...": an ordinal whose digit OCR turned into a letter or punctuation.
_DAMAGED_ORDINAL = re.compile(r"^[^\s\d°]{1,3}°\s+(?=[A-ZÀ-Ý])")
_LOOKAHEAD = 60  # text lines searched for the next paragraph number


def damaged_ordinal(t: str) -> int:
    """Where the text starts after an ordinal whose digit OCR damaged ("g° Que ..." for "9° Que ..."), else 0."""
    m = _DAMAGED_ORDINAL.match(t)
    return m.end() if m else 0


def misread_number(lines: list[_Line], i: int, n: int, expected: int) -> bool:
    """Whether ``n`` at line ``i`` is the ``expected`` number with one digit misread by OCR ("41." between 43 and
    45): as many digits, one of them different, and the next paragraph number of the text is ``expected + 1``."""
    a, b = str(n), str(expected)
    if len(a) != len(b) or sum(x != y for x, y in zip(a, b, strict=True)) != 1:
        return False
    for line in lines[i + 1 : i + 1 + _LOOKAHEAD]:
        if line.kind == "text" and (m := _NUMBERED.match(line.text)):
            return _parse_number(m.group(1)) == expected + 1
    return False


def same_section(number: str, previous: str | None) -> bool:
    """``7.2`` after ``7.1``, ``7.2.1`` after ``7.2``: a hierarchical number going on in its section."""
    if not previous or "." not in previous:
        return False
    a, b = [int(x) for x in number.split(".")], [int(x) for x in previous.split(".")]
    return a[0] == b[0] and a > b
