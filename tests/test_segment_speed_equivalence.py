"""The speed rewrites of segmentation, normalization and OCR repair match what they replaced.

Each faster form (a pattern that tests its first character before a look-behind, a gate that
skips the rewrites a text cannot need, str.split instead of a white-space regex) is checked
against the straightforward form it replaced, kept here as the reference: on every string of up
to four characters drawn from the characters those patterns care about, and on random longer
text. benchmarks/segment_profile.py checks the whole pipeline on the corpora.
"""

from __future__ import annotations

import itertools
import re
import sys
from array import array

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clausekit.segmentation import clauses, leads, patterns, structure  # noqa: E402
from clausekit.segmentation import lines as line_module  # noqa: E402
from clausekit.segmentation.clauses import fold_text
from clausekit.text import normalization as normalize_module  # noqa: E402
from clausekit.text import ocr_repair as ocr

_APOS, _LETTER = ocr._APOS, ocr._LETTER
_MONTHS = ocr._MONTHS

# The patterns as they were written before they were made faster.
REFERENCE = {
    "marker": (
        patterns._MARKER,
        re.compile(
            r"(?<=[a-zà-ÿœ]{3})(\d{1,2})(?=\s?[,;.:)]|\s*$|\s+[a-zà-ÿ])"
            r"|(?<=[a-zà-ÿœ][»)])(\d{1,2})(?=\s?[,;.:]|\s*$)"
            r"|(?<=[a-zà-ÿœ] [»)])(\d{1,2})(?=\s?[,;.:]|\s*$)"
            r"|(?<=[a-zà-ÿœ»])(\?)(?=[,;.])"
            r"|(?<=[a-zà-ÿœ»)] )(\d{1,2})(?= ,)"
            r"|(?<=\S)([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})",  # superscript calls (guide 5.33), added with the look-ahead's set
            re.MULTILINE,
        ),
    ),
    "apostrophes": (
        normalize_module._APOSTROPHES,
        re.compile(
            r"[\u2019\u2018\u02bc\u02bb\u00b4\u0060\u2032](?=\w)|(?<=\w)[\u2019\u02bc\u00b4\u2032]"
        ),
    ),
    "apos_l": (ocr._APOS_L_RE, re.compile(rf"(?<![\w/])([I|1])\s?([{_APOS}])\s?(?={_LETTER})")),
    "apos_space": (
        ocr._APOS_SPACE_RE,
        re.compile(
            rf"(?<![\w])((?:[lLdDjJmMnNsStTcC]|[qQ]u|[lL]orsqu|[pP]uisqu|[jJ]usqu)[{_APOS}])[ \t]+(?={_LETTER})"
        ),
    ),
    "lost_l": (
        ocr._LOST_L_RE,
        re.compile(rf"(?<=[^\W\d_][ \t])([{_APOS}])(?=[aeiouyhàâéèêîôû]{_LETTER})"),
    ),
    "ordinal": (
        ocr._ORDINAL_RE,
        re.compile(
            rf"(?<![\w])(?:1\s?°\s?[\"”'’r]|1\s?°(?=\s+(?:{_MONTHS})\b)|[lI]er(?=\s+(?:{_MONTHS})\b))"
        ),
    ),
    "a": (ocr._A_RE, re.compile(r"(?<![\w'’\-*])a(?![\w'’\-)\u0300-\u036f])")),
    "ampersand": (ocr._AMPERSAND_RE, re.compile(r"(?<=\s)&(?=\s)")),
}
_OLD_DAMAGE = re.compile(rf"(?<![\w])[I|1]\s?[{_APOS}]\s?{_LETTER}|\s&\s{_LETTER}")
_OLD_ELISION = re.compile(rf"(?<=[{_APOS}])(?={_LETTER})")

# Every string of up to four of these characters: each look-behind and look-ahead above is met
# and missed by one character of its class at least once.
SHORT_TEXTS = [
    "".join(p) for n in range(5) for p in itertools.product("al1I|2-/*&?'’ \t,»e¹", repeat=n)
]
# Longer random text, for patterns that need more context ("session1,", "l\t’aide").
_CHARS = list("aàeéilIrsdqu|1290&?*-/°\"'’ʼ‘´`′»«)( ,;.:\n\t\u00a0¹²")
_WORDS = [
    "l'",
    "I'",
    "1 '",
    "qu’",
    "lorsqu'",
    "session",
    "homme",
    "1er",
    "ler",
    " janvier",
    " août",
    "»3",
    "  ,",
    "-\n",
]
french_noise = st.lists(
    st.one_of(st.sampled_from(_CHARS), st.sampled_from(_WORDS)), max_size=30
).map("".join)


def _found(
    pattern: re.Pattern[str], text: str
) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


@pytest.mark.parametrize("name", sorted(REFERENCE))
def test_segment_speed_patterns_match_their_reference_on_short_text(name):
    fast, reference = REFERENCE[name]
    differ = [text for text in SHORT_TEXTS if _found(fast, text) != _found(reference, text)]
    assert not differ, differ[:5]


@pytest.mark.parametrize("name", sorted(REFERENCE))
@settings(max_examples=400, deadline=None)
@given(text=french_noise)
def test_segment_speed_patterns_match_their_reference(name, text):
    fast, reference = REFERENCE[name]
    assert _found(fast, text) == _found(reference, text)
    # Clauses are scanned piece by piece: the same holds inside any window of the text.
    if len(text) > 4:
        a, b = len(text) // 4, len(text) - 1
        assert [(m.span(), m.groups()) for m in fast.finditer(text, a, b)] == [
            (m.span(), m.groups()) for m in reference.finditer(text, a, b)
        ]


def _damage_and_elision_match(text: str) -> None:
    assert bool(ocr._DAMAGE_RE.search(text) or ocr._DAMAGE_AMPERSAND_RE.search(text)) == bool(
        _OLD_DAMAGE.search(text)
    )
    assert [m.end() for m in ocr._ELISION_RE.finditer(text)] == [
        m.start() for m in _OLD_ELISION.finditer(text)
    ]


def test_segment_speed_ocr_damage_check_and_elision_match_their_reference_on_short_text():
    for text in SHORT_TEXTS:
        _damage_and_elision_match(text)


@settings(max_examples=400, deadline=None)
@given(text=french_noise)
def test_segment_speed_ocr_damage_check_and_elision_match_their_reference(text):
    _damage_and_elision_match(text)


_SPACES = st.sampled_from(
    [" ", "\t", "\n", "\r", "\f", "\v", "\u00a0", "\u2003", "\u3000", "\x1c", "\x85"]
)
spaced_text = st.lists(
    st.one_of(_SPACES, st.sampled_from(["a", ",", "dévelop-", "pement", "Sud-", "-", "é"])),
    max_size=40,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=spaced_text)
def test_segment_speed_fold_text_matches_regex_folding(text):
    raw = patterns._HYPHEN_JOIN.sub(clauses._dehyphenate, text)
    expected = re.sub(r"\s+", " ", re.sub(r"\s+,", ",", raw)).strip()
    assert fold_text(text) == expected


def test_segment_speed_rewrite_gate_covers_every_rewrite():
    """A text without any trigger character is one that no normalization rewrite can change."""
    outside = "".join(
        chr(i)
        for i in range(sys.maxunicode + 1)
        if not 0xD800 <= i < 0xE000 and not normalize_module._REWRITE_TRIGGERS.match(chr(i))
    )
    for name in ("_NEWLINES", "_FORMFEED", "_COMBINING", "_APOSTROPHES", "_OPEN_QUOTES", "_CLOSE_QUOTES",
                 "_SPACES", "_INVISIBLE", "_CONTROLS", "_ASTERISKS", "_LIGATURE_RE"):  # fmt: skip
        assert getattr(normalize_module, name).search(outside) is None, name


def test_segment_speed_identity_offsets(monkeypatch):
    monkeypatch.setattr(normalize_module, "_identity", array("q"))
    monkeypatch.setattr(normalize_module, "_IDENTITY_CAP", 64)
    for start, stop in [(0, 0), (0, 5), (1, 6), (0, 64), (3, 40), (0, 65), (1, 200)]:
        assert normalize_module._offsets(start, stop) == array("q", range(start, stop))
    assert len(normalize_module._identity) <= 64


def test_segment_speed_deliberative_check_stops_early_with_the_same_answer():
    lines = line_module._split_lines(
        "L'Assemblée générale,\n\nRappelant sa résolution,\n\nNotant que,\n\nTexte.\n"
    )
    line_module._classify(lines, False)
    assert structure._is_deliberative(lines)
    narrative = line_module._split_lines(
        "La présente note rappelle les faits.\n\nLe Comité a examiné le rapport.\n"
    )
    line_module._classify(narrative, False)
    assert not structure._is_deliberative(narrative)


def _reference_lead_phrase(text: str, part: str | None = None) -> str:
    """lead_phrase as it was: words() for the words, every adverb folded at each step, a second scan."""
    from clausekit.segmentation.lexicon import LEAD_ADVERBS, find_lead, fold, words

    ws = words(text, 16)
    if not ws:
        return ""
    found = find_lead(text, part if part in ("preamble", "operative") else None)
    if found is None and part == "narrative":
        return ""
    skip, key, _ = found if found else (0, "", "")
    n = skip + (len(key.replace("'", "' ").split()) if found else 1)
    folded = [fold(w) for w in ws]
    changed = True
    while changed and n < len(ws):
        changed = False
        for adv in LEAD_ADVERBS:
            parts = fold(adv).split()
            if folded[n : n + len(parts)] == parts:
                n += len(parts)
                changed = True
                break
    if not found:
        intensifiers = {"profondement", "vivement", "gravement", "tres", "pleinement", "fermement"}
        if folded[0] in intensifiers and len(ws) > 1 or folded[0] in {"se", "s'"} and len(ws) > 1:
            n = 2
    begin = end = 0
    for count, m in enumerate(re.finditer(r"[^\W\d_]+(?:'|(?:-[^\W\d_]+)*)", text), start=1):
        if count == skip + 1:
            begin = m.start()
        end = m.end()
        if count >= n:
            break
    return text[begin:end].strip()


_LEAD_WORDS = [
    "Prie", "Le Conseil de sécurité", "Il", "Nous", "invitons", "Se", "dit", "profondément", "alarmé",
    "Rappelant", "prend note", "avec", "satisfaction", "également", "en outre", "de nouveau", "à nouveau",
    "Vivement", "l'", "homme", "Haut-Commissariat", "12.", "(a)", "...", "Tout en", "notant", "que", "de",
]  # fmt: skip
lead_texts = st.lists(st.sampled_from(_LEAD_WORDS), max_size=24).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(text=lead_texts, part=st.sampled_from([None, "preamble", "operative", "narrative"]))
def test_segment_speed_lead_phrase_matches_its_reference(text, part):
    assert leads.lead_phrase(text, part) == _reference_lead_phrase(text, part)
