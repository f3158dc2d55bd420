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
import queue
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO, ContextManager

from ..graph.model import SECTIONS
from ..problems import Problem, Report

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


def atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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


class _DiskThread:
    """Writes files to disk on one thread, in the order given, while the caller goes on
    making the next ones.

    Creating a file costs the system up to 1 ms on some file systems (measured on ext4
    for minutes after thousands of files were deleted: its inode allocator steps over
    them), work another core can do while this one makes the next page; a full run
    writes thousands.  At most :data:`PENDING` files wait at once.
    The thread lives only between the first write and :meth:`drain`, so that no
    process forks with it running."""

    PENDING = 128

    def __init__(self) -> None:
        self.jobs: queue.Queue[tuple[str, Path, bytes] | None] = queue.Queue(self.PENDING)
        self.thread: threading.Thread | None = None
        self.written: list[str] = []
        self.unchanged = 0
        self.error: BaseException | None = None

    def __getstate__(self) -> dict[str, Any]:
        """A writer goes from one process to another (pipeline.Unindexed): what is given
        so far reaches the disk first; the other process starts a thread of its own."""
        self.drain()
        return {"written": self.written, "unchanged": self.unchanged}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__()  # type: ignore[misc]
        self.written, self.unchanged = state["written"], state["unchanged"]

    def put(self, rel: str, target: Path, data: bytes) -> None:
        self._raise()
        if self.thread is None:
            self.thread = threading.Thread(target=self._run, name="bienban-write", daemon=True)
            self.thread.start()
        self.jobs.put((rel, target, data))

    def drain(self) -> None:
        """Wait until every file is on disk; raise what writing one raised."""
        if self.thread is not None:
            self.jobs.put(None)
            self.thread.join()
            self.thread = None
        self._raise()

    def _raise(self) -> None:
        if self.error is not None:
            error, self.error = self.error, None
            raise error

    def _run(self) -> None:
        while (job := self.jobs.get()) is not None:
            if self.error is None:  # after a failure the rest is dropped: the run stops
                try:
                    self._store(*job)
                except BaseException as exc:  # noqa: BLE001 - raised in the caller's thread
                    self.error = exc

    def _store(self, rel: str, target: Path, data: bytes) -> None:
        try:
            if target.read_bytes() == data:
                self.unchanged += 1
                return
        except OSError:
            pass
        atomic_write(target, data)
        self.written.append(rel)


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
    before any is created, then :meth:`write`-n (on a thread of its own: see
    :class:`_DiskThread`); :meth:`finish` waits for the writes, removes what the
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
        self.disk = _DiskThread()
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
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
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
            Path(tmp).unlink(missing_ok=True)

    def drain(self) -> None:
        """Let the files given so far reach the disk (and end the thread writing them:
        before a process forks); raise what writing one raised."""
        self.disk.drain()

    # A forked worker writes some of the run's files with its copy of the writer and
    # hands back what it did (pages.render.write_pages).

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
            self.disk.drain()

    def finish(self, keep: set[str] | frozenset[str] = frozenset(), *, keep_rest: bool = False) -> WriteResult:
        """Keep ``keep`` (files known to be up to date; with ``keep_rest``, every file
        not written), remove every other file the previous run wrote that this one did
        not, and write the manifest."""
        self.disk.drain()
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
