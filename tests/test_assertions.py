"""The data assertions run before publishing: each broken rule names its table, its rule and
the rows that break it, and nothing is published."""

import datetime as dt
import shutil

import pandas as pd
import pyarrow as pa
import pytest

from flows.release.publish import publish, read_back
from flows.release.validate import ValidationFailed, check_release, validate_tables

from .conftest import ROOT

RELEASE = ROOT / "output"


@pytest.fixture(scope="module")
def tables():
    return read_back(RELEASE)


def edited(tables, name: str, edit) -> dict[str, pa.Table]:
    """The tables with one of them edited as a pandas frame."""
    df = tables[name].to_pandas(types_mapper=pd.ArrowDtype)
    df = edit(df)
    table = pa.Table.from_pandas(df, schema=tables[name].schema, preserve_index=False)
    return {**tables, name: table.replace_schema_metadata(tables[name].schema.metadata)}


def problems_of(tables) -> list[str]:
    return validate_tables(tables)


def test_the_committed_release_breaks_no_assertion(tables):
    assert problems_of(tables) == []


def test_dates_out_of_order_are_named_with_their_event(tables):
    def swap(df):
        i = df.index[df["date_start"].notna()][0]
        df.loc[i, "date_end"] = df.loc[i, "date_start"] - dt.timedelta(days=1)
        return df
    broken = edited(tables, "events", swap)
    event = broken["events"].to_pandas()
    bad = event[event["date_end"] < event["date_start"]]["event_id"].iloc[0]
    (problem,) = problems_of(broken)
    assert problem.startswith("events: rule 'date_start <= date_end' fails for 1 row(s)")
    assert bad in problem


def test_a_visit_located_outside_its_states(tables):
    def move(df):
        i = df.index[df["event_mode"] == "visit"][0]
        df.loc[i, ["location", "location_country"]] = ["Paris", "FRA"]
        return df
    assert any("a visit's location_country is one of its countries" in p
               for p in problems_of(edited(tables, "events", move)))

    def meeting_abroad(df):  # talks on the sidelines of a summit abroad: explained
        i = df.index[df["event_mode"] == "meeting"][0]
        df.loc[i, ["location", "location_country", "location_precision"]] = [
            "Paris", "FRA", "city"]
        return df
    assert problems_of(edited(tables, "events", meeting_abroad)) == []


def test_a_place_as_a_cyrillic_text_wrote_it(tables):
    def cyrillic(df):
        i = df.index[df["location"].notna()][0]
        df.loc[i, "location"] = "Душанбе"
        return df
    assert any("location is written in Latin letters" in p
               for p in problems_of(edited(tables, "events", cyrillic)))

    def unsaid(df):  # a place with no word on whether it is a city or a state
        i = df.index[df["location"].notna()][0]
        df.loc[i, "location_precision"] = None
        return df
    assert any("says whether it names a city or a state" in p
               for p in problems_of(edited(tables, "events", unsaid)))


def test_an_act_dated_by_its_report_may_share_the_day_of_one_the_text_dates(tables):
    """Two acts consolidation kept apart, one dated by its text and one by its report on the
    same day, are not the same event told twice."""
    events = tables["events"].to_pandas()
    original = events[events["date_precision"] == "day"]["event_id"].iloc[0]

    def beside(df):
        row = df[df["event_id"] == original].copy()
        row["event_id"], row["date_precision"] = "evt_" + "1" * 16, "report"
        return pd.concat([df, row], ignore_index=True)
    found = problems_of(edited(edited(tables, "events", beside), "participants", beside))
    assert not any("alike in type" in p for p in found)


def test_an_event_published_twice(tables):
    """The same act (type, occasion, states, days and people) as a second row."""
    copy_id = "evt_" + "0" * 16
    events = tables["events"].to_pandas()
    original = events[events["date_precision"] == "day"]["event_id"].iloc[0]

    def twice(df):
        row = df[df["event_id"] == original].copy()
        row["event_id"] = copy_id
        return pd.concat([df, row], ignore_index=True)
    broken = edited(tables, "events", twice)
    broken = edited(broken, "participants", twice)
    found = problems_of(broken)
    assert any(p.startswith("events: rule 'no two events dated to a month or better alike")
               and copy_id in p and original in p for p in found)
    assert any("mentions is the number of its event_mentions rows" in p for p in found)


def test_offsets_that_do_not_span_the_evidence(tables):
    def shift(df):
        df.loc[0, "value_end"] = df.loc[0, "value_end"] + 3
        df.loc[1, "char_end"] = df.loc[1, "char_end"] - 1
        return df
    found = problems_of(edited(tables, "figures", shift))
    assert any("figures: rule 'char_end - char_start is the length" in p for p in found)
    assert any("figures: rule 'the figure as written lies inside" in p for p in found)


def test_text_that_may_not_be_republished(tables):
    def leak(df):
        df["text"] = df["text"].fillna("the publisher's text")
        return df
    (problem,) = problems_of(edited(tables, "documents", leak))
    assert "text is published only where text_redistributable" in problem
    assert "fails for 4 row(s)" in problem


def test_an_actor_no_event_has(tables):
    def extra(df):
        row = df.iloc[[0]].copy()
        row["actor_id"] = "person:nobody-at-all"
        return pd.concat([df, row], ignore_index=True)
    found = problems_of(edited(tables, "actors", extra))
    assert any("every actor takes part in some event" in p and "person:nobody-at-all" in p
               for p in found)


def test_a_table_over_its_ceiling(tables):
    few = {**tables, "documents": tables["documents"].slice(0, 1)}
    events_per_document = tables["events"].num_rows  # > 50 needs more events: scale them
    assert events_per_document < 50
    many = pa.concat_tables([tables["events"]] * 3)
    found = problems_of({**few, "events": many})
    assert any(p.startswith("events: 75 rows, at most 50 per documents row (50) expected")
               for p in found)


def test_a_release_breaking_an_assertion_is_not_published(tables, tmp_path):
    out = tmp_path / "output"
    shutil.copytree(RELEASE, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    broken = edited(tables, "figures", lambda df: df.assign(value_max=df["value"] - 1))
    with pytest.raises(ValidationFailed, match="value <= value_max"):
        check_release(broken)
    with pytest.raises(ValidationFailed, match="nothing was published"):
        publish(broken, out, "1" * 64, [])
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
