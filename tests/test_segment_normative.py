"""Part of paragraphs without a lead verb in normative texts (issue 12, guide decisions 5.1, 5.8, 5.9, 5.13).

The fragments are made up in the style of UN and UNESCO recommendations and reports; none is
copied from a corpus. The properties: a prescription is operative with or without its number,
in any order and from any starting number; the formula that announces it is structural; the
background before the prescriptions of a text without formula is preambular; a report that
reports in the past tense stays narrative.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from clausekit.segmentation.leads import infer_part
from clausekit.segmentation.normative import (
    is_address_formula,
    is_enacting_formula,
    strip_glued_prefix,
)
from clausekit.segmentation.segmenter import segment_text

PREAMBLE = [
    "Considérant que l'accès à une éducation de qualité conditionne le développement durable,",
    "Considérant que de nombreux pays manquent d'enseignants qualifiés dans les zones rurales,",
    "Rappelant les engagements pris lors des conférences régionales sur l'éducation des adultes,",
]
PRESCRIPTIONS = [
    "Les autorités nationales devraient associer les communautés locales à la planification scolaire.",
    "Il importe que les programmes de formation des enseignants soient révisés à intervalles réguliers.",
    "Il y a lieu de renforcer la coopération régionale en matière de manuels scolaires.",
    "Il est souhaitable que les établissements disposent de bibliothèques ouvertes au public.",
    "Les États membres sont invités à partager leurs données sur la scolarisation des filles.",
    "L'enseignement des langues nationales doit commencer dès les premières années d'école.",
    "Les organisations internationales pourraient appuyer la formation des inspecteurs scolaires.",
    "La formation continue des maîtres sera organisée pendant les congés scolaires.",
]
FORMULA = "La Conférence générale,"
ENACTING = "Adopte la recommandation suivante :"


def _parts(text: str) -> dict[str, str]:
    return {c.text: c.part for c in segment_text(text, ocr=False).clauses}


def _norm(s: str) -> str:
    return " ".join(s.split())


@settings(max_examples=60, deadline=None)
@given(
    chosen=st.lists(st.sampled_from(PRESCRIPTIONS), min_size=2, max_size=6, unique=True),
    numbered=st.booleans(),
    first=st.sampled_from([1, 1, 4, 14]),
    with_preamble=st.booleans(),
)
def test_normative_prescriptions_are_operative_with_or_without_numbers(chosen, numbered, first, with_preamble):
    paras = [FORMULA, *PREAMBLE, ENACTING] if with_preamble else []
    body = [f"{first + k}. {p}" if numbered else p for k, p in enumerate(chosen)]
    # Without formula or preamble, the structure is read from at least three numbered prescriptions of
    # obligation or advice (not permission or the future); unnumbered prescriptions alone have none (a
    # report's sentences look the same).
    assume(with_preamble or (numbered and sum(p in PRESCRIPTIONS[:6] for p in chosen) >= 3))
    parts = _parts("\n\n".join(paras + body))
    for p in chosen:
        assert parts.get(p) == "operative", (p, parts)
    if with_preamble:
        assert parts.get(ENACTING) == "narrative"  # decision 5.1: the formula announcing the text
        for p in PREAMBLE:
            assert parts.get(p) == "preamble"


def test_normative_background_before_prescriptions_is_preambular_but_not_in_an_excerpt():
    facts = [
        "Le nombre de jeunes qui achèvent le cycle primaire augmente dans toutes les régions.",
        "Dans plusieurs pays, les écoles rurales manquent de matériel et de personnel qualifié.",
    ]
    text = "\n\n".join(f"{k}. {p}" for k, p in enumerate([*facts, *PRESCRIPTIONS[:4]], start=1))
    parts = _parts(text)
    assert [parts[p] for p in facts] == ["preamble", "preamble"]
    assert all(parts[p] == "operative" for p in PRESCRIPTIONS[:4])
    excerpt = "\n\n".join(f"{k}. {p}" for k, p in enumerate([*facts, *PRESCRIPTIONS[:4]], start=14))
    assert set(_parts(excerpt).values()) == {"operative"}


def test_normative_report_in_the_past_tense_stays_narrative():
    report = [
        "Le Comité a tenu sa deuxième session à Genève du 3 au 7 mars.",
        "Il a examiné le rapport du Secrétaire général sur la formation des enseignants.",
        "Les participants ont souligné que les États devraient investir davantage dans l'éducation.",
        "Le Comité recommande que les autorités nationales renforcent la formation continue.",
        "Les États devraient veiller à ce que les écoles rurales disposent de maîtres qualifiés.",
        "Le Comité a adopté son rapport à sa dernière séance.",
    ]
    text = "\n\n".join(f"{k}. {p}" for k, p in enumerate(report, start=1))
    assert set(_parts(text).values()) == {"narrative"}


def test_normative_second_formula_opens_another_preamble():
    text = "\n\n".join(
        [FORMULA, PREAMBLE[0], "1. Décide de poursuivre l'examen de la question.", FORMULA, PREAMBLE[1],
         "1. Prie le Directeur général de faire rapport à la prochaine session."]
    )
    parts = _parts(text)
    assert parts[PREAMBLE[1]] == "preamble"


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("5. Les autorités nationales devraient associer les communautés locales ;", "operative"),
        ("5. Il y a lieu de renforcer la coopération régionale ;", "operative"),
        ("5. Il est hautement souhaitable que les programmes soient révisés.", "operative"),
        ("5. Les États membres sont invités à partager leurs données ;", "operative"),
        ("5. La formation continue sera organisée pendant les congés scolaires.", "operative"),
        ("5. Assurer une large diffusion des programmes d'échanges ;", "operative"),  # action item, decision 5.8
        ("5.1.2 renforcer les capacités des instituts nationaux de statistique ;", "operative"),
        ("— 12 — 7. Il importe que les maîtres reçoivent une formation continue ;", "operative"),
        ("Coopération régionale 8. Les gouvernements devraient échanger leurs manuels.", "operative"),
        ("Recommande aux gouvernements des États membres :", "narrative"),  # address formula, decision 5.1
        ("Adopte, le 3 mai, la recommandation suivante :", "narrative"),
        ("Mais que les États doivent coopérer davantage,", "preamble"),
        ("Ayant à l'esprit les décisions adoptées par la Conférence le 11 mai,", "preamble"),  # not an address
        ("Compte tenu de la résolution 70/1 de l'Assemblée générale,", "preamble"),
        ("Compte tenu de ces éléments, le Comité a adopté son rapport.", "narrative"),
        ("12. Le Comité a examiné le rapport du Secrétaire général à sa deuxième séance.", "narrative"),
        ("12. Le Comité recommande que l'État partie renforce ses capacités.", "narrative"),  # a report, 5.3
        ("3. Procédure à suivre pour l'examen des communications", "narrative"),  # a noun, not an infinitive
        ("Les États devraient redoubler d'efforts, a dit la représentante.", "narrative"),
    ],
)
def test_normative_infer_part(text, part):
    assert infer_part(text) == part


def test_normative_formulas_and_prefixes():
    assert is_enacting_formula("Soumet aux ministères de l'éducation la recommandation suivante :")
    assert is_enacting_formula("Recommande aux gouvernements ce qui suit :")
    assert not is_enacting_formula("Adopte la recommandation suivante : La Conférence, Considérant que les maîtres manquent. 1. Décide")
    assert is_address_formula("Recommande aux ministères de l'éducation des divers pays :")
    assert not is_address_formula("Demande aux États de coopérer pleinement :")
    assert strip_glued_prefix("— 182 — 2. Selon le système ...") == "2. Selon le système ..."
    assert strip_glued_prefix("Conformément aux articles 2.1 et 2.3 du statut, le Prix") .startswith("Conformément")
    assert re.match(r"^\d", strip_glued_prefix("Application de la présente recommandation 40. Il importe que"))
