"""Reader throughput: PDF pages/s from the text layer, OCR pages/s from scans, as ratios within one run.

The inputs are the seeds rendered at run time like UN documents (tests/un_render.py): 003 as an
8-page PDF with a text layer, and its first pages rasterized at 200 dpi with scan noise for OCR.
Figures are best-of-N in this process; ratios compare the stages of the same run, because the
shared host's speed drifts between runs.

    python benchmarks/readers.py            # this stage alone: printed and written to benchmarks/results/readers.json
    make bench                              # with everything else, in benchmarks/results/latest.json
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def _best(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def measure(repeat: int = 3, ocr_pages: int = 2) -> dict[str, Any]:
    """Pages/s of the PDF text-layer reader and of OCR, and how they compare with segmenting and tagging."""
    import un_render

    import clausekit
    from clausekit.read.sources import read_bytes
    from clausekit.segmentation.segmenter import segment_source

    ref = clausekit.segment(ROOT / "data" / "seeds" / "003_0d3b84d2626458c8.txt")
    pdf = un_render.render_pdf(ref, "A/HRC/53/L.9")
    source = read_bytes(pdf, doc_id="003", path="003.pdf")
    pages = len(source.pages)
    pdf_seconds = _best(lambda: read_bytes(pdf, doc_id="003", path="003.pdf"), repeat)
    tagger = clausekit.Tagger()
    tagger.document_records(segment_source(source))  # warm: models, lemma tables
    tag_seconds = _best(lambda: tagger.document_records(segment_source(source)), repeat)
    out: dict[str, Any] = {
        "pdf_pages": pages,
        "pdf_pages_per_second": round(pages / pdf_seconds, 2),
        "segment_and_tag_pages_per_second": round(pages / tag_seconds, 2),
        "pdf_read_vs_segment_and_tag_seconds": round(pdf_seconds / tag_seconds, 2),
    }
    if shutil.which("tesseract") is None:
        out["ocr"] = "skipped: Tesseract is not installed (Debian tesseract-ocr, tesseract-ocr-fra)"
        return out
    scan = un_render.scanned_pdf(un_render.rasterize(pdf, dpi=200, seed=1)[:ocr_pages], 200)
    ocr_seconds = _best(lambda: read_bytes(scan, doc_id="scan", path="scan.pdf"), 1)
    out.update(
        ocr_pages=ocr_pages,
        ocr_dpi=200,
        ocr_pages_per_second=round(ocr_pages / ocr_seconds, 3),
        pdf_text_layer_vs_ocr_speed=round((pages / pdf_seconds) / (ocr_pages / ocr_seconds), 1),
    )
    return out


if __name__ == "__main__":
    from clausekit.atomic import atomic_write

    figures = measure()
    out = ROOT / "benchmarks" / "results" / "readers.json"
    with atomic_write(out) as f:
        json.dump(figures, f, indent=2)
    print(json.dumps(figures, indent=2))
    print(f"written to {out}")
