"""Benchmark: `python -m bench [--sizes 1000,10000] [--workers N]`.

Makes a corpus of N documents by recombining, within each language, the paragraphs of real news
texts: the development corpus's English, Russian and Tajik texts (`../shared/dev/texts`) where
it is beside the project, else the seeds in raw/ (deterministic). Runs the full flow on it
through the command line, then again with nothing changed, and prints per-stage throughput,
documents per second of extraction per language, the flow's fixed start-up cost, the no-change
re-run, peak memory, and the ratio to a floor: reading, decoding, NFC-normalising and
sentence-splitting the same corpus in plain Python.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = ROOT / "bench" / "corpus"
_STAGE = re.compile(r"flows: (\w+)\s+([\d.]+)s\s+(.*)$")
_PEAK = re.compile(r"batches peaked at (\d+) MB")
_PART = re.compile(r"(\w+) ([\d.]+)s")  # "summed over batches: read 0.20s, clean 1.10s, ..."
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


DEV = ROOT.parent / "shared" / "dev"
LANGUAGES = ("en", "ru", "tg")
LANGUAGE_SAMPLE = 300  # documents a language timed in-process
FIRST_DAY, DAYS = dt.date(2015, 1, 1), 11 * 365  # the bench's documents are dated in 2015-2025


def _pools() -> dict[str, list[str]]:
    """Paragraphs of real news by language: the development texts where present, else the
    seeds (read as English)."""
    pools: dict[str, list[str]] = {}
    if (DEV / "manifest.tsv").is_file():
        for line in (DEV / "manifest.tsv").read_text(encoding="utf-8").splitlines()[1:]:
            doc_id, language = line.split("\t")[:2]
            path = DEV / "texts" / f"{doc_id}.txt"
            if language in LANGUAGES and path.is_file():
                pools.setdefault(language, []).extend(_paragraphs(path))
    if not pools:
        pools["en"] = [p for path in sorted((ROOT / "raw").glob("*.txt")) for p in _paragraphs(path)]
    return pools


def _paragraphs(path: Path) -> list[str]:
    return [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n")
            if len(p.strip()) > 80]


def make_corpus(n: int) -> Path:
    """n documents of 4-10 paragraphs of one language each, the languages in the proportion
    of their paragraphs (seeded; same corpus each time); a file's name ends in its language.
    Each is dated, as a news page or export is (a `date YYYY-MM-DD` header, read in every
    language): undated documents would stand for reference texts, whose acts consolidation
    can only tell apart by their people, and would measure that rare case at scale."""
    source = "dev" if (DEV / "manifest.tsv").is_file() else "seeds"
    folder = CORPUS_DIR / f"{source}-dated-{n}"
    if folder.exists() and len(list(folder.rglob("*.txt"))) == n:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    pools = _pools()
    languages = sorted(pools)
    weights = [len(pools[lang]) for lang in languages]
    rng = random.Random(n)
    for i in range(n):
        lang = rng.choices(languages, weights)[0]
        pool = pools[lang]
        sub = folder / f"{i // 1000:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        body = "\n\n".join(rng.sample(pool, rng.randint(4, min(10, len(pool)))))
        day = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
        (sub / f"doc{i:06d}-{lang}.txt").write_text(
            f"{body.split('.')[0][:90]}\n\ndate {day.isoformat()} {body}\n", encoding="utf-8")
    return folder


def per_language(folder: Path) -> dict[str, tuple[int, float]]:
    """Documents per second of cleaning and extraction, per language, timed in this process
    on a sample of the corpus (after a warm-up: the gazetteer and patterns load once)."""
    from flows.clean import clean_batch
    from flows.deduplicate import drop_repeated_paragraphs
    from flows.extract import extract_document
    from flows.ingest import read_batch

    out = {}
    for lang in LANGUAGES:
        files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob(f"*-{lang}.txt"))
        if not files:
            continue
        docs, _, _ = read_batch(folder, files[:LANGUAGE_SAMPLE], {})
        extract_document(drop_repeated_paragraphs(clean_batch(docs[:1])[0]))  # warm-up
        t = time.perf_counter()
        for doc in clean_batch(docs):
            extract_document(drop_repeated_paragraphs(doc))
        out[lang] = (len(docs), len(docs) / (time.perf_counter() - t))
    return out


def floor_seconds(folder: Path) -> tuple[float, int, int]:
    """Plain Python: read, decode, NFC, split sentences. Returns (seconds, docs, bytes)."""
    t = time.perf_counter()
    docs = size = sentences = 0
    for path in sorted(folder.rglob("*.txt")):
        data = path.read_bytes()
        text = unicodedata.normalize("NFC", data.decode("utf-8"))
        sentences += sum(len(_SENTENCE.split(line)) for line in text.split("\n") if line)
        docs += 1
        size += len(data)
    return time.perf_counter() - t, docs, size


def run_build(folder: Path, output: Path, cache: Path,
              extra: list[str]) -> tuple[float, dict, dict, str]:
    """Run the CLI; returns (wall seconds, stage -> seconds, per-document stage -> seconds
    summed over batches, summary line with the batches' peak memory a process)."""
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "flows", "build", "--raw", str(folder),
                           "--output", str(output), "--cache", str(cache), "--verbose", *extra],
                          cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        sys.exit(f"build failed:\n{proc.stderr[-3000:]}")
    stages, parts = {}, {}
    for line in proc.stderr.splitlines():
        m = _STAGE.search(line)
        if m:
            stages[m.group(1)] = float(m.group(2))
        if "summed over batches:" in line:
            parts = {k: float(v) for k, v in
                     _PART.findall(line.split("summed over batches:", 1)[1])}
    peak = _PEAK.search(proc.stderr)
    return wall, stages, parts, proc.stdout.strip().splitlines()[-1] + (
        f"; batches peaked at {peak.group(1)} MB a process" if peak else "")


def bench(n: int, extra: list[str]) -> None:
    folder = make_corpus(n)
    secs, docs, size = floor_seconds(folder)
    with tempfile.TemporaryDirectory() as tmp:
        out, cache = Path(tmp) / "output", Path(tmp) / "cache"
        wall, stages, parts, summary = run_build(folder, out, cache, extra)
        rerun_wall, rerun_stages, _, _ = run_build(folder, out, cache, extra)
    work = sum(stages.values())
    startup = wall - work
    mb = size / 1e6
    print(f"\n== {n} documents, {mb:.1f} MB ({' '.join(extra) or 'default workers'})")
    print(f"{'stage':<12} {'seconds':>8} {'docs/s':>9} {'MB/s':>7}")
    for stage, s in stages.items():
        print(f"{stage:<12} {s:8.2f} {docs / s if s else float('inf'):9.0f} "
              f"{mb / s if s else float('inf'):7.1f}")
    for stage, s in parts.items():
        print(f"  {stage:<16} {s:8.2f} {docs / s if s else float('inf'):9.0f} "
              f"{mb / s if s else float('inf'):7.1f}  (summed over batches)")
    print(f"work after start-up: {work:.2f}s = {docs / work:.0f} docs/s, {mb / work:.2f} MB/s")
    print(f"fixed start-up cost (wall - work): {startup:.2f}s; total wall {wall:.2f}s")
    print(f"no-change re-run: {rerun_wall:.2f}s wall, {sum(rerun_stages.values()):.2f}s of work")
    print(f"floor (read+decode+NFC+split, plain Python): {secs:.2f}s; "
          f"pipeline/floor = {work / secs:.1f}x")
    for lang, (sample, rate) in per_language(folder).items():
        print(f"  {lang}: clean + extract {rate:.0f} docs/s (in-process, {sample} documents)")
    print(f"build: {summary}")


def main() -> None:
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000", help="comma-separated corpus sizes")
    ap.add_argument("--workers", type=int, help="pass --workers N to the build (default: the "
                                                "build's, as many worker processes as cores)")
    a = ap.parse_args()
    extra = ["--workers", str(a.workers)] if a.workers else []
    for n in (int(x) for x in a.sizes.split(",")):
        bench(n, extra)


if __name__ == "__main__":
    main()
