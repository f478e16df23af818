"""The report's charts: matplotlib figures written as inline SVG (real text, clickable marks) and PNG (print).

Every chart reads the report's tables. Labels never overlap by construction: categories go on
the vertical axis (one per row, wrapped), the time axis is numeric with matplotlib's integer
ticks, and nothing is rotated. Bars, cells and points link to ``#clauses?...``: the report's
drill-down table filters itself to the clauses behind the mark.
"""

from __future__ import annotations

import base64
import io
import re
import textwrap
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import pandas as pd

from clausekit.outputs.labels import PART_LABELS, function_label, theme_label
from clausekit.outputs.tables import THEMES

#: Per-document charts show at most this many documents.
MAX_CHART_DOCS = 30
#: The time chart joins two years with a line only when they are at most this far apart.
MAX_GAP = 5
# Larger marks drawn first, so theme points at the same value stay visible.
_MARKERS = [("o", 70), ("s", 34), ("^", 16), ("D", 10), ("v", 8)]
_COLORS = ["#4e79a7", "#e15759", "#f28e2b", "#59a14f", "#b07aa1", "#9c9c9c", "#76b7b2", "#edc948"]


@dataclass(frozen=True)
class Chart:
    """A rendered chart: its caption, inline SVG markup and base64 PNG."""

    caption: str
    svg: str
    png: str


def link(**filters: object) -> str:
    """The drill-down address of a mark: ``#clauses?theme=covid19&year=2020``."""
    return "#clauses?" + urlencode({k: v for k, v in filters.items() if v is not None})


def _figure(width: float, height: float) -> Any:
    # A Figure without pyplot: no global backend state, nothing to close, safe in a notebook.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _wrap(label: str, width: int = 22, lines: int = 2) -> str:
    return (
        "\n".join(
            textwrap.wrap(label, width, max_lines=lines, placeholder="…", break_on_hyphens=False)
        )
        or label
    )


def _tl(t: str) -> str:
    return "sans thème /\nno theme" if t == "(no theme)" else _wrap(theme_label(t), 18, 3)


def _svg(fig: Any, prefix: str) -> str:
    import matplotlib

    buf = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": prefix}):
        fig.savefig(buf, format="svg")
    svg = buf.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)
    # Several charts share one page: their ids (ticks, clip paths, markers) get the chart's prefix.
    svg = re.sub(r'\bid="', f'id="{prefix}-', svg)
    svg = re.sub(r"url\(#", f"url(#{prefix}-", svg)
    svg = re.sub(r'(<use\b[^>]*?xlink:href=")#', rf"\1#{prefix}-", svg)
    svg = re.sub(r"<svg\b", f'<svg class="chart" role="img" data-chart="{prefix}"', svg, count=1)
    return re.sub(
        r'\s(width|height)="[^"]*pt"', "", svg, count=2
    )  # scales with the page (viewBox kept)


def _png(fig: Any) -> str:
    fig.set_layout_engine(
        "none"
    )  # laid out already when the SVG was drawn: keep it, at half the cost
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100)
    return base64.b64encode(buf.getvalue()).decode("ascii")


def _names(tables: Mapping[str, pd.DataFrame]) -> dict[str, str]:
    docs = tables.get("documents")
    return (
        dict(zip(docs["doc_id"], docs["label"], strict=True))
        if docs is not None and len(docs)
        else {}
    )


def _short(s: object, width: int = 40) -> str:
    s = " ".join(str(s).split())
    return s if len(s) <= width else s[: width - 1] + "…"


def _year_axis(ax: Any, years: list[int]) -> None:
    from matplotlib.ticker import MaxNLocator

    lo, hi = min(years), max(years)
    pad = max(1.0, (hi - lo) * 0.04)
    ax.set_xlim(lo - pad, hi + pad)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=8, integer=True, min_n_ticks=1))
    ax.xaxis.set_major_formatter("{x:.0f}")


def _chart_time(tables: Mapping[str, pd.DataFrame]) -> Any | None:
    t = tables.get("by_year")
    if t is None or t.empty:
        return None
    years = t["year"].astype(int).tolist()
    themes = [c[: -len("_document_share")] for c in t.columns if c.endswith("_document_share")]
    fig = _figure(8, 4.6)
    top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=[3, 1.2])
    for i, theme in enumerate(themes):
        share = t[f"{theme}_document_share"].astype(float)
        color = _COLORS[i % len(_COLORS)]
        # A line joins years at most MAX_GAP apart: across a longer gap it would invent the years between.
        xs, ys = [], []
        for k, (y, v) in enumerate(zip(years, share, strict=True)):
            if k and y - years[k - 1] > MAX_GAP:
                xs.append(float("nan"))
                ys.append(float("nan"))
            xs.append(y)
            ys.append(v)
        top.plot(xs, ys, color=color, linewidth=1, alpha=0.6)
        marker, size = _MARKERS[i % len(_MARKERS)]
        dots = top.scatter(
            years, share, s=size, marker=marker, color=color, label=theme_label(theme), zorder=3 + i
        )
        dots.set_urls(
            [
                link(theme=theme, year=y) if v > 0 else None
                for y, v in zip(years, share, strict=True)
            ]
        )
    top.set_ylim(-0.03, 1.03)
    top.set_ylabel("Part des documents\nShare of documents")
    top.set_title("Thèmes au fil du temps / Themes over time")
    top.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    top.tick_params(labelbottom=False)
    width = max(0.6, (max(years) - min(years)) / 120)
    bars = bottom.bar(years, t["documents"], width=width, color="#9c9c9c")
    for bar, y in zip(bars, years, strict=True):
        bar.set_url(link(year=y))
    bottom.set_ylabel("Documents")
    bottom.set_xlabel(
        "Année (chaque point : documents de l'année) / Year (each point: that year's documents)"
    )
    bottom.yaxis.get_major_locator().set_params(integer=True, nbins=3)
    _year_axis(bottom, years)
    return fig


def _chart_time_functions(tables: Mapping[str, pd.DataFrame]) -> Any | None:
    t = tables.get("by_year")
    if t is None or t.empty:
        return None
    years = t["year"].astype(int).tolist()
    funcs = [c.split(":", 1)[1] for c in t.columns if c.startswith("share:")]
    fig = _figure(8, 3.4)
    ax = fig.add_subplot()
    width = max(0.6, (max(years) - min(years)) / 120)
    bottom = pd.Series(0.0, index=t.index)
    for i, f in enumerate(funcs):
        values = t[f"share:{f}"].astype(float)
        bars = ax.bar(
            years,
            values,
            width=width,
            bottom=bottom,
            color=_COLORS[i % len(_COLORS)],
            label=function_label(f),
        )
        for bar, y in zip(bars, years, strict=True):
            if bar.get_height() > 0:
                bar.set_url(link(function=f, year=y))
        bottom += values
    ax.set_ylim(0, 1)
    ax.set_ylabel("Part des clauses\nShare of clauses")
    ax.set_xlabel("Année / Year")
    ax.set_title("Fonctions au fil du temps / Functions over time")
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    _year_axis(ax, years)
    return fig


def _chart_functions(tables: Mapping[str, pd.DataFrame]) -> Any:
    from matplotlib.ticker import MaxNLocator

    t = tables["function_by_part"].set_index("part")
    funcs = [c for c in t.columns if c != "clauses"]
    fig = _figure(7.5, 3.8)
    ax = fig.add_subplot()
    left = pd.Series(0.0, index=funcs)
    y = list(range(len(funcs)))
    for i, part in enumerate(t.index):
        values = t.loc[part, funcs].astype(float)
        bars = ax.barh(
            y, values, left=left, color=_COLORS[i % len(_COLORS)], label=PART_LABELS.get(part, part)
        )
        for bar, f in zip(bars, funcs, strict=True):
            if bar.get_width() > 0:
                bar.set_url(link(function=f, part=part))
        left += values
    for yi, total in zip(y, left, strict=True):
        ax.text(total, yi, f" {int(total)}", va="center", fontsize=9)
    ax.set_yticks(y, [function_label(f) for f in funcs])
    ax.invert_yaxis()
    ax.set_xlabel("Nombre de clauses / Number of clauses")
    ax.set_title("Fonctions des clauses, par partie / Clause functions, per part")
    ax.legend(title="Partie / Part", fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
    ax.set_xlim(0, max(1.0, float(left.max())) * 1.12)  # room for the totals printed after the bars
    return fig


def _chart_function_per_document(tables: Mapping[str, pd.DataFrame]) -> Any:
    names = _names(tables)
    t = tables["function_by_document"]
    t = t.sort_values("clauses", ascending=False, kind="stable").head(MAX_CHART_DOCS)
    funcs = [c for c in t.columns if c not in ("doc_id", "document", "clauses")]
    shares = t[funcs].div(t["clauses"].where(t["clauses"] > 0, 1), axis=0)
    fig = _figure(8, max(2.5, 0.3 * len(t) + 1.6))
    ax = fig.add_subplot()
    left = pd.Series(0.0, index=t.index)
    for i, f in enumerate(funcs):
        bars = ax.barh(
            range(len(t)),
            shares[f],
            left=left,
            color=_COLORS[i % len(_COLORS)],
            label=function_label(f),
        )
        for bar, d in zip(bars, t["doc_id"], strict=True):
            if bar.get_width() > 0:
                bar.set_url(link(doc=d, function=f))
        left += shares[f]
    labels = [
        f"{_short(names.get(d, d), 36)} ({n})"
        for d, n in zip(t["doc_id"], t["clauses"], strict=True)
    ]
    ax.set_yticks(range(len(t)), labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("Part des clauses du document / Share of the document's clauses")
    shown = (
        f" ({len(t)} plus longs / longest)" if len(tables["function_by_document"]) > len(t) else ""
    )
    ax.set_title(f"Fonctions par document{shown} / Functions per document", fontsize=10)
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return fig


def _chart_themes_by_body(tables: Mapping[str, pd.DataFrame]) -> Any:
    t = tables["theme_prevalence_by_body"]
    overall = tables["theme_prevalence"].set_index("theme")
    bodies = list(dict.fromkeys(t["body"]))
    themes = list(dict.fromkeys(t["theme"])) or list(THEMES)
    groups = ["(corpus)", *bodies]
    height = 0.8 / max(1, len(groups))
    fig = _figure(8, max(3.0, 0.9 + 0.22 * len(groups) * len(themes)))
    ax = fig.add_subplot()
    for gi, g in enumerate(groups):
        sub = overall if g == "(corpus)" else t[t["body"] == g].set_index("theme")
        values = [float(sub.loc[th, "clause_share"]) if th in sub.index else 0.0 for th in themes]
        ys = [i + gi * height for i in range(len(themes))]
        bars = ax.barh(ys, values, height, label=_short(g, 40), color=_COLORS[gi % len(_COLORS)])
        for bar, th in zip(bars, themes, strict=True):
            if bar.get_width() > 0:
                bar.set_url(link(theme=th, body=None if g == "(corpus)" else g))
    ax.set_yticks(
        [i + height * (len(groups) - 1) / 2 for i in range(len(themes))], [_tl(th) for th in themes]
    )
    ax.invert_yaxis()
    ax.set_xlabel("Part des clauses / Share of clauses")
    ax.set_title("Prévalence des thèmes par organe / Theme prevalence per body")
    ax.legend(title="Organe / Body", fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return fig


def _heatmap(
    ax: Any, data: Any, urls: list[list[str]], cmap: str, fmt: Callable[[float], str]
) -> Any:
    from matplotlib.patches import Rectangle

    im = ax.imshow(
        data, cmap=cmap, aspect="auto", vmin=0, vmax=max(1e-9, float(data.max(initial=0)))
    )
    top = data.max(initial=0)
    for i in range(data.shape[0]):
        for j in range(data.shape[1]):
            ax.text(
                j,
                i,
                fmt(data[i, j]),
                ha="center",
                va="center",
                fontsize=8,
                color="white" if top and data[i, j] > top / 2 else "black",
            )
            cell = Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, linewidth=0)
            if data[i, j] > 0:  # an empty cell has no clause to show
                cell.set_url(urls[i][j])
            ax.add_patch(cell)
    return im


def _chart_function_theme(tables: Mapping[str, pd.DataFrame]) -> Any:
    t = tables["function_theme"].set_index("function")
    cols = [c for c in t.columns if c != "clauses"]
    data = t[cols].to_numpy(dtype=float)
    fig = _figure(7.5, 4.2)
    ax = fig.add_subplot()
    urls = [
        [link(function=f, theme="(none)" if c == "(no theme)" else c) for c in cols]
        for f in t.index
    ]
    im = _heatmap(ax, data, urls, "Blues", lambda v: f"{int(v)}")
    ax.set_xticks(range(len(cols)), [_tl(c) for c in cols], fontsize=8)
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(t.index)), [function_label(f) for f in t.index])
    fig.colorbar(im, ax=ax, label="Clauses")
    ax.set_title("Fonction × thème (nombre de clauses) / Function × theme (clauses)", fontsize=10)
    return fig


def _chart_document_intensity(tables: Mapping[str, pd.DataFrame]) -> Any | None:
    names = _names(tables)
    t = tables["theme_prevalence_by_document"]
    if t.empty:
        return None
    wide = t.pivot_table(index="doc_id", columns="theme", values="clause_share", sort=False).fillna(
        0.0
    )
    wide = wide.loc[wide.max(axis=1).sort_values(ascending=False, kind="stable").index].head(
        MAX_CHART_DOCS
    )
    fig = _figure(8, max(2.6, 0.3 * len(wide) + 1.8))
    ax = fig.add_subplot()
    urls = [[link(doc=d, theme=c) for c in wide.columns] for d in wide.index]
    im = _heatmap(ax, wide.to_numpy(), urls, "Oranges", lambda v: f"{v:.0%}" if v else "")
    ax.set_xticks(range(len(wide.columns)), [_tl(c) for c in wide.columns], fontsize=8)
    ax.xaxis.tick_top()
    ax.set_yticks(
        range(len(wide.index)), [_short(names.get(d, d), 40) for d in wide.index], fontsize=8
    )
    fig.colorbar(im, ax=ax, label="Part des clauses / Share of clauses")
    return fig


def _chart_confidence(tagged: pd.DataFrame) -> Any | None:
    if "function_confidence" not in tagged or not len(tagged):
        return None
    conf = pd.to_numeric(tagged["function_confidence"], errors="coerce").dropna()
    fig = _figure(7.5, 3.0)
    ax = fig.add_subplot()
    ax.hist(conf, bins=[i / 20 for i in range(21)], color=_COLORS[0])
    ax.set_xlabel("Confiance de la fonction / Function confidence")
    ax.set_ylabel("Clauses")
    ax.set_title("Confiance du classement des fonctions / Function confidence")
    return fig


#: Chart builders, in report order: (id, builder taking (tagged, tables), caption).
CHARTS: list[tuple[str, Callable[[pd.DataFrame, Mapping[str, pd.DataFrame]], Any], str]] = [
    (
        "chart-time",
        lambda df, t: _chart_time(t),
        "Part des documents de chaque année qui portent chaque thème, et nombre de documents par année "
        "/ Share of each year's documents carrying each theme, and documents per year",
    ),
    (
        "chart-time-functions",
        lambda df, t: _chart_time_functions(t),
        "Répartition des fonctions par année / Function mix per year",
    ),
    (
        "chart-themes-body",
        lambda df, t: _chart_themes_by_body(t),
        "Thèmes par organe / Themes per body",
    ),
    (
        "chart-themes-docs",
        lambda df, t: _chart_document_intensity(t),
        "Intensité thématique par document / Theme intensity per document",
    ),
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
        "chart-function-theme",
        lambda df, t: _chart_function_theme(t),
        "Fonction × thème / Function × theme",
    ),
    ("chart-confidence", lambda df, t: _chart_confidence(df), "Confiance / Confidence"),
]


def render_charts(tagged: pd.DataFrame, tables: Mapping[str, pd.DataFrame]) -> dict[str, Chart]:
    """Every chart that has data, as ``{id: Chart}``, in report order.

    Labels are drawn as plain text: a document named ``$x^2$`` or ``a_$b`` is not read as
    mathtext (which would fail to parse, or draw something else than its name).
    """
    import matplotlib

    out = {}
    with matplotlib.rc_context({"text.parse_math": False}):
        for chart_id, build, caption in CHARTS:
            fig = build(tagged, tables)
            if fig is not None:
                out[chart_id] = Chart(caption, _svg(fig, chart_id), _png(fig))
    return out
