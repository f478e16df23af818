"""``clausekit tag``: the function and themes of each clause, as a table, JSONL or CSV."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from clausekit.cli import _util
from clausekit.cli._output import (
    RAW_CSV_HELP,
    Force,
    Output,
    RecordWriter,
    check_output,
    open_output,
)
from clausekit.cli._progress import Progress, count_files
from clausekit.cli._util import (
    GLOB_HELP,
    MAX_SIZE_HELP,
    MAX_SIZE_MIB,
    BatchSummary,
    OutputFormat,
    Part,
    Quiet,
    Verbose,
    add_page_column,
    check_scheduler,
    count_inputs,
    format_table,
    handle_errors,
    note,
    plural,
    sigterm_as_interrupt,
    verbosity,
    warn,
)
from clausekit.cli.app import app
from clausekit.tagging.formats import TAG_COLUMNS

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
    footer = f"\n{plural(len(rows), 'clause')} in {plural(docs, 'document')}: " + (", ".join(f"{k} {v}" for k, v in functions.most_common()) or "none")
    footer += "\nthemes: " + (", ".join(f"{k} {v}" for k, v in themes.most_common()) or "none")
    footer += f"\n{plural(low, 'low-confidence clause')} (marked !)\n"
    return format_table(shown, add_page_column(_TABLE, shown)) + footer


class Backend(StrEnum):
    loky = "loky"
    dask = "dask"


class TagInput(StrEnum):
    text = "text"
    html = "html"
    lines = "lines"
    csv = "csv"


@app.command("tag")
@handle_errors
def tag_cli(
    paths: Annotated[list[str], typer.Argument(help="Files (text, PDF, scans and images, .docx, HTML), folders, or - for standard input.")],
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="table (for people), jsonl or csv.")] = OutputFormat.table,
    input_format: Annotated[TagInput, typer.Option("--input-format", "-i", help="text (whole documents in any supported format, segmented), html (text files and standard input read as HTML pages), lines (one clause per non-empty line; the lines of a file are the paragraphs of one document, each part decided with it) or csv (one clause per row of a 'text' column, each part from the row alone; the other columns come through).")] = TagInput.text,
    id_column: Annotated[str | None, typer.Option("--id-column", help="With -i csv: the column that gives each row's doc_id (default: a 'doc_id' or 'id' column, else the file name).")] = None,
    glob: Annotated[str | None, typer.Option("--glob", help=GLOB_HELP)] = None,
    output: Output = None,
    force: Force = False,
    theme: Annotated[list[str] | None, typer.Option("--theme", help="Keep only clauses with this theme (repeat for any of several).")] = None,
    function: Annotated[list[str] | None, typer.Option("--function", help="Keep only clauses with this function (repeat for any of several).")] = None,
    part: Annotated[list[Part] | None, typer.Option("--part", help="Keep only clauses of this part: preamble, operative or narrative (repeatable).")] = None,
    min_confidence: Annotated[float | None, typer.Option("--min-confidence", min=0.0, max=1.0, help="Keep only clauses whose function confidence is at least this.")] = None,
    low_confidence_below: Annotated[float, typer.Option("--low-confidence-below", min=0.0, max=1.0, help="Flag clauses whose function confidence is under this as low_confidence (see the README, 'Confidence').")] = 0.6,
    excel: Annotated[bool, typer.Option("--excel", help="CSV for Excel: a UTF-8 byte-order mark (accents right) and cells that would run as formulas quoted.")] = False,
    bom: Annotated[bool, typer.Option("--bom", help="Start a CSV with a UTF-8 byte-order mark, as Excel needs to read accents right.")] = False,
    model_dir: Annotated[Path | None, typer.Option("--model-dir", help="Folder of versioned models (default: the project's models/ or $CLAUSEKIT_MODEL_DIR).")] = None,
    trust: Annotated[bool, typer.Option("--trust", help="Load models from a folder outside the project's models/.")] = False,
    fail_fast: Annotated[bool, typer.Option("--fail-fast", help="Stop at the first file that cannot be read.")] = False,
    max_size: Annotated[int, typer.Option("--max-size", min=1, help=MAX_SIZE_HELP)] = MAX_SIZE_MIB,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Worker processes (1: this process; -1: one per CPU). Output keeps the input order.")] = 1,
    backend: Annotated[Backend, typer.Option("--backend", help="loky (local worker processes) or dask (a Dask cluster; see --scheduler).")] = Backend.loky,
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="Dask scheduler address (tcp://host:8786) for --backend dask; default: a local cluster.")] = None,
    raw_csv: Annotated[bool, typer.Option("--raw-csv", help=RAW_CSV_HELP)] = False,
    fast: Annotated[bool | None, typer.Option("--fast/--accurate", help="Lemmas from the tokenizer and a domain lemma cache (fast, the default), or from spaCy's statistical pipeline (accurate).", show_default=False)] = None,
    quiet: Quiet = False,
    verbose: Verbose = False,
) -> None:
    """Tag each clause with its function (recall, concern, request, decision, position, other) and themes."""
    from clausekit.errors import ModelError
    from clausekit.tagging.batch import (
        TagOptions,
        iter_inputs,
        map_tag,
        process_tagger,
        table_columns,
    )
    from clausekit.tagging.filters import ClauseFilter
    from clausekit.tagging.parallel import plan_jobs
    from clausekit.tagging.tagger import DEFAULT_LEMMATIZER

    verbosity(quiet, verbose)
    read_as = "html" if input_format is TagInput.html else "text"
    if input_format is TagInput.html:
        input_format = TagInput.text  # an HTML page is read as HTML, then segmented like any text
    if scheduler is not None and backend is not Backend.dask:
        raise typer.BadParameter("--scheduler needs --backend dask", param_hint="--scheduler")
    if id_column is not None and input_format is not TagInput.csv:
        raise typer.BadParameter("--id-column reads a CSV input; add --input-format csv", param_hint="--id-column")
    if (excel or bom) and fmt is not OutputFormat.csv:
        raise typer.BadParameter("--excel and --bom shape a CSV output; add --format csv", param_hint="--excel" if excel else "--bom")
    if scheduler is not None:
        check_scheduler(scheduler)
    check_output(output, paths, force=force)  # before the models load and any file is read
    n_inputs = count_inputs(paths) if backend is Backend.loky else None
    try:
        planned, plan_note = plan_jobs(jobs, n_inputs)
    except ValueError as exc:
        raise typer.BadParameter(str(exc).removeprefix("--jobs "), param_hint="--jobs") from None
    if plan_note and backend is Backend.loky:
        if not _util.quiet():
            typer.echo(f"clausekit: note: {plan_note}", err=True)
        jobs = planned
    keep = ClauseFilter(themes=tuple(theme or ()), functions=tuple(function or ()),
                        parts=tuple(p.value for p in part or ()), min_confidence=min_confidence)
    lemmatizer = DEFAULT_LEMMATIZER if fast is None else "fast" if fast else "accurate"
    model_key = str(model_dir) if model_dir is not None else None
    max_bytes = max_size * 2**20
    escape = excel or not raw_csv  # --excel always defuses formula cells
    in_process = backend is Backend.loky and planned == 1
    shown: set[str] = set()
    if in_process:  # load here, so that a model error or warning comes before any output
        tagger, messages = process_tagger(model_key, trust)
        for message in messages:
            shown.add(message)
            warn(message)
        _check_labels(keep, tagger)
    columns = list(TAG_COLUMNS)
    if input_format is TagInput.csv:  # the user's other columns come through, after the schema's
        columns += table_columns(paths, id_column=id_column, max_bytes=max_bytes)
    summary = BatchSummary()
    clauses = kept = 0
    with sigterm_as_interrupt(), open_output(output, paths, force=force) as out, Progress("tagging", count_files(paths, _pattern(input_format.value), glob=glob), at_least=2) as bar:
        writer = RecordWriter(fmt, out, columns, _table, bom=bom or excel, escape=escape)
        # workers format their document's records (JSONL, CSV): this process only writes text
        options = TagOptions(output_format=writer.text_format, columns=tuple(columns), keep=keep,
                             low_confidence_below=low_confidence_below, escape=escape, id_column=id_column)
        inputs = iter_inputs(paths, max_bytes=max_bytes, input_format=read_as, pattern=_pattern(input_format.value), glob=glob, on_skip=summary.skip)
        tasks = ((item, input_format.value, model_key, trust, lemmatizer, options) for item in inputs)
        for result in map_tag(tasks, jobs=jobs, backend=backend.value, scheduler=scheduler, inputs=n_inputs):
            bar.show(Path(result.path).name)
            bar.advance()
            for message in (*result.warnings, *result.input_warnings):
                if message not in shown:
                    shown.add(message)
                    with bar.aside():
                        warn(message)
            if result.model_error is not None:
                raise ModelError(result.model_error)
            if result.error is not None:
                with bar.aside():
                    summary.fail(result.path, result.error, result.exit_code)
                if fail_fast:
                    break
                continue
            if not result.clauses:
                with bar.aside():
                    warn(f"{result.path}: no clause found")
            if result.text is not None:
                writer.write_text(result.text)
            else:
                writer.write(result.records)
            clauses, kept = clauses + result.clauses, kept + result.kept
            note(f"{result.path}: {plural(result.clauses, 'clause')}" + (f", {result.kept} kept" if keep.active else ""))
            summary.ok(result.path)
        if not summary.done:  # nothing to show: no empty table, and no output file is created
            raise typer.Exit(summary.report())
        writer.close()
    if keep.active:
        note(f"{kept} of {plural(clauses, 'clause')} kept by the filters")
    code = summary.report()
    if code:
        raise typer.Exit(code)


def _pattern(input_format: str) -> str | None:
    """The files of a folder that an input format reads whole: a CSV's rows are its clauses."""
    return "*.csv" if input_format == "csv" else None


def _check_labels(keep: object, tagger: object) -> None:
    """A --theme or --function the models do not know keeps nothing: say so rather than print nothing."""
    known = {"--theme": [str(t) for t in tagger.theme_model.classes_],  # type: ignore[attr-defined]
             "--function": [str(c) for c in tagger.function_model.classes_]}  # type: ignore[attr-defined]
    for option, given in (("--theme", keep.themes), ("--function", keep.functions)):  # type: ignore[attr-defined]
        unknown = [g for g in given if g not in known[option]]
        if unknown:
            raise typer.BadParameter(f"unknown {unknown[0]!r}; the models give {', '.join(known[option])}", param_hint=option)
