"""Parts of the report page that stand alone: the report's data, HTML tables, the document profiles,
the clause drill-down (its data as JSON for the page's script) and the provenance block."""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from clausekit.outputs.charts import link
from clausekit.outputs.labels import FUNCTION_LABELS, TABLE_TITLES, function_label, theme_label
from clausekit.outputs.tables import UNKNOWN

MAX_HTML_ROWS = 60
#: The drill-down embeds at most this many clauses (those with a theme first); tables/clauses.csv has all.
MAX_EMBEDDED_CLAUSES = 20000
_COLORS = ["#4e79a7", "#e15759", "#f28e2b", "#59a14f", "#b07aa1", "#9c9c9c", "#76b7b2", "#edc948"]


@dataclass
class ReportData:
    """What a report shows: ``tables`` by name, the clauses it counts (``counted``), and all of them (``tagged``).

    ``keep_duplicates`` says whether duplicates were counted; ``provenance`` is plain data.
    """

    tables: dict[str, pd.DataFrame]
    counted: pd.DataFrame
    tagged: pd.DataFrame
    keep_duplicates: bool = False
    provenance: dict[str, Any] = field(default_factory=dict)
    min_lemma_clauses: int = 5


def embedded_clauses(clauses: pd.DataFrame, limit: int = MAX_EMBEDDED_CLAUSES) -> pd.DataFrame:
    """The clauses the drill-down embeds: all when they fit, else those with a theme first."""
    if len(clauses) <= limit:
        return clauses
    themed = clauses["themes"].astype(str) != ""
    return pd.concat([clauses[themed], clauses[~themed]]).head(limit).sort_index()


def _e(v: object) -> str:
    return html.escape(str(v))


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
        return _e(";".join(map(str, v))), False
    return _e(v), False


def table_html(
    df: pd.DataFrame,
    *,
    max_rows: int = MAX_HTML_ROWS,
    href: Callable[[dict], str | None] | None = None,
) -> str:
    """An escaped HTML table of the first ``max_rows`` rows; ``href(row)`` adds a link to the row's clauses."""
    head = "".join(f"<th>{_e(c)}</th>" for c in df.columns) + ("<th>clauses</th>" if href else "")
    rows = []
    for rec in df.head(max_rows).to_dict("records"):
        cells = []
        for v in rec.values():
            text, num = _cell(v)
            cells.append(f'<td class="num">{text}</td>' if num else f"<td>{text}</td>")
        if href and (target := href(rec)):
            cells.append(f'<td><a href="{_e(target)}">voir / see</a></td>')
        elif href:
            cells.append("<td></td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _plain(v: object) -> object:
    """A cell as JSON has it: missing values (None, NaN, NA) as null, numpy numbers as Python ones."""
    if v is None or v is pd.NA or (isinstance(v, float) and v != v):
        return None
    if hasattr(v, "item"):  # numpy scalar
        v = v.item()
        return None if isinstance(v, float) and v != v else v
    return v


def _json_script(element_id: str, payload: Any) -> str:
    text = json.dumps(
        payload, ensure_ascii=False, separators=(",", ":"), default=str, allow_nan=False
    )
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" id="{element_id}">{text}</script>'


def documents_block(data: ReportData, anchors: dict[str, str]) -> str:
    docs = data.tables["documents"]
    if docs.empty:
        return '<p class="note">Aucun document / No documents.</p>'
    funcs = [c.split(":", 1)[1] for c in docs.columns if c.startswith("share:")]
    themes = [c.split(":", 1)[1] for c in docs.columns if c.startswith("theme:")]
    legend = " ".join(
        f'<span style="color:{_COLORS[i % len(_COLORS)]}">■</span> {_e(function_label(f))}'
        for i, f in enumerate(funcs)
    )
    head = (
        "<tr><th>Document</th><th>Organe / Body</th><th>Année / Year</th><th>Clauses (préambule / dispositif / narratif)</th>"
        "<th>Fonctions / Functions</th>"
        + "".join(f"<th>{_e(theme_label(t))}</th>" for t in themes)
        + ("<th>Textes cités / Cited texts</th>" if "references" in docs else "")
        + "</tr>"
    )
    rows = []
    for rec in docs.to_dict("records"):
        doc = str(rec["doc_id"])
        mix = "".join(
            f'<span title="{_e(FUNCTION_LABELS.get(f, f))} {rec[f"share:{f}"]:.0%}" '
            f'style="width:{100 * rec[f"share:{f}"]:.1f}%;background:{_COLORS[i % len(_COLORS)]}"></span>'
            for i, f in enumerate(funcs)
        )
        cells = [
            f'<td><a href="{_e(link(doc=doc))}">{_e(rec["label"])}</a><br><span class="note">{_e(doc)}</span></td>',
            f"<td>{_cell(rec.get('body'))[0]}</td>",
            f'<td class="num">{_cell(rec.get("year"))[0]}</td>',
            f'<td class="num">{rec["clauses"]} ({rec.get("preamble", 0)} / {rec.get("operative", 0)} / {rec.get("narrative", 0)})</td>',
            f'<td><div class="mix">{mix}</div><span class="note">{_e(function_label(rec["main_function"]))}</span></td>',
        ]
        for t in themes:
            n = rec[f"theme:{t}"]
            cells.append(
                f'<td class="num"><a href="{_e(link(doc=doc, theme=t))}">{n}</a></td>'
                if n
                else '<td class="num">0</td>'
            )
        if "references" in docs:
            cells.append(f"<td>{_e('; '.join(rec['references'] or []))}</td>")
        rows.append(f'<tr id="{anchors[doc]}">' + "".join(cells) + "</tr>")
    return (
        f'<h3 id="table-documents">{_e(TABLE_TITLES["documents"])}</h3><p class="note">{legend}</p>'
        f"<table><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>"
        '<p class="note">Tableau complet / full table: <a href="tables/documents.csv">tables/documents.csv</a></p>'
    )


def drilldown_block(data: ReportData, anchors: dict[str, str]) -> str:
    clauses = data.tables["clauses"]
    shown = embedded_clauses(clauses)
    # A missing body reads "(unknown)", as in the body tables and chart that link here.
    body = (
        data.counted["body"].astype(object).where(data.counted["body"].notna(), UNKNOWN).tolist()
        if "body" in data.counted
        else [UNKNOWN] * len(clauses)
    )
    frame = shown.assign(body=[body[i] for i in shown.index])
    frame = frame.astype(object).where(frame.notna(), None)
    rows = [[_plain(v) for v in row] for row in frame.itertuples(index=False)]
    payload = {"columns": list(frame.columns), "rows": rows, "anchors": anchors}

    def options(name: str, values: list[tuple[str, str]], first: str) -> str:
        opts = "".join(f'<option value="{_e(v)}">{_e(t)}</option>' for v, t in values)
        return f'<option value="">{first}</option>{opts}'

    themes = sorted({t for cell in clauses["themes"] for t in str(cell).split(";") if t})
    theme_opts = [("(any)", "un thème au moins / any theme"), ("(none)", "aucun thème / no theme")]
    theme_opts += [(t, theme_label(t)) for t in themes]
    funcs = list(dict.fromkeys(clauses["function"].dropna().astype(str)))
    docs = data.tables["documents"]
    years = sorted({int(y) for y in clauses["year"].dropna()})
    bodies = sorted({b for b in body if b})
    parts = list(dict.fromkeys(clauses["part"].dropna().astype(str)))
    filters = "".join(
        [
            f'<label>Thème / Theme<select id="f-theme">{options("theme", theme_opts, "tous / all")}</select></label>',
            f'<label>Fonction / Function<select id="f-function">{options("function", [(f, function_label(f)) for f in funcs], "toutes / all")}</select></label>',
            f'<label>Document<select id="f-doc">{options("doc", list(zip(docs["doc_id"].astype(str), docs["label"], strict=True)), "tous / all")}</select></label>',
            f'<label>Année / Year<select id="f-year">{options("year", [(str(y), str(y)) for y in years], "toutes / all")}</select></label>',
            f'<label>Organe / Body<select id="f-body">{options("body", [(b, b) for b in bodies], "tous / all")}</select></label>',
            f'<label>Partie / Part<select id="f-part">{options("part", [(p, p) for p in parts], "toutes / all")}</select></label>',
            '<label>Rechercher / Search<input id="f-q" type="search" placeholder="mots / words"></label>',
            '<button type="button" id="f-reset">Tout afficher / Show all</button><span id="f-count" class="note"></span>',
        ]
    )
    head = "".join(
        f'<th data-key="{k}">{_e(t)}</th>'
        for k, t in [
            ("label", "Document"),
            ("year", "Année / Year"),
            ("index", "N°"),
            ("part", "Partie / Part"),
            ("function", "Fonction / Function"),
            ("function_confidence", "Confiance / Confidence"),
            ("themes", "Thèmes / Themes"),
            ("theme_score", "Score"),
            ("text", "Texte / Text"),
        ]
    )
    capped = (
        f'<p class="note">{len(shown)} clauses sur {len(clauses)} incluses (celles qui ont un thème d\'abord) / '
        f"{len(shown)} of {len(clauses)} clauses included (those with a theme first); all in tables/clauses.csv.</p>"
        if len(shown) < len(clauses)
        else ""
    )
    return (
        '<p class="note">Cliquez une barre, un point ou une case d\'un graphique, ou « voir » dans un tableau, pour filtrer. '
        "Cliquez un en-tête pour trier. / Click a bar, point or cell of a chart, or “see” in a table, to filter; "
        "click a header to sort.</p>"
        + capped
        + f'<div class="filters">{filters}</div>'
        + f'<table id="clause-table"><thead><tr>{head}</tr></thead><tbody></tbody></table>'
        + '<button type="button" id="f-more" hidden>Afficher plus / Show more</button>'
        + '<noscript><p class="note">Sans JavaScript : tables/clauses.csv / Without JavaScript: tables/clauses.csv</p></noscript>'
        + _json_script("clause-data", payload)
    )


def provenance_block(prov: Mapping[str, Any]) -> str:
    rows = [
        ("clausekit", prov.get("clausekit")),
        ("date", prov.get("created")),
        ("commande / command", prov.get("command")),
        ("Python", prov.get("python")),
        ("méthode des thèmes / theme method", prov.get("theme_method")),
    ]
    out = [
        "<table><tbody>"
        + "".join(
            f"<tr><th>{_e(k)}</th><td><code>{_e(v if v else '–')}</code></td></tr>" for k, v in rows
        )
        + "</tbody></table>"
    ]
    models = pd.DataFrame(prov.get("models", []))
    if len(models):
        keep = [
            c for c in ("name", "version", "date", "method", "card_sha256", "error") if c in models
        ]
        out.append("<h3>Modèles / Models</h3>" + table_html(models[keep]))
    not_read = pd.DataFrame(prov.get("not_read", []), columns=["path", "reason"])
    if len(not_read):
        out.append(
            f"<h3>Fichiers non lus / Input files not read ({len(not_read)})</h3>"
            + table_html(not_read, max_rows=len(not_read))
        )
    inputs = pd.DataFrame(prov.get("inputs", []), columns=["path", "sha256"])
    out.append(
        f"<details><summary>{len(inputs)} fichiers lus, avec leur SHA-256 / {len(inputs)} input files, with their SHA-256</summary>"
        + table_html(inputs, max_rows=len(inputs) or 1)
        + "</details>"
        '<p class="note">Aussi dans / also in <a href="provenance.json">provenance.json</a>.</p>'
    )
    return "".join(out)
