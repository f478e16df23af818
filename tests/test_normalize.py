"""The analysis text and its offset map back to the original."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from clausekit.text.normalization import normalize


def test_normalize_typography():
    n = normalize("l\u2019homme\u00a0; \u201cOui\u201d \ufb01n e\u0301tat soft\u00adhyphen \u2217 note", ocr=False)
    assert n.text == "l'homme ; «Oui» fin état softhyphen * note"


def test_normalize_offsets_point_back_to_original():
    original = "Pre\u0301ambule\r\nl\u2019\ufb01n\u00ad du \u201ctexte\u201d"
    n = normalize(original, ocr=False)
    i = n.text.index("fin")
    s, e = n.to_original(i, i + 3)
    assert original[s:e] == "\ufb01n"
    s, e = n.to_original(0, len(n.text))
    assert (s, e) == (0, len(original))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_normalize_map_is_monotonic_and_in_bounds(text):
    n = normalize(text)
    assert len(n.starts) == len(n.ends) == len(n.text)
    previous = 0
    for s, e in zip(n.starts, n.ends, strict=True):
        assert 0 <= s <= e <= len(text)
        assert s >= previous
        previous = s
