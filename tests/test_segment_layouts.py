"""Segmentation of text as it arrives (issue 12): boundaries from content, web and press furniture, rule 5."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

import clausekit
from clausekit.models.rules import speaking_for_itself
from clausekit.segmentation.lexicon import is_participle_lead, is_reflexive_lead
from clausekit.segmentation.segmenter import segment_text

ROOT_SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"

PREAMBLE = [
    "Rappelant sa résolution 70/1 du 25 septembre 2015,",
    "Vivement préoccupée par la persistance des inégalités entre les zones rurales et urbaines,",
    "Se souvenant des engagements pris lors des conférences précédentes,",
]
OPERATIVE = [
    "Demande aux États Membres de renforcer la coopération internationale dans ce domaine ;",
    "Prie le Secrétaire général de lui présenter un rapport à sa prochaine session ;",
    "Décide de rester saisie de la question.",
]


def _parts(text: str) -> list[tuple[str, str | None]]:
    return [(c.part, c.number) for c in segment_text(text).clauses]


WANT = [("preamble", None)] * 3 + [("operative", "1"), ("operative", "2"), ("operative", "3")]


@pytest.mark.parametrize("joiner", [" ", "\n", "\n\n"])
def test_segment_layouts_boundaries_inside_or_between_lines(joiner):
    numbered = [f"{i}. {t}" for i, t in enumerate(OPERATIVE, 1)]
    text = joiner.join(["L'Assemblée générale,", *PREAMBLE, *numbered])
    assert _parts(text) == WANT


def test_segment_layouts_unnumbered_operative_after_preamble_comma():
    text = "\n".join(["L'Assemblée générale,", *PREAMBLE, *OPERATIVE])
    assert [p for p, _ in _parts(text)] == ["preamble"] * 3 + ["operative"] * 3


def test_segment_layouts_excerpt_numbering_starts_anywhere():
    text = "\n\n".join(f"{i}. {t}" for i, t in enumerate(OPERATIVE, 14))
    assert _parts(text) == [("operative", "14"), ("operative", "15"), ("operative", "16")]


def test_segment_layouts_number_alone_on_its_line():
    text = "\n\n".join(["L'Assemblée générale,", *PREAMBLE, *(f"{i}.\n{t}" for i, t in enumerate(OPERATIVE, 1))])
    assert _parts(text) == WANT


def test_segment_layouts_web_furniture_never_joins_a_clause():
    top = "Aller au contenu principal\nAccueil > Documents > Résolutions\n\nAG/99999\n\n3 mars 2025\n\n"
    top += "Quatre-vingtième session, 12e séance plénière – matin\n\nL’Assemblée adopte un texte sur l’eau\n\n"
    bottom = "\n\n* *** *\n\nPartager\nS’abonner à la lettre d’information\n© Nations Unies 2025\n"
    body = "\n\n".join(["L'Assemblée générale,", *PREAMBLE, *(f"{i}. {t}" for i, t in enumerate(OPERATIVE, 1))])
    doc = segment_text(top + body + bottom)
    assert [(c.part, c.number) for c in doc.clauses] == WANT
    kinds = {f.kind for f in doc.furniture}
    assert {"navigation", "dateline", "page_header"} <= kinds
    for c in doc.clauses:
        assert "Partager" not in c.text and "***" not in c.text and "Accueil" not in c.text


@pytest.mark.parametrize(
    "disclaimer",
    ["Pour information - document non officiel.", "Pour l’information des médias - document non officiel",
     "À l’intention des organes d’information. Document non officiel.", "Document non officiel."],
)
def test_segment_layouts_press_disclaimers_are_furniture(disclaimer):
    body = "\n\n".join(["L'Assemblée générale,", *PREAMBLE, *(f"{i}. {t}" for i, t in enumerate(OPERATIVE, 1))])
    doc = segment_text(f"AG/99999\n\n{body}\n\n* *** *\n\n{disclaimer}\n")
    assert [(c.part, c.number) for c in doc.clauses] == WANT
    assert "navigation" in {f.kind for f in doc.furniture}


def test_segment_layouts_double_spaced_pdf_versus_web_paragraphs():
    # the same blank-line gaps: wrapped lines stop mid-sentence, web paragraphs end theirs
    paragraphs = [
        "Le Comité a tenu sa première session à Genève du 3 au 7 mars et a adopté son ordre du jour.",
        "Il a examiné le rapport du Secrétariat sur les activités menées pendant la période considérée.",
        "Les participants ont souligné l'importance de la coopération entre les organismes concernés.",
        "Le Comité a décidé de tenir sa prochaine session à New York au cours du premier semestre.",
        "Le rapport de la session a été adopté par consensus à la dernière séance du Comité.",
        "La session a été close par le Président du Comité à l'issue de sa cinquième séance.",
    ]
    web = segment_text("\n\n".join(paragraphs))
    assert len(web.clauses) == len(paragraphs)
    # double-spaced PDF: a blank line after every line, three between paragraphs
    double = "\n\n\n\n".join("\n\n".join(textwrap.wrap(p, 45)) for p in paragraphs)
    pdf = segment_text(double)
    assert [c.text for c in pdf.clauses] == paragraphs


@pytest.mark.parametrize(
    ("words", "expected"),
    [(["Se", "souvenant"], True), (["S'", "inquiétant"], True), (["Se", "tient"], False), (["Rappelant", "sa"], False)],
)
def test_segment_layouts_reflexive_leads(words, expected):
    assert is_reflexive_lead(words) is expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [(["Attristée", "par"], True), (["Persuadés", "que"], True), (["Comité", "de"], False), (["Société", "par"], False)],
)
def test_segment_layouts_agreeing_participles(words, expected):
    assert is_participle_lead(words) is expected


@pytest.mark.parametrize(
    ("text", "function"),
    [
        ("Les membres du Conseil de sécurité condamnent fermement l'attaque perpétrée hier.", "concern"),
        ("Ils demandent à toutes les parties de respecter le cessez-le-feu.", "request"),
        ("Les membres du Conseil se félicitent de la tenue pacifique des élections.", "position"),
        ("Ils restent profondément préoccupés par la situation humanitaire.", "concern"),
        ("Le Comité recommande aux États de ratifier la Convention.", "request"),
        ("Les membres du Conseil ont condamné l'attaque perpétrée hier.", None),
        ("Le Conseil de sécurité a décidé de proroger le mandat de la Mission.", None),
        ("La réunion s'est tenue à Genève.", None),
    ],
)
def test_segment_layouts_rule5_body_speaking_for_itself(text, function):
    assert speaking_for_itself(text) == function


@pytest.mark.parametrize("seed", ["003_0d3b84d2626458c8", "004_f730982b1d88a241"])
def test_segment_layouts_pdf_text_flattened_onto_one_line_keeps_every_clause(seed):
    """Page furniture left inside a flattened text ("... A/RES/55/109 2 Insistant ...") does not hide a lead."""
    text = (ROOT_SEEDS / f"{seed}.txt").read_text(encoding="utf-8")
    as_pdf = clausekit.segment(text=text)
    flat = clausekit.segment(text=" ".join(text.split()))
    assert [c.lead for c in flat.clauses] == [c.lead for c in as_pdf.clauses]


@pytest.mark.parametrize(
    "adoption",
    ["Adoptée par le Conseil de sécurité à sa 9999e séance, le 3 mars 2026",
     "Adoptée sans vote à la 52e séance, le 5 octobre 2023.",
     "Résolution adoptée par le Conseil des droits de l'homme le 4 avril 2025"],
)
@pytest.mark.parametrize("sep", ["\n", "\n\n"])
def test_segment_adoption_line_is_heading_not_a_preambular_clause(adoption, sep):
    # Guide 5.1: the adoption line under a resolution's title is structural; its past participle
    # "Adoptée" is no preambular lead, and the formula after it stays apart.
    lines = ["Résolution 2999 (2026)", adoption, "Le Conseil de sécurité,", *PREAMBLE, *[f"{k}. {t}" for k, t in enumerate(OPERATIVE, 1)]]
    doc = segment_text(sep.join(lines) + "\n")
    assert [(c.part, c.text) for c in doc.clauses] == [("preamble", t) for t in PREAMBLE] + [("operative", t) for t in OPERATIVE]
    assert doc.heading.body == "Conseil de sécurité"


def test_segment_adoption_words_inside_sentences_stay_clause_text():
    # A wrapped line "adoptée le 9 décembre 2014, par laquelle ..." goes on a sentence, and a press
    # release's "Adoptée par 150 voix pour, ..., la résolution demande ..." is a narrative sentence.
    text = (
        "J'ai l'honneur de me référer à la résolution 2188 (2014) du Conseil de sécurité,\n"
        "adoptée le 9 décembre 2014, par laquelle le Conseil a décidé de proroger le mandat.\n\n"
        "Adoptée par 150 voix pour, 7 voix contre et 20 abstentions, la résolution demande aux États de renforcer leur coopération.\n"
    )
    doc = segment_text(text)
    assert len(doc.clauses) == 2 and "adoptée le 9 décembre 2014" in doc.clauses[0].text
    assert doc.clauses[1].text.startswith("Adoptée par 150 voix")


@pytest.mark.parametrize("dateline", ["12 novembre 2026", "Jeudi 12 novembre 2026", "Adoptée par le Conseil de sécurité à sa 9999e séance, le 12 novembre 2026"])
def test_segment_dateline_gives_the_year_a_heading_lacks(dateline):
    # A press release or a Security Council resolution dates itself on a line of its own: its year is
    # the document's when no symbol or heading line gives one (year-bound theme rules need it).
    text = f"Communiqué de presse\n\n{dateline}\n\nLe Conseil de sécurité,\n\n" + "\n\n".join([*PREAMBLE, *OPERATIVE]) + "\n"
    doc = segment_text(text)
    assert doc.heading.year == 2026 and len(doc.clauses) == len(PREAMBLE) + len(OPERATIVE)


def test_segment_markdown_emphasis_gives_the_same_clauses():
    # Text pasted from a wiki or a notebook: "*Rappelant* ...", "1) **Décide** ...", a "#" title. The
    # preamble was dropped whole (its emphasized leads were no leads) and operative texts kept "**".
    plain = ["Résolution 2999 (2026)", "Le Conseil de sécurité,", *PREAMBLE, *[f"{k}) {t}" for k, t in enumerate(OPERATIVE, 1)]]
    marked = ["# " + plain[0], "*Le Conseil de sécurité*,"]
    marked += [f"*{t.split()[0]}* {t.split(None, 1)[1]}" for t in PREAMBLE]
    marked += [f"{k}) **{t.split()[0]}** {t.split(None, 1)[1]}" for k, t in enumerate(OPERATIVE, 1)]
    got = [(c.part, c.number, c.text) for c in segment_text("\n\n".join(marked) + "\n").clauses]
    assert got == [(c.part, c.number, c.text) for c in segment_text("\n\n".join(plain) + "\n").clauses]
    assert len(got) == len(PREAMBLE) + len(OPERATIVE)


@pytest.mark.parametrize("layout", ["\n\n", "\n", " "])
def test_segment_numbered_participle_paragraphs_stay_preambular(layout):
    # Guide 5.2: "1. Ayant examiné le document ..., 2. Rappelant ...," (an executive board's decision numbers
    # its whole text) are preambular; their numbers are kept, and "3. Prend note ..." opens the operative part.
    preamble = ["Ayant examiné le document 220 EX/5,", "Rappelant sa décision 218 EX/7,", "Consciente de la nécessité d'agir,"]
    paragraphs = [*preamble, *OPERATIVE]
    text = "Le Conseil exécutif," + layout + layout.join(f"{k}. {p}" for k, p in enumerate(paragraphs, 1)) + "\n"
    got = [(c.part, c.number, c.text) for c in segment_text(text).clauses]
    assert got == [("preamble" if k <= len(preamble) else "operative", str(k), p) for k, p in enumerate(paragraphs, 1)]


def test_models_participle_lead_in_an_operative_clause_keeps_its_function():
    # Rule 1, the lead decides: a numbered "Rappelant" read after operative paragraphs (or given as operative)
    # is still recall, not an unknown operative lead; a numbered "Que ..." prescription stays without a lead.
    from clausekit.models.rules import rule_function

    assert rule_function("4. Rappelant sa décision 218 EX/7,", "operative") == "recall"
    assert rule_function("Profondément préoccupée par la situation,", "operative") == "concern"
    assert rule_function("QUE l'Organisation fournisse l'appui nécessaire ;", "operative") is None


_VOTE = [
    "[Adoptée à l'issue d'un vote enregistré par 30 voix contre 14, avec 3 abstentions. Les voix se sont réparties comme suit :",
    "Ont voté pour :",
    "Afrique du Sud, Algérie, Bangladesh, Burundi, Chine, Cuba",
    "Ont voté contre :",
    "Allemagne, Belgique, France",
    "Se sont abstenus :",
    "Brésil, Mexique]",
]


@pytest.mark.parametrize("sep", ["\n", "\n\n"])
@pytest.mark.parametrize("vote", [True, False])
def test_segment_session_report_gives_each_resolution_its_clauses(sep, vote):
    # A report that gathers a session's resolutions: each ends with its meeting line, its date and perhaps
    # its vote record (guide 5.1: furniture, never glued to the last operative paragraph), then the next
    # resolution's numbered title and formula open it (its title no clause either).
    first = [
        "58/20. Les droits de l'homme et l'environnement", "Le Conseil des droits de l'homme,", PREAMBLE[0],
        f"1. {OPERATIVE[0]}", f"2. {OPERATIVE[1]}", "3. Décide de poursuivre l'examen de la question.", "41e séance", "4 avril 2025",
    ]
    second = ["58/21. Le droit au développement", "Le Conseil des droits de l'homme,", PREAMBLE[1], f"1. {OPERATIVE[2]}"]
    doc = segment_text(sep.join([*first, *(_VOTE if vote else []), *second]) + "\n")
    got = [(c.part, c.number, c.text) for c in doc.clauses]
    assert got == [
        ("preamble", None, PREAMBLE[0]), ("operative", "1", OPERATIVE[0]), ("operative", "2", OPERATIVE[1]),
        ("operative", "3", "Décide de poursuivre l'examen de la question."),
        ("preamble", None, PREAMBLE[1]), ("operative", "1", OPERATIVE[2]),
    ]
    furniture = " ".join(f.text for f in doc.furniture)
    assert all(v.strip("[]") in furniture for v in _VOTE) if vote else "58/21" in furniture


@pytest.mark.parametrize("sep", ["\n", "\n\n"])
def test_segment_presidential_statement_paragraphs_are_operative(sep):
    # Guide 5.3: the paragraphs of a presidential statement of the Security Council are the Council speaking
    # for itself, operative, after the narrative formula that announces them.
    formula = (
        "À la 9999e séance du Conseil de sécurité, tenue le 3 mars 2026, dans le cadre de l'examen de la question "
        "intitulée « Consolidation de la paix en Afrique de l'Ouest », la Présidente du Conseil de sécurité a fait "
        "en son nom la déclaration suivante :"
    )
    statement = [
        "« Le Conseil de sécurité réaffirme son attachement à la souveraineté des pays de la région.",
        "Le Conseil condamne fermement les attaques perpétrées contre les civils.",
        "Il se déclare profondément préoccupé par la détérioration de la situation humanitaire.",
        "Il prie le Secrétaire général de le tenir informé de l'évolution de la situation. »",
    ]
    doc = segment_text(sep.join(["Déclaration de la Présidente du Conseil de sécurité", formula, *statement]) + "\n")
    assert [(c.part, c.text) for c in doc.clauses] == [("narrative", formula)] + [("operative", t) for t in statement]


@pytest.mark.parametrize("sep", ["\n\n", "\n", " "])
def test_segment_heading_body_in_every_layout(sep):
    # The body comes from the opening formula also when the heading runs into one line with it.
    text = sep.join(["Résolution 2999 (2026)", "Le Conseil de sécurité,", *PREAMBLE, *[f"{k}. {t}" for k, t in enumerate(OPERATIVE, 1)]])
    doc = segment_text(text + "\n")
    assert doc.heading.body == "Conseil de sécurité" and len(doc.clauses) == len(PREAMBLE) + len(OPERATIVE)


@pytest.mark.parametrize(
    ("symbol", "year"),
    [("A/RES/78/1", 2023), ("A/C.2/78/L.12", 2023), ("A/78/L.12/Rev.1", 2023), ("E/2022/L.5", 2022), ("S/RES/2719 (2023)", 2023)],
)
def test_segment_symbol_alone_on_its_line_is_the_documents(symbol, year):
    # A masthead's symbol on a line of its own (read as a page header) is the document's symbol, and gives its year.
    text = f"Nations Unies\n\n{symbol}\n\nAssemblée générale\n\nL'Assemblée générale,\n\n" + "\n\n".join([*PREAMBLE, *OPERATIVE]) + "\n"
    doc = segment_text(text)
    assert (doc.heading.symbol, doc.heading.year) == (symbol, year)
    assert len(doc.clauses) == len(PREAMBLE) + len(OPERATIVE)
