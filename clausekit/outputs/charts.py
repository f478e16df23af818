"""The report's charts (matplotlib, rendered to PNG) and the French labels they and the report share."""

from __future__ import annotations

import base64
import io
from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd

from clausekit.outputs import statistics as stats

#: French labels, with the English name the data uses in brackets in the report.
FUNCTION_LABELS = {
    "recall": "rappel",
    "concern": "préoccupation",
    "request": "demande",
    "decision": "décision",
    "position": "position",
    "other": "autre",
}
THEME_LABELS = {
    "covid19": "COVID-19",
    "south_south": "coopération Sud-Sud",
    "coercive_measures": "mesures coercitives unilatérales",
}
PART_LABELS = {"preamble": "préambule", "operative": "dispositif", "narrative": "narratif"}

#: Title of each table in the report (French / English), in the order of :func:`stats.summary`.
TABLE_TITLES = {
    "overview": "Totaux / Totals",
    "clauses_per_document": "Clauses par document et partie / Clauses per document and part",
    "function_distribution": "Fonctions, corpus entier / Functions, whole corpus",
    "function_by_part": "Fonctions par partie / Functions per part",
    "function_by_document": "Fonctions par document / Functions per document",
    "theme_prevalence": "Thèmes, corpus entier / Themes, whole corpus",
    "theme_prevalence_by_document": "Thèmes par document / Themes per document",
    "theme_prevalence_by_body": "Thèmes par organe / Themes per body",
    "theme_prevalence_by_year": "Thèmes par année / Themes per year",
    "function_theme": "Fonction × thème / Function × theme",
    "documents_by_theme": "Documents classés par intensité thématique / Documents ranked by theme intensity",
    "characteristic_lemmas": "Lemmes caractéristiques de chaque thème / Characteristic lemmas of each theme",
    "low_confidence": "Clauses à vérifier (faible confiance) / Clauses to review (low confidence)",
}
#: At most this many rows of a table are shown in the HTML; the CSV and Parquet files have them all.
#: Per-document charts show at most this many documents.
MAX_CHART_DOCS = 30

_COLORS = ["#4e79a7", "#e15759", "#f28e2b", "#59a14f", "#b07aa1", "#9c9c9c", "#76b7b2", "#edc948"]


def _figure(width: float, height: float) -> Any:
    # A Figure without pyplot: no global backend state, nothing to close, safe in a notebook.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _png(fig: Any) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100)
    return base64.b64encode(buf.getvalue()).decode("ascii")


def _flabel(f: str) -> str:
    return f"{FUNCTION_LABELS.get(f, f)} ({f})" if FUNCTION_LABELS.get(f, f) != f else f


def _tlabel(t: str, width: int | None = None) -> str:
    import textwrap

    label = THEME_LABELS.get(t, t)
    return "\n".join(textwrap.wrap(label, width)) if width else label


def _short(s: object, width: int = 28) -> str:
    s = str(s)
    return s if len(s) <= width else s[: width - 1] + "…"


def _chart_functions(tables: Mapping[str, pd.DataFrame]) -> Any:
    from matplotlib.ticker import MaxNLocator

    t = tables["function_by_part"].set_index("part")
    funcs = [c for c in t.columns if c != "clauses"]
    fig = _figure(7.5, 3.8)
    ax = fig.add_subplot()
    left = pd.Series(0, index=funcs, dtype=float)
    y = range(len(funcs))
    for i, part in enumerate(t.index):
        values = t.loc[part, funcs].astype(float)
        ax.barh(
            list(y),
            values,
            left=left,
            color=_COLORS[i % len(_COLORS)],
            label=PART_LABELS.get(part, part),
        )
        left += values
    for yi, total in zip(y, left, strict=True):
        ax.text(total, yi, f" {int(total)}", va="center", fontsize=9)
    ax.set_yticks(list(y), [_flabel(f) for f in funcs])
    ax.invert_yaxis()
    ax.set_xlabel("Nombre de clauses / Number of clauses")
    ax.set_title("Fonctions des clauses, par partie / Clause functions, per part")
    ax.legend(title="Partie / Part", fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlim(0, max(1.0, float(left.max())) * 1.12)  # room for the totals printed after the bars
    return fig


def _chart_function_per_document(tables: Mapping[str, pd.DataFrame]) -> Any:
    t = tables["function_by_document"]
    t = t.sort_values("clauses", ascending=False, kind="stable").head(MAX_CHART_DOCS)
    funcs = [c for c in t.columns if c not in ("doc_id", "clauses")]
    shares = t[funcs].div(t["clauses"].where(t["clauses"] > 0, 1), axis=0)
    fig = _figure(8, max(2.5, 0.32 * len(t) + 1.5))
    ax = fig.add_subplot()
    left = pd.Series(0.0, index=t.index)
    for i, f in enumerate(funcs):
        ax.barh(
            range(len(t)), shares[f], left=left, color=_COLORS[i % len(_COLORS)], label=_flabel(f)
        )
        left += shares[f]
    ax.set_yticks(
        range(len(t)),
        [f"{_short(d)} ({n})" for d, n in zip(t["doc_id"], t["clauses"], strict=True)],
        fontsize=8,
    )
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("Part des clauses du document / Share of the document's clauses")
    shown = (
        f" ({len(t)} plus longs / longest)" if len(tables["function_by_document"]) > len(t) else ""
    )
    ax.set_title(f"Fonctions par document{shown} / Functions per document")
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return fig


def _chart_themes_by_body(tables: Mapping[str, pd.DataFrame]) -> Any:
    t = tables["theme_prevalence_by_body"]
    overall = tables["theme_prevalence"].set_index("theme")
    bodies = list(dict.fromkeys(t["body"]))
    themes = list(dict.fromkeys(t["theme"])) or list(stats.THEMES)
    groups = ["(corpus)", *bodies]
    width = 0.8 / max(1, len(groups))
    fig = _figure(8, 4)
    ax = fig.add_subplot()
    for gi, g in enumerate(groups):
        if g == "(corpus)":
            values = [
                overall.loc[th, "clause_share"] if th in overall.index else 0 for th in themes
            ]
        else:
            sub = t[t["body"] == g].set_index("theme")
            values = [sub.loc[th, "clause_share"] if th in sub.index else 0 for th in themes]
        xs = [i + gi * width for i in range(len(themes))]
        ax.bar(xs, values, width, label=_short(g, 40), color=_COLORS[gi % len(_COLORS)])
    ax.set_xticks(
        [i + width * (len(groups) - 1) / 2 for i in range(len(themes))],
        [_tlabel(th) for th in themes],
    )
    ax.set_ylabel("Part des clauses / Share of clauses")
    ax.set_title("Prévalence des thèmes par organe / Theme prevalence per body")
    ax.legend(title="Organe / Body", fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return fig


def _chart_function_theme(tables: Mapping[str, pd.DataFrame]) -> Any:
    t = tables["function_theme"].set_index("function")
    cols = [c for c in t.columns if c != "clauses"]
    data = t[cols].to_numpy(dtype=float)
    fig = _figure(7.5, 4)
    ax = fig.add_subplot()
    im = ax.imshow(data, cmap="Blues", aspect="auto")
    ax.set_xticks(
        range(len(cols)),
        [_tlabel(c) if c != "(no theme)" else "sans thème / none" for c in cols],
        rotation=20,
        ha="right",
    )
    ax.set_yticks(range(len(t.index)), [_flabel(f) for f in t.index])
    top = data.max() if data.size else 0
    for i in range(data.shape[0]):
        for j in range(data.shape[1]):
            ax.text(
                j,
                i,
                f"{int(data[i, j])}",
                ha="center",
                va="center",
                fontsize=9,
                color="white" if top and data[i, j] > top / 2 else "black",
            )
    fig.colorbar(im, ax=ax, label="Clauses")
    ax.set_title("Fonction × thème (nombre de clauses) / Function × theme (clauses)")
    return fig


def _chart_document_intensity(tables: Mapping[str, pd.DataFrame]) -> Any:
    t = tables["theme_prevalence_by_document"]
    wide = t.pivot_table(index="doc_id", columns="theme", values="clause_share", sort=False).fillna(
        0.0
    )
    wide = wide.loc[wide.max(axis=1).sort_values(ascending=False, kind="stable").index].head(
        MAX_CHART_DOCS
    )
    fig = _figure(7.5, max(2.5, 0.3 * len(wide) + 1.6))
    ax = fig.add_subplot()
    im = ax.imshow(
        wide.to_numpy(),
        cmap="Oranges",
        aspect="auto",
        vmin=0,
        vmax=max(0.01, float(wide.to_numpy().max(initial=0))),
    )
    ax.set_xticks(
        range(len(wide.columns)), [_tlabel(c) for c in wide.columns], rotation=15, ha="right"
    )
    ax.set_yticks(range(len(wide.index)), [_short(d) for d in wide.index], fontsize=8)
    fig.colorbar(im, ax=ax, label="Part des clauses / Share of clauses")
    ax.set_title("Intensité thématique par document / Theme intensity per document")
    return fig


def _chart_years(tables: Mapping[str, pd.DataFrame]) -> Any | None:
    t = tables["theme_prevalence_by_year"]
    if t.empty:
        return None
    fig = _figure(7.5, 3.6)
    ax = fig.add_subplot()
    years = sorted(set(t["year"].astype(int)))
    themes = list(dict.fromkeys(t["theme"]))
    if len(years) <= 12:  # a few scattered years: bars, since a line would invent the years between
        width = 0.8 / max(1, len(themes))
        for i, theme in enumerate(themes):
            sub = t[t["theme"] == theme].set_index("year")["clause_share"]
            xs = [k + i * width for k in range(len(years))]
            ax.bar(
                xs,
                [float(sub.get(y, 0.0)) for y in years],
                width,
                label=_tlabel(theme),
                color=_COLORS[i % len(_COLORS)],
            )
        ax.set_xticks(
            [k + width * (len(themes) - 1) / 2 for k in range(len(years))], [str(y) for y in years]
        )
    else:
        for i, theme in enumerate(themes):
            sub = t[t["theme"] == theme]
            ax.plot(
                sub["year"].astype(int),
                sub["clause_share"],
                marker="o",
                label=_tlabel(theme),
                color=_COLORS[i % len(_COLORS)],
            )
    ax.set_xlabel("Année / Year")
    ax.set_ylabel("Part des clauses / Share of clauses")
    ax.set_title("Prévalence des thèmes par année / Theme prevalence per year")
    ax.legend(fontsize=8)
    return fig


def _chart_confidence(tagged: pd.DataFrame) -> Any | None:
    if "function_confidence" not in tagged or not len(tagged):
        return None
    conf = pd.to_numeric(tagged["function_confidence"], errors="coerce").dropna()
    fig = _figure(7.5, 3.2)
    ax = fig.add_subplot()
    ax.hist(conf, bins=[i / 20 for i in range(21)], color=_COLORS[0])
    ax.set_xlabel("Confiance de la fonction / Function confidence")
    ax.set_ylabel("Clauses")
    ax.set_title("Confiance du classement des fonctions / Function confidence")
    return fig


#: Chart builders, in report order: (id, builder taking (tagged, tables), caption).
CHARTS: list[tuple[str, Callable[[pd.DataFrame, Mapping[str, pd.DataFrame]], Any], str]] = [
    (
        "chart-functions",
        lambda df, t: _chart_functions(t),
        "Répartition des fonctions / Function distribution",
    ),
    (
        "chart-functions-docs",
        lambda df, t: _chart_function_per_document(t),
        "Fonctions par document / Functions per document",
    ),
    (
        "chart-themes-body",
        lambda df, t: _chart_themes_by_body(t),
        "Thèmes par organe / Themes per body",
    ),
    (
        "chart-function-theme",
        lambda df, t: _chart_function_theme(t),
        "Fonction × thème / Function × theme",
    ),
    (
        "chart-themes-docs",
        lambda df, t: _chart_document_intensity(t),
        "Intensité thématique par document / Theme intensity per document",
    ),
    ("chart-years", lambda df, t: _chart_years(t), "Thèmes par année / Themes per year"),
    ("chart-confidence", lambda df, t: _chart_confidence(df), "Confiance / Confidence"),
]


def render_charts(
    tagged: pd.DataFrame, tables: Mapping[str, pd.DataFrame]
) -> dict[str, tuple[str, str]]:
    """Every chart that has data, as ``{id: (caption, base64 PNG)}``, in report order.

    Labels are drawn as plain text: a document named ``$x^2$`` or ``a_$b`` is not read as
    mathtext (which would fail to parse, or draw something else than its name).
    """
    import matplotlib

    out = {}
    with matplotlib.rc_context({"text.parse_math": False}):
        for chart_id, build, caption in CHARTS:
            fig = build(tagged, tables)
            if fig is not None:
                out[chart_id] = (caption, _png(fig))
    return out


