"""Properties of the clause alignment (clausekit.outputs.diff_align via diff_records) and its scores.

Layout, order and deletion must not change what is paired; an unrelated clause in a paragraph's
place must not be paired with it; the frozen challenge set (data/challenge/diff) and the seed gold
keep their measured quality.
"""

from __future__ import annotations

import importlib.util
import json
import random
from pathlib import Path

import pytest

import clausekit
from clausekit.outputs.diff import diff_records
from clausekit.training.corpora import corpora_dir
from clausekit.training.layouts import LAYOUTS as ALL_LAYOUTS
from clausekit.training.layouts import render

ROOT = Path(__file__).resolve().parents[1]
SEEDS = [ROOT / "data/seeds/003_0d3b84d2626458c8.txt", ROOT / "data/seeds/004_f730982b1d88a241.txt"]
LAYOUTS = tuple(lay for lay in ALL_LAYOUTS if lay != "excerpt")  # an excerpt drops clauses by design


def _records(source: str | Path) -> list[dict]:
    return clausekit.segment(source).to_records()


def _renumber(records: list[dict]) -> list[dict]:
    return [{**r, "index": i} for i, r in enumerate(records)]


def _eval_script():
    spec = importlib.util.spec_from_file_location("diff_eval", ROOT / "scripts" / "diff_eval.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_diff_properties_same_text_in_another_layout_is_all_kept(seed, layout):
    doc = clausekit.segment(seed)
    old = doc.to_records()
    new = _records(render(doc.clauses, layout, formula="L'Assemblée générale,"))
    rows, summary = diff_records(old, new)
    kept = [r for r in rows if r["status"] == "kept"]
    assert len(kept) == len(old) and summary["removed"] == 0, (layout, summary)
    assert [r["old_index"] for r in kept] == list(range(len(old)))
    # a web page adds its press-release text, as narrative clauses, and nothing else
    assert all(r["new_part"] == "narrative" for r in rows if r["status"] == "added")


@pytest.mark.parametrize("shuffle", range(4))
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_diff_properties_shuffled_clauses_are_moved_not_added(seed, shuffle):
    old = _records(seed)
    new = list(old)
    random.Random(shuffle).shuffle(new)
    rows, summary = diff_records(old, _renumber(new))
    assert summary["added"] == summary["removed"] == summary["reworded"] == 0
    assert summary["kept"] + summary["moved"] == len(old) and summary["moved"] >= 1
    # every clause is paired with itself
    assert all(old[r["old_index"]]["text"] == r["new_text"] for r in rows)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_diff_properties_deleting_one_clause_gives_exactly_one_removed(seed):
    old = _records(seed)
    for k in sorted({0, 1, len(old) // 2, len(old) - 2, len(old) - 1}):
        rows, summary = diff_records(old, _renumber(old[:k] + old[k + 1 :]))
        assert summary["removed"] == 1 and summary["added"] == 0, (k, summary)
        assert [r["old_index"] for r in rows if r["status"] == "removed"] == [k]
        assert summary["kept"] == len(old) - 1


def _ice_operatives(limit: int) -> list[str]:
    folder = corpora_dir() / "ice"
    if not folder.is_dir():
        pytest.skip(f"no ICE corpus at {folder} (set CLAUSEKIT_CORPORA)")
    out = []
    for path in sorted(folder.glob("*.json"))[:limit]:
        data = json.loads(path.read_text(encoding="utf-8"))
        out += [p["para"] for p in data["body"]["paragraphs"] if p.get("type") == "operative"][:2]
    return out


def test_diff_properties_an_unrelated_clause_in_a_paragraphs_place_stays_added():
    """A human-rights operative paragraph replaced by an education one (ICE) in the same place,
    same part, between the same neighbours: one removed, one added, never a 'reworded' pair."""
    old = _records(SEEDS[0])
    operative = [i for i, r in enumerate(old) if r["part"] == "operative"]
    strangers = _ice_operatives(12)
    paired = []
    for n, k in enumerate(operative[1:-1:3]):
        stranger = {**old[k], "text": strangers[n % len(strangers)]}
        new = _renumber(old[:k] + [stranger] + old[k + 1 :])
        rows, summary = diff_records(old, new)
        if summary["removed"] != 1 or summary["added"] != 1:
            paired.append((k, summary))
    assert paired == []


def test_diff_properties_challenge_set_keeps_its_quality():
    """Frozen set, 54 pairs: F1 0.902 before the order-aware alignment, 0.962 after (pytest
    floor 0.93: about half the gain; up to three more pairs missed than measured)."""
    result = _eval_script().challenge_scores()
    assert result["f1"] >= 0.93, result
    assert result["precision"] >= 0.95, result


def test_diff_properties_seed_gold_f1_meets_the_issue():
    module = _eval_script()
    gold = module.read_gold(ROOT / "data/annotations/diff_004_003.csv")
    frame = clausekit.diff(SEEDS[1], SEEDS[0])
    scores = module.prf(module.found_pairs(frame), gold)
    assert scores["f1"] >= 0.95, scores
