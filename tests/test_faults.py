"""Faults during a run: SIGTERM, Ctrl-C, a closed pipe. No half-written file, and a message saying how far it got.

These run the real `clausekit` in a subprocess, because signals and pipes are what is under test.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"
CLI = [sys.executable, "-c", "from clausekit.cli import main; main()"]


def _registered(name: str) -> bool:
    import typer.main

    from clausekit.cli import app

    return name in typer.main.get_command(app).commands  # type: ignore[attr-defined]


def _can_tag() -> str | None:
    try:
        from clausekit.tagging.tagger import Tagger

        Tagger()
    except Exception as exc:  # noqa: BLE001
        return f"no usable default model: {exc}"
    return None


@pytest.fixture(scope="module")
def big_folder(tmp_path_factory) -> Path:
    """Many copies of the seeds: long enough to be interrupted mid-way (about 15 s for segment)."""
    folder = tmp_path_factory.mktemp("corpus")
    seeds = sorted(SEEDS.glob("*.txt"))
    for i in range(2000):
        src = seeds[i % len(seeds)]
        shutil.copy(src, folder / f"{i:04d}_{src.name}")
    return folder


def _argv(command: str, folder: Path, out: Path) -> list[str]:
    if command == "report":
        return [*CLI, "report", str(folder), "--out", str(out)]
    return [*CLI, command, str(folder), "-f", "csv", "-o", str(out)]


def _leftovers_paths(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if ".part" in p.name or p.name.endswith(".old"))


def _leftovers(folder: Path) -> list[str]:
    return [p.name for p in _leftovers_paths(folder)]


def _interrupt_midway(argv: list[str], out_dir: Path, sig: int, *, after: float = 1.0) -> subprocess.CompletedProcess:
    """Start ``argv``, wait until its first records are written (a non-empty ``.part``) plus ``after`` s, then send ``sig``."""
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    started = None
    while time.monotonic() < deadline and proc.poll() is None:
        if started is None and any(p.stat().st_size > 0 for p in _leftovers_paths(out_dir)):
            started = time.monotonic()  # the first document's records are being written
        if started is not None and time.monotonic() - started > after:
            break
        time.sleep(0.05)
    assert proc.poll() is None, f"finished before it could be interrupted: {proc.communicate()}"
    assert started is not None, "never started writing its output"
    proc.send_signal(sig)
    stdout, stderr = proc.communicate(timeout=60)
    return subprocess.CompletedProcess(argv, proc.returncode, stdout, stderr)


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
@pytest.mark.parametrize("command", ["segment", "tag"])
def test_faults_interrupted_run_leaves_no_output_and_says_how_far(big_folder, tmp_path, command, sig):
    if not _registered(command):
        pytest.skip(f"`clausekit {command}` is not registered yet")
    if command != "segment" and (reason := _can_tag()):
        pytest.skip(reason)
    out = tmp_path / "out" / "clauses.csv"
    out.parent.mkdir()
    result = _interrupt_midway(_argv(command, big_folder, out), out.parent, sig)
    assert result.returncode == 130, result.stderr
    assert not out.exists()
    assert _leftovers(out.parent) == []
    assert "Traceback" not in result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("clausekit: error: interrupted after "), last
    assert "no partial output file was left behind" in last
    assert "done" in last and "failed" in last


@pytest.mark.slow
def test_faults_interrupted_run_keeps_the_previous_output(big_folder, tmp_path):
    out = tmp_path / "clauses.csv"
    previous = "doc_id,index,part,number,lead,text,start,end\r\nprevious,0,operative,1,,run,0,3\r\n"  # a run's CSV: `-o` replaces only its own
    out.write_bytes(previous.encode())
    result = _interrupt_midway(_argv("segment", big_folder, out), tmp_path, signal.SIGTERM)
    assert result.returncode == 130
    assert out.read_bytes() == previous.encode()
    assert _leftovers(tmp_path) == []


@pytest.mark.slow
def test_faults_interrupted_report_leaves_no_partial_report(big_folder, tmp_path):
    """`clausekit report` killed mid-way: the old report (if any) is untouched, no temporary folder stays.

    The library-level interruption of ``build_report`` is tested in test_report.py; this is the CLI with a signal.
    """
    if not _registered("report"):
        pytest.skip("`clausekit report` is not registered yet")
    if reason := _can_tag():
        pytest.skip(reason)
    out = tmp_path / "report"
    proc = subprocess.Popen(_argv("report", big_folder, out), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(4)  # tagging is under way; the report folder is only built at the end
    assert proc.poll() is None, proc.communicate()
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert not out.exists()
    assert _leftovers(tmp_path) == []
    assert "Traceback" not in stderr and "interrupted" in stderr


def test_faults_closed_pipe_is_not_an_error():
    """`clausekit segment ... | head -1`: the reader leaves early; no traceback, exit 0."""
    proc = subprocess.Popen([*CLI, "segment", str(SEEDS), "-f", "jsonl"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None
    first = proc.stdout.readline()
    proc.stdout.close()
    _, stderr = proc.communicate(timeout=60)
    assert first.startswith(b'{"doc_id"')
    assert b"Traceback" not in stderr, stderr.decode()
    assert proc.returncode == 0, stderr.decode()


def test_faults_sigterm_handler_is_restored_after_a_run():
    from typer.testing import CliRunner

    from clausekit.cli import app

    before = signal.getsignal(signal.SIGTERM)
    CliRunner().invoke(app, ["segment", str(SEEDS / "004_f730982b1d88a241.txt"), "-f", "jsonl"])
    assert signal.getsignal(signal.SIGTERM) == before


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_faults_write_error_on_stdout_is_one_line():
    """A full disk behind standard output is reported in one line, not a traceback."""
    with open("/dev/full", "w") as full:
        proc = subprocess.run([*CLI, "segment", str(SEEDS), "-f", "jsonl"], stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("clausekit: error: "), lines


def test_faults_env_has_no_leftover_part_files_in_seeds():
    assert not [p for p in os.listdir(SEEDS) if p.endswith(".part")]


def _peak_rss_kib(path: Path, out: Path) -> int:
    code = (
        "import resource, sys\n"
        "from clausekit.cli import app\n"
        f"try:\n    app(['segment', {str(path)!r}, '-f', 'csv', '-o', {str(out)!r}])\n"
        "except SystemExit as e:\n    code = e.code\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, code, file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    peak_kib, exit_code = proc.stderr.strip().splitlines()[-1].split()
    assert exit_code in ("0", "None"), proc.stderr
    return int(peak_kib)


@pytest.mark.slow
def test_faults_memory_stays_proportional_to_the_file(tmp_path):
    """Memory grows by about 100 bytes per character (the offset map), so the size limit bounds it.

    Measured: a 10 MiB file (the default limit) peaks near 1 GB; here a 2 MiB file may add at most
    150 bytes per byte over the same command on a one-line file.
    """
    line = "Rappelant la résolution 54/181 de l'Assemblée générale sur le développement durable,\n\n"
    small, big = tmp_path / "small.txt", tmp_path / "long.txt"
    small.write_text(line, encoding="utf-8")
    big.write_text(line * (2 * 2**20 // len(line.encode())), encoding="utf-8")
    baseline = _peak_rss_kib(small, tmp_path / "small.csv")
    growth = _peak_rss_kib(big, tmp_path / "long.csv") - baseline
    assert growth * 1024 < 150 * big.stat().st_size, f"{growth // 1024} MB more for a 2 MiB file"
