"""Folders read every supported format in any case, --glob chooses, skipped files are named, ids are unique."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from clausekit.cli import app
from clausekit.read.folders import expand_inputs
from clausekit.tagging.batch import Failure, iter_inputs

SEEDS = Path(__file__).resolve().parent.parent / "data" / "seeds"
TEXT_004 = (SEEDS / "004_f730982b1d88a241.txt").read_bytes()
TEXT_000 = (SEEDS / "000_10894b76cb1fbe11.txt").read_bytes()


def _corpus(root: Path) -> Path:
    (root / "2019").mkdir(parents=True)
    (root / "2020").mkdir()
    (root / ".git").mkdir()
    (root / "2019" / "resolution.txt").write_bytes(TEXT_004)
    (root / "2020" / "resolution.txt").write_bytes(TEXT_000)
    (root / "A_RES_55_109.TXT").write_bytes(TEXT_004)
    (root / "note.md").write_bytes(TEXT_000)
    (root / "page.HTML").write_text("<html><body><main><p>1. Décide de poursuivre l'examen.</p></main></body></html>", encoding="utf-8")
    (root / "budget.xlsx").write_bytes(b"PK\x03\x04 not read")
    (root / "README").write_text("notes", encoding="utf-8")
    (root / ".git" / "config").write_text("[core]", encoding="utf-8")
    return root


def test_folders_read_every_supported_extension_in_any_case(tmp_path):
    inputs = expand_inputs([_corpus(tmp_path)])
    names = sorted(Path(f.path).name for f in inputs.files)
    assert names == ["A_RES_55_109.TXT", "note.md", "page.HTML", "resolution.txt", "resolution.txt"]
    assert sorted(Path(p).name for p, _ in inputs.skipped) == ["README", "budget.xlsx"]
    assert not inputs.errors


def test_doc_ids_unique_within_a_run(tmp_path):
    inputs = expand_inputs([_corpus(tmp_path)])
    ids = [f.doc_id for f in inputs.files]
    assert len(set(ids)) == len(ids)
    assert {"2019/resolution.txt", "2020/resolution.txt", "A_RES_55_109", "note", "page"} == set(ids)
    # The same file twice is one document, read once, whichever way it was named; the repeat is named.
    twice = expand_inputs([tmp_path, tmp_path / "note.md"])
    assert [f.doc_id for f in twice.files if f.path.endswith("note.md")] == ["note"]
    assert [p for p, reason in twice.skipped if "given twice" in reason] == [str(tmp_path / "note.md")]


def test_glob_chooses_files_case_insensitively(tmp_path):
    _corpus(tmp_path)
    assert sorted(Path(f.path).name for f in expand_inputs([tmp_path], glob="*.txt").files) == ["A_RES_55_109.TXT", "resolution.txt", "resolution.txt"]
    assert [f.doc_id for f in expand_inputs([tmp_path], glob="2019/*").files] == ["resolution"]
    assert expand_inputs([tmp_path], glob="*.doc").errors


def test_missing_path_is_a_failure_and_the_rest_goes_on(tmp_path):
    _corpus(tmp_path)
    items = list(iter_inputs([tmp_path / "nope.txt", tmp_path / "note.md"]))
    assert isinstance(items[0], Failure) and "nope.txt" in items[0].message
    assert items[1].doc_id == "note"


def test_cli_names_skipped_files_and_keeps_source(tmp_path):
    _corpus(tmp_path)
    result = CliRunner().invoke(app, ["segment", str(tmp_path), "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    assert "2 files skipped" in result.stderr
    assert "budget.xlsx" in result.stderr and "README" in result.stderr
    ids = {json.loads(line)["doc_id"] for line in result.stdout.splitlines()}
    assert ids == {"2019/resolution.txt", "2020/resolution.txt", "A_RES_55_109", "note", "page"}


def test_cli_tag_reads_only_what_glob_matches(tmp_path):
    _corpus(tmp_path)
    result = CliRunner().invoke(app, ["tag", str(tmp_path), "--glob", "*.TXT", "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["doc_id"] for r in records} == {"2019/resolution.txt", "2020/resolution.txt", "A_RES_55_109"}
    assert "skipped" not in result.stderr


def test_the_same_input_given_twice_is_read_once_and_named(tmp_path):
    # `clausekit segment a.txt a.txt` (or a folder and a file in it, overlapping shell globs) wrote
    # the clauses twice under one doc_id, so any count over the output doubled them; `- -` read
    # standard input, then failed on it as "the file is empty" (exit 4)
    res = tmp_path / "res.txt"
    res.write_text("L'Assemblée générale,\n\nRappelant sa résolution 70/1,\n\n1. Décide de poursuivre.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["segment", str(res), str(tmp_path), str(tmp_path / "." / "res.txt"), "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    keys = [(r["doc_id"], r["index"]) for r in map(json.loads, result.stdout.splitlines())]
    assert keys == [("res", 0), ("res", 1)]
    assert "2 files skipped" in result.stderr and "given twice" in result.stderr
    result = CliRunner().invoke(app, ["segment", "-", "-", "-f", "jsonl"], input="Décide de poursuivre.\n")
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 1
    assert "standard input is given more than once" in result.stderr


def test_every_reading_command_names_the_files_it_skips(tmp_path):
    # `clausekit references folder/` skipped an .xlsx in silence
    _corpus(tmp_path)
    for command in ("segment", "references"):
        result = CliRunner().invoke(app, [command, str(tmp_path), "-f", "jsonl"])
        assert result.exit_code == 0, result.output
        assert "2 files skipped" in result.stderr and "budget.xlsx" in result.stderr, (command, result.stderr)
