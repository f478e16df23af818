"""The analysis text and its offset map back to the original."""

from __future__ import annotations

import pytest
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


@pytest.mark.parametrize(
    ("marked", "plain"),
    [("*Rappelant* sa résolution", "Rappelant sa résolution"), ("**Décide** de", "Décide de"),
     ("_Notant_ que", "Notant que"), ("__Prie__ le", "Prie le"), ("# Résolution 2999 (2026)", "Résolution 2999 (2026)"),
     ("*Profondément préoccupé* par", "Profondément préoccupé par")],
)
def test_normalize_drops_markdown_emphasis_and_keeps_each_character_in_place(marked, plain):
    n = normalize(marked)
    assert n.text == plain
    assert n.to_original(0, len(n.text)) == (0, len(marked))  # the markers stay inside the spans: none is lost
    for i, ch in enumerate(n.text):  # every character maps to itself in the original, with a marker beside it or not
        s, e = n.to_original(i, i + 1)
        assert ch in marked[s:e] and set(marked[s:e].replace(ch, "", 1)) <= set("*_# ")


@pytest.mark.parametrize(
    "text",
    ["Résolution 2999 (2026)*", "* Nouveau tirage pour raisons techniques.", "la Convention* et le Protocole*",
     "l'homme*, la Convention*, et", "doc_id_x et a_b", "2 * 3 * 4"],
)
def test_normalize_keeps_footnote_asterisks_and_underscores_in_words(text):
    assert normalize(text).text == text
