"""Spread independent work over the CPU cores with forked worker processes.

Forking (not spawning) lets workers inherit what the parent built — the imported
modules, the linked site, the task itself — without pickling it; only the slice
bounds go out and the results come back.  But a worker ends up with its own copy
of every page of the parent's memory it touches (reference counts change as it
reads), and rendering touches the whole linked site: workers are forked only
while that many copies fit in :data:`MEMORY_BUDGET`.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Generic, TypeVar

R = TypeVar("R")

Task = Callable[[int, int], list[Any]]
_TASK: Task | None = None  # set just before forking; the children inherit it

#: The most a build may use, all its processes together (issue 13: 1 GB at 10,000 meetings).
MEMORY_BUDGET = 1024 * 1024 * 1024


def _run(bounds: tuple[int, int]) -> list[Any]:
    assert _TASK is not None
    return _TASK(*bounds)


def workers() -> int:
    """Worker processes worth starting here (1: do the work in this process)."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return min(os.cpu_count() or 1, 8)


def resident_bytes() -> int:
    """This process's resident memory now (0 where /proc cannot tell)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def affordable(count: int) -> bool:
    """Whether ``count`` forked copies of this process and itself fit in the budget."""
    return resident_bytes() * (count + 1) <= MEMORY_BUDGET


def map_slices(task: Callable[[int, int], list[R]], total: int, *, minimum: int,
               smallest_slice: int, largest_slice: int | None = None) -> list[R]:
    """``task(start, end)`` over ``range(total)`` cut into slices; results in order.

    Below ``minimum`` items, on one core, or when the workers' copies of this
    process would not fit in :data:`MEMORY_BUDGET`, it runs here: a pool costs
    more than it saves.  ``largest_slice`` bounds what a worker holds before handing it over.
    """
    return list(imap_slices(task, total, minimum=minimum, smallest_slice=smallest_slice,
                            largest_slice=largest_slice))


def imap_slices(task: Callable[[int, int], list[R]], total: int, *, minimum: int,
                smallest_slice: int, largest_slice: int | None = None) -> Iterator[R]:
    """As :func:`map_slices`, each result given as soon as its slice and those before it
    are done: the caller works on the first slices while the workers do the next ones.
    The workers are forked before the first result comes, so they do not see what the
    caller makes of it."""
    global _TASK
    count = workers()
    if total < minimum or count < 2 or not affordable(count):
        yield from task(0, total)
        return
    step = max(smallest_slice, total // (count * 4))
    if largest_slice is not None:
        step = min(step, largest_slice)
    bounds = [(i, min(i + step, total)) for i in range(0, total, step)]
    _TASK = task
    try:
        with ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("fork")) as pool:
            chunks = pool.map(_run, bounds)  # every slice submitted (and every worker forked) now
            _TASK = None
            for chunk in chunks:
                yield from chunk
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
    return Forked(task).result


class Forked(Generic[R]):
    """``task`` running in a forked child (see :func:`in_background`): :meth:`result`
    waits for it, :meth:`stop` ends it (the caller gave up on it)."""

    def __init__(self, task: Callable[[], R]) -> None:
        context = multiprocessing.get_context("fork")
        self.reader, writer = context.Pipe(duplex=False)

        def child() -> None:
            # Only the parent reads: were this copy of the reading end kept open, a result
            # too large for the pipe would wait forever once the parent had gone.
            self.reader.close()
            try:
                writer.send((True, task()))
            except BaseException as exc:  # noqa: BLE001 - handed to the parent, which raises it
                with contextlib.suppress(OSError):  # the parent has gone: nobody to tell
                    writer.send((False, exc))

        self.process = context.Process(target=child)  # not a daemon: the task may fork workers itself
        self.process.start()
        writer.close()

    def result(self) -> R:
        try:
            ok, value = self.reader.recv()
        except EOFError:
            raise RuntimeError(f"background task died (exit code {self.process.exitcode})") from None
        finally:
            self.process.join()
            self.reader.close()
        if not ok:
            raise value
        return value  # type: ignore[no-any-return]

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.terminate()
        self.process.join()
        self.reader.close()


def give_back_memory() -> None:
    """Collect cycles, then hand the C library's free memory back (:func:`trim_memory`)."""
    gc.collect()
    trim_memory()


def trim_memory() -> None:
    """Hand the C library's free memory back to the system.

    What Python frees (a record's long texts, a page's HTML) goes back to the C
    library's free lists, not to the system: the process keeps its size, and the
    next stage's memory comes on top.  glibc's ``malloc_trim`` returns the free
    pages (elsewhere it is absent and this does nothing)."""
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


def _libc() -> Any:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.malloc_trim  # noqa: B018 - glibc only
    except (OSError, AttributeError):
        return None
    return libc


_LIBC = _libc()
