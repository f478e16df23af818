"""Paragraph-boundary F1 of the segmenter on the UNESCO ICE resolutions (../shared/corpora/ice)."""

from __future__ import annotations

import sys

from clausekit.training import corpora
from clausekit.training.segment_eval import ice_boundary_scores


def main() -> int:
    if not corpora.available():
        print(f"shared corpora not found at {corpora.corpora_dir()}; set CLAUSEKIT_CORPORA", file=sys.stderr)
        return 2
    print(f"{'layout':<16} {'docs':>5} {'gold':>6} {'pred':>6} {'P':>6} {'R':>6} {'F1':>6} {'part acc':>9}")
    for s in ice_boundary_scores():
        print(f"{s.layout:<16} {s.documents:>5} {s.gold:>6} {s.predicted:>6} {s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f} {s.part_accuracy:>9.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
