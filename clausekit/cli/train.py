"""``clausekit train``: rebuild the shipped models from the annotation files, with their cards."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from clausekit.cli._progress import Progress
from clausekit.cli._util import Quiet, Verbose, handle_errors, verbosity
from clausekit.cli.app import app


@app.command("train")
@handle_errors
def train_cli(
    model_dir: Annotated[Path | None, typer.Option("--model-dir", help="Folder to write models/<name>/<version>/ into (default: the project's models/).")] = None,
    folds: Annotated[int, typer.Option("--folds", min=2, help="Grouped cross-validation folds for the evaluation (2 or more).")] = 5,
    quiet: Quiet = False,
    verbose: Verbose = False,
) -> None:
    """Evaluate models and rule baselines on held-out families, ship the winners, write their cards."""
    from clausekit.training.evaluation import format_figures
    from clausekit.training.trainer import train

    verbosity(quiet, verbose)
    with Progress(f"training: {folds}-fold cross-validation, then the final models"):  # a spinner, on a terminal only
        result = train(model_dir, n_splits=folds)
    typer.echo(format_figures(result["figures"]), nl=False)
    for name, path in result["paths"].items():
        typer.echo(f"{name}: {result['selected'][name]} -> {path}")
