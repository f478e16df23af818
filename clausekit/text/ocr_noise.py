"""OCR-like noise for measuring :mod:`clausekit.text.ocr_repair`: the confusions it repairs, in reverse.

>>> corrupt("l'État a décidé", rate=1.0, seed=0) != "l'État a décidé"
True
"""

from __future__ import annotations

import random
import re

__all__ = ["corrupt"]

_DROP = {"é": "e", "è": "e", "ê": "e", "à": "a", "â": "a", "î": "i", "ô": "o", "û": "u",
         "ù": "u", "ç": "c", "É": "E", "È": "E", "À": "A", "Ê": "E", "ï": "i"}  # fmt: skip
_SWAP = {"è": "é", "ê": "é", "é": "e", "ô": "é", "â": "é"}
_OTHER = {"œ": "ce", "ç": "g", "û": "l", "m": "rn", "h": "hn"}
_TOKEN_RE = re.compile(r"\b[lL]['’](?=\w)|&|\d?1er\b|[^\W\d_]+")


def _noisy(token: str, rng: random.Random) -> str:
    """One OCR-like change to ``token`` (unchanged if none applies)."""
    if token in ("l'", "l’"):
        return rng.choice(["I'", "I’", "| '", "I' ", "1'"])
    if token == "1er":
        return rng.choice(['1°"', "1°"])
    if token == "à":
        return rng.choice(["a", "a", "a", "&"])
    options: list[tuple[int, str]] = []
    for i, ch in enumerate(token):
        for table in (_DROP, _DROP, _SWAP, _OTHER):
            if ch in table:
                options.append((i, table[ch]))
    if len(token) > 3:
        # A stray letter: an unaccented copy of an accented vowel, or a random vowel.
        i = rng.randrange(1, len(token) - 1)
        options.append((i, rng.choice("eaoi") + token[i]))
    if not options:
        return token
    i, new = rng.choice(options)
    return token[:i] + new + token[i + 1 :]


def corrupt(text: str, rate: float, seed: int) -> str:
    """``text`` with each word (or ``l'``, ``à``, ``1er``) damaged with probability ``rate``.

    Damage kinds: dropped accents (é → e, É → E, à → a), wrong accents (è → é, ô → é),
    ``à`` → ``&``, ``l'`` → ``I'``/``| '``/``1'``, ``œ`` → ``ce``, ``ç`` → ``g``, ``û`` → ``l``,
    ``m`` → ``rn``, ``h`` → ``hn``, ``1er`` → ``1°"``, and a stray inserted vowel.
    Deterministic for a given ``seed``.
    """
    rng = random.Random(seed)

    def sub(m: re.Match[str]) -> str:
        token = m.group(0)
        if token.isupper() and len(token) > 1 or rng.random() >= rate:
            return token
        return _noisy(token, rng)

    return _TOKEN_RE.sub(sub, text)
