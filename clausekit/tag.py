"""Tag clauses with their function and themes: :func:`tag` and the :class:`Tagger` that holds the models.

>>> df = tag("data/seeds/004_f730982b1d88a241.txt")  # doctest: +SKIP
>>> df[["part", "number", "function", "function_confidence", "themes"]].head()  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from clausekit.errors import InputError
from clausekit.types import CLAUSE_COLUMNS, Document

TAG_COLUMNS: tuple[str, ...] = (
    *CLAUSE_COLUMNS, "function", "function_confidence", "themes", "theme_scores", "low_confidence",
    "source", "body", "symbol", "year",
)
INPUT_FORMATS = ("text", "lines", "csv")


class Tagger:
    """The function and theme models, loaded once for a batch of documents.

    ``low_confidence`` marks clauses whose function probability is below ``min_confidence``.
    """

    def __init__(self, model_dir: str | Path | None = None, *, trust: bool = False, min_confidence: float = 0.6) -> None:
        from clausekit.registry import load_scorer

        self.function_model = load_scorer("function", model_dir=model_dir, trust=trust)
        self.theme_model = load_scorer("themes", model_dir=model_dir, trust=trust)
        self.min_confidence = min_confidence

    def tag_frame(self, clauses: pd.DataFrame, meta: dict[str, Any] | None = None) -> pd.DataFrame:
        """Tag a DataFrame with the segmentation columns; returns it with the tag columns added."""
        from clausekit.lemmas import clause_frame

        meta = meta or {}
        out = clauses.reindex(columns=list(CLAUSE_COLUMNS)).copy()
        if len(out):
            X = clause_frame(out)
            proba = self.function_model.predict_proba(X)
            classes = [str(c) for c in self.function_model.classes_]
            best = proba.argmax(axis=1)
            out["function"] = [classes[i] for i in best]
            out["function_confidence"] = proba.max(axis=1).round(4)
            scores = self.theme_model.predict_proba(X)
            themes = [str(t) for t in self.theme_model.classes_]
            thresholds = getattr(self.theme_model, "thresholds_", [0.5] * len(themes))
            out["themes"] = [[t for t, s, th in zip(themes, row, thresholds, strict=True) if s >= th] for row in scores]
            out["theme_scores"] = [{t: round(float(s), 4) for t, s in zip(themes, row, strict=True)} for row in scores]
            out["low_confidence"] = out["function_confidence"] < self.min_confidence
        else:
            for col in ("function", "function_confidence", "themes", "theme_scores", "low_confidence"):
                out[col] = pd.Series(dtype=object)
        for key in ("source", "body", "symbol", "year"):
            out[key] = meta.get(key)
        return out[list(TAG_COLUMNS)].reset_index(drop=True)

    def tag_document(self, doc: Document) -> pd.DataFrame:
        """The tagged clauses of a segmented document, in order."""
        meta = {"source": doc.source, "body": doc.heading.body, "symbol": doc.heading.symbol, "year": doc.heading.year}
        return self.tag_frame(doc.to_frame(), meta)

    def tag_texts(self, texts: Iterable[str], *, doc_id: str = "lines", source: str | None = None) -> pd.DataFrame:
        """One record per text, in order: each text is one clause, its part inferred from its form."""
        from clausekit.segment import infer_part, lead_phrase

        texts = [str(t).strip() for t in texts]
        rows = []
        for i, t in enumerate(texts):
            part = infer_part(t)
            rows.append({"doc_id": doc_id, "index": i, "part": part, "number": None, "lead": lead_phrase(t, part),
                         "text": t, "start": None, "end": None})
        return self.tag_frame(pd.DataFrame(rows, columns=list(CLAUSE_COLUMNS)), {"source": source})

    def tag_lines(self, text: str, *, doc_id: str = "lines", source: str | None = None) -> pd.DataFrame:
        """Each non-empty line of ``text`` is one clause; exactly one record per such line, in order.

        ``start``/``end`` are the line's offsets in ``text``.
        """
        texts, spans = [], []
        pos = 0
        for raw in text.split("\n"):
            stripped = raw.strip()
            if stripped:
                lead = len(raw) - len(raw.lstrip())
                texts.append(stripped)
                spans.append((pos + lead, pos + lead + len(stripped)))
            pos += len(raw) + 1
        out = self.tag_texts(texts, doc_id=doc_id, source=source)
        out["start"] = [s for s, _ in spans]
        out["end"] = [e for _, e in spans]
        return out

    def tag_csv(self, text: str, *, doc_id: str = "csv", source: str | None = None) -> pd.DataFrame:
        """Each row of a CSV with a ``text`` column is one clause."""
        import io

        try:
            frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
        except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
            raise InputError(f"not a readable CSV ({exc})", source=source) from None
        from clausekit.ingest import require_column

        require_column(list(frame.columns), "text", source)
        return self.tag_texts(frame["text"].tolist(), doc_id=doc_id, source=source)

    def tag(self, text: str, *, input_format: str = "text", doc_id: str = "text", source: str | None = None) -> pd.DataFrame:
        """Tag one input's text read as ``input_format`` (``text``: segment it; ``lines``; ``csv``)."""
        if input_format == "text":
            from clausekit.segment import segment_text

            return self.tag_document(segment_text(text, doc_id=doc_id, source=source))
        if input_format == "lines":
            return self.tag_lines(text, doc_id=doc_id, source=source)
        if input_format == "csv":
            return self.tag_csv(text, doc_id=doc_id, source=source)
        raise InputError(f"unknown input format {input_format!r}; use one of {', '.join(INPUT_FORMATS)}")


def tag(
    text_or_path_or_document: str | Path | Document,
    *,
    model_dir: str | Path | None = None,
    input_format: str = "text",
    trust: bool = False,
) -> pd.DataFrame:
    """Tag a text, a file or a segmented :class:`Document`; returns a DataFrame with :data:`TAG_COLUMNS`."""
    tagger = Tagger(model_dir, trust=trust)
    obj = text_or_path_or_document
    if isinstance(obj, Document):
        return tagger.tag_document(obj)
    from clausekit.segment import _is_path

    if isinstance(obj, Path) or _is_path(str(obj)):
        from clausekit.ingest import read_path

        src = read_path(obj)
        return tagger.tag(src.text, input_format=input_format, doc_id=src.doc_id, source=src.path)
    return tagger.tag(str(obj), input_format=input_format, doc_id="text", source="<text>")
