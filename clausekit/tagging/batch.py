"""Many inputs: reading them one at a time (a bad file is reported in place, never stops the
others) and tagging them a chunk at a time, in this process or in a worker (:func:`map_tag`,
:func:`tag_sources`; :func:`tag_source` for one).

The worker function lives here, not in the CLI, so that a ``--jobs`` worker imports only the
library (no typer, click or rich) before it loads the models.
"""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from clausekit.errors import ClausekitError, InputError, MissingPathError, ModelError
from clausekit.read.folders import expand_inputs
from clausekit.read.formats import SUPPORTED_SUFFIXES
from clausekit.read.sources import DEFAULT_MAX_BYTES, Source, expand_paths, read_csv, read_path
from clausekit.tagging.filters import ClauseFilter
from clausekit.tagging.formats import TAG_COLUMNS


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that could not be processed, and why (one line)."""

    path: str
    message: str
    exit_code: int = 1


#: What each ``input_format`` reads from a folder; ``text`` reads every supported format.
INPUT_FORMATS = ("text", "html", "csv")


def iter_inputs(
    paths: Iterable[str | Path],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    input_format: str = "text",
    id_column: str | None = None,
    pattern: str | None = None,
    glob: str | None = None,
    on_skip: Callable[[str, str], None] | None = None,
) -> Iterator[Source | Failure]:
    """Each input document as a :class:`Source`, or a :class:`Failure` in its place, in order.

    ``input_format="text"`` reads each file as one document in the format its content and
    extension say (text, HTML, PDF, Word, image; folders: every supported extension, in any
    case); ``"html"`` reads text files as HTML pages; ``"csv"`` reads each row of each CSV file
    (folders: their ``*.csv``) as one, from its ``text`` column (its id from ``id_column``, see
    :func:`clausekit.read.sources.read_csv`). ``pattern="*.csv"`` makes folders give their CSV
    files whole (``clausekit tag -i csv``: one clause per row). ``glob`` chooses the files of
    folders; each file a folder holds but the run does not read is passed to ``on_skip``
    (path, reason). Document ids are unique within the run
    (:func:`clausekit.read.folders.expand_inputs`).
    """
    if input_format not in INPUT_FORMATS:
        raise InputError(f"unknown input format {input_format!r}; use one of {', '.join(INPUT_FORMATS)}")
    suffixes = (".csv",) if input_format == "csv" or pattern == "*.csv" else SUPPORTED_SUFFIXES
    inputs = expand_inputs(paths, glob=glob, suffixes=suffixes)
    if on_skip is not None:
        for path, reason in inputs.skipped:
            on_skip(path, reason)
    asked = "html" if input_format == "html" else None
    for entry in inputs.entries:
        if entry.error is not None:
            error = MissingPathError(entry.error, source=entry.path) if "no such" in entry.error else InputError(entry.error, source=entry.path)
            yield Failure(entry.path, str(error), error.exit_code)
            continue
        if input_format == "csv":
            yield from _csv_rows(entry.path, max_bytes, id_column)
            continue
        try:
            yield read_path(entry.path, max_bytes=max_bytes, input_format=asked, doc_id=entry.doc_id)
        except ClausekitError as exc:
            yield Failure(entry.path, str(exc), exc.exit_code)


def _csv_rows(path: str, max_bytes: int, id_column: str | None) -> Iterator[Source | Failure]:
    try:
        for item in read_csv(path, max_bytes=max_bytes, id_column=id_column):
            yield Failure(item.source or path, str(item), item.exit_code) if isinstance(item, InputError) else item
    except ClausekitError as exc:
        yield Failure(path, str(exc), exc.exit_code)


# --- tagging one input, in this process or in a worker ---------------------------------------


@dataclass(frozen=True, slots=True)
class TagResult:
    """One input's records (or their ``text`` when a format was asked), or why it failed.

    ``clauses`` counts the records either way; ``warnings`` are the model-loading ones of a
    fresh process and the not-French one.
    """

    path: str
    records: list[dict] = field(default_factory=list)
    error: str | None = None
    model_error: str | None = None
    warnings: tuple[str, ...] = ()
    #: What was left out of this input's cells (:class:`~clausekit.errors.InputWarning`): the CLI
    #: prints them, the API warns them again in the caller's process.
    input_warnings: tuple[str, ...] = ()
    text: str | None = None
    clauses: int = 0
    exit_code: int = 1
    kept: int = 0


@dataclass(frozen=True, slots=True)
class TagOptions:
    """How :func:`tag_source` tags and returns an input, beyond the models.

    ``output_format`` (``jsonl`` or ``csv``) makes the worker return the formatted text of
    ``columns`` (CSV cells a spreadsheet would run as formulas escaped unless ``escape`` is off); ``keep`` drops the
    clauses a filter does not keep; ``low_confidence_below`` is the flag's threshold;
    ``id_column`` names a CSV input's id column (``input_format="csv"``).
    """

    output_format: str | None = None
    columns: tuple[str, ...] = TAG_COLUMNS
    keep: ClauseFilter = field(default_factory=ClauseFilter)
    low_confidence_below: float = 0.6
    escape: bool = True
    id_column: str | None = None


#: One Tagger per (model folder, trust) and per process: models load once per worker, not per document.
_TAGGERS: dict[tuple[str | None, bool], Any] = {}
_LOAD_WARNINGS: dict[tuple[str | None, bool], tuple[str, ...]] = {}


def process_tagger(model_dir: str | None, trust: bool) -> tuple[Any, tuple[str, ...]]:
    """This process's :class:`~clausekit.tagging.tagger.Tagger` for ``model_dir``, and the warnings its loading gave.

    The first call loads the models (and may raise :class:`~clausekit.errors.ModelError`).
    """
    key = (model_dir, trust)
    if key not in _TAGGERS:
        from clausekit.tagging.tagger import Tagger

        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            _TAGGERS[key] = Tagger(model_dir, trust=trust)
        _LOAD_WARNINGS[key] = tuple(" ".join(str(w.message).split()) for w in caught)
    return _TAGGERS[key], _LOAD_WARNINGS[key]


def tag_source(task: tuple[Any, ...]) -> TagResult:
    """Tag one input: ``(Source or Failure, input format, model folder, trust, lemmatizer[, TagOptions])``.

    With an output format in the options the result carries the formatted ``text`` instead
    of the records, so that the process writing the output only writes it.
    Module-level so that workers get it by reference and keep their Tagger between inputs.
    A Failure passes through; a model error, or an input that cannot be tagged, comes back
    as a message, never as an exception. A fresh process's loading warnings come with its
    first result (the caller shows each once); so does the warning for a text that does
    not read as French. ``clauses`` counts the input's clauses, ``kept`` those the filter kept.
    """
    return tag_sources([task])[0]


def tag_item(
    tagger: Any, item: Source, input_format: str, lemmatizer: str | None, options: TagOptions, *, notes: tuple[str, ...] = ()
) -> TagResult:
    """Tag one read input with ``tagger`` (what :func:`tag_source` does once it has its Tagger)."""
    return tag_items(tagger, [item], input_format, lemmatizer, options, notes=notes)[0]


def tag_items(
    tagger: Any, items: list[Source], input_format: str, lemmatizer: str | None, options: TagOptions, *, notes: tuple[str, ...] = ()
) -> list[TagResult]:
    """:func:`tag_item` of each of ``items``, in order; texts to segment are tagged together
    (:meth:`~clausekit.tagging.tagger.Tagger.documents_records`: the same records, one model pass).
    ``notes`` come with the first result."""
    from clausekit.segmentation.segmenter import segment_source

    tagger.lemmatizer, tagger.low_confidence_below = lemmatizer, options.low_confidence_below
    found: list[list[dict[str, Any]] | ClausekitError] = []
    left_out: list[tuple[str, ...]] = []
    docs = []
    for item in items:
        with _input_warnings() as caught:
            try:
                if input_format == "text":
                    docs.append((len(found), segment_source(item)))
                    found.append([])
                else:
                    found.append(tagger.tag_records(item.text, input_format=input_format, doc_id=item.doc_id,
                                                    source=item.path, id_column=options.id_column))
            except ClausekitError as exc:
                found.append(exc)
        left_out.append(tuple(caught))
    if docs:
        try:
            for (k, _), records in zip(docs, tagger.documents_records([d for _, d in docs]), strict=True):
                found[k] = records
        except ClausekitError:  # tell which one: each alone
            for k, doc in docs:
                try:
                    found[k] = tagger.document_records(doc)
                except ClausekitError as exc:
                    found[k] = exc
    return [_result(item, got, options, notes if k == 0 else (), left_out[k]) for k, (item, got) in enumerate(zip(items, found, strict=True))]


@contextlib.contextmanager
def _input_warnings() -> Iterator[list[str]]:
    """Collect the :class:`~clausekit.errors.InputWarning` lines of a block (a worker's go back with its result)."""
    from clausekit.errors import InputWarning

    caught: list[str] = []
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always", InputWarning)
        yield caught
    for w in seen:
        if issubclass(w.category, InputWarning):
            caught.append(str(w.message))
        else:  # any other warning goes on as it would have
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)


def row_label(path: str) -> str:
    """``meta.csv: row 3`` for the path ``meta.csv:3`` of a CSV row read as a document."""
    head, _, row = path.rpartition(":")
    return f"{head}: row {row}" if head and row.isdigit() else path


def tag_inputs(
    tagger: Any, inputs: list[Source | Failure], input_format: str, lemmatizer: str | None, options: TagOptions
) -> list[TagResult]:
    """:func:`tag_items` with the caller's own ``tagger``, a :class:`Failure` among ``inputs`` passing through in its place."""
    items = [x for x in inputs if not isinstance(x, Failure)]
    tagged = iter(tag_items(tagger, items, input_format, lemmatizer, options) if items else [])
    return [TagResult(x.path, error=x.message, exit_code=x.exit_code) if isinstance(x, Failure) else next(tagged)
            for x in inputs]


def _result(
    item: Source, records: list[dict[str, Any]] | ClausekitError, options: TagOptions, notes: tuple[str, ...], left_out: tuple[str, ...] = ()
) -> TagResult:
    """One input's :class:`TagResult` from its records (or the error tagging it raised)."""
    from clausekit.text.language import not_french_warning

    if isinstance(records, ClausekitError):
        return TagResult(item.path, error=str(records), warnings=notes, input_warnings=left_out, exit_code=records.exit_code)
    if item.fields:  # a CSV or DataFrame row read as a document: its other cells come through
        from clausekit.tagging.tagger import clause_rows

        with _input_warnings() as caught:
            _, _, (extra,) = clause_rows([dict(item.fields)], where=[row_label(item.path)])
        left_out = (*left_out, *caught)
        for r in records:
            r.update({k: v for k, v in extra.items() if r.get(k) is None})
    language = not_french_warning(item.path, item.text)
    notes = (*notes, *([language] if language else []))
    total = len(records)
    records = options.keep.records(records)
    if options.output_format is not None:
        from clausekit.tagging.formats import records_text

        text = records_text(records, options.columns, options.output_format, escape=options.escape)
        return TagResult(item.path, warnings=notes, input_warnings=left_out, text=text, clauses=total, kept=len(records))
    return TagResult(item.path, records=records, warnings=notes, input_warnings=left_out, clauses=total, kept=len(records))


def tag_sources(tasks: list[tuple[Any, ...]]) -> list[TagResult]:
    """:func:`tag_source` of each task, in order, the inputs read alike tagged together (:func:`tag_items`).

    Module-level, as :func:`tag_source`, so that a worker gets it by reference. :func:`tag_source` is this
    function on one task: a Failure passes through, a model error comes back as a message.
    """
    out: list[TagResult | None] = [None] * len(tasks)
    groups: list[tuple[tuple[Any, ...], list[int]]] = []  # tasks of the same settings (a list: options need not hash)
    for k, task in enumerate(tasks):
        item, input_format, model_dir, trust, lemmatizer, *rest = task
        if isinstance(item, Failure):
            out[k] = TagResult(item.path, error=item.message, exit_code=item.exit_code)
            continue
        key = (input_format, model_dir, trust, lemmatizer, rest[0] if rest else None)
        group = next((ks for settings, ks in groups if settings == key), None)
        if group is None:
            groups.append((key, [k]))
        else:
            group.append(k)
    for (input_format, model_dir, trust, lemmatizer, options), ks in groups:
        fresh = (model_dir, trust) not in _TAGGERS
        try:
            tagger, load_warnings = process_tagger(model_dir, trust)
        except ModelError as exc:
            for k in ks:
                out[k] = TagResult(tasks[k][0].path, model_error=str(exc))
            continue
        results = tag_items(tagger, [tasks[k][0] for k in ks], input_format, lemmatizer, options or TagOptions(),
                            notes=load_warnings if fresh else ())
        for k, result in zip(ks, results, strict=True):
            out[k] = result
    return [r for r in out if r is not None]


#: Inputs tagged together in one process (:func:`map_tag`): enough to spread the function model's
#: per-call cost over short documents, few enough to keep the output streaming.
CHUNK = 16


def chunked(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """``items`` in lists of ``size`` (the last one shorter), read lazily."""
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def chunk_size(jobs: int, inputs: int | None) -> int:
    """How many inputs one task tags (:data:`CHUNK` in one process); with workers, small enough to give
    each of them four tasks or more, so that a few long documents do not all land on one worker."""
    from clausekit.tagging.parallel import effective_jobs

    jobs = effective_jobs(jobs)
    if jobs == 1:
        return CHUNK
    if inputs is None:
        return 4
    return max(1, min(CHUNK, inputs // (4 * jobs)))


def map_tag(tasks: Iterable[tuple[Any, ...]], *, jobs: int = 1, backend: str = "loky", scheduler: str | None = None,
            inputs: int | None = None) -> Iterator[TagResult]:
    """:func:`tag_source` of each task, in order, as results come: :func:`tag_sources` over chunks of
    :func:`chunk_size` tasks, through :func:`~clausekit.tagging.parallel.map_documents`."""
    from clausekit.tagging.parallel import map_documents

    size = chunk_size(jobs, inputs)
    for results in map_documents(tag_sources, chunked(tasks, size), jobs=jobs, backend=backend, scheduler=scheduler):
        yield from results


def table_columns(paths: Iterable[str | Path], *, id_column: str | None = None, text_column: str = "text",
                  max_bytes: int = DEFAULT_MAX_BYTES) -> list[str]:
    """The output names of the columns that CSV inputs carry through (all but the text and id
    columns; see :func:`clausekit.tagging.tagger.clause_rows`), in first-seen order.

    Read from each file's header before any tagging, so that a CSV output has one header for
    every file. A file that cannot be read is skipped here; it is reported when its turn comes.
    """
    import csv
    import io

    from clausekit.tagging.tagger import clause_rows

    names: list[str] = []
    for raw in paths:
        try:
            files = expand_paths([raw], pattern="*.csv")
        except ClausekitError:
            continue
        for path in files:
            if path == "-":
                continue
            try:
                text = read_path(path, max_bytes=max_bytes).text
            except ClausekitError:
                continue
            header = next(csv.reader(io.StringIO(text[:65536], newline="")), [])
            row = {c.strip().lstrip("\ufeff"): "" for c in header}
            if text_column not in row or (id_column is not None and id_column not in row):
                continue
            _, _, (extra,) = clause_rows([row], id_column=id_column, text_column=text_column)
            names.extend(k for k in extra if k not in names and k not in TAG_COLUMNS)
    return names
