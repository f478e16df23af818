"""A self-contained HTML report of a tagged corpus, with every table as CSV and Parquet.

:func:`build_report` writes ``out_dir/report.html`` (charts embedded as base64 PNG,
styles inline: it opens offline and can be mailed as one file) and
``out_dir/tables/<name>.csv`` and ``.parquet`` for each table of
:func:`clausekit.outputs.statistics.summary`. The folder is built under a temporary name and
swapped in whole (:func:`clausekit.atomic.atomic_directory`), so an interrupted run
leaves the previous report, or none, never half of one.

>>> build_report(tagged, "report")  # doctest: +SKIP
PosixPath('report/report.html')
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from clausekit.outputs import statistics as stats
from clausekit.outputs.charts import TABLE_TITLES, render_charts

MAX_HTML_ROWS = 60
#: The file that marks a folder as a clausekit report (and lists what it wrote), so that a later
#: run may replace it, and only it (:func:`clausekit.atomic.atomic_directory`).
REPORT_MARKER = ".clausekit-report.json"
def build_report(
    tagged: pd.DataFrame,
    out_dir: str | Path,
    *,
    title: str = "Rapport thématique / Thematic report",
    lemmatize: stats.Lemmatizer | None = None,
    tables: Mapping[str, pd.DataFrame] | None = None,
    force: bool = False,
    escape_formulas: bool = True,
) -> Path:
    """Write the report of ``tagged`` (the frame :func:`clausekit.tagging.tagger` returns) to ``out_dir``.

    ``out_dir`` must be new, empty or a previous report (it is then replaced as a whole; with
    files added to it since, only with ``force``); anything else raises
    :class:`clausekit.atomic.UnsafeOutputError` before any file is written; a frame without
    clauses raises :class:`clausekit.errors.ClausekitError`. ``tables`` defaults to
    ``stats.summary(tagged, lemmatize=lemmatize)``. Returns the path of ``report.html``.
    """
    out_dir = Path(out_dir)
    if tagged.empty:
        from clausekit.errors import ClausekitError

        raise ClausekitError(f"no clause was found in any document, so there is nothing to report; {out_dir} is as it was")
    if tables is None:
        tables = stats.summary(tagged, lemmatize=lemmatize)
    from clausekit.outputs.citations import citation_tables  # issue 17: most cited, per document

    tables = {**tables, **citation_tables(tagged)}
    from clausekit.atomic import atomic_directory

    with atomic_directory(out_dir, marker=REPORT_MARKER, force=force, what="report") as tmp:
        write_tables(tables, tmp / "tables", escape_formulas=escape_formulas)
        charts = render_charts(tagged, tables)
        (tmp / "report.html").write_text(render_html(tables, charts, title=title), encoding="utf-8")
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
        # Object columns of all-missing values have no Arrow type; store them as strings.
        for c in flat.columns:
            if flat[c].dtype == object and flat[c].isna().all():
                flat[c] = flat[c].astype("string")
        flat.to_parquet(folder / f"{name}.parquet", index=False)


# --- charts ------------------------------------------------------------------------------


# --- HTML --------------------------------------------------------------------------------

_CSS = """
body{font-family:"DejaVu Sans","Liberation Sans",Arial,sans-serif;margin:0 auto;max-width:1100px;padding:1em 2em;color:#222;line-height:1.4}
h1{font-size:1.6em;border-bottom:2px solid #4e79a7}h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #ccc}
h3{font-size:1.05em}nav ol ol{font-size:.9em}figure{margin:1em 0}figure img{max-width:100%;height:auto;border:1px solid #eee}
figcaption{font-size:.9em;color:#555}table{border-collapse:collapse;font-size:.85em;margin:.5em 0}
th,td{border:1px solid #ddd;padding:.2em .5em;text-align:left;vertical-align:top}th{background:#f0f3f7}
td.num{text-align:right;font-variant-numeric:tabular-nums}.note{color:#666;font-size:.85em}.totals td{font-weight:bold}
"""

_SECTIONS: list[tuple[str, str, list[str], list[str]]] = [
    # (anchor, heading, charts, tables)
    # issue 17 adds ("citations", ...) at the end, below
    ("totals", "Totaux / Totals", [], ["overview"]),
    ("documents", "Documents et parties / Documents and parts", [], ["clauses_per_document"]),
    (
        "functions",
        "Fonctions / Functions",
        ["chart-functions", "chart-functions-docs"],
        ["function_distribution", "function_by_part", "function_by_document"],
    ),
    (
        "themes",
        "Thèmes / Themes",
        ["chart-themes-body", "chart-years"],
        [
            "theme_prevalence",
            "theme_prevalence_by_body",
            "theme_prevalence_by_year",
            "theme_prevalence_by_document",
        ],
    ),
    (
        "function-theme",
        "Fonction × thème / Function × theme",
        ["chart-function-theme"],
        ["function_theme"],
    ),
    (
        "ranking",
        "Documents par intensité thématique / Documents by theme intensity",
        ["chart-themes-docs"],
        ["documents_by_theme"],
    ),
    ("lemmas", "Lemmes caractéristiques / Characteristic lemmas", [], ["characteristic_lemmas"]),
    ("review", "Clauses à vérifier / Clauses to review", ["chart-confidence"], ["low_confidence"]),
    ("citations", "Textes cités / Cited texts", [], ["most_cited", "citations_by_document"]),
]


def _cell(v: object) -> tuple[str, bool]:
    if v is None or (not isinstance(v, list | tuple | dict) and pd.isna(v)):
        return "–", False
    if isinstance(v, bool):
        return ("oui / yes" if v else "non / no"), False
    if isinstance(v, float):
        return f"{v:.3f}", True
    if isinstance(v, int) or hasattr(v, "dtype"):
        return str(v), True
    if isinstance(v, list | tuple):
        return html.escape(";".join(map(str, v))), False
    return html.escape(str(v)), False


def table_html(df: pd.DataFrame, *, max_rows: int = MAX_HTML_ROWS) -> str:
    """An escaped HTML table of the first ``max_rows`` rows of ``df``."""
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in df.columns)
    rows = []
    for rec in df.head(max_rows).itertuples(index=False):
        cells = []
        for v in rec:
            text, num = _cell(v)
            cells.append(f'<td class="num">{text}</td>' if num else f"<td>{text}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def render_html(
    tables: Mapping[str, pd.DataFrame], charts: Mapping[str, tuple[str, str]], *, title: str
) -> str:
    """The whole report as one HTML page: table of contents, charts and tables, no external resource."""
    from clausekit import __version__

    overview = tables["overview"].set_index("measure")["value"]
    n_docs, n_clauses = int(overview.get("documents", 0)), int(overview.get("clauses", 0))
    toc = []
    body = []
    for anchor, heading, chart_ids, table_names in _SECTIONS:
        items = []
        body.append(f'<section id="{anchor}"><h2>{html.escape(heading)}</h2>')
        for cid in chart_ids:
            if cid not in charts:
                if cid == "chart-years":
                    body.append('<p class="note">Aucune année connue / No known year.</p>')
                continue
            caption, png = charts[cid]
            body.append(
                f'<figure id="{cid}"><img class="chart" alt="{html.escape(caption)}" src="data:image/png;base64,{png}">'
                f"<figcaption>{html.escape(caption)}</figcaption></figure>"
            )
        for name in table_names:
            if name not in tables:
                continue
            df = tables[name]
            items.append(
                f'<li><a href="#table-{name}">{html.escape(TABLE_TITLES.get(name, name))}</a></li>'
            )
            body.append(f'<h3 id="table-{name}">{html.escape(TABLE_TITLES.get(name, name))}</h3>')
            if df.empty:
                body.append('<p class="note">Aucune ligne / No rows.</p>')
                continue
            body.append(table_html(df))
            shown = (
                f"{MAX_HTML_ROWS} premières lignes sur {len(df)} / first {MAX_HTML_ROWS} of {len(df)} rows; "
                if len(df) > MAX_HTML_ROWS
                else ""
            )
            body.append(
                f'<p class="note">{shown}tableau complet / full table: '
                f'<a href="tables/{name}.csv">tables/{name}.csv</a>, tables/{name}.parquet</p>'
            )
        body.append("</section>")
        toc.append(
            f'<li><a href="#{anchor}">{html.escape(heading)}</a>'
            + (f"<ol>{''.join(items)}</ol>" if len(items) > 1 else "")
            + "</li>"
        )
    intro = (
        f"<p>{n_docs} documents, {n_clauses} clauses. "
        "Fonctions : ce que fait chaque clause ; thèmes : ce dont elle traite (plusieurs possibles). "
        "/ Functions: what each clause does; themes: what it is about (several possible).</p>"
        f'<p class="note">clausekit {html.escape(__version__)}. Les tableaux sont aussi dans <code>tables/</code> (CSV, Parquet). '
        "/ Tables are also in <code>tables/</code> (CSV, Parquet).</p>"
    )
    return (
        '<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title><style>{_CSS}</style></head><body>"
        f"<h1>{html.escape(title)}</h1>{intro}"
        f'<nav id="toc"><h2>Sommaire / Contents</h2><ol>{"".join(toc)}</ol></nav>'
        f"{''.join(body)}</body></html>\n"
    )
