"""A draft of lines -> a :class:`~clausekit.types.Clause`: its text, span, lead, sub-paragraphs and footnote markers."""

from __future__ import annotations

import re
from functools import lru_cache

from clausekit.segmentation.boundaries import _Draft
from clausekit.segmentation.leads import lead_phrase
from clausekit.segmentation.patterns import _HYPHEN_JOIN, _MARKER, _WORD_CHARS
from clausekit.text.frequency import zipf
from clausekit.text.normalization import Normalized
from clausekit.types import Clause, Span, SubParagraph

# --- clause building ---------------------------------------------------------------


def _build_clause(
    draft: _Draft, norm: Normalized, original: str, doc_id: str, index: int, add_furniture
) -> Clause | None:
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
            g = next(i for i in range(1, 7) if m.group(i) is not None)
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
            # Pieces split by a footnote marker on one line join directly; others join at a line break, or
            # at a space where furniture between them stood apart ("relevant — 187 — de").
            gap = analysis[prev_end:a]
            out.append("\n" if "\n" in gap else " " if gap[:1].isspace() or gap[-1:].isspace() else "")
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
    right_rest = w.group(0) if (w := _WORD_CHARS.match(text, k)) else ""
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
    if left.lower() in {
        "non",
        "quasi",
        "sous",
        "demi",
        "semi",
        "auto",
        "ex",
        "vice",
        "anti",
        "post",
        "pré",
        "co",
        "néo",
        "extra",
        "inter",
        "multi",
        "porte",
    }:
        return False
    return zipf(joined) > max(1.0, zipf(hyphenated))


_SUBPARA_INLINE = re.compile(r"(?:(?<=^)|(?<=[\s:;]))\(?([a-z]|[ivx]{1,5})\)\s")


def _subparagraphs(
    analysis: str, pieces: list[tuple[int, int]], norm: Normalized
) -> tuple[SubParagraph, ...]:
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
