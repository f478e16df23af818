"""The one schema of clausekit's outputs, and records as JSONL, CSV or a DataFrame.

Every output (the CLI's JSONL, CSV and table, the API's DataFrame) carries the same columns in
the same order: the segmentation keys (:data:`~clausekit.types.CLAUSE_COLUMNS`), the tags
(:data:`TAG_FIELDS`, only when tagged), then the document's metadata (:data:`DOCUMENT_COLUMNS`).
Columns of a user's CSV or DataFrame input that the schema does not hold follow, unchanged.
A stage that adds a column adds it here, once, with its DataFrame dtype in :data:`DTYPES`.

The formatting lives in the library so that a ``--jobs`` worker can format its own document's
records: the process that writes the output then only writes text.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from clausekit.types import CLAUSE_COLUMNS, Document

if TYPE_CHECKING:
    import pandas as pd

#: What the tagger adds to each clause.
TAG_FIELDS: tuple[str, ...] = (
    "function", "function_confidence", "themes", "theme_scores", "low_confidence",
    "references",  # the texts each clause cites (clausekit.references)
)
#: What each clause carries about its document (any may be missing).
DOCUMENT_COLUMNS: tuple[str, ...] = ("source", "body", "symbol", "year")
#: Columns of ``clausekit segment`` and :meth:`segment_records`.
SEGMENT_COLUMNS: tuple[str, ...] = (*CLAUSE_COLUMNS, *DOCUMENT_COLUMNS)
#: Columns of ``clausekit tag`` and of the DataFrame :func:`clausekit.tag` returns.
TAG_COLUMNS: tuple[str, ...] = (*CLAUSE_COLUMNS, *TAG_FIELDS, *DOCUMENT_COLUMNS)

#: DataFrame dtypes: nullable ones, so that a missing year stays an integer column (``Int64``)
#: and text columns are ``string``. A column not listed here (a user's passthrough) keeps its values.
DTYPES: dict[str, str] = {
    "doc_id": "string", "index": "Int64", "part": "string", "number": "string", "lead": "string",
    "text": "string", "start": "Int64", "end": "Int64", "page": "Int64", "page_end": "Int64", "ocr_confidence": "Float64",
    "function": "string", "function_confidence": "Float64", "themes": "object", "theme_scores": "object",
    "low_confidence": "boolean", "references": "object",
    "source": "string", "body": "string", "symbol": "string", "year": "Int64",
}

OUTPUT_FORMATS = ("jsonl", "csv")
#: Input columns renamed on the way through because the schema already has a column of that name.
PASSTHROUGH_PREFIX = "input_"


def document_meta(doc: Document) -> dict[str, Any]:
    """The :data:`DOCUMENT_COLUMNS` of a segmented document."""
    return {"source": doc.source, "body": doc.heading.body, "symbol": doc.heading.symbol, "year": doc.heading.year}


def segment_records(doc: Document, extra: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """A document's clauses as :data:`SEGMENT_COLUMNS` records (plus ``extra`` passthrough keys)."""
    meta = document_meta(doc)
    meta.update((k, v) for k, v in (extra or {}).items() if v is not None or k not in meta)
    return [{**c.to_record(), **meta} for c in doc.clauses]


def passthrough_name(column: str, schema: Sequence[str] = TAG_COLUMNS) -> str:
    """The output name of a user's input column: unchanged, or prefixed when the schema has that name."""
    return PASSTHROUGH_PREFIX + column if column in schema else column


def columns_with(schema: Sequence[str], extra: Iterable[str]) -> list[str]:
    """``schema`` followed by the ``extra`` columns not already in it, in their first order."""
    out, seen = list(schema), set(schema)
    for c in extra:
        if c not in seen:
            seen.add(c)
            out.append(c)
    return out


def frame(records: Sequence[dict[str, Any]], columns: Sequence[str] = TAG_COLUMNS) -> pd.DataFrame:
    """Records as a DataFrame of ``columns`` (those of the records beyond them follow) with :data:`DTYPES`."""
    import pandas as pd

    columns = columns_with(columns, (k for r in records for k in r))
    df = pd.DataFrame(list(records), columns=columns)
    return df.astype({c: DTYPES[c] for c in columns if c in DTYPES})


# --- text formats ------------------------------------------------------------------------------

#: Characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(text: str) -> str:
    """``text`` with a leading ``'`` when a spreadsheet would run it as a formula (OWASP's advice).

    >>> print(escape_formula("=1+1"), escape_formula("Rappelant"))
    '=1+1 Rappelant
    """
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_cell(value: Any, *, escape: bool = False) -> Any:
    """A CSV cell: lists joined by ``;`` (lists of records such as ``references``: JSON), dicts as sorted JSON, anything else as is.

    With ``escape``, text that a spreadsheet would take for a formula gets a leading ``'``
    (:func:`escape_formula`); numbers are never changed.
    """
    if isinstance(value, list | tuple) and any(isinstance(v, dict) for v in value):
        value = json.dumps(list(value), ensure_ascii=False)
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
