"""A decision whose paragraphs are lettered after a formula ending with a colon (guide 5.36):
"Le Conseil économique et social :" / "a) Prend note ... ;" / "b) Décide ...". Texts written for this test.
"""

from __future__ import annotations

import pytest

from clausekit.segmentation.segmenter import segment_text

PARAS = [
    "Décision 2026/214",
    "Rapport du Comité d'experts de la coopération internationale en matière fiscale",
    "Le Conseil économique et social :",
    "a) Prend note du rapport du Comité d'experts sur les travaux de sa trente et unième session ;",
    "b) Décide que la trente-deuxième session du Comité se tiendra à Genève du 20 au 23 octobre 2026 ;",
    "c) Prie le Secrétaire général de lui rendre compte de la coopération Sud-Sud en matière fiscale.",
]


@pytest.mark.parametrize("sep", ["\n\n", "\n"], ids=["paragraphs", "single newlines"])
def test_lettered_paragraphs_of_a_decision_are_its_operative_paragraphs(sep: str) -> None:
    doc = segment_text(sep.join(PARAS) + "\n")
    assert [(c.part, c.number, c.text) for c in doc.clauses] == [
        ("operative", "a", PARAS[3][3:]), ("operative", "b", PARAS[4][3:]), ("operative", "c", PARAS[5][3:])
    ]
    assert doc.heading.body == "Conseil économique et social"
    assert doc.heading.opening_formula == "Le Conseil économique et social :"


def test_lettered_items_inside_a_numbered_paragraph_stay_its_sub_paragraphs() -> None:
    text = "\n\n".join([
        "L'Assemblée générale,",
        "Rappelant sa résolution 79/250,",
        "1. Prie le Secrétaire général :",
        "a) De lui présenter un rapport ;",
        "b) De consulter les États Membres ;",
        "2. Décide de poursuivre l'examen de la question.",
    ]) + "\n"
    doc = segment_text(text)
    assert [(c.part, c.number) for c in doc.clauses] == [("preamble", None), ("operative", "1"), ("operative", "2")]
    assert [s.label for s in doc.clauses[1].subparagraphs] == ["a", "b"]


@pytest.mark.parametrize("line", ["Le Comité préparatoire décide :", "Les États Membres :", "La Commission :"])
def test_a_colon_after_other_words_is_no_formula(line: str) -> None:
    doc = segment_text(line + "\n\na) Prend note du rapport ;\n\nb) Décide de clore la session.\n")
    assert doc.heading.opening_formula is None
    assert all(c.number is None for c in doc.clauses)


def test_tagged_functions() -> None:
    from clausekit.tagging.tagger import Tagger

    records = Tagger().document_records(segment_text("\n\n".join(PARAS) + "\n"))
    assert [(r["number"], r["function"]) for r in records] == [("a", "recall"), ("b", "decision"), ("c", "request")]
