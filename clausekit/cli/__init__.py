"""The ``clausekit`` command line: parses arguments and formats what the library returns."""

from __future__ import annotations

from clausekit.cli import segment as _segment  # noqa: F401  (registers the command)
from clausekit.cli.app import app

for _name in ("tag", "models", "themes", "train", "evaluate", "report", "info", "diff", "references"):
    try:  # command modules land one by one; a missing one must not break the others
        __import__(f"clausekit.cli.{_name}")
    except ModuleNotFoundError as _exc:  # pragma: no cover
        if _exc.name != f"clausekit.cli.{_name}":
            raise


def main(prog_name: str | None = None) -> None:
    app(prog_name=prog_name)


__all__ = ["app", "main"]
