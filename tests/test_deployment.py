from pathlib import Path

import yaml

from flows.__main__ import DEFAULT_CRON, deployment_of
from flows.pipeline import collect_and_build

from .conftest import ROOT


def test_prefect_yaml_deployment_collects_then_builds():
    spec = yaml.safe_load((ROOT / "prefect.yaml").read_text())
    (dep,) = spec["deployments"]
    path, name = dep["entrypoint"].split(":")
    assert (ROOT / path).exists() and name == "collect_and_build"
    assert dep["schedules"][0]["cron"] == "0 3 * * *"
    assert set(dep["parameters"]) <= set(collect_and_build.parameters.properties)


def test_served_deployment_has_the_schedule_and_parameters():
    dep = deployment_of(collect_and_build, DEFAULT_CRON, Path("sources"), Path("raw"),
                        Path("output"), Path(".cache"))
    assert dep.name == "nightly-build"
    assert dep.schedules[0].schedule.cron == DEFAULT_CRON
    assert dep.parameters == {"sources": "sources", "raw": "raw", "output": "output",
                              "cache_dir": ".cache"}
