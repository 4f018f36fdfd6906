"""The Prefect flow: raw folder in, validated data package out. Its body is the table of
contents of the pipeline, one line a stage; every stage is a pure function over a batch or
the corpus, wrapped in a thin task, so any runner (local threads, Dask) can call it. How the
stages run (argument hand-over, memory, logging) is in `flows.runtime` and `flows.batch`."""

from __future__ import annotations

import logging
from pathlib import Path

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext
from prefect.task_runners import ProcessPoolTaskRunner, ThreadPoolTaskRunner

from flows.batch import Corpus, gather, run_batch, screened_said
from flows.collect.run import collect, report_rows, write_collect_report
from flows.consolidate import by_document, consolidate, document_dates
from flows.deduplicate import find_duplicates
from flows.ingest import DEFAULT_MAX_BYTES
from flows.release.lock import release_lock
from flows.release.publish import row_counts
from flows.release.validate import check_release
from flows.runtime import Opaque, StageTimer, batch_workers, batches_of, use_system_allocator
from flows.runtime import with_dask as with_dask
from flows.stages import (
    BATCH_SIZE,
    Plan,
    apply_duplicates,
    batch_provenance,
    check_readable,
    corpus_tables,
    plan_build,
    publish_tables,
)

log = logging.getLogger("flows")


@task(name="survey", cache_policy=NO_CACHE)
def survey_task(raw: Path, output: Path, max_bytes: int, cache_dir: Path | None) -> Opaque:
    p = plan_build(raw, output, max_bytes, cache_dir)
    return Opaque(p, f"{len(p.raw.files)} files, build {p.fingerprint[:8]}"
                  + (f": {output} is that release already, whole" if p.published else ""))


@task(name="read_clean_extract", cache_policy=NO_CACHE)
def batch_task(raw: Path, rels: Opaque, provenance: Opaque, max_bytes: int,
               cache_dir: Path | None, screen: bool) -> Opaque:
    return Opaque(run_batch(raw, rels.value, provenance.value, max_bytes, cache_dir, screen))


def _results(futures: list) -> list:
    """The futures' results in order, each future let go once read: a worker's future holds
    its result pickled as well, which would double what the batches hand back."""
    results = []
    futures.reverse()
    while futures:
        results.append(futures.pop().result().value)
    return results


def read_clean_extract(plan: Opaque, batch_size: int, workers: int) -> Opaque:
    """Every batch through the per-document stages where it is read; what comes back is
    Arrow rows, mentions and signatures, not texts. The batches run on worker processes of
    their own (`batch_workers`), unless the flow was given a runner of its own (Dask)."""
    p: Plan = plan.value
    batches = [dict(raw=p.raw.folder, rels=Opaque(rels),
                    provenance=Opaque(batch_provenance(p.raw, rels)), max_bytes=p.raw.max_bytes,
                    cache_dir=p.cache_dir, screen=p.raw.screen)
               for rels in batches_of(p.raw.files, batch_size)]
    n = batch_workers(workers, len(batches))
    own_runner = not isinstance(FlowRunContext.get().task_runner, ThreadPoolTaskRunner)
    if n > 1 and not own_runner:
        with ProcessPoolTaskRunner(max_workers=n) as pool:
            results = _results([pool.submit(batch_task, b) for b in batches])
    else:
        results = _results([batch_task.submit(**b) for b in batches])
    log.info("%d batch(es) on %s", len(batches), "the flow's runner" if own_runner
             else f"{n} worker processes" if n > 1 else "the flow's process")
    corpus = gather(results)
    for r in corpus.rejects:
        log.info("rejected %s: %s (%s)", r.source_path, r.reason, r.detail)
    check_readable(corpus, p.raw.folder)
    if corpus.rejects:
        first = corpus.rejects[0]
        log.warning("%d file(s) could not be read and are listed in the rejects table (%s: %s"
                    "%s)", len(corpus.rejects), first.source_path, first.reason,
                    "; ..." if len(corpus.rejects) > 1 else "")
    return Opaque(corpus, f"{corpus.documents.num_rows} documents ({corpus.cached} from the "
                          f"cache), {len(corpus.rejects)} rejects, screened out: "
                          f"{screened_said(corpus.screened) or 'none'}; "
                          f"{len(corpus.mentions)} event mentions; "
                          f"batches peaked at {corpus.batch_peak_mb:.0f} MB a process; "
                          "summed over batches: " + ", ".join(
                              f"{k} {v:.2f}s" for k, v in corpus.seconds.items()))


@task(name="deduplicate", cache_policy=NO_CACHE)
def deduplicate_task(signatures: Opaque) -> Opaque:
    return Opaque(find_duplicates(signatures.value))


def deduplicate(corpus: Opaque) -> Opaque:
    """Duplicates found over the signatures (all a runner's worker needs to be sent), then
    marked on the documents, and the figures they repeat dropped."""
    c: Corpus = corpus.value
    c = apply_duplicates(c, deduplicate_task(Opaque(c.signatures)).value)
    return Opaque(c, f"{len(c.duplicates)} duplicates")


@task(name="consolidate", cache_policy=NO_CACHE)
def consolidate_task(mentions: Opaque, documents: Opaque) -> Opaque:
    return Opaque(consolidate(by_document(mentions.value), documents.value))


def consolidate_corpus(corpus: Opaque) -> Opaque:
    """Mentions into events, actors and participants (a worker is sent the mentions and
    each document's dates, not the documents), then every table of the release."""
    c: Corpus = corpus.value
    rows = consolidate_task(Opaque(c.mentions), Opaque(document_dates(c.documents))).value
    tables = corpus_tables(c, rows)
    return Opaque(tables, ", ".join(f"{k}={v.num_rows}" for k, v in sorted(tables.items())))


@task(name="validate", cache_policy=NO_CACHE)
def validate_task(tables: Opaque) -> Opaque:
    check_release(tables.value)
    return Opaque(None, "schemas, keys and data assertions hold")


@task(name="publish", cache_policy=NO_CACHE)
def publish_task(tables: Opaque, plan: Opaque, screened: dict[str, int]) -> Opaque:
    dp = publish_tables(tables.value, plan.value, screened)
    return Opaque(dp, f"{plan.value.output} version {dp['version']}")


def summary(version: str, rows: dict[str, int], timer: StageTimer) -> dict:
    """What a run returns: the release's version, its tables' row counts, the stage log."""
    return {"version": version, "rows": rows, "timings": timer.rows}


# The flow's own runner is one thread: the stages are pure Python, so more threads only take
# turns at the interpreter lock (20 batches at once ran 1.8x slower than one at a time). The
# batches run on worker processes instead (`read_clean_extract`), or on Dask (`with_dask`).
@flow(name="build-dataset", log_prints=False, persist_result=False,
      task_runner=ThreadPoolTaskRunner(max_workers=1))
def build(raw: Path = Path("raw"), output: Path = Path("output"),
          batch_size: int = BATCH_SIZE, max_bytes: int = DEFAULT_MAX_BYTES,
          cache_dir: Path | None = None, wait_seconds: float = 0, workers: int = 0) -> dict:
    """Read every file under `raw`, extract events and figures, validate, publish to `output`.

    With `cache_dir`, per-document work is cached by content, so that a re-run redoes only
    the documents that changed; and when neither the input nor the code has changed and the
    release in `output` is whole, nothing at all is redone. One build at a time writes a
    release folder: another waits up to `wait_seconds` for it, then gives up. The batches run
    on `workers` processes (0: as many as cores; 1: in the flow's process).
    """
    use_system_allocator()
    timer = StageTimer()
    with release_lock(Path(output), wait_seconds):
        plan = timer.after("survey", survey_task(Path(raw), Path(output), max_bytes,
                                                 Path(cache_dir) if cache_dir else None))
        if (published := plan.value.published):
            return summary(published["version"], row_counts(plan.value.output), timer)
        corpus = timer.after("read_clean_extract", read_clean_extract(plan, batch_size, workers))
        corpus = timer.after("deduplicate", deduplicate(corpus))
        tables = timer.after("consolidate", consolidate_corpus(corpus))
        timer.after("validate", validate_task(tables))
        package = timer.after("publish", publish_task(tables, plan, corpus.value.screened))
    return summary(package.value["version"], {k: v.num_rows for k, v in tables.value.items()},
                   timer)


@task(name="collect", cache_policy=NO_CACHE)
def collect_task(sources: Path, raw: Path) -> list[dict]:
    return report_rows(collect(sources, raw))


@flow(name="collect-news", log_prints=False, persist_result=False)
def collect_news(sources: Path = Path("sources"), raw: Path = Path("raw")) -> list[dict]:
    """Fetch what is new from every source described in `sources` into `raw`; one report
    row per source."""
    return collect_task(Path(sources), Path(raw))


@flow(name="collect-and-build", log_prints=False, persist_result=False)
def collect_and_build(sources: Path = Path("sources"), raw: Path = Path("raw"),
                      output: Path = Path("output"), cache_dir: Path | None = None) -> dict:
    """The scheduled run: collect what is new, then build the release from the raw folder
    alone (what could not be collected is in `output/collect_report.json`, not a failure)."""
    collected = collect_task(Path(sources), Path(raw))
    write_collect_report(Path(output), collected)
    return {**build(raw=raw, output=output, cache_dir=cache_dir), "collect": collected}
