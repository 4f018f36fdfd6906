"""Consolidate: mentions into events (one row per real-world event, within and across
documents), and the actors and participants of those events."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import pyarrow as pa
from anyascii import anyascii

from flows.consolidate.across import event_sort_key, merge_across_documents
from flows.consolidate.event import Event, occasion
from flows.consolidate.within import events_of_document
from flows.extract.entities import Actor, load_actors
from flows.extract.morphology import CYRILLIC, nominative_name
from flows.ids import stable_id
from flows.records import Document, Mention, location_of


class DocumentDates(NamedTuple):
    """What consolidation needs of a document (a Document has it too)."""

    doc_id: str
    published_date: dt.date | None
    duplicate_of: str | None
    genre: str = "news"


def document_dates(documents: pa.Table) -> list[DocumentDates]:
    """What consolidation needs of each row of the documents table."""
    columns = [documents.column(c).to_pylist() for c in DocumentDates._fields]
    return [DocumentDates(*row) for row in zip(*columns, strict=True)]


def by_document(mentions: list[Mention]) -> dict[str, list[Mention]]:
    grouped: dict[str, list[Mention]] = {}
    for m in mentions:
        grouped.setdefault(m.doc_id, []).append(m)
    return grouped


def first_report(e: Event, story: dict[str, str]) -> tuple[str, int]:
    """The event's report that comes first by document id and place in it, of the original
    documents (a duplicate document added later changes nothing)."""
    originals = [m for m in e.mentions if m.doc_id not in story] or e.mentions
    first = min(originals, key=lambda m: (m.doc_id, m.char_start))
    return first.doc_id, first.char_start


def dated_by_report(e: Event, news_dates: dict[str, dt.date]) -> None:
    """Codebook, "dated by its report": an act a dated news report tells as news without a
    date of its own happened on or just before the report, and takes the publication date of
    its first report, with precision `report`. A planned act stays undated, as does one only a
    reference text tells (its history). Done after the event's id is made, which stays that of
    an undated event."""
    if e.date_start is not None or e.is_planned:
        return
    days = sorted(news_dates[m.doc_id] for m in e.mentions if m.doc_id in news_dates)
    if days:
        e.date_start = e.date_end = days[0]
        e.date_precision = "report"


def event_id(e: Event, story: dict[str, str]) -> str:
    """Stable id: the event's type, occasion, states, plan status and dates; an undated event,
    which has no date to tell it by, takes its first report instead. Documents that do not
    report the event never change its id."""
    anchor = (e.date_start, e.date_end) if e.date_start else first_report(e, story)
    return stable_id("evt", e.event_type, occasion(e.event_type, e.event_mode),
                     ",".join(sorted(e.countries)), e.is_planned, *anchor)


def consolidate(mentions_by_doc: dict[str, list[Mention]],
                docs: list[Document] | list[DocumentDates]) -> dict[str, list[dict]]:
    """Rows of the events, event_mentions, participants and actors tables."""
    reference = load_actors()
    per_doc = [e for doc_id in sorted(mentions_by_doc)
               for e in events_of_document(mentions_by_doc[doc_id])]
    published = {d.doc_id: d.published_date for d in docs}
    reports_of = {d.doc_id: d.published_date for d in docs
                  if d.genre == "news" and d.published_date is not None}
    story = {d.doc_id: d.duplicate_of for d in docs if d.duplicate_of}
    events = merge_across_documents(per_doc, published, story)
    event_rows, mention_rows, participant_rows = [], [], []
    actors: dict[str, Actor | dict] = {}
    used_ids: set[str] = set()
    for e in sorted(events, key=event_sort_key):
        eid = event_id(e, story)
        if eid in used_ids:  # another act alike in type, states and dates: told apart by its
            eid = stable_id("evt", eid, *first_report(e, story))  # first report, not a count
        used_ids.add(eid)
        dated_by_report(e, reports_of)
        docs_of = {m.doc_id for m in e.mentions}
        reports = {(m.doc_id, m.char_start, m.trigger) for m in e.mentions}
        event_rows.append({
            "event_id": eid, "event_type": e.event_type, "event_mode": e.event_mode,
            "date_start": e.date_start, "date_end": e.date_end,
            "date_precision": e.date_precision, "countries": sorted(e.countries),
            **location_of(e),
            "topics": sorted(e.topics), "is_planned": e.is_planned,
            "mentions": len(reports), "sources": len({story.get(d, d) for d in docs_of}),
        })
        seen_participants: set[str] = set()
        for m in sorted(e.mentions, key=lambda x: (x.doc_id, x.char_start, x.trigger)):
            mention_rows.append({
                "mention_id": stable_id("men", eid, m.doc_id, m.char_start, m.trigger),
                "event_id": eid, "doc_id": m.doc_id, "sentence_index": m.sentence_index,
                "char_start": m.char_start, "char_end": m.char_end, "evidence": m.evidence,
                "trigger": m.trigger,
            })
            for p in m.participants:
                if p.actor_id in seen_participants:
                    continue
                if p.kind == "state" and p.country not in e.countries:
                    continue
                seen_participants.add(p.actor_id)
                # "Tajik", "Таджикистана", "Dushanbe" standing for the state: the state's name
                name = reference[p.actor_id].canonical_name \
                    if p.kind == "state" and p.actor_id in reference else p.name
                participant_rows.append({"event_id": eid, "actor_id": p.actor_id,
                                         "name": name, "country": p.country, "role": p.role})
                if p.actor_id not in actors:
                    actors[p.actor_id] = reference.get(p.actor_id) or {
                        "actor_id": p.actor_id, "canonical_name": latin_name(p.name),
                        "kind": p.kind,
                        "country": p.country, "aliases": [], "wikidata_id": None}
    actor_rows = []
    for a in actors.values():
        if isinstance(a, Actor):
            actor_rows.append({"actor_id": a.actor_id, "canonical_name": a.canonical_name,
                               "kind": a.kind, "country": a.country,
                               "aliases": list(a.aliases), "wikidata_id": a.wikidata_id})
        else:
            actor_rows.append(a)
    # one mention row per (event, document, place): a sentence with two triggers of one
    # event counts once
    unique_mentions = {r["mention_id"]: r for r in mention_rows}
    return {
        "events": sorted(event_rows, key=lambda r: r["event_id"]),
        "event_mentions": sorted(unique_mentions.values(), key=lambda r: r["mention_id"]),
        "participants": sorted(participant_rows, key=lambda r: (r["event_id"], r["actor_id"])),
        "actors": sorted(actor_rows, key=lambda r: r["actor_id"]),
    }


def latin_name(name: str) -> str:
    """A name the dictionary does not hold, in Latin letters for its English canonical form
    and in the nominative ("Хироси Танакой" -> "Khirosi Tanaka"; a Latin name is kept with its
    accents)."""
    return anyascii(nominative_name(name)) if CYRILLIC.search(name) else name
