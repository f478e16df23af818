"""Function and theme classifiers and the rule baselines (scikit-learn contract, rules of the guide)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.utils.estimator_checks import check_estimator

from clausekit.models.estimators import (
    FunctionClassifier,
    RuleFunctionBaseline,
    RuleThemeBaseline,
    ThemeClassifier,
)


def _frame(texts, parts):
    return pd.DataFrame({"text": texts, "part": parts})


@pytest.mark.slow
def test_models_function_classifier_passes_estimator_checks():
    # On numeric input (featurizer=None) the classifier is a plain scikit-learn estimator.
    check_estimator(FunctionClassifier(featurizer=None, calibration=None))


@pytest.mark.parametrize("est", [FunctionClassifier(), ThemeClassifier(), RuleFunctionBaseline(), RuleThemeBaseline()])
def test_models_params_and_clone(est):
    assert clone(est).get_params() == est.get_params()
    assert not [k for k in vars(est) if k.endswith("_")]


@pytest.mark.parametrize(
    ("text", "part", "function"),
    [
        ("Prie également le Haut-Commissariat de préciser le processus", "operative", "request"),
        ("12. Prie le Secrétaire général de faire rapport", "operative", "request"),
        ("Réaffirme son attachement à la coopération internationale", "operative", "recall"),
        ("Notant avec préoccupation que les effets persistent,", "preamble", "concern"),
        ("Prenant note avec satisfaction du document final,", "preamble", "recall"),
        ("Décide de poursuivre l'examen de la question", "operative", "decision"),
        ("Souligne de nouveau que les actes de terrorisme", "operative", "position"),
        ("Le Représentant permanent a réaffirmé que son pays", "narrative", "other"),
        ("Considérant que la situation continue de menacer la paix,", "preamble", "position"),
        ("Réaffirme son soutien au Plan de vaccination mondial ;", "operative", "recall"),
        ("Souhaite que les États redoublent d'efforts ;", "operative", "request"),
        ("Exprime sa profonde inquiétude au sujet de la situation humanitaire ;", "operative", "concern"),
        ("Souligne avec préoccupation que les violences persistent ;", "operative", "concern"),
        ("Réaffirme sa préoccupation face à la situation ;", "operative", "recall"),
        ("Rappelant sa résolution 2117 (2013), et vivement préoccupé par le transfert illicite,", "preamble", "recall"),
    ],
)
def test_models_rule_function_baseline(text, part, function):
    X = _frame([text], [part])
    assert RuleFunctionBaseline().fit(X, [function]).predict(X)[0] == function


@pytest.mark.parametrize("adverb", ["Gravement", "Vivement", "Profondément", "Sérieusement", "Extrêmement", "Très", "Tout particulièrement"])
@pytest.mark.parametrize(
    ("adjective", "function"),
    [("préoccupée", "concern"), ("préoccupés", "concern"), ("alarmée", "concern"), ("inquiète", "concern"), ("consciente", "position"), ("convaincus", "position")],
)
def test_models_intensified_adjective_keeps_its_function(adverb, adjective, function):
    # Guide 5.12: an intensifier in front of a lead adjective, in any gender and number, keeps its function.
    from clausekit.models.rules import rule_function

    assert rule_function(f"{adjective.capitalize()} par la situation,", "preamble") == function
    assert rule_function(f"{adverb} {adjective} par la situation,", "preamble") == function


@pytest.mark.parametrize(
    ("text", "themes"),
    [
        ("Profondément préoccupé par les effets de la pandémie de maladie à coronavirus (COVID-19),", ["covid19"]),
        ("Prie les États d'étudier et de favoriser la coopération Sud-Sud et triangulaire ;", ["south_south"]),
        ("Se déclare préoccupé par l'imposition de mesures coercitives unilatérales ;", ["coercive_measures"]),
        ("Décide que tous les États appliqueront l'embargo sur les armes imposé par le Conseil de sécurité.", []),
        ("Il rappelle la décision qu'il a placé Boko Haram sur la Liste relative aux sanctions contre Al-Qaida du Conseil de sécurité.", []),
        ("Constatant que les pandémies et les crises sanitaires en général menacent le développement,", []),
    ],
)
def test_models_rule_theme_baseline(text, themes):
    X = _frame([text], ["operative"])
    assert RuleThemeBaseline().fit().predict_themes(X)[0] == themes


@pytest.mark.slow
def test_models_function_and_theme_classifiers_learn(french_nlp):
    texts = [
        "Prie le Secrétaire général de faire rapport", "Prie les États de coopérer", "Exhorte les États à agir",
        "Rappelle sa résolution 54/181", "Rappelant sa résolution 70/1,", "Réaffirme sa volonté",
        "Décide de poursuivre l'examen", "Décide de créer un groupe", "Décide de proroger le mandat",
    ] * 2
    y = ["request"] * 3 + ["recall"] * 3 + ["decision"] * 3
    y = y * 2
    parts = ["operative"] * len(texts)
    X = _frame(texts, parts).assign(lead=[t.split()[0] for t in texts])
    clf = FunctionClassifier(cv=2).fit(X, y)
    proba = clf.predict_proba(X)
    assert np.allclose(proba.sum(axis=1), 1) and (clf.predict(X) == np.asarray(y)).mean() > 0.8

    themes = [["mine"] if "Prie" in t else [] for t in texts]  # a user's own theme
    tc = ThemeClassifier(min_positives=2, cv=2).fit(X, themes)
    assert list(tc.classes_) == ["mine"]
    assert tc.predict(X).shape == (len(texts), 1)
    assert tc.predict_themes(X)[0] == ["mine"]


@pytest.mark.parametrize("subject", ["L'Assemblée générale", "Le Conseil économique et social", "Les membres du Conseil de sécurité"])
@pytest.mark.parametrize(
    "incident",
    [", ayant examiné le rapport du Secrétaire général,", ", sur la recommandation du Bureau,",
     ", rappelant sa résolution 77/1, soulignant l'importance de la question, et notant avec préoccupation ses effets,"],
)
@pytest.mark.parametrize(
    "verb", ["décide de reporter l'examen de la question.", "prie le Secrétaire général de lui faire rapport.",
             "prend note du rapport.", "condamne l'attaque.", "a décidé de reporter l'examen de la question."],
)
def test_models_body_verb_after_incidental_phrases_keeps_its_function(subject, incident, verb):
    # Guide 5.3: phrases set off by commas between the body and its verb do not change what the sentence does.
    from clausekit.models.rules import speaking_for_itself

    direct = speaking_for_itself(f"{subject} {verb}")
    assert (direct is None) == verb.startswith("a ")  # past tense: a report (rule 5)
    assert speaking_for_itself(f"{subject}{incident} {verb}") == direct


@pytest.mark.parametrize(
    "text",
    ["Ayant à l'esprit la Charte des Nations Unies,", "Appelle l'attention des États Membres sur le rapport ;",
     "L'Assemblée générale, ayant examiné le rapport, sur la recommandation du Bureau, décide d'adopter le texte."],
)
def test_models_typographic_apostrophe_reads_as_a_straight_one(text):
    # Text that was never normalized (a user's DataFrame, a line of -i lines) keeps its typographic
    # apostrophes: every lead lookup reads them as the straight one, before and after incidental phrases.
    from clausekit.models.rules import speaking_for_itself
    from clausekit.segmentation.lexicon import find_lead, lead_after_incidents, match_lead

    curly = text.replace("'", "’")
    assert find_lead(curly) == find_lead(text) and match_lead(curly) == match_lead(text)
    assert lead_after_incidents(curly) == lead_after_incidents(text)
    assert speaking_for_itself(curly) == speaking_for_itself(text)


def test_models_enacting_formula_after_incidental_phrases_stays_structural():
    from clausekit.models.rules import speaking_for_itself

    text = "La Conférence, convoquée à Genève, s'étant réunie pour sa 33e session, adopte la recommandation suivante :"
    assert speaking_for_itself(text) is None


def test_models_lexicon_keeps_rules_2_and_4():
    # Rule 2: "Réaffirmant" / "Réaffirme" is always recall, whatever follows; rule 4: a qualifier of concern
    # makes concern, and one of satisfaction or gratitude does not.
    from clausekit.segmentation.lexicon import OPERATIVE_LEADS, PREAMBLE_LEADS

    for table in (PREAMBLE_LEADS, OPERATIVE_LEADS):
        for lead, function in table.items():
            if lead.startswith("réaffirm"):
                assert function == "recall", lead
            if any(w in lead for w in ("préoccup", "inquiét", "alarm")) and "convaincu" not in lead:
                assert function == "concern", lead
            if lead.endswith(("avec satisfaction", "avec gratitude")) and lead.startswith(("prend", "prenant", "not")):
                assert function == "recall", lead


@pytest.mark.parametrize(
    ("text", "function"),
    [("Nous nous engageons à renforcer la coopération entre nos pays ;", "decision"),
     ("Nous nous engageons de nouveau à appuyer les efforts du Secrétaire général ;", "decision"),
     ("Nous nous félicitons des progrès accomplis ;", "position"),
     ("Nous nous réjouissons de la tenue du forum ;", "position"),
     ("Nous nous inquiétons de la persistance des conflits ;", "concern"),
     ("Nous invitons les États à agir ;", "request"),
     # subject dropped after "Nous, chefs d'État ...,": a preposition after the verb makes it reflexive
     ("Nous engageons à réduire de moitié le nombre de décès d'ici à 2030 ;", "decision"),
     ("Nous engageons les États Membres à redoubler d'efforts ;", "request"),
     ("Nous engageons à nouveau les États Membres à redoubler d'efforts ;", "request"),
     ("Nous demandons à l'Organisation mondiale de la Santé de mettre à jour son plan ;", "request")],
)
def test_models_first_person_reflexive_is_the_bodys_own_verb(text, function):
    # A declaration's "nous nous engageons" is the body's "s'engage" (decision), not "Engage" (request).
    from clausekit.models.rules import rule_function
    from clausekit.segmentation.lexicon import find_lead

    hit = find_lead(text)
    assert hit is not None and hit[2] == function
    assert rule_function(text, "operative") == function  # the known-lead prior of the function model


@pytest.mark.parametrize(
    ("text", "function"),
    [("Nous, ministres des affaires étrangères, réunis à Kampala le 20 janvier 2026, réaffirmons notre attachement au multilatéralisme.", "recall"),
     ("Nous, chefs d'État et de gouvernement, réunis à New York, nous engageons à éliminer la pauvreté.", "decision"),
     ("Nous, représentants des États Membres, demandons aux pays développés d'honorer leurs engagements.", "request"),
     ("Nous, chefs d'État et de gouvernement, réunis à New York, avons adopté le Programme.", None)],
)
def test_models_declaration_subject_with_incidental_phrases_keeps_its_verbs_function(text, function):
    # Guide 5.3: "Nous, ministres ..., réunis à ..., réaffirmons ..." is the body speaking for itself past the
    # phrases set off by commas; "avons adopté" reports what it did (rule 5).
    from clausekit.models.rules import speaking_for_itself

    assert speaking_for_itself(text) == function
