"""The extract package's modules import one another one way only (issue 23): each module can be
read, tested and changed knowing only what lies below it."""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter

from .conftest import ROOT

PACKAGE = ROOT / "flows" / "extract"


def imports_of(path) -> set[str]:
    """The sibling modules a module imports, type-checking-only imports included."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("flows.extract."):
            found.add(node.module.split(".")[2])
    return found


def test_the_extract_modules_import_one_another_one_way():
    graph = {p.stem: imports_of(p) for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    assert graph["parties"] and "events" not in graph["parties"]
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as err:
        raise AssertionError(f"import cycle in flows/extract: {err.args[1]}") from None
    assert order.index("morphology") < order.index("language") < order.index("patterns")
