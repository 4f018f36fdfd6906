"""Deterministic ids: the same input gives the same ids on every run and machine."""

from __future__ import annotations

import hashlib


def stable_id(prefix: str, *parts: object) -> str:
    """`prefix_` + 16 hex digits of the SHA-256 of the parts (joined by a separator)."""
    key = "\x1f".join(str(p) for p in parts)
    return f"{prefix}_{hashlib.sha256(key.encode('utf-8')).hexdigest()[:16]}"


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
