"""Score ``clausekit.diff`` against hand-checked alignments.

Usage:
  python scripts/diff_eval.py [--threshold T] [--gap-threshold G] [--mutual-threshold M]
                                                     seed 004 -> 003 against data/annotations/diff_004_003.csv
  python scripts/diff_eval.py --challenge            the frozen challenge set data/challenge/diff/ (micro and per case)

Prints precision, recall and F1 over aligned pairs (kept, reworded or moved) as JSON.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CHALLENGE = ROOT / "data" / "challenge" / "diff"
ALIGNED = ("kept", "reworded", "moved")


def read_gold(path: Path) -> set[tuple[int, int]]:
    """The ``(old_index, new_index)`` pairs of a gold CSV."""
    with path.open(encoding="utf-8") as f:
        return {(int(r["old_index"]), int(r["new_index"])) for r in csv.DictReader(f)}


def found_pairs(frame: Any) -> set[tuple[int, int]]:
    """The pairs a diff frame aligned."""
    return {(int(r.old_index), int(r.new_index)) for r in frame.itertuples() if r.status in ALIGNED}


def prf(found: set, gold: set) -> dict[str, Any]:
    """Precision, recall, F1 of ``found`` pairs against ``gold`` pairs."""
    tp = len(found & gold)
    p = tp / len(found) if found else 0.0
    r = tp / len(gold) if gold else 0.0
    return {
        "gold_pairs": len(gold),
        "found_pairs": len(found),
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
    }


def challenge_scores(**options: Any) -> dict[str, Any]:
    """Micro precision/recall/F1 over every case of the challenge set, and each case's figures."""
    from clausekit.outputs.diff import diff

    found_all: set = set()
    gold_all: set = set()
    cases = {}
    for case in sorted(p for p in CHALLENGE.iterdir() if p.is_dir()):
        gold = read_gold(case / "gold.csv")
        found = found_pairs(diff(case / "old.txt", case / "new.txt", **options))
        cases[case.name] = {
            **prf(found, gold),
            "missed": sorted(gold - found),
            "wrong": sorted(found - gold),
        }
        found_all |= {(case.name, *p) for p in found}
        gold_all |= {(case.name, *p) for p in gold}
    return {**prf(found_all, gold_all), "cases": cases}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--threshold", type=float, default=None)
    parser.add_argument("--gap-threshold", type=float, default=None)
    parser.add_argument("--mutual-threshold", type=float, default=None)
    parser.add_argument("--challenge", action="store_true", help="Score the challenge set.")
    args = parser.parse_args()
    from clausekit.outputs.diff import diff, summary_line

    options = {
        k: v
        for k, v in (
            ("threshold", args.threshold),
            ("gap_threshold", args.gap_threshold),
            ("mutual_threshold", args.mutual_threshold),
        )
        if v is not None
    }  # unset: the library's defaults
    if args.challenge:
        result = challenge_scores(**options)
        cases = result.pop("cases")
        print(json.dumps(result))
        for name, figures in cases.items():
            print(name, json.dumps(figures))
        return 0
    gold = read_gold(ROOT / "data/annotations/diff_004_003.csv")
    frame = diff(
        ROOT / "data/seeds/004_f730982b1d88a241.txt",
        ROOT / "data/seeds/003_0d3b84d2626458c8.txt",
        **options,
    )
    pairs = found_pairs(frame)
    out = {
        **prf(pairs, gold),
        "missed": sorted(gold - pairs),
        "wrong": sorted(pairs - gold),
        "summary": summary_line(frame.attrs["summary"]),
    }
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
