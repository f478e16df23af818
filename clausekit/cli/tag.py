"""``clausekit tag``: the function and themes of each clause, as a table, JSONL or CSV."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from clausekit.cli._util import (
    BatchSummary,
    OutputFormat,
    RecordWriter,
    format_table,
    handle_errors,
    open_output,
    sigterm_as_interrupt,
    warn,
)
from clausekit.cli.app import app

#: Keys of each JSONL/CSV record: the segmentation keys, then the tags.
RECORD_COLUMNS = ["doc_id", "index", "part", "number", "lead", "text", "start", "end",
                  "function", "function_confidence", "themes", "theme_scores", "low_confidence"]
_TABLE = [("doc_id", "doc", 24), ("index", "#", 3), ("part", "part", 9), ("number", "no", 3), ("function", "function", 8),
          ("conf", "conf", 5), ("themes", "themes", 22), ("text", "text", 60)]


def _table(rows: list[dict]) -> str:
    from collections import Counter

    shown = [{**r, "conf": f"{r['function_confidence']:.2f}" + ("!" if r.get("low_confidence") else " ")} for r in rows]
    functions = Counter(r["function"] for r in rows)
    themes = Counter(t for r in rows for t in r["themes"])
    low = sum(bool(r.get("low_confidence")) for r in rows)
    docs = len({r["doc_id"] for r in rows})
    footer = f"\n{len(rows)} clauses in {docs} document{'s' if docs != 1 else ''}: " + ", ".join(f"{k} {v}" for k, v in functions.most_common())
    footer += "\nthemes: " + (", ".join(f"{k} {v}" for k, v in themes.most_common()) or "none")
    footer += f"\n{low} low-confidence clause{'s' if low != 1 else ''} (marked !)\n"
    return format_table(shown, _TABLE) + footer




@app.command("tag")
@handle_errors
def tag_cli(
    paths: Annotated[list[str], typer.Argument(help="Text files, folders of .txt files, or - for standard input.")],
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="table (for people), jsonl or csv.")] = OutputFormat.table,
    input_format: Annotated[str, typer.Option("--input-format", "-i", help="text (whole documents, segmented), lines (one clause per non-empty line) or csv (a 'text' column).")] = "text",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file (atomically) instead of standard output.")] = None,
    model_dir: Annotated[Path | None, typer.Option("--model-dir", help="Folder of versioned models (default: the project's models/ or $CLAUSEKIT_MODEL_DIR).")] = None,
    trust: Annotated[bool, typer.Option("--trust", help="Load models from a folder outside the project's models/.")] = False,
    fail_fast: Annotated[bool, typer.Option("--fail-fast", help="Stop at the first file that cannot be read.")] = False,
    max_size: Annotated[int, typer.Option("--max-size", help="Largest file to read, in MiB.")] = 50,
) -> None:
    """Tag each clause with its function (recall, concern, request, decision, position, other) and themes."""
    from clausekit.batch import Failure, iter_inputs
    from clausekit.errors import ClausekitError, InputError
    from clausekit.tag import INPUT_FORMATS, Tagger

    if input_format not in INPUT_FORMATS:
        raise InputError(f"unknown --input-format {input_format!r}; use one of {', '.join(INPUT_FORMATS)}")
    import warnings

    with warnings.catch_warnings(record=True) as caught:  # library warnings become one CLI line each
        warnings.simplefilter("always")
        tagger = Tagger(model_dir, trust=trust)
    for w in caught:
        warn(str(w.message))
    summary = BatchSummary()
    with sigterm_as_interrupt(), open_output(output) as out:
        writer = RecordWriter(fmt, out, RECORD_COLUMNS, _table)
        for item in iter_inputs(paths, max_bytes=max_size * 2**20):
            if isinstance(item, Failure):
                summary.fail(item.path, item.message)
                if fail_fast:
                    break
                continue
            try:
                frame = tagger.tag(item.text, input_format=input_format, doc_id=item.doc_id, source=item.path)
            except ClausekitError as exc:
                summary.fail(item.path, str(exc))
                if fail_fast:
                    break
                continue
            if frame.empty:
                warn(f"{item.path}: no clause found")
            writer.write(_records(frame))
            summary.ok(item.path)
        writer.close()
    code = summary.report()
    if code:
        raise typer.Exit(code)


def _records(frame) -> list[dict]:
    """Plain Python values (no numpy scalars, no NaN) so every format can write them."""
    import math

    records = []
    for r in frame.to_dict("records"):
        clean = {}
        for k, v in r.items():
            if hasattr(v, "item") and not isinstance(v, list | dict):
                v = v.item()
            if isinstance(v, float) and math.isnan(v):
                v = None
            clean[k] = v
        records.append(clean)
    return records
