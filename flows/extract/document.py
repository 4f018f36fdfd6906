"""One cleaned document through the extractors, sentence by sentence: dates, figures,
entities and triggers, with what the document has said so far (its context)."""

from __future__ import annotations

from flows.extract.dates import find_dates
from flows.extract.entities import load_gazetteer
from flows.extract.events import (
    DocContext,
    find_triggers,
    mentions_for,
    patterns_for,
    states_named,
    unique,
    without_namesakes,
)
from flows.extract.figures import find_figures
from flows.extract.language import load_language
from flows.extract.sentences import split_sentences
from flows.records import Document, Figure, Mention


def extract_document(doc: Document) -> tuple[list[Mention], list[Figure]]:
    """Event mentions and figures of one document."""
    lang = load_language(doc.language)
    g = load_gazetteer()
    p = patterns_for(lang)
    ctx = DocContext()
    mentions: list[Mention] = []
    figures: list[Figure] = []
    for s in split_sentences(doc.text, lang):
        if s.paragraph != ctx.paragraph:
            ctx.paragraph, ctx.paragraph_period = s.paragraph, None
        dates = find_dates(s.text, lang, doc.published_date)
        back = ctx.states_back(s.index)
        sent_figures = find_figures(s, doc.doc_id, lang, dates, ctx.paragraph_period, [])
        # "US dollars" names a currency, not a party
        spans = [(f.char_start - s.start, f.char_end - s.start) for f in sent_figures]
        ents = [e for e in g.find(s.text) if not any(a < e.end and e.start < b for a, b in spans)]
        ents = without_namesakes(s.text, ents, p)
        triggers = find_triggers(s.text, lang, p)
        if triggers:
            points_back = bool(p.anaphora.search(s.text)) or any(
                rx.search(s.text) for rx in p.back_reference)
        for trig in triggers:
            mentions += mentions_for(doc, s, trig, ents, dates, g, p, ctx, points_back, back)
        named = states_named(ents)  # a figure concerns every state its sentence names
        fig_states = unique(named + (back if len(named) < 2 else []))
        for f in sent_figures:
            f.countries = fig_states
        figures += sent_figures
        if dates:
            ctx.paragraph_period = dates[-1].period
        if named:
            ctx.recent_states.append((s.index, named))
    return mentions, figures
