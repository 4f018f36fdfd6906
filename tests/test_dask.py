"""Scale-out: the same flow on a local two-worker Dask cluster gives identical tables."""

from distributed import LocalCluster

from flows.pipeline import build, with_runner

from .conftest import RAW


def test_dask_build_is_identical_to_the_single_process_build(built_release, tmp_path):
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:
        out = tmp_path / "output"
        with_runner(build, dask_address=cluster.scheduler_address)(raw=RAW, output=out,
                                                                    batch_size=2)
    for f in sorted(p.name for p in built_release.iterdir() if p.name != "CHANGELOG.md"):
        assert (out / f).read_bytes() == (built_release / f).read_bytes(), f
