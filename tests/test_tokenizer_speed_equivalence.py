"""Speed shortcuts of the tokenizer give the same tokens: ``_pieces`` takes a run of letters as one token without calling
``_split_cached``; ``shapes.elided_or_final_dot`` splits "l'école" and "pays." without ``_split_chunk``.


The reference is the first form of its usual-clause branch (every run through ``_split_cached``),
compared on clauses drawn from words with and without punctuation, elisions and special cases.
"""

from __future__ import annotations

from pathlib import Path

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


def _shape_runs() -> list[str]:
    """Runs in the two shapes of ``shapes.elided_or_final_dot`` (and near misses), from the frequency table and the seeds."""
    import random

    from clausekit.text import frequency

    words = [w for w in frequency._french()[0] if w.isalpha()]
    sample = random.Random(12).sample(words, 1500)
    runs = []
    for w in sample + ["etc", "pays", "ONU", "A", "Mme", "art", "cf", "hui", "aujourd", "homme", "ii", "al"]:
        for v in (w, w.capitalize(), w.upper()):
            runs += [v + ".", "l'" + v, "d’" + v, "qu'" + v, "jusqu'" + v, "N'" + v, "prud'" + v, v + "'", "'" + v, v + "'s"]
    seeds = Path(__file__).resolve().parents[1] / "data" / "seeds"
    runs += [r for p in sorted(seeds.glob("*.txt")) for r in p.read_text(encoding="utf-8").split()]
    return sorted({r for r in runs if r})


def test_elided_or_final_dot_shortcut_gives_split_chunk() -> None:
    from clausekit.lemmas.shapes import elided_or_final_dot

    rules = tk._rules()
    taken = 0
    for run in _shape_runs():
        if run in rules.specials:
            continue
        got = elided_or_final_dot(run, rules)
        if got is not None:
            taken += 1
            assert list(got) == tk._split_chunk(run, rules), run
    assert taken > 10_000  # the shortcut is taken on most of them


def reference_flags(text: str) -> tuple[bool, bool, bool]:
    """``_flags`` before its shortcut for words of letters."""
    import unicodedata

    return (all(unicodedata.category(c).startswith("P") for c in text), text.isspace(), tk._like_num(text))


def test_tokenizer_letters_are_never_punctuation_space_or_digits() -> None:
    """What the shortcut of ``_flags`` rests on, over every code point: a letter (str.isalpha) is not
    punctuation, whitespace, a digit nor one of like_num's leading signs."""
    import unicodedata

    letters = [chr(c) for c in range(0x110000) if chr(c).isalpha()]
    assert len(letters) > 100_000
    for c in letters:
        assert not unicodedata.category(c).startswith("P") and not c.isspace() and not c.isdigit(), hex(ord(c))
        assert c not in "+-±~,./", c


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("aéAÉdeuxDEUXİıſ'-.,/+±~1½٣ \t«»"), min_size=1, max_size=8)
       | st.sampled_from(sorted(tk._NUM_WORDS)).map(lambda w: w.upper() if len(w) % 2 else w.capitalize()))
def test_tokenizer_flags_shortcut_gives_the_reference(text: str) -> None:
    tk._FLAGS.pop(text, None)
    assert tk._flags(text) == reference_flags(text)
