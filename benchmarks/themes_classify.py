"""The classify stage with the themes model from definitions (2.x) against the term-list one (1.3.0), as a ratio.

Usage: python benchmarks/themes_classify.py [--model-dir DIR] [--rounds 5]

Tags every segmented clause of the seeds and every UNPC dev line / ICE paragraph of the shared
corpora (when present) with ``Tagger.records`` in context, once with each themes model, the
function model being the same; rounds interleave the two and the fastest round of each counts,
because the shared host's speed drifts. Prints seconds and the ratio new / old of the whole
classify stage (function + themes), which `make bench` times as ``classify``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _documents() -> list[tuple[list[dict], dict]]:
    from clausekit.segmentation.segmenter import segment
    from clausekit.training import corpora

    docs = []
    for path in sorted((ROOT / "data" / "seeds").glob("*.txt")):
        d = segment(path)
        docs.append((d.to_records(), {"year": d.heading.year, "title": d.heading.title, "context": True}))
    if corpora.available():
        u = corpora.unpc_lines()
        for doc_id, g in u.groupby("doc_id", sort=False):
            rows = [{"doc_id": doc_id, "index": i, "part": None, "number": None, "lead": None, "text": t,
                     "start": None, "end": None} for i, t in enumerate(g["fr"])]
            docs.append((rows, {"year": 2015, "context": True}))
    return docs


def measure(model_dir: str | None = None, old: str = "1.3.0", new: str | None = None, rounds: int = 5) -> dict:
    """Seconds of the classify stage with each themes model (fastest of ``rounds`` interleaved) and their ratio new / old."""
    from clausekit.lemmas.frames import set_lemmatizer
    from clausekit.models.registry import load_scorer
    from clausekit.tagging.tagger import Tagger

    previous = set_lemmatizer("fast")
    trust = model_dir is not None
    tagger = Tagger(model_dir, trust=trust)
    models = {"old": load_scorer("themes", old, model_dir, trust=trust),
              "new": load_scorer("themes", new, model_dir, trust=trust)}
    docs = _documents()
    for rows, meta in docs:  # warm the lemma caches for both runs alike
        tagger.records(rows, meta)
    best = {k: float("inf") for k in models}
    for _ in range(rounds):
        for name, model in models.items():
            tagger.theme_model = model
            t = time.perf_counter()
            for rows, meta in docs:
                tagger.records(rows, meta)
            best[name] = min(best[name], time.perf_counter() - t)
    set_lemmatizer(previous)
    return {
        "documents": len(docs),
        "clauses": sum(len(r) for r, _ in docs),
        "rounds": rounds,
        "themes_old": old,
        "themes_new": new or "newest",
        "seconds_old": round(best["old"], 3),
        "seconds_new": round(best["new"], 3),
        "ratio_new_vs_old": round(best["new"] / best["old"], 3),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model-dir")
    ap.add_argument("--old", default="1.3.0")
    ap.add_argument("--new", default=None, help="themes version (default: the newest)")
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args(argv)
    res = measure(args.model_dir, args.old, args.new, args.rounds)
    print(f"{res['documents']} documents, {res['clauses']} clauses; fastest of {args.rounds} interleaved rounds")
    print(f"  classify with themes old: {res['seconds_old']:.3f} s")
    print(f"  classify with themes new: {res['seconds_new']:.3f} s")
    print(f"ratio new / old: {res['ratio_new_vs_old']:.2f} (target <= 2)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
