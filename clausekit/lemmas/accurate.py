"""The accurate lemma path: spaCy's ``fr_core_news_sm`` with a fix for clause-initial lead verbs.

spaCy's ``fr_core_news_sm`` loads lazily, once per process (:func:`french_pipeline`),
with the parser and NER turned off. Its tagger reads a capitalized clause-initial
verb as a noun or proper noun ("Prie" -> noun *prie*, "Souligne" -> PROPN); a
small pipeline component driven by the lead-phrase table of
:mod:`clausekit.segmentation.lexicon` marks the first word of a known lead as a verb and
gives it its infinitive before any feature is built.

>>> lemmatize(["Prie le Secrétaire général de faire rapport"])[0][:2]  # doctest: +SKIP
['prier', 'le']
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from clausekit.lemmas.leads import BEFORE_VERB, lead_forms
from clausekit.segmentation.lexicon import fold, match_lead

SPACY_MODEL = "fr_core_news_sm"
#: Components the lemmas need; the rest is switched off to save time.
_DISABLED = ("parser", "ner", "senter")

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
        def _make(nlp: Any, name: str) -> LeadVerbs:
            return LeadVerbs(nlp)

    nlp.add_pipe("clausekit_lead_verbs", after="lemmatizer")
    return nlp


class LeadVerbs:
    """Give the first word of a known lead phrase the verb reading spaCy misses at a clause start.

    The table's operative verbs are finite present forms ("Prie", "Exhorte", "Demande"); the
    lemmatizer is asked for their verb lemma, and forms it leaves unchanged follow the first
    conjugation ("demande" -> "demander"). Preambular participles ("Rappelant") get the verb
    lemma too; adjectives and past participles ("Conscient", "Préoccupé") keep spaCy's own.
    """

    def __init__(self, nlp: Any) -> None:
        operative, preamble = lead_forms()
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
            if key in BEFORE_VERB:
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


