"""One build at a time into a release folder: a lock file beside it, `.<name>.lock`.

The lock is the kernel's (`flock`), not the file: a build that is killed, however hard, lets
go of it as its process ends, so no lock outlives its build. The file names the build that
holds it, for the message a second build gives. A build removes the file before it lets go;
one that finds the file it locked was removed meanwhile locks the new one.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Iterator
from pathlib import Path

POLL_SECONDS = 0.2


class ReleaseLocked(Exception):
    """Another build is writing the same release folder."""


class OutputNotWritable(Exception):
    """The release folder's parent cannot be written."""


def lock_path(output: Path) -> Path:
    output = output.resolve()
    return output.parent / f".{output.name}.lock"


def _holder(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8").strip() or "another build"
    except OSError:
        return "another build"


def _open(path: Path, output: Path) -> int:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as err:
        raise OutputNotWritable(
            f"cannot write the release folder {output} ({err.strerror}: {err.filename}); "
            "choose an --output folder you may write to") from err


def _take(output: Path, wait_seconds: float) -> int:
    path = lock_path(output)
    deadline = time.monotonic() + wait_seconds
    while True:
        fd = _open(path, output)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            if time.monotonic() >= deadline:
                raise ReleaseLocked(
                    f"{_holder(path)} is writing the release folder {output}; "
                    "run again when it has finished (or pass --wait SECONDS)") from None
            time.sleep(POLL_SECONDS)
            continue
        try:
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
        except FileNotFoundError:  # the holder removed it as we took it: take the new one
            same = False
        if same:
            return fd
        os.close(fd)


@contextlib.contextmanager
def release_lock(output: Path, wait_seconds: float = 0) -> Iterator[None]:
    """Hold the release folder's lock for the block; wait up to `wait_seconds` for another
    build to let go of it, then raise `ReleaseLocked`."""
    path = lock_path(output)
    fd = _take(output, wait_seconds)
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"build {os.getpid()} since {time.strftime('%Y-%m-%d %H:%M:%S')}\n"
                 .encode())
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)
        os.close(fd)
