"""Segmentation: from a text to a :class:`~clausekit.types.Document` of clauses.

The segmenter works on the lines of the normalized analysis text. Each line is
classified (blank, page furniture, footnote, asterisk note, URL, clause start,
sub-paragraph, plain text); a clause then runs from its start line until the
next clause starts, across line and page breaks, skipping the furniture in
between. Spans are mapped back to the original text through the offset map
of :mod:`clausekit.text.normalization`.

>>> doc = segment("L'Assemblée générale,\\n\\nRappelant sa résolution 54/181,\\n\\n1. Décide de poursuivre l'examen.\\n")
>>> [(c.part, c.number, c.lead) for c in doc.clauses]
[('preamble', None, 'Rappelant'), ('operative', '1', 'Décide')]
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from clausekit.segmentation.boundaries import _assemble
from clausekit.segmentation.clauses import _build_clause
from clausekit.segmentation.heading import _parse_heading
from clausekit.segmentation.lines import (
    _FURNITURE_KINDS,
    _classify,
    _is_double_spaced,
    _split_lines,
)
from clausekit.segmentation.structure import _is_deliberative
from clausekit.segmentation.unnumbered import normative_paragraphs
from clausekit.text.normalization import normalize
from clausekit.types import Clause, Document, Furniture

if TYPE_CHECKING:
    from clausekit.read.sources import Source


def segment(text_or_path: str | Path, *, doc_id: str | None = None, ocr: bool | None = None) -> Document:
    """Segment a document given as text or as a path to a file.

    A ``str`` that names an existing file (or any :class:`~pathlib.Path`) is read with
    :func:`clausekit.read.sources.read_path`; any other string is taken as the text itself.

    >>> doc = segment("data/seeds/004_f730982b1d88a241.txt")  # doctest: +SKIP
    >>> doc.counts()  # doctest: +SKIP
    {'preamble': 8, 'operative': 6, 'narrative': 0}
    """
    if isinstance(text_or_path, Path) or _is_path(text_or_path):
        from clausekit.read.sources import read_path

        return segment_source(read_path(text_or_path), doc_id=doc_id, ocr=ocr)
    return segment_text(str(text_or_path), doc_id=doc_id or "text", source="<text>", ocr=ocr)


def segment_source(source: Source, *, doc_id: str | None = None, ocr: bool | None = None) -> Document:
    """Segment a file read by :mod:`clausekit.read` (text, PDF, scan, Word, HTML).

    Clauses get the pages they stand on and, where OCR'd, their mean word confidence; the
    furniture the layout set apart joins the document's. OCR repair runs on OCR'd text unless
    ``ocr=False``.
    """
    from clausekit.read.pages import apply_layout

    if ocr is None and source.ocr:
        ocr = True
    doc = segment_text(source.text, doc_id=doc_id or source.doc_id, source=source.path, encoding=source.encoding, ocr=ocr)
    return apply_layout(doc, source)


def _is_path(s: str) -> bool:
    if "\n" in s or len(s) > 4096:
        return False
    try:
        return Path(s).is_file()
    except OSError:
        return False


def segment_text(
    text: str,
    *,
    doc_id: str = "text",
    source: str | None = None,
    encoding: str | None = None,
    ocr: bool | None = None,
) -> Document:
    """Segment ``text`` (the original text of one document) into a :class:`Document`."""
    norm = normalize(text, ocr=ocr)
    lines = _split_lines(norm.text)
    double_spaced = _is_double_spaced(lines)
    furniture: list[Furniture] = []
    _classify(lines, double_spaced)
    deliberative = _is_deliberative(lines)
    drafts, heading_lines = _assemble(lines, deliberative, double_spaced)
    if not deliberative:
        normative_paragraphs(drafts, 3 if double_spaced else 1)  # recommendations whose paragraphs lost their numbers (guide decision 5.25)

    def add_furniture(kind: str, a: int, b: int) -> None:
        s, e = norm.to_original(a, b)
        furniture.append(Furniture(kind, s, e, text[s:e]))

    note_start = None
    for line in lines:
        if line.kind.endswith("_cont") and note_start is not None and furniture:
            # A note's continuation line extends the note it belongs to.
            s, e = norm.to_original(note_start, line.end)
            furniture[-1] = Furniture(furniture[-1].kind, s, e, text[s:e])
        elif line.kind in _FURNITURE_KINDS:
            add_furniture(_FURNITURE_KINDS[line.kind], line.start, line.end)
            note_start = line.start if line.kind in ("footnote", "asterisk_note", "vote") else None

    clauses: list[Clause] = []
    for draft in drafts:
        clause = _build_clause(draft, norm, text, doc_id, len(clauses), add_furniture)
        if clause is not None:
            clauses.append(clause)
    heading = _parse_heading(
        heading_lines, norm, clauses,
        dates=tuple(line.text for line in lines if line.kind == "dateline"),
        headers=tuple(line.text for line in lines if line.kind == "page_header"),
    )
    furniture.sort(key=lambda f: f.start)
    warnings = []
    if norm.ocr_repaired:
        warnings.append("OCR damage was detected and repaired")
    return Document(
        doc_id=doc_id,
        original=text,
        heading=heading,
        clauses=clauses,
        furniture=furniture,
        source=source,
        encoding=encoding,
        warnings=warnings,
    )


