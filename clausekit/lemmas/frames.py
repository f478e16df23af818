"""Clauses as the classifiers read them, without scikit-learn: the lemma switch, lead-lexicon features, clause frames.

Everything tagging needs before the classifiers lives here, so that tagging with a compiled
model (:mod:`clausekit.models.scoring`) never imports scikit-learn; :mod:`clausekit.lemmas.featurizer` builds
the scikit-learn transformer on top. The lemmas come from :mod:`clausekit.lemmas.accurate`
(spaCy) or :mod:`clausekit.lemmas.fast` (the default of tagging).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from clausekit.lemmas.accurate import lemmatize
from clausekit.lemmas.leads import strip_number
from clausekit.segmentation.lexicon import find_lead

#: The lemma path the featurizer reads at transform time: ``"accurate"`` (:func:`lemmatize`, spaCy's
#: statistical pipeline) or ``"fast"`` (:func:`clausekit.lemmas.fast.lemmatize`, tokenizer + lemma cache).
LEMMATIZERS = ("accurate", "fast")
_lemmatizer = "accurate"


def set_lemmatizer(kind: str) -> str:
    """Switch every lemma feature of this process (:class:`clausekit.lemmas.featurizer.LemmaFeaturizer`, compiled models) to the ``kind`` lemma path; returns the previous one.

    A module-level switch rather than a parameter, so that models already on disk (which carry
    no such parameter) can be read with either path. Raises ValueError on an unknown kind.
    """
    global _lemmatizer
    if kind not in LEMMATIZERS:
        raise ValueError(f"lemmatizer must be one of {', '.join(LEMMATIZERS)}, not {kind!r}")
    previous, _lemmatizer = _lemmatizer, kind
    return previous


def get_lemmatizer() -> str:
    return _lemmatizer


def joined(texts: Iterable[str]) -> list[str]:
    if _lemmatizer == "fast":
        from clausekit.lemmas.fast import joined as fast

        return fast(texts)
    return [" ".join(ls) for ls in lemmatize(texts)]



#: The functions the lead-phrase table can give, in the order of the ``lexicon__`` features ("none": no lead found).
LEXICON_FUNCTIONS: tuple[str, ...] = ("recall", "concern", "request", "decision", "position", "none")


def lexicon_onehot(texts: Sequence[str], parts: Sequence[str]) -> np.ndarray:
    out = np.zeros((len(texts), len(LEXICON_FUNCTIONS)))
    for i, (text, part) in enumerate(zip(texts, parts, strict=True)):
        hit = find_lead(text.strip(), part if part in ("preamble", "operative") else None)
        out[i, LEXICON_FUNCTIONS.index(hit[2] if hit else "none")] = 1.0
    return out



def _strings(series: Any) -> list[str]:
    """A column as strings, missing values as ""."""
    missing = series.isna().to_numpy()
    return ["" if m else str(v) for v, m in zip(series.tolist(), missing, strict=True)]


def _text(v: Any) -> str:
    return "" if v is None or v != v else str(v)  # None and NaN -> ""


class Clauses:
    """What the models read from a batch of clauses, as plain lists (no pandas needed).

    ``raw``: the clause texts; ``texts``: the same without their paragraph number; ``leads``,
    ``parts``: strings ("" when missing); ``positions``: relative positions in [0, 1]; ``years``:
    the document's year or None. Build one with :meth:`from_records` or :meth:`from_frame`.
    """

    __slots__ = ("leads", "parts", "positions", "raw", "texts", "years")

    def __init__(self, raw: list[str], leads: list[str], parts: list[str], positions: np.ndarray, years: list[Any]) -> None:
        self.raw, self.leads, self.parts, self.positions, self.years = raw, leads, parts, positions, years
        self.texts = [strip_number(t) for t in raw]

    def __len__(self) -> int:
        return len(self.raw)

    @classmethod
    def from_records(cls, rows: Sequence[dict[str, Any]], year: Any = None) -> Clauses:
        """From clause records (keys of :data:`clausekit.types.CLAUSE_COLUMNS`); positions and
        missing leads are computed as :func:`clause_frame` does."""
        from clausekit.segmentation.leads import lead_phrase

        raw = [_text(r.get("text")) for r in rows]
        parts = [_text(r.get("part")) for r in rows]
        leads = []
        for r, text, part in zip(rows, raw, parts, strict=True):
            lead = r.get("lead")
            if lead is None or lead != lead:
                lead = lead_phrase(strip_number(text), part or None)
            leads.append(_text(lead))
        index = [r.get("index") for r in rows]
        last: dict[Any, float] = {}
        for r, i in zip(rows, index, strict=True):
            if isinstance(i, int | float) and i == i:
                last[r.get("doc_id")] = max(last.get(r.get("doc_id"), float("-inf")), float(i))
        positions = np.array([
            float(i) / last[r.get("doc_id")] if isinstance(i, int | float) and i == i and last[r.get("doc_id")] > 0 else 0.0
            for r, i in zip(rows, index, strict=True)
        ])
        return cls(raw, leads, parts, np.clip(positions, 0, 1), [r.get("year", year) for r in rows])

    @classmethod
    def concat(cls, batches: Sequence[Clauses]) -> Clauses:
        """Several batches as one, in order (each keeps the positions computed within its own document)."""
        out = cls.__new__(cls)
        for name in cls.__slots__:
            if name != "positions":
                setattr(out, name, [v for b in batches for v in getattr(b, name)])
        out.positions = np.concatenate([b.positions for b in batches]) if batches else np.zeros(0)
        return out

    @classmethod
    def from_frame(cls, X: Any) -> Clauses:
        """From a clause DataFrame as the featurizer reads it (run :func:`clause_frame` first for leads and positions)."""
        raw, leads, parts, positions = _columns(X)
        years = X["year"].tolist() if "year" in X.columns else [None] * len(raw)
        return cls(raw, leads, parts, positions, years)

    def frame(self) -> Any:
        """A DataFrame of these clauses, as scikit-learn estimators of :mod:`clausekit.models.estimators` read it."""
        import pandas as pd

        return pd.DataFrame({"text": self.raw, "lead": self.leads, "part": self.parts,
                             "position": self.positions, "year": self.years})


def _columns(X: Any) -> tuple[list[str], list[str], list[str], np.ndarray]:
    import pandas as pd

    if "text" not in X.columns:
        raise ValueError("the clause DataFrame has no 'text' column")
    raw = _strings(X["text"])
    leads = _strings(X["lead"]) if "lead" in X.columns else [""] * len(X)
    parts = _strings(X["part"]) if "part" in X.columns else [""] * len(X)
    if "position" in X.columns:
        pos = pd.to_numeric(X["position"], errors="coerce").to_numpy(float)
        pos = np.clip(np.where(np.isnan(pos), 0.5, pos), 0, 1)
    else:
        pos = np.full(len(X), 0.5)
    return raw, leads, parts, pos


def columns(X: Any) -> tuple[list[str], list[str], list[str], np.ndarray]:
    """What the features read from a clause DataFrame: texts without their number, leads, parts, positions.

    ``lead``/``part`` default to empty strings, ``position`` to 0.5 (clipped to [0, 1]).
    """
    raw, leads, parts, pos = _columns(X)
    return [strip_number(t) for t in raw], leads, parts, pos


def clause_frame(df: Any) -> Any:
    """A copy of ``df`` with the columns the featurizer reads: ``lead`` (from the text when missing) and ``position``.

    ``position`` is computed per ``doc_id`` from ``index`` (or ``clause_index``) when absent.
    """
    import pandas as pd

    from clausekit.segmentation.leads import lead_phrase

    out = df.copy()
    if "part" not in out.columns:
        out["part"] = ""
    if "lead" not in out.columns:
        out["lead"] = None
    missing = np.flatnonzero(out["lead"].isna().to_numpy())
    if len(missing):
        leads, texts, parts = out["lead"].tolist(), out["text"].tolist(), out["part"].tolist()
        for i in missing:
            leads[i] = lead_phrase(strip_number(str(texts[i])), str(parts[i]) or None)
        out["lead"] = leads
    if "position" not in out.columns:
        key = "index" if "index" in out.columns else "clause_index" if "clause_index" in out.columns else None
        if key is not None and "doc_id" in out.columns:
            idx = pd.to_numeric(out[key], errors="coerce")
            if out["doc_id"].nunique(dropna=False) <= 1:  # one document: no grouping needed
                n = idx.max()
                out["position"] = (idx / n).fillna(0.0) if n > 0 else 0.0
            else:
                n = idx.groupby(out["doc_id"]).transform("max")
                out["position"] = (idx / n.where(n > 0)).fillna(0.0)
        else:
            out["position"] = 0.5
    return out
