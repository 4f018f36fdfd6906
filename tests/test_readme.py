"""Every command the README shows works as written from the project root, on the shipped
release: its Python runs and gives rows, its SQL answers with rows (DuckDB on the Parquet
files, SQLite on the database), and each shell line names a make target, a program or a module
that exists (servers and builds are not started here; other tests run them)."""

from __future__ import annotations

import importlib.util
import os
import re
import shlex
import sqlite3
import subprocess
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = [(m.group(1), m.group(2), README[:m.start()].count("\n") + 1)
          for m in re.finditer(r"```(\w*)\n(.*?)```", README, re.S)]
DATABASE = next((ROOT / "output").glob("*.sqlite"))


def _blocks(language: str) -> list[tuple[str, int]]:
    return [(code, line) for lang, code, line in BLOCKS if lang == language]


def test_the_readme_shows_python_sql_and_shell():
    assert _blocks("python") and len(_blocks("sql")) >= 2 and _blocks("sh")


@pytest.mark.parametrize("code, line", _blocks("python"))
def test_python_blocks_run_and_give_rows(code, line, monkeypatch):
    monkeypatch.chdir(ROOT)
    *body, last = [s for s in code.strip().split("\n") if s.strip()]
    scope: dict = {}
    exec("\n".join(body), scope)  # noqa: S102 - the README's own example
    shown = eval(last, scope)  # noqa: S307
    assert isinstance(shown, pd.DataFrame) and len(shown), f"README line {line}"


@pytest.mark.parametrize("code, line", _blocks("sql"))
def test_sql_blocks_answer_with_rows(code, line, monkeypatch):
    monkeypatch.chdir(ROOT)
    if "'output/" in code:  # a query over the Parquet files: DuckDB
        duckdb = pytest.importorskip("duckdb")
        rows = duckdb.sql(code.strip().rstrip(";")).fetchall()
    else:  # a query of the release's SQLite database
        with sqlite3.connect(DATABASE) as db:
            rows = db.execute(code).fetchall()
    assert rows, f"README line {line} returns no row on the shipped release"


def _commands(code: str) -> list[list[str]]:
    lines = [ln.split(" #")[0].strip() for ln in code.strip().split("\n")]
    return [shlex.split(ln) for ln in lines if ln and not ln.startswith("#")]


@pytest.mark.parametrize("code, line", _blocks("sh"))
def test_shell_lines_name_what_exists(code, line):
    for words in _commands(code):
        words = [w for w in words if not re.fullmatch(r"[A-Z_]+=\S*", w)]  # VAR=value prefixes
        program = words[0]
        if program == "export":
            continue
        if program == "make":
            target = words[1] if len(words) > 1 else "build"
            dry = subprocess.run(["make", "-n", target], cwd=ROOT, capture_output=True, text=True)
            assert dry.returncode == 0, f"README line {line}: no make target {target}"
        else:
            assert os.access(ROOT / program, os.X_OK), f"README line {line}: {program}"
            if "-m" in words:
                module = words[words.index("-m") + 1]
                assert importlib.util.find_spec(module), f"README line {line}: {module}"
