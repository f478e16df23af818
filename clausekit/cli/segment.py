"""``clausekit segment``: the clauses of each document, as a table, JSONL or CSV."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from clausekit.cli._output import RAW_CSV_HELP, Force, Output, RecordWriter, open_output
from clausekit.cli._progress import Progress, count_files
from clausekit.cli._util import (
    GLOB_HELP,
    MAX_SIZE_HELP,
    MAX_SIZE_MIB,
    BatchSummary,
    InputFormat,
    OutputFormat,
    Quiet,
    Verbose,
    add_page_column,
    format_table,
    handle_errors,
    note,
    part_counts_footer,
    plural,
    sigterm_as_interrupt,
    verbosity,
    warn,
    warn_if_not_french,
)
from clausekit.cli.app import app
from clausekit.tagging.formats import SEGMENT_COLUMNS

_TABLE = [("doc_id", "doc", 24), ("index", "#", 3), ("part", "part", 9), ("number", "no", 3), ("lead", "lead", 26), ("text", "text", 70)]


def _table(rows: list[dict]) -> str:
    return format_table(rows, add_page_column(_TABLE, rows)) + part_counts_footer(rows)


@app.command("segment")
@handle_errors
def segment_cli(
    paths: Annotated[list[str], typer.Argument(help="Files (text, PDF, scans and images, .docx, HTML), folders, or - for standard input.")],
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="table (for people), jsonl or csv.")] = OutputFormat.table,
    output: Output = None,
    force: Force = False,
    fail_fast: Annotated[bool, typer.Option("--fail-fast", help="Stop at the first file that cannot be read.")] = False,
    max_size: Annotated[int, typer.Option("--max-size", min=1, help=MAX_SIZE_HELP)] = MAX_SIZE_MIB,
    input_format: Annotated[InputFormat, typer.Option("--input-format", "-i", help="text: each file is a document (its format from its content and extension); html: read text files and standard input as HTML pages; csv: each row's 'text' column is one (the other columns come through).")] = InputFormat.text,
    id_column: Annotated[str | None, typer.Option("--id-column", help="With -i csv: the column that gives each row's doc_id (default: a 'doc_id', 'id' or 'symbol' column, else file-row).")] = None,
    raw_csv: Annotated[bool, typer.Option("--raw-csv", help=RAW_CSV_HELP)] = False,
    glob: Annotated[str | None, typer.Option("--glob", help=GLOB_HELP)] = None,
    ocr: Annotated[bool | None, typer.Option("--ocr/--no-ocr", help="Force OCR repair on or off (default: when the text looks damaged).")] = None,
    excel: Annotated[bool, typer.Option("--excel", help="CSV for Excel: a UTF-8 byte-order mark (accents right) and cells that would run as formulas quoted.")] = False,
    bom: Annotated[bool, typer.Option("--bom", help="Start a CSV with a UTF-8 byte-order mark, as Excel needs to read accents right.")] = False,
    quiet: Quiet = False,
    verbose: Verbose = False,
) -> None:
    """Cut documents into clauses: preambular, operative and narrative, with their spans."""
    from clausekit.segmentation.segmenter import segment_source
    from clausekit.tagging.batch import Failure, iter_inputs, row_label, table_columns
    from clausekit.tagging.formats import segment_records
    from clausekit.tagging.tagger import clause_rows

    verbosity(quiet, verbose)
    if id_column is not None and input_format is not InputFormat.csv:
        raise typer.BadParameter("--id-column reads a CSV input; add --input-format csv", param_hint="--id-column")
    if (excel or bom) and fmt is not OutputFormat.csv:
        raise typer.BadParameter("--excel and --bom shape a CSV output; add --format csv", param_hint="--excel" if excel else "--bom")
    max_bytes = max_size * 2**20
    columns = list(SEGMENT_COLUMNS)
    if input_format is InputFormat.csv:
        columns += table_columns(paths, id_column=id_column, max_bytes=max_bytes)
    summary = BatchSummary()
    with sigterm_as_interrupt(), open_output(output, paths, force=force) as out, Progress("segmenting", count_files(paths, glob=glob) if input_format is not InputFormat.csv else None, at_least=2) as bar:
        writer = RecordWriter(fmt, out, columns, _table, bom=bom or excel, escape=excel or not raw_csv)
        for item in iter_inputs(paths, max_bytes=max_bytes, input_format=input_format.value, id_column=id_column, glob=glob, on_skip=summary.skip):
            bar.show(Path(item.path).name)
            if isinstance(item, Failure):
                with bar.aside():
                    summary.fail(item.path, item.message, item.exit_code)
                if fail_fast:
                    break
                continue
            with bar.aside():
                warn_if_not_french(item.path, item.text)
            doc = segment_source(item, ocr=ocr)
            if not doc.clauses:
                with bar.aside():
                    warn(f"{item.path}: no clause found")
            extra = clause_rows([dict(item.fields)], where=[row_label(item.path)])[2][0] if item.fields else None
            writer.write(segment_records(doc, extra))
            note(f"{item.path}: {plural(len(doc.clauses), 'clause')}")
            summary.ok(item.path)
            bar.advance()
        code = summary.report()
        if not summary.done:  # nothing to show: no empty table, and no output file is created
            raise typer.Exit(code)
        writer.close()
    if code:
        raise typer.Exit(code)
