"""``clausekit evaluate``: held-out figures of the models and rule baselines, written into the cards."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from clausekit.cli._util import Progress, Quiet, Verbose, handle_errors, verbosity
from clausekit.cli.app import app


@app.command("evaluate")
@handle_errors
def evaluate_cli(
    model_dir: Annotated[Path | None, typer.Option("--model-dir", help="Folder of versioned models whose cards get the figures.")] = None,
    folds: Annotated[int, typer.Option("--folds", help="Grouped cross-validation folds.")] = 5,
    trust: Annotated[bool, typer.Option("--trust", help="Load models from a folder outside the project's models/.")] = False,
    quiet: Quiet = False,
    verbose: Verbose = False,
) -> None:
    """Grouped cross-validation by document family, part prediction on ICE, SC sanctions fires, 001/003 agreement."""
    from clausekit.models.registry import load_model
    from clausekit.training.evaluation import evaluate, format_figures, update_cards

    final = {"function": load_model("function", model_dir=model_dir, trust=trust),
             "themes": load_model("themes", model_dir=model_dir, trust=trust)}
    verbosity(quiet, verbose)
    with Progress(f"evaluating: {folds}-fold cross-validation by document family"):  # a spinner, on a terminal only
        figures = evaluate(n_splits=folds, final=final)
    typer.echo(format_figures(figures), nl=False)
    for path in update_cards(figures, model_dir):
        typer.echo(f"figures written into {path}")
