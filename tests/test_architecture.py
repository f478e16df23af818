"""The package's layering: imports point one way, from the CLI down to the shared records, with no circle."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _import_graph():
    spec = importlib.util.spec_from_file_location("import_graph", ROOT / "scripts" / "import_graph.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["import_graph"] = module
    spec.loader.exec_module(module)
    return module


ig = _import_graph()


def test_architecture_every_module_has_a_layer():
    for module in ig.graph():
        ig.layer(module)  # raises KeyError naming the module


def test_architecture_imports_point_down_the_layers():
    assert ig.violations(ig.graph()) == []


def test_architecture_has_no_import_circle():
    assert ig.cycles(ig.graph()) == []


def test_architecture_modules_fit_one_sitting():
    long = {m: n for m, p in ig.modules().items() if (n := len(p.read_text(encoding="utf-8").splitlines())) > 450}
    assert long == {}


def test_architecture_tagging_never_imports_training_code():
    g = ig.graph()
    seen, todo = set(), ["clausekit.tagging.batch", "clausekit.tagging.tagger"]
    while todo:
        m = todo.pop()
        if m not in seen:
            seen.add(m)
            todo.extend(g.get(m, ()))
    assert not {m for m in seen if m.startswith(("clausekit.training", "clausekit.cli", "clausekit.outputs"))}


def _copy_package(tmp_path: Path) -> Path:
    pkg = tmp_path / "clausekit"
    shutil.copytree(ROOT / "clausekit", pkg, ignore=shutil.ignore_patterns("data", "__pycache__"))
    return pkg


def test_architecture_check_catches_a_new_circle(tmp_path):
    pkg = _copy_package(tmp_path)
    target = pkg / "segmentation" / "lexicon.py"
    target.write_text(target.read_text(encoding="utf-8") + "\n\ndef _late():\n    from clausekit.segmentation import segmenter\n")
    g = ig.graph(pkg)
    assert any("clausekit.segmentation.lexicon" in c for c in ig.cycles(g))


def test_architecture_check_catches_an_upward_import(tmp_path):
    pkg = _copy_package(tmp_path)
    target = pkg / "text" / "normalization.py"
    target.write_text(target.read_text(encoding="utf-8") + "\nfrom clausekit.tagging.tagger import Tagger\n")
    assert "clausekit.text.normalization -> clausekit.tagging.tagger" in ig.violations(ig.graph(pkg))


@pytest.mark.parametrize("name", ["segment", "tag"])
def test_architecture_public_functions_are_not_shadowed_by_modules(name):
    import clausekit

    importlib.import_module("clausekit.segmentation.segmenter")
    importlib.import_module("clausekit.tagging.tagger")
    assert callable(getattr(clausekit, name))
    assert not (ROOT / "clausekit" / f"{name}.py").exists() and not (ROOT / "clausekit" / name).is_dir()
