"""Paragraphs run together on one line (issue 12, guide decisions 5.24 to 5.30), on made-up UN-style fragments.

The fragments are written for these tests in the style of UNESCO recommendations and UN resolutions,
not copied from any corpus. The property checked is layout invariance: a resolution written on one
line gives the same clauses, whole and with their part, as the same resolution with one paragraph per
block; and what must not open a clause (a reference, a determiner before a capitalized noun, a
number out of sequence) does not, in any layout.
"""

from __future__ import annotations

import pytest

from clausekit.segmentation.runon import runon_cuts
from clausekit.segmentation.segmenter import segment_text

_FORMULA = "La Conférence,"
_ENACTING = "Soumet aux ministères de l'éducation des différents pays la recommandation suivante :"
_ADDRESS = "Recommande aux ministères de l'instruction publique des divers pays :"
_HEADINGS = ("A. Principes", "II. Mesures pratiques")
_PREAMBLE = "Considérant que la formation des maîtres conditionne la qualité de l'enseignement,"

# Each case: the paragraphs of one resolution, as a blank-separated text would give them.
CASES = {
    "number before a lower-case word": [
        _FORMULA, _PREAMBLE, _ENACTING,
        "1. Les autorités devraient assurer la formation continue des maîtres dans leur milieu.",
        "2. matériel didactique, bibliothèques et revues devraient être mis à la disposition des écoles.",
        "3. Les ministères devraient encourager les échanges entre écoles normales.",
    ],
    "number before an OCR'd pronoun": [
        _FORMULA, _PREAMBLE, _ENACTING,
        "1. Il convient d'organiser des groupes d'étude permettant aux maîtres d'échanger leurs vues.",
        "2. 11 importe de développer des cours de perfectionnement par correspondance.",
        "3. Il serait bon d'exploiter les possibilités qu'offrent la radiodiffusion et la télévision.",
    ],
    "ordinals of a Que list": [
        _FORMULA, _PREAMBLE, _ENACTING,
        "1° Que les autorités assurent la formation continue des maîtres ;",
        "2° Que les écoles normales soient ouvertes à tous ;",
        "3° Que les ministères encouragent les échanges.",
    ],
    "number before a quote or a dash": [
        _FORMULA, _PREAMBLE, _ENACTING,
        "1. Les autorités devraient assurer la formation continue des maîtres.",
        "2. « Éducation pour tous » devrait être le principe de toute réforme.",
        "3. - Les ministères devraient encourager les échanges.",
    ],
    "number with a dash glued to it": [
        _FORMULA, _PREAMBLE, _ENACTING,
        "1.- Les autorités devraient assurer la formation continue des maîtres.",
        "2.- Les écoles normales devraient être ouvertes à tous.",
        "3.- Les ministères devraient encourager les échanges.",
    ],
    "number without its space": [
        _FORMULA, _PREAMBLE, _ENACTING,
        "1.Les autorités devraient assurer la formation continue des maîtres.",
        "2.Les écoles normales devraient être ouvertes à tous.",
        "3.Les ministères devraient encourager les échanges.",
    ],
    "number after a preamble that lost its comma": [
        _FORMULA,
        "Reconnaissant les efforts des États membres",
        "Notant que beaucoup reste à faire",
        "1. Invite les États membres à renforcer la formation des maîtres.",
        "2. Prie le Directeur général de lui faire rapport.",
    ],
    "number after a closing mark or a figure": [
        _FORMULA, _PREAMBLE, _ENACTING,
        "1. Les autorités devraient assurer la formation continue des maîtres (voir annexe)",
        "2. Les écoles normales devraient être ouvertes à tous depuis 1960",
        "3. Les ministères devraient appliquer la « charte des maîtres »",
        "4. Les échanges devraient être encouragés !",
        "5. Les pays devraient coopérer —",
        "6. Les maîtres devraient être consultés.",
    ],
    "number after a comma before a lower-case word": [
        _FORMULA, _PREAMBLE, _ENACTING,
        "1. Les maîtres devraient être mieux formés,",
        "2. les écoles normales devraient être ouvertes à tous,",
        "3. les ministères devraient encourager les échanges.",
    ],
    "ordinal after a word": [
        _FORMULA, _PREAMBLE, _ENACTING,
        "1° Que les maîtres soient mieux formés",
        "2° Que les écoles normales soient ouvertes à tous",
        "3° Que les ministères encouragent les échanges.",
    ],
    "lead after a year": [
        _FORMULA,
        "Rappelant sa recommandation sur la formation des maîtres adoptée en 1953",
        "Considérant que la formation des maîtres conditionne la qualité de l'enseignement,",
        "Invite les États membres à appliquer la recommandation de 1953",
        "Prie le Directeur général de lui faire rapport en 1960",
        "Décide de poursuivre l'examen de la question.",
    ],
    "hierarchical number after a closing mark or a figure": [
        "7.1 Les gouvernements devraient revaloriser la profession enseignante (voir annexe)",
        "7.2 Les écoles devraient être ouvertes à tous depuis 1960",
        "7.3 Les ministères devraient encourager les échanges.",
    ],
    "number after an ellipsis": [
        _FORMULA, _PREAMBLE, _ENACTING,
        "1. Les autorités devraient appliquer les mesures…",
        "2. Les écoles normales devraient être ouvertes à tous.",
    ],
    "number with an OCR'd colon": [
        _FORMULA, _PREAMBLE, _ENACTING,
        "1. Les autorités devraient assurer la formation continue des maîtres.",
        "2: Les écoles normales devraient être ouvertes à tous.",
        "3. Les ministères devraient encourager les échanges.",
    ],
    "number after a sentence begun in lower case": [
        _FORMULA, _PREAMBLE, _ENACTING,
        "1. Que les manuels soient adaptés à l'âge des élèves ; que l'on s'attache à y décrire le",
        "2. Que le matériel d'enseignement soit mis à la disposition des maîtres ;",
        "3. Que les échanges de maîtres soient encouragés.",
    ],
    "hierarchical number after a word": [
        "7.1 Les gouvernements devraient revaloriser la profession enseignante selon les lignes suivantes :",
        "7.1.1 favoriser le professionnalisme des enseignants par une formation de qualité",
        "7.1.2 fournir les ressources nécessaires pour assurer cette formation ;",
        "7.1.3 mettre en œuvre des stratégies de valorisation de la profession.",
    ],
    "page number after a stop": [
        _FORMULA,
        "Considérant que le statut des maîtres a été examiné par plusieurs conférences régionales ; — 141",
        _PREAMBLE, _ENACTING,
        "1. Les maîtres devraient pouvoir faire appel des mesures qui les frappent ; 140 —",
        "2. Ce droit de recours doit être reconnu à tout membre du personnel enseignant ;",
        "3. Des délégués du personnel doivent être entendus.",
    ],
    "Que inside a numbered paragraph": [
        _FORMULA, _PREAMBLE, _ADDRESS,
        "1. Que des classes spéciales soient créées partout où elles sont utiles ; Que ces classes soient "
        "ouvertes aux enfants des campagnes comme à ceux des villes ;",
        "2. Que l'enseignement y soit donné gratuitement ;",
        "3. Que le personnel de ces classes reçoive une formation spéciale.",
    ],
    "operative lead after a lost stop": [
        _FORMULA, _PREAMBLE,
        "Recommande au Directeur général d'étudier la possibilité d'un programme d'éducation préventive ;",
        "Souhaite que ce programme devienne opérationnel dans les États membres qui en ont l'expérience",
        "Adresse un appel pressant aux fondations pour qu'elles procurent les ressources nécessaires.",
    ],
    "participle lead after a lost comma": [
        _FORMULA,
        "Tenant compte des conventions pertinentes adoptées aux niveaux international et régional",
        "Interprétant l'information sur l'éducation dans le sens le plus large,",
        "Considérant que l'échange d'informations sert la coopération internationale,",
        "1. Invite les États membres à renforcer leurs services d'information.",
    ],
    "verbless opener after a lost comma": [
        _FORMULA,
        "Considérant que de nombreux enfants sont encore privés de tout enseignement primaire",
        "Compte tenu des recommandations adoptées par les conférences précédentes sur ce sujet,",
        "Notant que les besoins des zones rurales restent considérables",
        "Étant donné l'importance de la formation des maîtres pour ces zones,",
        "1. Invite les États membres à renforcer leurs services d'enseignement rural.",
    ],
    "body speaking for itself after a full stop": [
        _FORMULA, _PREAMBLE,
        "Prend acte des recommandations de la réunion d'experts sur les échanges internationaux.",
        "Le Comité recommande au Directeur général d'aider au recrutement de personnel compétent.",
        "Le Comité encourage les États membres à faciliter le séjour des enseignants étrangers.",
    ],
    "body with a reflexive verb after a full stop": [
        _FORMULA, _PREAMBLE,
        "Prend acte des conclusions de la réunion d'experts sur la formation des maîtres.",
        "Le Comité se préoccupe des besoins des zones rurales en personnel enseignant qualifié.",
        "La Conférence internationale de l'éducation se félicite des efforts des États membres.",
    ],
    "another text's preamble after a full stop": [
        _FORMULA, _PREAMBLE, _ENACTING,
        "1. Les États membres devraient renforcer la coopération régionale.",
        "2. Le Bureau international d'éducation devrait réunir et diffuser ces renseignements.",
        "Constatant que le monde fait face à une nouvelle maladie,",
        "Notant que de nombreux gouvernements manquent d'information à ce sujet,",
        "Recommande au Directeur général d'élaborer un programme d'éducation préventive.",
    ],
    "section labels between paragraphs": [
        _FORMULA, _PREAMBLE, _ENACTING,
        _HEADINGS[0],
        "1. Les autorités devraient assurer la formation continue des maîtres.",
        "2. Les écoles normales devraient être ouvertes à tous.",
        _HEADINGS[1],
        "3. Les ministères devraient encourager les échanges entre écoles normales.",
    ],
    "second sentences that open with a participle and a subject": [
        _FORMULA, _PREAMBLE, _ENACTING,
        "1. L'enseignement doit faire connaître les autres peuples. Tout en présentant les différences entre les "
        "pays, il doit insister sur leurs liens.",
        "2. Les manuels devraient être revus. S'appuyant sur les recherches récentes, les auteurs de manuels "
        "devraient viser la plus grande rigueur.",
        "3. Les ministères devraient encourager les échanges. Tenant compte de l'expérience acquise, il est "
        "important de susciter la participation des maîtres.",
    ],
    "running page header after a stop": [
        _FORMULA, _PREAMBLE,
        "Invite les États membres à renforcer la formation continue des maîtres. ED/CONF/12 page 3",
        "Estime que les mesures suivantes devraient être prises au niveau national :",
        "1. Les autorités devraient ouvrir les écoles normales à tous. ED/CONF/12 page 4",
        "Prie le Directeur général de faire rapport à la prochaine session.",
    ],
    "hierarchical numbers after a comma": [
        _FORMULA, _PREAMBLE, _ENACTING,
        "1. Les programmes de formation initiale des maîtres devraient notamment :",
        "1.1 articuler la maîtrise des savoirs avec celle des méthodes d'enseignement,",
        "1.2 renforcer la place de la pratique pédagogique dans la formation initiale,",
        "1.3 associer les enseignants expérimentés à l'accueil des débutants.",
    ],
}


def _clauses(text: str) -> list[tuple[str, str | None, str]]:
    return [(c.part, c.number, " ".join(c.text.split())) for c in segment_text(text, ocr=False).clauses]


@pytest.mark.parametrize("case", sorted(CASES))
def test_segment_runon_one_line_gives_the_clauses_of_the_paragraphs(case):
    paras = CASES[case]
    blocks = _clauses("\n\n".join(paras))
    one_line = _clauses(" ".join(paras))
    assert one_line == blocks
    # Every paragraph but the formulas (opening, enacting, address) and section headings is a clause of its own.
    assert len([c for c in blocks if c[0] != "narrative"]) == len([p for p in paras if p not in (_FORMULA, _ENACTING, _ADDRESS, *_HEADINGS)])


def test_segment_runon_page_numbers_are_furniture_in_every_layout():
    paras = CASES["page number after a stop"]
    for sep in ("\n\n", " "):
        doc = segment_text(sep.join(paras), ocr=False)
        assert {f.text for f in doc.furniture if f.kind == "page_number"} == {"140 —", "— 141"}
        assert not any(ch in c.text for c in doc.clauses for ch in "—")


def test_segment_runon_a_page_number_cut_by_a_line_break_is_furniture():
    para = ("1. Les programmes devraient tenir compte des initiatives relevant —\n187 — de l'initiative privée "
            "et des pouvoirs locaux.")
    wrapped = segment_text(f"{_FORMULA}\n\n{_PREAMBLE}\n\n{_ENACTING}\n\n{para}", ocr=False)
    one_line = segment_text(f"{_FORMULA} {_PREAMBLE} {_ENACTING} {' '.join(para.split())}", ocr=False)
    assert [c.text for c in wrapped.clauses] == [c.text for c in one_line.clauses]
    assert "relevant de l'initiative" in wrapped.clauses[-1].text


@pytest.mark.parametrize(
    "text",
    [
        # a number out of sequence, or after a reference word, is text
        f"{_FORMULA} {_PREAMBLE} {_ENACTING} 1. Les maîtres devraient appliquer la mesure. 5. matériel et revues "
        "devraient suivre. 2. Les écoles devraient coopérer.",
        f"{_FORMULA} {_PREAMBLE} {_ENACTING} 7.1.1 favoriser la formation visée au paragraphe 7.1.2 ci-dessus ; "
        "7.1.2 fournir les ressources nécessaires.",
        f"{_FORMULA} {_PREAMBLE} {_ENACTING} 7.1.1 favoriser la formation visée aux paragraphes 7.1.3, 7.1.2 et "
        "7.1.4 ci-dessous ; 7.1.2 fournir les ressources nécessaires.",
        # a capitalized noun after a determiner, a body's verb after its name: no lost stop
        f"{_FORMULA} {_PREAMBLE} Prend acte de la Note du Secrétaire général sur la formation ; Invite les États "
        "membres à appuyer sa Demande de ressources.",
        # a body reported in the past, or a relative clause, is the paragraph's next sentence
        f"{_FORMULA} {_PREAMBLE} Invite les États membres à appliquer le paragraphe 1. Prie le Directeur général "
        "de lui faire rapport.",
        f"{_FORMULA} {_PREAMBLE} Prend acte du rapport sur la formation. Le Comité s'est réuni deux fois. "
        "Le Comité qui se réunit chaque année en a débattu ; Invite les États membres à appuyer ses travaux.",
    ],
)
def test_segment_runon_no_clause_where_nothing_starts_one(text):
    got = segment_text(text, ocr=False).clauses
    blocks = [c for c in got if c.part != "narrative"]
    assert len(blocks) == 3
    assert [c.number for c in blocks][1:] in ([None, None], ["7.1.1", "7.1.2"], ["1", "2"])


def test_segment_runon_cuts_are_offsets_of_their_kind():
    t = "la mesure dont il est l'objet ; 140 — 9. Ce droit ; 10. matériel et revues ; au paragraphe 3.2.1 ci-dessus"
    cuts = runon_cuts(t)
    assert cuts[t.index("140")] == "page"
    assert cuts[t.index("9. Ce")] == ""
    assert cuts[t.index("10.")] == "next"
    assert t.index("3.2.1") not in cuts


def test_segment_runon_a_bare_section_label_is_furniture_not_the_end_of_a_sentence():
    text = (f"{_FORMULA} {_PREAMBLE} {_ENACTING} 1. Les autorités devraient assurer la formation des maîtres. II. "
            "2. Les écoles normales devraient être ouvertes à tous. C. 3. Les ministères devraient encourager les échanges.")
    doc = segment_text(text, ocr=False)
    ops = [c for c in doc.clauses if c.part == "operative"]
    assert [c.text.split()[-1] for c in ops] == ["maîtres.", "tous.", "échanges."]
    assert [f.text for f in doc.furniture if f.kind == "section_heading"] == ["II.", "C."]
    # an initial or a letter after a word is text
    assert runon_cuts("Le rapport de M. A. Dupont sur la partie B. Les autres") == {}
    assert runon_cuts("Le rapport présenté par le Dr. B. Martin et par Mme. A. Durand") == {}
