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


#: Characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(text: str) -> str:
    """``text`` with a leading ``'`` when a spreadsheet would run it as a formula (OWASP's advice).

    >>> print(escape_formula("=1+1"), escape_formula("Rappelant"))
    '=1+1 Rappelant
    """
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_cell(value: Any, *, escape: bool = False) -> Any:
    """A CSV cell: lists joined by ``;``, dicts as sorted JSON, anything else as is.

    With ``escape``, text that a spreadsheet would take for a formula gets a leading ``'``
    (:func:`escape_formula`); numbers are never changed.
    """
    if isinstance(value, list | tuple):
        value = ";".join(str(v) for v in value)
    elif isinstance(value, dict):
        value = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return escape_formula(value) if escape and isinstance(value, str) else value


def jsonl_text(records: Iterable[dict[str, Any]], columns: Sequence[str]) -> str:
    """One JSON object per record and line, with ``columns`` as keys in that order."""
    return "".join(json.dumps({k: r.get(k) for k in columns}, ensure_ascii=False) + "\n" for r in records)


def csv_text(records: Iterable[dict[str, Any]], columns: Sequence[str], *, header: bool = False, escape: bool = True) -> str:
    """CSV rows (``csv`` module defaults, ``\\r\\n`` line ends) of ``columns``, with the header row if asked.

    ``escape`` (the default) defuses cells a spreadsheet would run as formulas (:func:`csv_cell`).
    """
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore")
    if header:
        writer.writeheader()
    for r in records:
        writer.writerow({k: csv_cell(r.get(k), escape=escape) for k in columns})
    return buffer.getvalue()


def records_text(records: Iterable[dict[str, Any]], columns: Sequence[str], fmt: str, *, escape: bool = True) -> str:
    """``records`` as ``fmt`` (``jsonl`` or ``csv``, without header) text; ``escape``: see :func:`csv_text`."""
    if fmt == "jsonl":
        return jsonl_text(records, columns)
    if fmt == "csv":
        return csv_text(records, columns, escape=escape)
    raise ValueError(f"format must be one of {', '.join(OUTPUT_FORMATS)}, not {fmt!r}")


