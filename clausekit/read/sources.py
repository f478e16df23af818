"""Reading documents: paths, folders and stdin to decoded text.

The decoded text is the *original*: every later stage reports spans into it.
Encodings are detected with charset-normalizer (a maintained detector) after
the unambiguous cases (BOMs, strict UTF-8) are settled, because a detector's
guess on a short French text is less reliable than a successful UTF-8 decode.
"""

from __future__ import annotations

import csv
import fnmatch
import io
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from clausekit.errors import ContentError, InputError, MissingPathError
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
    (b"\xd0\xcf\x11\xe0", "an old Office document (.doc, .xls)", "save it as .docx (or a sheet as CSV), which clausekit reads"),
    (b"\x89PNG", "a PNG image", "run OCR on it first (e.g. tesseract -l fra)"),
    (b"\xff\xd8\xff", "a JPEG image", "run OCR on it first (e.g. tesseract -l fra)"),
    (b"GIF8", "a GIF image", "run OCR on it first"),
    (b"II*\x00", "a TIFF image", "run OCR on it first (e.g. tesseract -l fra)"),
    (b"MM\x00*", "a TIFF image", "run OCR on it first (e.g. tesseract -l fra)"),
    (b"\x1f\x8b", "a gzip archive", "decompress it first"),
    (b"{\\rtf", "an RTF document", "save it as .docx or plain text (.txt) first"),
)

# Encodings a French UN text plausibly comes in when it is not UTF-8.
_CANDIDATE_ENCODINGS = ["cp1252", "latin_1", "iso8859_15", "utf_16", "mac_roman", "cp850"]


@dataclass(frozen=True, slots=True)
class Source:
    """A decoded input: its id, where it came from, and its text (the original every span points into).

    ``fields`` are the other cells of a CSV row read as a document (:func:`read_csv`), in column order.
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
    fields: tuple[tuple[str, str], ...] = ()
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
        raise ContentError("the file is empty; give a text with at least one paragraph", source=source)
    text, encoding = _decode(data, source)
    if not text.replace("\ufeff", "").strip():  # e.g. only a byte-order mark, or UTF-16 blanks
        raise ContentError("the file is empty; give a text with at least one paragraph", source=source)
    return text, encoding


def _decode(data: bytes, source: str) -> tuple[str, str]:
    for magic, what, fix in _MAGIC:
        if data.startswith(magic):
            raise ContentError(f"this is {what}, not text: {fix}", source=source)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise ContentError(f"starts with a {encoding} byte-order mark but does not decode: {exc.reason}", source=source) from None
            _refuse_binary_text(text, source)
            return text, encoding.replace("-sig", "") + " (BOM)"
    try:
        utf8: str | None = data.decode("utf-8")
    except UnicodeDecodeError:
        utf8 = None
    if utf8 is not None:
        _refuse_binary_text(utf8, source)
        return utf8, "utf-8"
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        _refuse_binary_text(utf16[0], source)
        return utf16
    if b"\x00" in data[:4096]:
        raise ContentError("contains NUL bytes: this looks like a binary file, not text", source=source)

    from charset_normalizer import from_bytes  # imported here: only non-UTF-8 inputs pay for it

    best = from_bytes(data, cp_isolation=_CANDIDATE_ENCODINGS).best()
    if best is None:
        raise ContentError(
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
    """Refuse a text whose characters are binary control bytes (NULs included): more than 1 in 50
    of a long text, or a quarter of a short one (a few bytes of binary with a few letters).
    One stray control character (an old file's final Ctrl-Z) never refuses a text."""
    sample = text[:8192]
    controls = len(_CONTROLS.findall(sample))
    if controls > max(8, len(sample) // 50):
        raise ContentError("contains control characters throughout: this looks like a binary file, not text", source=source)
    if controls >= 2 and controls * 4 > len(sample.strip()):
        raise ContentError("is mostly control characters: this looks like a binary file, not text", source=source)


def read_bytes(data: bytes, *, doc_id: str, path: str, input_format: str | None = None) -> Source:
    """Read ``data`` from ``path`` into a :class:`Source`: text decoded, or a PDF, Word file, image or HTML page read.

    ``input_format="html"`` reads a text as an HTML page; otherwise the format comes from the
    file's signature, then its extension (:func:`clausekit.read.formats.sniff`).
    """
    if not data.strip():
        raise ContentError("the file is empty; give a text with at least one paragraph", source=path)
    fmt = sniff(data, path, input_format)
    if fmt in ("pdf", "image", "docx", "zip"):
        layout, how = read_binary(data, fmt, source=path)
        return Source(doc_id=doc_id, path=path, text=layout.text, encoding=how, pages=layout.pages,
                      furniture=layout.furniture, word_confidences=layout.word_confidences, reader=how)
    text, encoding = decode(data, source=path)
    if fmt == "html":
        from clausekit.read.html import read_html

        layout = read_html(text, source=path)
        return Source(doc_id=doc_id, path=path, text=layout.text, encoding=encoding, reader="html", furniture=layout.furniture)
    furniture: tuple[Furniture, ...] = ()
    if format_of_suffix(path) == "text" and Path(path).suffix.lower() in (".md", ".markdown") and "[^" in text:
        from clausekit.read.markdown import markdown_footnotes

        text, furniture = markdown_footnotes(text)
    return Source(doc_id=doc_id, path=path, text=text, encoding=encoding, pages=_form_feed_pages(text), furniture=furniture)


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


def _limit_text(max_bytes: int) -> str:
    if max_bytes >= 2**20:
        return f"{max_bytes / 2**20:.0f} MiB"
    return f"{max_bytes} bytes" if max_bytes < 1024 else f"{max_bytes / 1024:.0f} KiB"


def check_max_bytes(max_bytes: int) -> None:
    """Raise :class:`InputError` (a usage error) for a size limit that is not a positive whole number."""
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes <= 0:
        raise InputError(f"the size limit must be a positive number of bytes, not {max_bytes!r}; give max_bytes=1 or more")  # the CLI's --max-size refuses 0 itself


def read_bounded(stream: BinaryIO, max_bytes: int, source: str) -> bytes:
    """At most ``max_bytes`` from ``stream``, whatever it is (file, pipe, FIFO, device, procfs).

    The size a file claims (``st_size``: 0 for ``/dev/zero``, a FIFO or ``/proc``) is never
    trusted: the reader stops one byte past the limit and raises :class:`InputError`, so
    memory stays under about ``max_bytes`` for any source.
    """
    check_max_bytes(max_bytes)
    buffer = bytearray()
    chunk = min(max_bytes + 1, 1 << 20)
    try:
        while len(buffer) <= max_bytes:
            data = stream.read(min(chunk, max_bytes + 1 - len(buffer)))
            if not data:
                break
            buffer += data
    except OSError as exc:
        raise InputError(f"cannot be read: {exc.strerror or exc}", source=source) from None
    if len(buffer) > max_bytes:
        raise InputError(
            f"is larger than the {_limit_text(max_bytes)} limit for one document: split it into documents or raise --max-size",
            source=source,
        )
    return bytes(buffer)


def read_stdin(*, max_bytes: int = DEFAULT_MAX_BYTES, input_format: str | None = None) -> Source:
    """Standard input as one :class:`Source` (``doc_id`` ``stdin``), read through :func:`read_bounded`."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None or sys.stdin.closed:
        raise InputError("standard input is closed; pipe a text in or give a file", source="<stdin>")
    data = read_bounded(stream, max_bytes, "<stdin>")
    return read_bytes(data, doc_id="stdin", path="<stdin>", input_format=input_format)


def read_path(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES, input_format: str | None = None, doc_id: str | None = None) -> Source:
    """Read one file (or ``-`` for stdin) into a :class:`Source`, never more than ``max_bytes``.

    Every failure (missing, a folder, unreadable, a name too long, too large) is an
    :class:`InputError` naming the file.
    """
    check_max_bytes(max_bytes)
    if str(path) == "-":
        return read_stdin(max_bytes=max_bytes, input_format=input_format)
    p = Path(path)
    shown = display_path(p)
    try:
        st = os.stat(p)
    except FileNotFoundError:
        raise MissingPathError("no such file or folder", source=shown) from None
    except OSError as exc:  # a name too long, a loop of links, a folder we may not enter
        raise InputError(f"cannot be read: {exc.strerror or exc}", source=shown) from None
    if stat.S_ISDIR(st.st_mode):
        try:
            with os.scandir(p):
                pass
        except OSError as exc:  # a subfolder a batch could not list: named, not skipped in silence
            raise InputError(f"is a folder that cannot be read ({exc.strerror or exc}); its files were skipped", source=shown) from None
        raise InputError("is a folder; give its files or pass the folder to a command that reads folders", source=shown)
    if format_of_suffix(p) in ("pdf", "docx", "image"):
        max_bytes *= BINARY_SIZE_FACTOR
    if stat.S_ISREG(st.st_mode) and st.st_size > max_bytes:  # refused before a byte is read
        raise InputError(
            f"is {_limit_text(st.st_size)}, over the {_limit_text(max_bytes)} limit for one document: "
            "split it into documents or raise --max-size",
            source=shown,
        )
    try:
        with open(p, "rb", buffering=0) as f:
            data = read_bounded(f, max_bytes, shown)  # also FIFOs, devices and procfs (st_size 0)
    except OSError as exc:
        raise InputError(f"cannot be read: {exc.strerror or exc}", source=shown) from None
    return read_bytes(data, doc_id=doc_id or display_path(p.stem), path=shown, input_format=input_format)


def display_path(path: str | Path) -> str:
    """``path`` as text that can always be printed and written as UTF-8 (undecodable bytes as ``\\xNN``)."""
    text = str(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a file name with bytes that are not UTF-8 (surrogate escapes)
        text = os.fsencode(text).decode("utf-8", errors="backslashreplace")
    return text


def expand_paths(paths: Iterable[str | Path], *, pattern: str = "*.txt") -> list[str]:
    """Files to read, in order: files as given, folders expanded to their ``pattern`` files (sorted).

    A subfolder that cannot be listed is kept in the list, so that reading it fails with its
    own line and the batch summary names it. Hidden files and folders are skipped.
    Raises :class:`InputError` for a missing path or a folder without matching files.
    """
    files: list[str] = []
    for raw in paths:
        if str(raw) == "-":
            files.append("-")
            continue
        p = Path(raw)
        try:
            is_dir = stat.S_ISDIR(os.stat(p).st_mode)
        except FileNotFoundError:
            raise MissingPathError("no such file or folder", source=display_path(p)) from None
        except OSError:  # a name too long, a loop of links: read_path names it
            files.append(str(p))
            continue
        if not is_dir:
            files.append(str(p))
            continue
        found, unreadable = _walk(p, pattern)
        if not found and not unreadable:
            raise InputError(f"the folder has no {pattern} files", source=display_path(p))
        files.extend(sorted(found + unreadable))
    return files


def _walk(folder: Path, pattern: str) -> tuple[list[str], list[str]]:
    """The ``pattern`` files under ``folder`` (not hidden), and the subfolders that could not be listed."""
    found: list[str] = []
    unreadable: list[str] = []

    def _failed(exc: OSError) -> None:
        unreadable.append(str(exc.filename))

    for top, dirs, names in os.walk(folder, onerror=_failed, followlinks=True):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(os.path.join(top, n) for n in names if not n.startswith(".") and fnmatch.fnmatchcase(n, pattern) and os.path.isfile(os.path.join(top, n)))
    return [str(Path(f)) for f in found], [str(Path(u)) for u in unreadable]


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
        raise ContentError(
            f"has no {column!r} column (its columns: {shown}); name the column holding the texts {column!r}",
            source=source,
        )


def csv_delimiter(text: str, column: str = "text") -> str:
    """The CSV delimiter of ``text``: ``,`` unless the header names ``column`` only when cut on ``;`` or a tab.

    Excel in a French locale saves "CSV (séparateur : point-virgule)": ``ref;text;pays``. Read with
    commas, that header is one column and the file was refused for lacking its text column.
    """
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    try:
        header = next(csv.reader([first]))
    except (csv.Error, StopIteration):
        return ","
    if column in (c.strip() for c in header):
        return ","
    for delimiter in (";", "\t"):
        if column in (c.strip() for c in next(csv.reader([first], delimiter=delimiter), [])):
            return delimiter
    return ","


def read_csv(
    path: str | Path, *, column: str = "text", id_column: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Source | InputError]:
    """Each row of a CSV file as a :class:`Source` (its text from ``column``), or an :class:`InputError` for a bad row.

    The document id comes from ``id_column``, else from a ``doc_id``, ``id`` or ``symbol`` column,
    else ``<file stem>-<row>``; the row's other cells are the Source's ``fields``.
    A file that cannot be read as a CSV with that column raises :class:`InputError` before any row.
    """
    whole = read_path(path, max_bytes=max_bytes)
    source = whole.path
    # A whole document may sit in one cell; the csv module's default limit is 128 KiB.
    csv.field_size_limit(max(csv.field_size_limit(), max_bytes))
    reader = csv.DictReader(io.StringIO(whole.text, newline=""), delimiter=csv_delimiter(whole.text, column))
    try:
        header = reader.fieldnames
    except csv.Error as exc:
        raise ContentError(f"is not a readable CSV file ({exc}); save it as UTF-8 CSV with a header row", source=source) from None
    columns = [c.strip().lstrip("\ufeff") for c in header or []]
    require_column(columns, column, source)
    reader.fieldnames = columns
    if id_column is not None:
        require_column(columns, id_column, source)
    else:
        id_column = next((c for c in _ID_COLUMNS if c in columns), None)
    others = [c for c in columns if c not in (column, id_column)]
    row_number = 1
    try:
        for row_number, row in enumerate(reader, start=2):  # line 1 is the header
            where = f"{source}:{row_number}"
            text = row.get(column) or ""
            if not text.strip():
                yield ContentError(f"the {column!r} cell is empty", source=where)
                continue
            doc_id = (row.get(id_column) or "").strip() if id_column else ""
            fields = tuple((c, row.get(c) or "") for c in others)
            yield Source(doc_id=doc_id or f"{Path(source).stem}-{row_number}", path=where, text=text, encoding=whole.encoding, fields=fields)
    except csv.Error as exc:
        yield ContentError(f"the CSV breaks near row {row_number + 1} ({exc}); fix the quoting there", source=source)
        return
    if row_number == 1:
        yield ContentError("has a header but no rows; nothing to read", source=source)
