"""Versioned model folders with cards: ``models/<name>/<version>/{card.json,model.skops,scorer.json,scorer.npz}``.

A card (JSON) records the model's name, version, date, label set, training files and their
SHA-256, counts, evaluation figures, the library versions it was built with, the estimator
file's SHA-256, the compiled form's files and their SHA-256, and the card's own checksum.

Two ways in, both checking the folder, the card and the file hashes *before* reading a model:

- :func:`load_model`: the scikit-learn estimator (skops; only the types of
  :data:`TRUSTED_TYPES` are rebuilt), for evaluation, notebooks and retraining;
- :func:`load_scorer`: the compiled form (:mod:`clausekit.models.scoring`, JSON and numpy arrays),
  which tagging uses: the same probabilities, without importing scikit-learn or skops.

The model folder is ``$CLAUSEKIT_MODEL_DIR`` when set, else the project's ``models/`` folder.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import platform
import warnings
from pathlib import Path
from typing import Any

from clausekit.errors import ModelError

PROJECT_MODELS = Path(__file__).resolve().parents[2] / "models"
MODEL_FILE = "model.skops"
CARD_FILE = "card.json"
#: Bumped when the folder layout or the card's meaning changes; older folders are not loaded.
FORMAT = 1

#: The only types skops may rebuild from a model file (everything the shipped estimators hold).
TRUSTED_TYPES: tuple[str, ...] = (
    "clausekit.lemmas.featurizer.LemmaFeaturizer",
    "clausekit.models.estimators.FunctionClassifier",
    "clausekit.models.estimators.ThemeClassifier",
    "clausekit.models.estimators.RuleFunctionBaseline",
    "clausekit.models.estimators.RuleThemeBaseline",
    "clausekit.models.theme_model.DefinitionThemeModel",
    "sklearn.calibration.CalibratedClassifierCV",
    "sklearn.calibration._CalibratedClassifier",
    "sklearn.calibration._SigmoidCalibration",
    "sklearn.linear_model._logistic.LogisticRegression",
    "sklearn.model_selection._split.StratifiedKFold",
    "sklearn.feature_extraction.text.TfidfVectorizer",
    "sklearn.feature_extraction.text.TfidfTransformer",
    "builtins.slice",
    "re.Pattern",
    "re.compile",
    "numpy.float64",
    "numpy.int64",
    "numpy.dtype",
    "numpy.ndarray",
    "numpy.core.multiarray._reconstruct",
)


def default_model_dir() -> Path:
    env = os.environ.get("CLAUSEKIT_MODEL_DIR")
    return Path(env) if env else PROJECT_MODELS


def sha256(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _card_checksum(card: dict[str, Any]) -> str:
    body = {k: v for k, v in card.items() if k != "card_sha256"}
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _versions() -> dict[str, str]:
    from importlib.metadata import version  # not `import spacy`: loading a model must stay fast

    from clausekit import __version__

    return {"clausekit": __version__, "scikit-learn": version("scikit-learn"), "spacy": version("spacy"), "python": platform.python_version()}


def _parse_version(v: str) -> tuple[int, ...]:
    try:
        return tuple(int(x) for x in v.split("."))
    except ValueError:
        return ()


def save_model(
    estimator: Any,
    name: str,
    version: str,
    *,
    model_dir: str | Path | None = None,
    labels: list[str] | None = None,
    training_files: list[str | Path] = (),  # type: ignore[assignment]
    counts: dict[str, Any] | None = None,
    evaluation: dict[str, Any] | None = None,
    selected: dict[str, Any] | None = None,
) -> Path:
    """Write ``estimator`` and its card to ``<model_dir>/<name>/<version>/`` atomically; return the folder."""
    import skops.io as sio

    from clausekit.atomic import atomic_directory

    if not _parse_version(version):
        raise ModelError(f"model version {version!r} is not of the form MAJOR.MINOR.PATCH")
    target = Path(model_dir or default_model_dir()) / name / version
    root = Path(model_dir or default_model_dir())
    files = []
    for f in training_files:
        p = Path(f)
        rel = os.path.relpath(p, root.parent) if p.is_absolute() else str(p)
        files.append({"path": rel, "sha256": sha256(p) if p.is_file() else None})
    from clausekit.models import compiler, scoring

    compiled = compiler.compile_model(estimator)
    with atomic_directory(target) as tmp:
        sio.dump(estimator, tmp / MODEL_FILE)
        untrusted = [t for t in sio.get_untrusted_types(file=tmp / MODEL_FILE) if t not in TRUSTED_TYPES]
        if untrusted:
            raise ModelError(f"{name} {version}: the estimator holds types that loading would refuse: {untrusted}")
        card: dict[str, Any] = {
            "format": FORMAT,
            "name": name,
            "version": version,
            "date": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
            "estimator": f"{type(estimator).__module__}.{type(estimator).__qualname__}",
            "labels": list(labels) if labels is not None else [str(c) for c in getattr(estimator, "classes_", [])],
            "training_data": files,
            "counts": counts or {},
            "evaluation": evaluation or {},
            "selected": selected or {},
            "versions": _versions(),
            "model_file": MODEL_FILE,
            "model_sha256": sha256(tmp / MODEL_FILE),
        }
        if compiled is not None:
            files = scoring.save(*compiled, tmp)
            card["compiled"] = {"format": scoring.FORMAT, "kind": compiled[0]["kind"],
                                "files": {p.name: sha256(p) for p in files}}
        card["card_sha256"] = _card_checksum(card)
        (tmp / CARD_FILE).write_text(json.dumps(card, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return target


def read_card(folder: str | Path) -> dict[str, Any]:
    """The card of a model folder, checked against its own checksum and its folder's name and version."""
    folder = Path(folder)
    path = folder / CARD_FILE
    try:
        card = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"{folder}: no {CARD_FILE}; the model folder is incomplete, retrain with `clausekit train`") from None
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise ModelError(f"{path}: not a valid card; retrain with `clausekit train`") from None
    if card.get("card_sha256") != _card_checksum(card):
        raise ModelError(f"{path}: the card was altered (checksum mismatch); retrain with `clausekit train`")
    if card.get("name") != folder.parent.name or card.get("version") != folder.name:
        raise ModelError(f"{path}: the card describes {card.get('name')} {card.get('version')}, not the folder {folder.parent.name}/{folder.name}")
    return card


def list_models(model_dir: str | Path | None = None) -> list[dict[str, Any]]:
    """One dict per model folder (name, version, date, labels, selected, path), newest version first per name."""
    root = Path(model_dir or default_model_dir())
    out = []
    if not root.is_dir():
        return out
    for card_path in sorted(root.glob(f"*/*/{CARD_FILE}")):
        folder = card_path.parent
        try:
            card = read_card(folder)
            out.append({"name": card["name"], "version": card["version"], "date": card.get("date"), "labels": card.get("labels"),
                        "selected": card.get("selected", {}).get("estimator"), "path": str(folder), "ok": True})
        except ModelError as exc:
            out.append({"name": folder.parent.name, "version": folder.name, "date": None, "labels": None,
                        "selected": None, "path": str(folder), "ok": False, "error": str(exc)})
    out.sort(key=lambda m: (m["name"], tuple(-x for x in _parse_version(m["version"]))))
    return out


def _within(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except ValueError:
        return False


def find_model(name: str, version: str | None = None, model_dir: str | Path | None = None) -> Path:
    """The folder of ``name`` at ``version``, or its newest version whose card format this clausekit reads."""
    root = Path(model_dir or default_model_dir())
    base = root / name
    if not base.is_dir():
        raise ModelError(f"no model named {name!r} in {root}; run `clausekit train` or pass --model-dir")
    if version is not None:
        if not (base / version).is_dir():
            known = ", ".join(sorted(p.name for p in base.iterdir() if p.is_dir())) or "none"
            raise ModelError(f"model {name} has no version {version} in {root} (versions: {known})")
        return base / version
    candidates = []
    for folder in base.iterdir():
        if not (folder / CARD_FILE).is_file() or not _parse_version(folder.name):
            continue
        try:
            fmt = json.loads((folder / CARD_FILE).read_text(encoding="utf-8")).get("format")
        except (json.JSONDecodeError, UnicodeDecodeError, OSError):
            raise ModelError(f"{folder / CARD_FILE}: not a valid card; retrain with `clausekit train`") from None
        if fmt == FORMAT:
            candidates.append(folder)
    if not candidates:
        raise ModelError(f"no compatible version of model {name!r} in {root}; retrain with `clausekit train`")
    return max(candidates, key=lambda p: _parse_version(p.name))


def _checked(name: str, version: str | None, model_dir: str | Path | None, trust: bool) -> tuple[Path, dict[str, Any]]:
    """The folder and card of a model, after the folder and card checks of :func:`load_model`."""
    root = Path(model_dir) if model_dir is not None else default_model_dir()
    if not trust and not _within(root, PROJECT_MODELS):
        raise ModelError(f"{root} is outside the project's models/ folder; pass --trust (trust=True) if you trust its files")
    folder = find_model(name, version, root)
    return folder, read_card(folder)


def _read_checked(path: Path, expected: str | None) -> bytes:
    """The bytes of a model file whose SHA-256 is ``expected`` (from its card)."""
    if not path.is_file():
        raise ModelError(f"{path}: model file missing; retrain with `clausekit train`")
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != expected:
        raise ModelError(f"{path}: SHA-256 does not match its card; the file was altered, refusing to load it")
    return data


def _warn_versions(name: str, card: dict[str, Any], libraries: tuple[str, ...]) -> None:
    installed = _versions()
    for lib in libraries:
        built = card.get("versions", {}).get(lib)
        if built and built != installed[lib]:
            warnings.warn(f"model {name} {card['version']} was built with {lib} {built}, installed is {installed[lib]}; retrain with `clausekit train` if results look wrong", UserWarning, stacklevel=3)


def load_model(name: str, version: str | None = None, model_dir: str | Path | None = None, trust: bool = False) -> Any:
    """Load a model after checking its folder, card and file hash; return the estimator.

    Refuses (``ModelError``, one line) a folder outside the project's ``models/`` unless
    ``trust=True``, an altered card or estimator file, and types outside :data:`TRUSTED_TYPES`.
    Warns when the installed scikit-learn or spaCy differs from the card's.
    """
    import skops.io as sio

    folder, card = _checked(name, version, model_dir, trust)
    path = folder / card.get("model_file", MODEL_FILE)
    data = _read_checked(path, card.get("model_sha256"))
    _warn_versions(name, card, ("scikit-learn", "spacy"))
    found = sio.get_untrusted_types(data=data)
    untrusted = [t for t in found if t not in TRUSTED_TYPES]
    if untrusted:
        raise ModelError(f"{path}: holds types clausekit does not trust: {', '.join(untrusted)}")
    try:
        return sio.loads(data, trusted=list(found))
    except Exception as exc:  # noqa: BLE001 - any failure to rebuild is the model's, reported in one line
        raise ModelError(f"{path}: cannot be loaded ({type(exc).__name__}: {exc}); retrain with `clausekit train`") from None


def load_scorer(name: str, version: str | None = None, model_dir: str | Path | None = None, trust: bool = False) -> Any:
    """The model for tagging: its compiled form (:mod:`clausekit.models.scoring`) when the card lists one, else :func:`load_model`.

    The compiled files, and the estimator file beside them, are checked against the card's
    SHA-256 (a folder is trusted whole or not at all); they hold only JSON and numpy arrays
    (no pickles), so loading needs neither scikit-learn nor skops (a fraction of a second
    instead of seconds). The result has ``classes_`` and
    ``predict_proba`` (and ``thresholds_`` for themes) like the estimator.
    """
    folder, card = _checked(name, version, model_dir, trust)
    compiled = card.get("compiled")
    from clausekit.models import scoring

    if not compiled or compiled.get("format") != scoring.FORMAT:
        return load_model(name, version, model_dir, trust)
    files = compiled.get("files", {})
    _read_checked(folder / card.get("model_file", MODEL_FILE), card.get("model_sha256"))
    spec = _read_checked(folder / scoring.SCORER_JSON, files.get(scoring.SCORER_JSON))
    arrays = _read_checked(folder / scoring.SCORER_NPZ, files.get(scoring.SCORER_NPZ))
    _warn_versions(name, card, ("scikit-learn", "spacy"))
    try:
        return scoring.load(spec, arrays)
    except Exception as exc:  # noqa: BLE001 - any failure to read is the model's, reported in one line
        raise ModelError(f"{folder}: compiled model cannot be loaded ({type(exc).__name__}: {exc}); retrain with `clausekit train`") from None
