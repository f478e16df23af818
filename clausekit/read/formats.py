"""Which reader a file needs: by the format asked for, its first bytes, then its extension.

The signature wins over the extension, so a PDF saved as ``.txt`` is still read as a PDF;
HTML is recognised by its extension, by ``--input-format html``, or by a page that opens with
a doctype or an ``<html>`` tag.
"""

from __future__ import annotations

from pathlib import Path

from clausekit.read.layout import Layout

#: Extensions read from a folder (compared in lower case), by format.
EXTENSIONS: dict[str, tuple[str, ...]] = {
    "text": (".txt", ".text", ".md", ".markdown"),
    "html": (".html", ".htm", ".xhtml"),
    "pdf": (".pdf",),
    "docx": (".docx",),
    "image": (".png", ".tif", ".tiff", ".jpg", ".jpeg", ".gif", ".bmp", ".webp"),
}
SUPPORTED_SUFFIXES: frozenset[str] = frozenset(s for suffixes in EXTENSIONS.values() for s in suffixes)

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "pdf"),
    (b"\x89PNG", "image"),
    (b"\xff\xd8\xff", "image"),
    (b"GIF8", "image"),
    (b"II*\x00", "image"),
    (b"MM\x00*", "image"),
    (b"BM", "image"),
)


def format_of_suffix(path: str | Path) -> str | None:
    """The format a file's extension names (case-insensitive), or None."""
    suffix = Path(str(path)).suffix.lower()
    return next((fmt for fmt, suffixes in EXTENSIONS.items() if suffix in suffixes), None)


def sniff(data: bytes, path: str, asked: str | None = None) -> str:
    """The reader for ``data``: ``text``, ``html``, ``pdf``, ``docx`` or ``image``.

    ``asked`` (``--input-format html``) settles a text file's kind; a binary signature always wins.
    """
    head = data[:8].lstrip(b"\xef\xbb\xbf")
    for magic, fmt in _SIGNATURES:
        if head.startswith(magic):
            return fmt
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image"
    if data.startswith(b"PK\x03\x04"):
        return "docx" if format_of_suffix(path) == "docx" or b"word/" in data[:4096] else "zip"
    if asked in ("html", "text"):
        return asked
    by_suffix = format_of_suffix(path)
    if by_suffix == "html":
        return "html"
    return "text"


def read_binary(data: bytes, fmt: str, *, source: str) -> tuple[Layout, str]:
    """The :class:`Layout` of a PDF, image or .docx file, and how it was read (``pdf``, ``ocr``, ``pdf+ocr``, ``docx``)."""
    if fmt == "pdf":
        from clausekit.read.pdf import read_pdf

        return read_pdf(data, source=source)
    if fmt == "image":
        from clausekit.read.ocr_images import read_image

        return read_image(data, source=source), "ocr"
    if fmt in ("docx", "zip"):
        from clausekit.read.docx import read_docx

        return read_docx(data, source=source), "docx"
    raise ValueError(f"not a binary format: {fmt!r}")
