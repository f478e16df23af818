"""Writing files so that none is ever left half-written, and records as JSONL or CSV text.

Every output (clause tables, reports, models) is written to a temporary file
in the destination's folder and renamed into place, which is atomic on POSIX:
an interrupted run leaves the old file or none, never a truncated one.

:func:`jsonl_text` and :func:`csv_text` turn records into output text. They live in the
library so that a ``--jobs`` worker can format its own document's records: the process that
writes the output then only writes text, instead of receiving and encoding every record
while the workers wait for a core.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

OUTPUT_FORMATS = ("jsonl", "csv")


def csv_cell(value: Any) -> Any:
    """A CSV cell: lists joined by ``;``, dicts as sorted JSON, anything else as is."""
    if isinstance(value, list | tuple):
        return ";".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def jsonl_text(records: Iterable[dict[str, Any]], columns: Sequence[str]) -> str:
    """One JSON object per record and line, with ``columns`` as keys in that order."""
    return "".join(json.dumps({k: r.get(k) for k in columns}, ensure_ascii=False) + "\n" for r in records)


def csv_text(records: Iterable[dict[str, Any]], columns: Sequence[str], *, header: bool = False) -> str:
    """CSV rows (``csv`` module defaults, ``\\r\\n`` line ends) of ``columns``, with the header row if asked."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore")
    if header:
        writer.writeheader()
    for r in records:
        writer.writerow({k: csv_cell(r.get(k)) for k in columns})
    return buffer.getvalue()


def records_text(records: Iterable[dict[str, Any]], columns: Sequence[str], fmt: str) -> str:
    """``records`` as ``fmt`` (``jsonl`` or ``csv``, without header) text."""
    if fmt == "jsonl":
        return jsonl_text(records, columns)
    if fmt == "csv":
        return csv_text(records, columns)
    raise ValueError(f"format must be one of {', '.join(OUTPUT_FORMATS)}, not {fmt!r}")


@contextlib.contextmanager
def atomic_write(path: str | Path, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO[Any]]:
    """Open a temporary file next to ``path``; rename it to ``path`` only if the block succeeds.

    >>> with atomic_write("/tmp/clausekit-doctest.txt") as f:
    ...     _ = f.write("ok")
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, mode, encoding=None if "b" in mode else encoding) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def atomic_directory(path: str | Path) -> Iterator[Path]:
    """Build a folder under a temporary name; swap it into ``path`` only if the block succeeds.

    An existing ``path`` is replaced as a whole, so readers never see a mix of old and new files.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent))
    try:
        yield tmp
        if path.exists():
            old = path.with_name(f".{path.name}.old")
            if old.exists():
                shutil.rmtree(old)
            os.replace(path, old)
            os.replace(tmp, path)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, path)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
