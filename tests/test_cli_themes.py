"""`clausekit themes list|show` and `clausekit train --themes` through typer's CliRunner."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clausekit.cli import app
from clausekit.models import registry

try:
    runner = CliRunner(mix_stderr=False)
except TypeError:
    runner = CliRunner()

ROOT = registry.PROJECT_MODELS.parent
CLIMATE = ROOT / "docs" / "examples" / "climate.toml"
CLIMATE_LABELS = ROOT / "docs" / "examples" / "climate_labels.csv"
needs_themes = pytest.mark.skipif(not (registry.PROJECT_MODELS / "themes" / "2.0.0").is_dir(),
                                  reason="models/themes/2.0.0 is missing (run `clausekit train --only-themes`)")


@pytest.mark.parametrize("command", [["themes"], ["themes", "list"], ["themes", "show"]])
def test_cli_themes_every_command_has_help(command):
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0 and len(result.stdout) > 100


@needs_themes
def test_cli_themes_list_names_the_builtin_themes():
    result = runner.invoke(app, ["themes", "list"])
    assert result.exit_code == 0, result.stderr
    for name in ("covid19", "south_south", "coercive_measures"):
        assert name in result.stdout


@needs_themes
def test_cli_themes_show_prints_concepts_and_vetoes():
    result = runner.invoke(app, ["themes", "show", "coercive_measures"])
    assert result.exit_code == 0, result.stderr
    assert "concepts:" in result.stdout and "vetoes" in result.stdout and "conseil de securite" in result.stdout
    as_json = json.loads(runner.invoke(app, ["themes", "show", "covid19", "--json"]).stdout)
    assert as_json["name"] == "covid19" and any(c["min_year"] == 2020 for c in as_json["concepts"])


@needs_themes
def test_cli_themes_show_unknown_is_one_line():
    result = runner.invoke(app, ["themes", "show", "nope"])
    assert result.exit_code != 0
    assert "nope" in result.stderr and "coercive_measures" in result.stderr and len(result.stderr.strip().splitlines()) == 1


@needs_themes
@pytest.mark.slow
def test_cli_train_user_theme_keeps_builtin_tags(tmp_path: Path):
    """The README's climate example in a copy of the models folder: built-in themes unchanged, climate added."""
    models = tmp_path / "models"
    shutil.copytree(registry.PROJECT_MODELS, models)
    result = runner.invoke(app, ["train", "--themes", str(CLIMATE), "--labels", str(CLIMATE_LABELS), "--model-dir", str(models)])
    assert result.exit_code == 0, result.stderr
    assert (models / "themes" / "2.1.0").is_dir() and "fewer than" in result.stderr
    seed = ROOT / "data" / "seeds" / "003_0d3b84d2626458c8.txt"
    before = runner.invoke(app, ["tag", str(seed), "-f", "jsonl"])
    after = runner.invoke(app, ["tag", str(seed), "-f", "jsonl", "--model-dir", str(models), "--trust"])
    assert before.exit_code == after.exit_code == 0
    old = [json.loads(x) for x in before.stdout.splitlines()]
    new = [json.loads(x) for x in after.stdout.splitlines()]
    assert [r["themes"] for r in old] == [[t for t in r["themes"] if t != "climate"] for r in new]
    assert all("climate" in r["theme_scores"] for r in new)
    again = runner.invoke(app, ["train", "--themes", str(CLIMATE), "--model-dir", str(models), "--version", "2.1.0"])
    assert again.exit_code != 0 and "already exists" in again.stderr
