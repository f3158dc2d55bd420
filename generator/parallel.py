"""Spread independent work over the CPU cores with forked worker processes.

Forking (not spawning) lets workers inherit what the parent built — the imported
modules, the linked site, the task itself — without pickling it; only the slice
bounds go out and the results come back.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

R = TypeVar("R")

Task = Callable[[int, int], list[Any]]
_TASK: Task | None = None  # set just before forking; the children inherit it


def _run(bounds: tuple[int, int]) -> list[Any]:
    assert _TASK is not None
    return _TASK(*bounds)


def workers() -> int:
    """Worker processes worth starting here (1: do the work in this process)."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return min(os.cpu_count() or 1, 8)


def map_slices(task: Callable[[int, int], list[R]], total: int, *, minimum: int,
               smallest_slice: int) -> list[R]:
    """``task(start, end)`` over ``range(total)`` cut into slices; results in order.

    Below ``minimum`` items, or on one core, it runs here: a pool costs more than it saves.
    """
    global _TASK
    count = workers()
    if total < minimum or count < 2:
        return task(0, total)
    step = max(smallest_slice, total // (count * 4))
    bounds = [(i, min(i + step, total)) for i in range(0, total, step)]
    _TASK = task
    try:
        with ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("fork")) as pool:
            return [item for chunk in pool.map(_run, bounds) for item in chunk]
    finally:
        _TASK = None


def in_background(task: Callable[[], R], *, fork: bool = True) -> Callable[[], R]:
    """Start ``task`` in a forked child (it sees everything as it is now); returns
    the function that waits for its result (raising what the task raised).
    With no second core, or ``fork=False``, the task runs here and now: a child
    costs memory, as every object it touches is copied."""
    if not fork or workers() < 2:
        value = task()
        return lambda: value
    context = multiprocessing.get_context("fork")
    reader, writer = context.Pipe(duplex=False)

    def child() -> None:
        try:
            writer.send((True, task()))
        except BaseException as exc:  # noqa: BLE001 - handed to the parent, which raises it
            writer.send((False, exc))

    process = context.Process(target=child)  # not a daemon: the task may fork workers itself
    process.start()
    writer.close()

    def result() -> R:
        try:
            ok, value = reader.recv()
        except EOFError:
            raise RuntimeError(f"background task died (exit code {process.exitcode})") from None
        finally:
            process.join()
            reader.close()
        if not ok:
            raise value
        return value  # type: ignore[no-any-return]

    return result
