"""The release's SQLite database and Datasette metadata: the same rows as the Parquet files,
with keys, full-text search, link tables and views, documented from `schemas/`, and served by
Datasette on 127.0.0.1."""

import json
import sqlite3

import httpx
import pyarrow.parquet as pq
import pytest

from flows.release.database import DATABASE_FILE, METADATA_FILE
from schemas.resources import RESOURCES
from schemas.sqlite import LABELS, QUERIES

README_QUERY = """
select date_start, event_type, event_mode, participants, evidence
  from events_with_evidence
 where countries like '%"KAZ"%' and countries like '%"TJK"%'
"""


@pytest.fixture(scope="module")
def db(built_release):
    conn = sqlite3.connect(built_release / DATABASE_FILE)
    yield conn
    conn.close()


def test_every_table_holds_the_rows_of_its_parquet_file(db, built_release):
    for r in RESOURCES:
        (count,) = db.execute(f"select count(*) from {r.name}").fetchone()
        assert count == pq.read_metadata(built_release / f"{r.name}.parquet").num_rows, r.name
    assert db.execute("pragma foreign_key_check").fetchall() == []


def test_keys_are_declared(db):
    pk = [row[1] for row in db.execute("pragma table_info(participants)") if row[5]]
    assert pk == ["event_id", "actor_id"]
    fks = {(row[3], row[2]) for row in db.execute("pragma foreign_key_list(event_mentions)")}
    assert fks == {("event_id", "events"), ("doc_id", "documents")}


def test_lists_are_json_arrays_and_link_tables(db, built_release):
    events = pq.read_table(built_release / "events.parquet").to_pylist()
    stored = dict(db.execute("select event_id, countries from events"))
    assert all(json.loads(stored[e["event_id"]]) == e["countries"] for e in events)
    (links,) = db.execute("select count(*) from event_countries").fetchone()
    assert links == sum(len(set(e["countries"])) for e in events)


def test_the_readme_query_finds_tajik_kazakh_events_with_their_first_evidence(db):
    rows = db.execute(README_QUERY).fetchall()
    assert rows and all(evidence for *_, evidence in rows)
    first = db.execute("select evidence from event_mentions where event_id = ? "
                       "order by doc_id, char_start limit 1",
                       (db.execute("select event_id from events_with_evidence where "
                                   "countries like '%\"KAZ\"%' and countries like '%\"TJK\"%'")
                        .fetchone()[0],)).fetchone()[0]
    assert first == rows[0][-1]


def test_full_text_search_finds_evidence(db):
    hits = db.execute("select m.evidence from event_mentions m join event_mentions_fts f "
                      "on f.rowid = m.rowid where event_mentions_fts match 'Treaty'").fetchall()
    assert hits and all("Treaty" in h for (h,) in hits)


def test_metadata_documents_every_column_from_the_schemas(built_release):
    meta = json.loads((built_release / METADATA_FILE).read_text(encoding="utf-8"))
    (database,) = meta["databases"].values()
    assert meta["license"] == "CC-BY-SA-4.0"
    for r in RESOURCES:
        columns = database["tables"][r.name]["columns"]
        computed = {LABELS[r.name][0]} if r.name in LABELS else set()
        assert set(columns) == set(r.field_names) | computed
        assert all(columns[f.name].startswith(f.description) for f in r.fields)
    assert "events_with_evidence" in database["tables"]


def test_datasette_serves_the_release(built_release, datasette):
    events = httpx.get(f"{datasette}/events.json?_shape=array", timeout=5)
    rows = pq.read_metadata(built_release / "events.parquet").num_rows
    assert events.status_code == 200 and len(events.json()) == rows
    found = httpx.get(f"{datasette}/event_mentions.json?_search=Treaty&_shape=array", timeout=5)
    assert found.status_code == 200 and found.json()
    assert all("Treaty" in row["evidence"] for row in found.json())
    page = httpx.get(f"{datasette}/events", timeout=5).text
    assert "One row per real-world event" in page  # the table's description, from schemas/


def test_datasette_opens_events_newest_first_with_facets(built_release, datasette):
    shown = httpx.get(f"{datasette}/events.json?_shape=objects&_size=max", timeout=5).json()
    starts = [r["date_start"] for r in shown["rows"] if r["date_start"]]
    assert starts and starts == sorted(starts, reverse=True)
    facets = httpx.get(f"{datasette}/events.json", timeout=5).json()["facet_results"]
    assert {"event_type", "event_mode", "countries"} <= set(facets.get("results", facets))


def test_the_canned_queries_answer_on_the_shipped_release(built_release, db, datasette):
    assert len(QUERIES) >= 3
    partner = db.execute("select country from event_countries where country != 'TJK' "
                         "group by country order by count(*) desc limit 1").fetchone()[0]
    measure = db.execute("select measure from figures group by measure "
                         "order by count(*) desc limit 1").fetchone()[0]
    doc_id = db.execute("select doc_id from event_mentions limit 1").fetchone()[0]
    params = {"country": partner, "measure": measure, "doc_id": doc_id}
    for name in QUERIES:
        got = httpx.get(f"{datasette}/{name}.json", params={**params, "_shape": "array"},
                        timeout=5)
        assert got.status_code == 200 and got.json(), name


def test_documents_are_shown_by_their_title_never_none(built_release, db, datasette):
    page = httpx.get(f"{datasette}/event_mentions", timeout=5).text
    labels = [label for (label,) in db.execute("select label from documents")]
    assert all(labels) and any(label in page for label in labels)
    assert ">None<" not in page
