"""The fast-lemma gate: does tagging lose quality when lemmas come from clausekit.lemmas.fast?

Usage: python benchmarks/lemma_gate.py [--out benchmarks/results/lemma_gate.json] [--no-strict]

1. Grouped cross-validation (clausekit.training.evaluation.cross_validate: GroupKFold over ``family`` on
   clausekit.training.annotations.load_training_data()) with the accurate lemmatizer, then with the fast one;
   function macro-F1 and per-theme F1 of the models, and the differences.
   The shipped lemma cache was learned from text that includes every annotated clause, so the
   fast path has seen the test clauses' forms; with ``--strict`` (the default) a second fast run
   uses a cache rebuilt without any annotated clause (``python -m clausekit.training.lemma_cache build
   --strict``), which is the honest figure.
2. The shipped models (trained with accurate lemmas) tagging the seed files with each lemma path:
   share of seed clauses whose function (and theme set) is the same.

The gate passes when every difference of step 1 stays within 0.005 (strict cache) and
step 2 agrees on at least 99% of the seed clauses.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TOLERANCE = 0.005


def cv_figures(data: Any, lemmatizer: str) -> dict[str, Any]:
    from clausekit.lemmas.frames import set_lemmatizer
    from clausekit.training.evaluation import cross_validate

    previous = set_lemmatizer(lemmatizer)
    try:
        t = time.perf_counter()
        figures, _ = cross_validate(data)
    finally:
        set_lemmatizer(previous)
    return {
        "function_macro_f1": figures["function"]["model"]["macro_f1"],
        "theme_macro_f1": figures["themes"]["model"]["macro_f1"],
        "theme_f1": {t: v["f1"] for t, v in figures["themes"]["model"]["per_theme"].items()},
        # the shipped themes model may be the rule baseline, which reads the text, not the lemmas
        "theme_rule_f1": {
            t: v["f1"] for t, v in figures["themes"]["rule_baseline"]["per_theme"].items()
        },
        "seconds": round(time.perf_counter() - t, 1),
        "protocol": figures["protocol"],
    }


def deltas(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    per_theme = {t: round(b["theme_f1"][t] - a["theme_f1"][t], 4) for t in a["theme_f1"]}
    d = {
        "function_macro_f1": round(b["function_macro_f1"] - a["function_macro_f1"], 4),
        "theme_macro_f1": round(b["theme_macro_f1"] - a["theme_macro_f1"], 4),
        "theme_f1": per_theme,
    }
    worst = max([abs(d["function_macro_f1"]), *map(abs, per_theme.values())])
    d["largest_abs"] = round(worst, 4)
    d["within_tolerance"] = worst <= TOLERANCE
    return d


def seed_agreement() -> dict[str, Any]:
    """The shipped models on every seed clause, accurate vs fast lemmas."""
    from clausekit.lemmas.frames import set_lemmatizer
    from clausekit.models.registry import find_model
    from clausekit.tagging.tagger import Tagger

    tagger = Tagger(lemmatizer=None)  # read the process switch, set per kind below
    frames = {}
    for kind in ("accurate", "fast"):
        set_lemmatizer(kind)
        frames[kind] = [
            tagger.tag(p.read_text(encoding="utf-8"), doc_id=p.stem, source=str(p))
            for p in sorted((ROOT / "data" / "seeds").glob("*.txt"))
        ]
    set_lemmatizer("accurate")
    n = same_f = same_t = 0
    changed = []
    for a, f in zip(frames["accurate"], frames["fast"], strict=True):
        for (_, ra), (_, rf) in zip(a.iterrows(), f.iterrows(), strict=True):
            n += 1
            same_f += ra["function"] == rf["function"]
            same_t += sorted(ra["themes"]) == sorted(rf["themes"])
            if ra["function"] != rf["function"]:
                changed.append(
                    {
                        "doc_id": ra["doc_id"],
                        "index": int(ra["index"]),
                        "accurate": ra["function"],
                        "fast": rf["function"],
                        "text": str(ra["text"])[:80],
                    }
                )
    return {
        "models": {m: find_model(m).name for m in ("function", "themes")},
        "clauses": n,
        "same_function": round(same_f / n, 4),
        "same_themes": round(same_t / n, 4),
        "function_changed": changed,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "lemma_gate.json"))
    parser.add_argument("--no-strict", action="store_true", help="skip the strict-cache run")
    args = parser.parse_args()

    from clausekit.lemmas import fast as fastlemma
    from clausekit.training import lemma_cache
    from clausekit.training.annotations import load_training_data

    data = load_training_data()
    out: dict[str, Any] = {"tolerance": TOLERANCE}
    out["accurate"] = cv_figures(data, "accurate")
    print("accurate:", json.dumps(out["accurate"]), flush=True)
    out["fast_shipped_cache"] = cv_figures(data, "fast")
    out["delta_shipped_cache"] = deltas(out["accurate"], out["fast_shipped_cache"])
    print("fast (shipped cache):", json.dumps(out["delta_shipped_cache"]), flush=True)
    if not args.no_strict:
        with tempfile.TemporaryDirectory() as tmp:
            t = time.perf_counter()
            path = lemma_cache.save_cache(
                lemma_cache.build_cache(lemma_cache.domain_texts(include_annotated=False)),
                Path(tmp) / "strict.json.gz",
            )
            out["strict_cache_build_seconds"] = round(time.perf_counter() - t, 1)
            fastlemma.use_cache(path)
            out["strict_token_agreement"] = {
                k: v
                for k, v in lemma_cache.agreement(data["text"].astype(str)).items()
                if k != "top_differences"
            }
            out["fast_strict_cache"] = cv_figures(data, "fast")
            fastlemma.use_cache()
        out["delta_strict_cache"] = deltas(out["accurate"], out["fast_strict_cache"])
        print("fast (strict cache):", json.dumps(out["delta_strict_cache"]), flush=True)
    out["seed_agreement"] = seed_agreement()
    print(
        "seeds:",
        json.dumps({k: v for k, v in out["seed_agreement"].items() if k != "function_changed"}),
    )
    gate = out.get("delta_strict_cache", out["delta_shipped_cache"])
    out["gate_passed"] = bool(
        gate["within_tolerance"] and out["seed_agreement"]["same_function"] >= 0.99
    )
    print("gate passed:", out["gate_passed"])
    from clausekit.atomic import atomic_write

    with atomic_write(args.out) as f:
        json.dump(out, f, indent=2, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
