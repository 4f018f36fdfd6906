"""A release's fingerprint, version and date, all derived from what made it (never the clock),
so that the same input, code and environment give the same release byte for byte.

The version sorts: `<code version>-<date of the newest document>+<fingerprint>`, for example
`0.1.0-20250831+2551550a`. Semantic Versioning and PEP 440 (which reads the middle part as a
post-release) both order it by the code's version, then by how recent the data is; the last
part tells apart releases that differ in neither (other dependencies, reference data...).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sys
from functools import cache
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from flows.release import metadata


def code_version() -> str:
    try:
        return package_version("tajik-diplomacy-events")
    except PackageNotFoundError:
        return "0.0.0"


@cache
def dependencies() -> str:
    """The installed distributions and their versions, one `name-version` a line: what the
    lock file made of the environment the build runs in. Read from the names of their
    `.dist-info` folders (`{name}-{version}.dist-info`, as the packaging specifications
    write them): parsing every distribution's METADATA took 0.6 s of each build's start."""
    found = set()
    for folder in map(Path, sys.path):  # the environment's, not a working folder's
        if folder.name in ("site-packages", "dist-packages") and folder.is_dir():
            found |= {p.name.rsplit(".", 1)[0].lower() for p in folder.iterdir()
                      if p.suffix in (".dist-info", ".egg-info")}
    return "\n".join(sorted(found))


def build_fingerprint(input_hash: str) -> str:
    """SHA-256 of everything a release is made of: the input, the code and reference data,
    the tables' declarations (as files and as the descriptor they render), the package's
    metadata and the installed dependency versions. Any change to one of them makes another
    release."""
    from flows.cache import code_fingerprint
    from schemas.generate import table_schema
    from schemas.resources import RESOURCES

    h = hashlib.sha256(f"{input_hash}:{code_fingerprint()}\n{dependencies()}\n".encode())
    for resource in RESOURCES:
        h.update(json.dumps([resource.name, resource.title, resource.description,
                             table_schema(resource)], sort_keys=True).encode())
    h.update(json.dumps({k: v for k, v in vars(metadata).items() if k.isupper()},
                        sort_keys=True).encode())
    return h.hexdigest()


def data_date(documents: pa.Table) -> dt.date:
    """The latest publication date among the documents; the code's date when none is dated."""
    newest = pc.max(documents.column("published_date")).as_py()
    return newest or dt.date.fromisoformat(metadata.CODE_DATE)


def version(fingerprint: str, documents: pa.Table) -> str:
    """`<code version>-<YYYYMMDD of the newest document>+<8 hex digits of the fingerprint>`;
    the code's date stands in when no document is dated."""
    return f"{code_version()}-{data_date(documents):%Y%m%d}+{fingerprint[:8]}"


def created(documents: pa.Table) -> str:
    """When the release was made, as reproducible builds date things: SOURCE_DATE_EPOCH when
    the builder sets it, otherwise the date of the newest document (the data is as of then),
    otherwise the code's date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC)
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    return f"{data_date(documents).isoformat()}T00:00:00Z"
