"""A presidential statement of the Security Council gives the same clauses on one line as in paragraphs (guide 5.35).

The statements are written for these tests in the style of the Council's statements; none is copied.
"""

from __future__ import annotations

import pytest

from clausekit.segmentation.segmenter import segment_text

# (formula, sentences of the statement): the formula announces the statement, each sentence is a paragraph.
STATEMENTS = {
    "en_son_nom_guillemets": (
        "À la 9999e séance du Conseil de sécurité, tenue le 3 mars 2026, dans le cadre de l'examen de la question "
        "intitulée « Consolidation de la paix en Afrique de l'Ouest », la Présidente du Conseil de sécurité a fait "
        "en son nom la déclaration suivante :",
        [
            "« Le Conseil de sécurité réaffirme son ferme attachement à la souveraineté, à l'unité et à l'intégrité "
            "territoriale des États de la sous-région.",
            "Le Conseil condamne fermement les attaques commises contre des civils et des soldats de la paix.",
            "Le Conseil prie le Secrétaire général de lui rendre compte, dans son prochain rapport, de "
            "l'évolution de la situation. »",
        ],
    ),
    "au_nom_du_conseil_sans_guillemets": (
        "À sa 10012e séance, tenue le 18 juin 2026, à propos de la question intitulée « Protection des civils "
        "en période de conflit armé », le Président du Conseil de sécurité a fait la déclaration suivante au nom "
        "du Conseil :",
        [
            "Le Conseil de sécurité rappelle que c'est aux parties à un conflit armé qu'il incombe au premier chef "
            "de protéger les civils.",
            "Le Conseil exige que toutes les parties permettent un accès humanitaire sûr et sans entrave.",
            "Le Conseil encourage les organisations régionales à renforcer leurs capacités de médiation.",
            "Le Conseil décide de demeurer activement saisi de la question.",
        ],
    ),
    "virgules_au_nom_du_conseil": (
        "À la 10104e séance du Conseil de sécurité, tenue le 9 octobre 2026, dans le cadre de l'examen de la "
        "question intitulée « Menaces contre la paix et la sécurité internationales », la Présidente du Conseil "
        "a fait, au nom du Conseil, la déclaration suivante :",
        [
            "« Le Conseil de sécurité se félicite de la tenue pacifique des élections présidentielles.",
            "Le Conseil souligne qu'il importe de garantir la participation pleine et égale des femmes aux "
            "processus politiques.",
            "Le Conseil invite tous les acteurs politiques à régler leurs différends par le dialogue. »",
        ],
    ),
    "pronom_il": (
        "À la 10300e séance du Conseil de sécurité, tenue le 5 janvier 2027, dans le cadre de l'examen de la "
        "question intitulée « La situation au Sahel », le Président du Conseil de sécurité a fait en son nom la "
        "déclaration suivante :",
        [
            "« Le Conseil de sécurité se déclare profondément préoccupé par la persistance de l'insécurité dans "
            "la région.",
            "Il rappelle que les États de la région sont responsables au premier chef de la protection de leur "
            "population.",
            "Il encourage les partenaires internationaux à appuyer les initiatives régionales de sécurité.",
            "Le Conseil prie le Secrétaire général de lui présenter des recommandations d'ici à la fin de "
            "l'année. »",
        ],
    ),
    "au_nom_du_conseil_de_securite": (
        "À sa 10220e séance, le 2 décembre 2026, le Président du Conseil de sécurité a fait la déclaration "
        "suivante au nom du Conseil de sécurité :",
        [
            "Le Conseil de sécurité exprime sa profonde préoccupation face à la détérioration de la situation "
            "humanitaire.",
            "Le Conseil demande instamment à tous les États Membres de verser des contributions au plan "
            "d'aide humanitaire.",
            "Le Conseil prie le Secrétaire général de l'informer régulièrement de l'évolution de la situation.",
        ],
    ),
}


def _clauses(text: str) -> list[tuple[str, str, str]]:
    return [(c.part, c.lead, c.text) for c in segment_text(text, doc_id="prst").clauses]


@pytest.mark.parametrize("key", sorted(STATEMENTS))
def test_segment_statement_on_one_line_gives_the_clauses_of_its_paragraphs(key):
    formula, sentences = STATEMENTS[key]
    paragraphs = _clauses(formula + "\n\n" + "\n\n".join(sentences) + "\n")
    one_line = _clauses(formula + " " + " ".join(sentences) + "\n")
    assert one_line == paragraphs


@pytest.mark.parametrize("key", sorted(STATEMENTS))
@pytest.mark.parametrize("layout", ["paragraphs", "one_line"])
def test_segment_statement_sentences_are_operative_after_a_narrative_formula(key, layout):
    formula, sentences = STATEMENTS[key]
    text = formula + ("\n\n" + "\n\n".join(sentences) if layout == "paragraphs" else " " + " ".join(sentences)) + "\n"
    clauses = _clauses(text)
    assert [part for part, _, _ in clauses] == ["narrative"] + ["operative"] * len(sentences)
    assert clauses[0][2] == formula
    assert [t for _, _, t in clauses[1:]] == sentences
    assert all(lead for _, lead, _ in clauses[1:])


def test_segment_statement_formula_inside_a_sentence_cuts_nothing():
    # the formula quoted in a report, not followed by the statement's text, leaves the sentence whole
    text = ("Le Secrétariat a indiqué que la Présidente avait fait en son nom la déclaration suivante : le texte "
            "en est reproduit dans le document S/PRST/2026/4.\n")
    assert len(_clauses(text)) == 1


@pytest.mark.slow
def test_segment_statement_functions_are_the_same_in_both_layouts():
    import clausekit

    for formula, sentences in STATEMENTS.values():
        paragraphs = clausekit.tag(formula + "\n\n" + "\n\n".join(sentences) + "\n")
        one_line = clausekit.tag(formula + " " + " ".join(sentences) + "\n")
        assert list(zip(one_line["part"], one_line["function"], strict=True)) == list(
            zip(paragraphs["part"], paragraphs["function"], strict=True))
        assert list(paragraphs["function"])[0] == "other" and "other" not in list(paragraphs["function"])[1:]
