"""Render a segmented text into files laid out like UN documents (PDF, scanned pages, .docx, HTML).

Used by the reader tests and the benchmark to build their inputs at run time (nothing of the
seeds' text is committed in another form). The PDF follows the Official Document System's page:
the document symbol at the head of every page, the page number, a job number at the foot of the
first page, footnotes in a smaller font under a short rule at the foot of the page where their
marker stands, body in 11 pt Times with the preambular paragraphs indented.
"""

from __future__ import annotations

import io
import random
import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

from clausekit.types import Document

A5 = (419.53, 595.27)
MARGIN = 72.0
BODY_SIZE = 11
NOTE_SIZE = 8.5


@dataclass
class Note:
    label: str
    text: str


def _pdf_safe(text: str) -> str:
    """Characters the standard Times font (WinAnsi) has."""
    text = text.replace("\u2217", "*").replace("\u202f", " ").replace("\u00a0", " ")
    return text.encode("cp1252", "replace").decode("cp1252")


def _marked_text(doc: Document, index: int) -> tuple[str, list[str]]:
    """A clause's text with its footnote markers placed back after the word they follow: ``(text, labels)``."""
    c = doc.clauses[index]
    text = c.text
    inserts: list[tuple[int, str]] = []
    for f in doc.furniture:
        if f.kind != "footnote_marker" or not c.start <= f.start <= c.end:
            continue
        before = re.findall(r"\w+", doc.original[max(0, f.start - 40) : f.start])
        if not before:
            continue
        word = before[-1]
        where = (f.start - c.start) / max(1, c.end - c.start) * len(text)
        spots = [m.end() for m in re.finditer(rf"\b{re.escape(word)}(?!\w)", text)]
        if spots:
            inserts.append((min(spots, key=lambda s: abs(s - where)), f.text))
    labels = []
    for pos, label in sorted(inserts, reverse=True):
        word = re.findall(r"\w+$", text[:pos])
        text = text[:pos] + "\x01" + label + "\x02" + text[pos:]
        labels.append((label, (word[-1] if word else "") + label))
    return text, labels[::-1]


def _notes(doc: Document) -> dict[str, Note]:
    notes: dict[str, Note] = {}
    for f in doc.furniture:
        if f.kind in ("footnote", "asterisk_note"):
            body = " ".join(f.text.split())
            m = re.match(r"^(\d{1,3}|[*\u2217]+)\s*(.*)$", body)
            if m:
                label = "*" * len(m.group(1)) if not m.group(1).isdigit() else m.group(1)
                notes[label] = Note(label, m.group(2))
    return notes


def heading_lines(doc: Document) -> list[str]:
    first = doc.clauses[0].start if doc.clauses else len(doc.original)
    return [" ".join(line.split()) for line in doc.original[:first].splitlines() if line.strip()]


def render_pdf(
    doc: Document,
    symbol: str,
    *,
    job: str = "23-12345 (F)",
    pagesize: tuple[float, float] = (595.27, 841.89),
    clause_pages: dict[int, tuple[int, int]] | None = None,
) -> bytes:
    """A PDF of ``doc`` (heading, clauses, footnotes) laid out like a UN document (A4 unless ``pagesize``).

    ``clause_pages``, when given, receives the first and last page each clause was set on.
    """
    A4 = pagesize  # noqa: N806 - the page, A4 by default
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Spacer

    notes = _notes(doc)
    set_on: dict[int, tuple[int, int]] = {}
    needles: list[tuple[str, str]] = []  # (label, the word and marker as the page shows them)
    body = ParagraphStyle("body", fontName="Times-Roman", fontSize=BODY_SIZE, leading=13.5, spaceAfter=7, alignment=4)
    pre = ParagraphStyle("pre", parent=body, firstLineIndent=28)
    op = ParagraphStyle("op", parent=body, firstLineIndent=28)
    head = ParagraphStyle("head", parent=body, fontName="Times-Bold", alignment=0)
    note_style = ParagraphStyle("note", fontName="Times-Roman", fontSize=NOTE_SIZE, leading=10, leftIndent=14, firstLineIndent=-14)

    class ClausePara(Paragraph):
        clause: int | None = None

        def split(self, availWidth, availHeight):  # noqa: N803 - reportlab's names
            parts = super().split(availWidth, availHeight)
            for part in parts:
                part.clause = self.clause
            return parts

    def clause_flowable(i: int):
        c = doc.clauses[i]
        text, labels = _marked_text(doc, i)
        markup = escape(_pdf_safe(text)).replace("\x01", '<super rise="4" size="6.5">').replace("\x02", "</super>")
        if c.number and c.part != "preamble":
            markup = f"{escape(c.number)}.&nbsp;&nbsp;{markup}"
        needles.extend(labels)
        flow = ClausePara(markup, op if c.number else pre)
        flow.clause = i
        return flow

    def build(reserve: dict[int, float]) -> tuple[bytes, dict[str, int]]:
        placed: dict[str, int] = {}
        set_on.clear()

        class Template(BaseDocTemplate):
            def afterFlowable(self, flowable) -> None:  # noqa: N802 - reportlab's hook
                clause = getattr(flowable, "clause", None)
                if clause is not None:
                    first = set_on.get(clause, (self.page, self.page))[0]
                    set_on[clause] = (first, self.page)
                # A paragraph split over two pages: the note goes with the part holding its marker.
                plain = flowable.getPlainText() if hasattr(flowable, "getPlainText") else ""
                for label, needle in needles:
                    if label not in placed and needle in plain:
                        placed[label] = self.page
                for label in notes if flowable is self._first_flowable else ():
                    if not label.isdigit():  # asterisk notes belong to the heading, on page 1
                        placed.setdefault(label, 1)

            def handle_pageBegin(self) -> None:  # noqa: N802 - reportlab's hook
                page = self.page + 1
                frame = self.pageTemplate.frames[0]
                top = A4[1] - MARGIN
                frame.y1 = MARGIN + 30 + reserve.get(page, 0.0)
                frame.height = top - frame.y1
                super().handle_pageBegin()

        def on_page(canvas, template) -> None:
            page = template.page
            canvas.saveState()
            canvas.setFont("Times-Bold", 10)
            if page % 2:
                canvas.drawRightString(A4[0] - MARGIN, A4[1] - 45, symbol)
            else:
                canvas.drawString(MARGIN, A4[1] - 45, symbol)
            canvas.setFont("Times-Roman", 9)
            canvas.drawCentredString(A4[0] / 2, 40, str(page))
            if page == 1:
                canvas.setFont("Times-Roman", 8)
                canvas.drawString(MARGIN, 28, job)
            labels = [label for label, at in placed.items() if at == page]
            if labels:
                y = MARGIN + 30 + reserve.get(page, 0.0) - 6
                canvas.setLineWidth(0.5)
                canvas.line(MARGIN, y, MARGIN + 120, y)
                y -= 4
                for label in labels:
                    p = Paragraph(f"<super>{escape(label)}</super>&nbsp;{escape(_pdf_safe(notes[label].text))}", note_style)
                    _, h = p.wrap(A4[0] - 2 * MARGIN, 200)
                    p.drawOn(canvas, MARGIN, y - h)
                    y -= h + 1
            canvas.restoreState()

        buffer = io.BytesIO()
        template = Template(buffer, pagesize=A4)
        frame = Frame(MARGIN, MARGIN + 30, A4[0] - 2 * MARGIN, A4[1] - 2 * MARGIN - 30, id="body", leftPadding=0, rightPadding=0)
        template.addPageTemplates([PageTemplate(id="un", frames=[frame], onPageEnd=on_page)])
        story = [Paragraph(escape(_pdf_safe(line)), head) for line in heading_lines(doc)]
        template._first_flowable = story[0] if story else None
        story.append(Spacer(1, 6))
        needles.clear()
        story.extend(clause_flowable(i) for i in range(len(doc.clauses)))
        template.build(story)
        return buffer.getvalue(), placed

    def notes_height(labels: list[str]) -> float:  # noqa: N806
        total = 14.0
        for label in labels:
            p = Paragraph(f"{escape(label)} {escape(_pdf_safe(notes[label].text))}", note_style)
            total += p.wrap(A4[0] - 2 * MARGIN, 200)[1] + 1
        return total

    # Footnote space pushes text to later pages, which moves markers: grow each page's space
    # until every page has room for the notes whose markers it holds (growing only, so it ends).
    reserve: dict[int, float] = {}
    for _ in range(12):
        data, placed = build(reserve)
        by_page: dict[int, list[str]] = {}
        for label, page in placed.items():
            by_page.setdefault(page, []).append(label)
        short = {p: notes_height(labels) for p, labels in by_page.items() if notes_height(labels) > reserve.get(p, 0.0)}
        if not short:
            if clause_pages is not None:
                clause_pages.update(set_on)
            return data
        for p, height in short.items():
            reserve[p] = height
    raise RuntimeError("footnote layout did not settle")


def rasterize(pdf: bytes, *, dpi: int = 250, seed: int = 0, noise: float = 0.04, skew: float = 0.6) -> list:
    """Each page of ``pdf`` as a grey-scale image scanned at ``dpi``, with speckle noise and a slight skew."""
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image, ImageFilter

    rng = random.Random(seed)
    pages = []
    pdf_doc = pdfium.PdfDocument(pdf)
    try:
        for page in pdf_doc:
            image = page.render(scale=dpi / 72).to_pil().convert("L")
            image = image.rotate(rng.uniform(-skew, skew), resample=Image.BICUBIC, expand=False, fillcolor=255)
            image = image.filter(ImageFilter.GaussianBlur(0.45))
            arr = np.asarray(image, dtype=np.int16).copy()
            np_rng = np.random.default_rng(seed)
            arr += np_rng.normal(0, 8, arr.shape).astype(np.int16)  # sensor grain
            speckle = np_rng.random(arr.shape) < noise * 0.01  # dust: dark specks on the page
            arr[speckle] = np_rng.integers(0, 120, int(speckle.sum()))
            pages.append(Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8)))
    finally:
        pdf_doc.close()
    return pages


def scanned_pdf(images: list, dpi: int = 250) -> bytes:
    """The images as a PDF with no text layer (what a scanner produces)."""
    buffer = io.BytesIO()
    images[0].save(buffer, format="PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return buffer.getvalue()


def render_docx(doc: Document) -> bytes:
    """A .docx of ``doc``: the heading, preambular paragraphs, and operative paragraphs in an automatic numbered list."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    d = docx.Document()
    numbering = d.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="4290">'
        '<w:multiLevelType w:val="hybridMultilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:suff w:val="tab"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl>'
        "</w:abstractNum>"
    )
    numbering.insert(0, abstract)
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="4290"><w:abstractNumId w:val="4290"/></w:num>'))
    for line in heading_lines(doc):
        d.add_paragraph(line)
    for i, c in enumerate(doc.clauses):
        text, _ = _marked_text(doc, i)
        text = re.sub("\x01[^\x02]*\x02", "", text)
        p = d.add_paragraph(text)
        if c.number and c.part == "operative":
            ppr = p._p.get_or_add_pPr()
            ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="4290"/></w:numPr>'))
        elif c.number:
            p.runs[0].text = f"{c.number}. {text}"
    buffer = io.BytesIO()
    d.save(buffer)
    return buffer.getvalue()


def render_html(doc: Document, title: str) -> str:
    """An HTML page of ``doc``'s text inside a site's navigation, menus, breadcrumbs and footer."""
    parts = [
        "<!DOCTYPE html><html lang='fr'><head><meta charset='utf-8'>",
        f"<title>{escape(title)}</title><style>nav a {{ margin: 0 1em }}</style><script>var x = '1. Décide';</script></head><body>",
        "<header class='site-header'><div class='logo'>Nations Unies</div>",
        "<nav><ul><li><a href='/'>Accueil</a></li><li><a href='/fr/documents'>Documents</a></li>"
        "<li><a href='/fr/ga'>Assemblée générale</a></li><li>Décide de nous contacter</li></ul></nav></header>",
        "<div class='breadcrumb'><a href='/'>Accueil</a> › Résolutions</div>",
        "<div id='page'><aside class='sidebar'><h3>Voir aussi</h3><ul><li>Rappelant nos autres pages</li></ul></aside>",
        "<main><article>",
    ]
    parts += [f"<p class='heading'>{escape(line)}</p>" for line in heading_lines(doc)]
    operative = [c for c in doc.clauses if c.part == "operative" and c.number]
    for c in doc.clauses:
        if c not in operative:
            parts.append(f"<p>{escape(c.text)}</p>")
    if operative:
        parts.append(f"<ol start='{escape(operative[0].number or '1')}'>")
        parts += [f"<li>{escape(c.text)}</li>" for c in operative]
        parts.append("</ol>")
    parts += [
        "</article></main></div>",
        "<footer><p>© Nations Unies 2024</p><ul><li>Conditions d'utilisation</li><li>Confidentialité</li>"
        "<li>1. Demande de renseignements</li></ul></footer>",
        "<div class='cookie-consent'>Ce site utilise des cookies. Accepter</div>",
        "</body></html>",
    ]
    return "\n".join(parts)
