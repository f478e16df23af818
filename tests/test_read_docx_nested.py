"""Word lists nested two levels: the items under a numbered paragraph are its sub-paragraphs (guide decision 5.34).

The texts are written for these tests in the style of a General Assembly resolution; the numbering is Word's own
(``numbering.xml``: one abstract list with levels 0 and 1), so the digits are not in the document's text.
"""

from __future__ import annotations

import io

import pytest

import clausekit
from clausekit.read.sources import read_bytes

docx = pytest.importorskip("docx")

PREAMBLE = [
    "L'Assemblée générale,",
    "Rappelant ses résolutions antérieures relatives à la gestion durable des zones côtières,",
    "Notant avec intérêt les travaux menés par les commissions régionales,",
]
# (text, level, restart): restart gives the item a list of its own drawn from the same definition, which starts
# level 1 again at 1, as Word's "Recommencer la numérotation" does.
BODY = [
    ("Prie le Secrétaire général :", 0, False),
    ("De lui présenter, à sa quatre-vingt-deuxième session, un rapport sur l'application de la présente résolution ;", 1, False),
    ("De consulter les États Membres sur les moyens de renforcer la coopération régionale ;", 1, False),
    ("Décide de créer un fonds d'affectation spéciale pour les petits États insulaires en développement ;", 0, False),
    ("Invite les organismes des Nations Unies :", 0, False),
    ("À appuyer les programmes nationaux de surveillance du littoral ;", 1, True),
    ("À partager leurs données avec les commissions régionales ;", 1, False),
    ("À rendre compte de leurs activités au Conseil économique et social ;", 1, False),
    ("Décide de rester saisie de la question.", 0, False),
]


def _docx(fmt1: str, text1: str, body=BODY, *, levels: int = 2) -> bytes:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    d = docx.Document()
    numbering = d.part.numbering_part.element
    lvl1 = f'<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="{fmt1}"/><w:lvlText w:val="{text1}"/></w:lvl>'
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="31">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
        + (lvl1 if levels == 2 else "") + "</w:abstractNum>"))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="31"><w:abstractNumId w:val="31"/></w:num>'))
    next_id = 32
    for text in PREAMBLE:
        d.add_paragraph(text)
    num_id = 31
    for text, level, restart in body:
        if restart:
            numbering.append(parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{next_id}"><w:abstractNumId w:val="31"/>'
                '<w:lvlOverride w:ilvl="1"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'))
            num_id, next_id = next_id, next_id + 1
        elif level == 0:
            num_id = 31
        p = d.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    buffer = io.BytesIO()
    d.save(buffer)
    return buffer.getvalue()


def _segment(data: bytes, tmp_path):
    path = tmp_path / "A_RES_81_1.docx"
    path.write_bytes(data)
    return clausekit.segment(path)


@pytest.mark.parametrize(("fmt1", "text1"), [("decimal", "%2."), ("decimal", "%2)"), ("lowerLetter", "%2)"),
                                             ("lowerLetter", "%2."), ("lowerLetter", "(%2)"), ("upperLetter", "%2.")])
def test_read_docx_nested_items_are_sub_paragraphs_of_their_paragraph(fmt1, text1, tmp_path):
    doc = _segment(_docx(fmt1, text1), tmp_path)
    operative = [c for c in doc.clauses if c.part == "operative"]
    assert [c.number for c in operative] == ["1", "2", "3", "4"]
    assert [c.text.split()[0] for c in operative] == ["Prie", "Décide", "Invite", "Décide"]
    assert [[s.label for s in c.subparagraphs] for c in operative] == [["a", "b"], [], ["a", "b", "c"], []]
    # the next paragraph is never glued to the last item before it
    assert operative[0].subparagraphs[-1].text.endswith("coopération régionale ;")
    assert operative[2].subparagraphs[-1].text.endswith("Conseil économique et social ;")
    assert [c.part for c in doc.clauses if c.part != "operative"] == ["preamble", "preamble"]


def test_read_docx_nested_roman_items_keep_their_numerals(tmp_path):
    doc = _segment(_docx("lowerRoman", "%2)"), tmp_path)
    operative = [c for c in doc.clauses if c.part == "operative"]
    assert [[s.label for s in c.subparagraphs] for c in operative] == [["i", "ii"], [], ["i", "ii", "iii"], []]


def test_read_docx_nested_items_restart_under_each_paragraph():
    text = read_bytes(_docx("decimal", "%2."), doc_id="n", path="n.docx").text
    labels = [block.split("\t")[0] for block in text.split("\n\n")[len(PREAMBLE):]]
    assert labels == ["1.", "a)", "b)", "2.", "3.", "a)", "b)", "c)", "4."]


def test_read_docx_hierarchical_numbers_stay_paragraph_numbers():
    # "%1.%2" names its parent: "1.1", "1.2" are the numbered sections of UNESCO-style texts, not sub-items
    body = [(text, level, False) for text, level, _ in BODY]
    text = read_bytes(_docx("decimal", "%1.%2", body), doc_id="n", path="n.docx").text
    labels = [block.split("\t")[0] for block in text.split("\n\n")[len(PREAMBLE):]]
    assert labels == ["1.", "1.1", "1.2", "2.", "3.", "3.1", "3.2", "3.3", "4."]


def test_read_docx_a_flat_numbered_list_is_unchanged(tmp_path):
    flat = [(text, 0, False) for text, level, _ in BODY if level == 0]
    doc = _segment(_docx("decimal", "%2.", flat, levels=1), tmp_path)
    operative = [c for c in doc.clauses if c.part == "operative"]
    assert [c.number for c in operative] == ["1", "2", "3", "4"]
    assert [c.text for c in operative] == [text for text, _, _ in flat]


def test_read_docx_level_two_without_a_numbered_parent_keeps_its_digits():
    # a list whose paragraphs all stand at level 1 (level 0 never shown) numbers them with its own "%2."
    body = [(text, 1, False) for text, level, _ in BODY if level == 0]
    text = read_bytes(_docx("decimal", "%2.", body), doc_id="n", path="n.docx").text
    labels = [block.split("\t")[0] for block in text.split("\n\n")[len(PREAMBLE):]]
    assert labels == ["1.", "2.", "3.", "4."]
