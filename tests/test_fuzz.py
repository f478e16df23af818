"""Fuzzing the stages that meet raw input: ingestion, normalization, segmentation, CSV rows, the French check.

The invariants: no exception other than :class:`InputError` from ingestion; offset maps that stay
inside the original and in order; segmentation spans that are valid and lose no character.
Segmentation invariants are the ones of test_segment_properties.py (imported, not repeated);
this file feeds them other inputs: OCR-corrupted real clauses, control characters, CRLF, long lines.
"""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from test_segment_properties import _SEED_LINES, check_invariants

from clausekit.errors import InputError
from clausekit.read.sources import _BOMS, _MAGIC, decode, read_csv
from clausekit.text.language import guess_language
from clausekit.text.normalization import normalize
from clausekit.text.ocr_noise import corrupt

SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"
FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --- ingestion ---------------------------------------------------------------------------------

_prefixes = st.sampled_from([b""] + [bom for bom, _ in _BOMS] + [magic for magic, _, _ in _MAGIC])
raw_bytes = st.one_of(
    st.binary(max_size=3000),
    st.builds(bytes.__add__, _prefixes, st.binary(max_size=500)),
    # French-like text in an encoding clausekit must guess, with a few bytes flipped
    st.builds(
        lambda line, enc, junk: line.encode(enc, errors="replace") + junk,
        st.sampled_from(_SEED_LINES),
        st.sampled_from(["utf-8", "cp1252", "latin-1", "utf-16-le", "utf-16-be", "mac_roman", "cp850"]),
        st.binary(max_size=8),
    ),
)


@FUZZ
@given(raw_bytes)
@example(b"\xff\xfe")
@example(b"\xef\xbb\xbf")
@example(b"\x00" * 10)
@example("é".encode("utf-16-le") * 3 + b"\x00")
def test_fuzz_decode_returns_text_or_input_error(data):
    try:
        text, encoding = decode(data, source="fuzz.txt")
    except InputError as exc:
        message = str(exc)
        assert message.startswith("fuzz.txt: ") and "\n" not in message
        return
    assert isinstance(text, str) and text.strip()
    assert isinstance(encoding, str) and encoding
    codecs.lookup(encoding.split(" ")[0])  # a real codec name, possibly with " (BOM)"


@FUZZ
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=400))
def test_fuzz_decode_utf8_round_trips(text):
    assume(text.strip())
    try:
        decoded, encoding = decode(text.encode("utf-8"))
    except InputError as exc:  # only text that really is mostly control characters is refused
        assert "control characters" in str(exc), exc
        return
    assert decoded == text or decoded == text.lstrip("\ufeff")  # a text may start with its own BOM


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.text(max_size=30), min_size=1, max_size=4), max_size=6), st.sampled_from(["text", "corps"]))
def test_fuzz_csv_rows_are_sources_or_one_line_errors(tmp_path_factory, rows, column):
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow([column, "doc_id"][: max(1, len(rows[0]) if rows else 1)])
    writer.writerows(rows)
    path = tmp_path_factory.mktemp("csv") / "rows.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    try:
        items = list(read_csv(path))
    except InputError as exc:
        assert "\n" not in str(exc)
        return
    for item in items:
        if isinstance(item, InputError):
            assert str(item).startswith(f"{path}:")
        else:
            assert item.text.strip() and item.doc_id


# --- normalization -----------------------------------------------------------------------------

_special = st.sampled_from(
    list("\r\n\t\f\v\x00\x07\x1b\x7f\x85\u2028\u2029\u00a0\u202f\u200b\u200d\ufeff\u00ad\u2019\u201c\u201d\ufb01\ufb03")
    + ["e\u0301", "a\u0300\u0327", "<<", ">>", "\r\n"]
)
messy_text = st.lists(st.one_of(st.text(max_size=20), _special, st.sampled_from(_SEED_LINES)), max_size=40).map("".join)


def _letters(s: str) -> list[int]:
    return [i for i, ch in enumerate(s) if unicodedata.category(ch).startswith(("L", "N"))]


@FUZZ
@given(messy_text, st.sampled_from([None, True, False]))
def test_fuzz_normalize_offset_map_is_valid(text, ocr):
    n = normalize(text, ocr=ocr)
    assert len(n.starts) == len(n.ends) == len(n.text)
    assert n.original_length == len(text)
    for i, (a, b) in enumerate(zip(n.starts, n.ends, strict=True)):
        assert 0 <= a <= b <= len(text), (i, a, b)
    assert list(n.starts) == sorted(n.starts), "the map must keep the original's order"
    # every letter or digit of the original is still accounted for by some analysis character
    covered = set()
    for a, b in zip(n.starts, n.ends, strict=True):
        covered.update(range(a, b))
    lost = [i for i in _letters(text) if i not in covered]
    assert not lost, [text[i] for i in lost[:10]]
    # and any span maps back inside the original
    if n.text:
        start, end = n.to_original(0, len(n.text))
        assert 0 <= start <= end <= len(text)
    assert n.to_original(len(n.text), len(n.text)) == (len(text), len(text))


@pytest.mark.slow
def test_fuzz_normalize_very_long_line_keeps_map():
    text = ("Réaffirmant\u00a0l\u2019importance\u200b de la coopération, " * 20_000).replace("Ré", "R\u00e9", 1)
    n = normalize(text)
    assert len(n.starts) == len(n.text) and n.ends[-1] == len(text)


# --- segmentation ------------------------------------------------------------------------------

# Small documents of real clauses, each line OCR-corrupted at its own rate.
_corrupted_line = st.builds(lambda line, rate, seed: corrupt(line, rate=rate, seed=seed), st.sampled_from(_SEED_LINES), st.floats(0.0, 0.5), st.integers(0, 2**16))
corrupted_documents = st.tuples(st.lists(_corrupted_line, min_size=1, max_size=25), st.sampled_from(["\n", "\n\n", "\r\n", "\r\n\r\n", "\n \n"])).map(lambda t: t[1].join(t[0]))


@FUZZ
@given(corrupted_documents)
def test_fuzz_segment_ocr_corrupted_real_clauses(text):
    check_invariants(text)


@FUZZ
@given(st.sampled_from(_SEED_LINES), st.lists(st.tuples(st.integers(0, 10_000), _special), max_size=8))
def test_fuzz_segment_real_clause_with_control_characters(line, insertions):
    text = "L'Assemblée générale,\n\n" + line
    for pos, junk in insertions:
        pos %= len(text) + 1
        text = text[:pos] + junk + text[pos:]
    check_invariants(text)


@pytest.mark.slow
@pytest.mark.parametrize("seed_file", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_fuzz_segment_whole_seed_on_one_line_and_crlf(seed_file):
    original = (SEEDS / seed_file).read_text(encoding="utf-8")
    check_invariants(original.replace("\n", "\r\n"))
    check_invariants(original.replace("\n", " "))  # a conversion that lost every line break


# --- the French check --------------------------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(st.one_of(st.text(max_size=300), corrupted_documents))
def test_fuzz_language_guess_never_fails(text):
    guess = guess_language(text)
    assert 0.0 <= guess.french_share <= 1.0
    assert isinstance(guess.is_french, bool)


@pytest.mark.parametrize("seed_file", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_fuzz_language_heavily_corrupted_french_is_still_french(seed_file):
    text = (SEEDS / seed_file).read_text(encoding="utf-8")
    assert guess_language(corrupt(text, rate=0.3, seed=7)).is_french
