"""Operative paragraphs whose numbers are gone keep their part and their bounds (issue 12, guide decision 5.25).

Made-up fragments in the style of UNESCO recommendations and UN resolutions, not copied from any corpus.
The main property is invariance: a text read with its paragraph numbers and the same text without them
give the same clauses with the same parts, for recommendations without formula (background, prescriptions,
lower-case items of a list) and for resolutions whose preamble lost its last comma or whose operative
paragraphs open with a sub-paragraph label or a lower-case word. A report, whose sentences report, stays
narrative without its numbers as with them.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clausekit.segmentation.segmenter import segment_text
from tests.test_segment_properties import check_invariants

_BACKGROUND = [
    "Le recrutement des maîtres préoccupe les autorités dans plusieurs régions du monde.",
    "Les systèmes éducatifs connaissent une expansion rapide depuis une décennie.",
    "Les zones rurales manquent souvent de maîtres qualifiés et de locaux adaptés.",
]
_PRESCRIPTIONS = [
    "Les autorités scolaires devraient renforcer la formation continue des maîtres.",
    "Il importe que chaque pays prévoie des ressources suffisantes pour les écoles rurales.",
    "Des mesures appropriées devraient être prises pour favoriser l'accès de tous à l'éducation de base.",
    "Les établissements de formation doivent coopérer avec les associations de parents.",
]
_ITEMS = [
    "favoriser l'égalité entre les filles et les garçons dans l'accès à l'enseignement",
    "offrir des bourses aux élèves qui désirent choisir l'enseignement comme carrière",
    "encourager les échanges d'expériences entre les écoles normales des différents pays",
    "élaborer des programmes de formation adaptés aux besoins des zones rurales",
]
_REPORTED = [
    "Le Comité a examiné le rapport du Secrétariat sur la formation des maîtres.",
    "Les participants ont souligné que les écoles rurales devraient recevoir davantage de ressources.",
    "Le Comité recommande que les autorités scolaires renforcent la formation continue.",
    "Plusieurs délégations ont indiqué que les bourses devraient être plus nombreuses.",
]
_SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _clauses(text: str) -> list[tuple[str, str]]:
    return [(c.part, c.text) for c in segment_text(text, ocr=False).clauses]


@_SETTINGS
@given(
    n_background=st.integers(0, 2),
    prescriptions=st.lists(st.sampled_from(_PRESCRIPTIONS), min_size=1, max_size=3, unique=True),
    items=st.lists(st.sampled_from(_ITEMS), min_size=2, max_size=4, unique=True),
    lost=st.sampled_from([None, 0, 1]),
)
def test_recommendation_reads_the_same_without_its_numbers(n_background, prescriptions, items, lost):
    """Background, prescriptions and a list of lower-case action items announced by a colon: the same clauses
    and parts with hierarchical numbers (1.1, 1.2, 1.2.1 ...) and without them, one paragraph per block, also
    when an item lost its ";"."""
    items = [o if k == lost and k < len(items) - 1 else f"{o};" for k, o in enumerate(items)]
    items[-1] = items[-1].rstrip(";") + "."
    paras = [*_BACKGROUND[:n_background], *prescriptions, "A cet égard, les mesures suivantes sont recommandées :"]
    numbered = [f"1.{k} {p}" for k, p in enumerate(paras, start=1)]
    numbered += [f"1.{len(paras)}.{k} {o}" for k, o in enumerate(items, start=1)]
    plain = "\n\n".join([*paras, *items])
    check_invariants(plain)
    want = _clauses("\n\n".join(numbered))
    assert _clauses(plain) == want
    assert [p for p, _ in want] == ["preamble"] * n_background + ["operative"] * (len(prescriptions) + 1 + len(items))


@_SETTINGS
@given(paras=st.lists(st.sampled_from(_REPORTED), min_size=3, max_size=4, unique=True))
def test_report_without_numbers_stays_narrative(paras):
    """A report's paragraphs report (past tense, a body speaking of itself) even where they cite a prescription:
    without numbers they stay narrative clauses, one per paragraph."""
    assert _clauses("\n\n".join(paras)) == [("narrative", p) for p in paras]


_PREAMBLE = ["Considérant que l'éducation est un droit de chaque enfant,", "Rappelant ses recommandations antérieures,"]
_OPERATIVE = [
    "Recommande aux ministères de l'éducation de renforcer la formation des maîtres ;",
    "Invite les États membres à échanger leurs expériences ;",
    "Prie le Directeur général de faire rapport à la prochaine session.",
]


@_SETTINGS
@given(
    end=st.sampled_from([",", ";", ""]),
    opening=st.sampled_from([*_OPERATIVE[:2], "Les autorités scolaires devraient renforcer la formation des maîtres ;"]),
    address=st.booleans(),
    sep=st.sampled_from(["\n\n", "\n"]),
)
def test_first_operative_paragraph_without_its_number(end, opening, address, sep):
    """After a preamble, the first paragraph whose number is gone opens the operative part: an operative verb
    even when the preamble's last paragraph lost its comma (``end`` empty), a prescription after its "," or ";",
    and any paragraph after an address formula ("Recommande aux ministères :")."""
    if not end and (opening[0] == "L" or address):
        end = ","  # a prescription or a formula after a lost comma could go on the preamble's sentence: not guessed
    preamble = [p[:-1] + end for p in _PREAMBLE]
    head = ["La Conférence,", *preamble, *(["Recommande aux ministères de l'éducation des divers pays :"] if address else [])]
    ops = [opening, *_OPERATIVE[1:]]
    plain = sep.join([*head, *ops])
    numbered = sep.join([*head, *[f"{k}. {o}" for k, o in enumerate(ops, start=1)]])
    check_invariants(plain)
    assert _clauses(plain) == _clauses(numbered)
    assert [p for p, _ in _clauses(plain)] == ["preamble"] * len(preamble) + ["narrative"] * address + ["operative"] * len(ops)


@_SETTINGS
@given(label=st.sampled_from(["(a)", "a)", "i)"]))
def test_paragraph_opening_with_its_first_label_after_a_full_stop(label):
    """Without its number, "2. (a) Il conviendrait ... ; (b) ..." opens with its first label: after a paragraph
    that ended with a full stop it is a new operative paragraph; its other labels stay inside it. (Paragraphs
    separated by a blank line; with single newlines a line opening with "a)" still reads as wrapped text.)"""
    sep = "\n\n"
    nxt = "(ii)" if "i" in label else "(b)"
    second = f"{label} Il conviendrait de renforcer les écoles normales ; {nxt} Il y aurait lieu de créer des bourses."
    ops = ["Les autorités devraient former davantage de maîtres.", second, "Les autorités doivent évaluer les résultats."]
    head = ["La Conférence,", "Considérant que l'éducation est un droit,", "Recommande aux gouvernements ce qui suit :"]
    plain = sep.join([*head, *ops])
    check_invariants(plain)
    assert [c.text for c in segment_text(plain, ocr=False).clauses if c.part == "operative"] == ops


@_SETTINGS
@given(abbreviation=st.booleans())
def test_lower_case_paragraph_after_a_full_stop(abbreviation):
    """A block in lower case after an operative paragraph that ended its sentence is the next paragraph (its
    number and first words lost); after an abbreviation ("etc.") it goes on the paragraph above."""
    first = "Les autorités devraient organiser des cours, des stages, des conférences" + (", etc." if abbreviation else ".")
    second = "matériel didactique et bibliothèques devraient être mis à la disposition des maîtres."
    text = "\n\n".join(["La Conférence,", "Considérant que l'éducation est un droit,",
                        "Recommande aux gouvernements ce qui suit :", first, second])
    check_invariants(text)
    ops = [c.text for c in segment_text(text, ocr=False).clauses if c.part == "operative"]
    assert ops == ([f"{first} {second}"] if abbreviation else [first, second])
