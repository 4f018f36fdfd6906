"""The Prefect flow: raw folder in, validated data package out. Its body is the table of
contents of the pipeline, one line a stage; every stage is a pure function over a batch or
the corpus, wrapped in a thin task, so any runner (local threads, Dask) can call it. How the
stages run (argument hand-over, memory, logging) is in `flows.runtime` and `flows.batch`."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.task_runners import ThreadPoolTaskRunner

from flows.batch import Corpus, gather, run_batch
from flows.collect.run import collect, report_rows, write_collect_report
from flows.consolidate import by_document, consolidate, document_dates
from flows.deduplicate import find_duplicates, mark_duplicates, without_repeated_figures
from flows.ingest import DEFAULT_MAX_BYTES, RawInput, survey
from flows.release.descriptor import describe_sources
from flows.release.publish import current_release, publish, row_counts
from flows.release.tables import release_tables
from flows.release.validate import check_release
from flows.release.version import build_fingerprint
from flows.runtime import Opaque, StageTimer, return_freed_memory, slices, use_system_allocator
from flows.runtime import with_runner as with_runner

BATCH_SIZE = 500
log = logging.getLogger("flows")


@dataclass
class Plan:
    """What a run works from: its input surveyed, where it publishes, with what cache, the
    fingerprint of all that makes the release, and that release if `output` holds it whole."""

    raw: RawInput
    output: Path
    cache_dir: Path | None
    fingerprint: str
    published: dict | None


@task(name="survey", cache_policy=NO_CACHE)
def survey_task(raw: Path, output: Path, max_bytes: int, cache_dir: Path | None) -> Opaque:
    raw_input = survey(raw, max_bytes)
    fingerprint = build_fingerprint(raw_input.fingerprint)
    # without a cache the run redoes everything, as asked, even for a release already there
    published = current_release(output, fingerprint) if cache_dir is not None else None
    return Opaque(Plan(raw_input, output, cache_dir, fingerprint, published),
                  f"{len(raw_input.files)} files, build {fingerprint[:8]}"
                  + (f": {output} is that release already, whole" if published else ""))


@task(name="read_clean_extract", cache_policy=NO_CACHE)
def batch_task(raw: Path, rels: Opaque, provenance: Opaque, max_bytes: int,
               cache_dir: Path | None) -> Opaque:
    return Opaque(run_batch(raw, rels.value, provenance.value, max_bytes, cache_dir))


def read_clean_extract(plan: Opaque, batch_size: int) -> Opaque:
    """Every batch through the per-document stages where it is read; what comes back is
    Arrow rows, mentions and signatures, not texts."""
    p: Plan = plan.value
    futures = [batch_task.submit(p.raw.folder, Opaque(rels),
                                 Opaque({r: p.raw.provenance[r] for r in rels
                                         if r in p.raw.provenance}),
                                 p.raw.max_bytes, p.cache_dir)
               for rels in slices(p.raw.files, batch_size)]
    corpus = gather([f.result().value for f in futures])
    for r in corpus.rejects:
        log.warning("rejected %s: %s (%s)", r.source_path, r.reason, r.detail)
    return Opaque(corpus, f"{corpus.documents.num_rows} documents ({corpus.cached} from the "
                          f"cache), {len(corpus.rejects)} rejects, {len(corpus.mentions)} event "
                          "mentions; summed over batches: " + ", ".join(
                              f"{k} {v:.2f}s" for k, v in corpus.seconds.items()))


@task(name="deduplicate", cache_policy=NO_CACHE)
def deduplicate_task(signatures: Opaque) -> Opaque:
    return Opaque(find_duplicates(signatures.value))


def deduplicate(corpus: Opaque) -> Opaque:
    """Duplicates found over the signatures (all a runner's worker needs to be sent), then
    marked on the documents, and the figures they repeat dropped."""
    c: Corpus = corpus.value
    c.duplicates = deduplicate_task(Opaque(c.signatures)).value
    c.documents = mark_duplicates(c.documents, c.duplicates)
    c.figures = without_repeated_figures(c.figures, c.duplicates)
    return_freed_memory()  # what duplicate detection built (its LSH tables) goes back
    return Opaque(c, f"{len(c.duplicates)} duplicates")


@task(name="consolidate", cache_policy=NO_CACHE)
def consolidate_task(mentions: Opaque, documents: Opaque) -> Opaque:
    return Opaque(consolidate(by_document(mentions.value), documents.value))


def consolidate_corpus(corpus: Opaque) -> Opaque:
    """Mentions into events, actors and participants (a worker is sent the mentions and
    each document's dates, not the documents), then every table of the release."""
    c: Corpus = corpus.value
    rows = consolidate_task(Opaque(c.mentions), Opaque(document_dates(c.documents))).value
    c.mentions = []
    return_freed_memory()
    tables = release_tables(c.documents, c.figures, c.rejects, rows)
    return Opaque(tables, ", ".join(f"{k}={v.num_rows}" for k, v in sorted(tables.items())))


@task(name="validate", cache_policy=NO_CACHE)
def validate_task(tables: Opaque) -> Opaque:
    check_release(tables.value)
    return Opaque(None, "schemas, keys and data assertions hold")


@task(name="publish", cache_policy=NO_CACHE)
def publish_task(tables: Opaque, plan: Opaque) -> Opaque:
    p: Plan = plan.value
    dp = publish(tables.value, p.output, p.fingerprint,
                 describe_sources(tables.value["documents"], p.raw.sources), validated=True)
    return Opaque(dp, f"{p.output} version {dp['version']}")


def summary(version: str, rows: dict[str, int], timer: StageTimer) -> dict:
    """What a run returns: the release's version, its tables' row counts, the stage log."""
    return {"version": version, "rows": rows, "timings": timer.rows}


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
    use_system_allocator()
    timer = StageTimer()
    plan = timer.after("survey", survey_task(Path(raw), Path(output), max_bytes,
                                             Path(cache_dir) if cache_dir else None))
    if (published := plan.value.published):
        return summary(published["version"], row_counts(plan.value.output), timer)
    corpus = timer.after("read_clean_extract", read_clean_extract(plan, batch_size))
    corpus = timer.after("deduplicate", deduplicate(corpus))
    tables = timer.after("consolidate", consolidate_corpus(corpus))
    timer.after("validate", validate_task(tables))
    package = timer.after("publish", publish_task(tables, plan))
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
