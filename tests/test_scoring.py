"""Compiled models (clausekit.models.scoring): the same probabilities as the scikit-learn estimators, without scikit-learn."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from clausekit.errors import ModelError
from clausekit.lemmas.frames import clause_frame, set_lemmatizer
from clausekit.models import compiler, registry, scoring

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "data" / "seeds").glob("*.txt"))


def _roundtrip(estimator, tmp_path: Path) -> scoring.Scorer:
    compiled = compiler.compile_model(estimator)
    assert compiled is not None, f"{type(estimator).__name__} did not compile"
    spec_path, npz_path = scoring.save(*compiled, tmp_path)
    return scoring.load(spec_path.read_bytes(), npz_path.read_bytes())


@pytest.fixture(scope="module")
def seed_clauses() -> pd.DataFrame:
    from clausekit.segmentation.segmenter import segment

    frames = [segment(p).to_frame() for p in SEEDS]
    return clause_frame(pd.concat(frames, ignore_index=True))


def _toy_frame():
    texts = [
        "Prie le Secrétaire général de faire rapport", "Prie les États de coopérer", "Exhorte les États à agir",
        "Rappelle sa résolution 54/181", "Rappelant sa résolution 70/1,", "Réaffirme sa volonté",
        "Décide de poursuivre l'examen", "Décide de créer un groupe", "Décide de proroger le mandat",
    ] * 2
    y = (["request"] * 3 + ["recall"] * 3 + ["decision"] * 3) * 2
    X = pd.DataFrame({"text": texts, "part": "operative", "lead": [t.split()[0] for t in texts],
                      "position": np.linspace(0, 1, len(texts))})
    return X, y


@pytest.mark.slow
@pytest.mark.parametrize("lemmas", ["fast", "accurate"])
def test_scoring_shipped_function_model_matches_scikit_learn(seed_clauses, lemmas):
    model = registry.load_model("function")
    scorer = registry.load_scorer("function")
    assert isinstance(scorer, scoring.LinearFunctionScorer)
    previous = set_lemmatizer(lemmas)
    try:
        expected, got = model.predict_proba(seed_clauses), scorer.predict_proba(seed_clauses)
    finally:
        set_lemmatizer(previous)
    assert list(scorer.classes_) == [str(c) for c in model.classes_]
    assert got.shape == expected.shape == (len(seed_clauses), len(model.classes_))
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-9)


def test_scoring_shipped_theme_rules_match(seed_clauses):
    model, scorer = registry.load_model("themes"), registry.load_scorer("themes")
    np.testing.assert_array_equal(scorer.predict_proba(seed_clauses), model.predict_proba(seed_clauses))
    assert list(scorer.thresholds_) == list(model.thresholds_)
    assert scorer.predict_proba(seed_clauses).sum() > 0  # the seeds do hold themes


@pytest.mark.slow
@pytest.mark.parametrize("calibration", ["sigmoid", None])
def test_scoring_function_classifier_variants_match(tmp_path, calibration):
    from clausekit.models.estimators import FunctionClassifier

    X, y = _toy_frame()
    clf = FunctionClassifier(cv=2, calibration=calibration).fit(X, y)
    scorer = _roundtrip(clf, tmp_path)
    np.testing.assert_allclose(scorer.predict_proba(X), clf.predict_proba(X), rtol=0, atol=1e-9)
    assert (scorer.predict(X) == clf.predict(X)).all()


@pytest.mark.slow
def test_scoring_learned_theme_classifier_matches(tmp_path):
    from clausekit.models.estimators import ThemeClassifier

    X, _ = _toy_frame()
    themes = [["mine"] if "Prie" in t else ["other"] if "Décide" in t else [] for t in X["text"]]
    themes[0].append("rare")  # too few examples: skipped, always 0
    tc = ThemeClassifier(min_positives=2, cv=2).fit(X, themes)
    assert "rare" in tc.skipped_
    scorer = _roundtrip(tc, tmp_path)
    np.testing.assert_allclose(scorer.predict_proba(X), tc.predict_proba(X), rtol=0, atol=1e-9)
    np.testing.assert_array_equal(scorer.thresholds_, tc.thresholds_)


def test_scoring_rule_function_baseline_matches(tmp_path):
    from clausekit.models.estimators import RuleFunctionBaseline

    X = pd.DataFrame({"text": ["Prie le Conseil", "Le texte sans verbe", "Il était une fois", "Rappelant sa résolution"],
                      "part": ["operative", "operative", "narrative", "preamble"]})
    rule = RuleFunctionBaseline().fit(X, ["request", "position", "other", "recall"])
    scorer = _roundtrip(rule, tmp_path)
    np.testing.assert_array_equal(scorer.predict_proba(X), rule.predict_proba(X))
    assert list(scorer.predict(X)) == ["request", "position", "other", "recall"]


def test_scoring_estimator_on_a_numeric_matrix_does_not_compile():
    from clausekit.models.estimators import FunctionClassifier

    clf = FunctionClassifier(featurizer=None, calibration=None).fit(np.eye(4), ["a", "b", "a", "b"])
    assert compiler.compile_model(clf) is None


def test_scoring_npz_never_unpickles(tmp_path):
    spec = {"format": scoring.FORMAT, "kind": "function_rules", "classes": ["a", "b"]}
    with open(tmp_path / "x.npz", "wb") as f:
        np.savez(f, fallback=np.array([{"evil": 1}], dtype=object))
    with pytest.raises(ValueError, match="pickle"):
        scoring.load(json.dumps(spec).encode(), (tmp_path / "x.npz").read_bytes())


def test_scoring_unknown_kind_or_format_is_refused():
    with pytest.raises(ValueError, match="kind"):
        scoring.load(json.dumps({"format": scoring.FORMAT, "kind": "exec"}).encode(), b"")
    with pytest.raises(ValueError, match="format"):
        scoring.load(json.dumps({"format": 99, "kind": "function_rules"}).encode(), b"")


@pytest.fixture
def models_copy(tmp_path) -> Path:
    dest = tmp_path / "models"
    shutil.copytree(ROOT / "models", dest)
    return dest


@pytest.mark.parametrize("name", [scoring.SCORER_JSON, scoring.SCORER_NPZ])
def test_scoring_altered_compiled_file_is_refused(models_copy, name):
    folder = registry.find_model("function", model_dir=models_copy)
    path = folder / name
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(ModelError, match="SHA-256") as exc:
        registry.load_scorer("function", model_dir=models_copy, trust=True)
    assert name in str(exc.value)


def test_scoring_altered_estimator_file_is_refused_too(models_copy):
    folder = registry.find_model("function", model_dir=models_copy)
    path = folder / registry.MODEL_FILE
    data = bytearray(path.read_bytes())
    data[-10] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(ModelError, match="SHA-256"):
        registry.load_scorer("function", model_dir=models_copy, trust=True)


def test_scoring_card_without_compiled_form_falls_back_to_the_estimator(models_copy):
    folder = registry.find_model("themes", model_dir=models_copy)
    card = json.loads((folder / registry.CARD_FILE).read_text(encoding="utf-8"))
    del card["compiled"]
    card["card_sha256"] = registry._card_checksum(card)
    (folder / registry.CARD_FILE).write_text(json.dumps(card), encoding="utf-8")
    model = registry.load_scorer("themes", model_dir=models_copy, trust=True)
    assert not isinstance(model, scoring.Scorer) and hasattr(model, "predict_proba")


@pytest.mark.slow
def test_scoring_tagging_imports_neither_scikit_learn_nor_skops():
    code = (
        "import sys\n"
        "from clausekit.lemmas.frames import set_lemmatizer\n"
        "from clausekit.tagging.tagger import Tagger\n"
        "set_lemmatizer('fast')\n"
        f"df = Tagger().tag(open({str(SEEDS[-1])!r}, encoding='utf-8').read())\n"
        "assert len(df) > 0 and df['function'].notna().all()\n"
        "print(sorted(m for m in ('sklearn', 'skops', 'scipy') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_theme_prefilter_never_changes_what_fires():
    """The literal prefilter of ThemeRules only skips searches that could not match (any case, accents)."""
    from clausekit.models.rules import ThemeRules, _regex, leading_literals

    shipped = registry.load_scorer("themes", "1.3.0").rules  # the term-list model
    spec = {"patterns": shipped.patterns, "vetoes": shipped.vetoes}
    rules = ThemeRules(spec["patterns"], spec["vetoes"])
    assert all(leading_literals(p) for p in spec["patterns"].values())  # every shipped theme is prefiltered
    texts = [
        "Condamne les MESURES COERCITIVES UNILATÉRALES",
        "Salue la Coopération Sud-Sud et la coopération TRIANGULAIRE",
        "Face à la Pandémie de maladie à coronavirus (COVID-19)",
        "Rappelle le Plan d'action de Buenos Aires",
        "Le blocus économique, commercial et financier",
        "Décide que les mesures imposées par le Conseil de sécurité resteront en vigueur",
        "Prie le Secrétaire général de faire rapport",
        "",
    ]
    for text in texts:
        for theme, pattern in spec["patterns"].items():
            expected = bool(_regex(pattern).search(text)) and not (
                theme in spec["vetoes"] and _regex(spec["vetoes"][theme]).search(text)
            )
            assert rules.fires(theme, text) == expected, (theme, text)
    assert [rules.fires("covid19", t) for t in texts[:3]] == [False, False, True]
    # a term without a literal start of 3 characters, or with a top-level "|", disables the prefilter
    assert leading_literals(r"(?:\d+ pays)|(?:blocus)") is None
    assert leading_literals(r"(?:sida|vih)") is None
    assert leading_literals(r"(?:ab?)") is None
    assert ThemeRules({"t": r"(?:sida|vih)"}, {}).fires("t", "le VIH")
