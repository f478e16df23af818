"""A clause's lead phrase and its part when it stands alone."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice

from clausekit.segmentation.lexicon import (
    LEAD_ADVERBS,
    find_lead,
    fold,
    match_lead,
    opens_preamble,
    words,
)
from clausekit.segmentation.patterns import _HIERARCHICAL, _LEAD_WORD, _NUMBERED

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
    folded = [_fold_word(w) for w in ws]
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
    ("doit", "devrait", "il importe", guide decision 5.8).

    >>> infer_part("12. Prie le Secrétaire général de ...;")
    'operative'
    >>> infer_part("Rappelant sa résolution 54/181,")
    'preamble'
    >>> infer_part("Rappelant sa résolution 54/181 et la déclaration")
    'preamble'
    >>> infer_part("La présente note a été établie en application de la décision 2/102.")
    'narrative'
    """
    t = text.strip()
    m = _NUMBERED.match(t) or _HIERARCHICAL.match(t)
    body = m.group(m.lastindex) if m else t
    if _SUBLABEL.match(body):
        body = _SUBLABEL.sub("", body, count=1)
    first = words(body, 2)
    if not first or not first[0][:1].isupper():
        return "narrative"
    folded = fold(first[0])
    if folded in ("que", "qu'"):
        return "operative" if m else "preamble"  # "3. Que les autorités ... soient ..." prescribes (decision 5.8)
    if match_lead(body, "operative") and not opens_preamble(body, first):
        return "operative"
    if opens_preamble(body, first):
        # A sentence of reported speech starting with a participle ("Présentant le texte, le représentant a dit.")
        # ends with a full stop and names no known lead: narrative.
        if t.endswith(".") and match_lead(body, "preamble") is None:
            return "narrative"
        return "preamble"
    if m and _PRESCRIPTION.search(body):
        return "operative"
    return "narrative"


_SUBLABEL = re.compile(r"^\(?[a-z]\)\s+")
_PRESCRIPTION = re.compile(
    r"\b(?:doi[tv]ent|doit|devr(?:ai)?(?:t|ient|aient)|devront|il (?:importe|convient|faut|est (?:désirable|souhaitable|nécessaire|recommandé|indispensable)))\b",
    re.IGNORECASE,
)
