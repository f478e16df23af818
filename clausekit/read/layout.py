"""Pages of positioned words (from a PDF's text layer or from OCR) to a document's text.

What the layout knows and plain text does not:

- **page furniture**: the lines at the top and foot of a page that are outside the body (the
  document symbol, the page number, a job number such as ``GE.23-12345 (F)``, a date line).
  A line there is furniture when its shape (digits masked) comes back on other pages, or when
  it is a page number, a job number or a lone document symbol;
- **footnotes**: the block in a smaller font at the foot of a page, under the short rule when
  the page has one; each note and its continuation lines are kept apart;
- **footnote markers**: the small raised digits glued to a word (``session1,``);
- **reading order**: lines from top to bottom, words from left to right; a page set in two
  columns is read column by column;
- **paragraphs**: a vertical gap wider than the usual line spacing, or a first-line indent after
  a short line, starts a paragraph (a blank line in the text).

The body lines, in reading order, are the document's text (its *original*: every span points
into it). The furniture is kept apart, each piece with its page and the place in the text where
it stood. Line-end hyphens stay in the text (spans must point into it); segmentation rejoins
the words when it builds a clause's text.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from clausekit.types import Furniture


@dataclass(frozen=True, slots=True)
class Word:
    """One word on a page: its text, box (points or pixels, origin top-left) and font size."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    conf: float | None = None  # OCR word confidence 0-100; None for a text layer
    line: tuple[int, ...] | None = None  # the OCR engine's own line (block, paragraph, line), in its reading order


@dataclass(slots=True)
class Line:
    words: list[Word]
    kind: str = "body"  # body, page_header, page_number, footnote

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def size(self) -> float:
        return statistics.median(w.size for w in self.words)

    def text(self, words: list[Word] | None = None) -> str:
        """The words joined: no space where the next word touches the previous one."""
        out = ""
        prev = None
        for w in words if words is not None else self.words:
            if prev is not None and w.x0 - prev.x1 > 0.12 * max(prev.size, w.size):
                out += " "
            out += w.text
            prev = w
        return out


@dataclass(slots=True)
class Page:
    """One page: its words, size, and the top of the footnote rule if the layout drew one."""

    number: int
    width: float
    height: float
    words: list[Word]
    rule_top: float | None = None
    lines: list[Line] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Layout:
    """The text of a document read from pages, with its page ranges, furniture and OCR word confidences."""

    text: str
    pages: tuple[tuple[int, int], ...]  # (start, end) in text, page i+1
    furniture: tuple[Furniture, ...]
    word_confidences: tuple[tuple[int, int, float], ...] = ()  # (start, end, conf) of each OCR'd word


_PAGE_NUMBER = re.compile(r"^(?:[-–—]\s*)?(?:page\s+)?\d{1,4}(?:\s*(?:/|sur)\s*\d{1,4})?(?:\s*[-–—])?$", re.I)
_JOB_NUMBER = re.compile(r"^(?:GE\.)?\d{2}-\d{4,6}\s*(?:\([A-Z]\))?(?:\s+\S+)*$")
_SYMBOL = re.compile(r"^[A-Z]{1,6}(?:/[A-Za-z0-9.\-]+)+(?:\s+\S+)?$")
_DIGITS = re.compile(r"\d+")


def group_lines(words: list[Word]) -> list[Line]:
    """Words into lines, top to bottom, each line's words left to right.

    Two words share a line when their vertical middles are within half the smaller word's height
    of each other (a raised footnote marker stays on its line). Words an OCR engine already
    put on lines keep its lines and their order: on a skewed scan, words of one line drift
    vertically more than lines are apart.
    """
    if words and all(w.line is not None for w in words):
        by_line: dict[tuple[int, ...], list[Word]] = {}
        for w in words:
            by_line.setdefault(w.line, []).append(w)  # type: ignore[arg-type]
        ocr_lines = [Line(sorted(ws, key=lambda w: w.x0)) for _, ws in sorted(by_line.items())]
        return sorted(ocr_lines, key=lambda ln: ln.top) if _columns_unlikely(ocr_lines) else ocr_lines
    lines: list[Line] = []
    for w in sorted(words, key=lambda w: (w.top + w.bottom) / 2):
        mid = (w.top + w.bottom) / 2
        if lines:
            last = lines[-1]
            last_mid = (last.top + last.bottom) / 2
            if abs(mid - last_mid) <= 0.5 * min(w.bottom - w.top, last.bottom - last.top) or (
                w.top < last.bottom and mid - last_mid < 0.6 * (last.bottom - last.top)
            ):
                last.words.append(w)
                continue
        lines.append(Line([w]))
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
    return _split_columns(lines)


def _columns_unlikely(lines: list[Line]) -> bool:
    """True when no two lines sit side by side (then top-to-bottom is the reading order)."""
    ordered = sorted(lines, key=lambda ln: ln.top)
    return all(b.top >= a.top + 0.3 * (a.bottom - a.top) or b.x0 > a.x1 or b.x1 < a.x0 for a, b in zip(ordered, ordered[1:], strict=False)) and not any(
        b.x0 > a.x1 or b.x1 < a.x0 for a, b in zip(ordered, ordered[1:], strict=False) if abs(b.top - a.top) < 0.3 * (a.bottom - a.top)
    )


def _split_columns(lines: list[Line]) -> list[Line]:
    """Lines of a page set in two columns, re-ordered column by column.

    A gutter is a vertical band, free of words, crossed by at least half of the page's lines
    with words on both sides; lines then split at it, the left column is read first.
    """
    wide = [ln for ln in lines if len(ln.words) > 3]
    if len(wide) < 8:
        return lines
    left = min(ln.x0 for ln in wide)
    right = max(ln.x1 for ln in wide)
    middle = (left + right) / 2
    size = statistics.median(ln.size for ln in wide)
    split = 0
    for ln in wide:
        for a, b in zip(ln.words, ln.words[1:], strict=False):
            if b.x0 - a.x1 > 1.5 * size and a.x1 < middle + 3 * size and b.x0 > middle - 3 * size:
                split += 1
                break
    if split < 0.5 * len(wide):
        return lines
    left_col, right_col = [], []
    for ln in lines:
        on_left = [w for w in ln.words if (w.x0 + w.x1) / 2 < middle]
        on_right = [w for w in ln.words if (w.x0 + w.x1) / 2 >= middle]
        if on_left:
            left_col.append(Line(on_left))
        if on_right:
            right_col.append(Line(on_right))
    return left_col + right_col


def _signature(text: str) -> str:
    return _DIGITS.sub("#", " ".join(text.lower().split()))


def _mark_furniture(pages: list[Page], body_size: float) -> None:
    """Set ``kind`` on footnote lines, then on the margin lines above and below the body, page by page."""
    for page in pages:
        _mark_footnotes(page, body_size, _line_spacing(page.lines))
    candidates = {id(ln): ln for page in pages for ln in page.lines[:2] + page.lines[-3:] if ln.kind == "body"}
    repeated = Counter(_signature(ln.text()) for ln in candidates.values())
    for page in pages:
        lines = page.lines
        if not lines:
            continue
        spacing = _line_spacing(lines)
        # Top margin: lines standing apart above the body.
        for i, line in enumerate(lines[:2]):
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            apart = nxt is None or nxt.top - line.bottom > 0.9 * spacing
            if apart and _is_margin_line(line, repeated, len(pages)):
                line.kind = "page_number" if _PAGE_NUMBER.match(line.text()) else "page_header"
            else:
                break
        # Foot margin, from the bottom up: page numbers, job numbers, repeated lines. A line
        # already taken for a footnote is a margin line only by its form (a page number...).
        for i in range(len(lines) - 1, max(len(lines) - 4, -1), -1):
            line = lines[i]
            prev = lines[i - 1] if i > 0 else None
            apart = prev is None or line.top - prev.bottom > 0.9 * spacing
            margin = _is_margin_line(line, repeated if line.kind == "body" else Counter(), len(pages))
            if apart and margin:
                line.kind = "page_number" if _PAGE_NUMBER.match(line.text()) else "page_header"
            else:
                break


def _line_spacing(lines: list[Line]) -> float:
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:], strict=False) if b.top > a.bottom]
    return statistics.median(gaps) if gaps else 0.0


def _is_margin_line(line: Line, repeated: Counter, n_pages: int) -> bool:
    text = line.text().strip()
    if not text or len(text) > 90:
        return False
    if _PAGE_NUMBER.match(text) or _JOB_NUMBER.match(text) or _SYMBOL.match(text):
        return True
    return n_pages > 1 and repeated[_signature(text)] > 1


def _mark_footnotes(page: Page, body_size: float, spacing: float) -> None:
    """The smaller-font block at the page foot: under the rule if drawn, else above the foot margin."""
    body = [ln for ln in page.lines if ln.kind == "body"]
    if not body:
        return
    small = 0.92 * body_size
    if page.rule_top is not None:
        # Under the rule, in a smaller font; an OCR'd line's size is its box's height, which
        # varies with ascenders and descenders, so under a rule it is not asked to be smaller.
        ocr = any(w.conf is not None for w in page.words)
        for ln in body:
            if ln.top >= page.rule_top and (ocr or ln.size < small):
                ln.kind = "footnote"
        return
    small = 0.85 * body_size
    # No rule: a run of small lines up from the bottom, in the lower half, standing apart from the body.
    run: list[Line] = []
    for ln in reversed(body):
        if ln.size < small and ln.top > page.height / 2:
            run.append(ln)
        else:
            above = ln
            break
    else:
        return
    if run and run[-1].top - above.bottom > 0.9 * spacing:
        for ln in run:
            ln.kind = "footnote"


def _markers(line: Line, body_size: float) -> list[int]:
    """Indexes of the raised small digits glued to the word before them (footnote markers)."""
    out = []
    for i, w in enumerate(line.words):
        if i == 0 or not w.text.isdigit() or len(w.text) > 3:
            continue
        prev = line.words[i - 1]
        glued = w.x0 - prev.x1 < 0.12 * prev.size
        raised = w.bottom < prev.bottom - 0.15 * prev.size
        if glued and w.size < 0.85 * body_size and raised:
            out.append(i)
    return out


def _starts_paragraph(prev: Line, line: Line, spacing: float, left: float, right: float) -> bool:
    gap = line.top - prev.bottom
    if spacing and gap > 1.6 * spacing + 0.25 * prev.size:
        return True
    indented = line.x0 > left + 0.8 * line.size
    short = prev.x1 < right - 2.5 * prev.size
    return indented and short


def assemble(pages: list[Page]) -> Layout:
    """The text and furniture of ``pages`` (their ``words`` set; ``lines`` are filled in)."""
    for page in pages:
        page.lines = group_lines(page.words)
    sizes = [w.size for p in pages for w in p.words for _ in range(max(1, len(w.text)))]
    body_size = statistics.median(sizes) if sizes else 10.0
    _mark_furniture(pages, body_size)

    text_parts: list[str] = []
    pos = 0
    page_ranges: list[tuple[int, int]] = []
    furniture: list[Furniture] = []
    confidences: list[tuple[int, int, float]] = []
    prev_body: Line | None = None
    prev_right = 0.0

    def emit(s: str) -> None:
        nonlocal pos
        text_parts.append(s)
        pos += len(s)

    for page in pages:
        body = [ln for ln in page.lines if ln.kind == "body"]
        spacing = _line_spacing(body)
        left = min((ln.x0 for ln in body), default=0.0)
        right = max((ln.x1 for ln in body), default=page.width)
        if body and prev_body is not None:
            first = body[0]
            continuing = prev_body.x1 >= prev_right - 2.5 * prev_body.size and first.x0 <= left + 0.8 * first.size
            emit("\n" if continuing else "\n\n")
        page_start = pos
        last: Line | None = None
        note_start: int | None = None
        for ln in page.lines:
            if ln.kind != "body":
                kind = "footnote" if ln.kind == "footnote" else ln.kind
                line_text = ln.text()
                if kind == "footnote" and furniture and furniture[-1].kind == "footnote" and note_start is not None and not _NOTE_START.match(line_text):
                    f = furniture[-1]
                    furniture[-1] = Furniture(f.kind, f.start, f.end, f.text + "\n" + line_text, page.number)
                    continue
                furniture.append(Furniture(kind, pos, pos, line_text, page.number))
                note_start = pos if kind == "footnote" else None
                continue
            if last is not None:
                emit("\n\n" if _starts_paragraph(last, ln, spacing, left, right) else "\n")
            markers = set(_markers(ln, body_size))
            prev_word: Word | None = None
            for i, w in enumerate(ln.words):
                if i in markers:
                    furniture.append(Furniture("footnote_marker", pos, pos, w.text, page.number))
                    continue
                if prev_word is not None and w.x0 - prev_word.x1 > 0.12 * max(prev_word.size, w.size):
                    emit(" ")
                start = pos
                emit(w.text)
                if w.conf is not None:
                    confidences.append((start, pos, w.conf))
                prev_word = w
            last = ln
        if body:
            prev_body, prev_right = body[-1], right
        page_ranges.append((page_start, pos))
    emit("\n")
    return Layout("".join(text_parts), tuple(page_ranges), tuple(furniture), tuple(confidences))


#: A footnote's first line: its number (or asterisks) then the note.
_NOTE_START = re.compile(r"^\s*(?:\d{1,3}|\*{1,3}|[\u2217\u204e])\s*\S")
