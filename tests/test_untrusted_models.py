"""Untrusted model folders through `clausekit tag --model-dir`: altered files and cards are refused before unpickling.

Each test copies the project's ``models/`` to a temporary folder and damages the copy. Skipped while
`clausekit tag` is not registered or ``models/`` holds no trained model.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clausekit.cli import app

ROOT = Path(__file__).resolve().parents[1]
MODELS = ROOT / "models"
GOOD = ROOT / "data" / "seeds" / "004_f730982b1d88a241.txt"

try:
    runner = CliRunner(mix_stderr=False)
except TypeError:
    runner = CliRunner()


def _cards(folder: Path) -> list[Path]:
    """The JSON cards of every model under ``folder`` (a card names its estimator and its SHA-256)."""
    cards = []
    for p in sorted(folder.rglob("*.json")):
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError):
            continue
        if isinstance(data, dict) and any("sha256" in str(k).lower() for k in _keys(data)):
            cards.append(p)
    return cards


def _keys(data: object) -> list[str]:
    if isinstance(data, dict):
        return [*map(str, data), *(k for v in data.values() for k in _keys(v))]
    if isinstance(data, list):
        return [k for v in data for k in _keys(v)]
    return []


def _estimator_file(card: Path) -> Path:
    """The largest non-JSON file next to the card: the pickled (or skops) estimator."""
    files = [p for p in card.parent.iterdir() if p.is_file() and p.suffix != ".json"]
    assert files, f"no estimator file next to {card}"
    return max(files, key=lambda p: p.stat().st_size)


@pytest.fixture
def copy(tmp_path) -> Path:
    import typer.main

    if "tag" not in typer.main.get_command(app).commands:  # type: ignore[attr-defined]
        pytest.skip("`clausekit tag` is not registered yet")
    if not MODELS.is_dir() or not _cards(MODELS):
        pytest.skip("models/ has no trained model with a card (run `make train`)")
    dest = tmp_path / "models-copy"
    shutil.copytree(MODELS, dest)
    return dest


def _tag(*args: str):
    return runner.invoke(app, ["tag", str(GOOD), "-f", "jsonl", *args])


def _one_error(result) -> str:
    assert "Traceback" not in result.output + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = [line for line in result.stderr.splitlines() if line.startswith("clausekit: error:")]
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_untrusted_models_intact_copy_loads_with_trust(copy):
    result = _tag("--model-dir", str(copy), "--trust")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip()


def test_untrusted_models_folder_outside_project_needs_trust(copy):
    result = _tag("--model-dir", str(copy))
    assert result.exit_code == 3, result.stderr
    line = _one_error(result)
    assert str(copy) in line and "--trust" in line
    assert result.stdout == ""


def test_untrusted_models_one_byte_changed_is_refused(copy):
    card = _cards(copy)[0]
    estimator = _estimator_file(card)
    data = bytearray(estimator.read_bytes())
    data[len(data) // 2] ^= 0x01
    estimator.write_bytes(bytes(data))
    result = _tag("--model-dir", str(copy), "--trust")
    assert result.exit_code == 3, result.stderr
    line = _one_error(result)
    assert "sha-256" in line.lower() or "sha256" in line.lower() or "altered" in line.lower(), line
    assert estimator.name in line or str(estimator.parent) in line, line
    assert result.stdout == ""


def test_untrusted_models_card_with_another_checksum_is_refused(copy):
    card = _cards(copy)[0]
    text = card.read_text(encoding="utf-8")
    data = json.loads(text)

    def swap(node: object) -> object:
        if isinstance(node, dict):
            return {k: ("0" * 64 if "sha256" in str(k).lower() and isinstance(v, str) else swap(v)) for k, v in node.items()}
        if isinstance(node, list):
            return [swap(v) for v in node]
        return node

    card.write_text(json.dumps(swap(data)), encoding="utf-8")
    result = _tag("--model-dir", str(copy), "--trust")
    assert result.exit_code == 3, result.stderr
    _one_error(result)


def test_untrusted_models_card_that_is_not_json_is_refused(copy):
    card = _cards(copy)[0]
    card.write_text("{ not json", encoding="utf-8")
    result = _tag("--model-dir", str(copy), "--trust")
    assert result.exit_code == 3, result.stderr
    line = _one_error(result)
    assert card.name in line or str(card.parent) in line, line


def test_untrusted_models_card_with_changed_labels_is_refused(copy):
    card = _cards(copy)[0]
    data = json.loads(card.read_text(encoding="utf-8"))
    key = next((k for k in ("labels", "label_set", "classes") if isinstance(data.get(k), list) and data[k]), None)
    if key is None:
        pytest.skip(f"{card.name} has no top-level label list")
    data[key] = [*data[key][1:], "invented_label"]
    card.write_text(json.dumps(data), encoding="utf-8")
    result = _tag("--model-dir", str(copy), "--trust")
    assert result.exit_code == 3, result.stderr
    _one_error(result)


def test_untrusted_models_unknown_folder_is_one_line(tmp_path):
    import typer.main

    if "tag" not in typer.main.get_command(app).commands:  # type: ignore[attr-defined]
        pytest.skip("`clausekit tag` is not registered yet")
    result = _tag("--model-dir", str(tmp_path / "absent"), "--trust")
    assert result.exit_code in (2, 3), result.stderr
    assert "absent" in _one_error(result)


def test_untrusted_models_scikit_learn_version_mismatch_warns(copy):
    card = _cards(copy)[0]
    data = json.loads(card.read_text(encoding="utf-8"))

    def older(node: object) -> tuple[object, bool]:
        changed = False
        if isinstance(node, dict):
            out = {}
            for k, v in node.items():
                if str(k).lower().replace("-", "_") in ("scikit_learn", "sklearn") and isinstance(v, str):
                    out[k], changed = "0.24.2", True
                else:
                    out[k], c = older(v)
                    changed |= c
            return out, changed
        return node, False

    data, changed = older(data)
    if not changed:
        pytest.skip(f"{card.name} does not record the scikit-learn version")
    from clausekit.models import registry

    if "card_sha256" in data:  # an honest card from an older scikit-learn: re-sealed, so only the versions differ
        data["card_sha256"] = registry._card_checksum(data)
    card.write_text(json.dumps(data), encoding="utf-8")
    result = _tag("--model-dir", str(copy), "--trust")
    assert result.exit_code == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "warning" in line.lower()]
    assert any("scikit-learn" in w and "0.24.2" in w for w in warnings), result.stderr
    assert all(w.startswith("clausekit: warning: ") for w in warnings), warnings  # one line each, no source excerpt


# --- the same refusals at the library level, on a tiny model saved in a temporary folder ------------


@pytest.fixture
def tiny(tmp_path) -> Path:
    """``<tmp>/models/tiny/1.0.0/`` holding a two-class LogisticRegression and its card."""
    registry = pytest.importorskip("clausekit.models.registry")
    from sklearn.linear_model import LogisticRegression

    est = LogisticRegression().fit([[0.0], [1.0], [0.1], [0.9]], ["a", "b", "a", "b"])
    registry.save_model(est, "tiny", "1.0.0", model_dir=tmp_path / "models")
    return tmp_path / "models"


def test_untrusted_models_library_loads_an_intact_trusted_folder(tiny):
    from clausekit.models.registry import load_model

    assert list(load_model("tiny", model_dir=tiny, trust=True).classes_) == ["a", "b"]


def test_untrusted_models_library_refuses_outside_without_trust(tiny):
    from clausekit.errors import ModelError
    from clausekit.models.registry import load_model

    with pytest.raises(ModelError, match="--trust"):
        load_model("tiny", model_dir=tiny)


def test_untrusted_models_library_refuses_one_flipped_byte(tiny):
    from clausekit.errors import ModelError
    from clausekit.models.registry import MODEL_FILE, load_model

    path = tiny / "tiny" / "1.0.0" / MODEL_FILE
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(ModelError, match="SHA-256") as info:
        load_model("tiny", model_dir=tiny, trust=True)
    assert str(path) in str(info.value) and "\n" not in str(info.value)


def test_untrusted_models_library_refuses_an_edited_card(tiny):
    from clausekit.errors import ModelError
    from clausekit.models.registry import CARD_FILE, load_model

    card_path = tiny / "tiny" / "1.0.0" / CARD_FILE
    card = json.loads(card_path.read_text(encoding="utf-8"))
    card["labels"] = ["a", "b", "c"]
    card_path.write_text(json.dumps(card), encoding="utf-8")
    with pytest.raises(ModelError, match="altered"):
        load_model("tiny", model_dir=tiny, trust=True)


def test_untrusted_models_library_warns_on_another_scikit_learn(tiny):
    from clausekit.models import registry

    card_path = tiny / "tiny" / "1.0.0" / registry.CARD_FILE
    card = json.loads(card_path.read_text(encoding="utf-8"))
    card["versions"]["scikit-learn"] = "0.24.2"
    card["card_sha256"] = registry._card_checksum(card)
    card_path.write_text(json.dumps(card), encoding="utf-8")
    with pytest.warns(UserWarning, match="scikit-learn 0.24.2"):
        registry.load_model("tiny", model_dir=tiny, trust=True)


def test_untrusted_models_library_unknown_name_or_version_is_one_line(tiny):
    from clausekit.errors import ModelError
    from clausekit.models.registry import load_model

    with pytest.raises(ModelError, match="no model named 'nope'"):
        load_model("nope", model_dir=tiny, trust=True)
    with pytest.raises(ModelError, match=r"has no version 9\.9\.9 .*versions: 1\.0\.0"):
        load_model("tiny", "9.9.9", model_dir=tiny, trust=True)
