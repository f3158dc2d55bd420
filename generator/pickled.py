"""Run-to-run state of incremental runs, kept as pickles in docs/.bienban/.

A missing, truncated or foreign file is simply no state: the run becomes a full one.

A cyclic graph (a meeting links its people, who link their other meetings…) is
pickled flat: pickle follows references depth first, and a chain of thousands of
objects would exceed the recursion limit.  Objects of the ``cyclic`` types are
written first as empty shells, each remembered by the pickler; their contents come
after, batch by batch, where every reference to another such object is a look-up.
"""


from __future__ import annotations

import copyreg
import os
import pickle
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

T = TypeVar("T")


_UNREADABLE = (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError)
#: Written after the head when the items and a linked value follow in one flat stream.
_LINKED = "linked"


@dataclass(frozen=True)
class Pickled:
    """Items pickled already, as one tuple (as :func:`write_pickles` writes each item:
    ``(item,)``): written as they are."""

    data: bytes


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


def write_pickles(path: Path, head: object, items: Iterable[Any], *, linked: object = None,
                  cyclic: frozenset[type] = frozenset()) -> None:
    """``head`` then each of ``items`` as a pickle of its own (a :class:`Pickled` as it
    is), atomically.  Pickling
    one large value remembers every object it has written until the end (a third
    more memory for the records of 10,000 meetings); items sharing no object with
    one another need not be pickled together.

    ``linked``: a value sharing objects with the items (a graph made from them); then
    the items and it are one flat stream (see the module's doc), which keeps every
    object shared between them one object when read back."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as handle:
        _Pickler(handle, protocol=pickle.HIGHEST_PROTOCOL).dump(head)
        if linked is not None:
            # Plain pickling here, not _Pickler: its call back for every object would
            # double the time, and strings sent as bytes would lose being shared.  A
            # process that saves its graph (build --incremental) ends soon after.
            pickle.dump(_LINKED, handle, protocol=pickle.HIGHEST_PROTOCOL)
            _dump_flat(handle, (list(items), linked), cyclic)
        else:
            for item in items:
                if isinstance(item, Pickled):
                    handle.write(item.data)
                else:
                    _Pickler(handle, protocol=pickle.HIGHEST_PROTOCOL).dump((item,))
            pickle.dump(None, handle, protocol=pickle.HIGHEST_PROTOCOL)  # the end: a cut file is no state
    os.replace(tmp, path)


def read_pickles(path: Path, kind: type[T]) -> tuple[T, list[Any], Any] | None:
    """What :func:`write_pickles` wrote: the head, the items and the linked value (None
    if there was none).  None if missing, cut short or foreign."""
    items: list[Any] = []
    linked: Any = None
    try:
        with path.open("rb") as handle:
            head = _Unpickler(handle).load()
            if not isinstance(head, kind):
                return None
            item = _Unpickler(handle).load()
            if item == _LINKED:
                items, linked = _load_flat(handle)
            else:
                while item is not None:
                    items.extend(item)
                    item = _Unpickler(handle).load()
    except _UNREADABLE:
        return None
    return head, items, linked


#: Objects whose contents are pickled together: a reader holds one batch's contents
#: twice (read, then copied into the objects), so batches stay small.
_BATCH = 5000


def _shell(kind: type[T]) -> T:
    """An object of ``kind`` with no contents yet (they follow in a later batch)."""
    return kind.__new__(kind)


class _FlatPickler(pickle.Pickler):
    """Writes objects of the ``cyclic`` types as shells and keeps them for :func:`_dump_flat`."""

    def __init__(self, handle: BinaryIO, cyclic: frozenset[type]) -> None:
        super().__init__(handle, protocol=pickle.HIGHEST_PROTOCOL)
        self.pending: list[Any] = []
        # A table by type, not reducer_override: pickle then calls back into Python for
        # these objects only, not for every record's field (three times faster).
        self.dispatch_table = {**copyreg.dispatch_table, **{kind: self._shell_of for kind in cyclic}}

    def _shell_of(self, obj: Any) -> tuple[Any, ...]:
        self.pending.append(obj)
        return _shell, (type(obj),)


def _dump_flat(handle: BinaryIO, value: object, cyclic: frozenset[type]) -> None:
    # One pickler throughout: its memo makes a second reference to any object, in
    # any batch, that same object when read.
    pickler = _FlatPickler(handle, cyclic)
    pickler.dump(value)
    done = 0
    while done < len(pickler.pending):  # grows as the batches name objects not seen yet
        batch = pickler.pending[done : done + _BATCH]
        done += len(batch)
        pickler.dump([(obj, obj.__dict__) for obj in batch])
    pickler.dump(None)


def _load_flat(handle: BinaryIO) -> Any:
    unpickler = pickle.Unpickler(handle)  # one unpickler: its memo spans the batches
    value = unpickler.load()
    while (batch := unpickler.load()) is not None:
        for obj, contents in batch:
            obj.__dict__.update(contents)
    return value
