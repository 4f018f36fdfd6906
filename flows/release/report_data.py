"""What the release report shows, as small data frames made from the published tables: events
over time by type, Tajikistan's partners by events, headline figures over time per partner,
the latest and the undated events with their evidence, the glossary of the types and modes
used, documents per language, the rejected files, and the row count of each table.

Every frame is sorted on all its columns' keys, so that the same tables give the same report
byte for byte.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pandas as pd
import pyarrow as pa

from flows.extract.entities import state_short_names
from flows.yaml_files import read_yaml
from schemas.resources import RESOURCES

HOME = "TJK"  # the state whose foreign relations the dataset follows
# the measures of money that flows between two states, as the codebook's figures name them
HEADLINE_MEASURES = ("trade_turnover", "exports", "imports", "investment", "aid", "grant", "loan")
HEADLINE_UNIT = "USD"  # one axis, one currency: the other currencies stay in the figures table
PARTNERS_SHOWN = 20
FIGURE_PARTNERS_SHOWN = 8
# a point per distinct figure, the latest first: a page, not the figures table
FIGURE_POINTS_SHOWN = 300
LATEST_EVENTS_SHOWN = 25
UNDATED_EVENTS_SHOWN = 50
# what the latest and the undated events are shown with
EVENT_COLUMNS = ["event_id", "event_type", "event_mode", "date_start", "date_precision",
                 "countries", "location", "mentions"]
GLOSSARY_FILE = Path(__file__).parent / "glossary.yaml"
# a release spanning more months than this is counted per year: monthly bars would be hairlines
MONTHS_BEFORE_YEARLY = 72

_PERIOD = re.compile(r"^(\d{4})(?:-(?:(\d{2})|H([12])|Q([1-4])))?")


def country_name(code: str | None) -> str:
    """The short English name of a state from its ISO 3166-1 alpha-3 code, as the actors table
    names it (the code itself for a code no state has)."""
    return state_short_names().get(code, code) if code else ""


def period_start(period: str | None) -> pd.Timestamp | None:
    """The first day of a figure's period (YYYY, YYYY-MM, YYYY-H2, YYYY-Q3, or a range's
    start), where a chart places it; None when the figure states no period."""
    match = _PERIOD.match(period) if isinstance(period, str) else None
    if not match:
        return None
    year, month, half, quarter = match.groups()
    first = int(month) if month else 6 * (int(half) - 1) + 1 if half else \
        3 * (int(quarter) - 1) + 1 if quarter else 1
    return pd.Timestamp(int(year), first, 1)


def _frame(table: pa.Table, columns: list[str]) -> pd.DataFrame:
    """Some columns of a table as plain Python objects (lists stay lists, missing is None)."""
    return pd.DataFrame({c: table.column(c).to_pylist() for c in columns})


def events_over_time(events: pa.Table) -> tuple[pd.DataFrame, str, int]:
    """Events counted per month (or per year over a long span) and type, the grain used, and
    how many events are left out (dated too coarsely for the grain, or not dated)."""
    frame = _frame(events, ["event_type", "date_start", "date_precision"])
    frame = frame[frame.date_start.notna()]
    starts = pd.to_datetime(frame.date_start)
    monthly = frame.date_precision.isin(["day", "report", "month"])
    span = (starts[monthly].max().to_period("M") - starts[monthly].min().to_period("M")).n \
        if monthly.any() else 0
    grain = "month" if monthly.any() and span <= MONTHS_BEFORE_YEARLY else "year"
    kept = monthly if grain == "month" else frame.date_precision.isin(
        ["day", "report", "month", "year"])
    when = starts[kept].dt.to_period("M" if grain == "month" else "Y").dt.start_time
    counts = (pd.DataFrame({"when": when, "event_type": frame.event_type[kept]})
              .value_counts().rename("events").reset_index()
              .sort_values(["when", "event_type"], ignore_index=True))
    counts["when"] = counts.when.dt.strftime("%Y-%m-%d")
    return counts, grain, events.num_rows - int(kept.sum())


def partners(events: pa.Table) -> pd.DataFrame:
    """Tajikistan's partner states by the number of events they share with it, most first."""
    frame = _frame(events, ["countries"])
    shared = [c for states in frame.countries if HOME in (states or []) for c in set(states)
              if c != HOME]
    counts = pd.Series(shared, dtype=object).value_counts().rename("events").reset_index()
    counts.columns = ["partner", "events"]
    counts["name"] = counts.partner.map(country_name)
    counts = counts.sort_values(["events", "name"], ascending=[False, True], ignore_index=True)
    return counts.head(PARTNERS_SHOWN)


def places(events: pa.Table) -> pd.DataFrame:
    """Where events happened: each place with its country, GeoNames id, coordinates (a city's)
    and number of events, most first."""
    cols = ["location", "location_country", "location_geonames_id", "location_precision",
            "latitude", "longitude"]
    frame = _frame(events, cols).dropna(subset=["location"])
    if frame.empty:
        return pd.DataFrame(columns=[*cols, "events", "country"])
    counts = frame.groupby(cols, dropna=False).size().rename("events").reset_index()
    counts["country"] = counts.location_country.map(country_name)
    return counts.sort_values(["events", "location"], ascending=[False, True], ignore_index=True)


FIGURE_COLUMNS = ["figure_id", "doc_id", "name", "measure", "when", "value", "kind", "href",
                  "period", "is_target", "text_as_written", "evidence", "title", "url"]


def headline_figures(figures: pa.Table, documents: pa.Table) -> pd.DataFrame:
    """Money figures (in US dollars) between Tajikistan and one partner, placed at the start of
    their period, or at their document's date when they state none: for the partners with the
    most such figures, one row per distinct figure (partner, measure, period, value, target or
    not), the latest ones, with the evidence and document of its first report."""
    docs = {d["doc_id"]: d for d in documents.select(
        ["doc_id", "title", "url", "published_date"]).to_pylist()}
    rows = []
    for f in figures.to_pylist():
        states = set(f["countries"] or [])
        if (f["measure"] not in HEADLINE_MEASURES or f["unit"] != HEADLINE_UNIT
                or not f["value"] > 0 or len(states) != 2 or HOME not in states):
            continue
        doc = docs.get(f["doc_id"], {})
        when = period_start(f["period"]) or (pd.Timestamp(doc["published_date"])
                                             if doc.get("published_date") else None)
        if when is None:
            continue
        (partner,) = states - {HOME}
        rows.append({**f, "partner": partner, "when": when.strftime("%Y-%m-%d"),
                     "href": f"#{f['figure_id']}", "title": doc.get("title"),
                     "url": doc.get("url"),
                     "kind": "target" if f["is_target"] else "achieved"})
    most = pd.Series([r["partner"] for r in rows], dtype=object).value_counts()
    top = set(sorted(most.index, key=lambda p: (-most[p], p))[:FIGURE_PARTNERS_SHOWN])
    # the same figure reported by several articles is one point, with its first report
    distinct: dict[tuple, dict] = {}
    for r in sorted(rows, key=lambda r: (r["doc_id"], r["value_start"])):
        if r["partner"] in top:
            key = (r["partner"], r["measure"], r["when"], r["value"], r["kind"])
            distinct.setdefault(key, {**r, "name": country_name(r["partner"])})
    latest = sorted(distinct.values(), key=lambda r: (r["when"], r["figure_id"]),
                    reverse=True)[:FIGURE_POINTS_SHOWN]
    frame = pd.DataFrame(latest, columns=FIGURE_COLUMNS)
    return frame.sort_values(["measure", "name", "when", "figure_id"], ignore_index=True)


DATE_FORMATS = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y",
                "report": "%Y-%m-%d (report)"}


def date_as_precise_as_known(start, precision: str) -> str:
    """A date written only as far as it is known: 2024-03-12, 2024-03 or 2024."""
    fmt = DATE_FORMATS.get(precision)
    return start.strftime(fmt) if start is not None and fmt else "undated"


def date_summary(events: pa.Table) -> dict:
    """How the events are dated: how many by their report and how many not at all, and the
    newest event's start date (None when none is dated)."""
    frame = _frame(events, ["date_start", "date_precision"])
    dated = frame.date_start.dropna()
    return {"by_report": int((frame.date_precision == "report").sum()),
            "undated": int(frame.date_start.isna().sum()),
            "newest": max(dated).isoformat() if len(dated) else None}


def latest_events(tables: dict[str, pa.Table]) -> pd.DataFrame:
    """The most recent dated events (the more precisely dated first on a tie), each with its
    participants and the first report's evidence sentence, document title and url."""
    events = _frame(tables["events"], EVENT_COLUMNS)
    events = events[events.date_start.notna()].copy()
    rank = {"day": 0, "report": 1, "month": 2, "year": 3}
    events["rank"] = events.date_precision.map(rank).fillna(4)
    events = events.sort_values(["date_start", "rank", "event_id"],
                                ascending=[False, True, True]).head(LATEST_EVENTS_SHOWN)
    return _with_evidence(events, tables)


def undated_events(tables: dict[str, pa.Table]) -> pd.DataFrame:
    """Events with no date (history and plans the text does not date, acts of undated
    texts), by type and id, each with its first report's evidence."""
    events = _frame(tables["events"], EVENT_COLUMNS)
    events = events[events.date_start.isna()].sort_values(["event_type", "event_id"])
    return _with_evidence(events.head(UNDATED_EVENTS_SHOWN), tables)


def _with_evidence(events: pd.DataFrame, tables: dict[str, pa.Table]) -> pd.DataFrame:
    """Events with their participants and the first report's evidence, document title and
    url, their date as precise as known and their states by name."""
    mentions = _frame(tables["event_mentions"], ["event_id", "doc_id", "char_start", "evidence"])
    first = (mentions[mentions.event_id.isin(events.event_id)]
             .sort_values(["event_id", "doc_id", "char_start"]).drop_duplicates("event_id"))
    docs = _frame(tables["documents"], ["doc_id", "title", "url"])
    people = _frame(tables["participants"], ["event_id", "actor_id", "name", "role"])
    people = people[people.event_id.isin(events.event_id)].sort_values(["event_id", "actor_id"])
    named: dict[str, list[str]] = {}
    for event_id, name, role in zip(people.event_id, people.name, people.role, strict=True):
        named.setdefault(event_id, []).append(name + (f" ({role})" if isinstance(role, str)
                                                      else ""))
    out = (events.merge(first, on="event_id", how="left")
           .merge(docs, on="doc_id", how="left"))
    out["participants"] = out.event_id.map(lambda e: "; ".join(named.get(e, [])))
    out["date"] = [date_as_precise_as_known(s, p) for s, p in
                   zip(out.date_start, out.date_precision, strict=True)]
    out["states"] = out.countries.map(lambda c: ", ".join(sorted(country_name(x) for x in c or [])))
    return out.fillna({"evidence": "", "title": "", "location": ""})


@cache
def _glossary() -> dict:
    return read_yaml(GLOSSARY_FILE)


def glossary(events: pa.Table) -> pd.DataFrame:
    """The event types, then the modes, the release uses, each with its meaning and events."""
    frame = _frame(events, ["event_type", "event_mode"])
    rows = []
    for kind, column in (("types", "event_type"), ("modes", "event_mode")):
        used = frame[column].dropna().value_counts()
        for code in sorted(used.index):
            rows.append({"kind": kind[:-1], "code": code, "events": int(used[code]),
                         "meaning": _glossary()[kind].get(code, "")})
    return pd.DataFrame(rows, columns=["kind", "code", "events", "meaning"])


def documents_by_language(documents: pa.Table) -> pd.DataFrame:
    """Documents per language, most first, and how many of them are duplicates."""
    frame = _frame(documents, ["language", "duplicate_of"])
    frame["language"] = frame.language.fillna("unknown")
    out = frame.groupby("language").agg(documents=("language", "size"),
                                        duplicates=("duplicate_of", "count")).reset_index()
    return out.sort_values(["documents", "language"], ascending=[False, True], ignore_index=True)


def rejects(table: pa.Table) -> pd.DataFrame:
    """The files that could not be read, with the reason, in path order."""
    return _frame(table, ["source_path", "reason", "detail"]).sort_values(
        "source_path", ignore_index=True)


def table_counts(tables: dict[str, pa.Table]) -> list[tuple[str, str, int]]:
    """(name, title, rows) of every published table, in the declared order."""
    return [(r.name, r.title, tables[r.name].num_rows) for r in RESOURCES]
