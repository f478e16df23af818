"""Reading UN documents as users have them: PDF (text layer and scanned), images, Word, HTML.

Every input is generated here from a seed (tests/un_render.py): the seed's .txt segmentation is
the reference, and each format must read back to the same clauses.
"""

from __future__ import annotations

import difflib
import io
import zipfile
from pathlib import Path

import pytest

import clausekit
from clausekit.errors import ClausekitError, InputError
from clausekit.read.ocr_images import tesseract_languages
from clausekit.read.sources import read_bytes, read_path
from clausekit.segmentation.segmenter import segment_source

un_render = pytest.importorskip("un_render")
pytest.importorskip("reportlab")

SEEDS = Path(__file__).resolve().parent.parent / "data" / "seeds"
CASES = {
    "000": ("000_10894b76cb1fbe11.txt", "A/HRC/8/XX", un_render.A5),
    "003": ("003_0d3b84d2626458c8.txt", "A/HRC/53/L.9", (595.27, 841.89)),
    "004": ("004_f730982b1d88a241.txt", "A/RES/55/109", (595.27, 841.89)),
}
needs_tesseract = pytest.mark.skipif("fra" not in tesseract_languages(), reason="Tesseract with French data (Debian tesseract-ocr, tesseract-ocr-fra) is not installed")


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


@pytest.fixture(scope="module")
def rendered():
    """Each seed's reference Document, its PDF, and the pages the renderer set each clause on."""
    out = {}
    for key, (name, symbol, size) in CASES.items():
        doc = clausekit.segment(SEEDS / name)
        pages: dict[int, tuple[int, int]] = {}
        pdf = un_render.render_pdf(doc, symbol, pagesize=size, clause_pages=pages)
        out[key] = (doc, pdf, pages, symbol)
    return out


@pytest.mark.parametrize("key", sorted(CASES))
def test_pdf_text_layer_reads_back_the_seed_clauses(rendered, key):
    ref, pdf, pages, symbol = rendered[key]
    source = read_bytes(pdf, doc_id=key, path=f"{key}.pdf")
    assert source.reader == "pdf" and len(source.pages) >= 2
    doc = segment_source(source)
    assert len(doc.clauses) == len(ref.clauses)
    for want, got in zip(ref.clauses, doc.clauses, strict=True):
        assert (got.part, got.number) == (want.part, want.number)
        assert _ratio(want.text, got.text) >= 0.98, (want.text, got.text)
        assert (got.page, got.page_end) == pages[want.index]
        assert doc.original[got.start : got.end].split()[-1] in got.text  # spans point into the extracted text
    # No furniture inside a clause: symbol, job number, footnote texts stay out.
    kinds = {f.kind for f in doc.furniture}
    assert {"page_header", "page_number"} <= kinds
    notes = [f for f in doc.furniture if f.kind == "footnote"]
    assert len(notes) == len([f for f in ref.furniture if f.kind in ("footnote", "asterisk_note")])
    for c in doc.clauses:
        assert symbol not in c.text and "23-12345" not in c.text
        for note in notes:
            assert note.text.split("\n")[0][2:40] not in c.text


def test_pdf_footnote_markers_are_furniture_on_their_page(rendered):
    ref, pdf, _, _ = rendered["004"]
    doc = segment_source(read_bytes(pdf, doc_id="004", path="004.pdf"))
    markers = [f for f in doc.furniture if f.kind == "footnote_marker"]
    assert [m.text for m in markers] == ["1", "2", "3"]
    notes = {f.text.split()[0]: f.page for f in doc.furniture if f.kind == "footnote"}
    for m in markers:
        assert notes[m.text] == m.page


def test_pdf_in_every_output_carries_pages(rendered, tmp_path):
    from typer.testing import CliRunner

    from clausekit.cli import app

    path = tmp_path / "A_RES_55_109.PDF"
    path.write_bytes(rendered["004"][1])
    result = CliRunner().invoke(app, ["segment", str(path), "-f", "csv"])
    assert result.exit_code == 0, result.output
    header = result.stdout.splitlines()[0].split(",")
    assert header[header.index("page"):header.index("page") + 3] == ["page", "page_end", "ocr_confidence"]
    table = CliRunner().invoke(app, ["segment", str(path)])
    assert " page " in table.stdout.splitlines()[0] + " "
    frame = clausekit.tag(path)
    assert frame["page"].tolist() == [c.page for c in clausekit.segment(path).clauses]
    assert frame["ocr_confidence"].isna().all()


def test_pdf_in_two_columns_is_read_column_by_column():
    from reportlab.pdfgen import canvas

    left = [f"gauche ligne {i} de la première colonne" for i in range(12)]
    right = [f"droite ligne {i} de la seconde colonne" for i in range(12)]
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer)
    for i, (a, b) in enumerate(zip(left, right, strict=True)):
        c.drawString(60, 760 - 14 * i, a)
        c.drawString(320, 760 - 14 * i, b)
    c.save()
    text = read_bytes(buffer.getvalue(), doc_id="cols", path="cols.pdf").text
    lines = [line for line in text.splitlines() if line.strip()]
    assert lines == left + right


def test_form_feeds_give_pages_to_a_text():
    text = (SEEDS / "004_f730982b1d88a241.txt").read_text(encoding="utf-8")
    cut = text.index("1. Réaffirme")
    source = read_bytes((text[:cut] + "\f" + text[cut:]).encode(), doc_id="ff", path="ff.txt")
    doc = segment_source(source)
    assert [c.page for c in doc.clauses if c.part == "operative"] == [2] * 6
    assert {c.page for c in doc.clauses if c.part == "preamble"} == {1}


# --- scans and images ---------------------------------------------------------------------


@pytest.mark.slow
@needs_tesseract
def test_scanned_003_reads_back_and_tags_the_same(rendered):
    ref, pdf, _, _ = rendered["003"]
    scan = un_render.scanned_pdf(un_render.rasterize(pdf, dpi=200, seed=3), 200)
    source = read_bytes(scan, doc_id="003-scan", path="003-scan.pdf")
    assert source.reader == "ocr"
    doc = segment_source(source)
    assert len(doc.clauses) == len(ref.clauses) == 70
    ratios = [_ratio(a.text, b.text) for a, b in zip(ref.clauses, doc.clauses, strict=True)]
    assert sum(ratios) / len(ratios) >= 0.97
    assert all(c.ocr_confidence is not None and 0 < c.ocr_confidence <= 100 for c in doc.clauses)
    assert all(c.page is not None for c in doc.clauses)
    tagger = clausekit.Tagger()
    want, got = tagger.document_records(ref), tagger.document_records(doc)
    same = sum(a["function"] == b["function"] and a["themes"] == b["themes"] for a, b in zip(want, got, strict=True))
    assert same / len(want) >= 0.97


@pytest.mark.slow
@needs_tesseract
def test_png_page_is_read_by_ocr(rendered, tmp_path):
    ref, pdf, pages, _ = rendered["004"]
    image = un_render.rasterize(pdf, dpi=200, seed=1)[1]  # the second page: operative 2 to 6
    path = tmp_path / "page2.PNG"
    image.save(path)
    doc = clausekit.segment(path)
    assert [c.number for c in doc.clauses if c.part == "operative"][-4:] == ["3", "4", "5", "6"]
    assert all(c.ocr_confidence and c.page == 1 for c in doc.clauses)


def test_missing_tesseract_is_one_line_naming_the_package(monkeypatch, tmp_path):
    from PIL import Image

    import clausekit.read.ocr_images as ocr

    monkeypatch.setattr(ocr, "tesseract_languages", lambda: frozenset())
    path = tmp_path / "scan.png"
    Image.new("L", (200, 100), 255).save(path)
    with pytest.raises(ClausekitError, match="tesseract-ocr-fra") as info:
        read_path(path)
    assert "\n" not in str(info.value) and str(path) in str(info.value)


# --- Word and HTML ------------------------------------------------------------------------


def test_docx_automatic_numbering_gives_operative_numbers(rendered, tmp_path):
    ref = rendered["004"][0]
    path = tmp_path / "A_RES_55_109.docx"
    path.write_bytes(un_render.render_docx(ref))
    with zipfile.ZipFile(path) as z:  # the digits are not in the file's text: Word numbers the list
        assert "Réaffirme" in z.read("word/document.xml").decode() and ">1. " not in z.read("word/document.xml").decode()
    doc = clausekit.segment(path)
    assert [c.number for c in doc.clauses if c.part == "operative"] == ["1", "2", "3", "4", "5", "6"]
    assert len(doc.clauses) == 14
    for want, got in zip(ref.clauses, doc.clauses, strict=True):
        assert want.part == got.part and _ratio(want.text, got.text) >= 0.98


def test_docx_numbering_restarts_and_nests():
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="4242">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>'
        "</w:abstractNum>"))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="4242"><w:abstractNumId w:val="4242"/></w:num>'))
    for text, level in [("Décide de créer un groupe", 0), ("chargé de ceci ;", 1), ("chargé de cela ;", 1), ("Prie le Secrétaire général de faire rapport.", 0), ("et de conclure ;", 1)]:
        p = d.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="4242"/></w:numPr>'))
    buffer = io.BytesIO()
    d.save(buffer)
    text = read_bytes(buffer.getvalue(), doc_id="n", path="n.docx").text
    starts = [line.split("\t")[0] for line in text.split("\n\n")]
    assert starts == ["1.", "a)", "b)", "2.", "a)"]


def test_docx_footnotes_are_kept_apart():
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    d = docx.Document()
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    notes = (
        f'<w:footnotes {w}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:id="1"><w:p><w:r><w:t>Voir A/CONF.157/24 (Partie I), chap. III.</w:t></w:r></w:p></w:footnote></w:footnotes>'
    )
    content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
    d.part.relate_to(Part(PackURI("/word/footnotes.xml"), content_type, notes.encode(), d.part.package), RELATIONSHIP_TYPE.FOOTNOTES)
    p = d.add_paragraph("Rappelant la Déclaration et le Programme d'action de Vienne")
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:footnoteReference w:id="1"/></w:r>'))
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t xml:space="preserve">, adoptés en 1993,</w:t></w:r>'))
    buffer = io.BytesIO()
    d.save(buffer)
    source = read_bytes(buffer.getvalue(), doc_id="n", path="n.docx")
    doc = segment_source(source)
    assert doc.clauses[0].text == "Rappelant la Déclaration et le Programme d'action de Vienne, adoptés en 1993,"
    assert [(f.kind, f.text) for f in doc.furniture] == [("footnote_marker", "1"), ("footnote", "1 Voir A/CONF.157/24 (Partie I), chap. III.")]


def test_html_page_inside_navigation_gives_the_same_clauses(rendered, tmp_path):
    ref = rendered["004"][0]
    path = tmp_path / "a_res_55_109.htm"
    path.write_text(un_render.render_html(ref, "A/RES/55/109"), encoding="utf-8")
    doc = clausekit.segment(path)
    assert len(doc.clauses) == 14
    for want, got in zip(ref.clauses, doc.clauses, strict=True):
        assert (got.part, got.number) == (want.part, want.number)
        assert _ratio(want.text, got.text) >= 0.98
    for chrome in ("Accueil", "cookies", "Conditions", "Voir aussi", "Demande de renseignements", "var x"):
        assert chrome not in doc.original


def test_html_from_standard_input_with_input_format_html(rendered):
    from typer.testing import CliRunner

    from clausekit.cli import app

    page = un_render.render_html(rendered["004"][0], "A/RES/55/109")
    result = CliRunner().invoke(app, ["segment", "-", "--input-format", "html", "-f", "jsonl"], input=page)
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 14


# --- bad files ----------------------------------------------------------------------------


def _encrypted_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, encrypt="secret")
    c.drawString(72, 720, "Décide de poursuivre l'examen de la question.")
    c.save()
    return buffer.getvalue()


def _zip_of_other() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("data/table.csv", "a,b\n1,2\n")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "make", "says"),
    [
        ("locked.pdf", _encrypted_pdf, "encrypted"),
        ("broken.pdf", lambda: b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage", "not a readable PDF"),
        ("report.docx", _zip_of_other, "not a Word .docx"),
    ],
)
def test_bad_files_get_one_clear_line(tmp_path, name, make, says):
    path = tmp_path / name
    path.write_bytes(make())
    with pytest.raises(InputError, match=says) as info:
        read_path(path)
    assert "\n" not in str(info.value) and str(path) in str(info.value)


@needs_tesseract
def test_image_without_text_is_refused(tmp_path):
    from PIL import Image

    path = tmp_path / "blank.jpg"
    Image.new("L", (800, 1000), 245).save(path)
    with pytest.raises(InputError, match="no text found"):
        read_path(path)


def test_batch_goes_on_past_bad_files(tmp_path):
    from typer.testing import CliRunner

    from clausekit.cli import app

    (tmp_path / "locked.pdf").write_bytes(_encrypted_pdf())
    (tmp_path / "broken.PDF").write_bytes(b"%PDF-1.4\nnot really")
    (tmp_path / "other.docx").write_bytes(_zip_of_other())
    (tmp_path / "good.txt").write_bytes((SEEDS / "004_f730982b1d88a241.txt").read_bytes())
    result = CliRunner().invoke(app, ["segment", str(tmp_path), "-f", "jsonl"])
    assert result.exit_code == 4
    assert len(result.stdout.splitlines()) == 14
    for name in ("locked.pdf", "broken.PDF", "other.docx"):
        assert name in result.stderr
    assert "Traceback" not in result.stderr


def test_markdown_footnotes_are_set_apart_from_the_clauses(tmp_path):
    # the note "[^1]: DP/2023/4." was glued to the last operative paragraph and "[^1]" stayed in its clause
    path = tmp_path / "decision.md"
    path.write_text(
        "# Décision 2023/12 du Conseil d'administration\n\n*Le Conseil d'administration,*\n\n"
        "- *Rappelant* sa décision 2022/5[^a],\n\n"
        "1) **Prend note** du rapport de l'Administrateur[^1] ;\n"
        "2) **Prie** l'Administrateur de promouvoir la coopération Sud-Sud.\n\n"
        "[^1]: DP/2023/4.\n[^a]: Voir E/2022/35,\n    chap. II.\n",
        encoding="utf-8",
    )
    doc = clausekit.segment(path)
    texts = [c.text for c in doc.clauses]
    assert texts == [
        "Rappelant sa décision 2022/5,",
        "Prend note du rapport de l'Administrateur ;",
        "Prie l'Administrateur de promouvoir la coopération Sud-Sud.",
    ]
    notes = sorted(f.text for f in doc.furniture if f.kind == "footnote")
    assert notes == ["1 DP/2023/4.", "a Voir E/2022/35, chap. II."]
    assert sorted(f.text for f in doc.furniture if f.kind == "footnote_marker") == ["1", "a"]
    for c in doc.clauses:  # spans still point at the clause in the original
        assert "[^" not in doc.original[c.start : c.end]
    # a plain text file keeps its brackets as they are
    plain = tmp_path / "decision.txt"
    plain.write_text("1. Décide de poursuivre[^1].\n", encoding="utf-8")
    assert "[^1]" in clausekit.segment(plain).clauses[0].text


def test_docx_tables_under_the_text_are_furniture_and_the_masthead_is_read():
    # An annex's table (a scale of assessments, a vote) gave clauses "Chili 0,420" and "Pour" tagged request;
    # its rows are table furniture now. A masthead table before any text stays text: it holds the symbol.
    import docx

    d = docx.Document()
    masthead = d.add_table(rows=1, cols=2)
    masthead.cell(0, 0).text, masthead.cell(0, 1).text = "Nations Unies", "A/RES/78/150"
    for line in ["L'Assemblée générale,", "Rappelant sa résolution 77/1,",
                 "1. Décide que le barème figurant en annexe sera appliqué ;", "2. Décide de rester saisie de la question.", "Annexe"]:
        d.add_paragraph(line)
    scale = d.add_table(rows=3, cols=2)
    for i, (a, b) in enumerate([("État Membre", "Quote-part (%)"), ("Chili", "0,420"), ("Cuba", "0,095")]):
        scale.cell(i, 0).text, scale.cell(i, 1).text = a, b
    buffer = io.BytesIO()
    d.save(buffer)
    doc = segment_source(read_bytes(buffer.getvalue(), doc_id="t", path="t.docx"))
    assert [(c.part, c.number) for c in doc.clauses] == [("preamble", None), ("operative", "1"), ("operative", "2")]
    assert [f.text for f in doc.furniture if f.kind == "table"] == ["État Membre | Quote-part (%)", "Chili | 0,420", "Cuba | 0,095"]
    assert doc.heading.symbol == "A/RES/78/150"


def test_html_data_tables_are_furniture_and_layout_tables_are_read():
    # A data table (short cells, two columns or more) under a resolution is furniture, one record a row;
    # an old page laid out in a table keeps its paragraphs.
    resolution = (
        "<p>L'Assemblée générale,</p><p>Rappelant sa résolution 77/1,</p>"
        "<ol><li>Décide que le barème figurant en annexe sera appliqué ;</li><li>Décide de rester saisie de la question.</li></ol>"
    )
    data = "<table><tr><th>État Membre</th><th>Quote-part (%)</th></tr><tr><td>Chili</td><td>0,420</td></tr></table>"
    page = f"<!DOCTYPE html><html><body><main>{resolution}<h2>Annexe</h2>{data}</main></body></html>"
    doc = segment_source(read_bytes(page.encode(), doc_id="h", path="h.html"))
    assert [(c.part, c.number) for c in doc.clauses] == [("preamble", None), ("operative", "1"), ("operative", "2")]
    assert [f.text for f in doc.furniture if f.kind == "table"] == ["État Membre | Quote-part (%)", "Chili | 0,420"]
    laid_out = f"<!DOCTYPE html><html><body><table><tr><td>Menu</td><td>{resolution}</td></tr><tr><td>x</td><td>y</td></tr></table></body></html>"
    doc = segment_source(read_bytes(laid_out.encode(), doc_id="h", path="h.html"))
    assert [(c.part, c.number) for c in doc.clauses][-3:] == [("preamble", None), ("operative", "1"), ("operative", "2")]
