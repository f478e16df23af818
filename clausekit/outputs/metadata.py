"""Who each document is: year, symbol, body and title, from its heading, its file name or a user's CSV.

The tagged frame carries what the heading told (``body``, ``symbol``, ``year``, and ``title``
when the caller added it). :func:`from_file_name` reads a year (and a UN symbol written with
``_`` for ``/``) from a file name; :func:`read_metadata_csv` reads a user's table
(``doc_id, symbol, body, year, title``); :func:`apply_metadata` joins both into the frame,
the user's table first, then the heading, then the file name, and records where each year
came from. :func:`document_labels` names each document by symbol or title, never by hash.

>>> from_file_name("ICPE-03-1934_RES1-FR_res_1.txt")
{'year': 1934, 'symbol': None}
>>> from_file_name("A_RES_75_1.txt")
{'year': None, 'symbol': 'A/RES/75/1'}
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from clausekit.errors import InputError

#: The columns a metadata CSV may give; ``doc_id`` is required, the others optional.
META_COLUMNS: tuple[str, ...] = ("doc_id", "symbol", "body", "year", "title")
#: Document columns joined into the tagged frame (one value per document).
DOC_COLUMNS: tuple[str, ...] = ("symbol", "body", "year", "title")
YEAR_RANGE = (1900, 2099)

# A year standing alone between separators, so hashes and numbers inside words never count.
_FILE_YEAR = re.compile(r"(?:^|[_\-. ])((?:19|20)\d\d)(?=$|[_\-. ])")
# UN document symbols written as file names: A_RES_75_1, S_RES_2532_2020, A_HRC_RES_53_4, E_CN.4_2005_11.
_SYMBOL_START = re.compile(
    r"^(?:A|S|E|ST|UNEP|TD|HRC|CRC|CEDAW)_(?:[A-Z][A-Za-z.]*_)*(?:RES|DEC|L|PRST|CN\.\d+)_"
)


def from_file_name(name: str | Path) -> dict[str, object]:
    """The year and the UN symbol a file name holds, or ``None`` for each it does not."""
    stem = Path(str(name)).name
    stem = (
        stem[: -len(Path(stem).suffix)] if Path(stem).suffix in (".txt", ".csv", ".json") else stem
    )
    years = [int(m) for m in _FILE_YEAR.findall(stem) if YEAR_RANGE[0] <= int(m) <= YEAR_RANGE[1]]
    symbol = stem.replace("_", "/") if _SYMBOL_START.match(stem) else None
    return {"year": years[0] if years else None, "symbol": symbol}


def read_metadata_csv(path: str | Path) -> pd.DataFrame:
    """A user's metadata table, indexed by ``doc_id``, with the columns of :data:`DOC_COLUMNS` it has.

    Raises :class:`~clausekit.errors.InputError` (one line naming the file) when the file is
    missing or unreadable, has no ``doc_id`` column, repeats a ``doc_id``, or gives a year that is
    not a whole number between 1900 and 2099. Other columns are kept (shown, not interpreted).
    """
    path = Path(path)
    source = str(path)
    if not path.is_file():
        raise InputError("metadata file not found; give a CSV with a doc_id column", source=source)
    from clausekit.read.sources import csv_delimiter

    try:
        with open(path, encoding="utf-8-sig") as f:
            header = f.readline()
    except (OSError, UnicodeDecodeError):
        header = ""
    # Excel in a French locale saves "doc_id;symbol;year;title"
    sep = csv_delimiter(header.lower(), "doc_id")
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig", sep=sep)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise InputError(
            f"not a readable UTF-8 CSV ({type(exc).__name__})", source=source
        ) from None
    table.columns = [str(c).strip().lower() for c in table.columns]
    if "doc_id" not in table.columns:
        raise InputError(
            f"no doc_id column (found: {', '.join(table.columns) or 'none'}); "
            "give doc_id (the file name without .txt) and any of symbol, body, year, title",
            source=source,
        )
    table["doc_id"] = [
        Path(v.strip()).stem if v.strip().endswith(".txt") else v.strip() for v in table["doc_id"]
    ]
    table = table[table["doc_id"] != ""]
    repeated = table["doc_id"][table["doc_id"].duplicated()]
    if len(repeated):
        raise InputError(f"doc_id {repeated.iloc[0]!r} appears more than once", source=source)
    table = table.replace({"": None})
    if "year" in table:
        years = []
        for row, value in zip(table.index, table["year"], strict=True):
            if value is None:
                years.append(pd.NA)
                continue
            try:
                year = int(str(value).strip())
            except ValueError:
                year = -1
            if not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
                raise InputError(
                    f"row {row + 2}: year {value!r} is not a year between {YEAR_RANGE[0]} and {YEAR_RANGE[1]}",
                    source=source,
                )
            years.append(year)
        table["year"] = pd.array(years, dtype="Int64")
    return table.set_index("doc_id")


def _first_known(*values: object) -> object:
    for v in values:
        if (
            v is not None
            and not (isinstance(v, float) and pd.isna(v))
            and v is not pd.NA
            and v != ""
        ):
            return v
    return None


def apply_metadata(tagged: pd.DataFrame, metadata: pd.DataFrame | None = None) -> pd.DataFrame:
    """``tagged`` with ``symbol, body, year, title`` filled per document, and ``year_source`` added.

    Precedence: the user's ``metadata`` (indexed by ``doc_id``), then what the heading gave (the
    frame's own values), then the file name (``source``, else ``doc_id``). ``year_source`` is
    ``metadata``, ``heading``, ``file name`` or ``None``. Returns a new frame; rows keep their order.
    """
    out = tagged.copy()
    if not len(out):
        for c in (*DOC_COLUMNS, "year_source"):
            if c not in out:
                out[c] = pd.Series(dtype=object)
        return out
    docs = out["doc_id"].astype(str)
    first = out.assign(doc_id=docs).groupby("doc_id", sort=False).first()
    rows = {}
    for doc in first.index:
        row = first.loc[doc]
        user = metadata.loc[doc] if metadata is not None and doc in metadata.index else None
        name = from_file_name(
            row["source"] if "source" in row and isinstance(row["source"], str) else doc
        )
        values = {}
        for c in DOC_COLUMNS:
            given = user.get(c) if user is not None else None
            own = row.get(c) if c in row else None
            values[c] = _first_known(given, own, name.get(c))
        year_source = None
        if _first_known(user.get("year") if user is not None else None) is not None:
            year_source = "metadata"
        elif _first_known(row.get("year") if "year" in row else None) is not None:
            year_source = "heading"
        elif name["year"] is not None:
            year_source = "file name"
        values["year_source"] = year_source
        rows[doc] = values
    for c in (*DOC_COLUMNS, "year_source"):
        out[c] = [rows[d][c] for d in docs]
    out["year"] = pd.to_numeric(out["year"], errors="coerce").astype("Int64")
    return out


def unmatched_ids(tagged: pd.DataFrame, metadata: pd.DataFrame) -> list[str]:
    """The ``doc_id`` values of ``metadata`` that name no document of ``tagged`` (a typo, a missing file)."""
    present = set(tagged["doc_id"].astype(str)) if "doc_id" in tagged else set()
    return [d for d in metadata.index if d not in present]


def _shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def document_labels(meta: pd.DataFrame, *, width: int = 70) -> pd.Series:
    """A human name per document (index ``doc_id``): its symbol and title, else what is known, else its id.

    ``meta`` has ``symbol`` and ``title`` columns (missing ones count as unknown). Two documents
    that would get the same name are told apart by their ``doc_id`` in brackets.
    """
    names = {}
    for doc in meta.index:
        symbol = _first_known(meta.at[doc, "symbol"] if "symbol" in meta else None)
        title = _first_known(meta.at[doc, "title"] if "title" in meta else None)
        parts = [str(p) for p in (symbol, title) if p is not None]
        names[doc] = _shorten(" · ".join(parts), width) if parts else str(doc)
    series = pd.Series(names, dtype=object)
    clash = series.duplicated(keep=False) & (series != pd.Series(series.index, index=series.index))
    for doc in series.index[clash]:
        series[doc] = f"{_shorten(series[doc], max(20, width - len(str(doc)) - 3))} [{doc}]"
    series.index.name = "doc_id"
    return series
