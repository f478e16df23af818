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

import re
from collections.abc import Sequence
from typing import Any

from clausekit.segmentation.normative import prescribes
from clausekit.segmentation.structure import (
    _background_split,
    _prescriptive_paragraph,
    _reported_paragraph,
)

_FIRST_SENTENCE = re.compile(r"(?<=[.;:])\s+(?=[A-ZÀ-Ý])")


def _text(draft: Any, limit: int = 8) -> str:
    """The first lines of a draft's text, from where the clause begins."""
    text = " ".join(line.text for line in draft.lines[:limit])
    return text[draft.text_start - draft.lines[0].start :]


def normative_paragraphs(drafts: Sequence[Any]) -> bool:
    """Give operative and preambular parts to the unnumbered paragraphs of a normative text; whether it is one.

    ``drafts`` are the clause drafts of a text the segmenter read as prose (every draft narrative, none
    numbered). When at least 3 paragraphs, and a third of all, prescribe, and fewer than half as many
    report, every paragraph is operative but the background before the run of prescriptions, which is
    preambular unless its first sentence prescribes (as for numbered paragraphs, decisions 5.9 and 5.18).
    """
    if len(drafts) < 3 or any(d.part != "narrative" or d.number is not None for d in drafts):
        return False
    flags: list[bool] = []
    reported = 0
    previous = ""
    for draft in drafts:
        text = _text(draft)
        flags.append(_prescriptive_paragraph(text, previous.endswith(":")))
        reported += _reported_paragraph(text)
        previous = _text(draft, len(draft.lines))
    prescriptive = sum(flags)
    if prescriptive < 3 or 3 * prescriptive < len(drafts) or 2 * reported >= prescriptive:
        return False
    split = _background_split(flags)
    for k, draft in enumerate(drafts):
        background = k < split and not prescribes(_FIRST_SENTENCE.split(_text(draft), maxsplit=1)[0])
        draft.part = "preamble" if background else "operative"
    return True
