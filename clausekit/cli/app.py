"""The typer application; command modules register on it. Nothing heavy is imported here."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="clausekit",
    help="Cut official French UN texts into clauses and tag what each clause does and is about.",
    no_args_is_help=True,
    add_completion=False,
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
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version and exit."),
) -> None:
    """Cut official French UN texts into clauses and tag what each clause does and is about."""
