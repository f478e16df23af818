"""Counts and integrity check for the theme challenge set.

Usage: python data/challenge/themes/stats.py
Prints the count tables of CARD.md (Markdown) and checks clauses.csv against
SHA256SUMS; exits with status 1 when the file, the hash or a row is wrong.
Standard library only.
"""
import csv
import hashlib
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
CSV = HERE / "clauses.csv"
COLUMNS = ["id", "text", "themes", "category", "year", "context", "function", "part"]
THEMES = ["covid19", "south_south", "coercive_measures"]
FUNCTIONS = ["recall", "concern", "request", "decision", "position", "other"]
PARTS = ["preamble", "operative", "narrative"]


def table(title, counter, keys=None):
    keys = keys if keys is not None else sorted(counter)
    lines = [f"| {title} | n |", "| --- | ---: |"]
    lines += [f"| {k or '(none)'} | {counter[k]} |" for k in keys]
    return "\n".join(lines)


def main():
    raw = CSV.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    expected = (HERE / "SHA256SUMS").read_text(encoding="utf-8").split()[0]
    problems = [] if digest == expected else [f"sha256 {digest} != SHA256SUMS {expected}"]
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.append("file starts with a BOM")
    with CSV.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != COLUMNS:
            problems.append(f"columns {reader.fieldnames}")
        rows = list(reader)

    per_theme, per_cat, per_func, per_part, n_themes = Counter(), Counter(), Counter(), Counter(), Counter()
    cat_themes = {}
    func_by_theme = Counter()
    for r in rows:
        themes = [t for t in r["themes"].split(";") if t]
        if any(t not in THEMES for t in themes) or r["function"] not in FUNCTIONS or r["part"] not in PARTS:
            problems.append(f"bad label in {r['id']}")
        if "covid19" in themes and int(r["year"]) < 2020:
            problems.append(f"covid19 before 2020 in {r['id']}")
        n_themes[len(themes)] += 1
        for t in themes or [""]:
            per_theme[t] += 1
            func_by_theme[(t, r["function"])] += 1
        per_cat[r["category"]] += 1
        cat_themes.setdefault(r["category"], set()).add(r["themes"])
        per_func[r["function"]] += 1
        per_part[r["part"]] += 1
    if len({r["id"] for r in rows}) != len(rows) or len({r["text"] for r in rows}) != len(rows):
        problems.append("duplicate id or text")

    print(f"clauses: {len(rows)}  (no theme: {n_themes[0]}, one theme: {n_themes[1]}, "
          f"two themes: {n_themes[2]}, three themes: {n_themes[3]})")
    print(f"sha256(clauses.csv) = {digest}\n")
    print(table("theme (a clause counts once per theme)", per_theme, THEMES + [""]))
    print()
    lines = ["| category | themes | n |", "| --- | --- | ---: |"]
    for c in sorted(per_cat, key=lambda c: (c.split("_")[0], c)):
        lines.append(f"| {c} | {' / '.join(sorted(cat_themes[c])) or '(none)'} | {per_cat[c]} |")
    print("\n".join(lines))
    print()
    lines = ["| theme | " + " | ".join(FUNCTIONS) + " |", "| --- |" + " ---: |" * len(FUNCTIONS)]
    for t in THEMES + [""]:
        lines.append(f"| {t or '(none)'} | " + " | ".join(str(func_by_theme[(t, f)]) for f in FUNCTIONS) + " |")
    print("\n".join(lines))
    print()
    print(table("part", per_part, PARTS))
    for p in problems:
        print("PROBLEM:", p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
