"""Footnotes numbered with superscripts, as web pages and converted files give them: "2024¹," and "¹ Voir ...".

The call is a footnote marker (furniture, out of the clause text), the note is a footnote, never glued to
the last paragraph; an HTML ``<sup>1</sup>`` after a year reads as a call, not as a digit of the year.
Texts written for this test in UN style.
"""

from __future__ import annotations

from clausekit.read.sources import read_path
from clausekit.segmentation.segmenter import segment_source, segment_text

TEXT = """L'Assemblée générale,

Rappelant sa résolution 79/250 du 20 décembre 2024¹,

Consciente des difficultés que rencontrent les pays en développement²,

1. Décide d'inscrire la question à l'ordre du jour de sa quatre-vingt-unième session.

¹ Voir A/79/PV.55.
²Voir E/2025/15.
"""
PLAIN = [
    ("preamble", None, "Rappelant sa résolution 79/250 du 20 décembre 2024,"),
    ("preamble", None, "Consciente des difficultés que rencontrent les pays en développement,"),
    ("operative", "1", "Décide d'inscrire la question à l'ordre du jour de sa quatre-vingt-unième session."),
]


def _kinds(doc) -> list[tuple[str, str]]:
    return [(f.kind, f.text) for f in doc.furniture]


def test_superscript_calls_and_notes_are_furniture() -> None:
    doc = segment_text(TEXT)
    assert [(c.part, c.number, c.text) for c in doc.clauses] == PLAIN
    kinds = _kinds(doc)
    assert ("footnote_marker", "¹") in kinds and ("footnote_marker", "²") in kinds
    assert ("footnote", "¹ Voir A/79/PV.55.") in kinds and ("footnote", "²Voir E/2025/15.") in kinds


def test_a_superscript_in_the_text_of_a_clause_keeps_its_span() -> None:
    doc = segment_text(TEXT)
    first = doc.clauses[0]
    assert TEXT[first.start : first.end].endswith("2024¹,")  # the span still covers the call, the text leaves it out


def test_html_sup_calls_read_as_calls(tmp_path) -> None:
    page = tmp_path / "r.html"
    page.write_text(
        "<html><body><p>L'Assemblée générale,</p>"
        "<p><i>Rappelant</i> sa résolution 79/250 du 20 décembre 2024<sup>1</sup>,</p>"
        "<p><i>Consciente</i> des difficultés que rencontrent les pays en développement<sup><a href='#n2'>2</a></sup>,</p>"
        "<p>1. <i>Décide</i> d'inscrire la question à l'ordre du jour de sa quatre-vingt-unième session.</p>"
        "<hr><p><sup>1</sup> Voir A/79/PV.55.</p><p><sup>2</sup> Voir E/2025/15.</p>"
        "<p>Le 1<sup>er</sup> janvier et le XX<sup>e</sup> siècle.</p></body></html>",
        encoding="utf-8",
    )
    doc = segment_source(read_path(page))
    assert [(c.part, c.number, c.text) for c in doc.clauses][:3] == PLAIN
    assert ("footnote", "¹ Voir A/79/PV.55.") in _kinds(doc)
    assert "1er janvier" in read_path(page).text  # a letter in <sup> stays a letter


def test_plain_digit_notes_are_unchanged() -> None:
    text = TEXT.replace("¹", "1").replace("²", "2").replace("2Voir", "2 Voir")
    doc = segment_text(text)
    assert [c.text for c in doc.clauses][1:] == [c[2] for c in PLAIN][1:]
    assert ("footnote", "1 Voir A/79/PV.55.") in _kinds(doc)
