"""Deduplicate: repeated paragraphs inside a document, and duplicate documents.

Inside one document a paragraph that repeats an earlier one (a lead repeated under "Related
news", a headline printed twice) is kept once. Across documents, one whose normalised text
equals an earlier one's, or is near-identical to it (MinHash over word shingles, Jaccard ≥
`NEAR_DUPLICATE_THRESHOLD`), is marked `duplicate_of` that earlier document; its event
mentions then join the events of that document (flows/consolidate), and the figures it
repeats are not published twice (`without_repeated_figures`).
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass, replace
from functools import cache

import numpy as np
import pyarrow as pa
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
                   chars_removed=doc.chars_removed + len(doc.text) - len(text))


# CRC-32 hashes a shingle in C; datasketch's default (SHA-1 through Python) costs three times
# as much and a shingle hash needs no cryptographic strength
_SHINGLE_HASH = zlib.crc32


@cache
def _template() -> MinHash:
    """A MinHash whose permutations are reused (datasketch would remake them every time)."""
    return MinHash(num_perm=NUM_PERM, seed=1, hashfunc=_SHINGLE_HASH)


def text_fingerprint(text: str) -> bytes:
    return hashlib.sha256(_key(text).encode("utf-8")).digest()


def minhash(text: str) -> MinHash:
    """The text's MinHash over word shingles."""
    words = _WORD.findall(text.lower())
    template = _template()
    m = MinHash(num_perm=NUM_PERM, seed=1, hashfunc=_SHINGLE_HASH,
                permutations=template.permutations, scheme=template.scheme)
    shingles = {" ".join(words[i:i + SHINGLE_WORDS])
                for i in range(max(1, len(words) - SHINGLE_WORDS + 1))}
    m.update_batch([s.encode("utf-8") for s in shingles])
    return m


@dataclass(frozen=True, slots=True)
class Signature:
    """What duplicate detection needs of a document, in bytes (a million of them fit in
    under a GB): the hash of its normalised text and its MinHash values."""

    doc_id: str
    source_path: str
    fingerprint: bytes
    hashvalues: bytes

    def values(self) -> np.ndarray:
        return np.frombuffer(self.hashvalues, dtype=_template().hashvalues.dtype)


def signature(doc: Document) -> Signature:
    return Signature(doc.doc_id, doc.source_path, text_fingerprint(doc.text),
                     minhash(doc.text).hashvalues.tobytes())


def find_duplicates(signatures: list[Signature]) -> dict[str, str]:
    """doc_id -> doc_id of the earlier document (by source_path) it repeats.

    Exact duplicates are found by a hash of the normalised text; near duplicates by MinHash
    LSH, confirmed by the estimated Jaccard similarity.
    """
    first_by_hash: dict[bytes, str] = {}
    lsh = MinHashLSH(num_perm=NUM_PERM, params=LSH_BANDS)
    kept: dict[str, np.ndarray] = {}
    duplicates: dict[str, str] = {}
    scheme = _template().scheme
    for sig in sorted(signatures, key=lambda s: s.source_path):
        original = first_by_hash.get(sig.fingerprint)
        if original is not None:
            duplicates[sig.doc_id] = original
            continue
        values = sig.values()
        minhash_ = LeanMinHash(seed=1, hashvalues=values, scheme=scheme)
        # the estimated Jaccard similarity: the share of equal MinHash values
        near = sorted(k for k in lsh.query(minhash_)
                      if np.count_nonzero(kept[k] == values) / NUM_PERM >= NEAR_DUPLICATE_THRESHOLD)
        if near:
            duplicates[sig.doc_id] = near[0]
            continue
        first_by_hash[sig.fingerprint] = sig.doc_id
        lsh.insert(sig.doc_id, minhash_)
        kept[sig.doc_id] = values
    return duplicates


FIGURE_FACT = ("value", "value_max", "qualifier", "unit", "measure", "period", "is_target",
               "countries", "text_as_written")  # what makes two figure rows one fact


def without_repeated_figures(figures: pa.Table, duplicates: dict[str, str]) -> pa.Table:
    """The figures less those a duplicate document repeats from the one it duplicates (the
    same fact, as written): summing a measure counts each fact once. A figure only the
    duplicate gives (a near-duplicate's corrected number) stays."""
    if not duplicates or figures.num_rows == 0:
        return figures
    doc_ids = figures.column("doc_id").to_pylist()
    originals = set(duplicates.values())  # `find_duplicates` maps each to an original
    involved = [i for i, d in enumerate(doc_ids) if d in duplicates or d in originals]
    if not involved:
        return figures
    rows = figures.select(list(FIGURE_FACT)).take(pa.array(involved, pa.int64())).to_pylist()
    facts = {i: tuple(tuple(v) if isinstance(v, list) else v for v in row.values())
             for i, row in zip(involved, rows, strict=True)}
    facts_of: dict[str, set[tuple]] = {}
    for i in involved:
        if doc_ids[i] in originals:
            facts_of.setdefault(doc_ids[i], set()).add(facts[i])
    keep = [not (d in duplicates and facts[i] in facts_of.get(duplicates[d], set()))
            for i, d in enumerate(doc_ids)]
    return figures.filter(pa.array(keep))


def mark_duplicates(documents: pa.Table, duplicates: dict[str, str]) -> pa.Table:
    """The documents with `duplicate_of` filled in (the column is left as it was read)."""
    field_ = documents.schema.field("duplicate_of")
    marked = pa.array([duplicates.get(i) for i in documents.column("doc_id").to_pylist()],
                      field_.type)
    return documents.set_column(documents.schema.get_field_index("duplicate_of"), field_, marked)
