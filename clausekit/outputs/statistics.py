"""Statistics over a tagged DataFrame: plain functions, each returning a DataFrame.

Every function takes the frame :func:`clausekit.tagging.tagger` returns (one row per clause,
see ``docs/architecture.md``) and needs only some of its columns: ``doc_id``,
``index``, ``part``, ``function``, ``themes``, and, where named, ``text``,
``function_confidence``, ``theme_scores``, ``low_confidence``, ``body``, ``year``.
:func:`compact` keeps just those, so a large corpus fits in memory.

Themes are multi-label: a clause with two themes counts once for each, so a
column of theme counts can sum to more than the number of clauses.

>>> import pandas as pd
>>> df = pd.DataFrame({"doc_id": ["a", "a", "b"], "index": [0, 1, 0],
...                    "part": ["preamble", "operative", "operative"],
...                    "function": ["recall", "request", "request"],
...                    "themes": [[], ["covid19"], ["covid19", "south_south"]]})
>>> function_distribution(df).set_index("function").loc["request", "clauses"]
np.int64(2)
>>> theme_prevalence(df).set_index("theme").loc["covid19", ["clauses", "documents"]].tolist()
[2, 2]
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from clausekit.outputs.lemma_statistics import characteristic_lemmas, simple_lemmas
from clausekit.outputs.tables import (
    FUNCTIONS,
    PARTS,
    THEMES,
    UNKNOWN,
    Collector,
    Lemmatizer,
    _doc_meta,
    _label,
    _ordered,
    _themes_of,
    _years,
    compact,
    concat,
    function_labels,
    theme_matrix,
)

# --- counts ----------------------------------------------------------------------------

#: The statistics API: the functions below plus the tables' vocabulary, so one import serves a notebook.
__all__ = [
    "FUNCTIONS",
    "THEMES",
    "UNKNOWN",
    "Collector",
    "compact",
    "concat",
    "simple_lemmas",
    "characteristic_lemmas",
    "overview",
    "clauses_per_document",
    "function_distribution",
    "function_by_document",
    "function_by_part",
    "theme_prevalence",
    "function_theme_crosstab",
    "documents_by_theme",
    "low_confidence_clauses",
    "summary",
]


def overview(df: pd.DataFrame) -> pd.DataFrame:
    """One row per total: documents, clauses, clauses per part, per function, with any theme.

    Columns ``measure`` and ``value``; the figures every other table must add up to.
    """
    rows = [("documents", df["doc_id"].nunique()), ("clauses", len(df))]
    parts = df["part"].astype(str).value_counts()
    rows += [(f"part:{p}", int(parts.get(p, 0))) for p in _ordered(parts.index, PARTS) or PARTS]
    funcs = df["function"].astype(str).value_counts()
    rows += [(f"function:{f}", int(funcs.get(f, 0))) for f in function_labels(df)]
    themes = theme_matrix(df)
    rows.append(
        ("clauses with a theme", int(themes.any(axis=1).sum()) if len(themes.columns) else 0)
    )
    rows += [(f"theme:{t}", int(themes[t].sum())) for t in themes.columns]
    if "low_confidence" in df:
        rows.append(
            ("low-confidence clauses", int(df["low_confidence"].fillna(False).astype(bool).sum()))
        )
    return pd.DataFrame(rows, columns=["measure", "value"])


def clauses_per_document(df: pd.DataFrame) -> pd.DataFrame:
    """Clauses of each document, per part and in total, with its body, symbol and year.

    One row per document in order of first appearance; columns ``doc_id, body,
    symbol, year, preamble, operative, narrative, clauses``.
    """
    counts = pd.crosstab(df["doc_id"].astype(str), df["part"].astype(str))
    parts = _ordered(counts.columns, PARTS)
    counts = counts.reindex(
        columns=list(PARTS) + [p for p in parts if p not in PARTS], fill_value=0
    )
    counts["clauses"] = counts.sum(axis=1)
    order = list(dict.fromkeys(df["doc_id"].astype(str)))
    meta = _doc_meta(df.assign(doc_id=df["doc_id"].astype(str)))
    out = meta.join(counts).reindex(order)
    out.index.name = "doc_id"
    return out.reset_index().astype({c: "int64" for c in counts.columns})


def function_distribution(df: pd.DataFrame) -> pd.DataFrame:
    """Clauses per function over the whole corpus: ``function, clauses, share`` (share of all clauses)."""
    counts = df["function"].astype(str).value_counts().reindex(function_labels(df), fill_value=0)
    out = pd.DataFrame({"function": counts.index, "clauses": counts.to_numpy()})
    out["share"] = out["clauses"] / len(df) if len(df) else 0.0
    return out


def function_by_document(df: pd.DataFrame, *, share: bool = False) -> pd.DataFrame:
    """Clauses per function in each document: ``doc_id``, one column per function, ``clauses``.

    With ``share=True`` the function columns are shares of the document's clauses.
    """
    table = pd.crosstab(df["doc_id"].astype(str), df["function"].astype(str))
    table = table.reindex(
        index=list(dict.fromkeys(df["doc_id"].astype(str))),
        columns=function_labels(df),
        fill_value=0,
    )
    total = table.sum(axis=1)
    if share:
        table = table.div(total.where(total > 0, 1), axis=0)
    table["clauses"] = total
    table.index.name = "doc_id"
    table.columns.name = None
    return table.reset_index()


def function_by_part(df: pd.DataFrame) -> pd.DataFrame:
    """Clauses per function in each part: ``part``, one column per function, ``clauses``."""
    table = pd.crosstab(df["part"].astype(str), df["function"].astype(str))
    table = table.reindex(
        index=_ordered(table.index, PARTS), columns=function_labels(df), fill_value=0
    )
    table["clauses"] = table.sum(axis=1)
    table.index.name = "part"
    table.columns.name = None
    return table.reset_index()


# --- themes ----------------------------------------------------------------------------


def theme_prevalence(df: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """How common each theme is: as a share of clauses and as a share of documents.

    ``by`` is ``None`` (whole corpus), ``"doc_id"``, ``"body"`` or ``"year"``. Returns one
    row per group and theme with ``clauses`` (clauses carrying the theme),
    ``total_clauses``, ``clause_share``, ``documents`` (documents with at least one
    such clause), ``total_documents`` and ``document_share``. A missing body is
    :data:`UNKNOWN`; clauses of unknown year are left out of ``by="year"``.
    """
    themes = theme_matrix(df)
    labels = list(themes.columns)
    if by is None:
        groups = pd.Series("all", index=df.index)
    elif by == "year":
        groups = _years(df)
        keep = groups.notna()
        df, themes, groups = df[keep], themes[keep], groups[keep].astype(int)
    elif by in df:
        groups = _label(df[by])
    else:
        raise KeyError(f"no column {by!r} in the tagged frame")
    key = by or "scope"
    columns = [
        key,
        "theme",
        "clauses",
        "total_clauses",
        "clause_share",
        "documents",
        "total_documents",
        "document_share",
    ]
    if not len(df):
        return pd.DataFrame(columns=columns[1:] if by is None else columns)
    docs = df["doc_id"].astype(str)
    groups = groups.rename(key)
    hits = themes.groupby(groups, sort=True).sum()
    total = groups.value_counts().reindex(hits.index)
    # A document counts for a theme once, however many of its clauses carry it.
    per_doc = themes.groupby([groups, docs.rename("doc")], sort=True).any()
    doc_hits = per_doc.groupby(level=0).sum().reindex(hits.index)
    doc_total = per_doc.groupby(level=0).size().reindex(hits.index)
    out = hits.melt(ignore_index=False, var_name="theme", value_name="clauses").reset_index()
    out["total_clauses"] = out[key].map(total)
    out["clause_share"] = out["clauses"] / out["total_clauses"]
    out["documents"] = [doc_hits.at[g, t] for g, t in zip(out[key], out["theme"], strict=True)]
    out["total_documents"] = out[key].map(doc_total)
    out["document_share"] = out["documents"] / out["total_documents"]
    # group-major order: every theme of the first group, then of the next
    out["_t"] = out["theme"].map({t: i for i, t in enumerate(labels)})
    out = out.sort_values([key, "_t"], kind="stable").drop(columns="_t").reset_index(drop=True)
    ints = ["clauses", "total_clauses", "documents", "total_documents"]
    out[ints] = out[ints].astype("int64")
    if by == "doc_id":  # keep the corpus order, not the alphabetical one
        order = {d: i for i, d in enumerate(dict.fromkeys(docs))}
        out = out.sort_values(key, key=lambda s: s.map(order), kind="stable").reset_index(drop=True)
    if by is None:
        out = out.drop(columns=key)
    return out


def function_theme_crosstab(df: pd.DataFrame) -> pd.DataFrame:
    """Clauses per function (rows) and theme (columns), plus ``(no theme)`` and ``clauses``.

    ``clauses`` is the number of clauses of the function; a clause with two themes
    counts in both theme columns.
    """
    themes = theme_matrix(df)
    func = df["function"].astype(str)
    table = themes.groupby(func).sum().reindex(function_labels(df), fill_value=0).astype("int64")
    table["(no theme)"] = (
        (~themes.any(axis=1)).groupby(func).sum().reindex(table.index, fill_value=0).astype("int64")
    )
    table["clauses"] = func.value_counts().reindex(table.index, fill_value=0).astype("int64")
    table.index.name = "function"
    return table.reset_index()


def _scores(df: pd.DataFrame, labels: Sequence[str]) -> pd.DataFrame | None:
    if "theme_scores" not in df:
        return None
    rows = [cell if isinstance(cell, dict) else {} for cell in df["theme_scores"]]
    return pd.DataFrame(
        [{t: float(r.get(t, float("nan"))) for t in labels} for r in rows],
        index=df.index,
        columns=list(labels),
    )


def documents_by_theme(df: pd.DataFrame, *, top: int | None = None) -> pd.DataFrame:
    """Documents ranked by theme intensity, for each theme.

    Intensity is the share of a document's clauses that carry the theme; ties are
    broken by the number of such clauses, then by the mean theme score when the
    frame has ``theme_scores``. Documents without the theme are left out. Columns:
    ``theme, rank, doc_id, body, symbol, year, clauses, total_clauses, share, mean_score``.
    """
    themes = theme_matrix(df)
    scores = _scores(df, themes.columns)
    docs = df["doc_id"].astype(str)
    meta = _doc_meta(df.assign(doc_id=docs))
    total = docs.value_counts()
    frames = []
    for t in themes.columns:
        hits = themes[t].groupby(docs).sum()
        mean = (
            scores[t].groupby(docs).mean()
            if scores is not None
            else pd.Series(float("nan"), index=hits.index)
        )
        part = pd.DataFrame(
            {
                "clauses": hits,
                "total_clauses": total.reindex(hits.index),
                "mean_score": mean.reindex(hits.index),
            }
        )
        part = part[part["clauses"] > 0]
        part["share"] = part["clauses"] / part["total_clauses"]
        part = part.sort_values(["share", "clauses", "mean_score"], ascending=False, kind="stable")
        if top is not None:
            part = part.head(top)
        part.index.name = "doc_id"
        part = part.reset_index().join(meta, on="doc_id")
        part.insert(0, "rank", range(1, len(part) + 1))
        part.insert(0, "theme", t)
        frames.append(part)
    cols = [
        "theme",
        "rank",
        "doc_id",
        "body",
        "symbol",
        "year",
        "clauses",
        "total_clauses",
        "share",
        "mean_score",
    ]
    if not frames:
        return pd.DataFrame(columns=cols)
    out = pd.concat(frames, ignore_index=True)[cols]
    return out.astype({"rank": "int64", "clauses": "int64", "total_clauses": "int64"})


# --- review ----------------------------------------------------------------------------


def low_confidence_clauses(df: pd.DataFrame, *, limit: int | None = None) -> pd.DataFrame:
    """Clauses to review: those flagged ``low_confidence``, least confident first.

    Columns ``doc_id, index, part, lead, function, function_confidence, themes, text``;
    ``themes`` joined with ``;``.
    """
    cols = ["doc_id", "index", "part", "lead", "function", "function_confidence", "themes", "text"]
    if "low_confidence" not in df or not len(df):
        return pd.DataFrame(columns=cols)
    sub = df[df["low_confidence"].fillna(False).astype(bool)]
    sub = (
        sub.sort_values(["function_confidence", "doc_id", "index"], kind="stable")
        if "function_confidence" in sub
        else sub
    )
    if limit is not None:
        sub = sub.head(limit)
    out = pd.DataFrame({c: sub[c].to_numpy() if c in sub else None for c in cols}, columns=cols)
    for c in ("doc_id", "part", "function"):
        out[c] = out[c].astype(object)
    out["themes"] = [";".join(_themes_of(v)) for v in out["themes"]]
    return out.reset_index(drop=True)


# --- everything ------------------------------------------------------------------------


def summary(
    df: pd.DataFrame,
    *,
    lemmatize: Lemmatizer | None = None,
    top_lemmas: int = 15,
    min_lemma_count: int = 2,
) -> dict[str, pd.DataFrame]:
    """Every statistic, by name, in the order the report shows them.

    ``min_lemma_count``: a characteristic lemma must occur in at least that many clauses of its theme.

    >>> sorted(summary(pd.DataFrame({"doc_id": ["a"], "index": [0], "part": ["operative"],
    ...     "function": ["decision"], "themes": [[]], "text": ["Décide"]})))[:3]
    ['characteristic_lemmas', 'clauses_per_document', 'documents_by_theme']
    """
    return {
        "overview": overview(df),
        "clauses_per_document": clauses_per_document(df),
        "function_distribution": function_distribution(df),
        "function_by_part": function_by_part(df),
        "function_by_document": function_by_document(df),
        "theme_prevalence": theme_prevalence(df),
        "theme_prevalence_by_document": theme_prevalence(df, by="doc_id"),
        "theme_prevalence_by_body": theme_prevalence(df, by="body")
        if "body" in df
        else theme_prevalence(df.assign(body=None), by="body"),
        "theme_prevalence_by_year": theme_prevalence(df, by="year"),
        "function_theme": function_theme_crosstab(df),
        "documents_by_theme": documents_by_theme(df),
        "characteristic_lemmas": characteristic_lemmas(
            df, lemmatize=lemmatize, top=top_lemmas, min_count=min_lemma_count
        )
        if "text" in df
        else characteristic_lemmas(df.assign(text=""), lemmatize=lemmatize),
        "low_confidence": low_confidence_clauses(df),
    }
