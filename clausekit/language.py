"""A cheap check that a text is French, so the CLI can warn before tagging something else.

The check compares word frequencies: for a sample of the text's words it counts
how often French is the language in which each word is most frequent, among
French and the languages UN texts also come in that wordfreq knows well. No
model is loaded; the frequency lists are read once per process (about 0.2 s each).

>>> looks_french("L'Assemblée générale, rappelant sa résolution 54/181, décide de poursuivre l'examen de la question.")
True
>>> looks_french("The General Assembly, recalling its resolution 54/181, decides to continue the consideration of the question.")
False
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

#: Languages compared with French: the other official UN languages in Latin script, and German.
RIVALS = ("en", "es", "de")
#: Below this share of French-leaning words a text is reported as probably not French.
MIN_FRENCH_SHARE = 0.3
#: Texts with fewer words than this are not judged: too little evidence either way.
MIN_WORDS = 8

_WORD = re.compile(r"[^\W\d_]{2,}")


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    """``french_share``: share of sampled words most frequent in French; ``best``: the leading language."""

    french_share: float
    best: str
    words: int

    @property
    def is_french(self) -> bool:
        return self.words < MIN_WORDS or (self.best == "fr" and self.french_share >= MIN_FRENCH_SHARE)


_LANGUAGES = ("fr", *RIVALS)


@lru_cache(maxsize=50_000)
def _leader(word: str) -> str | None:
    """The language in which ``word`` is most frequent (the first of :data:`_LANGUAGES` on a tie), None if unknown.

    Cached: a batch of UN texts repeats its words, and each lookup costs four wordfreq calls.
    """
    from wordfreq import zipf_frequency  # imported here: `clausekit --help` must not pay for it

    scores = [zipf_frequency(word, lang) for lang in _LANGUAGES]
    top = max(scores)
    return _LANGUAGES[scores.index(top)] if top > 0 else None


def guess_language(text: str, *, sample_words: int = 400) -> LanguageGuess:
    """Score the first ``sample_words`` words of ``text`` against French and :data:`RIVALS`."""
    words = [w.lower() for w in _WORD.findall(text[: sample_words * 20])][:sample_words]
    if not words:
        return LanguageGuess(0.0, "?", 0)
    wins = dict.fromkeys(_LANGUAGES, 0)
    for w in words:
        leader = _leader(w)
        if leader is not None:
            wins[leader] += 1
    best = max(_LANGUAGES, key=lambda lang: wins[lang])
    return LanguageGuess(wins["fr"] / len(words), best, len(words))


def looks_french(text: str) -> bool:
    """True unless ``text`` is long enough to judge and reads as another language."""
    return guess_language(text).is_french
