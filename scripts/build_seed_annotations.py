"""Build ``data/annotations/seeds.csv`` from the hand labels of the four seeds.

The hand labels live in ``data/annotations/seed_labels.csv``
(``doc_id, clause_index, function, themes``) for the clean documents 000, 003
and 004. The OCR'd copy 001 gets no hand rows: its labels are copied from its
clean twin 003 by clause alignment (same part, same operative number, same
position among the preambular clauses), as rule 6 of the labeling guide says
OCR damage does not change a label.

The output follows section 4 of docs/labeling-guide.md:
``doc_id, clause_index, part, number, function, themes, text``.

The script stops with an error (exit 1) when:

- a label refers to a clause the current segmentation does not have, or a
  clause of a seed has no label, or a clause is labelled twice;
- a label is outside the guide's label sets;
- 001 and 003 no longer align part by part, or an aligned pair of clauses is
  not recognisably the same paragraph;
- a clause that was labelled (as recorded in the existing seeds.csv) has changed
  part, number or text beyond OCR-level noise, so the hand label may now sit on
  a different paragraph. Re-check the labels, then rebuild with ``--force``.

Usage::

    .venv/bin/python scripts/build_seed_annotations.py          # write seeds.csv
    .venv/bin/python scripts/build_seed_annotations.py --check  # exit 1 if stale
"""

from __future__ import annotations

import argparse
import csv
import difflib
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from clausekit.atomic import atomic_write  # noqa: E402
from clausekit.segmentation.segmenter import segment  # noqa: E402

SEEDS_DIR = ROOT / "data" / "seeds"
LABELS_CSV = ROOT / "data" / "annotations" / "seed_labels.csv"
OUT_CSV = ROOT / "data" / "annotations" / "seeds.csv"

FUNCTIONS = ("recall", "concern", "request", "decision", "position", "other")
THEMES = ("covid19", "south_south", "coercive_measures")
HEADER = ["doc_id", "clause_index", "part", "number", "function", "themes", "text"]

# The OCR'd copy and the clean document it is aligned to (one document family).
TWINS = {"001_11bf369c9702862e": "003_0d3b84d2626458c8"}

# Below this similarity two texts are not the same paragraph (OCR noise in 001
# stays above 0.99; two different paragraphs of 003 stay below 0.65).
SAME_PARAGRAPH = 0.85


class LabelError(Exception):
    """The hand labels no longer fit the segmentation."""


def _similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _canonical_themes(raw: str, where: str) -> str:
    names = [t.strip() for t in raw.split(";") if t.strip()]
    unknown = [t for t in names if t not in THEMES]
    if unknown:
        raise LabelError(f"{where}: unknown theme(s) {unknown}; allowed: {list(THEMES)}")
    if len(set(names)) != len(names):
        raise LabelError(f"{where}: theme repeated in {raw!r}")
    return ";".join(t for t in THEMES if t in names)


def read_labels(path: Path | None = None) -> dict[str, dict[int, tuple[str, str]]]:
    """``{doc_id: {clause_index: (function, themes)}}`` from the hand-label file."""
    path = LABELS_CSV if path is None else path
    labels: dict[str, dict[int, tuple[str, str]]] = {}
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        expected = ["doc_id", "clause_index", "function", "themes"]
        if reader.fieldnames != expected:
            raise LabelError(f"{path}: header is {reader.fieldnames}, expected {expected}")
        for line, row in enumerate(reader, start=2):
            where = f"{path.name}:{line}"
            doc_id = row["doc_id"].strip()
            try:
                index = int(row["clause_index"])
            except ValueError:
                raise LabelError(
                    f"{where}: clause_index {row['clause_index']!r} is not an integer"
                ) from None
            function = row["function"].strip()
            if function not in FUNCTIONS:
                raise LabelError(
                    f"{where}: unknown function {function!r}; allowed: {list(FUNCTIONS)}"
                )
            themes = _canonical_themes(row["themes"] or "", where)
            if doc_id in TWINS:
                raise LabelError(
                    f"{where}: {doc_id} must not be hand-labelled; its labels come from {TWINS[doc_id]}"
                )
            per_doc = labels.setdefault(doc_id, {})
            if index in per_doc:
                raise LabelError(f"{where}: clause {doc_id}#{index} is labelled twice")
            per_doc[index] = (function, themes)
    return labels


def _key_in_part(clauses) -> dict[tuple[str, str], object]:
    """Alignment key: (part, operative/narrative number, or ordinal among the preambular clauses)."""
    keys: dict[tuple[str, str], object] = {}
    ordinal: dict[str, int] = {}
    for c in clauses:
        if c.number:
            key = (c.part, str(c.number))
        else:
            ordinal[c.part] = ordinal.get(c.part, 0) + 1
            key = (c.part, f"#{ordinal[c.part]}")
        if key in keys:
            raise LabelError(f"{c.doc_id}: two clauses with the alignment key {key}")
        keys[key] = c
    return keys


def _previous_rows(path: Path | None = None) -> dict[tuple[str, int], dict[str, str]]:
    path = OUT_CSV if path is None else path
    if not path.exists():
        return {}
    with open(path, encoding="utf-8", newline="") as f:
        return {(r["doc_id"], int(r["clause_index"])): r for r in csv.DictReader(f)}


def build_rows(force: bool = False) -> list[list[str]]:
    """Segment the seeds, attach the labels and return the rows of seeds.csv (without header)."""
    labels = read_labels()
    seeds = sorted(SEEDS_DIR.glob("*.txt"))
    if not seeds:
        raise LabelError(f"no seeds in {SEEDS_DIR}")
    docs = {p.stem: segment(str(p)) for p in seeds}

    unknown_docs = set(labels) - set(docs)
    if unknown_docs:
        raise LabelError(f"labels for documents that are not seeds: {sorted(unknown_docs)}")

    # Resolve every document's labels as {clause_index: (function, themes)}.
    resolved: dict[str, dict[int, tuple[str, str]]] = {}
    for doc_id, doc in docs.items():
        if doc_id in TWINS:
            continue
        have = labels.get(doc_id, {})
        indexes = {c.index for c in doc.clauses}
        missing_clauses = sorted(set(have) - indexes)
        if missing_clauses:
            raise LabelError(
                f"{doc_id}: labels refer to clauses {missing_clauses} that the segmentation "
                f"no longer has (it gives {len(doc.clauses)} clauses)"
            )
        unlabelled = sorted(indexes - set(have))
        if unlabelled:
            raise LabelError(f"{doc_id}: clauses {unlabelled} have no label in {LABELS_CSV.name}")
        resolved[doc_id] = have

    for ocr_id, clean_id in TWINS.items():
        if ocr_id not in docs or clean_id not in docs:
            raise LabelError(f"twin pair {ocr_id} / {clean_id}: a seed is missing")
        ocr_keys = _key_in_part(docs[ocr_id].clauses)
        clean_keys = _key_in_part(docs[clean_id].clauses)
        if set(ocr_keys) != set(clean_keys):
            only_ocr = sorted(set(ocr_keys) - set(clean_keys))
            only_clean = sorted(set(clean_keys) - set(ocr_keys))
            raise LabelError(
                f"{ocr_id} no longer aligns with {clean_id}: only in {ocr_id}: {only_ocr}; "
                f"only in {clean_id}: {only_clean}"
            )
        mapped: dict[int, tuple[str, str]] = {}
        for key, oc in ocr_keys.items():
            cc = clean_keys[key]
            ratio = _similar(oc.text, cc.text)
            if ratio < SAME_PARAGRAPH:
                raise LabelError(
                    f"{ocr_id}#{oc.index} and {clean_id}#{cc.index} share the key {key} but are not "
                    f"the same paragraph (similarity {ratio:.2f} < {SAME_PARAGRAPH})"
                )
            mapped[oc.index] = resolved[clean_id][cc.index]
        resolved[ocr_id] = mapped

    previous = {} if force else _previous_rows()
    rows: list[list[str]] = []
    for doc_id in sorted(docs):
        for c in docs[doc_id].clauses:
            number = "" if c.number is None else str(c.number)
            old = previous.get((doc_id, c.index))
            if old is not None and (
                old["part"] != c.part
                or old["number"] != number
                or _similar(old["text"], c.text) < SAME_PARAGRAPH
            ):
                raise LabelError(
                    f"{doc_id}#{c.index} changed since it was labelled (was {old['part']} {old['number']!r}: "
                    f"{old['text'][:60]!r}..., now {c.part} {number!r}: {c.text[:60]!r}...); "
                    f"re-check {LABELS_CSV.name}, then rebuild with --force"
                )
            function, themes = resolved[doc_id][c.index]
            rows.append([doc_id, str(c.index), c.part, number, function, themes, c.text])
    return rows


def render(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if seeds.csv is not what a rebuild would write"
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="rebuild even if labelled clauses changed since the last build",
    )
    args = parser.parse_args(argv)
    try:
        # --check compares against the current segmentation without the drift guard,
        # so that a stale file is reported as stale rather than as a label error.
        rows = build_rows(force=args.force or args.check)
        text = render(rows)
    except LabelError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.check:
        current = OUT_CSV.read_text(encoding="utf-8") if OUT_CSV.exists() else None
        if current != text:
            why = (
                "missing"
                if current is None
                else "out of date with the current segmentation or labels"
            )
            print(
                f"{OUT_CSV.relative_to(ROOT)} is {why}; run scripts/build_seed_annotations.py",
                file=sys.stderr,
            )
            return 1
        print(f"{OUT_CSV.relative_to(ROOT)} is up to date ({len(rows)} rows)")
        return 0
    with atomic_write(OUT_CSV) as f:
        f.write(text)
    print(f"wrote {OUT_CSV.relative_to(ROOT)} ({len(rows)} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
