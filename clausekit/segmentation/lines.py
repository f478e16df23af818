"""Lines of the analysis text, each classified: blank, page furniture, footnote, asterisk note, URL, clause start, text."""

from __future__ import annotations

from dataclasses import dataclass

from clausekit.segmentation.lexicon import looks_like_participle_lead, match_lead, words
from clausekit.segmentation.patterns import (
    _ASTERISK_NOTE,
    _FOOTNOTE,
    _MONTHS,
    _NUMBERED,
    _PAGE_HEADER,
    _PAGE_NUMBER,
    _SEPARATOR,
    _URL,
)


@dataclass(slots=True)
class _Line:
    start: int  # offsets in the analysis text, without the newline
    end: int
    text: str  # stripped
    kind: str = "text"
    number: str | None = None
    body_start: int = 0  # offset in the analysis text where the clause text begins (after a number)


_FURNITURE_KINDS = {
    "url": "url",
    "page_number": "page_number",
    "page_header": "page_header",
    "separator": "separator",
    "footnote": "footnote",
    "footnote_cont": "footnote",
    "asterisk_note": "asterisk_note",
    "asterisk_cont": "asterisk_note",
}


# --- lines ---------------------------------------------------------------------------


def _split_lines(text: str) -> list[_Line]:
    lines = []
    pos = 0
    for raw in text.split("\n"):
        end = pos + len(raw)
        stripped = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        lines.append(_Line(pos + lead, pos + lead + len(stripped), stripped))
        pos = end + 1
    return lines


def _is_double_spaced(lines: list[_Line]) -> bool:
    """Text extracted from some PDFs has a blank line after every line."""
    nonblank = [i for i, line in enumerate(lines) if line.text]
    if len(nonblank) < 6:
        return False
    gaps = [b - a for a, b in zip(nonblank, nonblank[1:], strict=False)]
    return sum(g == 2 for g in gaps) / len(gaps) > 0.7


def _classify(lines: list[_Line], double_spaced: bool) -> None:
    """Set each line's kind. Furniture first; clause starts are decided in :func:`_assemble`."""
    last_footnote = 0
    in_note: str | None = None  # "footnote" or "asterisk" while a note continues
    prev_blank = True
    for line in lines:
        t = line.text
        if not t:
            line.kind = "blank"
            if not double_spaced:
                in_note = None
            prev_blank = True
            continue
        if _URL.match(t):
            line.kind = "url"
            in_note = None
        elif _SEPARATOR.match(t):
            line.kind = "separator"
        elif (
            (m := _FOOTNOTE.match(t))
            and _is_footnote(int(m.group(1)), m.group(2), last_footnote)
            and (not _PAGE_HEADER.match(t) or t.endswith("."))
        ):
            line.kind = "footnote"
            last_footnote = int(m.group(1))
            in_note = "footnote"
        elif _PAGE_HEADER.match(t):
            line.kind = "page_header"
            in_note = None
        elif _PAGE_NUMBER.match(t) and (prev_blank or in_note):
            line.kind = "page_number"
            in_note = None
        elif (m := _ASTERISK_NOTE.match(t)) and not t.startswith("**)"):
            line.kind = "asterisk_note"
            in_note = "asterisk"
        elif in_note and not _NUMBERED.match(t) and not _starts_clause_word(t):
            line.kind = f"{in_note}_cont"
        else:
            in_note = None
            line.kind = "text"
        if (
            in_note
            and t.endswith(".")
            and line.kind in ("footnote", "footnote_cont", "asterisk_note", "asterisk_cont")
        ):
            in_note = None  # a note ends with its full stop
        prev_blank = False


def _is_footnote(n: int, rest: str, last: int) -> bool:
    """``"3 Voir la résolution 74/2"`` is a footnote; ``"4 décembre 2020, la réunion"`` is not."""
    first = rest.split()[0]
    if first.lower().strip(",.") in _MONTHS or not (
        first[0].isupper() or first[0] in "«(\"'" or "/" in first
    ):
        return False
    return last < n <= last + 3


def _starts_clause_word(t: str) -> bool:
    first = words(t, 1)
    return bool(first) and (
        looks_like_participle_lead(first[0]) or match_lead(t, "operative") is not None
    )
