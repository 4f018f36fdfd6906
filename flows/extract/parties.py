"""Parties: who takes part in what a sentence reports. States, their adjectives, groups of
states, organisations, people from the actor dictionary or named with their office; places
named after "in/at/to" are where it happened, and states after "discussed/on" are topics."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from flows.extract.entities import PLACE_KINDS, EntityMatch, Gazetteer, slug, state_actor_id
from flows.extract.morphology import CYRILLIC, nominative_name
from flows.extract.patterns import EventPatterns, TriggerHit

TITLE_REACH = 80  # characters before a name that its title and the title's state may take

@dataclass
class Party:
    """Someone taking part, found in a sentence."""

    start: int
    actor_id: str
    name: str
    kind: str
    country: str | None
    role: str | None = None
    term: tuple[dt.date | None, dt.date | None] | None = None  # of the office the text gives


@dataclass
class SentenceReading:
    parties: list[Party]
    location: EntityMatch | None


def read_parties(text: str, ents: list[EntityMatch], g: Gazetteer, p: EventPatterns,
                 day: dt.date | None, trigger: TriggerHit | None,
                 scope: list[tuple[int, int]] | None = None) -> SentenceReading:
    """The parties and the place of what the trigger reports, read from the parts of the
    sentence in `scope` (all of it by default)."""
    def in_scope(pos: int) -> bool:
        return scope is None or any(a <= pos < b for a, b in scope)

    parties: list[Party] = []
    location = None
    # "on the sidelines of the summit of Central Asian leaders, Rahmon met Mirziyoyev": the
    # gathering's states are not the meeting's
    aside = [m.span() for m in p.sidelines.finditer(text)] \
        if trigger is not None and trigger.mode == "meeting" else []
    for e in ents:
        if e.kind == "region" or not in_scope(e.start):
            continue
        if e.kind in ("group", "state", "adjective") and any(
                a <= e.start < (trigger.start if a < trigger.start < b else b) for a, b in aside):
            continue
        if e.kind in ("group", "state") and p.title_scope.search(text[max(0, e.start - 80):e.start]):
            continue  # "the EU Special Representative for Central Asia"
        if e.kind == "group":  # "the Central Asian states": each member takes part
            for iso3 in e.key.split(","):
                parties.append(Party(e.start, state_actor_id(iso3), e.text, "state", iso3))
            continue
        before = text[max(0, e.start - 40):e.start]
        if p.non_party_before.search(before):
            continue
        after_trigger = trigger is not None and e.start >= trigger.end
        if after_trigger and e.kind in ("state", "adjective") and p.topic_before.search(
                text[trigger.start:e.start] if e.start - trigger.end < 40 else before):
            continue
        # "visited Astana, Kazakhstan": the place a visit names right after its verb
        visited = trigger is not None and trigger.mode == "visit" and e.kind in ("city", "state") \
            and 0 <= e.start - trigger.end <= 1
        if e.kind in PLACE_KINDS and (visited or p.location_before.search(before)):
            if location is None or location.kind not in PLACE_KINDS:  # a city names a
                location = e  # place best
            continue
        if e.kind == "town":  # a town is a place only, never its state as a party
            continue
        if e.kind == "state" and trigger is not None and trigger.event_type == "CONSULT" \
                and location is not None and location.kind in PLACE_KINDS \
                and text[location.end:e.start] in (" ", ", ") and location.country == e.key:
            # the city's state ("met in Jeddah, Saudi Arabia", "дар шаҳри Ҷиддаи Арабистони
            # Саудӣ") takes part in talks only as their host (see mentions_for)
            continue
        if e.kind == "state" and (visited or p.location_before.search(before)):
            if location is None or location.kind not in PLACE_KINDS:
                location = location or e
            if not after_trigger:  # "the downfall of the regime in X, ...": not a party
                continue
        if e.kind == "person":
            parties.append(_titled_person(text, e, g, p, day))
        elif e.kind == "organisation":
            parties.append(Party(e.start, e.key, e.text, "organisation", e.country))
        else:
            parties.append(Party(e.start, state_actor_id(e.key), e.text, "state", e.key))
    parties += [x for x in _people_by_office(text, ents, p, parties, g, day) if in_scope(x.start)]
    return SentenceReading(parties, location)


def _titled_person(text: str, e: EntityMatch, g: Gazetteer, p: EventPatterns,
                   day: dt.date | None) -> Party:
    """A dictionary person, in the office the text titles them with ("President
    Berdimuhamedov": the father to 2022, the son since), else the one held on the day."""
    titled = p.office_title.search(text, max(0, e.start - TITLE_REACH), e.start)
    title = p.office_titles.get(titled.group("title").lower()) if titled else None
    actor = g.resolve_person(e.key.split("|"), day, title)
    office = actor.titled_office(title, day)
    if office is None:
        return Party(e.start, actor.actor_id, e.text, "person", actor.country, actor.role_on(day))
    return Party(e.start, actor.actor_id, e.text, "person", actor.country, office.role,
                 (office.start, office.end))


def states_named(ents: list[EntityMatch]) -> list[str]:
    """Every state a sentence names: as party, topic or place, through a person or a group."""
    out: list[str] = []
    for e in ents:
        if e.kind == "group":
            out += e.key.split(",")
        elif e.kind not in ("region", "organisation", "town") and e.country:
            out.append(e.country)
    return unique(out)


def _people_by_office(text: str, ents: list[EntityMatch], p: EventPatterns,
                      known: list[Party], g: Gazetteer, day: dt.date | None) -> list[Party]:
    """People named with their office: "Belarusian counterpart Ivan Petrov", "Jane Doe, the
    US Ambassador". A spelling close to a dictionary person ("Sirodjiddin Mukhriddin") is that
    person; anyone else is a new actor of the state named beside the office."""
    out = []
    taken = [(e.start, e.end) for e in ents if e.kind != "town"]  # "Vladimir Kolokoltsev"
    for rx in (p.office_then_name, p.name_then_office):
        for m in rx.finditer(text):
            s, e = m.span("name")
            name = m.group("name")
            if not p.person_name.fullmatch(name):
                continue  # "Foreign Affairs, the Minister": no name
            # "Ambassador of Japan to Tajikistan Hiroshi Tanaka": the state the office names is
            # no part of the name
            lead = [b for a, b in taken if a <= s < b < e]
            if lead and len(text[max(lead) + 1:e].split()) >= 2:
                s = max(lead) + 1
                name = text[s:e]
            if any(a < e and s < b for a, b in taken):
                continue
            # the state served is told right before the office ("Hungarian Foreign Minister",
            # "Tajikistan's Ambassador") or in its words ("Minister of Finance of Tajikistan"),
            # never where it serves ("Ambassador of Japan to Tajikistan")
            o = m.start("office")
            window = [x for x in ents if x.country and x.kind in ("state", "adjective")
                      and (0 <= x.start - o < 45 or 0 <= o - x.end <= 3)
                      and not p.serving_in.search(text[max(0, x.start - 12):x.start])]
            country = min(window, key=lambda x: abs(x.start - o)).country if window else None
            close = g.fuzzy_person(name)
            if close:
                actor = g.resolve_person(close, day)
                party = Party(s, actor.actor_id, name, "person", actor.country, actor.role_on(day))
            else:
                party = Party(s, f"person:{slug(nominative_name(name))}", name, "person",
                              country, m.group("office"))
            if any(k.actor_id == party.actor_id for k in known + out):
                continue
            out.append(party)
            taken.append((s, e))
    return out


_PREV_WORD = re.compile(r"([A-Z][\w’'-]*)\s+$")


def without_namesakes(text: str, ents: list[EntityMatch], p: EventPatterns) -> list[EntityMatch]:
    """Drop a dictionary surname written after another given name ("Ali Rahmonov" is not
    Emomali Rahmonov): only an office, title or a name the dictionary knows may precede it.
    Drop a town that opens a longer name."""
    out = []
    for i, e in enumerate(ents):
        if e.kind == "town" and _within_a_name(text, e, ents[i + 1:i + 2]):
            continue
        if e.kind == "person" and " " not in e.text:
            prev = _PREV_WORD.search(text[max(0, e.start - 30):e.start])
            known = any(x.end <= e.start and text[x.end:e.start].strip() == "" for x in ents)
            if prev and prev.group(1) not in p.title_words and not known:
                continue
        out.append(e)
    return out


_NAME_GOES_ON = re.compile(r" [A-Z][a-z]")


def _within_a_name(text: str, town: EntityMatch, following: list[EntityMatch]) -> bool:
    """A town's name that opens a longer name: a person's ("at Bari Omar's residence", "met
    Aral Bekov"), going on with a person or a capitalised Latin word; or a place's, joined by
    a hyphen ("Курган-Тюбе")."""
    if following and following[0].kind == "person" and following[0].start == town.end + 1:
        return True
    if text[town.end:town.end + 1] == "-" and text[town.end + 1:town.end + 2].isalpha():
        return True
    return not CYRILLIC.search(town.text) and bool(_NAME_GOES_ON.match(text, town.end))


def unique(items: list[str]) -> list[str]:
    return sorted(set(items))


def dedupe_parties(parties: list[Party]) -> list[Party]:
    """One party per actor; a state already present through a person stays as a state too."""
    seen: dict[str, Party] = {}
    for x in parties:
        seen.setdefault(x.actor_id, x)
    return list(seen.values())
