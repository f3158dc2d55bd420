"""What an incremental run (``serve``, ``build --incremental``) must render again.

Each generated page records the meetings whose data it shows.  After an edit,
only pages that show a changed (added, edited or removed) meeting are rendered
again; index pages always are.  Anything that can change many pages at once —
templates, registries, the code, an entity's URL — makes the run a full one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .graph.model import Site
from .pages.render import Page
from .pickled import read_pickle, write_pickle

STATE_FILE = "state.pickle"


def fingerprint(paths: Iterable[Path]) -> str:
    """Names, sizes and modification times of files (not their bytes: fast)."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        try:
            stat = path.stat()
        except OSError:
            continue
        digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


@dataclass
class BuildState:
    inputs: str = ""  # templates, registries and generator code
    urls: dict[str, str] = field(default_factory=dict)  # entity key → page
    meetings: dict[str, str] = field(default_factory=dict)  # meeting key → record path
    deps: dict[str, frozenset[str] | None] = field(default_factory=dict)  # page → meeting keys

    @classmethod
    def read(cls, path: Path) -> "BuildState | None":
        return read_pickle(path, cls)

    def write(self, path: Path) -> None:
        write_pickle(path, self)


def current_state(site: Site, pages: list[Page], inputs: str) -> BuildState:
    urls: dict[str, str] = {}
    for entity in site.entities():
        # A place that gains or loses its page changes every link to it: render all again.
        urls[f"{entity.kind}:{entity.key}"] = entity.page if entity.has_page else ""
    return BuildState(
        inputs=inputs,
        urls=urls,
        meetings={m.key: m.path for m in site.meetings},
        deps={page.path: page.deps for page in pages},
    )


def pages_to_render(
    pages: list[Page], old: BuildState | None, new: BuildState, fresh_records: set[str], docs: Path
) -> set[str]:
    """Paths of the pages to render; all of them unless the change is a small one."""
    everything = {page.path for page in pages}
    if old is None or old.inputs != new.inputs or old.urls != new.urls:
        return everything
    changed = {key for key, path in new.meetings.items() if path in fresh_records}
    changed |= {key for key, path in old.meetings.items() if new.meetings.get(key) != path}
    selected: set[str] = set()
    for page in pages:
        before = old.deps.get(page.path, frozenset({"<new page>"}))
        if (
            page.deps is None
            or before is None
            or not (docs / page.path).exists()
            or (page.deps | before) & changed
            or "<new page>" in before
        ):
            selected.add(page.path)
    return selected
