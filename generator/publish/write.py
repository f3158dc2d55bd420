"""Stage 6, write: generated files onto disk, touching only what changed.

The writer owns the generated sections of ``docs/`` and nothing else.  It keeps a
manifest of what it wrote, so it removes only stale files it generated itself,
never a hand-written page; it writes a file only when its bytes change (so the
incremental MkDocs build and the live-reload server see only real edits), and
writes atomically (temp file + rename), so a crash never leaves half a page.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO, ContextManager

from ..graph.model import SECTIONS
from ..parallel import workers
from ..problems import Problem, Report
from . import disk_writer
from .disk_writer import atomic_write, temporary_file

#: The search index's folder (see :mod:`generator.search.index`).
INDEX_DIR = "chi-muc"
#: Readers' views (see :mod:`generator.views.plan`): statistics and timeline, open data, Atom feeds.
STATS_DIR = "thong-ke"
DATA_DIR = "du-lieu"
FEEDS_DIR = "theo-doi"
#: Folders of docs/ that belong to the generator (git-ignored).
GENERATED_ROOTS = (*SECTIONS, STATS_DIR, DATA_DIR, FEEDS_DIR, INDEX_DIR)
#: Hidden from MkDocs (dot folder): the manifest and the home page fragment.
STATE_DIR = ".bienban"
MANIFEST = f"{STATE_DIR}/manifest.json"
#: The generated part of the home page (latest meetings, counts), which docs/index.md includes.
HOME_FRAGMENT = f"{STATE_DIR}/trang-chu.md"


@dataclass
class WriteResult:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)


def _inside(rel: str) -> bool:
    """True if ``rel`` is a plain relative path under one of the generator's folders."""
    path = PurePosixPath(rel)
    if path.is_absolute() or ".." in path.parts or "\\" in rel or not path.parts:
        return False
    return path.parts[0] in GENERATED_ROOTS or path.parts[0] == STATE_DIR


def generated_entries(docs: Path) -> list[Path]:
    """The generator's own folders of docs/ (and its state) that exist: all it may delete."""
    return [docs / name for name in (*GENERATED_ROOTS, STATE_DIR) if (docs / name).exists()]


def hand_written_entries(docs: Path) -> list[Path]:
    """The files and folders at the top of docs/ that are not the generator's own."""
    if not docs.is_dir():
        return []
    return sorted(top for top in docs.iterdir() if top.name not in GENERATED_ROOTS and top.name != STATE_DIR)


def hand_written_pages(docs: Path) -> list[Path]:
    """The Markdown pages of docs/ outside the generator's folders (and its state)."""
    pages: list[Path] = []
    for top in hand_written_entries(docs):
        pages.extend(top.rglob("*.md") if top.is_dir() else [top] if top.suffix == ".md" else [])
    return pages


class UnsafeOutput(ValueError):
    """A generated folder is a link to somewhere else: writing there would leave docs/."""


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_manifest(docs: Path) -> dict[str, str | None]:
    """Files the generator wrote → SHA-256 of what it wrote (None: not known)."""
    try:
        data = json.loads((docs / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if isinstance(data, list):  # the first format: names only
        return {str(rel): None for rel in data}
    if isinstance(data, dict):
        return {str(rel): digest if isinstance(digest, str) else None for rel, digest in data.items()}
    return {}


def _write_manifest(docs: Path, owned: dict[str, str | None]) -> None:
    data = json.dumps(dict(sorted(owned.items())), ensure_ascii=False, indent=0).encode("utf-8")
    atomic_write(docs / MANIFEST, data)


class _Listing:
    """The names each folder of docs/ held when a run first asked about it: one listing
    per folder rather than a system call per file (a full run asks about thousands).
    Asked only what was there before the run wrote into the folder."""

    def __init__(self, docs: Path) -> None:
        self.docs = docs
        self.folders: dict[str, frozenset[str]] = {}

    def holds(self, rel: str) -> bool:
        folder, _, name = rel.rpartition("/")
        names = self.folders.get(folder)
        if names is None:
            try:
                with os.scandir(self.docs / folder) as entries:
                    names = frozenset(entry.name for entry in entries)
            except OSError:
                names = frozenset()
            self.folders[folder] = names
        return name in names


class _Guard:
    """Refuses any folder on the way to a generated file that leads out of docs/
    (a symbolic link placed where a generated folder belongs)."""

    def __init__(self, docs: Path) -> None:
        self.root = docs.resolve()
        self.safe: set[PurePosixPath] = set()

    def check(self, docs: Path, rel: str) -> None:
        folder = PurePosixPath(rel).parent
        if folder in self.safe:
            return
        real = (docs / folder).resolve()
        if real != self.root and self.root not in real.parents:
            raise UnsafeOutput(
                f"docs/{folder} dẫn ra ngoài thư mục docs/ (liên kết tượng trưng); "
                "bienban không ghi hay xóa gì qua đó: hãy xóa liên kết này"
            )
        if (docs / rel).is_symlink():
            raise UnsafeOutput(f"docs/{rel} là một liên kết tượng trưng; bienban không ghi hay xóa qua nó")
        self.safe.add(folder)


def write_files(docs: Path, files: dict[str, bytes], report: Report,
                keep: set[str] | frozenset[str] = frozenset(), *, keep_rest: bool = False) -> WriteResult:
    """Make the generated part of ``docs`` hold exactly ``files`` plus ``keep``.

    ``keep`` names generated files known to be up to date (an incremental run did
    not render them again): they stay as they are.  ``keep_rest``: every generated
    file not in ``files`` stays as it is (a first step of a run, which writes a few
    pages; the last step says what goes).
    """
    writer = Writer(docs, report)
    try:
        writer.claim(files)
        for rel in sorted(files):
            writer.write(rel, files[rel])
    except BaseException:
        writer.abandon()
        raise
    return writer.finish(keep, keep_rest=keep_rest)


def in_memory(files: dict[str, bytes]) -> Callable[[str], ContextManager[HashingStream]]:
    """An opener like :meth:`Writer.open` that keeps each file's bytes in ``files``."""

    @contextlib.contextmanager
    def open_file(path: str) -> Iterator[HashingStream]:
        buffer = io.BytesIO()
        yield HashingStream(buffer)
        files[path] = buffer.getvalue()

    return open_file


class HashingStream:
    """Bytes written piece by piece to ``file``, counted and hashed on the way."""

    def __init__(self, file: BinaryIO) -> None:
        self.file = file
        self.size = 0
        self._digest = hashlib.sha256()

    def write(self, data: bytes) -> None:
        self.file.write(data)
        self._digest.update(data)
        self.size += len(data)

    @property
    def sha256(self) -> str:
        return self._digest.hexdigest()


def _file_digest(path: Path) -> str | None:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


class _DiskProcess:
    """Writes files to disk in a process of its own (:mod:`.disk_writer`), in the order
    given, while the caller goes on making the next ones.

    Creating a file costs the system a fraction of a millisecond (up to 1 ms on ext4 for
    minutes after thousands of files were deleted: its inode allocator steps over them),
    work another core can do while this one makes the next page; a full run writes tens of
    thousands.  A process, not a thread: a thread needs the interpreter's lock after every
    system call, and while the caller renders it gets it only at the switch interval
    (5 ms), so its queue filled and the caller waited for it (4.2 s of a run at 10,000
    meetings).  A fresh interpreter, not a fork: see :mod:`.disk_writer`.  It starts on
    the first write, in each process that writes (a forked render worker starts its own),
    and lives until :meth:`close`.  On one core, or when no process can be started, the
    files are written here, at once."""

    #: The pipe's buffer: about sixty pages on their way before the caller waits.
    PIPE_BYTES = 1 << 20
    #: How long the run waits for the child to end once its input is closed.
    PATIENCE = 30.0

    def __init__(self) -> None:
        self.process: subprocess.Popen[bytes] | None = None
        self.owner = 0  # the process that started it
        self.cut = False  # a frame was cut short (the caller interrupted): the child must read no more
        self.here = 0  # the process that writes its files itself (one core, or no child to be had)
        self.written: list[str] = []
        self.unchanged = 0

    def __getstate__(self) -> dict[str, Any]:
        """A writer goes from one process to another (pipeline.Unindexed): what is given
        so far reaches the disk first; the other process starts a writer of its own."""
        self.close()
        return {"written": self.written, "unchanged": self.unchanged}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__()  # type: ignore[misc]
        self.written, self.unchanged = state["written"], state["unchanged"]

    def put(self, rel: str, target: Path, data: bytes) -> None:
        process = None if self.here == os.getpid() else self._running() or self._start()
        if process is None:
            if disk_writer.store(target, data, atomic_write):
                self.written.append(rel)
            else:
                self.unchanged += 1
            return
        name = f"{rel}\0{target}".encode("utf-8", "surrogateescape")
        try:
            self._send(process, disk_writer.HEADER.pack(len(name), len(data)) + name)
            self._send(process, data)
        except OSError:  # the child ended: a write failed (its account says which), or it died
            self.cut = True
            self.close()
            raise RuntimeError("tiến trình ghi tệp đã dừng giữa chừng") from None
        except BaseException:  # interrupted, perhaps in the middle of a frame
            self.cut = True
            raise

    def drain(self) -> None:
        """Wait until every file given is on disk; raise what writing one raised."""
        process = self._running()
        if process is None:
            return
        if self.cut or not self._ask(process, disk_writer.ACCOUNT):
            self.close()
            return
        try:
            self._take(process)
        except BaseException:
            self.process = None
            self._release(process)
            raise

    def close(self) -> None:
        """Every file given on disk, and the child ended; raise what writing one raised."""
        process = self._running()
        if process is None:
            return
        self.process = None
        assert process.stdin is not None
        try:
            if self.cut:
                # A frame was cut: end the input, and let the child write what came whole.
                process.stdin.close()
                self._wait(process)
            elif self._ask(process, disk_writer.END):
                process.stdin.close()
            self._take(process)
        finally:
            self._release(process)

    def _release(self, process: subprocess.Popen[bytes]) -> None:
        """The child's input ended, the child waited for (it ends once it has read it all)
        and its pipes closed."""
        assert process.stdin is not None and process.stdout is not None
        with contextlib.suppress(OSError):
            process.stdin.close()
        self._wait(process)
        process.stdout.close()
        self.cut = False

    def _wait(self, process: subprocess.Popen[bytes]) -> None:
        """Wait for the child to end, a while, not for ever: a process forked from this one
        may hold its input open too."""
        try:
            process.wait(self.PATIENCE)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def _running(self) -> subprocess.Popen[bytes] | None:
        """The child, if this process started it (a forked process starts its own)."""
        if self.process is not None and self.owner != os.getpid():
            self.process, self.cut = None, False
        return self.process

    def _start(self) -> subprocess.Popen[bytes] | None:
        """The child, started (None: this process writes its files itself from now on, rather
        than ask again at every file)."""
        command = [sys.executable, "-I", "-S", str(Path(disk_writer.__file__))]
        try:
            if workers() < 2:
                raise OSError("one core")
            process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)
        except OSError:  # no second core, or no process to be had (memory, limits): write here
            self.here = os.getpid()
            return None
        assert process.stdin is not None
        with contextlib.suppress(OSError, AttributeError):  # Linux only; the default buffer works, slower
            import fcntl

            fcntl.fcntl(process.stdin.fileno(), fcntl.F_SETPIPE_SZ, self.PIPE_BYTES)
        self.process, self.owner, self.cut = process, os.getpid(), False
        return process

    @staticmethod
    def _send(process: subprocess.Popen[bytes], data: bytes) -> None:
        assert process.stdin is not None
        view = memoryview(data)
        while view:
            view = view[process.stdin.write(view) or 0 :]

    def _ask(self, process: subprocess.Popen[bytes], frame: bytes) -> bool:
        """Send a control frame (False: the child has ended; its last account says why)."""
        try:
            self._send(process, frame)
        except OSError:
            return False
        return True

    def _take(self, process: subprocess.Popen[bytes]) -> None:
        """Read the child's account; raise the error it carries, or say it died."""
        assert process.stdout is not None
        line = process.stdout.readline()
        if not line:
            process.wait()
            raise RuntimeError(f"tiến trình ghi tệp đã dừng (mã thoát {process.returncode})")
        account = json.loads(line.decode("utf-8", "surrogateescape"))
        self.written.extend(account["written"])
        self.unchanged += account["unchanged"]
        if (error := account["error"]) is not None:
            if "errno" in error:
                raise OSError(error["errno"], error["strerror"], error["filename"])
            raise RuntimeError(error["message"])


@dataclass
class WritePart:
    """What a worker's copy of a :class:`Writer` wrote (see :meth:`Writer.end_part`)."""

    owned: dict[str, str | None]
    seen: set[str]
    written: list[str]
    unchanged: int
    problems: list[Problem]


class Writer:
    """:func:`write_files` a few files at a time, so that a run need not hold them all.

    Every file is :meth:`claim`-ed (recorded in the manifest as the generator's own)
    before any is created, then :meth:`write`-n (by a process of its own: see
    :class:`_DiskProcess`); :meth:`finish` waits for the writes, removes what the
    previous run wrote and this one did not, and keeps the manifest."""

    def __init__(self, docs: Path, report: Report) -> None:
        self.docs = docs
        self.report = report
        self.previous = read_manifest(docs)
        self.claimed = dict(self.previous)
        self.guard = _Guard(docs)
        self.listing = _Listing(docs)
        self.guard.check(docs, MANIFEST)
        self.owned: dict[str, str | None] = {}
        self.seen: set[str] = set()  # every file given to write()
        self.result = WriteResult()
        self.disk = _DiskProcess()
        self.problems_before = 0  # see begin_part

    def claim(self, paths: Iterable[str]) -> None:
        """Record ``paths`` as the generator's own before creating any of them: if the run
        stops half-way (disk full, killed), the next run still knows they are its own."""
        added = False
        for rel in paths:
            if not _inside(rel) or rel == MANIFEST:
                raise ValueError(f"refusing to write outside the generated folders: {rel!r}")
            if rel not in self.claimed and not self.listing.holds(rel):
                self.claimed[rel] = None
                added = True
        if added:
            _write_manifest(self.docs, self.claimed)

    def write(self, rel: str, data: bytes) -> None:
        if not _inside(rel) or rel == MANIFEST:
            raise ValueError(f"refusing to write outside the generated folders: {rel!r}")
        docs = self.docs
        target = docs / rel
        self.guard.check(docs, rel)
        self.seen.add(rel)
        # Neither written by a previous run nor claimed by this one (claimed: not there before it).
        if rel not in self.claimed and self.listing.holds(rel):
            if not target.is_file() or target.read_bytes() != data:
                self.report.warning(
                    f"docs/{rel}", 1,
                    "tệp này không do bienban tạo ra nên không bị ghi đè; hãy chuyển nó ra khỏi "
                    f"thư mục docs/{PurePosixPath(rel).parts[0]}/ (thư mục dành cho trang sinh tự động)",
                )
                return
        self.owned[rel] = _digest(data)
        self.disk.put(rel, target, data)

    @contextlib.contextmanager
    def open(self, rel: str) -> Iterator[HashingStream]:
        """:meth:`write` piece by piece, for a file too large to hold (the open data)."""
        if not _inside(rel) or rel == MANIFEST:
            raise ValueError(f"refusing to write outside the generated folders: {rel!r}")
        target = self.docs / rel
        self.guard.check(self.docs, rel)
        self.seen.add(rel)
        self.disk.drain()  # the files before this one first: ``written`` keeps the order of the calls
        fd, tmp = temporary_file(target.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                stream = HashingStream(handle)
                yield stream
            digest = stream.sha256
            if rel not in self.previous and target.exists() and _file_digest(target) != digest:
                self.report.warning(
                    f"docs/{rel}", 1,
                    "tệp này không do bienban tạo ra nên không bị ghi đè; hãy chuyển nó ra khỏi "
                    f"thư mục docs/{PurePosixPath(rel).parts[0]}/ (thư mục dành cho trang sinh tự động)",
                )
            else:
                self.owned[rel] = digest
                if target.is_file() and _file_digest(target) == digest:
                    self.disk.unchanged += 1
                else:
                    os.replace(tmp, target)
                    self.disk.written.append(rel)
        finally:
            tmp.unlink(missing_ok=True)

    def drain(self) -> None:
        """Let the files given so far reach the disk (before a process forks: it starts a
        writing process of its own); raise what writing one raised."""
        self.disk.drain()

    # A forked worker writes some of the run's files with its copy of the writer and
    # hands back what it did (pages.render.write_pages, the views beside the pages).

    def part(self, work: Callable[[], None]) -> WritePart:
        """In a worker: run ``work`` and give the account of what it wrote; if it fails,
        what it gave reaches the disk, as in one process, and its error is raised."""
        self.begin_part()
        try:
            work()
        except BaseException:
            self.abandon()
            raise
        return self.end_part()

    def begin_part(self) -> None:
        """In a worker: what is written from now on is what :meth:`end_part` accounts for."""
        self.disk.drain()
        self.owned, self.seen = {}, set()
        self.disk.written, self.disk.unchanged = [], 0
        self.problems_before = len(self.report.problems)

    def end_part(self) -> WritePart:
        """In a worker: every file since :meth:`begin_part` on disk, and the account of them."""
        self.disk.drain()
        return WritePart(self.owned, self.seen, self.disk.written, self.disk.unchanged,
                         self.report.problems[self.problems_before:])

    def merge(self, part: WritePart) -> None:
        """In the parent: a worker's part, as if this writer had written it."""
        self.owned.update(part.owned)
        self.seen |= part.seen
        self.disk.written.extend(part.written)
        self.disk.unchanged += part.unchanged
        self.report.problems.extend(part.problems)

    def abandon(self) -> None:
        """The run failed: let the files given so far reach the disk, say nothing more."""
        with contextlib.suppress(Exception):
            self.disk.close()

    def finish(self, keep: set[str] | frozenset[str] = frozenset(), *, keep_rest: bool = False) -> WriteResult:
        """Keep ``keep`` (files known to be up to date; with ``keep_rest``, every file
        not written), remove every other file the previous run wrote that this one did
        not, and write the manifest."""
        self.disk.close()
        docs, previous, owned, result = self.docs, self.previous, self.owned, self.result
        result.written[:0] = self.disk.written
        result.unchanged += self.disk.unchanged
        if keep_rest:
            owned.update({rel: digest for rel, digest in previous.items() if rel not in owned})
        for rel in keep:
            if rel in previous and rel not in owned and (docs / rel).is_file():
                owned[rel] = previous[rel]
                result.unchanged += 1
        for rel in sorted(set(previous) - set(owned)):
            if rel in self.seen or not _inside(rel) or rel == MANIFEST:
                continue
            target = docs / rel
            self.guard.check(docs, rel)
            recorded = previous[rel]
            try:
                edited = recorded is not None and _digest(target.read_bytes()) != recorded
            except OSError:
                continue  # already gone (or a folder now): nothing of ours to remove
            if edited:
                self.report.warning(
                    f"docs/{rel}", 1,
                    "trang sinh tự động này không còn cần nữa nhưng đã bị sửa tay nên không bị xóa; "
                    "nếu không dùng, hãy tự xóa nó",
                )
                continue
            target.unlink(missing_ok=True)
            result.removed.append(rel)
            _prune_empty_dirs(docs, PurePosixPath(rel).parent)
        _write_manifest(docs, owned)
        return result


def _prune_empty_dirs(docs: Path, rel_dir: PurePosixPath) -> None:
    while rel_dir.parts:
        folder = docs / rel_dir
        try:
            folder.rmdir()  # only succeeds when empty
        except OSError:
            return
        rel_dir = rel_dir.parent
