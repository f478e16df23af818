"""Rebuild every shipped model from the annotation files, reproducibly, and write them with their cards.

:func:`train` loads ``data/annotations/seeds.csv`` and ``data/annotations/corpora.csv``, runs the
grouped evaluation of :mod:`clausekit.evaluate` (models and rule baselines), ships for each task
whichever wins on held-out data, fits it on all the data and saves it with
:func:`clausekit.registry.save_model`. Seeds are fixed, so two runs give the same models.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from clausekit.corpora import ANNOTATIONS_CSV, PROJECT_ROOT
from clausekit.lemmas import clause_frame

SEEDS_CSV = PROJECT_ROOT / "data" / "annotations" / "seeds.csv"
#: Copies of one text among the seeds (001 is the OCR'd 003): one family each.
SEED_FAMILIES = {"001_11bf369c9702862e": "003_0d3b84d2626458c8"}
MODEL_VERSION = "1.2.0"


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
    from clausekit import corpora

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


def _select(figures: dict[str, Any], task: str, target: str) -> tuple[str, str]:
    m, r = figures[task]["model"]["macro_f1"], figures[task]["rule_baseline"]["macro_f1"]
    if m >= r:
        return "model", f"held-out macro-F1 {m:.3f} >= rule baseline {r:.3f} ({target})"
    return "rule_baseline", f"rule baseline held-out macro-F1 {r:.3f} > model {m:.3f} ({target})"


def train(model_dir: str | Path | None = None, *, n_splits: int = 5, version: str = MODEL_VERSION) -> dict[str, Any]:
    """Evaluate, pick, fit on all data and save ``function`` and ``themes``; returns the figures and card paths."""
    from clausekit import registry
    from clausekit.evaluate import evaluate
    from clausekit.models import (
        THEMES,
        FunctionClassifier,
        RuleFunctionBaseline,
        RuleThemeBaseline,
        ThemeClassifier,
    )

    files = [SEEDS_CSV, ANNOTATIONS_CSV]
    data = load_training_data()
    y = data["function"].to_numpy()

    fn_choice, fn_reason = None, None
    th_choice, th_reason = None, None
    final = {
        "function": FunctionClassifier().fit(data, y),
        "themes": ThemeClassifier(themes=THEMES).fit(data, list(data["themes"]), groups=data["family"].to_numpy()),
    }
    figures = evaluate(data, n_splits=n_splits, final=final)
    fn_choice, fn_reason = _select(figures, "function", "target 0.95")
    th_choice, th_reason = _select(figures, "themes", "target 0.90 per theme")
    if fn_choice == "rule_baseline":
        final["function"] = RuleFunctionBaseline().fit(data, y)
    if th_choice == "rule_baseline":
        final["themes"] = RuleThemeBaseline().fit()
        figures = evaluate(data, n_splits=n_splits, final=final)  # count SC fires of what is shipped
    figures["twin_agreement_segmented"] = _twin_agreement_segmented(final)

    counts = {
        "clauses": int(len(data)),
        "families": int(data["family"].nunique()),
        "by_source": {k: int(v) for k, v in data["source"].value_counts().items()},
        "function": {k: int(v) for k, v in data["function"].value_counts().items()},
        "themes": {t: int(sum(t in ls for ls in data["themes"])) for t in THEMES},
    }
    paths = {}
    for name, choice, reason, labels in (
        ("function", fn_choice, fn_reason, list(final["function"].classes_)),
        ("themes", th_choice, th_reason, list(final["themes"].classes_)),
    ):
        task = "function" if name == "function" else "themes"
        paths[name] = registry.save_model(
            final[name], name, version, model_dir=model_dir, labels=labels, training_files=files, counts=counts,
            evaluation={
                "protocol": figures["protocol"],
                "heldout": figures[task],
                "sc_sanctions_rows": figures.get("sc_sanctions_rows"),
                "sc_sanctions_unpc": figures.get("sc_sanctions_unpc"),
                "twin_agreement_heldout": figures.get("twin_agreement_heldout"),
                "twin_agreement_segmented": figures.get("twin_agreement_segmented"),
                "part_ice": figures.get("part_ice"),
            },
            selected={"estimator": choice, "reason": reason},
        )
    return {"figures": figures, "paths": paths, "selected": {"function": fn_choice, "themes": th_choice}}


def _twin_agreement_segmented(final: dict[str, Any]) -> dict[str, Any] | None:
    """Agreement of the shipped models on seeds 001 and 003 as segmented from their files."""
    from clausekit.evaluate import TWIN_SEEDS, twin_agreement
    from clausekit.segment import segment

    rows = []
    for doc_id in TWIN_SEEDS:
        path = PROJECT_ROOT / "data" / "seeds" / f"{doc_id}.txt"
        if not path.is_file():
            return None
        frame = clause_frame(segment(path).to_frame().rename(columns={"index": "clause_index"}))
        fn = final["function"].predict(frame)
        th = final["themes"].predict_themes(frame)
        rows.append(pd.DataFrame({"doc_id": doc_id, "clause_index": frame["clause_index"], "f": fn, "t": th}))
    return twin_agreement(pd.concat(rows, ignore_index=True), "f", "t")
