"""``clausekit diff OLD NEW``: what changed between two versions, clause by clause."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from clausekit.cli._output import Force, Output, check_output, open_output
from clausekit.cli._util import format_table, handle_errors
from clausekit.cli.app import app
from clausekit.outputs.diff_align import GAP_THRESHOLD, MUTUAL_THRESHOLD, THRESHOLD

_TABLE = [
    ("status", "change", 8),
    ("old_index", "old", 3),
    ("new_index", "new", 3),
    ("new_number", "no", 3),
    ("similarity", "sim", 4),
    ("shown_changes", "also", 18),
    ("shown", "text", 80),
]


class DiffFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"
    html = "html"


def _int(value: Any) -> int | None:
    return None if value is None or value != value else int(value)  # NaN -> None


@app.command("diff")
@handle_errors
def diff_cli(
    old: Annotated[str, typer.Argument(help="The earlier version (a text file).")],
    new: Annotated[str, typer.Argument(help="The later version (a text file).")],
    fmt: Annotated[
        DiffFormat,
        typer.Option(
            "--format", "-f", help="table (for people), jsonl, csv or html (a self-contained page)."
        ),
    ] = DiffFormat.table,
    output: Output = None,
    force: Force = False,
    threshold: Annotated[
        float,
        typer.Option(
            "--threshold",
            help="Least similarity (0-1) for two clauses to be versions of each other.",
        ),
    ] = THRESHOLD,
    gap_threshold: Annotated[
        float,
        typer.Option(
            "--gap-threshold",
            help="Least similarity for two leftover clauses of the same part between the same aligned neighbours to be the same paragraph rewritten (above 1: off).",
        ),
    ] = GAP_THRESHOLD,
    mutual_threshold: Annotated[
        float,
        typer.Option(
            "--mutual-threshold",
            help="Least similarity for two leftover clauses of the same part that are each other's best match to be paired, even out of order (above 1: off).",
        ),
    ] = MUTUAL_THRESHOLD,
    model_dir: Annotated[
        Path | None, typer.Option("--model-dir", help="Folder of versioned models.")
    ] = None,
    trust: Annotated[
        bool,
        typer.Option("--trust", help="Load models from a folder outside the project's models/."),
    ] = False,
) -> None:
    """Align the clauses of two versions: kept, reworded, moved, added, removed, with word-level changes."""
    from clausekit.outputs.diff import DIFF_COLUMNS, diff, summary_line
    from clausekit.tagging.formats import records_text

    check_output(output, [old, new], force=force)  # before the work, not after it
    frame = diff(
        Path(old),
        Path(new),
        model_dir=model_dir,
        trust=trust,
        threshold=threshold,
        gap_threshold=gap_threshold,
        mutual_threshold=mutual_threshold,
    )
    rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
    for r in rows:
        r["old_index"], r["new_index"] = _int(r["old_index"]), _int(r["new_index"])
    summary = frame.attrs["summary"]
    with open_output(output, [old, new], force=force) as out:
        if fmt is DiffFormat.html:
            from clausekit.outputs.diff_html import diff_html

            out.write(diff_html(rows, summary, frame.attrs["old"], frame.attrs["new"]))
        elif fmt is DiffFormat.table:
            shown = [
                {
                    **r,
                    "shown": r["word_diff"] or r["new_text"] or r["old_text"],
                    "shown_changes": ", ".join(c for c in r["changes"] if c != "text"),
                }
                for r in rows
            ]
            out.write(format_table(shown, _TABLE) + "\n" + summary_line(summary) + "\n")
        else:
            from clausekit.tagging.formats import csv_text

            header = csv_text([], DIFF_COLUMNS, header=True) if fmt is DiffFormat.csv else ""
            out.write(header + records_text(rows, DIFF_COLUMNS, fmt.value))
    if fmt is not DiffFormat.table:
        typer.echo(summary_line(summary), err=True)
