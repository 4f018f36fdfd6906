"""Deduplicate: repeated paragraphs inside a document, and duplicate documents.

Inside one document a paragraph that repeats an earlier one (a lead repeated under "Related
news", a headline printed twice) is kept once. Across documents, one whose normalised text
equals an earlier one's, or is near-identical to it (MinHash over word shingles, Jaccard ≥
`NEAR_DUPLICATE_THRESHOLD`), is marked `duplicate_of` that earlier document; its event
mentions then join the events of that document (consolidate.py).
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass, replace
from functools import cache

from datasketch import LeanMinHash, MinHash, MinHashLSH

from flows.records import Document

NEAR_DUPLICATE_THRESHOLD = 0.9
NUM_PERM = 64
# LSH bands x rows over the NUM_PERM values. datasketch's own choice for a 0.9 threshold
# (3 x 21) weighs misses and false candidates alike and so misses 70% of the pairs at exactly
# 0.9; 8 x 8 makes a pair at 0.9 a candidate 99% of the time (0.8: 77%, 0.5: 3%), and every
# candidate is confirmed against the threshold anyway.
LSH_BANDS = (8, 8)
SHINGLE_WORDS = 5
_WORD = re.compile(r"\w+")


def _key(paragraph: str) -> str:
    return " ".join(_WORD.findall(paragraph.lower()))


def drop_repeated_paragraphs(doc: Document) -> Document:
    """Keep the first of every set of identical paragraphs (or lines) in the document."""
    seen: set[str] = set()
    kept_paragraphs, repeated = [], 0
    for paragraph in doc.text.split("\n\n"):
        kept_lines = []
        for line in paragraph.split("\n"):
            key = _key(line)
            if key and key in seen:
                repeated += 1
                continue
            if key:
                seen.add(key)
            kept_lines.append(line)
        if kept_lines:
            kept_paragraphs.append("\n".join(kept_lines))
    text = "\n\n".join(kept_paragraphs)
    return replace(doc, text=text, paragraphs_repeated=repeated,
                   chars_removed=doc.chars_raw - len(text))


# CRC-32 hashes a shingle in C; datasketch's default (SHA-1 through Python) costs three times
# as much and a shingle hash needs no cryptographic strength
_SHINGLE_HASH = zlib.crc32


@cache
def _template() -> MinHash:
    """A MinHash whose permutations are reused (datasketch would remake them every time)."""
    return MinHash(num_perm=NUM_PERM, seed=1, hashfunc=_SHINGLE_HASH)


def text_fingerprint(text: str) -> str:
    return hashlib.sha256(_key(text).encode("utf-8")).hexdigest()


def minhash(text: str) -> LeanMinHash:
    """The text's MinHash over word shingles, without the permutations (half a KB to keep)."""
    words = _WORD.findall(text.lower())
    template = _template()
    m = MinHash(num_perm=NUM_PERM, seed=1, hashfunc=_SHINGLE_HASH,
                permutations=template.permutations, scheme=template.scheme)
    shingles = {" ".join(words[i:i + SHINGLE_WORDS])
                for i in range(max(1, len(words) - SHINGLE_WORDS + 1))}
    m.update_batch([s.encode("utf-8") for s in shingles])
    return LeanMinHash(m)


@dataclass(frozen=True)
class Signature:
    """What duplicate detection needs of a document: small enough to hold for 100k of them."""

    doc_id: str
    source_path: str
    fingerprint: str
    minhash: LeanMinHash


def signature(doc: Document) -> Signature:
    return Signature(doc.doc_id, doc.source_path, text_fingerprint(doc.text), minhash(doc.text))


def find_duplicates(signatures: list[Signature]) -> dict[str, str]:
    """doc_id -> doc_id of the earlier document (by source_path) it repeats.

    Exact duplicates are found by a hash of the normalised text; near duplicates by MinHash
    LSH, confirmed by the estimated Jaccard similarity.
    """
    first_by_hash: dict[str, str] = {}
    lsh = MinHashLSH(num_perm=NUM_PERM, params=LSH_BANDS)
    kept: dict[str, LeanMinHash] = {}
    duplicates: dict[str, str] = {}
    for sig in sorted(signatures, key=lambda s: s.source_path):
        original = first_by_hash.get(sig.fingerprint)
        if original is None:
            near = sorted(k for k in lsh.query(sig.minhash)
                          if kept[k].jaccard(sig.minhash) >= NEAR_DUPLICATE_THRESHOLD)
            original = near[0] if near else None
        if original is None:
            first_by_hash[sig.fingerprint] = sig.doc_id
            lsh.insert(sig.doc_id, sig.minhash)
            kept[sig.doc_id] = sig.minhash
        else:
            duplicates[sig.doc_id] = original
    return duplicates


def mark_duplicates(docs: list[Document], duplicates: dict[str, str]) -> list[Document]:
    return [replace(d, duplicate_of=duplicates.get(d.doc_id)) for d in docs]
