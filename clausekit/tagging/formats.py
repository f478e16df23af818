"""Tagged records as JSONL or CSV text.

They live in the library so that a ``--jobs`` worker can format its own document's records: the
process that writes the output then only writes text, instead of receiving and encoding every
record while the workers wait for a core.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

OUTPUT_FORMATS = ("jsonl", "csv")


def csv_cell(value: Any) -> Any:
    """A CSV cell: lists joined by ``;`` (lists of dicts, e.g. ``references``: JSON), dicts as sorted JSON, anything else as is."""
    if isinstance(value, list | tuple) and any(isinstance(v, dict) for v in value):
        return json.dumps(list(value), ensure_ascii=False)
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


