"""Fitted estimators -> the compiled form that tagging reads (``scorer.json`` + ``scorer.npz``)."""

from __future__ import annotations

from typing import Any

import numpy as np

from clausekit.models.estimators import (
    FunctionClassifier,
    RuleFunctionBaseline,
    RuleThemeBaseline,
    ThemeClassifier,
)
from clausekit.models.scoring import (
    FORMAT,
    CompiledFeatures,
    LinearFunctionScorer,
    LinearThemeScorer,
    RuleFunctionScorer,
    RuleThemeScorer,
)
from clausekit.models.theme_model import DefinitionThemeModel


def _export_linear(estimator: Any, classes: Any) -> dict[str, np.ndarray]:
    """A (calibrated) logistic regression as stacked arrays, one block of rows per calibration fold.

    Rows of ``coef``: every fold's decision functions (one per class, or one for a binary model);
    ``target``: the column of ``classes`` each row's calibrated probability goes to; ``fold``: its fold.
    """
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.linear_model import LogisticRegression

    classes = list(classes)
    coef, intercept, a, b, target, fold = [], [], [], [], [], []
    if isinstance(estimator, LogisticRegression):
        members = [(estimator, None)]
    elif isinstance(estimator, CalibratedClassifierCV) and estimator.method == "sigmoid":
        members = [(c.estimator, c.calibrators) for c in estimator.calibrated_classifiers_]
    else:
        raise ValueError(f"cannot compile {type(estimator).__name__}")
    for k, (lr, calibrators) in enumerate(members):
        if not isinstance(lr, LogisticRegression):
            raise ValueError(f"cannot compile a calibrated {type(lr).__name__}")
        lr_classes = list(lr.classes_)
        positives = lr_classes[1:] if len(lr_classes) == 2 else lr_classes
        for r, cls in enumerate(positives):
            coef.append(lr.coef_[r])
            intercept.append(lr.intercept_[r])
            a.append(calibrators[r].a_ if calibrators else np.nan)
            b.append(calibrators[r].b_ if calibrators else np.nan)
            target.append(classes.index(cls))
            fold.append(k)
    return {
        "coef": np.vstack(coef).astype(float),
        "intercept": np.asarray(intercept, dtype=float),
        "cal_a": np.asarray(a, dtype=float),
        "cal_b": np.asarray(b, dtype=float),
        "target": np.asarray(target, dtype=np.int64),
        "fold": np.asarray(fold, dtype=np.int64),
    }



def compile_model(estimator: Any) -> tuple[dict[str, Any], dict[str, np.ndarray]] | None:
    """``(spec, arrays)`` of a fitted clausekit estimator, or None when it cannot be compiled.

    Compiles the four estimators of :mod:`clausekit.models.estimators` as trained by ``clausekit train``
    (lemma features, sigmoid-calibrated or plain logistic regressions); anything else (e.g. a
    model fitted on a numeric matrix) stays skops-only.
    """
    spec: dict[str, Any] = {"format": FORMAT, "classes": [str(c) for c in estimator.classes_]}
    arrays: dict[str, np.ndarray] = {}
    if isinstance(estimator, RuleThemeBaseline):
        spec.update(kind=RuleThemeScorer.kind, patterns=estimator.patterns_, vetoes=estimator.vetoes_,
                    thresholds=[float(t) for t in estimator.thresholds_])
        return spec, arrays
    if isinstance(estimator, DefinitionThemeModel):
        spec.update(kind="themes_definitions", definitions=estimator.specs_, context=bool(estimator.context),
                    thresholds=[float(t) for t in estimator.thresholds_])
        return spec, arrays
    if isinstance(estimator, RuleFunctionBaseline):
        spec.update(kind=RuleFunctionScorer.kind)
        return spec, {"fallback": np.asarray(estimator.fallback_, dtype=float)}
    if not isinstance(estimator, FunctionClassifier | ThemeClassifier) or estimator.featurizer_ is None:
        return None
    try:
        spec["features"], arrays = CompiledFeatures.export(estimator.featurizer_)
        if isinstance(estimator, FunctionClassifier):
            spec["kind"] = LinearFunctionScorer.kind
            arrays.update(_export_linear(estimator.estimator_, estimator.classes_))
        else:
            spec.update(kind=LinearThemeScorer.kind, thresholds=[float(t) for t in estimator.thresholds_],
                        learned=[est is not None for est in estimator.estimators_])
            for j, est in enumerate(estimator.estimators_):
                if est is not None:
                    arrays.update({f"t{j}_{k}": v for k, v in _export_linear(est, [0, 1]).items()})
    except ValueError:
        return None
    return spec, arrays


