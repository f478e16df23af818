"""The tables an analyst reads first: documents by name with their profile, the corpus over time,
and every clause behind a theme.

All take the tagged frame (after :func:`clausekit.outputs.metadata.apply_metadata`, so ``title``
and ``year_source`` may be there; any missing column counts as unknown) and return DataFrames.

>>> import pandas as pd
>>> df = pd.DataFrame({"doc_id": ["a", "a", "b", "c"], "index": [0, 1, 0, 0],
...     "part": ["preamble", "operative", "operative", "operative"],
...     "function": ["recall", "request", "request", "decision"],
...     "themes": [[], ["covid19"], ["covid19"], []], "year": [2020, 2020, 2022, None]})
>>> by_year(df).set_index("year")["covid19_documents"].to_dict()
{2020: 1, 2022: 1}
>>> undated_documents(df)["doc_id"].tolist()
['c']
"""

from __future__ import annotations

import pandas as pd

from clausekit.outputs.metadata import document_labels
from clausekit.outputs.tables import PARTS, _themes_of, _years, function_labels, theme_matrix

DOCUMENT_COLUMNS = ["doc_id", "label", "symbol", "title", "body", "year", "year_source"]


def documents(df: pd.DataFrame) -> pd.DataFrame:
    """One row per document, in corpus order: who it is and what it holds.

    Columns ``doc_id, label`` (symbol and title, see :func:`document_labels`), ``symbol, title,
    body, year, year_source, clauses``, one count per part, ``main_function`` (its most frequent
    function), one ``share:<function>`` column per function, one ``theme:<theme>`` count of clauses per
    theme, ``themes`` (the themes it carries, most clauses first) and, when tagging extracted
    them, ``references`` (the texts it cites, each once).
    """
    if not len(df):
        return pd.DataFrame(columns=[*DOCUMENT_COLUMNS, "clauses"])
    docs = df["doc_id"].astype(str)
    order = list(dict.fromkeys(docs))
    frame = df.assign(doc_id=docs)
    cols = [c for c in ("symbol", "title", "body", "year", "year_source") if c in frame]
    meta = frame.groupby("doc_id", sort=False)[cols].first() if cols else pd.DataFrame(index=order)
    meta = meta.reindex(order)
    for c in ("symbol", "title", "body", "year_source"):
        if c not in meta:
            meta[c] = None
    meta["year"] = (
        pd.to_numeric(meta["year"], errors="coerce").astype("Int64") if "year" in meta else pd.NA
    )
    meta["label"] = document_labels(meta)
    out = meta.reset_index(names="doc_id")[DOCUMENT_COLUMNS]
    out["clauses"] = out["doc_id"].map(docs.value_counts()).astype("int64")
    parts = pd.crosstab(docs, frame["part"].astype(str))
    for p in list(PARTS) + sorted(set(parts.columns) - set(PARTS)):
        out[p] = out["doc_id"].map(parts[p]).fillna(0).astype("int64") if p in parts else 0
    funcs = pd.crosstab(docs, frame["function"].astype(str)).reindex(
        columns=function_labels(df), fill_value=0
    )
    out["main_function"] = out["doc_id"].map(funcs.idxmax(axis=1))
    for f in funcs.columns:
        out[f"share:{f}"] = (out["doc_id"].map(funcs[f]) / out["clauses"]).astype(float)
    themes = theme_matrix(df).groupby(docs).sum()
    for t in themes.columns:
        out[f"theme:{t}"] = out["doc_id"].map(themes[t]).astype("int64")
    # the themes a document carries, most clauses first
    out["themes"] = [
        [
            t
            for t in themes.loc[d].sort_values(ascending=False, kind="stable").index
            if themes.at[d, t] > 0
        ]
        for d in out["doc_id"]
    ]
    if "references" in df:
        refs = frame.groupby("doc_id", sort=False)["references"].agg(
            lambda cells: list(dict.fromkeys(r for cell in cells for r in _references(cell)))
        )
        out["references"] = out["doc_id"].map(refs)
    return out


def _references(cell: object) -> list[str]:
    """A ``references`` cell (a list of strings or of dicts with a ``text``/``symbol``) as strings."""
    if cell is None or isinstance(cell, float):
        return []
    if isinstance(cell, str):
        return [r for r in cell.split(";") if r]
    out = []
    for r in cell:  # type: ignore[attr-defined]
        if isinstance(r, dict):
            r = r.get("symbol") or r.get("text") or r.get("ref")
        if r:
            out.append(str(r))
    return out


def by_year(df: pd.DataFrame) -> pd.DataFrame:
    """The corpus per year (years as numbers, only those with documents): the time axis.

    Columns ``year, documents, clauses``, then per theme ``<theme>_documents`` (documents with at
    least one clause carrying it), ``<theme>_document_share`` and ``<theme>_clause_share``, then
    per function ``share:<function>`` (its share of the year's clauses). Undated documents are
    left out: :func:`undated_documents` lists them.
    """
    years = _years(df)
    keep = years.notna()
    themes = theme_matrix(df)
    labels = list(themes.columns)
    funcs = function_labels(df) if len(df) else []
    cols = ["year", "documents", "clauses"]
    cols += [f"{t}_{k}" for t in labels for k in ("documents", "document_share", "clause_share")]
    cols += [f"share:{f}" for f in funcs]
    if not keep.any():
        return pd.DataFrame(columns=cols)
    sub, themes, years = df[keep], themes[keep], years[keep].astype(int)
    docs = sub["doc_id"].astype(str)
    out = pd.DataFrame(index=sorted(set(years)))
    out["documents"] = docs.groupby(years).nunique()
    out["clauses"] = years.value_counts()
    per_doc = themes.groupby([years.rename("y"), docs.rename("d")]).any()
    for t in labels:
        out[f"{t}_documents"] = per_doc[t].groupby(level="y").sum().astype("int64")
        out[f"{t}_document_share"] = out[f"{t}_documents"] / out["documents"]
        out[f"{t}_clause_share"] = themes[t].groupby(years).mean().astype(float)
    counts = pd.crosstab(years, sub["function"].astype(str)).reindex(columns=funcs, fill_value=0)
    for f in funcs:
        out[f"share:{f}"] = counts[f] / out["clauses"]
    out.index.name = "year"
    return out.reset_index()[cols].astype(
        {"year": "int64", "documents": "int64", "clauses": "int64"}
    )


def undated_documents(df: pd.DataFrame) -> pd.DataFrame:
    """The documents no year was found for (heading, file name, metadata): ``doc_id, label, clauses``."""
    table = documents(df)
    if not len(table):
        return pd.DataFrame(columns=["doc_id", "label", "clauses"])
    return table.loc[table["year"].isna(), ["doc_id", "label", "clauses"]].reset_index(drop=True)


CLAUSE_COLUMNS = [
    "doc_id",
    "label",
    "year",
    "index",
    "number",
    "part",
    "function",
    "function_confidence",
    "themes",
    "theme_score",
    "text",
]


def clause_table(df: pd.DataFrame) -> pd.DataFrame:
    """Every clause with its document's name: the drill-down behind each theme and chart.

    :data:`CLAUSE_COLUMNS`; ``themes`` joined with ``;``; ``theme_score`` is the highest
    score among the clause's themes (the highest of all when it has none), from ``theme_scores``.
    """
    if not len(df):
        return pd.DataFrame(columns=CLAUSE_COLUMNS)
    labels = documents(df).set_index("doc_id")["label"]
    docs = df["doc_id"].astype(str)
    themes = (
        [_themes_of(v) for v in df["themes"]] if "themes" in df else [[] for _ in range(len(df))]
    )
    scores = []
    cells = df["theme_scores"] if "theme_scores" in df else [None] * len(df)
    for cell, carried in zip(cells, themes, strict=True):
        if not isinstance(cell, dict) or not cell:
            scores.append(float("nan"))
            continue
        pool = [cell[t] for t in carried if t in cell] or list(cell.values())
        scores.append(float(max(pool)))

    def col(name: str) -> list:
        return df[name].tolist() if name in df else [None] * len(df)

    return pd.DataFrame(
        {
            "doc_id": docs.tolist(),
            "label": docs.map(labels).tolist(),
            "year": _years(df).tolist(),
            "index": col("index"),
            "number": col("number"),
            "part": col("part"),
            "function": col("function"),
            "function_confidence": col("function_confidence"),
            "themes": [";".join(t) for t in themes],
            "theme_score": scores,
            "text": col("text"),
        },
        columns=CLAUSE_COLUMNS,
    )
