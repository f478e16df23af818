"""Parts of paragraphs given one per line, decided with their document (issue 12, ``--input-format lines``).

Made-up UN-style fragments, not copied from any corpus: the property, not the instance.
"""

from __future__ import annotations

import pytest

from clausekit.segmentation.leads import infer_part
from clausekit.segmentation.paragraphs import paragraph_parts
from clausekit.segmentation.segmenter import segment_text

RESOLUTION = [
    "Le Conseil d'administration,",
    "Rappelant sa décision 12/3 sur la coopération technique,",
    "Notant avec préoccupation l'insuffisance des ressources disponibles,",
    "1. Prie le Directeur exécutif de renforcer l'appui aux bureaux régionaux ;",
    "2. Invite les gouvernements à verser des contributions volontaires ;",
    "3. Décide d'examiner la question à sa prochaine session.",
]
RECOMMENDATION = [
    "La Conférence générale,",
    "Adopte la recommandation suivante :",
    "1. Les systèmes éducatifs connaissent une expansion rapide dans de nombreuses régions.",
    "2. Les États membres devraient renforcer la formation initiale des enseignants.",
    "3. Les autorités devraient faciliter l'accès de tous à l'enseignement secondaire.",
]
BACKGROUND_FIRST = [
    "1. Les effectifs scolaires ont beaucoup augmenté au cours de la dernière décennie.",
    "2. Le manque de maîtres qualifiés reste un obstacle majeur.",
    "3. Les États membres devraient accroître les crédits consacrés à la formation des maîtres.",
    "4. Les autorités devraient revoir régulièrement les programmes d'études.",
    "5. Il importe que les enseignants bénéficient d'une formation continue.",
]
REPORT = [
    "1. Le Comité a examiné le rapport initial de l'État partie à ses 12e et 13e séances.",
    "2. Le Comité a noté avec satisfaction la présentation du rapport dans les délais.",
    "3. La délégation a indiqué que de nouvelles lois avaient été adoptées en 2019.",
    "4. Les membres du Comité ont souligné les progrès accomplis depuis l'examen précédent.",
]
SECOND_RESOLUTION = [
    "1. Prie les États membres de renforcer leur coopération ;",
    "2. Décide de rester saisi de la question.",
    "Constatant que de nombreux pays manquent de ressources,",
    "Notant les efforts entrepris par les organisations régionales,",
    "1. Invite les États à partager leurs données d'expérience ;",
]
DOCUMENTS = [RESOLUTION, RECOMMENDATION, BACKGROUND_FIRST, REPORT, SECOND_RESOLUTION]


@pytest.mark.parametrize("paragraphs", DOCUMENTS)
def test_one_part_per_paragraph_same_as_the_segmented_text(paragraphs):
    """The same paragraphs get the same parts given one per line as segmented from a blank-line text."""
    parts = paragraph_parts(paragraphs)
    assert len(parts) == len(paragraphs)
    clauses = segment_text("\n\n".join(paragraphs)).clauses
    segmented = [c.part for c in clauses]
    # The segmenter keeps the opening formula as heading; every other paragraph is one clause.
    assert [p for p, t in zip(parts, paragraphs, strict=True) if not t.endswith("générale,") and not t.endswith("administration,")] == segmented


def test_a_past_tense_report_given_one_per_line_stays_narrative():
    assert paragraph_parts(REPORT) == ["narrative"] * len(REPORT)


def test_a_statement_after_an_enacting_formula_is_operative_only_in_its_document():
    parts = paragraph_parts(RECOMMENDATION)
    assert parts[:2] == ["narrative", "narrative"]  # formula and enacting formula
    assert parts[2] == "operative"  # the first paragraph of the text the formula announced
    assert infer_part(RECOMMENDATION[2]) == "narrative"  # alone, a statement of fact


def test_background_before_prescriptions_is_not_operative():
    parts = paragraph_parts(BACKGROUND_FIRST)
    assert parts[2:] == ["operative"] * 3
    assert "operative" not in parts[:2]


def test_a_lone_paragraph_gets_its_context_free_part():
    for text in ("Rappelant sa résolution 54/181,", "12. Prie le Secrétaire général de faire rapport ;", "Le Comité a tenu trois séances."):
        assert paragraph_parts([text]) == [infer_part(text)]
    assert paragraph_parts([]) == []
    assert paragraph_parts(["", "Rappelant sa décision 2/1,", "  "])[0::2] == ["narrative", "narrative"]


@pytest.mark.parametrize(
    "excerpt",
    [
        ["14. Prie le Secrétaire général de lui présenter un rapport ;", "15. Décide de poursuivre l'examen de la question."],
        ["6. Élaborer un programme de formation adapté aux besoins nationaux ;", "7. Faciliter les échanges de personnel entre établissements."],
    ],
)
def test_an_excerpt_from_the_operative_part_stays_operative(excerpt):
    """An excerpt starting mid-way (no formula, numbering above 1) with lead verbs or infinitive actions."""
    for text in ("\n\n".join(excerpt), "\n".join(excerpt), " ".join(excerpt)):
        assert [c.part for c in segment_text(text).clauses] == ["operative", "operative"]
    assert paragraph_parts(excerpt) == ["operative", "operative"]


def test_a_preamble_after_an_operative_part_opens_the_next_resolution():
    """Without its formula, "Constatant ...," after operative paragraphs ending with a full stop is preambular."""
    for sep in ("\n\n", "\n"):
        parts = [c.part for c in segment_text(sep.join(SECOND_RESOLUTION)).clauses]
        assert parts == ["operative", "operative", "preamble", "preamble", "operative"]


def test_a_participle_between_operative_paragraphs_is_preambular_and_the_numbering_goes_on():
    paragraphs = [
        "11. Exige que toutes les parties mettent fin aux hostilités ;",
        "Agissant en vertu du Chapitre VII de la Charte des Nations Unies,",
        "12. Décide que tous les États Membres prendront les mesures nécessaires ;",
    ]
    clauses = segment_text("\n\n".join(paragraphs)).clauses
    assert [(c.part, c.number) for c in clauses] == [("operative", "11"), ("preamble", None), ("operative", "12")]
    assert paragraph_parts(paragraphs) == ["operative", "preamble", "operative"]


def test_a_line_the_segmenter_would_join_to_the_one_before_keeps_its_own_lead():
    """Lines are boundaries: an out-of-sequence "3. Invite ..." after a preambular line is still operative."""
    paragraphs = [
        "8. Prie le Secrétaire général de faire rapport sur la question ;",
        "Constatant que de nombreux pays manquent de ressources,",
        "3. Invite les États Membres à fournir des informations au Haut-Commissaire ;",
    ]
    assert paragraph_parts(paragraphs) == ["operative", "preamble", "operative"]
