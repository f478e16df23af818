"""Paragraph numbers damaged by OCR, prepositional preamble openers and wrapped narrative text (issue 12).

The fragments are written for these tests in the style of UNESCO recommendations, not copied from any corpus.
Each property compares a damaged or differently laid-out text with its clean form: the clauses must be the same.
"""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clausekit.segmentation.leads import infer_part
from clausekit.segmentation.segmenter import segment_text
from clausekit.segmentation.wrapping import _SLACK

_FORMULA = "La Conférence internationale de l'éducation,"
_ENACTING = "Soumet aux ministères de l'éducation des divers pays la recommandation suivante :"
_PRESCRIPTIONS = [
    "Il importe de renforcer les échanges entre les écoles normales ;",
    "Il convient de prévoir des ressources suffisantes pour les zones rurales ;",
    "Les autorités scolaires devraient favoriser l'accès de tous à l'éducation de base ;",
    "Il importe d'encourager la participation des familles à la vie scolaire ;",
    "Les établissements de formation devraient tenir compte des besoins des enfants handicapés ;",
    "Il convient d'organiser des cours de perfectionnement par correspondance ;",
]
_QUE_ITEMS = [
    "Que les écoles soient établies dans des endroits qui permettent de larges cours de récréation ;",
    "Que l'aménagement des locaux réponde aux nécessités de l'hygiène ;",
    "Que des locaux soient prévus pour les activités éducatives post-scolaires ;",
    "Que les autorités consultent les pédagogues sur les plans de constructions ;",
]
_OPENERS = ["En raison de", "Compte tenu de", "Étant donné"]
_REASONS = [
    "l'utilité pratique des langues vivantes à une époque où les voyages se sont développés",
    "l'intérêt culturel que présente la connaissance directe de la civilisation des autres pays",
    "l'influence que cette compréhension peut exercer sur le développement de l'esprit de paix",
]


def _clauses(text: str) -> list[tuple[str, str]]:
    return [(c.part, " ".join(c.text.split())) for c in segment_text(text, ocr=False).clauses]


def _recommendation(items: list[str], numbers: list[str]) -> str:
    return "\n\n".join([_FORMULA, "Considérant l'importance de la formation des maîtres,", _ENACTING] + [
        f"{n} {item}" for n, item in zip(numbers, items, strict=True)
    ])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(k=st.integers(1, 4), digit=st.integers(0, 9))
def test_segment_damaged_number_with_one_digit_misread_keeps_the_paragraphs(k, digit):
    """A paragraph number with one digit misread ("41." between 43 and 45, "7." between 2 and 4) still starts its paragraph, and the
    numbering goes on after it, when it is no reference and the next number follows the expected one.

    Not the first number (an excerpt may start anywhere) nor the last (no next number confirms it), nor a
    misreading into the next two numbers (read as a skip in the numbering).
    """
    first = 1
    numbers = [f"{first + j}." for j in range(6)]
    damaged = list(numbers)
    wrong = str(first + k)[:-1] + str(digit)
    if int(wrong) in (first + k + 1, first + k + 2):
        return
    damaged[k] = wrong + "."
    clean = [text for _, text in _clauses(_recommendation(_PRESCRIPTIONS, numbers))]
    got = segment_text(_recommendation(_PRESCRIPTIONS, damaged), ocr=False).clauses
    assert len(got) == len(clean)
    assert [" ".join(c.text.split()) for c in got] == clean
    assert [c.number for c in got if c.part == "operative"][k + 1 :] == [n.rstrip(".") for n in numbers[k + 1 :]]


@pytest.mark.parametrize("k", [k for k, item in enumerate(_PRESCRIPTIONS) if item.startswith("Il ")])
def test_segment_damaged_ocr_il_after_a_number_starts_the_paragraph(k):
    """"18. 11 importe ..." (OCR read "Il" as "11") numbers its paragraph as "18. Il importe ..." does, also with
    the number alone on the line above; alone, it takes the part of the clean paragraph."""
    items = list(_PRESCRIPTIONS)
    numbers = [f"{j + 1}." for j in range(len(items))]
    clean = _clauses(_recommendation(items, numbers))
    items[k] = "11" + items[k][2:]
    assert len(_clauses(_recommendation(items, numbers))) == len(clean)
    own_line = _recommendation(items, numbers).replace(f"{numbers[k]} 11", f"{numbers[k]}\n11")
    assert len(_clauses(own_line)) == len(clean)
    assert infer_part(f"{numbers[k]} {items[k]}") == infer_part(f"{numbers[k]} {_PRESCRIPTIONS[k]}") == "operative"
    assert infer_part(f"{numbers[k]} ü{_PRESCRIPTIONS[k][2:]}") == "operative"  # "ü convient" for "il convient"


@pytest.mark.parametrize("mark", ["g°", "..?°", "?°"])
@pytest.mark.parametrize("k", range(1, len(_QUE_ITEMS)))
def test_segment_damaged_ordinal_starts_its_item(mark, k):
    """An ordinal whose digit OCR lost ("g° Que ...") starts the next item of a numbered "Que" list."""
    numbers = [f"{j + 1}°" for j in range(len(_QUE_ITEMS))]
    clean = _clauses(_recommendation(_QUE_ITEMS, numbers))
    numbers[k] = mark
    got = _clauses(_recommendation(_QUE_ITEMS, numbers))
    assert len(got) == len(clean)
    assert [part for part, _ in got] == [part for part, _ in clean]


@pytest.mark.parametrize("layout", ["\n\n", "\n", " "])
@pytest.mark.parametrize("opener", _OPENERS)
def test_segment_prepositional_openers_start_preambular_clauses(opener, layout):
    """"En raison de ...;" paragraphs after "Considérant que ... :" are preambular clauses of their own (guide
    5.18's verbless openers), in every layout."""
    paras = ["Considérant que l'étude des langues vivantes prend une importance toujours croissante :"]
    paras += [f"{opener} {reason} ;" for reason in _REASONS]
    text = layout.join([_FORMULA, *paras, _ENACTING, "1. Il importe de développer l'enseignement des langues vivantes."])
    got = _clauses(text)
    preamble = [t for part, t in got if part == "preamble"]
    assert preamble == [" ".join(p.split()) for p in paras]
    assert infer_part(paras[1]) == "preamble"


_REPORT_SENTENCES = [
    "La réunion a examiné les rapports présentés par les délégations nationales.",
    "Les participants ont souligné le rôle des enseignants dans la vie de la communauté.",
    "Le groupe de travail a entendu un exposé sur la formation des maîtres ruraux.",
    "Plusieurs orateurs ont rappelé les efforts accomplis depuis la dernière session.",
    "Le secrétariat a présenté un document sur les échanges internationaux d'éducateurs.",
]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paras=st.lists(st.lists(st.sampled_from(_REPORT_SENTENCES), min_size=1, max_size=3), min_size=3, max_size=6))
def test_segment_wrapped_narrative_paragraph_ends_where_wrapping_shows_it(paras):
    """A report without numbers wrapped at 60 columns, one newline between paragraphs: a paragraph whose last
    line stops well short of the width, or before a word that would have fitted on it, ends there; one that
    ends on a full line before a word that did not fit goes on (nothing tells them apart)."""
    bodies = [" ".join(p) for p in paras]
    wrapped = [textwrap.wrap(b, 60, break_on_hyphens=False) for b in bodies]
    lines = [line for w in wrapped for line in w]
    widths = sorted(len(line) for line in lines)
    if len(widths) < 8:
        return
    short = widths[int(0.8 * (len(widths) - 1))] - 20
    expected, last_line = [bodies[0]], wrapped[0][-1]
    for body, w in zip(bodies[1:], wrapped[1:], strict=True):
        if len(last_line) < short or len(last_line) + 1 + len(body.split()[0]) <= short + 20 - _SLACK:
            expected.append(body)
        else:
            expected[-1] += " " + body
        last_line = w[-1]
    got = [t for _, t in _clauses("\n".join(lines))]
    assert got == expected
