"""Remake the README's report screenshot (docs/images/report-ice.png) from the shipped models.

Usage: python scripts/readme_screenshot.py [--out docs/images/report-ice.png]

Writes each ICE resolution of the shared corpora that has paragraph text to a temporary folder
(one text file per resolution, paragraphs separated by a blank line; nothing is kept), with a
``--metadata`` CSV of titles, runs ``clausekit report`` on it and photographs the top of
``report.html`` in headless Chromium (Debian's ``chromium``, or ``$CLAUSEKIT_CHROMIUM``). The
picture is written atomically; the corpus text never leaves the temporary folder.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _chromium() -> str | None:
    env = os.environ.get("CLAUSEKIT_CHROMIUM")
    if env:
        return shutil.which(env)
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        if found := shutil.which(name):
            return found
    return None


def _write_corpus(folder: Path) -> int:
    from clausekit.training import corpora

    rows = []
    for path in sorted((corpora.corpora_dir() / "ice").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        paras = [p.get("para") or "" for p in data.get("body", {}).get("paragraphs", [])]
        if not any(p.strip() for p in paras):
            continue
        doc_id = data.get("TEXT_ID") or path.stem
        (folder / f"{doc_id}.txt").write_text("\n\n".join(paras) + "\n", encoding="utf-8")
        rows.append({"doc_id": doc_id, "title": str(data.get("TITLE") or "").strip().capitalize()})
    with (folder / "meta.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=["doc_id", "title"])
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images" / "report-ice.png")
    args = parser.parse_args()
    from clausekit.atomic import atomic_write
    from clausekit.training import corpora

    if not corpora.available():
        print(f"shared corpora not found at {corpora.corpora_dir()}; set CLAUSEKIT_CORPORA", file=sys.stderr)
        return 2
    browser = _chromium()
    if browser is None:
        print("no Chromium found (install Debian's chromium or set CLAUSEKIT_CHROMIUM)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = work / "ice"
        corpus.mkdir()
        n = _write_corpus(corpus)
        meta = corpus / "meta.csv"
        shutil.move(meta, work / "meta.csv")
        cmd = [sys.executable, "-m", "clausekit", "report", str(corpus), "--metadata", str(work / "meta.csv"), "--out", str(work / "report"), "-q"]
        subprocess.run(cmd, check=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
        shot = work / "shot.png"
        subprocess.run(
            [
                browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--hide-scrollbars",
                f"--user-data-dir={work / 'profile'}", "--window-size=1200,1500",
                "--virtual-time-budget=10000", f"--screenshot={shot}", (work / "report" / "report.html").as_uri(),
            ],
            check=True, capture_output=True, timeout=180,
        )
        with atomic_write(args.out, "wb", encoding=None) as f:
            f.write(shot.read_bytes())
    print(f"{args.out}: report of {n} ICE resolutions")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
