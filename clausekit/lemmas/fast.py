"""A fast lemma path without spaCy: a pure-Python copy of spaCy's French tokenizer plus a domain lemma cache.

:func:`clausekit.lemmas.frames.lemmatize` runs ``tok2vec`` + ``morphologizer`` + the rule lemmatizer
(about 4–15k words/s on two cores). In spaCy's French rule lemmatizer a lemma depends only on
the word form and its part of speech, and in UN texts a given form nearly always gets the same
part of speech. So a table *form -> lemma*, learned once by running the accurate path over
domain text (:func:`build_cache`), reproduces the accurate lemmas from the tokens alone. The
rest of the accurate path is replayed exactly:

- tokens come from :func:`tokenize`, which re-implements the algorithm of spaCy's tokenizer
  (whitespace split, prefixes, suffixes, infixes, special cases, ``token_match``, ``url_match``)
  over the rules of ``spacy.lang.fr`` with small regular expressions: letters are ``[^\\W\\d_]``
  instead of spaCy's spelled-out code-point classes, whose compilation costs spaCy about 4 s
  per process. Its tokens (texts and offsets) are identical to ``fr_core_news_sm``'s on all
  7,119 texts of the seed clauses, the ICE paragraphs and the UNPC dev lines (344,773 tokens;
  ``benchmarks/tokenizer_agreement.py``), on the 1,043 annotated clauses, and on a million
  random strings of clause fragments, punctuation, symbols and letters of several scripts.
  Differences remain possible next to letters of scripts spaCy's classes leave out (Armenian,
  Thai, ...), which ``[^\\W\\d_]`` counts. Punctuation and spaces are dropped as in the
  accurate path;
- the special cases and ``token_match`` patterns are data exported from spaCy
  (``data/fr_tokenizer_rules.json``, ``python -m clausekit.training.lemma_cache export-tokenizer``);
- the lead-phrase fix of :mod:`clausekit.lemmas.frames` (a clause-initial "Prie" -> *prier*) uses the
  same lead table and the verb lemmas the fix itself computes, stored in the cache;
- a form missing from the cache falls back to its lowercase form's cache entry, then to
  spaCy's POS-free lookup table, then to the form. The table ships as
  ``data/fr_lemma_lookup.tsv.gz`` (644 kB): ``fr_lemma_lookup`` of spacy-lookups-data 1.0.5
  (MIT licence, Copyright (c) 2019 ExplosionAI GmbH; the same table ``fr_core_news_sm``
  carries), keeping the 212,442 of its 216,849 entries that are lowercase forms with a lemma
  other than the form (for the others the fallback gives the form anyway). It is read only
  when a form the cache lacks turns up, in ~20 ms, and searched by bisection in its sorted
  text rather than turned into a dict (``python -m clausekit.training.lemma_cache export-lookups``
  rebuilds it).

Tagging therefore never imports spaCy; only the maintenance commands (:func:`build_cache`, the
exports, :func:`agreement`, :func:`token_agreement`) do. In a fresh process the first call of
:func:`lemmatize` (import included) takes 0.2–0.3 s on the two-core development machine, plus
~0.03 s when a form the cache lacks makes it read the lookup table; 0.1–0.17 s of it is
importing numpy through :mod:`clausekit.lemmas.frames`. With spaCy's tokenizer and lookup table it
took about 6 s. Warm, it lemmatizes about 280k words/s (the spaCy-tokenizer version: about
130k), with the same output as that version on every seed clause, ICE paragraph, UNPC dev line
and annotated clause (7,031 distinct texts).

:func:`lemmatize` has the signature of :func:`clausekit.lemmas.frames.lemmatize`.

>>> lemmatize(["Exhorte les États à agir"])  # doctest: +SKIP
[['exhorter', 'le', 'état', 'à', 'agir']]
>>> [t.text for t in tokenize("Rappelant sa résolution 54/181, l’Assemblée…")]
['Rappelant', 'sa', 'résolution', '54/181', ',', 'l’', 'Assemblée', '…']
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable
from functools import lru_cache
from itertools import accumulate, chain, compress
from operator import itemgetter
from pathlib import Path
from typing import Any

from clausekit.lemmas.tokenizer import (  # noqa: F401 (tokenize: doctest)
    _FLAGS,
    _OTHER_SPACE,
    _flags,
    _pieces,
    _rules,
    _split_cached,
    tokenize,
)

_DATA = Path(__file__).resolve().parents[1] / "data"
#: The shipped cache: form -> lemma, learned from the accurate path on the domain texts.
CACHE_PATH = _DATA / "fr_lemma_cache.json.gz"
CACHE_FORMAT = 2
#: spaCy's POS-free French lookup table (lowercase form -> lemma), for forms the cache lacks.
LOOKUP_PATH = _DATA / "fr_lemma_lookup.tsv.gz"
#: Special cases and ``token_match`` patterns of spaCy's French tokenizer, exported from spaCy.

_LEMMAS: dict[str, list[str]] = {}
_JOINED: dict[str, str] = {}  # the same, joined by spaces: what the models read (see :func:`joined`)
_LEMMAS_LIMIT = 200_000
_cache_path: Path = CACHE_PATH


def use_cache(path: str | Path = CACHE_PATH) -> None:
    """Make :func:`lemmatize` read the cache at ``path`` from now on (e.g. one built with ``--strict``
    to measure the fast path on clauses the cache never saw); forgets the lemmas computed so far."""
    global _cache_path
    _cache_path = Path(path)
    _LEMMAS.clear()
    _JOINED.clear()
    _RUN_LEMMAS.clear()



@lru_cache(maxsize=4)
def load_cache(path: str | Path = CACHE_PATH) -> dict[str, Any]:
    """The lemma cache at ``path`` (the shipped one by default); raises ModelError if absent or too new."""
    from clausekit.errors import ModelError

    path = Path(path)
    try:
        with gzip.open(path, "rb") as f:
            cache = json.loads(f.read().decode("utf-8"))
    except FileNotFoundError as exc:
        raise ModelError(
            f"lemma cache not found: {path}; rebuild it with: python -m clausekit.training.lemma_cache build"
        ) from exc
    if cache.get("format") != CACHE_FORMAT:
        raise ModelError(
            f"{path}: lemma cache format {cache.get('format')} is not {CACHE_FORMAT}; rebuild it with: python -m clausekit.training.lemma_cache build"
        )
    return cache



class _SortedLines:
    """A ``key<TAB>value`` table kept as its text, sorted by key, searched by bisection.

    Reading the 212k-entry lookup table this way takes ~20 ms, against ~150 ms to build a dict
    of it, and a lookup costs some microseconds.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._start = text.find("\n") + 1 if text.startswith("#") else 0  # after the header

    def get(self, key: str, default: str) -> str:
        text, lo, hi = self._text, self._start, len(self._text)
        while lo < hi:
            start = max(text.rfind("\n", lo, (lo + hi) // 2) + 1, lo)  # the line around the middle
            end = text.find("\n", start)
            if end < 0:
                end = len(text)
            form, _, value = text[start:end].partition("\t")
            if form == key:
                return value
            if form < key:
                lo = end + 1
            else:
                hi = start
        return default


@lru_cache(maxsize=1)
def _lookup_table() -> _SortedLines:
    """spaCy's POS-free lowercase form -> lemma table (:data:`LOOKUP_PATH`), for forms the domain cache has never seen."""
    from clausekit.errors import ModelError

    try:
        with gzip.open(LOOKUP_PATH, "rb") as f:
            return _SortedLines(f.read().decode("utf-8"))
    except FileNotFoundError as exc:
        raise ModelError(
            f"lemma lookup table not found: {LOOKUP_PATH}; rebuild it with: python -m clausekit.training.lemma_cache export-lookups"
        ) from exc


@lru_cache(maxsize=1)
def _lead_tables() -> tuple[frozenset[str], frozenset[str]]:
    from clausekit.lemmas.leads import lead_forms
    from clausekit.segmentation.lexicon import fold

    operative, preamble = lead_forms()
    return frozenset(fold(w) for w in operative), frozenset(
        fold(w) for w in preamble if fold(w).endswith("ant")
    )


def _lead_index(text: str, pieces: list[tuple[str, int]]) -> int | None:
    """Index of the token the accurate path's lead fix would rewrite, as in ``lemmas.LeadVerbs``."""
    from clausekit.lemmas.leads import BEFORE_VERB
    from clausekit.segmentation.lexicon import fold, match_lead

    operative, participles = _lead_tables()
    for i, (form, idx) in enumerate(pieces[:4]):
        is_punct, _, like_num = _FLAGS.get(form) or _flags(form)
        if is_punct or like_num or len(form) == 1 and form.isalpha():
            continue
        key = fold(form)
        if key in BEFORE_VERB:
            continue
        if (key in operative or key in participles) and match_lead(text[idx:]):
            return i
        return None
    return None


def _context_key(tokens: Any, i: int) -> str:
    """``"previous word<TAB>form"`` of token ``i`` (of :func:`tokenize` tokens or a spaCy Doc)."""
    prev = tokens[i - 1].text.lower() if i > 0 else ""
    return f"{prev}\t{tokens[i].text}"


def _guess_verb_lemma(lower: str) -> str:
    """An unseen spelling of a lead verb ("Reaffirme", OCR'd): first-conjugation infinitive."""
    if lower.endswith("ant"):
        return lower[:-3] + "er"
    return lower + "r" if lower.endswith("e") else lower


def _lemmas(
    text: str, pieces: list[tuple[str, int]], cache: dict[str, Any], after_forms: frozenset[str]
) -> list[str]:
    """The lemmas of one text from its :func:`_pieces`; ``after_forms`` are the forms ``cache["after"]`` has entries for."""
    forms, lower, leads, after = cache["forms"], cache["lower"], cache["leads"], cache["after"]
    flags = _FLAGS
    lead = _lead_index(text, pieces)
    out = []
    for i, (form, _) in enumerate(pieces):
        is_punct, is_space, _ = flags.get(form) or _flags(form)
        if is_punct or is_space:
            continue
        if i == lead:
            out.append(leads.get(form.lower()) or _guess_verb_lemma(form.lower()))
            continue
        lemma = forms.get(form)
        if lemma is not None:
            if form in after_forms:
                prev = pieces[i - 1][0].lower() if i > 0 else ""
                lemma = after.get(f"{prev}\t{form}", lemma)  # as _context_key
        else:
            low = form.lower()
            lemma = lower.get(low)
            if lemma is None:
                lemma = _lookup_table().get(low, low)
        out.append(lemma)
    return out


_AFTER_FORMS: list[tuple[dict[str, Any], frozenset[str]]] = []


def _after_forms(after: dict[str, Any]) -> frozenset[str]:
    """The forms that ``after`` ("previous word<TAB>form" -> lemma) has entries for, computed once per cache."""
    for table, forms in _AFTER_FORMS:
        if table is after:
            return forms
    forms = frozenset(k.partition("\t")[2] for k in after)
    _AFTER_FORMS[:] = [(after, forms)]
    return forms


def lemmatize(texts: Iterable[str], *, batch_size: int = 256) -> list[list[str]]:
    """The lowercased lemmas of each text, punctuation and spaces left out; each distinct text is analysed once.

    Same signature and output as :func:`clausekit.lemmas.frames.lemmatize`, from :func:`tokenize` and
    the domain lemma cache instead of the statistical pipeline (``batch_size`` is accepted for
    that compatibility and unused).
    """
    texts = [str(t) for t in texts]
    todo = list(dict.fromkeys(t for t in texts if t not in _LEMMAS))
    if todo:
        cache = load_cache(_cache_path)
        if len(_LEMMAS) + len(todo) > _LEMMAS_LIMIT:
            _LEMMAS.clear()
        after_forms = _after_forms(cache["after"])
        for text in todo:
            lemmas = _run_lemmas(text, cache, after_forms)
            _LEMMAS[text] = _lemmas(text, _pieces(text), cache, after_forms) if lemmas is None else lemmas
    return [list(_LEMMAS[t]) for t in texts]


def joined(texts: Iterable[str]) -> list[str]:
    """``[" ".join(ls) for ls in lemmatize(texts)]``, each text's string remembered: the models read
    a clause's lemmas several times (its function, its themes, the lemma stage of a benchmark)."""
    texts = [str(t) for t in texts]
    found = list(map(_JOINED.get, texts))
    if None not in found:
        return found  # type: ignore[return-value]  # no None in it
    todo = list(dict.fromkeys(t for t, j in zip(texts, found, strict=True) if j is None))
    if len(_JOINED) + len(todo) > _LEMMAS_LIMIT:
        _JOINED.clear()
    _JOINED.update(zip(todo, map(" ".join, lemmatize(todo)), strict=True))
    return [_JOINED[t] if j is None else j for t, j in zip(texts, found, strict=True)]



# --- the usual clause, word by word ------------------------------------------------------------
# In a clause whose words are separated by single spaces (the first branch of _pieces), a word's
# tokens and lemmas depend on the word alone, except for three things: a special case spanning
# tokens (_merge_specials; it changes tokens only where all the tokens it spans are of one word:
# across a space they are not adjacent, so left alone, and such a match only keeps other matches
# off its tokens, which matters only if one of those is within a word), the lemma of a first
# token that has "previous word" entries in ``cache["after"]`` (it reads the last token of the
# word before) and the lead fix (one of the first four tokens). So each distinct word's tokens and
# lemmas are computed once (:func:`_run_entry`) and the clause is put together from them, the
# first token of each word and the lead token being looked at there. Equal to
# ``_lemmas(text, _pieces(text), ...)``: tests/test_lemma_speed_equivalence.py.

_RUN_LEMMAS: dict[str, tuple[Any, ...]] = {}
_RUN_LEMMAS_LIMIT = 500_000
_RUN_CACHE: list[dict[str, Any]] = []  # the cache the entries were computed with
_UNSAFE: tuple[Any, ...] = ("a special case spans tokens",)  # the entry of such a word (a tuple of another length)


def _piece_lemma(form: str, prev: str, cache: dict[str, Any], after_forms: frozenset[str]) -> str | None:
    """The lemma :func:`_lemmas` gives token ``form`` after a token lowercased to ``prev`` (None: left out), not the lead."""
    is_punct, is_space, _ = _FLAGS.get(form) or _flags(form)
    if is_punct or is_space:
        return None
    lemma = cache["forms"].get(form)
    if lemma is not None:
        if form in after_forms:
            lemma = cache["after"].get(f"{prev}\t{form}", lemma)
        return lemma
    low = form.lower()
    lemma = cache["lower"].get(low)
    return _lookup_table().get(low, low) if lemma is None else lemma


def _run_entry(run: str, cache: dict[str, Any], after_forms: frozenset[str]) -> tuple[Any, ...]:
    """``(tokens, first token if its lemma reads the word before else None, its lemma, lemmas of the
    other tokens, last token lowercased, all its lemmas when read alone)`` of one whitespace-free word;
    :data:`_UNSAFE` if some of its tokens spell a special case spanning tokens."""
    rules = _rules()
    split = (run,) if run.isalpha() and run not in rules.specials else _split_cached(run, rules)
    merges = rules.merges
    if merges and not merges.keys().isdisjoint(split) and any(
        split[k : k + len(seq)] == seq for k, piece in enumerate(split) for seq in merges.get(piece, ())
    ):
        entry: tuple[Any, ...] = _UNSAFE  # a special case spanning tokens of this word
    else:
        first = split[0]
        first_lemma = _piece_lemma(first, "", cache, after_forms)
        reads_before = first_lemma is not None and first in after_forms and first in cache["forms"]
        if reads_before:
            first_lemma = cache["forms"][first]  # before the "previous word" entry the clause gives
        rest = [x for j, form in enumerate(split[1:]) if (x := _piece_lemma(form, split[j].lower(), cache, after_forms)) is not None]
        alone = tuple(rest) if first_lemma is None else (first_lemma, *rest)  # the word's lemmas, read alone
        entry = (split, first if reads_before else None, first_lemma, rest, split[-1].lower(), alone)
    if len(_RUN_LEMMAS) >= _RUN_LEMMAS_LIMIT:
        _RUN_LEMMAS.clear()
    _RUN_LEMMAS[run] = entry
    return entry


def _run_lemmas(text: str, cache: dict[str, Any], after_forms: frozenset[str]) -> list[str] | None:
    """``_lemmas(text, _pieces(text), cache, after_forms)`` word by word; None when the text is not a
    usual clause (see :func:`_pieces`) or a word spells a special case spanning tokens."""
    if text[:1] == " " or "  " in text or _OTHER_SPACE.search(text):
        return None
    if not _RUN_CACHE or _RUN_CACHE[0] is not cache:
        _RUN_LEMMAS.clear()
        _RUN_CACHE[:] = [cache]
    runs = text.split(" ")
    if "" in runs:  # a final space, or no text: with one space between words, no other run is empty
        runs = [r for r in runs if r]
    entries: list[Any] = list(map(_RUN_LEMMAS.get, runs))
    if None in entries:
        for k, entry in enumerate(entries):
            if entry is None:
                entries[k] = _run_entry(runs[k], cache, after_forms)
    if _UNSAFE in entries:
        return None
    head: list[tuple[str, int]] = []  # the first four tokens with their offsets, for the lead fix
    start = 0
    for run, entry in zip(runs, entries, strict=False):
        at = start
        for piece in entry[0]:
            head.append((piece, at))
            at += len(piece)
        if len(head) >= 4:
            break
        start += len(run) + 1
    lead = _lead_index(text, head)
    # every word read alone, joined in C; then the words whose first lemma reads the word before
    # (a few in a hundred), then the lead word
    out = list(chain.from_iterable(map(itemgetter(5), entries)))
    if any(map(itemgetter(1), entries)) or lead is not None:
        starts = [0, *accumulate(map(len, map(itemgetter(5), entries)))]  # each word's first lemma in out
        after = cache["after"]
        for k in compress(range(len(entries)), map(itemgetter(1), entries)):
            prev = entries[k - 1][4] if k else ""
            out[starts[k]] = after.get(f"{prev}\t{entries[k][1]}", entries[k][2])
        if lead is not None:
            k, i = 0, 0  # the word holding token ``lead``, and its first token's index
            while i + len(entries[k][0]) <= lead:
                i += len(entries[k][0])
                k += 1
            pieces, prev = entries[k][0], entries[k - 1][4] if k else ""
            word: list[str] = []
            for j, form in enumerate(pieces):
                if i + j == lead:
                    word.append(cache["leads"].get(form.lower()) or _guess_verb_lemma(form.lower()))
                else:
                    lemma = _piece_lemma(form, pieces[j - 1].lower() if j else prev, cache, after_forms)
                    if lemma is not None:
                        word.append(lemma)
            out[starts[k] : starts[k + 1]] = word
    return out
