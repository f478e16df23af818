"""Paragraph-boundary F1 on the UNESCO ICE resolutions (needs ../shared/corpora)."""

from __future__ import annotations

import pytest

from clausekit.training import corpora
from clausekit.training.segment_eval import clause_anchor, rebuild, score_documents

needs_corpora = pytest.mark.skipif(
    not corpora.available(), reason=f"shared corpora not found at {corpora.corpora_dir()}; set CLAUSEKIT_CORPORA"
)


def test_segeval_rebuild_offsets():
    text, starts = rebuild(["Considérant que A,", "1. Recommande B."], "wrapped")
    assert [text[s:].split("\n")[0] for s in starts] == ["Considérant que A,", "1. Recommande B."]


def test_segeval_scores_a_perfect_and_a_broken_document():
    paras = [
        {"para": "La Conférence,", "type": None},
        {"para": "Considérant que l'éducation est un droit,", "type": "preambular"},
        {"para": "Considérant que la paix dépend de l'éducation,", "type": "preambular"},
        {"para": "1. Recommande aux États de développer l'enseignement ;", "type": "operative"},
        {"para": "2. Invite l'Unesco à publier un rapport.", "type": "operative"},
    ]
    score = score_documents([("d", paras)], "wrapped")
    assert (score.gold, score.matched, score.predicted) == (4, 4, 4)
    assert score.f1 == 1.0 and score.part_accuracy == 1.0
    merged = [*paras[:2], {"para": "considérant aussi la paix,", "type": "preambular"}, *paras[3:]]
    assert score_documents([("d", merged)], "wrapped").recall < 1.0


@needs_corpora
@pytest.mark.slow
def test_segeval_ice_boundary_f1():
    from clausekit.training.segment_eval import ice_boundary_scores

    scores = {s.layout: s for s in ice_boundary_scores()}
    assert scores["blank-separated"].f1 >= 0.93
    assert scores["wrapped"].f1 >= 0.90
    assert scores["wrapped"].precision >= 0.95


def test_segeval_titled_paragraph_is_matched_at_its_number_only():
    # A paragraph that opens with a section title run into its number: the guide starts the clause at the
    # number (the title is a headline), so a clause starting there is a match and one starting at the title is not.
    title = "COOPÉRATION RÉGIONALE ET ÉCHANGES D'EXPÉRIENCES ENTRE LES PAYS"
    paras = [
        {"para": "1. Il importe que les autorités développent l'enseignement technique.", "type": "operative"},
        {"para": f"{title} 2. Les autorités devraient favoriser les échanges.", "type": "operative"},
    ]
    text, starts = rebuild([p["para"] for p in paras], "blank-separated")
    assert text[starts[1] + clause_anchor(paras[1]["para"]) :].startswith("2. Les autorités")
    assert score_documents([("d", paras)], "blank-separated").f1 == 1.0
    assert clause_anchor("Les autorités devraient, 3. Les États ...") == 0  # a sentence before a number is no title
    assert clause_anchor("Il convient de rappeler la résolution 4. Elle ...") == 0  # a finite verb: no title
