"""Lead phrases of UN resolutions, from section 2 of the labeling guide: lookups in the tables of
:mod:`clausekit.segmentation.lead_tables`.

One table serves the segmenter (what can start a clause), the lead-phrase
extractor and the rule baseline of the function classifier. Keys are
lowercased, accent-preserving word sequences; the longest match wins.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import islice

from clausekit.segmentation.lead_tables import LEAD_ADVERBS as LEAD_ADVERBS  # re-exported
from clausekit.segmentation.lead_tables import OPERATIVE_LEADS, PREAMBLE_LEADS
from clausekit.segmentation.patterns import _PREAMBLE_PREPOSITION

_RECALL = "recall"
_CONCERN = "concern"

_WORD = re.compile(r"[^\W\d_]+(?:'|(?:-[^\W\d_]+)*)", re.UNICODE)


def fold(s: str) -> str:
    """Lowercase and strip accents, for lenient matching of damaged text."""
    return _fold_word(s) if len(s) <= 32 else _fold(s)


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFD", s.lower())
    return "".join(ch for ch in s if unicodedata.category(ch) != "Mn")


_fold_word = lru_cache(maxsize=200_000)(_fold)  # words repeat: fold each once per process


_INTENSIFIERS = frozenset(
    fold(w)
    for w in ["profondément", "vivement", "gravement", "sérieusement", "extrêmement", "très", "fermement", "pleinement", "particulièrement", "toujours", "tout"]
)


def _index(table: dict[str, str]) -> dict[str, tuple[str, str]]:
    return {fold(k): (k, v) for k, v in table.items()}


_PREAMBLE_INDEX = _index(PREAMBLE_LEADS)
_OPERATIVE_INDEX = _index(OPERATIVE_LEADS)
_MAX_WORDS = max(len(k.split()) for k in [*PREAMBLE_LEADS, *OPERATIVE_LEADS]) + 1
# every start of a key of the two indexes: a longer lookup key starts with the shorter one, so none
# can be found once one is not a start of any key (_plain_lookup stops there)
_KEY_STARTS = frozenset(k[:i] for t in (_PREAMBLE_INDEX, _OPERATIVE_INDEX) for k in t for i in range(1, len(k) + 1))


def words(text: str, limit: int = 12) -> list[str]:
    """The first ``limit`` words of ``text`` (elided articles kept with their apostrophe, a typographic
    one read as ``'``, as in text that was not normalized: a user's DataFrame, a line of ``-i lines``)."""
    if "’" in text:
        text = text.replace("’", "'")
    return [m[0] for m in islice(_WORD.finditer(text), max(limit, 1))]


def _fold_words(text: str, limit: int) -> list[str]:
    """``[fold(w) for w in words(text, limit)]`` with fold's body inlined: a lead lookup folds a dozen words."""
    return [_fold_word(w) if len(w) <= 32 else _fold(w) for w in words(text, limit)]


# The same clause is looked up several times (its lead when segmented, then the function rules and the
# lemma lead fix when tagged, with other parts and limits), so its first words are folded once: the
# first _FOLDED_LIMIT of them, any shorter limit being a slice of those (words() reads in order).
_FOLDED: dict[str, list[str]] = {}
_FOLDED_LIMIT = max(_MAX_WORDS + 8, 16)  # the longest a lookup asks for: find_lead's, lead_phrase's 16
_FOLDED_SIZE = 65536


def _folded_words(text: str, limit: int) -> list[str]:
    """``_fold_words(text, limit)`` (a new list), remembered per text for ``1 <= limit <= _FOLDED_LIMIT``."""
    ws = _FOLDED.get(text)
    if ws is None:
        if not 1 <= limit <= _FOLDED_LIMIT:
            return _fold_words(text, limit)
        if len(_FOLDED) >= _FOLDED_SIZE:
            _FOLDED.clear()
        ws = _FOLDED[text] = _fold_words(text, _FOLDED_LIMIT)
    elif not 1 <= limit <= _FOLDED_LIMIT:
        return _fold_words(text, limit)
    return ws[:limit]


# Subjects that may stand before the verb of a body speaking for itself (guide rule 5 and decision 5.3):
# "Il souligne ...", "Le Conseil de sécurité rappelle ...", "Nous invitons ...".
_PRONOUNS = frozenset({"il", "elle", "nous", "on", "ils", "elles"})
_BODY_NOUNS = frozenset(
    fold(w)
    for w in ["membres", "conseil", "assemblée", "comité", "commission", "conférence", "groupe", "instance", "secrétaire", "haut-commissaire", "rapporteur", "sous-commission", "bureau", "réunion", "forum", "mouvement", "union"]
)
_FIRST_PLURAL = {"reconnaissons": "reconnait", "prenons": "prend", "sommes": "est", "faisons": "fait", "rejouissons": "rejouit"}


_SKIPPABLE_ADVERBS = frozenset({"egalement", "aussi", "encore", "ainsi", "toutefois", "cependant", "vivement", "profondement", "fermement", "vigoureusement", "energiquement", "serieusement", "gravement", "tres"})
_ADVERB_PAIRS = frozenset(
    {("en", "outre"), ("de", "nouveau"), ("a", "nouveau"), ("par", "ailleurs"), ("de", "plus"), ("tout", "particulierement"), ("tout", "specialement")}
)
_CONCERN_WORDS = frozenset({"preoccupation", "inquietude", "regret", "alarme", "consternation", "indignation", "preoccupe", "preoccupee", "preoccupes", "preoccupees", "alarmee", "alarmes", "inquiet", "inquiete", "inquiets", "consterne", "indigne"})
_POSSESSIVES = frozenset({"sa", "son", "ses", "leur", "leurs", "notre", "nos"})
_REFLEXIVE_SAY = frozenset({"dit", "disant", "declare", "declarant", "montre", "montrant", "affirme"})
_AUXILIARIES = frozenset({"a", "ont", "est", "sont", "avait", "avaient", "etait", "etaient", "sera", "seront", "aurait", "serait"})


def _without_adverbs(ws: list[str]) -> list[str]:
    """Drop adverbs after the first word and "en outre"/"de nouveau"/"à nouveau" ("Constate également avec préoccupation")."""
    if _SKIPPABLE_ADVERBS.isdisjoint(ws[1:]) and _ADVERB_PAIRS.isdisjoint(zip(ws[1:], ws[2:], strict=False)):
        return list(ws)  # nothing to drop (the usual case)
    out = ws[:1]
    i = 1
    while i < len(ws):
        pair = " ".join(ws[i : i + 2])
        if pair in ("en outre", "de nouveau", "a nouveau", "par ailleurs", "de plus", "tout particulierement", "tout specialement"):  # = _ADVERB_PAIRS
            i += 2
            continue
        if ws[i] not in _SKIPPABLE_ADVERBS:
            out.append(ws[i])
        i += 1
    return out


def _concern_qualified(ws: list[str], n: int) -> bool:
    """A recall or reflexive lead qualified by concern: "Note avec préoccupation", "Se dit préoccupé"."""
    rest = _without_adverbs(["x", *ws[n : n + 6]])[1:]
    if rest[:1] == ["avec"]:  # "avec une vive inquiétude"
        return any(w in _CONCERN_WORDS for w in rest[1:4])
    if rest and rest[0] in _POSSESSIVES:  # "sa profonde préoccupation" (not "sa résolution 2117, et vivement préoccupé")
        return any(w in _CONCERN_WORDS for w in rest[1:3])
    return bool(rest) and rest[0] in _CONCERN_WORDS


def _table_lookup(ws: list[str], tables: list[dict[str, tuple[str, str]]]) -> tuple[tuple[str, str] | None, int]:
    """``_lookup_in_tables(ws, tables)``, answered at once when no lead can start with the first word.

    Most words a line or a clause opens with ("Le", "Assemblée", "Conformément") start no key of the lead tables,
    nor are they "se", a copula or an intensifier, the words _lookup_in_tables reads past or around: every path of
    it then ends in ``(None, 0)``, after folding adverbs and building keys (7 lookups in 10 of the distinct corpus).
    """
    if not ws or (ws[0] not in _SPECIAL_FIRST and ws[0].strip() not in _KEY_STARTS and all(t is _PREAMBLE_INDEX or t is _OPERATIVE_INDEX for t in tables)):
        return None, 0  # ws[0].strip() is _plain_lookup's first key
    return _lookup_in_tables(ws, tables)


def _lookup_in_tables(ws: list[str], tables: list[dict[str, tuple[str, str]]]) -> tuple[tuple[str, str] | None, int]:
    finite_ok = any(t is _OPERATIVE_INDEX for t in tables)  # "Se déclare", "Est": finite verbs, operative leads
    if ws[:1] in (["se"], ["s'"]) and len(ws) > 2 and ws[1] in _REFLEXIVE_SAY and _concern_qualified(ws, 2) and (
        finite_ok if not ws[1].endswith("ant") else any(t is _PREAMBLE_INDEX for t in tables)
    ):
        return (f"se {ws[1]} {ws[2]}", _CONCERN), 3  # "Se disant profondément alarmé", "Se montre préoccupé"
    if finite_ok and len(ws) > 1 and ws[0] in _COPULAS and _concern_qualified(ws, 1):
        return (f"{ws[0]} {ws[1]}", _CONCERN), 2  # "Reste profondément préoccupé", "Demeure alarmé"
    best, n = _plain_lookup(ws, tables)
    if best is None and len(ws) > 1 and ws[0] in _INTENSIFIERS:
        best, n = _table_lookup(ws[1:], tables)  # "Gravement préoccupée", "Profondément inquiète" (guide 5.12)
        return (f"{ws[0]} {best[0]}", best[1]) if best else None, n + 1 if best else 0
    if best is None and len(ws) > 1:
        stripped = _without_adverbs(ws)
        if stripped != ws:
            best, n = _plain_lookup(stripped, tables)
            n += len(ws) - len(stripped) if best else 0
    if best is not None and best[1] != _CONCERN and not best[0].startswith("réaffirm") and _concern_qualified(ws, n):
        return (best[0], _CONCERN), n  # rule 4 and 5.5: a qualifier of concern turns any lead but "Réaffirme" (rule 2) into concern
    if best is not None and ws[0] == "note" and len(ws) > 1 and ws[1] in ("du", "de", "des", "d'", "sur", "verbale"):
        return None, 0  # "Note du Secrétaire général sur ...": a title, not the verb
    return best, n


def _plain_lookup(ws: list[str], tables: list[dict[str, tuple[str, str]]]) -> tuple[tuple[str, str] | None, int]:
    joined = [w if w.endswith("'") else w + " " for w in ws]
    best: tuple[str, str] | None = None
    best_len = 0
    known = all(t is _PREAMBLE_INDEX or t is _OPERATIVE_INDEX for t in tables)
    for n in range(1, min(len(ws), _MAX_WORDS) + 1):
        key = "".join(joined[:n]).strip()
        if known and key not in _KEY_STARTS:
            break
        for table in tables:
            hit = table.get(key)
            if hit and n > best_len:
                best, best_len = hit, n
    return best, best_len


_PLURAL_AUXILIARIES = frozenset({"ont", "avaient", "auront", "auraient", "seraient"})
_COPULAS = frozenset({"est", "reste", "demeure"})
_SPECIAL_FIRST = frozenset({"se", "s'"}) | _COPULAS | _INTENSIFIERS  # first words _lookup_in_tables reads around


def _singular(ws: list[str]) -> list[str]:
    """A third-person plural verb read as the singular of the lexicon: ``condamnent`` -> ``condamne``,
    ``se felicitent`` -> ``se felicite``, ``sont`` -> ``est``; concern adjectives lose their plural."""
    if not ws:
        return ws
    k = 1 if ws[0] in ("se", "s'") and len(ws) > 1 else 0
    verb = ws[k]
    if verb == "sont":
        verb = "est"
    elif verb.endswith("ent") and len(verb) > 5:
        verb = verb[:-2]
    return [*ws[:k], verb, *ws[k + 1 :]]


def _third_person(word: str) -> list[str]:
    """``invitons`` -> ``invite``; ``rappelons`` -> ``rappelle``: first-person plural of a body's declaration."""
    if word in _FIRST_PLURAL:
        return [_FIRST_PLURAL[word]]
    if not word.endswith("ons") or len(word) < 6:
        return []
    stem = word[:-3]
    return [stem + "e", stem, stem + stem[-1] + "e"]


@lru_cache(maxsize=65536)
def find_lead(text: str, part: str | None = None) -> tuple[int, str, str] | None:
    """``(word offset, lead phrase, function)`` of the lead of ``text``, or ``None``.

    The lead is looked for at the start, then after a subject that is a pronoun or a body
    ("Il souligne", "Le Conseil de sécurité rappelle"), and first-person plural verbs of a
    declaration are read as the body's own ("Nous invitons", "Insistons").

    >>> find_lead("Il condamne à nouveau les attaques")
    (1, 'condamne', 'concern')
    """
    ws = _folded_words(text, _MAX_WORDS + 8)
    if not ws:
        return None
    tables = []
    if part in (None, "preamble"):
        tables.append(_PREAMBLE_INDEX)
    if part in (None, "operative"):
        tables.append(_OPERATIVE_INDEX)
    hit, _ = _table_lookup(ws, tables)
    if hit:
        return 0, *hit
    if part == "preamble":
        return None
    offsets = []
    if ws[0] in _PRONOUNS:
        offsets.append(1)
    elif ws[0] in ("le", "la", "l'", "les") and len(ws) > 1 and ws[1] in _BODY_NOUNS:
        # "Le Conseil de sécurité rappelle": the verb is one of the next few words.
        offsets.extend(range(2, min(len(ws), 7)))
    elif ws[0] == "tout" and len(ws) > 2 and ws[1] == "en":
        offsets.append(2)  # "Tout en prenant note ..."
    for k in offsets:
        rest = ws[k:]
        if rest and (rest[0] in ("ne", "n'") or rest[0] in _AUXILIARIES or rest[0] in _PLURAL_AUXILIARIES):
            break  # "Il ne reconnaît pas", "Le Comité a approuvé", "est prié": reported speech, not a lead
        if ws[0] != "tout":
            rest = _singular(rest)  # "Les membres du Conseil condamnent", "Ils se félicitent"
        hit, _ = _table_lookup(rest, [_OPERATIVE_INDEX, _PREAMBLE_INDEX] if ws[0] == "tout" else [_OPERATIVE_INDEX])
        if hit:
            return k, *hit
    start = 1 if ws[0] == "nous" else 0
    # "Nous nous engageons", "Nous nous félicitons": the reflexive first person is the body's "s'engage", "se félicite".
    # A declaration whose paragraphs continue "Nous, chefs d'État ..., " drops the subject: "Nous engageons à
    # réduire", "Nous félicitons de" are reflexive too when a preposition follows the verb, where the
    # transitive verb would have its object ("Nous engageons les États à").
    reflexive = start == 1 and len(ws) > 2 and ws[1] == "nous"
    verb = start + reflexive
    if verb < len(ws):
        elided = start == 1 and not reflexive and ws[verb + 1 : verb + 2] in (["a"], ["de"], ["d'"], ["du"], ["des"])
        elided = elided and ws[verb + 2 : verb + 3] != ["nouveau"]
        for form in _third_person(ws[verb]):
            pronoun = ["s'" if form[0] in "aeiouh" else "se"]
            for words in ([*pronoun, form], [form]) if elided else ([*pronoun, form] if reflexive else [form],):
                hit, _ = _table_lookup([*words, *ws[verb + 1 :]], [_OPERATIVE_INDEX])
                if hit and elided and words[0] in ("se", "s'"):
                    return start, hit[0].removeprefix("se ").removeprefix("s'"), hit[1]  # the phrase as written: "engageons"
                if hit:
                    return start, *hit
    return None


def opens_with_subject(text: str) -> bool:
    """Whether :func:`find_lead` can give ``text`` a word offset above 0: it opens with a pronoun ("Il",
    "Nous"), a body ("Le Conseil") or "Tout en"; find_lead looks past nothing else. A cheap check before
    reading a narrative sentence as a body speaking for itself."""
    ws = _folded_words(text, _MAX_WORDS + 8)  # as find_lead reads them
    if not ws:
        return False
    w = ws[0]
    return (
        w in _PRONOUNS
        or (w in ("le", "la", "l'", "les") and len(ws) > 1 and ws[1] in _BODY_NOUNS)
        or (w == "tout" and len(ws) > 2 and ws[1] == "en")
    )


def first_person_lead(text: str) -> tuple[int, str, str] | None:
    """:func:`find_lead` of an operative paragraph of a declaration in the first person ("Demandons à ...",
    "Nous nous engageons à ..."), or ``None`` when ``text`` does not open with "Nous" or a verb in "-ons"."""
    first = words(text, 1)
    if not first or not (first[0] == "Nous" or first[0].endswith("ons")):
        return None
    return find_lead(text, "operative")


# "Le Comité se préoccupe", "La Conférence internationale de l'éducation se félicite": a body, a few words
# without punctuation (its name), then a reflexive verb in the present; not "s'est réuni" (a report) nor
# "qui se réunit" (a relative clause).
_BODY_REFLEXIVE = re.compile(
    r"(?:Le|La|Les|L['’])\s*([^\W\d_][\w-]*)(?:\s+(?!qui\b|dont\b|où\b)[\w'’-]+){0,5}?"
    r"\s+(?:se\s+|s['’])(?!est\b|sont\b|étai|serai|sera\b|seront\b|ét)[a-zà-ÿ]{3,}(?:e|ent)\b"
)


def body_reflexive(text: str) -> bool:
    """Whether ``text`` opens with a body speaking for itself through a reflexive verb in the present, a
    verb the lead tables need not know ("Le Comité se préoccupe des besoins ...", decision 5.26).

    >>> body_reflexive("Le Comité se préoccupe des besoins"), body_reflexive("Le Comité s'est réuni")
    (True, False)
    """
    m = _BODY_REFLEXIVE.match(text[:160]) if text[:1] == "L" else None
    return m is not None and fold(m.group(1)) in _BODY_NOUNS


@lru_cache(maxsize=65536)
def match_lead(text: str, part: str | None = None) -> tuple[str, str] | None:
    """The longest known lead phrase at the start of ``text`` and its function, or ``None``.

    ``part`` restricts the table: ``"preamble"`` or ``"operative"``; ``None`` tries both.

    >>> match_lead("Prie également le Haut-Commissaire de ...")
    ('prie également', 'request')
    >>> match_lead("Notant avec préoccupation que ...", "preamble")
    ('notant avec préoccupation', 'concern')
    """
    ws = _folded_words(text, _MAX_WORDS + 2)
    tables = []
    if part in (None, "preamble"):
        tables.append(_PREAMBLE_INDEX)
    if part in (None, "operative"):
        tables.append(_OPERATIVE_INDEX)
    return _table_lookup(ws, tables)[0]


def looks_like_participle_lead(word: str) -> bool:
    """A capitalized present participle or adjective that can open a preambular clause."""
    if not word or not word[0].isupper():
        return False
    w = fold(word)
    if w in _PREAMBLE_INDEX or w in _INTENSIFIERS:
        return True
    return len(w) > 4 and w.endswith(("ant", "ants")) and w not in {"avant", "durant", "pendant", "cependant", "maintenant", "nonobstant", "moyennant", "suivant", "concernant", "s'agissant", "etant"}


_PARTICIPLE_FOLLOWERS = frozenset({"par", "que", "qu'"})
_NOT_PARTICIPLES = frozenset({"societe", "societes", "entite", "entites", "comite", "comites", "qualite", "egalite", "universite", "autorite", "autorites", "activite", "activites", "communaute", "communautes", "priorite", "priorites", "securite", "liberte", "libertes", "majorite", "minorite", "minorites", "unite", "diversite", "capacite", "capacites", "realite", "realites", "nationalite", "propriete"})


def is_reflexive_lead(ws: list[str]) -> bool:
    """``Se souvenant``, ``S'inquiétant``, ``Se félicitant``: a reflexive present participle opening a clause.

    >>> is_reflexive_lead(["Se", "souvenant"]), is_reflexive_lead(["Se", "tient"])
    (True, False)
    """
    if len(ws) < 2 or fold(ws[0]) not in ("se", "s'"):
        return False
    w = fold(ws[1])
    return len(w) > 4 and w.endswith(("ant", "ants"))


def is_participle_lead(ws: list[str]) -> bool:
    """An agreeing past participle opening a clause, by its form: ``Attristée par``, ``Persuadés que``.

    Only before "par" or "que", since nouns end in -é too ("Comité de", "Société des").

    >>> is_participle_lead(["Attristée", "par"]), is_participle_lead(["Comité", "de"])
    (True, False)
    """
    if len(ws) < 2 or not ws[0][:1].isupper():
        return False
    w = fold(ws[0])
    return (
        len(w) > 5
        and w.endswith(("e", "ee", "es", "ees"))
        and ws[0].lower().endswith(("é", "ée", "és", "ées"))
        and w not in _NOT_PARTICIPLES
        and fold(ws[1]) in _PARTICIPLE_FOLLOWERS
    )


def opens_preamble(text: str, first: list[str]) -> bool:
    """Whether ``text`` (whose first words are ``first``) opens with a preambular lead, known or by its form."""
    return bool(first) and (
        looks_like_participle_lead(first[0])
        or is_reflexive_lead(first)
        or is_participle_lead(first)
        or (first[0][:1].isupper() and match_lead(text, "preamble") is not None)
        or (first[0][:1].isupper() and _PREAMBLE_PREPOSITION.match(text) is not None)  # "En raison de ...;" (5.18)
    )


def lead_after_incidents(text: str) -> tuple[str, str] | None:
    """The lead of a body's sentence whose verb follows phrases set off by commas, or ``None`` (guide 5.3).

    >>> lead_after_incidents("L'Assemblée générale, ayant examiné le rapport, sur la recommandation du Bureau, décide de ...")
    ('décide', 'decision')
    >>> lead_after_incidents("Le Comité, ayant examiné le rapport, a décidé de ...") is None
    True
    """
    head, sep, rest = text.partition(",")
    ws = _folded_words(head, 8)
    we = ws == ["nous"]  # a declaration: "Nous, ministres ..., réunis à ..., réaffirmons ..."
    if not sep or not (we or 2 <= len(ws) <= 6 and ws[0] in ("le", "la", "l'", "les") and ws[1] in _BODY_NOUNS):
        return None
    for piece in rest.split(",", 12)[:12]:
        piece = piece.strip().removeprefix("et ")
        if not piece[:1].islower():
            continue
        ws = _folded_words(piece, _MAX_WORDS + 2)
        if ws[0] in _AUXILIARIES or ws[0] in _PLURAL_AUXILIARIES or ws[0] in ("ne", "n'", "avons"):
            return None  # "..., a décidé", "..., avons adopté": a report of what the body did (rule 5)
        if we:
            found = find_lead("Nous " + piece, "operative")  # "réaffirmons", "nous engageons à", read as the body's own
            hit = found[1:] if found else None
        else:
            hit, _ = _table_lookup(_singular(ws), [_OPERATIVE_INDEX])
        if hit:
            return hit
    return None
