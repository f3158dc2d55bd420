"""Run-to-run state of incremental runs, kept as pickles in docs/.bienban/.

A missing, truncated or foreign file is simply no state: the run becomes a full one.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


_UNREADABLE = (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError)


def write_pickles(path: Path, head: object, items: Iterable[Any]) -> None:
    """``head`` then each of ``items`` as a pickle of its own, atomically.  Pickling
    one large value remembers every object it has written until the end (a third
    more memory for the records of 10,000 meetings); items sharing no object with
    one another need not be pickled together."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as handle:
        pickle.dump(head, handle, protocol=pickle.HIGHEST_PROTOCOL)
        for item in items:
            pickle.dump((item,), handle, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump(None, handle, protocol=pickle.HIGHEST_PROTOCOL)  # the end: a cut file is no state
    os.replace(tmp, path)


def read_pickles(path: Path, kind: type[T]) -> tuple[T, list[Any]] | None:
    """What :func:`write_pickles` wrote (None if missing, cut short or foreign)."""
    items: list[Any] = []
    try:
        with path.open("rb") as handle:
            head = pickle.load(handle)
            if not isinstance(head, kind):
                return None
            while (item := pickle.load(handle)) is not None:
                items.append(item[0])
    except _UNREADABLE:
        return None
    return head, items
