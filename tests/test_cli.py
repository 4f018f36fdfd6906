"""The command line as a newcomer meets it: every option says its default and meaning, and an
expected failure is one line saying what to do."""

from __future__ import annotations

import argparse
import subprocess
import sys

import pytest

from flows.__main__ import parser


def _commands() -> dict[str, argparse.ArgumentParser]:
    (sub,) = [a for a in parser()._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(sub.choices)


@pytest.mark.parametrize("command", sorted(_commands()))
def test_every_option_taking_a_value_says_its_default_and_meaning(command):
    for action in _commands()[command]._actions:
        if not action.option_strings or action.nargs == 0:
            continue  # --help and the on/off flags
        assert action.help and "(default:" in action.help, (command, action.option_strings)
        assert len(action.help.split("(default:")[0].split()) >= 3, action.option_strings


def test_build_help_shows_the_folders_defaults():
    shown = subprocess.run([sys.executable, "-m", "flows", "build", "--help"],
                           capture_output=True, text=True, check=True).stdout
    assert "(default: raw)" in shown and "(default: output)" in shown
    assert "exit codes:" in shown


def test_a_missing_raw_folder_is_one_line_and_exit_code_2(tmp_path):
    run = subprocess.run([sys.executable, "-m", "flows", "build", "--raw",
                          str(tmp_path / "nowhere"), "--output", str(tmp_path / "out")],
                         capture_output=True, text=True)
    assert run.returncode == 2
    assert run.stderr.strip().count("\n") == 0 and run.stderr.startswith("error: the raw folder")
    assert not (tmp_path / "out").exists()


def test_a_build_with_nothing_to_do_answers_before_the_flow_starts(tmp_path):
    import shutil

    from .conftest import RAW

    raw, out = tmp_path / "raw", tmp_path / "out"
    shutil.copytree(RAW, raw)

    def build() -> str:
        return subprocess.run([sys.executable, "-m", "flows", "build", "--raw", str(raw),
                               "--output", str(out), "--cache", str(tmp_path / "cache")],
                              capture_output=True, text=True, check=True).stdout

    assert "nothing changed" not in build()
    log = out.parent / "out.log"
    logged = log.read_text(encoding="utf-8")
    again = build()
    assert "nothing changed" in again and "documents=5" in again
    assert log.read_text(encoding="utf-8") == logged  # no flow ran: it logs nothing
    # a release that is no longer whole is built again
    (out / "report.html").write_text("tampered", encoding="utf-8")
    assert "nothing changed" not in build()
    assert (out / "report.html").read_text(encoding="utf-8") != "tampered"
