"""`--output FILE` replaces only a file clausekit wrote (or any with `--force`), and never an input.

Every command with `--output` is run from :data:`RUNS`; a new command with `--output` fails
:func:`test_output_files_every_command_with_output_is_covered` until it is added there.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clausekit.cli import app
from clausekit.outputs.ownership import written_by_clausekit

SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"
OLD, NEW = SEEDS / "004_f730982b1d88a241.txt", SEEDS / "003_0d3b84d2626458c8.txt"
runner = CliRunner()

#: Every command with --output: its arguments (``{doc}``: an input file) in each output format.
RUNS: dict[str, list[list[str]]] = {
    "tag": [["tag", "{doc}", "-f", f] for f in ("table", "jsonl", "csv")] + [["tag", "{doc}", "-f", "csv", "--excel"]],
    "segment": [["segment", "{doc}", "-f", f] for f in ("table", "jsonl", "csv")] + [["segment", "{doc}", "-f", "csv", "--excel"]],
    "references": [["references", "{doc}", "-f", f] for f in ("table", "jsonl", "csv")],
    "diff": [["diff", "{old}", "{doc}", "-f", f] for f in ("table", "jsonl", "csv", "html")],
    "evaluate": [["evaluate"]],
}
#: What a user may have at the path they give: a note, a spreadsheet, a PDF, their own JSON(L).
FOREIGN: dict[str, bytes] = {
    "notes.docx": b"PK\x03\x04\x14\x00\x06\x00 my thesis",
    "notes.txt": b"Rappelant ses notes, a garder\n",
    "contacts.csv": b"name,phone\r\nAda,123\r\n",
    "clauses.csv": b"\xef\xbb\xbfdoc_id,text\r\nA/RES/1,Rappelant\r\n",
    "paper.pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n",
    "mine.jsonl": b'{"doc_id": "x", "index": 0, "text": "my own annotation"}\n',
    "config.json": b'{\n  "protocol": "mine"\n}\n',
    "table.txt": b"doc  #\n---  -\n",
}


@pytest.fixture
def doc(tmp_path) -> Path:
    path = tmp_path / "in" / NEW.name
    path.parent.mkdir()
    shutil.copy(NEW, path)
    return path


@pytest.fixture
def fake_evaluation(monkeypatch):
    """``evaluate`` without minutes of cross-validation (its writing is what is tested here)."""
    from clausekit.models import registry
    from clausekit.training import evaluation

    figures = {"protocol": "test", "function": {"macro_f1": 0.5}, "themes": {"macro_f1": 0.5}}
    monkeypatch.setattr(evaluation, "evaluate", lambda **kwargs: figures)
    monkeypatch.setattr(evaluation, "format_figures", lambda f: "figures\n")
    monkeypatch.setattr(registry, "load_model", lambda *a, **k: object())


def _args(run: list[str], doc: Path) -> list[str]:
    return [a.format(doc=doc, old=OLD) for a in run]


def _invoke(args: list[str], request) -> object:
    if args[0] == "evaluate":
        request.getfixturevalue("fake_evaluation")
    return runner.invoke(app, args)


def _errors(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


def test_output_files_every_command_with_output_is_covered():
    import typer.main

    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    with_output = {name for name, cmd in commands.items() if any("--output" in getattr(p, "opts", ()) for p in cmd.params)}
    assert with_output == set(RUNS)
    for name in with_output:  # the same --force, with the same meaning, everywhere
        force = [p for p in commands[name].params if "--force" in getattr(p, "opts", ())]
        assert force and "did not write" in force[0].help, name


@pytest.mark.parametrize("command", sorted(RUNS))
def test_output_files_refuse_a_file_clausekit_did_not_write(tmp_path, doc, command, request):
    for name, content in FOREIGN.items():
        out = tmp_path / name
        out.write_bytes(content)
        result = _invoke([*_args(RUNS[command][0], doc), "-o", str(out)], request)
        assert result.exit_code == 2, (name, result.output)
        assert _errors(result) == [f"clausekit: error: {out}: exists and was not written by clausekit; remove it, choose another --output, or pass --force to replace it"]
        assert out.read_bytes() == content, name
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "a temporary file was left"


@pytest.mark.parametrize("command,run", [(c, r) for c, runs in sorted(RUNS.items()) for r in runs], ids=lambda v: "-".join(v) if isinstance(v, list) else v)
def test_output_files_replace_their_own_previous_output(tmp_path, doc, command, run, request):
    out = tmp_path / "out"
    first = _invoke([*_args(run, doc), "-o", str(out)], request)
    assert first.exit_code == 0, first.output
    assert written_by_clausekit(out)
    again = _invoke([*_args(run, doc), "-o", str(out)], request)
    assert again.exit_code == 0, again.output


@pytest.mark.parametrize("command", sorted(RUNS))
def test_output_files_force_replaces_a_foreign_file_and_empty_needs_no_force(tmp_path, doc, command, request):
    out = tmp_path / "notes.docx"
    out.write_bytes(FOREIGN["notes.docx"])
    result = _invoke([*_args(RUNS[command][0], doc), "-o", str(out), "--force"], request)
    assert result.exit_code == 0, result.output
    assert out.read_bytes() != FOREIGN["notes.docx"] and written_by_clausekit(out)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = _invoke([*_args(RUNS[command][0], doc), "-o", str(empty)], request)
    assert result.exit_code == 0 and empty.stat().st_size > 0, result.output


@pytest.mark.parametrize("command", sorted(c for c, runs in RUNS.items() if "{doc}" in runs[0]))
@pytest.mark.parametrize("via", ["file", "folder"])
def test_output_files_input_is_never_an_output_even_with_force(tmp_path, doc, command, via):
    pdf = doc.parent / "scan.pdf"  # a folder's PDF is an input too
    pdf.write_bytes(FOREIGN["paper.pdf"])
    if command == "diff" and via == "folder":
        pytest.skip("diff reads two files, not folders")
    target = doc if via == "file" else pdf
    before = target.read_bytes()
    given = doc if via == "file" else doc.parent
    result = runner.invoke(app, [*_args(RUNS[command][0], given), "-o", str(target), "--force"])
    assert result.exit_code == 2 and "an input is never overwritten" in result.stderr, result.output
    assert target.read_bytes() == before


@pytest.mark.parametrize("name", sorted(FOREIGN))
def test_output_files_foreign_content_is_not_clausekit(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(FOREIGN[name])
    assert not written_by_clausekit(path)


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b'{"doc_id": "a", "index": 0, "part": "preamble", "number": null, "lead": "Rappelant", "text": "' + b"x" * 200_000 + b'"',
        b"\xef\xbb\xbfdoc_id,index,part,number,lead,text,start,end,page\r\n",
        b"sep=,\r\ndoc_id,index,part,number,lead,text,start,end\r\n",
        b"doc_id;index;part;number;lead;text;start;end;page\r\n",  # saved again by a spreadsheet
        b"status,old_index,new_index,old_number,new_number,old_part,new_part,similarity\r\n",
        b"doc_id,index,part,number,kind,body,ref_number,session,date\r\n",
        b"(no clauses)\n",
        b"change    old  new  no  sim   also  text\n--------  ---  ---  --  ----  ----  ----\n",
        b"<!DOCTYPE html><html lang='fr'><head><meta charset='utf-8'><title>clausekit diff: a</title>",
        json.dumps({"protocol": "GroupKFold", "function": {}}, indent=2).encode(),
    ],
    ids=["empty", "long-jsonl-line", "csv-bom", "csv-sep-line", "csv-semicolons", "diff-csv", "citations-csv", "empty-table", "diff-table", "diff-html", "figures"],
)
def test_output_files_clausekit_content_is_recognized(tmp_path, content):
    path = tmp_path / "out"
    path.write_bytes(content)
    assert written_by_clausekit(path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_output_files_fifo_is_written_through(tmp_path, doc):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    result = runner.invoke(app, ["segment", str(doc), "-f", "jsonl", "-o", str(fifo)])
    reader.join(timeout=60)
    assert result.exit_code == 0, result.output
    assert got and got[0].startswith(b'{"doc_id": ') and stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_output_files_link_to_a_foreign_file_is_refused(tmp_path, doc):
    mine = tmp_path / "notes.txt"
    mine.write_bytes(FOREIGN["notes.txt"])
    link = tmp_path / "out.jsonl"
    link.symlink_to(mine)
    result = runner.invoke(app, ["segment", str(doc), "-f", "jsonl", "-o", str(link)])
    assert result.exit_code == 2 and "was not written by clausekit" in result.stderr, result.output
    assert mine.read_bytes() == FOREIGN["notes.txt"] and link.is_symlink()
