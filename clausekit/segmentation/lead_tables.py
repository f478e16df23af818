"""The lead-phrase tables of section 2 of the labeling guide and its decisions 5.5 and 5.12, as data.

Keys are lowercased, accent-preserving word sequences; values are functions. :mod:`clausekit.segmentation.lexicon`
indexes and looks them up.
"""

from __future__ import annotations

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
            "agissant", "ayant pris connaissance", "ayant étudié", "ayant entendu", "vu", "eu égard",
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
            "inquiet", "inquiète", "inquiets", "déplorant", "condamnant", "rejetant", "exprimant son rejet", "constatant avec préoccupation",
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
            "convaincu", "convaincue", "convaincus", "convaincues", "considérant", "considérant que", "estimant", "reconnaissant",
            "affirmant", "déterminé", "déterminée", "déterminés", "résolu", "résolue", "résolus",
            "accueillant avec satisfaction", "accueillant favorablement", "se félicitant", "saluant", "exprimant",
            "désireux", "désireuse", "soucieux", "soucieuse", "persuadé", "persuadée", "mettant l'accent",
            "constatant avec satisfaction", "accueillant", "exprimant sa gratitude", "exprimant sa satisfaction",
            "appréciant", "appuyant", "se réjouissant", "attachant",
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
            "condamne fermement", "condamne énergiquement", "rejette", "exprime son rejet", "exprime notre rejet", "déplore profondément", "demeure préoccupé",
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
            "préconise", "incite", "exhorte vivement", "émet le vœu", "souhaite que", "émet le voeu", "adresse un appel", "soumet",
        ],
        _REQUEST,
    ),
    **dict.fromkeys(
        [
            "décide", "proclame", "demeure saisi", "reste saisi", "décide de demeurer saisi", "adopte", "approuve", "accepte", "autorise", "crée", "proroge", "convient",
            "déclare", "s'engage", "établit", "désigne", "nomme", "institue", "entérine", "fait sienne",
            "fait siens", "arrête", "renouvelle", "reconduit", "prolonge", "élit", "entend", "se propose",
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
            "constate avec satisfaction", "accueille", "souhaite", "espère",
            "observe", "pense", "croit", "tient à souligner", "met l'accent", "appelle l'attention", "admet",
            "est d'avis", "se déclare convaincu", "exprime", "demeure convaincu", "reste convaincu",
        ],
        _POSITION,
    ),
}
# "Encourage" is listed by the guide under request; position entries above must not override it.
OPERATIVE_LEADS["encourage"] = _REQUEST
# Decisions 5.5 of the project's guide: "appelle l'attention sur" is position; "fait observer" is recall.
OPERATIVE_LEADS["appelle l'attention"] = _POSITION
OPERATIVE_LEADS.update({"fait observer": _RECALL, "sait": _POSITION, "se déclare résolu": _POSITION})
PREAMBLE_LEADS.update({"fidèle à": _RECALL, "sachant que": _POSITION, "faisant observer": _RECALL})
PREAMBLE_LEADS["qu'"] = _POSITION  # "Qu'il importe ...": "Que" elided before a vowel is the same lead
del OPERATIVE_LEADS["a examiné"]  # "Le Comité a examiné ..." is a report in the past tense

#: Adverbs and adverbial phrases that stay in a lead phrase ("Prie en outre", "Souligne de nouveau").
LEAD_ADVERBS: tuple[str, ...] = (
    "également", "en outre", "aussi", "de nouveau", "à nouveau", "encore", "instamment", "vivement",
    "fermement", "énergiquement", "profondément", "par ailleurs", "de plus", "enfin", "tout particulièrement",
    "en particulier", "expressément", "résolument", "pleinement", "sincèrement", "chaleureusement",
    "solennellement", "derechef",
)
