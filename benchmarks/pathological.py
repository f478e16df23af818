"""Pathological inputs: each kind at size n and 4n in one run; linear cost means a ratio near 4.

Usage: python benchmarks/pathological.py [--out benchmarks/results/pathological.json]
(also run by `make bench` through benchmarks/run.py).

Issue 18 items 7, 9 and 10: runs of one punctuation character through the fast tokenizer
(spaCy's own loop is quadratic there), long junk tokens after an elision through OCR repair
(it was cubic), a document of one punctuation run through segmentation and tagging's lemma
path, CSV formula escaping, and endless sources (``/dev/zero``, an endless standard input)
refused at the size limit. Each case is timed best of 5 at n and 4n (best of 3 let the host's noise on
0.06-0.14 s timings push linear runs past 6: 6.3 to 6.5 in two of three make bench runs, while doubling n from
20,000 to 160,000 doubled the time); ``linear`` is
``t(4n) / t(n) <= 6`` (4 for linear cost, leaving room for noise on a shared machine). For
the endless source n is the size limit: the time follows the limit, since the source never ends.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LINEAR_RATIO = 6.0


def _best(func: Callable[[], Any], repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - t0)
    return best


def _cases() -> dict[str, tuple[Callable[[int], Callable[[], Any]], int]]:
    """Input kind -> (size -> the call to time, n)."""
    from clausekit.errors import InputError
    from clausekit.lemmas import tokenizer
    from clausekit.read.sources import read_bounded
    from clausekit.segmentation.segmenter import segment_text
    from clausekit.tagging.formats import csv_text
    from clausekit.text import ocr_repair

    def ocr_edits(text: str) -> Any:
        ocr_repair._choose.cache_clear()  # time the search, not the cache of an earlier repeat
        return ocr_repair.ocr_edits(text)

    class _Endless(io.RawIOBase):
        def readinto(self, b: Any) -> int:
            b[:] = b"\0" * len(b)
            return len(b)

    def refused(limit: int) -> Callable[[], Any]:
        def run() -> None:
            with contextlib.suppress(InputError):  # the refusal is what is timed
                read_bounded(_Endless(), limit, "<endless>")

        return run

    def tokenize(text: str) -> Any:
        tokenizer._CHUNKS.clear()  # time the rules, not the run cache of an earlier repeat
        return tokenizer.tokenize(text)

    junk = "qzxwvkjhgfdsplmnbtr"
    return {
        "tokenizer: run of '('": (lambda n: lambda: tokenize("(" * n), 20_000),
        "tokenizer: run of \"'\"": (lambda n: lambda: tokenize("'" * n), 20_000),
        "tokenizer: run of '…'": (lambda n: lambda: tokenize("…" * n), 20_000),
        "tokenizer: run of '«'": (lambda n: lambda: tokenize("«" * n), 20_000),
        "tokenizer: 'a(' repeated": (lambda n: lambda: tokenize("a(" * (n // 2)), 20_000),
        "OCR repair: junk token after l'": (lambda n: lambda: ocr_edits("l'" + (junk * (n // len(junk) + 1))[:n]), 800),
        "OCR repair: many junk tokens": (lambda n: lambda: ocr_edits(" ".join(["l'" + junk * 3] * (n // 60))), 20_000),
        "segment: one line of '('": (lambda n: lambda: segment_text("Rappelant " + "(" * n + "\n", ocr=True), 20_000),
        "CSV: formula cells escaped": (lambda n: lambda: csv_text([{"text": "=1+1", "n": i} for i in range(n)], ["text", "n"]), 20_000),
        "reader: endless source, limit n bytes": (lambda n: refused(n), 1 << 20),
    }


def run(quick: bool = False) -> dict[str, Any]:
    """``{kind: {n, seconds_n, seconds_4n, ratio, linear}}`` for every pathological kind, measured now."""
    table: dict[str, Any] = {}
    for kind, (make, n) in _cases().items():
        if quick:
            n = max(1, n // 4)
        make(min(n, 200))()  # warm caches and lazy tables outside the clock
        t1 = _best(make(n))
        t4 = _best(make(4 * n))
        ratio = t4 / t1 if t1 > 0 else None
        table[kind] = {"n": n, "seconds_n": round(t1, 4), "seconds_4n": round(t4, 4),
                       "ratio_4n_vs_n": round(ratio, 2) if ratio else None,
                       "linear": ratio is not None and ratio <= LINEAR_RATIO}
    return table


def format_table(table: dict[str, Any]) -> str:
    lines = [f"{'input kind':42} {'n':>8} {'t(n) s':>9} {'t(4n) s':>9} {'ratio':>6}  linear"]
    for kind, row in table.items():
        lines.append(f"{kind:42} {row['n']:>8} {row['seconds_n']:>9.4f} {row['seconds_4n']:>9.4f} {row['ratio_4n_vs_n'] or 0:>6.2f}  {'yes' if row['linear'] else 'NO'}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "pathological.json"))
    parser.add_argument("--quick", action="store_true", help="n / 4 (a smoke run)")
    args = parser.parse_args()
    table = run(quick=args.quick)
    print(format_table(table))
    from clausekit.atomic import atomic_write

    with atomic_write(args.out) as f:
        json.dump(table, f, indent=2, ensure_ascii=False)
    print(f"written to {args.out}")
    return 0 if all(row["linear"] for row in table.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
