"""Function confidence against accuracy, for clauses whose lead the lexicon knows and for those it does not.

Reads the frozen layout challenge set (data/challenge/layout, never trained on), tags each gold
clause alone (``clausekit.tag(texts, input_format="lines")`` would infer the part; here the gold
part is given, so only the function model is measured) and prints, for preambular and operative
clauses, one row per confidence bin: clauses, mean confidence, accuracy. ``--raw`` measures the
learned model without the unknown-lead flattening of :func:`clausekit.models.rules.apply_lead_rules`.

    .venv/bin/python scripts/lead_confidence.py [--raw]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "data" / "challenge" / "layout" / "gold.jsonl"
BINS = (0.0, 0.4, 0.6, 0.8, 0.9, 1.01)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--raw", action="store_true", help="without the unknown-lead flattening")
    ap.add_argument("--errors", action="store_true", help="also list the clauses wrong at a confidence of 0.8 or more")
    args = ap.parse_args(argv)

    from clausekit.models import rules
    from clausekit.segmentation.leads import lead_phrase
    from clausekit.tagging.tagger import Tagger

    if args.raw:
        rules.UNKNOWN_LEAD_FLATTEN = 0.0
    rows = []
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        for c in doc["clauses"]:
            if c["part"] in ("preamble", "operative"):
                rows.append({"text": c["text"], "part": c["part"], "number": c["number"], "gold": c["function"]})
    tagged = Tagger().records([{"doc_id": "g", "index": i, "part": r["part"], "number": r["number"], "lead": lead_phrase(r["text"], r["part"]), "text": r["text"], "start": 0, "end": 0} for i, r in enumerate(rows)])
    for known in (True, False):
        sel = [(t, r) for t, r in zip(tagged, rows, strict=True) if (rules.rule_function(r["text"], r["part"]) is not None) == known]
        print(f"\nLead {'in' if known else 'NOT in'} the lexicon: {len(sel)} clauses, accuracy {_acc(sel):.3f}")
        print(f"{'confidence':>12} {'clauses':>8} {'mean conf':>10} {'accuracy':>9}")
        for lo, hi in zip(BINS, BINS[1:], strict=False):
            b = [(t, r) for t, r in sel if lo <= t["function_confidence"] < hi]
            if b:
                mean = sum(t["function_confidence"] for t, _ in b) / len(b)
                print(f"{lo:.1f}-{min(hi, 1.0):.1f}     {len(b):>8} {mean:>10.3f} {_acc(b):>9.3f}")
        if args.errors:
            for t, r in sel:
                if t["function"] != r["gold"] and t["function_confidence"] >= 0.8:
                    print(f"  confident and wrong: {t['function']} {t['function_confidence']:.2f} (gold {r['gold']}): {r['text'][:90]}")
    return 0


def _acc(pairs: list) -> float:
    return sum(t["function"] == r["gold"] for t, r in pairs) / len(pairs) if pairs else 0.0


if __name__ == "__main__":
    raise SystemExit(main())
