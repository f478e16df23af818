"""The public ``clausekit.tag()`` and ``clausekit.segment()``: one contract for every kind of input.

Each kind of input is named, never guessed from content:

- ``text="..."``: the text of one document;
- a :class:`pathlib.Path`, or a ``str`` naming an existing file: that file;
- a folder (``Path`` or ``str``): its documents, as the CLI reads a folder;
- a list or tuple of paths (or folders): every document, in order;
- a :class:`pandas.DataFrame` with a text column (``text_column``), or a :class:`pandas.Series`
  of texts: one document per row (``input_format="csv"`` for ``tag``: one clause per row,
  as ``clausekit tag -i csv``), the row's other columns carried through;
- a :class:`~clausekit.types.Document` already segmented (``tag`` only).

A ``str`` that names no file but looks like a path (a known file extension, a path separator
and no space, a folder that exists...) raises :class:`FileNotFoundError` rather than being
read as the text ``"data/seeds/nonexist.txt"``; any other ``str`` is read as a text.
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clausekit.errors import ClausekitError, InputError, InputWarning, MissingPathError
from clausekit.read.sources import DEFAULT_MAX_BYTES, Source
from clausekit.tagging.formats import TAG_COLUMNS, frame
from clausekit.types import Document

if TYPE_CHECKING:
    import pandas as pd

    from clausekit.tagging.tagger import Tagger

#: File extensions that mark a string as a path, not a text.
PATH_EXTENSIONS = frozenset(
    ".txt .text .csv .tsv .md .html .htm .xml .json .jsonl .pdf .doc .docx .odt .rtf .parquet .xlsx .xls".split()
)
_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")


def looks_like_path(s: str) -> bool:
    """Whether a string that names no file still reads as a (mistyped) path rather than a text.

    >>> looks_like_path("data/seeds/nonexist.txt"), looks_like_path("./corpus"), looks_like_path("~/notes")
    (True, True, True)
    >>> looks_like_path("Rappelant sa résolution 54/181,"), looks_like_path("Décide de poursuivre l'examen.")
    (False, False)
    """
    s = s.strip()
    if not s or "\n" in s or len(s) > 1024:
        return False
    if Path(s).suffix.lower() in PATH_EXTENSIONS and " " not in Path(s).stem[-20:]:
        return True
    if s.startswith(("./", "../", ".\\", "..\\", "~/", "/")) or _DRIVE.match(s):
        return " " not in s or os.sep in s
    if ("/" in s or "\\" in s) and " " not in s:
        parent = Path(s).expanduser().parent
        return str(parent) not in ("", ".") and parent.is_dir()
    return False


def _existing(s: str) -> bool:
    if "\n" in s or len(s) > 4096:
        return False
    try:
        return Path(s).expanduser().exists()
    except OSError:
        return False


def _kind(obj: Any, text: str | None) -> str:
    """``text``, ``path``, ``paths``, ``frame``, ``series`` or ``document``; raises on the rest."""
    if text is not None:
        if obj is not None:
            raise TypeError("give either an input or text=..., not both")
        if not isinstance(text, str):
            raise TypeError(f"text= takes a str, not {type(obj).__name__}; pass paths or a DataFrame as the first argument")
        return "text"
    if isinstance(obj, Document):
        return "document"
    if isinstance(obj, os.PathLike):
        return "path"
    if isinstance(obj, str):
        if _existing(obj):
            return "path"
        if looks_like_path(obj):
            raise MissingPathError("no such file or folder; pass text=... to read a string as the text itself", source=obj)
        return "text"
    module = type(obj).__module__.split(".")[0]
    if module == "pandas" and type(obj).__name__ == "DataFrame":
        return "frame"
    if module == "pandas" and type(obj).__name__ == "Series":
        return "series"
    if isinstance(obj, Sequence | set | frozenset) and not isinstance(obj, bytes | bytearray):
        return "paths"
    raise TypeError(
        f"cannot read a {type(obj).__name__}: give text=..., a path, a folder, a list of paths, or a DataFrame with a text column"
    )


def _paths(obj: Any) -> list[str]:
    paths = []
    for p in obj:
        if not isinstance(p, str | os.PathLike):
            raise TypeError(f"a list of paths holds str or Path items, not {type(p).__name__}: {p!r:.60}")
        paths.append(os.fspath(Path(p).expanduser()))
    for p in paths:  # every path is checked before any work starts
        if not Path(p).exists():
            raise MissingPathError("no such file or folder", source=p)
    return paths


def _rows(obj: Any, kind: str, text_column: str) -> list[dict[str, Any]]:
    if kind == "series":
        return [{text_column: t, "_row": i} for i, t in zip(obj.index, obj.tolist(), strict=True)]
    if text_column not in obj.columns:
        shown = ", ".join(repr(str(c)) for c in list(obj.columns)[:8]) or "none"
        raise KeyError(f"the DataFrame has no {text_column!r} column (its columns: {shown}); pass text_column=...")
    records = obj.to_dict("records")
    for i, r in zip(obj.index, records, strict=True):
        r["_row"] = i
    return records


def _frame_sources(rows: list[dict[str, Any]], text_column: str, id_column: str | None) -> Iterator[Any]:
    """One Source per row (one document per row), its id from ``id_column``/``doc_id``/``id`` or the row label;
    a row whose text is empty or missing is a Failure, as an empty cell of a CSV file is (never dropped in silence)."""
    from clausekit.tagging.batch import Failure
    from clausekit.tagging.tagger import clause_rows

    ids, texts, extras = clause_rows([{k: v for k, v in r.items() if k != "_row"} for r in rows],
                                     id_column=id_column, text_column=text_column, where=[f"<row {r['_row']}>" for r in rows])
    for row, own, text, extra in zip(rows, ids, texts, extras, strict=True):
        where = f"<row {row['_row']}>"
        if not (text or "").strip():
            yield Failure(where, f"{where}: the {text_column!r} cell is empty", 1)
            continue
        doc_id = own if own is not None else str(row["_row"])
        yield Source(doc_id=doc_id, path=where, text=text, encoding="str", fields=tuple(extra.items()))


def tag(
    inputs: Any = None,
    *,
    text: str | None = None,
    input_format: str = "text",
    tagger: Tagger | None = None,
    model_dir: str | Path | None = None,
    trust: bool = False,
    n_jobs: int = 1,
    lemmatizer: str | None = None,
    low_confidence_below: float | None = None,
    text_column: str = "text",
    id_column: str | None = None,
    errors: str = "raise",
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> pd.DataFrame:
    """Tag documents and return one DataFrame of :data:`~clausekit.tagging.formats.TAG_COLUMNS`
    (plus a table input's other columns), rows in input order.

    ``inputs`` is any input of the module docstring; ``input_format`` reads each file as
    ``text`` (a document, segmented), ``lines`` (one clause per non-empty line, the lines being the
    paragraphs of one document: each part is decided with it) or ``csv`` (one
    clause per row of its ``text`` column). Models load once per process (or pass your own
    ``tagger``); ``n_jobs`` > 1 tags files in worker processes, as ``clausekit tag --jobs``.
    ``errors="raise"`` stops at a file that cannot be read; ``"warn"`` warns, skips it and
    goes on. A missing path raises :class:`FileNotFoundError` before any work.
    ``lemmatizer`` (``"fast"`` or ``"accurate"``) and ``low_confidence_below`` default to
    ``tagger``'s own settings, else to the CLI's defaults (fast, 0.6).

    >>> df = clausekit.tag(["data/seeds/003.txt", "data/seeds/004.txt"], n_jobs=2)  # doctest: +SKIP
    """
    from clausekit.tagging.batch import (
        CHUNK,
        TagOptions,
        chunked,
        iter_inputs,
        map_tag,
        process_tagger,
        tag_inputs,
    )
    from clausekit.tagging.tagger import DEFAULT_LEMMATIZER, INPUT_FORMATS, LOW_CONFIDENCE_BELOW

    if input_format not in INPUT_FORMATS:
        raise ValueError(f"input_format must be one of {', '.join(INPUT_FORMATS)}, not {input_format!r}")
    if errors not in ("raise", "warn"):
        raise ValueError(f"errors must be 'raise' or 'warn', not {errors!r}")
    kind = _kind(inputs, text)
    if low_confidence_below is None:
        low_confidence_below = tagger.low_confidence_below if tagger is not None else LOW_CONFIDENCE_BELOW
    if lemmatizer is None:
        lemmatizer = tagger.lemmatizer if tagger is not None else DEFAULT_LEMMATIZER
    threshold = low_confidence_below
    model_key = None if model_dir is None else str(model_dir)
    own = tagger if tagger is not None else process_tagger(model_key, trust)[0]  # loaded once per process
    if kind == "document":
        with _settings(own, lemmatizer, threshold):
            return own.tag_document(inputs)
    if kind == "frame" and input_format == "csv":  # one clause per row, as `clausekit tag -i csv`
        rows = _rows(inputs, kind, text_column)
        from clausekit.tagging.tagger import _cell

        empty = [r["_row"] for r in rows if _cell(r.get(text_column)) is None]
        if empty:  # as the CLI refuses a CSV with empty cells; with errors="warn" those rows are left out
            _fail(f"the {text_column!r} cell is empty on row{'s' if len(empty) > 1 else ''} {', '.join(map(str, empty))}", 1, errors)
            rows = [r for r in rows if r["_row"] not in empty]
        with _settings(own, lemmatizer, threshold):
            rows_tagged = own.row_records([{k: v for k, v in r.items() if k != "_row"} for r in rows],
                                      doc_id="frame", source="<DataFrame>", id_column=id_column, text_column=text_column,
                                      where=[f"<row {r['_row']}>" for r in rows])
        return frame(rows_tagged, TAG_COLUMNS)
    if kind == "text":
        sources: Any = [Source(doc_id="text", path="<text>", text=inputs if text is None else text, encoding="str")]
    elif kind in ("frame", "series"):
        sources = list(_frame_sources(_rows(inputs, kind, text_column), text_column, id_column))
    else:
        paths = _paths([inputs] if kind == "path" else inputs)
        sources = iter_inputs(paths, max_bytes=max_bytes, pattern="*.csv" if input_format == "csv" else None, on_skip=_skipped)
    options = TagOptions(low_confidence_below=threshold, id_column=id_column)
    records: list[dict[str, Any]] = []
    if tagger is not None and n_jobs == 1:  # the caller's own Tagger, in this process, a chunk of inputs at a time
        results: Any = (
            result
            for chunk in chunked(sources, CHUNK)
            for result in tag_inputs(tagger, chunk, input_format, lemmatizer, options)
        )
    else:
        tasks = ((s, input_format, model_key, trust, lemmatizer, options) for s in sources)
        results = map_tag(tasks, jobs=n_jobs, inputs=len(sources) if isinstance(sources, list) else None)
    with _settings(own, lemmatizer, threshold):  # tag_item sets them on the Tagger: put its own back after
        for result in results:
            if result.model_error is not None:
                raise ClausekitError(result.model_error)
            for message in result.input_warnings:  # caught where the input was tagged (perhaps a worker)
                warnings.warn(message, InputWarning, stacklevel=2)
            if result.error is not None:
                _fail(result.error, result.exit_code, errors)
                continue
            records.extend(result.records)
    return frame(records, TAG_COLUMNS)


class _settings:
    """Use ``tagger`` with a lemma path and threshold for one call, then put its own back."""

    def __init__(self, tagger: Tagger, lemmatizer: str | None, threshold: float) -> None:
        self.tagger, self.new = tagger, (lemmatizer, threshold)

    def __enter__(self) -> None:
        self.old = (self.tagger.lemmatizer, self.tagger.low_confidence_below)
        self.tagger.lemmatizer, self.tagger.low_confidence_below = self.new

    def __exit__(self, *exc: object) -> None:
        self.tagger.lemmatizer, self.tagger.low_confidence_below = self.old


def _skipped(path: str, reason: str) -> None:
    """A file of a folder the run does not read is named, as the CLI names it: never skipped in silence."""
    warnings.warn(f"{path}: {reason}", stacklevel=2)  # "…/book.xlsx: not read: extension '.xlsx' is not a supported format"


def _python_names(message: str) -> str:
    """A reader's message as a Python caller acts on it: ``max_bytes=`` where the CLI says ``--max-size``."""
    return message.replace("raise --max-size", "raise max_bytes=")


def _fail(message: str, exit_code: int, errors: str) -> None:
    from clausekit.errors import ContentError

    message = _python_names(message)
    if errors == "raise":
        raise (ContentError if exit_code == 1 else InputError)(message)
    warnings.warn(f"skipped {message}", stacklevel=3)


def segment(
    inputs: Any = None,
    *,
    text: str | None = None,
    doc_id: str | None = None,
    ocr: bool | None = None,
    text_column: str = "text",
    id_column: str | None = None,
    errors: str = "raise",
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Document | list[Document]:
    """Segment one document (text or path: a :class:`Document`) or many (a folder, a list of
    paths, a DataFrame or Series: a list of Documents, in order); inputs as in the module docstring.

    >>> doc = segment(text="L'Assemblée générale,\\n\\nRappelant sa résolution 54/181,\\n\\n1. Décide de poursuivre l'examen.")
    >>> [c.part for c in doc.clauses]
    ['preamble', 'operative']
    """
    from clausekit.segmentation.segmenter import segment_source, segment_text
    from clausekit.tagging.batch import Failure, iter_inputs

    kind = _kind(inputs, text)
    if kind == "document":
        raise TypeError("this is already a segmented Document")
    if kind == "text":
        return segment_text(inputs if text is None else text, doc_id=doc_id or "text", source="<text>", ocr=ocr)
    if kind == "path" and Path(inputs).expanduser().is_file():
        from clausekit.read.sources import read_path

        try:
            src = read_path(Path(inputs).expanduser(), max_bytes=max_bytes)
        except InputError as exc:
            if "--max-size" not in str(exc):
                raise
            raise InputError(_python_names(str(exc))) from None
        return segment_source(src, doc_id=doc_id or src.doc_id, ocr=ocr)
    if kind in ("frame", "series"):
        items: Any = _frame_sources(_rows(inputs, kind, text_column), text_column, id_column)
    else:
        items = iter_inputs(_paths([inputs] if kind == "path" else inputs), max_bytes=max_bytes, on_skip=_skipped)
    docs = []
    for item in items:
        if isinstance(item, Failure):
            _fail(item.message, item.exit_code, errors)
            continue
        docs.append(segment_source(item, ocr=ocr))
    return docs
