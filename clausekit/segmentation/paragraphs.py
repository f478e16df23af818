"""Parts for paragraphs given one by one, decided with the document they come from.

``--input-format lines`` gives the paragraphs of one document, one per line: the boundaries are the
lines, but a paragraph's part often depends on the rest of the document. A lone statement
("6. Des chiffres impressionnants : ...") is background before the prescriptions of a recommendation
and operative after an enacting formula; a numbered paragraph of a report stays narrative (guide
decisions 5.3, 5.8, 5.9). :func:`paragraph_parts` reads the paragraphs as the segmenter reads a text
with a blank line between paragraphs, and gives each paragraph the part of the clause that owns it.
One paragraph alone has no document: it gets :func:`~clausekit.segmentation.leads.infer_part`.

>>> paragraph_parts(["L'Assemblée générale,", "Rappelant sa résolution 54/181,", "1. Décide de poursuivre l'examen ;"])
['narrative', 'preamble', 'operative']
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from clausekit.segmentation.leads import infer_part
from clausekit.segmentation.lexicon import match_lead
from clausekit.segmentation.patterns import _NUMBERED
from clausekit.segmentation.segmenter import segment_text

_TOLERANCE = 40  # a clause may start after a formula on the paragraph's first line ("La Conférence 1) ...")


def paragraph_parts(paragraphs: Sequence[str]) -> list[str]:
    """The part of each paragraph (``preamble``, ``operative`` or ``narrative``), one per paragraph, in order.

    The paragraphs are joined with a blank line between them and segmented whole; each paragraph takes
    the part of the clause that owns its first characters (or one starting on its first line), else of
    the clause covering most of it. A paragraph no clause covers (a heading, a formula such as
    "L'Assemblée générale,", furniture) is narrative. Empty paragraphs are narrative.
    """
    texts = [" ".join(str(p).split()) for p in paragraphs]
    kept = [i for i, t in enumerate(texts) if t]
    parts = ["narrative"] * len(texts)
    if len(kept) == 1:
        parts[kept[0]] = infer_part(texts[kept[0]])
    if len(kept) <= 1:
        return parts
    starts: list[int] = []
    pos = 0
    for i in kept:
        starts.append(pos)
        pos += len(texts[i]) + 2
    clauses = segment_text("\n\n".join(texts[i] for i in kept), doc_id="lines").clauses
    clause_starts = [c.start for c in clauses]  # in order: each paragraph looks only at the clauses near it
    for i, s in zip(kept, starts, strict=True):
        e = s + len(texts[i])
        near = clauses[max(0, bisect_right(clause_starts, s) - 1) : bisect_left(clause_starts, e)]
        owner = next((c for c in near if s <= c.start < min(e, s + _TOLERANCE)), None)
        if owner is None and (own := infer_part(texts[i])) != "narrative":
            parts[i] = own  # read as the continuation of the paragraph before: its own lead or number decides
            continue
        owner = owner or next((c for c in near if c.start <= s < c.end), None)
        if owner is None:
            overlaps = [(min(e, c.end) - max(s, c.start), c) for c in near if c.start < e and c.end > s]
            owner = max(overlaps, key=lambda oc: oc[0])[1] if overlaps else None
        if owner is not None:
            parts[i] = owner.part
        if parts[i] == "narrative" and _leads_itself(texts[i]):
            # The document read as prose (a file of clauses from many texts, a report quoting one), but
            # the line opens with a known lead: "Rappelant sa résolution 70/1," stays a preambular clause.
            parts[i] = infer_part(texts[i])
    return parts


def _leads_itself(text: str) -> bool:
    """Whether ``text`` opens (after its number) with a lead phrase of the lexicon and is not a formula ending with ':'."""
    if text.rstrip().endswith(":"):
        return False  # "Recommande aux ministères ... :" announces the text that follows (decision 5.1)
    m = _NUMBERED.match(text)
    return match_lead(m.group(3) if m else text) is not None
