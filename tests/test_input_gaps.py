"""Three inputs that were taken in silence: a year cell that is not a year, a limit named by the
CLI's option in the API, a tiny binary file read as text. Each is now one line."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest
from typer.testing import CliRunner

import clausekit
from clausekit.cli import app
from clausekit.errors import ContentError, InputError, InputWarning
from clausekit.read.sources import decode

runner = CliRunner()

META = "text,year\nRappelant sa résolution 54/181,2001\nDécide de poursuivre l'examen de la question,abc\n"
WARNING = "meta.csv: row 3: year 'abc' is not a year; left empty"


@pytest.fixture
def meta(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "meta.csv"
    path.write_text(META, encoding="utf-8")
    return path


def _warning_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("clausekit: warning:")]


@pytest.mark.parametrize("args", [["tag", "-i", "csv"], ["segment", "-i", "csv"]], ids=["tag", "segment"])
def test_input_gaps_cli_year_not_a_year_warns_once_with_file_row_and_value(meta, args):
    result = runner.invoke(app, [*args, "meta.csv", "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    assert _warning_lines(result) == [f"clausekit: warning: {WARNING}"]
    years = {line.split('"year": ')[1].rstrip("}") for line in result.stdout.splitlines()}
    assert years == {"2001", "null"}


@pytest.mark.slow
def test_input_gaps_cli_year_warning_comes_back_from_a_worker(meta):
    (meta.parent / "other.csv").write_text("text\nRappelant sa résolution 54/181\n", encoding="utf-8")
    result = runner.invoke(app, ["tag", "-i", "csv", "--jobs", "2", "meta.csv", "other.csv", "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    assert _warning_lines(result) == [f"clausekit: warning: {WARNING}"]


def test_input_gaps_api_year_not_a_year_warns(meta):
    with pytest.warns(InputWarning) as caught:
        df = clausekit.tag("meta.csv", input_format="csv")
    assert [str(w.message) for w in caught if issubclass(w.category, InputWarning)] == [WARNING]
    assert df["year"].tolist()[0] == 2001 and df["year"].isna().tolist()[1:] == [True] * (len(df) - 1)
    frame = pd.DataFrame({"text": ["Rappelant sa résolution 54/181", "Décide de poursuivre"], "year": [2001, "abc"]})
    for input_format in ("csv", "text"):
        with pytest.warns(InputWarning, match=r"<row 1>: year 'abc' is not a year; left empty"):
            clausekit.tag(frame, input_format=input_format)


@pytest.mark.parametrize("year", ["2019", " 2019 ", "2019.0", 2019, ""])
def test_input_gaps_api_year_that_reads_as_one_is_silent(tmp_path, year):
    frame = pd.DataFrame({"text": ["Rappelant sa résolution 54/181"], "year": [year]})
    with warnings.catch_warnings():
        warnings.simplefilter("error", InputWarning)
        df = clausekit.tag(frame, input_format="csv")
    assert df["year"].tolist() == ([2019] if str(year).strip() else [pd.NA])


def test_input_gaps_api_size_limit_names_max_bytes(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_text("Rappelant sa résolution 54/181,\n\n" * 20, encoding="utf-8")
    for call in (lambda: clausekit.segment(str(path), max_bytes=100), lambda: clausekit.tag(str(path), max_bytes=100),
                 lambda: clausekit.tag(str(path), max_bytes=0)):
        with pytest.raises(InputError) as info:
            call()
        assert "max_bytes=" in str(info.value) and "--max-size" not in str(info.value)
    result = runner.invoke(app, ["segment", str(path), "--max-size", "1"])  # the CLI keeps its option's name
    assert result.exit_code == 0  # 1 MiB is enough; and the reader's own words still name --max-size:
    from clausekit.read.sources import read_path

    with pytest.raises(InputError, match="raise --max-size"):
        read_path(path, max_bytes=100)


TINY_BINARIES = {
    "nuls-and-letters": b"\x00\x00\x00\x00ab\x00\x00\x00\x00",
    "controls-and-word": b"\x01\x02\x03\x04hello\x05\x06\x07",
    "utf16-shaped-controls": b"\x01\x00\x02\x00\x03\x00a\x00",
    "mixed": b"\x00\x01\x02ab\x03\x00",
}


@pytest.mark.parametrize("data", TINY_BINARIES.values(), ids=TINY_BINARIES.keys())
def test_input_gaps_tiny_binary_is_refused_in_one_line(tmp_path, data):
    with pytest.raises(ContentError, match="looks like a binary file, not text"):
        decode(data, "x.bin")
    path = tmp_path / "tiny.txt"
    path.write_bytes(data)
    result = runner.invoke(app, ["segment", str(path)])
    assert result.exit_code == 1, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith(f"clausekit: error: {path}: ") and lines[0].endswith("looks like a binary file, not text")


TEXTS = {
    "utf8": "Décide de poursuivre.".encode(),
    "utf8-bom": "\ufeffDécide de poursuivre.".encode(),
    "latin1": "Décide de poursuivre.".encode("latin-1"),
    "utf16-le-bom": "\ufeffDécide.".encode("utf-16-le"),
    "utf16-be-bom": "\ufeffDécide.".encode("utf-16-be"),
    "utf16-no-bom": "Décide de poursuivre.".encode("utf-16-le"),
    "short": b"ab",
    "final-ctrl-z": b"Rappelant\x1a",
    "tabs-and-form-feed": "Rappelant\tsa\r\nrésolution\x0c".encode(),
}


@pytest.mark.parametrize("data", TEXTS.values(), ids=TEXTS.keys())
def test_input_gaps_real_text_is_still_read(data):
    text, _ = decode(data, "x.txt")
    assert any(c.isalpha() for c in text)
