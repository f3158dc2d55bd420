"""Which builder turns docs/ into site/: MkDocs 1.6, or ProperDocs, its maintained
drop-in fork (MkDocs 1.6.1 is the last MkDocs 1.x; MkDocs 2.0 runs no plugins and
no Material theme).

ProperDocs keeps MkDocs' API under the module name ``properdocs``; importing
``properdocs.replacement`` makes every later ``import mkdocs.…`` (ours and Material's)
load the ProperDocs module instead.  So the choice must be made before anything in
the process imports MkDocs, and it holds for the life of the process.

The site owner chooses in mkdocs.yml (``extra.bienban.engine``); the environment
variable ``BIENBAN_ENGINE`` overrides it for one run.
"""

from __future__ import annotations

import os
import sys

from ..problems import EngineError

#: The builders bienban runs on; the first is the default.
ENGINES: tuple[str, ...] = ("mkdocs", "properdocs")
#: How the build log names them.
NAMES: dict[str, str] = {"mkdocs": "MkDocs", "properdocs": "ProperDocs"}
ENVIRONMENT = "BIENBAN_ENGINE"


def chosen(configured: str | None) -> str:
    """The engine for this run: the environment's, else mkdocs.yml's, else the default."""
    name = (os.environ.get(ENVIRONMENT) or configured or ENGINES[0]).strip().lower()
    if name not in ENGINES:
        raise EngineError(
            f"không biết công cụ dựng trang “{name}”; chọn một trong: {', '.join(ENGINES)} "
            f"(extra.bienban.engine trong mkdocs.yml hoặc biến môi trường {ENVIRONMENT})"
        )
    return name


def loaded() -> str | None:
    """The engine this process has already imported, if any."""
    module = sys.modules.get("mkdocs")
    return None if module is None else module.__name__.split(".")[0]


def loaded_name() -> str:
    """The loaded engine as the build log names it ("MkDocs" until one is loaded)."""
    return NAMES[loaded() or ENGINES[0]]


def use(name: str) -> None:
    """Make ``import mkdocs`` load ``name`` from now on in this process."""
    current = loaded()
    if current is not None:
        if current != name:
            raise EngineError(f"tiến trình này đã nạp {current}, không chuyển sang {name} được; hãy chạy lại lệnh")
        return
    if name == "properdocs":
        try:
            import properdocs.replacement  # noqa: F401  (redirects mkdocs.* to properdocs.*)
        except ImportError:
            raise EngineError("chưa cài ProperDocs: chạy “make build” hoặc “pip install properdocs”") from None
    # Material prints an end-of-life notice when run as the `mkdocs` command; the
    # builds bienban runs say what they need to in their own words.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")
