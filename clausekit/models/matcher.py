"""Theme definitions at tagging time: words, concepts with windows, scoped vetoes, year conditions, context.

A compiled definition (:func:`clausekit.models.definitions.compile_definition`) is plain JSON;
:class:`ThemeMatcher` reads it and gives each clause an evidence score per theme:

- words are compared after :func:`fold` (case, accents, typographic hyphens, apostrophes,
  no-break and soft hyphens), so "Sud‑Sud" (U+2011), "Sud – Sud" and "sud-sud" are one term;
- a concept fires when each of its slots has a term inside ``window`` words of the others,
  no ``unless`` term stands within ``unless_window`` words of that match, and the document's
  year (when known) is at least ``min_year``;
- a veto of the theme removes only the concepts it ``blocks`` (so a clause that names the
  Security Council next to "mesures coercitives unilatérales" keeps the theme);
- the score is ``1 - prod(1 - weight)`` over the concepts that fire; back-reference concepts
  ("de telles mesures") count only when the document context establishes the theme
  (:meth:`ThemeMatcher.score_document`).

Nothing here imports scikit-learn, spaCy or pandas.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Collection, Iterable, Sequence
from collections.abc import Set as AbstractSet
from typing import Any

import numpy as np

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"), "-")
_QUOTES = dict.fromkeys(map(ord, "\u2019\u2018\u02bc\u00b4`\u2032"), "'")
_SPACES = dict.fromkeys(map(ord, "\u00a0\u202f\u2007\u2009\u200a"), " ")
_DROP = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\ufeff"), None)
_TABLE = {**_DASHES, **_QUOTES, **_SPACES, **_DROP}
_WORD = re.compile(r"[a-z0-9]+")


def _accent_table() -> dict[int, str]:
    """Accented Latin letters (Latin-1 and Latin Extended-A) -> their base letters, for a fast fold."""
    table = {}
    for code in range(0xC0, 0x180):
        c = chr(code)
        base = "".join(ch for ch in unicodedata.normalize("NFD", c) if not unicodedata.combining(ch))
        if base != c and base.isascii():
            table[code] = base
    return table


_TABLE.update(_accent_table())
_FOLD_CHARS = {chr(k): v or "" for k, v in _TABLE.items()}
_FOLD_KEYS = frozenset(_FOLD_CHARS)


def fold(text: str) -> str:
    """Lower case without accents, typographic dashes/apostrophes/spaces made plain, soft hyphens dropped.

    >>> fold("Coopération Sud\u2011Sud, l\u2019État")
    "cooperation sud-sud, l'etat"
    """
    text = text.casefold()
    # the characters of _TABLE the text holds, each replaced at once (str.translate looks up every
    # character in a dict; no replacement holds a key, so this is the same mapping, several times faster)
    for c in _FOLD_KEYS.intersection(text):
        text = text.replace(c, _FOLD_CHARS[c])
    text = text.replace("œ", "oe").replace("æ", "ae")
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """The folded words of ``text`` (runs of letters and digits)."""
    return _WORD.findall(fold(text))


# --- one clause ------------------------------------------------------------------------------


class _Words:
    """A clause's folded words with an index from word to positions (built once, read by every term)."""

    __slots__ = ("folded", "index", "memo", "sorted", "words", "year")

    def __init__(self, text: str, year: int | None, folded: str | None = None, words: list[str] | None = None) -> None:
        self.folded = fold(text) if folded is None else folded
        self.words = _WORD.findall(self.folded) if words is None else words
        self.year = year
        index: dict[str, list[int]] = {}
        for i, w in enumerate(self.words):
            index.setdefault(w, []).append(i)
        self.index = index
        self.sorted = sorted(index)
        self.memo: dict[int, list[tuple[int, int]]] = {}

    def positions(self, alt: Sequence[str]) -> Iterable[int]:
        """Positions of the words that ``alt`` (``("w", word)``, ``("p", prefix)``, ``("n", "")``, ``("y", limit)``) matches."""
        kind, value = alt[0], alt[1]
        if kind == "w":
            return self.index.get(value, ())
        if kind == "p":  # the words starting with value are one run of the sorted distinct words
            out: list[int] = []
            k = bisect_left(self.sorted, value)
            while k < len(self.sorted) and self.sorted[k].startswith(value):
                out += self.index[self.sorted[k]]
                k += 1
            return out
        if kind == "n":
            return [i for w, pos in self.index.items() if w.isdigit() for i in pos]
        # "y": a year below value
        limit = int(value)
        return [i for w, pos in self.index.items() if len(w) == 4 and w.isdigit() and 1000 <= int(w) < limit for i in pos]

    def term(self, term: Sequence[Sequence[Sequence[str]]]) -> list[tuple[int, int]]:
        """Spans ``(first, last)`` where the words of ``term`` stand one after the other (memoized per term)."""
        key = id(term)
        if key in self.memo:
            return self.memo[key]
        if len(term) == 1:  # one word: its positions
            spans = [(i, i) for alt in term[0] for i in self.positions(alt)]
            self.memo[key] = spans
            return spans
        starts: set[int] = set()
        for alt in term[0]:
            starts.update(self.positions(alt))
        spans = []
        for s in sorted(starts):
            end = s
            for place in term[1:]:
                end += 1
                if end >= len(self.words) or not any(_is(self.words[end], alt) for alt in place):
                    break
            else:
                spans.append((s, end))
        self.memo[key] = spans
        return spans


def _is(word: str, alt: Sequence[str]) -> bool:
    kind, value = alt[0], alt[1]
    if kind == "w":
        return word == value
    if kind == "p":
        return word.startswith(value)
    if kind == "n":
        return word.isdigit()
    return len(word) == 4 and word.isdigit() and 1000 <= int(word) < int(value)


def _near(spans: list[tuple[int, int]], lo: int, hi: int, window: int) -> bool:
    return any(b >= lo - window and a <= hi + window for a, b in spans)


def _concept_weight(concept: dict[str, Any], w: _Words) -> float:
    """The weight ``concept`` gives the clause ``w`` (0.0 when it does not fire)."""
    slots = []
    for slot in concept["all"]:  # stop at the first slot with no term in the clause (most concepts)
        spans = [span for term in slot for span in w.term(term)]
        if not spans:
            return 0.0
        slots.append(spans)
    window = concept["window"]
    unless = [span for term in concept["unless"] for span in w.term(term)]
    for anchor in slots[0]:
        lo, hi = anchor
        inner = hi - lo  # the words inside multi-word terms do not count towards the window
        ok = True
        for other in slots[1:]:
            best = min(other, key=lambda s: max(s[1], hi) - min(s[0], lo) - (s[1] - s[0]))
            lo, hi = min(lo, best[0]), max(hi, best[1])
            inner += best[1] - best[0]
            if hi - lo - inner > window:
                ok = False
                break
        if ok and not (unless and _near(unless, lo, hi, concept["unless_window"])):
            break
    else:
        return 0.0
    min_year = concept.get("min_year")
    if min_year is None:
        return concept["weight"]
    if w.year is None:
        return concept["unknown_year_weight"]
    return concept["weight"] if w.year >= min_year else 0.0


def _year(value: Any) -> int | None:
    try:
        year = int(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return year if 1000 <= year <= 2999 else None


class _Keys:
    """A cheap necessary condition for terms to match, checked with set operations before any span is looked for.

    A term matches only where each of its places matches a word, so a clause that holds none of
    the words (``"w"``) or prefixes (``"*" + prefix``) of one chosen place of a term cannot match
    it. :meth:`needs` gives, for a list of terms, the keys one of which a clause must hold for any of
    them to match (None: a term has only places of numbers or years, never ruled out);
    :meth:`present` gives the keys a clause holds (its words' prefix keys are remembered per word).
    """

    def __init__(self, terms: Iterable[Sequence[Sequence[Sequence[str]]]]) -> None:
        self.terms = list(terms)
        places = [p for p in map(self._place, self.terms) if p is not None]
        self.words = frozenset(k for p in places for k in p if not k.startswith("*"))
        prefixes = {k[1:] for p in places for k in p if k.startswith("*")}
        self.lengths = sorted({len(p) for p in prefixes})
        self.prefixes = frozenset(prefixes)
        self.memo: dict[str, tuple[str, ...]] = {}

    @staticmethod
    def _place(term: Sequence[Sequence[Sequence[str]]]) -> frozenset[str] | None:
        """The keys of the most selective place of ``term`` made of words and prefixes only (None if there is none)."""
        best, size = None, -1
        for place in term:
            if any(alt[0] not in ("w", "p") for alt in place):
                continue
            shortest = min(len(alt[1]) for alt in place)
            if shortest > size:
                best = frozenset(alt[1] if alt[0] == "w" else "*" + alt[1] for alt in place)
                size = shortest
        return best

    def needs(self, terms: Sequence[Sequence[Sequence[Sequence[str]]]]) -> frozenset[str] | None:
        keys: set[str] = set()
        for term in terms:
            place = self._place(term)
            if place is None:
                return None
            keys |= place
        return frozenset(keys)

    def present(self, distinct: Collection[str]) -> AbstractSet[str]:
        """The keys held by a clause whose distinct words are ``distinct`` (a set or a dict's keys)."""
        memo = self.memo
        found = list(map(memo.get, distinct))  # each word's prefix keys, remembered (the loops run in C)
        if None in found:
            if len(memo) > 200_000:  # a bound on a long-running process
                memo.clear()
            for word in distinct:
                if word not in memo:
                    memo[word] = tuple("*" + word[:n] for n in self.lengths if len(word) >= n and word[:n] in self.prefixes)
            found = list(map(memo.get, distinct))
        out = self.words.intersection(distinct)
        extra = [k for keys in filter(None, found) for k in keys]
        return out.union(extra) if extra else out


# --- a theme ----------------------------------------------------------------------------------


class ThemeMatcher:
    """One compiled theme definition: evidence per clause, with or without document context."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.spec = spec
        self.name: str = spec["name"]
        self.threshold = float(spec.get("threshold", 0.5))
        self.concepts: list[dict[str, Any]] = spec["concepts"]
        self.vetoes: list[dict[str, Any]] = spec["vetoes"]
        # a clause can fire a concept only if it holds one of these at a word start (checked in C, before any word split)
        lits = spec.get("literals")
        self.prefilter = re.compile(r"(?<![a-z0-9])(?:" + "|".join(lits) + ")") if lits else None
        # per concept and veto, the keys one of which a clause must hold for it to fire (see _Keys)
        self._keys = _Keys([t for c in self.concepts for slot in c["all"] for t in slot]
                           + [t for v in self.vetoes for t in v["terms"]])
        self._concept_needs = [[n for n in map(self._keys.needs, c["all"]) if n is not None] for c in self.concepts]
        self._veto_needs = [self._keys.needs(v["terms"]) for v in self.vetoes]
        # one key of which a clause must hold for anything to fire (None: no such set)
        firsts = [needs[0] if needs else None for needs in self._concept_needs] + self._veto_needs
        self._trigger = None if None in firsts else frozenset[str]().union(*(f for f in firsts if f is not None))

    def evidence(self, text: str, year: Any = None, *, words: _Words | None = None) -> tuple[float, float, bool]:
        """``(score, backref_weight, vetoed)`` of one clause without context.

        ``score`` combines the direct concepts; ``backref_weight`` is the strongest back-reference
        concept that fires (it counts only in context); ``vetoed``: a veto term is in the clause
        (the clause speaks of other measures, e.g. the Security Council's, so it does not pass the
        theme on to a later back-reference).
        """
        if self.prefilter is not None:
            folded = words.folded if words is not None else fold(text)
            if not self.prefilter.search(folded):
                return 0.0, 0.0, False
        w = words if words is not None else _Words(text, _year(year))
        return self._evidence(w, self._keys.present(w.index))

    def may_fire(self, present: AbstractSet[str]) -> bool:
        """Whether a veto or a concept of the theme may fire in a clause holding the keys ``present`` (see :class:`_Keys`)."""
        if self._trigger is not None and self._trigger.isdisjoint(present):
            return False
        return any(n is None or not n.isdisjoint(present) for n in self._veto_needs) or any(
            not any(n.isdisjoint(present) for n in needs) for needs in self._concept_needs)

    def _evidence(self, w: _Words, present: AbstractSet[str]) -> tuple[float, float, bool]:
        """:meth:`evidence` of a clause that passed the prefilter, whose keys are ``present``."""
        blocked: set[str] = set()
        vetoed = False
        for veto, needs in zip(self.vetoes, self._veto_needs, strict=True):
            if needs is not None and needs.isdisjoint(present):
                continue  # no term of the veto can match
            if any(w.term(term) for term in veto["terms"]):
                blocked.update(veto["blocks"])
                vetoed = True
        rest, back = 1.0, 0.0
        for concept, slots in zip(self.concepts, self._concept_needs, strict=True):
            if concept["name"] in blocked:
                continue
            if slots and any(n.isdisjoint(present) for n in slots):
                continue  # a slot has no term that can match: the concept gives 0.0
            weight = _concept_weight(concept, w)
            if not weight:
                continue
            if concept["backref"]:
                back = max(back, weight)
            else:
                rest *= 1.0 - weight
        return 1.0 - rest, back, vetoed


class ThemeSet:
    """Several theme definitions scored together (a clause is folded and indexed once for all of them)."""

    def __init__(self, specs: Sequence[dict[str, Any]]) -> None:
        self.matchers = [ThemeMatcher(s) for s in specs]
        self.classes_ = np.asarray([m.name for m in self.matchers], dtype=object)
        self.thresholds_ = np.asarray([m.threshold for m in self.matchers], dtype=float)
        self._keys = _Keys([t for m in self.matchers for t in m._keys.terms])

    def _evidence(self, texts: Sequence[str], years: Sequence[Any]) -> list[list[tuple[float, float, bool]]]:
        out = []
        nothing = (0.0, 0.0, False)
        for text, year in zip(texts, years, strict=True):
            folded = fold(text)
            ws = _WORD.findall(folded)
            present = self._keys.present(set(ws))
            w = None
            row = []
            for m in self.matchers:
                # (0.0, 0.0, False) when no concept or veto of the theme can fire, or its prefilter says so
                if not m.may_fire(present) or (m.prefilter is not None and not m.prefilter.search(folded)):
                    row.append(nothing)
                    continue
                if w is None:
                    w = _Words(text, _year(year), folded, ws)
                row.append(m._evidence(w, present))
            out.append(row)
        return out

    def scores(self, texts: Sequence[str], years: Sequence[Any]) -> np.ndarray:
        """Evidence of each theme for each clause taken alone (back-references give nothing)."""
        ev = self._evidence(texts, years)
        return np.array([[s for s, _, _ in row] for row in ev], dtype=float).reshape(len(texts), len(self.matchers))

    def score_document(self, texts: Sequence[str], years: Sequence[Any], title: str | None = None,
                       backref_factor: float = 0.85) -> np.ndarray:
        """Evidence of each theme for the clauses of one document, in order, with context.

        A back-reference ("de telles mesures", "ce blocus") takes the theme when the nearest
        earlier clause that speaks of such things establishes it (or, before any clause does, the
        title): its score is its concept's weight times the establishing score times
        ``backref_factor``, and never more than what the clause scores alone would give with it.
        A clause whose veto fired (e.g. Security Council sanctions) breaks the chain, so "ces
        mesures" after it refers to those, not to the theme.
        """
        ev = self._evidence(texts, years)
        out = np.zeros((len(texts), len(self.matchers)))
        state = np.zeros(len(self.matchers))
        if title:
            state = np.array([s for s, _, _ in self._evidence([title], [years[0] if len(years) else None])[0]])
        for i, row in enumerate(ev):
            for j, (score, back, vetoed) in enumerate(row):
                inherited = back * state[j] * backref_factor if back and state[j] >= self.thresholds_[j] else 0.0
                out[i, j] = 1.0 - (1.0 - score) * (1.0 - inherited)
                if score >= self.thresholds_[j]:
                    state[j] = score
                elif vetoed:
                    state[j] = 0.0
        return out


def score_rows(themes: ThemeSet, texts: Sequence[str], years: Sequence[Any], doc_ids: Sequence[Any] | None = None,
               order: Sequence[Any] | None = None) -> np.ndarray:
    """Scores of rows that may come from several documents: each document's rows in ``order``, in context.

    Without ``doc_ids`` and ``order`` every row is scored alone.
    """
    if doc_ids is None or order is None:
        return themes.scores(texts, years)
    out = np.zeros((len(texts), len(themes.matchers)))
    docs: dict[Any, list[int]] = {}
    for i, d in enumerate(doc_ids):
        docs.setdefault(d, []).append(i)
    for rows in docs.values():
        rows = sorted(rows, key=lambda i: float(order[i] or 0))
        out[rows] = themes.score_document([texts[i] for i in rows], [years[i] for i in rows])
    return out
