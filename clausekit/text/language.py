"""A cheap check that a text is French, so the CLI can warn before tagging something else.

The check compares word frequencies: for a sample of the text's words it counts
how often French is the language in which each word is most frequent, among
French and the languages UN texts also come in that wordfreq knows well. The
answer for each word is precomputed from wordfreq (``python -m clausekit.text.language
build``) for the 30,000 most frequent words of each language and shipped as
``clausekit/data/language_leaders.json.gz`` (290 kB, read in ~25 ms, where loading
the four wordfreq lists took about 1 s in every fresh process and worker); rarer
words do not vote. The table is derived from wordfreq's data (Robyn Speer,
https://github.com/rspeer/wordfreq), which is licensed CC BY-SA 4.0; so is the table.

>>> looks_french("L'Assemblée générale, rappelant sa résolution 54/181, décide de poursuivre l'examen de la question.")
True
>>> looks_french("The General Assembly, recalling its resolution 54/181, decides to continue the consideration of the question.")
False
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

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
LEADERS_PATH = Path(__file__).resolve().parents[1] / "data" / "language_leaders.json.gz"
#: How many of each language's most frequent words the shipped table covers.
TOP_WORDS = 30_000


@lru_cache(maxsize=1)
def _leaders() -> dict[str, str]:
    """word -> the language of :data:`_LANGUAGES` in which it is most frequent (the shipped table)."""
    with gzip.open(LEADERS_PATH, "rb") as f:
        table = json.loads(f.read().decode("utf-8"))
    return {w: lang for lang, words in table.items() for w in words}


def build_leaders(top: int = TOP_WORDS) -> dict[str, list[str]]:
    """The table of :func:`_leaders` from wordfreq: for each language, the words it leads (ties go to the first)."""
    from wordfreq import top_n_list, zipf_frequency

    words = {w for lang in _LANGUAGES for w in top_n_list(lang, top) if _WORD.fullmatch(w)}
    out: dict[str, list[str]] = {lang: [] for lang in _LANGUAGES}
    for w in sorted(words):
        scores = [zipf_frequency(w, lang) for lang in _LANGUAGES]
        if max(scores) > 0:
            out[_LANGUAGES[scores.index(max(scores))]].append(w)
    return out


def guess_language(text: str, *, sample_words: int = 400) -> LanguageGuess:
    """Score the first ``sample_words`` words of ``text`` against French and :data:`RIVALS`."""
    words = [w.lower() for w in _WORD.findall(text[: sample_words * 20])][:sample_words]
    if not words:
        return LanguageGuess(0.0, "?", 0)
    wins = dict.fromkeys(_LANGUAGES, 0)
    leaders = _leaders()
    for w in words:
        leader = leaders.get(w)
        if leader is not None:
            wins[leader] += 1
    best = max(_LANGUAGES, key=lambda lang: wins[lang])
    return LanguageGuess(wins["fr"] / len(words), best, len(words))


def looks_french(text: str) -> bool:
    """True unless ``text`` is long enough to judge and reads as another language."""
    return guess_language(text).is_french


def not_french_warning(path: str, text: str) -> str | None:
    """The one-line warning for ``text`` that reads as another language, or ``None`` for French."""
    guess = guess_language(text)
    if guess.is_french:
        return None
    return (
        f"{path}: does not look like French ({guess.french_share:.0%} of words lean French, "
        f"closest language: {guess.best}); clausekit reads French UN texts, so expect poor clauses and tags"
    )


def main(argv: list[str] | None = None) -> None:  # pragma: no cover - a maintenance command
    """``python -m clausekit.text.language build``: rebuild the shipped table from wordfreq."""
    import argparse

    from clausekit.atomic import atomic_write

    parser = argparse.ArgumentParser(prog="python -m clausekit.text.language", description=main.__doc__)
    parser.add_argument("command", choices=["build"])
    parser.parse_args(argv)
    table = build_leaders()
    with atomic_write(LEADERS_PATH, "wb", encoding=None) as f, gzip.GzipFile(fileobj=f, mode="wb", mtime=0) as gz:
        gz.write(json.dumps(table, ensure_ascii=False, sort_keys=True).encode("utf-8"))
    print(f"{LEADERS_PATH}: {sum(map(len, table.values()))} words")


if __name__ == "__main__":  # pragma: no cover
    main()
