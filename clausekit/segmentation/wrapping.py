"""Paragraph breaks in text wrapped at a fixed width, read from how the lines were filled (guide decision 5.23)."""

from __future__ import annotations

from clausekit.segmentation.lines import _Line
from clausekit.segmentation.signals import _raw_width

# Room left for a proportional font or a justified PDF line: a word "fits" only with this many characters to spare.
_SLACK = 4


def word_would_fit(lines: list[_Line], prev_index: int, t: str, short_line: int) -> bool:
    """Whether the first word of ``t`` would have fitted at the end of line ``prev_index`` (0 ``short_line``: not
    wrapped text).

    Wrapping puts a word on the next line only when it does not fit on the current one, so a sentence that ends a
    line and a next line whose first word would have fitted there is a paragraph break, even when the line above
    does not stop well short of the width (``short_line`` is that width less 20, as
    :func:`~clausekit.segmentation.signals._short_line_width` gives it).
    """
    if short_line <= 0 or prev_index < 0 or not t:
        return False
    first = t.split(None, 1)[0]
    return _raw_width(lines, prev_index) + 1 + len(first) <= short_line + 20 - _SLACK
