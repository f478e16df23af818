"""Readers for the shared corpora (ICE resolutions, UNPC dev set) and the id-only annotations.

The corpus text is never copied into the project: it is read from a folder given by the
``CLAUSEKIT_CORPORA`` environment variable, by default ``<project root>/../shared/corpora``.
``data/annotations/corpora.csv`` refers to it by ``(corpus, doc_id, ref)`` only.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from clausekit.errors import ClausekitError

PROJECT_ROOT = Path(__file__).resolve().parents[2]
ANNOTATIONS_CSV = PROJECT_ROOT / "data" / "annotations" / "corpora.csv"
ANNOTATION_COLUMNS = ["corpus", "doc_id", "ref", "family", "part", "function", "themes", "note"]

UNPC_FR = "unpc-dev/UNv1.0.devset.fr"
UNPC_IDS = "unpc-dev/UNv1.0.devset.ids"
ICE_DIR = "ice"
ICE_EXPERT = "ice-human-annotations/para-type-annos-363p-expert.csv"


class CorporaNotFoundError(ClausekitError):
    """The shared corpora folder (or one of its files) is missing."""

    exit_code = 2


def corpora_dir() -> Path:
    """The shared corpora folder: ``$CLAUSEKIT_CORPORA`` if set, else ``<project>/../shared/corpora``."""
    env = os.environ.get("CLAUSEKIT_CORPORA")
    if env:
        return Path(env)
    return PROJECT_ROOT.parent / "shared" / "corpora"


def available() -> bool:
    """True when the corpora folder exists with both the ICE and the UNPC dev parts."""
    root = corpora_dir()
    return (root / ICE_DIR).is_dir() and (root / UNPC_FR).is_file() and (root / UNPC_IDS).is_file()


def _require(relative: str) -> Path:
    path = corpora_dir() / relative
    if not path.exists():
        raise CorporaNotFoundError(
            f"shared corpora not found at {path}; set CLAUSEKIT_CORPORA to the corpora folder"
        )
    return path


def iter_ice() -> Iterator[tuple[str, int | None, list[dict[str, Any]]]]:
    """Yield ``(text_id, year, paragraphs)`` per ICE resolution, in file-name order.

    Each paragraph is a dict with ``para_number``, ``para`` (French) and ``type``
    (``preambular``, ``operative`` or None for structural paragraphs).
    """
    folder = _require(ICE_DIR)
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        text_id = data.get("TEXT_ID") or path.stem
        yield text_id, ice_year(text_id), [
            {"para_number": p["para_number"], "para": p.get("para") or "", "type": p.get("type")}
            for p in data.get("body", {}).get("paragraphs", [])
        ]


def ice_year(text_id: str) -> int | None:
    """The year in an ICE text id (``ICPE-03-1934_RES1-FR_res_1`` -> 1934)."""
    parts = text_id.split("_")[0].split("-")
    try:
        return int(parts[2])
    except (IndexError, ValueError):
        return None


def unpc_lines() -> pd.DataFrame:
    """The UNPC dev set as a DataFrame: ``line`` (1-based), ``doc_id``, ``fr``."""
    fr = _require(UNPC_FR).read_text(encoding="utf-8").split("\n")
    ids = _require(UNPC_IDS).read_text(encoding="utf-8").split("\n")
    if fr and fr[-1] == "":
        fr = fr[:-1]
    if ids and ids[-1] == "":
        ids = ids[:-1]
    if len(fr) != len(ids):
        raise CorporaNotFoundError(
            f"{UNPC_FR} has {len(fr)} lines but {UNPC_IDS} has {len(ids)}; the corpus copy is damaged"
        )
    return pd.DataFrame(
        {
            "line": range(1, len(fr) + 1),
            "doc_id": [i.split(" ", 1)[0] for i in ids],
            "fr": fr,
        }
    )


def ice_expert_labels() -> pd.DataFrame:
    """Expert paragraph-type labels for 363 ICE paragraphs (column ``type``)."""
    return pd.read_csv(_require(ICE_EXPERT))


def _ice_table() -> pd.DataFrame:
    rows = [
        {"doc_id": text_id, "ref": int(p["para_number"]), "text": p["para"], "year": year}
        for text_id, year, paras in iter_ice()
        for p in paras
    ]
    return pd.DataFrame(rows, columns=["doc_id", "ref", "text", "year"])


def load_annotations(path: str | Path = ANNOTATIONS_CSV) -> pd.DataFrame:
    """The id-only annotations joined with their text from the corpora (column ``text``).

    ``themes`` becomes a list of theme names. Raises :class:`CorporaNotFoundError` when
    the corpora folder is missing and :class:`ClausekitError` when a row does not resolve.
    """
    path = Path(path)
    if not path.is_file():
        raise ClausekitError(f"annotation file not found: {path}")
    ann = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in ANNOTATION_COLUMNS if c not in ann.columns]
    if missing:
        raise ClausekitError(f"{path}: missing columns {missing}")
    if not available():
        raise CorporaNotFoundError(
            f"shared corpora not found at {corpora_dir()}; set CLAUSEKIT_CORPORA to the corpora folder"
        )
    ann["ref"] = ann["ref"].astype(int)
    ann["row"] = range(len(ann))

    ice = _ice_table()
    unpc = unpc_lines().rename(columns={"line": "ref", "fr": "text"})
    unpc["year"] = unpc["doc_id"].str.slice(0, 4).astype(int)

    parts = []
    a_ice = ann[ann["corpus"] == "ice"].merge(ice, on=["doc_id", "ref"], how="left")
    parts.append(a_ice)
    a_unpc = ann[ann["corpus"] == "unpc"].merge(unpc, on=["doc_id", "ref"], how="left")
    parts.append(a_unpc)
    other = ann[~ann["corpus"].isin(["ice", "unpc"])]
    if len(other):
        raise ClausekitError(f"{path}: unknown corpus values {sorted(set(other['corpus']))}")
    out = pd.concat(parts).sort_values("row").drop(columns="row").reset_index(drop=True)
    unresolved = out[out["text"].isna()]
    if len(unresolved):
        first = unresolved.iloc[0]
        raise ClausekitError(
            f"{path}: {len(unresolved)} rows do not resolve to a corpus text, e.g. "
            f"{first['corpus']} {first['doc_id']} ref {first['ref']}"
        )
    out["themes"] = out["themes"].map(lambda s: [t for t in s.split(";") if t])
    return out
