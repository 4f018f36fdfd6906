"""Score extraction on the development corpus and the seeds: `make eval`.

Builds `../shared/dev/texts` (real news excerpts, hand-labelled in `../shared/dev/gold.yaml`)
and `raw/` (the seeds, labelled in `../shared/gold/seeds.yaml`) into temporary folders through
the command line, then prints the scorer's lines (`../shared/eval/score.py`) per language and
overall. The texts are never copied into the repository; with no `../shared` beside it, this
says so and exits 0.

    python -m bench.eval [--verbose] [--keep DIR] [--lang en]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SUMMARY_PREFIXES = ("language ", "events P=")


def build(raw: Path, output: Path, cache: Path) -> None:
    cmd = [sys.executable, "-m", "flows", "build", "--raw", str(raw), "--output", str(output),
           "--cache", str(cache)]
    run = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"eval: the build of {raw} failed:\n{run.stderr[-2000:]}")


def score(output: Path, gold: Path, verbose: bool, lang: str | None) -> list[str]:
    cmd = [sys.executable, str(SHARED / "eval" / "score.py"), "--output", str(output),
           "--gold", str(gold)] + (["--verbose"] if verbose else [])
    lines = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.splitlines()
    if verbose:
        return lines
    return [line for line in lines if line.startswith(SUMMARY_PREFIXES)
            and (lang is None or not line.startswith("language ") or line.startswith(f"language {lang} "))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", action="store_true", help="every document, with its misses")
    ap.add_argument("--lang", help="print only this language's line (and the overall one)")
    ap.add_argument("--keep", type=Path, help="build into this folder and keep it")
    a = ap.parse_args()
    dev = SHARED / "dev"
    if not (dev / "gold.yaml").exists() or not (SHARED / "eval" / "score.py").exists():
        print(f"eval: skipped, no development corpus at {dev} (it lives beside the repository)")
        return
    with tempfile.TemporaryDirectory(prefix="eval-") as tmp:
        work = a.keep or Path(tmp)
        raw = work / "dev-raw"
        shutil.rmtree(raw, ignore_errors=True)
        raw.mkdir(parents=True)
        for text in sorted((dev / "texts").glob("*.txt")):
            shutil.copy(text, raw / text.name)
        build(raw, work / "dev-out", work / "cache")
        print(f"development corpus ({len(list(raw.glob('*.txt')))} texts):")
        print("\n".join(score(work / "dev-out", dev / "gold.yaml", a.verbose, a.lang)))
        build(ROOT / "raw", work / "seeds-out", work / "cache")
        print("seeds:")
        print("\n".join(score(work / "seeds-out", SHARED / "gold" / "seeds.yaml", a.verbose, None)))


if __name__ == "__main__":
    main()
