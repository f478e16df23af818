"""Citation tables over tagged records (their ``references``): one row per citation, most cited, per document."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

CITATION_COLUMNS: tuple[str, ...] = (
    "doc_id",
    "index",
    "part",
    "number",
    "kind",
    "body",
    "ref_number",
    "session",
    "date",
    "symbol",
    "text",
    "start",
    "end",
)


def citation_records(records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per reference of each tagged (or segmented and referenced) clause record, in order."""
    out = []
    for r in records:
        for ref in r.get("references") or []:
            out.append(
                {
                    "doc_id": r.get("doc_id"),
                    "index": r.get("index"),
                    "part": r.get("part"),
                    "number": r.get("number"),
                    "kind": ref["kind"],
                    "body": ref["body"],
                    "ref_number": ref["number"],
                    "session": ref["session"],
                    "date": ref["date"],
                    "symbol": ref["symbol"],
                    "text": ref["text"],
                    "start": ref["start"],
                    "end": ref["end"],
                }
            )
    return out


def _key(c: dict[str, Any]) -> str:
    return c["symbol"] or (
        f"{c['body'] or '?'} {c['kind']} {c['ref_number']}"
        if c["ref_number"]
        else " ".join(c["text"].split())
    )


def most_cited(citations: list[dict[str, Any]], top: int = 20) -> list[dict[str, Any]]:
    """The most cited texts: ``cited`` (symbol, or body + kind + number, or the name), ``kind``, ``citations``, ``documents``."""
    counts = Counter(_key(c) for c in citations)
    docs: dict[str, set] = {}
    kinds: dict[str, str] = {}
    for c in citations:
        docs.setdefault(_key(c), set()).add(c["doc_id"])
        kinds.setdefault(_key(c), c["kind"])
    return [
        {"cited": k, "kind": kinds[k], "citations": n, "documents": len(docs[k])}
        for k, n in counts.most_common(top)
    ]


def per_document(citations: list[dict[str, Any]]) -> dict[str, list[str]]:
    """For each document, what it cites, in order of first citation, without repeats."""
    out: dict[str, list[str]] = {}
    for c in citations:
        cited = out.setdefault(c["doc_id"], [])
        if _key(c) not in cited:
            cited.append(_key(c))
    return out


def document_citations(doc: Any) -> list[dict[str, Any]]:
    """The citations of a segmented :class:`clausekit.Document` (no models needed)."""
    from clausekit.references.extractor import references

    records = doc.to_records()
    for r in records:
        r["references"] = references(r["text"], own_body=doc.heading.body)
    return citation_records(records)


def citation_tables(tagged: Any, top: int = 50) -> dict[str, Any]:
    """The report's citation tables of a tagged DataFrame: ``most_cited`` and ``citations_by_document``.

    Empty when the frame has no ``references`` column (records tagged before issue 17).
    """
    import pandas as pd

    if "references" not in getattr(tagged, "columns", ()):
        return {}
    columns = [c for c in ("doc_id", "index", "part", "number", "references") if c in tagged.columns]
    cites = citation_records(tagged[columns].to_dict("records"))
    by_doc = per_document(cites)
    return {
        "most_cited": pd.DataFrame(most_cited(cites, top), columns=["cited", "kind", "citations", "documents"]),
        "citations_by_document": pd.DataFrame(
            [{"doc_id": d, "texts_cited": len(c), "cited": c} for d, c in by_doc.items()],
            columns=["doc_id", "texts_cited", "cited"],
        ),
    }
