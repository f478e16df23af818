"""ICE part macro-F1 on the expert labels, all 363 and by half (issue 12's honest protocol).

The ICE resolutions are sorted by id; rules were developed looking only at the even-numbered
ones (index 0, 2, 4, ...) and the corpus's language-model labels; the odd-numbered ones are held
out. Prints the shared task's metric (macro-F1 over preambular/operative) three ways:

- ``in context``: each resolution rebuilt and segmented whole, boundaries found by the segmenter
  (:func:`clausekit.training.segment_eval.ice_part_predictions`);
- ``paragraphs``: the shared task's setting, the gold paragraphs of each resolution given one per
  line (``--input-format lines``: boundaries given, parts decided with the document,
  :func:`clausekit.segmentation.paragraphs.paragraph_parts`);
- ``alone``: each paragraph with no context at all (:func:`clausekit.segmentation.leads.infer_part`).

    .venv/bin/python scripts/ice_part_split.py
"""

from __future__ import annotations

from clausekit.training import corpora
from clausekit.training.segment_eval import (
    ice_paragraph_predictions,
    ice_part_predictions,
    part_macro_f1,
)


def main() -> int:
    if not corpora.available():
        print(f"shared corpora not found at {corpora.corpora_dir()}")
        return 1
    ids = sorted(text_id for text_id, _, _ in corpora.iter_ice())
    even = set(ids[0::2])
    in_context = {(t, n): p for t, n, _, p in ice_part_predictions()}
    rows: dict[str, tuple[list, list, list]] = {k: ([], [], []) for k in ("all", "even (development)", "odd (held out)")}
    for text_id, n, gold, in_document, alone in ice_paragraph_predictions():
        half = "even (development)" if text_id in even else "odd (held out)"
        for key in ("all", half):
            rows[key][0].append((gold, in_context[(text_id, n)]))
            rows[key][1].append((gold, in_document))
            rows[key][2].append((gold, alone))
    print(f"{'expert labels':20s} {'n':>4s} {'in context':>11s} {'paragraphs':>11s} {'alone':>7s}")
    for key, (ctx, paragraphs, alone) in rows.items():
        print(f"{key:20s} {len(ctx):4d} {part_macro_f1(ctx):11.4f} {part_macro_f1(paragraphs):11.4f} {part_macro_f1(alone):7.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
