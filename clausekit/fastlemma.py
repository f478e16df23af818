"""A fast lemma path: spaCy's tokenizer plus a domain lemma cache, instead of the statistical pipeline.

:func:`clausekit.lemmas.lemmatize` runs ``tok2vec`` + ``morphologizer`` + the rule lemmatizer
(about 4–15k words/s on two cores). In spaCy's French rule lemmatizer a lemma depends only on
the word form and its part of speech, and in UN texts a given form nearly always gets the same
part of speech. So a table *form -> lemma*, learned once by running the accurate path over
domain text (:func:`build_cache`), reproduces the accurate lemmas from the tokenizer alone
(about 1M words/s). The rest of the accurate path is replayed exactly:

- tokens are spaCy's own (the same ``fr_core_news_sm`` tokenizer), punctuation and spaces dropped;
- the lead-phrase fix of :mod:`clausekit.lemmas` (a clause-initial "Prie" -> *prier*) uses the
  same lead table and the verb lemmas the fix itself computes, stored in the cache;
- a form missing from the cache falls back to its lowercase form's cache entry, then to
  spaCy's POS-free lookup table (``lemma_lookup``, loaded only when needed), then to the form.

:func:`lemmatize` has the signature of :func:`clausekit.lemmas.lemmatize`.

>>> lemmatize(["Exhorte les États à agir"])  # doctest: +SKIP
[['exhorter', 'le', 'état', 'à', 'agir']]
"""

from __future__ import annotations

import gzip
import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

#: The shipped cache: form -> lemma, learned from the accurate path on the domain texts.
CACHE_PATH = Path(__file__).resolve().parent / "data" / "fr_lemma_cache.json.gz"
CACHE_FORMAT = 2

_LEMMAS: dict[str, list[str]] = {}
_LEMMAS_LIMIT = 200_000
_cache_path: Path = CACHE_PATH


def use_cache(path: str | Path = CACHE_PATH) -> None:
    """Make :func:`lemmatize` read the cache at ``path`` from now on (e.g. one built with ``--strict``
    to measure the fast path on clauses the cache never saw); forgets the lemmas computed so far."""
    global _cache_path
    _cache_path = Path(path)
    _LEMMAS.clear()


# --- the cache -----------------------------------------------------------------------------


def build_cache(texts: Iterable[str], *, batch_size: int = 64) -> dict[str, Any]:
    """Run the accurate pipeline over ``texts`` and keep each form's most frequent lemma.

    Returns a JSON-ready dict: ``forms`` (exact form -> lemma), ``lower`` (lowercase form ->
    lemma), ``leads`` (lowercase lead word -> the verb lemma the lead fix gives it), and counts.
    The lead fix is switched off while counting, so ``forms`` holds the context-free reading and
    the fix is replayed on top, as in the accurate path.
    """
    from clausekit.lemmas import _lead_forms, _LeadVerbs, french_pipeline, strip_number
    from clausekit.lexicon import fold

    nlp = french_pipeline()
    exact: dict[str, Counter[str]] = defaultdict(Counter)
    lower: dict[str, Counter[str]] = defaultdict(Counter)
    after: dict[str, Counter[str]] = defaultdict(Counter)  # "previous word<TAB>form"
    todo = list(dict.fromkeys(strip_number(str(t)) for t in texts))
    with nlp.select_pipes(disable=["clausekit_lead_verbs"]):
        for doc in nlp.pipe(todo, batch_size=batch_size):
            for t in doc:
                if t.is_punct or t.is_space:
                    continue
                lemma = (t.lemma_ or t.text).lower()
                exact[t.text][lemma] += 1
                lower[t.text.lower()][lemma] += 1
                after[_context_key(doc, t.i)][lemma] += 1

    fixer = _LeadVerbs(nlp)
    operative, preamble = _lead_forms()
    leads = {}
    for word in sorted(operative | {w for w in preamble if fold(w).endswith("ant")}):
        for form in {word, word[:1].upper() + word[1:]}:
            doc = nlp.make_doc(form)
            if len(doc) == 1:
                leads[form.lower()] = fixer._verb_lemma(doc[0])
    return {
        "format": CACHE_FORMAT,
        "texts": len(todo),
        "tokens": int(sum(sum(c.values()) for c in exact.values())),
        "forms": {f: c.most_common(1)[0][0] for f, c in sorted(exact.items())},
        "lower": {f: c.most_common(1)[0][0] for f, c in sorted(lower.items())},
        # ambiguous forms ("des" -> un/de, "Unies" after "Nations"): the lemma after a given word,
        # kept only where it differs from the form's usual lemma and was seen at least twice
        "after": {
            k: c.most_common(1)[0][0]
            for k, c in sorted(after.items())
            if c.most_common(1)[0][1] >= 2
            and c.most_common(1)[0][0] != exact[k.split("\t", 1)[1]].most_common(1)[0][0]
        },
        "leads": dict(sorted(leads.items())),
    }


def save_cache(cache: dict[str, Any], path: str | Path = CACHE_PATH) -> Path:
    from clausekit.io import atomic_write

    with (
        atomic_write(path, "wb", encoding=None) as f,
        gzip.GzipFile(fileobj=f, mode="wb", mtime=0) as gz,
    ):
        gz.write(json.dumps(cache, ensure_ascii=False, sort_keys=True).encode("utf-8"))
    return Path(path)


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
            f"lemma cache not found: {path}; rebuild it with: python -m clausekit.fastlemma build"
        ) from exc
    if cache.get("format") != CACHE_FORMAT:
        raise ModelError(
            f"{path}: lemma cache format {cache.get('format')} is not {CACHE_FORMAT}; rebuild it with: python -m clausekit.fastlemma build"
        )
    return cache


def domain_texts(*, include_annotated: bool = True) -> list[str]:
    """The texts the shipped cache is learned from: seed clauses, the training clauses, and (when
    the shared corpora are present) every ICE paragraph and UNPC dev line, read at build time.

    ``include_annotated=False`` leaves out every annotated clause, so the cache can be checked
    on clauses it never saw.
    """
    from clausekit import corpora
    from clausekit.segment import segment_text
    from clausekit.train import load_training_data

    seeds = Path(corpora.PROJECT_ROOT) / "data" / "seeds"
    texts = [
        c.text
        for p in sorted(seeds.glob("*.txt"))
        for c in segment_text(p.read_text(encoding="utf-8"), doc_id=p.stem).clauses
    ]
    annotated = set(load_training_data()["text"].astype(str))
    if include_annotated:
        texts += sorted(annotated)
    if corpora.available():
        texts += [p["para"] for _, _, paras in corpora.iter_ice() for p in paras if p["para"]]
        texts += [t for t in corpora.unpc_lines()["fr"] if t.strip()]
    if not include_annotated:
        texts = [t for t in texts if t not in annotated]
    return texts


# --- lemmatization ---------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    """The tokenizer of ``fr_core_news_sm`` without any pipeline component (loads in a fraction of a second)."""
    import spacy

    from clausekit.errors import ModelError
    from clausekit.lemmas import SPACY_MODEL

    try:
        nlp = spacy.load(
            SPACY_MODEL,
            exclude=[
                "tok2vec",
                "morphologizer",
                "parser",
                "senter",
                "attribute_ruler",
                "lemmatizer",
                "ner",
            ],
        )
    except OSError as exc:  # pragma: no cover - depends on the installation
        raise ModelError(
            f"spaCy model {SPACY_MODEL} is not installed; run: python -m spacy download {SPACY_MODEL}"
        ) from exc
    return nlp.tokenizer


@lru_cache(maxsize=1)
def _lookup_table() -> Any:
    """spaCy's POS-free form -> lemma table, for forms the domain cache has never seen."""
    from spacy.lookups import load_lookups

    try:
        return load_lookups("fr", ["lemma_lookup"]).get_table("lemma_lookup")
    except Exception:  # spacy-lookups-data absent: read the table shipped inside the model
        import spacy

        from clausekit.lemmas import SPACY_MODEL

        nlp = spacy.load(
            SPACY_MODEL,
            exclude=["tok2vec", "morphologizer", "parser", "senter", "attribute_ruler", "ner"],
        )
        lemmatizer: Any = nlp.get_pipe("lemmatizer")
        return lemmatizer.lookups.get_table("lemma_lookup")


@lru_cache(maxsize=1)
def _lead_tables() -> tuple[frozenset[str], frozenset[str]]:
    from clausekit.lemmas import _lead_forms
    from clausekit.lexicon import fold

    operative, preamble = _lead_forms()
    return frozenset(fold(w) for w in operative), frozenset(
        fold(w) for w in preamble if fold(w).endswith("ant")
    )


def _lead_index(doc: Any) -> int | None:
    """Index of the token the accurate path's lead fix would rewrite, as in ``lemmas._LeadVerbs``."""
    from clausekit.lemmas import _BEFORE_VERB
    from clausekit.lexicon import fold, match_lead

    operative, participles = _lead_tables()
    for token in doc[:4]:
        if token.is_punct or token.like_num or len(token.text) == 1 and token.text.isalpha():
            continue
        key = fold(token.text)
        if key in _BEFORE_VERB:
            continue
        if (key in operative or key in participles) and match_lead(doc.text[token.idx :]):
            return token.i
        return None
    return None


def _context_key(doc: Any, i: int) -> str:
    prev = doc[i - 1].text.lower() if i > 0 else ""
    return f"{prev}\t{doc[i].text}"


def _guess_verb_lemma(lower: str) -> str:
    """An unseen spelling of a lead verb ("Reaffirme", OCR'd): first-conjugation infinitive."""
    if lower.endswith("ant"):
        return lower[:-3] + "er"
    return lower + "r" if lower.endswith("e") else lower


def _lemmas(doc: Any, cache: dict[str, Any]) -> list[str]:
    forms, lower, leads, after = cache["forms"], cache["lower"], cache["leads"], cache["after"]
    lead = _lead_index(doc)
    out = []
    for t in doc:
        if t.is_punct or t.is_space:
            continue
        text = t.text
        if t.i == lead:
            out.append(leads.get(text.lower()) or _guess_verb_lemma(text.lower()))
            continue
        lemma = forms.get(text)
        if lemma is not None:
            if after:
                lemma = after.get(_context_key(doc, t.i), lemma)
        else:
            low = text.lower()
            lemma = lower.get(low)
            if lemma is None:
                found = _lookup_table().get(low, low)
                lemma = (found[0] if isinstance(found, list | tuple) else str(found)).lower()
        out.append(lemma)
    return out


def lemmatize(texts: Iterable[str], *, batch_size: int = 256) -> list[list[str]]:
    """The lowercased lemmas of each text, punctuation and spaces left out; each distinct text is analysed once.

    Same signature and output as :func:`clausekit.lemmas.lemmatize`, from the tokenizer and the
    domain lemma cache instead of the statistical pipeline.
    """
    texts = [str(t) for t in texts]
    todo = list(dict.fromkeys(t for t in texts if t not in _LEMMAS))
    if todo:
        cache = load_cache(_cache_path)
        if len(_LEMMAS) + len(todo) > _LEMMAS_LIMIT:
            _LEMMAS.clear()
        for text, doc in zip(todo, _tokenizer().pipe(todo, batch_size=batch_size), strict=True):
            _LEMMAS[text] = _lemmas(doc, cache)
    return [list(_LEMMAS[t]) for t in texts]


def agreement(texts: Iterable[str]) -> dict[str, Any]:
    """Token-level agreement of :func:`lemmatize` with the accurate path on ``texts`` (JSON-ready)."""
    from clausekit.lemmas import lemmatize as accurate

    texts = list(texts)
    fast, slow = lemmatize(texts), accurate(texts)
    same = total = aligned = 0
    diffs: Counter[tuple[str, str]] = Counter()
    for f, s in zip(fast, slow, strict=True):
        if len(f) != len(s):
            continue
        aligned += 1
        for a, b in zip(f, s, strict=True):
            total += 1
            same += a == b
            if a != b:
                diffs[(b, a)] += 1
    return {
        "texts": len(texts),
        "aligned_texts": aligned,
        "tokens": total,
        "token_agreement": round(same / total, 5) if total else None,
        "text_agreement": round(
            sum(f == s for f, s in zip(fast, slow, strict=True)) / len(texts), 5
        )
        if texts
        else None,
        "top_differences": [
            {"accurate": b, "fast": a, "n": n} for (b, a), n in diffs.most_common(15)
        ],
    }


def main(argv: list[str] | None = None) -> None:  # pragma: no cover - a maintenance command
    """``python -m clausekit.fastlemma build [--strict] [PATH]``: rebuild the lemma cache."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m clausekit.fastlemma", description=main.__doc__)
    parser.add_argument("command", choices=["build"])
    parser.add_argument("path", nargs="?", default=str(CACHE_PATH))
    parser.add_argument(
        "--strict",
        action="store_true",
        help="leave every annotated clause out (for checking the cache)",
    )
    args = parser.parse_args(argv)
    cache = build_cache(domain_texts(include_annotated=not args.strict))
    path = save_cache(cache, args.path)
    print(
        f"{path}: {len(cache['forms'])} forms from {cache['texts']} texts ({cache['tokens']} tokens), {len(cache['leads'])} lead verbs"
    )


if __name__ == "__main__":  # pragma: no cover
    main()
