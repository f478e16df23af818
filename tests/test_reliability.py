"""Bad inputs, options and names as one line each, a batch that goes on; CSV formula escaping; tokenizer and
OCR bounds as properties, never timings (issue 18 items 6, 8-10, 14-16; timings are in `make bench`).
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from clausekit.cli import app
from clausekit.tagging.formats import FORMULA_STARTS, csv_text, escape_formula

SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"
GOOD = SEEDS / "004_f730982b1d88a241.txt"
runner = CliRunner()


def _errors(result) -> list[str]:
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return [line for line in result.stderr.splitlines() if line.startswith("clausekit: error:")]


# --- item 6: CSV formula injection --------------------------------------------------------


@given(st.text(min_size=1, max_size=30))
def test_reliability_csv_cells_never_start_a_formula(text):
    rows = list(csv.reader(io.StringIO(csv_text([{"text": text, "n": -1}], ["text", "n"]), newline="")))
    cell = rows[0][0]
    assert not cell.startswith(FORMULA_STARTS)
    assert cell in (text, "'" + text)
    assert rows[0][1] == "-1"  # numbers are never changed


@pytest.mark.parametrize("command", ["tag", "segment"])
def test_reliability_csv_escaping_in_the_cli_and_raw_csv_switch(tmp_path, command):
    doc = tmp_path / "doc.txt"
    doc.write_text("=HYPERLINK(\"http://x\")\n\n1. Prie le Secrétaire général de faire rapport.\n", encoding="utf-8")
    texts = {}
    for switch in ([], ["--raw-csv"]):
        result = runner.invoke(app, [command, str(doc), "-f", "csv", *switch])
        assert result.exit_code == 0, result.output
        texts[bool(switch)] = [r["text"] for r in csv.DictReader(io.StringIO(result.stdout))]
    assert any(t.startswith("'=HYPERLINK") for t in texts[False])
    assert any(t.startswith("=HYPERLINK") for t in texts[True])


def test_reliability_report_tables_escape_formulas(tmp_path):
    from test_stats import tagged_frame

    from clausekit.outputs.report import build_report

    df = tagged_frame()
    df["doc_id"] = "=cmd|' /C calc'!A0" + df["doc_id"]
    for escape, out in ((True, tmp_path / "r1"), (False, tmp_path / "r2")):
        build_report(df, out, escape_formulas=escape)
        cells = [c for p in (out / "tables").glob("*.csv") for row in csv.reader(p.open(encoding="utf-8")) for c in row]
        assert any(c.startswith("=cmd") for c in cells) is not escape
        assert any(c.startswith("'=cmd") for c in cells) is escape


# --- item 8: --jobs --------------------------------------------------------------------------


def test_reliability_jobs_capped_at_cpus_and_inputs():
    from clausekit.tagging.parallel import plan_jobs

    assert plan_jobs(1000, 4, cpus=2) == (2, "--jobs 1000 capped at 2 (2 CPUs, 4 inputs)")
    assert plan_jobs(8, 3, cpus=16)[0] == 3
    assert plan_jobs(2, 10, cpus=4) == (2, None)
    assert plan_jobs(-1, None, cpus=4) == (4, None)
    with pytest.raises(ValueError, match="between"):
        plan_jobs(99999999999999999999)


def test_reliability_jobs_cli_notes_the_cap_and_rejects_absurd_values():
    capped = runner.invoke(app, ["tag", str(GOOD), "-f", "jsonl", "--jobs", "1000"])
    assert capped.exit_code == 0, capped.output
    assert "capped at" in capped.stderr
    absurd = runner.invoke(app, ["tag", str(GOOD), "--jobs", "99999999999999999999"])
    assert absurd.exit_code == 2 and len(_errors(absurd)) == 1


# --- item 9: tokenizer linear, same tokens as spaCy -----------------------------------------


_PUNCT_RUNS = ["(", ")", "'", "’", ",", ";", ":", "«", "»", "…", ".", "-", "!", "?", '"', "[", "%", "§"]


def test_reliability_tokenizer_punctuation_runs_match_spacy(french_nlp):
    from clausekit.lemmas.tokenizer import tokenize

    for ch in _PUNCT_RUNS:
        for n in (1, 2, 3, 7, 40):
            for text in (ch * n, f"mot{ch * n}", f"{ch * n}mot", f"l'{ch * n}a{ch * n}"):
                assert [t.text for t in tokenize(text)] == [t.text for t in french_nlp.tokenizer(text)], repr(text)


def test_reliability_tokenizer_affix_loop_does_linear_work(monkeypatch):
    """Each affix test in the loop looks at a bounded window: count the characters the suffix search sees."""
    from clausekit.lemmas import tokenizer

    seen = []
    real = tokenizer._SUFFIX

    class Counting:
        def search(self, s, *args):
            seen.append(len(s))
            return real.search(s, *args)

    monkeypatch.setattr(tokenizer, "_SUFFIX", Counting())
    for n in (2_000, 8_000):
        seen.clear()
        tokenizer._split_chunk("(" * n, tokenizer._rules())
        assert max(seen) <= 32 and sum(seen) <= 32 * n


# --- item 10: OCR repair bounded -------------------------------------------------------------


def test_reliability_ocr_repair_tries_no_variant_of_a_long_junk_token(monkeypatch):
    from clausekit.text import ocr_repair

    calls = []
    real = ocr_repair._lookup
    monkeypatch.setattr(ocr_repair, "_lookup", lambda form: calls.append(form) or real(form))
    ocr_repair._choose.cache_clear()
    junk = "qzxwvkjhgfdsplmn" * 50  # 800 characters
    assert ocr_repair.repair(f"l'{junk} et l'{junk[:30]}") .startswith("l'")
    assert all(len(form) <= ocr_repair.MAX_REPAIR_LENGTH for form in calls)
    assert len(calls) <= 30 * 30 * 2  # the 30-character token: one variant search at most


# --- items 14-16: names, options, inputs ----------------------------------------------------


@pytest.mark.skipif(sys.platform != "linux", reason="file names as raw bytes")
@pytest.mark.parametrize("fmt", ["jsonl", "csv", "table"])
def test_reliability_non_utf8_file_name_is_written(tmp_path, fmt):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(GOOD, os.fsdecode(bytes(folder) + b"/r\xe9solution.txt"))
    shutil.copy(GOOD, folder / "b.txt")
    out = tmp_path / f"out.{fmt}"
    result = runner.invoke(app, ["tag", str(folder), "-f", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    if fmt != "jsonl":
        assert "r\\xe9solution" in text
    else:
        assert {json.loads(line)["doc_id"] for line in text.splitlines()} == {"r\\xe9solution", "b"}


def test_reliability_report_with_mathtext_in_document_names(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("$x^{2}$_a.txt", "prix_$5$.txt", "plain.txt"):
        shutil.copy(GOOD, folder / name)
    result = runner.invoke(app, ["report", str(folder), "--out", str(tmp_path / "rep")])
    assert result.exit_code == 0, result.output
    assert "$x^{2}$_a" in (tmp_path / "rep" / "report.html").read_text(encoding="utf-8")


def test_reliability_corpus_without_clauses_is_one_line_and_keeps_the_old_report(tmp_path):
    from test_stats import tagged_frame

    from clausekit.errors import ClausekitError
    from clausekit.outputs.report import build_report

    out = tmp_path / "rep"
    build_report(tagged_frame(), out)
    before = (out / "report.html").read_bytes()
    with pytest.raises(ClausekitError, match="no clause"):
        build_report(tagged_frame().head(0), out)
    assert (out / "report.html").read_bytes() == before


@pytest.mark.parametrize("command", ["tag", "segment"])
def test_reliability_path_longer_than_path_max_fails_alone(tmp_path, command):
    long = str(tmp_path) + "/" + ("a" * 200 + "/") * 30 + "x.txt"
    result = runner.invoke(app, [command, long, str(GOOD), "-f", "jsonl"])
    assert result.exit_code == 4, result.output
    assert any("name too long" in line.lower() for line in _errors(result))
    assert result.stdout.count('"doc_id"') > 0


@pytest.mark.parametrize("argv", [
    ["tag", "-", "--max-size", "0"],
    ["tag", "-", "--max-size", "-3"],
    ["segment", "-", "--max-size", "0"],
    ["train", "--folds", "0"],
    ["train", "--folds", "1"],
    ["evaluate", "--folds", "1"],
    ["tag", str(GOOD), "--backend", "dask", "--scheduler", "localhost"],
    ["tag", str(GOOD), "--backend", "dask", "--scheduler", "not a url"],
    ["tag", str(GOOD), "--jobs", "-99999"],
])
def test_reliability_option_bounds_are_usage_errors(argv):
    result = runner.invoke(app, argv, input="Rappelant sa résolution,\n")
    assert result.exit_code == 2, result.output
    assert len(_errors(result)) == 1


def test_reliability_library_refuses_a_size_limit_that_is_not_positive():
    from clausekit.errors import InputError
    from clausekit.read.sources import read_path

    for bad in (0, -1, 1.5):
        with pytest.raises(InputError, match="positive"):
            read_path(GOOD, max_bytes=bad)


@pytest.mark.parametrize("stream", ["stdin", "stdout"])
def test_reliability_closed_standard_streams_are_usage_errors(stream):
    import subprocess

    redirect = {"stdin": {"stdin": subprocess.DEVNULL}, "stdout": {}}[stream]
    code = (
        "import os, sys\n"
        f"os.close({0 if stream == 'stdin' else 1}); sys.{stream} = None\n"
        "from clausekit.cli import main\n"
        f"sys.argv = ['clausekit', 'segment', {'-' if stream == 'stdin' else str(GOOD)!r}]\n"
        "main()\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], stderr=subprocess.PIPE, text=True, timeout=120, **redirect)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr and f"standard {'input' if stream == 'stdin' else 'output'} is closed" in proc.stderr


@pytest.mark.parametrize("command", [["tag", "-i", "csv"], ["segment", "--input-format", "csv"]])
def test_reliability_header_only_csv_and_empty_cells_are_named(tmp_path, command):
    header_only = tmp_path / "h.csv"
    header_only.write_text("text\n", encoding="utf-8")
    empty_cell = tmp_path / "e.csv"
    empty_cell.write_text('text\nRappelant sa résolution 74/1,\n""\n', encoding="utf-8")
    result = runner.invoke(app, [*command, str(header_only), str(empty_cell), "-f", "jsonl"])
    assert result.exit_code in (1, 4), result.output
    assert "h.csv" in result.stderr and "no rows" in result.stderr
    assert "e.csv" in result.stderr and "empty" in result.stderr


def test_reliability_unreadable_subfolder_is_named_and_the_batch_goes_on(tmp_path, monkeypatch):
    folder = tmp_path / "corpus"
    (folder / "locked").mkdir(parents=True)
    shutil.copy(GOOD, folder / "a.txt")
    shutil.copy(GOOD, folder / "locked" / "b.txt")
    real_scandir = os.scandir

    def scandir(path="."):
        if os.fspath(path).endswith("locked"):  # what root cannot be shown with chmod 000
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = runner.invoke(app, ["segment", str(folder), "-f", "jsonl"])
    assert result.exit_code == 4, result.output
    assert any("locked" in line and "cannot be read" in line for line in _errors(result))
    assert '"doc_id": "a"' in result.stdout


def test_reliability_escape_formula_examples():
    assert escape_formula("@SUM(A1)") == "'@SUM(A1)"
    assert escape_formula("\tx") == "'\tx"
    assert escape_formula("Rappelant") == "Rappelant"


@settings(max_examples=30, deadline=None)
@given(st.text(alphabet="(')«…,;:.-!?a", min_size=1, max_size=60))
def test_reliability_tokenizer_index_loop_is_the_slicing_loop(text):
    """The linear affix loop gives exactly the tokens of the straightforward one (spaCy's algorithm, slicing)."""
    from clausekit.lemmas import tokenizer

    rules = tokenizer._rules()
    prefixes, suffixes, s = [], [], text
    last = 0
    while s and len(s) != last:
        if rules.token_match(s) or s in rules.specials:
            break
        last = len(s)
        pre = tokenizer._find_prefix(s)
        if pre and s[pre:] in rules.specials:
            prefixes.append(s[:pre])
            s = s[pre:]
            break
        suf = tokenizer._find_suffix(s[pre:]) if len(s) > pre else 0
        if suf and s[:-suf] in rules.specials:
            suffixes.append(s[-suf:])
            s = s[:-suf]
            break
        if pre:
            prefixes.append(s[:pre])
        if suf:
            suffixes.append(s[-suf:])
        s = s[pre : len(s) - suf]
    pieces = tokenizer._split_chunk(text, rules)
    assert pieces[: len(prefixes)] == prefixes
    assert pieces[len(pieces) - len(suffixes):] == list(reversed(suffixes)) or not suffixes
    assert "".join(pieces) == text
