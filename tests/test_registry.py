"""Versioned model folders: atomic save, hash checked before loading, trust, version warnings."""

from __future__ import annotations

import json

import pytest
from sklearn.linear_model import LogisticRegression

from clausekit.errors import ModelError
from clausekit.models import registry


@pytest.fixture
def models(tmp_path):
    est = LogisticRegression().fit([[0.0], [1.0], [0.2], [0.8]], ["a", "b", "a", "b"])
    registry.save_model(est, "toy", "1.0.0", model_dir=tmp_path / "models")
    registry.save_model(est, "toy", "1.2.0", model_dir=tmp_path / "models")
    return tmp_path / "models"


def test_registry_save_writes_card_with_hashes(models):
    card = json.loads((models / "toy" / "1.2.0" / "card.json").read_text())
    assert card["name"] == "toy" and card["version"] == "1.2.0" and card["labels"] == ["a", "b"]
    assert card["model_sha256"] == registry.sha256(models / "toy" / "1.2.0" / registry.MODEL_FILE)
    assert {"clausekit", "scikit-learn", "spacy", "python"} <= set(card["versions"])
    assert not list(models.rglob("*.part"))


def test_registry_newest_version_is_loaded(models):
    assert registry.find_model("toy", model_dir=models).name == "1.2.0"
    assert [m["version"] for m in registry.list_models(models)] == ["1.2.0", "1.0.0"]


def test_registry_altered_byte_is_refused(models):
    path = models / "toy" / "1.2.0" / registry.MODEL_FILE
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(ModelError, match="SHA-256"):
        registry.load_model("toy", model_dir=models, trust=True)


def test_registry_card_mismatch_is_refused(models):
    path = models / "toy" / "1.2.0" / registry.CARD_FILE
    card = json.loads(path.read_text())
    card["labels"] = ["a", "b", "c"]
    path.write_text(json.dumps(card))
    with pytest.raises(ModelError, match="altered"):
        registry.load_model("toy", model_dir=models, trust=True)


def test_registry_card_of_another_folder_is_refused(models):
    src = models / "toy" / "1.0.0" / registry.CARD_FILE
    (models / "toy" / "1.2.0" / registry.CARD_FILE).write_text(src.read_text())
    with pytest.raises(ModelError, match="not the folder"):
        registry.load_model("toy", "1.2.0", model_dir=models, trust=True)


def test_registry_outside_dir_needs_trust(models):
    with pytest.raises(ModelError, match="trust"):
        registry.load_model("toy", model_dir=models)
    assert registry.load_model("toy", model_dir=models, trust=True).predict([[0.9]])[0] == "b"


def test_registry_version_mismatch_warns(models):
    path = models / "toy" / "1.2.0" / registry.CARD_FILE
    card = json.loads(path.read_text())
    card["versions"]["spacy"] = "2.0.0"
    card["card_sha256"] = registry._card_checksum(card)
    path.write_text(json.dumps(card))
    with pytest.warns(UserWarning, match="spacy 2.0.0"):
        registry.load_model("toy", model_dir=models, trust=True)


def test_registry_env_model_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("CLAUSEKIT_MODEL_DIR", str(tmp_path))
    assert registry.default_model_dir() == tmp_path
