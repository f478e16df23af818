"""ICE part macro-F1 on the expert labels, all 363 and by half (issue 12's honest protocol).

The ICE resolutions are sorted by id; rules were developed looking only at the even-numbered
ones (index 0, 2, 4, ...) and the corpus's language-model labels; the odd-numbered ones are held
out. Prints the shared task's metric (macro-F1 over preambular/operative) in context (each
resolution segmented whole, as :func:`clausekit.training.segment_eval.ice_part_predictions`) and
for each paragraph alone (:func:`clausekit.segmentation.leads.infer_part`, ``--input-format lines``).

    .venv/bin/python scripts/ice_part_split.py
"""

from __future__ import annotations

from clausekit.segmentation.leads import infer_part
from clausekit.training import corpora
from clausekit.training.segment_eval import ice_part_predictions, part_macro_f1


def main() -> int:
    if not corpora.available():
        print(f"shared corpora not found at {corpora.corpora_dir()}")
        return 1
    ids = sorted(text_id for text_id, _, _ in corpora.iter_ice())
    even = set(ids[0::2])
    in_context = {(t, n): p for t, n, _, p in ice_part_predictions()}
    names = {"preamble": "preambular", "operative": "operative", "narrative": "null"}
    rows: dict[str, tuple[list, list]] = {"all": ([], []), "even (development)": ([], []), "odd (held out)": ([], [])}
    for r in corpora.ice_expert_labels().itertuples(index=False):
        gold = r.type if isinstance(r.type, str) else None
        half = "even (development)" if r.text_id in even else "odd (held out)"
        for key in ("all", half):
            rows[key][0].append((gold, in_context[(r.text_id, int(r.para_number))]))
            rows[key][1].append((gold, names[infer_part(str(r.para))]))
    print(f"{'expert labels':20s} {'n':>4s} {'in context':>11s} {'alone':>7s}")
    for key, (ctx, alone) in rows.items():
        print(f"{key:20s} {len(ctx):4d} {part_macro_f1(ctx):11.4f} {part_macro_f1(alone):7.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
