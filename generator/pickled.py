"""Run-to-run state of incremental runs, kept as pickles in docs/.bienban/.

A missing, truncated or foreign file is simply no state: the run becomes a full one.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def read_pickle(path: Path, kind: type[T]) -> T | None:
    try:
        with path.open("rb") as handle:
            value = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None
    return value if isinstance(value, kind) else None


def write_pickle(path: Path, value: object) -> None:
    """Atomically: a run stopped half-way leaves the previous state, not half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as handle:
        pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)
