"""Whether a file is one clausekit wrote, told from its first bytes: what ``--output`` may replace.

An existing file is replaced only when it is empty or when its start is something every
clausekit output starts with (:func:`written_by_clausekit`):

- JSONL or CSV records whose first keys (header row) are those of one of clausekit's record
  shapes (:data:`RECORD_SIGNATURES`: clauses, tagged clauses, citations, diff rows), the CSV
  perhaps after a UTF-8 byte-order mark or a ``sep=`` line;
- a table printed for people (a header of clausekit's column names over a line of dashes);
- the JSON figures of ``clausekit evaluate``, and the HTML page of ``clausekit diff``.

Only the start of the file is read (:data:`HEAD_BYTES`), so the check costs nothing on a
large output. A file that does not match is the user's: a note, a spreadsheet, a PDF.
"""

from __future__ import annotations

import csv
import json
import os
import re
from pathlib import Path

from clausekit.outputs.citations import CITATION_COLUMNS
from clausekit.outputs.diff import DIFF_COLUMNS
from clausekit.types import CLAUSE_COLUMNS

#: How much of a file is read to recognize it.
HEAD_BYTES = 64 * 1024
#: A record output starts with one of these key sequences (the first keys of its schema, which
#: older versions of clausekit wrote too; columns added since and a user's passthrough follow).
RECORD_SIGNATURES: tuple[tuple[str, ...], ...] = (CLAUSE_COLUMNS[:8], CITATION_COLUMNS[:8], DIFF_COLUMNS[:8])
#: How many keys a first JSONL line cut by :data:`HEAD_BYTES` must show (a clause's text is the 6th).
_CUT_KEYS = 5
#: The first column names of the tables of ``tag`` and ``segment``, ``references`` and ``diff``.
TABLE_SIGNATURES: tuple[tuple[str, ...], ...] = (("doc", "#", "part", "no"), ("doc", "#", "kind", "body"), ("change", "old", "new", "no"))
_DASHES = re.compile(r"-+(?:  -+)*")
_FIGURES = re.compile(r'\{\s*"protocol":')
_HTML_TITLE = re.compile(r"<!DOCTYPE html><html[^>]*><head><meta charset='utf-8'><title>clausekit ")


def written_by_clausekit(path: str | Path) -> bool:
    """True when ``path`` is empty or starts as a clausekit output does; False for any other file.

    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as f:
    ...     _ = f.write("name,phone\\nAda,123\\n")
    >>> written_by_clausekit(f.name)
    False
    """
    with open(path, "rb") as f:
        head = f.read(HEAD_BYTES)
    if not head:
        return True
    text = head.decode("utf-8", errors="replace").removeprefix("\ufeff")
    lines = text.splitlines()
    first = lines[1] if lines[0].startswith("sep=") and len(lines) > 1 else lines[0]
    cut = len(head) == HEAD_BYTES and len(lines) == 1  # the first line goes on past what was read
    return (
        _jsonl_keys(first, cut=cut)
        or _csv_header(first)
        or _table(lines)
        or bool(_FIGURES.match(text) and '"function"' in text)
        or bool(_HTML_TITLE.match(text))
    )


def _starts_with_signature(keys: list[str]) -> bool:
    return any(tuple(keys[: len(sig)]) == sig for sig in RECORD_SIGNATURES)


def _jsonl_keys(line: str, *, cut: bool = False) -> bool:
    """The first line is a JSON object whose keys begin as a record's, read key by key: when a
    long clause ``cut`` the line at :data:`HEAD_BYTES`, the keys before the cut must match."""
    decoder, at = json.JSONDecoder(), 1
    keys: list[str] = []
    need = max(len(sig) for sig in RECORD_SIGNATURES)
    line = line.strip()
    if not line.startswith("{"):
        return False
    try:
        while len(keys) < need:
            key, at = decoder.raw_decode(line, _skip(line, at))
            at = _skip(line, at)
            if not isinstance(key, str) or line[at] != ":":
                return False
            keys.append(key)
            _, at = decoder.raw_decode(line, _skip(line, at + 1))
            at = _skip(line, at)
            if line[at] != ",":
                break
            at += 1
    except (ValueError, IndexError):  # the line ended: cut, or not JSON
        return cut and len(keys) >= _CUT_KEYS and any(tuple(keys) == sig[: len(keys)] for sig in RECORD_SIGNATURES)
    return _starts_with_signature(keys)


def _skip(line: str, at: int) -> int:
    while at < len(line) and line[at] in " \t":
        at += 1
    return at


def _csv_header(line: str) -> bool:
    for delimiter in (",", ";", "\t"):  # a spreadsheet may have saved it with its own separator
        header = next(csv.reader([line], delimiter=delimiter), [])
        if _starts_with_signature([h.strip() for h in header]):
            return True
    return False


def _table(lines: list[str]) -> bool:
    if lines[0].strip() == "(no clauses)":
        return True
    if len(lines) < 2 or not _DASHES.fullmatch(lines[1].strip()):
        return False
    words = lines[0].split()
    return any(tuple(words[: len(sig)]) == sig for sig in TABLE_SIGNATURES)


def is_replaceable(path: str | Path) -> bool:
    """True when writing ``path`` loses nothing of the user's: absent, not a regular file (a
    device or FIFO is written through), or a file :func:`written_by_clausekit`."""
    try:
        if not os.path.isfile(path):
            return True
        return written_by_clausekit(path)
    except OSError:
        return False  # unreadable: nothing shows it is clausekit's
