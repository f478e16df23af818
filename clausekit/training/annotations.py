"""The hand labels: the seed clauses (with their text) and the shared corpora's labels (by id, text read from the corpora)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from clausekit.lemmas.frames import clause_frame
from clausekit.training.corpora import ANNOTATIONS_CSV, PROJECT_ROOT

SEEDS_CSV = PROJECT_ROOT / "data" / "annotations" / "seeds.csv"
#: Copies of one text among the seeds (001 is the OCR'd 003): one family each.
SEED_FAMILIES = {"001_11bf369c9702862e": "003_0d3b84d2626458c8"}


def load_seeds(path: str | Path = SEEDS_CSV) -> pd.DataFrame:
    """The seed annotations (guide §4 format, with text) as training rows."""
    from clausekit.errors import ClausekitError

    path = Path(path)
    if not path.is_file():
        raise ClausekitError(f"seed annotations not found: {path}")
    s = pd.read_csv(path, dtype=str, keep_default_na=False)
    s["clause_index"] = s["clause_index"].astype(int)
    s["themes"] = s["themes"].map(lambda v: [t for t in v.split(";") if t])
    s["family"] = "seed:" + s["doc_id"].map(lambda d: SEED_FAMILIES.get(d, d))
    s["source"] = "seeds"
    s["note"] = ""
    s["year"] = None
    return clause_frame(s)


def load_corpora(path: str | Path = ANNOTATIONS_CSV) -> pd.DataFrame:
    """The corpora annotations with their text; ICE rows get their relative position in the resolution."""
    from clausekit.training import corpora

    a = corpora.load_annotations(path)
    a["source"] = a["corpus"]
    a["clause_index"] = a["ref"]
    ice_len = corpora._ice_table().groupby("doc_id")["ref"].max()
    pos = a["ref"] / a["doc_id"].map(ice_len)
    a["position"] = pos.where(a["corpus"] == "ice", 0.5).fillna(0.5).clip(0, 1)
    a["family"] = a["corpus"] + ":" + a["family"]
    return clause_frame(a)


def load_training_data(seeds: str | Path = SEEDS_CSV, annotations: str | Path = ANNOTATIONS_CSV) -> pd.DataFrame:
    """Seeds and corpora annotations in one frame: text, lead, part, position, function, themes, family, source."""
    frames = [load_seeds(seeds)]
    if Path(annotations).is_file():
        frames.append(load_corpora(annotations))
    cols = ["source", "doc_id", "clause_index", "family", "part", "lead", "position", "text", "function", "themes", "note", "year"]
    data = pd.concat([f[cols] for f in frames], ignore_index=True)
    data["clause_index"] = pd.to_numeric(data["clause_index"])
    return data
