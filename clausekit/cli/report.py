"""``clausekit report``: tag a corpus and write an HTML report with its tables."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from clausekit.cli._progress import Progress, count_files
from clausekit.cli._util import (
    EXIT_INTERRUPTED,
    GLOB_HELP,
    BatchSummary,
    Quiet,
    Verbose,
    error,
    handle_errors,
    plural,
    quiet,
    sigterm_as_interrupt,
    verbosity,
    warn,
)
from clausekit.cli.app import app
from clausekit.read.sources import DEFAULT_MAX_BYTES


def _tag_with_title(tagger: Any, item: Any, input_format: str) -> Any:
    """The tagged frame of one input, with the ``title`` its heading gives (whole documents only)."""
    if input_format != "text":
        return tagger.tag(
            item.text, input_format=input_format, doc_id=item.doc_id, source=item.path
        )
    from clausekit.segmentation.segmenter import segment_source

    doc = segment_source(item)
    return tagger.tag_document(doc).assign(title=doc.heading.title)


@app.command("report")
@handle_errors
def report_cli(
    paths: Annotated[
        list[str], typer.Argument(help="Files (text, PDF, scans and images, .docx, HTML) or folders (the corpus).")
    ],
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            "-o",
            help="Folder to write report.html and tables/ into: a new or empty folder, or a previous clausekit report (replaced as a whole, atomically). Never an input or a folder of other files.",
        ),
    ],
    force: Annotated[
        bool,
        typer.Option("--force", help="Replace a previous report even when files were added to it since (never any other folder)."),
    ] = False,
    input_format: Annotated[
        str,
        typer.Option(
            "--input-format",
            "-i",
            help="text (whole documents in any supported format, segmented), html (text files read as HTML pages), lines (one clause per non-empty line; the lines of a file are the paragraphs of one document) or csv (one clause per row of a 'text' column).",
        ),
    ] = "text",
    model_dir: Annotated[
        Path | None,
        typer.Option(
            "--model-dir",
            help="Folder of versioned models (default: the project's models/ or $CLAUSEKIT_MODEL_DIR).",
        ),
    ] = None,
    trust: Annotated[
        bool,
        typer.Option("--trust", help="Load models from a folder outside the project's models/."),
    ] = False,
    fail_fast: Annotated[
        bool,
        typer.Option("--fail-fast", help="Stop at the first file that cannot be read or tagged."),
    ] = False,
    raw_csv: Annotated[
        bool,
        typer.Option("--raw-csv", help="Write the tables' CSV cells that start with = + - @ as they are (by default they get a leading ')."),
    ] = False,
    max_size: Annotated[
        int,
        typer.Option(
            "--max-size",
            min=1,
            help="Largest file to read, in MiB (memory is about 100 times the file size).",
        ),
    ] = DEFAULT_MAX_BYTES // 2**20,
    quiet_: Quiet = False,
    verbose: Verbose = False,
    glob: Annotated[str | None, typer.Option("--glob", help=GLOB_HELP)] = None,
    metadata: Annotated[
        Path | None,
        typer.Option(
            "--metadata",
            help="CSV of document metadata (doc_id = file name without .txt; symbol, body, year, title): overrides the heading and the file name.",
        ),
    ] = None,
    keep_duplicates: Annotated[
        bool,
        typer.Option(
            "--keep-duplicates",
            help="Count duplicate documents (an OCR'd copy, a re-issue) each time; by default each text counts once.",
        ),
    ] = False,
) -> None:
    """Tag a corpus and write a thematic report: report.html plus every table as CSV and Parquet."""
    import warnings

    from clausekit.errors import ClausekitError, InputError

    verbosity(quiet_, verbose)
    from clausekit.outputs.metadata import read_metadata_csv, unmatched_ids
    from clausekit.outputs.provenance import provenance
    from clausekit.outputs.report import build_report, report_tables
    from clausekit.outputs.tables import Collector
    from clausekit.tagging.batch import Failure, iter_inputs
    from clausekit.tagging.tagger import INPUT_FORMATS, Tagger
    from clausekit.text import language

    read_as = "html" if input_format == "html" else "text"
    if input_format == "html":
        input_format = "text"
    if input_format not in INPUT_FORMATS:
        raise InputError(
            f"unknown --input-format {input_format!r}; use one of {', '.join(INPUT_FORMATS)}"
        )
    from clausekit.atomic import check_output_folder, refuse_input_as_output
    from clausekit.outputs.report import REPORT_MARKER

    # before any tagging: a run of minutes must not end in a refusal
    refuse_input_as_output(out, paths, folder=True)
    check_output_folder(out, marker=REPORT_MARKER, force=force)
    meta_table = read_metadata_csv(metadata) if metadata is not None else None
    # Library warnings (e.g. a model card's version range) become one CLI line each.
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        tagger = Tagger(model_dir, trust=trust)
    for w in caught:
        warn(str(w.message))
    summary = BatchSummary()
    corpus = Collector()  # only the columns the statistics read, never the Documents
    total = count_files(paths, glob=glob)
    with sigterm_as_interrupt():
        try:
            with Progress("tagging", total) as bar:
                items = iter_inputs(paths, max_bytes=max_size * 2**20, input_format=read_as, glob=glob, on_skip=summary.skip)
                for item in items:
                    bar.show(Path(item.path).name)
                    try:
                        if isinstance(item, Failure):
                            with bar.aside():
                                summary.fail(item.path, item.message, item.exit_code)
                            if fail_fast:
                                break
                            continue
                        try:
                            frame = _tag_with_title(tagger, item, input_format)
                        except ClausekitError as exc:
                            with bar.aside():
                                summary.fail(item.path, str(exc), exc.exit_code)
                            if fail_fast:
                                break
                            continue
                        if frame.empty:
                            with bar.aside():
                                warn(f"{item.path}: no clause found")
                        if message := language.not_french_warning(item.path, item.text):
                            with bar.aside():
                                warn(message)
                        corpus.add(frame)
                        summary.ok(item.path)
                    finally:
                        bar.advance()
            code = summary.report()
            if not summary.done:
                if (
                    fail_fast or len(summary.failed) > 1
                ):  # a lone bad input already has its one line
                    error(f"no document could be tagged; no report was written to {out}")
                raise typer.Exit(code or 1)
            tagged = corpus.frame()
            if meta_table is not None and (unknown := unmatched_ids(tagged, meta_table)):
                warn(
                    f"{metadata}: {len(unknown)} doc_id{'s' if len(unknown) != 1 else ''} match no tagged document "
                    f"(e.g. {unknown[0]!r}); doc_id is the file name without .txt"
                )
            made = provenance(inputs=summary.done, argv=sys.argv, model_dir=model_dir, not_read=[*summary.failed, *summary.skipped])
            data = report_tables(tagged, metadata=meta_table, keep_duplicates=keep_duplicates)
            path = build_report(tagged, out, data=data, provenance=made, force=force, escape_formulas=not raw_csv)
        except KeyboardInterrupt:
            done, failed = len(summary.done), len(summary.failed)
            error(
                f"interrupted after {done + failed} of {total} file{'s' if total != 1 else ''} "
                f"({done} tagged, {failed} failed); no report was written, {out} is as it was"
            )
            raise typer.Exit(EXIT_INTERRUPTED) from None
    dropped = int((data.tables["duplicates"]["counted"] == False).sum())  # noqa: E712
    twins = (
        f" ({plural(dropped, 'duplicate')} counted once; --keep-duplicates counts all)"
        if dropped
        else ""
    )
    if not quiet():
        typer.echo(
            f"clausekit: report of {plural(corpus.documents, 'document')}, {plural(corpus.clauses, 'clause')} written to {path}{twins}",
            err=True,
        )
    if code:
        raise typer.Exit(code)
