"""No command deletes or overwrites what it did not create (issue 15 item 1, issue 18 items 1-3).

`report --out` refuses an input, a file and a folder of other files, replaces only its own
report; `--output` refuses an input (tests/test_output_files.py: and a file clausekit did not write); `tag -o` commits nothing when nothing was produced; `-o`
to a device writes through; `evaluate` touches no card without `--update-cards`; `report`
killed with SIGKILL at random moments leaves the previous report whole.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clausekit.cli import app

SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"
CLI = [sys.executable, "-m", "clausekit"]
runner = CliRunner()


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def corpus(tmp_path) -> Path:
    """Two of the seed documents (a report needs a corpus; a small one keeps the tests quick)."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for path in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(path, folder / path.name)
    return folder


def _err_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("clausekit: error:")]


@pytest.mark.parametrize("where", ["the-input-folder", "cwd-holding-inputs", "an-input-file"])
def test_output_safety_report_refuses_an_input(corpus, where, monkeypatch):
    monkeypatch.chdir(corpus.parent)
    before = _snapshot(corpus)
    out = {"the-input-folder": str(corpus), "cwd-holding-inputs": ".", "an-input-file": str(next(corpus.glob("*.txt")))}[where]
    result = runner.invoke(app, ["report", str(corpus), "--out", out])
    assert result.exit_code == 2, result.output
    assert len(_err_lines(result)) == 1 and "Traceback" not in result.output
    assert _snapshot(corpus) == before


def test_output_safety_report_refuses_a_folder_of_other_files_even_with_force(tmp_path, corpus):
    user = tmp_path / "analysis"
    user.mkdir()
    (user / "notes.md").write_text("mine")
    (user / "analysis.ipynb").write_text("{}")
    for extra in ([], ["--force"]):
        result = runner.invoke(app, ["report", str(corpus), "--out", str(user), *extra])
        assert result.exit_code == 2 and "not a clausekit report" in result.stderr, result.output
    assert _snapshot(user) == {"analysis.ipynb": b"{}", "notes.md": b"mine"}


def test_output_safety_report_replaces_its_own_report_and_force_covers_added_files(tmp_path, corpus):
    out = tmp_path / "report"
    first = runner.invoke(app, ["report", str(corpus), "--out", str(out)])
    assert first.exit_code == 0, first.output
    again = runner.invoke(app, ["report", str(corpus), "--out", str(out)])
    assert again.exit_code == 0, again.output
    (out / "notes.md").write_text("added")
    refused = runner.invoke(app, ["report", str(corpus), "--out", str(out)])
    assert refused.exit_code == 2 and "--force" in refused.stderr and (out / "notes.md").exists()
    forced = runner.invoke(app, ["report", str(corpus), "--out", str(out), "--force"])
    assert forced.exit_code == 0 and not (out / "notes.md").exists() and (out / "report.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "report"]


# every command that reads documents and writes --output (`references -o` overwrote its input)
READING_COMMANDS = ["tag", "segment", "references"]


def test_output_safety_every_reading_command_with_output_is_checked():
    import typer.main

    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    reading = sorted(
        name
        for name, cmd in commands.items()
        if any(p.name == "paths" for p in cmd.params) and any("--output" in getattr(p, "opts", ()) for p in cmd.params)
    )
    assert reading == sorted(READING_COMMANDS)


@pytest.mark.parametrize("command", READING_COMMANDS)
@pytest.mark.parametrize("via", ["file", "folder", "link"])
def test_output_safety_output_refuses_to_overwrite_an_input(tmp_path, corpus, command, via):
    doc = next(corpus.glob("*.txt"))
    before = doc.read_bytes()
    out = doc
    if via == "link":
        out = tmp_path / "alias.jsonl"
        out.symlink_to(doc)
    given = str(corpus) if via == "folder" else str(doc)
    result = runner.invoke(app, [command, given, "-f", "jsonl", "-o", str(out)])
    assert result.exit_code == 2 and "an input is never overwritten" in result.stderr, result.output
    assert doc.read_bytes() == before


@pytest.mark.parametrize("command", ["tag", "segment"])
def test_output_safety_nothing_produced_keeps_the_previous_output(tmp_path, command):
    out = tmp_path / "out.jsonl"
    previous = runner.invoke(app, [command, str(next(SEEDS.glob("*.txt"))), "-f", "jsonl", "-o", str(out)])
    assert previous.exit_code == 0, previous.output
    before = out.read_bytes()
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    result = runner.invoke(app, [command, str(tmp_path / "missing.txt"), str(binary), "-f", "jsonl", "-o", str(out)])
    assert result.exit_code != 0
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.txt", "out.jsonl"]


@pytest.mark.skipif(not Path("/dev/null").is_char_device(), reason="needs /dev/null")
def test_output_safety_output_to_dev_null_writes_through():
    before = os.stat("/dev/null")
    result = runner.invoke(app, ["segment", str(SEEDS), "-f", "csv", "-o", "/dev/null"])
    assert result.exit_code == 0, result.output
    after = os.stat("/dev/null")
    assert after.st_ino == before.st_ino and Path("/dev/null").is_char_device()


def test_output_safety_evaluate_writes_no_card_without_update_cards(tmp_path, monkeypatch):
    """evaluate prints, writes --output where asked, and writes cards only with --update-cards."""
    from clausekit.models import registry
    from clausekit.training import evaluation

    models = tmp_path / "models"
    shutil.copytree(registry.PROJECT_MODELS, models)
    before = _snapshot(models)
    figures = {"protocol": "test", "function": {"macro_f1": 0.5}, "themes": {"macro_f1": 0.5}}
    monkeypatch.setattr(evaluation, "evaluate", lambda **kwargs: figures)
    monkeypatch.setattr(evaluation, "format_figures", lambda f: "figures\n")
    monkeypatch.setattr(registry, "load_model", lambda *a, **k: object())
    out = tmp_path / "figures.json"
    result = runner.invoke(app, ["evaluate", "--model-dir", str(models), "--trust", "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text()) == figures
    assert _snapshot(models) == before
    result = runner.invoke(app, ["evaluate", "--model-dir", str(models), "--trust", "--update-cards"])
    assert result.exit_code == 0, result.output
    changed = [name for name, data in _snapshot(models).items() if before[name] != data]
    assert changed and all(name.endswith("card.json") for name in changed)
    for name in changed:
        assert registry.read_card((models / name).parent)["evaluation"]["protocol"] == "test"


@pytest.mark.slow
def test_output_safety_report_kill9_at_random_moments_keeps_the_previous_report(tmp_path, corpus):
    out = tmp_path / "report"
    first = subprocess.run([*CLI, "report", str(corpus), "--out", str(out)], capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    start = time.monotonic()
    again = subprocess.run([*CLI, "report", str(corpus), "--out", str(out)], capture_output=True, text=True, timeout=300)
    duration = time.monotonic() - start
    assert again.returncode == 0, again.stderr
    good = _snapshot(out)
    rng = random.Random(1518)
    for _ in range(4):
        proc = subprocess.Popen([*CLI, "report", str(corpus), "--out", str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, duration))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        now = _snapshot(out)
        assert set(now) == set(good), "the previous report lost or gained files"
        assert now[".clausekit-report.json"] == good[".clausekit-report.json"]
    final = subprocess.run([*CLI, "report", str(corpus), "--out", str(out)], capture_output=True, text=True, timeout=300)
    assert final.returncode == 0, final.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "report"], "a stale temporary was not swept"
