"""What a release says of itself: its Data Package (v2) descriptor, with each source credited,
and its CITATION.cff."""

from __future__ import annotations

import pyarrow as pa
import yaml

from flows.release import metadata
from flows.release.database import DATABASE_FILE, METADATA_FILE
from flows.release.report import REPORT_FILE
from flows.release.version import created, version
from schemas.generate import table_schema
from schemas.resources import RESOURCES

PARQUET_MEDIATYPE = "application/vnd.apache.parquet"


def describe_sources(documents: pa.Table, sources: list[dict]) -> list[dict]:
    """The data package's `sources`: each source of the manifest that documents come from,
    with how many, then the documents no source is declared for (not redistributable)."""
    counts: dict[str | None, int] = {}
    for source_id in documents.column("source_id").to_pylist():
        counts[source_id] = counts.get(source_id, 0) + 1
    out = []
    for s in sorted(sources, key=lambda s: str(s["id"])):
        if counts.get(s["id"]):
            out.append({"title": s.get("publisher") or f"{s['id']}: {s.get('note') or ''}",
                        **({"path": s["url"]} if s.get("url") else {}),
                        "id": s["id"], "publisher": s.get("publisher"),
                        "language": s.get("language"), "license": s.get("license"),
                        "redistributable": s["redistributable"],
                        "retrieved": str(s["retrieved"]) if s.get("retrieved") else None,
                        "documents": counts[s["id"]]})
    if counts.get(None):
        out.append({"title": "Documents with no source declared in the raw folder's manifest",
                    "redistributable": False, "documents": counts[None]})
    return out


def _facts(files: dict[str, tuple[int, str]], path: str) -> dict:
    """A published file's size and hash, as the descriptor gives them."""
    size, digest = files[path]
    return {"bytes": size, "hash": f"sha256:{digest}"}


def _resources(files: dict[str, tuple[int, str]]) -> list[dict]:
    resources = []
    for r in RESOURCES:
        resources.append({"name": r.name, "type": "table", "path": f"{r.name}.csv",
                          "title": r.title, "description": r.description, "format": "csv",
                          "mediatype": "text/csv", "encoding": "utf-8",
                          "schema": table_schema(r), **_facts(files, f"{r.name}.csv")})
        # frictionless cannot read Parquet list columns: the Parquet copy is described as a
        # file (bytes and hash checked); its Arrow schema, with every column's description,
        # is inside the file, and Pandera validates it before publishing
        resources.append({"name": f"{r.name}-parquet", "type": "file",
                          "path": f"{r.name}.parquet", "title": f"{r.title} (Parquet)",
                          "description": f"{r.description} Same columns as the CSV resource "
                                         f"'{r.name}', with lists as Arrow lists.",
                          "format": "parquet", "mediatype": PARQUET_MEDIATYPE,
                          **_facts(files, f"{r.name}.parquet")})
    for name, path, title, description, fmt, mediatype in (
            ("database", DATABASE_FILE, "The release as a SQLite database",
             "Every table, with primary and foreign keys, indexes on the columns people filter "
             "by, full-text search (tables *_fts), list columns as JSON arrays and as link "
             "tables (event_countries, figure_countries), and the views events_with_evidence "
             "and figures_with_documents. Browse it with `datasette " + DATABASE_FILE
             + " -m " + METADATA_FILE + "`.", "sqlite", "application/vnd.sqlite3"),
            ("datasette-metadata", METADATA_FILE, "Datasette metadata",
             "Titles, descriptions and licence of the database, its tables, views and "
             "columns, for Datasette.", "json", "application/json"),
            ("report", REPORT_FILE, "The release at a glance",
             "One self-contained page (no script, no network): events per month by type, "
             "Tajikistan's partners by number of events, trade, investment and aid over time "
             "per partner with each point linked to its evidence, the latest events with "
             "their evidence, and the rows of each table.", "html", "text/html")):
        resources.append({"name": name, "type": "file", "path": path, "title": title,
                          "description": description, "format": fmt, "mediatype": mediatype,
                          **_facts(files, path)})
    return resources


SCREENED_DESCRIPTION = (
    "Documents read but not published, by reason: not_relevant, a text naming none of the "
    "region's states, cities, leaders or organisations (the relevance gate); not_a_page, a "
    "web archive's response that is no HTML or text page (an image, a redirect, an error).")


def descriptor(files: dict[str, tuple[int, str]], fingerprint: str, documents: pa.Table,
               sources: list[dict], screened: dict[str, int] | None = None) -> dict:
    """The Data Package (v2) descriptor of the files about to be published; `fingerprint`
    (what made the release) lets a re-run see that there is nothing to redo; `screened`
    counts what was read and set aside, by reason (no rows of it are published)."""
    return {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": metadata.NAME,
        "title": metadata.TITLE,
        "description": metadata.DESCRIPTION,
        "version": version(fingerprint, documents),
        "created": created(documents),
        "fingerprint": f"sha256:{fingerprint}",
        "keywords": metadata.KEYWORDS,
        "licenses": metadata.LICENSES,
        "contributors": metadata.CONTRIBUTORS,
        "sources": sources,
        "screened": {"description": SCREENED_DESCRIPTION, **(screened or {})},
        "resources": _resources(files),
    }


def _reference(source: dict) -> dict:
    """A CFF reference crediting one source of the texts (its publisher as author)."""
    ref = {"type": "website" if source.get("path") else "generic",
           "title": source["title"],
           "authors": [{"name": source.get("publisher") or "Publishers not named"}]}
    if source.get("path"):
        ref["url"] = source["path"]
    if source.get("retrieved"):
        ref["date-accessed"] = source["retrieved"]
    licence = (source.get("license") or "none declared").rstrip(".")
    ref["notes"] = (f"{source['documents']} document(s); licence: {licence}; "
                    + ("text republished in the release." if source["redistributable"]
                       else "text not republished (url, title, hash, offsets and quoted "
                            "evidence sentences only)."))
    return ref


def citation(dp: dict) -> str:
    """CITATION.cff of a release: the dataset by its contributors, each source credited."""
    cff = {
        "cff-version": "1.2.0",
        "message": "If you use this dataset, please cite it as below, with its version; the "
                   "texts it is read from belong to the publishers listed in references.",
        "type": "dataset",
        "title": dp["title"],
        "abstract": dp["description"],
        "version": dp["version"],
        "date-released": dp["created"][:10],
        "license": dp["licenses"][0]["name"],
        "authors": [{"name": metadata.AUTHOR}],
        "keywords": dp["keywords"],
        "references": [_reference(s) for s in dp["sources"]],
    }
    return yaml.safe_dump(cff, allow_unicode=True, sort_keys=False, width=100)
