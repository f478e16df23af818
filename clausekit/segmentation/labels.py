"""Paragraph labels other than the Arabic "12." (guide decision 5.31): Roman "II.", "II -", "II)", a letter "B.",
the French ordinal "1er", "Premier", "Article premier", "Article 2".

A label is a paragraph's number only before an operative lead (or "Que ...", or a body speaking for itself) in a
deliberative text; before a short title ("II. Recommandations", "A. Mesures prises") it stays a section heading.
The clause's ``number`` is the label as written, its punctuation dropped ("II", "B"); an ordinal gives its digits
("1er" -> "1", as "2°" gives "2"), "Premier" and "Article premier" give "1", "Article 2" gives "2".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from clausekit.segmentation.lexicon import match_lead

# A label, its mark, then the text. A letter needs its "." or ")"; a Roman numeral may stand without a mark
# ("III La Conférence émet le vœu : ..."), before a capital.
_LABEL = re.compile(
    r"(?:(?P<article>Article\s+(?:premier|1er|\d{1,3}))\s*[.:–—-]?"
    r"|(?P<first>Premier|Première)\s*[.:–—-]"
    r"|(?P<ordinal>\d{1,2})er\b\s*[.)–—-]?"
    r"|(?P<roman>[IVXL]{1,6})(?:\s?[.)]|\s[–—-]|(?=\s))"
    r"|(?P<letter>[A-H])\s?[.)])"
    r"\s+(?=[«\"]?[A-ZÀ-Ý])"
)
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}
_SMALL_LETTER = re.compile(r"([a-h])\)\s+(?=[«\"]?[A-ZÀ-Ý])")  # a decision's "a) Prend note ..." (5.36)
_FIRST_CHARS = frozenset("AIVXLBCDEFGHP1234567890")
_QUE = re.compile(r"Qu(?:e\b|['’])")  # "Que les ...", "Qu'il ...", not "Questions diverses"
_BODY = re.compile(r"(?:L'|Le\s+|La\s+|Les\s+)(?:Conférence|Assemblée|Conseil|Comité|Commission)\b")


def _roman(s: str) -> int | None:
    total = 0
    for a, b in zip(s, [*s[1:], ""], strict=True):
        v = _ROMAN[a]
        total += -v if b and _ROMAN[b] > v else v
    return total if total and _to_roman(total) == s else None


def _to_roman(n: int) -> str:
    out = ""
    for v, r in ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out, n = out + r, n - v
    return out


def label(t: str) -> tuple[str, str, int, int] | None:
    """``(style, number, ordinal, body offset)`` when ``t`` opens with a label other than "12." before a capital,
    else None. Cheap: a first-character check before the pattern."""
    if t[:1] not in _FIRST_CHARS:
        return None
    m = _LABEL.match(t)
    if not m:
        return None
    if m.group("roman"):
        n = _roman(m.group("roman"))
        if n is None:
            return None
        return "roman", m.group("roman"), n, m.end()
    if m.group("letter"):
        return "letter", m.group("letter"), ord(m.group("letter")) - 64, m.end()
    if m.group("ordinal"):
        return "ordinal", m.group("ordinal"), int(m.group("ordinal")), m.end()
    if m.group("first"):
        return "ordinal", "1", 1, m.end()
    raw = m.group("article").split()[-1]
    n = 1 if raw in ("premier", "1er") else int(raw)
    return "article", str(n), n, m.end()


def paragraph_label(t: str, previous: tuple[str, int] | None, *, after_colon_formula: bool = False) -> tuple[str, str, int, int] | None:
    """:func:`label` when the label numbers a deliberative paragraph: an operative lead, "Que ..." or a body
    speaking for itself follows, and the label is the first of its style or the next after ``previous``
    (style, ordinal). A Roman numeral without a mark needs the body ("III La Conférence émet le vœu : ...").
    A lower-case "a)" numbers a paragraph only first after a decision's formula ending with a colon
    (``after_colon_formula``: "Le Conseil économique et social :" / "a) Prend note ...", guide 5.36) and then
    in its sequence; anywhere else it is a sub-paragraph."""
    found = label(t)
    if found is None:
        small = previous is not None and previous[0] == "small"
        if (after_colon_formula or small) and (m := _SMALL_LETTER.match(t)):
            n = ord(m.group(1)) - 96
            if n == (previous[1] + 1 if small and previous is not None else 1) and heads_paragraph(t[m.end() :]):
                return "small", m.group(1), n, m.end()
        return None
    style, _, n, k = found
    body = t[k:].lstrip("«\" ")
    if style == "letter" and n > 8:
        return None
    if previous is not None and previous[0] == style and n != previous[1] + 1:
        return None
    if previous is None or previous[0] != style:
        if n != 1 and not _BODY.match(body):  # "III La Conférence ..." heads a section
            return None
    if style == "article":
        return found  # "Article premier", "Article 2": the article numbers whatever follows, in sequence
    bare_roman = style == "roman" and not t[len(found[1]) : k].strip()  # "III La Conférence ...", no mark
    if bare_roman:
        return found if _BODY.match(body) else None
    if match_lead(body, "operative") is not None or _QUE.match(body) or _BODY.match(body):
        return found
    return None


# A label at the end of the text before a cut ("... ; II." before "Prie ..."): after a stop or at the line start.
_LABEL_TAIL = re.compile(
    r"(?:(?<=[,;:.»])\s+|^)(Article\s+(?:premier|1er|\d{1,3})\s*[.:–—-]?|(?:Premier|Première)\s*[.:–—-]"
    r"|\d{1,2}er\s*[.)–—-]?|[IVXL]{1,6}(?:\s?[.)]|\s[–—-])?|[A-H]\s?[.)])\s*$"
)


_INLINE_LABEL = re.compile(
    r"[,;:.]\s+(?=[IVXLA-HP1-9])((?:Article\s+(?:premier|1er|\d{1,3})\s*[.:–—-]?|(?:Premier|Première)\s*[.:–—-]"
    r"|\d{1,2}er\s*[.)–—-]?|\d{1,2}°|[IVXL]{1,6}(?:\s?[.)]|\s[–—-])?|[A-H]\s?[.)]))\s+(?=[«\"]?[A-ZÀ-Ý])"
)


def heads_paragraph(body: str) -> bool:
    """Whether the text after a label opens a deliberative paragraph: an operative lead, "Que ...", a body."""
    body = body.lstrip("«\" ")
    return match_lead(body, "operative") is not None or bool(_QUE.match(body) or _BODY.match(body))


def relabel_cuts(t: str, cuts: list[int], kinds: dict[int, str]) -> list[int]:
    """Cuts in line ``t`` moved from after a label to before it ("... ; II. Prie ..." is cut before "II.", not
    after it): the label numbers the paragraph that follows (decision 5.31). ``kinds`` loses the "label" (section
    heading, 5.27) of such a label."""
    out = list(cuts)
    for m in _INLINE_LABEL.finditer(t):  # "..., I - Invite ...", "... ; 1er Invite ...": no lead cut found there
        s, k = m.start(1), m.end()
        if s not in out and (heads_paragraph(t[k : k + 300]) or t.startswith("Article", s)) and (label(t[s : k + 40]) or t[k - 2 : k - 1] == "°"):
            out = [c for c in out if not s < c <= k]
            out.append(s)
            kinds.pop(k, None)
    for c in sorted(out):
        tail = _LABEL_TAIL.search(t, max(0, c - 24), c)
        if tail is None or not (heads_paragraph(t[c : c + 300]) or t.startswith("Article", tail.start(1))):
            continue
        s = tail.start(1)
        if label(t[s : c + 40]) is None:
            continue
        out.remove(c)
        kinds.pop(c, None)
        if s:
            kinds.pop(s, None)
            if s not in out:
                out.append(s)
    return sorted(out)


_LONE_ARTICLE = re.compile(r"Article\s+(premier|1er|\d{1,3})\.?")


_LONE_LABEL = re.compile(r"(?:[IVXL]{1,6}|[A-H])\s?[.)]|[IVXL]{1,6}\s[–—-]|\d{1,2}(?:er|°)\s*[.)–—-]?|Premier\s*[.:–—-]")


def lone_article(t: str, last: int, lines: Sequence[Any] = (), i: int = 0) -> int:
    """The ordinal of an article label alone on its line ("Article premier", "Article 2") that goes on the
    articles joined so far (``last``, 0 before the first), else 0: such a line joins the text it numbers.
    -1 for another label alone on its line ("II.", "B.", "2°") before a paragraph it heads ("Prie ...")."""
    if t[:1] not in _FIRST_CHARS or len(t) > 16:
        return 0
    if not (m := _LONE_ARTICLE.fullmatch(t)):
        if not _LONE_LABEL.fullmatch(t):
            return 0
        following = next((line.text for line in lines[i + 1 : i + 4] if line.text), "")
        return -1 if heads_paragraph(following) else 0
    n = 1 if m.group(1) in ("premier", "1er") else int(m.group(1))
    return n if n == last + 1 else 0


def article_heading(t: str, previous: tuple[str, int] | None) -> int:
    """The ordinal of an article label heading its title ("Article premier – Définitions", a headline), when it
    goes on the articles (the first, or the next after ``previous``), else 0."""
    found = label(t) if t[:1] == "A" else None
    if found is None or found[0] != "article":
        return 0
    last = previous[1] if previous is not None and previous[0] == "article" else 0
    return found[2] if found[2] == last + 1 else 0
