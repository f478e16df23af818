"""``clausekit themes list|show NAME``: the theme definitions a themes model holds, as people read them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from clausekit.cli._util import format_table, handle_errors
from clausekit.cli.app import app

themes_app = typer.Typer(help="List the themes of the themes model and show their definitions.", no_args_is_help=True)
app.add_typer(themes_app, name="themes")

ModelDir = Annotated[Path | None, typer.Option("--model-dir", help="Folder of versioned models (default: the project's models/ or $CLAUSEKIT_MODEL_DIR).")]
Version = Annotated[str | None, typer.Option("--version", help="Themes model version (default: the newest compatible one).")]


@themes_app.command("list")
@handle_errors
def list_cli(model_dir: ModelDir = None, version: Version = None) -> None:
    """One line per theme of the themes model: name, label, threshold, concepts, vetoes, and the model version."""
    from clausekit.outputs.themes import theme_definitions

    found = theme_definitions(model_dir=model_dir, version=version)
    rows = [{"name": d["name"], "label": d["label"], "threshold": f"{d['threshold']:.2f}", "concepts": len(d["concepts"]),
             "vetoes": len(d["vetoes"]), "model": found["model"]} for d in found["themes"]]
    cols = [("name", "name", 20), ("label", "label", 32), ("threshold", "threshold", 9), ("concepts", "concepts", 8),
            ("vetoes", "vetoes", 6), ("model", "model", 16)]
    typer.echo(format_table(rows, cols), nl=False)


@themes_app.command("show")
@handle_errors
def show_cli(
    name: Annotated[str, typer.Argument(help="Theme name, e.g. coercive_measures.")],
    model_dir: ModelDir = None,
    version: Version = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the compiled definition as JSON instead of text.")] = False,
) -> None:
    """Print one theme's definition: description, concepts (terms, window, weight, year), vetoes."""
    from clausekit.outputs.themes import format_definition, theme_definition

    d = theme_definition(name, model_dir=model_dir, version=version)
    typer.echo(json.dumps(d, indent=2, ensure_ascii=False) if as_json else format_definition(d), nl=not as_json)
