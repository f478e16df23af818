"""Errors a user can cause. Each carries one line that names the input and the fix."""

from __future__ import annotations


class ClausekitError(Exception):
    """A problem with the user's input or set-up, reported as one line, never a traceback.

    ``exit_code`` follows the CLI's convention (the README's "Exit codes"): 2 for usage errors
    (bad option, missing or unreadable path), 1 for a failure on the data.
    """

    exit_code = 1

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.source = source
        # One line, whatever a library said: pandas' parser errors end in a newline, lxml's and
        # pdfminer's may hold several; the CLI prints "clausekit: error: <this>" as one line.
        message = " ".join(str(message).split())
        super().__init__(f"{source}: {message}" if source else message)


class InputError(ClausekitError):
    """The input cannot be read as a text: missing, empty, binary, undecodable, too large."""

    exit_code = 2


class ContentError(InputError):
    """The input was read but its content cannot be processed: empty, binary, undecodable, a CSV
    without the text column. Exit code 1 (``InputError``'s 2 is for a path that is missing or
    unreadable, or an option the user must change)."""

    exit_code = 1


class ModelError(ClausekitError):
    """A model is missing, unknown, altered or incompatible."""

    exit_code = 3


class MissingPathError(InputError, FileNotFoundError):
    """A path that names no file or folder: exit code 2 in the CLI, and a ``FileNotFoundError``
    for Python callers (``clausekit.tag("missing.txt")``)."""

    exit_code = 2

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message, source=source)
        self.filename = source

    def __str__(self) -> str:  # OSError's own would show "[Errno None] ..."
        return str(self.args[0])


class InputWarning(UserWarning):
    """A value of the user's input that cannot be used and is left out; the rest goes on.

    The message is one line naming the file (or row) and the value, e.g.
    ``meta.csv: row 3: year 'abc' is not a year; left empty``.
    """
