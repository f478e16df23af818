"""``clausekit tag``: the function and themes of each clause, as a table, JSONL or CSV."""

from __future__ import annotations

from enum import StrEnum
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
          ("conf", "conf", 5), ("themes", "themes", 26), ("text", "text", 56)]


def _table(rows: list[dict]) -> str:
    from collections import Counter

    def themes_cell(r: dict) -> str:  # each theme with its score: graded scores a reader can weigh
        scores = r.get("theme_scores") or {}
        return ", ".join(f"{t} {scores[t]:.2f}" if t in scores else t for t in r["themes"])

    shown = [{**r, "conf": f"{r['function_confidence']:.2f}" + ("!" if r.get("low_confidence") else " "),
              "themes": themes_cell(r)} for r in rows]
    functions = Counter(r["function"] for r in rows)
    themes = Counter(t for r in rows for t in r["themes"])
    low = sum(bool(r.get("low_confidence")) for r in rows)
    docs = len({r["doc_id"] for r in rows})
    footer = f"\n{len(rows)} clauses in {docs} document{'s' if docs != 1 else ''}: " + ", ".join(f"{k} {v}" for k, v in functions.most_common())
    footer += "\nthemes: " + (", ".join(f"{k} {v}" for k, v in themes.most_common()) or "none")
    footer += f"\n{low} low-confidence clause{'s' if low != 1 else ''} (marked !)\n"
    return format_table(shown, _TABLE) + footer




class Backend(StrEnum):
    loky = "loky"
    dask = "dask"


#: Lemma path used when neither --fast nor --accurate is given. Fast passed the gate of
#: benchmarks/lemma_gate.py: grouped-CV function macro-F1 0.9582 vs 0.959 accurate, with a lemma
#: cache that never saw the annotated clauses; the shipped models give the same function and
#: themes on 160/160 seed clauses (benchmarks/results/lemma_gate.json).
DEFAULT_LEMMATIZER = "fast"


@app.command("tag")
@handle_errors
def tag_cli(
    paths: Annotated[list[str], typer.Argument(help="Text files, folders of .txt files, or - for standard input.")],
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="table (for people), jsonl or csv.")] = OutputFormat.table,
    input_format: Annotated[str, typer.Option("--input-format", "-i", help="text (whole documents, segmented), lines (one clause per non-empty line) or csv (one clause per row of a 'text' column).")] = "text",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file (atomically) instead of standard output.")] = None,
    model_dir: Annotated[Path | None, typer.Option("--model-dir", help="Folder of versioned models (default: the project's models/ or $CLAUSEKIT_MODEL_DIR).")] = None,
    trust: Annotated[bool, typer.Option("--trust", help="Load models from a folder outside the project's models/.")] = False,
    fail_fast: Annotated[bool, typer.Option("--fail-fast", help="Stop at the first file that cannot be read.")] = False,
    max_size: Annotated[int, typer.Option("--max-size", help="Largest file to read, in MiB.")] = 50,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Worker processes (1: this process; -1: one per CPU). Output keeps the input order.")] = 1,
    backend: Annotated[Backend, typer.Option("--backend", help="loky (local worker processes) or dask (a Dask cluster; see --scheduler).")] = Backend.loky,
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="Dask scheduler address (tcp://host:8786) for --backend dask; default: a local cluster.")] = None,
    fast: Annotated[bool | None, typer.Option("--fast/--accurate", help="Lemmas from the tokenizer and a domain lemma cache (fast, the default), or from spaCy's statistical pipeline (accurate).", show_default=False)] = None,
) -> None:
    """Tag each clause with its function (recall, concern, request, decision, position, other) and themes."""
    from clausekit.errors import InputError, ModelError
    from clausekit.tagging.batch import iter_inputs, process_tagger, tag_source
    from clausekit.tagging.parallel import effective_jobs, map_documents
    from clausekit.tagging.tagger import INPUT_FORMATS

    if input_format not in INPUT_FORMATS:
        raise InputError(f"unknown --input-format {input_format!r}; use one of {', '.join(INPUT_FORMATS)}")
    if scheduler is not None and backend is not Backend.dask:
        raise typer.BadParameter("--scheduler needs --backend dask", param_hint="--scheduler")
    lemmatizer = DEFAULT_LEMMATIZER if fast is None else "fast" if fast else "accurate"
    model_key = str(model_dir) if model_dir is not None else None
    in_process = backend is Backend.loky and effective_jobs(jobs) == 1
    shown: set[str] = set()
    if in_process:  # load here, so that a model error or warning comes before any output
        for message in process_tagger(model_key, trust)[1]:
            shown.add(message)
            warn(message)
    summary = BatchSummary()
    with sigterm_as_interrupt(), open_output(output) as out:
        writer = RecordWriter(fmt, out, RECORD_COLUMNS, _table)
        # workers format their document's records (JSONL, CSV): this process only writes text
        output_spec = (writer.text_format, tuple(RECORD_COLUMNS))
        tasks = ((item, input_format, model_key, trust, lemmatizer, *output_spec) for item in iter_inputs(paths, max_bytes=max_size * 2**20))
        for result in map_documents(tag_source, tasks, jobs=jobs, backend=backend.value, scheduler=scheduler):
            for message in result.warnings:
                if message not in shown:
                    shown.add(message)
                    warn(message)
            if result.model_error is not None:
                raise ModelError(result.model_error)
            if result.error is not None:
                summary.fail(result.path, result.error)
                if fail_fast:
                    break
                continue
            if not result.clauses:
                warn(f"{result.path}: no clause found")
            if result.text is not None:
                writer.write_text(result.text)
            else:
                writer.write(result.records)
            summary.ok(result.path)
        writer.close()
    code = summary.report()
    if code:
        raise typer.Exit(code)
