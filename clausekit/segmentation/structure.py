"""Whether a text is normative, read from its lines: paragraphs that prescribe, report, or enact.

Recommendations and declarations often come without the opening formula and lead verbs of a
resolution: their numbered paragraphs prescribe ("Les autorités devraient ...", "Il importe que ...",
"favoriser ..."), after background paragraphs that state facts (guide decisions 5.8 and 5.9). A report
states and reports ("a examiné", "Le Comité recommande ..."): its paragraphs stay narrative (decision 5.3).
Used by :mod:`clausekit.segmentation.boundaries`.
"""

from __future__ import annotations

import re

from clausekit.segmentation.labels import heads_paragraph, label
from clausekit.segmentation.leads import _fold_word
from clausekit.segmentation.lexicon import find_lead, match_lead, opens_preamble, words
from clausekit.segmentation.lines import _Line
from clausekit.segmentation.normative import (
    NARRATIVE,
    is_action_heading,
    is_action_item,
    prescribes,
    strip_glued_prefix,
)
from clausekit.segmentation.patterns import (
    _FORMULA,
    _HIERARCHICAL,
    _NUMBERED,
    _QUE,
    OPENS_WITH_OCR_IL,
    STATEMENT_FORMULA,
)
from clausekit.segmentation.signals import _parse_number, _subjectless_verb


def _paragraph_text(lines: list[_Line], i: int, limit: int = 5, gap: int | None = None) -> tuple[str, int]:
    """Line ``i`` and the text lines after it up to the end of its sentence (at most ``limit`` lines, and not
    across ``gap`` blank lines), and the index of the last line taken."""
    out: list[str] = []
    last = i
    blanks = 0
    for j in range(i, len(lines)):
        line = lines[j]
        if line.kind == "blank":
            blanks += 1
            if gap is not None and blanks >= gap:
                break
            continue
        if line.kind != "text":
            continue
        blanks = 0
        if out and (_NUMBERED.match(line.text) or _HIERARCHICAL.match(line.text)):
            break
        out.append(line.text)
        last = j
        if len(out) >= limit or line.text[-1:] in ".:;":
            break
    return " ".join(out), last


def _prescriptive_paragraph(text: str, after_colon: bool = False) -> bool:
    """A numbered paragraph that prescribes (obligation or advice, guide decision 5.8), is an action item or
    has an operative lead; a lower-case item of a list announced by a colon ("9.2.1 la mise en place de ...")
    is one of the measures announced."""
    m = _NUMBERED.match(text) or _HIERARCHICAL.match(text)
    body = m.group(m.lastindex or 0) if m else text
    if body[:1].islower():
        return after_colon or is_action_item(body) or prescribes(body, strong=True)
    return prescribes(body, strong=True) or is_action_heading(body) or match_lead(body, "operative") is not None


def _reported_paragraph(text: str) -> bool:
    """A paragraph of a report: past tense ("a examiné", "ont été"), or a body speaking of itself in the
    third person ("Le Comité recommande ...", "L'Instance permanente constate ...", decision 5.3)."""
    m = _NUMBERED.match(text) or _HIERARCHICAL.match(text)
    body = m.group(m.lastindex or 0) if m else text
    if NARRATIVE.search(body[:200]):
        return True
    found = find_lead(body)
    return found is not None and found[0] > 0


def _is_normative(lines: list[_Line]) -> bool:
    """Numbered paragraphs that prescribe ("devraient", "il importe", "favoriser ..."): recommendations or a
    declaration without an opening formula. At least 3 and a third of the numbered paragraphs, and fewer than
    half as many paragraphs that report (a report's recommendations stay narrative, decision 5.3)."""
    numbered = prescriptive = reported = 0
    previous = ""
    for i, line in enumerate(lines):
        if line.kind != "text" or not (_NUMBERED.match(line.text) or _HIERARCHICAL.match(line.text)):
            continue
        para = _paragraph_text(lines, i, limit=8)[0]
        numbered += 1
        prescriptive += _prescriptive_paragraph(para, previous.endswith(":"))
        reported += _reported_paragraph(para)
        previous = para
    return prescriptive >= 3 and 3 * prescriptive >= numbered and 2 * reported < prescriptive


def _background_split(flags: list[bool]) -> int:
    """Where the background ends and the prescriptions begin: the split that leaves the most statements
    before it and the most prescriptions after it (the first such split)."""
    best, best_k = sum(flags), 0
    score = best
    for k, f in enumerate(flags, start=1):
        score += -1 if f else 1
        if score > best:
            best, best_k = score, k
    return best_k


_ENACTING_VERB = re.compile(
    r"^(?:Soumet|Adopte|Recommande|Transmet|Approuve|Proclame|Présente|Arrête|Décide|Conviennent|Sont\s+convenu(?:e|s|es)?)\b",
    re.IGNORECASE,  # "Sont convenus de ce qui suit :", a convention's enacting formula
)


def _opens_sentence(t: str) -> bool:
    """A capital after any page marker or glued section heading ("— 182 — 2. Selon ...")."""
    return t[:1].isupper() or (not t[:1].isalpha() and strip_glued_prefix(t)[:1].isupper()) or (
        t[:1] in "1l" and OPENS_WITH_OCR_IL.match(t) is not None  # "11 importe ...": an OCR'd "Il importe"
    )


def _opens_new_preamble(t: str, para: str) -> bool:
    """A paragraph that opens with a preambular lead (not "Que ...") and ends with a comma."""
    first = words(t, 2)
    return (
        bool(first)
        and t[:1].isupper()
        and para.rstrip().endswith(",")
        and _fold_word(first[0]) not in ("que", "qu'")
        and opens_preamble(t, first)
    )


def _acts(body: str) -> bool:
    """A paragraph body that acts: an operative lead verb ("Prie ...") or an infinitive action item ("Lever ...")."""
    return match_lead(body, "operative") is not None or is_action_heading(body)


# The formula that announces a presidential statement of the Security Council, ending its line: its paragraphs
# are the Council speaking for itself, operative (guide 5.3); inside a line, runon_cuts cuts after it (5.35).
_STATEMENT_FOLLOWS = re.compile(STATEMENT_FORMULA + "$")


def opens_statement_paragraph(line: _Line, prev: _Line, prev_end: str, new_paragraph: bool) -> bool:
    """Whether ``line`` opens a paragraph of a presidential statement (guide 5.3, 5.35): the first one, after the
    formula that ends ``prev`` (on a paragraph of its own, or cut after the formula inside its line), and on one
    line each sentence "Il rappelle ..." that :func:`~clausekit.segmentation.runon.runon_cuts` cut after a stop."""
    if prev_end == ":":
        return (new_paragraph or line.cut == "statement") and _STATEMENT_FOLLOWS.search(prev.text) is not None
    return prev_end == "." and line.cut == "statement"


def _is_deliberative(lines: list[_Line]) -> bool:
    """A resolution or decision: an opening formula, or preambular participles and operative verbs."""
    formula = preamble = operative = bare = numbered = sentences = 0
    prev_end = "."
    for line in lines:
        if line.kind != "text":
            continue
        if _FORMULA.match(line.text) and len(line.text) < 130 or (
            line.text.endswith(":") and not sentences and _STATEMENT_FOLLOWS.search(line.text)
        ):
            formula += 1  # "... son président a fait en son nom la déclaration suivante :" before the statement
        m = _NUMBERED.match(line.text)
        numbered += m is not None
        if m and (match_lead(m.group(3), "operative") or _QUE.match(m.group(3))):
            operative += 1  # "12. Prie ..." or a recommendation's "3) Que les Ministères ..."
        elif not m and (lab := label(line.text)) and heads_paragraph(line.text[lab[3] :]):
            operative += 1  # "II. Prie ...", "V. La Conférence estime ..." (decision 5.31)
        if m and numbered == 1 and (_parse_number(m.group(1)) or 0) > 1 and _acts(m.group(3)):
            return True  # an excerpt opening mid-way through an operative part: "14. Prie ...", "6. Lever ..."
        elif (
            line.text[:1].isupper()
            and match_lead(line.text, "preamble")
            and _fold_word(words(line.text, 1)[0]) not in ("que", "qu'")
        ):
            preamble += 1
        elif prev_end in ".;:" and _subjectless_verb(line.text):
            bare += 1  # "Estime que ..." opening a paragraph: a verb whose subject is the body (unnumbered)
        prev_end = line.text[-1:]
        sentences += prev_end == "."
        if formula > 0 or preamble >= 2 or (preamble >= 1 and operative >= 1) or operative >= 3 or bare >= 3:
            return True  # the counts only grow: the rest of the document cannot change the answer
    return False


def _has_numbered_paragraphs(lines: list[_Line]) -> bool:
    """At least two paragraphs numbered in sequence; the sequence may start anywhere (an excerpt)."""
    expected, hits = None, 0
    for line in lines:
        if line.kind == "text" and (m := _NUMBERED.match(line.text)):
            n = _parse_number(m.group(1))
            if n is not None and (n == expected or (expected is None and m.group(3)[:1].isupper())):
                expected = n + 1
                hits += 1
    return hits >= 2


def _lines_are_paragraphs(lines: list[_Line], text_lines: list[int]) -> bool:
    """Whether each line holds a whole paragraph (web text) rather than a wrapped piece of one (PDF text).

    Told by what the lines hold: a wrapped line often stops mid-sentence, with the next line going on in
    lower case or after a hyphen; a web paragraph ends its sentence and the next one starts a new one.
    """
    pairs = [(lines[a].text, lines[b].text) for a, b in zip(text_lines, text_lines[1:], strict=False)]
    if len(pairs) < 2:
        return False
    wrapped = sum(
        1  # a lower-case line after ";" or ":" is the next item of a list, one paragraph each (guide 5.25)
        for t, nxt in pairs
        if (nxt[:1].islower() and t[-1:] not in ";:") or t[-1:] == "-" or (t[-1:].isalpha() and nxt[:1].isdigit())
    )
    return wrapped / len(pairs) < 0.1
