"""Writing files and folders so that none is ever left half-written, and nothing else is lost.

Every output (clause tables, reports, models) is built under a temporary name in the
destination's folder and moved into place in one step:

- a file (:func:`atomic_write`) by ``rename``, atomic on POSIX: an interrupted run leaves the
  old file or none, never a truncated one. A target that is not a regular file (``/dev/null``,
  a FIFO, a terminal) is written through instead, never replaced;
- a folder (:func:`atomic_directory`) by ``renameat2(RENAME_EXCHANGE)`` where the kernel and the
  file system offer it (Linux 3.15+): the old and the new folder swap names in one step, so the
  target is never missing. Elsewhere the old folder is first moved aside under a temporary
  name; a run killed between the two renames leaves it there, and the next run puts it back.

Temporary names are ``.<name>.clausekit-<pid>-<random>.part``: a later run that writes the same
target removes those whose process is gone (or that are older than a day), and says so with a
:class:`StaleTemporaryWarning`. Outputs get the permissions of a plain ``open()``: the umask's,
or the replaced file's.

A folder of a given kind (a report) carries a marker file; :func:`atomic_directory` with
``marker=`` replaces an existing folder only when it carries that marker, and refuses an
unrelated folder in one line (:class:`UnsafeOutputError`).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import json
import os
import re
import secrets
import shutil
import stat
import time
import warnings
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from clausekit.errors import ClausekitError

TEMP_TAG = "clausekit"
#: A temporary file or folder older than this is stale even if its process id is in use again.
STALE_AFTER_SECONDS = 24 * 3600
_TEMP_RE = re.compile(rf"^\.(?P<name>.+)\.{TEMP_TAG}-(?P<pid>\d+)-[0-9a-f]+(?P<old>-old)?\.part$")

#: Called between the two renames of the fallback folder swap (tests stop the process there).
between_renames: Callable[[], None] | None = None


class StaleTemporaryWarning(UserWarning):
    """A temporary file or folder of an interrupted run was removed, or an old folder put back."""


class UnsafeOutputError(ClausekitError):
    """The output would overwrite or delete something clausekit did not write (an input, a user's folder)."""

    exit_code = 2


# --- permissions and temporary names -------------------------------------------------------


def current_umask() -> int:
    """The process's umask, read without changing it where Linux allows (``/proc/self/status``)."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)  # elsewhere: set and restore (a short race other threads could see)
    os.umask(mask)
    return mask


def _temp_name(path: Path, *, old: bool = False) -> Path:
    return path.with_name(f".{path.name}.{TEMP_TAG}-{os.getpid()}-{secrets.token_hex(4)}{'-old' if old else ''}.part")


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's live process
        return True
    return True


def _stale(entry: Path, pid: int, now: float) -> bool:
    try:
        age = now - entry.lstat().st_mtime
    except OSError:
        return False
    return not _pid_alive(pid) or age > STALE_AFTER_SECONDS


def sweep_stale(path: str | Path) -> list[Path]:
    """Remove the stale temporaries of ``path`` (by name, in its folder) and put back a lost old folder.

    Only names clausekit gives its own temporaries are touched, and only when the process that
    made them is gone or they are older than :data:`STALE_AFTER_SECONDS`. Returns what was
    removed or restored; each is also reported as a :class:`StaleTemporaryWarning`.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    now, handled = time.time(), []
    olds = []
    for entry in entries:
        m = _TEMP_RE.match(entry.name)
        if not m or m["name"] != path.name or not _stale(entry, int(m["pid"]), now):
            continue
        if m["old"]:
            olds.append(entry)
            continue
        kind = "folder" if entry.is_dir() else "file"
        _remove(entry)
        handled.append(entry)
        warnings.warn(f"{entry}: removed a temporary {kind} left by an interrupted run", StaleTemporaryWarning, stacklevel=3)
    for entry in sorted(olds, key=lambda p: p.lstat().st_mtime, reverse=True):
        if not os.path.lexists(path):  # killed between the two renames: the old folder goes back
            os.rename(entry, path)
            warnings.warn(f"{path}: put back the previous version, which an interrupted run had moved to {entry.name}", StaleTemporaryWarning, stacklevel=3)
        else:
            _remove(entry)
            warnings.warn(f"{entry}: removed a previous version left by an interrupted run", StaleTemporaryWarning, stacklevel=3)
        handled.append(entry)
    return handled


def _remove(entry: Path) -> None:
    if entry.is_dir() and not entry.is_symlink():
        shutil.rmtree(entry, ignore_errors=True)
    else:
        with contextlib.suppress(FileNotFoundError):
            entry.unlink()


# --- files ---------------------------------------------------------------------------------


def is_regular_or_absent(path: str | Path) -> bool:
    """True when ``path`` does not exist or is a regular file (what a rename may replace)."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except FileNotFoundError:
        return True


@contextlib.contextmanager
def atomic_write(path: str | Path, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO[Any]]:
    """Open a temporary file next to ``path``; rename it to ``path`` only if the block succeeds.

    A symbolic link is followed (the link stays, its target is replaced). A character device,
    FIFO or socket at ``path`` is opened and written through, since replacing it by a file
    would break it (``-o /dev/null``). The file gets the mode of the file it replaces, else
    ``0666`` less the umask. Raises ``IsADirectoryError`` for a folder.

    >>> with atomic_write("/tmp/clausekit-doctest.txt") as f:
    ...     _ = f.write("ok")
    """
    path = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    try:
        st: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        st = None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise IsADirectoryError(21, "is a folder", str(path))
    if st is not None and not stat.S_ISREG(st.st_mode):
        with open(path, mode.replace("x", "w"), encoding=None if "b" in mode else encoding) as f:
            yield f
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    sweep_stale(path)
    tmp = _temp_name(path)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.fchmod(fd, stat.S_IMODE(st.st_mode) if st is not None else 0o666 & ~current_umask())
        with os.fdopen(fd, mode, encoding=None if "b" in mode else encoding) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


# --- folders -------------------------------------------------------------------------------

_AT_FDCWD = -100
_RENAME_NOREPLACE, _RENAME_EXCHANGE = 1, 2


def _load_renameat2() -> Any:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        func = libc.renameat2
    except (OSError, AttributeError):  # not glibc 2.28+, or not Linux
        return None
    func.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    func.restype = ctypes.c_int
    return func


_renameat2 = _load_renameat2()


def _rename2(src: Path, dst: Path, flags: int) -> bool:
    """``renameat2(src, dst, flags)``; False when the system or file system does not offer it."""
    if _renameat2 is None:
        return False
    if _renameat2(_AT_FDCWD, os.fsencode(src), _AT_FDCWD, os.fsencode(dst), flags) == 0:
        return True
    errno = ctypes.get_errno()
    if errno in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: not offered here
        return False
    raise OSError(errno, os.strerror(errno), str(dst))


def exchange(new: Path, target: Path) -> None:
    """Put folder ``new`` at ``target``; the previous ``target`` (if any) ends at ``new``'s name.

    One atomic step where ``renameat2`` exists; else two renames, with the old folder kept
    under a temporary name between them (put back by :func:`sweep_stale` if the run dies there).
    """
    if os.path.lexists(target):
        if _rename2(new, target, _RENAME_EXCHANGE):
            return
        aside = _temp_name(target, old=True)
        os.rename(target, aside)
        if between_renames is not None:
            between_renames()
        os.rename(new, target)
        os.rename(aside, new)
        return
    if not _rename2(new, target, _RENAME_NOREPLACE):
        os.rename(new, target)


def read_marker(folder: str | Path, marker: str) -> dict[str, Any] | None:
    """The JSON of ``folder/marker``, or None when the folder carries no such (readable) marker."""
    try:
        data = json.loads((Path(folder) / marker).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def check_output_folder(path: str | Path, *, marker: str | None, force: bool = False, what: str = "report") -> None:
    """Raise :class:`UnsafeOutputError` unless :func:`atomic_directory` may replace ``path`` (see there)."""
    _check_replaceable(Path(path), marker, force, what)


def _check_replaceable(path: Path, marker: str | None, force: bool, what: str) -> None:
    if not os.path.lexists(path):
        return
    if not path.is_dir() or path.is_symlink():
        raise UnsafeOutputError(f"exists and is not a folder; clausekit replaces only a {what} it wrote, choose another --out", source=str(path))
    try:
        present = sorted(p.name for p in path.iterdir())
    except OSError as exc:
        raise UnsafeOutputError(f"cannot be read ({exc.strerror}); choose another --out", source=str(path)) from None
    if not present or marker is None:
        return
    card = read_marker(path, marker)
    if card is None:
        raise UnsafeOutputError(f"is a folder that holds files and is not a clausekit {what}; choose an empty or new folder for --out", source=str(path))
    written = set(card.get("files", [])) | {marker}
    extra = [name for name in present if name not in written]
    if extra and not force:
        shown = ", ".join(extra[:3]) + (", ..." if len(extra) > 3 else "")
        raise UnsafeOutputError(f"is a previous {what} that now also holds files clausekit did not write ({shown}); move them, or pass --force to replace it", source=str(path))


@contextlib.contextmanager
def atomic_directory(path: str | Path, *, marker: str | None = None, force: bool = False, what: str = "report") -> Iterator[Path]:
    """Build a folder under a temporary name; swap it into ``path`` only if the block succeeds.

    An existing ``path`` is replaced as a whole (readers never see a mix of old and new files,
    and never see it missing where ``renameat2`` exists). With ``marker``, an existing non-empty
    ``path`` must carry that marker file (written here, listing the folder's top-level entries),
    and hold nothing else unless ``force``; otherwise :class:`UnsafeOutputError` is raised
    before anything is written. The folder gets ``0777`` less the umask.
    """
    path = Path(path)
    _check_replaceable(path, marker, force, what)
    path.parent.mkdir(parents=True, exist_ok=True)
    sweep_stale(path)
    tmp = _temp_name(path)
    tmp.mkdir(mode=0o700)
    try:
        yield tmp
        if marker is not None:
            entries = sorted(p.name for p in tmp.iterdir() if p.name != marker)
            (tmp / marker).write_text(json.dumps({"clausekit": what, "files": entries}, indent=1) + "\n", encoding="utf-8")
        tmp.chmod(0o777 & ~current_umask())
        _check_replaceable(path, marker, force, what)  # again: the block may have taken minutes
        exchange(tmp, path)
        _remove(tmp)  # now the previous folder, if there was one
    except BaseException:
        _remove(tmp)
        raise


# --- inputs are never outputs --------------------------------------------------------------


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def refuse_input_as_output(output: str | Path, inputs: Iterable[str | Path], *, folder: bool = False) -> None:
    """Raise :class:`UnsafeOutputError` when writing ``output`` would overwrite or delete an input.

    A file output may not be one of the ``inputs`` (also through a link or another name): give
    the files a folder input expands to. A folder output (``folder=True``, replaced whole) may
    not be an input or hold one.
    """
    out = Path(output)
    out_real = Path(os.path.realpath(out))
    for raw in inputs:
        if str(raw) == "-":
            continue
        given = Path(raw)
        if folder:
            real = Path(os.path.realpath(given))
            if out_real == real or out_real in real.parents:
                raise UnsafeOutputError(f"would replace the input {raw}; choose a folder outside the inputs for --out", source=str(output))
        elif _same(out, given):
            raise UnsafeOutputError(f"is an input ({raw}); choose another --output, an input is never overwritten", source=str(output))
