"""Score clausekit's segmentation and tagging on the layout challenge set.

The set (``data/challenge/layout``, see its CARD.md) holds short French UN-style documents in
many layouts, with gold clauses. For each document this script runs the public API,
``clausekit.segment(text, doc_id=id)`` then ``clausekit.tag(document)``, matches the predicted
clauses to the gold clauses and prints:

- boundary precision / recall / F1, micro over clauses (a predicted clause is correct when it
  matches a gold clause);
- part accuracy over the matched pairs;
- function accuracy end to end: gold clauses whose matched prediction has the gold function,
  over all gold clauses (an unmatched gold clause counts as wrong);

overall, per register and per layout. ``--json FILE`` also writes the figures.

Matching: both texts are normalized (NFKC, apostrophes and quotation marks unified,
casefolded, white space collapsed, a leading paragraph number such as "3." / "3)" / "4," or a
bullet stripped, trailing punctuation stripped); a pair matches when its difflib ratio is at
least 0.9. Pairs are one-to-one and in document order: the alignment that maximizes the number
of matched pairs (then the sum of their ratios) is taken.

``--check`` validates the gold instead of scoring: schema, ids, files, checksums, and that every
gold clause text is found, in order, in its document after white-space normalization (with the
document's declared furniture lines removed and line-break hyphenation undone, since clause
texts are stored without the page headers a clause may run across).

    .venv/bin/python scripts/challenge_layout.py            # score
    .venv/bin/python scripts/challenge_layout.py --check    # validate the gold
    .venv/bin/python scripts/challenge_layout.py --json results.json
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import json
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SET_DIR = ROOT / "data" / "challenge" / "layout"
PARTS = {"preamble", "operative", "narrative"}
FUNCTIONS = {"recall", "concern", "request", "decision", "position", "other"}
THRESHOLD = 0.9

_QUOTES = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "`": "'",
        "\u00ab": '"',
        "\u00bb": '"',
        "\u201c": '"',
        "\u201d": '"',
    }
)
_LEADING_MARK = re.compile(r"^(?:\(?\d{1,3}\s?[.,)]?|[-\u2022\u2013\u2014*])\s+")
_TRAILING_PUNCT = re.compile(r"[\s.,;:]+$")


def normalize(text: str) -> str:
    """The form in which gold and predicted clause texts are compared."""
    t = unicodedata.normalize("NFKC", str(text)).translate(_QUOTES).casefold()
    t = re.sub(r"\s+", " ", t).strip()
    t = _LEADING_MARK.sub("", t, count=1)
    return _TRAILING_PUNCT.sub("", t)


def ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def align(gold: list[str], pred: list[str], threshold: float = THRESHOLD) -> list[tuple[int, int]]:
    """One-to-one, order-preserving pairs (gold index, predicted index) with ratio >= threshold.

    Maximizes the number of pairs, then the sum of their ratios (dynamic programming).
    """
    g = [normalize(t) for t in gold]
    p = [normalize(t) for t in pred]
    n, m = len(g), len(p)
    r = [[0.0] * m for _ in range(n)]
    for i in range(n):
        for j in range(m):
            # cheap upper bound on the ratio before running difflib
            la, lb = len(g[i]), len(p[j])
            if la + lb and 2 * min(la, lb) / (la + lb) < threshold:
                continue
            r[i][j] = ratio(g[i], p[j])
    best = [[(0, 0.0)] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            cand = max(best[i + 1][j], best[i][j + 1])
            if r[i][j] >= threshold:
                k, s = best[i + 1][j + 1]
                cand = max(cand, (k + 1, s + r[i][j]))
            best[i][j] = cand
    pairs = []
    i = j = 0
    while i < n and j < m:
        if r[i][j] >= threshold:
            k, s = best[i + 1][j + 1]
            if best[i][j] == (k + 1, s + r[i][j]):
                pairs.append((i, j))
                i, j = i + 1, j + 1
                continue
        if best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def load_gold(set_dir: Path) -> list[dict[str, Any]]:
    with open(set_dir / "gold.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def read_doc(set_dir: Path, doc_id: str) -> str:
    return (set_dir / "docs" / f"{doc_id}.txt").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- scoring


def predict(text: str, doc_id: str) -> list[dict[str, Any]]:
    import clausekit

    doc = clausekit.segment(text, doc_id=doc_id)
    frame = clausekit.tag(doc)
    rows = []
    for rec in frame.to_dict("records"):
        number = rec.get("number")
        if number is not None and not isinstance(number, str):
            number = None if number != number else str(number)  # NaN -> None
        rows.append(
            {
                "text": str(rec.get("text") or ""),
                "part": rec.get("part"),
                "number": number,
                "function": rec.get("function"),
            }
        )
    return rows


class Tally:
    def __init__(self) -> None:
        self.docs = 0
        self.gold = 0
        self.pred = 0
        self.matched = 0
        self.part_ok = 0
        self.function_ok = 0

    def add(self, n_gold: int, n_pred: int, matched: int, part_ok: int, function_ok: int) -> None:
        self.docs += 1
        self.gold += n_gold
        self.pred += n_pred
        self.matched += matched
        self.part_ok += part_ok
        self.function_ok += function_ok

    def figures(self) -> dict[str, Any]:
        p = self.matched / self.pred if self.pred else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "docs": self.docs,
            "gold_clauses": self.gold,
            "predicted_clauses": self.pred,
            "matched": self.matched,
            "boundary_precision": round(p, 4),
            "boundary_recall": round(r, 4),
            "boundary_f1": round(f, 4),
            "part_accuracy_matched": round(self.part_ok / self.matched, 4)
            if self.matched
            else None,
            "function_accuracy_end_to_end": round(self.function_ok / self.gold, 4)
            if self.gold
            else 0.0,
        }


def score(set_dir: Path, verbose: bool) -> dict[str, Any]:
    gold_docs = load_gold(set_dir)
    total = Tally()
    by_register: dict[str, Tally] = defaultdict(Tally)
    by_layout: dict[str, Tally] = defaultdict(Tally)
    per_doc = []
    for g in gold_docs:
        text = read_doc(set_dir, g["id"])
        pred = predict(text, g["id"])
        gold = g["clauses"]
        pairs = align([c["text"] for c in gold], [c["text"] for c in pred])
        part_ok = sum(gold[i]["part"] == pred[j]["part"] for i, j in pairs)
        function_ok = sum(gold[i]["function"] == pred[j]["function"] for i, j in pairs)
        args = (len(gold), len(pred), len(pairs), part_ok, function_ok)
        for t in (total, by_register[g["register"]], by_layout[g["layout"]]):
            t.add(*args)
        per_doc.append(
            {
                "id": g["id"],
                "register": g["register"],
                "layout": g["layout"],
                "gold": len(gold),
                "predicted": len(pred),
                "matched": len(pairs),
                "part_ok": part_ok,
                "function_ok": function_ok,
            }
        )
        if verbose:
            print(f"{g['id']:10s} gold {len(gold):2d} pred {len(pred):2d} matched {len(pairs):2d}")
    return {
        "set": str(set_dir.relative_to(ROOT)) if set_dir.is_relative_to(ROOT) else str(set_dir),
        "gold_sha256": sha256(set_dir / "gold.jsonl"),
        "match_threshold": THRESHOLD,
        "overall": total.figures(),
        "by_register": {k: by_register[k].figures() for k in sorted(by_register)},
        "by_layout": {k: by_layout[k].figures() for k in sorted(by_layout)},
        "per_document": per_doc,
    }


def print_table(title: str, rows: dict[str, dict[str, Any]]) -> None:
    print(f"\n{title}")
    head = f"{'':20s} {'docs':>4s} {'gold':>5s} {'pred':>5s} {'match':>5s}"
    print(head + f" {'P':>6s} {'R':>6s} {'F1':>6s} {'part':>6s} {'func':>6s}")
    for name, f in rows.items():
        part = f["part_accuracy_matched"]
        part_s = f"{part:6.3f}" if part is not None else f"{'-':>6s}"
        print(
            f"{name:20s} {f['docs']:4d} {f['gold_clauses']:5d} {f['predicted_clauses']:5d}"
            f" {f['matched']:5d} {f['boundary_precision']:6.3f} {f['boundary_recall']:6.3f}"
            f" {f['boundary_f1']:6.3f} {part_s} {f['function_accuracy_end_to_end']:6.3f}"
        )


# --------------------------------------------------------------------------- gold check


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fold_ws(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


_HYPHEN_BREAK = re.compile(r"(?<=[^\W\d_])-[ \t]*\n(?:[ \t\f]*\n)*[ \t\f]*(?=[a-zà-ÿœ])")


def clean_view(text: str, furniture: list[str]) -> str:
    """The document without its declared furniture lines, line-break hyphenation undone."""
    drop = {f.strip() for f in furniture}
    kept = [ln for ln in text.replace("\f", "\n").split("\n") if ln.strip() not in drop]
    return fold_ws(_HYPHEN_BREAK.sub("", "\n".join(kept)))


def check(set_dir: Path) -> int:
    errors: list[str] = []
    gold_docs = load_gold(set_dir)
    ids = [g["id"] for g in gold_docs]
    if len(ids) != len(set(ids)):
        errors.append("duplicate ids")
    files = {p.stem for p in (set_dir / "docs").glob("*.txt")}
    for missing in sorted(set(ids) - files):
        errors.append(f"{missing}: no document file")
    for extra in sorted(files - set(ids)):
        errors.append(f"{extra}: document file without gold")
    clean_needed = 0
    n_clauses = 0
    for g in gold_docs:
        did = g["id"]
        if g["id"] not in files:
            continue
        for key in ("register", "layout", "clauses"):
            if key not in g:
                errors.append(f"{did}: missing {key}")
        clauses = g.get("clauses", [])
        if not 3 <= len(clauses) <= 15:
            errors.append(f"{did}: {len(clauses)} clauses (expected 3-15)")
        raw = read_doc(set_dir, did)
        raw_view = fold_ws(raw)
        view = clean_view(raw, g.get("furniture", []))
        pos = 0
        for k, c in enumerate(clauses):
            n_clauses += 1
            where = f"{did} clause {k}"
            if c.get("part") not in PARTS:
                errors.append(f"{where}: bad part {c.get('part')!r}")
            if c.get("function") not in FUNCTIONS:
                errors.append(f"{where}: bad function {c.get('function')!r}")
            num = c.get("number")
            if c.get("part") == "preamble" and num is not None:
                errors.append(f"{where}: preambular clause with a number")
            if num is not None and not re.fullmatch(r"\d+", str(num)):
                errors.append(f"{where}: number {num!r} is not a paragraph number")
            t = c.get("text", "")
            if t != fold_ws(t) or not t:
                errors.append(f"{where}: text is empty or not white-space folded")
                continue
            if t not in raw_view:
                clean_needed += 1
            at = view.find(t, pos)
            if at < 0:
                errors.append(f"{where}: text not found in order in the document: {t[:60]!r}")
                continue
            before = view[max(0, at - 12) : at]
            if num is not None and not re.search(rf"(?:^|\s){num}\s?[.,)]?\s*$", before):
                errors.append(f"{where}: number {num} not printed right before the clause")
            if num is None and re.search(r"(?:^|\s)\d{1,3}\s?[.)]\s*$", before):
                errors.append(f"{where}: clause preceded by a paragraph number but has none")
            pos = at + len(t)
    sums = set_dir / "SHA256SUMS"
    if sums.exists():
        listed = {}
        for line in sums.read_text(encoding="utf-8").splitlines():
            if line.strip():
                digest, name = line.split(maxsplit=1)
                listed[name.lstrip("*")] = digest
        expected = {"gold.jsonl"} | {f"docs/{i}.txt" for i in files}
        for name in sorted(expected - set(listed)):
            errors.append(f"SHA256SUMS: {name} not listed")
        for name, digest in sorted(listed.items()):
            path = set_dir / name
            if not path.exists():
                errors.append(f"SHA256SUMS: {name} listed but missing")
            elif sha256(path) != digest:
                errors.append(f"SHA256SUMS: {name} has changed")
    else:
        errors.append("SHA256SUMS missing")
    for e in errors:
        print("ERROR", e)
    print(
        f"{len(gold_docs)} documents, {n_clauses} gold clauses; "
        f"{clean_needed} found only once furniture lines were removed / hyphenation undone; "
        f"{len(errors)} error(s)"
    )
    return 1 if errors else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", type=Path, default=SET_DIR, help="challenge set directory")
    ap.add_argument("--check", action="store_true", help="validate the gold and exit")
    ap.add_argument("--json", type=Path, help="write the figures to this JSON file")
    ap.add_argument("-v", "--verbose", action="store_true", help="one line per document")
    args = ap.parse_args(argv)
    set_dir = args.set.resolve()
    if args.check:
        return check(set_dir)
    result = score(set_dir, args.verbose)
    o = result["overall"]
    print(f"Layout challenge set: {o['docs']} documents, {o['gold_clauses']} gold clauses")
    print(f"gold.jsonl sha256 {result['gold_sha256']}")
    print_table("Overall", {"all": o})
    print_table("By register", result["by_register"])
    print_table("By layout", result["by_layout"])
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", "utf-8")
        print(f"\nfigures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
