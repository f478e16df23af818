"""The hand annotation of the four seeds (data/annotations/seeds.csv) against the current segmentation."""

from __future__ import annotations

import csv
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from clausekit.segmentation.segmenter import segment

ROOT = Path(__file__).resolve().parents[1]
SEEDS_DIR = ROOT / "data" / "seeds"
SEEDS_CSV = ROOT / "data" / "annotations" / "seeds.csv"
LABELS_CSV = ROOT / "data" / "annotations" / "seed_labels.csv"
SCRIPT = ROOT / "scripts" / "build_seed_annotations.py"

FUNCTIONS = {"recall", "concern", "request", "decision", "position", "other"}
THEMES = {"covid19", "south_south", "coercive_measures"}
HEADER = ["doc_id", "clause_index", "part", "number", "function", "themes", "text"]
OCR, CLEAN = "001_11bf369c9702862e", "003_0d3b84d2626458c8"


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with open(SEEDS_CSV, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == HEADER
        return list(reader)


@pytest.fixture(scope="module")
def docs():
    return {p.stem: segment(str(p)) for p in sorted(SEEDS_DIR.glob("*.txt"))}


def test_every_clause_of_every_seed_exactly_once(rows, docs):
    keys = [(r["doc_id"], int(r["clause_index"])) for r in rows]
    assert len(keys) == len(set(keys)), "a clause is annotated twice"
    expected = {(doc_id, c.index) for doc_id, doc in docs.items() for c in doc.clauses}
    assert set(keys) == expected
    assert {doc_id: len(doc.clauses) for doc_id, doc in docs.items()} == {
        "000_10894b76cb1fbe11": 6,
        OCR: 70,
        CLEAN: 70,
        "004_f730982b1d88a241": 14,
    }


def test_rows_match_the_segmentation(rows, docs):
    for r in rows:
        c = docs[r["doc_id"]].clauses[int(r["clause_index"])]
        assert (r["part"], r["number"], r["text"]) == (c.part, c.number or "", c.text)


def test_labels_are_in_the_guide_sets(rows):
    for r in rows:
        assert r["function"] in FUNCTIONS, r
        themes = [t for t in r["themes"].split(";") if t]
        assert set(themes) <= THEMES, r
        assert len(themes) == len(set(themes)), r
    # narrative clauses are "other" in the seeds (no present-tense deliberative sentence in 000)
    assert {r["function"] for r in rows if r["part"] == "narrative"} == {"other"}


def test_ocr_copy_agrees_with_its_clean_twin(rows):
    by_doc: dict[str, list[dict[str, str]]] = {}
    for r in rows:
        by_doc.setdefault(r["doc_id"], []).append(r)
    ocr = sorted(by_doc[OCR], key=lambda r: int(r["clause_index"]))
    clean = sorted(by_doc[CLEAN], key=lambda r: int(r["clause_index"]))
    assert len(ocr) == len(clean) == 70
    for o, c in zip(ocr, clean, strict=True):
        assert (o["part"], o["number"]) == (c["part"], c["number"])
        assert (o["function"], o["themes"]) == (c["function"], c["themes"]), (
            o["clause_index"],
            o["text"][:60],
        )


def test_hand_labels_do_not_cover_the_ocr_copy():
    with open(LABELS_CSV, encoding="utf-8", newline="") as f:
        assert OCR not in {r["doc_id"] for r in csv.DictReader(f)}


def test_check_mode_passes():
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr


def _load_script():
    spec = importlib.util.spec_from_file_location("build_seed_annotations", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_label_for_a_missing_clause_fails_loudly(tmp_path, monkeypatch):
    module = _load_script()
    bad = tmp_path / "seed_labels.csv"
    bad.write_text(
        LABELS_CSV.read_text(encoding="utf-8") + "004_f730982b1d88a241,14,decision,\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(module, "LABELS_CSV", bad)
    with pytest.raises(module.LabelError, match="no longer has"):
        module.build_rows(force=True)


def test_check_mode_reports_a_stale_file(tmp_path, monkeypatch, capsys):
    module = _load_script()
    stale = tmp_path / "seeds.csv"
    stale.write_text(
        SEEDS_CSV.read_text(encoding="utf-8").replace(",recall,", ",position,", 1), encoding="utf-8"
    )
    monkeypatch.setattr(module, "OUT_CSV", stale)
    monkeypatch.setattr(module, "ROOT", tmp_path)
    assert module.main(["--check"]) == 1
    assert "out of date" in capsys.readouterr().err
