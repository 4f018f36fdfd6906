"""Shared fixtures: the seed corpus run through the stage functions (no Prefect), and one
whole-flow build through Prefect for the few tests that need the published release."""

from __future__ import annotations

import ipaddress
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from flows.prefect_env import configure

configure()  # before prefect is imported anywhere
# the committed release is built without a builder's date: a CI that sets one must not make
# the fresh build differ from it
os.environ.pop("SOURCE_DATE_EPOCH", None)

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "raw"


@pytest.fixture(autouse=True, scope="session")
def only_loopback():
    """No test reaches any address but the machine's own: a connection elsewhere fails."""
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex

    def check(sock, address):
        if sock.family in (socket.AF_INET, socket.AF_INET6):
            host = str(address[0])
            try:
                loopback = ipaddress.ip_address(host.split("%")[0]).is_loopback
            except ValueError:
                loopback = host == "localhost"
            if not loopback:
                raise ConnectionRefusedError(f"tests reach only 127.0.0.1, not {host}")

    def connect(sock, address):
        check(sock, address)
        return real_connect(sock, address)

    def connect_ex(sock, address):
        check(sock, address)
        return real_connect_ex(sock, address)

    socket.socket.connect, socket.socket.connect_ex = connect, connect_ex
    yield
    socket.socket.connect, socket.socket.connect_ex = real_connect, real_connect_ex


@pytest.fixture(scope="session")
def seed_docs():
    """The seeds, ingested, cleaned and deduplicated, by source path stem."""
    from flows.clean import clean_batch
    from flows.deduplicate import drop_repeated_paragraphs
    from flows.ingest import discover, load_provenance, read_batch

    docs, rejects, _ = read_batch(RAW, discover(RAW), load_provenance(RAW))
    assert not rejects
    return {Path(d.source_path).stem[:3]: drop_repeated_paragraphs(d) for d in clean_batch(docs)}


@pytest.fixture(scope="session")
def seed_extraction(seed_docs):
    from flows.extract import extract_document

    return {k: extract_document(d) for k, d in seed_docs.items()}


@pytest.fixture(scope="session")
def prefect_harness():
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture(scope="session")
def built_release(prefect_harness, tmp_path_factory) -> Path:
    """The seeds built by the whole Prefect flow into a fresh folder."""
    from flows.pipeline import build

    out = tmp_path_factory.mktemp("release") / "output"
    build(raw=RAW, output=out)
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def datasette(built_release) -> str:
    """Datasette serving the release's database with its metadata on 127.0.0.1; the url of
    the database."""
    import httpx

    from flows.release.database import DATABASE_FILE, METADATA_FILE

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "datasette", "serve", str(built_release / DATABASE_FILE),
         "-m", str(built_release / METADATA_FILE), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}/{DATABASE_FILE.removesuffix('.sqlite')}"
    try:
        for _ in range(150):
            try:
                httpx.get(f"{base}.json", timeout=2)
                break
            except httpx.TransportError:
                if server.poll() is not None:
                    pytest.fail(f"datasette did not start: {server.stderr.read().decode()}")
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def write_raw(folder: Path, files: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


def copy_seeds(folder: Path) -> Path:
    shutil.copytree(RAW, folder, dirs_exist_ok=True)
    return folder
