"""French word frequencies (and which words read as English) without loading wordfreq.

Segmentation asks how frequent a French word is to tell OCR damage from clean text, to
choose among OCR repairs and to rejoin words split by a line-end hyphen. It asked wordfreq
(Robyn Speer, https://github.com/rspeer/wordfreq), whose import and French list cost about
0.7 s in every fresh process and worker, and building the OCR repair index from it another
0.4 s: more than tagging a dozen documents. The answers are now precomputed from wordfreq
(``python -m clausekit.text.frequency build``, which needs wordfreq) and shipped in
``clausekit/data/``, read in ~50 ms on first use:

- ``fr_frequency_words.txt.gz`` and ``fr_frequency_cb.u16.gz``: every word of letters in
  wordfreq's French list, sorted, and its frequency in centibels below 1 (wordfreq's own
  quantization), as little-endian unsigned 16-bit integers;
- ``en_leaning_words.txt.gz``: the words of letters at least 1 Zipf unit more frequent in
  English than in French (quoted English titles are not OCR damage);
- ``fr_skeleton_winners.txt.gz``: for OCR repair, the words that are the most frequent form
  of their accent-less skeleton while differing from it (``etat`` -> ``état``).

The tables are derived from wordfreq's data, which is licensed CC BY-SA 4.0; so are they.

:func:`zipf` gives what ``wordfreq.zipf_frequency(word, "fr")`` gives for words of letters,
also joined by hyphens or parentheses (several tokens combine as wordfreq combines them);
other characters count as separators. ``tests/test_frequency.py`` checks this against
wordfreq itself.

>>> zipf("résolution") > 4, zipf("xqzw")
(True, 0.0)
>>> is_english("peacekeeping"), is_english("résolution")
(True, False)
"""

from __future__ import annotations

import array
import bisect
import gzip
import math
import re
import sys
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"
WORDS_PATH = DATA / "fr_frequency_words.txt.gz"
CENTIBELS_PATH = DATA / "fr_frequency_cb.u16.gz"
ENGLISH_PATH = DATA / "en_leaning_words.txt.gz"
SKELETON_PATH = DATA / "fr_skeleton_winners.txt.gz"

_TOKEN = re.compile(r"[^\W\d_]+")


def _read_words(path: Path) -> list[str]:
    with gzip.open(path, "rb") as f:
        return f.read().decode("utf-8").split("\n")


@lru_cache(maxsize=1)
def _french() -> tuple[list[str], array.array]:
    words = _read_words(WORDS_PATH)
    centibels = array.array("H")
    with gzip.open(CENTIBELS_PATH, "rb") as f:
        centibels.frombytes(f.read())
    if sys.byteorder == "big":  # pragma: no cover - the file is little-endian
        centibels.byteswap()
    if len(centibels) != len(words):
        raise ValueError(f"{CENTIBELS_PATH}: {len(centibels)} frequencies for {len(words)} words")
    return words, centibels


@lru_cache(maxsize=1)
def _english() -> list[str]:
    return _read_words(ENGLISH_PATH)


def _contains(sorted_words: list[str], word: str) -> int:
    """Index of ``word`` in ``sorted_words``, or -1."""
    i = bisect.bisect_left(sorted_words, word)
    return i if i < len(sorted_words) and sorted_words[i] == word else -1


def tokens(word: str) -> list[str]:
    """The tokens wordfreq would look up for ``word``: NFC, case-folded runs of letters."""
    if not word.isascii():
        word = unicodedata.normalize("NFC", word)
    return _TOKEN.findall(word.casefold())


def centibels(token: str) -> int | None:
    """How many centibels below 1 the frequency of one token is, or None if it is not in the list."""
    words, cb = _french()
    i = _contains(words, token)
    return cb[i] if i >= 0 else None


@lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    """``wordfreq.zipf_frequency(word, "fr")``: log10 of occurrences per billion words, 0.0 if unknown."""
    one_over = 0.0
    toks = tokens(word)
    if not toks:
        return 0.0
    for token in toks:
        cb = centibels(token)
        if cb is None:
            return 0.0
        one_over += 1.0 / 10 ** (-cb / 100)
    freq = 1.0 / one_over
    # wordfreq rounds the frequency to 3 significant digits, then the Zipf value to 2 decimals
    freq = round(freq, math.floor(-math.log(freq, 10)) + 3)
    return round(math.log(freq, 10) + 9, 2)


_KNOWN: dict[str, bool] = {}


def known(word: str) -> bool:
    """``zipf(word) >= 1.0``, remembered: how OCR damage is told from clean text, for each word of every text.

    A word that is its own one token (letters, case-folded, NFC) is its list entry: every entry under
    800 centibels has a Zipf value of at least 1.01, so a bisection answers without zipf's arithmetic.
    """
    hit = _KNOWN.get(word)
    if hit is None:
        if word.isalpha() and word.casefold() == word and (word.isascii() or unicodedata.is_normalized("NFC", word)):
            words, cb = _french()
            i = _contains(words, word)
            hit = i >= 0 and (cb[i] < 800 or zipf(word) >= 1.0)
        else:
            hit = zipf(word) >= 1.0
        if len(_KNOWN) >= 200_000:  # a bound on a long-running process
            _KNOWN.clear()
        _KNOWN[word] = hit
    return hit


@lru_cache(maxsize=50_000)
def is_english(word: str) -> bool:
    """One word more frequent in English than in French by over 1 Zipf unit (False for several words)."""
    toks = tokens(word)
    return len(toks) == 1 and _contains(_english(), toks[0]) >= 0


SKELETON = str.maketrans(
    {
        "à": "a", "â": "a", "ä": "a", "á": "a",
        "é": "e", "è": "e", "ê": "e", "ë": "e",
        "î": "i", "ï": "i", "í": "i",
        "ô": "o", "ö": "o", "ó": "o",
        "û": "u", "ù": "u", "ü": "u", "ú": "u",
        "ç": "c", "ÿ": "y", "œ": "oe", "æ": "ae",
    }
)  # fmt: skip


def skeleton(word: str) -> str:
    """A word without its diacritics (``état`` -> ``etat``), the key OCR repair looks accented forms up by."""
    return word.translate(SKELETON)


def skeleton_index_from(words_by_frequency: Iterable[str]) -> dict[str, str]:
    """Skeleton -> the first (most frequent) word of letters with that skeleton, from words in descending frequency."""
    index: dict[str, str] = {}
    for word in words_by_frequency:
        if word.isalpha():
            index.setdefault(skeleton(word), word)
    return index


def skeleton_winners() -> list[str]:
    """The words that are the most frequent form of their skeleton and differ from it (see ``clausekit.text.ocr_repair``)."""
    return _read_words(SKELETON_PATH)


# --- building the tables from wordfreq (a maintenance command) --------------------------------


def build() -> dict[Path, bytes]:
    """The shipped files' contents, computed from wordfreq."""
    from wordfreq import get_frequency_list, zipf_frequency


    french = {
        w: index
        for index, bucket in enumerate(get_frequency_list("fr"))
        for w in bucket
        if _TOKEN.fullmatch(w)
    }
    words = sorted(french)
    cb = array.array("H", (french[w] for w in words))
    if sys.byteorder == "big":
        cb.byteswap()
    english = sorted(
        w
        for bucket in get_frequency_list("en")
        for w in bucket
        if _TOKEN.fullmatch(w) and zipf_frequency(w, "en") > zipf_frequency(w, "fr") + 1.0
    )
    # the OCR index, built as it was from wordfreq's dictionary order (ties go to the first word)
    ordered = [w for bucket in get_frequency_list("fr") for w in bucket]
    index = skeleton_index_from(ordered)
    winners = sorted(w for s, w in index.items() if s != w)

    def packed(lines: list[str]) -> bytes:
        return gzip.compress("\n".join(lines).encode("utf-8"), compresslevel=9, mtime=0)

    return {
        WORDS_PATH: packed(words),
        CENTIBELS_PATH: gzip.compress(cb.tobytes(), compresslevel=9, mtime=0),
        ENGLISH_PATH: packed(english),
        SKELETON_PATH: packed(winners),
    }


def main(argv: list[str] | None = None) -> None:  # pragma: no cover - a maintenance command
    """``python -m clausekit.text.frequency build``: rebuild the shipped tables from wordfreq."""
    import argparse

    from clausekit.atomic import atomic_write

    parser = argparse.ArgumentParser(prog="python -m clausekit.text.frequency", description=main.__doc__)
    parser.add_argument("command", choices=["build"])
    parser.parse_args(argv)
    for path, content in build().items():
        with atomic_write(path, "wb", encoding=None) as f:
            f.write(content)
        print(f"{path}: {len(content):,} bytes")


if __name__ == "__main__":  # pragma: no cover
    main()
