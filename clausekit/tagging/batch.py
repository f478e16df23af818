"""Many inputs, one at a time: reading them (a bad file is reported in place, never stops the
others) and tagging each, in this process or in a worker (:func:`tag_source`).

The worker function lives here, not in the CLI, so that a ``--jobs`` worker imports only the
library (no typer, click or rich) before it loads the models.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from clausekit.errors import ClausekitError, InputError
from clausekit.read.folders import expand_inputs
from clausekit.read.formats import SUPPORTED_SUFFIXES
from clausekit.read.sources import DEFAULT_MAX_BYTES, Source, read_csv, read_path


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that could not be processed, and why (one line)."""

    path: str
    message: str


#: What each ``input_format`` reads from a folder; ``text`` reads every supported format.
INPUT_FORMATS = ("text", "html", "csv")


def iter_inputs(
    paths: Iterable[str | Path],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    input_format: str = "text",
    glob: str | None = None,
    on_skip: Callable[[str, str], None] | None = None,
) -> Iterator[Source | Failure]:
    """Each input document as a :class:`Source`, or a :class:`Failure` in its place, in order.

    ``input_format="text"`` reads each file as one document in the format its content and
    extension say (text, HTML, PDF, Word, image; folders: every supported extension, in any
    case); ``"html"`` reads text files as HTML pages; ``"csv"`` reads each row of each CSV file
    (folders: their ``*.csv``) as one, from its ``text`` column. ``glob`` chooses the files of
    folders; each file a folder holds but the run does not read is passed to ``on_skip``
    (path, reason). Document ids are unique within the run
    (:func:`clausekit.read.folders.expand_inputs`).
    """
    if input_format not in INPUT_FORMATS:
        raise InputError(f"unknown input format {input_format!r}; use one of {', '.join(INPUT_FORMATS)}")
    suffixes = (".csv",) if input_format == "csv" else SUPPORTED_SUFFIXES
    inputs = expand_inputs(paths, glob=glob, suffixes=suffixes)
    if on_skip is not None:
        for path, reason in inputs.skipped:
            on_skip(path, reason)
    asked = "html" if input_format == "html" else None
    for entry in inputs.entries:
        if entry.error is not None:
            yield Failure(entry.path, str(InputError(entry.error, source=entry.path)))
            continue
        if input_format == "csv":
            yield from _csv_rows(entry.path, max_bytes)
            continue
        try:
            yield read_path(entry.path, max_bytes=max_bytes, input_format=asked, doc_id=entry.doc_id)
        except ClausekitError as exc:
            yield Failure(entry.path, str(exc))


def _csv_rows(path: str, max_bytes: int) -> Iterator[Source | Failure]:
    try:
        for item in read_csv(path, max_bytes=max_bytes):
            yield Failure(item.source or path, str(item)) if isinstance(item, InputError) else item
    except ClausekitError as exc:
        yield Failure(path, str(exc))


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
    text: str | None = None
    clauses: int = 0


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
    """Tag one input: ``(Source or Failure, input format, model folder, trust, lemmatizer[, output format, columns])``.

    With an output format (``jsonl`` or ``csv``, see :func:`clausekit.atomic.records_text`) and
    the record columns, the result carries the formatted ``text`` instead of the records,
    so that the process writing the output only writes it.
    Module-level so that workers get it by reference and keep their Tagger between inputs.
    A Failure passes through; a model error, or an input that cannot be tagged, comes back
    as a message, never as an exception. A fresh process's loading warnings come with its
    first result (the caller shows each once); so does the warning for a text that does
    not read as French.
    """
    from clausekit.errors import ModelError
    from clausekit.lemmas.frames import set_lemmatizer
    from clausekit.text.language import not_french_warning

    item, input_format, model_dir, trust, lemmatizer, *output = task
    if isinstance(item, Failure):
        return TagResult(item.path, error=item.message)
    fresh = (model_dir, trust) not in _TAGGERS
    try:
        tagger, load_warnings = process_tagger(model_dir, trust)
    except ModelError as exc:
        return TagResult(item.path, model_error=str(exc))
    notes = load_warnings if fresh else ()
    set_lemmatizer(lemmatizer)
    try:
        if input_format == "text":
            records = tagger.source_records(item)
        else:
            records = tagger.tag_records(item.text, input_format=input_format, doc_id=item.doc_id, source=item.path)
    except ClausekitError as exc:
        return TagResult(item.path, error=str(exc), warnings=notes)
    language = not_french_warning(item.path, item.text)
    notes = (*notes, *([language] if language else []))
    if output and output[0] is not None:
        from clausekit.tagging.formats import records_text

        text = records_text(records, output[1], output[0])
        return TagResult(item.path, warnings=notes, text=text, clauses=len(records))
    return TagResult(item.path, records=records, warnings=notes, clauses=len(records))
