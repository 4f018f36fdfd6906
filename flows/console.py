"""What a command says: the stage log on stderr, everything (library notices and tracebacks
too) in a log file, and an expected failure as one line with its own exit code.

Prefect sets up logging as it is imported, sending its loggers and the root logger to its
console handler; `setup_logging` runs after that import and puts these handlers in its place.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from flows.release.lock import OutputNotWritable, ReleaseLocked
from flows.server import ServerFailed

# exit codes, as `python -m flows build --help` and the README list them
OK, FAILED, USAGE, NOTHING_TO_BUILD, INVALID, NOT_WRITABLE, LOCKED, INTERRUPTED = (
    0, 1, 2, 3, 4, 5, 6, 130)
EXIT_CODES = f"""exit codes:
  {OK}  published (or the release was already this build, whole)
  {FAILED}  the build failed unexpectedly; nothing was published (the traceback is in the log)
  {USAGE}  bad arguments, or a folder to read is missing
  {NOTHING_TO_BUILD}  nothing to build: the raw folder has no file, or none could be read
  {INVALID}  the release does not validate; nothing was published
  {NOT_WRITABLE}  the release folder cannot be written
  {LOCKED}  another build is writing the same release folder
  {INTERRUPTED}  interrupted; the last release is untouched"""
FILE_ONLY = "file_only"  # a record's attribute: for the log file, never the terminal
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class _Terminal(logging.Filter):
    """On stderr: this project's own lines, and other libraries' warnings without their
    tracebacks; not Prefect's account of a failure (the command says it in one line), nor
    a library's notices (pymorphy3 loading its dictionary: INFO, under the handler's level
    unless --debug)."""

    def __init__(self, debug: bool):
        super().__init__()
        self.debug = debug

    def filter(self, record: logging.LogRecord) -> bool:
        if self.debug:
            return True
        if getattr(record, FILE_ONLY, False):
            return False
        if record.name == "flows" or record.name.startswith("flows."):
            return True
        return (record.levelno >= logging.WARNING and not record.name.startswith("prefect")
                and record.exc_info is None)


def setup_logging(verbose: bool = False, quiet: bool = False, debug: bool = False,
                  log_file: Path | None = None) -> Path | None:
    """stderr shows warnings (and the stage log when `verbose`, errors only when `quiet`,
    everything when `debug`); the log file, when it can be opened, gets every record at INFO
    and above. Returns the log file's path, or None when it could not be opened."""
    import prefect.main  # noqa: F401  (its logging set-up first, then ours over it)

    root = logging.getLogger()
    for name in ("prefect", "prefect.extra", "prefect._internal", "uvicorn", "fastapi"):
        logging.getLogger(name).handlers.clear()
        logging.getLogger(name).propagate = True
    root.handlers.clear()
    root.setLevel(logging.DEBUG if debug else logging.INFO)
    terminal = logging.StreamHandler(sys.stderr)
    terminal.setLevel(logging.DEBUG if debug else logging.INFO if verbose
                      else logging.ERROR if quiet else logging.WARNING)
    terminal.addFilter(_Terminal(debug))
    terminal.setFormatter(logging.Formatter(LOG_FORMAT))
    root.addHandler(terminal)
    for noisy in ("httpx", "httpcore", "asyncio", "urllib3"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    if log_file is None:
        return None
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(log_file, mode="w", encoding="utf-8", delay=False)
    except OSError:
        return None
    handler.setLevel(logging.INFO)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    root.addHandler(handler)
    return log_file


def one_line(message: str) -> str:
    """A message's first line, saying how many more it had."""
    lines = [x.strip() for x in str(message).strip().splitlines() if x.strip()]
    if len(lines) <= 1:
        return lines[0] if lines else ""
    return f"{lines[0].rstrip(':')} ({len(lines) - 1} problem(s); first: {lines[1]})"


def _expected() -> list[tuple[type[BaseException], int]]:
    # imported here: the command starts Prefect's server before the heavy imports
    from flows.release.validate import ValidationFailed
    from flows.stages import BuildRefused

    return [(BuildRefused, NOTHING_TO_BUILD), (ValidationFailed, INVALID),
            (OutputNotWritable, NOT_WRITABLE), (ReleaseLocked, LOCKED)]


def report_failure(err: BaseException, log_file: Path | None, outcome: str = "published") -> int:
    """Say what went wrong in one line on stderr (`outcome`: what did not happen); the whole
    story, the message in full and the traceback, goes to the log file (and to stderr with
    --debug). Returns the exit code."""
    logging.getLogger("flows.cli").error("the run failed", exc_info=err, extra={FILE_ONLY: True})
    where = f"; details in {log_file}" if log_file else ""
    if isinstance(err, KeyboardInterrupt):
        print(f"error: interrupted; nothing was {outcome}{where}", file=sys.stderr)
        return INTERRUPTED
    for kind, code in _expected():
        if isinstance(err, kind):
            print(f"error: {one_line(str(err))}{where}", file=sys.stderr)
            return code
    if isinstance(err, ServerFailed):
        print(f"error: {err}; nothing was {outcome}{where}", file=sys.stderr)
        return FAILED
    print(f"error: the run failed unexpectedly ({type(err).__name__}: {one_line(str(err))}); "
          f"nothing was {outcome}{where or '; run again with --debug to see the traceback'}",
          file=sys.stderr)
    return FAILED
