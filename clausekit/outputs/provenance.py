"""What produced a report: clausekit's version, the models and their cards, the theme method,
the date, the command line, and every input file with its SHA-256.

>>> p = provenance(inputs=[], argv=["clausekit", "report", "data/seeds"])
>>> sorted(p)[:4]
['clausekit', 'command', 'created', 'inputs']
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import shlex
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

#: The models a report's figures come from.
MODEL_NAMES = ("function", "themes")


def file_sha256(path: str | Path) -> str | None:
    """The SHA-256 of a file's bytes, or ``None`` when it cannot be read (standard input, a vanished file)."""
    h = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    except OSError:
        return None
    return h.hexdigest()


def models_used(model_dir: str | Path | None = None) -> list[dict[str, Any]]:
    """Name, version, date, card checksum, estimator and selected method of each model tagging loads.

    A model that cannot be found is listed with its error, so the report still says what is missing.
    """
    from clausekit.errors import ClausekitError
    from clausekit.models.registry import find_model, read_card

    out: list[dict[str, Any]] = []
    for name in MODEL_NAMES:
        try:
            card = read_card(find_model(name, model_dir=model_dir))
        except ClausekitError as exc:
            out.append({"name": name, "error": str(exc)})
            continue
        selected = card.get("selected") or {}
        out.append(
            {
                "name": card.get("name", name),
                "version": card.get("version"),
                "date": card.get("date"),
                "card_sha256": card.get("card_sha256"),
                "model_sha256": card.get("model_sha256"),
                "estimator": card.get("estimator"),
                "method": selected.get("estimator"),
                "why": selected.get("reason"),
                "labels": card.get("labels"),
            }
        )
    return out


def theme_method(models: Sequence[dict[str, Any]]) -> str:
    """How themes were decided, in words, from :func:`models_used`."""
    themes = next((m for m in models if m.get("name") == "themes"), None)
    if not themes or "error" in themes:
        return "unknown (no theme model found)"
    method = themes.get("method") or themes.get("estimator") or "unknown"
    if method == "rule_baseline" or "Rule" in str(themes.get("estimator")):
        return (
            "term lists written from the labeling guide (rule baseline, selected on held-out data)"
        )
    return f"learned model ({method})"


def provenance(
    *,
    inputs: Iterable[str | Path] = (),
    argv: Sequence[str] | None = None,
    model_dir: str | Path | None = None,
    created: _dt.datetime | None = None,
    not_read: Iterable[tuple[str, str]] = (),
) -> dict[str, Any]:
    """Everything a reader needs to reproduce a report, as plain data (JSON-ready).

    ``inputs`` are the files read (each hashed here), ``argv`` the command line (default
    ``sys.argv``; in a notebook, give your own or ``[]``). ``not_read`` are the ``(path, reason)``
    of the inputs that failed or were skipped: a report over part of a corpus says so.
    """
    from clausekit import __version__

    models = models_used(model_dir)
    argv = list(sys.argv if argv is None else argv)
    if argv and Path(argv[0]).name in ("__main__.py", "clausekit"):
        argv[0] = "clausekit"
    files = [{"path": str(p), "sha256": file_sha256(p)} for p in inputs]
    return {
        "clausekit": __version__,
        "created": (created or _dt.datetime.now(_dt.UTC)).isoformat(timespec="seconds"),
        "command": shlex.join(argv) if argv else None,
        "python": sys.version.split()[0],
        "models": models,
        "theme_method": theme_method(models),
        "inputs": files,
        "not_read": [{"path": str(p), "reason": str(r).removeprefix(f"{p}: ")} for p, r in not_read],
    }
