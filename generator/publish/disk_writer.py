"""The writing process of :class:`generator.publish.write.Writer`: files go onto disk as
the run sends them, while the run makes the next ones.

It runs as ``python -I -S disk_writer.py``: a fresh interpreter, not a fork of the run.
A forked child keeps, as its own, the old copy of every page of memory the run changes
after forking it; over a render of 10,000 meetings that was most of the run (the process
tree peaked at 1.4 GB instead of 0.8).  Standard library only, so that it starts in a few
milliseconds.

On standard input come frames: a header (:data:`HEADER`: the name's length, the data's
length), the name (``rel``, NUL, the target's path; UTF-8, surrogates escaped) and the
data.  A frame with no name asks for an account (:data:`ACCOUNT`, :data:`END`): one JSON
line on standard output, the files written and those left unchanged since the last
account; after :data:`END` it ends.  At the first failure it sends an account carrying the
error and ends, so that the run's next frame finds the pipe closed.  The end of standard
input (a frame cut short too: the run was interrupted, or is gone) ends it after a last
account.
"""

from __future__ import annotations

import json
import os
import signal
import struct
import sys
from itertools import count
from pathlib import Path
from typing import Any, BinaryIO, Callable

#: A frame's header: the name's length, then the data's.
HEADER = struct.Struct("<IQ")
#: A frame with no name: an account, then go on (no data) or end (one byte).
ACCOUNT = HEADER.pack(0, 0)
END = HEADER.pack(0, 1) + b"."


#: Numbers the temporary files of this process: with its id, a name no other writer uses.
_temporary_names = count()


def temporary_file(folder: Path) -> tuple[int, Path]:
    """A new, empty temporary file in ``folder`` (made if missing): an open descriptor and its
    path.  Created with the permissions of any file the user makes (``0o666`` less the umask),
    not ``tempfile.mkstemp``'s owner-only ``0o600``: the pages it becomes are shared files."""
    folder.mkdir(parents=True, exist_ok=True)
    while True:
        path = folder / f".tmp-{os.getpid()}-{next(_temporary_names)}"
        try:
            return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666), path
        except FileExistsError:  # left by a process of the same id that was killed
            continue


def atomic_write(path: Path, data: bytes) -> None:
    """``data`` into ``path`` through a temporary file renamed over it: never half a file."""
    fd, tmp = temporary_file(path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def store(target: Path, data: bytes, write: Callable[[Path, bytes], None] = atomic_write) -> bool:
    """Write ``data`` to ``target`` (with ``write``) unless it holds them already (False)."""
    try:
        if target.read_bytes() == data:
            return False
    except OSError:
        pass
    write(target, data)
    return True


def describe(error: BaseException) -> dict[str, Any]:
    """An error as JSON (:mod:`generator.publish.write` makes it an exception again)."""
    if isinstance(error, OSError):
        return {"errno": error.errno, "strerror": error.strerror, "filename": error.filename}
    return {"message": f"{error.__class__.__name__}: {error}"}


def _read(stream: BinaryIO, size: int) -> bytes | None:
    """Exactly ``size`` bytes (None: the input ended first)."""
    chunks: list[bytes] = []
    while size:
        chunk = stream.read(size)
        if not chunk:
            return None
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def serve(frames: BinaryIO, accounts: BinaryIO) -> None:
    """Write each file :data:`frames` brings; an account on ``accounts`` when asked, at the
    first failure and at the end."""
    written: list[str] = []
    unchanged = 0

    def account(error: BaseException | None = None) -> None:
        line = {"written": written, "unchanged": unchanged, "error": describe(error) if error else None}
        accounts.write(json.dumps(line, ensure_ascii=False).encode("utf-8", "surrogateescape") + b"\n")
        accounts.flush()

    while True:
        head = _read(frames, HEADER.size)
        if head is None:
            account()
            return
        name_size, data_size = HEADER.unpack(head)
        name, data = _read(frames, name_size), _read(frames, data_size)
        if name is None or data is None:  # cut short: the run was interrupted
            account()
            return
        if not name:
            account()
            if data:
                return
            written, unchanged = [], 0
            continue
        rel, _, target = name.decode("utf-8", "surrogateescape").partition("\0")
        try:
            if store(Path(target), data):
                written.append(rel)
            else:
                unchanged += 1
        except Exception as exc:  # noqa: BLE001 - the run raises it
            account(exc)
            return


def main() -> None:
    # Ctrl-C reaches the whole process group: the run stops and says so; this process
    # writes what it was given, then sees the end of its input.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        serve(sys.stdin.buffer, sys.stdout.buffer)
    except BrokenPipeError:
        pass  # the run is gone: nobody to account to
    os._exit(0)  # nothing to flush: the account went out whole or not at all


if __name__ == "__main__":
    main()
