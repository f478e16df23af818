"""Segmentation of the seeds (issue acceptance) and of small real French fragments."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest

from clausekit.segmentation.clauses import fold_text
from clausekit.segmentation.leads import infer_part, lead_phrase
from clausekit.segmentation.segmenter import segment, segment_text

SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"
CLEAN, OCR, GA, NOTE = "003_0d3b84d2626458c8", "001_11bf369c9702862e", "004_f730982b1d88a241", "000_10894b76cb1fbe11"


@pytest.fixture(scope="module")
def docs():
    return {p.stem: segment(p) for p in sorted(SEEDS.glob("*.txt"))}


@pytest.mark.parametrize(
    ("doc_id", "preamble", "operative", "narrative"),
    [(CLEAN, 33, 37, 0), (OCR, 33, 37, 0), (GA, 8, 6, 0), (NOTE, 0, 0, 6)],
)
def test_segment_seed_counts_exact(docs, doc_id, preamble, operative, narrative):
    doc = docs[doc_id]
    assert doc.counts() == {"preamble": preamble, "operative": operative, "narrative": narrative}
    numbered = [c.number for c in doc.clauses if c.part != "preamble"]
    assert numbered == [str(i) for i in range(1, operative + narrative + 1)]
    assert [c.index for c in doc.clauses] == list(range(len(doc.clauses)))
    # Preambular clauses come first, all of them.
    parts = [c.part for c in doc.clauses]
    assert parts == sorted(parts, key=["preamble", "operative", "narrative"].index)


def test_segment_ocr_twin_aligns_with_clean(docs):
    clean, ocr = docs[CLEAN].clauses, docs[OCR].clauses
    assert [(c.part, c.number) for c in clean] == [(c.part, c.number) for c in ocr]
    ratios = [difflib.SequenceMatcher(None, a.text, b.text, autojunk=False).ratio() for a, b in zip(clean, ocr, strict=True)]
    assert sum(ratios) / len(ratios) >= 0.97
    assert min(ratios) >= 0.90


@pytest.mark.parametrize("doc_id", [CLEAN, OCR, GA, NOTE])
def test_segment_no_furniture_in_clauses(docs, doc_id):
    for c in docs[doc_id].clauses:
        assert "Voir E/CN.4" not in c.text
        assert "A/HRC/52/80" not in c.text and "A/HRC/53/46" not in c.text
        assert "A/RES/55/109" not in c.text
        assert "http" not in c.text and "undocs.org" not in c.text
        assert "État non membre" not in c.text and "Etat non membre" not in c.text
        assert "soumission tardive" not in c.text
        assert not re.search(r"\s\d{1,3}$", c.text), c.text[-40:]  # a bare page number


def test_segment_clause_runs_across_page_break(docs):
    for doc_id in (CLEAN, OCR):
        clause = next(c for c in docs[doc_id].clauses if c.text.startswith("Rappelant également la résolution 48/141"))
        assert clause.text.endswith("le respect des droits de l'homme,")
        if doc_id == OCR:  # the asterisk notes of page 1 lie between its pieces
            assert len(clause.pieces) >= 2


def test_segment_page_break_continuation_in_ga_resolution(docs):
    doc = docs[GA]
    assert doc.clauses[6].text.startswith("Insistant sur le fait")
    assert any(f.kind == "page_header" and f.text == "A/RES/55/109" for f in doc.furniture)
    assert any(f.kind == "page_number" and f.text == "2" for f in doc.furniture)


@pytest.mark.parametrize(
    ("doc_id", "needle", "expected"),
    [
        (CLEAN, "adoptée par la Sous-Commission", "à sa cinquante-deuxième session,"),
        (CLEAN, "Fonds de contributions volontaires des Nations Unies pour la coopération technique", "domaine des droits de l'homme ;"),
        (GA, "renforcement de la coopération internationale dans le domaine des droits de l'homme, et rappelant", None),
    ],
)
def test_segment_footnote_markers_removed(docs, doc_id, needle, expected):
    clause = next(c for c in docs[doc_id].clauses if needle in c.text)
    if expected:
        assert clause.text.endswith(expected)
    assert not re.search(r"[a-zé]\d", clause.text.replace("COVID-19", ""))


@pytest.mark.parametrize("doc_id", [CLEAN, OCR, GA, NOTE])
def test_segment_spans_slice_original_at_clause_source(docs, doc_id):
    doc = docs[doc_id]
    previous_end = 0
    for c in doc.clauses:
        assert 0 <= c.start < c.end <= len(doc.original)
        assert c.start >= previous_end
        previous_end = c.end
        source = doc.original[c.start : c.end]
        head = source.lstrip()[:40]
        if c.number:
            assert re.match(rf"{c.number}\s*[.,)]", head), head
        else:
            assert head.startswith(c.text[:3]), (head, c.text[:20])
        own = " ".join(doc.original[p.start : p.end] for p in c.pieces)
        ratio = difflib.SequenceMatcher(None, fold_text(own), c.text, autojunk=False).ratio()
        assert ratio > 0.9, (c.index, ratio)


def test_segment_narrative_note_keeps_asterisk_note_apart(docs):
    doc = docs[NOTE]
    assert doc.kind == "narrative"
    notes = [f for f in doc.furniture if f.kind == "asterisk_note"]
    assert len(notes) == 1 and "renseignements aussi à jour que possible" in notes[0].text
    assert doc.clauses[2].text.startswith("En vue de chercher les moyens")
    assert doc.heading.title == "Note du secrétariat"


def test_segment_heading_fields(docs):
    h = docs[CLEAN].heading
    assert h.body == "Conseil des droits de l'homme"
    assert h.session == "Cinquante-troisième session"
    assert h.agenda_item == "Point 3 de l'ordre du jour"
    assert h.sponsors.startswith("Azerbaïdjan")
    assert h.kind == "projet de résolution"
    assert h.title == "Renforcement de la coopération internationale dans le domaine des droits de l'homme"
    assert h.opening_formula == "Le Conseil des droits de l'homme,"
    assert h.year == 2023
    g = docs[GA].heading
    assert (g.body, g.symbol, g.year) == ("Assemblée générale", "55/109", 2000)


def test_segment_ocr_damaged_numbers_and_leads(docs):
    ocr = docs[OCR]
    four = next(c for c in ocr.clauses if c.number == "4")
    assert four.lead == "Souligne" and four.text.startswith("Souligne que les États")
    sixteen = next(c for c in ocr.clauses if c.number == "16")
    assert sixteen.text.startswith("Réaffirme que la promotion")


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        ("Prie également le Haut-Commissariat de préciser le processus", "Prie également"),
        ("Prenant note avec satisfaction du document final", "Prenant note avec satisfaction"),
        ("Souligne également de nouveau qu'il convient de favoriser", "Souligne également de nouveau"),
        ("Constatant avec une profonde préoccupation les effets", "Constatant avec une profonde préoccupation"),
        ("Se déclare préoccupé par la persistance de l'unilatéralisme", "Se déclare préoccupé"),
        ("Profondément préoccupé par les effets de la pandémie", "Profondément préoccupé"),
        ("Rappelant en outre la Déclaration du Millénaire", "Rappelant en outre"),
        ("Décide de poursuivre l'examen de la question", "Décide"),
    ],
)
def test_segment_lead_phrase(text, lead):
    assert lead_phrase(text) == lead


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("12. Prie le Secrétaire général de lui présenter un rapport ;", "operative"),
        ("Rappelant sa résolution 54/181 du 17 décembre 1999,", "preamble"),
        ("Profondément préoccupé par les effets de la pandémie,", "preamble"),
        ("Décide de poursuivre l'examen de la question à sa prochaine session.", "operative"),
        ("La présente note a été établie en application de la décision 2/102.", "narrative"),
        ("Soixante-neuvième session", "narrative"),
        # issue 12: the lead decides, not the final punctuation
        ("Rappelant sa résolution 54/181 du 17 décembre 1999 et", "preamble"),  # truncated
        ("Rappelant sa résolution 54/181 du 17 décembre 1999.", "preamble"),
        ("Se félicitant des progrès accomplis ;", "preamble"),
        ("Prie le Secrétaire général de lui présenter", "operative"),  # truncated
        ("Décide de rester saisi de la question :", "operative"),
        ("Présentant le texte, la représentante a rappelé les chiffres.", "narrative"),
        ("3. Que les autorités scolaires veillent à la formation des maîtres ;", "operative"),
        ("7) Il importe que les maîtres reçoivent une formation continue ;", "operative"),
    ],
)
def test_segment_infer_part(text, part):
    assert infer_part(text) == part


def test_segment_subparagraphs_stay_in_parent_and_are_exposed():
    text = (
        "L'Assemblée générale,\n\nRappelant sa résolution 54/181,\n\n"
        "1. Prie le Secrétaire général :\n"
        "a) De lui présenter un rapport ;\n"
        "b) De consulter les États Membres ;\n"
        "2. Décide de poursuivre l'examen de la question.\n"
    )
    doc = segment_text(text)
    assert [c.number for c in doc.clauses] == [None, "1", "2"]
    first = doc.clauses[1]
    assert "De consulter les États Membres" in first.text
    assert [s.label for s in first.subparagraphs] == ["a", "b"]
    assert first.subparagraphs[1].text.startswith("b) De consulter")
    assert doc.original[first.subparagraphs[0].start : first.subparagraphs[0].end].startswith("a) De lui")


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("la non-\nsélectivité", "la non-sélectivité"),
        ("la coopération Sud-\nSud", "la coopération Sud-Sud"),
        ("le dévelop-\npement durable", "le développement durable"),
        ("le Haut-\nCommissaire", "le Haut-Commissaire"),
        ("texte   avec\n\n  espaces", "texte avec espaces"),
    ],
)
def test_segment_fold_text_hyphenation(raw, folded):
    assert fold_text(raw) == folded


def test_segment_text_without_clauses_is_narrative_not_a_crash():
    doc = segment_text("Bonjour tout le monde.\nCeci n'est pas une résolution.")
    assert doc.clauses and all(c.part == "narrative" for c in doc.clauses)


def test_segment_crlf_and_bom_keep_spans_in_original():
    text = "\ufeffL'Assemblée générale,\r\n\r\nRappelant sa résolution 54/181,\r\n\r\n1. Décide de poursuivre l'examen.\r\n"
    doc = segment_text(text)
    assert [c.part for c in doc.clauses] == ["preamble", "operative"]
    c = doc.clauses[1]
    assert text[c.start : c.end] == "1. Décide de poursuivre l'examen."


def test_segment_draft_heading_symbol_title_and_year():
    # A committee draft's cover: symbol at the end of the first line, the sponsors' line, then the title.
    cover = (
        "Nations Unies A/C.3/81/L.7\nAssemblée générale Distr. limitée\n2 novembre 2026\nFrançais\nOriginal : espagnol\n\n"
        "Quatre-vingt-unième session\nTroisième Commission\nPoint 68 de l’ordre du jour\nDroits des peuples autochtones\n\n"
        "Chili et Pérou : projet de résolution\n\nLangues autochtones dans l’enseignement\n\n"
    )
    body = "L’Assemblée générale,\nRappelant sa résolution 74/135,\n1. Prie le Secrétaire général de lui faire rapport."
    doc = segment_text(cover + body)
    h = doc.heading
    assert (h.symbol, h.title, h.year, h.kind) == ("A/C.3/81/L.7", "Langues autochtones dans l'enseignement", 2026, "projet de résolution")
    assert [(c.part, c.number) for c in doc.clauses] == [(c.part, c.number) for c in segment_text(body).clauses]
