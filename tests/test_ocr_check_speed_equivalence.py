"""The faster OCR damage check (run on every text segmented) gives what its first form gave.

``ocr_repair._lower_words`` reads the words of a text token by token instead of one regex scan, and
``frequency.known`` answers ``zipf(w) >= 1.0`` from the word list without zipf's arithmetic: each is
checked against the straightforward form, kept here, on random text over the characters that
matter (letters of every case, "(" and ")", digits, numerals that are not digits, white space of
every kind), on the whole word list and its variants, and ``looks_ocr_damaged`` on the seeds, their
OCR-noised copies and the shared corpora.
"""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clausekit.text import frequency
from clausekit.text import ocr_repair as ocr
from clausekit.text.normalization import normalize

ROOT = Path(__file__).resolve().parents[1]


def reference_lower_words(text: str) -> list[str]:
    return [w for w in ocr._WORD_RE.findall(text) if w.islower() and len(w) > 2]


def reference_looks_ocr_damaged(text: str, threshold: float = 0.01) -> bool:
    if ocr._DAMAGE_RE.search(text) or ("&" in text and ocr._DAMAGE_AMPERSAND_RE.search(text)):
        return True
    words = reference_lower_words(text)
    if not words:
        return False
    sample = words[:2000]
    unknown = sum(n for w, n in Counter(sample).items() if frequency.zipf(w) < 1.0)
    return unknown / len(sample) > threshold and unknown >= 2


_CHARS = "aeéèçœxyzAÉÇŒßſªº²½Ⅻǅ(()_'’1 \t\n\x0b\x0c\x1c\x85\u00a0\u2028\u3000e\u0301"
_WORDS = ["résolution", "état", "conseil", "xqzw", "ao(t", "candidat(e", "Réaffirme", "straße", "ﬁn", "cœur"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.one_of(st.text(alphabet=_CHARS, max_size=8), st.sampled_from(_WORDS)), max_size=12))
def test_ocr_check_lower_words_and_known_match_their_first_forms(pieces: list[str]) -> None:
    text = "".join(pieces)
    words = ocr._lower_words(text)
    assert words == reference_lower_words(text)
    frequency._KNOWN.clear()
    for w in [*words, *ocr._WORD_RE.findall(text), *pieces]:
        assert frequency.known(w) == (frequency.zipf(w) >= 1.0), w
    assert ocr.looks_ocr_damaged(text) == reference_looks_ocr_damaged(text)


def test_ocr_check_known_equals_zipf_on_the_word_list() -> None:
    words, _ = frequency._french()
    rng = random.Random(0)
    sample = words[::5] + [w.upper() for w in words[1::97]] + [w.capitalize() for w in words[2::97]]
    sample += [f"{a}({b}" for a, b in zip(rng.sample(words, 300), rng.sample(words, 300), strict=True)]
    sample += [w + "x" for w in words[3::97]] + ["", "ß", "e\u0301tat", "état", "ETAT"]
    frequency._KNOWN.clear()
    for w in sample:
        assert frequency.known(w) == (frequency.zipf(w) >= 1.0), w
    for w in sample:  # remembered
        assert frequency.known(w) == (frequency.zipf(w) >= 1.0), w


def _texts() -> list[str]:
    from clausekit.text.ocr_noise import corrupt
    from clausekit.training import corpora

    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "seeds").glob("*.txt"))]
    texts = seeds + [corrupt(t, r, k) for k, t in enumerate(seeds) for r in (0.005, 0.02, 0.05)]
    if corpora.available():
        texts += ["\n\n".join(p["para"] for p in paras if p["para"]) for _, _, paras in corpora.iter_ice()]
    return texts


def test_ocr_check_decides_as_before_on_real_text() -> None:
    texts = [normalize(t, ocr=False).text for t in _texts()]
    frequency._KNOWN.clear()
    fast = [ocr.looks_ocr_damaged(t) for t in texts]
    assert fast == [reference_looks_ocr_damaged(t) for t in texts]
    assert any(fast) and not all(fast)
    for t in texts:
        assert ocr._lower_words(t) == reference_lower_words(t)


@pytest.mark.parametrize("threshold", [0.0, 0.01, 0.05])
def test_ocr_check_threshold_is_read_as_before(threshold: float) -> None:
    for t in _texts()[:12]:
        assert ocr.looks_ocr_damaged(t, threshold) == reference_looks_ocr_damaged(t, threshold)
