"""The Prefect flow: raw folder in, validated data package out. Its body is the table of
contents of the pipeline; every stage is a pure function over a batch of documents, wrapped
in a thin task, so any runner (local threads, Dask) can call it."""

from __future__ import annotations

import logging
import pickle
import time
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.task_runners import ThreadPoolTaskRunner

from flows import release
from flows.batch import CACHE_KIND, BatchResult, process_batch
from flows.cache import WorkCache
from flows.consolidate import DocumentDates, consolidate
from flows.deduplicate import find_duplicates, without_repeated_figures
from flows.ingest import (
    DEFAULT_MAX_BYTES,
    discover,
    load_provenance,
    load_sources,
    raw_fingerprint,
    read_batch,
)
from flows.memory import return_freed_memory, use_system_allocator
from flows.publish import current_release, publish, row_counts
from flows.records import Mention
from flows.tables import reject_rows, to_arrow
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


@task(name="read_clean_extract", cache_policy=NO_CACHE)
def batch_task(raw_dir: Path, rels: Opaque, provenance: Opaque, max_bytes: int,
               cache_dir: Path | None) -> Opaque:
    """Read a batch of files and take its documents through every per-document stage."""
    use_system_allocator()  # here too: a Dask worker is another process
    t = time.perf_counter()
    docs, rejects = read_batch(raw_dir, rels.value, provenance.value, max_bytes)
    read_seconds = time.perf_counter() - t
    result = process_batch(docs, rejects, WorkCache(cache_dir, CACHE_KIND))
    result.seconds["read"] = read_seconds
    del docs
    return_freed_memory()
    return Opaque(result)


@task(name="deduplicate", cache_policy=NO_CACHE)
def deduplicate_task(signatures: Opaque) -> dict[str, str]:
    return find_duplicates(signatures.value)


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
def publish_task(tables: Opaque, output: Path, fingerprint: str, sources: list[dict]) -> dict:
    return publish(tables.value, output, fingerprint, sources, validated=True)


def documents_table(parts: list[pa.Table], duplicates: dict[str, str]) -> pa.Table:
    """The batches' document rows as one table, in input order (the batches are slices of the
    sorted file list, so the order is the same whatever the batch size, and no copy of the
    texts is made to sort them), duplicates marked."""
    table = pa.concat_tables(parts)
    field_ = table.schema.field("duplicate_of")
    marked = pa.array([duplicates.get(i) for i in table.column("doc_id").to_pylist()], field_.type)
    return table.set_column(table.schema.get_field_index("duplicate_of"), field_, marked)


def document_dates(documents: pa.Table) -> list[DocumentDates]:
    """What consolidation needs of each document."""
    columns = [documents.column(c).to_pylist() for c in ("doc_id", "published_date", "duplicate_of")]
    return [DocumentDates(*row) for row in zip(*columns, strict=True)]


def describe_sources(documents: pa.Table, sources: list[dict]) -> list[dict]:
    """The data package's `sources`: each source of the manifest that documents come from,
    with how many, then the documents no source is declared for (not redistributable)."""
    counts: dict[str | None, int] = {}
    for source_id in documents.column("source_id").to_pylist():
        counts[source_id] = counts.get(source_id, 0) + 1
    out = []
    for s in sorted(sources, key=lambda s: str(s["id"])):
        if counts.get(s["id"]):
            out.append({"title": s.get("publisher") or s.get("note") or s["id"],
                        **({"path": s["url"]} if s.get("url") else {}),
                        "id": s["id"], "language": s.get("language"), "license": s.get("license"),
                        "redistributable": s["redistributable"],
                        "retrieved": str(s["retrieved"]) if s.get("retrieved") else None,
                        "documents": counts[s["id"]]})
    if counts.get(None):
        out.append({"title": "Documents with no source declared in the raw folder's manifest",
                    "redistributable": False, "documents": counts[None]})
    return out


# One thread runs the batches in a single process: the stages are pure Python, so more threads
# only take turns at the interpreter lock (20 batches at once ran 1.8x slower than one at a
# time). Processes scale: `with_runner` puts the batches on Dask workers.
@flow(name="build-dataset", log_prints=False, persist_result=False,
      task_runner=ThreadPoolTaskRunner(max_workers=1))
def build(raw: Path = Path("raw"), output: Path = Path("output"),
          batch_size: int = BATCH_SIZE, max_bytes: int = DEFAULT_MAX_BYTES,
          cache_dir: Path | None = None) -> dict:
    """Read every file under `raw`, extract events and figures, validate, publish to `output`.

    With `cache_dir`, per-document work is cached by content, so that a re-run redoes only
    the documents that changed; and when neither the input nor the code has changed and the
    release in `output` is whole, nothing at all is redone.
    """
    raw, output = Path(raw), Path(output)
    cache_dir = Path(cache_dir) if cache_dir else None
    use_system_allocator()
    timer = StageTimer()
    paths = discover(raw)
    provenance = load_provenance(raw)
    fingerprint = raw_fingerprint(raw, paths, max_bytes)
    version = release.version(fingerprint)
    timer.done("discover", f"{len(paths)} files: release {version}")
    if cache_dir is not None and (current := current_release(output, version)):
        timer.done("publish", f"{output} is release {version} already, whole: nothing to do")
        return {"version": current["version"], "rows": row_counts(output),
                "timings": timer.rows}

    # each batch goes through every per-document stage where it is read; what comes back is
    # Arrow rows, mentions and signatures, not texts
    futures = [batch_task.submit(raw, Opaque(b), Opaque(provenance), max_bytes, cache_dir)
               for b in batches(paths, batch_size)]
    results: list[BatchResult] = [f.result().value for f in futures]
    rejects = [r for b in results for r in b.rejects]
    for r in rejects:
        log.warning("rejected %s: %s (%s)", r.source_path, r.reason, r.detail)
    mentions = []
    for b in results:  # unpickled a batch at a time, each batch's bytes let go at once
        mentions += pickle.loads(b.mentions)
        b.mentions = b""
    timer.done("read_clean_extract",
               f"{sum(b.documents.num_rows for b in results)} documents "
               f"({sum(b.cached for b in results)} from the cache), {len(rejects)} rejects, "
               f"{len(mentions)} event mentions")
    log.info("%-12s %s (summed over batches)", "  of which", ", ".join(
        f"{k} {sum(b.seconds.get(k, 0.0) for b in results):.2f}s"
        for k in ("read", "clean", "extract", "cache_and_rows")))

    duplicates = deduplicate_task(Opaque([s for b in results for s in b.signatures]))
    documents = documents_table([b.documents for b in results], duplicates)
    figures = without_repeated_figures(pa.concat_tables([b.figures for b in results]), duplicates)
    del results, futures  # the batches' rows now live in the tables only
    return_freed_memory()  # what duplicate detection built (its LSH tables) goes back
    timer.done("deduplicate", f"{len(duplicates)} duplicates")

    rows = consolidate_task(Opaque(mentions), Opaque(document_dates(documents)))
    del mentions
    return_freed_memory()
    timer.done("consolidate", f"{len(rows['events'])} events, {len(rows['actors'])} actors")

    tables = {
        "documents": documents,
        "figures": figures,
        "rejects": to_arrow("rejects", reject_rows(rejects)),
        **{name: to_arrow(name, rows.pop(name)) for name in list(rows)},
    }
    validate_task(Opaque(tables))
    timer.done("validate", ", ".join(f"{k}={v.num_rows}" for k, v in sorted(tables.items())))

    package = publish_task(Opaque(tables), output, fingerprint,
                           describe_sources(documents, load_sources(raw)))
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
