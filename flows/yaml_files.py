"""Reading the project's YAML files (reference data, language files, the raw manifest)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

# libyaml's parser reads the reference files ten times faster than the pure-Python one
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> Any:
    """The data of a UTF-8 YAML file, read with the safe loader."""
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_LOADER)
