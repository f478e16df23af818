"""Reading documents: paths, folders and stdin to decoded text.

The decoded text is the *original*: every later stage reports spans into it.
Encodings are detected with charset-normalizer (a maintained detector) after
the unambiguous cases (BOMs, strict UTF-8) are settled, because a detector's
guess on a short French text is less reliable than a successful UTF-8 decode.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from clausekit.errors import InputError
from clausekit.read.formats import format_of_suffix, read_binary, sniff
from clausekit.types import Furniture

#: A PDF, Word file or image may be this many times the text limit (fonts, pictures, scans).
BINARY_SIZE_FACTOR = 10

#: Files larger than this are refused with a hint; one UN document is rarely over 2 MB.
#: Analysis keeps an offset map per character, so memory grows by about 100 bytes per
#: character: a 10 MiB file peaks near 1 GB (measured), which is as far as we let it go.
DEFAULT_MAX_BYTES = 10 * 1024 * 1024

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

# Signatures of the binary files people most often pass by mistake.
_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF", "a PDF file", "extract its text first, e.g. `pdftotext -layout FILE.pdf`"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.odt)", "extract the text first, e.g. save it as .txt"),
    (b"\xd0\xcf\x11\xe0", "an old Office document", "save it as plain text (.txt) first"),
    (b"\x89PNG", "a PNG image", "run OCR on it first (e.g. tesseract -l fra)"),
    (b"\xff\xd8\xff", "a JPEG image", "run OCR on it first (e.g. tesseract -l fra)"),
    (b"GIF8", "a GIF image", "run OCR on it first"),
    (b"II*\x00", "a TIFF image", "run OCR on it first (e.g. tesseract -l fra)"),
    (b"MM\x00*", "a TIFF image", "run OCR on it first (e.g. tesseract -l fra)"),
    (b"\x1f\x8b", "a gzip archive", "decompress it first"),
    (b"{\\rtf", "an RTF document", "save it as plain text (.txt) first"),
)

# Encodings a French UN text plausibly comes in when it is not UTF-8.
_CANDIDATE_ENCODINGS = ["cp1252", "latin_1", "iso8859_15", "utf_16", "mac_roman", "cp850"]


@dataclass(frozen=True, slots=True)
class Source:
    """A decoded input: its id, where it came from, and its text (the original every span points into).

    Where the format has pages (PDF, scans, a text with form feeds, a Word file with page
    breaks), ``pages`` holds the ``(start, end)`` of each page in ``text``; ``furniture`` is what
    the layout set apart (running heads, page numbers, footnotes: not in ``text``, each at the
    place it stood); ``word_confidences`` the ``(start, end, confidence)`` of each OCR'd word.
    ``reader`` says how it was read: ``text``, ``html``, ``pdf``, ``ocr``, ``pdf+ocr`` or ``docx``.
    """

    doc_id: str
    path: str
    text: str
    encoding: str
    pages: tuple[tuple[int, int], ...] = ()
    furniture: tuple[Furniture, ...] = ()
    word_confidences: tuple[tuple[int, int, float], ...] = ()
    reader: str = "text"

    @property
    def ocr(self) -> bool:
        """True when some of the text was read by OCR."""
        return "ocr" in self.reader


def decode(data: bytes, source: str = "<bytes>") -> tuple[str, str]:
    """Decode bytes to text and return ``(text, encoding)``.

    Raises :class:`InputError` for empty, binary or undecodable input.

    >>> decode("Rappelant".encode("cp1252"))
    ('Rappelant', 'utf-8')
    >>> decode("Réaffirmant".encode("utf-16"))[0]
    'Réaffirmant'
    """
    if not data.strip():
        raise InputError("the file is empty; give a text with at least one paragraph", source=source)
    text, encoding = _decode(data, source)
    if not text.replace("\ufeff", "").strip():  # e.g. only a byte-order mark, or UTF-16 blanks
        raise InputError("the file is empty; give a text with at least one paragraph", source=source)
    return text, encoding


def _decode(data: bytes, source: str) -> tuple[str, str]:
    for magic, what, fix in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"this is {what}, not text: {fix}", source=source)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding.replace("-sig", "") + " (BOM)"
            except UnicodeDecodeError as exc:
                raise InputError(f"starts with a {encoding} byte-order mark but does not decode: {exc.reason}", source=source) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        _refuse_binary_text(text, source)
        return text, "utf-8"
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    if b"\x00" in data[:4096]:
        raise InputError("contains NUL bytes: this looks like a binary file, not text", source=source)

    from charset_normalizer import from_bytes  # imported here: only non-UTF-8 inputs pay for it

    best = from_bytes(data, cp_isolation=_CANDIDATE_ENCODINGS).best()
    if best is None:
        raise InputError(
            "cannot detect a text encoding: convert it to UTF-8 first (e.g. `iconv -f ENCODING -t UTF-8`)",
            source=source,
        )
    text = str(best)
    _refuse_binary_text(text, source)
    return text, best.encoding


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a BOM shows as NUL in every other byte of ASCII text."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0) / len(sample[0::2])
    odd_nuls = sample[1::2].count(0) / len(sample[1::2])
    for encoding, ratio in (("utf-16-le", odd_nuls), ("utf-16-be", even_nuls)):
        if ratio > 0.3:
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                return None
    return None


_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f]")  # control characters other than \t \n \v \f \r


def _refuse_binary_text(text: str, source: str) -> None:
    sample = text[:8192]
    controls = len(_CONTROLS.findall(sample))
    if controls > max(8, len(sample) // 50):
        raise InputError("contains control characters throughout: this looks like a binary file, not text", source=source)


def read_bytes(data: bytes, *, doc_id: str, path: str, input_format: str | None = None) -> Source:
    """Read ``data`` from ``path`` into a :class:`Source`: text decoded, or a PDF, Word file, image or HTML page read.

    ``input_format="html"`` reads a text as an HTML page; otherwise the format comes from the
    file's signature, then its extension (:func:`clausekit.read.formats.sniff`).
    """
    if not data.strip():
        raise InputError("the file is empty; give a text with at least one paragraph", source=path)
    fmt = sniff(data, path, input_format)
    if fmt in ("pdf", "image", "docx", "zip"):
        layout, how = read_binary(data, fmt, source=path)
        return Source(doc_id, path, layout.text, how, layout.pages, layout.furniture, layout.word_confidences, how)
    text, encoding = decode(data, source=path)
    if fmt == "html":
        from clausekit.read.html import read_html

        layout = read_html(text, source=path)
        return Source(doc_id, path, layout.text, encoding, reader="html")
    return Source(doc_id=doc_id, path=path, text=text, encoding=encoding, pages=_form_feed_pages(text))


def _form_feed_pages(text: str) -> tuple[tuple[int, int], ...]:
    """Pages of a text whose pages are separated by form feeds (``pdftotext`` output)."""
    if "\f" not in text.rstrip("\f\n"):
        return ()
    pages, start = [], 0
    for m in re.finditer("\f", text):
        pages.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        pages.append((start, len(text)))
    return tuple(pages)


def read_path(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES, input_format: str | None = None, doc_id: str | None = None) -> Source:
    """Read one file (or ``-`` for stdin) into a :class:`Source`."""
    if str(path) == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputError(f"standard input is larger than {max_bytes // 2**20} MiB; split it or raise --max-size", source="<stdin>")
        return read_bytes(data, doc_id="stdin", path="<stdin>", input_format=input_format)
    p = Path(path)
    if not p.exists():
        raise InputError("no such file or folder", source=str(p))
    if p.is_dir():
        raise InputError("is a folder; give its files or pass the folder to a command that reads folders", source=str(p))
    size = p.stat().st_size
    if format_of_suffix(p) in ("pdf", "docx", "image"):
        max_bytes *= BINARY_SIZE_FACTOR
    if size > max_bytes:
        raise InputError(
            f"is {size / 2**20:.0f} MiB, over the {max_bytes / 2**20:.0f} MiB limit for one document: "
            "split it into documents or raise --max-size",
            source=str(p),
        )
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot be read: {exc.strerror}", source=str(p)) from None
    return read_bytes(data, doc_id=doc_id or p.stem, path=str(p), input_format=input_format)


def expand_paths(paths: Iterable[str | Path], *, pattern: str = "*.txt") -> list[str]:
    """Files to read, in order: files as given, folders expanded to their ``pattern`` files (sorted).

    Raises :class:`InputError` for a missing path or a folder without matching files.
    """
    files: list[str] = []
    for raw in paths:
        if str(raw) == "-":
            files.append("-")
            continue
        p = Path(raw)
        if not p.exists():
            raise InputError("no such file or folder", source=str(p))
        if p.is_dir():
            found = sorted(f for f in p.rglob(pattern) if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts))
            if not found:
                raise InputError(f"the folder has no {pattern} files", source=str(p))
            files.extend(str(f) for f in found)
        else:
            files.append(str(p))
    return files


def iter_sources(paths: Iterable[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Source | InputError]:
    """Read every input, yielding an :class:`InputError` in place of a file that fails.

    A batch goes on past a bad file; the caller decides whether to stop.
    """
    for path in expand_paths(paths):
        try:
            yield read_path(path, max_bytes=max_bytes)
        except InputError as exc:
            yield exc


#: Columns that name a row's document in a CSV input, in order of preference.
_ID_COLUMNS = ("doc_id", "id", "symbol")


def require_column(columns: list[str], column: str, source: str | None) -> None:
    """Raise the one-line :class:`InputError` for a CSV without ``column``."""
    if column not in columns:
        shown = ", ".join(repr(c) for c in columns[:8]) or "none"
        raise InputError(
            f"has no {column!r} column (its columns: {shown}); name the column holding the texts {column!r}",
            source=source,
        )


def read_csv(path: str | Path, *, column: str = "text", max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Source | InputError]:
    """Each row of a CSV file as a :class:`Source` (its text from ``column``), or an :class:`InputError` for a bad row.

    The document id comes from a ``doc_id``, ``id`` or ``symbol`` column, else ``<file stem>-<row>``.
    A file that cannot be read as a CSV with that column raises :class:`InputError` before any row.
    """
    whole = read_path(path, max_bytes=max_bytes)
    source = whole.path
    # A whole document may sit in one cell; the csv module's default limit is 128 KiB.
    csv.field_size_limit(max(csv.field_size_limit(), max_bytes))
    reader = csv.DictReader(io.StringIO(whole.text, newline=""))
    try:
        header = reader.fieldnames
    except csv.Error as exc:
        raise InputError(f"is not a readable CSV file ({exc}); save it as UTF-8 CSV with a header row", source=source) from None
    columns = [c.strip().lstrip("\ufeff") for c in header or []]
    require_column(columns, column, source)
    reader.fieldnames = columns
    id_column = next((c for c in _ID_COLUMNS if c in columns), None)
    row_number = 1
    try:
        for row_number, row in enumerate(reader, start=2):  # line 1 is the header
            where = f"{source}:{row_number}"
            text = row.get(column) or ""
            if not text.strip():
                yield InputError(f"the {column!r} cell is empty", source=where)
                continue
            doc_id = (row.get(id_column) or "").strip() if id_column else ""
            yield Source(doc_id=doc_id or f"{Path(source).stem}-{row_number}", path=where, text=text, encoding=whole.encoding)
    except csv.Error as exc:
        yield InputError(f"the CSV breaks near row {row_number + 1} ({exc}); fix the quoting there", source=source)
