"""`clausekit segment` through typer's CliRunner, and the help of every command."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clausekit.cli import app

SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"
runner = CliRunner()


def test_cli_segment_jsonl_keys_and_counts():
    result = runner.invoke(app, ["segment", str(SEEDS / "004_f730982b1d88a241.txt"), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 14
    assert list(records[0]) == ["doc_id", "index", "part", "number", "lead", "text", "start", "end", "page", "page_end", "ocr_confidence", "source", "body", "symbol", "year"]
    assert records[8]["number"] == "1" and records[8]["part"] == "operative"


def test_cli_segment_folder_csv_to_file(tmp_path):
    out = tmp_path / "clauses.csv"
    result = runner.invoke(app, ["segment", str(SEEDS), "--format", "csv", "--output", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == 70 + 70 + 14 + 6
    assert not list(tmp_path.glob("*.part"))


def test_cli_segment_table_has_counts():
    result = runner.invoke(app, ["segment", str(SEEDS / "003_0d3b84d2626458c8.txt")])
    assert result.exit_code == 0
    assert "70 clauses in 1 document: preamble 33, operative 37" in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) < 160


def test_cli_segment_stdin():
    text = "L'Assemblée générale,\n\nRappelant sa résolution 54/181,\n\n1. Décide de poursuivre l'examen.\n"
    result = runner.invoke(app, ["segment", "-", "-f", "jsonl"], input=text)
    assert result.exit_code == 0
    assert [json.loads(line)["part"] for line in result.stdout.splitlines()] == ["preamble", "operative"]


def test_cli_segment_batch_goes_on_past_a_bad_file(tmp_path):
    bad = tmp_path / "scan.txt"
    bad.write_bytes(b"%PDF-1.5\n" + bytes(range(256)))
    result = runner.invoke(app, ["segment", str(bad), str(SEEDS / "004_f730982b1d88a241.txt"), "-f", "jsonl"])
    assert result.exit_code == 4
    assert len(result.stdout.splitlines()) == 14
    assert "scan.txt: is not a readable PDF" in result.stderr  # read as the PDF it is, and damaged
    assert "Traceback" not in result.output


def test_cli_segment_missing_file_one_line():
    result = runner.invoke(app, ["segment", "nope.txt"])
    assert result.exit_code == 2  # a missing path is a usage error (README, "Exit codes")
    assert result.stderr.strip().splitlines()[0] == "clausekit: error: nope.txt: no such file or folder"


def _commands(group, prefix=()):
    import typer.main

    click_group = typer.main.get_command(group) if not hasattr(group, "commands") else group
    for name, cmd in click_group.commands.items():
        yield (*prefix, name), cmd
        if hasattr(cmd, "commands"):
            yield from _commands(cmd, (*prefix, name))


def test_cli_every_command_has_help_text():
    commands = list(_commands(app))
    assert commands
    for path, cmd in commands:
        assert (cmd.help or cmd.short_help or "").strip(), f"`clausekit {' '.join(path)}` has no help text"
        for param in cmd.params:
            if param.param_type_name == "option" and not param.hidden and param.name != "help":
                assert getattr(param, "help", None), f"option {param.name} of `clausekit {' '.join(path)}` has no help"


@pytest.mark.slow
def test_cli_help_does_not_import_heavy_libraries():
    code = "import sys; from clausekit.cli import app; import clausekit.cli; print(sorted(m for m in ('spacy','sklearn','pandas','matplotlib') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"
