"""generator/graph/ reads top to bottom: its package docstring lists every module,
and each module imports only modules listed above it (data flows one way)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import generator.graph

GRAPH = Path(generator.graph.__file__).parent


def listed_modules() -> list[str]:
    return re.findall(r"^- ``(\w+)``:", generator.graph.__doc__ or "", re.MULTILINE)


def own_imports(module: str) -> set[str]:
    """The sibling modules ``module`` imports (``from .x import …``)."""
    tree = ast.parse((GRAPH / f"{module}.py").read_text(encoding="utf-8"))
    return {node.module.split(".")[0] for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module}


def test_every_module_is_listed_once() -> None:
    listed = listed_modules()
    on_disk = sorted(p.stem for p in GRAPH.glob("*.py") if p.stem != "__init__")
    assert sorted(listed) == on_disk


def test_modules_import_only_those_listed_above() -> None:
    listed = listed_modules()
    for i, module in enumerate(listed):
        below = own_imports(module) - set(listed[:i])
        assert not below, f"{module} imports {sorted(below)}, listed below it"
