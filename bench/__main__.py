"""Benchmark: `python -m bench [--sizes 1000,10000] [--workers N]`.

Makes a corpus of N documents by recombining the paragraphs of the texts in raw/
(deterministic), runs the full flow on it through the command line, then again with nothing
changed, and prints per-stage throughput, the flow's fixed start-up cost, the no-change re-run,
peak memory, and the ratio to a floor: reading, decoding, NFC-normalising and sentence-
splitting the same corpus in plain Python.
"""

from __future__ import annotations

import argparse
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
_PART = re.compile(r"(\w+) ([\d.]+)s")  # "  of which read 0.20s, clean 1.10s, ..."
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def make_corpus(n: int, raw: Path = ROOT / "raw") -> Path:
    """n documents of 4-10 paragraphs drawn from the raw texts (seeded; same corpus each time)."""
    folder = CORPUS_DIR / str(n)
    if folder.exists() and len(list(folder.rglob("*.txt"))) == n:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    paragraphs = []
    for path in sorted(raw.glob("*.txt")):
        paragraphs += [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n")
                       if len(p.strip()) > 80]
    rng = random.Random(n)
    for i in range(n):
        sub = folder / f"{i // 1000:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        body = "\n\n".join(rng.sample(paragraphs, rng.randint(4, min(10, len(paragraphs)))))
        (sub / f"doc{i:06d}.txt").write_text(f"Synthetic article {i}\n\n{body}\n", encoding="utf-8")
    return folder


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
    summed over batches, summary line)."""
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
        elif "of which" in line:
            parts = {k: float(v) for k, v in _PART.findall(line.split("of which", 1)[1])}
    return wall, stages, parts, proc.stdout.strip().splitlines()[-1]


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
    print(f"\n== {n} documents, {mb:.1f} MB ({' '.join(extra) or 'single process'})")
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
    print(f"build: {summary}")


def main() -> None:
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000", help="comma-separated corpus sizes")
    ap.add_argument("--workers", type=int, help="also pass --workers N to the build")
    a = ap.parse_args()
    extra = ["--workers", str(a.workers)] if a.workers else []
    for n in (int(x) for x in a.sizes.split(",")):
        bench(n, extra)


if __name__ == "__main__":
    main()
