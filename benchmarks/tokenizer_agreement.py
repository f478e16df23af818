"""Does clausekit.lemmas.fast.tokenize cut French UN text as spaCy's fr_core_news_sm tokenizer does?

Usage: python benchmarks/tokenizer_agreement.py [--out FILE.json]

Per text set (the seed clauses of data/seeds via clausekit.segmentation.segmenter.segment_text, every ICE
paragraph and every UNPC dev line of the shared corpora when present): the share of texts whose
token sequence (texts and character offsets) is identical, the share of spaCy's tokens that
fastlemma also produces, and the most frequent differences. Then the first call of
fastlemma.lemmatize in fresh processes (median of 3), and whether it imported spaCy.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

_COLD = """
import sys, time
t = time.perf_counter()
import clausekit.lemmas.fast as f
f.lemmatize([{text!r}])
print(time.perf_counter() - t, 'spacy' in sys.modules)
"""


def text_sets() -> dict[str, list[str]]:
    from clausekit.segmentation.segmenter import segment_text
    from clausekit.training import corpora

    sets = {
        "seeds": [
            c.text
            for p in sorted((ROOT / "data" / "seeds").glob("*.txt"))
            for c in segment_text(p.read_text(encoding="utf-8"), doc_id=p.stem).clauses
        ]
    }
    if corpora.available():
        sets["ice"] = [p["para"] for _, _, paras in corpora.iter_ice() for p in paras if p["para"]]
        sets["unpc"] = [t for t in corpora.unpc_lines()["fr"] if t.strip()]
    return sets


def cold_start(text: str, runs: int = 3) -> dict[str, Any]:
    """Seconds from ``import clausekit.lemmas.fast`` to the end of its first lemmatize call, in fresh processes."""
    times, spacy_loaded = [], False
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", _COLD.format(text=text)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        times.append(float(out[0]))
        spacy_loaded |= out[1] == "True"
    return {
        "text": text,
        "median_seconds": round(statistics.median(times), 3),
        "spacy_imported": spacy_loaded,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", help="also write the figures to this JSON file")
    args = parser.parse_args()

    from clausekit.training.lemma_cache import token_agreement

    out: dict[str, Any] = {}
    sets = text_sets()
    for name, texts in sets.items():
        out[name] = token_agreement(texts)
        print(name, json.dumps({k: v for k, v in out[name].items() if k != "top_differences"}))
        for d in out[name]["top_differences"][:5]:
            print("   ", json.dumps(d, ensure_ascii=False))
    all_texts = [t for texts in sets.values() for t in texts]
    total = token_agreement(all_texts)
    out["all"] = {k: v for k, v in total.items() if k != "top_differences"}
    print("all", json.dumps(out["all"]))
    out["cold_start"] = [
        cold_start("Prie le Secrétaire général de faire rapport sur les changements climatiques"),
        cold_start("Prie le Secrétaire général de faire rapport sur les xyzunknownword"),
    ]
    for c in out["cold_start"]:
        print("cold start:", json.dumps(c, ensure_ascii=False))
    if args.out:
        from clausekit.atomic import atomic_write

        with atomic_write(args.out) as f:
            json.dump(out, f, indent=2, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
