"""Inputs of a run: files as given, folders walked, every skipped file named, ids unique.

A folder is walked recursively in sorted order (hidden folders such as ``.git`` are not entered)
and gives every file with a supported extension, compared in lower case (``A_RES_55_109.TXT``,
``.md``, ``.html``, ``.pdf``, ``.docx``, images); every other file is *skipped* and named, so a
run's summary can say what it did not read. ``glob`` chooses the files instead (matched
case-insensitively against the file name, or against the path under the folder when the pattern
holds a ``/``). A file named on the command line is always read, whatever its extension.

Document ids are the file stems, unless two inputs of the run share one: those then take their
path under the folder given (``2019/resolution.txt``, ``2020/resolution.txt``), or the path as
given for files named directly, so that no two documents of a run share an id.
"""

from __future__ import annotations

import os
import stat
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path

from clausekit.read.formats import SUPPORTED_SUFFIXES
from clausekit.read.sources import display_path


@dataclass(frozen=True, slots=True)
class InputFile:
    """One file to read and the id its document gets; or, with ``error``, a path that cannot be used."""

    path: str
    doc_id: str
    error: str | None = None


@dataclass(slots=True)
class Inputs:
    """The inputs of a run in order (files and unusable paths), and the files skipped and why."""

    entries: list[InputFile] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)

    @property
    def files(self) -> list[InputFile]:
        return [e for e in self.entries if e.error is None]

    @property
    def errors(self) -> list[tuple[str, str]]:
        return [(e.path, e.error) for e in self.entries if e.error is not None]


def _matches(rel: Path, pattern: str) -> bool:
    pattern = pattern.lower()
    if "/" in pattern:
        return fnmatchcase(rel.as_posix().lower(), pattern)
    return fnmatchcase(rel.name.lower(), pattern)


def _walk(folder: Path) -> Iterable[Path]:
    """Files under ``folder``, sorted, not entering hidden folders.

    A folder that cannot be listed is yielded itself, so that the run names it instead of
    skipping its files in silence.
    """
    try:
        with os.scandir(folder) as it:
            names = sorted(e.name for e in it)
    except OSError:
        yield folder
        return
    for name in names:
        entry = folder / name
        if entry.is_dir():
            if not name.startswith("."):
                yield from _walk(entry)
        elif entry.is_file():
            yield entry


def expand_inputs(
    paths: Iterable[str | Path], *, glob: str | None = None, suffixes: Collection[str] = SUPPORTED_SUFFIXES
) -> Inputs:
    """The files of a run; see the module's docstring.

    A missing path, or a folder with nothing to read, is an entry with an ``error`` in its place,
    not an exception: the rest of the run goes on. The same file given twice (or a folder and a
    file in it, or ``-`` twice) is one document, read once: the later mentions are skipped and named.
    """
    inputs = Inputs()
    entries: list[tuple[str, str, str, str | None]] = []  # (path, stem, id when stems collide, error)
    for raw in paths:
        if str(raw) == "-":
            entries.append(("-", "stdin", "stdin", None))
            continue
        p = Path(raw)
        try:
            is_dir = stat.S_ISDIR(os.stat(p).st_mode)
        except FileNotFoundError:
            entries.append((str(p), "", "", "no such file or folder"))
            continue
        except OSError:  # a name too long, a loop of links: reading it names the problem
            is_dir = False
        if not is_dir:
            entries.append((str(p), display_path(p.stem), display_path(p), None))
            continue
        found = 0
        for f in _walk(p):
            if f.is_dir():  # a subfolder that cannot be listed: named in the run, its files not read
                entries.append((str(f), display_path(f.name), display_path(f), None))
                found += 1
                continue
            rel = f.relative_to(p)
            if glob is not None:
                if not _matches(rel, glob):
                    continue
            elif f.suffix.lower() not in suffixes:
                what = f"extension {f.suffix!r}" if f.suffix else "no extension"
                inputs.skipped.append((str(f), f"not read: {what} is not a supported format"))
                continue
            entries.append((str(f), display_path(f.stem), display_path(rel.as_posix()), None))
            found += 1
        if not found:
            wanted = f"files matching {glob!r}" if glob is not None else "files of a supported format (" + ", ".join(sorted(suffixes)) + ")"
            entries.append((str(p), "", "", f"the folder has no {wanted}"))
    # Ids collide between distinct files only: the same file twice is one document.
    distinct = {_identity(path): (stem, long_id) for path, stem, long_id, error in entries if error is None}
    stems = Counter(stem for stem, _ in distinct.values())
    ids: dict[str, str] = {}
    taken: Counter[str] = Counter()
    for key, (stem, long_id) in distinct.items():
        doc_id = stem if stems[stem] == 1 else long_id
        taken[doc_id] += 1
        ids[key] = doc_id if taken[doc_id] == 1 else f"{doc_id}#{taken[doc_id]}"  # ids that still collide
    first: dict[str, str] = {}  # identity -> the path it was first given as
    for path, _, _, error in entries:
        if error is not None:
            inputs.entries.append(InputFile(path, "", error))
            continue
        key = _identity(path)
        if key in first:  # read once: its clauses twice under one doc_id would count double
            what = "standard input is given more than once" if path == "-" else f"the same file as {first[key]}, given twice"
            inputs.skipped.append((path, f"not read again: {what}"))
            continue
        first[key] = path
        inputs.entries.append(InputFile(path, ids[key]))
    return inputs


def _identity(path: str) -> str:
    if path == "-":
        return path
    try:
        return str(Path(path).resolve())
    except OSError:
        return path
