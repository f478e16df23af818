"""Boundaries of unnumbered operative paragraphs and of paragraphs that lost their stop (issue 12).

Made-up fragments in the style of UN and UNESCO resolutions and recommendations, not copied from any
corpus: the properties are that a paragraph opening with a present verb without a subject is operative
even without formula or numbers, that a prescription after a paragraph break starts a new paragraph
although the paragraph above lost its final stop, that a page number left after a stop hides neither the
stop nor the paragraph that follows, and that a "Que" list after an address formula is operative.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clausekit.segmentation.segmenter import segment_text
from tests.test_segment_properties import check_invariants

_VERBS = ["Estime", "Souhaite", "Constate", "Recommande", "Invite les gouvernements à considérer", "Souligne"]
_CONTENTS = [
    "que l'enseignement primaire devrait être gratuit pour tous les enfants",
    "que la formation des maîtres mérite une attention particulière",
    "que les échanges entre les écoles normales doivent être encouragés",
    "que les zones rurales ont besoin de ressources supplémentaires",
]
_SUBJECTS = ["Les autorités scolaires", "Chaque pays", "Des mesures appropriées", "Les établissements de formation"]
_MODALS = ["devraient", "devrait", "doivent"]
_OBJECTS = [
    "renforcer la coopération entre les régions",
    "favoriser l'accès de tous à l'éducation de base",
    "prévoir des ressources suffisantes pour les écoles rurales",
]
_IMPERSONAL = ["Il importe de", "Il serait utile de", "Il conviendrait de"]

_paragraph = st.builds(lambda v, c: f"{v} {c}.", st.sampled_from(_VERBS), st.sampled_from(_CONTENTS))
_prescription = st.one_of(
    st.builds(lambda s, m, o: f"{s} {m} {o}", st.sampled_from(_SUBJECTS), st.sampled_from(_MODALS), st.sampled_from(_OBJECTS)),
    st.builds(lambda i, o: f"{i} {o}", st.sampled_from(_IMPERSONAL), st.sampled_from(_OBJECTS)),
)
_SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(paras=st.lists(_paragraph, min_size=3, max_size=6), sep=st.sampled_from(["\n\n", "\n"]))
def test_unnumbered_subjectless_verbs_are_operative_paragraphs(paras, sep):
    """Without formula or numbers, paragraphs opening with a present verb (its subject the body) are operative."""
    text = sep.join(paras)
    doc = segment_text(text, ocr=False)
    check_invariants(text)
    assert [(c.part, c.text) for c in doc.clauses] == [("operative", p) for p in paras]


def test_reported_prose_stays_narrative():
    """A press release's sentences have their subject: they stay narrative (the rule needs a subjectless verb)."""
    text = (
        "La Commission a examiné ce matin le rapport sur la formation des enseignants.\n\n"
        "Elle estime que les échanges entre les écoles normales doivent être encouragés.\n\n"
        "Le représentant du Brésil souligne que les zones rurales ont besoin de ressources supplémentaires."
    )
    assert {c.part for c in segment_text(text, ocr=False).clauses} == {"narrative"}


@_SETTINGS
@given(bodies=st.lists(_prescription, min_size=2, max_size=5), lost=st.sets(st.integers(0, 3)))
def test_prescription_after_a_paragraph_that_lost_its_stop(bodies, lost):
    """After a paragraph break, a sentence whose subject and modal prescribe starts a new operative paragraph,
    whether or not the paragraph above kept its final stop."""
    paras = [b if k in lost and k < len(bodies) - 1 else b + "." for k, b in enumerate(bodies)]
    head = "La Conférence,\n\nConsidérant que l'éducation est un droit,\n\nRecommande aux gouvernements ce qui suit :\n\n"
    text = head + "\n\n".join(paras)
    doc = segment_text(text, ocr=False)
    check_invariants(text)
    assert [c.text for c in doc.clauses if c.part == "operative"] == paras


def test_page_number_after_a_stop_in_one_line():
    """"... à cet effet. 28 3. Les ...": a page number between a stop and the next paragraph number is furniture
    of the paragraph above; the numbered paragraph starts after it."""
    text = (
        "La Conférence, Considérant que l'éducation est un droit, 1. Invite les États à coopérer. "
        "2. Les autorités devraient former des maîtres à cet effet. 28 3. Il importe de prévoir des ressources."
    )
    ops = [c for c in segment_text(text, ocr=False).clauses if c.part == "operative"]
    assert [c.number for c in ops] == ["1", "2", "3"]
    assert ops[2].text.startswith("Il importe")


@_SETTINGS
@given(items=st.lists(st.sampled_from(_OBJECTS), min_size=2, max_size=4), sep=st.sampled_from(["\n\n", "\n"]))
def test_que_list_after_a_glued_address_formula_is_operative(items, sep):
    """"...; La Conférence Recommande aux Ministères :" closing the preamble's last paragraph: the "Que" items
    that follow are the operative part."""
    ques = [f"Que l'on veille à {o} ;" for o in items]
    text = sep.join(
        [
            "La Conférence,",
            "Considérant que l'éducation est un droit ;",
            "Que la paix dépend de l'éducation ; La Conférence Recommande aux Ministères de l'éducation :",
            *ques,
        ]
    )
    doc = segment_text(text, ocr=False)
    check_invariants(text)
    assert [c.text for c in doc.clauses if c.part == "operative"] == ques


@_SETTINGS
@given(items=st.lists(st.sampled_from(_OBJECTS), min_size=2, max_size=5), stop=st.sampled_from([" :", ":"]))
def test_hierarchical_numbers_in_one_line_start_items(items, stop):
    """"... suivantes : 2.1 renforcer ... ; 2.2 favoriser ...": on one line, a hierarchical number after a stop
    numbers the next item even before a lower-case word; after a word it is a reference and stays text."""
    body = " ".join(f"2.{k} {o} ;" for k, o in enumerate(items, start=1))
    text = (
        "2. Les autorités devraient suivre les orientations suivantes, conformément au paragraphe 1.3 de la "
        f"présente recommandation{stop} {body}"
    )
    doc = segment_text(text, ocr=False)
    check_invariants(text)
    assert [c.number for c in doc.clauses] == ["2", *[f"2.{k}" for k in range(1, len(items) + 1)]]
    assert "paragraphe 1.3 de la" in doc.clauses[0].text


@_SETTINGS
@given(sep=st.sampled_from(["\n\n", "\n"]), n=st.integers(1, 3))
def test_preamble_after_a_finished_operative_part_opens_another_text(sep, n):
    """A preambular lead ending with a comma after an operative part that ended with a full stop is the preamble
    of another text (its formula lost): preambular, and the operative verbs after it are operative again."""
    ops = [f"{k}. Invite les États membres à renforcer la coopération régionale ;" for k in range(1, n)]
    ops.append(f"{n}. Prie le Directeur général de faire rapport à la prochaine session.")
    second = [
        "Constatant que la situation des écoles rurales demeure préoccupante,",
        "Notant que de nombreux pays manquent de maîtres qualifiés,",
        "Recommande aux gouvernements de prévoir des ressources suffisantes.",
    ]
    text = sep.join(["La Conférence,", "Considérant que l'éducation est un droit,", *ops, *second])
    doc = segment_text(text, ocr=False)
    check_invariants(text)
    assert [c.part for c in doc.clauses][-3:] == ["preamble", "preamble", "operative"]
    assert [c.text for c in doc.clauses][-3:] == second


_DECLARATION_PREAMBLE = [
    "Profondément préoccupés par la progression de la désertification dans nos régions,",
    "Conscients que la coopération régionale est indispensable pour y faire face,",
]
_DECLARATION_OPERATIVE = [
    "Nous engageons à restaurer les terres dégradées d'ici à 2035 ;",
    "Nous nous engageons de nouveau à mobiliser des ressources nationales ;",
    "Demandons au Programme des Nations Unies pour l'environnement de nous prêter son concours ;",
    "Invitons les partenaires de développement à appuyer nos efforts ;",
    "Soulignons qu'il importe d'associer les communautés locales à ces travaux.",
]


@given(
    st.lists(st.sampled_from(_DECLARATION_OPERATIVE), min_size=2, max_size=5, unique=True),
    st.sampled_from(["\n", "\n\n"]),
)
@_SETTINGS
def test_segment_declaration_in_the_first_person_opens_operative_paragraphs(operative, sep):
    # Guide 5.3: a declaration whose paragraphs continue "Nous, ministres ...," drops the subject;
    # "Demandons ...", "Nous engageons à ..." open operative paragraphs after the preamble's comma.
    paragraphs = [*_DECLARATION_PREAMBLE, *operative]
    text = "Déclaration ministérielle sur la désertification\n\nNous, ministres de l'environnement,\n\n" + sep.join(paragraphs) + "\n"
    doc = segment_text(text, doc_id="decl")
    check_invariants(text)
    got = [(c.part, c.text) for c in doc.clauses]
    assert got == [("preamble", p) for p in _DECLARATION_PREAMBLE] + [("operative", p) for p in operative]


@given(st.lists(st.sampled_from(_DECLARATION_OPERATIVE), min_size=2, max_size=5, unique=True), st.booleans())
@_SETTINGS
def test_segment_declaration_formula_makes_its_paragraphs_operative(operative, numbered):
    # "Nous, ministres ...," opens a declaration as "L'Assemblée générale," opens a resolution: its
    # paragraphs, numbered or not, are operative (guide 5.1, 5.3), and the formula names no body.
    paragraphs = [f"{k}. {p}" if numbered else p for k, p in enumerate(operative, 1)]
    text = "Déclaration de Praia\n\nNous, ministres de l'environnement des pays d'Afrique, réunis à Praia,\n\n" + "\n\n".join(paragraphs) + "\n"
    doc = segment_text(text, doc_id="decl")
    assert [(c.part, c.text) for c in doc.clauses] == [("operative", p) for p in operative]
    assert doc.heading.body is None
