"""No publisher's text in the repository (issue 23): no run of ten words of a development or
check text of `../shared/dev` in the code or the tests. The texts belong to their publishers,
and a test that replays an article's sentence proves only that the rule fits that sentence.
Skipped where `../shared` is not beside the repository."""

from __future__ import annotations

import re

import pytest

from .conftest import ROOT

DEV = ROOT.parent / "shared" / "dev"
RUN = 10  # words
GENERATED = ROOT / "bench" / "corpus"  # the benchmark's corpus, recombined from raw/, not kept
TEXT_SUFFIXES = {".py", ".yaml", ".yml", ".json", ".jsonl", ".md", ".j2", ".txt", ".html", ".tsv", ".csv"}


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def runs(text: str) -> set[str]:
    w = words(text)
    return {" ".join(w[i:i + RUN]) for i in range(len(w) - RUN + 1)}


@pytest.mark.skipif(not (DEV / "texts").is_dir(), reason="no ../shared/dev beside the repository")
def test_no_run_of_ten_words_of_a_development_text_is_in_the_repository():
    published: set[str] = set()
    for path in [*DEV.glob("texts/*.txt"), *DEV.glob("check/texts/*.txt")]:
        published |= runs(path.read_text(encoding="utf-8", errors="replace"))
    found = {}
    for folder in ("flows", "tests", "schemas", "bench"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in TEXT_SUFFIXES and path.is_file() and GENERATED not in path.parents:
                hits = runs(path.read_text(encoding="utf-8", errors="replace")) & published
                if hits:
                    found[str(path.relative_to(ROOT))] = (len(hits), sorted(hits)[0])
    assert not found, f"{len(found)} file(s) hold development text: {found}"
