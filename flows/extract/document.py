"""One cleaned document through the extractors, sentence by sentence: dates, figures,
entities and triggers, with what the document has said so far (its context)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from flows.extract.dates import DateMention, find_dates, tells_relative_time
from flows.extract.entities import load_gazetteer
from flows.extract.events import (
    DocContext,
    act_scope,
    find_triggers,
    mentions_for,
    place_of,
)
from flows.extract.figures import find_figures
from flows.extract.language import Language, load_language
from flows.extract.parties import states_named, unique, without_namesakes
from flows.extract.patterns import patterns_for
from flows.extract.places import Place, is_town, place_fields
from flows.extract.sentences import Sentence, split_sentences
from flows.records import Document, Figure, Mention, location_of, set_location

LEAD_SENTENCES = 4  # a header, a headline, a dateline and the lead
STORY_PRECISIONS = ("day", "week", "month")  # dates that name one occasion
STORY_REACH = 5  # sentences: how far an act of another kind lends its date to an undated one
HISTORY_DAYS = 365  # an act dated this long before the story's day is history told in passing


def extract_document(doc: Document) -> tuple[list[Mention], list[Figure]]:
    """Event mentions and figures of one document (none in a language without rules)."""
    if not doc.language_supported:
        return [], []
    lang = load_language(doc.language)
    g = load_gazetteer()
    p = patterns_for(lang)
    ctx = DocContext()
    mentions: list[Mention] = []
    figures: list[Figure] = []
    lead: DateMention | None = None  # the first day the story's opening lines give
    latest: dt.date | None = None  # the latest day or month the story names
    opened: list[Mention] = []  # talks the story opens with, told without an act's verb
    for s in split_sentences(doc.text, lang):
        if s.paragraph != ctx.paragraph:
            ctx.paragraph, ctx.paragraph_period = s.paragraph, None
        dates = find_dates(s.text, lang, doc.published_date)
        for d in dates:
            if d.precision in STORY_PRECISIONS and not d.is_reference:
                latest = max(latest or d.date_end, d.date_end)
        if lead is None and s.index < LEAD_SENTENCES:
            lead = next((d for d in dates if d.precision == "day" and not d.is_reference), None)
        back = ctx.states_back(s.index)
        sent_figures = find_figures(s, doc.doc_id, lang, dates, ctx.paragraph_period, [])
        # "US dollars" names a currency, not a party
        spans = [(f.value_start - s.start, f.value_end - s.start) for f in sent_figures]
        ents = [e for e in g.find(s.text) if not any(a < e.end and e.start < b for a, b in spans)]
        ents = without_namesakes(s.text, ents, p)
        triggers = find_triggers(s.text, lang, p, headline=_is_headline(s, doc.text))
        opening = s.index < LEAD_SENTENCES and not any(not m.attach_only for m in mentions)
        if triggers:
            points_back = bool(p.anaphora.search(s.text)) or any(
                rx.search(s.text) for rx in p.back_reference)
        for trig in triggers:
            # "Путин обсудил с Рахмоном...", "В Минске проходит встреча лидеров": talks a
            # story opens with are the talks it reports, unless it tells them as an act later
            promote = opening and trig.attach_only and trig.event_type == "CONSULT" \
                and trig.mode == "meeting"
            if promote:
                trig = replace(trig, attach_only=False)
            args = (doc, s, trig, ents, dates, g, p, ctx, points_back, back)
            # an act whose own part of the sentence names too few parties ("held talks with
            # Mirziyoyev and signed five agreements") shares those of the whole sentence
            scope = act_scope(trig, triggers, s.text)
            found = (scope and mentions_for(*args, scope)) or mentions_for(*args)
            mentions += found
            opened += found if promote else []
        named = states_named(ents)  # a figure concerns every state its sentence names
        fig_states = unique(named + (back if len(named) < 2 else []))
        for f in sent_figures:
            f.countries = fig_states
        figures += sent_figures
        # a period read on runs on to the paragraph's next figures ("In 2023 trade reached...
        # Exports came to..."); the day of an act ("the presidents met on 12 March") is no
        # period of the figures that follow it
        periods = [d for d in dates if d.precision not in ("day", "week")]
        if periods:
            ctx.paragraph_period = periods[-1].period
        if named:
            ctx.recent_states.append((s.index, named))
    promoted = {id(m) for m in opened}
    for m in opened:
        m.attach_only = any(o.event_type == "CONSULT" and not o.attach_only
                            and id(o) not in promoted
                            and not (o.event_mode == m.event_mode and _told_as_occasion(o, p))
                            and len(set(o.countries) & set(m.countries)) >= 2 for o in mentions)
    mentions = without_history(mentions, doc, doc.published_date or latest)
    mentions = date_from_story(tense_of_headline(mentions, doc), doc, lead, lang)
    if doc.genre == "news":  # a reference text tells acts of many years and places
        # a dateline is weaker evidence than the text's own words: it implies no visit
        mentions = visits_implied(place_from_story(mentions), p.resident)
        mentions = place_from_dateline(mentions, dateline_place(doc.text, g))
    return mentions, without_retold_figures(figures)


# a dateline: a city in capitals opening one of the first lines ("ISLAMABAD -", "DUSHANBE,
# Tajikistan —", "ДУШАНБЕ, 5 мая - Sputnik"), before a comma, a bracket or a dash
_DATELINE = re.compile(r"^[\W\d_]*(?P<city>[^\W\d_a-zа-яёҷҳқғӯӣ][^\W\d_a-zа-яёҷҳқғӯӣ’' -]{2,30}?)"
                       r"\s*(?:,|\(|\s[-–—]|[-–—]\s)", re.MULTILINE)
DATELINE_LINES = 6


def dateline_place(text: str, g) -> Place | None:
    """The city of the story's dateline, if its first lines have one the gazetteer knows."""
    for line in text.split("\n", DATELINE_LINES)[:DATELINE_LINES]:
        m = _DATELINE.match(line)
        if not m:
            continue
        city = m.group("city").strip().title()
        found = [e for e in g.find(city) if e.kind == "city" and e.end - e.start == len(city)]
        if found:
            return place_of(found[0], g)
    return None


def place_from_story(mentions: list[Mention]) -> list[Mention]:
    """An act the text places nowhere of its own takes the city where the story puts the acts
    of its states ("The talks were held in Dushanbe. ... An agreement was signed."): the
    nearest such city told before it, else after it; a call takes none (codebook: the place is
    that of the act, "null when the text does not say")."""
    placed = [m for m in mentions if m.location_precision == "city" and not m.attach_only]
    for m in mentions:
        if m.location_precision == "city" or m.event_mode == "phone":
            continue
        fits = [o for o in placed if o.location_country in m.countries
                and (m.location is None or o.location_country == m.location_country)]
        if fits:
            before = [o for o in fits if o.sentence_index <= m.sentence_index]
            set_location(m, location_of(before[-1] if before else fits[0]))
    return mentions


def place_from_dateline(mentions: list[Mention], dateline: Place | None) -> list[Mention]:
    """An act still placed nowhere, or only in the dateline's state, of a story whose dateline
    names a city of one of its states took place there; a call did not."""
    if dateline is None:
        return mentions
    for m in mentions:
        if m.location_precision != "city" and m.event_mode != "phone" \
                and dateline.country in m.countries \
                and m.location_country in (None, dateline.country):
            set_location(m, place_fields(dateline))
    return mentions


def without_retold_figures(figures: list[Figure]) -> list[Figure]:
    """A fact a text tells twice (the headline's figure again in the lead) is one figure: of
    figures alike in value, unit, measure and plan, one whose period and states another's
    cover (none or the same period, states among the other's) is that one told again. The
    one that says more is kept, else the first."""
    def says(f: Figure) -> tuple[bool, int]:
        return f.period is not None, len(f.countries)

    def covered(f: Figure, g: Figure) -> bool:
        return f.period in (None, g.period) and set(f.countries) <= set(g.countries)

    groups: dict[tuple, list[int]] = {}
    for i, f in enumerate(figures):
        groups.setdefault((f.value, f.value_max, f.unit, f.measure, f.is_target), []).append(i)
    dropped = {i for members in groups.values() for i in members
               if any(j != i and covered(figures[i], figures[j])
                      and (says(figures[j]) > says(figures[i])
                           or says(figures[j]) == says(figures[i]) and j < i)
                      for j in members)}
    return [f for i, f in enumerate(figures) if i not in dropped]


def _told_as_occasion(m: Mention, p) -> bool:
    """Whether a mention's trigger is the occasion of something else ("during the meeting,
    Lukashenko said..."): talks of the same kind told so point back to those the story opened
    with (but "discussed ... during a phone conversation" tells what those talks were)."""
    return any(m.trigger in hit.group(0) for rx in p.occasion for hit in rx.finditer(m.evidence))


def _is_headline(s: Sentence, text: str) -> bool:
    """A line of the story's opening lines standing alone with no closing stop."""
    return s.index < LEAD_SENTENCES and text[s.end:s.end + 1] in ("\n", "") \
        and (s.start == 0 or text[s.start - 1] == "\n") and s.text.rstrip()[-1:] not in ".!?:;,"


def tense_of_headline(mentions: list[Mention], doc: Document) -> list[Mention]:
    """A headline drops the tense ("Saudi Arabia to provide $108 million for Tajik road"): an
    act it tells is announced or done as the text that follows tells the same act."""
    if not doc.title:
        return mentions
    for m in mentions:
        if m.evidence.strip() != doc.title.strip():
            continue
        told = next((x for x in mentions if x.sentence_index > m.sentence_index
                     and (x.event_type, x.event_mode) == (m.event_type, m.event_mode)
                     and set(x.countries) & set(m.countries) and not x.attach_only), None)
        if told is not None:
            m.is_planned = told.is_planned
    return mentions


def visits_implied(mentions: list[Mention], resident: re.Pattern) -> list[Mention]:
    """Talks held in a city of one of two states tell that the other's officials
    travelled there (codebook: a visit is when "an official ... travels to another country";
    "held talks with President Rahmon in Dushanbe" -> a visit to TJK). Not when the text
    reports the trip itself, nor when both came to a gathering of more states, whose sidelines
    the talks were held on. A reference text tells the acts it dates, not what they imply."""
    told = {frozenset(m.countries) for m in mentions if m.event_mode == "visit"}
    gatherings = [set(m.countries) for m in mentions
                  if m.event_mode == "multilateral" and len(m.countries) > 2]
    implied: dict[frozenset[str], Mention] = {}
    for m in mentions:
        pair = frozenset(m.countries)
        if m.event_type != "CONSULT" or m.event_mode != "meeting" or m.attach_only \
                or len(pair) != 2 or m.location_country not in pair or pair in told \
                or pair in implied or any(pair <= g for g in gatherings) \
                or is_town(m.location_geonames_id):  # border talks in a town: no visit
            continue
        guests = [x for x in m.participants if x.kind == "person" and x.country in pair
                  and x.country != m.location_country]
        if not guests or any(resident.search(x.role or "") for x in guests):
            continue  # an official must have travelled; an ambassador lives there
        implied[pair] = replace(m, event_mode="visit", distinct=False, participants=[
            x for x in m.participants if x.country != m.location_country or x.kind == "state"])
    return mentions + list(implied.values())


def without_history(mentions: list[Mention], doc: Document, story_day: dt.date | None
                    ) -> list[Mention]:
    """Codebook: "history mentioned in passing in a news text" is no event ("relations
    established in 1992" in a 2024 report). An act a news story dates more than a year
    before its own day (the publication date, else the latest day or month it names) is
    such history; a reference text's dated history is its subject and stays."""
    if doc.genre != "news" or story_day is None:
        return mentions
    horizon = story_day - dt.timedelta(days=HISTORY_DAYS)
    return [m for m in mentions if m.date_end is None or m.date_end >= horizon]


def date_from_story(mentions: list[Mention], doc: Document, lead: DateMention | None,
                    lang: Language) -> list[Mention]:
    """A news story reports one occasion: an act it tells with no date of its own took place
    at the nearest act it dates (of the same plan status, sharing a state), or, when it dates
    none, on the day its opening lines give ("on Monday", "DUSHANBE, May 16")."""
    if doc.genre != "news":
        return mentions
    dated = [m for m in mentions if m.date_start and m.date_precision in STORY_PRECISIONS]
    # sentences telling a time nothing anchors ("yesterday" in a text with no date)
    untimed = {m.sentence_index for m in mentions if doc.published_date is None
               and not m.date_start and tells_relative_time(m.evidence, lang)}
    for m in mentions:
        if m.date_start:
            continue
        near = [d for d in dated if d.is_planned == m.is_planned]
        # the same act told again nearby ("have all arrived", "Tokayev arrived on Wednesday")
        # ... else the same kind of act sharing a state ("the summit from Thursday to
        # Friday", then "arrived on Wednesday to attend the summit")
        alike = [d for d in near if (d.event_type, d.event_mode) == (m.event_type, m.event_mode)]
        same = [d for d in alike if set(d.countries) == set(m.countries)]
        # ... else an act of another kind told nearby, unless the mention only points back
        # to its own act or tells a time of its own that nothing anchors ("yesterday" in a
        # text with no date)
        near = same or [d for d in alike if set(d.countries) & set(m.countries)] or ([] if (
            m.attach_only or m.sentence_index in untimed) else [
            d for d in near if abs(d.sentence_index - m.sentence_index) <= STORY_REACH])
        if near:
            d = min(near, key=lambda d: (abs(d.sentence_index - m.sentence_index),
                                         d.sentence_index > m.sentence_index))
            if set(d.countries) & set(m.countries):
                m.date_start, m.date_end, m.date_precision = d.date_start, d.date_end, d.date_precision
                dated.append(m)  # and it dates the acts told beside it
        elif lead is not None and not dated and not m.is_planned \
                and m.sentence_index not in untimed:
            m.date_start, m.date_end, m.date_precision = lead.date_start, lead.date_end, lead.precision
    return mentions
