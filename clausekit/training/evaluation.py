"""Held-out evaluation of the function and theme models next to their rule baselines.

Every figure comes from grouped cross-validation: :class:`~sklearn.model_selection.GroupKFold`
over the ``family`` column, so two copies of one text (the OCR'd seed 001 and its clean twin
003, a resolution and its later repeat) are never split between training and test.

:func:`evaluate` returns a plain dict of figures (JSON-ready); :func:`format_figures` renders it.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd
from sklearn.metrics import confusion_matrix, f1_score, precision_recall_fscore_support
from sklearn.model_selection import GroupKFold

from clausekit.models.estimators import (
    FUNCTIONS,
    THEMES,
    FunctionClassifier,
    RuleFunctionBaseline,
    RuleThemeBaseline,
    ThemeClassifier,
)

#: Seeds 001 (OCR) and 003 (clean) are the same resolution: their agreement is measured.
TWIN_SEEDS = ("001_11bf369c9702862e", "003_0d3b84d2626458c8")

_SC_NOTE = re.compile(r"\bSC\b|Security Council", re.I)
_SC_TEXT = re.compile(r"conseil de sécurité|comité (?:créé|des sanctions)|\bil\b.*\bsanctions\b|résolution \d{3,4} \(\d{4}\)", re.I)
_SANCTION_TEXT = re.compile(r"sanction|embargo|gel des avoirs|interdiction de voyager", re.I)


def is_sc_sanctions(frame: pd.DataFrame) -> np.ndarray:
    """Rows about Security Council sanctions or arms embargoes: an annotator's note, or UNPC text naming both."""
    notes = frame["note"].fillna("").astype(str) if "note" in frame.columns else pd.Series("", index=frame.index)
    texts = frame["text"].fillna("").astype(str)
    by_text = texts.str.contains(_SC_TEXT) & texts.str.contains(_SANCTION_TEXT)
    by_note = notes.str.contains(_SC_NOTE) & notes.str.contains(r"sanction|embargo|asset freeze|travel ban", case=False)
    return (by_text | by_note).to_numpy()


def theme_matrix(labels: Any, themes: tuple[str, ...] | list[str] = THEMES) -> np.ndarray:
    return np.array([[t in set(ls) for t in themes] for ls in labels], dtype=int).reshape(len(labels), len(themes))


# --- figures ---------------------------------------------------------------------------------


def function_figures(y_true: np.ndarray, proba: np.ndarray, classes: list[str], n_bins: int = 10) -> dict[str, Any]:
    """Per-label precision/recall/F1/support, macro-F1, accuracy, confusion matrix, Brier and reliability."""
    proba = _align(proba, classes, list(FUNCTIONS))
    y_pred = np.asarray(FUNCTIONS, dtype=object)[proba.argmax(axis=1)]
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=list(FUNCTIONS), zero_division=0)
    onehot = np.array([[y == c for c in FUNCTIONS] for y in y_true], dtype=float)
    conf = proba.max(axis=1)
    correct = y_pred == y_true
    bins = []
    edges = np.linspace(0, 1, n_bins + 1)
    for lo, hi in zip(edges[:-1], edges[1:], strict=True):
        m = (conf > lo) & (conf <= hi) if lo > 0 else (conf >= lo) & (conf <= hi)
        if m.any():
            bins.append({"bin": f"{lo:.1f}-{hi:.1f}", "n": int(m.sum()), "confidence": round(float(conf[m].mean()), 3), "accuracy": round(float(correct[m].mean()), 3)})
    return {
        "n": int(len(y_true)),
        "macro_f1": round(float(f1_score(y_true, y_pred, labels=list(FUNCTIONS), average="macro", zero_division=0)), 4),
        "accuracy": round(float(correct.mean()), 4),
        "per_label": {c: {"precision": round(float(p[i]), 4), "recall": round(float(r[i]), 4), "f1": round(float(f[i]), 4), "support": int(s[i])} for i, c in enumerate(FUNCTIONS)},
        "confusion": {"labels": list(FUNCTIONS), "matrix": confusion_matrix(y_true, y_pred, labels=list(FUNCTIONS)).tolist()},
        "brier": round(float(((proba - onehot) ** 2).sum(axis=1).mean()), 4),
        "reliability": bins,
    }


def theme_figures(Y_true: np.ndarray, proba: np.ndarray, pred: np.ndarray, themes: list[str]) -> dict[str, Any]:
    """Per-theme precision/recall/F1/support/predicted, macro-F1 over themes, Brier per theme."""
    out: dict[str, Any] = {"n": int(len(Y_true)), "per_theme": {}}
    f1s = []
    for j, t in enumerate(themes):
        p, r, f, _ = precision_recall_fscore_support(Y_true[:, j], pred[:, j], labels=[1], zero_division=0)
        f1s.append(float(f[0]))
        out["per_theme"][t] = {
            "precision": round(float(p[0]), 4), "recall": round(float(r[0]), 4), "f1": round(float(f[0]), 4),
            "support": int(Y_true[:, j].sum()), "predicted": int(pred[:, j].sum()),
            "brier": round(float(((proba[:, j] - Y_true[:, j]) ** 2).mean()), 4),
        }
    out["macro_f1"] = round(float(np.mean(f1s)), 4) if f1s else 0.0
    return out


def _align(proba: np.ndarray, classes: list[str], target: list[str]) -> np.ndarray:
    out = np.zeros((proba.shape[0], len(target)))
    for i, c in enumerate(classes):
        if c in target:
            out[:, target.index(c)] = proba[:, i]
    return out


# --- cross-validation ------------------------------------------------------------------------


def cross_validate(data: pd.DataFrame, *, n_splits: int = 5) -> tuple[dict[str, Any], pd.DataFrame]:
    """Out-of-fold predictions of the four estimators, grouped by ``family``; returns (figures, predictions).

    ``data`` has the columns of :func:`clausekit.training.annotations.load_training_data`.
    """
    groups = data["family"].to_numpy()
    n_splits = min(n_splits, len(set(groups)))
    fn_classes = list(FUNCTIONS)
    oof = {
        "function_model": np.zeros((len(data), len(fn_classes))),
        "function_rule": np.zeros((len(data), len(fn_classes))),
        "theme_model_proba": np.zeros((len(data), len(THEMES))),
        "theme_model": np.zeros((len(data), len(THEMES)), dtype=int),
        "theme_rule": np.zeros((len(data), len(THEMES)), dtype=int),
    }
    fold_of = np.zeros(len(data), dtype=int)
    y = data["function"].to_numpy()
    for k, (train, test) in enumerate(GroupKFold(n_splits=n_splits).split(data, y, groups)):
        tr, te = data.iloc[train], data.iloc[test]
        fold_of[test] = k
        fm = FunctionClassifier().fit(tr, y[train])
        oof["function_model"][test] = _align(fm.predict_proba(te), list(fm.classes_), fn_classes)
        fr = RuleFunctionBaseline().fit(tr, y[train])
        oof["function_rule"][test] = _align(fr.predict_proba(te), list(fr.classes_), fn_classes)
        tm = ThemeClassifier(themes=THEMES).fit(tr, list(tr["themes"]), groups=groups[train])
        oof["theme_model_proba"][test] = tm.predict_proba(te)
        oof["theme_model"][test] = tm.predict(te)
        oof["theme_rule"][test] = RuleThemeBaseline().fit().predict(te)

    Y = theme_matrix(data["themes"])
    figures: dict[str, Any] = {
        "protocol": f"GroupKFold(n_splits={n_splits}) over family; {len(data)} clauses, {len(set(groups))} families",
        "function": {
            "model": function_figures(y, oof["function_model"], fn_classes),
            "rule_baseline": function_figures(y, oof["function_rule"], fn_classes),
        },
        "themes": {
            "model": theme_figures(Y, oof["theme_model_proba"], oof["theme_model"], list(THEMES)),
            "rule_baseline": theme_figures(Y, oof["theme_rule"].astype(float), oof["theme_rule"], list(THEMES)),
        },
    }
    sc = is_sc_sanctions(data)
    figures["sc_sanctions_rows"] = {
        "n": int(sc.sum()),
        "model_theme_fires": int(oof["theme_model"][sc].sum()),
        "rule_theme_fires": int(oof["theme_rule"][sc].sum()),
    }
    pred = data[["source", "doc_id", "family"]].copy()
    pred["clause_index"] = data.get("clause_index")
    pred["fold"] = fold_of
    for name in ("function_model", "function_rule"):
        pred[name] = np.asarray(fn_classes, dtype=object)[oof[name].argmax(axis=1)]
    pred["function_confidence"] = oof["function_model"].max(axis=1)
    for name in ("theme_model", "theme_rule"):
        pred[name] = [[t for t, v in zip(THEMES, row, strict=True) if v] for row in oof[name]]
    figures["twin_agreement_heldout"] = twin_agreement(pred, "function_model", "theme_model")
    figures["twin_agreement_heldout_rule"] = twin_agreement(pred, "function_rule", "theme_rule")
    return figures, pred


def twin_agreement(pred: pd.DataFrame, function_col: str, theme_col: str) -> dict[str, Any] | None:
    """Share of aligned clauses of seeds 001 and 003 (same clause index) with the same function and themes."""
    a = pred[pred["doc_id"] == TWIN_SEEDS[0]].set_index("clause_index")
    b = pred[pred["doc_id"] == TWIN_SEEDS[1]].set_index("clause_index")
    common = a.index.intersection(b.index)
    if not len(common):
        return None
    fa, fb = a.loc[common, function_col], b.loc[common, function_col]
    ta = a.loc[common, theme_col].map(sorted)
    tb = b.loc[common, theme_col].map(sorted)
    same_f = (fa == fb).to_numpy()
    same_t = np.array([x == y for x, y in zip(ta, tb, strict=True)])
    return {
        "pairs": int(len(common)),
        "function": round(float(same_f.mean()), 4),
        "themes": round(float(same_t.mean()), 4),
        "both": round(float((same_f & same_t).mean()), 4),
    }


def part_on_ice() -> dict[str, Any]:
    """Part prediction on the ICE expert labels, next to the published team results.

    ``macro_f1`` is the segmenter's part, decided in context (each resolution rebuilt and segmented
    whole, its boundaries found by the segmenter: :func:`clausekit.training.segment_eval.ice_part_predictions`);
    ``macro_f1_paragraphs`` is the shared task's setting, the gold paragraphs of each resolution given one
    per line (``--input-format lines``: boundaries given, parts decided with the document,
    :func:`clausekit.segmentation.paragraphs.paragraph_parts`); ``macro_f1_lines`` is
    :func:`clausekit.segmentation.leads.infer_part` on each paragraph with no context at all.
    """
    from clausekit.training import corpora
    from clausekit.training.segment_eval import (
        ice_paragraph_predictions,
        ice_part_predictions,
        part_macro_f1,
    )

    in_context = ice_part_predictions()
    by_paragraph = ice_paragraph_predictions()
    results = pd.read_csv(corpora.corpora_dir() / "ice-human-annotations" / "shared-task-results.csv")
    results = results.drop_duplicates("submission")
    best = results.loc[results["type_macro"].idxmax()]
    return {
        "n": len(in_context),
        "macro_f1": round(part_macro_f1([(g, p) for _, _, g, p in in_context]), 4),
        "macro_f1_paragraphs": round(part_macro_f1([(g, p) for _, _, g, p, _ in by_paragraph]), 4),
        "macro_f1_lines": round(part_macro_f1([(g, a) for _, _, g, _, a in by_paragraph]), 4),
        "best_team": str(best["submission"]),
        "best_team_macro_f1": float(best["type_macro"]),
        "teams": {str(r.submission): float(r.type_macro) for r in results.itertuples()},
    }


def sc_sanctions_unpc() -> pd.DataFrame:
    """Every UNPC dev line about Security Council sanctions or arms embargoes (term filter), as clauses."""
    from clausekit.lemmas.frames import clause_frame
    from clausekit.segmentation.leads import infer_part
    from clausekit.training import corpora

    lines = corpora.unpc_lines().rename(columns={"fr": "text", "line": "ref"})
    lines = lines[is_sc_sanctions(lines)].copy()
    lines["part"] = [infer_part(t) for t in lines["text"]]
    lines["year"] = lines["doc_id"].str.slice(0, 4).astype(int)
    return clause_frame(lines)


def evaluate(data: pd.DataFrame | None = None, *, n_splits: int = 5, final: dict[str, Any] | None = None) -> dict[str, Any]:
    """All figures: grouped CV of models and baselines, ICE part prediction, SC sanctions fires, 001/003 agreement.

    ``final``: fitted estimators ``{"function": ..., "themes": ...}`` to count theme fires on every UNPC
    Security Council sanctions line and to measure 001/003 agreement after segmentation.
    """
    from clausekit.training import corpora

    if data is None:
        from clausekit.training.annotations import load_training_data

        data = load_training_data()
    figures, _ = cross_validate(data, n_splits=n_splits)
    if corpora.available():
        figures["part_ice"] = part_on_ice()
        if final is not None and final.get("themes") is not None:
            sc = sc_sanctions_unpc()
            fires = final["themes"].predict(sc)
            in_training = sc["doc_id"].isin(set(data.loc[data["source"] == "unpc", "doc_id"]))
            figures["sc_sanctions_unpc"] = {
                "lines": int(len(sc)),
                "theme_fires": int(fires.sum()),
                "theme_fires_outside_training_docs": int(fires[~in_training.to_numpy()].sum()),
                "lines_fired": sc.loc[fires.any(axis=1), "text"].str.slice(0, 120).tolist()[:10],
            }
    if final is not None:


        figures["twin_agreement_segmented"] = _twin_agreement_segmented(final)
    if not corpora.available():
        figures["part_ice"] = {"skipped": f"shared corpora not found at {corpora.corpora_dir()}"}
    return figures


def format_figures(figures: dict[str, Any]) -> str:
    """A plain-text summary of :func:`evaluate`'s figures."""
    lines = [figures.get("protocol", "")]
    for task in ("function", "themes"):
        for who in ("model", "rule_baseline"):
            f = figures[task][who]
            lines.append(f"\n{task} / {who}: macro-F1 {f['macro_f1']:.3f}" + (f", accuracy {f['accuracy']:.3f}, Brier {f['brier']:.3f}" if task == "function" else ""))
            per = f["per_label"] if task == "function" else f["per_theme"]
            for label, m in per.items():
                extra = f"  predicted {m['predicted']:4d}" if "predicted" in m else ""
                lines.append(f"  {label:18s} P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}  support {m['support']:4d}{extra}")
    rel = figures["function"]["model"]["reliability"]
    lines.append("\nfunction model reliability: " + ", ".join(f"{b['bin']}: n={b['n']} conf {b['confidence']:.2f} acc {b['accuracy']:.2f}" for b in rel))
    sc = figures.get("sc_sanctions_rows", {})
    lines.append(f"\nSC sanctions/embargo annotated rows: {sc.get('n')}, theme fires: model {sc.get('model_theme_fires')}, rule {sc.get('rule_theme_fires')}")
    if "sc_sanctions_unpc" in figures:
        u = figures["sc_sanctions_unpc"]
        lines.append(f"SC sanctions/embargo UNPC lines (term filter): {u['lines']}, shipped theme model fires: {u['theme_fires']}")
    for key in ("twin_agreement_heldout", "twin_agreement_heldout_rule", "twin_agreement_segmented"):
        if figures.get(key):
            a = figures[key]
            lines.append(f"001 vs 003 agreement ({key}): function {a['function']:.3f}, themes {a['themes']:.3f}, both {a['both']:.3f} over {a['pairs']} pairs")
    p = figures.get("part_ice", {})
    if "macro_f1" in p:
        lines.append(
            f"part on ICE expert labels (n={p['n']}): macro-F1 {p['macro_f1']:.3f} segmented in context, "
            f"{p.get('macro_f1_paragraphs', float('nan')):.3f} gold paragraphs of each resolution one per line "
            f"(--input-format lines), {p.get('macro_f1_lines', float('nan')):.3f} each paragraph with no context; "
            f"best published team {p['best_team']} {p['best_team_macro_f1']:.3f}"
        )
    elif p:
        lines.append(f"part on ICE: {p.get('skipped')}")
    return "\n".join(lines) + "\n"


def update_cards(figures: dict[str, Any], model_dir: Any = None) -> list[Any]:
    """Write ``figures`` into the ``evaluation`` of the newest ``function`` and ``themes`` cards (atomically)."""
    import json

    from clausekit.atomic import atomic_write
    from clausekit.models.registry import CARD_FILE, _card_checksum, find_model, read_card

    written = []
    for name, task in (("function", "function"), ("themes", "themes")):
        folder = find_model(name, None, model_dir)
        card = read_card(folder)
        card["evaluation"] = {
            "protocol": figures["protocol"],
            "heldout": figures[task],
            **{k: figures.get(k) for k in ("sc_sanctions_rows", "sc_sanctions_unpc", "twin_agreement_heldout", "twin_agreement_segmented", "part_ice")},
        }
        card["card_sha256"] = _card_checksum(card)
        with atomic_write(folder / CARD_FILE) as f:
            f.write(json.dumps(card, indent=2, ensure_ascii=False) + "\n")
        written.append(folder / CARD_FILE)
    return written


def _twin_agreement_segmented(final: dict[str, Any]) -> dict[str, Any] | None:
    """Agreement of the shipped models on seeds 001 and 003 as segmented from their files."""
    from clausekit.lemmas.frames import clause_frame
    from clausekit.segmentation.segmenter import segment
    from clausekit.training.corpora import PROJECT_ROOT

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
