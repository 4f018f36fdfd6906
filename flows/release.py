"""Release metadata of the dataset: the parts of the descriptor that come from the code.

`created` is the date of this release of the code, not the clock, so that builds are
reproducible; the version adds a hash of the input to the code's version.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version

NAME = "tajikistan-foreign-relations-events"
TITLE = "Diplomatic events and figures of Tajikistan and Central Asia"
DESCRIPTION = (
    "Events (meetings, visits, agreements, aid...) with PLOVER types, dated and located, with "
    "their participants, and numeric facts (trade, aid, investment, troops, areas), read from "
    "news articles and reference texts, with provenance down to the sentence and character."
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


def version(input_hash: str) -> str:
    """The code's version, plus 8 hex digits of a hash of the input and of the exact code and
    reference data (SemVer build metadata): a release is named by what made it."""
    import hashlib

    from flows.cache import code_fingerprint

    digest = hashlib.sha256(f"{input_hash}:{code_fingerprint()}".encode()).hexdigest()
    return f"{code_version()}+{digest[:8]}"
