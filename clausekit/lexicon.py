"""Lead phrases of UN resolutions, from section 2 of the labeling guide.

One table serves the segmenter (what can start a clause), the lead-phrase
extractor and the rule baseline of the function classifier. Keys are
lowercased, accent-preserving word sequences; the longest match wins.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_RECALL = "recall"
_CONCERN = "concern"
_REQUEST = "request"
_DECISION = "decision"
_POSITION = "position"

#: Preambular lead phrases (participles and adjectives) and their function.
PREAMBLE_LEADS: dict[str, str] = {
    **dict.fromkeys(
        [
            "rappelant", "réaffirmant", "prenant note", "prenant acte", "ayant examiné", "ayant à l'esprit",
            "notant", "constatant", "tenant compte", "guidé", "guidée", "guidés", "guidées", "se référant",
            "agissant", "ayant pris connaissance", "ayant étudié", "ayant entendu", "vu", "considérant que",
            "rappelant également", "rappelant en outre", "rappelant aussi", "se rappelant", "prenant en considération",
            "ayant présent à l'esprit", "gardant à l'esprit", "soulignant à nouveau", "réitérant",
            "sachant gré", "tenant compte également", "notant également", "notant en outre",
            "prenant note avec satisfaction", "prenant acte avec satisfaction", "prenant note avec intérêt",
            "notant avec satisfaction", "notant avec appréciation", "ayant présentes à l'esprit",
        ],
        _RECALL,
    ),
    **dict.fromkeys(
        [
            "profondément préoccupé", "profondément préoccupée", "profondément préoccupés", "préoccupé",
            "préoccupée", "préoccupés", "préoccupées", "vivement préoccupé", "gravement préoccupé",
            "se déclarant préoccupé", "se déclarant profondément préoccupé", "alarmé", "alarmée", "alarmés",
            "inquiet", "inquiète", "inquiets", "déplorant", "condamnant", "constatant avec préoccupation",
            "constatant avec inquiétude", "notant avec préoccupation", "notant avec inquiétude",
            "constatant avec une profonde préoccupation", "notant avec une profonde préoccupation",
            "notant avec une vive préoccupation", "constatant avec une vive préoccupation",
            "profondément alarmé", "profondément inquiet", "regrettant", "consterné", "indigné",
            "profondément troublé", "troublé", "affligé", "exprimant sa préoccupation",
            "exprimant sa profonde préoccupation", "soulignant avec préoccupation", "reconnaissant avec préoccupation",
            "notant avec regret", "constatant avec regret", "déplorant profondément", "condamnant fermement",
        ],
        _CONCERN,
    ),
    **dict.fromkeys(
        ["encourageant", "invitant", "demandant", "engageant", "exhortant", "priant", "appelant"],
        _REQUEST,
    ),
    **dict.fromkeys(
        ["décidant", "ayant décidé", "adoptant", "approuvant", "proclamant"],
        _DECISION,
    ),
    **dict.fromkeys(
        [
            "soulignant", "conscient", "consciente", "conscients", "conscientes", "sachant", "insistant",
            "convaincu", "convaincue", "convaincus", "convaincues", "considérant", "estimant", "reconnaissant",
            "affirmant", "déterminé", "déterminée", "déterminés", "résolu", "résolue", "résolus",
            "accueillant avec satisfaction", "accueillant favorablement", "se félicitant", "saluant", "exprimant",
            "désireux", "désireuse", "soucieux", "soucieuse", "persuadé", "persuadée", "mettant l'accent",
            "constatant avec satisfaction", "accueillant", "exprimant sa gratitude", "exprimant sa satisfaction",
            "appréciant", "appuyant", "réaffirmant son appui", "se réjouissant", "attachant",
            "ayant à cœur", "animé", "animée", "fermement convaincu", "profondément convaincu",
            "pleinement conscient", "conscient également", "conscient en outre", "que", "attendu que",
            "estimant également", "jugeant", "observant", "rendant hommage", "félicitant", "remerciant",
            "faisant sienne", "faisant siennes", "partageant", "mesurant", "admettant", "se disant",
        ],
        _POSITION,
    ),
}

#: Operative lead verbs (present tense, the body speaking) and their function.
OPERATIVE_LEADS: dict[str, str] = {
    **dict.fromkeys(
        [
            "rappelle", "réaffirme", "prend note", "prend acte", "note", "constate", "se réfère",
            "rappelle également", "rappelle en outre", "prend note avec satisfaction", "prend acte avec satisfaction",
            "prend note avec intérêt", "note avec satisfaction", "note avec appréciation", "a examiné",
            "réitère", "confirme",
        ],
        _RECALL,
    ),
    **dict.fromkeys(
        [
            "se déclare préoccupé", "se déclare profondément préoccupé", "se déclare préoccupée", "est préoccupé",
            "est profondément préoccupé", "note avec préoccupation", "constate avec préoccupation",
            "note avec inquiétude", "constate avec inquiétude", "exprime sa préoccupation",
            "exprime sa profonde préoccupation", "exprime sa vive préoccupation", "déplore", "condamne", "regrette",
            "se déclare alarmé", "est alarmé", "s'inquiète", "se déclare inquiet", "note avec une profonde préoccupation",
            "constate avec une profonde préoccupation", "note avec regret", "constate avec regret",
            "condamne fermement", "condamne énergiquement", "déplore profondément", "demeure préoccupé",
            "reste préoccupé", "se dit préoccupé", "se dit profondément préoccupé",
        ],
        _CONCERN,
    ),
    **dict.fromkeys(
        [
            "prie", "prie instamment", "demande", "demande instamment", "exhorte", "invite", "engage", "encourage",
            "exige", "appelle", "lance un appel", "recommande", "engage vivement", "encourage vivement",
            "invite instamment", "demande à nouveau", "prie en outre", "prie également", "suggère", "propose",
            "charge", "enjoint", "conjure", "sollicite", "attire l'attention", "appelle l'attention",
            "préconise", "incite", "exhorte vivement",
        ],
        _REQUEST,
    ),
    **dict.fromkeys(
        [
            "décide", "proclame", "adopte", "approuve", "accepte", "autorise", "crée", "proroge", "convient",
            "déclare", "s'engage", "établit", "désigne", "nomme", "institue", "entérine", "fait sienne",
            "fait siens", "arrête", "renouvelle", "reconduit", "prolonge", "élit",
        ],
        _DECISION,
    ),
    **dict.fromkeys(
        [
            "souligne", "insiste", "estime", "considère", "reconnaît", "reconnait", "affirme", "est conscient",
            "accueille avec satisfaction", "accueille favorablement", "se félicite", "se réjouit", "salue",
            "félicite", "remercie", "apprécie", "soutient", "souscrit", "exprime sa gratitude",
            "attend avec intérêt", "appuie", "encourage", "est convaincu", "se dit convaincu", "juge",
            "rend hommage", "exprime sa satisfaction", "exprime sa reconnaissance", "exprime son appui",
            "réaffirme son soutien", "constate avec satisfaction", "accueille", "souhaite", "espère",
            "observe", "pense", "croit", "tient à souligner", "met l'accent", "appelle l'attention", "admet",
            "est d'avis", "se déclare convaincu", "exprime", "demeure convaincu", "reste convaincu",
        ],
        _POSITION,
    ),
}
# "Encourage" is listed by the guide under request; position entries above must not override it.
OPERATIVE_LEADS["encourage"] = _REQUEST
OPERATIVE_LEADS["appelle l'attention"] = _REQUEST

#: Adverbs and adverbial phrases that stay in a lead phrase ("Prie en outre", "Souligne de nouveau").
LEAD_ADVERBS: tuple[str, ...] = (
    "également", "en outre", "aussi", "de nouveau", "à nouveau", "encore", "instamment", "vivement",
    "fermement", "énergiquement", "profondément", "par ailleurs", "de plus", "enfin", "tout particulièrement",
    "en particulier", "expressément", "résolument", "pleinement", "sincèrement", "chaleureusement",
    "solennellement", "derechef",
)

_WORD = re.compile(r"[^\W\d_]+(?:'|(?:-[^\W\d_]+)*)", re.UNICODE)


def fold(s: str) -> str:
    """Lowercase and strip accents, for lenient matching of damaged text."""
    s = unicodedata.normalize("NFD", s.lower())
    return "".join(ch for ch in s if unicodedata.category(ch) != "Mn")


_INTENSIFIERS = frozenset(
    fold(w)
    for w in ["profondément", "vivement", "gravement", "sérieusement", "extrêmement", "très", "fermement", "pleinement", "particulièrement", "toujours", "tout"]
)


def _index(table: dict[str, str]) -> dict[str, tuple[str, str]]:
    return {fold(k): (k, v) for k, v in table.items()}


_PREAMBLE_INDEX = _index(PREAMBLE_LEADS)
_OPERATIVE_INDEX = _index(OPERATIVE_LEADS)
_MAX_WORDS = max(len(k.split()) for k in [*PREAMBLE_LEADS, *OPERATIVE_LEADS]) + 1


def words(text: str, limit: int = 12) -> list[str]:
    """The first ``limit`` words of ``text`` (elided articles kept with their apostrophe)."""
    out = []
    for m in _WORD.finditer(text):
        out.append(m.group(0))
        if len(out) >= limit:
            break
    return out


@lru_cache(maxsize=65536)
def match_lead(text: str, part: str | None = None) -> tuple[str, str] | None:
    """The longest known lead phrase at the start of ``text`` and its function, or ``None``.

    ``part`` restricts the table: ``"preamble"`` or ``"operative"``; ``None`` tries both.

    >>> match_lead("Prie également le Haut-Commissaire de ...")
    ('prie également', 'request')
    >>> match_lead("Notant avec préoccupation que ...", "preamble")
    ('notant avec préoccupation', 'concern')
    """
    ws = [fold(w) for w in words(text, _MAX_WORDS + 2)]
    joined = [w if w.endswith("'") else w + " " for w in ws]
    tables = []
    if part in (None, "preamble"):
        tables.append(_PREAMBLE_INDEX)
    if part in (None, "operative"):
        tables.append(_OPERATIVE_INDEX)
    best: tuple[str, str] | None = None
    best_len = 0
    for n in range(1, min(len(ws), _MAX_WORDS) + 1):
        key = "".join(joined[:n]).strip()
        for table in tables:
            hit = table.get(key)
            if hit and n > best_len:
                best, best_len = hit, n
    return best


def looks_like_participle_lead(word: str) -> bool:
    """A capitalized present participle or adjective that can open a preambular clause."""
    if not word or not word[0].isupper():
        return False
    w = fold(word)
    if w in _PREAMBLE_INDEX or w in _INTENSIFIERS:
        return True
    return len(w) > 4 and w.endswith(("ant", "ants")) and w not in {"avant", "durant", "pendant", "cependant", "maintenant", "nonobstant", "moyennant", "suivant", "concernant", "s'agissant", "etant"}
