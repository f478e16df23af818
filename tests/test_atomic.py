"""clausekit.atomic: outputs never half-written, never lost, never written over what clausekit did not write.

Issue 18 items 1, 3, 4, 5 and issue 15 item 1 (the library side; the CLI side is in test_output_safety.py).
The kill tests run a writer in a subprocess and SIGKILL it at random moments.
"""

from __future__ import annotations

import os
import random
import signal
import stat
import subprocess
import sys
import textwrap
import time
import warnings
from pathlib import Path

import pytest

from clausekit import atomic
from clausekit.atomic import (
    StaleTemporaryWarning,
    UnsafeOutputError,
    atomic_directory,
    atomic_write,
)

MARK = ".test-marker.json"


def _generation(folder: Path) -> int:
    """The generation a folder written by ``_WRITER`` holds; asserts it is whole (every file of one generation)."""
    values = {(folder / f"f{i}.txt").read_text() for i in range(20)}
    assert len(values) == 1, f"a mix of generations: {values}"
    return int(values.pop())


_WRITER = textwrap.dedent(
    """
    import sys, itertools
    from pathlib import Path
    from clausekit import atomic
    if sys.argv[2] == "fallback":
        atomic._renameat2 = None
    target = Path(sys.argv[1])
    for gen in itertools.count(1):
        with atomic.atomic_directory(target, marker=".test-marker.json") as tmp:
            for i in range(20):
                (tmp / f"f{i}.txt").write_text(str(gen))
        print(gen, flush=True)
    """
)


@pytest.mark.parametrize("scheme", ["exchange", "fallback"])
def test_atomic_directory_kill9_at_random_moments_keeps_a_whole_previous_folder(tmp_path, scheme):
    if scheme == "exchange" and atomic._renameat2 is None:
        pytest.skip("renameat2 is not available on this system")
    target = tmp_path / "out"
    with atomic_directory(target, marker=MARK) as tmp:
        for i in range(20):
            (tmp / f"f{i}.txt").write_text("0")
    rng = random.Random(18)
    generations = set()
    for _ in range(6):
        proc = subprocess.Popen([sys.executable, "-c", _WRITER, str(target), scheme], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.4 + rng.random() * 0.6)  # past the import, somewhere among the swaps
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", StaleTemporaryWarning)
            atomic.sweep_stale(target)  # what the next run does first
        assert target.is_dir(), f"{scheme}: the folder went missing"
        generations.add(_generation(target))
        assert [p.name for p in tmp_path.iterdir()] == ["out"], "a stale temporary was not swept"
    assert len(generations) > 1, "the writer never swapped a folder in before it was killed"


def test_atomic_directory_fallback_killed_between_renames_is_put_back(tmp_path):
    """The fallback scheme's window (old folder moved aside, new one not yet in place), closed by the next run."""
    target = tmp_path / "models" / "function" / "1.0.0"
    with atomic_directory(target) as tmp:
        (tmp / "card.json").write_text("good")
    code = textwrap.dedent(
        f"""
        import os, signal
        from clausekit import atomic
        atomic._renameat2 = None
        atomic.between_renames = lambda: os.kill(os.getpid(), signal.SIGKILL)
        with atomic.atomic_directory({str(target)!r}) as tmp:
            (tmp / "card.json").write_text("new")
        """
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True)
    assert proc.returncode == -signal.SIGKILL
    assert not target.exists()  # the window the fallback leaves open ...
    with pytest.warns(StaleTemporaryWarning) as record:
        atomic.sweep_stale(target)  # ... which the next run closes
    assert any("put back the previous version" in str(w.message) for w in record)
    assert (target / "card.json").read_text() == "good"
    assert sorted(p.name for p in target.parent.iterdir()) == ["1.0.0"]


def test_atomic_directory_exchange_has_no_moment_without_the_target(tmp_path, monkeypatch):
    """With renameat2 the hook between renames is never reached: there is only one step."""
    if atomic._renameat2 is None:
        pytest.skip("renameat2 is not available on this system")
    target = tmp_path / "out"
    target.mkdir()
    (target / "a").write_text("old")

    def _fail() -> None:
        raise AssertionError("the exchange went through two renames")

    monkeypatch.setattr(atomic, "between_renames", _fail)
    with atomic_directory(target) as tmp:
        (tmp / "a").write_text("new")
    assert (target / "a").read_text() == "new"


def test_atomic_write_kill9_at_random_moments_keeps_the_previous_file(tmp_path):
    target = tmp_path / "out.jsonl"
    target.write_text("0\n" * 1000)
    code = textwrap.dedent(
        f"""
        import itertools
        from clausekit.atomic import atomic_write
        for gen in itertools.count(1):
            with atomic_write({str(target)!r}) as f:
                for _ in range(1000):
                    f.write(f"{{gen}}\\n")
        """
    )
    rng = random.Random(15)
    seen = set()
    for _ in range(5):
        proc = subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.DEVNULL)
        time.sleep(0.3 + rng.random() * 0.5)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        lines = target.read_text().splitlines()
        assert len(lines) == 1000 and len(set(lines)) == 1, "a truncated or mixed file under the real name"
        seen.add(lines[0])
    assert len(seen) > 1, "the writer never replaced the file before it was killed"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StaleTemporaryWarning)
        with atomic_write(target) as f:
            f.write("done\n")
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"], "a stale temporary was not swept"


def test_atomic_sweep_leaves_a_live_process_temporaries_and_other_names_alone(tmp_path):
    target = tmp_path / "out.csv"
    live = tmp_path / f".out.csv.clausekit-{os.getppid()}-00ff.part"  # the parent process is alive
    other = tmp_path / ".out.csv.someone-else.part"
    unrelated = tmp_path / f".notes.md.clausekit-{2**22 + 7}-00ff.part"  # another target's
    for p in (live, other, unrelated):
        p.write_text("x")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert atomic.sweep_stale(target) == []
    assert live.exists() and other.exists() and unrelated.exists()


def test_atomic_sweep_removes_an_old_temporary_even_if_its_pid_is_reused(tmp_path):
    stale = tmp_path / f".out.csv.clausekit-{os.getpid()}-00ff.part"
    stale.write_text("x")
    old = time.time() - atomic.STALE_AFTER_SECONDS - 60
    os.utime(stale, (old, old))
    with pytest.warns(StaleTemporaryWarning):
        assert atomic.sweep_stale(tmp_path / "out.csv") == [stale]
    assert not stale.exists()


@pytest.mark.parametrize("mask", [0o022, 0o002, 0o077])
def test_atomic_outputs_honour_the_umask(tmp_path, mask):
    previous = os.umask(mask)
    try:
        with atomic_write(tmp_path / "f.txt") as f:
            f.write("x")
        with atomic_directory(tmp_path / "d") as tmp:
            (tmp / "inner.txt").write_text("x")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "f.txt").stat().st_mode) == 0o666 & ~mask
    assert stat.S_IMODE((tmp_path / "d").stat().st_mode) == 0o777 & ~mask


def test_atomic_write_keeps_the_mode_of_the_file_it_replaces(tmp_path):
    target = tmp_path / "shared.csv"
    target.write_text("old")
    target.chmod(0o664)
    with atomic_write(target) as f:
        f.write("new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o664


def test_atomic_write_through_a_fifo_leaves_it_a_fifo(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    with atomic_write(fifo) as f:
        f.write("through\n")
    assert reader.communicate(timeout=10)[0] == b"through\n"
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]


@pytest.mark.skipif(not Path("/dev/null").is_char_device(), reason="needs /dev/null")
def test_atomic_write_to_a_character_device_writes_through(tmp_path):
    before = os.stat("/dev/null")
    with atomic_write("/dev/null") as f:
        f.write("gone")
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


def test_atomic_write_follows_a_link_and_keeps_it(tmp_path):
    real = tmp_path / "real.txt"
    real.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    with atomic_write(link) as f:
        f.write("new")
    assert link.is_symlink() and real.read_text() == "new"


def test_atomic_directory_with_a_marker_refuses_a_folder_it_did_not_write(tmp_path):
    user = tmp_path / "analysis"
    user.mkdir()
    (user / "notes.md").write_text("mine")
    with pytest.raises(UnsafeOutputError, match="not a clausekit report"), atomic_directory(user, marker=MARK):
        pytest.fail("the block must not run")
    assert (user / "notes.md").read_text() == "mine"
    a_file = tmp_path / "a.txt"
    a_file.write_text("mine")
    with pytest.raises(UnsafeOutputError, match="not a folder"), atomic_directory(a_file, marker=MARK):
        pytest.fail("the block must not run")
    assert a_file.read_text() == "mine"


def test_atomic_directory_replaces_its_own_folder_and_force_only_covers_added_files(tmp_path):
    out = tmp_path / "report"
    for gen in ("1", "2"):  # an empty folder, then its own folder: no --force needed
        out.mkdir(exist_ok=True)
        with atomic_directory(out, marker=MARK) as tmp:
            (tmp / "report.html").write_text(gen)
    (out / "notes.md").write_text("added by the user")
    with pytest.raises(UnsafeOutputError, match=r"notes\.md.*--force"), atomic_directory(out, marker=MARK):
        pytest.fail("the block must not run")
    assert (out / "notes.md").exists()
    with atomic_directory(out, marker=MARK, force=True) as tmp:
        (tmp / "report.html").write_text("3")
    assert sorted(p.name for p in out.iterdir()) == [MARK, "report.html"]


@pytest.mark.parametrize("layout", ["same", "link", "inside-folder", "folder-itself", "parent"])
def test_atomic_refuse_input_as_output(tmp_path, layout):
    inputs = tmp_path / "in"
    inputs.mkdir()
    doc = inputs / "a.txt"
    doc.write_text("Rappelant")
    (tmp_path / "alias.txt").symlink_to(doc)
    if layout == "same":
        with pytest.raises(UnsafeOutputError, match="input"):
            atomic.refuse_input_as_output(doc, [str(doc)])
    elif layout == "link":
        with pytest.raises(UnsafeOutputError, match="input"):
            atomic.refuse_input_as_output(tmp_path / "alias.txt", [str(doc)])
    elif layout == "inside-folder":  # a new file beside the inputs is fine; a folder may hold its output
        atomic.refuse_input_as_output(inputs / "out.jsonl", [str(doc)])
        atomic.refuse_input_as_output(inputs / "report", [str(inputs)], folder=True)
    elif layout == "folder-itself":
        with pytest.raises(UnsafeOutputError, match="would replace the input"):
            atomic.refuse_input_as_output(inputs, [str(inputs)], folder=True)
    else:
        with pytest.raises(UnsafeOutputError, match="would replace the input"):
            atomic.refuse_input_as_output(tmp_path, [str(doc)], folder=True)
    assert doc.read_text() == "Rappelant"
