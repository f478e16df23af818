"""One bounded reader for every source (issue 18 item 7): memory stays under a bound set by the size limit.

For each kind of source (a file, a folder, standard input, a FIFO, a device, a CSV), of any
size up to many times the limit or endless, the Python memory allocated while reading
(tracemalloc's peak) stays under ``8 x limit + 1 MiB``, and an input past the limit is
refused in one line.
"""

from __future__ import annotations

import os
import stat
import sys
import threading
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clausekit.errors import InputError
from clausekit.read.sources import read_bounded, read_csv, read_path
from clausekit.tagging.batch import Failure, iter_inputs

LINE = "Rappelant la résolution 54/181 de l'Assemblée générale sur le développement durable,\n".encode()
KINDS = ["file", "folder", "stdin", "fifo", "device", "csv"]


def _bound(max_bytes: int) -> int:
    return 8 * max_bytes + 2**20


class _Endless:
    """A raw binary stream that never ends (what ``yes | clausekit tag -`` gives)."""

    def __init__(self, limit: int | None = None) -> None:
        self.left = limit

    def read(self, n: int = -1) -> bytes:
        if self.left is not None:
            n = min(n, self.left)
            self.left -= n
        return (LINE * (n // len(LINE) + 1))[:n]


class _Stdin:
    def __init__(self, stream) -> None:
        self.buffer, self.closed = stream, False


def _feed_fifo(path: Path, total: int | None) -> threading.Thread:
    def write() -> None:
        try:
            with open(path, "wb") as f:
                sent = 0
                while total is None or sent < total:
                    chunk = LINE * 64 if total is None else (LINE * 64)[: total - sent]  # exactly ``total`` bytes
                    f.write(chunk)
                    sent += len(chunk)
        except (BrokenPipeError, OSError):  # the reader stopped at its limit
            pass

    thread = threading.Thread(target=write, daemon=True)
    thread.start()
    return thread


def _prepare(kind: str, tmp: Path, size: int | None, max_bytes: int, monkeypatch):
    """A source of ``kind`` holding ``size`` bytes (None: endless), set up before memory is traced;
    returns ``(read, finish)``: ``read()`` gives the sources or errors, ``finish()`` cleans up."""
    if kind in ("file", "folder", "csv"):
        target = tmp / ("doc.csv" if kind == "csv" else "doc.txt")
        with open(target, "wb") as f:
            f.write(b"text\n" if kind == "csv" else b"")
            for _ in range(max(size or 0, 8) // len(LINE) + 1):
                f.write(LINE)
            cut = max(size or 0, 8)
            while LINE[cut % len(LINE)] & 0xC0 == 0x80:  # never inside a UTF-8 character: that is another bad input
                cut -= 1
            f.truncate(cut + (5 if kind == "csv" else 0))
        if kind == "csv":
            def rows() -> list[object]:
                try:
                    return list(read_csv(target, max_bytes=max_bytes))
                except InputError as exc:  # the whole file: refused before any row
                    return [exc]

            return rows, (lambda: None)
        if kind == "folder":
            return (lambda: list(iter_inputs([tmp], max_bytes=max_bytes))), (lambda: None)
        return (lambda: _catch(lambda: read_path(target, max_bytes=max_bytes))), (lambda: None)
    if kind == "stdin":
        monkeypatch.setattr(sys, "stdin", _Stdin(_Endless(size)))
        return (lambda: _catch(lambda: read_path("-", max_bytes=max_bytes))), (lambda: None)
    if kind == "fifo":
        fifo = tmp / "pipe"
        os.mkfifo(fifo)
        thread = _feed_fifo(fifo, size)
        return (lambda: _catch(lambda: read_path(fifo, max_bytes=max_bytes))), (lambda: thread.join(timeout=10))
    assert kind == "device"
    return (lambda: _catch(lambda: read_path("/dev/zero", max_bytes=max_bytes))), (lambda: None)


def _catch(read) -> list[object]:
    try:
        return [read()]
    except InputError as exc:
        return [exc]


def _fresh(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    return folder


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not Path("/dev/zero").exists(), reason="needs FIFOs and /dev/zero")
@settings(max_examples=24, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    kind=st.sampled_from(KINDS),
    max_bytes=st.integers(min_value=4 * 1024, max_value=256 * 1024),
    factor=st.one_of(st.none(), st.floats(min_value=0.1, max_value=40.0)),
)
def test_bounded_reader_memory_stays_under_the_size_limit_for_every_source(tmp_path_factory, monkeypatch, kind, max_bytes, factor):
    size = None if factor is None or kind == "device" else int(max_bytes * factor)
    if size is None and kind in ("file", "folder", "csv"):
        size = 40 * max_bytes  # a file cannot be endless; a large one stands in
    tmp = tmp_path_factory.mktemp(kind)
    read, finish = _prepare(kind, tmp, size, max_bytes, monkeypatch)
    tracemalloc.start()
    try:
        results = read()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        finish()
    assert peak < _bound(max_bytes), f"{kind}: {peak} bytes for a {max_bytes}-byte limit"
    too_big = size is None or size > max_bytes
    refused = [r for r in results if isinstance(r, InputError | Failure)]
    if too_big:
        assert refused and any("limit" in str(getattr(r, "message", r)) for r in refused), results
    elif kind not in ("device", "csv"):  # a CSV cut at a byte count may end in a broken row
        assert not refused, results


def test_bounded_reader_stops_one_byte_past_the_limit():
    stream = _Endless()
    with pytest.raises(InputError, match="limit"):
        read_bounded(stream, 1000, "<endless>")
    assert read_bounded(_Endless(1000), 1000, "<exact>") == (LINE * 20)[:1000]


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs procfs")
def test_bounded_reader_reads_procfs_files_whose_size_is_zero():
    assert os.stat("/proc/self/status").st_size == 0
    assert "Pid" in read_path("/proc/self/status", max_bytes=2**20).text


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_bounded_reader_device_in_a_batch_is_one_line(tmp_path):
    from typer.testing import CliRunner

    from clausekit.cli import app

    good = Path(__file__).resolve().parents[1] / "data" / "seeds" / "004_f730982b1d88a241.txt"
    result = CliRunner().invoke(app, ["segment", "/dev/zero", str(good), "--max-size", "1", "-f", "jsonl"])
    assert result.exit_code == 4, result.output
    assert stat.S_ISCHR(os.stat("/dev/zero").st_mode)
    assert "/dev/zero: is larger than the 1 MiB limit" in result.stderr
