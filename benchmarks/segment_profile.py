"""Segmentation: an output snapshot to prove a change keeps every result, its speed, and a profile.

Usage:
    python benchmarks/segment_profile.py snapshot /tmp/segment_before.jsonl
    python benchmarks/segment_profile.py compare /tmp/segment_before.jsonl
    python benchmarks/segment_profile.py time [--repeat 3]
    python benchmarks/segment_profile.py profile [--top 30]

The snapshot segments every seed, every ICE resolution (paragraphs separated by blank lines,
and wrapped at 80 columns as a PDF extraction gives them), every UNPC dev document (the same
two layouts) and every UNPC dev line alone, plus OCR-damaged copies of the seeds, the ICE
resolutions and the UNPC documents (:func:`clausekit.text.ocr_noise.corrupt`). Each document is
written as one JSON line with everything segmentation returns (heading, clauses with their
spans, numbers, parts, leads and sub-paragraphs, furniture, warnings); each UNPC line also
records ``infer_part`` and ``lead_phrase``. ``compare`` writes the snapshot again from the
current code (to ``<path stem>.after.jsonl`` beside it) and checks it byte for byte. Snapshots
go wherever you say, never in the repository (the corpora's text must not be copied into it).
To snapshot or time an older commit, run this script from an export of it:
``git archive COMMIT clausekit | tar -x -C /tmp/old``, then copy this script to
/tmp/old/benchmarks/, link data/ beside it and set CLAUSEKIT_CORPORA. The script runs itself with PYTHONHASHSEED=0:
OCR repair breaks some ties between equally frequent candidates in set order, which follows the
hash seed, so two runs under different seeds may differ on a few OCR-damaged documents.

``time`` segments the real texts (seeds, ICE blank-separated, UNPC documents: what
benchmarks/run.py calls the distinct corpus) and, separately, their OCR-damaged copies, best of
``--repeat`` passes, with the lru caches of clausekit emptied before each pass so that a pass
costs what a first reading of those texts costs. ``profile`` runs cProfile over one pass.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import hashlib
import json
import os
import pstats
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from clausekit.read.sources import read_path  # noqa: E402
from clausekit.segmentation import leads, lexicon, segmenter  # noqa: E402
from clausekit.text import normalization as normalize  # noqa: E402
from clausekit.text import ocr_repair as ocr  # noqa: E402
from clausekit.text.ocr_noise import corrupt  # noqa: E402
from clausekit.training import corpora  # noqa: E402
from clausekit.training.segment_eval import rebuild  # noqa: E402

SEEDS = ROOT / "data" / "seeds"
OCR_RATES = (0.05, 0.15)

Case = tuple[str, str]  # (case id, text)


# --- the texts -----------------------------------------------------------------------------


def real_texts() -> list[Case]:
    """Seeds, ICE resolutions (blank-separated) and UNPC dev documents: one text per document."""
    cases = [(f"seed/{p.stem}", read_path(p).text) for p in sorted(SEEDS.glob("*.txt"))]
    for text_id, _, paras in corpora.iter_ice():
        text, _ = rebuild([p["para"] for p in paras if p["para"]], "blank-separated")
        if text.strip():
            cases.append((f"ice/{text_id}", text + "\n"))
    lines = corpora.unpc_lines()
    for doc_id, group in lines.groupby("doc_id", sort=True):
        cases.append((f"unpc/{doc_id}", "\n\n".join(group["fr"]) + "\n"))
    return cases


def wrapped_texts() -> list[Case]:
    """ICE resolutions and UNPC documents with their paragraphs wrapped at 80 columns."""
    cases = []
    for text_id, _, paras in corpora.iter_ice():
        text, _ = rebuild([p["para"] for p in paras if p["para"]], "wrapped")
        cases.append((f"ice-wrapped/{text_id}", text))
    for doc_id, group in corpora.unpc_lines().groupby("doc_id", sort=True):
        text, _ = rebuild(list(group["fr"]), "wrapped")
        cases.append((f"unpc-wrapped/{doc_id}", text))
    return cases


def ocr_texts(real: list[Case]) -> list[Case]:
    """OCR-damaged copies of the real texts, at each rate of :data:`OCR_RATES`."""
    return [
        (f"ocr{rate}/{cid}", corrupt(text, rate=rate, seed=k))
        for rate in OCR_RATES
        for k, (cid, text) in enumerate(real)
    ]


# --- the snapshot --------------------------------------------------------------------------


def document_record(case_id: str, text: str) -> dict:
    """Everything :func:`segment_text` returns for ``text``, but the original text itself."""
    doc = segmenter.segment_text(text, doc_id=case_id)
    record = {f.name: getattr(doc, f.name) for f in dataclasses.fields(doc) if f.name != "original"}
    record["heading"] = dataclasses.asdict(doc.heading)
    record["clauses"] = [dataclasses.asdict(c) for c in doc.clauses]
    record["furniture"] = [dataclasses.asdict(f) for f in doc.furniture]
    return record


def line_record(case_id: str, line: str) -> dict:
    record = document_record(case_id, line)
    record["infer_part"] = leads.infer_part(line)
    record["lead_phrase"] = leads.lead_phrase(line)
    return record


def snapshot_lines() -> Iterator[str]:
    real = real_texts()
    for case_id, text in [*real, *wrapped_texts(), *ocr_texts(real)]:
        yield json.dumps(document_record(case_id, text), ensure_ascii=False, sort_keys=True)
    for row in corpora.unpc_lines().itertuples(index=False):
        yield json.dumps(
            line_record(f"unpc-line/{row.line}", row.fr), ensure_ascii=False, sort_keys=True
        )


def write_snapshot(path: Path) -> tuple[int, str]:
    """Write the snapshot to ``path``; return its number of records and its SHA-256."""
    digest = hashlib.sha256()
    n = 0
    with open(path, "w", encoding="utf-8") as out:
        for line in snapshot_lines():
            data = (line + "\n").encode("utf-8")
            digest.update(data)
            out.write(line + "\n")
            n += 1
    return n, digest.hexdigest()


def compare(before: Path) -> int:
    after = before.with_name(before.stem + ".after" + before.suffix)
    n, sha = write_snapshot(after)
    old = before.read_text(encoding="utf-8").splitlines()
    new = after.read_text(encoding="utf-8").splitlines()
    differing = [(a, b) for a, b in zip(old, new, strict=False) if a != b]
    print(f"{n} records, sha256 {sha}; before {len(old)} records; written to {after}")
    if len(old) == len(new) and not differing:
        print("identical")
        return 0
    print(f"DIFFERENT: {len(differing)} records differ, {len(old)} vs {len(new)} records")
    for a, b in differing[:5]:
        print(" before:", a[:300], "\n after: ", b[:300])
    return 1


# --- timing and profile --------------------------------------------------------------------


_LOADED_ONCE = frozenset({"_accented_winners"})  # per-word caches (_zipf ...) are emptied: a first reading


def clear_caches() -> None:
    """Empty clausekit's lru caches, but the OCR index built once per process (:func:`load_once`), which
    benchmarks/run.py builds during its warm-up, before the clock starts (it was rebuilt at every pass)."""
    from clausekit.segmentation import boundaries, clauses, heading, lines

    for module in (lexicon, normalize, ocr, segmenter, leads, boundaries, clauses, heading, lines):
        for name, value in vars(module).items():
            if hasattr(value, "cache_clear") and name not in _LOADED_ONCE:
                value.cache_clear()


def load_once() -> None:
    """What a process loads once, not per document: the OCR lexicon, wordfreq's French and English lists."""
    ocr._accented_winners()
    ocr._zipf("de")
    ocr._is_english("the")


class StageClock:
    """Seconds spent in normalize (OCR check and repair included) and in OCR work alone, while active."""

    def __init__(self) -> None:
        self.normalize = self.ocr = 0.0

    def _timed(self, fn: Callable, attr: str) -> Callable:
        def wrapper(*args, **kwargs):
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                setattr(self, attr, getattr(self, attr) + time.perf_counter() - t0)

        return wrapper

    def __enter__(self) -> StageClock:
        self._saved = (segmenter.normalize, ocr.looks_ocr_damaged, ocr.ocr_edits)
        segmenter.normalize = self._timed(segmenter.normalize, "normalize")
        ocr.looks_ocr_damaged = self._timed(ocr.looks_ocr_damaged, "ocr")
        ocr.ocr_edits = self._timed(ocr.ocr_edits, "ocr")
        return self

    def __exit__(self, *exc: object) -> None:
        segmenter.normalize, ocr.looks_ocr_damaged, ocr.ocr_edits = self._saved


def time_pass(cases: list[Case]) -> dict:
    """Segment every case once; seconds in all, per stage, and per corpus (the case id's prefix)."""
    clear_caches()
    per_corpus: dict[str, float] = {}
    with StageClock() as clock:
        t0, cpu0 = time.perf_counter(), time.process_time()
        for case_id, text in cases:
            start = time.perf_counter()
            segmenter.segment_text(text, doc_id=case_id)
            corpus = case_id.split("/")[0]
            per_corpus[corpus] = per_corpus.get(corpus, 0.0) + time.perf_counter() - start
        total, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    return {
        "total": total,
        "cpu": cpu,
        "normalize": clock.normalize,
        "ocr": clock.ocr,
        "per_corpus": per_corpus,
    }


def _rate(label: str, docs: int, words: int, seconds: float) -> str:
    return (
        f"{label:<10} {docs:>5} docs {words:>8} words  {seconds:7.2f} s  {words / seconds:8.0f} words/s  "
        f"{1000 * seconds / docs:6.2f} ms/doc  {1000 * seconds / words * 2000:6.1f} ms/2000 words"
    )


def report_timing(label: str, cases: list[Case], repeat: int) -> None:
    passes = [time_pass(cases) for _ in range(repeat)]
    best = min(passes, key=lambda p: p["total"])
    words = sum(len(text.split()) for _, text in cases)
    print(f"{_rate(label, len(cases), words, best['total'])}  (best of {repeat})")
    print(
        f"{'':<10} normalize {best['normalize']:.2f} s, of which OCR check and repair {best['ocr']:.2f} s; "
        f"lines and clauses {best['total'] - best['normalize']:.2f} s"
    )
    for corpus, seconds in best["per_corpus"].items():
        own = [text for case_id, text in cases if case_id.split("/")[0] == corpus]
        print(_rate(f"  {corpus}", len(own), sum(len(t.split()) for t in own), seconds))
    # Wall time well above CPU time means other processes took the CPU during the pass.
    print(
        f"{'':<10} all passes (wall/CPU): "
        + ", ".join(f"{p['total']:.2f}/{p['cpu']:.2f} s" for p in passes)
    )


def profile(cases: list[Case], top: int) -> None:
    clear_caches()
    profiler = cProfile.Profile()
    profiler.enable()
    for case_id, text in cases:
        segmenter.segment_text(text, doc_id=case_id)
    profiler.disable()
    stats = pstats.Stats(profiler).strip_dirs()
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)


def main(argv: list[str] | None = None) -> int:
    if os.environ.get("PYTHONHASHSEED") != "0":
        os.environ["PYTHONHASHSEED"] = "0"  # see the module docstring
        os.execv(sys.executable, [sys.executable, *sys.argv])
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("snapshot").add_argument("path", type=Path)
    sub.add_parser("compare").add_argument("path", type=Path)
    timing = sub.add_parser("time")
    timing.add_argument("--repeat", type=int, default=3)
    prof = sub.add_parser("profile")
    prof.add_argument("--top", type=int, default=30)
    prof.add_argument("--ocr", action="store_true", help="profile the OCR-damaged copies instead")
    args = parser.parse_args(argv)

    if not corpora.available():
        print(
            f"shared corpora not found at {corpora.corpora_dir()}; set CLAUSEKIT_CORPORA",
            file=sys.stderr,
        )
        return 2
    if args.command == "snapshot":
        n, sha = write_snapshot(args.path)
        print(f"{n} records, sha256 {sha}, written to {args.path}")
        return 0
    if args.command == "compare":
        return compare(args.path)
    load_once()
    real = real_texts()
    if args.command == "time":
        report_timing("real", real, args.repeat)
        report_timing("ocr-0.05", ocr_texts(real)[: len(real)], args.repeat)
        return 0
    profile(ocr_texts(real)[: len(real)] if args.ocr else real, args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
