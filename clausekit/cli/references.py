"""``clausekit references PATH...``: the resolutions, decisions, symbols and conventions each clause cites."""

from __future__ import annotations

from typing import Annotated

import typer

from clausekit.cli._output import Force, Output, RecordWriter, open_output
from clausekit.cli._util import (
    MAX_SIZE_HELP,
    MAX_SIZE_MIB,
    BatchSummary,
    OutputFormat,
    format_table,
    handle_errors,
)
from clausekit.cli.app import app

_TABLE = [
    ("doc_id", "doc", 22),
    ("index", "#", 3),
    ("kind", "kind", 10),
    ("body", "body", 22),
    ("ref_number", "number", 11),
    ("date", "date", 10),
    ("symbol", "symbol", 22),
    ("text", "as written", 50),
]


def _table(rows: list[dict]) -> str:
    from clausekit.outputs.citations import most_cited

    top = most_cited(rows, 10)
    lines = "".join(f"  {t['citations']:>3}  {t['cited']}\n" for t in top)
    lines = lines or "  none\n"
    return format_table(rows, _TABLE) + f"\n{len(rows)} citations; most cited:\n{lines}"


@app.command("references")
@handle_errors
def references_cli(
    paths: Annotated[
        list[str],
        typer.Argument(help="Text files, folders of .txt files, or - for standard input."),
    ],
    fmt: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="table (for people), jsonl or csv.")
    ] = OutputFormat.table,
    output: Output = None,
    force: Force = False,
    max_size: Annotated[int, typer.Option("--max-size", min=1, help=MAX_SIZE_HELP)] = MAX_SIZE_MIB,
) -> None:
    """List the texts each clause cites: resolutions, decisions, document symbols, reports, conventions."""
    from clausekit.outputs.citations import CITATION_COLUMNS, document_citations
    from clausekit.segmentation.segmenter import segment_text
    from clausekit.tagging.batch import Failure, iter_inputs

    summary = BatchSummary()
    with open_output(output, paths, force=force) as out:  # the inputs: `-o` naming one of them is refused
        writer = RecordWriter(fmt, out, list(CITATION_COLUMNS), _table)
        for item in iter_inputs(paths, max_bytes=max_size * 2**20, on_skip=summary.skip):
            if isinstance(item, Failure):
                summary.fail(item.path, item.message)
                continue
            doc = segment_text(item.text, doc_id=item.doc_id, source=item.path)
            writer.write(document_citations(doc))
            summary.ok(item.path)
        writer.close()
    code = summary.report()
    if code:
        raise typer.Exit(code)
