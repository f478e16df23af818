"""The markup of negotiation drafts, read as the paragraphs it marks (guide decision 5.32).

A draft under negotiation labels its paragraphs "PP1", "PP2" (preambular) and "OP1", "OP2" (operative),
and puts a disputed paragraph in square brackets: "[Rappelant sa résolution 70/1,]". The analysis text
reads "OP3 Prie ..." as "3. Prie ...", "PP2 Rappelant ..." as "Rappelant ...", and a paragraph wholly in
brackets as that paragraph, so that a draft segments as the adopted text would; the original keeps the
labels and brackets, and every original character stays inside a span (the first and last characters
of what is kept take the markup's span with theirs, as Markdown emphasis does).
Brackets inside a paragraph ("[Prie instamment] [Engage] les États") are the paragraph's own text.
"""

from __future__ import annotations

import re

# A label at a paragraph's start: a line's start, or after a stop in text run together on one line.
# "OP3bis", "PP4 alt" carry no number of the sequence: the label is dropped and the lead decides.
_LABEL = re.compile(
    r"(?:^|(?<=[,;:.»\]])[ \t]+)[ \t]*(?P<label>(?P<kind>PP|OP|AP|PD)[ \t]?(?P<n>\d{1,3})"
    r"(?P<extra>[ \t]?(?:bis|ter|quater|alt(?:\.|ernative)?(?:[ \t]?\d)?))?)[ \t]*[.:)–—-]?[ \t]+(?=[«\"\[]?[A-ZÀ-Ý])",
    re.MULTILINE,
)
_ANY_LABEL = re.compile(r"(?:PP|OP|AP|PD)[ \t]?\d")  # one scan before the pattern above
_OPERATIVE = ("OP", "PD")  # PD: "paragraphe du dispositif" in French drafts; AP: "alinéa du préambule"
# A paragraph that opens with "[" (after its number, if any): the bracket's match must close the paragraph.
_OPEN = re.compile(r"^[ \t]*(?:\d{1,3}\.[ \t]+)?(\[)(?=[«\"]?[A-ZÀ-Ý]|\d{1,3}\.[ \t])", re.MULTILINE)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_LONGEST = 3000  # a paragraph longer than this is not looked at as one bracketed paragraph


def draft_edits(text: str) -> list[tuple[int, int, str]]:
    """Sorted, non-overlapping ``(start, end, replacement)`` edits that read a draft's labels and bracketed
    paragraphs as plain paragraphs (see the module's docstring); none for a text without them."""
    edits: list[tuple[int, int, str]] = []
    if ("PP" in text or "OP" in text or "AP" in text or "PD" in text) and _ANY_LABEL.search(text):  # C scans first
        for m in _LABEL.finditer(text):
            a, body = m.start("label"), m.end()
            if m.group("kind") in _OPERATIVE and not m.group("extra"):
                edits.append((a, body, f"{int(m.group('n'))}. "))
            else:
                edits.append((a, body + 1, text[body]))  # the lead's first letter takes the label's span
    if "[" in text:
        for m in _OPEN.finditer(text):
            close = _closing(text, m.end(1))
            if close is not None:
                edits.append((m.start(1), m.end(1) + 1, text[m.end(1)]))
                edits.append((close - 1, close + 1, text[close - 1]))
    return sorted(edits)


def _closing(text: str, start: int) -> int | None:
    """The offset of the "]" matching the "[" before ``start`` when it ends the paragraph (only punctuation
    after it on its line) before any blank line, else None."""
    blank = _BLANK_LINE.search(text, start, start + _LONGEST)
    stop = blank.start() if blank else min(len(text), start + _LONGEST)
    depth = 1
    for i in range(start, stop):
        c = text[i]
        if c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
            if depth == 0:
                end = text.find("\n", i, stop)
                rest = text[i + 1 : stop if end < 0 else end]
                return i if i > start + 1 and not rest.strip(" \t,;:.") else None
    return None
