"""Score a themes model on the frozen theme challenge set (``data/challenge/themes/clauses.csv``).

Usage:
    python scripts/challenge_themes.py                   # the newest themes model
    python scripts/challenge_themes.py --version 1.3.0   # another version
    python scripts/challenge_themes.py --json out.json   # also write the figures as JSON

Each row is tagged through the public ``Tagger`` as a one- or two-clause document: the row's
``context`` (an earlier clause, title or opening formula of the same imagined document), when
there is one, comes first, so back-references ("ces mesures") can be resolved; the row's
``year`` is the document year. Rows are also scored alone (text only) for comparison.

Prints per-theme precision/recall/F1, per-category results (share of rows whose predicted theme
set equals the gold set, and theme fires on negatives), theme fires on Security Council
sanctions / arms-embargo rows, the number of distinct scores and a reliability table. It never
prints clause text: the set is frozen and must not be read to tune the definitions.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHALLENGE = ROOT / "data" / "challenge" / "themes" / "clauses.csv"
THEMES = ("covid19", "south_south", "coercive_measures")
#: Categories of Security Council sanctions and arms-embargo clauses: no theme may fire on them.
SC_CATEGORIES = ("neg_sc_sanctions", "neg_arms_embargo", "neg_asset_freeze_travel_ban", "neg_sc_panel",
                 "neg_sc_national_impl", "neg_backref_sc")


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def score(rows: list[dict[str, str]], predicted: list[set[str]]) -> dict:
    per_theme = {}
    for t in THEMES:
        tp = sum(t in p and t in g["gold"] for p, g in zip(predicted, rows, strict=True))
        fp = sum(t in p and t not in g["gold"] for p, g in zip(predicted, rows, strict=True))
        fn = sum(t not in p and t in g["gold"] for p, g in zip(predicted, rows, strict=True))
        per_theme[t] = _prf(tp, fp, fn)
    cats: dict[str, dict] = defaultdict(lambda: {"n": 0, "exact": 0, "fires_on_negative": 0})
    for p, g in zip(predicted, rows, strict=True):
        c = cats[g["category"]]
        c["n"] += 1
        c["exact"] += p == g["gold"]
        c["fires_on_negative"] += len(p - g["gold"])
    sc = [p for p, g in zip(predicted, rows, strict=True) if g["category"] in SC_CATEGORIES]
    return {
        "per_theme": per_theme,
        "macro_f1": round(sum(m["f1"] for m in per_theme.values()) / len(THEMES), 4),
        "per_category": {k: {**v, "exact_rate": round(v["exact"] / v["n"], 3)} for k, v in sorted(cats.items())},
        "sc_sanctions_arms_embargo": {"rows": len(sc), "theme_fires": sum(len(p) for p in sc)},
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--version", help="themes model version (default: the newest)")
    ap.add_argument("--model-dir", help="folder of versioned models")
    ap.add_argument("--json", type=Path, help="write the figures to this JSON file (atomically)")
    args = ap.parse_args(argv)

    from clausekit.tagging.tagger import Tagger

    data = CHALLENGE.read_bytes()
    rows = list(csv.DictReader(data.decode("utf-8").splitlines()))
    for r in rows:
        r["gold"] = {t for t in r["themes"].split(";") if t}
    tagger = Tagger(args.model_dir, trust=args.model_dir is not None)
    if args.version:
        from clausekit.models.registry import load_scorer

        tagger.theme_model = load_scorer("themes", args.version, args.model_dir, trust=args.model_dir is not None)
    with_context, alone, scores = [], [], []
    for r in rows:
        year = int(r["year"]) if r["year"].strip() else None
        clause = {"doc_id": r["id"], "index": 1, "part": r["part"] or None, "number": None, "lead": None,
                  "text": r["text"], "start": None, "end": None}
        doc = [{**clause, "index": 0, "text": r["context"], "part": None}, clause] if r["context"].strip() else [clause]
        rec = tagger.records(doc, {"year": year, "context": True})[-1]
        with_context.append(set(rec["themes"]))
        scores.append(rec["theme_scores"])
        alone.append(set(tagger.records([clause], {"year": year})[0]["themes"]))

    gold = [[t in r["gold"] for t in THEMES] for r in rows]
    values = [s.get(t, 0.0) for s in scores for t in THEMES]
    flags = [g for row in gold for g in row]
    bins = [(0.0, 0.0), (1e-9, 0.5), (0.5, 0.7), (0.7, 0.9), (0.9, 0.97), (0.97, 1.0)]
    reliability = []
    for lo, hi in bins:
        sel = [f for v, f in zip(values, flags, strict=True) if (v == 0 if hi == 0 else lo <= v < hi or (hi == 1.0 and v == 1.0))]
        if sel:
            mean = [v for v in values if (v == 0 if hi == 0 else lo <= v < hi or (hi == 1.0 and v == 1.0))]
            reliability.append({"bin": f"{lo:.2f}-{hi:.2f}", "n": len(sel), "mean_score": round(sum(mean) / len(mean), 4),
                                "observed": round(sum(sel) / len(sel), 4)})
    model_folder = tagger.theme_model.spec.get("kind") if hasattr(tagger.theme_model, "spec") else "?"
    out = {
        "challenge_sha256": hashlib.sha256(data).hexdigest(),
        "rows": len(rows),
        "model_kind": model_folder,
        "with_context": score(rows, with_context),
        "text_alone": score(rows, alone),
        "distinct_scores": len({round(v, 4) for v in values}),
        "reliability": reliability,
    }
    w = out["with_context"]
    print(f"challenge set: {len(rows)} clauses, sha256 {out['challenge_sha256'][:16]}…, model kind {model_folder}")
    for label, key in (("with context", "with_context"), ("text alone", "text_alone")):
        s = out[key]
        print(f"\n{label}: macro-F1 {s['macro_f1']:.3f}; SC sanctions / arms-embargo rows: "
              f"{s['sc_sanctions_arms_embargo']['rows']}, theme fires {s['sc_sanctions_arms_embargo']['theme_fires']}")
        for t, m in s["per_theme"].items():
            print(f"  {t:18s} P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}  (tp {m['tp']}, fp {m['fp']}, fn {m['fn']})")
    print("\nper category (with context): n, exact theme set, theme fires beyond gold")
    for cat, c in w["per_category"].items():
        print(f"  {cat:28s} n {c['n']:3d}  exact {c['exact_rate']:.2f}  extra fires {c['fires_on_negative']}")
    print(f"\ndistinct theme scores: {out['distinct_scores']}")
    print("reliability (score bin: n pairs, mean score, observed rate):")
    for b in reliability:
        print(f"  {b['bin']}: n={b['n']:5d}  score {b['mean_score']:.3f}  observed {b['observed']:.3f}")
    if args.json:
        from clausekit.atomic import atomic_write

        with atomic_write(args.json) as f:
            f.write(json.dumps(out, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
