"""Grouped 5-fold cross-validated function macro-F1 of FunctionClassifier with and without rule 5 on top (issue 12).

    .venv/bin/python scripts/cv_lead_rules.py
"""

from __future__ import annotations

import numpy as np
from sklearn.metrics import f1_score
from sklearn.model_selection import GroupKFold

from clausekit.models import rules
from clausekit.models.estimators import FUNCTIONS, FunctionClassifier
from clausekit.training.annotations import load_training_data


def main() -> int:
    data = load_training_data()
    y = data["function"].to_numpy()
    groups = data["family"].to_numpy()
    predictions = {"with lead rules": np.empty(len(y), dtype=object), "without rule 5": np.empty(len(y), dtype=object)}
    weight = rules.RULE_WEIGHT
    for train, test in GroupKFold(n_splits=5).split(data, y, groups):
        model = FunctionClassifier().fit(data.iloc[train], y[train])
        for name, w in (("with lead rules", weight), ("without rule 5", 0.0)):
            rules.RULE_WEIGHT = w
            predictions[name][test] = model.predict(data.iloc[test])
    rules.RULE_WEIGHT = weight
    for name, pred in predictions.items():
        f1 = f1_score(y, pred, labels=list(FUNCTIONS), average="macro", zero_division=0)
        print(f"{name}: macro-F1 {f1:.4f}, accuracy {(pred == y).mean():.4f}, n {len(y)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
