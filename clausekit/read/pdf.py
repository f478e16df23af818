"""PDF files: the text layer with pdfplumber (pdfminer.six), pages without one through OCR.

Each page's words keep their box and font size, so :mod:`clausekit.read.layout` can tell the
body from the page furniture and the footnotes. A page with no text layer (a scan) is rendered
with pypdfium2 and read by Tesseract (:mod:`clausekit.read.ocr_images`).
"""

from __future__ import annotations

import io

from clausekit.errors import ContentError, InputError
from clausekit.read.layout import Layout, Page, Word, assemble

#: Rendering resolution for OCR of scanned pages: Tesseract reads body text best near 300 dpi.
OCR_DPI = 300


def read_pdf(data: bytes, *, source: str, ocr_language: str = "fra") -> tuple[Layout, str]:
    """The :class:`Layout` of a PDF and how it was read: ``"pdf"`` (text layer), ``"ocr"`` or ``"pdf+ocr"``.

    Raises :class:`InputError` for an encrypted, damaged or empty PDF.
    """
    try:
        import pdfplumber
        from pdfminer.pdfdocument import PDFPasswordIncorrect
        from pdfminer.pdfparser import PDFSyntaxError
    except ImportError:  # pragma: no cover - a dependency of clausekit
        raise InputError("reading PDF needs pdfplumber: pip install pdfplumber", source=source) from None
    pages: list[Page] = []
    ocr_pages: list[int] = []
    dpi: list[float] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if not pdf.pages:
                raise ContentError("the PDF has no pages", source=source)
            for number, page in enumerate(pdf.pages, start=1):
                words, rule_top = _page_objects(page)
                if not words:
                    ocr_pages.append(number)
                    dpi.append(_scan_dpi(page))
                pages.append(Page(number, float(page.width), float(page.height), words, rule_top))
    except InputError:
        raise
    except PDFPasswordIncorrect:
        raise ContentError("the PDF is encrypted (password-protected); save an unprotected copy first", source=source) from None
    except PDFSyntaxError as exc:
        raise ContentError(f"is not a readable PDF ({_short(exc)}); the file may be damaged or truncated", source=source) from None
    except Exception as exc:  # pdfminer raises many kinds on damaged files; pdfplumber wraps them
        if any(word in repr(exc).lower() for word in ("encrypt", "password")):
            raise ContentError("the PDF is encrypted (password-protected); save an unprotected copy first", source=source) from None
        raise ContentError(f"is not a readable PDF ({_short(exc)}); the file may be damaged or truncated", source=source) from None
    how = "pdf"
    if ocr_pages:
        from clausekit.read.ocr_images import footnote_rule, ocr_page_words

        images = _render(data, ocr_pages, dpi, source)
        for number, image in zip(ocr_pages, images, strict=True):
            scanned = pages[number - 1]
            scale = scanned.width / image.width
            scanned.words = [_scaled(w, scale) for w in ocr_page_words(image, source=f"{source} page {number}", language=ocr_language)]
            rule = footnote_rule(image)
            scanned.rule_top = rule * scale if rule is not None else None
        how = "ocr" if len(ocr_pages) == len(pages) else "pdf+ocr"
    layout = assemble(pages)
    if not layout.text.strip():
        raise ContentError("no text found in the PDF (neither a text layer nor readable scanned text)", source=source)
    return layout, how


def _page_objects(page) -> tuple[list[Word], float | None]:
    """The words of a page's text layer and the top of its footnote rule.

    Read from pdfminer's layout objects directly: pdfplumber's own per-character records cost
    about twice as much as pdfminer's parsing itself, and only the box, text and size are needed.
    Words are cut at spaces, at a gap wider than a fifth of the font size, at a change of
    baseline or of font size (so a raised footnote marker is a word of its own).
    """
    from pdfminer.layout import LTChar, LTContainer, LTCurve

    layout = page.layout
    left, top_edge = float(layout.x0), float(layout.y1)
    width = float(layout.x1) - left
    chars: list = []
    rules: list[float] = []

    def walk(container) -> None:
        for obj in container:
            if isinstance(obj, LTChar):
                chars.append(obj)
            elif isinstance(obj, LTCurve):  # LTLine and LTRect are curves
                w, h = obj.x1 - obj.x0, obj.y1 - obj.y0
                top = top_edge - obj.y1
                if h < 2 and 20 < w < 0.7 * width and top > float(page.height) / 2:
                    rules.append(top)
            elif isinstance(obj, LTContainer):
                walk(obj)

    walk(layout)
    words: list[Word] = []
    text, box, size = "", None, 0.0
    prev = None

    def flush() -> None:
        nonlocal text, box
        if text.strip() and box is not None:
            words.append(Word(text, box[0] - left, box[1] - left, top_edge - box[3], top_edge - box[2], size))
        text, box = "", None

    for ch in chars:
        c = ch.get_text()
        if not c.strip():
            flush()
            prev = ch
            continue
        if prev is not None and box is not None:
            gap = ch.x0 - prev.x1
            new_line = abs(ch.y0 - prev.y0) > 0.5 * max(ch.size, prev.size) or ch.x0 < prev.x0 - 0.5 * ch.size
            if new_line or gap > 0.2 * max(ch.size, prev.size) or abs(ch.size - prev.size) > 0.5:
                flush()
        if box is None:
            box, size = [ch.x0, ch.x1, ch.y0, ch.y1], float(ch.size)
        else:
            box = [min(box[0], ch.x0), max(box[1], ch.x1), min(box[2], ch.y0), max(box[3], ch.y1)]
        text += c
        prev = ch
    flush()
    return words, (max(rules) if rules else None)


def _scan_dpi(page) -> float:
    """The resolution to render a scanned page at: its largest image's own, at most :data:`OCR_DPI`.

    Rendering a 200 dpi scan at 300 dpi only makes Tesseract slower.
    """
    best = 0.0
    for image in page.images:
        width_pt = float(image["x1"]) - float(image["x0"])
        pixels = (image.get("srcsize") or (0, 0))[0]
        if width_pt > 0 and pixels:
            best = max(best, pixels / (width_pt / 72))
    return min(OCR_DPI, best) if best >= 100 else OCR_DPI


def _render(data: bytes, numbers: list[int], dpi: list[float], source: str) -> list:
    """Pages ``numbers`` (1-based) as PIL images at their ``dpi``."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise ContentError(f"cannot render the scanned pages ({_short(exc)})", source=source) from None
    try:
        return [pdf[n - 1].render(scale=d / 72).to_pil() for n, d in zip(numbers, dpi, strict=True)]
    finally:
        pdf.close()


def _scaled(w: Word, k: float) -> Word:
    return Word(w.text, w.x0 * k, w.x1 * k, w.top * k, w.bottom * k, w.size * k, w.conf, w.line)


def _short(exc: Exception) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:120]
