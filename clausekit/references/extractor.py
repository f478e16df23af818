"""Find the texts a clause cites: :func:`extract` returns :class:`Reference` records.

>>> [(r.number, r.body, r.symbol) for r in extract("Rappelant sa résolution 54/181 du 17 décembre 1999,", own_body="Assemblée générale")]
[('54/181', 'Assemblée générale', 'A/RES/54/181')]

Three kinds of mention are found, each with its span in the text it was given:

- a resolution or decision by number ("sa résolution 54/181", "la décision 2/102",
  "résolutions 1267 (1999), 1333 (2000) et 1390 (2002)"): a list or a range ("2/4 à 2/7") gives
  one reference per number; the body is the one named after the number ("de l'Assemblée
  générale"), after "adoptée par", before "dans sa", or, for "sa"/"ses"/"son", ``own_body``
  (the citing document's body, from its heading);
- a document symbol (``E/CN.4/2001/2``, ``A/HRC/52/80``, ``S/RES/2211 (2015)``): kind
  ``resolution``/``decision`` for ``/RES/``/``/DEC/`` symbols, ``report`` when the phrase
  names a report ("le rapport du Secrétaire général (A/70/123)"), else ``document symbol``;
- a named convention, covenant or protocol ("la Convention relative aux droits de l'enfant").
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from clausekit.references.bodies import (
    BODY_PATTERN,
    GA,
    SC,
    body_of_symbol,
    build_symbol,
    canonical_body,
    fold,
)
from clausekit.text.months import MONTHS_FOLDED

KINDS = ("resolution", "decision", "document symbol", "report", "convention")

_MONTHS = MONTHS_FOLDED
# Matched in folded text (lower case, no accents), which keeps every offset of the original.
_NUM = r"(?:\d{1,2}\s?c/\d{1,2}(?:\.\d{1,2})?|\d{1,2}\.\s?\d{1,2}(?![\d/])|(?:s|es)-\d{1,2}/\d{1,3}|\d{1,4}/\d{1,4}|\d{1,5}\s?\((?:\d{4}|(?:s-|es-)?[ivxlc]{1,7})\)|\d{1,5}(?![\d/]|\s?\(|\s?(?:[a-z]|e|er)\b|[.,]\d))"
_DATE = rf",?\s*(?:en date )?du (\d{{1,2}})(?:er)? ({'|'.join(_MONTHS)}) (\d{{4}})"
_BODY = rf",?\s*(?:de [li]' ?|du |de la |des |de )(?P<body>{BODY_PATTERN})\b"
_TRIGGER = re.compile(
    r"\b(?:(?P<det>sa|ses|son|leurs?|la|les|une|des|de|d'|aux?|cette|ces|dans|par)\s+)?(?:propres?\s+)?"
    r"(?P<word>resolutions?|decisions?)\s+(?:(?:pertinentes?|anterieures?|susmentionnees?|no|n°)\s*)?(?="
    + _NUM
    + ")"
)
_ITEM = re.compile(
    rf"(?P<num>{_NUM})(?:{_DATE})?(?:{_BODY})?(?:{_DATE.replace('(', '(?:').replace('(?:?', '(?')})?"
)
_SEP = re.compile(
    r"(?:,\s*adopt\w*\s+(?:lors de|a)\s+sa\s+[\w -]{3,40}?session)?"
    r"\s*(?:,\s*(?:et\s+|ainsi que\s+)?|\s(?:et|ainsi que)\s+|\s(?P<range>a)\s+)(?=" + _NUM + ")"
)
_ADOPTED_BY = re.compile(
    rf"\b(?:adopt\w* par|(?:par|dans) (?:laquelle|lesquelles|lequel|lesquels)) (?:l'|la |le )(?P<body>{BODY_PATTERN})\b"
)
# "dans sa résolution 2178 (2014), le Conseil de sécurité a décidé": the subject that follows
_SUBJECT_AFTER = re.compile(rf",\s*(?:l'|la |le )(?P<body>{BODY_PATTERN})\b")
# "du Conseil", "de l'Assemblée" alone: the citing body when it is a Council, an Assembly, a Commission
_SHORT_BODY = re.compile(
    r",?\s*(?:du |de l'|de la )(?P<short>conseil|assemblee|commission)\b(?! (?:de|des|du|d'|economique|executif|general)\b)"
)
# "de la Commission économique pour l'Amérique latine": a body this module does not know
_OTHER_BODY = re.compile(r",?\s*(?:du |de l['’]|de la |des )[A-ZÉ]")
_ADOPTION_BEFORE = re.compile(
    rf"\badoption par (?:l'|la |le )(?P<body>{BODY_PATTERN})\b[^;]{{0,120}}$"
)
_BODY_BEFORE = re.compile(rf"(?P<body>{BODY_PATTERN})\b[^.;]{{0,40}}?\b(?:dans|par)\s+$")
_DATE_RE = re.compile(_DATE)
# A cheap first look: most clauses cite nothing and skip every other pattern.
_MAYBE = re.compile(r"(?i:r[ée]solution|d[ée]cision)|[A-Z]/|Convention|Pacte|Protocole")


def _maybe(text: str) -> bool:
    """``_MAYBE.search(text)``, ruled out first by substring tests (a search is a few times slower: its
    case-insensitive branches are tried at every position). A match holds "/", "Convention", "Pacte" or
    "Protocole", or, lower-cased, "solution" or "cision": str.lower() turns every character IGNORECASE
    matches with a letter of those words into that letter, except "ı", "İ" and "ſ", which go to the search
    (tests/test_references_speed_equivalence.py)."""
    if "/" in text or "Convention" in text or "Pacte" in text or "Protocole" in text or "ı" in text or "İ" in text or "ſ" in text:
        return _MAYBE.search(text) is not None
    low = text.lower()
    return ("solution" in low or "cision" in low) and _MAYBE.search(text) is not None

_SEGMENT = r"(?:[A-Z][A-Za-zé]{0,9}(?:\.\s?\d{1,3})?(?:\s\d{1,3}(?=/))?|\d{1,4}(?:\.\d{1,3})?|[A-Z]{1,5}\(\d{1,3}\)|-[A-Z]{1,6})"
_SYMBOL = re.compile(
    rf"(?<![\w/.])[A-Z]{{1,6}}(?:\.\d{{1,3}})?(?:/{_SEGMENT}){{1,8}}(?P<year>\s\(\d{{4}}\))?(?![\w/])"
)
_CONVENTION = re.compile(
    r"\b(?:Conventions?(?:-cadre)?|Pactes? internationa(?:l|ux)|Pacte(?=\s+(?:sur|des Nations Unies))|Protocole (?:facultatif|additionnel)\b"
    r"|Protocole(?=\s+(?:relatif|contre|sur|de \d{4}|de [A-Z]|d['’][A-Z])))"
    r"(?:(?=\s+(?:relati(?:f|ve)s?|sur|de|des|du|d['’]|contre|pour|internationale?|européenne|américaine|africaine"
    r"|interaméricaine|unique|commune|se rapportant|à la|aux?|créant|portant|et (?:la )?Recommandation|\d{1,4})\b)|(?<=facultatif)|(?<=additionnel)|(?<=-cadre))"
)
# Where a convention's name ends: punctuation, a new clause or verb, or the next instrument.
_NAME_END = re.compile(
    r"\s*(?:[,;:()«»]|\.(?:\s|$)|$)|\s(?:et (?:le|la|les|l['’]|du|des|au|aux|à|ses|son|sa)|ainsi|qui|que|dont|ou|adopt\w*"
    r"|entr\w*|sign\w*|ratifi\w*|concern\w*|vis[ée]\w*|en date|en vigueur|pour|dans|lorsque|aux?|avec|est|a|ont|sont"
    r"|peu\w*|des informations|Convention|Protocole|Pacte)\b"
)


@dataclass(frozen=True, slots=True)
class Reference:
    """One cited text: ``start``/``end`` are offsets in the text given to :func:`extract`."""

    text: str
    kind: str
    body: str | None
    number: str | None
    session: str | None
    date: str | None
    symbol: str | None
    start: int
    end: int

    def to_record(self) -> dict[str, Any]:
        return asdict(self)


def _iso(match: re.Match[str] | None, first: int) -> str | None:
    if match is None or match.group(first) is None:
        return None
    day, month, year = match.group(first), match.group(first + 1), match.group(first + 2)
    return f"{year}-{_MONTHS.index(month) + 1:02d}-{int(day):02d}"


def _session(number: str) -> str | None:
    if "/" in number:
        return number.split("/")[0].upper()
    roman = re.search(r"\(((?:S-|ES-)?[IVXLC]+)\)", number.upper())
    return roman.group(1) if roman else None


def _style_body(number: str) -> str | None:
    """The body a number's form implies: ``1267 (1999)`` the Security Council, ``926 (X)`` the General Assembly."""
    if re.search(r"\(\d{4}\)", number):
        return SC
    if "(" in number:
        return GA
    return None


def _numbered(text: str, folded: str, own_body: str | None) -> list[Reference]:
    out: list[Reference] = []
    for trig in _TRIGGER.finditer(folded):
        kind = "resolution" if trig.group("word").startswith("resolution") else "decision"
        det = trig.group("det")
        items: list[
            tuple[int, int, str, str | None, str | None, bool]
        ] = []  # start, end, number, date, body, range
        pos, is_range = trig.end(), False
        while (m := _ITEM.match(folded, pos)) is not None:
            number = " ".join(text[m.start("num") : m.end("num")].split())
            body = (
                canonical_body(text[m.start("body") : m.end("body")]) if m.group("body") else None
            )
            date = _iso(m, 2) or _iso(
                _DATE_RE.search(folded, m.end("body"), m.end()) if m.group("body") else None, 1
            )
            items.append((m.start(), m.end(), number, date, body, is_range))
            sep = _SEP.match(folded, m.end())
            if sep is None:
                break
            pos, is_range = sep.end(), sep.group("range") is not None
        if not items:
            continue
        shared = next((b for *_, b, _r in reversed(items) if b), None)
        end = items[-1][1]
        unknown = (
            shared is None
            and _OTHER_BODY.match(text, end) is not None
            and _SHORT_BODY.match(folded, end) is None
        )
        if (
            shared is None
            and (short := _SHORT_BODY.match(folded, end))
            and own_body
            and fold(own_body).startswith(short.group("short"))
        ):
            shared = canonical_body(own_body)
        if (
            shared is None
            and det in ("sa", "ses", "son")
            and (subject := _SUBJECT_AFTER.match(folded, end))
        ):
            shared = canonical_body(text[subject.start("body") : subject.end("body")])
        if shared is None and (
            adoption := _ADOPTION_BEFORE.search(folded, max(0, trig.start() - 200), trig.start())
        ):
            shared = canonical_body(text[adoption.start("body") : adoption.end("body")])
        if shared is None:
            window = folded[items[-1][1] : items[-1][1] + 250]
            nxt = _TRIGGER.search(window)
            adopted = _ADOPTED_BY.search(window, 0, nxt.start() if nxt else len(window))
            shared = (
                canonical_body(
                    text[items[-1][1] + adopted.start("body") : items[-1][1] + adopted.end("body")]
                )
                if adopted
                else None
            )
        if shared is None and det in ("sa", "ses", "son"):
            before = _BODY_BEFORE.search(folded, max(0, trig.start() - 90), trig.start())
            shared = (
                canonical_body(text[before.start("body") : before.end("body")]) if before else None
            )
            if shared is None:
                shared = canonical_body(own_body)
        previous: str | None = None
        for i, (start, end, number, date, body, ranged) in enumerate(items):
            numbers = _expand(previous, number) if ranged and previous else [number]
            for n in numbers:
                who = body or shared or (None if unknown else _style_body(n))
                begin = trig.start() if i == 0 else start
                out.append(
                    Reference(
                        text[begin:end].rstrip(" ,"),
                        kind,
                        who,
                        n,
                        _session(n),
                        date,
                        build_symbol(who, kind, n),
                        begin,
                        begin + len(text[begin:end].rstrip(" ,")),
                    )
                )
            previous = number
    return out


def _expand(first: str, last: str) -> list[str]:
    """The numbers after ``first`` up to ``last`` in a range "2/4 à 2/7" (at most 50), or just ``last``."""
    a, b = first.rpartition("/"), last.rpartition("/")
    if a[0] == b[0] and a[2].isdigit() and b[2].isdigit() and 0 < int(b[2]) - int(a[2]) <= 50:
        return [f"{a[0]}{a[1]}{k}" for k in range(int(a[2]) + 1, int(b[2]) + 1)]
    return [last]


def _symbols(text: str, folded: str) -> list[Reference]:
    out = []
    for m in _SYMBOL.finditer(text):
        raw = m.group(0)
        if not any(ch.isdigit() for ch in raw) or re.fullmatch(r"[IVXLC]{2,}", raw.split("/")[0]):
            continue  # "III/3": a numbered recommendation, not a symbol
        symbol = (
            " ".join(raw.split())
            if "/RES/" in raw
            else raw[: m.start("year") - m.start()]
            if m.group("year")
            else raw
        )
        if "/RES/" in symbol:
            kind = "resolution"
        elif "/DEC/" in symbol:
            kind = "decision"
        else:
            before = folded[max(0, m.start() - 160) : m.start()]
            cut = max(before.rfind(";"), before.rfind("/"), before.rfind(". "))
            kind = "report" if "rapport" in before[cut + 1 :] else "document symbol"
        number = (
            symbol.split("/RES/")[-1]
            if kind == "resolution"
            else symbol.split("/DEC/")[-1]
            if kind == "decision"
            else None
        )
        out.append(
            Reference(
                symbol,
                kind,
                body_of_symbol(symbol) if number else None,
                number,
                _session(number) if number else None,
                None,
                symbol,
                m.start(),
                m.start() + len(symbol),
            )
        )
    return out


def _conventions(text: str) -> list[Reference]:
    out = []
    for m in _CONVENTION.finditer(text):
        stop = _NAME_END.search(text, m.end() + 1, m.end() + 140)
        end = stop.start() if stop else text.rfind(" ", m.end(), m.end() + 100)
        end = max(end, m.end())
        out.append(
            Reference(
                text[m.start() : end], "convention", None, None, None, None, None, m.start(), end
            )
        )
    return out


def extract(text: str, *, own_body: str | None = None) -> list[Reference]:
    """The references in ``text``, in order of position; ``own_body`` resolves "sa résolution"."""
    if not text or not _maybe(text):
        return []
    folded = fold(text)
    numbered = _numbered(text, folded, own_body)
    # a symbol inside a numbered citation ("résolution 24 C/4.1") is that citation
    symbols = [
        s
        for s in _symbols(text, folded)
        if not any(n.start < s.end and s.start < n.end for n in numbered)
    ]
    found = numbered + symbols + _conventions(text)
    return sorted(found, key=lambda r: (r.start, r.end))


def references(text: str, *, own_body: str | None = None) -> list[dict[str, Any]]:
    """:func:`extract` as plain dicts (the ``references`` value of a tagged record)."""
    return [r.to_record() for r in extract(text, own_body=own_body)]
