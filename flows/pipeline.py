"""The Prefect flow: raw folder in, validated data package out. Its body is the table of
contents of the pipeline; every stage is a pure function over a batch of documents, wrapped
in a thin task, so any runner (local threads, Dask) can call it."""

from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from flows.cache import WorkCache, document_key
from flows.clean import clean_batch
from flows.consolidate import consolidate
from flows.deduplicate import (
    Signature,
    drop_repeated_paragraphs,
    find_duplicates,
    mark_duplicates,
    signature,
)
from flows.events import extract_document
from flows.ingest import DEFAULT_MAX_BYTES, discover, load_provenance, read_batch
from flows.publish import publish
from flows.records import Document, Figure, Mention, Reject
from flows.tables import document_rows, figure_rows, reject_rows, to_arrow
from flows.validate import check_release

BATCH_SIZE = 500
log = logging.getLogger("flows")


@dataclass
class StageTimer:
    """Counts and wall time per stage, logged as the flow goes."""

    rows: list[tuple[str, float, str]] = field(default_factory=list)
    _t: float = field(default_factory=time.perf_counter)

    def done(self, stage: str, counts: str) -> None:
        now = time.perf_counter()
        self.rows.append((stage, now - self._t, counts))
        log.info("%-12s %7.2fs  %s", stage, now - self._t, counts)
        self._t = now


class Opaque:
    """A task argument handed over as is. Prefect walks lists, dicts and dataclasses in task
    arguments looking for futures (seconds for 10k records); its own `quote` is a tuple, which
    Dask then unpacks. A plain object is neither walked nor unpacked."""

    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value

    def __getstate__(self):
        return self.value

    def __setstate__(self, value):
        self.value = value


def batches(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]


@dataclass
class CleanBatch:
    """A cleaned batch: it stays where it was made (a Dask worker) until extraction."""

    docs: list[Document]
    signatures: list[Signature]
    keys: dict[str, str]  # doc_id -> cache key
    rejects: list[Reject]


@task(name="ingest", cache_policy=NO_CACHE)
def ingest_task(raw_dir: Path, rels: Opaque, provenance: Opaque, max_bytes: int) -> Opaque:
    return Opaque(read_batch(raw_dir, rels.value, provenance.value, max_bytes))


@task(name="clean", cache_policy=NO_CACHE)
def clean_task(read: Opaque, cache_dir: Path | None) -> Opaque:
    """Clean a batch (reusing cached work): its docs, their signatures and cache keys."""
    docs, rejects = read.value
    cache = WorkCache(cache_dir, "clean")
    keys = {d.doc_id: document_key(d) for d in docs}
    hits = cache.get_many(list(keys.values()))
    todo = [d for d in docs if keys[d.doc_id] not in hits]
    fresh = [drop_repeated_paragraphs(d) for d in clean_batch(todo)]
    done = {keys[d.doc_id]: (d, signature(d)) for d in fresh}
    cache.put_many(done.items())
    done.update(hits)
    cleaned = [done[keys[d.doc_id]] for d in docs]
    return Opaque(CleanBatch([c for c, _ in cleaned], [s for _, s in cleaned], keys, rejects))


@task(name="summarise", cache_policy=NO_CACHE)
def summary_task(batch: Opaque) -> tuple[list[Signature], list[Reject], int]:
    """What the flow needs of a cleaned batch to find duplicates: not the texts."""
    b: CleanBatch = batch.value
    return b.signatures, b.rejects, len(b.docs)


@task(name="deduplicate", cache_policy=NO_CACHE)
def deduplicate_task(signatures: Opaque) -> dict[str, str]:
    return find_duplicates(signatures.value)


@task(name="extract", cache_policy=NO_CACHE)
def extract_task(batch: Opaque, duplicates: Opaque,
                 cache_dir: Path | None) -> tuple[list[Document], list[Mention], list[Figure]]:
    """Extract a batch (reusing cached work). A duplicate is a report too: its mentions join
    the events of the document it repeats."""
    b: CleanBatch = batch.value
    cache = WorkCache(cache_dir, "extract")
    docs = mark_duplicates(b.docs, duplicates.value)
    hits = cache.get_many([b.keys[d.doc_id] for d in docs])
    fresh = {b.keys[d.doc_id]: extract_document(d) for d in docs if b.keys[d.doc_id] not in hits}
    cache.put_many(fresh.items())
    results = {**hits, **fresh}
    mentions = [m for d in docs for m in results[b.keys[d.doc_id]][0]]
    figures = [f for d in docs for f in results[b.keys[d.doc_id]][1]]
    return docs, mentions, figures


@task(name="consolidate", cache_policy=NO_CACHE)
def consolidate_task(mentions: Opaque, docs: Opaque) -> dict[str, list[dict]]:
    by_doc: dict[str, list[Mention]] = {}
    for m in mentions.value:
        by_doc.setdefault(m.doc_id, []).append(m)
    return consolidate(by_doc, docs.value)


@task(name="validate", cache_policy=NO_CACHE)
def validate_task(tables: Opaque) -> None:
    check_release(tables.value)


@task(name="publish", cache_policy=NO_CACHE)
def publish_task(tables: Opaque, output: Path, input_hash: str, sources: list[dict]) -> dict:
    return publish(tables.value, output, input_hash, sources)


def input_hash(docs: list[Document], rejects: list[Reject]) -> str:
    h = hashlib.sha256()
    for path, digest in sorted([(d.source_path, d.content_sha256) for d in docs]
                               + [(r.source_path, r.reason) for r in rejects]):
        h.update(f"{path}\x1f{digest}\n".encode())
    return h.hexdigest()


def describe_sources(docs: list[Document]) -> list[dict]:
    by_publisher: dict[tuple, int] = {}
    for d in docs:
        key = (d.publisher or "Unattributed news text", d.license)
        by_publisher[key] = by_publisher.get(key, 0) + 1
    return [{"title": f"{pub} ({n} document{'s' if n != 1 else ''})",
             **({"license": lic} if lic else {})}
            for (pub, lic), n in sorted(by_publisher.items(), key=lambda kv: (kv[0][0], kv[0][1] or ""))]


@flow(name="build-dataset", log_prints=False, persist_result=False)
def build(raw: Path = Path("raw"), output: Path = Path("output"),
          batch_size: int = BATCH_SIZE, max_bytes: int = DEFAULT_MAX_BYTES,
          cache_dir: Path | None = None) -> dict:
    """Read every file under `raw`, extract events and figures, validate, publish to `output`.

    With `cache_dir`, per-document cleaning and extraction are cached by content, so that a
    re-run on unchanged input redoes neither.
    """
    raw, output = Path(raw), Path(output)
    cache_dir = Path(cache_dir) if cache_dir else None
    timer = StageTimer()
    paths = discover(raw)
    provenance = load_provenance(raw)
    timer.done("discover", f"{len(paths)} files")

    # batches stay where they are made: only signatures and rejects come back before extraction
    read = [ingest_task.submit(raw, Opaque(b), Opaque(provenance), max_bytes)
            for b in batches(paths, batch_size)]
    cleaned = [clean_task.submit(r, cache_dir) for r in read]
    summaries = [s.result() for s in [summary_task.submit(c) for c in cleaned]]
    rejects = [x for _, rej, _ in summaries for x in rej]
    for r in rejects:
        log.warning("rejected %s: %s (%s)", r.source_path, r.reason, r.detail)
    timer.done("ingest_clean", f"{sum(n for _, _, n in summaries)} documents cleaned, "
                               f"{len(rejects)} rejects")

    duplicates = deduplicate_task(Opaque([s for sigs, _, _ in summaries for s in sigs]))
    timer.done("deduplicate", f"{len(duplicates)} duplicates")

    extracted = [extract_task.submit(c, Opaque(duplicates), cache_dir) for c in cleaned]
    extracted = [e.result() for e in extracted]
    docs = [d for ds, _, _ in extracted for d in ds]
    mentions = [m for _, ms, _ in extracted for m in ms]
    figures = [f for _, _, fs in extracted for f in fs]
    timer.done("extract", f"{len(mentions)} event mentions, {len(figures)} figures")

    rows = consolidate_task(Opaque(mentions), Opaque(docs))
    timer.done("consolidate", f"{len(rows['events'])} events, {len(rows['actors'])} actors")

    tables = {
        "documents": to_arrow("documents", document_rows(docs)),
        "figures": to_arrow("figures", figure_rows(figures)),
        "rejects": to_arrow("rejects", reject_rows(rejects)),
        **{name: to_arrow(name, r) for name, r in rows.items()},
    }
    validate_task(Opaque(tables))
    timer.done("validate", ", ".join(f"{k}={v.num_rows}" for k, v in sorted(tables.items())))

    package = publish_task(Opaque(tables), output, input_hash(docs, rejects),
                           describe_sources(docs))
    timer.done("publish", f"{output} version {package['version']}")
    return {"version": package["version"], "rows": {k: v.num_rows for k, v in tables.items()},
            "timings": timer.rows}


def with_runner(flow_, workers: int = 0, dask_address: str | None = None):
    """The flow on a Dask task runner (local processes, or an existing scheduler), or as is.

    Results are identical either way: every stage is a pure function of its batch, and the
    flow gathers batch results in submission order.
    """
    if not workers and not dask_address:
        return flow_
    from prefect_dask import DaskTaskRunner

    if dask_address:
        runner = DaskTaskRunner(address=dask_address)
    else:
        runner = DaskTaskRunner(cluster_kwargs={"n_workers": workers, "threads_per_worker": 1,
                                                "processes": True, "dashboard_address": None})
    return flow_.with_options(task_runner=runner)
