"""Scale-out (issue 26): the batches on worker processes of this machine (the default) or on a
two-worker Dask cluster give tables byte-identical to a build in one process."""

import logging

from distributed import LocalCluster
from hypothesis import given
from hypothesis import strategies as st

from flows.pipeline import build, with_dask
from flows.runtime import batch_workers, batches_of

from .conftest import RAW


def _same_release(built: object, out: object) -> None:
    for f in sorted(p.name for p in built.iterdir() if p.name != "CHANGELOG.md"):
        assert (out / f).read_bytes() == (built / f).read_bytes(), f


def test_dask_build_is_identical_to_the_single_process_build(built_release, tmp_path):
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:
        out = tmp_path / "output"
        with_dask(build, dask_address=cluster.scheduler_address)(raw=RAW, output=out,
                                                                  batch_size=2)
    _same_release(built_release, out)


def test_worker_processes_build_what_one_process_builds(built_release, tmp_path, caplog):
    out = tmp_path / "output"
    with caplog.at_level(logging.INFO, logger="flows"):
        build(raw=RAW, output=out, batch_size=2, workers=2)
    assert "3 batch(es) on 2 worker processes" in caplog.text
    _same_release(built_release, out)


def test_no_more_workers_than_batches_or_than_asked():
    assert batch_workers(2, batches=1) == 1  # one document: no process to start
    assert batch_workers(8, batches=3) == 3
    assert batch_workers(1, batches=20) == 1
    assert 1 <= batch_workers(0, batches=20) <= 20  # as many as cores


@given(st.lists(st.sampled_from(["a.txt", "b.html", "c.warc.gz", "d.warc", "e.json"]), max_size=30),
       st.integers(1, 5))
def test_batches_keep_the_file_order_and_give_an_archive_a_batch_of_its_own(files, size):
    batches = batches_of(files, size)
    assert [f for b in batches for f in b] == files
    for b in batches:
        assert 1 <= len(b) <= size or len(b) == 1
        assert len(b) == 1 or not any(f.endswith((".warc", ".warc.gz")) for f in b)
