"""Rewritten pre-check regexes of segmentation find a match exactly where the plain forms they replace do.

The reference is the plain pattern as it was written before the rewrite for speed; both are compared
on lines drawn from characters that matter to them (letters, capitals, digits, spaces, dashes,
stops), then on every line of the seed documents.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clausekit.segmentation import lines, patterns, signals

ROOT = Path(__file__).resolve().parents[1]

# _MAYBE_TITLED before it was entered at the space or dash (commit f099dba)
PLAIN_MAYBE_TITLED = re.compile(r"(?:[^\W\d_]|,)\s+\d{1,3}\s?[.):]\s|[-–—]\s?\d|[a-zà-ÿ)]\s+[A-ZÀ-Ý]")

# _INLINE_CANDIDATE before its stop and number were moved into look-behinds (commit f099dba)
PLAIN_INLINE_CANDIDATE = re.compile(r"(?:([,;.:»])|(?<![\w/.,])\d{1,3})\s+(?=[-–•]?\s*(?:\d{1,3}\s?[.)]\s+)?[A-ZÀ-Ý])")

ALPHABET = "aéÿzAÀÝZ19٣ \t\n,.;:)(-–—•_«»/"


def _spans(pattern: re.Pattern[str], t: str) -> list[tuple[int, int, str | None]]:
    return [(m.start(), m.end(), m.group(1)) for m in pattern.finditer(t)]


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=30))
def test_inline_candidate_same_on_generated_lines(t: str) -> None:
    assert _spans(lines._INLINE_CANDIDATE, t) == _spans(PLAIN_INLINE_CANDIDATE, t)


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=30))
def test_maybe_titled_same_on_generated_lines(t: str) -> None:
    assert bool(lines._MAYBE_TITLED.search(t)) == bool(PLAIN_MAYBE_TITLED.search(t))


def test_same_on_seed_lines() -> None:
    seen = 0
    for path in sorted((ROOT / "data" / "seeds").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            t = line.strip()
            assert bool(lines._MAYBE_TITLED.search(t)) == bool(PLAIN_MAYBE_TITLED.search(t)), t
            assert _spans(lines._INLINE_CANDIDATE, t) == _spans(PLAIN_INLINE_CANDIDATE, t), t
            seen += 1
    assert seen > 100


# _NAVIGATION before breadcrumbs were split off into _BREADCRUMB (commit f099dba)
PLAIN_NAVIGATION = re.compile(patterns._NAVIGATION.pattern + r"|^\S.{0,60}?\s>\s.+$", re.IGNORECASE)


@pytest.mark.parametrize(
    "line",
    ["Accueil > Documents > Résolutions", "Accueil>Documents", "a > b", " x > y", "Partager sur Facebook", "©", "Menu",
     "Rappelant sa résolution 60/1,", "x" * 70 + " > y", "Prie > instamment", "…", "(suite)", "SHARE this"],
)
def test_navigation_same_as_one_pattern(line: str) -> None:
    split = bool(patterns._NAVIGATION.match(line) or (">" in line and patterns._BREADCRUMB.match(line)))
    assert split == bool(PLAIN_NAVIGATION.match(line))


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="aAéM> ©.…*()xy", max_size=80))
def test_navigation_same_on_generated_lines(line: str) -> None:
    split = bool(patterns._NAVIGATION.match(line) or (">" in line and patterns._BREADCRUMB.match(line)))
    assert split == bool(PLAIN_NAVIGATION.match(line))


def _plain_closing_mark(t: str) -> str:
    """signals._closing_mark before its gate on the last character (commit f099dba)."""
    m = signals._TRAILING_PAGE.search(t[-16:])
    return m.group(1) if m else t[-1:]


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="a.;:!?»)-–— \n19٣²", max_size=20))
def test_closing_mark_same_as_plain(t: str) -> None:
    assert signals._closing_mark(t) == _plain_closing_mark(t)


# The patterns of _numbered_title_cuts before they were rewritten to start with one character set (commit f099dba)
PLAIN_TITLE_CUTS = {
    "_TITLED_NUMBER": re.compile(r"(?<=[^\W\d_])\s+(\d{1,3}\s?[.):])\s+(?=[«\"]?[A-ZÀ-Ý])"),
    "_CAPITALIZED_AFTER_WORD": re.compile(r"(?<=[a-zà-ÿ)\d])\s+([A-ZÀ-Ý][a-zà-ÿ]+)"),
    "_DASHED_PAGE": re.compile(
        r"(?<!\S)(?:[-–—]{1,2}\s?\d{1,3}\s?[-–—](?=\s|$)|[–—]\s?\d{1,3}(?=\s*$)|[-–—]{1,2}\s?\d{1,3}(?=\s+\d{1,3}\s?[.):]\s))"
    ),
    "_COMMA_NUMBER": re.compile(r"(?:,\s+(\d{1,3}\s?[.)])\s+(?=[«\"]?[A-ZÀ-Ý])|[.;:,]\s+(\d{1,3}\s?[.)])\s+(?=\(?[a-z]\)\s))"),
}


def _full(pattern: re.Pattern[str], t: str) -> list[tuple]:
    return [(m.span(), m.lastindex, [m.span(i) for i in range(1, pattern.groups + 1)]) for m in pattern.finditer(t)]


@pytest.mark.parametrize("name", sorted(PLAIN_TITLE_CUTS))
@settings(max_examples=3000, deadline=None)
@given(t=st.text(alphabet="aézAÉ)(19 \t\n,.;:-–—«\"", max_size=30))
def test_title_cut_patterns_same_on_generated_lines(name: str, t: str) -> None:
    assert _full(getattr(lines, name), t) == _full(PLAIN_TITLE_CUTS[name], t)


HAND_LINES = [
    "... permanentes, 2. Les efforts ...", "... nationale. 5. (a) Il ...", "x ; 12) (b) y", "— 143 — 2. Selon ...",
    "le texte – 180", "-- 12 - suite", "a-12 -", "DIDACTIQUE 27. Les ...", "... perfectionnement 1. Il devient ...",
    "du développement national Tenant compte des ...", "(voir) Annexe", "mot  \t 3) «Les",
]


def test_title_cut_patterns_same_on_seed_lines() -> None:
    for line in HAND_LINES:
        for name, plain in PLAIN_TITLE_CUTS.items():
            assert _full(getattr(lines, name), line) == _full(plain, line), (name, line)
    assert any(_full(PLAIN_TITLE_CUTS["_COMMA_NUMBER"], line) for line in HAND_LINES)
    for path in sorted((ROOT / "data" / "seeds").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            for name, plain in PLAIN_TITLE_CUTS.items():
                assert _full(getattr(lines, name), line) == _full(plain, line), (name, line)
