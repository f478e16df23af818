"""Markdown footnotes set apart from the text, as the PDF and Word readers set theirs apart."""

from __future__ import annotations

import re

from clausekit.types import Furniture

_MD_NOTE_DEF = re.compile(r"^\[\^([^\]\s]+)\]:[ \t]*(.*)$")
_MD_NOTE_REF = re.compile(r"\[\^([^\]\s]+)\](?!:)")


def markdown_footnotes(text: str) -> tuple[str, tuple[Furniture, ...]]:
    """A Markdown text without its footnotes: ``[^1]`` markers and ``[^1]: ...`` notes (with their
    indented continuation lines) become ``footnote_marker`` and ``footnote`` furniture, set apart
    as the PDF and Word readers set theirs (not in the text, each where it stood). Before, the
    note was glued to the last paragraph ("Prie ... Sud-Sud. [^1]: DP/2023/4.") and the marker
    stayed in the clause."""
    out: list[str] = []
    furniture: list[Furniture] = []
    pos = 0
    lines = text.splitlines(keepends=True)
    i = 0
    while i < len(lines):
        m = _MD_NOTE_DEF.match(lines[i].rstrip("\r\n"))
        if m:
            parts = [m.group(2).strip()]
            while i + 1 < len(lines) and lines[i + 1][:1] in (" ", "\t") and lines[i + 1].strip():
                i += 1
                parts.append(lines[i].strip())
            furniture.append(Furniture("footnote", pos, pos, f"{m.group(1)} {' '.join(p for p in parts if p)}".strip()))
            i += 1
            continue
        line, last = lines[i], 0
        for ref in _MD_NOTE_REF.finditer(line):
            out.append(line[last:ref.start()])
            pos += ref.start() - last
            furniture.append(Furniture("footnote_marker", pos, pos, ref.group(1)))
            last = ref.end()
        out.append(line[last:])
        pos += len(line) - last
        i += 1
    return "".join(out), tuple(furniture)
