"""Where a command's output goes: standard output, or a file written atomically that replaces
only a file clausekit wrote (:func:`check_output`); and the record writer every command shares."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Annotated, Any

import typer

from clausekit.cli._util import OutputFormat, _closed, input_files
from clausekit.tagging.formats import csv_text, records_text

#: ``--output`` and ``--force`` of every command that writes a file.
OUTPUT_HELP = "Write to this file (atomically) instead of standard output; an existing file is replaced only if clausekit wrote it (see --force)."
Output = Annotated[Path | None, typer.Option("--output", "-o", help=OUTPUT_HELP)]
Force = Annotated[bool, typer.Option("--force", help="Replace an existing --output file even if clausekit did not write it (never an input).")]


def check_output(output: Path | None, inputs: Sequence[str] = (), *, force: bool = False) -> None:
    """Raise (one line, exit 2) unless ``output`` may be written, before any work is done.

    Refused: an ``output`` that is one of ``inputs`` (even with ``force``), a folder, and an
    existing file that clausekit did not write (:func:`clausekit.outputs.ownership.written_by_clausekit`)
    unless ``force``. ``None`` (standard output), a new path, an empty file, a device or FIFO pass.
    """
    if output is None:
        return
    from clausekit.atomic import UnsafeOutputError, refuse_input_as_output
    from clausekit.errors import ClausekitError
    from clausekit.outputs.ownership import is_replaceable

    refuse_input_as_output(output, input_files(inputs))
    if output.is_dir():
        raise ClausekitError("is a folder; give a file name to --output", source=str(output))
    if not force and not is_replaceable(output):
        raise UnsafeOutputError("exists and was not written by clausekit; remove it, choose another --output, or pass --force to replace it", source=str(output))


@contextmanager
def open_output(output: Path | None, inputs: Sequence[str] = (), *, force: bool = False) -> Iterator[IO[str]]:
    """Standard output, or ``output`` written atomically (a device or FIFO written through).

    Refuses what :func:`check_output` refuses. The file is replaced only when the block ends
    normally: an exception, ``typer.Exit`` included, leaves any previous file as it was.
    """
    if "-" in inputs and _closed(sys.stdin):
        raise typer.BadParameter("standard input is closed; pipe a text in or give a file", param_hint="'-'")
    if output is None:
        if _closed(sys.stdout):
            raise typer.BadParameter("standard output is closed; redirect it or give --output FILE", param_hint="--output")
        yield sys.stdout
        return
    from clausekit.atomic import atomic_write
    from clausekit.errors import ClausekitError

    check_output(output, inputs, force=force)
    try:
        writing = atomic_write(output)
        f = writing.__enter__()
    except OSError as exc:  # the folder is missing, read-only or a file: the user's to fix
        raise ClausekitError(f"cannot write here ({exc.strerror}); choose another --output", source=str(output)) from None
    try:
        yield f
    except BaseException:
        if not writing.__exit__(*sys.exc_info()):
            raise
    else:
        try:
            check_output(output, force=force)  # again: the run may have taken minutes
        except BaseException:
            writing.__exit__(*sys.exc_info())  # removes the temporary file
            raise
        try:
            writing.__exit__(None, None, None)
        except OSError as exc:  # e.g. the disk filled up: atomic_write removed its temporary file
            raise ClausekitError(f"cannot write here ({exc.strerror}); free some space or choose another --output", source=str(output)) from None


#: The switch every command writing CSV shares.
RAW_CSV_HELP = ("Write CSV cells that start with = + - @ as they are; by default they get a leading ' "
                "so that a spreadsheet does not run them as formulas (OWASP CSV injection).")


class RecordWriter:
    """Stream records as JSONL or CSV, or collect them for a table printed at the end.

    :meth:`write_text` takes records already formatted by :func:`clausekit.atomic.records_text`
    (by a ``--jobs`` worker), :meth:`write` the records themselves.
    """

    def __init__(
        self, fmt: OutputFormat, out: IO[str], columns: list[str], table: Callable[[list[dict]], str], *, bom: bool = False, escape: bool = True
    ) -> None:
        self.fmt, self.out, self.columns, self._table = fmt, out, columns, table
        self.bom = bom
        self.escape = escape  # CSV cells a spreadsheet would run as formulas get a leading '
        self._rows: list[dict] = []
        self._header_done = False

    @property
    def text_format(self) -> str | None:
        """The :func:`clausekit.atomic.records_text` format this writer streams, or None for the table."""
        return None if self.fmt is OutputFormat.table else self.fmt.value

    def _header(self) -> None:
        if self.fmt is OutputFormat.csv and not self._header_done:
            # a UTF-8 byte-order mark: how Excel knows the file is UTF-8 (else accents break)
            self.out.write(("\ufeff" if self.bom else "") + csv_text([], self.columns, header=True))
        self._header_done = True

    def write(self, records: Iterable[dict[str, Any]]) -> None:
        if self.fmt is OutputFormat.table:
            self._rows.extend(records)
            return
        self.write_text(records_text(records, self.columns, self.fmt.value, escape=self.escape))

    def write_text(self, text: str) -> None:
        """Write text already formatted (by a worker, with this writer's ``escape``)."""
        self._header()
        self.out.write(text)
        self.out.flush()

    def close(self) -> None:
        if self.fmt is OutputFormat.table:
            self.out.write(self._table(self._rows))
        else:
            self._header()  # a CSV with no row still has its header

