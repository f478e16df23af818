"""Maintenance of the fast lemma path's shipped tables (these commands run spaCy).

``python -m clausekit.training.lemma_cache build [--strict] [PATH]`` rebuilds the lemma cache
from the domain texts; ``export-lookups`` and ``export-tokenizer`` re-export spaCy's lookup
table and tokenizer rules; :func:`agreement` and :func:`token_agreement` compare the fast path
with spaCy's. Tagging never imports this module.
"""
from __future__ import annotations

import gzip
import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from clausekit.lemmas.fast import CACHE_FORMAT, CACHE_PATH, LOOKUP_PATH, _context_key, lemmatize
from clausekit.lemmas.tokenizer import _ALPHA, _ELISION, _HYPHENS, TOKENIZER_RULES_PATH, tokenize


def _spacy_doc(nlp: Any, text: str) -> Any:
    """A spaCy Doc of ``text`` with the tokens of :func:`tokenize`, so the cache holds the forms it looks up."""
    from spacy.tokens import Doc

    tokens = tokenize(text)
    ends = [t.idx for t in tokens[1:]] + [len(text)]
    return Doc(
        nlp.vocab,
        words=[t.text for t in tokens],
        spaces=[end > t.idx + len(t.text) for t, end in zip(tokens, ends, strict=True)],
    )


def build_cache(texts: Iterable[str], *, batch_size: int = 64) -> dict[str, Any]:
    """Run the accurate pipeline over ``texts`` and keep each form's most frequent lemma.

    The pipeline reads the tokens of :func:`tokenize` (the same as spaCy's on nearly every text),
    so the forms recorded are exactly the ones :func:`lemmatize` will look up.

    Returns a JSON-ready dict: ``forms`` (exact form -> lemma), ``lower`` (lowercase form ->
    lemma), ``leads`` (lowercase lead word -> the verb lemma the lead fix gives it), and counts.
    The lead fix is switched off while counting, so ``forms`` holds the context-free reading and
    the fix is replayed on top, as in the accurate path.
    """
    from clausekit.lemmas.accurate import LeadVerbs, french_pipeline
    from clausekit.lemmas.leads import lead_forms, strip_number
    from clausekit.segmentation.lexicon import fold

    nlp = french_pipeline()
    exact: dict[str, Counter[str]] = defaultdict(Counter)
    lower: dict[str, Counter[str]] = defaultdict(Counter)
    after: dict[str, Counter[str]] = defaultdict(Counter)  # "previous word<TAB>form"
    todo = list(dict.fromkeys(strip_number(str(t)) for t in texts))
    with nlp.select_pipes(disable=["clausekit_lead_verbs"]):
        docs = (_spacy_doc(nlp, t) for t in todo)
        for doc in nlp.pipe(docs, batch_size=batch_size):
            for t in doc:
                if t.is_punct or t.is_space:
                    continue
                lemma = (t.lemma_ or t.text).lower()
                exact[t.text][lemma] += 1
                lower[t.text.lower()][lemma] += 1
                after[_context_key(doc, t.i)][lemma] += 1

    fixer = LeadVerbs(nlp)
    operative, preamble = lead_forms()
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


def _save_json_gz(data: dict[str, Any], path: str | Path) -> Path:
    from clausekit.atomic import atomic_write

    with (
        atomic_write(path, "wb", encoding=None) as f,
        gzip.GzipFile(fileobj=f, mode="wb", mtime=0) as gz,
    ):
        gz.write(json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8"))
    return Path(path)


def save_cache(cache: dict[str, Any], path: str | Path = CACHE_PATH) -> Path:
    return _save_json_gz(cache, path)


def domain_texts(*, include_annotated: bool = True) -> list[str]:
    """The texts the shipped cache is learned from: seed clauses, the training clauses, and (when
    the shared corpora are present) every ICE paragraph and UNPC dev line, read at build time.

    ``include_annotated=False`` leaves out every annotated clause, so the cache can be checked
    on clauses it never saw.
    """
    from clausekit.segmentation.segmenter import segment_text
    from clausekit.training import corpora
    from clausekit.training.annotations import load_training_data

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


# --- the shipped spaCy data (maintenance) ---------------------------------------------------

LOOKUP_FORMAT = 1
#: Every component of fr_core_news_sm: the exports and the agreement check need its tokenizer only.
_PIPES = ["tok2vec", "morphologizer", "parser", "senter", "attribute_ruler", "lemmatizer", "ner"]


def export_lookup_table(source: str | Path | None = None) -> dict[str, Any]:
    """spaCy's French ``lemma_lookup``, for :func:`save_lookup_table`: a dict with ``lemmas`` and its provenance.

    ``source`` is spacy-lookups-data's ``fr_lemma_lookup.json(.gz)``; by default the one of the
    installed ``spacy_lookups_data`` package. Keeps lowercase forms whose lemma differs from the
    form: the fallback looks up lowercase forms and returns the form itself when it is missing.
    """
    if source is None:
        import spacy_lookups_data

        source = Path(spacy_lookups_data.__file__).parent / "data" / "fr_lemma_lookup.json.gz"
    source = Path(source)
    opener: Any = gzip.open if source.suffix == ".gz" else open
    with opener(source, "rt", encoding="utf-8") as f:
        table = json.load(f)
    lemmas = {}
    for form, lemma in table.items():
        lemma = (lemma[0] if isinstance(lemma, list) else str(lemma)).lower()
        if form == form.lower() and lemma != form:
            lemmas[form] = lemma
    return {
        "format": LOOKUP_FORMAT,
        "source": f"spacy-lookups-data {source.name} (MIT licence, Copyright (c) 2019 ExplosionAI GmbH)",
        "entries_in_source": len(table),
        "lemmas": lemmas,
    }


def save_lookup_table(table: dict[str, Any], path: str | Path = LOOKUP_PATH) -> Path:
    """Write ``table`` (from :func:`export_lookup_table`) as :class:`_SortedLines` reads it.

    Gzipped UTF-8 text: a ``#`` line with the provenance as JSON, then one ``form<TAB>lemma``
    line per entry, sorted by form.
    """
    from clausekit.atomic import atomic_write

    header = {k: v for k, v in table.items() if k != "lemmas"}
    lines = [f"#{json.dumps(header, ensure_ascii=False, sort_keys=True)}"]
    lines += [f"{form}\t{lemma}" for form, lemma in sorted(table["lemmas"].items())]
    with (
        atomic_write(path, "wb", encoding=None) as f,
        gzip.GzipFile(fileobj=f, mode="wb", mtime=0) as gz,
    ):
        gz.write(("\n".join(lines) + "\n").encode("utf-8"))
    return Path(path)


def export_tokenizer_rules() -> dict[str, Any]:
    """The data of spaCy's French tokenizer that :func:`tokenize` reads, as a JSON-ready dict.

    From ``spacy.lang.fr`` (MIT licence): ``specials``, the tokenizer exceptions (string -> token
    texts); ``token_match``, the ``token_match`` patterns with :data:`_ALPHA` for spaCy's letter
    classes and the ~200 hyphenated-prefix patterns folded into one. Raises RuntimeError unless
    ``fr_core_news_sm`` has exactly these exceptions and this ``token_match``.
    """
    import spacy
    from spacy.lang.char_classes import ALPHA, ALPHA_LOWER
    from spacy.lang.fr import punctuation as fr_punct
    from spacy.lang.fr import tokenizer_exceptions as fr_exc
    from spacy.symbols import ORTH

    from clausekit.lemmas.accurate import SPACY_MODEL

    nlp = spacy.load(SPACY_MODEL, exclude=_PIPES)
    tokenizer: Any = nlp.tokenizer
    patterns = fr_exc._regular_exp
    specials = {k: [t[ORTH] for t in v] for k, v in sorted(fr_exc.TOKENIZER_EXCEPTIONS.items())}
    if (
        (fr_punct.HYPHENS, fr_punct.ELISION) != (_HYPHENS, _ELISION)
        or tokenizer.token_match.__self__.pattern
        != "(?iu)" + "|".join(f"(?:{p})" for p in patterns)
        or {k: [t[ORTH] for t in v] for k, v in tokenizer.rules.items()} != specials
    ):
        raise RuntimeError(f"{SPACY_MODEL}'s tokenizer is not spacy.lang.fr's; update the export")
    folded = [fr_exc._hyphen_prefix, fr_exc._elision_prefix, fr_exc._hyphen_combination]
    explicit = patterns[: len(patterns) - sum(map(len, folded))]
    # case-insensitive patterns: µ (micro sign) folds to a Greek letter, which spaCy counts
    a, h, e = _ALPHA.replace(r"\u00b5", ""), _HYPHENS, _ELISION
    tail = rf"{a}(?:{a}|[{h}{e}])*$"
    token_match = [p.replace(f"[{ALPHA_LOWER}]", a).replace(f"[{ALPHA}]", a) for p in explicit]
    token_match += [
        rf"^(?:{'|'.join(fr_exc._hyphen_prefix)})[{h}]{tail}",
        rf"^(?:{'|'.join(fr_exc._elision_prefix)})[{e}]{tail}",
        rf"^{a}+[{h}](?:{'|'.join(fr_exc._hyphen_combination)})[{h}](?:l[{e}])?{a}+$",
    ]
    if max(map(len, token_match)) > 2000:
        raise RuntimeError("a token_match pattern kept one of spaCy's long letter classes")
    return {
        "source": f"spacy.lang.fr of spaCy {spacy.__version__} (MIT licence), as in {SPACY_MODEL} {nlp.meta['version']}",
        "specials": specials,
        "token_match": token_match,
    }


# --- lemmatization ---------------------------------------------------------------------------
def token_agreement(texts: Iterable[str]) -> dict[str, Any]:
    """How often :func:`tokenize` cuts ``texts`` as spaCy's ``fr_core_news_sm`` tokenizer does (JSON-ready).

    Identical texts have the same token texts and offsets; token agreement is the share of
    spaCy's tokens (text and offset) that :func:`tokenize` also produces.
    """
    import spacy

    from clausekit.lemmas.accurate import SPACY_MODEL

    nlp = spacy.load(SPACY_MODEL, exclude=_PIPES)
    texts = list(texts)
    same_texts = shared = total = 0
    diffs: Counter[tuple[str, str]] = Counter()
    examples: dict[tuple[str, str], str] = {}
    for text in texts:
        ours = [(t.text, t.idx) for t in tokenize(text)]
        theirs = [(t.text, t.idx) for t in nlp.tokenizer(text)]
        same_texts += ours == theirs
        total += len(theirs)
        shared += len(set(ours) & set(theirs))
        if ours != theirs:
            only_ours, only_theirs = (
                sorted(set(ours) - set(theirs)),
                sorted(set(theirs) - set(ours)),
            )
            key = (
                " ".join(t for t, _ in only_theirs)[:60],
                " ".join(t for t, _ in only_ours)[:60],
            )
            diffs[key] += 1
            examples.setdefault(key, text[:120])
    return {
        "texts": len(texts),
        "identical_texts": same_texts,
        "identical_share": round(same_texts / len(texts), 5) if texts else None,
        "spacy_tokens": total,
        "token_agreement": round(shared / total, 5) if total else None,
        "top_differences": [
            {"spacy": s, "fastlemma": f, "texts": n, "example": examples[(s, f)]}
            for (s, f), n in diffs.most_common(15)
        ],
    }


def agreement(texts: Iterable[str]) -> dict[str, Any]:
    """Token-level agreement of :func:`lemmatize` with the accurate path on ``texts`` (JSON-ready)."""
    from clausekit.lemmas.accurate import lemmatize as accurate

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


def main(argv: list[str] | None = None) -> None:  # pragma: no cover - maintenance commands
    """Maintenance commands of the fast lemma path (they run spaCy).

    ``build [--strict] [PATH]``: rebuild the lemma cache; ``export-lookups [--source FILE] [PATH]``:
    rebuild the lookup table from spacy-lookups-data; ``export-tokenizer [PATH]``: re-export the
    tokenizer's special cases and token_match patterns from spaCy.
    """
    import argparse

    parser = argparse.ArgumentParser(prog="python -m clausekit.training.lemma_cache", description=main.__doc__)
    parser.add_argument("command", choices=["build", "export-lookups", "export-tokenizer"])
    parser.add_argument("path", nargs="?", help="output file (default: the shipped one)")
    parser.add_argument(
        "--strict",
        action="store_true",
        help="build: leave every annotated clause out (for checking the cache)",
    )
    parser.add_argument(
        "--source",
        help="export-lookups: spacy-lookups-data's fr_lemma_lookup.json.gz (default: the installed package's)",
    )
    args = parser.parse_args(argv)
    if args.command == "build":
        cache = build_cache(domain_texts(include_annotated=not args.strict))
        path = save_cache(cache, args.path or CACHE_PATH)
        print(
            f"{path}: {len(cache['forms'])} forms from {cache['texts']} texts ({cache['tokens']} tokens), {len(cache['leads'])} lead verbs"
        )
    elif args.command == "export-lookups":
        table = export_lookup_table(args.source)
        path = save_lookup_table(table, args.path or LOOKUP_PATH)
        print(
            f"{path}: {len(table['lemmas'])} of {table['entries_in_source']} entries ({path.stat().st_size} bytes)"
        )
    else:
        from clausekit.atomic import atomic_write

        rules = export_tokenizer_rules()
        with atomic_write(args.path or TOKENIZER_RULES_PATH) as f:
            json.dump(rules, f, ensure_ascii=False, indent=1, sort_keys=True)
        print(
            f"{args.path or TOKENIZER_RULES_PATH}: {len(rules['specials'])} special cases, {len(rules['token_match'])} token_match patterns"
        )


if __name__ == "__main__":  # pragma: no cover
    main()
