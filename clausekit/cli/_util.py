"""Pieces every command shares: output formats, writing, error handling and batch summaries."""

from __future__ import annotations

import contextlib
import functools
import signal
import sys
import warnings
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from clausekit.read.sources import DEFAULT_MAX_BYTES
from clausekit.tagging.formats import csv_cell
from clausekit.types import PARTS

F = TypeVar("F", bound=Callable[..., Any])

#: Exit codes shared by every command (also in the README).
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_MODEL, EXIT_PARTIAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 4, 130


class OutputFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


class InputFormat(StrEnum):
    text = "text"
    html = "html"
    csv = "csv"


class Part(StrEnum):
    preamble = PARTS[0]
    operative = PARTS[1]
    narrative = PARTS[2]


#: ``--max-size`` of every command that reads files, in MiB (see DEFAULT_MAX_BYTES).
MAX_SIZE_MIB = DEFAULT_MAX_BYTES // 2**20
MAX_SIZE_HELP = "Largest file to read, in MiB (memory is about 100 times the file size)."


#: The help of ``--glob``, shared by every command that reads folders.
GLOB_HELP = "Read only the files of folders matching this pattern (e.g. '*.pdf', '2019/*'), case-insensitive; default: every supported format."


# --- how much to say: --quiet / --verbose ---------------------------------------------------

#: 0: errors only (--quiet); 1: errors, warnings and summaries; 2: also what each file gave (--verbose).
_VERBOSITY = [1]


Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Print errors only: no warnings, summaries or progress bars.")]
Verbose = Annotated[bool, typer.Option("--verbose", "-v", help="Also print what each file gave.")]


def verbosity(quiet: bool, verbose: bool) -> None:
    """Apply a command's own --quiet/--verbose (on top of the ones given before the command)."""
    if quiet or verbose:
        set_verbosity(quiet, verbose)


def set_verbosity(quiet: bool = False, verbose: bool = False) -> None:
    """Set how much the commands print on stderr; errors are always printed."""
    if quiet and verbose:
        raise typer.BadParameter("--quiet and --verbose contradict each other; give one", param_hint="--quiet")
    _VERBOSITY[0] = 0 if quiet else 2 if verbose else 1


def quiet() -> bool:
    return _VERBOSITY[0] == 0


def verbose() -> bool:
    return _VERBOSITY[0] >= 2


def note(message: str) -> None:
    """A line for --verbose only."""
    if verbose():
        typer.echo(f"clausekit: {message}", err=True)


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 clause``, ``2 clauses``, ``0 clauses``.

    >>> plural(1, "document"), plural(3, "document"), plural(0, "clause")
    ('1 document', '3 documents', '0 clauses')
    """
    return f"{n} {word if n == 1 else many or word + 's'}"


def add_page_column(columns: list[tuple[str, str, int]], rows: list[dict]) -> list[tuple[str, str, int]]:
    """``columns`` with a page column after the number when some row has a page (PDF, scans, Word)."""
    if not any(r.get("page") is not None for r in rows):
        return columns
    for r in rows:
        if r.get("page") is not None:
            r["pages"] = str(r["page"]) if r.get("page_end") in (None, r["page"]) else f"{r['page']}-{r['page_end']}"
    at = next((i + 1 for i, (key, _, _) in enumerate(columns) if key == "number"), len(columns) - 1)
    return [*columns[:at], ("pages", "page", 5), *columns[at:]]


def warn_if_not_french(path: str, text: str) -> None:
    """Warn (one line) when ``text`` reads as another language; it is still processed."""
    from clausekit.text.language import not_french_warning

    if message := not_french_warning(path, text):
        warn(message)


def error(message: str) -> None:
    """Print one error line to stderr."""
    typer.echo(f"clausekit: error: {message}", err=True)


def warn(message: str) -> None:
    """One warning line on stderr (not with --quiet)."""
    if not quiet():
        typer.echo(f"clausekit: warning: {message}", err=True)


def _show_warning(message: Warning | str, category: type[Warning], *args: Any, **kwargs: Any) -> None:
    """Library warnings (e.g. a model built with another scikit-learn) as one ``clausekit: warning:`` line."""
    warn(" ".join(str(message).split()))


def handle_errors(func: F) -> F:
    """Turn user-caused errors into one line on stderr and a non-zero exit code, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from clausekit.errors import ClausekitError

        try:
            with warnings.catch_warnings():
                warnings.showwarning = _show_warning  # restored on exit by catch_warnings
                return func(*args, **kwargs)
        except ClausekitError as exc:
            error(str(exc))
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            error(f"interrupted{BatchSummary.progress_note()}; no partial output file was left behind")
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except BrokenPipeError:  # `clausekit tag ... | head`
            _silence_stdout()
            raise typer.Exit(EXIT_OK) from None
        except OSError as exc:  # a full disk or a vanished folder while writing: the user's to fix
            _silence_stdout()
            where = exc.filename or "standard output"
            error(f"{where}: cannot write ({exc.strerror or exc}); free some space or choose another --output")
            raise typer.Exit(EXIT_FAILED) from None

    return wrapper  # type: ignore[return-value]


def _silence_stdout() -> None:
    """Point standard output at /dev/null so that the final flush at exit cannot fail again."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # not a real file (e.g. under a test runner)
        pass


@contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """Let SIGTERM unwind like Ctrl-C so that temporary files are removed."""

    def _raise(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, _raise)
    except ValueError:  # not in the main thread (e.g. some test runners)
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _closed(stream: Any) -> bool:
    """True for a standard stream the shell closed (``>&-``, ``<&-``): Python then has None for it."""
    import os

    if stream is None or getattr(stream, "closed", False):
        return True
    try:
        fd = stream.fileno()
    except (OSError, ValueError, AttributeError):  # no descriptor (a test runner's buffer): open
        return False
    try:
        os.fstat(fd)
    except OSError:
        return True
    return False


def input_files(paths: Iterable[str]) -> list[str]:
    """The files ``paths`` name, folders expanded to every file a reader would take from them."""
    from clausekit.errors import InputError
    from clausekit.read.folders import expand_inputs
    from clausekit.read.formats import SUPPORTED_SUFFIXES

    files: list[str] = []
    for raw in paths:
        if raw == "-" or not Path(raw).is_dir():
            files.append(raw)
            continue
        # every file any input format reads from a folder, whatever --glob keeps: an output
        # written onto one of them (even with --force) would replace a document of the run
        with contextlib.suppress(InputError, OSError):
            files.extend(str(f.path) for f in expand_inputs([raw], suffixes=SUPPORTED_SUFFIXES | {".csv"}).files)
    return files


def count_inputs(paths: Iterable[str]) -> int:
    """How many files ``paths`` name (folders expanded to their ``.txt``; a bad path counts as one)."""
    from clausekit.errors import InputError
    from clausekit.read.sources import expand_paths

    n = 0
    for raw in paths:
        try:
            n += len(expand_paths([raw]))
        except InputError:
            n += 1
    return n


def check_scheduler(address: str) -> None:
    """Raise a usage error unless ``address`` reads as a Dask scheduler address (``tcp://host:8786``)."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(address)
        port = parts.port
    except ValueError:
        port = None
        parts = None
    if parts is None or parts.scheme not in ("tcp", "tls", "ws", "wss", "inproc", "ucx") or not parts.hostname or (port is None and parts.scheme != "inproc"):
        raise typer.BadParameter(f"{address!r} is not a scheduler address; give it as tcp://host:8786", param_hint="--scheduler")



def truncate(text: str, width: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def format_table(rows: list[dict], columns: list[tuple[str, str, int]]) -> str:
    """Aligned columns ``(key, header, max width)``; the last column takes the rest of the line."""
    if not rows:
        return "(no clauses)\n"
    def shown(v) -> str:
        # the widths are measured on the text shown: a column of round similarities (1.0, 0.5)
        # was sized on "1.0" and its "1.00" cut to "1.…"
        v = "" if v is None else csv_cell(v)
        return f"{v:.2f}" if isinstance(v, float) else str(v)

    widths = []
    for key, header, cap in columns:
        longest = max([len(header)] + [len(truncate(shown(r.get(key)), cap)) for r in rows])
        widths.append(min(cap, longest))
    lines = ["  ".join(h.ljust(w) for (_, h, _), w in zip(columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for r in rows:
        cells = [truncate(shown(r.get(key)), w).ljust(w) for (key, _, _), w in zip(columns, widths, strict=True)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"


def part_counts_footer(rows: list[dict]) -> str:
    from collections import Counter

    counts = Counter(r.get("part") for r in rows)
    docs = len({r.get("doc_id") for r in rows})
    parts = ", ".join(f"{p} {counts[p]}" for p in ("preamble", "operative", "narrative") if counts[p])
    return f"\n{plural(len(rows), 'clause')} in {plural(docs, 'document')}: {parts or 'none'}\n"


class BatchSummary:
    """Counts files done and failed, and picks the exit code: 0 all done, 4 some failed, 1 all failed.

    The latest summary is remembered so that an interruption can say how far the run got.
    """

    _latest: BatchSummary | None = None

    def __init__(self) -> None:
        self.done: list[str] = []
        self.failed: list[tuple[str, str]] = []
        self._codes: list[int] = []
        self.skipped: list[tuple[str, str]] = []
        BatchSummary._latest = self

    @classmethod
    def progress_note(cls) -> str:
        """`` after 3 of the files were processed (2 done, 1 failed)``, or nothing before the first file."""
        latest = cls._latest
        if latest is None:
            return ""
        done, failed = len(latest.done), len(latest.failed)
        if not done + failed:
            return " before any file was processed"
        last = f", the last {latest.done[-1]}" if done else ""
        return f" after {done + failed} file{'s' if done + failed != 1 else ''} ({done} done{last}, {failed} failed)"

    def ok(self, path: str) -> None:
        self.done.append(path)

    def skip(self, path: str, reason: str) -> None:
        """A file of a folder the run does not read (named in the summary; not a failure)."""
        self.skipped.append((path, reason))

    def fail(self, path: str, message: str, exit_code: int = EXIT_FAILED) -> None:
        self.failed.append((path, message))
        self._codes.append(exit_code)
        error(message)

    def report(self, quiet: bool = False) -> int:
        """Print the summary of a batch with failures; return the exit code.

        0 every input done; 4 some failed; when all failed, 2 if every failure was a path that is
        missing or unreadable (the README's usage errors), else 1.
        """
        total = len(self.done) + len(self.failed)
        if self.skipped:  # a skipped file is never silent, not even with --quiet
            n = len(self.skipped)
            typer.echo(f"clausekit: {n} file{'s' if n != 1 else ''} skipped:", err=True)
            for path, reason in self.skipped:
                typer.echo(f"  {path}: {reason}", err=True)
        # One file that failed already had its one line; a batch gets the summary.
        if self.failed and total > 1 and not (quiet or _VERBOSITY[0] == 0):
            typer.echo(f"clausekit: {len(self.done)} of {plural(total, 'file')} done, {len(self.failed)} failed:", err=True)
            for path, message in self.failed:
                typer.echo(f"  {path}: {message.split(': ', 1)[-1]}", err=True)
        if not self.failed:
            return EXIT_OK
        if self.done:
            return EXIT_PARTIAL
        return EXIT_USAGE if all(code == EXIT_USAGE for code in self._codes) else EXIT_FAILED
