"""One document's clauses laid out the ways real text arrives, for the layout-invariance test and benchmark.

:func:`render` takes the clauses of a segmented resolution (its opening formula, preambular and
operative paragraphs) and writes them in one of :data:`LAYOUTS`: paragraphs separated by a blank
line, the whole text on one line, one paragraph per line, wrapped at 60 columns, double-spaced PDF
text, numbers alone on their line, operative paragraphs without numbers, an excerpt starting
mid-way through the operative part, and the text inside a web page with a press-release header.
:func:`recovered` is the share of expected clauses found again, whole and with their part.

>>> from clausekit.segmentation.segmenter import segment_text
from clausekit.types import Clause, Document
>>> cs = [Clause("d", 0, "preamble", None, "Rappelant", "Rappelant sa résolution 1/2,", 0, 1),
...       Clause("d", 1, "operative", "1", "Décide", "Décide de poursuivre l'examen.", 2, 3)]
>>> render(cs, "one_line", formula="L'Assemblée générale,")
"L'Assemblée générale, Rappelant sa résolution 1/2, 1. Décide de poursuivre l'examen."
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from clausekit.segmentation.segmenter import segment_text
from clausekit.types import Clause, Document

LAYOUTS: tuple[str, ...] = (
    "paragraphs",
    "one_line",
    "single_newlines",
    "wrapped_60",
    "double_spaced",
    "numbers_own_line",
    "unnumbered_operative",
    "excerpt",
    "web_page",
)

_NAVIGATION_TOP = "Aller au contenu principal\nAccueil > Documents > Résolutions\nRechercher\n\n"
_PRESS_HEADER = (
    "AG/99999\n\n12 décembre 2025\n\nSoixante-dix-neuvième session, 52e séance plénière – matin\n\n"
    "L’Assemblée adopte un texte sur la coopération internationale\n\n"
    "L’Assemblée générale a adopté ce matin, sans vote, la résolution dont le texte figure ci-dessous.\n\n"
    "Texte de la résolution\n\n"
)
_FOOTER = "\n\n* *** *\n\nPartager  Imprimer\nS’abonner à la lettre d’information\n© Nations Unies 2025\n"


def _paragraph(c: Clause, numbered: bool = True) -> str:
    if numbered and c.number:
        sep = " " if "." in c.number else ". "
        return f"{c.number}{sep}{c.text}"
    return c.text


def expected(clauses: Sequence[Clause], layout: str) -> list[tuple[str, str]]:
    """``(part, text)`` of the clauses that ``layout`` keeps (an excerpt drops the first half of the operative part)."""
    kept = _excerpt(clauses) if layout == "excerpt" else list(clauses)
    return [(c.part, c.text) for c in kept]


def _excerpt(clauses: Sequence[Clause]) -> list[Clause]:
    operative = [i for i, c in enumerate(clauses) if c.part == "operative"]
    if len(operative) < 2:
        return list(clauses)
    return list(clauses[operative[len(operative) // 2] :])


def render(clauses: Sequence[Clause], layout: str, *, formula: str | None = None) -> str:
    """The text of ``clauses`` (after an optional opening ``formula``) in ``layout``."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; choose one of {', '.join(LAYOUTS)}")
    if layout == "excerpt":
        return "\n\n".join(_paragraph(c) for c in _excerpt(clauses))
    head = [formula] if formula else []
    numbered = layout != "unnumbered_operative"
    paras = head + [_paragraph(c, numbered) for c in clauses]
    if layout in ("paragraphs", "unnumbered_operative"):
        return "\n\n".join(paras)
    if layout == "one_line":
        return " ".join(paras)
    if layout == "single_newlines":
        return "\n".join(paras)
    if layout == "wrapped_60":
        return "\n\n".join("\n".join(textwrap.wrap(p, 60, break_on_hyphens=False)) for p in paras)
    if layout == "double_spaced":
        lines = [line for p in paras for line in textwrap.wrap(p, 60, break_on_hyphens=False)]
        return "\n\n".join(lines)
    if layout == "numbers_own_line":
        out = head + [f"{c.number}.\n{c.text}" if c.number and "." not in c.number else _paragraph(c) for c in clauses]
        return "\n\n".join(out)
    return _NAVIGATION_TOP + _PRESS_HEADER + "\n\n".join(paras) + _FOOTER  # web_page


def counts(doc: Document, layout: str) -> tuple[int, int]:
    """``(found, expected)``: ``doc``'s preambular and operative clauses that come back whole, with their part,
    when every clause it has (structural ones too) is written out in ``layout`` and segmented again."""
    # Structural clauses are written out too ("Soumet aux ministères ... la recommandation suivante :" is
    # narrative, guide decision 5.1): without them the text is no longer the same resolution.
    want = [(p, t) for p, t in expected(doc.clauses, layout) if p != "narrative"]
    got = segment_text(render(doc.clauses, layout, formula=doc.heading.opening_formula), ocr=False).clauses
    return round(recovered(want, got) * len(want)), len(want)


def recovered(want: Sequence[tuple[str, str]], got: Sequence[Clause]) -> float:
    """Share of ``want`` (part, text) found among ``got``, text compared with white space folded."""
    if not want:
        return 1.0
    have = {(c.part, " ".join(c.text.split())) for c in got}
    return sum((p, " ".join(t.split())) in have for p, t in want) / len(want)
