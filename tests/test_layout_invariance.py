"""Layout invariance (issue 12): the same resolution in any layout gives the same clauses.

Each seed resolution (003, 004, and 001 after OCR repair) and each ICE resolution of the shared
corpora is segmented once; its clauses are then written out again in every layout of
:mod:`clausekit.training.layouts` (paragraphs, one line, single newlines, wrapped at 60 columns,
double-spaced, numbers alone on their line, unnumbered operative paragraphs, an excerpt starting
mid-way, inside a web page with a press-release header) and segmented again. At least 98% of the
clauses must come back whole, with their part.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from clausekit.segmentation.segmenter import segment, segment_text
from clausekit.training import corpora
from clausekit.training.layouts import LAYOUTS, counts
from clausekit.types import Document

SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"
SEED_RESOLUTIONS = ("003_0d3b84d2626458c8", "004_f730982b1d88a241", "001_11bf369c9702862e")
TARGET = 0.98
# ICE layouts that content alone cannot yet recover (see README, "Layouts"). Strict: the day one
# passes, this fails. Empty since one_line reached 0.98 (guide decisions 5.27 to 5.30).
ICE_NOT_YET: set[str] = set()


@pytest.fixture(scope="module")
def seeds() -> dict[str, Document]:
    return {stem: segment(SEEDS / f"{stem}.txt") for stem in SEED_RESOLUTIONS}


@pytest.fixture(scope="module")
def ice() -> list[Document]:
    if not corpora.available():
        pytest.skip(f"shared corpora not found at {corpora.corpora_dir()} (set CLAUSEKIT_CORPORA)")
    from clausekit.training.segment_eval import rebuild

    docs = []
    for text_id, _, paras in corpora.iter_ice():
        text, _ = rebuild([p["para"] for p in paras], "blank-separated")
        docs.append(segment_text(text, doc_id=text_id, ocr=False))
    return docs


def test_layout_invariance_seed_001_is_read_after_ocr_repair(seeds):
    assert "OCR damage was detected and repaired" in seeds["001_11bf369c9702862e"].warnings


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("stem", SEED_RESOLUTIONS)
def test_layout_invariance_seeds(seeds, stem, layout):
    found, total = counts(seeds[stem], layout)
    assert total >= 3
    assert found / total >= TARGET, f"{stem} {layout}: {found}/{total} clauses recovered"


@pytest.mark.parametrize(
    "layout",
    [
        pytest.param(lay, marks=pytest.mark.xfail(strict=True, reason="ICE: not yet recoverable from content"))
        if lay in ICE_NOT_YET
        else lay
        for lay in LAYOUTS
    ],
)
def test_layout_invariance_ice(ice, layout):
    found = total = 0
    for doc in ice:
        f, t = counts(doc, layout)
        found, total = found + f, total + t
    assert total > 1000
    assert found / total >= TARGET, f"ICE {layout}: {found}/{total} clauses recovered"
