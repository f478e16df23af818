"""spaCy's French tokenizer replayed in pure Python: the tokens of ``fr_core_news_sm`` without importing spaCy.

The special cases and ``token_match`` patterns are data exported from spaCy
(``data/fr_tokenizer_rules.json``, ``python -m clausekit.training.lemma_cache export-tokenizer``).
:func:`tokenize` gives spaCy's tokens (texts and offsets); ``_pieces`` gives (form, offset)
pairs, the fast lemma path's input. Every rule is linear in the length of a run.

>>> [t.text for t in tokenize("Rappelant sa résolution 54/181, l’Assemblée…")]
['Rappelant', 'sa', 'résolution', '54/181', ',', 'l’', 'Assemblée', '…']
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from clausekit.lemmas.shapes import _ALPHA, _is_alpha, _lowerish, _upperish, elided_or_final_dot  # noqa: F401

_DATA = Path(__file__).resolve().parents[1] / "data"
#: Special cases and ``token_match`` patterns of spaCy's French tokenizer, exported from spaCy.
TOKENIZER_RULES_PATH = _DATA / "fr_tokenizer_rules.json"

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


def _find_prefix(s: str, lo: int = 0, hi: int | None = None) -> int:
    """Length of the prefix of ``s[lo:hi]`` (0 for none), without slicing ``s``."""
    hi = len(s) if hi is None else hi
    if s[lo] in _PREFIX_CHARS or unicodedata.category(s[lo]) == "So":
        return 1
    m = _PREFIX.match(s, lo, hi)  # no look-behind, no anchor: the same as matching s[lo:hi]
    return m.end() - lo if m else 0


#: The longest suffix any rule but the "..." one matches, plus the longest look-behind (2).
_SUFFIX_WINDOW = 2 + max(2, 1 + max(map(len, _HYPHEN_SUFFIXES)), max(map(len, _UNITS + _CURRENCY)), 2)


def _find_suffix(s: str, lo: int = 0, hi: int | None = None) -> int:
    """Length of the suffix of ``s[lo:hi]`` (0: none). Only a run of dots is longer than a few
    characters, so spaCy's search over the whole string is done over a window of its tail."""
    hi = len(s) if hi is None else hi
    dots = 0
    while hi - dots > lo and s[hi - dots - 1] == ".":
        dots += 1
    start = max(lo, hi - max(_SUFFIX_WINDOW, dots + 3))
    tail = s[start:hi]  # a look-behind needs no character before `start` unless start == lo
    m = _SUFFIX.search(tail)
    if m:
        return len(tail) - m.start()
    n = hi - lo
    if n >= 2 and s[hi - 1] == ".":
        if _lowerish(s[hi - 2]) or n >= 3 and _upperish(s[hi - 2]) and _upperish(s[hi - 3]):
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
    token_match_at: Callable[[str, int, int], Any]  # (s, lo, hi): token_match(s[lo:hi])
    longest_special: int  # a longer string is never looked up: hashing it costs its length
    #: special cases the affix rules split, keyed by their first piece (spaCy's special-case matcher)
    merges: dict[str, list[tuple[str, ...]]]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    with open(TOKENIZER_RULES_PATH, encoding="utf-8") as f:
        data = json.load(f)
    specials = {k: tuple(v) for k, v in data["specials"].items()}
    patterns = data["token_match"]
    token_match = re.compile("(?iu)" + "|".join(f"(?:{p})" for p in patterns)).match
    if not all(p.startswith("^") and "(?<" not in p and "\\b" not in p for p in patterns):  # pragma: no cover
        raise RuntimeError(f"{TOKENIZER_RULES_PATH}: token_match patterns must start with ^ and never look behind")
    # anchored, nothing looks before the start: the same patterns matched at a position
    token_match_at = re.compile("(?iu)" + "|".join(f"(?:{p[1:]})" for p in patterns)).match
    rules = _Rules(specials, token_match, token_match_at, max(map(len, specials), default=0), {})
    for string in specials:
        if _find_prefix(string) or _find_suffix(string) or _find_infixes(string) or " " in string:
            pieces = tuple(_split_chunk(string, rules, with_specials=False))
            # a one-token match that changes nothing can be left out; longer ones that change
            # nothing still matter: they keep shorter matches off their tokens ("°c." vs "c.")
            if len(pieces) > 1 or pieces != specials[string]:
                rules.merges.setdefault(pieces[0], []).append(pieces)
    return rules


def _split_chunk(s: str, rules: _Rules, *, with_specials: bool = True) -> list[str]:
    """One whitespace-free chunk -> its token texts (spaCy's ``_split_affixes`` + ``_attach_tokens``).

    Affixes are stripped by moving two indices, each test costing the affix it finds: linear on
    20,000 "(" where spaCy's loop is quadratic, with the same tokens."""
    specials, token_match, token_match_at = rules.specials, rules.token_match, rules.token_match_at
    longest = rules.longest_special
    prefixes: list[str] = []
    suffixes: list[str] = []

    def special(a: int, b: int) -> bool:
        return with_specials and b - a <= longest and s[a:b] in specials

    lo, hi = 0, len(s)
    last_size = 0
    while lo < hi and hi - lo != last_size:
        if token_match_at(s, lo, hi) or special(lo, hi):
            break
        last_size = hi - lo
        pre_len = _find_prefix(s, lo, hi)
        if pre_len and special(lo + pre_len, hi):
            prefixes.append(s[lo : lo + pre_len])
            lo += pre_len
            break
        suf_len = _find_suffix(s, lo + pre_len, hi) if hi - lo > pre_len else 0
        if suf_len and special(lo, hi - suf_len):
            suffixes.append(s[hi - suf_len : hi])
            hi -= suf_len
            break
        if pre_len:
            prefixes.append(s[lo : lo + pre_len])
        if suf_len:
            suffixes.append(s[hi - suf_len : hi])
        lo, hi = lo + pre_len, hi - suf_len
    s = s[lo:hi]

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
    if flags is None and text.isalpha():
        # a word of letters (most new forms): no letter is punctuation, a space or a digit, nor one of
        # like_num's signs, so like_num comes down to the number words (tests/test_tokenizer_speed_equivalence.py)
        flags = _FLAGS[text] = (False, False, text.lower() in _NUM_WORDS)
    elif flags is None:
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
        split = _CHUNKS[run] = rules.specials.get(run) or elided_or_final_dot(run, rules) or tuple(_split_chunk(run, rules))
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
            if run:  # a run of letters is what _split_cached gives it, without the call
                split = (run,) if run.isalpha() and run not in rules.specials else _split_cached(run, rules)
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


