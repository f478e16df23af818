"""clausekit.tagging.parallel: the same results, in the same order, with one process, local workers and Dask."""

from __future__ import annotations

from pathlib import Path

import pytest

from clausekit.tagging.parallel import effective_jobs, map_documents

SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"


def _clause_keys(path: Path) -> list[tuple]:
    """Segment one file; module-level so that workers receive it by reference."""
    from clausekit.segmentation.segmenter import segment_text

    doc = segment_text(path.read_text(encoding="utf-8"), doc_id=path.stem)
    return [(c.doc_id, c.index, c.part, c.number, c.lead, c.start, c.end) for c in doc.clauses]


def _inputs() -> list[Path]:
    # several copies, so that order is really tested across batches
    return sorted(SEEDS.glob("*.txt")) * 3


def test_parallel_map_documents_jobs1_is_a_plain_map() -> None:
    assert list(map_documents(len, ["abc", "", "de"])) == [3, 0, 2]


def test_parallel_map_documents_rejects_unknown_backend() -> None:
    with pytest.raises(ValueError, match="backend"):
        list(map_documents(len, ["a"], backend="spark"))


def test_parallel_effective_jobs_counts_back_from_cpus() -> None:
    assert effective_jobs(3) == 3
    assert effective_jobs(-1) >= 1


@pytest.mark.slow
def test_parallel_map_documents_loky_matches_jobs1_in_order() -> None:
    expected = [_clause_keys(p) for p in _inputs()]
    assert list(map_documents(_clause_keys, _inputs(), jobs=2, backend="loky")) == expected


@pytest.mark.slow
def test_parallel_map_documents_dask_local_cluster_matches_jobs1_in_order() -> None:
    distributed = pytest.importorskip("dask.distributed")
    expected = [_clause_keys(p) for p in _inputs()]
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        results = list(
            map_documents(
                _clause_keys, _inputs(), jobs=2, backend="dask", scheduler=cluster.scheduler_address
            )
        )
    assert results == expected


@pytest.mark.slow
def test_parallel_map_documents_dask_unreachable_scheduler_is_one_clear_error() -> None:
    pytest.importorskip("dask.distributed")
    from clausekit.errors import ClausekitError

    with pytest.raises(ClausekitError, match="Dask scheduler"):
        list(map_documents(len, ["a"], backend="dask", scheduler="tcp://127.0.0.1:1"))


def test_parallel_worker_function_loads_no_cli_library() -> None:
    """A --jobs worker receives clausekit.tagging.batch.tag_source: tagging there imports no typer, click or rich."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from clausekit.tagging.batch import tag_source\n"
        "from clausekit.read.sources import read_path\n"
        f"src = read_path({str(sorted(SEEDS.glob('*.txt'))[-1])!r})\n"
        "res = tag_source((src, 'text', None, False, 'fast'))\n"
        "assert res.error is None and res.model_error is None and res.records, res\n"
        "print(sorted(m for m in ('typer', 'click', 'rich', 'sklearn', 'spacy', 'pandas') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
