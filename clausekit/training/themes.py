"""Build and evaluate the themes model from definition files: the shipped themes, and users' own themes.

:func:`evaluate_themes` scores, on the hand labels and with 5-fold cross-validation grouped by
document family, three candidates:

- ``definitions``: the theme definitions (:class:`~clausekit.models.theme_model.DefinitionThemeModel`,
  nothing learned, documents read in context);
- ``learned``: a calibrated logistic regression per theme over lemma n-grams
  (:class:`~clausekit.models.estimators.ThemeClassifier`), trained on the training folds' hand
  labels plus weak labels that the definitions give over the shared corpora (never on a
  family of the test fold);
- ``blend``: the mean of the two scores.

:func:`build_themes` ships the winner (macro-F1 over themes; ties go to ``definitions``, which
needs no training data), with a reliability table of its held-out scores in the card.
A user's definition file and labelled CSV go through the same function (``extra``, ``labels``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sklearn.model_selection import GroupKFold

from clausekit.errors import InputError
from clausekit.models.definitions import BUILTIN
from clausekit.models.theme_model import DefinitionThemeModel
from clausekit.training.evaluation import is_sc_sanctions, theme_figures, theme_matrix

THEMES_VERSION = "2.0.0"
#: Fewer positive examples than this in a user's labels: figures are printed with a warning.
MIN_POSITIVES = 20


def reliability(Y: np.ndarray, proba: np.ndarray, themes: Sequence[str]) -> list[dict[str, Any]]:
    """Predicted score against observed rate, over every (clause, theme) pair with a score above 0.

    Pairs scoring exactly 0 (no evidence at all, most of them) form their own row.
    """
    y, p = Y.ravel(), proba.ravel()
    rows = []
    zero = p == 0
    if zero.any():
        rows.append({"bin": "0", "n": int(zero.sum()), "mean_score": 0.0, "observed": round(float(y[zero].mean()), 4)})
    edges = [0.0, 0.2, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0001]
    for lo, hi in zip(edges[:-1], edges[1:], strict=True):
        m = (p > lo) & (p < hi) if lo == 0 else (p >= lo) & (p < hi)
        if m.any():
            rows.append({"bin": f"{lo:.2f}-{min(hi, 1):.2f}", "n": int(m.sum()),
                         "mean_score": round(float(p[m].mean()), 4), "observed": round(float(y[m].mean()), 4)})
    return rows


def weak_labels(model: DefinitionThemeModel) -> pd.DataFrame:
    """UNPC dev lines and ICE paragraphs with the themes the definitions give them (``family`` set), or an empty frame."""
    from clausekit.lemmas.frames import clause_frame
    from clausekit.training import corpora

    if not corpora.available():
        return pd.DataFrame()
    u = corpora.unpc_lines().rename(columns={"fr": "text", "line": "clause_index"})
    u["family"] = "unpc:" + u["doc_id"]
    u["year"] = u["doc_id"].str.slice(0, 4).astype(int)
    rows = [u[["doc_id", "clause_index", "family", "year", "text"]]]
    i = corpora._ice_table().rename(columns={"ref": "clause_index"})
    i["family"] = "ice:" + i["doc_id"].astype(str)
    rows.append(i[["doc_id", "clause_index", "family", "year", "text"]])
    frame = pd.concat(rows, ignore_index=True)
    frame["text"] = frame["text"].fillna("").astype(str)
    frame["part"] = ""
    frame = clause_frame(frame)
    frame["themes"] = model.predict_themes(frame)
    return frame


def _learned(themes: Sequence[str]) -> Any:
    from clausekit.models.estimators import ThemeClassifier

    # 3 threshold folds, 2 calibration folds: the weak labels make ~8,000 rows, and the default
    # 5 x 3 refits per theme and fold take most of an hour on the shared 2-core host
    return ThemeClassifier(themes=list(themes), threshold_folds=3, cv=2)


def evaluate_themes(data: pd.DataFrame, model: DefinitionThemeModel, *, n_splits: int = 5,
                    weak: pd.DataFrame | None = None, learned: bool = True) -> dict[str, Any]:
    """Held-out figures of the candidates on ``data`` (columns text, themes, family, doc_id, clause_index, year)."""
    themes = [str(t) for t in model.classes_]
    Y = theme_matrix(data["themes"], themes)
    groups = data["family"].to_numpy()
    k = min(n_splits, len(set(groups)))
    proba = {"definitions": model.predict_proba(data)}  # nothing is learned: every clause is held out
    if learned and k >= 2:
        from clausekit.lemmas.frames import set_lemmatizer

        # the fast lemma path, which tagging uses, so the learned scores are those a user would get
        previous = set_lemmatizer("fast")
        lp = np.zeros_like(proba["definitions"])
        try:
            for train, test in GroupKFold(n_splits=k).split(data, groups=groups):
                tr = data.iloc[train]
                if weak is not None and len(weak):
                    held = set(groups[test]) | set(data["doc_id"].iloc[test])
                    keep = ~(weak["family"].isin(held) | weak["doc_id"].isin(held))
                    tr = pd.concat([tr, weak[keep]], ignore_index=True)
                clf = _learned(themes).fit(tr, list(tr["themes"]), groups=tr["family"].to_numpy())
                lp[test] = clf.predict_proba(data.iloc[test])
        finally:
            set_lemmatizer(previous)
        proba["learned"] = lp
        proba["blend"] = (proba["definitions"] + lp) / 2
    thresholds = np.asarray(model.thresholds_, dtype=float)
    out: dict[str, Any] = {
        "protocol": f"GroupKFold(n_splits={k}) over family; {len(data)} clauses, {len(set(groups))} families"
                    + ("" if "learned" not in proba else "; learned: labels of the training folds"
                       + (f" + the definitions' weak labels over {len(weak)} lines of the shared corpora" if weak is not None and len(weak) else "")),
        "candidates": {},
    }
    for name, p in proba.items():
        pred = (p >= (thresholds if name != "learned" else 0.5)).astype(int)
        fig = theme_figures(Y, p, pred, themes)
        supported = [m["f1"] for m in fig["per_theme"].values() if m["support"]]
        fig["macro_f1"] = round(float(np.mean(supported)), 4) if supported else 0.0  # over themes the labels hold
        fig["reliability"] = reliability(Y, p, themes)
        fig["distinct_scores"] = int(len(np.unique(np.round(p, 4))))
        out["candidates"][name] = fig
    sc = is_sc_sanctions(data)
    out["sc_sanctions_rows"] = {"n": int(sc.sum()), **{
        f"{name}_theme_fires": int((p[sc] >= thresholds).sum()) for name, p in proba.items()}}
    best = max(out["candidates"], key=lambda n: (out["candidates"][n]["macro_f1"], n == "definitions"))
    out["selected"] = best
    return out


def load_labels(path: str | Path) -> pd.DataFrame:
    """A user's labelled clauses: CSV with ``text`` and ``themes`` (``;``-joined), optional ``doc_id``/``family``/``year``/``clause_index``."""
    from clausekit.lemmas.frames import clause_frame

    path = Path(path)
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except FileNotFoundError:
        raise InputError("labels file not found", source=str(path)) from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise InputError(f"not a readable UTF-8 CSV ({type(exc).__name__})", source=str(path)) from None
    for col in ("text", "themes"):
        if col not in frame.columns:
            raise InputError(f"no '{col}' column; the labels CSV needs text and themes (';'-joined, empty for none)", source=str(path))
    frame["themes"] = frame["themes"].map(lambda v: [t.strip() for t in v.split(";") if t.strip()])
    if "doc_id" not in frame.columns:
        frame["doc_id"] = [f"row{i}" for i in range(len(frame))]
    if "family" not in frame.columns:
        frame["family"] = frame["doc_id"]
    frame["year"] = pd.to_numeric(frame["year"], errors="coerce") if "year" in frame.columns else None
    frame["year"] = frame["year"].astype(object).where(frame["year"].notna(), None)
    if "clause_index" not in frame.columns:
        frame["clause_index"] = frame.groupby("doc_id").cumcount()
    frame["clause_index"] = pd.to_numeric(frame["clause_index"], errors="coerce").fillna(0)
    frame["part"] = frame["part"] if "part" in frame.columns else ""
    return clause_frame(frame)


def _next_version(model_dir: str | Path | None) -> str:
    from clausekit.models.registry import find_model

    try:
        newest = find_model("themes", None, model_dir).name
    except Exception:  # noqa: BLE001 - no themes model yet: start at the shipped version
        return THEMES_VERSION
    major, minor, _ = (int(x) for x in newest.split("."))
    return f"{major}.{minor + 1}.0"


def build_themes(model_dir: str | Path | None = None, *, version: str | None = None,
                 extra_files: Sequence[str | Path] = (), labels: str | Path | None = None,
                 n_splits: int = 5, learned: bool = True) -> dict[str, Any]:
    """Evaluate and save a themes model: the built-in definitions plus ``extra_files``; returns figures, path, warnings.

    Without ``extra_files``/``labels`` this rebuilds the shipped model (version :data:`THEMES_VERSION`)
    from the hand labels. With them, the new version (default: the newest themes version with its
    minor number raised) holds the built-in themes unchanged and the user's; figures are computed on
    ``labels`` when given. An existing version folder is never replaced.
    """
    from clausekit.models import registry
    from clausekit.models.definitions import builtin_definitions, load_definition
    from clausekit.training.annotations import SEEDS_CSV, load_training_data
    from clausekit.training.corpora import ANNOTATIONS_CSV

    extra = [load_definition(p) for p in extra_files]
    user = bool(extra or labels)
    version = version or (_next_version(model_dir) if user else THEMES_VERSION)
    target = Path(model_dir or registry.default_model_dir()) / "themes" / version
    if target.exists() and user:
        raise InputError(f"{target} already exists; choose another --version (models are never overwritten)")
    try:
        model = DefinitionThemeModel(extra=extra).fit()
    except ValueError as exc:
        raise InputError(str(exc)) from None
    warnings: list[str] = []
    if labels is not None:
        data = load_labels(labels)
        unknown = sorted({t for ls in data["themes"] for t in ls} - set(model.classes_))
        if unknown:
            raise InputError(f"themes {', '.join(unknown)} have no definition; pass their definition file with --themes", source=str(labels))
        files: list[Any] = [labels, *extra_files]
    else:
        data = load_training_data()
        files = [SEEDS_CSV, ANNOTATIONS_CSV, *extra_files]
    # weak labels over the shared corpora for the shipped model; a user's labels are evaluated as given
    weak = weak_labels(model) if learned and not user else None
    figures = evaluate_themes(data, model, n_splits=n_splits, weak=weak, learned=learned)
    for name in [str(c) for c in model.classes_]:
        n = int(sum(name in ls for ls in data["themes"]))
        if user and n < MIN_POSITIVES and name not in BUILTIN:
            warnings.append(f"theme {name}: only {n} positive examples in the labels (fewer than {MIN_POSITIVES}); its figures are rough")
    # Only the definitions compile to the fast scorer; a learned winner is reported, not shipped (see the card).
    chosen = figures["selected"]
    shipped = "definitions"
    reason = ("held-out macro-F1: " + ", ".join(f"{n} {f['macro_f1']:.3f}" for n, f in figures["candidates"].items())
              + f"; best: {chosen}")
    if chosen != "definitions":
        warnings.append(f"the {chosen} candidate scored higher on held-out data but only definitions are shipped by this version")
    counts = {"clauses": int(len(data)), "families": int(data["family"].nunique()),
              "themes": {t: int(sum(t in ls for ls in data["themes"])) for t in model.classes_},
              "weak_label_lines": 0 if weak is None else int(len(weak)),
              "weak_label_positives": {} if weak is None or not len(weak) else
              {t: int(sum(t in ls for ls in weak["themes"])) for t in model.classes_}}
    path = registry.save_model(
        model, "themes", version, model_dir=model_dir, labels=[str(c) for c in model.classes_],
        training_files=files, counts=counts,
        evaluation={"protocol": figures["protocol"], "heldout": figures["candidates"][shipped],
                    "candidates": figures["candidates"], "sc_sanctions_rows": figures["sc_sanctions_rows"]},
        selected={"estimator": shipped, "reason": reason,
                  "definitions": [str(Path(d["source"]).name) for d in [*builtin_definitions(), *extra]]},
    )
    return {"figures": figures, "path": path, "version": version, "warnings": warnings, "shipped": shipped}


def format_theme_figures(figures: dict[str, Any]) -> str:
    """Plain text of :func:`evaluate_themes`'s figures."""
    lines = [figures["protocol"]]
    for name, f in figures["candidates"].items():
        lines.append(f"\n{name}: macro-F1 {f['macro_f1']:.3f}, {f['distinct_scores']} distinct scores")
        for t, m in f["per_theme"].items():
            lines.append(f"  {t:20s} P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}  "
                         f"support {m['support']:4d}  predicted {m['predicted']:4d}  Brier {m['brier']:.4f}")
    rel = figures["candidates"][figures["selected"]]["reliability"]
    lines.append(f"\nreliability of {figures['selected']} (score bin: n, mean score, observed rate):")
    lines += [f"  {r['bin']:>9s}: n={r['n']:6d}  score {r['mean_score']:.3f}  observed {r['observed']:.3f}" for r in rel]
    sc = figures["sc_sanctions_rows"]
    lines.append("\nSecurity Council sanctions/embargo rows: " + ", ".join(f"{k} {v}" for k, v in sc.items()))
    return "\n".join(lines) + "\n"
