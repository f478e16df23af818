"""Operative paragraphs numbered other than "1." (guide decision 5.31): Roman numerals, letters, "1er", articles.

Made-up UN-style texts: the same resolution numbered "1.", "I.", "A.", "1er / 2°" or "Article premier / Article 2"
gives the same clauses in every layout, each with its label as number; a report's "I. Introduction" headings and
"A. Mesures prises" stay furniture.
"""

from __future__ import annotations

import pytest

from clausekit.segmentation.segmenter import segment_text

FORMULA = "La Conférence générale,"
PREAMBLE = [
    "Rappelant sa résolution 40 C/12 sur la coopération régionale,",
    "Consciente des besoins croissants des pays en développement en matière de formation,",
]
OPERATIVE = [
    "Invite les États membres à renforcer la coopération entre leurs commissions nationales ;",
    "Prie la Directrice générale de lui rendre compte de la mise en œuvre de la présente résolution ;",
    "Décide d'inscrire cette question à l'ordre du jour de sa prochaine session.",
]
STYLES = {
    "arabic": (["1. ", "2. ", "3. "], ["1", "2", "3"]),
    "roman": (["I. ", "II. ", "III. "], ["I", "II", "III"]),
    "roman_dash": (["I - ", "II - ", "III - "], ["I", "II", "III"]),
    "roman_paren": (["I) ", "II) ", "III) "], ["I", "II", "III"]),
    "letter": (["A. ", "B. ", "C. "], ["A", "B", "C"]),
    "ordinal": (["1er ", "2° ", "3° "], ["1", "2", "3"]),
    "article": (["Article premier. ", "Article 2. ", "Article 3. "], ["1", "2", "3"]),
}
JOINERS = {"paragraphs": "\n\n", "single_newlines": "\n", "one_line": " "}


def _clauses(text: str) -> list[tuple[str, str | None, str]]:
    return [(c.part, c.number, c.text) for c in segment_text(text).clauses]


@pytest.mark.parametrize("joiner", JOINERS.values(), ids=JOINERS.keys())
@pytest.mark.parametrize("style", STYLES)
def test_segment_labels_same_clauses_in_every_numbering_and_layout(style, joiner):
    labels, numbers = STYLES[style]
    text = joiner.join([FORMULA, *PREAMBLE, *(a + b for a, b in zip(labels, OPERATIVE, strict=True))])
    want = [("preamble", None, p) for p in PREAMBLE] + [
        ("operative", n, o) for n, o in zip(numbers, OPERATIVE, strict=True)
    ]
    assert _clauses(text) == want


@pytest.mark.parametrize("joiner", ["\n\n", "\n"], ids=["paragraphs", "single_newlines"])
@pytest.mark.parametrize("style", STYLES)
def test_segment_labels_label_on_its_own_line(style, joiner):
    labels, numbers = STYLES[style]
    text = joiner.join([FORMULA, *PREAMBLE, *(f"{a.strip()}\n{b}" for a, b in zip(labels, OPERATIVE, strict=True))])
    want = [("preamble", None, p) for p in PREAMBLE] + [
        ("operative", n, o) for n, o in zip(numbers, OPERATIVE, strict=True)
    ]
    assert _clauses(text) == want


def test_segment_labels_roman_without_point_heads_a_section():
    text = "\n\n".join([
        "La Conférence internationale de l'éducation,",
        "Considérant l'importance de la formation des maîtres,",
        "III La Conférence émet le vœu :",
        "Que les autorités scolaires facilitent la formation continue des maîtres ;",
        "Que les écoles normales disposent des ressources nécessaires.",
    ])
    got = _clauses(text)
    assert got[0][:2] == ("preamble", None)
    assert got[1][:2] == ("operative", "III")
    assert got[1][2].startswith("La Conférence émet le vœu")


REPORT = [
    "I. Introduction",
    "Le présent rapport rend compte des activités menées par le secrétariat au cours de l'année écoulée.",
    "II. Contexte",
    "Les États membres ont adopté en 2019 un plan d'action sur la formation des enseignants.",
    "A. Mesures prises",
    "Le secrétariat a organisé trois ateliers régionaux et publié un guide pratique.",
    "III. Recommandations",
    "Le Comité pourrait envisager de renforcer le groupe de travail.",
    "D. Questions diverses",
    "Le Comité pourrait envisager de prolonger le mandat du groupe de travail.",
]


@pytest.mark.parametrize("joiner", ["\n\n", "\n"])
def test_segment_labels_report_headings_stay_section_headings(joiner):
    doc = segment_text(joiner.join(REPORT))
    headings = [doc.original[f.start : f.end] for f in doc.furniture if f.kind == "section_heading"]
    assert headings == [
        "I. Introduction", "II. Contexte", "A. Mesures prises", "III. Recommandations", "D. Questions diverses",
    ]
    assert all(c.number is None for c in doc.clauses)
    assert not any(c.text.startswith(("Introduction", "Contexte", "Mesures", "Recommandations", "Questions")) for c in doc.clauses)


def test_segment_labels_letter_after_a_word_is_text():
    text = "\n\n".join([FORMULA, PREAMBLE[0], "1. Invite les États membres à appliquer la partie B. Prie aussi ;"])
    clauses = segment_text(text).clauses
    assert [c.number for c in clauses][:2] == [None, "1"] and "B" not in [c.number for c in clauses]
    assert clauses[1].text.endswith("la partie B.")


ARTICLES = ["Chacun a droit à l'éducation tout au long de la vie.", "Les États encouragent la coopération culturelle."]


@pytest.mark.parametrize("joiner", JOINERS.values(), ids=JOINERS.keys())
@pytest.mark.parametrize("own_line", [True, False], ids=["label_own_line", "label_before_text"])
def test_segment_labels_declaration_articles(joiner, own_line):
    sep = joiner if own_line else ". "
    articles = [f"Article premier{sep}{ARTICLES[0]}", f"Article 2{sep}{ARTICLES[1]}"]
    text = joiner.join([FORMULA, "Proclame la présente Déclaration :", *articles])
    got = _clauses(text)[-2:]
    assert got == [("operative", "1", ARTICLES[0]), ("operative", "2", ARTICLES[1])]


def test_segment_labels_article_paragraphs_numbered_anew():
    text = "\n\n".join([
        FORMULA, "Adopte la présente Convention :",
        "Article premier", "Les États parties encouragent la coopération culturelle.",
        "Article 2", "1. Les États parties protègent le patrimoine culturel immatériel.",
        "2. Chaque État partie dresse un inventaire de ce patrimoine.",
    ])
    assert [c.number for c in segment_text(text).clauses][-3:] == ["1", "1", "2"]


@pytest.mark.parametrize("joiner", ["\n\n", "\n"], ids=["paragraphs", "single_newlines"])
@pytest.mark.parametrize("titled", [
    ["Article premier – Le droit à l'éducation", "Article 2 – La coopération"],
    ["Article premier\nLe droit à l'éducation", "Article 2\nLa coopération"],
], ids=["title_on_label_line", "title_on_its_own_line"])
def test_segment_labels_article_titles_are_headlines(joiner, titled):
    text = joiner.join([FORMULA, "Proclame la présente Déclaration :", titled[0], ARTICLES[0], titled[1], ARTICLES[1]])
    doc = segment_text(text)
    assert [(c.part, c.number, c.text) for c in doc.clauses][-2:] == [
        ("operative", "1", ARTICLES[0]), ("operative", "2", ARTICLES[1]),
    ]
    assert [f.kind for f in doc.furniture] == ["headline", "headline"]


def test_convention_enacting_formula_and_numbered_articles():
    # "Sont convenus de ce qui suit :" is a convention's enacting formula (5.1); an article whose paragraphs
    # carry their own numbers keeps them ("Article 2 / Objet / 1. ..."), starting again at 1.
    text = (
        "Convention sur la coopération régionale\n\nLes États parties à la présente Convention,\n\n"
        "Rappelant la résolution 77/185 de l'Assemblée générale,\n\nSont convenus de ce qui suit :\n\n"
        "Article premier\nDéfinitions\n\nAux fins de la présente Convention, on entend par « coopération » la coopération entre États.\n\n"
        "Article 2\nObjet\n\n1. Les États parties s'engagent à renforcer la coopération.\n\n2. Chaque État partie désigne un point de contact.\n"
    )
    got = [(c.part, c.number, c.text[:40]) for c in segment_text(text).clauses]
    assert got == [
        ("preamble", None, "Rappelant la résolution 77/185 de l'Asse"),
        ("narrative", None, "Sont convenus de ce qui suit :"),
        ("operative", "1", "Aux fins de la présente Convention, on e"),
        ("operative", "1", "Les États parties s'engagent à renforcer"),
        ("operative", "2", "Chaque État partie désigne un point de c"),
    ]
