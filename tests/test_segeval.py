"""Paragraph-boundary F1 on the UNESCO ICE resolutions (needs ../shared/corpora)."""

from __future__ import annotations

import pytest

from clausekit.training import corpora
from clausekit.training.segment_eval import rebuild, score_documents

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
