"""Extraction: event mentions and figures from one cleaned document.

One module a concern: `language` (the per-language data files in `lang/`), `sentences`,
`entities` (states, places, organisations and people), `dates`, `figures` (numbers with
their units and measures), `events` (triggers and parties) and `document`, which takes a
document through them sentence by sentence.
"""

from flows.extract.document import extract_document

__all__ = ["extract_document"]
