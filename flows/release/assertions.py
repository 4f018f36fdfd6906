"""Data assertions: what must hold of the release's rows beyond each column's own checks (as
PUDL and zavod test their outputs before publishing). Each names its table and rule and
returns the keys of the rows that break it; a release with any is not published.

The unit of every figure being one of the codebook's units is the `unit` column's enum in
`schemas/` (FIGURE_UNITS), checked with the schemas; foreign keys and row floors are checked
there too (`validate`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from flows.consolidate.across import MERGE_SPAN_DAYS
from schemas.resources import RESOURCES

Frames = dict[str, pd.DataFrame]
MAX_ROWS_SHOWN = 5


@dataclass(frozen=True)
class Assertion:
    table: str
    rule: str  # what must hold, said as a reader would check it
    failing: Callable[[Frames], pd.Series]  # a boolean mask over the table's rows


def _people(frames: Frames) -> list[str]:
    """Per event, the people taking part, as one sorted string (empty for none)."""
    p = frames["participants"]
    people: dict[str, list[str]] = {}
    for event_id, actor_id in zip(p["event_id"], p["actor_id"], strict=True):
        if actor_id.startswith("person:"):
            people.setdefault(event_id, []).append(actor_id)
    return [",".join(sorted(people.get(e, []))) for e in frames["events"]["event_id"]]


def _repeated_events(frames: Frames) -> pd.Series:
    """Events dated to a month or better alike in everything consolidation tells acts apart
    by: type, occasion, states, plan status, days and people. A vaguer date (a year) cannot
    tell two acts apart (two agreements of the same states in one year), nor can no date."""
    e = frames["events"]
    precise = ((e["date_end"] - e["date_start"]) <= pd.Timedelta(days=MERGE_SPAN_DAYS)) \
        & (e["date_precision"] != "report")  # two acts a report tells undated share its day
    key = pd.DataFrame({
        "type": e["event_type"], "mode": e["event_mode"].fillna(""),
        "countries": e["countries"].map(lambda c: ",".join(sorted(c))),
        "planned": e["is_planned"], "start": e["date_start"], "end": e["date_end"],
        "people": _people(frames)}, index=e.index)
    precise = precise.fillna(False).astype(bool)
    # among the precisely dated only: an act dated by its report may share its day with one
    # the text dates (two acts the consolidation rightly kept apart)
    return key[precise].duplicated(keep=False).reindex(e.index, fill_value=False)


def _located_outside(frames: Frames) -> pd.Series:
    """A visit located in a state that does not take part: the codebook has the host of a
    visit take part. A meeting or gathering may be held at a neutral venue (talks on the
    sidelines of a summit abroad), which explains a location outside its states."""
    e = frames["events"]
    inside = [c is None or pd.isna(c) or c in list(cs)
              for c, cs in zip(e["location_country"], e["countries"], strict=True)]
    return (e["event_mode"] == "visit").fillna(False) & ~pd.Series(inside, index=e.index)


def _news_left_undated(frames: Frames) -> pd.Series:
    """An event reported by a dated news document, not planned, yet undated: the codebook
    dates it by its report."""
    d = frames["documents"]
    dated_news = set(d["doc_id"][(d["genre"] == "news") & d["published_date"].notna()])
    m = frames["event_mentions"]
    reported = set(m["event_id"][m["doc_id"].isin(dated_news)])
    e = frames["events"]
    return e["date_start"].isna() & ~e["is_planned"].fillna(False).astype(bool) \
        & e["event_id"].isin(reported)


def _mention_counts_differ(frames: Frames) -> pd.Series:
    e = frames["events"]
    told = frames["event_mentions"].groupby("event_id").size()
    return e["mentions"] != e["event_id"].map(told).fillna(0).astype("int64")


def _span_is_not_evidence(table: str) -> Callable[[Frames], pd.Series]:
    def failing(frames: Frames) -> pd.Series:
        t = frames[table]
        return (t["char_end"] - t["char_start"]) != t["evidence"].str.len()
    return failing


def _value_outside_evidence(frames: Frames) -> pd.Series:
    f = frames["figures"]
    return ~((f["char_start"] <= f["value_start"]) & (f["value_start"] < f["value_end"])
             & (f["value_end"] <= f["char_end"])
             & ((f["value_end"] - f["value_start"]) == f["text_as_written"].str.len()))


def _orphan_actors(frames: Frames) -> pd.Series:
    return ~frames["actors"]["actor_id"].isin(set(frames["participants"]["actor_id"]))


ASSERTIONS: list[Assertion] = [
    Assertion("events", "date_start <= date_end",
              lambda f: (f["events"]["date_start"] > f["events"]["date_end"]).fillna(False)),
    Assertion("events", "date_start, date_end are both given or both empty, and date_precision "
              "is unknown exactly when they are empty",
              lambda f: (f["events"]["date_start"].isna() != f["events"]["date_end"].isna())
              | (f["events"]["date_start"].isna() != (f["events"]["date_precision"] == "unknown"))),
    Assertion("events", "an act a dated news document reports is dated, unless planned "
              "(by its report where the text gives no date)", _news_left_undated),
    Assertion("events", "a visit's location_country is one of its countries", _located_outside),
    Assertion("events", "location is written in Latin letters (English), never as a Cyrillic "
              "text wrote it",
              lambda f: f["events"]["location"].str.contains("[\u0400-\u04ff]", regex=True)
              .fillna(False).astype(bool)),
    Assertion("events", "a located event says whether it names a city or a state, and only "
              "a located one",
              lambda f: f["events"]["location"].isna() != f["events"]["location_precision"].isna()),
    Assertion("events", "no two events dated to a month or better alike in type, occasion, "
              "countries, plan status, dates and people", _repeated_events),
    Assertion("events", "mentions is the number of its event_mentions rows",
              _mention_counts_differ),
    Assertion("events", "sources <= mentions",
              lambda f: f["events"]["sources"] > f["events"]["mentions"]),
    Assertion("event_mentions", "char_end - char_start is the length of the evidence",
              _span_is_not_evidence("event_mentions")),
    Assertion("figures", "char_end - char_start is the length of the evidence",
              _span_is_not_evidence("figures")),
    Assertion("figures", "the figure as written lies inside its evidence sentence, "
              "value_end - value_start long", _value_outside_evidence),
    Assertion("figures", "value <= value_max where a range is given",
              lambda f: (f["figures"]["value"] > f["figures"]["value_max"]).fillna(False)),
    Assertion("documents", "text is published only where text_redistributable",
              lambda f: f["documents"]["text"].notna() & ~f["documents"]["text_redistributable"]),
    Assertion("actors", "every actor takes part in some event", _orphan_actors),
]


def row_ceilings(frames: Frames) -> list[str]:
    """Tables with more rows than their declared ceiling per row of another table (an
    extraction run wild: a hundred events from one article)."""
    problems = []
    for r in RESOURCES:
        if r.max_rows_per is None or r.name not in frames:
            continue
        other, factor = r.max_rows_per
        ceiling = factor * len(frames.get(other, ()))
        if len(frames[r.name]) > ceiling:
            problems.append(f"{r.name}: {len(frames[r.name])} rows, at most {factor:g} per "
                            f"{other} row ({ceiling:g}) expected")
    return problems


def failed_assertions(frames: Frames) -> list[str]:
    """A line per broken assertion: table, rule, how many rows and the first rows' keys."""
    keys = {r.name: r.primary_key for r in RESOURCES}
    problems = row_ceilings(frames)
    for a in ASSERTIONS:
        if a.table not in frames or len(frames[a.table]) == 0:
            continue
        try:
            mask = a.failing(frames).astype(bool)
        except KeyError:  # a table it reads is missing: `validate` has said so
            continue
        if mask.any():
            rows = frames[a.table].loc[mask, keys[a.table]]
            shown = [", ".join(str(v) for v in row) for row in rows.head(MAX_ROWS_SHOWN).itertuples(
                index=False)]
            problems.append(f"{a.table}: rule '{a.rule}' fails for {int(mask.sum())} row(s), "
                            f"e.g. {shown}")
    return problems
