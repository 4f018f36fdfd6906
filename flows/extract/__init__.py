"""Extraction: event mentions and figures from one cleaned document.

One module a concern: `language` (the per-language data files in `lang/`), `sentences`,
`entities` (states, places, organisations and people), `dates`, `figures` (numbers with
their units and measures), `events` (triggers and parties) and `document`, which takes a
document through them sentence by sentence.
"""

from flows.extract.dates import patterns_for as date_patterns
from flows.extract.document import extract_document
from flows.extract.entities import load_gazetteer
from flows.extract.figures import patterns_for as figure_patterns
from flows.extract.language import load_language, rule_languages
from flows.extract.patterns import patterns_for as event_patterns

__all__ = ["extract_document", "load_rules"]


def load_rules() -> None:
    """Load now what extraction reads on its first document (about 1 s): the gazetteer and
    every language's rules and patterns. The command line does it while Prefect's server
    starts, when the batches are to run in its process."""
    load_gazetteer()
    for code in rule_languages():
        lang = load_language(code)
        date_patterns(lang), figure_patterns(lang), event_patterns(lang)
