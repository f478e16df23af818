"""Is a bare "a" in OCR'd text the verb *a* (has) or the preposition *à* whose accent the scan lost?

The verb follows a subject ("il a", "qui a") and comes before a past participle, possibly after
adverbs ("a déjà été", "a pleinement contribué"); the preposition comes before anything else.
"""

from __future__ import annotations

from clausekit.text.frequency import zipf as _zipf

# Words that can follow the verb "a" but never the preposition "à" (à + le/les → au/aux).
_VERB_NEXT = frozenset(
    ["le", "les", "pour", "lieu", "trait", "besoin", "droit", "honneur", ",", ";", ":", "."]
)
_SUBJECTS = frozenset(
    [
        "il",
        "elle",
        "on",
        "qui",
        "y",
        "en",
        "lui",
        "leur",
        "cela",
        "ceci",
        "chacun",
        "nul",
        "personne",
    ]
)
_ADVERBS = frozenset(
    [
        "aussi",
        "déjà",
        "encore",
        "toujours",
        "bien",
        "souvent",
        "ensuite",
        "jamais",
        "pas",
        "plus",
        "très",
        "beaucoup",
        "trop",
        "peu",
        "mieux",
        "récemment",
        "également",
        "notamment",
        "enfin",
        "ainsi",
        "donc",
        "alors",
        "depuis",
        "cependant",
        "toutefois",
        "néanmoins",
        "pourtant",
        "certes",
        "en",
        "outre",
        "de",
        "sans",
        "cesse",
        "par",
        "ailleurs",
        "que",
    ]
)
_IRREGULAR_PARTICIPLES = frozenset(
    [
        "été",
        "eu",
        "fait",
        "faite",
        "faits",
        "faites",
        "pris",
        "prise",
        "prises",
        "mis",
        "mise",
        "mises",
        "dit",
        "dite",
        "dits",
        "dites",
        "vu",
        "vue",
        "vus",
        "pu",
        "dû",
        "su",
        "voulu",
        "reçu",
        "reçue",
        "reçus",
        "tenu",
        "tenue",
        "tenus",
        "venu",
        "obtenu",
        "obtenus",
        "maintenu",
        "soutenu",
        "prévu",
        "prévue",
        "prévus",
        "permis",
        "admis",
        "compris",
        "entrepris",
        "ouvert",
        "ouverte",
        "offert",
        "offerte",
        "souffert",
        "joint",
        "atteint",
        "conclu",
        "conclus",
        "résolu",
        "décrit",
        "inscrit",
        "produit",
        "conduit",
        "réduit",
        "introduit",
        "construit",
        "élu",
        "élus",
        "lu",
        "connu",
        "reconnu",
        "reconnue",
        "apparu",
        "paru",
        "disparu",
        "émis",
        "émise",
        "remis",
        "agi",
        "soumis",
        "soumise",
        "transmis",
        "promis",
        "omis",
        "commis",
        "acquis",
        "requis",
        "accru",
        "dû",
        "su",
        "cru",
        "vécu",
        "survécu",
        "mû",
        "perdu",
        "rendu",
        "répondu",
        "attendu",
        "entendu",
        "défendu",
        "vendu",
    ]
)



def _is_participle(word: str) -> bool:
    """Past participle: irregular list, or an ending whose infinitive is a known verb."""
    base = word[:-1] if word.endswith("s") and not word.endswith("is") else word
    if word in _IRREGULAR_PARTICIPLES or base in _IRREGULAR_PARTICIPLES:
        return True
    if base.endswith("e") and base[:-1] in _IRREGULAR_PARTICIPLES:
        return True
    for ending, infinitives in (
        ("ée", ("er",)), ("é", ("er",)),
        ("ie", ("ir", "re")), ("i", ("ir", "re")), ("is", ("ir",)),
        ("ue", ("re",)), ("u", ("re",)),
        ("uite", ("uire",)), ("uit", ("uire",)),
        ("einte", ("eindre",)), ("eint", ("eindre",)),
        ("ainte", ("aindre",)), ("aint", ("aindre",)),
        ("ite", ("ire",)), ("it", ("ire",)),
    ):  # fmt: skip
        if base.endswith(ending) and len(base) > len(ending) + 2:
            stem = base[: -len(ending)]
            return any(_zipf(stem + inf) >= 2.5 for inf in infinitives)
    return False


def _a_is_verb(prev: str, following: list[str]) -> bool:
    if prev in _SUBJECTS:
        return True
    if not following:
        return False
    if following[0] in _VERB_NEXT or following[:2] == ["l", "honneur"]:
        return True
    for word in following:
        if word in _ADVERBS or (word.endswith("ment") and len(word) > 6):
            continue
        return _is_participle(word)
    return False
