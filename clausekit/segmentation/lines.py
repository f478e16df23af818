"""Lines of the analysis text, each classified: blank, page furniture, footnote, asterisk note, URL, clause start, text."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from clausekit.segmentation.labels import heads_paragraph, lone_article, relabel_cuts
from clausekit.segmentation.lexicon import (
    PREAMBLE_LEADS,
    fold,
    is_participle_lead,
    is_reflexive_lead,
    looks_like_participle_lead,
    match_lead,
    words,
)
from clausekit.segmentation.normative import opens_prescription
from clausekit.segmentation.patterns import (
    _ADOPTION_LINE,
    _ASTERISK_NOTE,
    _BREADCRUMB,
    _DATELINE,
    _FOOTNOTE,
    _FORMULA,
    _MEETING_LINE,
    _MONTHS,
    _NAVIGATION,
    _NUMBERED,
    _PAGE_HEADER,
    _PAGE_NUMBER,
    _PREAMBLE_PREPOSITION,
    _REFERENCE_WORDS,
    _SECTION_HEADING,
    _SEPARATOR,
    _TITLE,
    _URL,
    _VOTE_LINE,
    OPENS_WITH_OCR_IL,
    SUPERSCRIPT_DIGITS,
)
from clausekit.segmentation.runon import pages_across_lines, runon_cuts


@dataclass(slots=True)
class _Line:
    start: int  # offsets in the analysis text, without the newline
    end: int
    text: str  # stripped
    kind: str = "text"
    number: str | None = None
    body_start: int = 0  # offset in the analysis text where the clause text begins (after a number)
    inline: bool = False  # cut from the line before it where a clause visibly starts (_inline_starts)
    cut: str = ""  # "seq", "title" or "page" for a piece cut by _numbered_title_cuts (see there)


_FURNITURE_KINDS = {
    "url": "url",
    "page_number": "page_number",
    "page_header": "page_header",
    "separator": "separator",
    "footnote": "footnote",
    "footnote_cont": "footnote",
    "asterisk_note": "asterisk_note",
    "asterisk_cont": "asterisk_note",
    "vote": "vote",
    "vote_cont": "vote",
    "navigation": "navigation",
    "dateline": "dateline",
    "section_heading": "section_heading",
    "headline": "headline",
    "signature": "signature",
}
# A letter's or a note's signature: "(Signé) Issa Konfourou", and the title above it ("Le Représentant permanent").
_SIGNED = re.compile(r"^\((?:Signé|Signée|signé|signée)\)\s+\S")


# --- lines ---------------------------------------------------------------------------


def _split_lines(text: str) -> list[_Line]:
    """The lines of ``text``, each cut again where a clause visibly starts inside it (:func:`_inline_starts`)."""
    lines = []
    pos = 0
    for raw in text.split("\n"):
        end = pos + len(raw)
        stripped = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        a = pos + lead
        cuts = _inline_starts(stripped) if len(stripped) > 12 else []
        kinds = runon_cuts(stripped) if len(stripped) > 12 else {}  # paragraphs run together on one line
        if len(stripped) > 4 and _MAYBE_TITLED.search(stripped):
            kinds.update(_numbered_title_cuts(stripped, cuts))
        if kinds:
            kinds = {k: v for k, v in kinds.items() if k not in cuts}
            cuts = sorted({*cuts, *kinds} - {0})
            # "... à faire 1. Invite ...": the lead after a "next" number is cut as well; the number keeps its text.
            cuts = [c for j, c in enumerate(cuts) if not (j and kinds.get(cuts[j - 1]) == "next" and _LABEL_ONLY.match(stripped, cuts[j - 1], c))]
        if cuts:
            cuts = relabel_cuts(stripped, cuts, kinds)  # "... ; II. Prie ...": the label opens the piece (5.31)
        if not cuts and not kinds:  # the usual line, uncut: the loop below with one piece, without its bookkeeping
            b = _BULLET.match(stripped)
            cut = b.end() if b else 0
            lines.append(_Line(a + cut, a + len(stripped), stripped[cut:], inline=cut > 0, cut=""))
            pos = end + 1
            continue
        for cut, nxt in zip([0, *cuts], [*cuts, len(stripped)], strict=True):
            piece = stripped[cut:nxt].rstrip()
            if kinds.get(cut) != "page" and (b := _BULLET.match(piece)):
                cut, piece = cut + b.end(), piece[b.end() :]  # "- Profondément préoccupés": the bullet is not text
            if piece or not kinds:
                lines.append(_Line(a + cut, a + cut + len(piece), piece, inline=cut > 0, cut=kinds.get(cut, "")))
        pos = end + 1
    return _join_lone_numbers(pages_across_lines(lines), text) if "\n" in text else lines


def _join_lone_numbers(lines: list[_Line], text: str) -> list[_Line]:
    """A paragraph number alone on its line ("12." then "Prie ...") joins the line it numbers.

    The joined line spans both, with the line break and blank lines between them read as spaces, so its
    offsets still point into the analysis text.
    """
    out: list[_Line] = []
    i = article = 0  # the last article label joined: "Article premier", then "Article 2" (decision 5.31)
    while i < len(lines):
        line = lines[i]
        if (a := lone_article(line.text, article, lines, i)) or _LONE_NUMBER.match(line.text):
            j = i + 1
            while j < len(lines) and j <= i + 3 and not lines[j].text:
                j += 1
            if j < len(lines) and (lines[j].text[:1].isupper() or OPENS_WITH_OCR_IL.match(lines[j].text)):
                nxt = lines[j]
                joined = "".join(" " if ch.isspace() else ch for ch in text[line.start : nxt.end])
                out.append(_Line(line.start, nxt.end, joined))
                i, article = j + 1, max(a, article)
                continue
        out.append(line)
        i += 1
    return out


def _inline_starts(t: str) -> list[int]:
    """Offsets in line ``t`` where a clause starts after ``,`` ``;`` ``.`` or ``:`` (text pasted from the web).

    A paragraph number followed by a capitalized word, or a capitalized lead phrase (from the lexicon or
    by its morphology), starts a clause wherever it stands: ``..., Rappelant ...``, ``... ; 2. Décide ...``.
    """
    cuts: list[int] = []
    for m in _INLINE_CANDIDATE.finditer(t):
        if not _HAS_WORD.search(t, cuts[-1] if cuts else 0, m.start()):
            continue  # "1.   Réaffirme": the piece before would hold only a number or a label
        # Only the first words after the candidate decide; a bounded window keeps a long line linear (slicing
        # and hashing the whole rest of the line at every candidate was quadratic). A formula must end the line.
        rest = t[m.end() : m.end() + _WINDOW]
        if m.group(1) is None:  # after a bare number: a lead phrase, or a prescription after a stop
            if _starts_clause_word(rest, inline=True) or (
                t[: m.start()].rstrip()[-1:] in (".", ";")
                and (opens_prescription(rest) or _INLINE_NUMBER.match(rest) is not None)
            ):
                cuts.append(m.end())  # "... à cet effet. 28 Il importe ...", "... effet. 28 22. Il ...": a page number
            continue
        num = _INLINE_NUMBER.match(rest)
        if num:
            body = rest[num.end() :]
            if m.group(1) in ";.:" or match_lead(body, None) is not None or _starts_clause_word(body):
                cuts.append(m.end())
            continue
        if (
            _starts_clause_word(rest, inline=True)
            or (m.group(1) in ".:" and len(t) - m.end() <= _WINDOW and _FORMULA.match(rest))
            or (m.group(1) == "." and (f := _FORMULA_HEAD.match(rest)) and _starts_clause_word(rest[f.end() :], inline=True))
            or (m.group(1) in ",;:" and _INLINE_QUE.match(rest))
            or (m.group(1) in ",;" and _conjoined_lead(rest))
            or (m.group(1) in ",;:" and _PREAMBLE_PREPOSITION.match(rest) is not None)  # "...; En raison de ..."
        ):
            cuts.append(m.end())
    # "... d'emploi : 3.2.1 la formation ... ; 3.2.2 la ...": a hierarchical number after a stop numbers the next
    # paragraph even before a lower-case item (a reference would follow a word: "au paragraphe 3.2.1").
    extra = [h.start(1) for h in _INLINE_HIERARCHICAL.finditer(t)]
    return sorted({*cuts, *extra}) if extra else cuts


def _numbered_title_cuts(t: str, starts: Sequence[int] = ()) -> dict[int, str]:
    """Cuts in line ``t`` that only the numbering can confirm, by offset: ``"seq"``, ``"title"``, ``"page"``.

    - ``"page"``: a page number set between dashes ("— 143 —", or "— 180" before a paragraph number or at
      the line end), left inside the text by a PDF extraction: page furniture, cut out on both sides.
    - ``"seq"``: a paragraph number after a word ("... perfectionnement 1. Il devient ...", "DIDACTIQUE 27.
      Les ..."): a section title run into the paragraph it heads; or after a comma before a word that is no
      lead ("... permanentes, 2. Les efforts ..."), paragraphs run together on one line. :func:`~clausekit.segmentation.boundaries._assemble`
      starts a clause there only when the number goes on the numbering; otherwise the piece rejoins its line.
    - ``"next"``: the same after a long sentence that lost its final stop ("... secondaire 25. Le ..."), only for
      the very next number and not after a word that makes it a reference ("paragraphe 3. Elle ...").
    - ``"lead"``: a capitalized preambular lead of the lexicon right after a word ("... national Tenant compte
      des ..."), a comma lost; kept only inside a preamble.
    - ``"title"``: where the words before such a number start, after the sentence before them or at the line
      start, when they can be a title (capitalized, short, not themselves a lead phrase).
    """
    out: dict[int, str] = {}
    for m in _DASHED_PAGE.finditer(t):
        out[m.start()] = "page"
        if m.end() < len(t):
            out[m.end() + len(t[m.end() :]) - len(t[m.end() :].lstrip())] = ""
    for m in _COMMA_NUMBER.finditer(t):
        out[m.start(m.lastindex or 1)] = "seq"  # "... permanentes, 2. Les efforts ...", "... nationale. 5. (a) Il ..."
    for m in _CAPITALIZED_AFTER_WORD.finditer(t):
        w = fold(m.group(1))
        if (w in _PREAMBLE_FIRST_WORDS and match_lead(t[m.start(1) : m.start(1) + _WINDOW], "preamble")) or (
            w in _OPENER_FIRST_WORDS and _PREAMBLE_PREPOSITION.match(t[m.start(1) : m.start(1) + 20])
        ):
            out[m.start(1)] = "lead"  # "... national Tenant compte des ...", "... primaire Compte tenu de ...": a comma lost
    earlier = sorted({*out, *starts})
    floor = last_stop = scanned = 0  # one pass over the line: the cost stays linear in its length
    for m in _TITLED_NUMBER.finditer(t):
        k = m.start(1)
        j = bisect_left(earlier, k)
        floor = max(floor, earlier[j - 1] if j else 0)
        for e in _SENTENCE_STOP.finditer(t, scanned, k):
            last_stop = e.end()
        scanned = k
        head = max(floor, last_stop)
        title = t[head : m.start()].strip()
        last_word = _ELISION.sub("", t[max(head, m.start() - 40) : m.start()].rsplit(None, 1)[-1].lower()) if title else ""
        if last_word in _REFERENCE_WORDS:
            continue  # "Selon le paragraphe 3. Elles ...": a reference, whatever the numbering says
        after_number = head > floor and _LABEL_ONLY.match(t, floor, head) is not None  # "1. Les ... 41.": body text
        if (
            0 < len(title) <= 120
            and not after_number
            and _looks_like_title(title)
            and not _starts_clause_word(title)
            and not _INLINE_QUE.match(title)
        ):
            out[head] = "title"
            out[k] = "seq"
            floor = k
        elif len(title) > 120 or after_number or title[:1].islower():  # "; que l'on ... décrire le 9. Que ..."
            out[k] = "next"  # "... l'enseignement secondaire 25. Le développement ...": a paragraph that lost its stop
            floor = k
    return out


def _looks_like_title(title: str, open_end: bool = False) -> bool:
    """A section title is a capitalized noun phrase: no finite verb, not ending on an article or a preposition.

    "Coopération internationale", "MESURES DIVERSES" are titles; "Les programmes seront revus chaque année"
    (a sentence that lost its stop) and "Mesures ... ET LE" (a title cut in two) are not, unless ``open_end``
    (the first line of a title that goes on on the next line).
    """
    ws = [w.lower() for w in _TITLE_WORD.findall(title)]
    return (
        bool(ws)
        and title[:1].isupper()
        and len(ws) <= 16
        and (open_end or ws[-1] not in _TITLE_CANNOT_END)
        and not any(w in _FINITE_VERBS for w in ws)
    )


def _conjoined_lead(t: str) -> bool:
    """"Et tenant compte ...", "Mais que ...": a capitalized conjunction before a preambular lead opens a clause."""
    c = _CONJOINED.match(t)
    return c is not None and match_lead(t[c.end() :], "preamble") is not None


def _is_double_spaced(lines: list[_Line]) -> bool:
    """Text extracted from some PDFs has a blank line after every line.

    Web text has a blank line after every *paragraph*, with the same gaps: the two are told apart by what
    the lines hold. In double-spaced PDF text many lines stop mid-sentence (no closing punctuation, or
    the next line goes on in lower case); a web paragraph ends its sentence.
    """
    nonblank = [i for i, line in enumerate(lines) if line.text]
    if len(nonblank) < 6:
        return False
    gaps = [b - a for a, b in zip(nonblank, nonblank[1:], strict=False)]
    # every line followed by a blank line, paragraphs by more: most gaps are exactly one blank line
    if sum(g >= 2 for g in gaps) / len(gaps) <= 0.9 or sum(g == 2 for g in gaps) / len(gaps) <= 0.5:
        return False
    pairs = [(lines[a].text, lines[b].text) for a, b in zip(nonblank, nonblank[1:], strict=False)]
    # A lower-case line after ";" or ":" is the next item of a list (one paragraph each), not a wrapped line.
    wrapped = sum(
        1
        for t, nxt in pairs
        if (nxt[:1].islower() and t[-1:] not in ";:") or t[-1:] == "-" or (len(t) > 40 and t[-1:] not in _SENTENCE_END)
    )
    return wrapped / len(pairs) > 0.2


_SENTENCE_END = frozenset(".,;:!?»)")


def _classify(lines: list[_Line], double_spaced: bool) -> None:
    """Set each line's kind. Furniture first; clause starts are decided in :func:`_assemble`."""
    last_footnote = 0
    in_note: str | None = None  # "footnote" or "asterisk" while a note continues
    prev_blank = True
    for i, line in enumerate(lines):
        t = line.text
        if not t:
            line.kind = "blank"
            if not double_spaced:
                in_note = None
            prev_blank = True
            continue
        if line.cut == "page":
            line.kind = "page_number"
        elif line.cut == "label":
            line.kind = "section_heading"  # "II." cut from the end of a sentence inside a line (decision 5.27)
        elif _URL.match(t):
            line.kind = "url"
            in_note = None
        elif _NAVIGATION.match(t) or (">" in t and _BREADCRUMB.match(t)):
            line.kind = "navigation"
            in_note = None
        elif _DATELINE.match(t) or _MEETING_LINE.match(t) or (t[:1] in "ARD" and _ADOPTION_LINE.match(t)):
            # an adoption line opens with its capital; "adoptée le 9 décembre 2014, par laquelle ..." goes on a sentence
            line.kind = "dateline"
            in_note = None
        elif _SECTION_HEADING.match(t) and not (" " in t and heads_paragraph(t[t.index(" ") :])):  # not "I. Invite ..." (5.31); "Annexe"
            line.kind = "section_heading"
            in_note = None
        elif _SEPARATOR.match(t):
            line.kind = "separator"
        elif t[:1] == "(" and _SIGNED.match(t):
            line.kind = "signature"
            above = next((k for k in range(i - 1, max(i - 3, -1), -1) if lines[k].kind != "blank"), None)
            if above is not None and lines[above].kind == "text" and len(lines[above].text) < 80 and lines[above].text[-1:] not in ".;:,":
                lines[above].kind = "signature"  # its title: "Le Représentant permanent"
        elif (
            (m := _FOOTNOTE.match(t))
            and _is_footnote(int(m.group(1).translate(SUPERSCRIPT_DIGITS)), m.group(2), last_footnote)
            and (not _PAGE_HEADER.match(t) or t.endswith("."))
        ):
            line.kind = "footnote"
            last_footnote = int(m.group(1).translate(SUPERSCRIPT_DIGITS))
            in_note = "footnote"
        elif _PAGE_HEADER.match(t):
            line.kind = "page_header"
            in_note = None
        elif _PAGE_NUMBER.match(t) and (prev_blank or in_note):
            line.kind = "page_number"
            in_note = None
        elif t[:1] in "[AaOoSsLlRrVv" and _VOTE_LINE.match(t):
            line.kind = "vote"
            in_note = "vote"
        elif (m := _ASTERISK_NOTE.match(t)) and not t.startswith("**)"):
            line.kind = "asterisk_note"
            in_note = "asterisk"
        elif in_note and not _NUMBERED.match(t) and not _starts_clause_word(t) and not (
            in_note == "vote" and (_FORMULA.match(t) or _TITLE.match(t))  # the next resolution's title or formula
        ):
            line.kind = f"{in_note}_cont"
        else:
            in_note = None
            line.kind = "text"
        if (
            in_note
            and t.endswith(".")
            and line.kind in ("footnote", "footnote_cont", "asterisk_note", "asterisk_cont", "vote", "vote_cont")
        ) or (in_note == "vote" and t.endswith("]")):
            in_note = None  # a note ends with its full stop, a bracketed vote record with its bracket
        prev_blank = False


def _is_footnote(n: int, rest: str, last: int) -> bool:
    """``"3 Voir la résolution 74/2"`` is a footnote; ``"4 décembre 2020, la réunion"`` is not."""
    first = rest.split()[0]
    if first.lower().strip(",.") in _MONTHS or not (
        first[0].isupper() or first[0] in "«(\"'" or "/" in first
    ):
        return False
    return last < n <= last + 3


def _starts_clause_word(t: str, inline: bool = False) -> bool:
    """Whether ``t`` opens with a lead: a participle or adjective lead, a reflexive one, or an operative verb."""
    first = words(t, 2)
    if not first or not first[0][:1].isupper():
        return False
    if inline and fold(first[0]) in ("que", "qu'"):
        return False  # "..., Que" inside a sentence is rare, and a "Que" clause follows its own line break
    return (
        looks_like_participle_lead(first[0])
        or is_reflexive_lead(first)
        or is_participle_lead(first)
        or match_lead(t, "operative") is not None
    )


# A clause may start inside a line after one of these, then white space, then an optional bullet.
# After punctuation, or after a bare number that stands alone (a page number or footnote marker left
# in text flattened from a PDF: "... A/RES/55/109 2 Insistant sur ..."); the latter only before a lead.
# Read as "(?:([,;.:»])|(?<![\w/.,])\d{1,3})\s+(?=...)": the same matches, spans and group 1, but written to start with
# one character set (the stop captured by a look-behind, the number checked by one) so that the engine skips to
# the next stop or digit instead of trying both branches at every position: 2.5x faster on a line.
_INLINE_CANDIDATE = re.compile(
    r"[,;.:»\d](?:(?<=([,;.:»]))|(?<=(?<![\w/.,])\d)\d{0,2})\s+(?=[-–•]?\s*(?:\d{1,3}\s?[.)]\s+)?\[?[A-ZÀ-Ý])"
)
# "..., Que les ..." / "... ; Qu'il ...": a capital "Que" after a comma, semicolon or colon opens a clause (inside
# a sentence the conjunction is never capitalized); after a full stop it may be the paragraph's next sentence.
_INLINE_QUE = re.compile(r"Qu(?:e,?\s+|')[^\W\d_]")  # "Que les", "Que, par ailleurs,", "Qu'il"
# A page number between dashes inside a line of PDF text; one dash is enough before a paragraph number or at the end.
_DASHED_PAGE = re.compile(
    r"[-–—](?<!\S[-–—])(?:[-–—]?\s?\d{1,3}\s?[-–—](?=\s|$)|(?<=[–—])\s?\d{1,3}(?=\s*$)|[-–—]?\s?\d{1,3}(?=\s+\d{1,3}\s?[.):]\s))"
)
# The four patterns of _numbered_title_cuts each start with one character set, the look-behinds checking the
# character before it (the plain forms are in tests/test_segmentation_regex_speed_equivalence.py): same matches,
# twice as fast, since the engine skips to the next space, dash or stop instead of trying every position.
# A paragraph number right after a word (no punctuation between), before a capitalized word.
_TITLED_NUMBER = re.compile(r"\s(?<=[^\W\d_]\s)\s*(\d{1,3}\s?[.):])\s+(?=[«\"]?[A-ZÀ-Ý])")
# A paragraph number after a comma before a capital, or after any stop before a sub-paragraph label "(a)".
_COMMA_NUMBER = re.compile(r"[.;:,](?:(?<=,)\s+(\d{1,3}\s?[.)])\s+(?=[«\"]?[A-ZÀ-Ý])|\s+(\d{1,3}\s?[.)])\s+(?=\(?[a-z]\)\s))")
# Cheap pre-check for _numbered_title_cuts: a letter or comma, spaces and a number; a dash and a digit; a lower-case
# letter, spaces and a capital. Each branch is entered at the space or dash (the look-behinds then check the character
# before it), so the engine scans for one character set instead of trying three branches at every position: 2x faster.
_MAYBE_TITLED = re.compile(
    r"[\s\-–—](?:(?<=[^\W\d_]\s|,\s)\s*\d{1,3}\s?[.):]\s|(?<=[-–—])\s?\d|(?<=[a-zà-ÿ)]\s)\s*[A-ZÀ-Ý])"
)
_SENTENCE_STOP = re.compile(r"[.;:!?»]\s+")
_LABEL_ONLY = re.compile(r"\s*\d{1,3}\s?[.)]\s*$")  # checked with pos/endpos: the span holds only a number
_ELISION = re.compile(r"^\w+['’]")  # "l'article" -> "article"
# "... . L'Assemblée générale, Rappelant ...": a formula after a full stop, before a lead (texts run together).
_FORMULA_HEAD = re.compile(r"(?:L'|L’|Le\s+|La\s+|Les\s+)[A-ZÉ][^.;:!?,]{2,120},\s+")
_CAPITALIZED_AFTER_WORD = re.compile(r"\s(?<=[a-zà-ÿ)\d]\s)\s*([A-ZÀ-Ý][a-zà-ÿ]+)")  # also after a year (5.26)
# First words of the lexicon's preambular leads, "Que" and "Vu" aside (too common inside a sentence's quotes).
_PREAMBLE_FIRST_WORDS = frozenset(fold(k.split()[0]) for k in PREAMBLE_LEADS) - {"que", "qu'", "vu"}
_OPENER_FIRST_WORDS = frozenset(fold(w) for w in ("Compte", "Eu", "Étant", "Etant"))  # verbless openers (5.22, 5.26)
_TITLE_WORD = re.compile(r"[^\W\d_]+['’]?")
_TITLE_CANNOT_END = frozenset("de d' du des la le les l' et ou à au aux en pour par sur dans un une".split())
_FINITE_VERBS = frozenset(
    "est sont doit doivent devrait devraient peut peuvent pourrait pourraient sera seront serait seraient a ont"
    " importe convient faut il ils elle elles on".split()
)
_WINDOW = 300  # characters after an inline candidate that are read to decide on it
_CONJOINED = re.compile(r"(?:Et|Mais)\s+(?=[a-zà-ÿ])")
_LONE_NUMBER = re.compile(r"^\d{1,3}\s?[.)]$")
_HAS_WORD = re.compile(r"[^\W\d_]{2}")
_BULLET = re.compile(r"^[-–•▪]\s+(?=[A-ZÀ-Ý\d])")
_INLINE_HIERARCHICAL = re.compile(r"[.;:]\s+(\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+(?=[^\W\d_])")
_INLINE_NUMBER = re.compile(r"\d{1,3}\s?[.)]\s+(?=[A-ZÀ-Ý])")
