"""Prefect settings for runs without a server: a temporary local profile, kept quiet and lean.

Must run before prefect is imported (its settings are read at import).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

SETTINGS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_ENABLED": "false",
    "PREFECT_SERVER_SERVICES_EVENT_PERSISTER_ENABLED": "false",
    "PREFECT_RUNNER_HEARTBEAT_FREQUENCY": "",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_LOGGING_LOG_PRINTS": "false",
    "PREFECT_RESULTS_PERSIST_BY_DEFAULT": "false",
    "PREFECT_UI_ENABLED": "false",
    "PREFECT_API_BLOCKS_REGISTER_ON_START": "false",  # no blocks are used
}


def configure() -> None:
    """Default settings for a local, serverless run; explicit environment values win."""
    if "PREFECT_HOME" not in os.environ:
        home = Path(tempfile.gettempdir()) / f"prefect-home-{os.getuid()}"
        home.mkdir(exist_ok=True)
        os.environ["PREFECT_HOME"] = str(home)
    for key, value in SETTINGS.items():
        if value:
            os.environ.setdefault(key, value)
