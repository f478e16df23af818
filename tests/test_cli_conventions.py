"""What users expect of a command line: -h, python -m, completion, -q/-v, filters, Excel CSV,
plural forms, `info`, one schema across outputs, exit codes as the README says."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clausekit.cli import app
from clausekit.models import registry
from clausekit.tagging.formats import SEGMENT_COLUMNS, TAG_COLUMNS

try:
    runner = CliRunner(mix_stderr=False)
except TypeError:
    runner = CliRunner()

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "data" / "seeds"
SEED = SEEDS / "004_f730982b1d88a241.txt"
README = ROOT / "README.md"
needs_models = pytest.mark.skipif(not (registry.PROJECT_MODELS / "function").is_dir(), reason="models/ has no trained model (run `clausekit train`)")


def _commands(group=None, prefix=()):
    import typer.main

    group = group or typer.main.get_command(app)
    for name, cmd in group.commands.items():
        yield (*prefix, name), cmd
        if hasattr(cmd, "commands"):
            yield from _commands(cmd, (*prefix, name))


COMMANDS = [path for path, _ in _commands()]


@pytest.mark.parametrize("command", [(), *COMMANDS], ids=lambda c: " ".join(c) or "clausekit")
@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_cli_conventions_every_command_has_help(command, flag):
    result = runner.invoke(app, [*command, flag])
    assert result.exit_code == 0, result.stderr
    assert "Usage:" in result.stdout and len(result.stdout) > 150
    description = result.stdout.split("\n\n")[1].strip()
    assert len(description) > 20, f"`clausekit {' '.join(command)}` has no description"


def test_cli_conventions_python_m_clausekit_is_the_command():
    run = subprocess.run([sys.executable, "-m", "clausekit", "--version"], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0 and re.fullmatch(r"clausekit \d+\.\d+\.\d+\n", run.stdout)
    run = subprocess.run([sys.executable, "-m", "clausekit", "segment", "-h"], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0 and run.stdout.startswith("Usage: clausekit segment")
    run = subprocess.run([sys.executable, "-m", "clausekit", "segment", "missing.txt"], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 2 and run.stderr == "clausekit: error: missing.txt: no such file or folder\n"


def test_cli_conventions_shell_completion_is_offered():
    result = runner.invoke(app, ["--help"])
    assert "--install-completion" in result.stdout and "--show-completion" in result.stdout
    env = {"_CLAUSEKIT_COMPLETE": "complete_bash", "COMP_WORDS": "clausekit seg", "COMP_CWORD": "1", "_TYPER_COMPLETE_TESTING": "1"}
    run = subprocess.run([sys.executable, "-m", "clausekit"], capture_output=True, text=True, cwd=ROOT, env={**__import__("os").environ, **env})
    assert "segment" in run.stdout, run.stderr


# --- exit codes exactly as the README says ----------------------------------------------------


def _readme_exit_codes() -> dict[int, str]:
    section = README.read_text(encoding="utf-8").split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    return {int(code): what for code, what in re.findall(r"`(\d+)` ([^;`]+)", section)}


def test_cli_conventions_readme_lists_the_exit_codes_the_cli_uses():
    from clausekit.cli import _util

    documented = _readme_exit_codes()
    used = {_util.EXIT_OK, _util.EXIT_FAILED, _util.EXIT_USAGE, _util.EXIT_MODEL, _util.EXIT_PARTIAL, _util.EXIT_INTERRUPTED}
    assert set(documented) == used
    assert "missing path" in documented[2] and "model" in documented[3] and "some files" in documented[4]


def _binary(tmp_path: Path) -> Path:
    path = tmp_path / "scan.txt"
    path.write_bytes(b"%PDF-1.5\n" + bytes(range(256)))
    return path


@pytest.mark.parametrize("command", ["segment", "tag"])
def test_cli_conventions_exit_codes(command, tmp_path):
    if command == "tag" and not (registry.PROJECT_MODELS / "function").is_dir():
        pytest.skip("models/ has no trained model")
    cases = {
        0: [str(SEED)],
        2: [str(tmp_path / "missing.txt")],  # a missing path: usage
        1: [str(_binary(tmp_path))],  # read, but not text: the input could not be processed
        4: [str(SEED), str(tmp_path / "missing.txt")],  # some of a batch failed
    }
    for expected, args in cases.items():
        result = runner.invoke(app, [command, *args, "-f", "jsonl"])
        assert result.exit_code == expected, (args, result.stderr)
        assert "Traceback" not in result.stderr
    assert runner.invoke(app, [command, str(SEED), "--format", "xml"]).exit_code == 2  # a bad option


@needs_models
def test_cli_conventions_exit_code_3_for_a_missing_model(tmp_path):
    result = runner.invoke(app, ["tag", str(SEED), "--model-dir", str(tmp_path), "--trust"])
    assert result.exit_code == 3 and len(result.stderr.strip().splitlines()) == 1


# --- same columns everywhere ------------------------------------------------------------------


def _csv(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


@pytest.mark.slow
@needs_models
def test_cli_conventions_jsonl_csv_and_dataframe_share_one_schema():
    import clausekit

    jsonl = [json.loads(line) for line in runner.invoke(app, ["tag", str(SEED), "-f", "jsonl"]).stdout.splitlines()]
    rows = _csv(runner.invoke(app, ["tag", str(SEED), "-f", "csv"]).stdout)
    df = clausekit.tag(SEED)
    assert list(jsonl[0]) == list(rows[0]) == list(df.columns) == list(TAG_COLUMNS)
    for key in ("year", "symbol", "body", "source"):
        assert jsonl[0][key] == df.loc[0, key] and str(rows[0][key]) == str(df.loc[0, key])
        assert jsonl[0][key] is not None  # a seed with a heading
    segmented = [json.loads(line) for line in runner.invoke(app, ["segment", str(SEED), "-f", "jsonl"]).stdout.splitlines()]
    assert list(segmented[0]) == list(SEGMENT_COLUMNS)
    assert {k: segmented[0][k] for k in ("year", "symbol", "body", "source")} == {k: jsonl[0][k] for k in ("year", "symbol", "body", "source")}


@pytest.mark.slow
@needs_models
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_cli_conventions_csv_input_keeps_the_user_columns(tmp_path, jobs):
    one = tmp_path / "one.csv"
    one.write_text("ref,text,year,analyst,function\nR-1,Prie les États de coopérer ;,2021,Léa,x\nR-2,Rappelant sa résolution 54/181,,Tom,y\n", encoding="utf-8")
    two = tmp_path / "two.csv"
    two.write_text("text,ref,region\nExhorte les États à agir ;,R-3,Afrique\n", encoding="utf-8")
    result = runner.invoke(app, ["tag", str(one), str(two), "-i", "csv", "--id-column", "ref", "-f", "csv", "--jobs", jobs])
    assert result.exit_code == 0, result.stderr
    rows = _csv(result.stdout)
    header = list(rows[0])
    assert header[: len(TAG_COLUMNS)] == list(TAG_COLUMNS) and header[len(TAG_COLUMNS):] == ["analyst", "input_function", "region"]
    assert [r["doc_id"] for r in rows] == ["R-1", "R-2", "R-3"]
    assert [r["analyst"] for r in rows] == ["Léa", "Tom", ""] and rows[2]["region"] == "Afrique"
    assert [r["year"] for r in rows] == ["2021", "", ""] and rows[0]["input_function"] == "x"
    assert rows[0]["function"] == "request"
    missing = runner.invoke(app, ["tag", str(one), "-i", "csv", "--id-column", "nope"])
    assert missing.exit_code == 1 and "'nope' column" in missing.stderr


@pytest.mark.slow
@needs_models
def test_cli_conventions_csv_input_folder_reads_its_csv_files(tmp_path):
    import clausekit

    (tmp_path / "a.csv").write_text("text\nPrie les États de coopérer ;\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("Rappelant sa résolution 54/181,\n", encoding="utf-8")
    result = runner.invoke(app, ["tag", str(tmp_path), "-i", "csv", "-f", "jsonl"])
    assert result.exit_code == 0, result.stderr
    assert [json.loads(line)["text"] for line in result.stdout.splitlines()] == ["Prie les États de coopérer ;"]
    assert list(clausekit.tag(tmp_path, input_format="csv")["text"]) == ["Prie les États de coopérer ;"]


def test_cli_conventions_segment_csv_input_keeps_the_user_columns(tmp_path):
    path = tmp_path / "docs.csv"
    path.write_text("code,text,note\nD1,\"L'Assemblée générale,\n\nRappelant sa résolution 54/181,\n\n1. Décide de poursuivre l'examen.\",ok\n", encoding="utf-8")
    result = runner.invoke(app, ["segment", str(path), "-i", "csv", "--id-column", "code", "-f", "jsonl"])
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["doc_id"] for r in records] == ["D1", "D1"] and all(r["note"] == "ok" for r in records)
    assert list(records[0])[: len(SEGMENT_COLUMNS)] == list(SEGMENT_COLUMNS)


def test_cli_conventions_one_max_size_default():
    import typer.main

    group = typer.main.get_command(app)
    defaults = {name: p.default for name, cmd in group.commands.items() for p in getattr(cmd, "params", []) if p.name == "max_size"}
    assert set(defaults) >= {"segment", "tag", "report"} and len(set(defaults.values())) == 1


# --- filters, threshold, Excel, plurals, -q/-v ----------------------------------------------


@pytest.mark.slow
@needs_models
def test_cli_conventions_filters_keep_exactly_the_matching_clauses():
    every = [json.loads(line) for line in runner.invoke(app, ["tag", str(SEEDS), "-f", "jsonl"]).stdout.splitlines()]
    median = sorted(r["function_confidence"] for r in every)[len(every) // 2]  # a threshold some clauses miss
    cases = [
        (["--theme", "covid19"], lambda r: "covid19" in r["themes"]),
        (["--theme", "covid19", "--theme", "south_south"], lambda r: {"covid19", "south_south"} & set(r["themes"])),
        (["--function", "request", "--part", "operative"], lambda r: r["function"] == "request" and r["part"] == "operative"),
        (["--min-confidence", str(median)], lambda r: r["function_confidence"] >= median),
    ]
    for options, keep in cases:
        result = runner.invoke(app, ["tag", str(SEEDS), "-f", "jsonl", *options])
        assert result.exit_code == 0, result.stderr
        kept = [json.loads(line) for line in result.stdout.splitlines()]
        assert kept == [r for r in every if keep(r)], options
        assert 0 < len(kept) < len(every), options
    unknown = runner.invoke(app, ["tag", str(SEED), "--theme", "covid"])
    assert unknown.exit_code == 2 and "covid19" in unknown.stderr


@pytest.mark.slow
@needs_models
def test_cli_conventions_low_confidence_threshold():
    def flags(*options: str) -> list[bool]:
        out = runner.invoke(app, ["tag", str(SEEDS), "-f", "jsonl", *options]).stdout
        return [(r["low_confidence"], r["function_confidence"]) for r in map(json.loads, out.splitlines())]

    high = str(max(conf for _, conf in flags()))  # a threshold above some clauses whatever the model
    for threshold in ("0.6", high):
        assert all(low == (conf < float(threshold)) for low, conf in flags("--low-confidence-below", threshold))
    assert flags() == flags("--low-confidence-below", "0.6")
    assert sum(low for low, _ in flags("--low-confidence-below", high)) > sum(low for low, _ in flags())


@pytest.mark.slow
@needs_models
def test_cli_conventions_excel_csv(tmp_path):
    clauses = tmp_path / "c.txt"
    clauses.write_text("=HYPERLINK(\"http://x\")\nPrie les États de coopérer ;\n", encoding="utf-8")
    out = tmp_path / "c.csv"
    result = runner.invoke(app, ["tag", str(clauses), "-i", "lines", "-f", "csv", "--excel", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and "États".encode() in data
    rows = _csv(data.decode("utf-8"))
    assert rows[0]["text"] == "'=HYPERLINK(\"http://x\")" and rows[1]["text"] == "Prie les États de coopérer ;"
    bom_only = runner.invoke(app, ["tag", str(clauses), "-i", "lines", "-f", "csv", "--bom"]).stdout
    assert bom_only.startswith("\ufeff") and _csv(bom_only)[0]["text"].startswith("'=")  # escaped by default
    raw = runner.invoke(app, ["tag", str(clauses), "-i", "lines", "-f", "csv", "--bom", "--raw-csv"]).stdout
    assert _csv(raw)[0]["text"].startswith("=")
    assert runner.invoke(app, ["tag", str(clauses), "--excel"]).exit_code == 2  # only for a CSV


@pytest.mark.slow
@needs_models
def test_cli_conventions_plural_forms(tmp_path):
    one = tmp_path / "one.txt"
    one.write_text("Prie les États de coopérer ;\n", encoding="utf-8")
    table = runner.invoke(app, ["tag", str(one), "-i", "lines"]).stdout
    assert "1 clause in 1 document:" in table and "0 low-confidence clauses" in table
    assert "1 clauses" not in table and "1 documents" not in table
    seg = runner.invoke(app, ["segment", str(one)]).stdout
    assert "1 clause in 1 document:" in seg
    report = runner.invoke(app, ["report", str(SEED), "--out", str(tmp_path / "r")])
    assert report.exit_code == 0, report.stderr
    assert "report of 1 document, 14 clauses" in report.stderr


@pytest.mark.slow
@needs_models
def test_cli_conventions_quiet_and_verbose(tmp_path):
    english = tmp_path / "english.txt"
    english.write_text("The General Assembly,\n\nRecalling its resolution 54/181,\n\n1. Decides to continue the consideration of this question.\n", encoding="utf-8")
    args = ["tag", str(english), str(tmp_path / "missing.txt"), "-f", "jsonl"]
    normal = runner.invoke(app, args)
    quiet = runner.invoke(app, [*args, "-q"])
    before = runner.invoke(app, ["--quiet", *args])
    verbose = runner.invoke(app, [*args, "--verbose"])
    assert normal.exit_code == quiet.exit_code == before.exit_code == verbose.exit_code == 4
    assert "warning:" in normal.stderr and "files done" in normal.stderr
    for result in (quiet, before):
        assert result.stderr.splitlines() == ["clausekit: error: " + str(tmp_path / "missing.txt") + ": no such file or folder"]
        assert result.stdout == normal.stdout
    assert re.search(rf"{re.escape(str(english))}: \d+ clauses?", verbose.stderr), verbose.stderr
    assert runner.invoke(app, [*args, "-q", "-v"]).exit_code == 2


def test_cli_conventions_info_reports_versions_models_and_paths():
    result = runner.invoke(app, ["info", "--json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    import clausekit

    assert data["clausekit"] == clausekit.__version__ and data["python"] == sys.version.split()[0]
    assert data["dependencies"]["pandas"] == __import__("pandas").__version__
    assert {m["name"] for m in data["models"]} == {p.name for p in registry.PROJECT_MODELS.iterdir() if p.is_dir()}
    assert Path(data["paths"]["models"]) == registry.default_model_dir()
    table = runner.invoke(app, ["info"]).stdout
    assert "clausekit  " in table and data["paths"]["models"] in table and "pandas" in table


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ({"themes": ["covid19"], "function": "request", "part": "operative", "function_confidence": 0.95}, True),
        ({"themes": [], "function": "request", "part": "operative", "function_confidence": 0.95}, False),
        ({"themes": ["covid19"], "function": "recall", "part": "operative", "function_confidence": 0.95}, False),
        ({"themes": ["covid19"], "function": "request", "part": "preamble", "function_confidence": 0.95}, False),
        ({"themes": ["covid19"], "function": "request", "part": "operative", "function_confidence": 0.5}, False),
    ],
)
def test_cli_conventions_clause_filter_all_criteria(record, expected):
    from clausekit.tagging.filters import ClauseFilter

    keep = ClauseFilter(themes=("covid19",), functions=("request",), parts=("operative",), min_confidence=0.9)
    assert keep(record) is expected
    assert ClauseFilter()(record) is True


def test_cli_conventions_clause_filter_on_a_dataframe():
    from clausekit.tagging.filters import ClauseFilter
    from clausekit.tagging.formats import frame

    records = [{"doc_id": "d", "index": i, "part": part, "function": "request", "function_confidence": conf, "themes": themes}
               for i, (part, conf, themes) in enumerate([("operative", 0.95, ["covid19"]), ("preamble", None, []), ("operative", 0.5, [])])]
    df = frame(records)
    kept = ClauseFilter(parts=("operative",), min_confidence=0.9).frame(df)
    assert list(kept["index"]) == [0] and list(kept.columns) == list(df.columns)
    assert ClauseFilter().frame(df) is df


def test_cli_conventions_clause_filter_refuses_nonsense():
    from clausekit.tagging.filters import ClauseFilter

    with pytest.raises(ValueError, match="part"):
        ClauseFilter(parts=("preambule",))
    with pytest.raises(ValueError, match="between 0 and 1"):
        ClauseFilter(min_confidence=1.5)


@pytest.mark.parametrize("value", ["=1+2", "+33 1 23", "@SUM(A1)", "-1", "-=x"])
def test_cli_conventions_excel_cells_that_would_run_are_quoted(value):
    from clausekit.tagging.formats import csv_cell

    assert csv_cell(value, escape=True) == "'" + value and csv_cell(value) == value


@pytest.mark.parametrize("value", ["Prie les États", "", "54/181", 12, -1.5])
def test_cli_conventions_excel_leaves_text_alone(value):
    from clausekit.tagging.formats import csv_cell

    assert csv_cell(value, escape=True) == value


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_cli_conventions_progress_only_on_a_terminal_stderr(monkeypatch):
    from clausekit.cli import _progress, _util

    monkeypatch.setattr(sys, "stderr", io.StringIO())
    with _progress.Progress("tagging", 3) as bar:
        assert not bar.enabled
        bar.advance()
    assert sys.stderr.getvalue() == ""
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with _progress.Progress("tagging", 3) as bar:
        assert bar.enabled
        bar.show("a.txt")
        bar.advance()
    assert "tagging" in terminal.getvalue()
    _util.set_verbosity(quiet=True)
    try:
        with _progress.Progress("tagging", 3) as bar:
            assert not bar.enabled  # --quiet: no bar even on a terminal
    finally:
        _util.set_verbosity()
    with _progress.Progress("tagging", 1, at_least=2) as bar:
        assert not bar.enabled  # one file: no bar


def test_cli_conventions_table_numbers_are_shown_whole():
    # a column is sized on the text it shows: round similarities (1.0) were sized on "1.0"
    # and shown "1.…" by `clausekit diff` on two versions with unchanged paragraphs
    from clausekit.cli._util import format_table

    columns = [("similarity", "sim", 4), ("function_confidence", "conf", 4), ("text", "text", 60)]
    for values in ([1.0, 0.5], [1.0], [0.98765, 1.0], [None, 1.0]):
        rows = [{"similarity": v, "function_confidence": v, "text": "Décide"} for v in values]
        table = format_table(rows, columns)
        shown = [line.split() for line in table.splitlines()[2:]]
        assert "…" not in table, table
        assert [line[:2] for line in shown if len(line) == 3] == [[f"{v:.2f}"] * 2 for v in values if v is not None], table


def test_cli_conventions_diff_table_shows_similarities_whole(tmp_path):
    old = tmp_path / "old.txt"
    new = tmp_path / "new.txt"
    old.write_text("L'Assemblée générale,\n\nRappelant sa résolution 77/185,\n\n1. Prie le Secrétaire général de lui présenter un rapport.\n", encoding="utf-8")
    new.write_text(old.read_text(encoding="utf-8"), encoding="utf-8")
    result = runner.invoke(app, ["diff", str(old), str(new)])
    assert result.exit_code == 0, result.output
    assert "1.…" not in result.stdout and "1.00" in result.stdout, result.stdout
