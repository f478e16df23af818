"""Model folders of the wrong shape are one line and exit 3, names cannot escape, sizes are bounded (issue 18 items 11-13).

Each test copies the project's ``models/`` and damages the copy, then re-signs the card where the
damage must get past the hash checks (the attacker controls a trusted folder: ``--trust``).
"""

from __future__ import annotations

import io
import json
import pickle
import shutil
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clausekit.cli import app
from clausekit.errors import ModelError
from clausekit.models import registry, scoring

ROOT = Path(__file__).resolve().parents[1]
GOOD = ROOT / "data" / "seeds" / "004_f730982b1d88a241.txt"
runner = CliRunner()


@pytest.fixture
def models(tmp_path) -> Path:
    if not list(registry.PROJECT_MODELS.glob("*/*/card.json")):
        pytest.skip("models/ has no trained model (run `make train`)")
    dest = tmp_path / "models"
    shutil.copytree(registry.PROJECT_MODELS, dest)
    return dest


def _folder(models: Path, name: str = "function") -> Path:
    return max((p for p in (models / name).iterdir() if p.is_dir()), key=lambda p: registry._parse_version(p.name))


def _resign(folder: Path, **changes) -> None:
    """Rewrite the card with ``changes`` and hashes that match the files now in the folder."""
    card = json.loads((folder / "card.json").read_text(encoding="utf-8"))
    card.update(changes)
    card["model_sha256"] = registry.sha256(folder / card["model_file"])
    if "compiled" in card:
        card["compiled"]["files"] = {n: registry.sha256(folder / n) for n in card["compiled"]["files"]}
    card["card_sha256"] = registry._card_checksum(card)
    (folder / "card.json").write_text(json.dumps(card), encoding="utf-8")


def _tag_error(models: Path) -> str:
    result = runner.invoke(app, ["tag", str(GOOD), "-f", "jsonl", "--model-dir", str(models), "--trust"])
    assert result.exit_code == 3, (result.exit_code, result.output, repr(result.exception))
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("clausekit: error:")]
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.mark.parametrize(
    "card",
    ["[]", "null", '"card"', "{}", '{"format": 1, "name": "function"}', "{" * 100_000],
    ids=["list", "null", "string", "empty", "missing-fields", "deep-nesting"],
)
def test_model_validation_card_of_the_wrong_shape_is_one_line_exit_3(models, card):
    (_folder(models) / "card.json").write_text(card, encoding="utf-8")
    assert "card" in _tag_error(models)


@pytest.mark.parametrize(
    "changes",
    [{"labels": "recall"}, {"labels": [1, 2]}, {"format": "1"}, {"format": True}, {"model_file": "../../../etc/passwd"},
     {"versions": []}, {"compiled": {"format": 1, "kind": "function_linear", "files": {"../x": "0" * 64}}}],
    ids=["labels-str", "labels-int", "format-str", "format-bool", "model-file-escape", "versions-list", "compiled-escape"],
)
def test_model_validation_card_fields_of_the_wrong_type_are_refused(models, changes):
    folder = _folder(models)
    card = json.loads((folder / "card.json").read_text(encoding="utf-8"))
    card.update(changes)
    card["card_sha256"] = registry._card_checksum(card)
    (folder / "card.json").write_text(json.dumps(card), encoding="utf-8")
    message = _tag_error(models)  # a card of another format is passed over: "no compatible version"
    assert "not a valid card" in message or "no compatible version" in message
    with pytest.raises(ModelError, match="not a valid card"):
        registry.read_card(folder)


def test_model_validation_raw_pickle_as_model_file_is_refused(models):
    folder = _folder(models)
    (folder / "model.skops").write_bytes(pickle.dumps({"not": "a model"}))
    card = json.loads((folder / "card.json").read_text(encoding="utf-8"))
    card.pop("compiled")  # make tagging read the estimator file itself
    (folder / "card.json").write_text(json.dumps(card), encoding="utf-8")
    _resign(folder)
    assert "not a model archive" in _tag_error(models)


def test_model_validation_scorer_of_another_kind_is_refused(models):
    function, themes = _folder(models, "function"), _folder(models, "themes")
    for name in (scoring.SCORER_JSON, scoring.SCORER_NPZ):
        shutil.copy(themes / name, function / name)
    _resign(function)
    message = _tag_error(models)
    assert "scorer" in message or "compiled model" in message


def test_model_validation_unreadable_model_file_is_exit_3_not_a_disk_error(models, monkeypatch):
    real_open = open

    def deny(path, *args, **kwargs):
        if str(path).endswith(scoring.SCORER_NPZ):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", deny)
    message = _tag_error(models)
    assert "cannot be read" in message and "free some space" not in message


def _npy_claiming(shape: tuple[int, ...]) -> bytes:
    from numpy.lib import format as npy

    buffer = io.BytesIO()
    npy.write_array_header_1_0(buffer, {"descr": "<f8", "fortran_order": False, "shape": shape})
    return buffer.getvalue() + b"\0" * 64


def test_model_validation_arrays_past_the_bound_are_refused_before_reading(models):
    """A .npz whose array claims 8 GiB is refused from its header, with --trust too."""
    folder = _folder(models)
    with zipfile.ZipFile(folder / scoring.SCORER_NPZ, "w") as archive:
        archive.writestr("W.npy", _npy_claiming((2**30,)))
    _resign(folder)
    assert "over" in _tag_error(models)


def test_model_validation_archive_unpacking_past_the_bound_is_refused(models, monkeypatch):
    monkeypatch.setattr(registry, "MAX_UNPACKED_BYTES", 1000)  # the shipped arrays are larger than this
    assert "unpack" in _tag_error(models)


@pytest.mark.parametrize("pattern", [r"(a+)+$", r"(?:x|(?:b*)*)c", r"((ab)*|c)+d", r"(?=(a+)+)b"])
def test_model_validation_nested_unbounded_repeats_are_refused(pattern):
    with pytest.raises(ValueError, match="nests unbounded repeats"):
        scoring.check_patterns({"covid19": pattern}, "patterns")


@pytest.mark.parametrize("pattern", [r"\bmesures? coercitives? unilatérales?\b", r"(?:sud[- ]sud|coopération triangulaire)", r"covid(?:-19)?\w*", r"(?:ab){2,5}c+"])
def test_model_validation_ordinary_theme_patterns_pass(pattern):
    assert scoring.check_patterns({"t": pattern}, "patterns") == {"t": pattern}


def test_model_validation_pattern_size_is_bounded():
    with pytest.raises(ValueError, match="characters"):
        scoring.check_patterns({"t": "a" * (scoring.MAX_PATTERN_CHARS + 1)}, "patterns")


@pytest.mark.parametrize("argv", [
    ["models", "show", "../../../../root"],
    ["models", "show", "function", "--version", "../.."],
    ["models", "show", "function", "--version", "1.0.0/../../x"],
    ["models", "show", "Function;rm"],
])
def test_model_validation_names_and_versions_cannot_leave_the_model_folder(argv):
    result = runner.invoke(app, argv)
    assert result.exit_code == 3, result.output
    assert "Traceback" not in result.output and "is not" in result.stderr


@pytest.mark.parametrize(("name", "version"), [("../x", "1.0.0"), ("function", "../1.0.0"), ("function", "1.0"), ("", "1.0.0")])
def test_model_validation_save_model_refuses_bad_names(tmp_path, name, version):
    with pytest.raises(ModelError, match="is not"):
        registry.save_model(object(), name, version, model_dir=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_model_validation_shipped_models_still_load():
    if not list(registry.PROJECT_MODELS.glob("*/*/card.json")):
        pytest.skip("models/ has no trained model (run `make train`)")
    for name in ("function", "themes"):
        scorer = registry.load_scorer(name)
        assert scorer.kind.startswith(f"{name}_") and len(scorer.classes_) > 1
