"""Score extraction on the development corpus and the seeds: `make eval`.

Builds the development corpus's tune texts (`../shared/dev/texts`, answers in
`../shared/dev/gold.yaml`), its check split (`../shared/dev/check/texts`: scored, never read
for rules) and `raw/` (the seeds, `../shared/gold/seeds.yaml`) into temporary folders through
the command line, then prints a table per language of the tune and check scores and their
difference (how well the rules generalise), and the scorer's overall lines. The texts are
never copied into the repository; with no `../shared` beside it, this says so and exits 0.

    python -m bench.eval [--verbose] [--keep DIR] [--lang en]

`--verbose` prints the scorer's every document with its misses, for the tune texts only: the
check split's misses are not to be read.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
LANGUAGES = ("en", "ru", "tg")
MEASURES = ("events", "figures")


def build(raw: Path, output: Path, cache: Path) -> None:
    cmd = [sys.executable, "-m", "flows", "build", "--raw", str(raw), "--output", str(output),
           "--cache", str(cache)]
    run = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"eval: the build of {raw} failed:\n{run.stderr[-2000:]}")


def score(output: Path, gold: Path, verbose: bool = False) -> tuple[dict, list[str]]:
    """The scorer's report (its JSON) and its printed lines."""
    report = output.parent / f"{output.name}-{gold.stem}-score.json"
    cmd = [sys.executable, str(SHARED / "eval" / "score.py"), "--output", str(output),
           "--gold", str(gold), "--json", str(report)] + (["--verbose"] if verbose else [])
    lines = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.splitlines()
    return json.loads(report.read_text()), lines


def who_and_where(output: Path, gold: Path, languages: tuple[str, ...]) -> dict[str, dict]:
    """Per language, the scorer's people F1 and location accuracy on the events found: the
    scorer gives them overall only, so it is run on each language's part of the answers."""
    import yaml

    answers = yaml.safe_load(gold.read_text()) or []
    out = {}
    for lang in languages:
        part = [d for d in answers if d.get("language") == lang]
        if not part:
            continue
        lang_gold = output.parent / f"{output.name}-gold-{lang}.yaml"
        lang_gold.write_text(yaml.safe_dump(part, allow_unicode=True))
        report, _ = score(output, lang_gold)
        out[lang] = {"people": report["people_on_found_events"],
                     "location": report["location_accuracy"]}
    return out


def who_and_where_lines(tune: dict, check: dict) -> list[str]:
    lines = [f"{'lang':<5} {'split':<6} {'people on found events F1 (P/R)':<32} location accuracy"]
    for lang in sorted(set(tune) | set(check), key=lambda x: (x not in LANGUAGES, x)):
        for split, rows in (("tune", tune), ("check", check)):
            if lang in rows:
                lines.append(f"{lang:<5} {split:<6} {_f1(rows[lang]['people']):<32} "
                             f"{rows[lang]['location']:.3f}")
    return lines


def build_split(texts: Path, work: Path, name: str) -> Path:
    raw = work / f"{name}-raw"
    shutil.rmtree(raw, ignore_errors=True)
    raw.mkdir(parents=True)
    for text in sorted(texts.glob("*.txt")):
        shutil.copy(text, raw / text.name)
    build(raw, work / f"{name}-out", work / "cache")
    return work / f"{name}-out"


def _f1(part: dict | None) -> str:
    return f"{part['f1']:.3f} ({part['precision']:.2f}/{part['recall']:.2f})" if part else "-"


def comparison(tune: dict, check: dict, languages: tuple[str, ...]) -> list[str]:
    """A row per language and split: F1 (P/R) of events and figures, then tune - check."""
    lines = [f"{'lang':<5} {'split':<6} {'docs':>4}  {'events F1 (P/R)':<20} {'figures F1 (P/R)':<20}"]
    for lang in languages:
        rows = {split: report["by_language"].get(lang) for split, report in
                (("tune", tune), ("check", check))}
        for split, row in rows.items():
            if row:
                lines.append(f"{lang:<5} {split:<6} {row['documents']:>4}  "
                             f"{_f1(row['events']):<20} {_f1(row['figures']):<20}")
        if all(rows.values()):
            gaps = [rows["tune"][m]["f1"] - rows["check"][m]["f1"] for m in MEASURES]
            lines.append(f"{lang:<5} {'gap':<6} {'':>4}  {gaps[0]:<+20.3f} {gaps[1]:<+20.3f}")
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", action="store_true",
                    help="every tune document, with its misses")
    ap.add_argument("--lang", help="compare only this language")
    ap.add_argument("--keep", type=Path, help="build into this folder and keep it")
    a = ap.parse_args()
    dev = SHARED / "dev"
    if not (dev / "gold.yaml").exists() or not (SHARED / "eval" / "score.py").exists():
        print(f"eval: skipped, no development corpus at {dev} (it lives beside the repository)")
        return
    with tempfile.TemporaryDirectory(prefix="eval-") as tmp:
        work = a.keep or Path(tmp)
        languages = (a.lang,) if a.lang else LANGUAGES
        tune_out = build_split(dev / "texts", work, "dev")
        tune, tune_lines = score(tune_out, dev / "gold.yaml", a.verbose)
        tune_who = who_and_where(tune_out, dev / "gold.yaml", languages)
        check: dict = {"by_language": {}}
        check_who: dict = {}
        if (dev / "check" / "gold.yaml").exists():
            check_out = build_split(dev / "check" / "texts", work, "check")
            check, _ = score(check_out, dev / "check" / "gold.yaml")
            check_who = who_and_where(check_out, dev / "check" / "gold.yaml", languages)
        if a.verbose:
            print("\n".join(tune_lines))
        print("development corpus, tune and check splits (F1, precision/recall):")
        print("\n".join(comparison(tune, check, languages)))
        print("who took part and where, on the events found:")
        print("\n".join(who_and_where_lines(tune_who, check_who)))
        for name, report in (("tune", tune), ("check", check)):
            if "events" in report:
                print(f"{name} overall: events {_f1(report['events'])}, figures "
                      f"{_f1(report['figures'])}, measure accuracy "
                      f"{report['figure_measure_accuracy']}, people on found events "
                      f"{_f1(report['people_on_found_events'])}, location accuracy "
                      f"{report['location_accuracy']}, duplicate groups merged "
                      f"{report['duplicate_groups_merged']}/{report['duplicate_groups']}")
        build(ROOT / "raw", work / "seeds-out", work / "cache")
        seeds, _ = score(work / "seeds-out", SHARED / "gold" / "seeds.yaml")
        print(f"seeds: events {_f1(seeds['events'])}, figures {_f1(seeds['figures'])}")


if __name__ == "__main__":
    main()
