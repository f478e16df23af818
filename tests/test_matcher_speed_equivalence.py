"""The speed shortcuts of the theme matcher give exactly what the straightforward matching gives.

:func:`clausekit.models.matcher.fold` replaces each character of its table with ``str.replace``
instead of ``str.translate``; :class:`clausekit.models.matcher.ThemeSet` skips a theme, and a theme
skips a concept or veto, when the clause holds none of the words or prefixes one of its terms needs
(:class:`clausekit.models.matcher._Keys`). The references below are the forms these replaced:
every character up to U+2FFF and random text for ``fold``; every concept and veto evaluated, for
texts drawn from the definitions' own words (so that concepts fire, nearly fire and get vetoed).
"""

from __future__ import annotations

import unicodedata

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clausekit.models.definitions import builtin_definitions, compile_definition
from clausekit.models.matcher import _TABLE, ThemeSet, _concept_weight, _Words, _year, fold


def reference_fold(text: str) -> str:
    text = text.casefold().translate(_TABLE).replace("œ", "oe").replace("æ", "ae")
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def reference_evidence(matcher, text: str, year) -> tuple[float, float, bool]:
    w = _Words(text, _year(year))
    blocked: set[str] = set()
    vetoed = False
    for veto in matcher.vetoes:
        if any(w.term(term) for term in veto["terms"]):
            blocked.update(veto["blocks"])
            vetoed = True
    rest, back = 1.0, 0.0
    for concept in matcher.concepts:
        if concept["name"] in blocked:
            continue
        weight = _concept_weight(concept, w)
        if not weight:
            continue
        if concept["backref"]:
            back = max(back, weight)
        else:
            rest *= 1.0 - weight
    return 1.0 - rest, back, vetoed


@pytest.fixture(scope="module")
def themes() -> ThemeSet:
    return ThemeSet([compile_definition(d) for d in builtin_definitions()])


def _vocabulary() -> list[str]:
    """Every word and prefix of the built-in definitions, with words that stand near them in clauses."""
    out = {"de", "des", "la", "le", "les", "et", "contre", "en", "pays", "2019", "2021", "1999", "12", "sécurité"}
    for d in builtin_definitions():
        spec = compile_definition(d)
        terms = [t for c in spec["concepts"] for slot in c["all"] for t in slot]
        terms += [t for c in spec["concepts"] for t in c["unless"]] + [t for v in spec["vetoes"] for t in v["terms"]]
        for term in terms:
            for place in term:
                for kind, value in place:
                    if kind == "w":
                        out.add(value)
                    elif kind == "p":
                        out.update({value, value + "s", value + "ives"})
    return sorted(out)


VOCABULARY = _vocabulary()


def test_matcher_fold_matches_translate_on_every_character() -> None:
    chars = [chr(c) for c in range(0x3000) if not 0xD800 <= c < 0xE000]
    assert [fold(c) for c in chars] == [reference_fold(c) for c in chars]
    text = "".join(chars)
    assert fold(text) == reference_fold(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x2FFF, exclude_categories=("Cs",)), max_size=40))
def test_matcher_fold_matches_translate_on_random_text(text: str) -> None:
    assert fold(text) == reference_fold(text)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=14).map(" ".join),
    st.sampled_from([None, 2015, 2021, "2020"]),
)
def test_matcher_keys_never_change_the_evidence(themes: ThemeSet, text: str, year) -> None:
    expected = [reference_evidence(m, text, year) for m in themes.matchers]
    assert themes._evidence([text], [year])[0] == expected
    assert [m.evidence(text, year) for m in themes.matchers] == expected


def test_matcher_keys_never_change_document_scores(themes: ThemeSet) -> None:
    import random

    rng = random.Random(7)
    texts = [" ".join(rng.choices(VOCABULARY, k=rng.randint(2, 12))) for _ in range(400)]
    years = [2021] * len(texts)
    expected = np.array([[reference_evidence(m, t, y)[0] for m in themes.matchers] for t, y in zip(texts, years, strict=True)])
    np.testing.assert_array_equal(themes.scores(texts, years), expected)
    assert (expected > 0).sum() > 50  # the texts do fire concepts
