"""What the data package says of itself: name, title, description, licence and authorship.
Data, kept in one place: the descriptor, CITATION.cff and the build fingerprint read it."""

from __future__ import annotations

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
KEYWORDS = ["Tajikistan", "Central Asia", "diplomacy", "events", "PLOVER", "foreign relations"]
LICENSES = [{"name": "CC-BY-SA-4.0", "path": "https://creativecommons.org/licenses/by-sa/4.0/",
             "title": "Creative Commons Attribution Share-Alike 4.0"}]
REPOSITORY = "tajik-diplomacy-events"
# The dataset is made by the project's contributors as a group; who wrote which line is in the
# repository's history. The texts it is read from are credited to their publishers in
# `sources` (descriptor) and `references` (CITATION.cff), never as authors of the dataset.
AUTHOR = "The tajik-diplomacy-events project contributors"
CONTRIBUTORS = [{"title": AUTHOR, "roles": ["creator", "maintainer"]}]
# used when no document of the release carries a date (see version.created)
CODE_DATE = "2026-11-22"
