"""Command line: `python -m flows build --raw DIR --output DIR`, `python -m flows collect
--sources DIR --raw DIR`, `python -m flows serve` (collect then build, on a schedule)."""

from __future__ import annotations

import argparse
import atexit
import os
import resource
import sys
import threading
import time
from itertools import islice
from pathlib import Path

from flows.console import EXIT_CODES, OK, USAGE, report_failure, setup_logging
from flows.prefect_env import configure
from flows.server import start_temporary_server

DEFAULT_CRON = "0 3 * * *"
DEPLOYMENT_NAME = "nightly-build"


def deployment_parameters(sources: Path, raw: Path, output: Path, cache: Path) -> dict:
    return {"sources": str(sources), "raw": str(raw), "output": str(output),
            "cache_dir": str(cache)}


def deployment_of(flow, cron: str, sources: Path, raw: Path, output: Path, cache: Path):
    """The scheduled deployment of the collect-and-build flow (what `serve` runs)."""
    return flow.to_deployment(name=DEPLOYMENT_NAME, cron=cron,
                              parameters=deployment_parameters(sources, raw, output, cache))


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("-v", "--verbose", action="store_true",
                   help="log each stage as it ends (time, counts) on stderr")
    p.add_argument("--quiet", action="store_true", help="no warnings on stderr, errors only")
    p.add_argument("--debug", action="store_true",
                   help="show every log line and the traceback of a failure on stderr")
    p.add_argument("--log-file", type=Path,
                   help="where the whole log goes, tracebacks included (default: beside the "
                        "output folder, <output>.log; for collect, <raw>.log)")


# the folders the commands share, each with its default and meaning
FOLDERS = {
    "sources": (Path("sources"), "folder of source files, one YAML file a source"),
    "raw": (Path("raw"), "raw folder: the input texts (.txt, .html, .json, .jsonl)"),
    "output": (Path("output"), "release folder: the tables, descriptor, database and report"),
    "cache": (Path(".cache"), "folder of the per-document work cache"),
}


def _folders(p: argparse.ArgumentParser, *names: str) -> None:
    for name in names:
        default, meaning = FOLDERS[name]
        p.add_argument(f"--{name}", type=Path, default=default, metavar="DIR",
                       help=f"{meaning} (default: {default})")


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m flows", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build the dataset from a raw folder into an output folder",
                       epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter)
    _folders(b, "raw", "output")
    b.add_argument("--batch-size", type=int, default=500, metavar="N",
                   help="documents per task (default: 500)")
    b.add_argument("--max-bytes", type=int, default=20 * 1024 * 1024, metavar="BYTES",
                   help="files larger than this are rejected (default: 20 MiB)")
    _folders(b, "cache")
    b.add_argument("--no-cache", action="store_true",
                   help="redo all work; read no cache (default: read and fill the cache)")
    b.add_argument("--workers", type=int, default=0, metavar="N",
                   help="run the batches on N worker processes; 1 runs them in this process "
                        "(default: 0, as many as cores, never more than batches)")
    b.add_argument("--dask", action="store_true",
                   help="run the worker processes as a local Dask cluster (default: a pool of "
                        "this machine's processes)")
    b.add_argument("--dask-address", metavar="tcp://HOST:PORT",
                   help="run the batches on this Dask scheduler (default: none)")
    b.add_argument("--wait", type=float, default=0, metavar="SECONDS",
                   help="when another build is writing the output folder, wait this long for "
                        "it to finish (default: 0, give up at once)")
    _common(b)
    c = sub.add_parser("collect", help="fetch what is new from the listed sources into raw/")
    _folders(c, "sources", "raw")
    _common(c)
    sv = sub.add_parser("serve", help="collect then build on a cron schedule "
                                      "(needs a Prefect server)")
    _folders(sv, "sources", "raw", "output", "cache")
    sv.add_argument("--cron", default=DEFAULT_CRON,
                    help=f"when to run, a cron expression (default: {DEFAULT_CRON!r}, 03:00 daily)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "serve":
        from prefect import serve

        from flows.pipeline import collect_and_build

        serve(deployment_of(collect_and_build, args.cron, args.sources, args.raw, args.output,
                            args.cache))
        return 0
    if args.command == "collect":
        return run_collect(args)
    return run_build(args)


def _log_beside(folder: Path) -> Path:
    folder = folder.resolve()
    return folder.parent / f"{folder.name}.log"


def run_build(args: argparse.Namespace) -> int:
    """Build by hand: a line a stage, then one line saying what was published, or what
    went wrong and what to do (with the exit code of `EXIT_CODES`)."""
    if _missing("raw", args.raw):
        return USAGE
    started = time.perf_counter()
    if not args.no_cache and (answer := _already_published(args.raw, args.output, args.max_bytes)):
        print(f"published {args.output} (version {answer['version']}) in "
              f"{time.perf_counter() - started:.1f}s, nothing changed: {answer['rows']}")
        return OK
    configure()
    server = start_temporary_server()
    log_file = setup_logging(args.verbose, args.quiet, args.debug, args.log_file or _log_beside(args.output))
    try:
        from flows.pipeline import build, with_dask

        dask = args.dask or args.dask_address
        if server is not None:
            if not dask and _runs_in_this_process(args.raw, args.workers, args.batch_size):
                from flows.extract import load_rules

                load_rules()  # the batch runs here: its rules load while the server starts
            server.wait_ready()
        flow_ = with_dask(build, args.workers, args.dask_address) if dask else build
        result = flow_(raw=args.raw, output=args.output, batch_size=args.batch_size,
                       max_bytes=args.max_bytes, cache_dir=None if args.no_cache else args.cache,
                       wait_seconds=args.wait, workers=args.workers)
    except (Exception, KeyboardInterrupt) as err:  # the last release is untouched
        return report_failure(err, log_file)
    rows = ", ".join(f"{k}={v}" for k, v in sorted(result["rows"].items()))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"published {args.output} (version {result['version']}) in "
          f"{time.perf_counter() - started:.1f}s, peak memory {peak:.0f} MB: {rows}")
    return OK


def _already_published(raw: Path, output: Path, max_bytes: int) -> dict | None:
    """The release in `output`, when it is whole and what this build would make (same input,
    code, schemas and dependencies): a build with nothing to do answers here, before Prefect's
    server starts and before the stages are imported. Any doubt (a folder that cannot be
    surveyed, another build writing) is left to the flow."""
    try:
        from flows.ingest import survey
        from flows.release.publish import current_release, row_counts
        from flows.release.version import build_fingerprint

        if not (output / "datapackage.json").is_file():
            return None  # a first build: no need to hash the raw folder twice
        raw_input = survey(raw, max_bytes)
        if not raw_input.files:
            return None
        dp = current_release(output, build_fingerprint(raw_input.fingerprint))
        if dp is None:
            return None
        rows = ", ".join(f"{k}={v}" for k, v in sorted(row_counts(output).items()))
        return {"version": dp["version"], "rows": rows}
    except Exception:  # the flow reports what is wrong, with its log
        return None


def _runs_in_this_process(raw: Path, workers: int, batch_size: int) -> bool:
    """Whether the flow will run the batches in its own process, as `batch_workers` decides
    on `batches_of` the raw folder's files (listed no further than one batch and a file:
    more make two batches)."""
    from flows.runtime import batch_workers, batches_of

    files = islice((p.relative_to(raw).as_posix() for p in raw.rglob("*") if p.is_file()),
                   batch_size + 1)
    return batch_workers(workers, len(batches_of(list(files), batch_size))) == 1


def _missing(name: str, folder: Path) -> bool:
    """Whether a folder the command reads is missing (and says so)."""
    if folder.is_dir():
        return False
    print(f"error: the {name} folder {folder} does not exist or is not a folder", file=sys.stderr)
    return True


def run_collect(args: argparse.Namespace) -> int:
    """Collect by hand; a source's faults are reported, and only a missing folder fails."""
    if _missing("sources", args.sources):
        return USAGE
    configure()
    server = start_temporary_server()
    log_file = setup_logging(args.verbose, args.quiet, args.debug, args.log_file or _log_beside(args.raw))
    try:
        from flows.pipeline import collect_news

        if server is not None:
            server.wait_ready()
        rows = collect_news(sources=args.sources, raw=args.raw)
    except (Exception, KeyboardInterrupt) as err:
        return report_failure(err, log_file, "collected")
    for row in rows:
        print(f"{row['source']}: {row['status']}, {row['collected']} new page(s), "
              f"{row['already_held']} already held, {len(row['problems'])} problem(s)")
    return OK


def exit_now(code: int) -> None:
    """End the process as the interpreter would, but without freeing its heap: threads are
    joined and their exit hooks run (Prefect's log and event workers flush), then the exit
    handlers (the temporary server stops). A build leaves millions of small objects on the
    heap (the gazetteer, the morphology's dictionaries), and the interpreter took 1.1 s to
    free them one by one after everything was written and closed."""
    threading._shutdown()
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    exit_now(main())
