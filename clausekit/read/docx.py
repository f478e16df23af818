"""Word files (.docx) with python-docx: paragraphs, automatic numbering, footnotes kept apart.

UN secretariats number operative paragraphs with Word list styles, so the digits are not in
the text: they are rebuilt here from ``numbering.xml`` (the level's format, its text such as
``%1.`` or ``(%2)``, its start and overrides, and a counter per list that restarts the levels
under the one that moved). Footnote references become ``footnote_marker`` furniture and the notes
themselves ``footnote`` furniture, apart from the text. Page breaks Word recorded (manual ones,
and the ``lastRenderedPageBreak`` marks Word leaves where it laid out a page) give page numbers.
"""

from __future__ import annotations

import io
import re
import zipfile

from clausekit.errors import ContentError, InputError
from clausekit.read.layout import Layout
from clausekit.types import Furniture

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(data: bytes, *, source: str) -> Layout:
    """The text of a .docx file, one paragraph per block, with numbering rebuilt.

    Raises :class:`InputError` for a file that is not a Word document.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
    except zipfile.BadZipFile:
        raise ContentError("is not a Word .docx file (not a ZIP package); save it again from Word as .docx", source=source) from None
    if "word/document.xml" not in names:
        raise ContentError(_other_zip(names), source=source)
    try:
        import docx
    except ImportError:  # pragma: no cover - a dependency of clausekit
        raise InputError("reading .docx needs python-docx: pip install python-docx", source=source) from None
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors on damaged packages
        raise ContentError(f"is not a readable Word .docx file ({' '.join(str(exc).split())[:100]})", source=source) from None
    numbering = _Numbering(document)
    builder = _Builder()
    tables_read: set[object] = set()  # tables read as text: a masthead before any text ("Nations Unies | A/RES/78/150")
    for paragraph in document.element.body.iter(f"{_W}p"):
        table = next((t for t in reversed(list(paragraph.iterancestors(f"{_W}tbl")))), None)  # the outermost
        if table is not None and table not in tables_read:
            tables_read.add(table)
            if builder.pos:  # under the text (an annex's scale, a vote): furniture, its cells are no clauses
                builder.table(table)
                builder.tables_apart.add(table)
        if table is not None and table in builder.tables_apart:
            continue
        builder.paragraph(paragraph, numbering.label(paragraph, document))
    for note_id, text in _footnotes(document):
        builder.furniture.append(Furniture("footnote", builder.pos, builder.pos, f"{note_id} {text}", builder.page_or_none()))
    layout = builder.layout()
    if not layout.text.strip():
        raise ContentError("the Word document has no text", source=source)
    return layout


def _other_zip(names: set[str]) -> str:
    """What a ZIP package that is not a .docx is, and what to do with it."""
    if "mimetype" in names and "content.xml" in names:  # OpenDocument: .odt, .ods, .odp
        return "is an OpenDocument file (.odt, .ods), not a Word .docx; save it as .docx (or a sheet as CSV) first"
    if any(n.startswith("xl/") for n in names):
        return "is an Excel workbook, not a Word .docx; save the sheet as CSV and read it with --input-format csv"
    if any(n.startswith("ppt/") for n in names):
        return "is a PowerPoint file, not a Word .docx; save it as .docx or PDF first"
    return "is a ZIP file but not a Word .docx document (no word/document.xml); give the .docx itself"


class _Builder:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.page = 1
        self.page_starts = [0]
        self.breaks_seen = False
        self.furniture: list[Furniture] = []
        self.tables_apart: set[object] = set()

    def emit(self, s: str) -> None:
        self.parts.append(s)
        self.pos += len(s)

    def page_or_none(self) -> int | None:
        return self.page if self.breaks_seen else None

    def new_page(self) -> None:
        self.breaks_seen = True
        self.page += 1
        self.page_starts.append(self.pos)

    def paragraph(self, p, label: str) -> None:
        pieces: list[tuple[str, str]] = []  # (kind, text): text, marker, page
        for el in p.iter():
            tag = el.tag
            if tag == f"{_W}t" and el.text:
                pieces.append(("text", el.text))
            elif tag == f"{_W}tab":
                pieces.append(("text", "\t"))
            elif tag == f"{_W}br":
                if el.get(f"{_W}type") == "page":
                    pieces.append(("page", ""))
                else:
                    pieces.append(("text", "\n"))
            elif tag == f"{_W}lastRenderedPageBreak":
                pieces.append(("page", ""))
            elif tag == f"{_W}footnoteReference":
                pieces.append(("marker", el.get(f"{_W}id") or ""))
        if not "".join(t for k, t in pieces if k == "text").strip():
            for kind, _ in pieces:
                if kind == "page" and self.pos > self.page_starts[-1]:
                    self.new_page()
            return
        if self.pos:
            self.emit("\n\n")
        if label:
            self.emit(label)
        for kind, value in pieces:
            if kind == "text":
                self.emit(value)
            elif kind == "marker":
                self.furniture.append(Furniture("footnote_marker", self.pos, self.pos, value, self.page_or_none()))
            elif kind == "page" and self.pos > self.page_starts[-1]:
                self.new_page()

    def table(self, table) -> None:
        """Each row of a table under the text ("Annexe": a scale of assessments, a vote) as ``table`` furniture,
        its cells joined by " | ": a table's cells are no clauses."""
        for row in table.iter(f"{_W}tr"):
            if next(row.iterancestors(f"{_W}tbl")) is not table:
                continue  # a row of a nested table is read with the outer row that holds it
            cells = [" ".join("".join(t.text or "" for t in cell.iter(f"{_W}t")).split()) for cell in row.iter(f"{_W}tc")
                     if next(cell.iterancestors(f"{_W}tbl")) is table]
            if any(cells):
                self.furniture.append(Furniture("table", self.pos, self.pos, " | ".join(cells), self.page_or_none()))

    def layout(self) -> Layout:
        self.emit("\n")
        text = "".join(self.parts)
        pages: tuple[tuple[int, int], ...] = ()
        if self.breaks_seen:
            ends = [*self.page_starts[1:], len(text)]
            pages = tuple(zip(self.page_starts, ends, strict=True))
        return Layout(text, pages, tuple(self.furniture))


def _footnotes(document) -> list[tuple[str, str]]:
    """``(id, text)`` of each real footnote (ids below 1 are Word's separators)."""
    from lxml import etree

    for rel in document.part.rels.values():
        if rel.reltype.endswith("/footnotes") and not rel.is_external:
            root = etree.fromstring(rel.target_part.blob)
            notes = []
            for note in root.iter(f"{_W}footnote"):
                note_id = note.get(f"{_W}id") or ""
                if not note_id.lstrip("-").isdigit() or int(note_id) < 1:
                    continue
                text = " ".join("".join(t.text or "" for t in note.iter(f"{_W}t")).split())
                if text:
                    notes.append((note_id, text))
            return notes
    return []


# --- automatic numbering --------------------------------------------------------------------


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out += numeral
            n -= value
    return out


def _letters(n: int) -> str:
    # Word repeats the letter past z: aa, bb, ...
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _format(n: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt in ("none", "bullet"):
        return ""
    return str(n)  # decimal and the many decimal variants


class _Numbering:
    """Word's list definitions and one running counter per list."""

    def __init__(self, document) -> None:
        self.levels: dict[str, dict[int, dict[str, str]]] = {}  # abstractNumId -> ilvl -> fmt, text, start, suff
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId -> (abstractNumId, start overrides)
        self.counters: dict[str, dict[int, int]] = {}
        self.seen: dict[str, set[int]] = {}  # abstractNumId -> the levels shown so far, in any list drawn from it
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        for abstract in root.iter(f"{_W}abstractNum"):
            aid = abstract.get(f"{_W}abstractNumId")
            self.levels[aid] = {int(lvl.get(f"{_W}ilvl", "0")): _level(lvl) for lvl in abstract.iter(f"{_W}lvl")}
        for num in root.iter(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            if ref is None:
                continue
            overrides = {}
            for override in num.iter(f"{_W}lvlOverride"):
                start = override.find(f"{_W}startOverride")
                if start is not None:
                    overrides[int(override.get(f"{_W}ilvl", "0"))] = int(start.get(f"{_W}val", "1"))
            self.nums[num.get(f"{_W}numId")] = (ref.get(f"{_W}val"), overrides)

    def label(self, p, document) -> str:
        """The number Word shows before paragraph ``p`` (``"1.\\t"``), or ``""``."""
        num_id, ilvl = _num_pr(p, document)
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return ""
        abstract, overrides = self.nums[num_id]
        levels = self.levels.get(abstract, {})
        if ilvl not in levels:
            return ""
        counter = self.counters.setdefault(num_id, {})
        for deeper in [k for k in counter if k > ilvl]:
            del counter[deeper]
        start = overrides.get(ilvl, int(levels[ilvl].get("start", "1")))
        counter[ilvl] = counter[ilvl] + 1 if ilvl in counter else start
        level = levels[ilvl]
        seen = self.seen.setdefault(abstract, set())
        seen.add(ilvl)
        if level["fmt"] in ("bullet", "none"):
            return ""
        suffix = {"space": " ", "nothing": ""}.get(level["suff"], "\t")
        if _under_a_paragraph_number(ilvl, levels, seen):
            return _sub_item_label(counter[ilvl], level) + (suffix or " ")

        def value(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            lvl = levels.get(k, {"fmt": "decimal", "start": "1"})
            n = counter.get(k, int(lvl.get("start", "1")))
            return _format(n, lvl["fmt"])

        text = re.sub(r"%(\d)", value, level["text"])
        return text + suffix if text else ""


_SUB_ITEM = re.compile(r"\(?%\d\)")  # "%2)", "(%2)": a label the segmenter reads as a sub-paragraph's


def _under_a_paragraph_number(ilvl: int, levels: dict[int, dict[str, str]], seen: set[int]) -> bool:
    """Whether an item at level ``ilvl`` is a sub-item of a numbered paragraph: a shallower level of its list
    numbers paragraphs with digits of their own ("%1.") and has been shown, and the item's label names its own
    level only ("%2.", not the hierarchical "%1.%2")."""
    if ilvl == 0 or re.findall(r"%(\d)", levels[ilvl]["text"]) != [str(ilvl + 1)]:
        return False
    return any(k in seen and levels[k]["fmt"] == "decimal" and re.fullmatch(rf"\(?%{k + 1}[.)]?", levels[k]["text"])
               for k in range(ilvl))


def _sub_item_label(n: int, level: dict[str, str]) -> str:
    """A nested item's label in the form a UN text gives sub-paragraphs, "a)" or "i)" (guide decision 5.34).

    Word may number the items under "1. Prie le Secrétaire général :" "1.", "2." or "a." at level 2; flattened to
    text, "1. De ... ; 2. De ... ; 2. Décide ..." reads as paragraphs of their own, and "Décide" as one more item.
    A Roman format keeps its numeral, any other its rank as a letter; a label already in the form keeps its own.
    """
    if level["fmt"] in ("lowerLetter", "upperLetter", "lowerRoman", "upperRoman") and _SUB_ITEM.fullmatch(level["text"]):
        return re.sub(r"%\d", _format(n, level["fmt"]).lower(), level["text"])
    return (_roman(n) if level["fmt"] in ("lowerRoman", "upperRoman") else _letters(n)) + ")"


def _level(lvl) -> dict[str, str]:
    def val(name: str, default: str) -> str:
        el = lvl.find(f"{_W}{name}")
        return el.get(f"{_W}val", default) if el is not None else default

    return {"fmt": val("numFmt", "decimal"), "text": val("lvlText", ""), "start": val("start", "1"), "suff": val("suff", "tab")}


def _num_pr(p, document) -> tuple[str | None, int]:
    """The paragraph's list and level: its own ``numPr``, else its style's (and the styles it is based on)."""
    ppr = p.find(f"{_W}pPr")
    num_id, ilvl = _read_num_pr(ppr)
    if num_id is not None:
        return num_id, ilvl or 0
    style_id = None
    if ppr is not None and (ps := ppr.find(f"{_W}pStyle")) is not None:
        style_id = ps.get(f"{_W}val")
    styles = document.styles.element
    seen = set()
    while style_id and style_id not in seen:
        seen.add(style_id)
        style = next((s for s in styles.iter(f"{_W}style") if s.get(f"{_W}styleId") == style_id), None)
        if style is None:
            break
        sid, slvl = _read_num_pr(style.find(f"{_W}pPr"))
        if sid is not None:
            return sid, (ilvl if ilvl is not None else slvl or 0)
        based = style.find(f"{_W}basedOn")
        style_id = based.get(f"{_W}val") if based is not None else None
    return None, 0


def _read_num_pr(ppr) -> tuple[str | None, int | None]:
    if ppr is None:
        return None, None
    num_pr = ppr.find(f"{_W}numPr")
    if num_pr is None:
        return None, None
    num = num_pr.find(f"{_W}numId")
    lvl = num_pr.find(f"{_W}ilvl")
    return (num.get(f"{_W}val") if num is not None else None), (int(lvl.get(f"{_W}val", "0")) if lvl is not None else None)
