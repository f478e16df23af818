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
import re
import warnings
from collections.abc import Sequence
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


#: A model name and a version are plain names: never a path out of the model folder.
_NAME = re.compile(r"[a-z][a-z0-9_-]{0,63}")
_VERSION = re.compile(r"\d{1,6}\.\d{1,6}\.\d{1,6}")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_FILE_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}")
#: Largest model file read, and largest total an archive (.skops, .npz) may unpack to: a
#: decompression bomb is refused before it is unpacked, even in a trusted folder.
MAX_MODEL_FILE_BYTES = 512 * 2**20
MAX_UNPACKED_BYTES = 1024 * 2**20

#: The card's fields and their types (None: optional).
_CARD_SCHEMA: dict[str, tuple[type, ...]] = {
    "format": (int,), "name": (str,), "version": (str,), "labels": (list,), "model_file": (str,),
    "model_sha256": (str,), "card_sha256": (str,),
}
_CARD_OPTIONAL: dict[str, tuple[type, ...]] = {
    "date": (str,), "estimator": (str,), "training_data": (list,), "counts": (dict,), "evaluation": (dict,),
    "selected": (dict,), "versions": (dict,), "compiled": (dict,),
}


def check_name(name: object, what: str = "model name") -> str:
    """``name`` if it is a valid model name (``function``, ``themes``), else :class:`ModelError` (one line)."""
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise ModelError(f"{name!r} is not a {what}: use lower-case letters, digits, - and _ (e.g. function, themes)")
    return name


def check_version(version: object) -> str:
    """``version`` if it is MAJOR.MINOR.PATCH, else :class:`ModelError` (one line)."""
    if not isinstance(version, str) or not _VERSION.fullmatch(version):
        raise ModelError(f"model version {version!r} is not of the form MAJOR.MINOR.PATCH (e.g. 1.3.0)")
    return version


def validate_card(card: object, path: str | Path) -> dict[str, Any]:
    """``card`` if it has the shape of a model card (fields, types, plain file names, hashes), else :class:`ModelError`."""
    def bad(why: str) -> ModelError:
        return ModelError(f"{path}: not a valid card ({why}); retrain with `clausekit train`")

    if not isinstance(card, dict):
        raise bad(f"a JSON {type(card).__name__}, not an object")
    for key in _CARD_SCHEMA:
        if key not in card:
            raise bad(f"no {key!r}")
    for key, types in {**_CARD_SCHEMA, **_CARD_OPTIONAL}.items():
        value = card.get(key)
        if key in card and (not isinstance(value, types) or isinstance(value, bool)):
            raise bad(f"{key!r} is a {type(value).__name__}")
    if not all(isinstance(label, str) for label in card["labels"]):
        raise bad("'labels' holds a non-text label")
    if not _FILE_NAME.fullmatch(card["model_file"]):
        raise bad(f"'model_file' {card['model_file']!r} is not a plain file name")
    if not _SHA256.fullmatch(card["model_sha256"]):
        raise bad("'model_sha256' is not a SHA-256")
    compiled = card.get("compiled")
    if compiled is not None:
        files = compiled.get("files")
        if not isinstance(compiled.get("format"), int) or not isinstance(compiled.get("kind"), str) or not isinstance(files, dict):
            raise bad("'compiled' needs a format, a kind and files")
        for name, digest in files.items():
            if not _FILE_NAME.fullmatch(name) or not isinstance(digest, str) or not _SHA256.fullmatch(digest):
                raise bad(f"'compiled' lists {name!r} without a plain name and a SHA-256")
    return card


def check_archive(data: bytes, path: str | Path) -> None:
    """Refuse (:class:`ModelError`) a zip archive whose members would unpack past :data:`MAX_UNPACKED_BYTES`, or that is no zip."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise ModelError(f"{path}: not a model archive (expected a zip file); retrain with `clausekit train`") from None
    if total > MAX_UNPACKED_BYTES:
        raise ModelError(f"{path}: would unpack to {total / 2**20:.0f} MiB, over the {MAX_UNPACKED_BYTES // 2**20} MiB limit; refusing to load it")


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
    training_files: Sequence[str | Path] = (),
    counts: dict[str, Any] | None = None,
    evaluation: dict[str, Any] | None = None,
    selected: dict[str, Any] | None = None,
) -> Path:
    """Write ``estimator`` and its card to ``<model_dir>/<name>/<version>/`` atomically; return the folder."""
    import skops.io as sio

    from clausekit.atomic import atomic_directory

    check_name(name)
    check_version(version)
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
            saved = scoring.save(*compiled, tmp)
            card["compiled"] = {"format": scoring.FORMAT, "kind": compiled[0]["kind"],
                                "files": {p.name: sha256(p) for p in saved}}
        card["card_sha256"] = _card_checksum(card)
        (tmp / CARD_FILE).write_text(json.dumps(card, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return target


def read_card(folder: str | Path) -> dict[str, Any]:
    """The card of a model folder, checked against its own checksum and its folder's name and version."""
    folder = Path(folder)
    path = folder / CARD_FILE
    try:
        with open(path, "rb") as f:
            raw = f.read(4 * 2**20 + 1)
    except FileNotFoundError:
        raise ModelError(f"{folder}: no {CARD_FILE}; the model folder is incomplete, retrain with `clausekit train`") from None
    except OSError as exc:
        raise ModelError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if len(raw) > 4 * 2**20:
        raise ModelError(f"{path}: over 4 MiB, not a card; retrain with `clausekit train`")
    try:
        card = validate_card(json.loads(raw.decode("utf-8")), path)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
        raise ModelError(f"{path}: not a valid card; retrain with `clausekit train`") from None
    if card.get("card_sha256") != _card_checksum(card):
        raise ModelError(f"{path}: the card was altered (checksum mismatch); retrain with `clausekit train`")
    if card.get("name") != folder.parent.name or card.get("version") != folder.name:
        raise ModelError(f"{path}: the card describes {card.get('name')} {card.get('version')}, not the folder {folder.parent.name}/{folder.name}")
    return card


def list_models(model_dir: str | Path | None = None) -> list[dict[str, Any]]:
    """One dict per model folder (name, version, date, labels, selected, path), newest version first per name."""
    root = Path(model_dir or default_model_dir())
    out: list[dict[str, Any]] = []
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
    check_name(name)
    if version is not None:
        check_version(version)
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
            fmt = json.loads((folder / CARD_FILE).read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError, OSError, RecursionError):
            raise ModelError(f"{folder / CARD_FILE}: not a valid card; retrain with `clausekit train`") from None
        fmt = fmt.get("format") if isinstance(fmt, dict) else None
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
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_MODEL_FILE_BYTES + 1)
    except OSError as exc:  # unreadable: the model's problem (exit 3), not a full disk
        raise ModelError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if len(data) > MAX_MODEL_FILE_BYTES:
        raise ModelError(f"{path}: over {MAX_MODEL_FILE_BYTES // 2**20} MiB, refusing to load it")
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
    check_archive(data, path)
    try:
        found = sio.get_untrusted_types(data=data)
    except Exception as exc:  # noqa: BLE001 - a file skops cannot read is the model's, in one line
        raise ModelError(f"{path}: not a readable model file ({type(exc).__name__}); retrain with `clausekit train`") from None
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
    check_archive(arrays, folder / scoring.SCORER_NPZ)
    try:
        scorer = scoring.load(spec, arrays)
    except Exception as exc:  # noqa: BLE001 - any failure to read is the model's, reported in one line
        raise ModelError(f"{folder}: compiled model cannot be loaded ({type(exc).__name__}: {exc}); retrain with `clausekit train`") from None
    if scorer.kind != compiled.get("kind") or not scorer.kind.startswith(f"{card['name']}_"):
        raise ModelError(f"{folder / scoring.SCORER_JSON}: a {scorer.kind} scorer, not the {compiled.get('kind')} of model {card['name']}; retrain with `clausekit train`")
    return scorer
