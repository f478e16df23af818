"""Measure clausekit.text.ocr_repair: corrupt clean French, repair it, compare with the clean text.

Usage: python benchmarks/ocr_repair.py [--lines N]

Prints, per noise rate, the word error rate (WER) before and after repair, and the
precision of the edits (edits that restored the clean word / all edits); then the
character-level difflib ratio of repair(seed 001) against the clean seed 003.
Corpus text is read from /work/shared/corpora at run time, never copied into the repo.
"""

from __future__ import annotations

import argparse
import difflib
import re
import time
import unicodedata
from pathlib import Path

from clausekit.text.ocr_noise import corrupt
from clausekit.text.ocr_repair import apply_edits, ocr_edits, repair

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "data" / "seeds"
UNPC = Path("/work/shared/corpora/unpc-dev/UNv1.0.devset.fr")
RATES = (0.05, 0.1, 0.2)


def prepare(text: str) -> str:
    """What the normalizer hands to ocr: NFC, ASCII apostrophes."""
    return unicodedata.normalize("NFC", text).replace("’", "'")


def words(text: str) -> list[str]:
    return text.split()


def distance(a: list[str], b: list[str]) -> int:
    """Word-level Levenshtein distance."""
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i]
        for j, y in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y)))
        prev = cur
    return prev[-1]


def clean_lines(max_unpc: int) -> list[str]:
    lines: list[str] = []
    for name in ("003_0d3b84d2626458c8", "004_f730982b1d88a241", "000_10894b76cb1fbe11"):
        lines += (SEEDS / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    if UNPC.exists():
        with UNPC.open(encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                if i >= max_unpc:
                    break
                lines.append(line)
    return [prepare(ln).strip() for ln in lines if len(ln.split()) >= 3]


def measure(lines: list[str], rate: float, seed: int = 0) -> dict[str, float]:
    ref_words = err_before = err_after = good = n_edits = 0
    seconds = 0.0
    for k, clean in enumerate(lines):
        ref = words(clean)
        noisy = corrupt(clean, rate, seed * 100_003 + k)
        t = time.perf_counter()
        edits = ocr_edits(noisy)
        seconds += time.perf_counter() - t
        fixed = apply_edits(noisy, edits)
        before = distance(words(noisy), ref)
        ref_words += len(ref)
        err_before += before
        err_after += distance(words(fixed), ref)
        for e in edits:  # an edit is good if, alone, it brings the line closer to clean
            n_edits += 1
            good += distance(words(apply_edits(noisy, [e])), ref) < before
    return {
        "rate": rate,
        "words": ref_words,
        "wer_before": err_before / ref_words,
        "wer_after": err_after / ref_words,
        "edits": n_edits,
        "precision": good / n_edits if n_edits else float("nan"),
        "seconds": seconds,
    }


def seed_ratio() -> tuple[float, float]:
    def flat(text: str) -> str:
        return re.sub(r"\s+", " ", prepare(text)).strip()

    damaged = (SEEDS / "001_11bf369c9702862e.txt").read_text(encoding="utf-8")
    clean = flat((SEEDS / "003_0d3b84d2626458c8.txt").read_text(encoding="utf-8"))
    before = difflib.SequenceMatcher(None, flat(damaged), clean, autojunk=False).ratio()
    after = difflib.SequenceMatcher(
        None, flat(repair(prepare(damaged))), clean, autojunk=False
    ).ratio()
    return before, after


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=1000, help="UNPC dev lines to use")
    args = parser.parse_args()
    lines = clean_lines(args.lines)
    repair("warm-up")
    print(f"{len(lines)} clean lines ({sum(len(ln.split()) for ln in lines)} words)")
    print("rate  WER before  WER after  edits  precision  ocr seconds")
    for rate in RATES:
        r = measure(lines, rate)
        print(
            f"{r['rate']:.2f}  {r['wer_before']:10.4f}  {r['wer_after']:9.4f}  {r['edits']:5d}"
            f"  {r['precision']:9.4f}  {r['seconds']:.2f}"
        )
    zero = sum(len(ocr_edits(ln)) for ln in lines)
    print(f"edits on the clean lines themselves: {zero}")
    before, after = seed_ratio()
    print(
        f"difflib ratio 001 vs 003 (whitespace-flattened): before {before:.4f}  after {after:.4f}"
    )


if __name__ == "__main__":
    main()
