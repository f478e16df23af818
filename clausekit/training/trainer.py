"""Rebuild every shipped model from the annotation files, reproducibly, and write them with their cards.

:func:`train` loads ``data/annotations/seeds.csv`` and ``data/annotations/corpora.csv``, runs the
grouped evaluation of :mod:`clausekit.training.evaluation` (models and rule baselines), ships for each task
whichever wins on held-out data, fits it on all the data and saves it with
:func:`clausekit.models.registry.save_model`. Seeds are fixed, so two runs give the same models.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from clausekit.training.annotations import SEEDS_CSV, load_training_data
from clausekit.training.corpora import ANNOTATIONS_CSV
from clausekit.training.evaluation import _twin_agreement_segmented

MODEL_VERSION = "1.4.0"


def _select(figures: dict[str, Any], task: str, target: str) -> tuple[str, str]:
    m, r = figures[task]["model"]["macro_f1"], figures[task]["rule_baseline"]["macro_f1"]
    if m >= r:
        return "model", f"held-out macro-F1 {m:.3f} >= rule baseline {r:.3f} ({target})"
    return "rule_baseline", f"rule baseline held-out macro-F1 {r:.3f} > model {m:.3f} ({target})"


def train(model_dir: str | Path | None = None, *, n_splits: int = 5, version: str = MODEL_VERSION) -> dict[str, Any]:
    """Evaluate, pick, fit on all data and save ``function`` and ``themes``; returns the figures and card paths."""
    from clausekit.models import registry
    from clausekit.models.estimators import (
        THEMES,
        FunctionClassifier,
        RuleFunctionBaseline,
        RuleThemeBaseline,
        ThemeClassifier,
    )
    from clausekit.training.evaluation import evaluate

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
    # Themes come from the definition files (clausekit/models/themes/*.toml), evaluated against a
    # learned model and a blend by clausekit.training.themes, as version THEMES_VERSION.
    from clausekit.training.themes import build_themes

    themes = build_themes(model_dir, n_splits=n_splits)
    paths["themes"] = themes["path"]
    figures["themes_definitions"] = themes["figures"]
    return {"figures": figures, "paths": paths, "selected": {"function": fn_choice, "themes": themes["shipped"]}}
