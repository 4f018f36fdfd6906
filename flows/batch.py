"""One batch of documents through the per-document stages: clean, sign for duplicate
detection, extract; reusing cached work.

No per-document stage needs another document (duplicates are marked afterwards, over the
signatures of all), so a batch goes through all of them where it was read and hands back only
what the later, corpus-wide stages need: its document rows and figure rows as Arrow tables,
its event mentions, and its signatures. The texts never travel or wait as Python objects.
"""

from __future__ import annotations

import pickle
import resource
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from flows.cache import WorkCache, document_key
from flows.clean import clean_batch
from flows.deduplicate import Signature, drop_repeated_paragraphs, signature
from flows.extract import extract_document
from flows.ingest import read_batch
from flows.records import Document, Figure, Mention, Reject
from flows.release.tables import document_rows, figure_rows, to_arrow
from flows.runtime import return_freed_memory, use_system_allocator
from flows.screen import relevant
from flows.warc import Screened

CACHE_KIND = "document"


@dataclass
class DocumentWork:
    """Everything the per-document stages make of one raw document (what the cache keeps)."""

    document: Document  # cleaned
    signature: Signature
    mentions: list[Mention]
    figures: list[Figure]


@dataclass
class BatchResult:
    documents: pa.Table  # rows of the documents table, duplicate_of not yet known
    figures: pa.Table
    mentions: bytes  # pickled: one block each, rather than objects scattered over the heap
    signatures: list[Signature]
    rejects: list[Reject]
    seconds: dict[str, float] = field(default_factory=dict)  # per stage, for the log
    cached: int = 0
    screened: dict[str, int] = field(default_factory=dict)  # documents set aside, by reason
    peak_mb: float = 0.0  # the peak resident memory of the process that ran it, so far


def process_batch(docs: list[Document], rejects: list[Reject],
                  cache: WorkCache) -> BatchResult:
    """Clean, sign and extract the documents of a batch, but those whose work is cached.

    Its mentions wait pickled for consolidation: held as objects, a 100k-document build's
    mentions pinned the heap's pages between the batches' passing allocations (measured: 11
    KB a document resident for 6 KB of objects)."""
    t0 = time.perf_counter()
    keys = [document_key(d) for d in docs]
    hits = cache.get_many(keys)
    todo = [(d, k) for d, k in zip(docs, keys, strict=True) if k not in hits]
    t1 = time.perf_counter()
    cleaned = [drop_repeated_paragraphs(d) for d in clean_batch([d for d, _ in todo])]
    signatures = [signature(d) for d in cleaned]
    t2 = time.perf_counter()
    fresh = [DocumentWork(d, s, *extract_document(d))
             for d, s in zip(cleaned, signatures, strict=True)]
    t3 = time.perf_counter()
    done = {k: w for (_, k), w in zip(todo, fresh, strict=True)}
    cache.put_many(done.items())
    done.update(hits)
    work = [done[k] for k in keys]
    result = BatchResult(
        documents=to_arrow("documents", document_rows([w.document for w in work])),
        figures=to_arrow("figures", figure_rows([f for w in work for f in w.figures])),
        mentions=pickle.dumps([m for w in work for m in w.mentions], pickle.HIGHEST_PROTOCOL),
        signatures=[w.signature for w in work],
        rejects=rejects,
        cached=len(hits),
    )
    t4 = time.perf_counter()
    result.seconds = {"clean": t2 - t1, "extract": t3 - t2, "cache_and_rows": t1 - t0 + t4 - t3}
    return result


def run_batch(raw_dir: Path, rels: list[str], provenance: dict[str, dict], max_bytes: int,
              cache_dir: Path | None, screen: bool = False) -> BatchResult:
    """Read a batch of files and take its documents through every per-document stage, where
    it runs (a thread, or a Dask worker process: hence the allocator set here too); with
    `screen`, documents naming nothing of the region are set aside first."""
    use_system_allocator()
    t = time.perf_counter()
    docs, rejects, screened = read_batch(raw_dir, rels, provenance, max_bytes)
    read_seconds = time.perf_counter() - t
    # the relevance gate (flows.screen), for a raw folder of unsorted pages
    kept = docs
    if screen:
        kept = []
        for d in docs:
            if relevant(d.text):
                kept.append(d)
            else:
                screened.append(Screened(d.source_path, "not_relevant"))
    screen_seconds = time.perf_counter() - t - read_seconds
    result = process_batch(kept, rejects, WorkCache(cache_dir, CACHE_KIND))
    result.seconds.update(read=read_seconds, screen=screen_seconds)
    result.screened = dict(Counter(s.reason for s in screened))
    del docs
    return_freed_memory()
    result.peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


@dataclass
class Corpus:
    """The batches' work put together: what the corpus-wide stages read and refine."""

    documents: pa.Table
    figures: pa.Table
    mentions: list[Mention]
    signatures: list[Signature]
    rejects: list[Reject]
    cached: int
    seconds: dict[str, float]
    duplicates: dict[str, str] = field(default_factory=dict)
    screened: dict[str, int] = field(default_factory=dict)
    batch_peak_mb: float = 0.0  # the most a process running batches held


def screened_said(screened: dict[str, int]) -> str:
    """Counts of what was set aside, as a log line says them ("8032 not_relevant")."""
    return ", ".join(f"{n} {reason}" for reason, n in screened.items())


def gather(results: list[BatchResult]) -> Corpus:
    """The batches' results as one corpus, in input order; each batch's pickled mentions
    are unpickled and let go one batch at a time."""
    mentions: list[Mention] = []
    for b in results:
        mentions += pickle.loads(b.mentions)
        b.mentions = b""
    seconds = {k: sum(b.seconds.get(k, 0.0) for b in results)
               for k in ("read", "screen", "clean", "extract", "cache_and_rows")}
    screened = Counter()
    for b in results:
        screened.update(b.screened)
    corpus = Corpus(documents=pa.concat_tables([b.documents for b in results]),
                    figures=pa.concat_tables([b.figures for b in results]),
                    mentions=mentions, signatures=[s for b in results for s in b.signatures],
                    rejects=[r for b in results for r in b.rejects],
                    cached=sum(b.cached for b in results), seconds=seconds,
                    screened=dict(sorted(screened.items())),
                    batch_peak_mb=max((b.peak_mb for b in results), default=0.0))
    results.clear()
    return_freed_memory()
    return corpus
