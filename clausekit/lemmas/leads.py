"""What the lemma paths share about lead phrases: paragraph numbers to strip and the first words of leads."""

from __future__ import annotations

import re

from clausekit.segmentation.lexicon import OPERATIVE_LEADS, PREAMBLE_LEADS, fold

# "12. ", "4, ", "1) ", "(a) " before a clause's lead (lines input, UNPC lines, ICE paragraphs).
_NUMBER_PREFIX = re.compile(r"^\s*(?:\d{1,3}(?:\.\d{1,3}){1,3}\.?\s+|\(?(?:\d{1,3}|[a-z]|[ivx]{1,5})\s?[.,)°]\s*)+")
# Words that may stand before the verb of a lead: reflexive pronouns and intensifiers.
BEFORE_VERB = frozenset({"se", "s'", "s", "profondement", "vivement", "gravement", "tres", "pleinement", "fermement"})


def strip_number(text: str) -> str:
    """``"12. Prie le ..."`` -> ``"Prie le ..."``; text without a paragraph number is unchanged."""
    return _NUMBER_PREFIX.sub("", text, count=1)
def lead_forms() -> tuple[frozenset[str], frozenset[str]]:
    """First words of the lead phrases: finite operative verbs and preambular participles/adjectives."""
    def firsts(table: dict[str, str]) -> set[str]:
        out = set()
        for phrase in table:
            ws = phrase.replace("'", "' ").split()
            while ws and fold(ws[0]) in BEFORE_VERB:
                ws = ws[1:]
            if ws:
                out.add(ws[0])
        return out

    return frozenset(firsts(OPERATIVE_LEADS)), frozenset(firsts(PREAMBLE_LEADS))


