"""LemmaFeaturizer and the lead-verb lemma fix, on real lead phrases of the seeds."""

from __future__ import annotations

import pandas as pd
import pytest
from sklearn.base import clone

from clausekit.lemmas.accurate import lemmatize
from clausekit.lemmas.featurizer import LemmaFeaturizer
from clausekit.lemmas.frames import clause_frame
from clausekit.lemmas.leads import strip_number

pytestmark = pytest.mark.slow

# Clause openings taken from seeds 001/003/004 and the lemma their lead verb must get.
LEADS = [
    ("Prie le Haut-Commissariat des Nations Unies aux droits de l'homme de s'employer", "prier"),
    ("Prie également le Haut-Commissariat de préciser le processus", "prier"),
    ("Rappelant la résolution 70/1 de l'Assemblée générale", "rappeler"),
    ("Exhorte les États à continuer d'alimenter les fonds ;", "exhorter"),
    ("Demande aux États de continuer de promouvoir les initiatives", "demander"),
    ("Souligne que les États se sont engagés à coopérer", "souligner"),
    ("Invite les États ainsi que les titulaires de mandat", "inviter"),
    ("Réaffirme que les États ont le devoir de coopérer", "réaffirmer"),
    ("Engage les États à coopérer", "engager"),
    ("Considère que, en plus de leurs responsabilités propres", "considérer"),
    ("Se déclare préoccupé par la persistance de l'unilatéralisme", "déclarer"),
    ("12. Prie le Secrétaire général de faire rapport", "prier"),
]


@pytest.mark.parametrize(("text", "lemma"), LEADS)
def test_features_lead_verb_gets_its_infinitive(french_nlp, text, lemma):
    lemmas = lemmatize([text])[0]
    assert lemma in lemmas[:3], lemmas[:5]


def test_features_verb_is_tagged_verb(french_nlp):
    doc = french_nlp("Prie le Secrétaire général de faire rapport")
    assert (doc[0].pos_, doc[0].lemma_) == ("VERB", "prier")


def test_features_plain_noun_is_left_alone(french_nlp):
    assert lemmatize(["La demande des États a été examinée."])[0][:2] == ["le", "demande"]


def test_features_strip_number():
    assert strip_number("12. Prie le Secrétaire") == "Prie le Secrétaire"
    assert strip_number("4, Souligne") == "Souligne"
    assert strip_number("Rappelant sa résolution 54/181,") == "Rappelant sa résolution 54/181,"


def _frame() -> pd.DataFrame:
    texts = [t for t, _ in LEADS[:6]] + ["La présente note a été établie en application de la décision 2/102."]
    parts = ["operative", "operative", "preamble", "operative", "operative", "operative", "narrative"]
    return clause_frame(pd.DataFrame({"doc_id": "d", "index": range(len(texts)), "text": texts, "part": parts}))


def test_features_transform_shape_and_names(french_nlp):
    X = _frame()
    fz = LemmaFeaturizer().fit(X)
    M = fz.transform(X)
    names = fz.get_feature_names_out()
    assert M.shape == (len(X), len(names))
    assert "lead__prier" in set(names) and "part__narrative" in set(names) and "position" in set(names)
    assert clone(fz).get_params() == fz.get_params()
    assert not hasattr(LemmaFeaturizer(), "text_vectorizer_")


def test_features_set_output_pandas_names(french_nlp):
    X = _frame()
    fz = LemmaFeaturizer().fit(X)
    assert list(fz.get_feature_names_out())[0].startswith("text__")


def test_features_rejects_non_frame():
    with pytest.raises(TypeError, match="DataFrame"):
        LemmaFeaturizer().fit([["a"]])
