"""What unrelated clauses score under ``clausekit.diff``'s similarity: the evidence behind its lower floors.

Usage: python scripts/diff_null.py [--pairs 300] [--seed 0]

Draws pairs of ICE resolutions (``../shared/corpora/ice``, UNESCO, 1934-2008) with different
titles, so different subjects, computes the diff similarity of their clauses, and prints
percentiles over same-part clause pairs (what the gap pass compares) and over each clause's best
same-part match (what the mutual-best pass compares). ``gap_threshold`` (0.15) and
``mutual_threshold`` (0.25) sit at about the 99th percentile of each.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pairs", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    import numpy as np

    from clausekit.outputs.diff_align import similarity_matrix
    from clausekit.training.corpora import corpora_dir

    folder = corpora_dir() / "ice"
    if not folder.is_dir():
        print(f"no ICE corpus at {folder}; set CLAUSEKIT_CORPORA", file=sys.stderr)
        return 1
    docs = []
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        paras = [
            (p["type"], p["para"])
            for p in data["body"]["paragraphs"]
            if p.get("type") in ("preambular", "operative")
        ]
        if len(paras) >= 3:
            docs.append((str(data.get("TITLE", "")).strip().lower(), paras))
    rng = random.Random(args.seed)
    entries: list[float] = []
    best: list[float] = []
    drawn = 0
    while drawn < args.pairs:
        a, b = rng.sample(range(len(docs)), 2)
        if docs[a][0] == docs[b][0]:
            continue
        drawn += 1
        old, new = docs[a][1], docs[b][1]
        sim = similarity_matrix([t for _, t in old], [t for _, t in new])
        same = np.array([[po == pn for pn, _ in new] for po, _ in old])
        entries += sim[same].tolist()
        best += np.where(same, sim, 0.0).max(axis=1).tolist()
    qs = (50, 90, 95, 99, 99.9)
    print(
        json.dumps(
            {
                "document_pairs": drawn,
                "same_part_pairs": len(entries),
                "same_part_percentiles": dict(
                    zip(map(str, qs), np.percentile(entries, qs).round(3).tolist(), strict=True)
                ),
                "best_match_percentiles": dict(
                    zip(map(str, qs), np.percentile(best, qs).round(3).tolist(), strict=True)
                ),
                "share_over_0.15": round(float(np.mean(np.array(entries) >= 0.15)), 4),
                "share_best_over_0.25": round(float(np.mean(np.array(best) >= 0.25)), 4),
            },
            indent=1,
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
