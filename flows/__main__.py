"""Command line: `python -m flows build --raw DIR --output DIR`."""

from __future__ import annotations

import argparse
import logging
import resource
import sys
import time
from pathlib import Path

from flows.prefect_env import configure
from flows.server import ServerFailed, start_temporary_server

DEFAULT_CRON = "0 3 * * *"
DEPLOYMENT_NAME = "nightly-build"


def deployment_parameters(raw: Path, output: Path, cache: Path) -> dict:
    return {"raw": str(raw), "output": str(output), "cache_dir": str(cache)}


def deployment_of(flow, cron: str, raw: Path, output: Path, cache: Path):
    """The scheduled deployment of the build flow (what `serve` runs)."""
    return flow.to_deployment(name=DEPLOYMENT_NAME, cron=cron,
                              parameters=deployment_parameters(raw, output, cache))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m flows", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build the dataset from a raw folder into an output folder")
    b.add_argument("--raw", type=Path, default=Path("raw"), help="input folder (default: raw)")
    b.add_argument("--output", type=Path, default=Path("output"),
                   help="release folder (default: output)")
    b.add_argument("--batch-size", type=int, default=500, help="documents per task")
    b.add_argument("--max-bytes", type=int, default=20 * 1024 * 1024,
                   help="files larger than this are rejected")
    b.add_argument("--cache", type=Path, default=Path(".cache"),
                   help="folder of the per-document work cache (default: .cache)")
    b.add_argument("--no-cache", action="store_true", help="redo all work; read no cache")
    b.add_argument("--workers", type=int, default=0,
                   help="run the batches on a local Dask cluster of N worker processes")
    b.add_argument("--dask-address", help="run the batches on this Dask scheduler (tcp://HOST:PORT)")
    b.add_argument("--quiet", action="store_true", help="log warnings only")
    sv = sub.add_parser("serve", help="run the build on a cron schedule (needs a Prefect server)")
    sv.add_argument("--raw", type=Path, default=Path("raw"))
    sv.add_argument("--output", type=Path, default=Path("output"))
    sv.add_argument("--cache", type=Path, default=Path(".cache"))
    sv.add_argument("--cron", default=DEFAULT_CRON, help=f"schedule (default: {DEFAULT_CRON!r})")
    args = parser.parse_args(argv)
    if args.command == "serve":
        from prefect import serve

        from flows.pipeline import build

        serve(deployment_of(build, args.cron, args.raw, args.output, args.cache))
        return 0

    logging.basicConfig(level=logging.WARNING if args.quiet else logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
                        stream=sys.stderr)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    if not args.raw.is_dir():
        print(f"error: the raw folder {args.raw} does not exist or is not a folder",
              file=sys.stderr)
        return 2
    configure()
    started = time.perf_counter()
    server = start_temporary_server()
    from flows.pipeline import build, with_runner
    from flows.release.validate import ValidationFailed

    try:
        if server is not None:
            server.wait_ready()
        flow_ = with_runner(build, args.workers, args.dask_address)
        result = flow_(raw=args.raw, output=args.output, batch_size=args.batch_size,
                       max_bytes=args.max_bytes, cache_dir=None if args.no_cache else args.cache)
    except ServerFailed as err:
        print(f"error: {err}; nothing was built", file=sys.stderr)
        return 1
    except ValidationFailed as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except Exception as err:  # the flow failed: say so plainly; the last release is untouched
        print(f"error: the build failed and nothing was published: {type(err).__name__}: {err}",
              file=sys.stderr)
        return 1
    rows = ", ".join(f"{k}={v}" for k, v in sorted(result["rows"].items()))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"published {args.output} (version {result['version']}) in "
          f"{time.perf_counter() - started:.1f}s, peak memory {peak:.0f} MB: {rows}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
