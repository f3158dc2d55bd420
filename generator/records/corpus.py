"""Stages 1–2 for every record file: read and validate, spread over the CPU cores.

Each file is independent, so files are handled in worker processes (forked, so
nothing is re-imported) in chunks; every problem is still reported, in file order.
Incremental runs (``bienban serve``, ``build --incremental``) keep what each file
gave in the build environment (:mod:`generator.environment`) and read again only
the files that changed.
"""

from __future__ import annotations

import gc
from pathlib import Path

from ..parallel import map_slices
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


def load_records(
    root: Path, paths: list[Path], report: Report, cache: dict[str, tuple[Stamp, Loaded]] | None = None
) -> tuple[list[tuple[Source, Record]], set[str]]:
    """Every valid record, in the order of ``paths``, and the files read anew.

    Every problem goes to ``report``.  With a ``cache`` (path → what the file gave,
    see :class:`generator.environment.BuildEnvironment`), unchanged files are taken
    from it and the cache is updated with the files read.
    """
    shown = [p.relative_to(root).as_posix() for p in paths]
    stamps = {rel: stamp(path) for rel, path in zip(shown, paths)}
    fresh = [rel for rel in shown if cache is None or cache.get(rel, (None,))[0] != stamps[rel]]
    # Records arrive by the ten thousand, none of them garbage: the cycle collector would
    # walk them again and again as they are unpickled (2 of the 4.4 s of the parent's CPU
    # time at 10,000 meetings when the caller, as `bienban check`, leaves the collector on).
    collecting = gc.isenabled()
    gc.disable()
    try:
        results = map_slices(lambda start, end: [load_record(root / rel, rel) for rel in fresh[start:end]],
                             len(fresh), minimum=PARALLEL_FROM, smallest_slice=50, largest_slice=250)
    finally:
        if collecting:
            gc.enable()
    by_path = dict(zip(fresh, results))
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
