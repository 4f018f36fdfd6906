"""How the flow runs, apart from what it computes: the hand-over of task arguments, the
stage log, the task runner, and keeping a long build's memory close to what it holds.

Memory: a batch allocates and frees tens of MB (texts, sentences, matches). Arrow's default pool
(mimalloc) and glibc's malloc both keep freed memory for reuse rather than return it, so a
100k-document build grew by ~8 KB a document more than it held. Arrow on the system allocator,
and glibc asked to trim its heap after each batch, cut that by two thirds (measured on 4,000
documents: +71 MB resident before, +44 MB after, for 39 MB held).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import time
from dataclasses import dataclass, field
from functools import cache
from typing import Generic, TypeVar

import pyarrow as pa

from flows.warc import is_warc

log = logging.getLogger("flows")
T = TypeVar("T")


class Opaque(Generic[T]):
    """A task argument or result handed over as is. Prefect walks lists, dicts and
    dataclasses in task arguments looking for futures (seconds for 10k records); its own
    `quote` is a tuple, which Dask then unpacks. A plain object is neither walked nor
    unpacked."""

    __slots__ = ("value", "note")

    def __init__(self, value: T, note: str = ""):
        self.value = value
        self.note = note  # what the stage that made it did, for the log

    def __getstate__(self):
        return self.value, self.note

    def __setstate__(self, state):
        self.value, self.note = state


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

    def after(self, stage: str, result: Opaque[T]) -> Opaque[T]:
        """The stage's result, once its time and note are logged."""
        self.done(stage, result.note)
        return result


def batches_of(files: list[str], size: int) -> list[list[str]]:
    """The files in order, `size` at a time; but a web archive, which holds thousands of
    pages, is a batch of its own, so that archives are read on all the workers at once."""
    out: list[list[str]] = []
    run: list[str] = []
    for rel in files:
        if is_warc(rel):
            out += [run, [rel]] if run else [[rel]]
            run = []
            continue
        run.append(rel)
        if len(run) == size:
            out.append(run)
            run = []
    return out + [run] if run else out


def cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def batch_workers(workers: int | None, batches: int) -> int:
    """How many worker processes to run `batches` on: as many as asked (by default, as many
    as cores), never more than there are batches; 1 runs them in the flow's process."""
    return max(1, min(workers or cores(), batches))


def with_dask(flow_, workers: int = 0, dask_address: str | None = None):
    """The flow with its batches on Dask: an existing scheduler, or a local cluster of
    `workers` processes (by default, as many as cores).

    Results are identical to the flow's own runners: every stage is a pure function of its
    batch, and the flow gathers batch results in submission order.
    """
    from prefect_dask import DaskTaskRunner

    if dask_address:
        runner = DaskTaskRunner(address=dask_address)
    else:
        runner = DaskTaskRunner(cluster_kwargs={"n_workers": workers or cores(),
                                                "threads_per_worker": 1, "processes": True,
                                                "dashboard_address": None})
    return flow_.with_options(task_runner=runner)


def use_system_allocator() -> None:
    if pa.default_memory_pool().backend_name != "system":
        pa.set_memory_pool(pa.system_memory_pool())


@cache
def _malloc_trim():
    name = ctypes.util.find_library("c")
    return getattr(ctypes.CDLL(name), "malloc_trim", None) if name else None


def return_freed_memory() -> None:
    """Give the heap's free pages back to the system (glibc only; elsewhere a no-op)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
