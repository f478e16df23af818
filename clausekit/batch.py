"""Reading many inputs one at a time: a bad file is reported in place, never stops the others."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from clausekit.errors import ClausekitError, InputError
from clausekit.ingest import DEFAULT_MAX_BYTES, Source, expand_paths, read_path


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that could not be processed, and why (one line)."""

    path: str
    message: str


def iter_inputs(paths: Iterable[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Source | Failure]:
    """Each input file as a :class:`Source`, or a :class:`Failure` in its place, in order."""
    for raw in paths:
        try:
            files = expand_paths([raw])
        except InputError as exc:
            yield Failure(str(raw), str(exc))
            continue
        for path in files:
            try:
                yield read_path(path, max_bytes=max_bytes)
            except ClausekitError as exc:
                yield Failure(path, str(exc))
