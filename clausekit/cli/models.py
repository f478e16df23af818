"""``clausekit models list|show``: the versioned models and their cards."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from clausekit.cli._util import format_table, handle_errors
from clausekit.cli.app import CONTEXT_SETTINGS, app

models_app = typer.Typer(help="List the installed models and show their cards.", no_args_is_help=True, context_settings=CONTEXT_SETTINGS)
app.add_typer(models_app, name="models")

ModelDir = Annotated[Path | None, typer.Option("--model-dir", help="Folder of versioned models (default: the project's models/ or $CLAUSEKIT_MODEL_DIR).")]


@models_app.command("list")
@handle_errors
def list_cli(model_dir: ModelDir = None) -> None:
    """List every model folder: name, version, date, what was selected, and whether its card checks out."""
    from clausekit.models.registry import default_model_dir, list_models

    rows = list_models(model_dir)
    if not rows:
        typer.echo(f"no models in {model_dir or default_model_dir()}; run `clausekit train`")
        return
    for r in rows:
        r["status"] = "ok" if r["ok"] else "BROKEN: " + r.get("error", "")
        r["labels"] = ",".join(r["labels"] or [])
    cols = [("name", "name", 10), ("version", "version", 8), ("date", "date", 25), ("selected", "selected", 13), ("labels", "labels", 50), ("status", "status", 60)]
    typer.echo(format_table(rows, cols), nl=False)


@models_app.command("show")
@handle_errors
def show_cli(
    name: Annotated[str, typer.Argument(help="Model name: function or themes.")],
    version: Annotated[str | None, typer.Option("--version", help="Version to show (default: the newest compatible one).")] = None,
    model_dir: ModelDir = None,
) -> None:
    """Print a model's card (JSON): versions, training data hashes, counts and evaluation figures."""
    from clausekit.models.registry import find_model, read_card

    card = read_card(find_model(name, version, model_dir))
    typer.echo(json.dumps(card, indent=2, ensure_ascii=False))
