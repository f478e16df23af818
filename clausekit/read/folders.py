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

from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path

from clausekit.read.formats import SUPPORTED_SUFFIXES


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
    """Files under ``folder``, sorted, not entering hidden folders."""
    try:
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError:
        return
    for entry in entries:
        if entry.is_dir():
            if not entry.name.startswith("."):
                yield from _walk(entry)
        elif entry.is_file():
            yield entry


def expand_inputs(
    paths: Iterable[str | Path], *, glob: str | None = None, suffixes: Collection[str] = SUPPORTED_SUFFIXES
) -> Inputs:
    """The files of a run; see the module's docstring.

    A missing path, or a folder with nothing to read, is an entry with an ``error`` in its place,
    not an exception: the rest of the run goes on. The same file given twice is one document
    and keeps one id.
    """
    inputs = Inputs()
    entries: list[tuple[str, str, str, str | None]] = []  # (path, stem, id when stems collide, error)
    for raw in paths:
        if str(raw) == "-":
            entries.append(("-", "stdin", "stdin", None))
            continue
        p = Path(raw)
        if not p.exists():
            entries.append((str(p), "", "", "no such file or folder"))
            continue
        if not p.is_dir():
            entries.append((str(p), p.stem, str(p), None))
            continue
        found = 0
        for f in _walk(p):
            rel = f.relative_to(p)
            if glob is not None:
                if not _matches(rel, glob):
                    continue
            elif f.suffix.lower() not in suffixes:
                what = f"extension {f.suffix!r}" if f.suffix else "no extension"
                inputs.skipped.append((str(f), f"not read: {what} is not a supported format"))
                continue
            entries.append((str(f), f.stem, rel.as_posix(), None))
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
    for path, _, _, error in entries:
        inputs.entries.append(InputFile(path, "", error) if error is not None else InputFile(path, ids[_identity(path)]))
    return inputs


def _identity(path: str) -> str:
    if path == "-":
        return path
    try:
        return str(Path(path).resolve())
    except OSError:
        return path
