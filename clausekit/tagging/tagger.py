"""Tag clauses with their function and themes: :func:`tag` and the :class:`Tagger` that holds the models.

>>> df = tag("data/seeds/004_f730982b1d88a241.txt")  # doctest: +SKIP
>>> df[["part", "number", "function", "function_confidence", "themes"]].head()  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clausekit.errors import ContentError, InputError
from clausekit.tagging.formats import (
    DOCUMENT_COLUMNS,
    TAG_COLUMNS,
    document_meta,
    frame,
    passthrough_name,
)
from clausekit.types import CLAUSE_COLUMNS, Document

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Tagger", "TAG_COLUMNS", "INPUT_FORMATS", "LOW_CONFIDENCE_BELOW", "DEFAULT_LEMMATIZER"]

INPUT_FORMATS = ("text", "lines", "csv")
#: A clause whose function confidence is under this is flagged ``low_confidence`` (see the README's
#: "Confidence" section: on held-out data, clauses under 0.6 were right about half the time).
LOW_CONFIDENCE_BELOW = 0.6
#: The lemma path of tagging, in the API as in the CLI. Fast passed the gate of
#: benchmarks/lemma_gate.py: grouped-CV function macro-F1 0.9582 vs 0.959 accurate; the shipped
#: models give the same function and themes on 160/160 seed clauses.
DEFAULT_LEMMATIZER = "fast"
#: Columns of a CSV input that name a clause's document, in order of preference.
ID_COLUMNS = ("doc_id", "id")


def _frame(records: list[dict[str, Any]]) -> pd.DataFrame:
    return frame(records, TAG_COLUMNS)


class Tagger:
    """The function and theme models, loaded once for a batch of documents.

    ``low_confidence`` marks clauses whose function confidence is below ``low_confidence_below``.
    ``lemmatizer`` is the lemma path (``"fast"``, the default of the API and the CLI, or
    ``"accurate"``, spaCy's statistical pipeline; None leaves this process's switch,
    :func:`clausekit.lemmas.frames.set_lemmatizer`, as it is). Each ``tag_*`` method returns a
    DataFrame of :data:`TAG_COLUMNS`; :meth:`records` and :meth:`tag_records` return the same
    rows as plain dicts, without pandas (what the CLI streams out).

    >>> tagger = Tagger()  # doctest: +SKIP
    >>> frames = [tagger.tag_path(p) for p in paths]  # doctest: +SKIP
    """

    def __init__(
        self,
        model_dir: str | Path | None = None,
        *,
        trust: bool = False,
        low_confidence_below: float = LOW_CONFIDENCE_BELOW,
        lemmatizer: str | None = DEFAULT_LEMMATIZER,
        min_confidence: float | None = None,
    ) -> None:
        from clausekit.lemmas.frames import LEMMATIZERS
        from clausekit.models.registry import load_scorer

        if lemmatizer is not None and lemmatizer not in LEMMATIZERS:
            raise ValueError(f"lemmatizer must be one of {', '.join(LEMMATIZERS)}, not {lemmatizer!r}")
        self.function_model = load_scorer("function", model_dir=model_dir, trust=trust)
        self.theme_model = load_scorer("themes", model_dir=model_dir, trust=trust)
        # ``min_confidence`` was this threshold's first name; it is still accepted
        self.low_confidence_below = low_confidence_below if min_confidence is None else min_confidence
        self.lemmatizer = lemmatizer

    @property
    def min_confidence(self) -> float:
        """The first name of :attr:`low_confidence_below`."""
        return self.low_confidence_below

    @contextmanager
    def _lemmas(self) -> Iterator[None]:
        if self.lemmatizer is None:
            yield
            return
        from clausekit.lemmas.frames import set_lemmatizer

        previous = set_lemmatizer(self.lemmatizer)
        try:
            yield
        finally:
            set_lemmatizer(previous)

    def _proba(self, model: Any, clauses: Any) -> Any:
        """Probabilities from a compiled scorer, or from a scikit-learn estimator (a DataFrame for its featurizer)."""
        if hasattr(model, "score_clauses"):
            return model.score_clauses(clauses)
        return model.predict_proba(clauses.frame())

    def records(self, clauses: list[dict[str, Any]], meta: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Tag clause records (the keys of :data:`CLAUSE_COLUMNS`, plus any a record carries through);
        returns them, in order, with the tag keys and the document's ``meta`` added.

        A record's own ``source``, ``body``, ``symbol`` or ``year`` wins over ``meta``'s.
        """
        return self.records_many([(clauses, meta)])[0]

    def records_many(self, documents: Sequence[tuple[list[dict[str, Any]], dict[str, Any] | None]]) -> list[list[dict[str, Any]]]:
        """:meth:`records` of several documents, each ``(clause records, meta)``; one list of records each.

        The function model reads every document's clauses in one pass, which saves its per-call cost
        on short documents; each row is computed alone, so the figures are those of :meth:`records`
        document by document, to the last bit (tests/test_batch_tagging.py).
        """
        from clausekit.lemmas.frames import Clauses

        prepared = []
        for clauses, meta in documents:
            meta = meta or {}
            rows = [{**{c: r.get(c) for c in CLAUSE_COLUMNS}, **r} for r in clauses]
            prepared.append((rows, meta, Clauses.from_records(rows, year=meta.get("year")) if rows else None))
        batches = [b for _, _, b in prepared if b is not None]
        if not batches:
            return [[] for _ in prepared]
        with self._lemmas():
            proba = self._proba(self.function_model, Clauses.concat(batches) if len(batches) > 1 else batches[0]).tolist()
            out: list[list[dict[str, Any]]] = []
            start = 0
            for rows, meta, batch in prepared:
                if batch is None:
                    out.append([])
                    continue
                if meta.get("context") and hasattr(self.theme_model, "score_document"):
                    # one document, in order: back-references take the theme its title or an earlier clause establishes
                    scores = self.theme_model.score_document(batch, meta.get("title"))
                else:
                    scores = self._proba(self.theme_model, batch)
                out.append(self._tagged(rows, meta, proba[start : start + len(rows)], scores.tolist()))
                start += len(rows)
        return out

    def _tagged(self, rows: list[dict[str, Any]], meta: dict[str, Any], proba: list[list[float]], scores: list[list[float]]) -> list[dict[str, Any]]:
        """The records of one document's ``rows`` from their function probabilities and theme scores."""
        from clausekit.references.extractor import references

        classes = [str(c) for c in self.function_model.classes_]
        themes = [str(t) for t in self.theme_model.classes_]
        thresholds = [float(t) for t in getattr(self.theme_model, "thresholds_", [0.5] * len(themes))]
        out = []
        for row, p, theme_row in zip(rows, proba, scores, strict=True):
            best = max(range(len(p)), key=p.__getitem__)
            confidence = round(p[best], 4)
            tagged = {c: row[c] for c in CLAUSE_COLUMNS}
            tagged.update(
                function=classes[best],
                function_confidence=confidence,
                themes=[t for t, s, th in zip(themes, theme_row, thresholds, strict=True) if s >= th],
                theme_scores={t: round(s, 4) for t, s in zip(themes, theme_row, strict=True)},
                low_confidence=confidence < self.low_confidence_below,
            )
            tagged["references"] = references(row["text"] or "", own_body=row.get("body") or meta.get("body"))
            tagged.update({key: row[key] if row.get(key) is not None else meta.get(key) for key in DOCUMENT_COLUMNS})
            tagged.update((k, v) for k, v in row.items() if k not in tagged)  # a user's passthrough columns
            out.append(tagged)
        return out

    def tag_frame(self, clauses: pd.DataFrame, meta: dict[str, Any] | None = None) -> pd.DataFrame:
        """Tag a DataFrame with the segmentation columns; returns it with the tag columns added.

        ``meta={"context": True, "title": ...}`` reads the rows as one document in order (theme back-references).
        """
        out = clauses.reindex(columns=list(CLAUSE_COLUMNS)).astype(object)
        rows = out.where(out.notna(), None).to_dict("records")
        return _frame(self.records(rows, meta))

    def document_records(self, doc: Document) -> list[dict[str, Any]]:
        """The tagged clauses of a segmented document, in order, as plain dicts."""
        return self.documents_records([doc])[0]

    def documents_records(self, docs: Sequence[Document]) -> list[list[dict[str, Any]]]:
        """:meth:`document_records` of several documents, tagged together (:meth:`records_many`)."""
        return self.records_many([
            (doc.to_records(), {**document_meta(doc), "title": doc.heading.title, "context": True}) for doc in docs
        ])

    def tag_document(self, doc: Document) -> pd.DataFrame:
        """The tagged clauses of a segmented document, in order."""
        return _frame(self.document_records(doc))

    def text_records(
        self,
        texts: Iterable[str],
        *,
        doc_id: str = "lines",
        source: str | None = None,
        extras: Sequence[dict[str, Any]] | None = None,
        context: bool = False,
    ) -> list[dict[str, Any]]:
        """One record per text, in order: each text is one clause, its part inferred from its form.

        ``extras`` (one dict per text) are carried into each record: a user's other columns. With
        ``context``, the texts are the paragraphs of one document and each part is decided with the
        document's structure (:func:`clausekit.segmentation.paragraphs.paragraph_parts`); without, from
        each text alone (:func:`clausekit.segmentation.leads.infer_part`).
        """
        from clausekit.segmentation.leads import infer_part, lead_phrase
        from clausekit.segmentation.paragraphs import paragraph_parts
        from clausekit.text.normalization import normalize

        # The analysis text of each, as a document's clauses have it (typographic apostrophes and spaces,
        # ligatures): "Ayant à l’esprit" is the lead "Ayant à l'esprit" in a line as in a document.
        stripped = [normalize(str(t), ocr=False).text.strip() for t in texts]
        parts = paragraph_parts(stripped) if context else [infer_part(t) for t in stripped]
        rows = []
        for i, (t, part) in enumerate(zip(stripped, parts, strict=True)):
            rows.append({"doc_id": doc_id, "index": i, "part": part, "number": None, "lead": lead_phrase(t, part),
                         "text": t, "start": None, "end": None, **(extras[i] if extras else {})})
        return self.records(rows, {"source": source})

    def tag_texts(self, texts: Iterable[str], *, doc_id: str = "lines", source: str | None = None) -> pd.DataFrame:
        """One row per text, in order: each text is one clause, its part inferred from its form."""
        return _frame(self.text_records(texts, doc_id=doc_id, source=source))

    def line_records(self, text: str, *, doc_id: str = "lines", source: str | None = None) -> list[dict[str, Any]]:
        """Each non-empty line of ``text`` is one clause; exactly one record per such line, in order.

        The lines are the paragraphs of one document: the boundaries are the lines, each part is decided
        with the document's structure (an enacting formula, background before prescriptions, a report's
        numbered paragraphs). ``start``/``end`` are the line's offsets in ``text``.
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
        out = self.text_records(texts, doc_id=doc_id, source=source, context=True)
        for row, (start, end) in zip(out, spans, strict=True):
            row["start"], row["end"] = start, end
        return out

    def tag_lines(self, text: str, *, doc_id: str = "lines", source: str | None = None) -> pd.DataFrame:
        """Each non-empty line of ``text`` is one clause; exactly one row per such line, in order."""
        return _frame(self.line_records(text, doc_id=doc_id, source=source))

    def csv_records(
        self, text: str, *, doc_id: str = "csv", source: str | None = None, id_column: str | None = None, text_column: str = "text"
    ) -> list[dict[str, Any]]:
        """Each row of a CSV with a ``text_column`` is one clause; the user's other columns come through.

        See :func:`clause_rows` for the ids and columns.
        """
        import io

        import pandas as pd

        from clausekit.read.sources import csv_delimiter, require_column

        try:  # a French Excel's "ref;text;pays" as segment -i csv reads it
            table = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, sep=csv_delimiter(text, text_column))
        except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
            raise ContentError(f"not a readable CSV ({exc})", source=source) from None
        table.columns = [str(c).strip().lstrip("\ufeff") for c in table.columns]
        require_column(list(table.columns), text_column, source)
        if id_column is not None:
            require_column(list(table.columns), id_column, source)
        if table.empty:
            raise ContentError("has a header but no rows; nothing to tag", source=source)
        empty = [i + 2 for i, cell in enumerate(table[text_column]) if not str(cell).strip()]  # line 1 is the header
        if empty:
            rows = ", ".join(map(str, empty[:5])) + (", ..." if len(empty) > 5 else "")
            raise ContentError(f"the '{text_column}' cell is empty on row{'s' if len(empty) > 1 else ''} {rows}; fill or delete {'them' if len(empty) > 1 else 'it'}", source=source)
        where = [f"{source or doc_id}: row {i + 2}" for i in range(len(table))]  # line 1 is the header
        return self.row_records(table.to_dict("records"), doc_id=doc_id, source=source, id_column=id_column, text_column=text_column, where=where)

    def row_records(
        self,
        rows: Sequence[dict[str, Any]],
        *,
        doc_id: str,
        source: str | None = None,
        id_column: str | None = None,
        text_column: str = "text",
        where: Sequence[str] | None = None,
    ) -> list[dict[str, Any]]:
        """Each row (a dict with ``text_column``) is one clause; see :func:`clause_rows` (and ``where``)."""
        ids, texts, extras = clause_rows(rows, id_column=id_column, text_column=text_column, where=where)
        # tagged under one doc_id (the clause position feature then reads the rows' order, whatever
        # the ids), then each row gets its own
        out = self.text_records(texts, doc_id=doc_id, source=source, extras=extras)
        for row, own in zip(out, ids, strict=True):
            if own is not None:
                row["doc_id"] = own
        return out

    def tag_csv(self, text: str, *, doc_id: str = "csv", source: str | None = None, id_column: str | None = None) -> pd.DataFrame:
        """Each row of a CSV with a ``text`` column is one clause."""
        return _frame(self.csv_records(text, doc_id=doc_id, source=source, id_column=id_column))

    def source_records(self, source: Any, *, ocr: bool | None = None) -> list[dict[str, Any]]:
        """The tagged clauses of a :class:`~clausekit.read.sources.Source` (a file read), with its pages."""
        from clausekit.segmentation.segmenter import segment_source

        return self.document_records(segment_source(source, ocr=ocr))

    def tag_source(self, source: Any, *, ocr: bool | None = None) -> pd.DataFrame:
        """The tagged clauses of a :class:`~clausekit.read.sources.Source` (a file read), with its pages."""
        return _frame(self.source_records(source, ocr=ocr))

    def tag_records(
        self, text: str, *, input_format: str = "text", doc_id: str = "text", source: str | None = None, id_column: str | None = None
    ) -> list[dict[str, Any]]:
        """The records of one input's text read as ``input_format`` (``text``: segment it; ``lines``; ``csv``)."""
        if input_format == "text":
            from clausekit.segmentation.segmenter import segment_text

            return self.document_records(segment_text(text, doc_id=doc_id, source=source))
        if input_format == "lines":
            return self.line_records(text, doc_id=doc_id, source=source)
        if input_format == "csv":
            return self.csv_records(text, doc_id=doc_id, source=source, id_column=id_column)
        raise InputError(f"unknown input format {input_format!r}; use one of {', '.join(INPUT_FORMATS)}")

    def tag(self, text: str, *, input_format: str = "text", doc_id: str = "text", source: str | None = None) -> pd.DataFrame:
        """Tag one input's text read as ``input_format`` (``text``: segment it; ``lines``; ``csv``)."""
        return _frame(self.tag_records(text, input_format=input_format, doc_id=doc_id, source=source))

    def tag_path(self, path: str | Path, *, input_format: str = "text") -> pd.DataFrame:
        """Read one file and tag it (its ``doc_id`` is the file's stem)."""
        from clausekit.read.sources import read_path

        src = read_path(path)
        if input_format == "text":
            return _frame(self.source_records(src))
        return self.tag(src.text, input_format=input_format, doc_id=src.doc_id, source=src.path)


def clause_rows(
    rows: Sequence[dict[str, Any]], *, id_column: str | None = None, text_column: str = "text",
    where: Sequence[str] | None = None,
) -> tuple[list[str | None], list[str], list[dict[str, Any]]]:
    """Split a user's table rows into ``(ids, texts, extras)``.

    The id comes from ``id_column``, else from a ``doc_id`` or ``id`` column (None: the caller's
    id). ``source``, ``body``, ``symbol`` and ``year`` columns fill the document metadata
    (``year`` as an integer when it reads as one; else left empty with an
    :class:`~clausekit.errors.InputWarning` naming the row by ``where``, e.g. ``meta.csv: row 3``);
    every other column comes through, renamed ``input_<name>`` when the schema already has that name.
    """
    columns = list(rows[0]) if rows else []
    id_column = id_column or next((c for c in ID_COLUMNS if c in columns), None)
    ids, texts, extras = [], [], []
    for i, row in enumerate(rows):
        own = _cell(row.get(id_column)) if id_column else None
        ids.append(None if own is None else str(own))
        texts.append(str(_cell(row.get(text_column)) or ""))
        extra: dict[str, Any] = {}
        for key, value in row.items():
            if key in (text_column, id_column):
                continue
            if key in DOCUMENT_COLUMNS:
                extra[key] = _year(value, where[i] if where is not None else f"row {i + 1}") if key == "year" else _cell(value)
            else:
                extra[passthrough_name(str(key))] = _cell(value)
        extras.append(extra)
    return ids, texts, extras


def _cell(value: Any) -> Any:
    """A user's cell as is, with blanks, NaN and ``pd.NA`` as None and text stripped."""
    import sys

    pandas = sys.modules.get("pandas")
    if value is None or (isinstance(value, float) and value != value) or (pandas is not None and value is pandas.NA):
        return None
    if isinstance(value, str):
        return value.strip() or None
    return value


def _year(value: Any, where: str) -> int | None:
    """A year cell as an integer (``2019``, ``"2019"``, ``2019.0``); None when blank, or with an
    :class:`~clausekit.errors.InputWarning` when it is something else (``"abc"``)."""
    import warnings

    from clausekit.errors import InputWarning

    text = _cell(value)
    if text is None:
        return None
    try:
        number = float(text)
        if number.is_integer():
            return int(number)
    except (TypeError, ValueError, OverflowError):
        pass
    warnings.warn(f"{where}: year {str(text)!r} is not a year; left empty", InputWarning, stacklevel=2)
    return None
