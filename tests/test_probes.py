"""Probe sentences of constructions no rule was written for (tests/data/probes.yaml): those
read right today must stay right; those not yet read are expected to fail, strictly, so the
file says truthfully which is which."""

import datetime as dt
from pathlib import Path

import pytest
import yaml

from .test_events import events_of, read

PROBES = yaml.safe_load((Path(__file__).parent / "data" / "probes.yaml").read_text())["probes"]


def reading(probe: dict) -> list[tuple]:
    published = probe.get("published")
    rows = events_of(read(probe["text"], published if isinstance(published, dt.date) else None))
    return sorted((e["event_mode"], e["countries"], e["is_planned"]) for e in rows["events"])


@pytest.mark.parametrize("probe", [
    pytest.param(p, id=p["text"][:50],
                 marks=() if p["reads"] else pytest.mark.xfail(strict=True, reason="not read yet"))
    for p in PROBES])
def test_probe(probe):
    expected = sorted((mode, sorted(countries), planned) for mode, countries, planned in probe["events"])
    assert reading(probe) == expected
