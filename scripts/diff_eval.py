"""Score ``clausekit.diff`` against the hand-checked alignment of data/annotations/diff_004_003.csv.

Usage: python scripts/diff_eval.py [--threshold 0.35]   (prints precision, recall, F1 over pairs and the summary)
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--threshold", type=float, default=0.35)
    args = parser.parse_args()
    from clausekit.outputs.diff import diff, summary_line

    with (ROOT / "data/annotations/diff_004_003.csv").open(encoding="utf-8") as f:
        gold = {(int(r["old_index"]), int(r["new_index"])) for r in csv.DictReader(f)}
    frame = diff(
        ROOT / "data/seeds/004_f730982b1d88a241.txt",
        ROOT / "data/seeds/003_0d3b84d2626458c8.txt",
        threshold=args.threshold,
    )
    pairs = {
        (int(r.old_index), int(r.new_index))
        for r in frame.itertuples()
        if r.status in ("kept", "reworded", "moved")
    }
    tp = len(pairs & gold)
    p, r = tp / len(pairs) if pairs else 0.0, tp / len(gold)
    print(
        json.dumps(
            {
                "gold_pairs": len(gold),
                "found_pairs": len(pairs),
                "precision": round(p, 4),
                "recall": round(r, 4),
                "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
                "missed": sorted(gold - pairs),
                "wrong": sorted(pairs - gold),
                "summary": summary_line(frame.attrs["summary"]),
            },
            indent=1,
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
