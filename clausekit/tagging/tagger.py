"""Tag clauses with their function and themes: :func:`tag` and the :class:`Tagger` that holds the models.

>>> df = tag("data/seeds/004_f730982b1d88a241.txt")  # doctest: +SKIP
>>> df[["part", "number", "function", "function_confidence", "themes"]].head()  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clausekit.errors import InputError
from clausekit.types import CLAUSE_COLUMNS, Document

if TYPE_CHECKING:
    import pandas as pd

TAG_COLUMNS: tuple[str, ...] = (
    *CLAUSE_COLUMNS, "function", "function_confidence", "themes", "theme_scores", "low_confidence",
    "source", "body", "symbol", "year",
)
INPUT_FORMATS = ("text", "lines", "csv")


def _frame(records: list[dict[str, Any]]) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame(records, columns=list(TAG_COLUMNS))


class Tagger:
    """The function and theme models, loaded once for a batch of documents.

    ``low_confidence`` marks clauses whose function probability is below ``min_confidence``.
    Each ``tag_*`` method returns a DataFrame of :data:`TAG_COLUMNS`; :meth:`records` and
    :meth:`tag_records` return the same rows as plain dicts, without pandas (what the CLI
    streams out).
    """

    def __init__(self, model_dir: str | Path | None = None, *, trust: bool = False, min_confidence: float = 0.6) -> None:
        from clausekit.models.registry import load_scorer

        self.function_model = load_scorer("function", model_dir=model_dir, trust=trust)
        self.theme_model = load_scorer("themes", model_dir=model_dir, trust=trust)
        self.min_confidence = min_confidence

    def _proba(self, model: Any, clauses: Any) -> Any:
        """Probabilities from a compiled scorer, or from a scikit-learn estimator (a DataFrame for its featurizer)."""
        if hasattr(model, "score_clauses"):
            return model.score_clauses(clauses)
        return model.predict_proba(clauses.frame())

    def records(self, clauses: list[dict[str, Any]], meta: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Tag clause records (the keys of :data:`CLAUSE_COLUMNS`); returns them, in order, with the tag keys added."""
        from clausekit.lemmas.frames import Clauses

        meta = meta or {}
        rows = [{c: r.get(c) for c in CLAUSE_COLUMNS} for r in clauses]
        if not rows:
            return []
        batch = Clauses.from_records(rows, year=meta.get("year"))
        proba = self._proba(self.function_model, batch)
        classes = [str(c) for c in self.function_model.classes_]
        if meta.get("context") and hasattr(self.theme_model, "score_document"):
            # one document, in order: back-references take the theme its title or an earlier clause establishes
            scores = self.theme_model.score_document(batch, meta.get("title"))
        else:
            scores = self._proba(self.theme_model, batch)
        themes = [str(t) for t in self.theme_model.classes_]
        thresholds = [float(t) for t in getattr(self.theme_model, "thresholds_", [0.5] * len(themes))]
        extra = {key: meta.get(key) for key in ("source", "body", "symbol", "year")}
        for row, p, theme_row in zip(rows, proba.tolist(), scores.tolist(), strict=True):
            best = max(range(len(p)), key=p.__getitem__)
            confidence = round(p[best], 4)
            row.update(
                function=classes[best],
                function_confidence=confidence,
                themes=[t for t, s, th in zip(themes, theme_row, thresholds, strict=True) if s >= th],
                theme_scores={t: round(s, 4) for t, s in zip(themes, theme_row, strict=True)},
                low_confidence=confidence < self.min_confidence,
                **extra,
            )
        return rows

    def tag_frame(self, clauses: pd.DataFrame, meta: dict[str, Any] | None = None) -> pd.DataFrame:
        """Tag a DataFrame with the segmentation columns; returns it with the tag columns added.

        ``meta={"context": True, "title": ...}`` reads the rows as one document in order (theme back-references).
        """
        out = clauses.reindex(columns=list(CLAUSE_COLUMNS)).astype(object)
        rows = out.where(out.notna(), None).to_dict("records")
        return _frame(self.records(rows, meta))

    def document_records(self, doc: Document) -> list[dict[str, Any]]:
        """The tagged clauses of a segmented document, in order, as plain dicts."""
        meta = {"source": doc.source, "body": doc.heading.body, "symbol": doc.heading.symbol, "year": doc.heading.year,
                "title": doc.heading.title, "context": True}
        return self.records(doc.to_records(), meta)

    def tag_document(self, doc: Document) -> pd.DataFrame:
        """The tagged clauses of a segmented document, in order."""
        return _frame(self.document_records(doc))

    def text_records(self, texts: Iterable[str], *, doc_id: str = "lines", source: str | None = None) -> list[dict[str, Any]]:
        """One record per text, in order: each text is one clause, its part inferred from its form."""
        from clausekit.segmentation.leads import infer_part, lead_phrase

        rows = []
        for i, t in enumerate(str(t).strip() for t in texts):
            part = infer_part(t)
            rows.append({"doc_id": doc_id, "index": i, "part": part, "number": None, "lead": lead_phrase(t, part),
                         "text": t, "start": None, "end": None})
        return self.records(rows, {"source": source})

    def tag_texts(self, texts: Iterable[str], *, doc_id: str = "lines", source: str | None = None) -> pd.DataFrame:
        """One row per text, in order: each text is one clause, its part inferred from its form."""
        return _frame(self.text_records(texts, doc_id=doc_id, source=source))

    def line_records(self, text: str, *, doc_id: str = "lines", source: str | None = None) -> list[dict[str, Any]]:
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
        out = self.text_records(texts, doc_id=doc_id, source=source)
        for row, (start, end) in zip(out, spans, strict=True):
            row["start"], row["end"] = start, end
        return out

    def tag_lines(self, text: str, *, doc_id: str = "lines", source: str | None = None) -> pd.DataFrame:
        """Each non-empty line of ``text`` is one clause; exactly one row per such line, in order."""
        return _frame(self.line_records(text, doc_id=doc_id, source=source))

    def csv_records(self, text: str, *, doc_id: str = "csv", source: str | None = None) -> list[dict[str, Any]]:
        """Each row of a CSV with a ``text`` column is one clause."""
        import io

        import pandas as pd

        from clausekit.read.sources import require_column

        try:
            frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
        except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
            raise InputError(f"not a readable CSV ({exc})", source=source) from None
        require_column(list(frame.columns), "text", source)
        return self.text_records(frame["text"].tolist(), doc_id=doc_id, source=source)

    def tag_csv(self, text: str, *, doc_id: str = "csv", source: str | None = None) -> pd.DataFrame:
        """Each row of a CSV with a ``text`` column is one clause."""
        return _frame(self.csv_records(text, doc_id=doc_id, source=source))

    def tag_records(self, text: str, *, input_format: str = "text", doc_id: str = "text", source: str | None = None) -> list[dict[str, Any]]:
        """The records of one input's text read as ``input_format`` (``text``: segment it; ``lines``; ``csv``)."""
        if input_format == "text":
            from clausekit.segmentation.segmenter import segment_text

            return self.document_records(segment_text(text, doc_id=doc_id, source=source))
        if input_format == "lines":
            return self.line_records(text, doc_id=doc_id, source=source)
        if input_format == "csv":
            return self.csv_records(text, doc_id=doc_id, source=source)
        raise InputError(f"unknown input format {input_format!r}; use one of {', '.join(INPUT_FORMATS)}")

    def tag(self, text: str, *, input_format: str = "text", doc_id: str = "text", source: str | None = None) -> pd.DataFrame:
        """Tag one input's text read as ``input_format`` (``text``: segment it; ``lines``; ``csv``)."""
        return _frame(self.tag_records(text, input_format=input_format, doc_id=doc_id, source=source))


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
    from clausekit.segmentation.segmenter import _is_path

    if isinstance(obj, Path) or _is_path(str(obj)):
        from clausekit.read.sources import read_path

        src = read_path(obj)
        return tagger.tag(src.text, input_format=input_format, doc_id=src.doc_id, source=src.path)
    return tagger.tag(str(obj), input_format=input_format, doc_id="text", source="<text>")
