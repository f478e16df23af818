"""Scanned pages: images (PNG, TIFF, JPEG, GIF) and PDF pages without a text layer, read by Tesseract.

Tesseract runs as a program (Debian ``tesseract-ocr`` with the French data ``tesseract-ocr-fra``),
one page at a time, and gives each word its box and confidence (TSV output). The words then go
through the same layout analysis as a PDF's text layer (:mod:`clausekit.read.layout`): running
heads, page numbers and footnotes are told apart by position and size. Repairing OCR'd *text*
(``l'Assernblée``) is the job of :mod:`clausekit.text.ocr_repair`, later.
"""

from __future__ import annotations

import csv
import functools
import io
import os
import re
import shutil
import subprocess

from clausekit.errors import ClausekitError, ContentError, InputError
from clausekit.read.layout import Layout, Page, Word, assemble

_INSTALL = "install the Debian packages tesseract-ocr and tesseract-ocr-fra (apt-get install tesseract-ocr tesseract-ocr-fra)"
#: Words Tesseract is less sure of than this are noise on a blank page, not text.
_MIN_TEXT_CONFIDENCE = 40.0
#: Seconds one page may take; a page that takes longer is reported, not waited for forever.
PAGE_TIMEOUT = 300


class OCRUnavailable(ClausekitError):
    """Tesseract (or its French data) is not installed."""

    exit_code = 1


@functools.cache
def tesseract_languages() -> frozenset[str]:
    """The languages the installed Tesseract can read; empty when Tesseract is missing."""
    exe = shutil.which("tesseract")
    if exe is None:
        return frozenset()
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(line.strip() for line in out.splitlines()[1:] if line.strip())


def require_tesseract(language: str = "fra", *, source: str | None = None) -> None:
    """Raise :class:`OCRUnavailable` (one line naming the Debian packages) when OCR cannot run."""
    languages = tesseract_languages()
    if not languages:
        raise OCRUnavailable(f"OCR needs Tesseract, which is not installed: {_INSTALL}", source=source)
    if language not in languages:
        raise OCRUnavailable(f"Tesseract has no {language!r} language data: {_INSTALL}", source=source)


def ocr_page_words(image, *, source: str, language: str = "fra") -> list[Word]:
    """The words Tesseract reads on one page image (a PIL image), with boxes in pixels and confidences."""
    require_tesseract(language, source=source)
    buffer = io.BytesIO()
    image.convert("L").save(buffer, format="PNG")
    # One thread per page: Tesseract's OpenMP threads slow it down on a busy machine, and
    # batches already run one process per core with --jobs.
    env = {**os.environ, "OMP_THREAD_LIMIT": os.environ.get("OMP_THREAD_LIMIT", "1")}
    try:
        run = subprocess.run(
            ["tesseract", "stdin", "stdout", "-l", language, "--psm", "3", "tsv"],
            input=buffer.getvalue(), capture_output=True, timeout=PAGE_TIMEOUT, check=False, env=env,
        )
    except subprocess.TimeoutExpired:
        raise InputError(f"OCR took over {PAGE_TIMEOUT} s on a page; split the file", source=source) from None
    if run.returncode != 0:
        message = " ".join(run.stderr.decode("utf-8", "replace").split())[:160]
        raise ContentError(f"Tesseract could not read the image ({message})", source=source)
    return _tsv_words(run.stdout.decode("utf-8", "replace"))


def footnote_rule(image) -> float | None:
    """The top (in pixels) of the footnote rule on a page image, or None.

    The rule is the lowest short horizontal stroke in the lower half of the page: a row whose
    dark pixels form one run between 8 % and 60 % of the page width, with little else on it.
    """
    import numpy as np

    grey = np.asarray(image.convert("L"), dtype=np.uint8)
    height, width = grey.shape
    dark = grey < 110
    best = None
    for y in range(height // 2, height):
        row = dark[y]
        count = int(row.sum())
        if count < 0.08 * width or count > 0.6 * width:
            continue
        xs = np.flatnonzero(row)
        span = int(xs[-1] - xs[0]) + 1
        # One solid stroke: its dark pixels fill its span; the text on either side adds little.
        if span <= 0.62 * width and count >= 0.85 * span:
            best = y
    if best is None:
        return None
    top = best
    while top - 1 > height // 2 and dark[top - 1].sum() >= 0.08 * width:
        top -= 1
    return float(top)


def _speck(text: str, conf: float) -> bool:
    """A 'word' read from dust or a stain: no letter or digit and a low confidence."""
    if any(c.isalnum() for c in text):
        return conf < 20 and len(text) <= 2
    return conf < 50


def _tsv_words(tsv: str) -> list[Word]:
    rows = list(csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE))
    line_height: dict[tuple[str, str, str], float] = {}
    for r in rows:
        if r.get("level") == "4":
            line_height[(r["block_num"], r["par_num"], r["line_num"])] = float(r["height"])
    words = []
    for r in rows:
        text = (r.get("text") or "").strip()
        if r.get("level") != "5" or not text:
            continue
        conf = float(r["conf"])
        if conf < 0 or _speck(text, conf):
            continue
        left, top, width, height = (float(r[k]) for k in ("left", "top", "width", "height"))
        size = line_height.get((r["block_num"], r["par_num"], r["line_num"]), height)
        key = tuple(int(r[k]) for k in ("page_num", "block_num", "par_num", "line_num"))
        words.append(Word(text, left, left + width, top, top + height, size, conf, key))
    return _paragraph_numbers(words)


#: A paragraph number read with the wrong stop: ``35:`` or ``35,`` for ``35.``.
_MISREAD_NUMBER = re.compile(r"^(\d{1,3})[:;,]$")


def _paragraph_numbers(words: list[Word]) -> list[Word]:
    """Mend the commonest OCR slip on numbered paragraphs: the stop after the number read as ``:``, ``;`` or ``,``.

    Only the first word of a line, when the next word opens with a capital (``35: Rappelle``).
    """
    out = list(words)
    for i, w in enumerate(out):
        m = _MISREAD_NUMBER.match(w.text)
        first = i == 0 or out[i - 1].line != w.line
        if m and first and i + 1 < len(out) and out[i + 1].line == w.line and out[i + 1].text[:1].isupper():
            out[i] = Word(m.group(1) + ".", w.x0, w.x1, w.top, w.bottom, w.size, w.conf, w.line)
    return out


def read_image(data: bytes, *, source: str, language: str = "fra") -> Layout:
    """The :class:`Layout` of an image file (every frame of a multi-page TIFF is a page)."""
    try:
        from PIL import Image, ImageSequence, UnidentifiedImageError
    except ImportError:  # pragma: no cover - Pillow comes with clausekit's dependencies
        raise InputError("reading images needs Pillow: pip install pillow", source=source) from None
    try:
        image = Image.open(io.BytesIO(data))
        frames = [frame.copy() for frame in ImageSequence.Iterator(image)]
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        why = "unknown or damaged image data" if isinstance(exc, UnidentifiedImageError) else " ".join(str(exc).split())[:100]
        raise ContentError(f"is not a readable image ({why}); the file may be damaged or truncated", source=source) from None
    require_tesseract(language, source=source)
    pages = []
    for number, frame in enumerate(frames, start=1):
        where = source if len(frames) == 1 else f"{source} page {number}"
        words = ocr_page_words(frame, source=where, language=language)
        pages.append(Page(number, float(frame.width), float(frame.height), words, footnote_rule(frame)))
    if not any((w.conf or 0) >= _MIN_TEXT_CONFIDENCE and any(c.isalpha() for c in w.text) for p in pages for w in p.words):
        raise ContentError("no text found in the image (OCR read nothing); is it a scan of a text page?", source=source)
    return assemble(pages)


def mean_confidence(layout: Layout) -> float | None:
    """The mean word confidence of an OCR'd layout, or None when nothing was OCR'd."""
    confs = [c for _, _, c in layout.word_confidences]
    return round(sum(confs) / len(confs), 1) if confs else None
