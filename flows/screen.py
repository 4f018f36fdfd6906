"""The relevance gate: before a document is cleaned and read, one that names none of the
region's states, cities, leaders or organisations (`reference/relevance.yaml`, resolved in the
gazetteer, in every supported language) is screened out. It is counted in the run's log and in
the release's descriptor, never published as a row. Web archives are mostly about other
things: screening a page costs one pass of an Aho-Corasick automaton over its text, a small
fraction of reading it (and a web page is screened before its main text is extracted)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import ahocorasick

from flows.yaml_files import read_yaml

RELEVANCE_FILE = Path(__file__).resolve().parent / "reference" / "relevance.yaml"
COUNTED_KINDS = ("state", "adjective", "city", "person", "organisation", "group", "region")


@cache
def _automaton() -> ahocorasick.Automaton:
    """Every spelling that places a text in the region, from the gazetteer."""
    # the gazetteer is imported when first asked: ingest imports this module, and a build
    # with nothing to do reads the raw folder without the extraction's modules
    from flows.extract.entities import load_gazetteer

    settings = read_yaml(RELEVANCE_FILE)
    states, orgs = set(settings["states"]), {f"org:{o}" for o in settings["organisations"]}
    regions = {r.casefold() for r in settings["regions"]}
    automaton = ahocorasick.Automaton()
    for spelling, entries in load_gazetteer().surfaces.items():
        for kind, key, country in entries:
            if kind not in COUNTED_KINDS:
                continue
            if country in states or key in orgs or kind == "group" and states & set(
                    key.split(",")) or kind == "region" and spelling.casefold() in regions:
                automaton.add_word(spelling, len(spelling))
                break
    automaton.make_automaton()
    return automaton


def relevant(text: str) -> bool:
    """Whether the text names something of the region, as a whole word."""
    from flows.extract.entities import whole_word  # imported here for the reason above

    return any(whole_word(text, end - length + 1, end + 1)
               for end, length in _automaton().iter(text))
