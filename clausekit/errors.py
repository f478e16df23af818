"""Errors a user can cause. Each carries one line that names the input and the fix."""

from __future__ import annotations


class ClausekitError(Exception):
    """A problem with the user's input or set-up, reported as one line, never a traceback.

    ``exit_code`` follows the CLI's convention: 2 for usage errors (bad option,
    missing path), 1 for a failure on the data.
    """

    exit_code = 1

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.source = source
        super().__init__(f"{source}: {message}" if source else message)


class InputError(ClausekitError):
    """The input cannot be read as a text: missing, empty, binary, undecodable, too large."""

    exit_code = 2


class ModelError(ClausekitError):
    """A model is missing, unknown, altered or incompatible."""

    exit_code = 3
