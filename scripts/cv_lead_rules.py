"""Grouped 5-fold cross-validated function macro-F1 of FunctionClassifier with and without rule 5 on top (issue 12).

    .venv/bin/python scripts/cv_lead_rules.py
"""
import sys, numpy as np
from sklearn.model_selection import GroupKFold
from sklearn.metrics import f1_score
from clausekit.training.annotations import load_training_data
from clausekit.models.estimators import FunctionClassifier
from clausekit.models import rules
from clausekit.models.estimators import FUNCTIONS
data = load_training_data()
y = data["function"].to_numpy(); groups = data["family"].to_numpy()
pred_on = np.empty(len(y), dtype=object); pred_off = np.empty(len(y), dtype=object)
for tr, te in GroupKFold(n_splits=5).split(data, y, groups):
    fm = FunctionClassifier().fit(data.iloc[tr], y[tr])
    rules.RULE_WEIGHT = 0.8
    pred_on[te] = fm.predict(data.iloc[te])
    rules.RULE_WEIGHT = 0.0
    pred_off[te] = fm.predict(data.iloc[te])
for name, p in (("with lead rules", pred_on), ("without rule 5", pred_off)):
    print(name, "macro-F1", round(f1_score(y, p, labels=list(FUNCTIONS), average="macro", zero_division=0), 4), "acc", round((p == y).mean(), 4), "n", len(y))
