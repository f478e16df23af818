"""Bad input through the CLI: one line naming the file and the fix, a non-zero exit, never a traceback.

Every case runs for each command that reads documents (`segment`, `tag`, `report`);
a command that is not there yet, or has no model to tag with, is skipped with the reason.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clausekit.cli import app

SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"
GOOD = SEEDS / "004_f730982b1d88a241.txt"

try:  # click < 8.2 mixes stderr into stdout unless told not to
    runner = CliRunner(mix_stderr=False)
except TypeError:
    runner = CliRunner()

COMMANDS = ["segment", "tag", "report"]


def _registered(name: str) -> bool:
    import typer.main

    return name in typer.main.get_command(app).commands  # type: ignore[attr-defined]


def _can_tag() -> str | None:
    """Why `tag`/`report` cannot run here, or None when they can."""
    try:
        from clausekit.tagging.tagger import Tagger

        Tagger()
    except Exception as exc:  # noqa: BLE001  (any reason is a reason to skip)
        return f"no usable default model: {exc}"
    return None


@pytest.fixture(params=COMMANDS)
def command(request, tmp_path):
    """A function running one command on some paths and extra options."""
    name = request.param
    if not _registered(name):
        pytest.skip(f"`clausekit {name}` is not registered yet")
    if name != "segment" and (reason := _can_tag()):
        pytest.skip(reason)

    def run(*args: str):
        argv = [name, *args]
        if name == "report":
            argv += ["--out", str(tmp_path / "report")]
        elif "-f" not in args and "--format" not in args:
            argv += ["-f", "jsonl"]
        return runner.invoke(app, argv)

    run.name = name  # type: ignore[attr-defined]
    return run


def one_error_line(result) -> str:
    """The single stderr line of a failed run (asserting there is exactly one and no traceback)."""
    assert "Traceback" not in result.output + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert lines[0].startswith("clausekit: error: "), lines[0]
    return lines[0]


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


BINARY = {
    "scan.pdf.txt": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n", "is not a readable PDF"),  # read as a PDF (its signature wins over .txt), and damaged
    "resolution.docx": (b"PK\x03\x04\x14\x00\x06\x00\x08\x00" + bytes(range(200)), "is not a Word .docx file (not a ZIP package)"),
    "page.png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "is not a readable image (unknown or damaged image data)"),
    "noise.bin": (random.Random(0).randbytes(4000), "this looks like a binary file, not text"),
    "noise-no-nul.bin": (random.Random(1).randbytes(4000).replace(b"\x00", b"\x01"), "cannot detect a text encoding"),
    "mixed.txt": (
        "Rappelant la résolution ".encode() * 20 + "déjà".encode("latin-1") + " et l'État".encode() * 20,
        "cannot detect a text encoding: convert it to UTF-8 first",
    ),
    "empty.txt": (b"", "the file is empty; give a text with at least one paragraph"),
    "blank.txt": (b"  \n\n \t\n", "the file is empty"),
}


@pytest.mark.parametrize("name", list(BINARY))
def test_bad_input_file_is_one_line_naming_file_and_fix(command, tmp_path, name):
    data, message = BINARY[name]
    path = _write(tmp_path, name, data)
    result = command(str(path))
    assert result.exit_code == 1, result.output
    line = one_error_line(result)
    assert line.startswith(f"clausekit: error: {path}: "), line
    assert message in line
    assert result.stdout == ""


def test_bad_input_missing_path(command):
    result = command("nope/absent.txt")
    assert result.exit_code == 2  # README "Exit codes": a missing path is a usage error
    assert one_error_line(result) == "clausekit: error: nope/absent.txt: no such file or folder"


def test_bad_input_folder_without_texts(command, tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "budget.xlsx").write_bytes(b"PK\x03\x04")
    result = command(str(tmp_path / "docs"))
    assert result.exit_code == 2  # nothing to read at that path: a usage error
    errors = [line for line in result.stderr.splitlines() if line.startswith("clausekit: error:")]
    assert len(errors) == 1 and errors[0].startswith(f"clausekit: error: {tmp_path / 'docs'}: the folder has no files of a supported format")
    assert "budget.xlsx: not read" in result.stderr  # the file it skipped is named


def test_bad_input_too_large_refused_with_size_hint(command, tmp_path):
    path = _write(tmp_path, "huge.txt", "Rappelant la résolution 54/181,\n\n".encode() * 50_000)  # 1.6 MiB
    result = command(str(path), "--max-size", "1")
    assert result.exit_code == 2  # the fix is an option: a usage error
    line = one_error_line(result)
    assert f"{path}: is 2 MiB, over the 1 MiB limit" in line and "--max-size" in line


def test_bad_input_unknown_format_is_one_usage_line(command):
    if command.name == "report":
        pytest.skip("`report` writes a folder and has no --format")
    result = command(str(GOOD), "--format", "xml")
    assert result.exit_code == 2
    line = one_error_line(result)
    assert "invalid value for '--format'" in line and "'xml' is not one of" in line
    assert line.endswith(f"see 'clausekit {command.name} --help'")


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["segment"], "clausekit: error: missing argument 'paths'; see 'clausekit segment --help'"),
        (["segment", "--bogus", "x.txt"], "clausekit: error: no such option: --bogus"),
        (["segmnt", "x.txt"], "clausekit: error: no such command 'segmnt' (did you mean 'segment'?); see 'clausekit --help'"),
        (["--bogus"], "clausekit: error: no such option: --bogus"),
        (["segment", "--max-size", "many", "x.txt"], "clausekit: error: invalid value for '--max-size'"),
    ],
)
def test_bad_input_usage_errors_are_one_line_exit_2(argv, expected):
    result = runner.invoke(app, argv)
    assert result.exit_code == 2
    line = one_error_line(result)
    assert line.startswith(expected) and line.endswith("--help'"), line


def test_bad_input_help_still_works():
    assert runner.invoke(app, ["--help"]).exit_code == 0
    result = runner.invoke(app, ["segment", "--help"])
    assert result.exit_code == 0 and "--input-format" in result.stdout


def test_bad_input_no_clause_is_narrative_not_a_crash(command, tmp_path):
    path = _write(tmp_path, "lettre.txt", "Bonjour à tous,\nnous vous écrivons au sujet de la réunion de jeudi prochain.\n".encode())
    result = command(str(path))
    assert result.exit_code == 0, result.output
    if command.name != "report":
        records = [json.loads(line) for line in result.stdout.splitlines()]
        assert records and {r["part"] for r in records} == {"narrative"}


def test_bad_input_non_french_warns_and_still_processes(command, tmp_path):
    path = _write(
        tmp_path,
        "english.txt",
        b"The General Assembly,\n\nRecalling its resolution 54/181 of 17 December 1999,\n\n"
        b"1. Decides to continue the consideration of the question at its next session;\n"
        b"2. Requests the Secretary-General to report on the implementation of the present resolution.\n",
    )
    result = command(str(path))
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 1, result.stderr
    assert warnings[0].startswith(f"clausekit: warning: {path}: does not look like French")
    assert "closest language: en" in warnings[0]
    if command.name != "report":
        assert result.stdout.strip()


def test_bad_input_french_seed_has_no_language_warning(command):
    result = command(str(GOOD))
    assert result.exit_code == 0, result.output
    assert "does not look like French" not in result.stderr


def test_bad_input_csv_without_text_column(command, tmp_path):
    path = _write(tmp_path, "clauses.csv", "id,corps\n1,Rappelant sa résolution\n".encode())
    result = command("--input-format", "csv", str(path))
    assert result.exit_code == 1, result.output
    line = one_error_line(result)
    assert line == f"clausekit: error: {path}: has no 'text' column (its columns: 'id', 'corps'); name the column holding the texts 'text'"


def test_bad_input_csv_rows_are_documents_and_an_empty_cell_is_reported(tmp_path):
    path = _write(
        tmp_path,
        "docs.csv",
        "doc_id,text\nA/RES/1,\"L'Assemblée générale,\n\nRappelant sa résolution,\n\n1. Décide de poursuivre.\"\nA/RES/2,\n".encode(),
    )
    result = runner.invoke(app, ["segment", "--input-format", "csv", str(path), "-f", "jsonl"])
    assert result.exit_code == 4
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["doc_id"], r["part"]) for r in records] == [("A/RES/1", "preamble"), ("A/RES/1", "operative")]
    assert f"{path}:3: the 'text' cell is empty" in result.stderr


def test_bad_input_batch_good_and_binary_does_the_good_reports_the_bad_exits_4(command, tmp_path):
    bad = _write(tmp_path, "scan.txt", b"%PDF-1.5\n" + bytes(range(256)))
    result = command(str(bad), str(GOOD))
    assert result.exit_code == 4, result.output
    assert "Traceback" not in result.output + result.stderr
    stderr = result.stderr.splitlines()
    assert any(line.startswith(f"clausekit: error: {bad}: is not a readable PDF (") and line.endswith("the file may be damaged or truncated") for line in stderr)
    assert "clausekit: 1 of 2 files done, 1 failed:" in stderr
    assert any(line.startswith(f"  {bad}: is not a readable PDF") for line in stderr)
    if command.name == "segment":
        assert len(result.stdout.splitlines()) == 14
    elif command.name == "tag":
        assert {json.loads(line)["doc_id"] for line in result.stdout.splitlines()} == {GOOD.stem}


def test_bad_input_fail_fast_stops_at_the_first_bad_file(command, tmp_path):
    bad = _write(tmp_path, "a_scan.txt", b"%PDF-1.5\n")
    result = command("--fail-fast", str(bad), str(GOOD))
    assert result.exit_code == 1, result.output
    assert GOOD.stem not in result.stdout
    assert f"{bad}: is not a readable PDF" in result.stderr


def test_bad_input_all_failed_writes_no_output_file(tmp_path):
    bad = _write(tmp_path, "scan.txt", b"%PDF-1.5\n")
    out = tmp_path / "clauses.csv"
    result = runner.invoke(app, ["segment", str(bad), "-f", "csv", "-o", str(out)])
    assert result.exit_code == 1
    assert not out.exists() and not list(tmp_path.glob(".*.part"))
    one_error_line(result)


def test_bad_input_unwritable_output_is_one_line(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = runner.invoke(app, ["segment", str(GOOD), "-f", "csv", "-o", str(blocker / "out.csv")])
    assert result.exit_code == 1
    line = one_error_line(result)
    assert str(blocker / "out.csv") in line and "--output" in line


def test_bad_input_unknown_model_dir(tmp_path):
    if not _registered("tag"):
        pytest.skip("`clausekit tag` is not registered yet")
    result = runner.invoke(app, ["tag", str(GOOD), "--model-dir", str(tmp_path / "no-such-models"), "--trust"])
    assert result.exit_code in (2, 3), result.output
    line = one_error_line(result)
    assert "no-such-models" in line


def test_bad_input_errors_are_one_line_whatever_the_library_said():
    from clausekit.errors import ContentError, InputError, ModelError

    for cls in (ContentError, InputError, ModelError):
        error = cls("not a readable CSV (Error tokenizing data. C error: Expected 1 fields in line 3, saw 2\n)", source="t.csv")
        assert "\n" not in str(error)
        assert str(error) == "t.csv: not a readable CSV (Error tokenizing data. C error: Expected 1 fields in line 3, saw 2 )"


def test_bad_input_tag_a_csv_pandas_cannot_parse_is_one_error_line(tmp_path):
    if reason := _can_tag():
        pytest.skip(reason)
    # pandas' parser error ends in a newline: it printed a second line ")" under the error
    path = _write(tmp_path, "rows.csv", "text\nDécide de poursuivre.\nPrie le Secrétaire général, puis agir.\n".encode())
    result = runner.invoke(app, ["tag", "--input-format", "csv", str(path), "-f", "jsonl"])
    assert result.exit_code == 1, result.output
    line = one_error_line(result)
    assert line.startswith(f"clausekit: error: {path}: not a readable CSV")


def test_bad_input_csv_from_french_excel_with_semicolons_is_read(tmp_path):
    # Excel in a French locale saves "CSV (séparateur : point-virgule)"; it was refused for
    # having no 'text' column (its one column being 'ref;text;pays').
    from clausekit.read.sources import csv_delimiter, read_csv

    path = _write(
        tmp_path,
        "excel.csv",
        "\ufeffref;text;pays\nR1;\"Prie le Secrétaire général de faire rapport ; puis d'agir\";Chili\nR2;Condamne les mesures, notamment;Cuba\n".encode(),
    )
    rows = list(read_csv(path, id_column="ref"))
    assert [(r.doc_id, r.text, r.fields) for r in rows] == [
        ("R1", "Prie le Secrétaire général de faire rapport ; puis d'agir", (("pays", "Chili"),)),
        ("R2", "Condamne les mesures, notamment", (("pays", "Cuba"),)),
    ]
    for command in ("segment", "tag"):  # both read it (tag -i csv refused it: "not a readable CSV")
        result = runner.invoke(app, [command, "--input-format", "csv", "--id-column", "ref", str(path), "-f", "jsonl"])
        assert result.exit_code == 0, result.stderr
        assert [json.loads(line)["doc_id"] for line in result.stdout.splitlines()] == ["R1", "R2"]
    # a comma file whose texts hold semicolons stays a comma file; a tab file is read too
    assert csv_delimiter("id,text\n1,\"a ; b\"\n") == ","
    assert csv_delimiter("id\ttext\n1\ta, b\n") == "\t"
    assert csv_delimiter("id;corps\n1;a\n") == ","  # no text column either way: the usual error names it


@pytest.mark.parametrize(
    "name, members, expected",
    [
        ("motion.odt", {"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"}, "is an OpenDocument file (.odt, .ods), not a Word .docx; save it as .docx"),
        ("votes.xlsx", {"[Content_Types].xml": "<x/>", "xl/workbook.xml": "<x/>"}, "is an Excel workbook, not a Word .docx; save the sheet as CSV and read it with --input-format csv"),
    ],
)
def test_bad_input_office_files_that_are_not_docx_are_named_with_the_fix(tmp_path, name, members, expected):
    # an .odt or .xlsx given by name was "a ZIP file but not a Word .docx document (no
    # word/document.xml); give the .docx itself": no word of what the file is or how to convert it
    import zipfile

    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as z:
        for member, text in members.items():
            z.writestr(member, text)
    result = runner.invoke(app, ["segment", str(path), "-f", "jsonl"])
    assert result.exit_code == 1, result.output
    assert one_error_line(result).startswith(f"clausekit: error: {path}: {expected}")


def test_bad_input_an_old_word_doc_is_told_to_become_a_docx(tmp_path):
    path = _write(tmp_path, "projet.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    result = runner.invoke(app, ["segment", str(path), "-f", "jsonl"])
    assert result.exit_code == 1, result.output
    assert "save it as .docx" in one_error_line(result)
