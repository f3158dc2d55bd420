"""Stage 6, write: generated files onto disk, touching only what changed.

The writer owns the generated sections of ``docs/`` and nothing else.  It keeps a
manifest of what it wrote, so it removes only stale files it generated itself,
never a hand-written page; it writes a file only when its bytes change (so the
incremental MkDocs build and the live-reload server see only real edits), and
writes atomically (temp file + rename), so a crash never leaves half a page.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .errors import Report

#: Folders of docs/ that belong to the generator (git-ignored).
GENERATED_ROOTS = ("hoi-nghi", "van-ban", "nhan-vat", "co-quan", "dia-phuong", "chu-de", "nam", "chi-muc")
#: Hidden from MkDocs (dot folder): the manifest and the home page fragment.
STATE_DIR = ".bienban"
MANIFEST = f"{STATE_DIR}/manifest.json"


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


def read_manifest(docs: Path) -> set[str]:
    try:
        return set(json.loads((docs / MANIFEST).read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return set()


def write_files(docs: Path, files: dict[str, bytes], report: Report) -> WriteResult:
    """Make the generated part of ``docs`` hold exactly ``files``."""
    result = WriteResult()
    previous = read_manifest(docs)
    owned: set[str] = set()
    for rel in sorted(files):
        if not _inside(rel):
            raise ValueError(f"refusing to write outside the generated folders: {rel!r}")
        target = docs / rel
        if target.exists() and rel not in previous and rel != MANIFEST:
            if target.read_bytes() != files[rel]:
                report.warning(
                    f"docs/{rel}", 1,
                    "tệp này không do bienban tạo ra nên không bị ghi đè; hãy chuyển nó ra khỏi "
                    f"thư mục docs/{PurePosixPath(rel).parts[0]}/ (thư mục dành cho trang sinh tự động)",
                )
                continue
        owned.add(rel)
        try:
            if target.read_bytes() == files[rel]:
                result.unchanged += 1
                continue
        except OSError:
            pass
        atomic_write(target, files[rel])
        result.written.append(rel)
    for rel in sorted(previous - owned):
        if _inside(rel) and rel not in files:
            (docs / rel).unlink(missing_ok=True)
            result.removed.append(rel)
            _prune_empty_dirs(docs, PurePosixPath(rel).parent)
    manifest = json.dumps(sorted(owned), ensure_ascii=False, indent=0).encode("utf-8")
    atomic_write(docs / MANIFEST, manifest)
    return result


def _prune_empty_dirs(docs: Path, rel_dir: PurePosixPath) -> None:
    while rel_dir.parts:
        folder = docs / rel_dir
        try:
            folder.rmdir()  # only succeeds when empty
        except OSError:
            return
        rel_dir = rel_dir.parent
