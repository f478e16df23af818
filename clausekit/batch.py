"""Reading many inputs one at a time: a bad file is reported in place, never stops the others."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from clausekit.errors import ClausekitError, InputError
from clausekit.ingest import DEFAULT_MAX_BYTES, Source, expand_paths, read_csv, read_path


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that could not be processed, and why (one line)."""

    path: str
    message: str


def iter_inputs(
    paths: Iterable[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES, input_format: str = "text"
) -> Iterator[Source | Failure]:
    """Each input document as a :class:`Source`, or a :class:`Failure` in its place, in order.

    ``input_format="text"`` reads each file (folders: their ``*.txt``) as one document;
    ``"csv"`` reads each row of each CSV file (folders: their ``*.csv``) as one, from its ``text`` column.
    """
    if input_format not in ("text", "csv"):
        raise InputError(f"unknown input format {input_format!r}; use 'text' or 'csv'")
    pattern = "*.csv" if input_format == "csv" else "*.txt"
    for raw in paths:
        try:
            files = expand_paths([raw], pattern=pattern)
        except InputError as exc:
            yield Failure(str(raw), str(exc))
            continue
        for path in files:
            if input_format == "csv":
                yield from _csv_rows(path, max_bytes)
                continue
            try:
                yield read_path(path, max_bytes=max_bytes)
            except ClausekitError as exc:
                yield Failure(path, str(exc))


def _csv_rows(path: str, max_bytes: int) -> Iterator[Source | Failure]:
    try:
        for item in read_csv(path, max_bytes=max_bytes):
            yield Failure(item.source or path, str(item)) if isinstance(item, InputError) else item
    except ClausekitError as exc:
        yield Failure(path, str(exc))
