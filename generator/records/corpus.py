"""Stages 1–2 for every record file: read and validate, spread over the CPU cores.

Each file is independent, so files are handled in worker processes (forked, so
nothing is re-imported) in chunks; every problem is still reported, in file order.
Incremental runs (``bienban serve``, ``build --incremental``) keep what each file
gave in the build environment (:mod:`generator.environment`) and read again only
the files that changed.
"""

from __future__ import annotations

import gc
import os
import pickle
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..parallel import imap_slices
from ..pickled import Pickled
from ..problems import LoadError, Problem, Report
from .loader import Source, read_source
from .schema import Record
from .validate import validate_record

#: Below this many files a process pool costs more than it saves.
PARALLEL_FROM = 200

Loaded = tuple[Source | None, Record | None, list[Problem]]


def load_record(path: Path, shown: str) -> Loaded:
    """Read and validate one file; problems are returned, never raised."""
    report = Report()
    try:
        source = read_source(path, shown)
    except LoadError as exc:
        report.error(shown, exc.line, exc.message)
        return None, None, report.problems
    except OSError as exc:
        report.error(shown, 1, f"không đọc được tệp ({exc.strerror})")
        return None, None, report.problems
    record = validate_record(source, report)
    source.data = None  # validated; the raw data is not needed any more
    return source, record, report.problems


Stamp = tuple[int, int]


def stamp(path: Path) -> Stamp:
    """(mtime, size): a file with the same stamp is taken as unchanged."""
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size


Entry = tuple[Stamp, Loaded]


def _give(shown: list[str], start: int, fresh: set[str], by_path: dict[str, Loaded],
          cache: dict[str, Entry] | None, each: Callable[[Source, Record], None]) -> int:
    """The valid records of ``shown[start:]`` known by now, in order, given to ``each``
    (as far as the first file not read yet); the index of that file.  ``by_path``: the
    ``fresh`` files read so far; the others are in ``cache``."""
    for index in range(start, len(shown)):
        rel = shown[index]
        if rel in fresh:
            got = by_path.get(rel)
            if got is None:
                return index
        else:
            assert cache is not None
            got = cache[rel][1]
        source, record, _ = got
        if source is not None and record is not None:
            each(source, record)
    return len(shown)


@dataclass
class Part:
    """A part file a worker wrote: one pickle of the entries of the files it read, in order."""

    path: Path
    files: list[str]


@dataclass
class PickledEntries:
    """What the worker processes that read the record files wrote to disk: the cache
    entries of each slice of files, pickled together (their shared keys and field sets
    once), as a saved environment holds them (:meth:`pieces`).  A worker pickles what it
    read once, into a part file in ``folder``, rather than as its result: the run reads
    the objects back from there, and saving the environment copies the bytes instead of
    pickling 10,000 records again (2.4 s)."""

    folder: Path
    parts: dict[str, Part] = field(default_factory=dict)  # file → the part holding its entry

    def write_part(self, start: int, entries: list[tuple[str, Entry]]) -> Part:
        """In a worker: the entries pickled into a part file, as one tuple."""
        part = Part(self.folder / f"records-{os.getpid()}-{start}.part", [rel for rel, _ in entries])
        with part.path.open("wb") as handle:
            pickle.dump(tuple(entries), handle, protocol=pickle.HIGHEST_PROTOCOL)
        return part

    def read_part(self, part: Part) -> tuple[tuple[str, Entry], ...]:
        """In the run: the entries of a part; the part is remembered for :meth:`pieces`."""
        with part.path.open("rb") as handle:
            entries: tuple[tuple[str, Entry], ...] = pickle.load(handle)
        for rel in part.files:
            self.parts[rel] = part
        return entries

    def pieces(self, items: Iterable[tuple[str, Entry]]) -> Iterator[tuple[str, Entry] | Pickled]:
        """``items`` (a cache's), those a worker pickled given as the bytes of their part
        (once, where its first file comes: a pickle of several items, see
        :func:`generator.pickled.write_pickles`)."""
        copied: set[str] = set()
        for item in items:
            part = self.parts.get(item[0])
            if part is None:
                yield item
                continue
            if part.path.name in copied:
                continue
            try:
                data = part.path.read_bytes()
            except OSError:
                yield item
                continue
            copied.add(part.path.name)
            yield Pickled(data)

    def clear(self) -> None:
        """The part files removed (those of this run, and any a stopped run left)."""
        self.parts.clear()
        for part in self.folder.glob("records-*.part"):
            part.unlink(missing_ok=True)


def load_records(
    root: Path, paths: list[Path], report: Report, cache: dict[str, Entry] | None = None,
    pickled: PickledEntries | None = None, each: Callable[[Source, Record], None] | None = None,
) -> tuple[list[tuple[Source, Record]], set[str]]:
    """Every valid record, in the order of ``paths``, and the files read anew.

    Every problem goes to ``report``.  With a ``cache`` (path → what the file gave,
    see :class:`generator.environment.BuildEnvironment`), unchanged files are taken
    from it and the cache is updated with the files read; with ``pickled`` too, the
    workers' pickles of the entries are kept on disk for it to be saved.  ``each`` is
    given every valid record, in the same order, as soon as it is read: while the
    workers read the next files (the run links the first ones meanwhile).
    """
    shown = [p.relative_to(root).as_posix() for p in paths]
    stamps = {rel: stamp(path) for rel, path in zip(shown, paths)}
    fresh = [rel for rel in shown if cache is None or cache.get(rel, (None,))[0] != stamps[rel]]
    if pickled is not None:
        pickled.clear()
        pickled.folder.mkdir(parents=True, exist_ok=True)
    parent = os.getpid()

    def load_slice(start: int, end: int) -> list[Any]:
        loaded = [load_record(root / rel, rel) for rel in fresh[start:end]]
        if pickled is None or os.getpid() == parent:
            return loaded
        try:
            return [pickled.write_part(start, [(rel, (stamps[rel], got)) for rel, got in zip(fresh[start:end], loaded)])]
        except OSError:  # no room for the part (the disk is full): handed over as usual
            return loaded

    # Records arrive by the ten thousand, none of them garbage: the cycle collector would
    # walk them again and again as they are unpickled (2 of the 4.4 s of the parent's CPU
    # time at 10,000 meetings when the caller, as `bienban check`, leaves the collector on).
    collecting = gc.isenabled()
    gc.disable()
    try:
        results = imap_slices(load_slice, len(fresh), minimum=PARALLEL_FROM, smallest_slice=50, largest_slice=250)
        by_path: dict[str, Loaded] = {}
        given = 0  # the files of ``shown`` given to ``each`` so far
        fresh_files = set(fresh)
        for result in results:  # what each file gave, or a part holding what several gave
            if isinstance(result, Part):
                assert pickled is not None
                by_path.update((rel, entry[1]) for rel, entry in pickled.read_part(result))
            else:
                by_path[fresh[len(by_path)]] = result
            if each is not None:
                given = _give(shown, given, fresh_files, by_path, cache, each)
        if each is not None:
            _give(shown, given, fresh_files, by_path, cache, each)
    finally:
        if collecting:
            gc.enable()
    if cache is not None:
        for rel in fresh:
            cache[rel] = (stamps[rel], by_path[rel])
        for rel in set(cache) - set(shown):
            del cache[rel]
    loaded: list[tuple[Source, Record]] = []
    for rel in shown:
        source, record, problems = by_path[rel] if rel in by_path or cache is None else cache[rel][1]
        report.problems.extend(problems)
        if source is not None and record is not None:
            loaded.append((source, record))
    return loaded, set(fresh)
