"""Set-up on a machine without a suitable Python: one clear line, nothing installed. (CI builds
a clean clone with Debian's own python3 and no uv on the PATH: `.ci/run`.)"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_without_a_suitable_python_setup_says_what_to_install(tmp_path):
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    for program in ("make", "sh"):
        (bin_ / program).symlink_to(shutil.which(program))
    # a python3 too old for the project: the only Python on the PATH
    (bin_ / "python3").write_text("#!/bin/sh\necho 'Python 3.8.10'; exit 1\n")
    (bin_ / "python3").chmod(0o755)
    project = tmp_path / "project"
    project.mkdir()
    for name in ("Makefile", "pyproject.toml", "uv.lock"):
        shutil.copy(ROOT / name, project / name)
    run = subprocess.run(["make", "setup"], cwd=project, capture_output=True, text=True,
                         env={"PATH": str(bin_), "HOME": str(tmp_path)})
    assert run.returncode != 0
    assert run.stderr.startswith("error: no Python 3.11, 3.12 or 3.13 found on the PATH")
    assert not (project / ".venv").exists() and not (project / ".venv-uv").exists()
