"""A self-contained HTML report of a tagged corpus, with every table as CSV and Parquet.

:func:`report_tables` computes what the report shows, as data: documents named by symbol or
title (metadata from the heading, the file name or a user's CSV), duplicates found and counted
once, the corpus over time, every clause for the drill-down. :func:`build_report` writes
``out_dir/report.html`` (charts as inline SVG, script and styles inline: it opens offline and
can be mailed as one file), ``out_dir/charts/<chart>.png`` for print, ``out_dir/provenance.json``
and ``out_dir/tables/<name>.csv`` and ``.parquet``. The folder is built under a temporary name
and swapped in whole (:func:`clausekit.atomic.atomic_directory`), so an interrupted run leaves
the previous report, or none, never half of one.

>>> build_report(tagged, "report", metadata=read_metadata_csv("meta.csv"))  # doctest: +SKIP
PosixPath('report/report.html')
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from clausekit.outputs import profiles
from clausekit.outputs import statistics as stats
from clausekit.outputs.duplicates import drop_duplicates, find_duplicates
from clausekit.outputs.html_blocks import ReportData
from clausekit.outputs.metadata import apply_metadata
from clausekit.outputs.report_html import render_html

#: A lemma must occur in at least this many clauses of a theme to be listed as characteristic.
MIN_LEMMA_CLAUSES = 5

__all__ = ["ReportData", "build_report", "report_tables", "write_tables"]

# Tables that show documents get their name beside their id.
_LABELLED = (
    "clauses_per_document",
    "function_by_document",
    "theme_prevalence_by_document",
    "documents_by_theme",
    "low_confidence",
)


def _with_labels(df: pd.DataFrame, labels: pd.Series) -> pd.DataFrame:
    if "doc_id" not in df or "document" in df:
        return df
    out = df.copy()
    out.insert(
        list(out.columns).index("doc_id") + 1, "document", out["doc_id"].astype(str).map(labels)
    )
    return out


def report_tables(
    tagged: pd.DataFrame,
    *,
    metadata: pd.DataFrame | None = None,
    keep_duplicates: bool = False,
    lemmatize: stats.Lemmatizer | None = None,
    min_lemma_clauses: int = MIN_LEMMA_CLAUSES,
) -> ReportData:
    """Every table of the report, computed from ``tagged`` (the frame :class:`clausekit.Tagger` returns).

    ``metadata`` (see :func:`clausekit.outputs.metadata.read_metadata_csv`) is joined first;
    duplicate documents (:func:`clausekit.outputs.duplicates.find_duplicates`) are then counted
    once unless ``keep_duplicates``. Extra columns in ``tagged`` are tolerated.
    """
    full = apply_metadata(tagged, metadata)
    duplicates = find_duplicates(full)
    counted = full if keep_duplicates else drop_duplicates(full, duplicates)
    tables = {
        "documents": profiles.documents(counted),
        "by_year": profiles.by_year(counted),
        "undated_documents": profiles.undated_documents(counted),
        **stats.summary(counted, lemmatize=lemmatize, min_lemma_count=min_lemma_clauses),
        "clauses": profiles.clause_table(counted),
    }
    labels = profiles.documents(full).set_index("doc_id")["label"]
    for name in _LABELLED:
        tables[name] = _with_labels(tables[name], labels)
    dup = duplicates.copy()
    dup.insert(2, "document", dup["doc_id"].map(labels))
    dup.insert(4, "kept_document", dup["kept"].map(labels))
    dup["counted"] = [keep_duplicates or kind == "kept" for kind in dup["kind"]]
    tables["duplicates"] = dup
    from clausekit.outputs.citations import (
        citation_tables,  # most cited texts, and what each document cites
    )

    tables.update(citation_tables(counted))
    return ReportData(tables, counted, full, keep_duplicates, min_lemma_clauses=min_lemma_clauses)


#: The file that marks a folder as a clausekit report (and lists what it wrote), so that a later
#: run may replace it, and only it (:func:`clausekit.atomic.atomic_directory`).
REPORT_MARKER = ".clausekit-report.json"
def build_report(
    tagged: pd.DataFrame,
    out_dir: str | Path,
    *,
    title: str = "Rapport thématique / Thematic report",
    lemmatize: stats.Lemmatizer | None = None,
    metadata: pd.DataFrame | None = None,
    keep_duplicates: bool = False,
    provenance: Mapping[str, Any] | None = None,
    data: ReportData | None = None,
    force: bool = False,
    escape_formulas: bool = True,
) -> Path:
    """Write the report of ``tagged`` to ``out_dir`` (replaced as a whole); return the path of ``report.html``.

    ``provenance`` defaults to :func:`clausekit.outputs.provenance.provenance` over the files named
    in the frame's ``source`` column (no command line). ``data`` reuses tables already computed
    with :func:`report_tables`.

    ``out_dir`` must be new, empty or a previous report (it is then replaced as a whole; with
    files added to it since, only with ``force``); anything else raises
    :class:`clausekit.atomic.UnsafeOutputError` before any file is written; a frame without
    clauses raises :class:`clausekit.errors.ClausekitError`. Returns the path of ``report.html``.
    """
    if tagged.empty:
        from clausekit.errors import ClausekitError

        raise ClausekitError(f"no clause was found in any document, so there is nothing to report; {Path(out_dir)} is as it was")
    from clausekit.atomic import atomic_directory
    from clausekit.outputs.charts import render_charts

    out_dir = Path(out_dir)
    if data is None:
        data = report_tables(
            tagged, metadata=metadata, keep_duplicates=keep_duplicates, lemmatize=lemmatize
        )
    if provenance is None:
        from clausekit.outputs.provenance import provenance as make_provenance

        sources = (
            data.tagged["source"].dropna().astype(str).unique() if "source" in data.tagged else []
        )
        provenance = make_provenance(inputs=[s for s in sources if Path(s).is_file()], argv=[])
    data.provenance = dict(provenance)
    with atomic_directory(out_dir, marker=REPORT_MARKER, force=force, what="report") as tmp:
        write_tables(data.tables, tmp / "tables", escape_formulas=escape_formulas)
        charts = render_charts(data.counted, data.tables)
        (tmp / "charts").mkdir()
        for chart_id, chart in charts.items():
            (tmp / "charts" / f"{chart_id}.png").write_bytes(base64.b64decode(chart.png))
        (tmp / "provenance.json").write_text(
            json.dumps(data.provenance, indent=2, ensure_ascii=False, default=str) + "\n",
            encoding="utf-8",
        )
        (tmp / "report.html").write_text(render_html(data, charts, title=title), encoding="utf-8")
    return out_dir / "report.html"


# --- tables ------------------------------------------------------------------------------


def _for_csv(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for c in out.columns:
        if out[c].dtype == object:
            out[c] = [";".join(map(str, v)) if isinstance(v, list | tuple) else v for v in out[c]]
    return out


def _escaped(df: pd.DataFrame) -> pd.DataFrame:
    """Text cells (and column names) a spreadsheet would run as formulas, with a leading ``'``."""
    from clausekit.tagging.formats import escape_formula

    out = df.copy()
    for c in out.columns:
        if out[c].dtype == object or pd.api.types.is_string_dtype(out[c]):
            out[c] = [escape_formula(v) if isinstance(v, str) else v for v in out[c]]
    if isinstance(out.index, pd.RangeIndex):
        out.columns = [escape_formula(c) if isinstance(c, str) else c for c in out.columns]
    return out


def write_tables(tables: Mapping[str, pd.DataFrame], folder: Path, *, escape_formulas: bool = True) -> None:
    """Each table as ``folder/<name>.csv`` (UTF-8) and ``folder/<name>.parquet``.

    ``escape_formulas`` defuses CSV cells a spreadsheet would run as formulas (the Parquet
    files keep the values as they are: they are read by programs, not spreadsheets).
    """
    folder.mkdir(parents=True, exist_ok=True)
    for name, df in tables.items():
        flat = _for_csv(df)
        (_escaped(flat) if escape_formulas else flat).to_csv(folder / f"{name}.csv", index=False)
        # Object columns of all-missing or mixed values have no single Arrow type; store them as strings.
        for c in flat.columns:
            if flat[c].dtype == object:
                kinds = {
                    type(v)
                    for v in flat[c]
                    if v is not None and not (isinstance(v, float) and pd.isna(v))
                }
                if not kinds or len(kinds) > 1:
                    flat[c] = flat[c].astype("string")
        flat.to_parquet(folder / f"{name}.parquet", index=False)
