"""Clause boundaries: classified lines grouped into drafts of clauses (preamble, operative, narrative)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from clausekit.segmentation.labels import article_heading, paragraph_label
from clausekit.segmentation.leads import _fold_word
from clausekit.segmentation.lexicon import (
    first_person_lead,
    looks_like_participle_lead,
    match_lead,
    opens_preamble,
    words,
)
from clausekit.segmentation.lines import _conjoined_lead, _Line
from clausekit.segmentation.normative import (
    is_address_formula,
    is_enacting_formula,
    opens_prescription,
    prescribes,
)
from clausekit.segmentation.numbering import damaged_ordinal, misread_number, same_section
from clausekit.segmentation.patterns import (
    _FORMULA,
    _HIERARCHICAL,
    _NUMBERED,
    _QUE,
    _TITLE,
    numbered,
    opens_upper,
)
from clausekit.segmentation.signals import (
    _address_at_end,
    _body_speaks,
    _closing_mark,
    _continues_numbering,
    _gap_before,
    _is_headline,
    _lead_after_lost_comma,
    _next_sibling,
    _opens_next_resolution,
    _parse_number,
    _preamble_after_operative,
    _raw_width,
    _sentence_after_sentence,
    _short_line_width,
    _subjectless_verb,
    _title_first_line,
)
from clausekit.segmentation.structure import (
    _ENACTING_VERB,
    _background_split,
    _has_numbered_paragraphs,
    _is_normative,
    _lines_are_paragraphs,
    _opens_new_preamble,
    _opens_sentence,
    _paragraph_text,
    _prescriptive_paragraph,
    opens_statement_paragraph,
)
from clausekit.segmentation.unnumbered import (
    opens_after_lost_stop,
    opens_after_stop,
    prescribes_after_comma,
)
from clausekit.segmentation.wrapping import word_would_fit


@dataclass(slots=True)
class _Draft:
    part: str
    number: str | None
    lines: list[_Line] = field(default_factory=list)
    text_start: int = 0


def _assemble(
    lines: list[_Line], deliberative: bool, double_spaced: bool
) -> tuple[list[_Draft], list[_Line]]:
    """Group text lines into clause drafts; return them and the heading lines."""
    drafts: list[_Draft] = []
    heading: list[_Line] = []
    current: _Draft | None = None
    expected = 1  # next operative or narrative number
    seen_formula = False
    seen_operative = False
    after_enacting = False  # the last paragraph announced the text that follows ("... la recommandation suivante :")
    # Recommendations or a declaration without an opening formula: numbered paragraphs that prescribe.
    normative = not deliberative and _is_normative(lines)
    deliberative = deliberative or normative
    numbered_doc = normative or _has_numbered_paragraphs(lines)  # prescriptions may be numbered from any number
    paragraph_gap = 3 if double_spaced else 1
    last_text: _Line | None = None
    last_index = -1
    last_label: tuple[str, int] | None = None  # the style and ordinal of the last "II." / "B." / "1er" label (5.31)
    pending_article = 0  # an article heading's ordinal, for the next text line
    last_hierarchical: str | None = None  # the last "3.2" / "3.2.1" number that started a clause
    text_lines = [i for i, line in enumerate(lines) if line.kind == "text"]
    next_text: dict[int, int | None] = dict(zip(text_lines, [*text_lines[1:], None], strict=False))
    one_line_paragraphs = _lines_are_paragraphs(lines, text_lines) or all(lines[k].inline for k in text_lines[1:])
    short_line = 0 if one_line_paragraphs else _short_line_width(lines, text_lines)

    for i, line in enumerate(lines):
        if line.kind != "text":
            continue
        t = line.text
        # The nearest text line above (furniture and blank lines are skipped).
        prev, prev_index = last_text, last_index
        prev_end = _closing_mark(prev.text) if prev else ""
        nxt = next_text[i]
        if prev_end == ":" and current is not None and current.part == "preamble" and _address_at_end(prev.text):
            after_enacting = True  # "...; La Conférence Recommande aux Ministères :" ends the preamble's last line
        in_sequence = _continues_numbering(lines, i, expected, last_hierarchical) if line.cut in ("seq", "title", "next") else None
        if line.cut == "lead":
            in_sequence = current is not None and (current.part == "preamble" and not seen_operative or current.part == "operative" and _subjectless_verb(t))
        if in_sequence is False and (line.cut in ("seq", "next", "lead") or line.inline):
            # A number after a word that does not go on the numbering ("... la recommandation 36. Il ...",
            # numbering at 12): the piece rejoins the text it was cut from.
            last_text, last_index = line, i
            (current.lines if current is not None else heading).append(line)
            continue
        if line.cut == "lead":
            in_sequence = None  # a lead kept: the rules below start the clause
        if (in_sequence and line.cut == "title") or (
            in_sequence is None and _is_headline(lines, i, prev_end, nxt, one_line_paragraphs, paragraph_gap)
        ):
            # A title between paragraphs ("Texte de la résolution", a press headline) never joins a clause.
            if in_sequence and line.cut == "title" and not line.inline and _title_first_line(current, prev):
                # The title began on the line above ("Mesures d'urgence pour la formation accélérée, LE" /
                # "RECRUTEMENT DES MAÎTRES 22. Malgré ..."): that line is title too, not clause text.
                current.lines.pop()
                prev.kind = "headline"
                if not current.lines:
                    drafts.pop()
                    current = drafts[-1] if drafts else None
            if drafts:
                line.kind = "headline"
            else:
                heading.append(line)
            pending_article = article_heading(t, last_label) or pending_article  # "Article 2 – Titre" (5.31)
            current = None if current is None or current.part == "narrative" else current
            continue
        if seen_operative and prev_end in ".;:" and nxt is not None and _TITLE.match(t) and _opens_next_resolution(lines, lines[nxt].text, next_text[nxt]):
            line.kind = "headline"  # "58/21. Le droit au développement": the title of the next resolution, before its formula
            continue
        if seen_operative and prev_end in ".;:" and _opens_next_resolution(lines, t, nxt):
            # "La Conférence internationale de l'éducation," after an operative part, then "Constatant ...": the
            # next resolution of the same document; its formula is a headline and a preamble may follow again.
            line.kind = "headline"
            seen_operative, seen_formula, current, expected = False, True, None, 1
            continue
        last_text, last_index = line, i
        # Wrapped text: the line above stops well short of the width without closing punctuation (a stop lost).
        short_above = bool(prev and not line.inline and prev_end.isalnum() and (
            one_line_paragraphs or _raw_width(lines, prev_index) < short_line or word_would_fit(lines, prev_index, t, short_line)))
        boundary_before = (
            prev is None or prev_end in ",;:." or prev_end == "»" or current is None or line.inline
            or _lead_after_lost_comma(lines, i, t, current, paragraph_gap, short_above)
        )
        new_paragraph = prev is None or (
            prev_end in ".:;!?»)"
            and (
                (one_line_paragraphs and not line.inline)
                or _gap_before(lines, i) >= paragraph_gap
                or (not line.inline and _raw_width(lines, prev_index) < short_line)
                or (not line.inline and word_would_fit(lines, prev_index, t, short_line))
            )
        )
        start: tuple[str, str | None, int] | None = None
        lab = None

        if pending_article and numbered(t):  # "Article 2 / Objet / 1. Les États ...": the article's own numbering
            last_label, pending_article, expected = ("article", pending_article), 0, 1
        elif pending_article:  # the text after "Article 2 – Titre": the article's paragraph
            lab, pending_article = ("article", str(pending_article), pending_article, 0), 0
        decision = seen_formula and prev_end == ":" and not any(d.part == "operative" for d in drafts)  # "... social :" / "a) ..."
        if (lab or boundary_before and (lab := paragraph_label(t, last_label, after_colon_formula=decision))) and (deliberative or lab[0] == "article"):
            part = "operative" if deliberative else "narrative"  # before "II." is read as an OCR'd 11
            start, last_label = (part, lab[1], line.start + lab[3]), (lab[0], lab[2])  # "II. Prie ..." (5.31)
            expected = {"ordinal": lab[2] + 1, "article": 1}.get(lab[0], expected)  # "1er" then "2°"; an article's "1."
        m = numbered(t) if start is None else None  # also "18. 11 importe ..." (an OCR'd "Il")
        if m:
            n = _parse_number(m.group(1))
            first_number = not any(d.number for d in drafts) and (deliberative or numbered_doc)
            body = m.group(3)
            misread = n is not None and boundary_before and prev_end in ".;:" and misread_number(lines, i, n, expected)
            plausible = n is not None and (
                n == expected
                or bool(in_sequence)
                or (expected < n <= expected + 2 and boundary_before)
                or misread
                or (
                    first_number
                    and boundary_before
                    and (match_lead(body, "operative") is not None or (numbered_doc and body[:1].isupper()))
                )
            )  # an excerpt may start at any paragraph: "14. Prie ..." opens its numbering
            if m.group(2) == ":" and n != expected:
                plausible = False  # "13: Il convient ..." (an OCR'd "13.") only in sequence
            if m.group(2) == "," and not match_lead(body, None):
                plausible = False  # "4, Souligne" is an OCR'd "4."; "4, 5 et 6" is not a number
            if (
                plausible
                and body[:1].isupper()
                or (plausible and n == expected and boundary_before)
            ):
                part = "operative" if deliberative else "narrative"
                if (
                    deliberative and not seen_operative and not _QUE.match(body)  # "1. Que ..." prescribes (5.13)
                    and match_lead(body, "preamble") and not match_lead(body, "operative")
                ):
                    part = "preamble"  # guide 5.2: "1. Ayant examiné le document ...," is preambular though numbered
                start = (part, str(n), line.start + (len(t) - len(body)))
                expected = (expected if misread else n or 0) + 1  # a misread "41." for 44 goes on at 45
        if start is None and current is not None and current.number and prev_end in ".;" and (k := damaged_ordinal(t)):
            start, expected = (current.part, str(expected), line.start + k), expected + 1  # "g° Que ..." for "9° Que"
        if (
            start is None
            and (h := _HIERARCHICAL.match(t))
            and (boundary_before or _next_sibling(h.group(1), last_hierarchical))
            and (
                not any(d.number for d in drafts)  # the first number may be anything (an excerpt)
                or int(h.group(1).split(".")[0]) in (expected - 1, expected, expected + 1)
                or same_section(h.group(1), drafts[-1].number)
                or same_section(h.group(1), last_hierarchical)
                or (last_hierarchical is None and prev_end in ".:;")
            )
        ):
            last_hierarchical = h.group(1)
            start = (
                "operative" if deliberative else "narrative",
                h.group(1),
                line.start + (len(t) - len(h.group(2))),
            )
        if start is None and deliberative and boundary_before and t[:1].isupper() and _ENACTING_VERB.match(t):
            para, last = _paragraph_text(lines, i, limit=1 if one_line_paragraphs else 12, gap=paragraph_gap)
            following = next_text.get(last) if last in next_text else None
            if is_enacting_formula(para) or (
                is_address_formula(para)
                and following is not None
                and (_NUMBERED.match(lines[following].text) or _opens_sentence(lines[following].text))
            ):
                # Decision 5.1: "Soumet aux ministères ... la recommandation suivante :" is structural.
                start = ("narrative", None, line.start)
                after_enacting = True
        if start is None and seen_operative and new_paragraph and _FORMULA.match(t) and len(t) < 130:
            # A second opening formula ("La Conférence internationale de l'éducation,") after operative
            # paragraphs opens another resolution: its preamble follows (decision 5.1).
            start = ("narrative", None, line.start)
            seen_operative, seen_formula, expected = False, True, 1
        if (
            start is None
            and deliberative
            and seen_operative
            and new_paragraph
            and prev_end in ".;"
            and _opens_new_preamble(t, _paragraph_text(lines, i, limit=1 if one_line_paragraphs else 12, gap=paragraph_gap)[0])
        ):
            # After an operative paragraph, "Constatant que ...," is preambular: after a full stop it opens the
            # preamble of the next resolution, its formula left out (an excerpt, a web page), numbered anew;
            # after ";" it stands between operative paragraphs ("Agissant en vertu du Chapitre VII de la Charte,").
            seen_operative = False
            expected = 1 if prev_end == "." else expected
        if (
            start is None and deliberative and seen_operative and prev_end == "." and boundary_before
            and _preamble_after_operative(t, _paragraph_text(lines, i, 1 if one_line_paragraphs or nxt is not None and lines[nxt].inline else 12, paragraph_gap)[0])
        ):
            seen_operative, expected = False, 1  # "... aux États membres." / "Constatant ...,": another text's preamble
        if start is None and deliberative and not seen_operative and opens_upper(t):
            if _FORMULA.match(t) and len(t) < 130 and all(d.part == "narrative" for d in drafts):
                seen_formula = True
                heading.append(line)
                continue
            first = words(t, 2)
            reported = (  # "Présentant le texte, la représentante a rappelé ... ." before the quoted resolution
                not seen_formula
                and all(d.part == "narrative" for d in drafts)
                and t.endswith(".")
                and match_lead(t, "preamble") is None
            )
            conjoined = (
                first and boundary_before and _conjoined_lead(t) and (prev_end in ",;:" or not _QUE.match(t.split(None, 1)[1]))
            )
            if conjoined:
                start = ("preamble", None, line.start)  # "Et tenant compte ...", "Mais que ..."
            elif first and boundary_before and opens_preamble(t, first) and not reported:
                if after_enacting and _fold_word(first[0]) in ("que", "qu'"):
                    start = ("operative", None, line.start)  # "Recommande aux ministères :" / "Que les autorités ..."
                elif _fold_word(first[0]) not in ("que", "qu'") or (prev and prev_end in ",;:"):
                    start = ("preamble", None, line.start)
            elif (
                not seen_formula
                and new_paragraph
                and all(d.part == "narrative" for d in drafts)
                and _is_narrative_sentence(t)
                and not _subjectless_verb(t)
                and not (prev is not None and opens_statement_paragraph(line, prev, prev_end, True))  # a statement's
            ):
                start = ("narrative", None, line.start)  # a press release's own paragraphs before the text it quotes
        if (
            start is None
            and deliberative
            and (seen_operative or seen_formula or drafts or (prev is None and _subjectless_verb(t)))
            and boundary_before
        ):
            if (
                opens_upper(t)
                and (match_lead(t, "operative") or first_person_lead(t))
                and not looks_like_participle_lead(words(t, 1)[0])
                and (prev is None or prev_end in ";:.," or line.cut == "lead")
            ):
                after_preamble = current is not None and current.part == "preamble" and prev_end == ","
                if seen_operative or (prev and prev_end in ";.:") or not drafts or after_preamble:
                    start = ("operative", None, line.start)
        if (
            start is None
            and current is not None
            and current.part == "operative"
            and boundary_before
            and _QUE.match(t)
            and _QUE.match(current.lines[0].text[current.text_start - current.lines[0].start :])
            and (one_line_paragraphs and not line.inline or _gap_before(lines, i) >= paragraph_gap)
            and not (line.inline and current.number)  # "1. Que ... ; Que ... ; 2. Que": the numbering decides
        ):
            start = ("operative", None, line.start)  # the next "Que ..." of a list of prescriptions
        if (
            start is None
            and current is not None
            and current.part != "narrative"
            and prev_end in ",;."
            and t[:1].isupper()
            and (one_line_paragraphs or _gap_before(lines, i) >= paragraph_gap)
            and prescribes_after_comma(t, _paragraph_text(lines, i, 1 if one_line_paragraphs else 5, paragraph_gap)[0], current.part)
            and not (line.inline and prev_end == "." and _sentence_after_sentence(t, prev.text))  # "... . Tout en ..., elle doit" (5.28)
        ):
            start = ("operative", None, line.start)  # a new prescription after a paragraph that ended with a comma
        if start is None and after_enacting and boundary_before and new_paragraph and _opens_sentence(t):
            start = ("operative", None, line.start)  # the first paragraph of the text a formula announced
        if (
            start is None
            and deliberative
            and current is not None
            and current.part == "operative"
            and prev_end in ".;:"
            and opens_after_stop(t, prev.text)
            and new_paragraph
            and not (line.inline and current.number and _QUE.match(t))  # "1. Que ... ; Que ...": one paragraph
        ):
            start = ("operative", None, line.start)  # an unnumbered operative paragraph without a known lead
        if (
            start is None and deliberative and current is not None and (current.part != "narrative" or after_enacting)
            and prev_end not in ".;:,!?»)" and not line.inline
            and ((block := one_line_paragraphs or paragraph_gap == 1 and _gap_before(lines, i) >= 1) or short_above)
            and opens_after_lost_stop(t, current.lines[0].text[current.text_start - current.lines[0].start :], current.part, block)
        ):
            start = ("operative", None, line.start)  # a new prescription or lead after a paragraph that lost its stop or comma
        if (
            start is None and deliberative and current is not None and current.part == "operative" and line.inline
            and prev_end in ".;" and prev.text[-1:].isdigit() and opens_prescription(t)
        ):
            start = ("operative", None, line.start)  # "... à cet effet. 28 Il importe ...": a page number between
        if start is None and deliberative and prev is not None and opens_statement_paragraph(line, prev, prev_end, new_paragraph):
            start = ("operative", None, line.start)  # "... a fait en son nom la déclaration suivante :" then the statement (5.3)
        if start is None and current is not None and prev_end == "." and (not line.inline or line.cut == "body" and deliberative) and _body_speaks(t):
            # "La Conférence considère que ..." at a line start after a full stop: a body speaking for itself
            # in the present tense (guide rule 5's exception) opens its own paragraph.
            start = ("operative" if deliberative else "narrative", None, line.start)
        if start is None and not deliberative and not numbered_doc:
            gap = _gap_before(lines, i)
            # Wrapped text has no blank line: a sentence that ends its line short (or before a word that would
            # have fitted) ends the paragraph too, as in a deliberative text (new_paragraph).
            if current is None or (
                (gap >= paragraph_gap or one_line_paragraphs) and prev_end in ".:;!?»)"
            ) or (new_paragraph and _opens_sentence(t)):
                start = ("narrative", None, line.start)

        if start is not None:
            part, number, text_start = start
            if part == "operative":
                seen_operative = True
                after_enacting = False
            current = _Draft(part, number, [line], text_start)
            drafts.append(current)
        elif current is not None:
            current.lines.append(line)
        else:
            heading.append(line)

    if normative:
        _background_before_prescriptions(drafts)
    if not drafts and heading and not deliberative:
        # No recognizable clause: the text is one narrative paragraph per block, never lost.
        return _assemble_fallback(heading), []
    if not deliberative and numbered_doc:
        _promote_intro_paragraphs(drafts, heading)
    return drafts, heading


def _background_before_prescriptions(drafts: list[_Draft]) -> None:
    """In recommendations or a declaration without a formula, the numbered paragraphs before the
    prescriptions are their background: preambular (guide decision 5.9)."""
    numbered = [d for d in drafts if d.number is not None and d.part != "narrative"]
    if not numbered or numbered[0].number.split(".")[-1] != "1":
        return  # an excerpt starting mid-way ("14. ...") has no background of its own
    flags: list[bool] = []
    previous = ""
    for draft in numbered:
        text = " ".join(line.text for line in draft.lines[:8])
        flags.append(_prescriptive_paragraph(text, previous.endswith(":")))
        previous = " ".join(line.text for line in draft.lines)
    for draft in numbered[: _background_split(flags)]:
        text = " ".join(line.text for line in draft.lines[:8])[draft.text_start - draft.lines[0].start :]
        if not prescribes(_FIRST_SENTENCE.split(text, maxsplit=1)[0]):
            draft.part = "preamble"  # a paragraph that opens with a prescription stays operative


_FIRST_SENTENCE = re.compile(r"(?<=[.;:])\s+(?=[A-ZÀ-Ý])")


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


def _is_narrative_sentence(t: str) -> bool:
    """A paragraph of prose (a press release reporting an adoption), not a title: long, ending a sentence."""
    return len(t) >= 60 and t[-1:] in ".:»)" and t[:1].isupper() and not _FORMULA.match(t)
