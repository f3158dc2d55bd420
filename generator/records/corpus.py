"""Stages 1–2 for every record file: read and validate, spread over the CPU cores.

Each file is independent, so files are handled in worker processes (forked, so
nothing is re-imported) in chunks; every problem is still reported, in file order.
Incremental runs (``bienban serve``, ``build --incremental``) keep what each file
gave in a :class:`RecordCache` and read again only the files that changed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from ..parallel import map_slices
from ..pickled import read_pickles, write_pickles
from ..problems import LoadError, Problem, Report
from .loader import Source, read_source
from .schema import Record
from .validate import validate_record

#: Below this many files a process pool costs more than it saves.
PARALLEL_FROM = 200

Loaded = tuple[Source | None, Record | None, list[Problem]]
T = TypeVar("T")


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


def _stamp(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size


def _code_version() -> str:
    """Changes whenever the reading or validating code changes: a cache built by
    other code is never trusted."""
    digest = hashlib.sha256()
    package = Path(__file__).parent.parent
    for module in ("records/loader.py", "records/schema.py", "records/validate.py", "records/corpus.py",
                   "language/docnumber.py", "language/text.py"):
        digest.update((package / module).read_bytes())
    return digest.hexdigest()


@dataclass
class RecordCache:
    """What each file gave last time, keyed by path and checked by (mtime, size)."""

    version: str = ""
    entries: dict[str, tuple[tuple[int, int], Loaded]] = field(default_factory=dict)
    registries: dict[str, tuple[tuple[int, int], Any]] = field(default_factory=dict)

    @classmethod
    def empty(cls) -> "RecordCache":
        return cls(_code_version())

    @classmethod
    def read(cls, path: Path) -> "RecordCache":
        found = read_pickles(path, cls)
        if found is None or found[0].version != _code_version():
            return cls(_code_version())
        cache, entries = found
        cache.entries = dict(entries)
        return cache

    def write(self, path: Path) -> None:
        # Each file's entry is pickled on its own (see write_pickles).
        write_pickles(path, RecordCache(self.version, {}, self.registries), self.entries.items())

    def registry(self, shown: str, path: Path, read: Callable[[], T]) -> T:
        """A registry file as ``read`` gives it, read again only when it changed."""
        stamp = _stamp(path)
        hit = self.registries.get(shown)
        if hit is None or hit[0] != stamp:
            hit = self.registries[shown] = (stamp, read())
        return hit[1]


def load_records(
    root: Path, paths: list[Path], report: Report, cache: RecordCache | None = None
) -> tuple[list[tuple[Source, Record]], set[str]]:
    """Every valid record, in the order of ``paths``, and the files read anew.

    Every problem goes to ``report``.  With a ``cache``, unchanged files are taken
    from it and the cache is updated with the files read.
    """
    shown = [p.relative_to(root).as_posix() for p in paths]
    stamps = {rel: _stamp(path) for rel, path in zip(shown, paths)}
    fresh = [rel for rel in shown if cache is None or cache.entries.get(rel, (None,))[0] != stamps[rel]]
    results = map_slices(lambda start, end: [load_record(root / rel, rel) for rel in fresh[start:end]],
                         len(fresh), minimum=PARALLEL_FROM, smallest_slice=50, largest_slice=250)
    by_path = dict(zip(fresh, results))
    if cache is not None:
        for rel in fresh:
            cache.entries[rel] = (stamps[rel], by_path[rel])
        for rel in set(cache.entries) - set(shown):
            del cache.entries[rel]
    loaded: list[tuple[Source, Record]] = []
    for rel in shown:
        source, record, problems = by_path[rel] if rel in by_path else cache.entries[rel][1]  # type: ignore[union-attr]
        report.problems.extend(problems)
        if source is not None and record is not None:
            loaded.append((source, record))
    return loaded, set(fresh)
