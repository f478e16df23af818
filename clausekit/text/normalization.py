"""The analysis text: a normalized copy of the original with a map back to it.

Every rewrite (NFC, apostrophes, spaces, ligatures, OCR repair) goes through
:class:`Rewriter`, which keeps, for each character of the analysis text, the
span of the original it came from. Line structure is kept: segmentation works
on lines, and line-break hyphenation is undone when a clause's text is built.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Callable
from dataclasses import dataclass

from clausekit.text.drafts import draft_edits

Replacement = str | Callable[[re.Match[str]], str]


@dataclass(frozen=True, slots=True)
class Normalized:
    """Analysis ``text`` and, per character, the original ``[starts[i], ends[i])`` it came from."""

    text: str
    starts: array  # array('q'): 8 bytes a character, where a list of ints costs about 36
    ends: array
    original_length: int
    ocr_repaired: bool = False

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the analysis text to the span of the original it came from."""
        if start >= end:
            pos = self.starts[start] if start < len(self.starts) else self.original_length
            return pos, pos
        return self.starts[start], self.ends[end - 1]


# Offsets 0, 1, 2, ... for the identity map of a new text, cut from one array kept for the purpose:
# a slice is a memory copy, where array("q", range(n)) costs some 80 ns a character, which was
# a third of the time of normalizing a clean text. The kept array grows to the longest text seen,
# up to the cap (2 M characters, 16 MB); longer texts build their own.
_IDENTITY_CAP = 1 << 21
_identity = array("q")


def _offsets(start: int, stop: int) -> array:
    """``array("q", range(start, stop))``."""
    global _identity
    if stop > len(_identity):
        if stop > _IDENTITY_CAP:
            return array("q", range(start, stop))
        _identity = array("q", range(min(max(stop, 2 * len(_identity)), _IDENTITY_CAP)))
    return _identity[start:stop]


class Rewriter:
    """Apply regex rewrites to a text while keeping the offset map to the original."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = _offsets(0, len(text))
        self.ends = _offsets(1, len(text) + 1)
        self.length = len(text)

    def sub(self, pattern: re.Pattern[str], repl: Replacement) -> Rewriter:
        """Replace every match; replacement characters map to the whole matched original span."""
        if pattern.search(self.text) is None:
            return self
        # m.expand() parses its template again at every match; a template without "\\" is its own expansion.
        literal = isinstance(repl, str) and "\\" not in repl
        edits: list[tuple[int, int, str]] = []
        for m in pattern.finditer(self.text):
            new = str(repl) if literal else repl(m) if callable(repl) else m.expand(repl)
            if new != m.group(0):
                edits.append((m.start(), m.end(), new))
        return self.apply(edits)

    def apply(self, edits: list[tuple[int, int, str]]) -> Rewriter:
        """Apply sorted, non-overlapping ``(start, end, replacement)`` edits."""
        if not edits:
            return self
        text, starts, ends = self.text, self.starts, self.ends
        out: list[str] = []
        new_starts = array("q")
        new_ends = array("q")
        pos = 0
        for a, b, new in edits:
            if a < pos:
                continue  # overlapping edit: the earlier one wins
            out.append(text[pos:a])
            new_starts.extend(starts[pos:a])
            new_ends.extend(ends[pos:a])
            if new:
                if a < b:
                    span_start, span_end = starts[a], ends[b - 1]
                else:  # an insertion maps to the point where it was inserted
                    span_start = span_end = starts[a] if a < len(starts) else self.length
                out.append(new)
                new_starts.extend(array("q", [span_start]) * len(new))
                new_ends.extend(array("q", [span_end]) * len(new))
            pos = b
        out.append(text[pos:])
        new_starts.extend(starts[pos:])
        new_ends.extend(ends[pos:])
        self.text, self.starts, self.ends = "".join(out), new_starts, new_ends
        return self

    def result(self, *, ocr_repaired: bool = False) -> Normalized:
        return Normalized(self.text, self.starts, self.ends, self.length, ocr_repaired)


_NEWLINES = re.compile(r"\r\n?|\u2028|\u2029|\x85")
_FORMFEED = re.compile(r"\f")
_COMBINING = re.compile(r".[\u0300-\u036f]+", re.S)
# The leading look-ahead only saves time: the look-behind is tried at an apostrophe, not everywhere.
_APOSTROPHES = re.compile(
    r"(?=[\u2019\u2018\u02bc\u02bb\u00b4\u0060\u2032])"
    r"(?:[\u2019\u2018\u02bc\u02bb\u00b4\u0060\u2032](?=\w)|(?<=\w)[\u2019\u02bc\u00b4\u2032])"
)
_OPEN_QUOTES = re.compile(r"\u201c|\u201e|<<")
_CLOSE_QUOTES = re.compile(r"\u201d|>>")
_SPACES = re.compile(r"[\u00a0\u202f\u2000-\u200a\u205f\u3000\t\v]")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_ASTERISKS = re.compile(r"[\u2217\u204e\u2731]")
_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"}
_LIGATURE_RE = re.compile("[" + "".join(_LIGATURES) + "]")
# Markdown emphasis and headings, as text pasted from a wiki, a notebook or a converter carries them:
# "*Rappelant* ...", "**Décide** ...", "_Notant_", "# Résolution 2999 (2026)". Emphasis is a pair of markers on
# one line, each against a word; a UN footnote asterisk ("(2026)*", "* Nouveau tirage") is not.
_EMPHASIS = re.compile(r"(?<![\w*\\])(\*\*|\*|__|_)(?=[^\s*_])([^\n*_]{1,300}?)(?<=[^\s*_\\])\1(?![\w*])")
_MD_HEADING = re.compile(r"^#{1,6}[ \t]+(\S)", re.MULTILINE)  # its first word's letter takes the marks' span
# Every match of a pattern above contains one of these characters. A text without any (most text
# that has been through a UN word processor) is its own analysis text: one scan instead of eleven.
_REWRITE_TRIGGERS = re.compile(
    r"[\r\u2028\u2029\x85\f\u0300-\u036f"  # line breaks, combining marks
    r"\u2019\u2018\u02bc\u02bb\u00b4\u0060\u2032\u201c\u201e\u201d<>"  # apostrophes, quotes
    r"\u00a0\u202f\u2000-\u200a\u205f\u3000\t\v\u200b-\u200d\u2060\ufeff\u00ad\x00-\x08\x0e-\x1f\x7f"  # spaces, controls
    r"\u2217\u204e\u2731\ufb00-\ufb06]"  # asterisks, ligatures
)


def _unmarked(m: re.Match[str]) -> tuple[tuple[int, int, str], ...]:
    """Edits that drop an emphasis's markers: its first and last characters take the markers' original span
    with theirs (no character of the original is left out of every span), those inside keep their own."""
    a, b, inner = m.start(2), m.end(2), m.group(2)
    if b - a == 1:
        return ((m.start(), m.end(), inner),)
    return ((m.start(), a + 1, inner[0]), (b - 1, m.end(), inner[-1]))


def normalize(text: str, *, ocr: bool | None = None) -> Normalized:
    """Normalize ``text`` for analysis and keep the map back to it.

    ``ocr=None`` repairs OCR damage only when the text looks damaged;
    ``True``/``False`` force it on or off.

    >>> n = normalize("l\u2019homme\u00a0;")
    >>> n.text
    "l'homme ;"
    >>> n.to_original(0, 7)
    (0, 7)
    """
    rw = Rewriter(text)
    if _REWRITE_TRIGGERS.search(text):
        rw.sub(_NEWLINES, "\n").sub(_FORMFEED, "\n\n")
        if not unicodedata.is_normalized("NFC", rw.text):
            rw.sub(_COMBINING, lambda m: unicodedata.normalize("NFC", m.group(0)))
        rw.sub(_INVISIBLE, "").sub(_CONTROLS, " ").sub(_SPACES, " ")
        rw.sub(_LIGATURE_RE, lambda m: _LIGATURES[m.group(0)])
        rw.sub(_APOSTROPHES, "'").sub(_OPEN_QUOTES, "«").sub(_CLOSE_QUOTES, "»").sub(_ASTERISKS, "*")
    if "*" in rw.text or "_" in rw.text or "#" in rw.text:
        # "*2520123*" is a UN document's bar code, not emphasis
        rw.apply([e for m in _EMPHASIS.finditer(rw.text) if not m.group(2).isdigit() for e in _unmarked(m)])
        rw.sub(_MD_HEADING, r"\1")
    if "[" in rw.text or "P" in rw.text:  # a negotiation draft's "OP3", "PP2" and bracketed paragraphs
        rw.apply(draft_edits(rw.text))
    repaired = False
    if ocr is not False:
        from clausekit.text import ocr_repair as ocr_module

        if ocr or ocr_module.looks_ocr_damaged(rw.text):
            rw.apply([(e.start, e.end, e.replacement) for e in ocr_module.ocr_edits(rw.text)])
            repaired = True
    return rw.result(ocr_repaired=repaired)
