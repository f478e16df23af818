"""Paragraphs run together on one line (text copied from a web page, issue 12): cuts the numbering confirms.

When a whole resolution stands on one line, nothing of the layout tells where a paragraph ends; its
number does, wherever it stands (guide, decisions 5.11 and 5.24). :func:`runon_cuts` finds, in one line,
the places :func:`~clausekit.segmentation.lines._numbered_title_cuts` leaves out, by offset and kind:

- ``"next"``: a paragraph number after a stop before a lower-case word ("... du milieu. 26. matériel
  ..."), or a hierarchical number after a word ("... des enseignants 7.2.2 fournir ..."), a stop lost.
  :func:`~clausekit.segmentation.boundaries._assemble` starts a clause there only for the very next
  number (``26`` after ``25``, ``7.2.2`` after ``7.2.1``); otherwise the piece rejoins its line.
- ``"page"``: a page number left by a PDF extraction after a paragraph's stop, with a dash on one side
  ("... ; 140 — 9. Ce droit ...", "... urbaines; -177" at the line end): page furniture, cut out on
  both sides, as "— 143 —" is.
- ``"statement"``: the text after the formula announcing a presidential statement ("... a fait en son nom la
  déclaration suivante : « Le Conseil ..."), where the statement starts as on the next line, and after it each
  sentence of the Council's pronoun and a lead ("... de la région. Il rappelle ...", decision 5.35).

>>> sorted(runon_cuts("Assurer la diffusion du milieu. 26. matériel didactique ;").items())
[(32, 'next')]
>>> sorted(runon_cuts("la mesure dont il est l'objet ; 140 — 9. Ce droit de recours").items())
[(32, 'page'), (38, '')]
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from clausekit.segmentation.lexicon import (
    OPERATIVE_LEADS,
    body_reflexive,
    find_lead,
    fold,
    looks_like_participle_lead,
    match_lead,
)
from clausekit.segmentation.patterns import _REFERENCE_WORDS, STATEMENT_FORMULA


def runon_cuts(t: str) -> dict[int, str]:
    """Offsets in line ``t`` where a run-on paragraph may start (``"next"``) or a page number stands (``"page"``)."""
    out: dict[int, str] = {}
    for m in _CAPITAL_AFTER_WORD.finditer(t):
        w = m.group(1)
        operative = fold(w) in _OPERATIVE_FIRST_WORDS
        if not operative and not looks_like_participle_lead(w):
            continue  # most capitalized words after a word are names: read the word alone first
        before = t[max(0, m.start() - 30) : m.start() + 1].rsplit(None, 1)[-1]
        if not (before[:1].islower() or _YEAR.fullmatch(before)) or before.lower() in _DETERMINERS:
            continue  # "La Conférence Recommande ...": a body and its verb; "la Note du ...", "sa Demande": nouns
        if (operative and match_lead(t[m.start(1) : m.start(1) + 300], "operative") is not None) or (
            looks_like_participle_lead(w) and _FOLLOWER.match(t, m.end(1))
        ):
            # "... en la matière Adresse un appel ...", "... d'enseignement Interprétant l'information ...": a stop or
            # a comma lost; kept only in the part the lead belongs to (boundaries._assemble).
            out[m.start(1)] = "lead"
    for m in _BODY_AFTER_STOP.finditer(t):
        found = find_lead(t[m.end() : m.end() + 200], "operative")
        if found is not None and found[0] >= 2 or body_reflexive(t[m.end() : m.end() + 160]):
            out[m.end()] = "body"  # "... besoins. Le Comité recommande ...": a body speaking for itself (5.3)
    if "déclaration suivante" in t and (statement := _STATEMENT_THEN_TEXT.search(t)):
        out[statement.end()] = "statement"  # "... a fait en son nom la déclaration suivante : « Le Conseil ...": the statement (5.35)
        for m in _PRONOUN_AFTER_STOP.finditer(t, statement.end()):
            found = find_lead(t[m.end() : m.end() + 200], "operative")
            if found is not None and found[0] == 1:
                out[m.end()] = "statement"  # "... de la région. Il rappelle ...": the Council's next sentence (5.35)
    if ". " in t:
        for m in _SECTION_LABEL.finditer(t):
            out[m.start(1)] = "label"  # "... des ressources. II. 14. Bien que ...": a section label, not text (5.27)
            out.setdefault(m.end(), "")
    if not _HAS_DIGIT.search(t):
        return out
    if _SPACED_NUMBER.search(t):  # what each of the four patterns below needs; most lines have none
        for m in _LOWER_AFTER_STOP.finditer(t):
            out[m.start(m.lastindex or 1)] = "next"
        for m in _NUMBER_AFTER_MARK.finditer(t):
            out[m.start(m.lastindex or 1)] = "next"  # "... (voir annexe) 2. Les ...", "... en 1960 2. Les ...", "... maîtres ! 2. Les ..."
        for m in _GLUED_NUMBER.finditer(t):
            out[m.start(m.lastindex or 1)] = "next"  # "... suivante : 1.Les autorités ...": the space after the number lost (OCR)
        for m in _NUMBER_BEFORE_LEAD.finditer(t):
            word = _ELISION.sub("", t[max(0, m.start() - 40) : m.start()].rsplit(None, 1)[-1].lower())
            if word not in _REFERENCE_WORDS and match_lead(t[m.end() : m.end() + 300], "operative") is not None:
                out[m.start(1)] = "next"  # "... reste à faire 1. Invite ...": a comma or stop lost before the number
    if _HAS_HIERARCHICAL.search(t):
        for m in _HIERARCHICAL_AFTER_WORD.finditer(t):
            word = t[max(0, m.start() - 40) : m.start()].rsplit(None, 1)[-1].lower()
            if _ELISION.sub("", word) not in _REFERENCE_WORDS:  # "au paragraphe 3.2.1 ci-dessus": a reference
                out[m.start(1)] = "next"
    if "—" in t or "–" in t or "-" in t:
        for m in _PAGE_AFTER_STOP.finditer(t):
            out[m.start(1)] = "page"
            rest = t[m.end(1) :]
            if rest.strip():
                out[m.end(1) + len(rest) - len(rest.lstrip())] = ""
    return out


def pages_across_lines(lines: list[Any]) -> list[Any]:
    """A page number set between dashes that a line break cut in two ("... relevant —" / "187 — de ..."): both
    pieces are page furniture (cut ``"page"``), as "— 187 —" is inside one line, so the clause reads the same
    whether its text arrives wrapped or on one line. ``lines`` are :class:`~clausekit.segmentation.lines._Line`.
    """
    out: list[Any] = []
    for line in lines:
        prev = out[-1] if out else None
        head = _PAGE_HEAD.match(line.text) if prev is not None and prev.text[-1:] in "–—" else None
        tail = _DASH_TAIL.search(prev.text) if head and prev is not None else None
        if head and tail and prev is not None:
            out[-1:] = [replace(prev, end=prev.start + tail.start(), text=prev.text[: tail.start()])] if tail.start() else []
            out.append(replace(prev, start=prev.start + tail.start() + 1, text=prev.text[tail.start() + 1 :], cut="page"))
            out.append(replace(line, end=line.start + head.end(), text=line.text[: head.end()], cut="page"))
            rest = line.text[head.end() :].lstrip()
            if rest:
                out.append(replace(line, start=line.end - len(rest), text=rest, inline=False))
            continue
        out.append(line)
    return out


_BODY_AFTER_STOP = re.compile(r"\.(?<=[^\W\d_]\.)\s+(?=(?:Le|La|Les|L['’])\s*[A-ZÀ-Ý])")  # "... besoins. Le Comité"
# A section label (a Roman numeral or a capital letter with its point) between a sentence's stop and the next
# paragraph's number or a capitalized word: "... des ressources. II. 14. Bien ...", "... : A. Mesures ...".
# Not after an initial or a short abbreviation ("M. A. Dupont", "Dr. B. Martin": a full stop before it closes a
# lower-case word of three letters or more, or a bracket).
_SECTION_LABEL = re.compile(
    r"[.;:](?:(?<=[a-zà-ÿ]{3}\.)|(?<=[)»]\.)|(?<=[a-zà-ÿ)»][;:])|(?<=[a-zà-ÿ)»] [;:]))"
    r"\s+((?:[IVX]{1,5}|[A-H])\.)\s+(?=\d{1,3}\s?[.)]\s|[A-ZÀ-Ý][a-zà-ÿ])"
)
_PAGE_HEAD = re.compile(r"\d{1,3}\s?[-–—](?=\s|$)")  # "187 —" at a line start
_DASH_TAIL = re.compile(r"(?:^|\s)[–—]$")  # "... relevant —" at the end of the line above
_HAS_DIGIT = re.compile(r"\d")
_STATEMENT_THEN_TEXT = re.compile(STATEMENT_FORMULA + r"\s+(?=«?\s*[A-ZÀ-Ý])")
_PRONOUN_AFTER_STOP = re.compile(r"\.(?<=[^\W\d_]\.)\s+(?=Il\s)")  # "... de la région. Il rappelle ..."
# "... du milieu. 26. matériel ...": a number after a stop, then a lower-case word (a capital is _inline_starts's).
# Also "26.- Les", and before a quote, a dash or "11 importe" (an OCR'd "Il", decision 5.21), and an ordinal "2° Que ...":
# no capital right after the number (decision 5.26).
_LOWER_AFTER_STOP = re.compile(
    r"[.;:,]\s+(?:(\d{1,3}\.)(?:\s+(?=[a-zà-ÿ«\"\-–]|(?:11|1l|l1)\s+[a-zà-ÿ])|(?=[-–]\s))|(\d{1,3}°)\s+(?=\S))"
)
# "... des enseignants 7.2.2 fournir ...": a hierarchical number right after a word, then a word.
# (Each pattern starts with one character, its look-behind checking the one before: the engine skips to it.)
# Also after a comma that closes a word ("... professionnelle, 2.3.2 renforcer ...", a ";" lost), not after a number
# ("aux paragraphes 2.3.1, 2.3.2 et 2.3.3": a list of references).
_HIERARCHICAL_AFTER_WORD = re.compile(
    r"\s(?:(?<=(?:[^\W_]|[)»…!?])\s)|(?<=[^\W\d_],\s))\s*(\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+(?=[^\W\d_])"
)
# "... : 1.Les ..." (no space after the number) and "... à faire 1. Invite ..." (a word before it, an operative
# lead after it): only the next number, as for every "next" cut (decision 5.26).
_NUMBER_AFTER_MARK = re.compile(
    r"\s(?:(?<=[)»\"!?/\d…—–]\s)\s*(\d{1,3}\.)\s+(?=[«\"]?[A-ZÀ-Ý])|(?<=[^\W\d_]\s)\s*(\d{1,3}°)\s+(?=Qu))"
)  # "... (voir annexe) 2. Les", "... en 1960 2. Les", "... formés 2° Que ..."
# Also an OCR'd "13:" for "13." before a capital (decision 5.11).
_GLUED_NUMBER = re.compile(r"[.;:]\s+(?:(\d{1,3}\.)(?=[A-ZÀ-Ý][a-zà-ÿ])|(\d{1,3}:)(?=\s+[A-ZÀ-Ý][a-zà-ÿ]))")
_NUMBER_BEFORE_LEAD = re.compile(r"\s(?<=[a-zà-ÿ]\s)\s*(\d{1,3}\.)\s+(?=[A-ZÀ-Ý][a-zà-ÿ])")
_HAS_HIERARCHICAL = re.compile(r"\d\.\d")
# A paragraph number after white space: "1. ", "2°", "13:". Each of _LOWER_AFTER_STOP, _NUMBER_AFTER_MARK,
# _GLUED_NUMBER and _NUMBER_BEFORE_LEAD matches white space, then one to three digits, then ".", "°" or ":", so a
# line without this needs none of their four scans.
_SPACED_NUMBER = re.compile(r"\s\d{1,3}[.°:]")
# "; 140 — 9. Ce ...", "; 140 —" or "; -177" at the line end, "; — 111 Considérant": a page number after a stop,
# a dash on one side.
_PAGE_AFTER_STOP = re.compile(
    r" (?<=[.;:,] )((?<=[.;:] )(?:\d{1,3}\s?[-–—](?=\s+\d{1,3}\s?[.)]\s|\s*$)|[-–—]\s?\d{1,3}(?=\s*$))"
    r"|[–—]\s?\d{1,3}(?=\s+[A-ZÀ-Ý]))"  # "... des peuples ; — 111 Considérant ...": before the next clause
)
# A capitalized word right after a lower-case word: inside a sentence only a name is, or a verb whose stop was lost.
_CAPITAL_AFTER_WORD = re.compile(r"\s(?<=[a-zà-ÿ\d]\s)\s*([A-ZÀ-Ý][a-zà-ÿ]+)")  # also after a year
_YEAR = re.compile(r"1[89]\d\d|20\d\d")  # "... adoptée en 1953 Prie ...": a stop lost after a year
_FOLLOWER = re.compile(r"\s+(?:l['’]|les?\s|la\s|des?\s|du\s|que\s|qu['’]|à\s|aux?\s|en\s|sur\s)")
_OPERATIVE_FIRST_WORDS = frozenset(fold(k.split()[0]) for k in OPERATIVE_LEADS)
_DETERMINERS = frozenset(
    "le la les l' un une des du de d' au aux à sa son ses leur leurs ce cet cette ces notre nos votre vos"
    " par pour sur dans en et ou".split()
)
_ELISION = re.compile(r"^\w+['’]")
