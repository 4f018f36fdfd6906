"""The gazetteer: states, cities, regions, organisations and people, found in text with one
Aho-Corasick automaton, and people resolved to the office they held on a date.

Reference data lives in `reference/*.yaml`; ISO 3166-1 names come from pycountry.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import ahocorasick
import pycountry
from anyascii import anyascii
from rapidfuzz import fuzz, process

from flows.extract.morphology import CYRILLIC, TAJIK_LETTERS, name_forms, russian_forms, tajik_forms
from flows.extract.places import more_spellings, towns
from flows.yaml_files import read_yaml

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "reference"
PLACE_KINDS = ("city", "town")  # entities that name a place: a listed city, a GeoNames town
FUZZY_NAME_CUTOFF = 88


def slug(text: str) -> str:
    """An ASCII id part of a name in any script ("Шахбаз Шариф" -> "shakhbaz-sharif")."""
    ascii_ = anyascii(unicodedata.normalize("NFC", text))
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")


def whole_word(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] stands as whole words, no letter or digit right beside it."""
    return (start == 0 or not text[start - 1].isalnum()) and (
        end == len(text) or not text[end].isalnum())


@dataclass(frozen=True)
class Office:
    role: str
    start: dt.date | None
    end: dt.date | None

    def held_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True)
class Actor:
    actor_id: str
    canonical_name: str
    kind: str  # person | state | organisation
    country: str | None
    aliases: tuple[str, ...] = ()
    wikidata_id: str | None = None
    offices: tuple[Office, ...] = ()

    def titled_office(self, title: str | None, day: dt.date | None) -> Office | None:
        """The office a title given in the text names ("President": President of
        Turkmenistan): the one held on the day, else the latest so titled."""
        titled = [o for o in self.offices if title and o.role.startswith(title)
                  and (day is None or o.held_on(day))]
        return titled[-1] if titled else None

    def role_on(self, day: dt.date | None) -> str | None:
        """The office held on the day; with no day, the latest office."""
        if not self.offices:
            return None
        if day is None:
            return self.offices[-1].role
        held = [o.role for o in self.offices if o.held_on(day)]
        return held[-1] if held else None


@dataclass(frozen=True)
class EntityMatch:
    start: int
    end: int
    text: str
    kind: str  # state | adjective | city | town | region | group | organisation | person
    key: str  # ISO3 (state, adjective, city), ISO3s joined by "," (group) or "|" (a town
    # of that name in each), organisation id, or person actor ids joined by "|"
    country: str | None


@dataclass
class Gazetteer:
    actors: dict[str, Actor] = field(default_factory=dict)
    automaton: ahocorasick.Automaton = field(default_factory=ahocorasick.Automaton)
    person_names: dict[str, list[str]] = field(default_factory=dict)  # variant -> actor ids
    surfaces: dict[str, list[tuple[str, str, str | None]]] = field(default_factory=dict)
    # a city's every spelling (Минске, Xi’an) -> the name as the reference writes it
    city_names: dict[str, str] = field(default_factory=dict)
    with_names: bool = True  # False: the actors only, not the names to find them by

    def _add(self, surface: str, kind: str, key: str, country: str | None,
             inflect: bool = True) -> None:
        surface = surface.strip()
        if not surface or not self.with_names:
            return
        if CYRILLIC.search(surface):  # Russian and Tajik inflect names (a town's spellings
            # come inflected beforehand)
            spellings = set(_cyrillic_forms(surface, kind)) if inflect else {surface}
        else:  # news writes apostrophes both ways: Xi'an, Xi’an
            spellings = {surface, surface.replace("'", "’"), surface.replace("’", "'")}
        for spelling in spellings:
            if kind in PLACE_KINDS:
                self.city_names.setdefault(spelling, surface)
            entries = self.surfaces.setdefault(spelling, [])
            if (kind, key, country) not in entries:
                entries.append((kind, key, country))

    def _add_state(self, iso3: str, names, info: dict) -> None:
        """A state's names, adjectives and cities (from a `states` entry of the reference)."""
        for n in names:
            self._add(n, "state", iso3, iso3)
        for a in info.get("adjectives", []):
            self._add(a, "adjective", iso3, iso3)
        for city in info.get("cities", []):
            self._add(city, "city", iso3, iso3)

    def _add_groups_and_regions(self, reference: dict) -> None:
        """Groups of states ("the Central Asian states") and regions, never parties."""
        for group in reference.get("groups", []):
            for n in group["names"]:
                self._add(n, "group", ",".join(group["members"]), None)
        for region in reference.get("regions", []):
            self._add(region, "region", slug(region), None)

    def _finish(self) -> None:
        """Compile the names into the automaton, each with what it resolves to: a surface
        shared by several entries keeps the best-ranked kind; people sharing a surname keep
        all their ids (joined by "|") for resolution by date."""
        for surface, entries in self.surfaces.items():
            kind = min((e[0] for e in entries), key=_KIND_RANK.__getitem__)
            same = [e for e in entries if e[0] == kind]
            countries = {e[2] for e in same}
            self.automaton.add_word(surface, (len(surface), kind, "|".join(e[1] for e in same),
                                              countries.pop() if len(countries) == 1 else None))
        self.automaton.make_automaton()

    def find(self, text: str) -> list[EntityMatch]:
        """Entities in the text: longest match first, no overlaps, on word boundaries."""
        cands = []
        for end_idx, (length, kind, key, country) in self.automaton.iter(text):
            start, end = end_idx - length + 1, end_idx + 1
            if not whole_word(text, start, end) or text[end:end + 1] == "$":
                continue
            cands.append((start, end, kind, key, country))
        cands.sort(key=lambda c: (c[0], -(c[1] - c[0])))
        out: list[EntityMatch] = []
        last_end = -1
        for start, end, kind, key, country in cands:
            if start >= last_end:
                out.append(EntityMatch(start, end, text[start:end], kind, key, country))
                last_end = end
        return out

    def fuzzy_person(self, name: str) -> list[str]:
        """Actor ids of the dictionary person whose variant is closest to the name, if close."""
        # whole names only, compared whole: a shared surname alone ("Ali Rahmonov") is not enough
        full = [n for n in self.person_names if " " in n]
        hit = process.extractOne(name, full, scorer=fuzz.ratio, score_cutoff=FUZZY_NAME_CUTOFF)
        return self.person_names[hit[0]] if hit else []

    def resolve_person(self, actor_ids: list[str], day: dt.date | None,
                       title: str | None = None) -> Actor:
        """Of people sharing a name, the one in office on the day (else the latest to take
        office), of those who held the office the text titles them with, if any did."""
        people = [self.actors[a] for a in actor_ids]
        titled = [p for p in people if p.titled_office(title, day)]
        if day is not None:
            in_office = [p for p in titled or people if p.role_on(day)]
            if in_office:
                return in_office[0]

        def took_office(p: Actor) -> dt.date:
            office = p.titled_office(title, None)
            return max((o.start or dt.date.min for o in ([office] if office else p.offices)),
                       default=dt.date.min)
        return max(titled or people, key=took_office)


def _cyrillic_forms(surface: str, kind: str) -> list[str]:
    """A Cyrillic name in every case; an adjective in every gender, number and case, in lower
    case (as prose writes it) and capitalised (opening a sentence or a name)."""
    if kind == "organisation" and " " in surface:
        # "Европейский союз" is also written "Европейский Союз", as in its own charter
        forms = name_forms(surface)
        return sorted({f for form in forms for f in (form, " ".join(
            w[:1].upper() + w[1:] for w in form.split(" ")))})
    if kind != "adjective" or " " in surface:
        return list(name_forms(surface))
    forms = russian_forms(surface) if not TAJIK_LETTERS.search(surface) else tajik_forms(surface)
    return [f for form in forms for f in (form, form[:1].upper() + form[1:])]


_KIND_RANK = {"person": 0, "organisation": 1, "group": 2, "state": 3, "city": 4, "adjective": 5,
              "region": 6, "town": 7}


def _date(v) -> dt.date | None:
    if v is None or isinstance(v, dt.date):
        return v
    return dt.date.fromisoformat(str(v))


def state_actor_id(iso3: str) -> str:
    return f"state:{iso3}"


def _short_name(c, info: dict) -> str:
    """A state's common name: its aliases leave it out (what the actors table calls it, but
    for a name with a comma, "Korea, Republic of", where the table gives pycountry's name)."""
    return getattr(c, "common_name", None) or info.get("names", [c.name])[0]


def _display_name(c, info: dict) -> str:
    short = _short_name(c, info)
    return short if "," not in short else c.name


@cache
def state_short_names() -> dict[str, str]:
    """ISO 3166-1 alpha-3 code -> the state's name in the actors table, without the gazetteer."""
    extra = read_yaml(REFERENCE_DIR / "countries.yaml")["states"]
    return {c.alpha_3: _display_name(c, extra.get(c.alpha_3, {})) for c in pycountry.countries}


@cache
def load_gazetteer() -> Gazetteer:
    """The reference's actors and every spelling of their names, and of places, to find them
    by (1.1 s: the Cyrillic names are inflected and the automaton built)."""
    return _build_gazetteer(with_names=True)


def load_actors() -> dict[str, Actor]:
    """The reference's actors by id, without the names to find them by (what consolidation
    needs, where the batches were extracted in other processes)."""
    if load_gazetteer.cache_info().currsize:
        return load_gazetteer().actors
    return _actors_only()


@cache
def _actors_only() -> dict[str, Actor]:
    return _build_gazetteer(with_names=False).actors


def _add_geonames_spellings(g: Gazetteer) -> None:
    for iso3, state_towns in towns().items():  # GeoNames' towns: places, never parties
        for _, _, _, spellings in state_towns.values():
            for spelling in spellings:
                g._add(spelling, "town", iso3, iso3, inflect=False)
    for iso3, cities in more_spellings().items():  # and its names of the cities listed
        for spellings in cities.values():
            for spelling in spellings:
                g._add(spelling, "city", iso3, iso3, inflect=False)


def _build_gazetteer(with_names: bool) -> Gazetteer:
    g = Gazetteer(with_names=with_names)
    countries = read_yaml(REFERENCE_DIR / "countries.yaml")
    extra = countries["states"]
    for c in pycountry.countries:
        iso3 = c.alpha_3
        info = extra.get(iso3, {})
        names = {c.name, getattr(c, "common_name", c.name), getattr(c, "official_name", c.name)}
        names |= set(info.get("names", []))
        g._add_state(iso3, sorted(names), info)
        g.actors[state_actor_id(iso3)] = Actor(
            state_actor_id(iso3), _display_name(c, info), "state", iso3,
            tuple(sorted(names - {_short_name(c, info)})), info.get("wikidata"))
    for iso3, info in extra.items():
        if info.get("historic"):  # named in prose, never a party: read as a region
            for n in info.get("names", []) + info.get("adjectives", []):
                g._add(n, "region", iso3, None)
    g._add_groups_and_regions(countries)
    cyrillic = read_yaml(REFERENCE_DIR / "countries.cyrillic.yaml")
    for iso3, info in cyrillic["states"].items():
        g._add_state(iso3, info.get("names", []), info)
    g._add_groups_and_regions(cyrillic)
    if with_names:
        _add_geonames_spellings(g)

    orgs = read_yaml(REFERENCE_DIR / "organisations.yaml")
    for o in orgs["organisations"]:
        actor_id = f"org:{o['id']}"
        g.actors[actor_id] = Actor(actor_id, o["name"], "organisation", o.get("country"),
                                   tuple(a for a in o.get("aliases", []) if a != o["name"]),
                                   o.get("wikidata"))
        for n in [o["name"], *o.get("aliases", [])]:
            g._add(n, "organisation", actor_id, o.get("country"))

    people = read_yaml(REFERENCE_DIR / "actors.yaml")
    cyrillic_people = read_yaml(REFERENCE_DIR / "actors.cyrillic.yaml")
    for p in people["people"]:
        actor_id = f"person:{slug(p['name'])}"
        offices = tuple(Office(o["role"], _date(o.get("from")), _date(o.get("to")))
                        for o in p.get("offices", []))
        variants = [p["name"], *p.get("variants", [])]
        g.actors[actor_id] = Actor(actor_id, p["name"], "person", p.get("country"),
                                   tuple(sorted(set(variants) - {p["name"]})),
                                   p.get("wikidata"), offices)
        spelled = cyrillic_people.get(p["name"], {})
        for v in [*variants, *p.get("surnames", []), *spelled.get("variants", []),
                  *spelled.get("surnames", [])]:
            g._add(v, "person", actor_id, p.get("country"))
            g.person_names.setdefault(v, [])
            if actor_id not in g.person_names[v]:
                g.person_names[v].append(actor_id)
    if with_names:
        g._finish()
    return g
