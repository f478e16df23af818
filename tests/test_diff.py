"""Clause-by-clause diff (clausekit.diff, `clausekit diff`): alignment properties, the seeds, formats."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from typer.testing import CliRunner

import clausekit
from clausekit.cli import app
from clausekit.outputs.diff import diff_records, same_words, summary_line, word_diff

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "seeds"
OLD, NEW, OCR = (
    SEED / "004_f730982b1d88a241.txt",
    SEED / "003_0d3b84d2626458c8.txt",
    SEED / "001_11bf369c9702862e.txt",
)
try:
    runner = CliRunner(mix_stderr=False)
except TypeError:
    runner = CliRunner()


def _records(path: Path) -> list[dict]:
    return clausekit.segment(path).to_records()


def _renumber(records: list[dict]) -> list[dict]:
    return [{**r, "index": i} for i, r in enumerate(records)]


def test_diff_a_text_with_itself_is_all_kept():
    records = _records(NEW)
    rows, summary = diff_records(records, records)
    assert summary["kept"] == len(records) and all(r["old_index"] == r["new_index"] for r in rows)


@pytest.mark.parametrize("seed", range(5))
def test_diff_deletions_insertions_and_swaps_are_recovered(seed):
    rng = random.Random(seed)
    base = _records(NEW)
    old = _renumber(base[:40])
    new = list(base[:40])
    removed = rng.sample(range(40), 3)
    for i in sorted(removed, reverse=True):
        del new[i]
    extra = base[40 + rng.randrange(0, 25)]
    new.insert(rng.randrange(0, len(new)), extra)
    a, b = rng.sample(range(len(new)), 2)
    new[a], new[b] = new[b], new[a]
    new = _renumber(new)
    rows, summary = diff_records(old, new)
    assert summary["removed"] == 3 and summary["added"] == 1
    assert sorted(r["old_index"] for r in rows if r["status"] == "removed") == sorted(removed)
    assert summary["moved"] >= 1 and summary["kept"] + summary["moved"] == 37


def test_diff_ocr_twin_is_all_kept():
    rows, summary = diff_records(_records(OCR), _records(NEW))
    assert (
        summary["kept"] == 70
        and summary["kept"] == summary["old_clauses"] == summary["new_clauses"]
    )


def test_diff_word_diff_rebuilds_both_sides():
    old, new = (
        "Décide de poursuivre l'examen de la question à sa cinquante-sixième session.",
        "Décide de poursuivre l'examen de la question à sa cinquante-troisième session, conformément à son programme.",
    )
    _, pieces = word_diff(old, new)
    kept_old = "".join(t for op, t in pieces if op in ("equal", "delete"))
    kept_new = "".join(t for op, t in pieces if op in ("equal", "insert"))
    assert kept_old == old and kept_new == new  # the original spacing: "cinquante-sixième", not "cinquante - sixième"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Rappelant sa résolution 54/181 du 17 décembre 1999,", "Rappelant ses résolutions 54/181 et 55/109,"),
        ("Prie le Secrétaire général (« le Secrétaire »)  de faire rapport ;", "Prie le Secrétaire de faire rapport."),
        ("", "Décide de rester saisi de la question."),
    ],
)
def test_diff_word_diff_keeps_each_side_as_written(old, new):
    marked, pieces = word_diff(old, new)
    assert "".join(t for op, t in pieces if op != "insert") == " ".join(old.split())
    assert "".join(t for op, t in pieces if op != "delete") == " ".join(new.split())
    assert "54 / 181" not in marked


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("pour un coût abordable", "pour un colt abordable", True),
        ("Rappelant sa résolution", "Rappelant la résolution", False),
        ("Décide de poursuivre l'examen", "Décide de continuer l'examen", False),
        ("Prie le Secrétaire général", "prie le secrétaire general", True),
    ],
)
def test_diff_same_words_tolerates_ocr_slips_only(a, b, same):
    assert same_words(a, b) is same


def test_diff_seed_versions_acceptance():
    frame = clausekit.diff(OLD, NEW)
    pairs = frame[frame.status.isin(["kept", "reworded", "moved"])]
    starts = {r.new_text.split(",")[0]: r.status for r in pairs.itertuples()}
    assert (
        starts.get("Réaffirmant sa volonté de promouvoir la coopération internationale")
        == "reworded"
    )
    decide = pairs[pairs.new_text.str.startswith("Décide de poursuivre l'examen de la question")]
    assert len(decide) == 1 and decide.iloc[0].old_text.startswith("Décide de poursuivre")
    themed = frame[frame.new_themes.map(lambda t: "covid19" in t or "south_south" in t)]
    assert len(themed) > 0 and set(themed.status) == {"added"}
    summary = frame.attrs["summary"]
    assert {"covid19", "south_south"} <= set(summary["themes_appearing"]) and summary[
        "themes_disappearing"
    ] == []
    assert summary_line(summary).startswith(
        f"{summary['kept']} kept, {summary['reworded']} reworded"
    )


def test_diff_cli_formats_match_the_library(tmp_path):
    frame = clausekit.diff(OLD, NEW)
    result = runner.invoke(app, ["diff", str(OLD), str(NEW), "--format", "jsonl"])
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["status"] for r in rows] == list(frame.status)
    page = tmp_path / "diff.html"
    result = runner.invoke(
        app, ["diff", str(OLD), str(NEW), "--format", "html", "--output", str(page)]
    )
    assert result.exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert (
        html.startswith("<!DOCTYPE html>")
        and "<ins>" in html
        and "<del>" in html
        and "http" not in html
    )
    assert not list(tmp_path.glob(".*.part"))
    result = runner.invoke(app, ["diff", str(OLD), str(NEW), "--format", "csv"])
    assert result.stdout.splitlines()[0].startswith("status,old_index,new_index")


def test_diff_cli_refuses_bad_input_and_its_own_input_as_output(tmp_path):
    result = runner.invoke(app, ["diff", str(tmp_path / "missing.txt"), str(NEW)])
    assert (
        result.exit_code != 0
        and "missing.txt" in result.stderr
        and "Traceback" not in result.stderr
    )
    copy = tmp_path / "new.txt"
    copy.write_text(NEW.read_text(encoding="utf-8"), encoding="utf-8")
    before = copy.read_bytes()
    result = runner.invoke(app, ["diff", str(OLD), str(copy), "--output", str(copy)])
    assert result.exit_code != 0 and copy.read_bytes() == before


@pytest.mark.parametrize("command", ["diff", "references"])
def test_diff_commands_have_help(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0 and len(result.stdout) > 100
