"""What marks a clause boundary beyond the line itself: the numbering going on, the width of wrapped lines,
a lead whose comma was lost, a title run into a paragraph, a second resolution, a body speaking for itself.

Predicates used by :func:`~clausekit.segmentation.boundaries._assemble`; each reads the classified lines
and, where it needs one, the clause being built (anything with ``part``, ``number`` and ``lines``).
"""

from __future__ import annotations

import re
from typing import Protocol

from clausekit.segmentation.leads import _fold_word
from clausekit.segmentation.lexicon import (
    body_reflexive,
    find_lead,
    is_reflexive_lead,
    looks_like_participle_lead,
    match_lead,
    opens_preamble,
    words,
)
from clausekit.segmentation.lines import _Line, _looks_like_title
from clausekit.segmentation.normative import is_address_formula, opens_prescription
from clausekit.segmentation.patterns import _FORMULA, _HIERARCHICAL, _NUMBERED, numbered


class _DraftLike(Protocol):
    part: str
    number: str | None
    lines: list[_Line]


def _gap_before(lines: list[_Line], i: int) -> int:
    """Blank lines directly above line ``i``."""
    n = 0
    for j in range(i - 1, -1, -1):
        if lines[j].kind != "blank":
            break
        n += 1
    return n


def _parse_number(raw: str) -> int | None:
    fixed = raw.replace("l", "1").replace("I", "1").replace("O", "0")
    return int(fixed) if fixed.isdigit() else None


_LEAD_WINDOW = 200


_BODY_SUBJECT = re.compile(r"(?:Le|La|Les|L['’])\s*[A-ZÀ-Ý]")  # "Le Comité", "La Conférence", "L'Assemblée"


def _body_speaks(t: str) -> bool:
    """"Le Comité recommande ...", "Les membres du Conseil condamnent ...": a body, then its verb in the present."""
    if not _BODY_SUBJECT.match(t):
        return False
    found = find_lead(t[:_LEAD_WINDOW], "operative")
    return found is not None and found[0] >= 2 or body_reflexive(t)


def _subjectless_verb(t: str) -> bool:
    """"Estime que ...", "Attire l'attention ...": a paragraph opening with a verb in the present whose subject
    is the body of the opening formula. French prose never leaves a finite verb without its subject, so a few
    such paragraphs make a resolution even when its formula and numbers are missing."""
    if not t[:1].isupper():
        return False  # before reading any word: most lines of prose go on a sentence in lower case
    first = words(t, 1)
    return bool(first) and match_lead(t, "operative") is not None and not looks_like_participle_lead(first[0])


_CAPITALIZED = re.compile(r"(?<![\w'’])[A-ZÀ-Ý][a-zà-ÿ]+")


def _address_at_end(t: str) -> bool:
    """A paragraph that ends with an address formula glued after its own text ("... le marasme économique ;
    La Conférence Recommande aux Ministères de l'Instruction publique :"): the list that follows is operative."""
    if t[-1:] != ":":
        return False
    tail = t[max(t.rfind(";"), t.rfind("."), len(t) - 200) + 1 :]
    return any(is_address_formula(tail[m.start() :]) for m in _CAPITALIZED.finditer(tail))


# A page number left at the end of a paragraph's text after its stop ("... à cet effet. 28", "... ; 140 —", "-177").
# Also a running header, a document symbol and its page ("... humaine. A/CONF.9/12 page 22", decision 5.29).
_TRAILING_PAGE = re.compile(
    r"([.;:!?»)])\s*(?:[A-Z]{1,8}(?:/[A-Za-z0-9.\-]+){1,6}\s+[Pp]age\s+)?(?:[-–—]{1,2}\s?)?\d{1,4}(?:\s?[-–—]{1,2})?$"
)


def _closing_mark(t: str) -> str:
    """The last character of a line, or the stop before a page number that a PDF extraction left after it."""
    if not t[-1:].isdigit() and t[-1:] not in "-–—\n":
        return t[-1:]  # _TRAILING_PAGE ends with a digit or a dash ("$" may also stand before a final "\n")
    m = _TRAILING_PAGE.search(t[-48:])
    return m.group(1) if m else t[-1:]


def _preamble_after_operative(t: str, paragraph: str) -> bool:
    """A preambular lead ending its paragraph with a comma ("Constatant que ...,") right after an operative part
    that ended with a full stop: an operative part never holds a participle clause, so another text (a second
    resolution whose formula was lost) opens its preamble."""
    first = words(t, 2)
    return (
        bool(first)
        and t[:1].isupper()
        and _fold_word(first[0]) not in ("que", "qu'")
        and match_lead(t, "preamble") is not None
        and paragraph.rstrip()[-1:] == ","
    )


def _lead_after_lost_comma(
    lines: list[_Line], i: int, t: str, current: _DraftLike | None, paragraph_gap: int, short_above: bool = False
) -> bool:
    """A preambular lead at a line start although the line above ends without punctuation (a comma lost to OCR).

    In a preamble, a capitalized lead of the lexicon ("Tenant compte", "Notant") at a line start opens the next
    clause; a lead known only by its form ("Interprétant") needs a paragraph break above it as well (a blank
    line, or in wrapped text a line above that stops well short of the width: ``short_above``).
    """
    if current is None or current.part != "preamble" or not t[:1].isupper():
        return False
    first = words(t, 2)
    if not first or _fold_word(first[0]) in ("que", "qu'"):
        return False
    if match_lead(t, "preamble") is not None:
        return True
    return (short_above or paragraph_gap == 1 and _gap_before(lines, i) >= 1) and opens_preamble(t, first)


def _opens_next_resolution(lines: list[_Line], t: str, nxt: int | None) -> bool:
    """An opening formula ("L'Assemblée générale,") whose next line opens a preamble."""
    if nxt is None or len(t) >= 130 or not _FORMULA.match(t):
        return False
    following = lines[nxt].text
    return opens_preamble(following, words(following, 2)) and _fold_word(words(following, 1)[0]) not in ("que", "qu'")


def _short_line_width(lines: list[_Line], text_lines: list[int]) -> int:
    """Below this many characters a wrapped line that ends a sentence ends its paragraph (0: not wrapped text).

    Text wrapped at a fixed width fills its lines up to that width; only a paragraph's last line stops well
    short of it. The width is the 80th percentile of the line lengths; "well short" is 20 characters less,
    more than any French word that could not fit at the end of a line.
    """
    widths = sorted(_raw_width(lines, i) for i in text_lines if not lines[i].inline)
    if len(widths) < 8:
        return 0
    width = widths[int(0.8 * (len(widths) - 1))]
    return width - 20 if width >= 40 else 0


def _raw_width(lines: list[_Line], i: int) -> int:
    """Length of the source line that line ``i`` ends (inline pieces cut from one line are measured together)."""
    if i < 0:
        return 0
    j = i
    while j > 0 and lines[j].inline:
        j -= 1
    if i + 1 < len(lines) and lines[i + 1].inline:
        return 1 << 30  # line i is not the end of its source line
    return lines[i].end - lines[j].start


def _title_first_line(current: _DraftLike | None, prev: _Line | None) -> bool:
    """Whether ``prev``, the last line of ``current``, is the first line of a title wrapped onto the next line:
    capitalized, without closing punctuation, standing after a sentence end (or opening the draft)."""
    if current is None or prev is None or not current.lines or current.lines[-1] is not prev or current.number:
        return False
    t = prev.text
    if prev.cut or len(t) > 100 or t[-1:] in ".,;:!?»)" or not _looks_like_title(t, open_end=True):
        return False
    return len(current.lines) == 1 or current.lines[-2].text[-1:] in ".;:!?"


def _continues_numbering(lines: list[_Line], i: int, expected: int, hierarchical: str | None = None) -> bool:
    """Whether the number cut at line ``i`` (a ``"seq"`` or ``"next"`` piece, or the one after a ``"title"`` piece)
    goes on the numbering: the next number, or the next of ``hierarchical``'s section ("7.2.2" after "7.2.1").
    (A restart at 1 is not taken: without the title, as the clause is written out again, nothing would tell it
    from a reference.)"""
    seq = lines[i] if lines[i].cut != "title" else lines[i + 1] if i + 1 < len(lines) and lines[i + 1].cut == "seq" else None
    if seq is not None and hierarchical and (h := _HIERARCHICAL.match(seq.text)):
        return _next_sibling(h.group(1), hierarchical)
    m = numbered(seq.text) if seq is not None else None  # also "18. 11 importe" (an OCR'd "Il")
    n = _parse_number(m.group(1)) if m else None
    return n is not None and n == expected


def _next_sibling(number: str, previous: str | None) -> bool:
    """``7.2.2`` right after ``7.2.1``: the next number of the same section."""
    if not previous:
        return False
    a, b = number.split("."), previous.split(".")
    return len(a) == len(b) and a[:-1] == b[:-1] and a[-1].isdigit() and b[-1].isdigit() and int(a[-1]) == int(b[-1]) + 1


def _is_headline(
    lines: list[_Line], i: int, prev_end: str, nxt: int | None, one_line_paragraphs: bool, paragraph_gap: int = 1
) -> bool:
    """A short title standing alone between paragraphs: no closing punctuation, the next paragraph starts anew."""
    t = lines[i].text
    if nxt is None or len(t) > 160 or t[-1:] in ",;:.!?»)…-" or not t[:1].isupper():
        return False
    if _NUMBERED.match(t) or opens_preamble(t, words(t, 2)) or match_lead(t, "operative") or opens_prescription(t):
        return False  # a lead or a prescription ("Les autorités devraient ...") is a sentence, not a title
    if prev_end and prev_end not in ".:;!?»)":
        return False  # the line goes on from a sentence above
    following = lines[nxt].text
    if not following[:1].isupper() and not following[:1].isdigit():
        return False
    if one_line_paragraphs or (_gap_before(lines, i) >= paragraph_gap and _gap_before(lines, nxt) >= paragraph_gap):
        return True
    # Wrapped text: a short title line right above a numbered paragraph ("Recommandations" / "7.2.1 ...").
    return len(t) < 60 and bool(_NUMBERED.match(following) or _HIERARCHICAL.match(following))


def _sentence_after_sentence(t: str, previous: str) -> bool:
    """``t`` opens a sentence whose participle phrase ends at a comma before a subject of its own ("Tout en
    présentant ..., elle doit ...", "S'appuyant sur ..., les auteurs devraient ..."), after ``previous``, a
    sentence (not a paragraph number alone: "40." then "Tout en ..." is that paragraph's start). The
    participle is adverbial, not a clause lead: inside a line it is the paragraph's next sentence (5.28)."""
    first = words(t, 2)
    if _LONE_NUMBER.match(previous):
        return False
    if not first or not (looks_like_participle_lead(first[0]) or is_reflexive_lead(first)):
        return False
    stop = _SENTENCE_END.search(t, 0, 400)
    return _SUBJECT_AFTER_COMMA.search(t, 0, stop.start() if stop else 400) is not None


_SENTENCE_END = re.compile(r"[.;:](?:\s|$)")
_LONE_NUMBER = re.compile(r"\d{1,3}\s?[.)]$")
_SUBJECT_AFTER_COMMA = re.compile(r",\s+(?:il|elle|ils|elles|on|les?|la|l['’]|ces?|cette|chaque|leurs?)\s*(?<=['’\s])")
