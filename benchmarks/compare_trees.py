"""Before/after: in-process tagging of the distinct corpus by two source trees, interleaved, with the spaCy baseline.

Usage: python benchmarks/compare_trees.py BEFORE_TREE [AFTER_TREE] [--rounds 4] [--baseline-rounds 2]

A tree is a checkout of clausekit (e.g. ``git archive <commit> | tar -x -C /tmp/before``). Each round
runs, in a fresh subprocess per tree, :func:`run.tag_file` of that tree's ``benchmarks/run.py``
over every file of the ``distinct`` corpus (as `make bench` builds it, in a temporary folder), after
the same warm-up; the spaCy baseline runs on every 8th file. Reports per round CPU and wall
seconds and stage seconds, and the after/before CPU ratio within each round (the two ran back to
back): on the shared host, the median of those ratios is the figure to read, not the fastest runs.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def child(corpus: str, lemmatizer: str, out: str) -> None:
    """In the tree's own process: warm up, then tag every file of ``corpus``; writes CPU/wall seconds and stages."""
    here = str(Path(__file__).resolve().parent)
    sys.path[:] = [p for p in sys.path if p != here]  # this script's folder comes first; the tree's run.py must
    import run  # the tree's benchmarks/run.py (on PYTHONPATH)

    files = sorted(str(p) for p in Path(corpus).glob("*.txt"))
    run.warm_up(lemmatizer)
    c0, w0 = time.process_time(), time.perf_counter()
    stages: dict[str, float] = {}
    words = 0
    for f in files:
        res = run.tag_file((f, lemmatizer))
        words += res["words"]
        for k, v in res["times"].items():
            stages[k] = stages.get(k, 0.0) + v
    Path(out).write_text(json.dumps({"cpu": time.process_time() - c0, "wall": time.perf_counter() - w0,
                                     "words": words, "stages": {k: round(v, 3) for k, v in stages.items()}}))


def _run(tree: Path, corpus: Path, lemmatizer: str, tmp: Path) -> dict:
    out = tmp / "result.json"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tree / "benchmarks"), str(tree)]))
    env.setdefault("CLAUSEKIT_CORPORA", str(ROOT.parent / "shared" / "corpora"))
    subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", str(corpus), lemmatizer, str(out)],
                   cwd=tree, env=env, check=True, stderr=subprocess.DEVNULL)
    return json.loads(out.read_text())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("before", nargs="?")
    ap.add_argument("after", nargs="?", default=str(ROOT))
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--baseline-rounds", type=int, default=2)
    ap.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        child(*args.child)
        return 0
    if not args.before:
        ap.error("give the BEFORE tree")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    sys.path.insert(0, str(ROOT))
    import run

    trees = {"before": Path(args.before).resolve(), "after": Path(args.after).resolve()}
    with tempfile.TemporaryDirectory(prefix="clausekit-compare-") as name:
        tmp = Path(name)
        distinct = run.build_distinct(tmp)
        if distinct is None:
            ap.error("the shared corpora are not available")
        sample = tmp / "distinct_sample"
        sample.mkdir()
        for p in sorted(distinct.glob("*.txt"))[::8]:
            shutil.copyfile(p, sample / p.name)
        results: dict[str, list[dict]] = {"before": [], "after": [], "baseline": []}
        for i in range(args.rounds):
            for label, tree in trees.items():
                res = _run(tree, distinct, "fast", tmp)
                results[label].append(res)
                print(f"round {i} {label:8s} cpu {res['cpu']:6.2f} s wall {res['wall']:6.2f} s {res['words'] / res['cpu']:8.0f} words/cpu-s  stages {res['stages']}", flush=True)
            if i < args.baseline_rounds:
                res = _run(trees["after"], sample, "baseline", tmp)
                results["baseline"].append(res)
                print(f"round {i} baseline cpu {res['cpu']:6.2f} s wall {res['wall']:6.2f} s {res['words'] / res['cpu']:8.0f} words/cpu-s", flush=True)
    ratios = [a["cpu"] / b["cpu"] for a, b in zip(results["after"], results["before"], strict=True)]
    print("after / before CPU per round:", [round(r, 3) for r in ratios], "median", round(statistics.median(ratios), 3))
    for stage in ("segment", "lemmatize", "classify"):
        per = [a["stages"][stage] / b["stages"][stage] for a, b in zip(results["after"], results["before"], strict=True)]
        print(f"  {stage} after / before per round:", [round(r, 3) for r in per], "median", round(statistics.median(per), 3))
    if results["baseline"]:
        base = statistics.median(r["words"] / r["cpu"] for r in results["baseline"])
        for label in trees:
            wps = [r["words"] / r["cpu"] for r in results[label]]
            print(f"{label}: median {statistics.median(wps):.0f}, best {max(wps):.0f} words/cpu-s; "
                  f"vs the spaCy baseline ({base:.0f} words/cpu-s, median): {statistics.median(wps) / base:.1f}x median, {max(wps) / base:.1f}x best")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
