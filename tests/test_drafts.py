"""Negotiation drafts (guide decision 5.32): "PP1"/"OP1" labels and paragraphs in square brackets segment as
the adopted text would, in every layout; the original keeps the markup inside the clauses' spans.

The resolution below is written for this test in UN style (no copied text).
"""

from __future__ import annotations

import re
import textwrap

import pytest

from clausekit.segmentation.segmenter import segment_text
from clausekit.text.normalization import normalize

PREAMBLE = [
    "Rappelant sa résolution 79/250 du 20 décembre 2024 sur la coopération Sud-Sud,",
    "Profondément préoccupée par les effets durables de la pandémie de maladie à coronavirus (COVID-19) sur les pays les moins avancés,",
    "Soulignant le rôle des partenariats entre pays en développement dans le partage des technologies,",
]
OPERATIVE = [
    "Prie instamment les États Membres de renforcer leur appui aux initiatives régionales ;",
    "Invite les organismes des Nations Unies à faciliter l'échange de données d'expérience ;",
    "Décide de poursuivre l'examen de la question à sa quatre-vingt-unième session.",
]
FORMULA = "L'Assemblée générale,"


def _clauses(text: str) -> list[tuple[str, str | None, str]]:
    return [(c.part, c.number, c.text) for c in segment_text(text, doc_id="draft").clauses]


def _plain() -> str:
    return "\n\n".join([FORMULA, *PREAMBLE, *(f"{i}. {t}" for i, t in enumerate(OPERATIVE, 1))]) + "\n"


def _labelled(sep: str, style: str = "{k}{i} ") -> str:
    paras = [FORMULA]
    paras += [style.format(k="PP", i=i) + t for i, t in enumerate(PREAMBLE, 1)]
    paras += [style.format(k="OP", i=i) + t for i, t in enumerate(OPERATIVE, 1)]
    return sep.join(paras) + "\n"


EXPECTED = [("preamble", None, t) for t in PREAMBLE] + [("operative", str(i), t) for i, t in enumerate(OPERATIVE, 1)]


def test_the_plain_resolution_segments_as_expected() -> None:
    assert _clauses(_plain()) == EXPECTED


@pytest.mark.parametrize("sep", ["\n\n", "\n", " "], ids=["paragraphs", "single newlines", "one line"])
@pytest.mark.parametrize("style", ["{k}{i} ", "{k} {i}. ", "{k}{i}: ", "{k}{i}\t"])
def test_pp_op_labels_read_as_the_adopted_numbering(sep: str, style: str) -> None:
    assert _clauses(_labelled(sep, style)) == EXPECTED


def test_french_labels_and_a_label_out_of_the_sequence() -> None:
    text = _labelled("\n\n").replace("PP", "AP").replace("OP", "PD")
    assert _clauses(text) == EXPECTED
    extra = _labelled("\n\n").replace("OP3 ", "OP2bis Engage les États à coopérer davantage ;\n\nOP3 ")
    got = _clauses(extra)
    assert ("operative", None, "Engage les États à coopérer davantage ;") in got  # no number of the sequence
    assert [c for c in got if c[1] is not None] == [c for c in EXPECTED if c[1] is not None]


def test_paragraphs_wholly_in_brackets_read_as_paragraphs() -> None:
    paras = [FORMULA, f"[{PREAMBLE[0]}]", PREAMBLE[1], PREAMBLE[2], f"[1. {OPERATIVE[0]}]", f"2. [{OPERATIVE[1]}]", f"3. {OPERATIVE[2]}"]
    assert _clauses("\n\n".join(paras) + "\n") == EXPECTED
    # wrapped over lines, as a PDF gives it
    first = "\n".join(textwrap.wrap(f"[{PREAMBLE[0]}]", 40))
    wrapped = "\n\n".join([FORMULA, first, *PREAMBLE[1:], *(f"{i}. {t}" for i, t in enumerate(OPERATIVE, 1))])
    assert _clauses(wrapped + "\n") == EXPECTED


def test_brackets_inside_a_paragraph_are_its_text() -> None:
    text = _plain().replace("Prie instamment les", "[Prie instamment] [Engage] les")
    got = _clauses(text)
    assert got[3] == ("operative", "1", OPERATIVE[0].replace("Prie instamment les", "[Prie instamment] [Engage] les"))
    assert len(got) == len(EXPECTED)
    unclosed = _plain().replace(PREAMBLE[1], "[" + PREAMBLE[1])  # no matching "]" at its end: left as written
    assert "[" + PREAMBLE[1] in [c[2] for c in _clauses(unclosed)]


@pytest.mark.parametrize("sep", ["\n\n", "\n", " "], ids=["paragraphs", "single newlines", "one line"])
def test_a_paragraph_opening_with_bracketed_alternatives_is_a_paragraph(sep: str) -> None:
    alt_pre = "[Profondément préoccupée] [Préoccupée] par les effets de la crise sur les pays les moins avancés,"
    alt_op = "[Prie instamment] [Engage] les États Membres à appuyer ces initiatives ;"
    text = sep.join([FORMULA, PREAMBLE[0], alt_pre, PREAMBLE[2], alt_op, "2. " + OPERATIVE[2]]) + "\n"
    assert _clauses(text) == [("preamble", None, PREAMBLE[0]), ("preamble", None, alt_pre), ("preamble", None, PREAMBLE[2]),
                              ("operative", None, alt_op), ("operative", "2", OPERATIVE[2])]


@pytest.mark.parametrize("marked", ["PP1 Rappelant sa décision", "OP12 Prie le Directeur", "[Notant le rapport,]", "1. [Décide de clore.]"])
def test_every_original_character_stays_inside_a_span(marked: str) -> None:
    n = normalize(marked)
    assert n.to_original(0, len(n.text)) == (0, len(marked))
    for i, ch in enumerate(n.text):
        s, e = n.to_original(i, i + 1)
        assert ch in marked[s:e] or (ch.isdigit() or ch in ". ") and "OP" in marked[s:e]


@pytest.mark.parametrize(
    "text",
    ["Le PP1 du projet", "la COP 28 Dubaï", "voir l'OP3 ci-dessus", "Le groupe OPEP a", "[voir ci-dessous]", "Rappelant [le cas échéant] sa décision,"],
)
def test_text_that_is_not_a_draft_label_is_left_alone(text: str) -> None:
    assert normalize(text).text == text


def test_a_long_text_without_labels_is_untouched() -> None:
    text = _plain() * 3
    assert normalize(text).text == text
    assert not re.search(r"\bPP\d|\bOP\d", normalize(_labelled("\n\n")).text)
