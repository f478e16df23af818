"""``clausekit train``: rebuild the shipped models from the annotation files, or build a themes model with a user's themes."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from clausekit.cli._progress import Progress
from clausekit.cli._util import Quiet, Verbose, handle_errors, verbosity, warn
from clausekit.cli.app import app


@app.command("train")
@handle_errors
def train_cli(
    model_dir: Annotated[Path | None, typer.Option("--model-dir", help="Folder to write models/<name>/<version>/ into (default: the project's models/).")] = None,
    folds: Annotated[int, typer.Option("--folds", min=2, help="Grouped cross-validation folds for the evaluation (2 or more).")] = 5,
    quiet: Quiet = False,
    verbose: Verbose = False,
    themes: Annotated[list[Path] | None, typer.Option("--themes", help="A theme definition file (TOML) to add to the built-in themes; repeat for several. Builds a new themes model version only.")] = None,
    labels: Annotated[Path | None, typer.Option("--labels", help="CSV of labelled clauses (columns text, themes; optional doc_id, family, year) to evaluate the themes on (with --themes).")] = None,
    only_themes: Annotated[bool, typer.Option("--only-themes", help="Rebuild the shipped themes model (definitions) only, not the function model.")] = False,
    version: Annotated[str | None, typer.Option("--version", help="Version of the themes model to write (default: 2.0.0 for the shipped one; the newest themes version with its minor number raised for a user's themes). Never overwrites a user's version.")] = None,
) -> None:
    """Evaluate models and rule baselines on held-out families, ship the winners, write their cards.

    With --themes FILE (and --labels CSV), build a new themes model version holding the
    built-in themes unchanged and yours, print held-out figures, and warn when positives are few.
    """
    verbosity(quiet, verbose)
    if themes or labels or only_themes:
        from clausekit.training.themes import build_themes, format_theme_figures

        result = build_themes(model_dir, version=version, extra_files=themes or [], labels=labels, n_splits=folds)
        typer.echo(format_theme_figures(result["figures"]), nl=False)
        for message in result["warnings"]:
            warn(message)
        typer.echo(f"themes {result['version']}: {result['shipped']} -> {result['path']}")
        return
    from clausekit.training.evaluation import format_figures
    from clausekit.training.trainer import train

    with Progress(f"training: {folds}-fold cross-validation, then the final models"):  # a spinner, on a terminal only
        result = train(model_dir, n_splits=folds)
    typer.echo(format_figures(result["figures"]), nl=False)
    for name, path in result["paths"].items():
        typer.echo(f"{name}: {result['selected'][name]} -> {path}")
