"""`clausekit tag`, `models`, `train`, `evaluate` through typer's CliRunner."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from clausekit.cli import app
from clausekit.models import registry

try:
    runner = CliRunner(mix_stderr=False)
except TypeError:
    runner = CliRunner()

ROOT = registry.PROJECT_MODELS.parent
SEED = ROOT / "data" / "seeds" / "004_f730982b1d88a241.txt"
needs_models = pytest.mark.skipif(not (registry.PROJECT_MODELS / "function").is_dir(), reason="models/ has no trained model (run `clausekit train`)")


@pytest.mark.parametrize("command", [["tag"], ["models"], ["models", "list"], ["models", "show"], ["train"], ["evaluate"]])
def test_cli_tag_every_command_has_help(command):
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0 and len(result.stdout) > 100


@pytest.mark.slow
@needs_models
def test_cli_tag_jsonl_parses_line_by_line():
    result = runner.invoke(app, ["tag", str(SEED), "-f", "jsonl"])
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 14 and [r["index"] for r in records] == list(range(14))
    assert {"function", "function_confidence", "themes", "theme_scores", "low_confidence", "start", "end"} <= set(records[0])


@pytest.mark.slow
@needs_models
def test_cli_tag_lines_one_record_per_non_empty_line(tmp_path):
    lines = ["Rappelant sa résolution 54/181,", "", "1. Décide de poursuivre l'examen de la question ;", "  ", "Exhorte les États à agir ;"]
    path = tmp_path / "clauses.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["tag", str(path), "-f", "jsonl", "--input-format", "lines"])
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["text"] for r in records] == [line.strip() for line in lines if line.strip()]
    assert [r["function"] for r in records] == ["recall", "decision", "request"]


@pytest.mark.slow
@needs_models
def test_cli_tag_table_and_batch_goes_on(tmp_path):
    result = runner.invoke(app, ["tag", str(SEED), str(tmp_path / "missing.txt")])
    assert result.exit_code == 4
    assert "clauses in 1 document" in result.stdout and "low-confidence" in result.stdout
    assert "missing.txt" in result.stderr


@pytest.mark.slow
@needs_models
def test_cli_tag_csv_without_text_column_is_one_line(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("clause\nPrie les États\n", encoding="utf-8")
    result = runner.invoke(app, ["tag", str(path), "--input-format", "csv"])
    assert result.exit_code == 1 and "'text' column" in result.stderr and "Traceback" not in result.stderr


@needs_models
def test_cli_tag_models_list_and_show():
    result = runner.invoke(app, ["models", "list"])
    assert result.exit_code == 0 and "function" in result.stdout and "themes" in result.stdout
    result = runner.invoke(app, ["models", "show", "function"])
    card = json.loads(result.stdout)
    assert card["name"] == "function" and card["selected"]["reason"]


SEEDS = ROOT / "data" / "seeds"


def _tag_seeds(*options: str) -> list[dict]:
    # a missing file in the middle: its failure must keep its place in the order
    result = runner.invoke(app, ["tag", str(SEEDS), str(SEEDS / "missing.txt"), str(SEED), "-f", "jsonl", *options])
    assert result.exit_code == 4, result.stderr
    assert "missing.txt" in result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_cli_tag_scheduler_needs_dask_backend():
    result = runner.invoke(app, ["tag", str(SEED), "--scheduler", "tcp://127.0.0.1:8786"])
    assert result.exit_code == 2
    assert "--backend dask" in result.stderr and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.slow
@needs_models
def test_cli_tag_jobs2_output_identical_to_jobs1():
    one = _tag_seeds("--jobs", "1")
    assert [r["doc_id"] for r in one][-1] == SEED.stem and len({r["doc_id"] for r in one}) == 4
    assert _tag_seeds("--jobs", "2") == one


@pytest.mark.slow
@needs_models
def test_cli_tag_dask_local_cluster_output_identical_to_jobs1():
    distributed = pytest.importorskip("dask.distributed")
    one = _tag_seeds("--jobs", "1")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        assert _tag_seeds("--backend", "dask", "--scheduler", cluster.scheduler_address) == one


@pytest.mark.slow
@needs_models
@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_cli_tag_workers_format_the_same_bytes(fmt):
    """--jobs workers format their records themselves: the output is byte for byte that of --jobs 1."""
    outputs = []
    for jobs in ("1", "2"):
        result = runner.invoke(app, ["tag", str(SEEDS), str(SEEDS / "missing.txt"), str(SEED), "-f", fmt, "--jobs", jobs])
        assert result.exit_code == 4, result.stderr
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1]
    assert outputs[0].count("\n") > 100
    if fmt == "csv":
        assert outputs[0].startswith("doc_id,index,part,number,lead,text,start,end,page,page_end,ocr_confidence,function,")
        assert outputs[0].count("doc_id,index,") == 1  # one header, whoever formatted the rows
