"""Progress on stderr for long commands: a rich bar, only on a terminal and never with --quiet."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from clausekit.cli._util import quiet


def count_files(paths: Iterable[str], pattern: str | None = None, glob: str | None = None) -> int:
    """How many inputs ``paths`` name (folders expanded as a run reads them); a missing path counts as one (it fails in its turn)."""
    from clausekit.read.folders import expand_inputs
    from clausekit.read.formats import SUPPORTED_SUFFIXES

    suffixes = (".csv",) if pattern == "*.csv" else SUPPORTED_SUFFIXES
    return len(expand_inputs(paths, glob=glob, suffixes=suffixes).entries)


class Progress:
    """A rich progress bar on stderr while a batch runs; nothing at all unless stderr is a
    terminal and the command is not --quiet. ``total=None`` shows a spinner with the time spent."""

    def __init__(self, label: str, total: int | None = None, *, at_least: int = 0) -> None:
        self.label, self.total = label, total
        # a bar for one file says nothing: ``at_least`` files before there is one
        self.enabled = sys.stderr.isatty() and not quiet() and (total is None or total >= at_least)
        self._progress: Any = None
        self._task: Any = None

    def __enter__(self) -> Progress:
        if not self.enabled:
            return self
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )
        from rich.progress import Progress as RichProgress

        columns: list[Any] = [TextColumn(self.label)]
        if self.total is None:
            columns += [SpinnerColumn(), TimeElapsedColumn()]
        else:
            columns += [BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), TextColumn("{task.description}")]
        self._progress = RichProgress(*columns, console=Console(stderr=True), transient=True)
        self._progress.__enter__()
        self._task = self._progress.add_task("", total=self.total)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.__exit__(*exc)

    def show(self, name: str) -> None:
        if self._progress is not None:
            self._progress.update(self._task, description=name)

    def advance(self) -> None:
        if self._progress is not None:
            self._progress.update(self._task, advance=1)

    @contextmanager
    def aside(self) -> Iterator[None]:
        """Take the bar down while a message is printed, so the message gets a line of its own."""
        live = self._progress is not None and self._progress.live.is_started
        if live:
            self._progress.stop()
        try:
            yield
        finally:
            if live:
                self._progress.start()
