"""Every command shown in the README's code blocks runs, and the README's confidence figures are the model card's.

The shell blocks run line by line in a temporary folder holding the sample data (`data/seeds/`)
and the few files the tour names (`clauses.txt`, `resolution.txt`, `table.csv`); `clausekit`
and `python` are this interpreter. `make` lines are skipped: they build a virtualenv, which
`make test` itself does. The Python block runs as one script in the same kind of folder.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from clausekit.models import registry

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (registry.PROJECT_MODELS / "function").is_dir(), reason="models/ has no trained model (run `clausekit train`)"),
]


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)


def _shell_lines() -> list[str]:
    lines = []
    for block in _blocks("bash"):
        for line in block.splitlines():
            command = line.split("  #")[0].strip()
            if command and not command.startswith(("#", "make ")):
                lines.append(command)
    return lines


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "data" / "seeds", tmp_path / "data" / "seeds")
    shutil.copy(ROOT / "data" / "seeds" / "004_f730982b1d88a241.txt", tmp_path / "resolution.txt")
    (tmp_path / "clauses.txt").write_text(
        "Rappelant sa résolution 54/181,\n1. Prie le Secrétaire général de lui faire rapport ;\nExhorte les États à coopérer ;\n", encoding="utf-8"
    )
    (tmp_path / "table.csv").write_text("ref,text,analyst\nR1,Prie les États de coopérer ;,Léa\nR2,Rappelant sa résolution 54/181,Tom\n", encoding="utf-8")
    # the files the format, diff and report examples name
    seeds = ROOT / "data" / "seeds"
    shutil.copy(seeds / "004_f730982b1d88a241.txt", tmp_path / "OLD.txt")
    shutil.copy(seeds / "003_0d3b84d2626458c8.txt", tmp_path / "NEW.txt")
    shutil.copytree(seeds, tmp_path / "corpus")
    (tmp_path / "meta.csv").write_text("doc_id,symbol,year,title\n004_f730982b1d88a241,A/RES/55/109,2000,Renforcement de la coopération internationale\n", encoding="utf-8")
    import clausekit

    un_render = pytest.importorskip("un_render")  # tests/un_render.py (needs reportlab, a dev dependency)
    doc = clausekit.segment(seeds / "004_f730982b1d88a241.txt")
    (tmp_path / "page.html").write_text(un_render.render_html(doc, "Résolution 55/109"), encoding="utf-8")
    (tmp_path / "A_RES_55_109.pdf").write_bytes(un_render.render_pdf(doc, "A/RES/55/109"))
    shutil.copy(tmp_path / "A_RES_55_109.pdf", tmp_path / "corpus" / "A_RES_55_109.pdf")
    return tmp_path


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}


def test_readme_has_a_tour():
    lines = _shell_lines()
    assert len(lines) >= 10 and all("clausekit" in line for line in lines)


@pytest.mark.parametrize("line", _shell_lines())
def test_readme_shell_command_runs(line: str, workdir: Path):
    script = f'clausekit() {{ "{sys.executable}" -m clausekit "$@"; }}\npython() {{ "{sys.executable}" "$@"; }}\nset -o pipefail\n{line}\n'
    before = set(workdir.iterdir())
    run = subprocess.run(["bash", "-c", script], cwd=workdir, capture_output=True, text=True, env=_env(), timeout=600)
    assert run.returncode == 0, f"{line}\n{run.stderr[-2000:]}"
    assert "Traceback" not in run.stderr
    assert run.stdout.strip() or set(workdir.iterdir()) - before, f"{line} printed and wrote nothing"


def test_readme_python_block_runs(workdir: Path):
    code = "\n".join(_blocks("python"))  # the blocks follow on from one another
    run = subprocess.run([sys.executable, "-c", code], cwd=workdir, capture_output=True, text=True, env=_env(), timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]


def test_readme_python_block_comments_match_what_it_returns(workdir: Path):
    """The `# {'preamble': 8, ...}` comments of the Python blocks are what the calls give."""
    code = "\n".join(_blocks("python"))
    checks = [(expr.strip(), shown.strip()) for expr, shown in re.findall(r"^(\S[^#\n]*?)\s+#\s*(\(.*\)|\{.*\})\s*$", code, flags=re.M)]
    assert checks
    script = code + "\nimport ast\n" + "".join(
        f"assert repr(({expr})) == repr(ast.literal_eval({shown!r})), ({expr!r}, ({expr}))\n" for expr, shown in checks
    )
    run = subprocess.run([sys.executable, "-c", script], cwd=workdir, capture_output=True, text=True, env=_env(), timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]


def test_readme_confidence_table_is_the_model_card():
    from clausekit.models.registry import find_model, read_card

    card = read_card(find_model("function"))
    bins = card["evaluation"]["heldout"]["model"]["reliability"]
    section = README.read_text(encoding="utf-8").split("## Confidence", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"\|\s*(\d\.\d)–(\d\.\d)\s*\|\s*([\d,]+)\s*\|\s*([\d.]+)\s*\|\s*([\d.]+)\s*\|", section)
    assert [(f"{lo}-{hi}", int(n.replace(",", "")), float(c), float(a)) for lo, hi, n, c, a in rows] == [
        (b["bin"], b["n"], b["confidence"], b["accuracy"]) for b in bins
    ]
    from clausekit.tagging.tagger import LOW_CONFIDENCE_BELOW

    low = [b for b in bins if float(b["bin"].split("-")[1]) <= LOW_CONFIDENCE_BELOW]
    right = round(sum(b["n"] * b["accuracy"] for b in low))
    high = [b for b in bins if b not in low]
    share = sum(b["n"] * b["accuracy"] for b in high) / sum(b["n"] for b in high)
    assert f"under {LOW_CONFIDENCE_BELOW}" in section
    assert f"right {right} times out of {sum(b['n'] for b in low)}, against {share:.0%}".replace("%", " %") in section
    assert f"Brier score {card['evaluation']['heldout']['model']['brier']:.3f}" in section


def test_readme_exit_codes_cover_the_error_classes():
    from clausekit import errors

    section = README.read_text(encoding="utf-8").split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    codes = {int(c) for c in re.findall(r"`(\d+)`", section)}
    for cls in (errors.ClausekitError, errors.InputError, errors.ContentError, errors.MissingPathError, errors.ModelError):
        assert cls.exit_code in codes, cls.__name__
    assert json.dumps(sorted(codes)) == "[0, 1, 2, 3, 4, 130]"
