"""PDF files: the text layer with pdfplumber (pdfminer.six), pages without one through OCR.

Each page's words keep their box and font size, so :mod:`clausekit.read.layout` can tell the
body from the page furniture and the footnotes. A page with no text layer (a scan) is rendered
with pypdfium2 and read by Tesseract (:mod:`clausekit.read.ocr_images`).
"""

from __future__ import annotations

import io

from clausekit.errors import InputError
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
                raise InputError("the PDF has no pages", source=source)
            for number, page in enumerate(pdf.pages, start=1):
                words = _page_words(page)
                if not words:
                    ocr_pages.append(number)
                    dpi.append(_scan_dpi(page))
                pages.append(Page(number, float(page.width), float(page.height), words, _rule_top(page)))
    except InputError:
        raise
    except PDFPasswordIncorrect:
        raise InputError("the PDF is encrypted (password-protected); save an unprotected copy first", source=source) from None
    except PDFSyntaxError as exc:
        raise InputError(f"is not a readable PDF ({_short(exc)}); the file may be damaged or truncated", source=source) from None
    except Exception as exc:  # pdfminer raises many kinds on damaged files; pdfplumber wraps them
        if any(word in repr(exc).lower() for word in ("encrypt", "password")):
            raise InputError("the PDF is encrypted (password-protected); save an unprotected copy first", source=source) from None
        raise InputError(f"is not a readable PDF ({_short(exc)}); the file may be damaged or truncated", source=source) from None
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
        raise InputError("no text found in the PDF (neither a text layer nor readable scanned text)", source=source)
    return layout, how


def _page_words(page) -> list[Word]:
    words = page.extract_words(keep_blank_chars=False, use_text_flow=False, extra_attrs=["size"], x_tolerance=1.5)
    return [Word(w["text"], float(w["x0"]), float(w["x1"]), float(w["top"]), float(w["bottom"]), float(w["size"])) for w in words if w["text"].strip()]


def _rule_top(page) -> float | None:
    """The top of the lowest short horizontal rule in the lower half of the page: the footnote rule."""
    rules = []
    for obj in list(page.lines) + list(page.rects):
        width = float(obj["x1"]) - float(obj["x0"])
        height = abs(float(obj["bottom"]) - float(obj["top"]))
        if height < 2 and 20 < width < 0.7 * float(page.width) and float(obj["top"]) > float(page.height) / 2:
            rules.append(float(obj["top"]))
    return max(rules) if rules else None


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
        raise InputError(f"cannot render the scanned pages ({_short(exc)})", source=source) from None
    try:
        return [pdf[n - 1].render(scale=d / 72).to_pil() for n, d in zip(numbers, dpi, strict=True)]
    finally:
        pdf.close()


def _scaled(w: Word, k: float) -> Word:
    return Word(w.text, w.x0 * k, w.x1 * k, w.top * k, w.bottom * k, w.size * k, w.conf, w.line)


def _short(exc: Exception) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:120]
