"""The corpus-wide steps of a build as plain functions of their inputs.

The Prefect flow (`flows.pipeline`) wraps each in a task, and `build_tables` runs the same
functions one after another in this process, without Prefect: what the tests and the
property-based checks call, and what any other runner can call.

A build refuses, with a `BuildRefused` that says what to do, an input it can make nothing
of: a raw folder with no file, or with no file that could be read as a document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from flows.batch import Corpus, gather, run_batch, screened_said
from flows.consolidate import by_document, consolidate, document_dates
from flows.deduplicate import find_duplicates, mark_duplicates, without_repeated_figures
from flows.ingest import DEFAULT_MAX_BYTES, RawInput, survey
from flows.release.descriptor import describe_sources
from flows.release.lock import release_lock
from flows.release.publish import current_release, publish
from flows.release.tables import release_tables
from flows.release.validate import check_release
from flows.release.version import build_fingerprint
from flows.runtime import batches_of, return_freed_memory

BATCH_SIZE = 500
REJECTS_NAMED = 3


class BuildRefused(Exception):
    """The input gives nothing to publish; the message says what and what to do."""


@dataclass
class Plan:
    """What a run works from: its input surveyed, where it publishes, with what cache, the
    fingerprint of all that makes the release, and that release if `output` holds it whole."""

    raw: RawInput
    output: Path
    cache_dir: Path | None
    fingerprint: str
    published: dict | None
    screened: dict[str, int] = field(default_factory=dict)  # set aside by the batches


def plan_build(raw: Path, output: Path, max_bytes: int, cache_dir: Path | None) -> Plan:
    """Survey the input; refuse a raw folder without a file to read."""
    raw_input = survey(raw, max_bytes)
    if not raw_input.files:
        raise BuildRefused(f"the raw folder {raw} holds no file to read; put news texts "
                           "(.txt, .html, .json, .jsonl) in it, or collect some first")
    fingerprint = build_fingerprint(raw_input.fingerprint)
    # without a cache the run redoes everything, as asked, even for a release already there
    published = current_release(output, fingerprint) if cache_dir is not None else None
    return Plan(raw_input, output, cache_dir, fingerprint, published)


def batch_provenance(raw_input: RawInput, rels: list[str]) -> dict[str, dict]:
    """The provenance records of a batch's files (all a batch is sent of the manifest)."""
    return {r: raw_input.provenance[r] for r in rels if r in raw_input.provenance}


def check_readable(corpus: Corpus, raw: Path) -> None:
    """Refuse a corpus of which no file could be read as a document."""
    if corpus.documents.num_rows:
        return
    if corpus.screened:
        raise BuildRefused(
            f"no document in {raw} is about the region: every one read was screened out "
            f"({screened_said(corpus.screened)}; see flows/reference/relevance.yaml)")
    named = "; ".join(f"{r.source_path}: {r.reason}" for r in corpus.rejects[:REJECTS_NAMED])
    more = len(corpus.rejects) - REJECTS_NAMED
    raise BuildRefused(
        f"none of the {len(corpus.rejects)} file(s) in {raw} could be read as a document "
        f"({named}{f'; and {more} more' if more > 0 else ''}); add readable texts "
        "(UTF-8 or another common encoding, .txt/.html/.json/.jsonl)")


def apply_duplicates(corpus: Corpus, duplicates: dict[str, str]) -> Corpus:
    """Duplicates marked on the documents, and the figures they repeat dropped."""
    corpus.duplicates = duplicates
    corpus.documents = mark_duplicates(corpus.documents, duplicates)
    corpus.figures = without_repeated_figures(corpus.figures, duplicates)
    return_freed_memory()  # what duplicate detection built (its LSH tables) goes back
    return corpus


def corpus_tables(corpus: Corpus, rows: dict[str, list[dict]]) -> dict[str, pa.Table]:
    """Every table of the release, from the corpus and its consolidated rows."""
    corpus.mentions = []
    return_freed_memory()
    return release_tables(corpus.documents, corpus.figures, corpus.rejects, rows)


def publish_tables(tables: dict[str, pa.Table], plan: Plan,
                   screened: dict[str, int] | None = None) -> dict:
    """Publish validated tables into the plan's output folder; the descriptor."""
    return publish(tables, plan.output, plan.fingerprint,
                   describe_sources(tables["documents"], plan.raw.sources), validated=True,
                   screened=screened)


def build_tables(raw: Path, max_bytes: int = DEFAULT_MAX_BYTES, cache_dir: Path | None = None,
                 batch_size: int = BATCH_SIZE, output: Path = Path("output")
                 ) -> tuple[Plan, dict[str, pa.Table]]:
    """Every stage up to validation, in this process: the plan (to publish into `output`)
    and the validated tables."""
    plan = plan_build(Path(raw), Path(output), max_bytes, None)
    corpus = gather([run_batch(plan.raw.folder, rels, batch_provenance(plan.raw, rels),
                               max_bytes, cache_dir, plan.raw.screen)
                     for rels in batches_of(plan.raw.files, batch_size)])
    check_readable(corpus, plan.raw.folder)
    corpus = apply_duplicates(corpus, find_duplicates(corpus.signatures))
    tables = corpus_tables(corpus, consolidate(by_document(corpus.mentions),
                                               document_dates(corpus.documents)))
    check_release(tables)
    plan.screened = corpus.screened
    return plan, tables


def build_release(raw: Path, output: Path, max_bytes: int = DEFAULT_MAX_BYTES,
                  cache_dir: Path | None = None, batch_size: int = BATCH_SIZE,
                  wait_seconds: float = 0) -> dict:
    """`build_tables`, then publish into `output` (holding its lock); the descriptor."""
    with release_lock(Path(output), wait_seconds):
        plan, tables = build_tables(raw, max_bytes, cache_dir, batch_size, output)
        return publish_tables(tables, plan, plan.screened)
