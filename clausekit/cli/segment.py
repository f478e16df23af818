"""``clausekit segment``: the clauses of each document, as a table, JSONL or CSV."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from clausekit.cli._util import (
    GLOB_HELP,
    BatchSummary,
    InputFormat,
    OutputFormat,
    RecordWriter,
    add_page_column,
    format_table,
    handle_errors,
    open_output,
    part_counts_footer,
    sigterm_as_interrupt,
    warn,
    warn_if_not_french,
)
from clausekit.cli.app import app
from clausekit.read.sources import DEFAULT_MAX_BYTES

_TABLE = [("doc_id", "doc", 24), ("index", "#", 3), ("part", "part", 9), ("number", "no", 3), ("lead", "lead", 26), ("text", "text", 70)]


def _table(rows: list[dict]) -> str:
    return format_table(rows, add_page_column(_TABLE, rows)) + part_counts_footer(rows)


@app.command("segment")
@handle_errors
def segment_cli(
    paths: Annotated[list[str], typer.Argument(help="Files (text, PDF, scans and images, .docx, HTML), folders, or - for standard input.")],
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="table (for people), jsonl or csv.")] = OutputFormat.table,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file (atomically) instead of standard output.")] = None,
    fail_fast: Annotated[bool, typer.Option("--fail-fast", help="Stop at the first file that cannot be read.")] = False,
    max_size: Annotated[int, typer.Option("--max-size", min=1, help="Largest file to read, in MiB (memory is about 100 times the file size).")] = DEFAULT_MAX_BYTES // 2**20,
    input_format: Annotated[InputFormat, typer.Option("--input-format", help="text: each file is a document (its format from its content and extension); html: read text files and standard input as HTML pages; csv: each row's 'text' column is one.")] = InputFormat.text,
    glob: Annotated[str | None, typer.Option("--glob", help=GLOB_HELP)] = None,
    ocr: Annotated[bool | None, typer.Option("--ocr/--no-ocr", help="Force OCR repair on or off (default: when the text looks damaged).")] = None,
) -> None:
    """Cut documents into clauses: preambular, operative and narrative, with their spans."""
    from clausekit.segmentation.segmenter import segment_source
    from clausekit.tagging.batch import Failure, iter_inputs
    from clausekit.types import CLAUSE_COLUMNS

    summary = BatchSummary()
    with sigterm_as_interrupt(), open_output(output) as out:
        writer = RecordWriter(fmt, out, list(CLAUSE_COLUMNS), _table)
        items = iter_inputs(paths, max_bytes=max_size * 2**20, input_format=input_format.value, glob=glob, on_skip=summary.skip)
        for item in items:
            if isinstance(item, Failure):
                summary.fail(item.path, item.message)
                if fail_fast:
                    break
                continue
            warn_if_not_french(item.path, item.text)
            doc = segment_source(item, ocr=ocr)
            if not doc.clauses:
                warn(f"{item.path}: no clause found")
            writer.write(doc.to_records())
            summary.ok(item.path)
        code = summary.report()
        if not summary.done:  # nothing to show: no empty table, and no output file is created
            raise typer.Exit(code)
        writer.close()
    if code:
        raise typer.Exit(code)
