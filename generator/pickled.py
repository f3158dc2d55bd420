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


class _Pickler(pickle.Pickler):
    """Writes non-ASCII text as its UTF-8 bytes.  The C pickler encodes a string with
    ``PyUnicode_AsUTF8AndSize``, which keeps the UTF-8 copy inside the string for as
    long as it lives: pickling the records of 10,000 meetings left 110 MB of such
    copies on the texts the linked site shares with them."""

    def persistent_id(self, obj: Any) -> Any:
        if type(obj) is str and not obj.isascii():
            return obj.encode("utf-8", "surrogatepass")  # a new bytes object, freed once written
        return None


class _Unpickler(pickle.Unpickler):
    def persistent_load(self, pid: Any) -> Any:
        if type(pid) is not bytes:
            raise pickle.UnpicklingError("not a pickle of write_pickles")
        return pid.decode("utf-8", "surrogatepass")


def write_pickles(path: Path, head: object, items: Iterable[Any]) -> None:
    """``head`` then each of ``items`` as a pickle of its own, atomically.  Pickling
    one large value remembers every object it has written until the end (a third
    more memory for the records of 10,000 meetings); items sharing no object with
    one another need not be pickled together."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as handle:
        _Pickler(handle, protocol=pickle.HIGHEST_PROTOCOL).dump(head)
        for item in items:
            _Pickler(handle, protocol=pickle.HIGHEST_PROTOCOL).dump((item,))
        pickle.dump(None, handle, protocol=pickle.HIGHEST_PROTOCOL)  # the end: a cut file is no state
    os.replace(tmp, path)


def read_pickles(path: Path, kind: type[T]) -> tuple[T, list[Any]] | None:
    """What :func:`write_pickles` wrote (None if missing, cut short or foreign)."""
    items: list[Any] = []
    try:
        with path.open("rb") as handle:
            head = _Unpickler(handle).load()
            if not isinstance(head, kind):
                return None
            while (item := _Unpickler(handle).load()) is not None:
                items.append(item[0])
    except _UNREADABLE:
        return None
    return head, items
