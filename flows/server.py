"""Prefect's temporary API server for one command-line run, started before anything heavy is
imported.

Prefect starts the same server by itself when no PREFECT_API_URL is set, but only once the
flow is called: after this process has imported prefect, pandas and the pipeline (~4 s), and
after it has imported the whole server package just to launch it (~4 s more). Launched here,
first thing, the server's start-up (~6 s, a second interpreter) overlaps those imports. It is
the same server, run with the same command and settings as Prefect's own `SubprocessASGIServer`.
"""

from __future__ import annotations

import atexit
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request


class ServerFailed(RuntimeError):
    """The temporary server did not come up."""


class TemporaryServer:
    """A Prefect API server process on a free local port; PREFECT_API_URL points at it."""

    def __init__(self) -> None:
        self.port = _free_port()
        self.api_url = f"http://127.0.0.1:{self.port}/api"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--factory", "prefect.server.api.server:create_app",
             "--host", "127.0.0.1", "--port", str(self.port), "--log-level", "error",
             "--lifespan", "on"],
            env={**os.environ, "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1",
                 "PREFECT__SERVER_FINAL": "1"},
            stdin=subprocess.DEVNULL)
        os.environ["PREFECT_API_URL"] = self.api_url
        atexit.register(self.stop)

    def wait_ready(self, timeout: float = 120.0) -> None:
        """Block until the server answers its health check."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ServerFailed(f"the temporary Prefect server exited with code "
                                   f"{self.process.returncode}")
            try:
                with urllib.request.urlopen(f"{self.api_url}/health", timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.05)
        self.stop()
        raise ServerFailed(f"the temporary Prefect server did not answer within {timeout:.0f}s")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_temporary_server() -> TemporaryServer | None:
    """A temporary server, unless PREFECT_API_URL already names one to use."""
    if os.environ.get("PREFECT_API_URL"):
        return None
    return TemporaryServer()
