"""The typer application; command modules register on it. Nothing heavy is imported here."""

from __future__ import annotations

import re
from typing import Any

import typer
import typer.core

try:  # recent typer vendors its own copy of click; its exceptions are not click's
    from typer._click import exceptions as _click_exceptions
except ImportError:  # pragma: no cover  (typer that uses click directly)
    from click import exceptions as _click_exceptions  # type: ignore[no-redef]

_UsageError = _click_exceptions.UsageError


class _OneLineUsageError(_UsageError):
    """A usage error shown as one line, like every other clausekit error."""

    def show(self, file: object = None) -> None:
        message = self.format_message().replace("Value error, ", "")
        message = re.sub(r"\.\s+Did you mean (.+)\?$", r" (did you mean \1?)", message)
        message = re.sub(r"\s*\(Possible options: (.+)\)$", lambda m: f" (did you mean {' or '.join(m[1].split(', '))}?)", message)
        message = message[:1].lower() + message[1:].rstrip(".")
        where = f"; see '{self.ctx.command_path} --help'" if self.ctx is not None else ""
        typer.echo(f"clausekit: error: {message}{where}", err=True)


def _one_line(exc: _UsageError) -> _UsageError:
    if isinstance(exc, _OneLineUsageError | _click_exceptions.NoArgsIsHelpError):
        return exc  # already one line, or `clausekit` alone, which prints the help
    return _OneLineUsageError(exc.format_message(), ctx=exc.ctx)


class ClausekitGroup(typer.core.TyperGroup):
    """Click's usage errors print three lines (usage, hint, error); ours print one, with exit code 2.

    Parsing the group's own options happens in ``make_context``; a command's
    options are parsed inside the group's ``invoke``, so both are wrapped.
    """

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except _UsageError as exc:
            raise _one_line(exc) from None

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except _UsageError as exc:
            raise _one_line(exc) from None


#: ``-h`` as well as ``--help``, on every command (sub-apps pass it too).
CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}

app = typer.Typer(
    name="clausekit",
    cls=ClausekitGroup,
    help="Cut official French UN texts into clauses and tag what each clause does and is about.",
    no_args_is_help=True,
    context_settings=CONTEXT_SETTINGS,
    add_completion=True,  # --install-completion / --show-completion for bash, zsh, fish, PowerShell
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        from clausekit import __version__

        typer.echo(f"clausekit {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version and exit."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print errors only: no warnings, summaries or progress bars."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Also print what each file gave."),
) -> None:
    """Cut official French UN texts into clauses and tag what each clause does and is about."""
    import signal

    from clausekit.cli._util import set_verbosity

    set_verbosity(quiet, verbose)  # every run starts from these (a command's own -q/-v may add to them)

    def _interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    # SIGTERM unwinds like Ctrl-C from the very start (even while models load), so that every
    # command's clean-up runs and it exits 130 with its one line.
    try:
        previous = signal.signal(signal.SIGTERM, _interrupt)
    except ValueError:  # not the main thread
        return
    ctx.call_on_close(lambda: signal.signal(signal.SIGTERM, previous))
