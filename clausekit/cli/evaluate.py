"""``clausekit evaluate``: held-out figures of the models and rule baselines, printed or written where asked."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from clausekit.cli._output import Force
from clausekit.cli._progress import Progress
from clausekit.cli._util import Quiet, Verbose, handle_errors, verbosity
from clausekit.cli.app import app


@app.command("evaluate")
@handle_errors
def evaluate_cli(
    model_dir: Annotated[Path | None, typer.Option("--model-dir", help="Folder of versioned models to evaluate.")] = None,
    folds: Annotated[int, typer.Option("--folds", min=2, help="Grouped cross-validation folds (2 or more).")] = 5,
    trust: Annotated[bool, typer.Option("--trust", help="Load models from a folder outside the project's models/.")] = False,
    quiet: Quiet = False,
    verbose: Verbose = False,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Also write the figures as JSON to this file (atomically); an existing file is replaced only if clausekit wrote it (see --force).")] = None,
    force: Force = False,
    update_cards: Annotated[bool, typer.Option("--update-cards", help="Write the figures into the models' cards (the shipped cards by default); without it no card is touched.")] = False,
) -> None:
    """Grouped cross-validation by document family, part prediction on ICE, SC sanctions fires, 001/003 agreement."""
    from clausekit.cli._output import check_output, open_output
    from clausekit.models.registry import load_model
    from clausekit.training.evaluation import evaluate, format_figures
    from clausekit.training.evaluation import update_cards as write_cards

    check_output(output, force=force)  # refuse a bad --output before minutes of evaluation
    final = {"function": load_model("function", model_dir=model_dir, trust=trust),
             "themes": load_model("themes", model_dir=model_dir, trust=trust)}
    verbosity(quiet, verbose)
    with Progress(f"evaluating: {folds}-fold cross-validation by document family"):  # a spinner, on a terminal only
        figures = evaluate(n_splits=folds, final=final)
    typer.echo(format_figures(figures), nl=False)
    if output is not None:
        with open_output(output, force=force) as f:
            f.write(json.dumps(figures, indent=2, ensure_ascii=False, default=str) + "\n")
        typer.echo(f"figures written to {output}")
    if update_cards:
        for path in write_cards(figures, model_dir):
            typer.echo(f"figures written into {path}")
