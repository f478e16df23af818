"""OCR repair of French text: a word-frequency lexicon plus a small table of OCR confusions.

The repair proposes :class:`Edit` records (offsets into the input) that the normalizer
applies through its offset-keeping rewriter; :func:`repair` applies them directly.

Why a frequency lexicon rather than a hand list of damaged words: OCR damage is open-ended
(any accented word can lose or swap its accent, any word can gain a stray letter), so a
list of known misreadings only ever covers the documents it was written from. ``wordfreq``
gives the frequency of ~300 000 French word forms, inflections included, so every form is
covered, and the frequencies let the repair be *conservative*: a token is changed only
when it is unknown or far rarer than a candidate that a known OCR confusion turns it
into. That keeps correct but rare words (and real homographs such as ``publie``/``publié``)
untouched, which a hand list cannot judge.

How a token is repaired:

1. Its *skeleton* (lower case, diacritics stripped, ``œ`` → ``oe``, ``ç`` → ``c``) is looked
   up in an index of the lexicon (precomputed from ``wordfreq`` and shipped, see
   :mod:`clausekit.text.frequency`); the most frequent form
   with that skeleton is the accent-restoring candidate (``Etat`` → ``État``,
   ``troisiéme`` → ``troisième``).
2. The confusion table (``CONFUSIONS``: ``g`` → ``ç``/``q``, ``ce`` → ``œ``, ``l``/``(``/``t``
   → ``û``, ``é``/``d`` → ``ô``, ``rn`` → ``m``, ``n`` → ``h``) and single-letter deletions
   give more candidates, each again looked up by skeleton; they are used only when the
   token is unknown or rare.
3. The most frequent candidate wins if the margin rules in :func:`_choose` accept it.

Context rules handle what a lexicon cannot: ``I'``/``| '``/``1'`` → ``l'``, a lost ``l`` or
apostrophe (`` 'aide``, ``s acquitter``), a space after an elision, standalone ``&`` → ``à``,
``1°"`` → ``1er``, and ``a`` → ``à`` unless ``a`` is the verb *avoir* (followed by a past
participle, possibly after adverbs, or by ``le``/``les``/``pour``…; or preceded by a subject
pronoun or ``qui``). All-caps tokens, tokens inside symbols (``A/HRC/52/80``) and
non-initial capitalised words (beyond accent restoration) are left alone; ``?`` footnote
markers are not touched.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from clausekit.text import frequency
from clausekit.text.frequency import skeleton
from clausekit.text.ocr_verb_a import _a_is_verb

__all__ = ["Edit", "ocr_edits", "repair", "looks_ocr_damaged", "CONFUSIONS"]


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` with ``replacement``; ``rule`` names the repair."""

    start: int
    end: int
    replacement: str
    rule: str


# OCR reading → what it usually stands for, on lower-cased tokens. Accent-only confusions
# (e → é/è/ê, a → à/â, i → î, o → ô, u → û/ù, é ↔ è …) need no entry: the skeleton lookup
# covers every one of them at once.
CONFUSIONS: tuple[tuple[str, str], ...] = (
    ("ce", "œ"),
    ("g", "ç"),
    ("g", "q"),
    ("l", "û"),
    ("(", "û"),
    ("t", "û"),
    ("é", "ô"),
    ("é", "â"),
    ("d", "ô"),
    ("rn", "m"),
    ("n", "h"),
)

_DIACRITICS = frozenset("àâäáéèêëîïíôöóûùüúçÿœæ")
_DROP_DIACRITICS = str.maketrans("", "", "".join(_DIACRITICS))

_APOS = "'’ʼ"
_LETTER = r"[^\W\d_]"
# Speed: a pattern that starts with a look-behind makes the engine try it at every character of
# the text. Where a match starts with a known character, the patterns below test that character
# first: "([I|1])(?<![\w/][I|1])" means "(?<![\w/])([I|1])", "a(?<![...]a)" means "(?<![...])a",
# or they open with a look-ahead at it, "(?=[1lI])". Same matches, scans several times faster.

# A word: letters, possibly with one "(" between letters (OCR of û: "ao(t").
_WORD_RE = re.compile(rf"{_LETTER}+(?:\({_LETTER}+(?![\w)]))?")
# "I'", "I’ ", "| '", "1'" before a letter: a misread elided article l'.
_APOS_L_RE = re.compile(rf"([I|1])(?<![\w/][I|1])\s?([{_APOS}])\s?(?={_LETTER})")
# Elided word followed by a stray space: "d’ impartialité".
_APOS_SPACE_RE = re.compile(
    rf"(?=[lLdDjJmMnNsStTcCqQpP])"
    rf"(?<![\w])((?:[lLdDjJmMnNsStTcC]|[qQ]u|[lL]orsqu|[pP]uisqu|[jJ]usqu)[{_APOS}])[ \t]+(?={_LETTER})"
)
# Lost "l" of l': "solliciter ’aide".
_LOST_L_RE = re.compile(rf"([{_APOS}])(?<=[^\W\d_][ \t][{_APOS}])(?=[aeiouyhàâéèêîôû]{_LETTER})")
# Lost apostrophe: "s acquitter".
_LOST_APOS_RE = re.compile(r"(?<![\w'’\-./])([lsdnjc]|qu)[ \t](?=[aeiouyhéèêàâîô][^\W\d_])")
_AMPERSAND_RE = re.compile(r"&(?<=\s&)(?=\s)")
# An apostrophe before a letter: the word after it may be elided (l'homme).
_ELISION_RE = re.compile(rf"[{_APOS}](?={_LETTER})")
_MONTHS = (
    r"janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu(lti]t|septembre|octobre|"
    r"novembre|d[ée]cembre"
)
_ORDINAL_RE = re.compile(
    rf"(?=[1lI])(?<![\w])(?:1\s?°\s?[\"”'’r]|1\s?°(?=\s+(?:{_MONTHS})\b)|[lI]er(?=\s+(?:{_MONTHS})\b))"
)
_A_RE = re.compile(r"a(?<![\w'’\-*]a)(?![\w'’\-)\u0300-\u036f])")


@lru_cache(maxsize=1)
def _accented_winners() -> dict[str, str]:
    """Skeleton -> its most frequent form, where that form differs from the skeleton (shipped table)."""
    return {skeleton(word): word for word in frequency.skeleton_winners()}


def _most_frequent_form(skeleton: str) -> str | None:
    """The most frequent French word with this skeleton (``etat`` -> ``état``), or None."""
    word = _accented_winners().get(skeleton)
    if word is not None:
        return word
    return skeleton if skeleton.isalpha() and frequency.centibels(skeleton) is not None else None


_zipf = frequency.zipf
_known = frequency.known  # zipf(w) >= 1.0
_is_english = frequency.is_english


_skeleton = skeleton


def _n_diacritics(word: str) -> int:
    return len(word) - len(word.translate(_DROP_DIACRITICS))  # counts in C, not one test a character


def _variants(word: str, keep_first: bool = True) -> set[str]:
    """One confusion-table substitution or one deleted inner character (lower-case input).

    Stray OCR letters sit inside words; deleting a first letter is allowed only after an
    elision (``l'lhomme``), and a last letter never (that would strip plural/feminine).
    """
    out: set[str] = set()
    for src, dst in CONFUSIONS:
        start = word.find(src)
        while start != -1:
            out.add(word[:start] + dst + word[start + len(src) :])
            start = word.find(src, start + 1)
    for i in range(0 if not keep_first else 1, len(word) - 1):
        out.add(word[:i] + word[i + 1 :])
    out.discard(word)
    return {v for v in out if v and "(" not in v}


def _lookup(form: str) -> tuple[str, float] | None:
    word = _most_frequent_form(_skeleton(form))
    if word is None:
        return None
    return word, _zipf(word)


_VOWEL_START = "aeiouyhàâéèêëîïôûœ"
#: Tokens longer than this are never repaired: no French word is (anticonstitutionnellement has
#: 25 letters), and each try costs the token's length in variants (the two-step search after an
#: elision its cube), so an 800-character junk token must not be tried at all.
MAX_REPAIR_LENGTH = 40
#: The two-step search (l' + "lhnomme") only for tokens up to this length.
MAX_TWO_STEP_LENGTH = 24
_FOREIGN = frozenset("áíóúñãõøåščžł")


@lru_cache(maxsize=200_000)
def _choose(word: str, after_elision: bool, proper: bool, capital: bool = False) -> str | None:
    """Best repair of a lower-case token, or None to keep it.

    ``after_elision``: the token follows l'/d'/qu', so a consonant start (other than h) is
    impossible. ``proper``: capitalised mid-sentence, so only accent restoration is allowed.
    """
    if len(word) > MAX_REPAIR_LENGTH or any(ch in _FOREIGN for ch in word):
        return None
    z0 = 0.0 if "(" in word else _zipf(word)
    if after_elision and word[0] not in _VOWEL_START:
        z0 = 0.0
    # 1. Accent restoration / correction: same skeleton, most frequent form.
    accent: tuple[float, str] | None = None
    hit = None if "(" in word else _lookup(word)
    if hit is not None and hit[0] != word and _n_diacritics(hit[0]) >= _n_diacritics(word):
        cand, zc = hit
        gain = zc - z0
        if after_elision and cand[0] not in _VOWEL_START:
            pass
        elif _n_diacritics(word) and z0 > 0.0:
            # An accent was read but maybe the wrong one: only a clear winner replaces it.
            if gain >= 2.0:
                accent = (zc, cand)
        elif (z0 == 0.0 and zc >= 1.5) or (z0 < 3.0 and gain >= 1.0) or gain >= 1.5:
            accent = (zc, cand)
    if proper or z0 >= 2.3 or (capital and z0 > 0.0):
        return accent[1] if accent else None
    # 2. Confusion-table substitutions and single deletions, for unknown or rare tokens.
    best: tuple[float, str] | None = None
    variants = sorted(_variants(word, keep_first=not after_elision))  # sorted: ties break the same way in every run
    # A variant that is itself a common word keeps the accents the OCR did read
    # (rencontreés → rencontrés): prefer it to forms found only through the skeleton.
    exact = [(_zipf(v), v) for v in variants if _n_diacritics(v) and "(" not in v]
    exact = [
        x for x in exact if x[0] >= 2.5 and not (after_elision and x[1][0] not in _VOWEL_START)
    ]
    if exact and z0 == 0.0:
        return max(exact)[1]
    for form in variants:
        hit = _lookup(form)
        if hit is None:
            continue
        cand, zc = hit
        if after_elision and cand[0] not in _VOWEL_START:
            continue
        if best is None or zc > best[0]:
            best = (zc, cand)
    if (
        best is not None
        and ((z0 == 0.0 and best[0] >= 2.5) or best[0] - z0 >= 3.0)
        and (accent is None or best[0] >= accent[0] + 0.5)
    ):
        return best[1]
    if accent is not None:
        return accent[1]
    if after_elision and z0 == 0.0 and 3 < len(word) <= MAX_TWO_STEP_LENGTH:
        # Two steps (l' + "lhnomme"): unknown tokens only, common targets only.
        best = None
        for form in sorted(_variants(word, keep_first=False)):
            for form2 in _variants(form, keep_first=False):
                hit = _lookup(form2)
                if (
                    hit
                    and hit[1] >= 3.5
                    and hit[0][0] in _VOWEL_START
                    and (best is None or hit[1] > best[0])
                ):
                    best = (hit[1], hit[0])
        if best is not None:
            return best[1]
    return None


def _match_case(cand: str, token: str) -> str:
    if token[0].isupper():
        return cand[0].upper() + cand[1:]
    return cand


_INITIAL_RE = re.compile(r"(?:^|[\n!?:;«]|(?<!\b[A-Z])\.|\d\.?|\*)[ \t]*$")


def _is_initial(text: str, start: int) -> bool:
    """True at the start of the text, a line, a sentence or a numbered paragraph."""
    window = text[max(0, start - 12) : start]
    if start > 12:
        window = "x" + window  # so that ^ means the start of the text only
    return _INITIAL_RE.search(window) is not None


def ocr_edits(text: str) -> list[Edit]:
    """Non-overlapping edits, sorted by start, that repair OCR damage in ``text``.

    >>> [e.replacement for e in ocr_edits("les droits de I'homme a Geneve")]
    ["l'", 'à', 'Genève']
    """
    edits: list[Edit] = []
    elided_word_starts: set[int] = set()

    for m in _APOS_L_RE.finditer(text):
        letter = "L" if _is_initial(text, m.start()) and m.group(1) != "1" else "l"
        edits.append(Edit(m.start(), m.end(), letter + m.group(2), "apostrophe-l"))
        elided_word_starts.add(m.end())
    taken = {e.start for e in edits}
    for m in _APOS_SPACE_RE.finditer(text):
        if m.start() in taken or any(e.start <= m.start() < e.end for e in edits):
            continue
        edits.append(Edit(m.start(), m.end(), m.group(1), "apostrophe-space"))
        if m.group(1)[0] in "lL":
            elided_word_starts.add(m.end())
    for m in _LOST_L_RE.finditer(text):
        edits.append(Edit(m.start(), m.end(), "l" + m.group(1), "apostrophe-l"))
        elided_word_starts.add(m.end())
    for m in _LOST_APOS_RE.finditer(text):
        edits.append(Edit(m.start(), m.end(), m.group(1) + "'", "apostrophe-missing"))
    for m in _ORDINAL_RE.finditer(text):
        edits.append(Edit(m.start(), m.end(), "1er", "ordinal"))
    for m in _ELISION_RE.finditer(text):
        word_start = m.end()
        before = text[max(0, word_start - 3) : word_start - 1]
        if re.search(r"(?:^|[^\w])[lL]$", before):
            elided_word_starts.add(word_start)

    # Lexicon repair, token by token.
    words: list[tuple[int, int, str]] = []  # (start, end, repaired lower-case form)
    for m in _WORD_RE.finditer(text):
        token = m.group(0)
        s, e = m.start(), m.end()
        lower = token.lower()
        words.append((s, e, lower))
        if len(token) < 2 or (token.isupper() and len(token) > 1):
            continue
        if not (token.islower() or (token[0].isupper() and token[1:].islower())):
            continue
        prev_ch = text[s - 1] if s else ""
        next_ch = text[e] if e < len(text) else ""
        if (
            prev_ch.isdigit()
            or prev_ch in "/_"
            or next_ch in "/_"
            or prev_ch == "."
            and s > 1
            and text[s - 2].isalnum()
        ):
            continue
        capital = token[0].isupper()
        proper = capital and not _is_initial(text, s)
        if capital and _is_english(lower):
            continue  # English names and titles quoted in French text
        cand = _choose(lower, s in elided_word_starts, proper, capital)
        if cand is None and capital and lower[0] in "eaiou":
            # Capitals often lose their accent in print and OCR (Etat, Egalement, A).
            hit = _lookup(lower)
            if (
                hit
                and hit[0][1:] == lower[1:]
                and hit[0][0] != lower[0]
                and hit[1] - _zipf(lower) >= 0.3
            ):
                cand = hit[0]
        if cand is not None and cand != lower:
            edits.append(Edit(s, e, _match_case(cand, token), "lexicon"))
            words[-1] = (s, e, cand)

    # Contextual a / & → à (after lexicon repair, so "a adopte" sees "adopté").
    word_starts = [s for s, _, _ in words]
    for m in _A_RE.finditer(text):
        i = bisect.bisect_left(word_starts, m.start())
        if i >= len(words) or words[i][0] != m.start():
            continue
        prev = words[i - 1][2] if i else ""
        between = text[words[i - 1][1] : m.start()] if i else ""
        if any(ch in between for ch in _APOS):
            continue  # l'a, n'a, qu'a
        if re.search(r"[.!?;:]\s*$|^\s*$", text[max(0, m.start() - 3) : m.start()]) and not prev:
            continue
        after = text[m.end() : m.end() + 3]
        if after[:1] in (")", "."):
            continue
        punct = re.match(r"\s*([,;:.])", after)
        following = [punct.group(1)] if punct else [w for _, _, w in words[i + 1 : i + 5]]
        if not following or _is_english(prev) or _is_english(following[0]):
            continue
        if not _a_is_verb(prev, following):
            edits.append(Edit(m.start(), m.end(), "à", "a-grave"))
    for m in _AMPERSAND_RE.finditer(text):
        i = bisect.bisect_left(word_starts, m.start())
        prev_tok = text[words[i - 1][0] : words[i - 1][1]] if i else ""
        next_tok = text[words[i][0] : words[i][1]] if i < len(words) else ""
        if prev_tok[:1].isupper() and next_tok[:1].isupper():
            continue  # Procter & Gamble
        if prev_tok or next_tok:
            edits.append(Edit(m.start(), m.end(), "à", "ampersand"))

    return _resolve(edits)


def _resolve(edits: list[Edit]) -> list[Edit]:
    """Sort and drop edits that overlap an earlier one (first found wins on ties)."""
    out: list[Edit] = []
    end = -1
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        if e.start >= end and e.end > e.start:
            out.append(e)
            end = e.end
        elif e.start == e.end and e.start >= end:
            out.append(e)
    return out


def apply_edits(text: str, edits: list[Edit]) -> str:
    """Apply sorted, non-overlapping edits to ``text``."""
    parts: list[str] = []
    pos = 0
    for e in edits:
        parts.append(text[pos : e.start])
        parts.append(e.replacement)
        pos = e.end
    parts.append(text[pos:])
    return "".join(parts)


def repair(text: str) -> str:
    """``text`` with every :func:`ocr_edits` edit applied."""
    return apply_edits(text, ocr_edits(text))


# A misread l' that does not follow a letter or digit. The look-behind comes after the "I" rather
# than before it (where it would read "(?<!\w)[I|1]") so that the engine tests it only at an "I",
# "|" or "1": four times faster on a clean text, the usual case.
_DAMAGE_RE = re.compile(rf"[I|1](?<!\w[I|1])\s?[{_APOS}]\s?{_LETTER}")
_DAMAGE_AMPERSAND_RE = re.compile(rf"\s&\s{_LETTER}")


def _lower_words(text: str) -> list[str]:
    """``[w for w in _WORD_RE.findall(text) if w.islower() and len(w) > 2]``, read token by token: no
    word spans white space, and a token of letters is one word (most tokens: no regex call)."""
    words = []
    for tok in text.split():
        if tok.isalpha():
            if len(tok) > 2 and tok.islower():
                words.append(tok)
        else:
            words += [w for w in _WORD_RE.findall(tok) if w.islower() and len(w) > 2]
    return words


def looks_ocr_damaged(text: str, threshold: float = 0.01) -> bool:
    """Cheap check: misread ``l'`` or ``&``, or a high rate of unknown lower-case words.

    Clean UN French has almost no words unknown to the lexicon; OCR output has several
    per hundred. Returns True when repair is worth running.
    """
    if _DAMAGE_RE.search(text) or ("&" in text and _DAMAGE_AMPERSAND_RE.search(text)):
        return True
    words = _lower_words(text)
    if not words:
        return False
    sample = words[:2000]
    unknown = sum(n for w, n in Counter(sample).items() if not _known(w))  # each distinct word once
    return unknown / len(sample) > threshold and unknown >= 2
