"""The substring tests before the reference extractor's first look give what the look alone gave.

:func:`clausekit.references.extractor._maybe` answers ``_MAYBE.search(text)`` without the search
when ``text`` holds none of "/", "Convention", "Pacte", "Protocole" and, lower-cased, neither
"solution" nor "cision". That rests on str.lower() turning every character that IGNORECASE
matches with a letter of "résolution" or "décision" into that letter, save "ı", "İ" and "ſ"
(which always go to the search): checked here over every code point, then on texts.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from clausekit.references.extractor import _MAYBE, _maybe

SPECIALS = {"ı", "İ", "ſ"}


def test_references_lower_gives_each_letter_ignorecase_matches() -> None:
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    by_lower: dict[str, set[str]] = defaultdict(set)
    for c in every:
        by_lower[c.lower()].add(c)
    for letter in set("résolutiondécision"):
        matched = set(re.findall(f"(?i:{letter})", every))
        assert matched - SPECIALS == by_lower[letter] - SPECIALS, letter


FRAGMENTS = ["résolution", "Résolution", "RÉSOLUTION", "resolution", "RÉSOLUTİON", "réſolution", "résolutıon",
             "décision", "DÉCISION", "Decision", "décıſion", "DECİSİON", "décide", "lutte", "solution", "cision",
             "Convention", "convention", "Pacte", "pacte", "Protocole", "protocole", "A/", "a/", "/", "S/RES/2211",
             "la ", "de ", " ", ", ", "É", "é", "e", "r", "d", "ion", "\u0301", "ı", "İ", "ſ", "K"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=8).map("".join))
def test_references_maybe_matches_the_search(text: str) -> None:
    assert _maybe(text) == (_MAYBE.search(text) is not None)


def test_references_maybe_on_the_seed_texts() -> None:
    seeds = Path(__file__).resolve().parents[1] / "data" / "seeds"
    lines = [line for p in sorted(seeds.glob("*.txt")) for line in p.read_text(encoding="utf-8").splitlines()]
    assert len(lines) > 500
    for line in lines:
        assert _maybe(line) == (_MAYBE.search(line) is not None), line
    assert sum(map(_maybe, lines)) > 50  # the search does find references there
