"""Keeping a long build's resident memory close to what it actually holds.

A batch allocates and frees tens of MB (texts, sentences, matches). Arrow's default pool
(mimalloc) and glibc's malloc both keep freed memory for reuse rather than return it, so a
100k-document build grew by ~8 KB a document more than it held. Arrow on the system allocator,
and glibc asked to trim its heap after each batch, cut that by two thirds (measured on 4,000
documents: +71 MB resident before, +44 MB after, for 39 MB held).
"""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import cache

import pyarrow as pa


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
