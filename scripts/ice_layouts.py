"""Layout invariance on the ICE resolutions, by layout, with the held-out odd half apart (issue 12).

Usage: python scripts/ice_layouts.py

Each ICE resolution of the shared corpora is rebuilt (paragraphs separated by a blank line) and
segmented; every clause found is written out again in each layout of
:mod:`clausekit.training.layouts` and segmented again; the share of its preambular and operative
clauses that come back whole with their part is printed, for all resolutions and for the odd
ones (ids sorted; the rules were developed looking only at the even ones). The counts are
:func:`clausekit.training.layouts.counts`, the same as ``tests/test_layout_invariance.py``'s.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    from clausekit.segmentation.segmenter import segment_text
    from clausekit.training import corpora
    from clausekit.training.layouts import LAYOUTS, counts
    from clausekit.training.segment_eval import rebuild

    if not corpora.available():
        print(f"shared corpora not found at {corpora.corpora_dir()}; set CLAUSEKIT_CORPORA", file=sys.stderr)
        return 2
    docs = []
    for text_id, _, paras in corpora.iter_ice():
        text, _ = rebuild([p["para"] for p in paras], "blank-separated")
        docs.append(segment_text(text, doc_id=text_id, ocr=False))
    print(f"{'layout':<22} {'all':>6} {'clauses':>11} {'odd half':>9}")
    for layout in LAYOUTS:
        found = total = found_odd = total_odd = 0
        for k, doc in enumerate(docs):
            n, want = counts(doc, layout)
            found, total = found + n, total + want
            if k % 2:
                found_odd, total_odd = found_odd + n, total_odd + want
        print(f"{layout:<22} {found / total:>6.3f} {found:>5}/{total:<5} {found_odd / total_odd:>9.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
