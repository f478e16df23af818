"""Count tables for data/annotations/README.md, computed from data/annotations/corpora.csv.

    python scripts/data_card.py           # print the tables (Markdown)
    python scripts/data_card.py --write   # replace the block between the markers in the README

Needs only the annotation file, not the shared corpora.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
CSV = ROOT / "data" / "annotations" / "corpora.csv"
README = ROOT / "data" / "annotations" / "README.md"
BEGIN = "<!-- data_card.py: begin -->"
END = "<!-- data_card.py: end -->"

FUNCTIONS = ["recall", "concern", "request", "decision", "position", "other"]
THEMES = ["covid19", "south_south", "coercive_measures"]
PARTS = ["preamble", "operative", "narrative"]


def _table(counts: pd.DataFrame, index_name: str) -> str:
    counts = counts.copy()
    counts["total"] = counts.sum(axis=1)
    counts.loc["total"] = counts.sum(axis=0)
    cols = list(counts.columns)
    lines = [f"| {index_name} | " + " | ".join(cols) + " |", "| --- |" + " ---: |" * len(cols)]
    for idx, row in counts.iterrows():
        lines.append(f"| {idx} | " + " | ".join(str(int(v)) for v in row) + " |")
    return "\n".join(lines)


def tables(df: pd.DataFrame) -> str:
    corpora = sorted(df["corpus"].unique())
    out = [f"Rows: {len(df)} ({', '.join(f'{c}: {(df.corpus == c).sum()}' for c in corpora)})", ""]

    fn = pd.crosstab(df["function"], df["corpus"]).reindex(FUNCTIONS, fill_value=0)
    out += ["**Function × source**", "", _table(fn, "function"), ""]

    th = df.assign(theme=df["themes"].str.split(";")).explode("theme")
    th = th[th["theme"].fillna("") != ""]
    tcounts = pd.crosstab(th["theme"], th["corpus"]).reindex(THEMES, fill_value=0)
    tcounts = tcounts.reindex(columns=corpora, fill_value=0)
    none = df[df["themes"] == ""].groupby("corpus").size().reindex(corpora, fill_value=0)
    tcounts.loc["(none)"] = none
    out += ["**Themes × source** (a row may carry several themes; `(none)` = rows without theme)", "",
            _table(tcounts, "theme"), ""]

    pt = pd.crosstab(df["part"], df["corpus"]).reindex(PARTS, fill_value=0)
    out += ["**Part × source**", "", _table(pt, "part"), ""]

    for c in corpora:
        sub = df[df["corpus"] == c]
        fp = pd.crosstab(sub["function"], sub["part"]).reindex(index=FUNCTIONS, columns=PARTS, fill_value=0)
        out += [f"**Function × part, {c}**", "", _table(fp, "function"), ""]

    fam = df.groupby("corpus").agg(documents=("doc_id", "nunique"), families=("family", "nunique"))
    multi = df.groupby(["corpus", "family"])["doc_id"].nunique()
    fam["multi-document families"] = multi[multi > 1].groupby(level=0).size().reindex(fam.index, fill_value=0)
    lines = ["| source | documents | families | multi-document families |", "| --- | ---: | ---: | ---: |"]
    for c, r in fam.iterrows():
        lines.append(f"| {c} | {r['documents']} | {r['families']} | {r['multi-document families']} |")
    out += ["**Documents and families**", "", "\n".join(lines), ""]

    noted = df[df["note"] != ""].groupby("corpus").size().reindex(corpora, fill_value=0)
    out += ["Rows with a note: " + ", ".join(f"{c}: {n}" for c, n in noted.items())]
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="update the block in data/annotations/README.md")
    args = ap.parse_args()
    df = pd.read_csv(CSV, dtype=str, keep_default_na=False)
    text = tables(df)
    if not args.write:
        print(text)
        return
    readme = README.read_text(encoding="utf-8")
    head, rest = readme.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    README.write_text(f"{head}{BEGIN}\n{text}\n{END}{tail}", encoding="utf-8")
    print(f"updated {README}")


if __name__ == "__main__":
    main()
