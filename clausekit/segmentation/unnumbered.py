"""Parts of paragraphs that lost their numbers: recommendations and declarations without formula or numbering.

A numbered text without an opening formula is normative when its paragraphs prescribe (guide decision
5.18, :func:`clausekit.segmentation.structure._is_normative`). The same text without its numbers (a
draft, a web page, a copy that dropped them) is still a run of paragraphs, one per block, that prescribe
("Les autorités devraient ...", "favoriser ...", "Il importe que ...") after background paragraphs that
state facts (decision 5.9). The segmenter first reads such a text as prose, one narrative clause per
paragraph; :func:`normative_paragraphs` then reads the paragraphs as the numbered ones are read, with the
same counts, and gives them their parts. A report keeps its paragraphs narrative: its sentences report
(past tense, a body speaking of itself) as often as they prescribe.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from typing import Any

from clausekit.segmentation.normative import is_action_item, opens_prescription, prescribes
from clausekit.segmentation.patterns import _QUE
from clausekit.segmentation.signals import _subjectless_verb
from clausekit.segmentation.structure import (
    _background_split,
    _opens_sentence,
    _prescriptive_paragraph,
    _reported_paragraph,
)

_FIRST_SENTENCE = re.compile(r"(?<=[.;:])\s+(?=[A-ZÀ-Ý])")
_FIRST_SENTENCE_END = re.compile(r"(?<=[.;:])\s")


def _text(draft: Any, limit: int = 8) -> str:
    """The first lines of a draft's text, from where the clause begins."""
    text = " ".join(line.text for line in draft.lines[:limit])
    return text[draft.text_start - draft.lines[0].start :]


def _split_items(drafts: Sequence[Any], paragraph_gap: int) -> list[Any]:
    """``drafts`` with each lower-case action item that lost its ";" ("favoriser ... enseignants" / blank line /
    "fournir les ressources ...") cut from the item before it: in a list of such items, a paragraph break
    before another one starts the next item."""
    out: list[Any] = []
    for draft in drafts:
        cut = 0
        if is_action_item(_text(draft, 1)):
            for j in range(1, len(draft.lines)):
                line, above = draft.lines[j], draft.lines[j - 1]
                if line.start - above.end - 1 >= paragraph_gap and is_action_item(line.text) and above.text[-1:].isalpha():
                    out.append(copy.copy(draft))
                    out[-1].lines = draft.lines[cut:j]
                    if cut:
                        out[-1].text_start = draft.lines[cut].start
                    cut = j
        if cut:
            out.append(copy.copy(draft))
            out[-1].lines, out[-1].text_start = draft.lines[cut:], draft.lines[cut].start
        else:
            out.append(draft)
    return out


def normative_paragraphs(drafts: list[Any], paragraph_gap: int = 1) -> bool:
    """Give operative and preambular parts to the unnumbered paragraphs of a normative text; whether it is one.

    ``drafts`` are the clause drafts of a text the segmenter read as prose (every draft narrative, none
    numbered). When at least 3 paragraphs, and a third of all, prescribe (or are action items, or lower-case
    items of a list announced by a colon), and fewer than half as many report, every paragraph is operative
    but the background before the run of prescriptions, which is preambular unless its first sentence
    prescribes: the counts and the split of numbered paragraphs (decisions 5.9 and 5.18).
    """
    if len(drafts) < 3 or any(d.part != "narrative" or d.number is not None for d in drafts):
        return False
    items = _split_items(drafts, paragraph_gap)
    texts = [_text(draft) for draft in items]
    need = max(3, -(-len(items) // 3))  # at least 3 paragraphs, and a third of all, prescribe
    flags: list[bool] = []
    for k, text in enumerate(texts):
        flags.append(_prescriptive_paragraph(text, k > 0 and items[k - 1].lines[-1].text[-1:] == ":"))
        need -= flags[-1]
        if need > len(texts) - k - 1:
            return False  # the usual prose document: decided before reading all its paragraphs
    if 2 * sum(map(_reported_paragraph, texts)) >= sum(flags):
        return False  # a report: it reports as much as it prescribes
    drafts[:] = items
    split = _background_split(flags)
    for k, draft in enumerate(drafts):
        background = k < split and not prescribes(_FIRST_SENTENCE.split(_text(draft), maxsplit=1)[0])
        draft.part = "preamble" if background else "operative"
    return True


# A first sub-paragraph label before a capital: "(a) Il conviendrait ...", "a) Les ...", "i) ...".
_FIRST_LABEL = re.compile(r"^\(?[ai]\)\s+[A-ZÀ-Ý]")
# Words before a full stop that do not end a sentence: "etc.", "art.", "M.", "cf.", "p.", "no.".
_ABBREVIATION = re.compile(r"(?:\b(?:etc|art|cf|al|no|nos|vol|chap|p|pp|M|MM|Mme|St|Dr)|\b\w)\.$")


def opens_after_stop(t: str, previous: str) -> bool:
    """Whether a new paragraph in the operative part opens a new operative paragraph after ``previous``.

    After ";" or "." a sentence that opens with a capital (decision 5.11). After a full stop that ends a
    sentence, also a paragraph that opens with its first sub-paragraph ("(a) Il conviendrait ...": a list
    under a paragraph whose number is gone, never the continuation of a list that ended with a full stop) or
    in lower case (its first words lost). After ":", only a prescription with its own subject ("L'Unesco et
    le Bureau ... devraient également s'efforcer :"): a list announced by the colon goes on otherwise."""
    end = previous[-1:]
    if end == ":":
        return t[:1].isupper() and _QUE.match(t) is None and prescribes(_FIRST_SENTENCE_END.split(t, maxsplit=1)[0], strong=True)
    if _opens_sentence(t):
        return end in ".;"
    if end != "." or _ABBREVIATION.search(previous) is not None:
        return False
    # Lower case only after a sentence: not after a fragment such as an OCR'd footnote mark "5 ." on its own line.
    return _FIRST_LABEL.match(t) is not None or (t[:1].islower() and len(previous.split()) >= 3)


def opens_after_lost_stop(t: str, first: str, part: str = "operative", block: bool = False) -> bool:
    """Whether a paragraph opens a new operative clause after a paragraph that lost its closing punctuation.

    In the operative part, after a paragraph break, a new block (``block``: after a blank line, or one
    paragraph per line) that opens a sentence with a capital: a web page's or a draft's paragraphs are its
    blocks, and a clause never goes on after a break with a capital. In wrapped text (a line above that
    stops short), only a sentence that prescribes ("Chaque pays devrait ..."), opens with a subjectless
    operative verb, or is the next "Que ..." of a list of "Que ..." paragraphs (``first``: the text of the
    current clause). After a preambular paragraph that lost its comma, a paragraph that opens with a
    subjectless operative verb ("Décide ...", "Prie ..."): the operative part, which its number would have
    opened. After an enacting formula followed by a title ("... la recommandation suivante : Étude des
    causes"), the next block: the first paragraph of the text announced (``part`` narrative)."""
    if part == "narrative":
        return block and t[:1].isupper()
    if part != "operative":
        return part == "preamble" and _subjectless_verb(t)
    if block and t[:1].isupper():
        return True
    return opens_prescription(t) or _subjectless_verb(t) or (_QUE.match(t) is not None and _QUE.match(first) is not None)


def prescribes_after_comma(t: str, paragraph: str, part: str) -> bool:
    """A new paragraph that prescribes after one that ended with a comma (decision 5.18). In the operative part
    any prescription in its first sentence will do; after a preambular paragraph (ending with ",", ";" or
    "."), the paragraph must open with one ("Les autorités devraient ...", "Il importe que ..."): a preamble never prescribes with a subject of its
    own, so this is the first operative paragraph, whose number is gone. A "Que ..." paragraph goes on the
    preamble's list."""
    if part == "operative":
        return prescribes(paragraph, strong=True)
    return part == "preamble" and _QUE.match(t) is None and opens_prescription(t)
