"""Evaluating segmentation against the UNESCO ICE resolutions, whose paragraphs are known.

Each resolution's paragraphs are rebuilt into running text the way a PDF
extraction would give it (lines wrapped at a fixed width, paragraphs joined
with or without a blank line), segmented, and the predicted clause starts are
compared with the true paragraph starts. Boundary precision, recall and F1 are
micro-averaged over all resolutions.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass

from clausekit.segmentation.lines import _looks_like_title
from clausekit.segmentation.segmenter import segment_text

LAYOUTS = ("blank-separated", "wrapped")
_TOLERANCE = 40  # a clause may start after a formula on the same paragraph's first line ("La Conférence 1) ...")
# A paragraph of the corpus that opens with a section title run into its number ("QUESTIONS D'ORDRE
# DIDACTIQUE 27. Les ..."): the labeling guide makes the title a headline and starts the clause at the number.
_TITLED = re.compile(r"((?:[-–—]{1,2}\s?\d{1,3}\s?[-–—]\s+)?)([^.;:!?,\d][^.;:!?,]{2,159}?)\s+\d{1,3}\s?[.)]\s+[«\"]?[A-ZÀ-Ý]")


@dataclass(frozen=True)
class BoundaryScore:
    layout: str
    documents: int
    gold: int
    predicted: int
    matched: int
    part_correct: int

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def part_accuracy(self) -> float:
        return self.part_correct / self.matched if self.matched else 0.0


def rebuild(paragraphs: list[str], layout: str, width: int = 80) -> tuple[str, list[int]]:
    """Running text from paragraphs and the offset where each paragraph starts."""
    sep = "\n\n" if layout == "blank-separated" else "\n"
    parts: list[str] = []
    starts: list[int] = []
    pos = 0
    for para in paragraphs:
        block = "\n".join(textwrap.wrap(" ".join(para.split()), width=width)) or para
        starts.append(pos)
        parts.append(block)
        pos += len(block) + len(sep)
    return sep.join(parts), starts


def clause_anchor(paragraph: str) -> int:
    """Where the guide starts the clause of a corpus paragraph, in its text with white space folded: 0, or
    the paragraph number after a section title run into it ("PERFECTIONNEMENT DES MAÎTRES 23. Il convient ...",
    a title being a capitalized noun phrase, decision in the labeling guide), after any page marker before it.

    >>> clause_anchor("MESURES DIVERSES ET COOPÉRATION INTERNATIONALE 31. Il est désirable que ...")
    47
    >>> clause_anchor("Rappelant sa résolution 12, 3. Les États ...")  # a sentence, not a title
    0
    """
    m = _TITLED.match(" ".join(paragraph.split()))
    if m is None or not _looks_like_title(m.group(2)):
        return 0
    return m.end(2) + 1


def score_documents(documents: Iterable[tuple[str, list[dict]]], layout: str) -> BoundaryScore:
    """Boundary scores over ``(doc_id, paragraphs)``; only preambular and operative paragraphs are gold."""
    docs = gold_n = pred_n = matched = part_ok = 0
    part_of = {"preambular": "preamble", "operative": "operative"}
    for doc_id, paragraphs in documents:
        texts = [p["para"] for p in paragraphs]
        if not texts:
            continue
        docs += 1
        text, starts = rebuild(texts, layout)
        ends = starts[1:] + [len(text)]
        # A paragraph is found when a clause starts within _TOLERANCE characters of where the guide starts it.
        gold = [
            (s + clause_anchor(p["para"]), e, part_of[p["type"]])
            for s, e, p in zip(starts, ends, paragraphs, strict=True)
            if p["type"] in part_of
        ]
        doc = segment_text(text, doc_id=doc_id, ocr=False)
        predicted = [(c.start, c.part) for c in doc.clauses]
        # Structural paragraphs (formulas, "Recommande aux Ministères ... :") are not scored either way.
        structural = [(s, e) for s, e, p in zip(starts, ends, paragraphs, strict=True) if p["type"] not in part_of]
        predicted = [(start, part) for start, part in predicted if not any(s <= start < e for s, e in structural)]
        gold_n += len(gold)
        pred_n += len(predicted)
        used: set[int] = set()
        for s, e, part in gold:
            for k, (start, ppart) in enumerate(predicted):
                if k not in used and s <= start < min(e, s + _TOLERANCE):
                    used.add(k)
                    matched += 1
                    part_ok += ppart == part
                    break
    return BoundaryScore(layout, docs, gold_n, pred_n, matched, part_ok)


def ice_boundary_scores() -> list[BoundaryScore]:
    """Scores on every ICE resolution of the shared corpora, for each layout."""
    from clausekit.training.corpora import iter_ice

    documents = [(text_id, paras) for text_id, _, paras in iter_ice()]
    return [score_documents(documents, layout) for layout in LAYOUTS]


def ice_part_predictions(layout: str = "blank-separated") -> list[tuple[str, int, str | None, str]]:
    """``(text_id, para_number, expert type, predicted type)`` for the ICE expert-labelled paragraphs.

    Each resolution is rebuilt and segmented as a whole, so a paragraph's part is decided in
    context, as the segmenter decides it for a user's document. Types are ``preambular``,
    ``operative`` or ``null`` (heading, formula or narrative).
    """
    from clausekit.training.corpora import ice_expert_labels, iter_ice

    expert = ice_expert_labels()
    wanted: dict[str, dict[int, str | None]] = {}
    for row in expert.itertuples(index=False):
        label = row.type if isinstance(row.type, str) else None
        wanted.setdefault(row.text_id, {})[int(row.para_number)] = label
    names = {"preamble": "preambular", "operative": "operative", "narrative": "null"}
    out = []
    for text_id, _, paras in iter_ice():
        if text_id not in wanted:
            continue
        text, starts = rebuild([p["para"] for p in paras], layout)
        ends = starts[1:] + [len(text)]
        clauses = segment_text(text, doc_id=text_id, ocr=False).clauses
        for p, s, e in zip(paras, starts, ends, strict=True):
            n = int(p["para_number"])
            if n not in wanted[text_id]:
                continue
            # The clause that owns the paragraph's first characters, or one starting on its first line.
            owner = next((c for c in clauses if c.start <= s < c.end or s <= c.start < min(e, s + _TOLERANCE)), None)
            out.append((text_id, n, wanted[text_id][n], names[owner.part] if owner else "null"))
    return out


def ice_paragraph_predictions() -> list[tuple[str, int, str | None, str, str]]:
    """``(text_id, para_number, expert type, part in the document, part alone)`` for the ICE expert labels.

    The shared task's setting: the gold paragraphs of each resolution, given one per line. "In the document"
    is :func:`clausekit.segmentation.paragraphs.paragraph_parts` on all the resolution's paragraphs (what
    ``--input-format lines`` does); "alone" is :func:`clausekit.segmentation.leads.infer_part` on the
    paragraph with no context. Types as :func:`ice_part_predictions`.
    """
    from clausekit.segmentation.leads import infer_part
    from clausekit.segmentation.paragraphs import paragraph_parts
    from clausekit.training.corpora import ice_expert_labels, iter_ice

    expert = ice_expert_labels()
    wanted: dict[str, dict[int, str | None]] = {}
    for row in expert.itertuples(index=False):
        wanted.setdefault(row.text_id, {})[int(row.para_number)] = row.type if isinstance(row.type, str) else None
    names = {"preamble": "preambular", "operative": "operative", "narrative": "null"}
    out = []
    for text_id, _, paras in iter_ice():
        if text_id not in wanted:
            continue
        texts = [str(p["para"]) for p in paras]
        parts = paragraph_parts(texts)
        for p, t, part in zip(paras, texts, parts, strict=True):
            n = int(p["para_number"])
            if n in wanted[text_id]:
                out.append((text_id, n, wanted[text_id][n], names[part], names[infer_part(t)]))
    return out


def part_macro_f1(pairs: list[tuple[str | None, str]]) -> float:
    """The shared task's metric: macro-F1 over ``preambular`` and ``operative``."""
    from sklearn.metrics import f1_score

    gold = [g or "null" for g, _ in pairs]
    pred = [p for _, p in pairs]
    return float(f1_score(gold, pred, labels=["preambular", "operative"], average="macro", zero_division=0))
