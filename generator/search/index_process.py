"""The search index built in a process of its own while the run renders the pages.

A full run writes every page's entry as soon as the site is linked, marshalled one
after another, into a file in ``docs/.state/`` (on the project's disk: a file in
``/tmp`` may sit in memory), then renders.  A fresh interpreter (``python -I``, not a
fork: a forked child keeps its own copy of every page of memory the run changes while
it renders, most of the linked site) reads them as its standard input, tokenizes each
as it comes (:class:`~generator.search.index.SearchIndexBuilder`: it never holds all
the texts) and, once it has read them all, hands back the files, marshalled, on its
standard output.  At 10,000 meetings the index takes 8 s of one core; beside the rendering it
costs the run almost nothing.

The child ignores Ctrl-C (the run stops it, and no English traceback reaches the
editor) and is killed when the run dies.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import fields
from pathlib import Path
from typing import IO

import generator

from .index import SearchEntry, SearchIndexBuilder

_FIELDS = [f.name for f in fields(SearchEntry)]
#: The package's folder: the child imports this very code, whatever its sys.path would say.
_CODE_ROOT = str(Path(generator.__file__).resolve().parent.parent)
_CHILD = ("import sys; sys.path.insert(0, {root!r}); "
          "from generator.search.index_process import main; main({parent})")


def spill(entry: SearchEntry, handle: IO[bytes]) -> None:
    """``entry`` appended to ``handle`` (marshal, not pickle: the C pickler keeps a UTF-8
    copy inside every string it writes, here the linked site's)."""
    marshal.dump(tuple(getattr(entry, name) for name in _FIELDS), handle)


def unspill(handle: IO[bytes]) -> Iterator[SearchEntry]:
    """The entries :func:`spill` wrote, one at a time."""
    while True:
        try:
            fields_ = marshal.load(handle)
        except EOFError:
            return
        yield SearchEntry(*fields_)


class IndexProcess:
    """The search index of the entries :func:`spill` wrote into a file, built by a child
    process; :meth:`files` waits for it."""

    #: How long :meth:`stop` waits for the child once killed.
    PATIENCE = 30.0
    #: The child's peak memory: an interpreter with the index's modules, then so much for
    #: each byte of spilled entries (195 MB for the 91 MB of 10,000 meetings: the token
    #: streams, the postings, then the files).
    MEMORY_BASE = 50 << 20
    MEMORY_PER_BYTE = 1.6

    def __init__(self, spilled: Path) -> None:
        """Start the child on ``spilled``, whose name is then removed (the child reads it
        still).  Raises OSError when no process can be started."""
        with spilled.open("rb") as entries, tempfile.TemporaryFile(dir=spilled.parent) as errors:
            child = _CHILD.format(root=_CODE_ROOT, parent=os.getpid())
            self.process = subprocess.Popen([sys.executable, "-I", "-c", child], stdin=entries,
                                            stdout=subprocess.PIPE, stderr=errors)
            # The child holds descriptors of its own: these may close.
            self.errors = os.dup(errors.fileno())
        spilled.unlink()

    @classmethod
    def memory(cls, spilled: Path) -> int:
        """About the most memory the child will hold, in bytes."""
        return cls.MEMORY_BASE + int(spilled.stat().st_size * cls.MEMORY_PER_BYTE)

    def files(self) -> dict[str, bytes]:
        """The search files, relative path → bytes.  Raises RuntimeError if the child failed."""
        process = self.process
        assert process.stdout is not None
        try:
            data = process.stdout.read()
            process.wait()
            if process.returncode != 0 or not data:
                raise RuntimeError(f"tiến trình lập chỉ mục tìm kiếm đã dừng (mã thoát {process.returncode})"
                                   + self._said())
        finally:
            self.stop()
        files = marshal.loads(data)
        assert isinstance(files, dict)
        return files

    def stop(self) -> None:
        """The child ended (killed if still at work), its pipe and files closed: the run stops."""
        process = self.process
        assert process.stdout is not None
        if process.returncode is None:
            process.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(self.PATIENCE)
        process.stdout.close()
        if self.errors >= 0:
            os.close(self.errors)
            self.errors = -1

    def _said(self) -> str:
        """The last line the child wrote on its standard error, if any."""
        try:
            os.lseek(self.errors, 0, os.SEEK_SET)
            text = os.read(self.errors, 1 << 16).decode("utf-8", "replace").strip()
        except OSError:
            return ""
        return f": {text.splitlines()[-1]}" if text else ""


def main(parent: int) -> None:
    """The child: entries on standard input, the files marshalled on standard output."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _end_with(parent)
    builder = SearchIndexBuilder()
    for entry in unspill(sys.stdin.buffer):
        builder.add(entry)
    data = marshal.dumps(builder.files())
    try:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except BrokenPipeError:  # the run is gone
        os._exit(1)


def _end_with(parent: int) -> None:
    """Be killed when the run dies (Linux), rather than index for nobody: a run killed by
    the out-of-memory killer would otherwise leave this process at work for seconds."""
    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the run died before the line above
        os._exit(1)
