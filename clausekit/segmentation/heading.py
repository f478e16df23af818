"""The heading of a document: body, symbol, session, year, title."""

from __future__ import annotations

import re

from clausekit.segmentation.clauses import fold_text
from clausekit.segmentation.lexicon import (
    fold,
)
from clausekit.segmentation.lines import _Line
from clausekit.segmentation.patterns import _FORMULA, _TITLE
from clausekit.text.normalization import Normalized
from clausekit.types import Clause, Heading, Span

_BODIES = (
    "Conseil des droits de l'homme",
    "Assemblée générale",
    "Conseil de sécurité",
    "Conseil économique et social",
    "Commission des droits de l'homme",
    "Conférence internationale de l'éducation",
    "Conférence générale",
    "Conseil exécutif",
    "Commission de la condition de la femme",
    "Commission du développement social",
    "Instance permanente",
)
_FOLDED_BODIES = {fold(b): b for b in _BODIES}
# --- heading -----------------------------------------------------------------------


def _parse_heading(
    lines: list[_Line], norm: Normalized, clauses: list[Clause], dates: tuple[str, ...] = (), headers: tuple[str, ...] = ()
) -> Heading:
    """The heading read from its lines; ``dates`` are the document's datelines ("12 novembre 2026", a press
    release's), read for the year when the heading itself gives none; ``headers`` its page-header lines,
    read for its symbol when no heading line gives one ("A/RES/78/150" alone on its line, a running head)."""
    texts = [line.text for line in lines]
    body = session = agenda = sponsors = title = symbol = kind = formula = None
    year: int | None = None
    after_sponsors = False
    i = 0
    while i < len(texts):
        t = texts[i]
        folded = fold(t)
        title_next, after_sponsors = after_sponsors, False
        if symbol is None and (m := _DOCUMENT_SYMBOL.search(t)):
            symbol = m.group(1)  # "Nations Unies A/C.2/80/L.12", "A/HRC/55/L.3": a draft's own symbol line
        elif (m := _FORMULA.match(t)) and len(t) < 130:
            formula = t
            named = m.group(1) or m.group(2)  # "L'Assemblée générale," or a decision's "Le Conseil ... :"
            if not named.startswith("Nous,"):  # a declaration's "Nous, ministres ...," names no body
                body = body or _canonical_body(named)
        elif re.search(r"\bsession\b", folded) and len(t) < 80 and session is None:
            session = t
        elif folded.startswith("point ") and "ordre du jour" in folded:
            agenda = t
        elif (
            ":" in t
            and re.search(r"projet de (résolution|décision)|resolution|décision", t, re.I)
            and sponsors is None
        ):
            sponsors, _, kind_text = t.rpartition(":")
            sponsors = sponsors.strip() or None
            kind = kind_text.strip() or None
            after_sponsors = True  # a draft's title stands on the next line
        elif m := _TITLE.match(t):
            symbol = symbol or m.group(1)
            parts = [m.group(2)]
            while i + 1 < len(texts) and texts[i + 1][:1].islower():
                i += 1
                parts.append(texts[i])
            title = fold_text(" ".join(parts))
        elif folded in _FOLDED_BODIES and body is None:
            body = _FOLDED_BODIES[folded]
        elif title_next and title is None and t[:1].isupper() and t[-1:] not in ",;:":
            title = t
        elif title is None and re.match(r"^(Note|Rapport|Lettre|Résolution|Décision)\b", t):
            title = t
            kind = t.split()[0].lower()
        i += 1
    if symbol is None:
        symbol = next((m.group(1) for h in headers if (m := _DOCUMENT_SYMBOL.search(h))), None)
    if body is None and texts and (m := _FORMULA_AT_END.search(texts[-1])) and fold(m.group(1)) in _FOLDED_BODIES:
        body = _FOLDED_BODIES[fold(m.group(1))]  # a heading run into one line ends with its formula: "... Le Conseil de sécurité,"
    spans = tuple(Span(*norm.to_original(line.start, line.end)) for line in lines)
    year = _year(symbol, body, texts) or _year(None, None, list(dates))
    return Heading(
        body=body,
        session=session,
        agenda_item=agenda,
        sponsors=sponsors,
        symbol=symbol,
        title=title,
        year=year,
        kind=kind,
        opening_formula=formula,
        spans=spans,
    )


# A UN document symbol standing at the end of a heading line: A/..., S/..., E/... with a number in it.
_DOCUMENT_SYMBOL = re.compile(r"(?:^|\s)((?:A|S|E)/(?=[A-Za-z0-9./\-()]*\d)[A-Za-z0-9./\-()]+(?:\s\((?:19|20)\d\d\))?)\s*$")


_FORMULA_AT_END = re.compile(r"(?:^|\s)(?:L'|Le\s+|La\s+|Les\s+)([A-ZÉ][^.;:!?,]{2,80}),\s*$")


def _canonical_body(name: str) -> str:
    return _FOLDED_BODIES.get(fold(name), name)


def _year(symbol: str | None, body: str | None, texts: list[str]) -> int | None:
    """The year of a document when its heading tells it: its session number, or an explicit year.

    Human Rights Council sessions run three a year from 2006; General Assembly session N opens in 1945 + N.
    """
    m = re.match(r"^(?:A/(?:RES/|C\.\d/|CONF\.\d+/)?)?(\d{1,3})/", symbol or "")  # 78/123, A/RES/78/123, A/C.2/80/L.12
    if m and body == "Conseil des droits de l'homme":
        return 2006 + (int(m.group(1)) - 1) // 3
    if m and body == "Assemblée générale":
        return 1945 + int(m.group(1))
    if m := re.match(r"^E/(?:RES/)?((?:19|20)\d\d)/", symbol or ""):  # E/2022/L.5, E/RES/2022/15: ECOSOC's year
        return int(m.group(1))
    for t in texts:
        if m := re.search(r"\b(19[4-9]\d|20[0-9]\d)\b", t):
            return int(m.group(1))
    return None
