"""A fast lemma path without spaCy: a pure-Python copy of spaCy's French tokenizer plus a domain lemma cache.

:func:`clausekit.lemmas.lemmatize` runs ``tok2vec`` + ``morphologizer`` + the rule lemmatizer
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
  (``data/fr_tokenizer_rules.json``, ``python -m clausekit.fastlemma export-tokenizer``);
- the lead-phrase fix of :mod:`clausekit.lemmas` (a clause-initial "Prie" -> *prier*) uses the
  same lead table and the verb lemmas the fix itself computes, stored in the cache;
- a form missing from the cache falls back to its lowercase form's cache entry, then to
  spaCy's POS-free lookup table, then to the form. The table ships as
  ``data/fr_lemma_lookup.tsv.gz`` (644 kB): ``fr_lemma_lookup`` of spacy-lookups-data 1.0.5
  (MIT licence, Copyright (c) 2019 ExplosionAI GmbH; the same table ``fr_core_news_sm``
  carries), keeping the 212,442 of its 216,849 entries that are lowercase forms with a lemma
  other than the form (for the others the fallback gives the form anyway). It is read only
  when a form the cache lacks turns up, in ~20 ms, and searched by bisection in its sorted
  text rather than turned into a dict (``python -m clausekit.fastlemma export-lookups``
  rebuilds it).

Tagging therefore never imports spaCy; only the maintenance commands (:func:`build_cache`, the
exports, :func:`agreement`, :func:`token_agreement`) do. In a fresh process the first call of
:func:`lemmatize` (import included) takes 0.2–0.3 s on the two-core development machine, plus
~0.03 s when a form the cache lacks makes it read the lookup table; 0.1–0.17 s of it is
importing numpy through :mod:`clausekit.lemmas`. With spaCy's tokenizer and lookup table it
took about 6 s. Warm, it lemmatizes about 280k words/s (the spaCy-tokenizer version: about
130k), with the same output as that version on every seed clause, ICE paragraph, UNPC dev line
and annotated clause (7,031 distinct texts).

:func:`lemmatize` has the signature of :func:`clausekit.lemmas.lemmatize`.

>>> lemmatize(["Exhorte les États à agir"])  # doctest: +SKIP
[['exhorter', 'le', 'état', 'à', 'agir']]
>>> [t.text for t in tokenize("Rappelant sa résolution 54/181, l’Assemblée…")]
['Rappelant', 'sa', 'résolution', '54/181', ',', 'l’', 'Assemblée', '…']
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

_DATA = Path(__file__).resolve().parent / "data"
#: The shipped cache: form -> lemma, learned from the accurate path on the domain texts.
CACHE_PATH = _DATA / "fr_lemma_cache.json.gz"
CACHE_FORMAT = 2
#: spaCy's POS-free French lookup table (lowercase form -> lemma), for forms the cache lacks.
LOOKUP_PATH = _DATA / "fr_lemma_lookup.tsv.gz"
#: Special cases and ``token_match`` patterns of spaCy's French tokenizer, exported from spaCy.
TOKENIZER_RULES_PATH = _DATA / "fr_tokenizer_rules.json"

_LEMMAS: dict[str, list[str]] = {}
_LEMMAS_LIMIT = 200_000
_cache_path: Path = CACHE_PATH


def use_cache(path: str | Path = CACHE_PATH) -> None:
    """Make :func:`lemmatize` read the cache at ``path`` from now on (e.g. one built with ``--strict``
    to measure the fast path on clauses the cache never saw); forgets the lemmas computed so far."""
    global _cache_path
    _cache_path = Path(path)
    _LEMMAS.clear()


# --- the tokenizer ---------------------------------------------------------------------------
#
# spaCy's tokenizer algorithm (spacy/tokenizer.pyx) over the rules of spacy.lang.fr: split on
# whitespace; strip prefixes and suffixes until the rest is a special case or matches
# token_match; split the rest on infixes unless it matches token_match or url_match; then merge
# adjacent tokens that spell a special case containing an affix ("n" "°" -> "n°"). spaCy's
# letter classes are long code-point lists; here letters are [^\W\d_], and the case conditions
# of the "." suffix and infix rules are checked with str methods.

_ELISION = "'’"
_HYPHENS = "-–—‐‑"  # spacy.lang.fr.punctuation.HYPHENS
# Letters: \w without digits and "_", and without the letter-like characters spaCy's ALPHA leaves
# out that occur in Latin text (ª º µ, superscripts and fractions, roman numerals, ligatures).
_ALPHA = r"[^\W\d_\u00aa\u00b2\u00b3\u00b5\u00b9\u00ba\u00bc-\u00be\u2070-\u209c\u2150-\u2189\ufb00-\ufb06]"
_is_alpha = re.compile(_ALPHA).match
_QUOTES = "'\"”“`‘´’‚,„»«「」『』（）〔〕【】《》〈〉〈〉⟦⟧"
_PUNCT = "…,:;!?¿؟¡()[]{}<>_#*&。？！，、；：～·।،۔؛٪"
_CURRENCY = ["US$", "C$", "A$", *"$£€¥฿₽﷼₴₠₡₢₣₤₥₦₧₨₩₪₫₭₮₯₰₱₲₳₵₶₷₸₹₺₻₼₾₿"]
_UNITS = (
    "km km² km³ m m² m³ dm dm² dm³ cm cm² cm³ mm mm² mm³ ha µm nm yd in ft kg g mg µg t lb oz "
    "m/s km/h kmh mph hPa Pa mbar mb MB kb KB gb GB tb TB T G M K % км км² км³ м м² м³ дм дм² "
    "дм³ см см² см³ мм мм² мм³ нм кг г мг м/с км/ч кПа Па мбар Кб КБ кб Мб МБ мб Гб ГБ гб Тб ТБ "
    "тбكم كم² كم³ م م² م³ سم سم² سم³ مم مم² مم³ كم غرام جرام جم كغ ملغ كوب اكواب"
).split()
_HYPHEN_SUFFIXES = "ce clés elle en il ils je là moi nous on t vous".split()

# One-character prefixes ("§ % = — –", punctuation, quotes, currency signs; symbols of category
# So are checked apart), then the longer ones. spaCy takes the first rule that matches.
_PREFIX_CHARS = frozenset("§%=—–" + _PUNCT + _QUOTES + "".join(c for c in _CURRENCY if len(c) == 1))
_PREFIX = re.compile(rf"\+(?![0-9])|\.\.+|US\$|C\$|A\$|[dlnDLN][{_ELISION}](?={_ALPHA})")


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in words)


# spaCy searches "alt1$|alt2$|...", so the longest suffix any rule matches wins; the two
# case-dependent "." rules (after a lowercase letter, after two capitals) are one character
# long and are tried by _find_suffix when this finds nothing.
_SUFFIX = re.compile(
    "(?:"
    + "|".join(
        [
            "……",
            r"\.\.+",
            f"[{re.escape(_PUNCT + _QUOTES)}]",
            r"(?<=[0-9])\+",
            r"(?<=°[FfCcKk])\.",
            rf"(?<=[0-9])(?:{_alternation(_CURRENCY)})",
            rf"(?<=[0-9])(?:{_alternation(_UNITS)})",
            rf"(?<=[0-9%²\-+(?:){re.escape(_QUOTES)}])\.",
            rf"(?<={_ALPHA})[{_HYPHENS}]"
            rf"(?:{'|'.join(_HYPHEN_SUFFIXES + [w.upper() for w in _HYPHEN_SUFFIXES])})",
        ]
    )
    + ")$"
)

# spaCy's infixes, in its order. "icon" and "dot" match more than spaCy's rules and are checked
# in _find_infixes; a rejected match stands on a character no later rule splits on.
_INFIX = re.compile(
    "|".join(
        [
            r"\.\.+",
            "…",
            rf"(?P<icon>[^\w\s{re.escape('.…+*^,:<>=/~' + _HYPHENS + _ELISION)}])",
            r"(?<=[0-9])[+\-*^](?=[0-9-])",
            rf"(?P<dot>(?<=\w|[{_QUOTES}])\.(?=\w|[{_QUOTES}]))",
            rf"(?<={_ALPHA}),(?={_ALPHA})",
            rf"(?<={_ALPHA})(?:-|–|—|--|---|——|~)(?={_ALPHA})",
            rf"(?:(?<={_ALPHA})|(?<=[0-9]))[:<>=/](?={_ALPHA})",
            rf"(?<={_ALPHA}[{_ELISION}])(?={_ALPHA})",
        ]
    )
)

# spaCy's URL_MATCH (spacy/lang/tokenizer_exceptions.py, after Diego Perini's, MIT). Its
# top-level domain is lowercase letters: capitals of the Latin, Greek and Cyrillic alphabets are
# ruled out here (so the regex backtracks as spaCy's does), the rarer ones by _url_match.
_URL = re.compile(
    r"^(?:(?:[\w\+\-\.]{2,})://)?(?:\S+(?::\S*)?@)?(?:"
    r"(?!(?:10|127)(?:\.\d{1,3}){3})(?!(?:169\.254|192\.168)(?:\.\d{1,3}){2})"
    r"(?!172\.(?:1[6-9]|2\d|3[0-1])(?:\.\d{1,3}){2})"
    r"(?:[1-9]\d?|1\d\d|2[01]\d|22[0-3])(?:\.(?:1?\d{1,2}|2[0-4]\d|25[0-5])){2}"
    r"(?:\.(?:[1-9]\d?|1\d\d|2[0-4]\d|25[0-4]))"
    r"|(?:(?:[A-Za-z0-9\u00a1-\uffff][A-Za-z0-9\u00a1-\uffff_-]{0,62})?[A-Za-z0-9\u00a1-\uffff]\.)+"
    rf"(?P<tld>(?:(?![A-ZÀ-ÖØ-ÞΑ-ΩЀ-Я]){_ALPHA}){{2,63}}))(?::\d{{2,5}})?(?:[/?#]\S*)?$"
)


def _lowerish(c: str) -> bool:
    """spaCy's ALPHA_LOWER: lowercase letters and letters of scripts without case."""
    return _is_alpha(c) is not None and not (c.isupper() or c.istitle())


def _upperish(c: str) -> bool:
    """spaCy's ALPHA_UPPER: capitals and letters of scripts without case (not "ǅ")."""
    return _is_alpha(c) is not None and not (c.islower() or c.istitle() and not c.isupper())


def _find_prefix(s: str) -> int:
    if s[0] in _PREFIX_CHARS or unicodedata.category(s[0]) == "So":
        return 1
    m = _PREFIX.match(s)
    return m.end() if m else 0


def _find_suffix(s: str) -> int:
    m = _SUFFIX.search(s)
    if m:
        return len(s) - m.start()
    if len(s) >= 2 and s[-1] == ".":
        if _lowerish(s[-2]) or len(s) >= 3 and _upperish(s[-2]) and _upperish(s[-3]):
            return 1
    return 0


def _find_infixes(s: str) -> list[tuple[int, int]]:
    out = []
    for m in _INFIX.finditer(s):
        if m.lastgroup == "icon" and unicodedata.category(m.group()) != "So":
            continue
        if m.lastgroup == "dot":
            before, after = s[m.start() - 1], s[m.end()]
            if not (_lowerish(before) or before in _QUOTES):
                continue
            if not (_upperish(after) or after in _QUOTES):
                continue
        out.append(m.span())
    return out


def _url_match(s: str) -> bool:
    m = _URL.match(s)
    return m is not None and (m["tld"] is None or all(_lowerish(c) for c in m["tld"]))


class _Rules(NamedTuple):
    specials: dict[str, tuple[str, ...]]
    token_match: Callable[[str], Any]
    #: special cases the affix rules split, keyed by their first piece (spaCy's special-case matcher)
    merges: dict[str, list[tuple[str, ...]]]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    with open(TOKENIZER_RULES_PATH, encoding="utf-8") as f:
        data = json.load(f)
    specials = {k: tuple(v) for k, v in data["specials"].items()}
    token_match = re.compile("(?iu)" + "|".join(f"(?:{p})" for p in data["token_match"])).match
    rules = _Rules(specials, token_match, {})
    for string in specials:
        if _find_prefix(string) or _find_suffix(string) or _find_infixes(string) or " " in string:
            pieces = tuple(_split_chunk(string, rules, with_specials=False))
            # a one-token match that changes nothing can be left out; longer ones that change
            # nothing still matter: they keep shorter matches off their tokens ("°c." vs "c.")
            if len(pieces) > 1 or pieces != specials[string]:
                rules.merges.setdefault(pieces[0], []).append(pieces)
    return rules


def _split_chunk(s: str, rules: _Rules, *, with_specials: bool = True) -> list[str]:
    """One whitespace-free chunk -> its token texts (spaCy's ``_split_affixes`` + ``_attach_tokens``)."""
    specials, token_match = rules.specials, rules.token_match
    prefixes: list[str] = []
    suffixes: list[str] = []
    last_size = 0
    while s and len(s) != last_size:
        if token_match(s) or with_specials and s in specials:
            break
        last_size = len(s)
        pre_len = _find_prefix(s)
        if pre_len and with_specials and s[pre_len:] in specials:
            prefixes.append(s[:pre_len])
            s = s[pre_len:]
            break
        suf_len = _find_suffix(s[pre_len:]) if len(s) > pre_len else 0
        if suf_len and with_specials and s[:-suf_len] in specials:
            suffixes.append(s[-suf_len:])
            s = s[:-suf_len]
            break
        if pre_len:
            prefixes.append(s[:pre_len])
        if suf_len:
            suffixes.append(s[-suf_len:])
        s = s[pre_len : len(s) - suf_len]

    out = prefixes
    if s:
        if with_specials and s in specials:
            out.extend(specials[s])
        elif token_match(s) or _url_match(s):
            out.append(s)
        else:
            start = 0
            for a, b in _find_infixes(s):
                if a == 0:  # spaCy ignores an infix at the very start
                    continue
                if a != start:
                    out.append(s[start:a])
                if a != b:
                    out.append(s[a:b])
                start = b
            if s[start:]:
                out.append(s[start:])
    out.extend(reversed(suffixes))
    return out


class Token(NamedTuple):
    """A token of :func:`tokenize`: its text, character offset and index, and spaCy's lexical flags."""

    text: str
    idx: int
    i: int
    is_punct: bool
    is_space: bool
    like_num: bool


_NUM_WORDS = frozenset(
    """zero un une deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze
    seize dix-sept dix-huit dix-neuf vingt trente quarante cinquante soixante soixante-dix septante
    quatre-vingt huitante quatre-vingt-dix nonante cent mille mil million milliard billion
    quadrillion quintillion sextillion septillion octillion nonillion decillion premier première
    deuxième second seconde troisième quatrième cinquième sixième septième huitième neuvième
    dixième onzième douzième treizième quatorzième quinzième seizième dix-septième dix-huitième
    dix-neuvième vingtième trentième quarantième cinquantième soixantième soixante-dixième
    septantième quatre-vingtième huitantième quatre-vingt-dixième nonantième centième millième
    millionnième milliardième billionnième quadrillionnième quintillionnième sextillionnième
    septillionnième octillionnième nonillionnième decillionnième""".split()
)  # spacy.lang.fr.lex_attrs


def _like_num(text: str) -> bool:
    """spaCy's French ``like_num``."""
    if text.startswith(("+", "-", "±", "~")):
        text = text[1:]
    text = text.replace(",", "").replace(".", "")
    if text.isdigit():
        return True
    if text.count("/") == 1:
        num, denom = text.split("/")
        if num.isdigit() and denom.isdigit():
            return True
    return text.lower() in _NUM_WORDS


def _flags(text: str) -> tuple[bool, bool, bool]:
    """``(is_punct, is_space, like_num)`` as spaCy's lexical attributes compute them."""
    flags = _FLAGS.get(text)
    if flags is None:
        flags = _FLAGS[text] = (
            all(unicodedata.category(c).startswith("P") for c in text),
            text.isspace(),
            _like_num(text),
        )
    return flags


_FLAGS: dict[str, tuple[bool, bool, bool]] = {}
_new_token = tuple.__new__  # Token(...) without the keyword handling of NamedTuple.__new__
_CHUNKS: dict[str, tuple[str, ...]] = {}
_CHUNKS_LIMIT = 500_000
_RUNS = re.compile(r"\s+|\S+")


_OTHER_SPACE = re.compile(r"[^\S ]")  # whitespace other than a plain space


def _split_cached(run: str, rules: _Rules) -> tuple[str, ...]:
    """:func:`_split_chunk` of one whitespace-free run, remembered; a run of letters only is one token.

    No prefix, suffix or infix rule of spaCy's French tokenizer matches inside letters alone,
    and a final comma, semicolon or colon after letters is always a suffix of its own (checked
    on every word of clausekit's French frequency table, lower case, capitalised and upper
    case: ``tests/test_fastlemma.py``); such runs need no rule unless a special case names them.
    """
    split = _CHUNKS.get(run)
    if split is None:
        if run.isalpha() and run not in rules.specials:
            return (run,)
        if run[-1] in ",;:" and run[:-1].isalpha() and run not in rules.specials and run[:-1] not in rules.specials:
            return (run[:-1], run[-1])
        if len(_CHUNKS) >= _CHUNKS_LIMIT:
            _CHUNKS.clear()
        split = _CHUNKS[run] = rules.specials.get(run) or tuple(_split_chunk(run, rules))
    return split


def _merge_specials(pieces: list[tuple[str, int]], rules: _Rules) -> list[tuple[str, int]]:
    """spaCy's special-case matcher: adjacent tokens that spell a special case become its tokens.

    Matches are taken longest first, then leftmost, each token in one match at most; a match
    whose tokens have spaces between them is left alone.
    """
    found = []
    merges, end = rules.merges, len(pieces)
    for k, (text, _) in enumerate(pieces):
        for seq in merges.get(text, ()):
            n = len(seq)
            if n == 1 or (
                k + n <= end
                and pieces[k + 1][0] == seq[1]
                and all(pieces[k + j][0] == seq[j] for j in range(2, n))
            ):
                found.append((n, k))
    if not found:
        return pieces
    seen: set[int] = set()
    keep: dict[int, int] = {}
    for n, k in sorted(found, key=lambda f: (-f[0], f[1])):
        if k not in seen and k + n - 1 not in seen:
            keep[k] = n
        seen.update(range(k, k + n))
    out = []
    k = 0
    while k < len(pieces):
        if k not in keep:
            out.append(pieces[k])
            k += 1
            continue
        n = keep[k]
        run = pieces[k : k + n]
        start = run[0][1]
        text = "".join(t for t, _ in run)
        if run[-1][1] + len(run[-1][0]) - start == len(text):
            for piece in rules.specials[text]:
                out.append((piece, start))
                start += len(piece)
        else:
            out.extend(run)
        k += n
    return out


def tokenize(text: str) -> list[Token]:
    """``text`` cut into tokens as spaCy's ``fr_core_news_sm`` tokenizer cuts it, without spaCy.

    A single space after a token belongs to it; other whitespace runs are tokens (``is_space``).

    >>> [t.text for t in tokenize("Prie le Secrétaire général (A/75/1) de faire rapport.")]
    ['Prie', 'le', 'Secrétaire', 'général', '(', 'A/75/1', ')', 'de', 'faire', 'rapport', '.']
    """
    flags = _FLAGS
    return [
        _new_token(Token, (t, idx, i, *(flags.get(t) or _flags(t))))
        for i, (t, idx) in enumerate(_pieces(text))
    ]


def _pieces(text: str) -> list[tuple[str, int]]:
    """``(text, offset)`` of each token of :func:`tokenize`, without building :class:`Token` records."""
    rules = _rules()
    pieces: list[tuple[str, int]] = []
    if text[:1] != " " and "  " not in text and not _OTHER_SPACE.search(text):
        # the usual clause: words separated by single spaces, each space belonging to the word before
        start = 0
        for run in text.split(" "):
            if run:
                split = _split_cached(run, rules)
                if len(split) == 1:
                    pieces.append((split[0], start))
                else:
                    at = start
                    for piece in split:
                        pieces.append((piece, at))
                        at += len(piece)
            start += len(run) + 1
    else:
        after_word = False
        for m in _RUNS.finditer(text):
            run, start = m.group(), m.start()
            if run[0].isspace():
                if after_word and run[0] == " ":  # spaCy's "trailing space" of the previous token
                    run, start = run[1:], start + 1
                if run:
                    pieces.append((run, start))
                after_word = False
                continue
            after_word = True
            for piece in _split_cached(run, rules):
                pieces.append((piece, start))
                start += len(piece)
    if rules.merges:
        pieces = _merge_specials(pieces, rules)
    return pieces


# --- the cache -----------------------------------------------------------------------------


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
    from clausekit.lemmas import _lead_forms, _LeadVerbs, french_pipeline, strip_number
    from clausekit.lexicon import fold

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


def _save_json_gz(data: dict[str, Any], path: str | Path) -> Path:
    from clausekit.io import atomic_write

    with (
        atomic_write(path, "wb", encoding=None) as f,
        gzip.GzipFile(fileobj=f, mode="wb", mtime=0) as gz,
    ):
        gz.write(json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8"))
    return Path(path)


def save_cache(cache: dict[str, Any], path: str | Path = CACHE_PATH) -> Path:
    return _save_json_gz(cache, path)


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
    from clausekit.io import atomic_write

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

    from clausekit.lemmas import SPACY_MODEL

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
            f"lemma lookup table not found: {LOOKUP_PATH}; rebuild it with: python -m clausekit.fastlemma export-lookups"
        ) from exc


@lru_cache(maxsize=1)
def _lead_tables() -> tuple[frozenset[str], frozenset[str]]:
    from clausekit.lemmas import _lead_forms
    from clausekit.lexicon import fold

    operative, preamble = _lead_forms()
    return frozenset(fold(w) for w in operative), frozenset(
        fold(w) for w in preamble if fold(w).endswith("ant")
    )


def _lead_index(text: str, pieces: list[tuple[str, int]]) -> int | None:
    """Index of the token the accurate path's lead fix would rewrite, as in ``lemmas._LeadVerbs``."""
    from clausekit.lemmas import _BEFORE_VERB
    from clausekit.lexicon import fold, match_lead

    operative, participles = _lead_tables()
    for i, (form, idx) in enumerate(pieces[:4]):
        is_punct, _, like_num = _FLAGS.get(form) or _flags(form)
        if is_punct or like_num or len(form) == 1 and form.isalpha():
            continue
        key = fold(form)
        if key in _BEFORE_VERB:
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

    Same signature and output as :func:`clausekit.lemmas.lemmatize`, from :func:`tokenize` and
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
            _LEMMAS[text] = _lemmas(text, _pieces(text), cache, after_forms)
    return [list(_LEMMAS[t]) for t in texts]


def token_agreement(texts: Iterable[str]) -> dict[str, Any]:
    """How often :func:`tokenize` cuts ``texts`` as spaCy's ``fr_core_news_sm`` tokenizer does (JSON-ready).

    Identical texts have the same token texts and offsets; token agreement is the share of
    spaCy's tokens (text and offset) that :func:`tokenize` also produces.
    """
    import spacy

    from clausekit.lemmas import SPACY_MODEL

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


def main(argv: list[str] | None = None) -> None:  # pragma: no cover - maintenance commands
    """Maintenance commands of the fast lemma path (they run spaCy).

    ``build [--strict] [PATH]``: rebuild the lemma cache; ``export-lookups [--source FILE] [PATH]``:
    rebuild the lookup table from spacy-lookups-data; ``export-tokenizer [PATH]``: re-export the
    tokenizer's special cases and token_match patterns from spaCy.
    """
    import argparse

    parser = argparse.ArgumentParser(prog="python -m clausekit.fastlemma", description=main.__doc__)
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
        from clausekit.io import atomic_write

        rules = export_tokenizer_rules()
        with atomic_write(args.path or TOKENIZER_RULES_PATH) as f:
            json.dump(rules, f, ensure_ascii=False, indent=1, sort_keys=True)
        print(
            f"{args.path or TOKENIZER_RULES_PATH}: {len(rules['specials'])} special cases, {len(rules['token_match'])} token_match patterns"
        )


if __name__ == "__main__":  # pragma: no cover
    main()
