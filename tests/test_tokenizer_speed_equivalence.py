"""``_pieces`` takes a run of letters as one token without calling ``_split_cached``: the same tokens.

The reference is the first form of its usual-clause branch (every run through ``_split_cached``),
compared on clauses drawn from words with and without punctuation, elisions and special cases.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from clausekit.lemmas import tokenizer as tk

WORDS = ["Prie", "le", "Secrétaire", "général", "(A/75/1)", "de", "faire", "rapport.", "l'homme", "c'est-à-dire",
         "aujourd'hui", "etc.", "M.", "art.", "1.", "a)", "«", "»", "Sud-Sud", ";", "paix,", "n°", "St", "Mme", "cf."]


def reference_pieces(text: str) -> list[tuple[str, int]]:
    rules = tk._rules()
    pieces: list[tuple[str, int]] = []
    start = 0
    for run in text.split(" "):
        if run:
            at = start
            for piece in tk._split_cached(run, rules):
                pieces.append((piece, at))
                at += len(piece)
        start += len(run) + 1
    return tk._merge_specials(pieces, rules) if rules.merges else pieces


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=15).map(" ".join))
def test_tokenizer_letter_runs_shortcut_gives_the_same_pieces(text: str) -> None:
    assert tk._pieces(text) == reference_pieces(text)


def test_tokenizer_shortcut_on_special_cases() -> None:
    specials = [s for s in tk._rules().specials if s.isalpha()][:200]
    assert specials  # letter-only special cases exist, and keep their rules
    for s in specials:
        text = f"Le {s} de la paix"
        assert tk._pieces(text) == reference_pieces(text)
