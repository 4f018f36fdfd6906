from pathlib import Path

import yaml

from flows.__main__ import DEFAULT_CRON, deployment_of
from flows.pipeline import build

from .conftest import ROOT


def test_prefect_yaml_deployment_points_at_the_build_flow():
    spec = yaml.safe_load((ROOT / "prefect.yaml").read_text())
    (dep,) = spec["deployments"]
    path, name = dep["entrypoint"].split(":")
    assert (ROOT / path).exists() and name == "build"
    assert dep["schedules"][0]["cron"] == "0 3 * * *"
    assert set(dep["parameters"]) <= set(build.parameters.properties)


def test_served_deployment_has_the_schedule_and_parameters():
    dep = deployment_of(build, DEFAULT_CRON, Path("raw"), Path("output"), Path(".cache"))
    assert dep.name == "nightly-build"
    assert dep.schedules[0].schedule.cron == DEFAULT_CRON
    assert dep.parameters == {"raw": "raw", "output": "output", "cache_dir": ".cache"}
