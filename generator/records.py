"""Stages 1–2 for every record file: read and validate, spread over the CPU cores.

Each file is independent, so files are handled in worker processes (forked, so
nothing is re-imported) in chunks; every problem is still reported, in file order.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .errors import Problem, Report
from .loader import LoadError, Source, read_source
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


def _load_chunk(args: tuple[str, list[str]]) -> list[Loaded]:
    root, shown = args
    return [load_record(Path(root) / rel, rel) for rel in shown]


def load_records(root: Path, paths: list[Path], report: Report) -> list[tuple[Source, Record]]:
    """Every valid record, in the order of ``paths``; every problem goes to ``report``."""
    shown = [p.relative_to(root).as_posix() for p in paths]
    workers = min(os.cpu_count() or 1, 8)
    if len(paths) < PARALLEL_FROM or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        results = _load_chunk((str(root), shown))
    else:
        size = max(50, len(shown) // (workers * 4))
        chunks = [(str(root), shown[i : i + size]) for i in range(0, len(shown), size)]
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            results = [item for chunk in pool.map(_load_chunk, chunks) for item in chunk]
    loaded: list[tuple[Source, Record]] = []
    for source, record, problems in results:
        report.problems.extend(problems)
        if source is not None and record is not None:
            loaded.append((source, record))
    return loaded
