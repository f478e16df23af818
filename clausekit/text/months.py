"""French month names, one list for every rule that reads a date.

:data:`MONTHS` in calendar order, :data:`MONTHS_FOLDED` the same without accents (what folded
text holds), :data:`MONTH_FORMS` both, and :data:`MONTH_ALTERNATION` a regular-expression group
body of every form, longest first.

>>> MONTHS_FOLDED.index("aout") + 1
8
>>> "décembre" in MONTH_FORMS and "decembre" in MONTH_FORMS
True
"""

from __future__ import annotations

import unicodedata

MONTHS: tuple[str, ...] = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip


def _fold(word: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFD", word) if not unicodedata.combining(ch))


MONTHS_FOLDED: tuple[str, ...] = tuple(_fold(m) for m in MONTHS)
MONTH_FORMS: frozenset[str] = frozenset(MONTHS + MONTHS_FOLDED)
MONTH_ALTERNATION: str = "|".join(sorted(MONTH_FORMS, key=lambda m: (-len(m), m)))
