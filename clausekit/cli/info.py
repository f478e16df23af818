"""``clausekit info``: versions, models, paths and defaults (what to paste into a bug report)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from clausekit.cli._util import handle_errors
from clausekit.cli.app import app


def format_info(data: dict[str, Any]) -> str:
    """The :func:`clausekit.training.info.info` dict as aligned ``key  value`` lines, like ``spacy info``."""
    lines = ["clausekit info", ""]
    rows: list[tuple[str, str]] = [
        ("clausekit", data["clausekit"]), ("python", data["python"]), ("platform", data["platform"]), ("location", data["location"]),
    ]
    rows.append(("libraries", ""))
    rows += [(f"  {name}", version or "not installed") for name, version in data["dependencies"].items()]
    for m in data["models"]:
        status = "ok" if m["ok"] else f"BROKEN: {m.get('error')}"
        rows.append((f"model {m['name']}", f"{m['version']} ({m.get('selected') or '?'}, {m.get('date') or 'no date'}) {status}"))
    if not data["models"]:
        rows.append(("models", "none; run `clausekit train`"))
    paths = data["paths"]
    rows += [("models folder", paths["models"]),
             ("corpora folder", paths["corpora"] + ("" if paths["corpora_available"] else " (absent)")),
             ("data folder", paths["data"])]
    rows += [(f"${name}", value) for name, value in data["environment"].items() if value is not None]
    rows += [(f"default {key.replace('_', ' ')}", str(value)) for key, value in data["defaults"].items()]
    width = max(len(k) for k, _ in rows)
    lines += [f"{k.ljust(width)}  {v}" for k, v in rows]
    return "\n".join(lines) + "\n"


@app.command("info")
@handle_errors
def info_cli(
    as_json: Annotated[bool, typer.Option("--json", help="Print the same as one JSON object.")] = False,
    model_dir: Annotated[Path | None, typer.Option("--model-dir", help="Folder of versioned models (default: the project's models/ or $CLAUSEKIT_MODEL_DIR).")] = None,
) -> None:
    """Print clausekit's version, its libraries' versions, the installed models, paths and defaults."""
    from clausekit.training.info import info

    data = info(model_dir)
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False) if as_json else format_info(data), nl=as_json)
