"""The records every stage shares: spans, furniture, clauses and documents.

Every span is a half-open ``(start, end)`` pair of character offsets into the
*original* text of a document (as decoded by :mod:`clausekit.read.sources`), so a
user can always go back to the source: ``doc.original[c.start:c.end]``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Part = Literal["preamble", "operative", "narrative"]
PARTS: tuple[str, ...] = ("preamble", "operative", "narrative")

FurnitureKind = Literal[
    "page_header",  # document symbol, job number, running title at a page top or bottom
    "page_number",
    "footnote",  # "1 Voir E/CN.4/2001/2 ..." and its continuation lines
    "footnote_marker",  # the "1" glued to "session1,"
    "asterisk_note",  # "* État non membre du Conseil ..."
    "url",
    "separator",  # a rule of underscores or spaces that opens a footnote block
    "navigation",  # web page and press-release furniture: "Aller au contenu principal", "Partager", "* *** *"
    "dateline",  # a press release's date or meeting line: "4 décembre 2024", "9812e séance – matin"
    "section_heading",  # "I. Introduction", "III. Recommandations"
    "headline",  # a title line standing alone between paragraphs: "Texte de la résolution", a press headline
    "vote",  # a vote record: "[Adoptée à l'issue d'un vote enregistré ... Ont voté pour : ...]"
    "table",  # a data table's row from a Word or HTML file (a scale, a vote)
    "signature",  # a letter's "(Signé) Issa Konfourou" and the title above it
]


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` of the original text."""

    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class Furniture:
    """Text that belongs to the page, not to the deliberative body."""

    kind: str
    start: int
    end: int
    text: str
    #: The page it stands on, where the input has pages (PDF, scans, form feeds); else None.
    #: Furniture a reader took out of a page layout is not in the original text: its
    #: ``start == end`` is where it stood between the body lines.
    page: int | None = None


@dataclass(frozen=True, slots=True)
class SubParagraph:
    """A lettered or roman sub-paragraph ``(a)``, ``b)``, ``ii)`` of a clause."""

    label: str
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Clause:
    """One paragraph of a document, as defined in section 1 of the labeling guide.

    ``start``/``end`` cover the clause in the original text, from its first to
    its last own character. A clause that runs across a page break has several
    ``pieces``: the furniture between them (page header, footnotes) is not part
    of the clause. ``text`` is the normalized text with line-break hyphenation
    undone, footnote markers removed and white space folded.
    """

    doc_id: str
    index: int
    part: str
    number: str | None
    lead: str
    text: str
    start: int
    end: int
    pieces: tuple[Span, ...] = ()
    subparagraphs: tuple[SubParagraph, ...] = ()
    #: First and last page the clause stands on (1-based), where the input has pages.
    page: int | None = None
    page_end: int | None = None
    #: Mean Tesseract word confidence (0-100) of the clause's words, where it was OCR'd.
    ocr_confidence: float | None = None

    def to_record(self) -> dict[str, Any]:
        """The public record of a clause: the keys of the JSONL output (:data:`CLAUSE_COLUMNS`)."""
        return {
            "doc_id": self.doc_id,
            "index": self.index,
            "part": self.part,
            "number": self.number,
            "lead": self.lead,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "page": self.page,
            "page_end": self.page_end,
            "ocr_confidence": self.ocr_confidence,
        }


@dataclass(frozen=True, slots=True)
class Heading:
    """What the heading block of a document says about it; any field may be missing."""

    body: str | None = None
    session: str | None = None
    agenda_item: str | None = None
    sponsors: str | None = None
    symbol: str | None = None
    title: str | None = None
    year: int | None = None
    kind: str | None = None  # "projet de résolution", "résolution", "note", ...
    opening_formula: str | None = None
    spans: tuple[Span, ...] = ()

    def to_record(self) -> dict[str, Any]:
        record = asdict(self)
        record.pop("spans")
        return record


@dataclass(slots=True)
class Document:
    """A segmented document: the original text, its heading, clauses and furniture."""

    doc_id: str
    original: str
    heading: Heading
    clauses: list[Clause]
    furniture: list[Furniture]
    source: str | None = None  # path, "<stdin>" or "<text>"
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        """``deliberative`` when the document has preambular or operative clauses."""
        if any(c.part != "narrative" for c in self.clauses):
            return "deliberative"
        return "narrative"

    def counts(self) -> dict[str, int]:
        """Number of clauses per part, in the order of :data:`PARTS`."""
        return {p: sum(c.part == p for c in self.clauses) for p in PARTS}

    def to_records(self) -> list[dict[str, Any]]:
        return [c.to_record() for c in self.clauses]

    def to_frame(self):  # -> pandas.DataFrame, imported lazily
        import pandas as pd

        return pd.DataFrame(self.to_records(), columns=list(CLAUSE_COLUMNS))

    def __repr__(self) -> str:
        counts = ", ".join(f"{k}={v}" for k, v in self.counts().items() if v)
        n = len(self.clauses)
        return f"Document({self.doc_id!r}, {n} clause{'' if n == 1 else 's'}: {counts or 'none'}, {len(self.furniture)} furniture)"


CLAUSE_COLUMNS: tuple[str, ...] = (
    "doc_id", "index", "part", "number", "lead", "text", "start", "end", "page", "page_end", "ocr_confidence",
)
