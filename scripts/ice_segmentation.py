"""Paragraph-boundary F1 of the segmenter on the UNESCO ICE resolutions (../shared/corpora/ice)."""

from __future__ import annotations

import sys

from clausekit.training import corpora
from clausekit.training.segment_eval import LAYOUTS, score_documents


def main() -> int:
    if not corpora.available():
        print(f"shared corpora not found at {corpora.corpora_dir()}; set CLAUSEKIT_CORPORA", file=sys.stderr)
        return 2
    print(f"{'layout':<20} {'docs':>5} {'gold':>6} {'pred':>6} {'P':>6} {'R':>6} {'F1':>6} {'part acc':>9}")
    documents = sorted(((text_id, paras) for text_id, _, paras in corpora.iter_ice()), key=lambda d: d[0])
    # All resolutions, then the odd half (ids sorted; rules were developed looking only at the even half).
    for name, docs in (("", documents), (" odd", documents[1::2])):
        for layout in LAYOUTS:
            s = score_documents(docs, layout)
            label = f"{s.layout}{name}"
            print(f"{label:<20} {s.documents:>5} {s.gold:>6} {s.predicted:>6} {s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f} {s.part_accuracy:>9.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
