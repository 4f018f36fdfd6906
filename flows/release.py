"""Release metadata of the dataset: the parts of the descriptor that come from the code.

`created` is the date of this release of the code, not the clock, so that builds are
reproducible; the version adds a hash of the input to the code's version.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from importlib.metadata import PackageNotFoundError, distributions
from importlib.metadata import version as package_version

NAME = "tajikistan-foreign-relations-events"
TITLE = "Diplomatic events and figures of Tajikistan and Central Asia"
DESCRIPTION = (
    "Events (meetings, visits, agreements, aid...) with PLOVER types, dated and located, with "
    "their participants, and numeric facts (trade, aid, investment, troops, areas), read from "
    "news articles and reference texts, with provenance down to the sentence and character. "
    "The full text of a document is included only where its source's licence allows "
    "republishing it (documents.text_redistributable; each source's licence is in `sources`); "
    "for the others the release keeps the url, title, content hash, character offsets and the "
    "evidence sentences quoted from them, and the rights remain with the publishers."
)
CREATED = "2026-11-22T00:00:00Z"
KEYWORDS = ["Tajikistan", "Central Asia", "diplomacy", "events", "PLOVER", "foreign relations"]
LICENSES = [{"name": "CC-BY-SA-4.0", "path": "https://creativecommons.org/licenses/by-sa/4.0/",
             "title": "Creative Commons Attribution Share-Alike 4.0"}]
CONTRIBUTORS = [{"title": "The project's founding team", "roles": ["creator"]}]


def code_version() -> str:
    try:
        return package_version("tajik-diplomacy-events")
    except PackageNotFoundError:
        return "0.0.0"


@cache
def dependencies() -> str:
    """The installed distributions and their versions, one `name==version` a line: what the
    lock file made of the environment the build runs in."""
    return "\n".join(sorted({f"{d.metadata['Name'].lower()}=={d.version}"
                             for d in distributions() if d.metadata["Name"]}))


def build_fingerprint(input_hash: str) -> str:
    """SHA-256 of everything a release is made of: the input, the code and reference data,
    the tables' declarations (as files and as the descriptor they render) and the installed
    dependency versions. Any change to one of them makes another release."""
    from flows.cache import code_fingerprint
    from schemas.generate import table_schema
    from schemas.resources import RESOURCES

    h = hashlib.sha256(f"{input_hash}:{code_fingerprint()}\n{dependencies()}\n".encode())
    for resource in RESOURCES:
        h.update(json.dumps([resource.name, resource.title, resource.description,
                             table_schema(resource)], sort_keys=True).encode())
    h.update(json.dumps([NAME, TITLE, DESCRIPTION, KEYWORDS, LICENSES, CONTRIBUTORS]).encode())
    return h.hexdigest()


def version(input_hash: str) -> str:
    """The code's version, plus 8 hex digits of the build fingerprint (SemVer build
    metadata): a release is named by what made it."""
    return f"{code_version()}+{build_fingerprint(input_hash)[:8]}"
