"""Score the reference extractor against the hand-labelled citations of data/annotations/references.csv.

Usage:
    python scripts/references_eval.py            # precision, recall, symbol accuracy (JSON on stdout)
    python scripts/references_eval.py --errors   # and every miss and false alarm, by id and span

Units are the seeds' clauses (``c<index>``) and footnotes (``f<furniture index>``), and every line
of the UN Parallel Corpus dev set (``ref`` = 1-based line). Every unit is run through
:func:`clausekit.references.extractor.extract` with the citing body (the seed's heading; for a UNPC
line, the body its document id names), so a reference found where none is labelled is a false
alarm. A found reference matches a labelled one when their spans overlap (one to one). Annotations
hold ids and spans only: corpus text is read from ``../shared/corpora`` (skipped when absent).
See data/annotations/REFERENCES.md for what counts as a citation.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from clausekit.references.bodies import ECOSOC, GA, HRC, SC  # noqa: E402
from clausekit.references.extractor import extract  # noqa: E402

GOLD = ROOT / "data" / "annotations" / "references.csv"
SEEDS = ROOT / "data" / "seeds"
UNPC = ROOT.parent / "shared" / "corpora" / "unpc-dev"
ICE = ROOT.parent / "shared" / "corpora" / "ice"
ICE_BODY = "Conférence internationale de l'éducation"


def unpc_body(doc_id: str) -> str | None:
    """The body a UNPC document id names: ``2015/s/...`` Security Council, ``2015/a/hrc/...`` Human Rights Council."""
    parts = doc_id.split("/")[1:3]
    if parts[:2] == ["a", "hrc"]:
        return HRC
    return {"a": GA, "s": SC, "e": ECOSOC}.get(parts[0] if parts else "")


def units() -> dict[tuple[str, str, str], tuple[str, str | None]]:
    """Every unit's text and citing body, by (corpus, doc_id, ref)."""
    from clausekit import segment

    out = {}
    for path in sorted(SEEDS.glob("*.txt")):
        doc = segment(path)
        for c in doc.clauses:
            out[("seed", path.stem, f"c{c.index}")] = (c.text, doc.heading.body)
        for i, f in enumerate(doc.furniture):
            if f.kind == "footnote":
                out[("seed", path.stem, f"f{i}")] = (f.text, doc.heading.body)
    if (UNPC / "UNv1.0.devset.fr").exists():
        ids = (UNPC / "UNv1.0.devset.ids").read_text(encoding="utf-8").splitlines()
        lines = (UNPC / "UNv1.0.devset.fr").read_text(encoding="utf-8").splitlines()
        for n, (line, meta) in enumerate(zip(lines, ids, strict=True), start=1):
            doc_id = meta.split()[0]
            out[("unpc", doc_id, str(n))] = (line, unpc_body(doc_id))
    for path in sorted(ICE.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for para in data["body"]["paragraphs"]:
            if para.get("para"):
                out[("ice", data["TEXT_ID"], str(para["para_number"]))] = (para["para"], ICE_BODY)
    return out


def locate(scratch: Path, corpus: str, texts: dict) -> list[dict]:
    """Turn hand-typed ``ref|surface[#occurrence]|kind|symbol`` lines into spans (the typed text is not kept)."""
    kinds = {
        "R": "resolution",
        "D": "decision",
        "S": "document symbol",
        "P": "report",
        "C": "convention",
    }
    by_ref = {(k[1], k[2]) if corpus != "unpc" else k[2]: k for k in texts if k[0] == corpus}
    rows = []
    for line in scratch.read_text(encoding="utf-8").splitlines():
        fields = line.split("|")
        key = (fields[0], fields[1]) if corpus != "unpc" else fields[0]
        surface, kind, symbol = fields[-3:]
        surface, _, occ = surface.partition("#")
        unit = by_ref[key]
        text = texts[unit][0]
        start = -1
        for _ in range(int(occ or 1)):
            start = text.find(surface, start + 1)
        if start < 0:
            raise SystemExit(f"not found: {line}")
        rows.append(
            {
                "corpus": corpus,
                "doc_id": unit[1],
                "ref": unit[2],
                "start": start,
                "end": start + len(surface),
                "kind": kinds[kind],
                "symbol": symbol,
            }
        )
    return rows


def evaluate(show_errors: bool = False) -> dict:
    texts = units()
    gold: dict[tuple, list[dict]] = {}
    with GOLD.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            gold.setdefault((row["corpus"], row["doc_id"], row["ref"]), []).append(row)
    missing = [k for k in gold if k not in texts]
    tp = fp = fn = sym_ok = sym_gold = sym_found = kind_ok = 0
    errors = []
    for key, (text, body) in texts.items():
        found = extract(text, own_body=body)
        labelled = gold.get(key, [])
        used: set[int] = set()
        for g in labelled:
            gs, ge = int(g["start"]), int(g["end"])
            hit = next(
                (i for i, r in enumerate(found) if i not in used and r.start < ge and gs < r.end),
                None,
            )
            if hit is None:
                fn += 1
                errors.append({"miss": key, "span": [gs, ge], "symbol": g["symbol"] or None})
                continue
            used.add(hit)
            tp += 1
            r = found[hit]
            kind_ok += r.kind == g["kind"]
            want = g["symbol"] or None
            sym_gold += want is not None
            sym_found += want is not None and r.symbol == want
            if r.symbol == want:
                sym_ok += 1
            else:
                errors.append({"symbol": key, "span": [gs, ge], "want": want, "got": r.symbol})
        for i, r in enumerate(found):
            if i not in used:
                fp += 1
                errors.append({"false_alarm": key, "span": [r.start, r.end], "kind": r.kind})
    result = {
        "units": len(texts),
        "labelled": tp + fn,
        "found": tp + fp,
        "precision": round(tp / (tp + fp), 4) if tp + fp else None,
        "recall": round(tp / (tp + fn), 4) if tp + fn else None,
        "symbol_accuracy": round(sym_ok / tp, 4) if tp else None,
        "symbol_recall": round(sym_found / sym_gold, 4) if sym_gold else None,
        "kind_accuracy": round(kind_ok / tp, 4) if tp else None,
        "labelled_units_not_found": len(missing),
    }
    if show_errors:
        result["errors"] = errors
    return result


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--errors", action="store_true", help="list every miss, false alarm and wrong symbol"
    )
    parser.add_argument(
        "--locate",
        nargs=3,
        metavar=("SEED_SCRATCH", "UNPC_SCRATCH", "ICE_SCRATCH"),
        help="(re)build the annotation file from hand-typed scratch files (not committed)",
    )
    args = parser.parse_args()
    if args.locate:
        texts = units()
        rows = [
            row
            for scratch, corpus in zip(args.locate, ("seed", "unpc", "ice"), strict=True)
            for row in locate(Path(scratch), corpus, texts)
        ]
        from clausekit.atomic import atomic_write

        with atomic_write(GOLD) as f:
            writer = csv.DictWriter(
                f, fieldnames=["corpus", "doc_id", "ref", "start", "end", "kind", "symbol"]
            )
            writer.writeheader()
            writer.writerows(rows)
        print(f"{len(rows)} citations written to {GOLD.relative_to(ROOT)}")
        return 0
    if not (UNPC / "UNv1.0.devset.fr").exists():
        print("note: ../shared/corpora/unpc-dev is absent; scoring the seeds only", file=sys.stderr)
    print(json.dumps(evaluate(args.errors), ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
