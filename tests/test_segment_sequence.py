"""Boundaries read from the numbering and from furniture inside lines (issue 12), on made-up UN-style fragments.

The fragments below are written for these tests in the style of UN and UNESCO recommendations, not
copied from any corpus. Each property is checked in several layouts: paragraphs separated by a blank
line, one paragraph per line, and the whole text on one line.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clausekit.segmentation.segmenter import segment_text
from tests.test_segment_properties import check_invariants

_SUBJECTS = [
    "Les autorités nationales",
    "Chaque État membre",
    "Les établissements de formation",
    "Le programme d'études",
    "Les organisations régionales",
    "La coopération technique",
]
_MODALS = ["devraient", "doit", "pourraient", "devrait"]
_OBJECTS = [
    "renforcer les échanges entre les écoles normales",
    "favoriser l'accès de tous à l'éducation de base",
    "prévoir des ressources suffisantes pour les zones rurales",
    "encourager la participation des familles à la vie scolaire",
    "tenir compte des besoins particuliers des enfants handicapés",
]
_TITLES = [
    "MESURES À PRENDRE",
    "Coopération internationale",
    "FORMATION DES PERSONNELS ENSEIGNANTS",
    "Application de la présente recommandation",
    "Suivi et évaluation",
]
_LAYOUTS = {"blank": "\n\n", "newline": "\n", "one_line": " "}

_prescription = st.builds(
    lambda s, m, o: f"{s} {m} {o}.", st.sampled_from(_SUBJECTS), st.sampled_from(_MODALS), st.sampled_from(_OBJECTS)
)
_FORMULA = "La Conférence internationale de l'éducation,"
_INTRO = "Recommande aux gouvernements des États membres ce qui suit :"


def _operative(doc):
    return [c for c in doc.clauses if c.part == "operative" and c.number]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    bodies=st.lists(_prescription, min_size=3, max_size=7),
    titled=st.sets(st.integers(1, 6)),
    title=st.sampled_from(_TITLES),
    layout=st.sampled_from(sorted(_LAYOUTS)),
)
def test_segment_sequence_number_after_a_title_starts_the_paragraph(bodies, titled, title, layout):
    """A section title run into a numbered paragraph ("TITRE 3. Les ...") is a headline; the number starts the clause."""
    paras = [_FORMULA, _INTRO]
    for k, body in enumerate(bodies, start=1):
        paras.append(f"{title} {k}. {body}" if k in titled else f"{k}. {body}")
    text = _LAYOUTS[layout].join(paras)
    doc = segment_text(text, ocr=False)
    check_invariants(text)
    numbered = _operative(doc)
    assert [c.number for c in numbered] == [str(k) for k in range(1, len(bodies) + 1)]
    assert [c.text for c in numbered] == bodies  # the title is in no clause
    if titled & set(range(1, len(bodies) + 1)):
        assert any(f.kind == "headline" and f.text == title for f in doc.furniture) or title in doc.heading.text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    bodies=st.lists(_prescription, min_size=3, max_size=6),
    at=st.integers(1, 5),
    reference=st.sampled_from(["la recommandation", "le paragraphe", "la section", "l'article"]),
    layout=st.sampled_from(sorted(_LAYOUTS)),
)
def test_segment_sequence_number_out_of_sequence_or_after_a_reference_stays_in_its_clause(bodies, at, reference, layout):
    """"... visée au paragraphe 4. Les ..." inside paragraph 3, or a number that does not go on, is clause text."""
    at = min(at, len(bodies))
    paras = [_FORMULA, _INTRO]
    for k, body in enumerate(bodies, start=1):
        if k == at:
            # a reference to the next paragraph (4 in 3) or to one far away (40 in 3)
            n = k + 1 if reference in ("le paragraphe", "la section", "l'article") else k + 40
            body = f"{body[:-1]}, comme le prévoit {reference} {n}. Les modalités en sont fixées par chaque pays."
            bodies[k - 1] = body
        paras.append(f"{k}. {body}")
    text = _LAYOUTS[layout].join(paras)
    doc = segment_text(text, ocr=False)
    numbered = _operative(doc)
    assert [c.text for c in numbered] == bodies
    assert [c.number for c in numbered] == [str(k) for k in range(1, len(bodies) + 1)]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    bodies=st.lists(_prescription, min_size=3, max_size=6),
    page=st.integers(2, 400),
    dash=st.sampled_from(["—", "–", "-"]),
    layout=st.sampled_from(sorted(_LAYOUTS)),
)
def test_segment_sequence_page_number_between_dashes_is_furniture(bodies, page, dash, layout):
    """"... les zones — 12 — rurales ..." (a PDF page number inside a line) is page furniture, not clause text."""
    paras = [_FORMULA, _INTRO]
    for k, body in enumerate(bodies, start=1):
        words = body.split()
        if k == 2:
            body = " ".join([*words[:3], f"{dash} {page} {dash}", *words[3:]])
        paras.append(f"{k}. {body}")
    text = _LAYOUTS[layout].join(paras)
    doc = segment_text(text, ocr=False)
    check_invariants(text)
    assert [c.text for c in _operative(doc)] == bodies
    assert any(f.kind == "page_number" and str(page) in f.text for f in doc.furniture)


_PREAMBLE = [
    "Considérant que l'éducation de base est un droit de chaque enfant",
    "Que la formation des maîtres conditionne la qualité de l'enseignement",
    "Qu'il importe de réduire les écarts entre les zones urbaines et rurales",
    "Que, par ailleurs, les ressources publiques restent limitées",
]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    order=st.permutations(_PREAMBLE[1:]),
    stop=st.sampled_from([" ;", ",", ";"]),
    layout=st.sampled_from(sorted(_LAYOUTS)),
)
def test_segment_sequence_que_clauses_of_a_preamble(order, stop, layout):
    """"Considérant que ... ; Que ... ; Qu'il ..." gives one preambular clause each, on one line too."""
    items = [_PREAMBLE[0], *order]
    paras = [_FORMULA, *(f"{p}{stop}" for p in items), "1. Les autorités nationales devraient agir."]
    text = _LAYOUTS[layout].join(paras)
    doc = segment_text(text, ocr=False)
    pre = [c for c in doc.clauses if c.part == "preamble"]
    assert [c.text for c in pre] == [f"{p}{stop}".replace(" ;", " ;") for p in items]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    bodies=st.lists(_prescription, min_size=2, max_size=5),
    conj=st.sampled_from(["Et tenant compte de", "Et considérant que", "Mais rappelant"]),
    layout=st.sampled_from(sorted(_LAYOUTS)),
)
def test_segment_sequence_second_resolution_and_conjoined_lead(bodies, conj, layout):
    """A second formula after an operative part opens a new preamble; "Et tenant compte ..." opens a clause."""
    first = [_FORMULA, "Rappelant ses recommandations antérieures sur la formation des maîtres,"]
    first += [f"{conj} l'évolution des systèmes éducatifs,", _INTRO]
    first += [f"{k}. {b}" for k, b in enumerate(bodies, start=1)]
    second = [_FORMULA, "Notant les progrès accomplis depuis sa dernière session,", "1. Invite les États membres à poursuivre leurs efforts."]
    text = _LAYOUTS[layout].join(first + second)
    doc = segment_text(text, ocr=False)
    pre = [c.text for c in doc.clauses if c.part == "preamble"]
    assert pre == [first[1], first[2], second[1]]
    assert [c.number for c in doc.clauses if c.part == "operative" and c.number] == [
        *(str(k) for k in range(1, len(bodies) + 1)),
        "1",
    ]
    assert not any(_FORMULA in c.text for c in doc.clauses)


def test_segment_sequence_lead_after_a_lost_comma_and_hierarchical_siblings():
    """A preamble line whose comma was lost still ends before the next lead; "7.2.2" follows "7.2.1" without a stop."""
    text = (
        "La Conférence internationale de l'éducation,\n"
        "Rappelant ses recommandations sur la condition du personnel enseignant\n"
        "Tenant compte des conventions pertinentes adoptées aux niveaux international et régional,\n"
        "Recommande aux États membres :\n"
        "7.2.1 offrir aux enseignants des possibilités de formation continue\n"
        "7.2.2 fournir les ressources nécessaires à cette formation ;\n"
        "13: Il convient de suivre avec intérêt les expériences nationales.\n"
    )
    doc = segment_text(text, ocr=False)
    pre = [c.text for c in doc.clauses if c.part == "preamble"]
    assert pre == [
        "Rappelant ses recommandations sur la condition du personnel enseignant",
        "Tenant compte des conventions pertinentes adoptées aux niveaux international et régional,",
    ]
    assert [c.number for c in doc.clauses if c.number] == ["7.2.1", "7.2.2"]
    # "13:" does not go on any numbering here: it stays clause text.
    assert doc.clauses[-1].text.endswith("13: Il convient de suivre avec intérêt les expériences nationales.")


_SENTENCES = [
    f"{s} {m} {o}." for s in _SUBJECTS for m in _MODALS[:2] for o in _OBJECTS[:3]
]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    paras=st.lists(st.lists(st.sampled_from(_SENTENCES), min_size=1, max_size=3), min_size=3, max_size=6),
    double=st.booleans(),
)
def test_segment_sequence_short_last_line_ends_a_wrapped_paragraph(paras, double):
    """PDF text wrapped at 60 columns: a line that ends a sentence well short of the width ends its paragraph,
    and so does one on which the next line's first word would have fitted (wrapping would have put it there).

    Unnumbered operative paragraphs without a lead ("Les autorités ... devraient ...") are told apart only by
    that; a sentence that ends on a full line before a word that did not fit goes on the same paragraph, and
    no clause starts inside one.
    """
    import textwrap

    from clausekit.segmentation.wrapping import _SLACK

    bodies = [" ".join(p) for p in paras]
    wrapped = [textwrap.wrap(b, 60, break_on_hyphens=False) for b in bodies]
    head = [_FORMULA, "Rappelant ses recommandations antérieures,", "1. Invite les États membres à poursuivre leurs efforts."]
    lines = head + [line for w in wrapped for line in w]
    text = ("\n\n" if double else "\n").join(lines)
    widths = sorted(len(line) for line in lines)
    short = widths[int(0.8 * (len(widths) - 1))] - 20
    expected, last_line = [head[2][3:]], head[2]
    for body, w in zip(bodies, wrapped, strict=True):
        if len(last_line) < short or len(last_line) + 1 + len(body.split()[0]) <= short + 20 - _SLACK:
            expected.append(body)
        else:
            expected[-1] += " " + body  # the paragraph above ended on a full line: nothing tells them apart
        last_line = w[-1]
    doc = segment_text(text, ocr=False)
    assert [c.text for c in doc.clauses if c.part == "operative"] == expected
    assert len(expected) > 1 or len(head[2]) >= short
