"""Segmentation: from a text to a :class:`~clausekit.types.Document` of clauses.

The segmenter works on the lines of the normalized analysis text. Each line is
classified (blank, page furniture, footnote, asterisk note, URL, clause start,
sub-paragraph, plain text); a clause then runs from its start line until the
next clause starts, across line and page breaks, skipping the furniture in
between. Spans are mapped back to the original text through the offset map
of :mod:`clausekit.normalize`.

>>> doc = segment("L'Assemblée générale,\\n\\nRappelant sa résolution 54/181,\\n\\n1. Décide de poursuivre l'examen.\\n")
>>> [(c.part, c.number, c.lead) for c in doc.clauses]
[('preamble', None, 'Rappelant'), ('operative', '1', 'Décide')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from pathlib import Path

from clausekit.frequency import zipf
from clausekit.lexicon import (
    LEAD_ADVERBS,
    find_lead,
    fold,
    looks_like_participle_lead,
    match_lead,
    words,
)
from clausekit.normalize import Normalized, normalize
from clausekit.types import Clause, Document, Furniture, Heading, Span, SubParagraph

# --- line patterns -----------------------------------------------------------------

_URL = re.compile(r"^(?:https?://|www\.)\S+$")
_PAGE_NUMBER = re.compile(r"^(?:[-–]\s*)?\d{1,3}(?:\s*[-–])?$|^(?:Page|page)\s+\d{1,3}(?:\s*(?:/|sur)\s*\d{1,3})?$")
_SYMBOL = r"(?:[A-Z]{1,8}(?:/[A-Za-z0-9.\-_()]+){1,8})"
_PAGE_HEADER = re.compile(
    rf"^(?:\d{{1,3}}\s+)?{_SYMBOL}(?:\s+\d{{1,3}})?$"  # A/RES/55/109, "2 A/RES/55/109"
    r"|^GE\.\d{2}-\d{3,6}\s*(?:\(F\))?.*$"  # Geneva job numbers
    r"|^\d{2}-\d{4,6}\s*(?:\(F\))?$"  # New York job numbers
    r"|^\*\d{7,}\*$"  # bar-code lines
)
_SEPARATOR = re.compile(r"^[_\-–—=.·]{5,}$")
_ASTERISK_NOTE = re.compile(r"^(\*{1,4})\s*(\S.*)$")
_FOOTNOTE = re.compile(r"^(\d{1,3})\s+(\S.*)$")
# "1.", "12.", "4," (OCR), "1)" (UNESCO style), "1 ." ; digits may be OCR-damaged (l/I for 1, O for 0).
_NUMBERED = re.compile(r"^(\d{1,3}|[1-9lI][0-9lIO]{1,2}|[0-9][lIO])\s?([.,)°])\s*(?=\S)(?!\d)(.*)$")
_HIERARCHICAL = re.compile(r"^(\d{1,3}(?:\.\d{1,3}){1,3})\.?\s+(?=\S)(?!\d)(.*)$")  # "6.1", "6.4.1" (UNESCO style)
_FORMULA = re.compile(r"^(?:L'|Le\s+|La\s+|Les\s+)([A-ZÉ][^.;:!?]{2,120}),\s*$")
_TITLE = re.compile(r"^(\d{1,4}/(?:\d{1,4}|\.{3}|…)[A-Z]?)\.?\s+(\S.*)$")
_MONTHS = frozenset(
    ["janvier", "février", "fevrier", "mars", "avril", "mai", "juin", "juillet", "août", "aout", "septembre", "octobre", "novembre", "décembre", "decembre"]
)
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

# A footnote marker glued to a word ("session1,", "l'homme4 ;", "santé »3,"), an OCR'd one ("session?,"),
# or one set apart by spaces before a comma ("Durban 2 , ainsi"), which French typography never does.
# The leading look-ahead changes nothing but speed: every marker starts with a digit or "?", and the
# engine then tries the five look-behinds only there, instead of at every character of a clause.
_MARKER = re.compile(
    r"(?=[\d?])"
    r"(?:(?<=[a-zà-ÿœ]{3})(\d{1,2})(?=\s?[,;.:)]|\s*$|\s+[a-zà-ÿ])"
    r"|(?<=[a-zà-ÿœ][»)])(\d{1,2})(?=\s?[,;.:]|\s*$)"
    r"|(?<=[a-zà-ÿœ] [»)])(\d{1,2})(?=\s?[,;.:]|\s*$)"
    r"|(?<=[a-zà-ÿœ»])(\?)(?=[,;.])"
    r"|(?<=[a-zà-ÿœ»)] )(\d{1,2})(?= ,))",
    re.MULTILINE,
)
_HYPHEN_JOIN = re.compile(r"(\w)-\n\s*(\w)")
_WORD_CHARS = re.compile(r"\w*")
_LEAD_WORD = re.compile(r"[^\W\d_]+(?:'|(?:-[^\W\d_]+)*)")  # a word as lexicon.words() reads it
_QUE = re.compile(r"Qu[e']")


@dataclass(slots=True)
class _Line:
    start: int  # offsets in the analysis text, without the newline
    end: int
    text: str  # stripped
    kind: str = "text"
    number: str | None = None
    body_start: int = 0  # offset in the analysis text where the clause text begins (after a number)


@dataclass(slots=True)
class _Draft:
    part: str
    number: str | None
    lines: list[_Line] = field(default_factory=list)
    text_start: int = 0


def segment(text_or_path: str | Path, *, doc_id: str | None = None, ocr: bool | None = None) -> Document:
    """Segment a document given as text or as a path to a file.

    A ``str`` that names an existing file (or any :class:`~pathlib.Path`) is read with
    :func:`clausekit.ingest.read_path`; any other string is taken as the text itself.

    >>> doc = segment("data/seeds/004_f730982b1d88a241.txt")  # doctest: +SKIP
    >>> doc.counts()  # doctest: +SKIP
    {'preamble': 8, 'operative': 6, 'narrative': 0}
    """
    if isinstance(text_or_path, Path) or _is_path(text_or_path):
        from clausekit.ingest import read_path

        source = read_path(text_or_path)
        return segment_text(source.text, doc_id=doc_id or source.doc_id, source=source.path, encoding=source.encoding, ocr=ocr)
    return segment_text(str(text_or_path), doc_id=doc_id or "text", source="<text>", ocr=ocr)


def _is_path(s: str) -> bool:
    if "\n" in s or len(s) > 4096:
        return False
    try:
        return Path(s).is_file()
    except OSError:
        return False


def segment_text(
    text: str,
    *,
    doc_id: str = "text",
    source: str | None = None,
    encoding: str | None = None,
    ocr: bool | None = None,
) -> Document:
    """Segment ``text`` (the original text of one document) into a :class:`Document`."""
    norm = normalize(text, ocr=ocr)
    lines = _split_lines(norm.text)
    double_spaced = _is_double_spaced(lines)
    furniture: list[Furniture] = []
    _classify(lines, double_spaced)
    deliberative = _is_deliberative(lines)
    drafts, heading_lines = _assemble(lines, deliberative, double_spaced)

    def add_furniture(kind: str, a: int, b: int) -> None:
        s, e = norm.to_original(a, b)
        furniture.append(Furniture(kind, s, e, text[s:e]))

    note_start = None
    for line in lines:
        if line.kind.endswith("_cont") and note_start is not None and furniture:
            # A note's continuation line extends the note it belongs to.
            s, e = norm.to_original(note_start, line.end)
            furniture[-1] = Furniture(furniture[-1].kind, s, e, text[s:e])
        elif line.kind in _FURNITURE_KINDS:
            add_furniture(_FURNITURE_KINDS[line.kind], line.start, line.end)
            note_start = line.start if line.kind in ("footnote", "asterisk_note") else None

    clauses: list[Clause] = []
    for draft in drafts:
        clause = _build_clause(draft, norm, text, doc_id, len(clauses), add_furniture)
        if clause is not None:
            clauses.append(clause)
    heading = _parse_heading(heading_lines, norm, clauses)
    furniture.sort(key=lambda f: f.start)
    warnings = []
    if norm.ocr_repaired:
        warnings.append("OCR damage was detected and repaired")
    return Document(
        doc_id=doc_id,
        original=text,
        heading=heading,
        clauses=clauses,
        furniture=furniture,
        source=source,
        encoding=encoding,
        warnings=warnings,
    )


_FURNITURE_KINDS = {
    "url": "url",
    "page_number": "page_number",
    "page_header": "page_header",
    "separator": "separator",
    "footnote": "footnote",
    "footnote_cont": "footnote",
    "asterisk_note": "asterisk_note",
    "asterisk_cont": "asterisk_note",
}


# --- lines ---------------------------------------------------------------------------


def _split_lines(text: str) -> list[_Line]:
    lines = []
    pos = 0
    for raw in text.split("\n"):
        end = pos + len(raw)
        stripped = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        lines.append(_Line(pos + lead, pos + lead + len(stripped), stripped))
        pos = end + 1
    return lines


def _is_double_spaced(lines: list[_Line]) -> bool:
    """Text extracted from some PDFs has a blank line after every line."""
    nonblank = [i for i, line in enumerate(lines) if line.text]
    if len(nonblank) < 6:
        return False
    gaps = [b - a for a, b in zip(nonblank, nonblank[1:], strict=False)]
    return sum(g == 2 for g in gaps) / len(gaps) > 0.7


def _classify(lines: list[_Line], double_spaced: bool) -> None:
    """Set each line's kind. Furniture first; clause starts are decided in :func:`_assemble`."""
    last_footnote = 0
    in_note: str | None = None  # "footnote" or "asterisk" while a note continues
    prev_blank = True
    for line in lines:
        t = line.text
        if not t:
            line.kind = "blank"
            if not double_spaced:
                in_note = None
            prev_blank = True
            continue
        if _URL.match(t):
            line.kind = "url"
            in_note = None
        elif _SEPARATOR.match(t):
            line.kind = "separator"
        elif (m := _FOOTNOTE.match(t)) and _is_footnote(int(m.group(1)), m.group(2), last_footnote) and (
            not _PAGE_HEADER.match(t) or t.endswith(".")
        ):
            line.kind = "footnote"
            last_footnote = int(m.group(1))
            in_note = "footnote"
        elif _PAGE_HEADER.match(t):
            line.kind = "page_header"
            in_note = None
        elif _PAGE_NUMBER.match(t) and (prev_blank or in_note):
            line.kind = "page_number"
            in_note = None
        elif (m := _ASTERISK_NOTE.match(t)) and not t.startswith("**)"):
            line.kind = "asterisk_note"
            in_note = "asterisk"
        elif in_note and not _NUMBERED.match(t) and not _starts_clause_word(t):
            line.kind = f"{in_note}_cont"
        else:
            in_note = None
            line.kind = "text"
        if in_note and t.endswith(".") and line.kind in ("footnote", "footnote_cont", "asterisk_note", "asterisk_cont"):
            in_note = None  # a note ends with its full stop
        prev_blank = False


def _is_footnote(n: int, rest: str, last: int) -> bool:
    """``"3 Voir la résolution 74/2"`` is a footnote; ``"4 décembre 2020, la réunion"`` is not."""
    first = rest.split()[0]
    if first.lower().strip(",.") in _MONTHS or not (first[0].isupper() or first[0] in "«(\"'" or "/" in first):
        return False
    return last < n <= last + 3


def _starts_clause_word(t: str) -> bool:
    first = words(t, 1)
    return bool(first) and (looks_like_participle_lead(first[0]) or match_lead(t, "operative") is not None)


def _is_deliberative(lines: list[_Line]) -> bool:
    """A resolution or decision: an opening formula, or preambular participles and operative verbs."""
    formula = preamble = operative = 0
    for line in lines:
        if line.kind != "text":
            continue
        if _FORMULA.match(line.text) and len(line.text) < 130:
            formula += 1
        m = _NUMBERED.match(line.text)
        if m and (match_lead(m.group(3), "operative") or _QUE.match(m.group(3))):
            operative += 1  # "12. Prie ..." or a recommendation's "3) Que les Ministères ..."
        elif line.text[:1].isupper() and match_lead(line.text, "preamble") and _fold_word(words(line.text, 1)[0]) != "que":
            preamble += 1
        if formula > 0 or preamble >= 2 or (preamble >= 1 and operative >= 1) or operative >= 3:
            return True  # the counts only grow: the rest of the document cannot change the answer
    return False


def _gap_before(lines: list[_Line], i: int) -> int:
    """Blank lines directly above line ``i``."""
    n = 0
    for j in range(i - 1, -1, -1):
        if lines[j].kind != "blank":
            break
        n += 1
    return n


def _assemble(lines: list[_Line], deliberative: bool, double_spaced: bool) -> tuple[list[_Draft], list[_Line]]:
    """Group text lines into clause drafts; return them and the heading lines."""
    drafts: list[_Draft] = []
    heading: list[_Line] = []
    current: _Draft | None = None
    expected = 1  # next operative or narrative number
    seen_formula = False
    seen_operative = False
    numbered_doc = _has_numbered_paragraphs(lines)
    paragraph_gap = 3 if double_spaced else 1
    last_text: _Line | None = None

    for i, line in enumerate(lines):
        if line.kind != "text":
            continue
        t = line.text
        # The nearest text line above (furniture and blank lines are skipped).
        prev, last_text = last_text, line
        prev_end = prev.text[-1:] if prev else ""
        boundary_before = prev is None or prev_end in ",;:." or prev_end == "»" or current is None
        start: tuple[str, str | None, int] | None = None

        m = _NUMBERED.match(t)
        if m:
            n = _parse_number(m.group(1))
            body = m.group(3)
            plausible = n is not None and (n == expected or (expected < n <= expected + 2 and boundary_before))
            if m.group(2) == "," and not match_lead(body, None):
                plausible = False  # "4, Souligne" is an OCR'd "4."; "4, 5 et 6" is not a number
            if plausible and body[:1].isupper() or (plausible and n == expected and boundary_before):
                part = "operative" if deliberative else "narrative"
                start = (part, str(n), line.start + (len(t) - len(body)))
                expected = (n or 0) + 1
        if start is None and (h := _HIERARCHICAL.match(t)) and boundary_before and (not drafts or int(h.group(1).split(".")[0]) in (expected - 1, expected, expected + 1)):
            start = ("operative" if deliberative else "narrative", h.group(1), line.start + (len(t) - len(h.group(2))))
        if start is None and deliberative and not seen_operative and t[:1].isupper():
            if _FORMULA.match(t) and not drafts and len(t) < 130:
                seen_formula = True
                heading.append(line)
                continue
            first = words(t, 1)
            if first and boundary_before and looks_like_participle_lead(first[0]):
                if _fold_word(first[0]) != "que" or (prev and prev_end in ",;"):
                    start = ("preamble", None, line.start)
        if start is None and deliberative and (seen_operative or seen_formula or drafts) and boundary_before:
            if t[:1].isupper() and match_lead(t, "operative") and not looks_like_participle_lead(words(t, 1)[0]) and (prev is None or prev_end in ";:.,"):
                if seen_operative or (prev and prev_end in ";.:") or not drafts:
                    start = ("operative", None, line.start)
        if start is None and not deliberative and not numbered_doc:
            gap = _gap_before(lines, i)
            if current is None or (gap >= paragraph_gap and prev_end in ".:;!?»)"):
                start = ("narrative", None, line.start)

        if start is not None:
            part, number, text_start = start
            if part == "operative":
                seen_operative = True
            current = _Draft(part, number, [line], text_start)
            drafts.append(current)
        elif current is not None:
            current.lines.append(line)
        else:
            heading.append(line)

    if not drafts and heading and not deliberative:
        # No recognizable clause: the text is one narrative paragraph per block, never lost.
        return _assemble_fallback(heading), []
    if not deliberative and numbered_doc:
        _promote_intro_paragraphs(drafts, heading)
    return drafts, heading


def _assemble_fallback(lines: list[_Line]) -> list[_Draft]:
    drafts: list[_Draft] = []
    for line in lines:
        drafts.append(_Draft("narrative", None, [line], line.start))
    return drafts


def _promote_intro_paragraphs(drafts: list[_Draft], heading: list[_Line]) -> None:
    """In a narrative document, keep only short title lines as heading."""
    # Heading lines of a note are short; a long line ending a sentence is an unnumbered paragraph.
    intro = [line for line in heading if len(line.text) > 90 and line.text[-1:] in ".:;"]
    if not intro:
        return
    keep = [line for line in heading if line not in intro]
    heading[:] = keep
    for line in reversed(intro):
        drafts.insert(0, _Draft("narrative", None, [line], line.start))


def _has_numbered_paragraphs(lines: list[_Line]) -> bool:
    expected, hits = 1, 0
    for line in lines:
        if line.kind == "text" and (m := _NUMBERED.match(line.text)) and _parse_number(m.group(1)) == expected:
            expected += 1
            hits += 1
    return hits >= 2


def _parse_number(raw: str) -> int | None:
    fixed = raw.replace("l", "1").replace("I", "1").replace("O", "0")
    return int(fixed) if fixed.isdigit() else None


# --- clause building ---------------------------------------------------------------


def _build_clause(draft: _Draft, norm: Normalized, original: str, doc_id: str, index: int, add_furniture) -> Clause | None:
    analysis = norm.text
    # Pieces: runs of consecutive lines of this clause (analysis offsets); the first starts at its number.
    runs: list[list[int]] = []
    for line in draft.lines:
        a = line.start
        if runs and not analysis[runs[-1][1] : a].strip():
            runs[-1][1] = line.end
        else:
            runs.append([a, line.end])
    # Footnote markers are furniture: cut them out of the pieces.
    pieces: list[tuple[int, int]] = []
    for a, b in runs:
        pos = a
        for m in _MARKER.finditer(analysis, a, b):
            g = next(i for i in range(1, 6) if m.group(i) is not None)
            ms, me = m.start(g), m.end(g)
            if ms > pos:
                pieces.append((pos, ms))
            add_furniture("footnote_marker", ms, me)
            pos = me
        if pos < b:
            pieces.append((pos, b))
    body_pieces = [(max(a, draft.text_start), b) for a, b in pieces if b > draft.text_start]
    text = _assemble_text(analysis, body_pieces)
    if not text:
        return None
    spans = []
    for a, b in pieces:
        s, e = norm.to_original(a, b)
        # Trailing/leading white space of a piece is not the clause's own text.
        while s < e and original[s].isspace():
            s += 1
        while e > s and original[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append(Span(s, e))
    if not spans:
        return None
    subparagraphs = _subparagraphs(analysis, body_pieces, norm)
    return Clause(
        doc_id=doc_id,
        index=index,
        part=draft.part,
        number=draft.number,
        lead=lead_phrase(text, draft.part),
        text=text,
        start=spans[0].start,
        end=spans[-1].end,
        pieces=tuple(spans),
        subparagraphs=subparagraphs,
    )


def _assemble_text(analysis: str, pieces: list[tuple[int, int]]) -> str:
    out: list[str] = []
    prev_end = None
    for a, b in pieces:
        if prev_end is not None:
            # Pieces split by a footnote marker on one line join directly; others join at a line break.
            out.append("\n" if "\n" in analysis[prev_end:a] else "")
        out.append(analysis[a:b])
        prev_end = b
    return fold_text("".join(out))


def fold_text(raw: str) -> str:
    """Undo line-break hyphenation and fold white space.

    A hyphen at a line end is kept when it is a real hyphen (``non-\\nsélectivité``,
    ``Sud-\\nSud``) and removed when it splits a word (``dévelop-\\npement``).

    >>> fold_text("la non-\\nsélectivité et le dévelop-\\npement")
    'la non-sélectivité et le développement'
    """
    if "-\n" in raw:
        raw = _HYPHEN_JOIN.sub(_dehyphenate, raw)
    # str.split() cuts at exactly the characters \s matches, so this is re.sub(r"\s+", " ", raw).strip()
    # with the spaces before a comma removed, in a fraction of the time.
    return " ".join(raw.split()).replace(" ,", ",")


def _dehyphenate(m: re.Match[str]) -> str:
    left_char, right_char = m.group(1), m.group(2)
    start = m.start()
    text = m.string
    j = start
    while j > 0 and (text[j - 1].isalpha() or text[j - 1] == "'"):
        j -= 1
    left = text[j : start + 1].split("'")[-1]
    k = m.end()
    right_rest = _WORD_CHARS.match(text, k).group(0)
    right = right_char + right_rest
    if right_char.isupper() or right_char.isdigit() or left_char.isdigit():
        return f"{left_char}-{right_char}"
    if _is_split_word(left, right):
        return f"{left_char}{right_char}"
    return f"{left_char}-{right_char}"


@lru_cache(maxsize=16384)
def _is_split_word(left: str, right: str) -> bool:
    joined = (left + right).lower()
    hyphenated = f"{left}-{right}".lower()
    if left.lower() in {"non", "quasi", "sous", "demi", "semi", "auto", "ex", "vice", "anti", "post", "pré", "co", "néo", "extra", "inter", "multi", "porte"}:
        return False
    return zipf(joined) > max(1.0, zipf(hyphenated))


_SUBPARA_INLINE = re.compile(r"(?:(?<=^)|(?<=[\s:;]))\(?([a-z]|[ivx]{1,5})\)\s")


def _subparagraphs(analysis: str, pieces: list[tuple[int, int]], norm: Normalized) -> tuple[SubParagraph, ...]:
    """Sub-paragraphs ``a)``, ``(b)``, ``ii)`` of a clause, found in sequence."""
    hits: list[tuple[str, int]] = []
    for a, b in pieces:
        if analysis.find(")", a, b) == -1:
            continue  # every label ends with ")"; most clauses have none, and the scan is not free
        for m in _SUBPARA_INLINE.finditer(analysis, a, b):
            hits.append((m.group(1), m.start()))
    if not hits:
        return ()
    # Accept a run starting at a) or i) and going on in order.
    letters = "abcdefghijklmnopqrstuvwxyz"
    romans = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]
    seq: list[tuple[str, int]] = []
    for label, pos in hits:
        if not seq:
            if label in ("a", "i"):
                seq.append((label, pos))
            continue
        prev = seq[-1][0]
        nxt_letter = letters[letters.index(prev) + 1] if prev in letters and prev != "z" else None
        nxt_roman = romans[romans.index(prev) + 1] if prev in romans[:-1] else None
        if label in (nxt_letter, nxt_roman):
            seq.append((label, pos))
    if len(seq) < 2:
        return ()
    end_all = pieces[-1][1]
    out = []
    for k, (label, pos) in enumerate(seq):
        end = seq[k + 1][1] if k + 1 < len(seq) else end_all
        sub = [(max(a, pos), min(b, end)) for a, b in pieces if min(b, end) > max(a, pos)]
        s, _ = norm.to_original(sub[0][0], sub[0][1])
        _, e = norm.to_original(sub[-1][0], sub[-1][1])
        out.append(SubParagraph(label, _assemble_text(analysis, sub), s, e))
    return tuple(out)


_LEAD_STOP = frozenset(
    ["le", "la", "les", "l'", "un", "une", "des", "du", "de", "d'", "à", "au", "aux", "que", "qu'", "sa", "son", "ses", "leur", "leurs", "tous", "toutes", "tout", "ce", "cette", "ces", "sur", "par", "pour", "dans", "qui", "dont", "lorsque", "si", "selon", "avec", "et", "ou", "notamment"]
)


def _adverbs_by_first_word() -> dict[str, list[list[str]]]:
    """The folded words of each lead adverb, by first word, in LEAD_ADVERBS order (the first match wins)."""
    index: dict[str, list[list[str]]] = {}
    for adverb in LEAD_ADVERBS:
        parts = fold(adverb).split()
        index.setdefault(parts[0], []).append(parts)
    return index


_ADVERBS_BY_FIRST_WORD = _adverbs_by_first_word()


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    """:func:`~clausekit.lexicon.fold` of one word, remembered: the same few thousand words recur in every document."""
    return fold(word)


def lead_phrase(text: str, part: str | None = None) -> str:
    """The lead phrase of a clause: its first verb or participle with adverbs and fixed complements.

    >>> lead_phrase("Prie également le Haut-Commissariat de préciser ...")
    'Prie également'
    >>> lead_phrase("Prenant note avec satisfaction du document final ...")
    'Prenant note avec satisfaction'
    >>> lead_phrase("Souligne également de nouveau qu'il convient ...")
    'Souligne également de nouveau'
    """
    # The first 16 words, as lexicon.words(text, 16) reads them, kept as matches for the surface form below.
    matches = list(islice(_LEAD_WORD.finditer(text), 16))
    if not matches:
        return ""
    ws = [m.group() for m in matches]
    found = find_lead(text, part if part in ("preamble", "operative") else None)
    if found is None and part == "narrative":
        return ""  # a narrative paragraph has no lead phrase
    skip, key, _ = found if found else (0, "", "")
    n = skip + (len(key.replace("'", "' ").split()) if found else 1)
    # Extend over adverbs that follow the known phrase ("Souligne également de nouveau").
    folded = [_fold_word(w) for w in ws]
    changed = True
    while changed and n < len(ws):
        changed = False
        for parts in _ADVERBS_BY_FIRST_WORD.get(folded[n], ()):
            if folded[n : n + len(parts)] == parts:
                n += len(parts)
                changed = True
                break
    if not found:
        # Unknown lead: a capitalized first word, plus an intensified adjective ("Vivement alarmé").
        if folded[0] in {"profondement", "vivement", "gravement", "tres", "pleinement", "fermement"} and len(ws) > 1 or folded[0] in {"se", "s'"} and len(ws) > 1:
            n = 2
    # Recover the surface form from the text, keeping its spelling and apostrophes: from word
    # skip + 1 to word n, or to the last word of a shorter text.
    if n > len(matches):
        matches = list(islice(_LEAD_WORD.finditer(text), n))
    begin = matches[skip].start() if skip < len(matches) else 0
    end = matches[min(n, len(matches)) - 1].end()
    return text[begin:end].strip()


def infer_part(text: str) -> str:
    """The part of one clause given alone (``--input-format lines``), from its form.

    >>> infer_part("12. Prie le Secrétaire général de ...;")
    'operative'
    >>> infer_part("Rappelant sa résolution 54/181,")
    'preamble'
    >>> infer_part("La présente note a été établie en application de la décision 2/102.")
    'narrative'
    """
    t = text.strip()
    m = _NUMBERED.match(t)
    if m and match_lead(m.group(3), "operative"):
        return "operative"
    first = words(t, 1)
    if first and looks_like_participle_lead(first[0]) and t.endswith((",", ", et", ";")) and fold(first[0]) != "que":
        return "preamble"
    if match_lead(t, "preamble") and t.endswith(","):
        return "preamble"
    if match_lead(t, "operative") and t.endswith((";", ".", ":")) and t[:1].isupper():
        return "operative"
    return "narrative"


# --- heading -----------------------------------------------------------------------


def _parse_heading(lines: list[_Line], norm: Normalized, clauses: list[Clause]) -> Heading:
    texts = [line.text for line in lines]
    body = session = agenda = sponsors = title = symbol = kind = formula = None
    year: int | None = None
    i = 0
    while i < len(texts):
        t = texts[i]
        folded = fold(t)
        if (m := _FORMULA.match(t)) and len(t) < 130:
            formula = t
            body = body or _canonical_body(m.group(1))
        elif re.search(r"\bsession\b", folded) and len(t) < 80 and session is None:
            session = t
        elif folded.startswith("point ") and "ordre du jour" in folded:
            agenda = t
        elif ":" in t and re.search(r"projet de (résolution|décision)|resolution|décision", t, re.I) and sponsors is None:
            sponsors, _, kind_text = t.rpartition(":")
            sponsors = sponsors.strip() or None
            kind = kind_text.strip() or None
        elif m := _TITLE.match(t):
            symbol = symbol or m.group(1)
            parts = [m.group(2)]
            while i + 1 < len(texts) and texts[i + 1][:1].islower():
                i += 1
                parts.append(texts[i])
            title = fold_text(" ".join(parts))
        elif folded in _FOLDED_BODIES and body is None:
            body = _FOLDED_BODIES[folded]
        elif title is None and re.match(r"^(Note|Rapport|Lettre|Résolution|Décision)\b", t):
            title = t
            kind = t.split()[0].lower()
        i += 1
    spans = tuple(Span(*norm.to_original(line.start, line.end)) for line in lines)
    year = _year(symbol, body, texts)
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


def _canonical_body(name: str) -> str:
    return _FOLDED_BODIES.get(fold(name), name)


def _year(symbol: str | None, body: str | None, texts: list[str]) -> int | None:
    """The year of a document when its heading tells it: its session number, or an explicit year.

    Human Rights Council sessions run three a year from 2006; General Assembly session N opens in 1945 + N.
    """
    m = re.match(r"^(\d{1,3})/", symbol or "")
    if m and body == "Conseil des droits de l'homme":
        return 2006 + (int(m.group(1)) - 1) // 3
    if m and body == "Assemblée générale":
        return 1945 + int(m.group(1))
    for t in texts:
        if m := re.search(r"\b(19[4-9]\d|20[0-9]\d)\b", t):
            return int(m.group(1))
    return None
