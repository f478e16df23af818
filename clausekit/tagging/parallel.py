"""Running one function over many documents: in this process, in local worker processes, or on a Dask cluster.

:func:`map_documents` yields ``func(x)`` for each input **in input order**, as results
arrive, so a caller can write output while later documents are still being processed and
never holds every document's results at once (joblib keeps at most ``pre_dispatch`` tasks
in flight).

- ``jobs=1``: a plain loop in this process (no worker start-up cost).
- ``backend="loky"``: ``jobs`` local worker processes (joblib). Workers are reused between
  calls, so a model loaded through a module-level cache (``functools.lru_cache``) in the
  worker is loaded once per worker, not once per document. ``func`` must be picklable:
  a module-level function is sent by reference, which is what keeps that cache alive.
- ``backend="dask"``: the same, through joblib's Dask backend, on the cluster whose
  scheduler is at ``scheduler`` (``tcp://host:8786``), or on a local cluster when it is None.
  The workers need clausekit and its models installed.

>>> list(map_documents(len, ["ab", "c"]))
[2, 1]
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

BACKENDS = ("loky", "dask")


#: More workers than this is a typo, not a plan (each loky worker holds its own models).
MAX_JOBS = 1024


def effective_jobs(jobs: int) -> int:
    """``jobs`` as a worker count: 0 or negative counts back from the number of CPUs (-1 = all)."""
    if jobs > 0:
        return jobs
    return max(1, (os.cpu_count() or 1) + 1 + jobs)


def plan_jobs(jobs: int, inputs: int | None = None, *, cpus: int | None = None) -> tuple[int, str | None]:
    """The number of local workers to start for ``jobs``: ``min(jobs, CPUs, inputs)``, and a note when capped.

    Raises ValueError for a value past :data:`MAX_JOBS` either way (e.g. ``--jobs 99999999999999999999``).

    >>> plan_jobs(8, 3, cpus=4)
    (3, '--jobs 8 capped at 3 (4 CPUs, 3 inputs)')
    """
    if not -MAX_JOBS <= jobs <= MAX_JOBS:
        raise ValueError(f"--jobs must be between -{MAX_JOBS} and {MAX_JOBS} (-1: one per CPU), not {jobs}")
    cpus = cpus or os.cpu_count() or 1
    wanted = jobs if jobs > 0 else max(1, cpus + 1 + jobs)
    n = min(wanted, cpus, inputs) if inputs is not None else min(wanted, cpus)
    n = max(1, n)
    if n >= wanted:
        return n, None
    why = f"{cpus} CPU{'s' if cpus != 1 else ''}" + (f", {inputs} input{'s' if inputs != 1 else ''}" if inputs is not None else "")
    return n, f"--jobs {jobs} capped at {n} ({why})"


def map_documents(
    func: Callable[[T], R],
    inputs: Iterable[T],
    jobs: int = 1,
    backend: str = "loky",
    scheduler: str | None = None,
    *,
    batch_size: int | str = "auto",
    client: Any = None,
) -> Iterator[R]:
    """``func(x)`` for each ``x`` of ``inputs``, in input order, yielded as soon as it is ready.

    ``jobs`` is the number of worker processes (loky) or of concurrent tasks (dask; with
    ``jobs=1`` Dask uses every worker of the cluster). ``scheduler`` is a Dask scheduler
    address; ``client`` an already connected ``dask.distributed.Client`` (then ``scheduler``
    is ignored and the client is left open). Local workers are capped at the number of CPUs
    (:func:`plan_jobs`). Raises ValueError on an unknown backend or an absurd ``jobs``.
    """
    if backend not in BACKENDS:
        raise ValueError(f"backend must be one of {', '.join(BACKENDS)}, not {backend!r}")
    if backend == "loky":
        jobs = plan_jobs(jobs)[0]  # never more local workers than CPUs
    if backend == "loky" and jobs == 1:
        yield from map(func, inputs)
        return

    from joblib import Parallel, delayed, parallel_config

    if backend == "loky":
        n = effective_jobs(jobs)
        with parallel_config(backend="loky", n_jobs=n):
            yield from Parallel(n_jobs=n, return_as="generator", batch_size=batch_size)(
                delayed(func)(x) for x in inputs
            )
        return

    with _dask_client(scheduler, client) as dask_client:
        n = effective_jobs(jobs) if jobs != 1 else max(1, sum(dask_client.nthreads().values()))
        with parallel_config(backend="dask", n_jobs=n):
            yield from Parallel(n_jobs=n, return_as="generator", batch_size=batch_size)(
                delayed(func)(x) for x in inputs
            )


@contextlib.contextmanager
def _dask_client(scheduler: str | None, client: Any) -> Iterator[Any]:
    if client is not None:
        yield client
        return
    try:
        from dask.distributed import Client
    except ImportError as exc:  # pragma: no cover - optional dependency
        from clausekit.errors import ClausekitError

        raise ClausekitError(
            "the dask backend needs dask.distributed; install it with: pip install 'clausekit[dask]'"
        ) from exc
    if scheduler is None:
        from dask.distributed import LocalCluster

        with (
            LocalCluster(processes=True, dashboard_address=None) as cluster,
            Client(cluster) as local,
        ):
            yield local
        return
    try:
        connected = Client(scheduler, timeout="10s")
    except OSError as exc:
        from clausekit.errors import ClausekitError

        raise ClausekitError(
            f"cannot reach the Dask scheduler at {scheduler}; check the address (tcp://host:8786) and that it is running"
        ) from exc
    with connected:
        yield connected
