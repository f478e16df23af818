"""The report as one HTML page: key facts, time, themes, the clause drill-down, documents, functions,
duplicates, characteristic lemmas, review and provenance. Everything inline, nothing fetched."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import resources
from pathlib import Path

import pandas as pd

from clausekit.outputs.charts import Chart, link
from clausekit.outputs.html_blocks import (
    MAX_HTML_ROWS,
    ReportData,
    _e,
    documents_block,
    drilldown_block,
    provenance_block,
    table_html,
)
from clausekit.outputs.labels import TABLE_TITLES, theme_label

__all__ = ["ReportData", "render_html", "table_html"]


def _asset(name: str) -> str:
    return resources.files("clausekit.outputs").joinpath("assets", name).read_text(encoding="utf-8")


def _year_view(by_year: pd.DataFrame) -> pd.DataFrame:
    """The year table as read on a page: per theme, documents carrying it and their share."""
    out = by_year[["year", "documents", "clauses"]].copy()
    for c in by_year.columns:
        if c.endswith("_document_share"):
            theme = c[: -len("_document_share")]
            out[theme_label(theme)] = [
                f"{n} ({s:.0%})"
                for n, s in zip(by_year[f"{theme}_documents"], by_year[c], strict=True)
            ]
    return out


def _table(
    name: str,
    df: pd.DataFrame,
    *,
    drop: tuple[str, ...] = (),
    href: Callable[[dict], str | None] | None = None,
    csv: str | None = None,
) -> str:
    title = TABLE_TITLES.get(name, name)
    out = [f'<h3 id="table-{name}">{_e(title)}</h3>']
    if df.empty:
        return out[0] + '<p class="note">Aucune ligne / No rows.</p>'
    shown = df.drop(columns=[c for c in drop if c in df and "document" in df])
    out.append(f'<div class="wide">{table_html(shown, href=href)}</div>')
    more = (
        f"{MAX_HTML_ROWS} premières lignes sur {len(df)} / first {MAX_HTML_ROWS} of {len(df)} rows; "
        if len(df) > MAX_HTML_ROWS
        else ""
    )
    out.append(
        f'<p class="note">{more}tableau complet / full table: <a href="tables/{name}.csv">tables/{name}.csv</a>, tables/{name}.parquet</p>'
    )
    return "".join(out)


def _figure(charts: Mapping[str, Chart], cid: str) -> str:
    if cid not in charts:
        return ""
    c = charts[cid]
    return (
        f'<figure id="{cid}">{c.svg}<figcaption>{_e(c.caption)} '
        f'<a class="png" href="charts/{cid}.png">PNG</a></figcaption></figure>'
    )


def _anchors(documents: pd.DataFrame) -> dict[str, str]:
    return {str(d): f"doc-{i}" for i, d in enumerate(documents["doc_id"])}


def _key_facts(data: ReportData) -> str:
    t = data.tables
    docs, dup = t["documents"], t["duplicates"]
    n_docs, n_clauses = len(docs), len(data.counted)
    dropped = dup[dup["kind"] != "kept"]
    groups = dup["group"].nunique()
    items = [f"<li><b>{n_docs} documents, {n_clauses} clauses</b> comptés / counted.</li>"]
    if groups and not data.keep_duplicates:
        items.append(
            f'<li><a href="#duplicates">{len(dropped)} doublon{"s" if len(dropped) != 1 else ""}</a> de {groups} document{"s" if groups != 1 else ""} '
            f"écarté{'s' if len(dropped) != 1 else ''} : chaque texte compte une fois (<code>--keep-duplicates</code> pour tout compter). "
            f"/ {len(dropped)} duplicate document{'s' if len(dropped) != 1 else ''} of {groups} counted once "
            f"(<code>--keep-duplicates</code> counts all).</li>"
        )
    elif groups:
        items.append(
            f'<li><a href="#duplicates">{len(dropped)} doublon(s)</a> détecté(s) mais comptés (<code>--keep-duplicates</code>) '
            f"/ {len(dropped)} duplicate(s) found and counted (<code>--keep-duplicates</code>).</li>"
        )
    else:
        items.append("<li>Aucun document en double / No duplicate documents.</li>")
    dated = int(docs["year"].notna().sum()) if len(docs) else 0
    sources = docs["year_source"].dropna().value_counts().to_dict() if "year_source" in docs else {}
    how = ", ".join(f"{v} : {k}" for k, v in sources.items())
    items.append(
        f"<li>Année connue pour {dated} des {n_docs} documents{f' ({how})' if how else ''} ; "
        f'<a href="#table-undated_documents">{n_docs - dated} sans année</a>. '
        f"/ Year known for {dated} of {n_docs} documents; {n_docs - dated} without a year.</li>"
    )
    prov = data.provenance
    if not_read := prov.get("not_read"):
        n = len(not_read)
        items.append(
            f'<li><strong>{n} fichier{"s" if n != 1 else ""} non lu{"s" if n != 1 else ""} / '
            f'{n} input file{"s" if n != 1 else ""} not read</strong>, absent{"s" if n != 1 else ""} de ces chiffres / '
            f'missing from these figures: {_e(", ".join(Path(str(f["path"])).name for f in not_read[:5]))}'
            f'{" …" if n > 5 else ""} (<a href="#provenance">why / pourquoi</a>).</li>'
        )
    models = ", ".join(f"{m['name']} {m.get('version', '?')}" for m in prov.get("models", []))
    items.append(
        f"<li>Modèles / models: {_e(models or '?')}; thèmes / themes: {_e(prov.get('theme_method', '?'))} "
        f'(<a href="#provenance">provenance</a>).</li>'
    )
    return f'<div class="key"><ul>{"".join(items)}</ul></div>'


def render_html(data: ReportData, charts: Mapping[str, Chart], *, title: str) -> str:
    """The whole report as one HTML page, from :func:`clausekit.outputs.report.report_tables` and the charts."""
    t = data.tables
    anchors = _anchors(t["documents"])
    doc_link = lambda r: link(doc=r.get("doc_id"), theme=r.get("theme"))  # noqa: E731
    lemmas = t["characteristic_lemmas"].drop(columns=["examples"], errors="ignore")
    min_lemmas = data.min_lemma_clauses
    sections = [
        (
            "time",
            "Au fil du temps / Over time",
            _figure(charts, "chart-time")
            + _figure(charts, "chart-time-functions")
            + (
                ""
                if "chart-time" in charts
                else '<p class="note">Aucune année connue / No known year.</p>'
            )
            + _table("by_year", _year_view(t["by_year"]), csv="by_year")
            + _table(
                "undated_documents", t["undated_documents"], href=lambda r: link(doc=r["doc_id"])
            ),
        ),
        (
            "themes",
            "Thèmes / Themes",
            _figure(charts, "chart-themes-body")
            + _figure(charts, "chart-themes-docs")
            + _table(
                "theme_prevalence",
                t["theme_prevalence"],
                href=lambda r: link(theme=r["theme"]) if r["clauses"] else None,
            )
            + _table("documents_by_theme", t["documents_by_theme"], drop=("doc_id",), href=doc_link)
            + _table("theme_prevalence_by_body", t["theme_prevalence_by_body"]),
        ),
        (
            "clauses",
            "Les clauses derrière chaque thème / The clauses behind each theme",
            drilldown_block(data, anchors),
        ),
        ("documents", "Documents", documents_block(data, anchors)),
        (
            "functions",
            "Fonctions / Functions",
            _figure(charts, "chart-functions")
            + _figure(charts, "chart-functions-docs")
            + _table(
                "function_distribution",
                t["function_distribution"],
                href=lambda r: link(function=r["function"]) if r["clauses"] else None,
            )
            + _table("function_by_part", t["function_by_part"]),
        ),
        (
            "function-theme",
            "Fonction × thème / Function × theme",
            _figure(charts, "chart-function-theme")
            + _table(
                "function_theme",
                t["function_theme"],
                href=lambda r: (
                    link(function=r["function"], theme="(any)")
                    if r["clauses"] > r["(no theme)"]
                    else None
                ),
            ),
        ),
        (
            "duplicates",
            "Documents en double / Duplicate documents",
            '<p class="note">Textes identiques une fois repliés (casse, accents, ponctuation), ou dont au moins 80 % des suites de cinq mots '
            "se retrouvent dans l'autre (copie OCR, réédition). Le document gardé est celui qui se lit le mieux. / Texts equal once folded, "
            "or sharing at least 80% of their five-word runs (an OCR'd copy, a re-issue); the cleanest is kept.</p>"
            + _table("duplicates", t["duplicates"]),
        ),
        (
            "lemmas",
            "Lemmes caractéristiques / Characteristic lemmas",
            f"<details><summary>Afficher / Show ({len(lemmas)} lemmes / lemmas)</summary>"
            f'<p class="note">Seuls les lemmes présents dans au moins {min_lemmas} clauses du thème. / Only lemmas found in at least '
            f"{min_lemmas} clauses of the theme.</p>"
            + _table("characteristic_lemmas", lemmas)
            + "</details>",
        ),
        (
            "review",
            "Clauses à vérifier / Clauses to review",
            _figure(charts, "chart-confidence")
            + _table("low_confidence", t["low_confidence"], drop=("doc_id",)),
        ),
        (
            "citations",
            "Textes cités / Cited texts",
            _table("most_cited", t["most_cited"]) + _table("citations_by_document", t["citations_by_document"])
            if "most_cited" in t
            else '<p class="note">Aucune citation / No citation.</p>',
        ),
        ("provenance", "Provenance", provenance_block(data.provenance)),
        ("totals", "Totaux / Totals", _table("overview", t["overview"])),
    ]
    toc = "".join(f'<li><a href="#{a}">{_e(h)}</a></li>' for a, h, _ in sections)
    body = "".join(
        f'<section id="{a}"><h2>{_e(h)}</h2>{content}</section>' for a, h, content in sections
    )
    intro = (
        "<p>Fonctions : ce que fait chaque clause ; thèmes : ce dont elle traite (plusieurs possibles). "
        "/ Functions: what each clause does; themes: what it is about (several possible).</p>"
        f'<p class="note">clausekit {_e(data.provenance.get("clausekit", ""))}. Les tableaux sont aussi dans <code>tables/</code> (CSV, Parquet). '
        "/ Tables are also in <code>tables/</code> (CSV, Parquet).</p>"
    )
    return (
        '<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{_asset('report.css')}</style></head><body>"
        f"<h1>{_e(title)}</h1>{_key_facts(data)}{intro}"
        f'<nav id="toc"><h2>Sommaire / Contents</h2><ol>{toc}</ol></nav>'
        f"{body}<script>{_asset('report.js')}</script></body></html>\n"
    )
