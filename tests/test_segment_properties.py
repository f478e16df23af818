"""Property-based tests: segmentation never crashes, spans are valid, nothing is lost or counted twice."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clausekit.segmentation.segmenter import segment_text
from clausekit.text.ocr_noise import corrupt

SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"
_SEED_LINES = [
    line
    for p in sorted(SEEDS.glob("*.txt"))
    for line in p.read_text(encoding="utf-8").splitlines()
    if line.strip()
]

# Real lines, furniture-like lines and noise, shuffled into documents.
_line = st.one_of(
    st.sampled_from(_SEED_LINES),
    st.sampled_from(["", " ", "A/RES/55/109", "2", "http://undocs.org/fr/A/HRC/52/80", "* État non membre.", "1 Voir A/HRC/1/2.", "a) De lui présenter ;", "   ", "____________"]),
    st.text(min_size=0, max_size=80),
    st.builds(lambda n, s: f"{n}. {s}", st.integers(0, 60), st.sampled_from(["Décide de", "Prie le", "La note", "", "Rappelant"])),
)
documents = st.lists(_line, max_size=40).map("\n".join)
any_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=600)


def _meaningful(ch: str) -> bool:
    return not ch.isspace() and unicodedata.category(ch) not in ("Cc", "Cf", "Zs", "Zl", "Zp")


def check_invariants(text: str) -> None:
    doc = segment_text(text)
    owner: dict[int, str] = {}

    def claim(start: int, end: int, who: str) -> None:
        assert 0 <= start <= end <= len(text), (start, end, len(text))
        for i in range(start, end):
            if _meaningful(text[i]):
                assert i not in owner, f"char {i} {text[i]!r} in {owner[i]} and {who}"
                owner[i] = who

    previous_end = 0
    for c in doc.clauses:
        assert 0 <= c.start < c.end <= len(text)
        assert c.start >= previous_end, "clauses overlap or are out of order"
        previous_end = c.end
        assert c.pieces and c.pieces[0].start == c.start and c.pieces[-1].end == c.end
        for a, b in zip(c.pieces, c.pieces[1:], strict=False):
            assert a.end <= b.start
        for p in c.pieces:
            claim(p.start, p.end, f"clause {c.index}")
        assert c.text == c.text.strip()
    for f in doc.furniture:
        claim(f.start, f.end, f"furniture {f.kind}")
    for s in doc.heading.spans:
        claim(s.start, s.end, "heading")
    lost = [i for i, ch in enumerate(text) if _meaningful(ch) and i not in owner]
    assert not lost, f"characters lost: {[text[i] for i in lost[:10]]} at {lost[:10]}"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_segment_properties_on_document_like_text(text):
    check_invariants(text)


@settings(max_examples=150, deadline=None)
@given(any_text)
def test_segment_properties_on_arbitrary_unicode(text):
    check_invariants(text)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000), st.floats(0.0, 0.3))
def test_segment_properties_on_ocr_corrupted_seed(seed, rate):
    text = (SEEDS / "004_f730982b1d88a241.txt").read_text(encoding="utf-8")
    check_invariants(corrupt(text, rate=rate, seed=seed))


def test_segment_properties_on_very_long_line():
    check_invariants("Rappelant " + "la résolution 1/1, " * 20_000)
