"""French lemmas of clauses, without scikit-learn: the accurate spaCy path and the switch to the fast one.

Everything tagging needs before the classifiers lives here, so that tagging with a compiled
model (:mod:`clausekit.scoring`) never imports scikit-learn; :mod:`clausekit.features` builds
the scikit-learn transformer on top.

spaCy's ``fr_core_news_sm`` loads lazily, once per process (:func:`french_pipeline`),
with the parser and NER turned off. Its tagger reads a capitalized clause-initial
verb as a noun or proper noun ("Prie" -> noun *prie*, "Souligne" -> PROPN); a
small pipeline component driven by the lead-phrase table of
:mod:`clausekit.lexicon` marks the first word of a known lead as a verb and
gives it its infinitive before any feature is built.

>>> lemmatize(["Prie le Secrétaire général de faire rapport"])[0][:2]  # doctest: +SKIP
['prier', 'le']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

import numpy as np

from clausekit.lexicon import OPERATIVE_LEADS, PREAMBLE_LEADS, find_lead, fold, match_lead

SPACY_MODEL = "fr_core_news_sm"
#: Components the lemmas need; the rest is switched off to save time.
_DISABLED = ("parser", "ner", "senter")

# "12. ", "4, ", "1) ", "(a) " before a clause's lead (lines input, UNPC lines, ICE paragraphs).
_NUMBER_PREFIX = re.compile(r"^\s*(?:\d{1,3}(?:\.\d{1,3}){1,3}\.?\s+|\(?(?:\d{1,3}|[a-z]|[ivx]{1,5})\s?[.,)°]\s*)+")
# Words that may stand before the verb of a lead: reflexive pronouns and intensifiers.
_BEFORE_VERB = frozenset({"se", "s'", "s", "profondement", "vivement", "gravement", "tres", "pleinement", "fermement"})


def strip_number(text: str) -> str:
    """``"12. Prie le ..."`` -> ``"Prie le ..."``; text without a paragraph number is unchanged."""
    return _NUMBER_PREFIX.sub("", text, count=1)


# --- the French pipeline ------------------------------------------------------------------


def _lead_forms() -> tuple[frozenset[str], frozenset[str]]:
    """First words of the lead phrases: finite operative verbs and preambular participles/adjectives."""
    def firsts(table: dict[str, str]) -> set[str]:
        out = set()
        for phrase in table:
            ws = phrase.replace("'", "' ").split()
            while ws and fold(ws[0]) in _BEFORE_VERB:
                ws = ws[1:]
            if ws:
                out.add(ws[0])
        return out

    return frozenset(firsts(OPERATIVE_LEADS)), frozenset(firsts(PREAMBLE_LEADS))


@lru_cache(maxsize=1)
def french_pipeline() -> Any:
    """The spaCy French pipeline, loaded once per process, with the lead-verb fix installed."""
    import spacy
    from spacy.language import Language

    from clausekit.errors import ModelError

    try:
        nlp = spacy.load(SPACY_MODEL, exclude=list(_DISABLED))
    except OSError as exc:  # pragma: no cover - depends on the installation
        raise ModelError(f"spaCy model {SPACY_MODEL} is not installed; run: python -m spacy download {SPACY_MODEL}") from exc

    if not Language.has_factory("clausekit_lead_verbs"):

        @Language.factory("clausekit_lead_verbs")
        def _make(nlp: Any, name: str) -> _LeadVerbs:
            return _LeadVerbs(nlp)

    nlp.add_pipe("clausekit_lead_verbs", after="lemmatizer")
    return nlp


class _LeadVerbs:
    """Give the first word of a known lead phrase the verb reading spaCy misses at a clause start.

    The table's operative verbs are finite present forms ("Prie", "Exhorte", "Demande"); the
    lemmatizer is asked for their verb lemma, and forms it leaves unchanged follow the first
    conjugation ("demande" -> "demander"). Preambular participles ("Rappelant") get the verb
    lemma too; adjectives and past participles ("Conscient", "Préoccupé") keep spaCy's own.
    """

    def __init__(self, nlp: Any) -> None:
        operative, preamble = _lead_forms()
        self._lemmatizer = nlp.get_pipe("lemmatizer")
        self._operative = {fold(w): w for w in operative}
        self._participles = {fold(w): w for w in preamble if fold(w).endswith("ant")}
        self._cache: dict[str, str] = {}

    def _verb_lemma(self, token: Any) -> str:
        lower = token.text.lower()
        if lower not in self._cache:
            pos = token.pos
            token.pos_ = "VERB"
            lemma = self._lemmatizer.rule_lemmatize(token)[0]
            token.pos = pos
            if lemma == lower and lower.endswith("e"):
                lemma = lower[:-1] + "er"
            self._cache[lower] = lemma
        return self._cache[lower]

    def __call__(self, doc: Any) -> Any:
        for token in doc[:4]:
            if token.is_punct or token.like_num or len(token.text) == 1 and token.text.isalpha():
                continue  # "12.", "(a)", "4,"
            key = fold(token.text)
            if key in _BEFORE_VERB:
                continue
            if match_lead(doc.text[token.idx :]) and (key in self._operative or key in self._participles):
                token.lemma_ = self._verb_lemma(token)
                token.pos_ = "VERB"
            break
        return doc


# --- lemmatization ---------------------------------------------------------------------------

_LEMMA_CACHE: dict[str, list[str]] = {}
_CACHE_LIMIT = 200_000


def lemmatize(texts: Iterable[str], *, batch_size: int = 64) -> list[list[str]]:
    """The lowercased lemmas of each text, punctuation and spaces left out; each distinct text is analysed once.

    This is the one place that runs spaCy: a faster lemmatizer can replace it.

    >>> lemmatize(["Exhorte les États à agir"])  # doctest: +SKIP
    [['exhorter', 'le', 'état', 'à', 'agir']]
    """
    texts = [str(t) for t in texts]
    todo = list(dict.fromkeys(t for t in texts if t not in _LEMMA_CACHE))
    if todo:
        nlp = french_pipeline()
        if len(_LEMMA_CACHE) + len(todo) > _CACHE_LIMIT:
            _LEMMA_CACHE.clear()
        for text, doc in zip(todo, nlp.pipe(todo, batch_size=batch_size), strict=True):
            _LEMMA_CACHE[text] = [
                (t.lemma_ or t.text).lower() for t in doc if not (t.is_punct or t.is_space)
            ]
    return [list(_LEMMA_CACHE[t]) for t in texts]


#: The lemma path the featurizer reads at transform time: ``"accurate"`` (:func:`lemmatize`, spaCy's
#: statistical pipeline) or ``"fast"`` (:func:`clausekit.fastlemma.lemmatize`, tokenizer + lemma cache).
LEMMATIZERS = ("accurate", "fast")
_lemmatizer = "accurate"


def set_lemmatizer(kind: str) -> str:
    """Switch every lemma feature of this process (:class:`clausekit.features.LemmaFeaturizer`, compiled models) to the ``kind`` lemma path; returns the previous one.

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
        from clausekit.fastlemma import lemmatize as fast

        return [" ".join(ls) for ls in fast(texts)]
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
        from clausekit.segment import lead_phrase

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
    def from_frame(cls, X: Any) -> Clauses:
        """From a clause DataFrame as the featurizer reads it (run :func:`clause_frame` first for leads and positions)."""
        raw, leads, parts, positions = _columns(X)
        years = X["year"].tolist() if "year" in X.columns else [None] * len(raw)
        return cls(raw, leads, parts, positions, years)

    def frame(self) -> Any:
        """A DataFrame of these clauses, as scikit-learn estimators of :mod:`clausekit.models` read it."""
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

    from clausekit.segment import lead_phrase

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
