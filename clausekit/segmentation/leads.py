"""A clause's lead phrase and its part when it stands alone."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice

from clausekit.segmentation.lexicon import (
    LEAD_ADVERBS,
    _folded_words,
    find_lead,
    fold,
    match_lead,
    opens_preamble,
    words,
)
from clausekit.segmentation.normative import (
    is_action_heading,
    is_action_item,
    is_address_formula,
    is_enacting_formula,
    prescribes,
    strip_glued_prefix,
)
from clausekit.segmentation.patterns import (
    _HIERARCHICAL,
    _LEAD_WORD,
    _PREAMBLE_PREPOSITION,
    numbered,
)

_LEAD_STOP = frozenset(
    [
        "le",
        "la",
        "les",
        "l'",
        "un",
        "une",
        "des",
        "du",
        "de",
        "d'",
        "à",
        "au",
        "aux",
        "que",
        "qu'",
        "sa",
        "son",
        "ses",
        "leur",
        "leurs",
        "tous",
        "toutes",
        "tout",
        "ce",
        "cette",
        "ces",
        "sur",
        "par",
        "pour",
        "dans",
        "qui",
        "dont",
        "lorsque",
        "si",
        "selon",
        "avec",
        "et",
        "ou",
        "notamment",
    ]
)


def _adverbs_by_first_word() -> dict[str, list[list[str]]]:
    """The folded words of each lead adverb, by first word, in LEAD_ADVERBS order (the first match wins)."""
    index: dict[str, list[list[str]]] = {}
    for adverb in LEAD_ADVERBS:
        parts = fold(adverb).split()
        index.setdefault(parts[0], []).append(parts)
    return index


_ADVERBS_BY_FIRST_WORD = _adverbs_by_first_word()


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    """:func:`~clausekit.segmentation.lexicon.fold` of one word, remembered: the same few thousand words recur in every document."""
    return fold(word)


def lead_phrase(text: str, part: str | None = None) -> str:
    """The lead phrase of a clause: its first verb or participle with adverbs and fixed complements.

    >>> lead_phrase("Prie également le Haut-Commissariat de préciser ...")
    'Prie également'
    >>> lead_phrase("Prenant note avec satisfaction du document final ...")
    'Prenant note avec satisfaction'
    >>> lead_phrase("Souligne également de nouveau qu'il convient ...")
    'Souligne également de nouveau'
    """
    # The first 16 words, as lexicon.words(text, 16) reads them, kept as matches for the surface form below.
    matches = list(islice(_LEAD_WORD.finditer(text), 16))
    if not matches:
        return ""
    ws = [m.group() for m in matches]
    found = find_lead(text, part if part in ("preamble", "operative") else None)
    if found is None and part == "narrative":
        return ""  # a narrative paragraph has no lead phrase
    skip, key, _ = found if found else (0, "", "")
    n = skip + (len(key.replace("'", "' ").split()) if found else 1)
    # Extend over adverbs that follow the known phrase ("Souligne également de nouveau").
    folded = _folded_words(text, 16)  # = [_fold_word(w) for w in ws]: find_lead has just folded them
    changed = True
    while changed and n < len(ws):
        changed = False
        for parts in _ADVERBS_BY_FIRST_WORD.get(folded[n], ()):
            if folded[n : n + len(parts)] == parts:
                n += len(parts)
                changed = True
                break
    if not found:
        # Unknown lead: a capitalized first word, plus an intensified adjective ("Vivement alarmé").
        if (
            folded[0]
            in {"profondement", "vivement", "gravement", "tres", "pleinement", "fermement"}
            and len(ws) > 1
            or folded[0] in {"se", "s'"}
            and len(ws) > 1
        ):
            n = 2
    # Recover the surface form from the text, keeping its spelling and apostrophes: from word
    # skip + 1 to word n, or to the last word of a shorter text.
    if n > len(matches):
        matches = list(islice(_LEAD_WORD.finditer(text), n))
    begin = matches[skip].start() if skip < len(matches) else 0
    end = matches[min(n, len(matches)) - 1].end()
    return text[begin:end].strip()


def infer_part(text: str) -> str:
    """The part of one clause given alone (``--input-format lines``), from its form.

    The lead decides, not the final punctuation: a truncated clause, or one ending in ";", ":" or ".",
    keeps the part of its lead. A numbered paragraph without a lead verb is operative when it prescribes
    ("doit", "devrait", "il importe", "il y a lieu", "sont invités à", guide decisions 5.8 and 5.13) or is
    an infinitive action item; a body speaking for itself in the present ("La Conférence recommande ...")
    takes the part of its verb; an enacting formula ("... la recommandation suivante :") is structural.

    >>> infer_part("12. Prie le Secrétaire général de ...;")
    'operative'
    >>> infer_part("Rappelant sa résolution 54/181,")
    'preamble'
    >>> infer_part("Rappelant sa résolution 54/181 et la déclaration")
    'preamble'
    >>> infer_part("La présente note a été établie en application de la décision 2/102.")
    'narrative'
    >>> infer_part("4. Il y a lieu de renforcer la formation des maîtres ;")
    'operative'
    """
    t = strip_glued_prefix(text)
    m = numbered(t) or _HIERARCHICAL.match(t)  # also "18. 11 importe ..." (an OCR'd "Il")
    body = m.group(m.lastindex or 0) if m else t
    sub = _SUBLABEL.match(body)
    if sub:
        body = body[sub.end() :]
    if (m or sub) and body[:1].islower():
        # A list item: an infinitive action ("favoriser ...", "d'inviter ...") or a prescription.
        return "operative" if is_action_item(body) or prescribes(body) else "narrative"
    if m and prescribes(body) and not body[:1].isupper():
        return "operative"  # an OCR'd "11 importe que ..." (for "Il importe")
    if (c := _CONJUNCTION.match(body)) is not None:
        body = body[c.end() :]
        body = body[:1].upper() + body[1:]  # "Mais que ...", "Et tenant compte ...": the conjunction is not the lead
    first = words(body, 2)
    if not first or not first[0][:1].isupper():
        return "narrative"
    folded = fold(first[0])
    if m and folded in ("tout", "toute", "tous", "toutes"):
        # "7. Tout membre ... doit ...", "42. Tout en tenant compte ..., il est souhaitable ...": the main clause decides.
        return "operative" if prescribes(body) or find_lead(body, "operative") is not None else "narrative"
    if folded in ("que", "qu'", "qu’"):
        return "operative" if m else "preamble"  # "3. Que les autorités ... soient ..." prescribes (decision 5.8)
    if is_enacting_formula(body) or (not m and is_address_formula(body)):
        return "narrative"  # decision 5.1: a formula announcing the text or the list that follows
    if match_lead(body, "operative") and not opens_preamble(body, first):
        return "operative"
    if m and _PREAMBLE_PREPOSITION.match(body) and prescribes(body):
        return "operative"  # "20) Compte tenu de la formation prévue ..., il doit être possible ...": the main clause decides
    if opens_preamble(body, first):
        # A sentence of reported speech starting with a participle ("Présentant le texte, le représentant a dit.")
        # ends with a full stop and names no known lead: narrative.
        if t.endswith(".") and (match_lead(body, "preamble") is None or _PREAMBLE_PREPOSITION.match(body)):
            return "narrative"  # also "Compte tenu de ..., le Comité recommande ... ." (a sentence of a report)
        return "preamble"
    if not m and _PREAMBLE_PREPOSITION.match(body) and t[-1:] in ",;":
        return "preamble"  # "Compte tenu de ...,", "Eu égard à ...,": a preambular lead without a verb
    if m and (prescribes(body) or is_action_heading(body)):
        return "operative"  # a prescription or an infinitive action item (decision 5.8)
    return "narrative"


_SUBLABEL = re.compile(r"^\(?[a-z]\)\s+")
_CONJUNCTION = re.compile(r"^(?:Et|Mais)\s+(?=[a-zà-ÿ])")
