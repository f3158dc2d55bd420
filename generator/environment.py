"""The build environment: what one run keeps for the next, and what is outdated now.

As Sphinx's ``BuildEnvironment``, one object holds the state of incremental runs
(``bienban serve`` keeps it in memory, ``build --incremental`` reads it from one
pickle, ``docs/.bienban/environment.pickle``):

- what each record file and registry file gave when last read (by path, checked
  by modification time and size), so that only changed files are read again;
- the linked graph (:class:`~generator.graph.linked.LinkedGraph`), updated in
  place for an edit of records; ``build --incremental`` pickles it with the records
  it was made from (flat: it is cyclic), so that the next one updates it too (a full
  build does not: it frees the graph as soon as it can, and pickling it would hold
  a table of every object at the moment memory is highest; nor does ``serve``,
  which keeps it in memory);
- each generated page's dependencies (the meetings it shows) and every entity's
  page, so that only pages showing a changed meeting are rendered again;
- a fingerprint of the other inputs (templates, registries, hand-written pages).

One version check: the environment is thrown away when the generator's code (its
bytes, not its file times) is not the code that made it.
"""

from __future__ import annotations

import gc
import hashlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .graph.linked import CYCLIC_TYPES, LinkedGraph
from .graph.model import Site, url_key
from .pages.render import Page, entity_page
from .pickled import read_pickles, write_pickles
from .project import Project
from .publish.write import STATE_DIR, hand_written_pages
from .records.corpus import Loaded, PickledEntries, Stamp, stamp
from .records.registry import Read, Registry

ENVIRONMENT_FILE = "environment.pickle"
#: Where the workers that read record files leave them pickled (see :class:`PickledEntries`).
PICKLED_RECORDS_DIR = "records"
#: A page that did not exist before the run.
_NEW_PAGE = frozenset({"<new page>"})


def code_version() -> str:
    """A digest of the generator's code and data: a state made by other code is never trusted."""
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for path in sorted([*package.rglob("*.py"), *package.rglob("data/*")]):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


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


def inputs_fingerprint(project: Project) -> str:
    """Everything besides records that shapes many pages at once."""
    return fingerprint([
        *project.templates.rglob("*.j2"), *(project.records / "_registry").glob("*"),
        *hand_written_pages(project.docs),
    ])


@dataclass
class BuildEnvironment:
    version: str = ""
    records: dict[str, tuple[Stamp, Loaded]] = field(default_factory=dict)  # record file → what it gave
    registries: dict[str, tuple[Stamp, Read]] = field(default_factory=dict)  # registry file → what it gave
    inputs: str = ""  # templates, registries, hand-written pages (see inputs_fingerprint)
    urls: dict[str, str] = field(default_factory=dict)  # entity → its page ("" for a place with none)
    meetings: dict[str, str] = field(default_factory=dict)  # meeting key → record path
    deps: dict[str, frozenset[str] | None] = field(default_factory=dict)  # page → meeting keys (None: all)
    #: Per meeting key: where its bare numbers ("Kết luận số 43") linked, as (start, end, document key).
    bare: dict[str, list[tuple[int, int, str]]] = field(default_factory=dict)
    #: Meetings changed by runs that stopped on errors, whose pages are still to render
    #: (None: everything is).
    unrendered: set[str] | None = field(default_factory=set)
    #: The linked graph and the registry it was made with (pickled by ``build --incremental`` only).
    graph: LinkedGraph | None = None
    graph_registry: Registry | None = None
    #: The records' entries as the workers that read them pickled them (this run's only).
    pickled: PickledEntries | None = None

    # ------------------------------------------------------------ one pickle, one version

    @classmethod
    def fresh(cls) -> "BuildEnvironment":
        return cls(version=code_version())

    @classmethod
    def load(cls, project: Project) -> "BuildEnvironment":
        """The environment the last run left, or a fresh one (none, unreadable, other code)."""
        collecting = gc.isenabled()
        gc.disable()  # millions of objects, none garbage: the collector would walk them again and again
        try:
            found = read_pickles(project.docs / STATE_DIR / ENVIRONMENT_FILE, cls)
        finally:
            if collecting:
                gc.enable()
        if found is None or found[0].version != code_version():
            return cls.fresh()
        env, records, linked = found
        env.records = dict(records)
        if linked is not None:
            # The registries come with the graph: the graph's registry is the same entries.
            env.registries, env.graph, env.graph_registry = linked
        return env

    def save(self, project: Project, *, pending: bool = False, with_graph: bool = False) -> None:
        """Pickle the environment; ``pending``: beside the current one, until :meth:`commit`
        (a run that saves before it is done, to free what it saved, and may not finish).
        ``with_graph``: the linked graph too, with the records and registries it shares
        objects with, in one stream (see :mod:`generator.pickled`)."""
        path = project.docs / STATE_DIR / ENVIRONMENT_FILE
        path = path.with_name(path.name + ".pending") if pending else path
        if with_graph and self.graph is not None:
            write_pickles(path, self, self.records.items(), linked=(self.registries, self.graph, self.graph_registry),
                          cyclic=CYCLIC_TYPES)
        else:
            # Each record file's entry is pickled on its own: one pickle of everything would
            # remember every object it wrote until the end (a third more memory at 10,000);
            # those a worker pickled already are copied.
            write_pickles(path, self, self.records.items() if self.pickled is None
                          else self.pickled.pieces(self.records.items()))
        if self.pickled is not None:
            self.pickled.clear()

    def commit(self, project: Project) -> None:
        """The pending environment (see :meth:`save`) becomes the current one."""
        path = project.docs / STATE_DIR / ENVIRONMENT_FILE
        os.replace(path.with_name(path.name + ".pending"), path)

    def forget(self, project: Project) -> None:
        """No saved environment: after a run that stopped half-way, the next one is full."""
        path = project.docs / STATE_DIR / ENVIRONMENT_FILE
        path.unlink(missing_ok=True)
        path.with_name(path.name + ".pending").unlink(missing_ok=True)
        if self.pickled is not None:
            self.pickled.clear()

    def saved(self, project: Project) -> bool:
        return (project.docs / STATE_DIR / ENVIRONMENT_FILE).exists()

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["graph"] = state["graph_registry"] = None  # cyclic and large: pickled apart (see save)
        state["records"] = {}  # pickled one by one after the rest, or with the graph (see save)
        state["pickled"] = None  # this run's files
        return state

    def pickled_records(self, project: Project) -> PickledEntries:
        """Where this run's workers leave the records they read, pickled."""
        if self.pickled is None:
            self.pickled = PickledEntries(project.docs / STATE_DIR / PICKLED_RECORDS_DIR)
        return self.pickled

    # ------------------------------------------------------------ what is outdated

    def registry(self, shown: str, path: Path, read: Callable[[], Read]) -> Read:
        """A registry file as ``read`` gives it, read again only when it changed."""
        now = stamp(path)
        hit = self.registries.get(shown)
        if hit is None or hit[0] != now:
            hit = self.registries[shown] = (now, read())
        return hit[1]

    def graph_for(self, registry: Registry) -> LinkedGraph | None:
        """The graph kept in memory, if it was made with this same registry (the same
        entries, read from the same files): an edit of the registry links everything again."""
        if self.graph is None or self.graph_registry is None:
            return None
        same = all(len(a) == len(b) and all(x[2] is y[2] for x, y in zip(a, b)) for a, b in
                   ((self.graph_registry.documents, registry.documents), (self.graph_registry.people, registry.people),
                    (self.graph_registry.organizations, registry.organizations)))
        return self.graph if same else None

    def first_pages(self, site: Site, changed_meetings: set[str] | None, inputs: str) -> list[Page] | None:
        """The pages a preview shows first after an edit: those of the changed meetings
        and of the entities the edit brought (a new person, a new document).  None when
        the change is not a small one (see :meth:`pages_to_render`)."""
        if changed_meetings is None or not self.deps or self.inputs != inputs:
            return None
        urls = _urls(site)
        if any(self.urls[key] != url for key, url in urls.items() if key in self.urls):
            return None
        firsts: dict[str, Page] = {}
        for entity in site.entities():
            key = f"{entity.kind}:{entity.key}"
            if (entity.kind == "meeting" and entity.key in changed_meetings) or key not in self.urls:
                page = entity_page(entity)
                if page is not None:
                    firsts[page.path] = page
        return list(firsts.values())

    def pages_to_render(self, site: Site, pages: list[Page], changed_meetings: set[str] | None,
                        inputs: str, docs: Path) -> set[str]:
        """Paths of the pages to render again; all of them unless the change is a small one.

        ``changed_meetings``: keys of the meetings whose data changed (None: not known).
        Pages that show none of them are up to date, unless something that shapes every
        page changed: a template, a registry, a hand-written page, an entity's address
        (a slug taken over, a place gaining or losing its page).
        """
        everything = {page.path for page in pages}
        urls = _urls(site)
        old_urls, self.urls = self.urls, urls
        old_deps, self.deps = self.deps, {page.path: page.deps for page in pages}
        old_inputs, self.inputs = self.inputs, inputs
        old_meetings, self.meetings = self.meetings, {m.key: m.path for m in site.meetings}
        if changed_meetings is None or not old_deps or old_inputs != inputs:
            return everything
        # An entity added or removed changes only the pages of the meetings that name it;
        # one that kept its key but changed its address changes every page linking to it.
        if any(old_urls[key] != url for key, url in urls.items() if key in old_urls):
            return everything
        changed = set(changed_meetings)
        # Entities come and go with the records: a page that links a body by name (see
        # pages.render._bodies_named) depends on the body's url key, "organization:…".
        changed |= urls.keys() ^ old_urls.keys()
        changed |= {key for key, path in old_meetings.items() if self.meetings.get(key) != path}
        changed |= {key for key, path in self.meetings.items() if old_meetings.get(key) != path}
        selected: set[str] = set()
        for page in pages:
            before = old_deps.get(page.path, _NEW_PAGE)
            if (page.deps is None or before is None or before is _NEW_PAGE
                    or (page.deps | before) & changed or not (docs / page.path).exists()):
                selected.add(page.path)
        return selected


def _urls(site: Site) -> dict[str, str]:
    urls: dict[str, str] = {}
    for entity in site.entities():
        # A place that gains or loses its page changes every link to it.
        urls[url_key(entity.kind, entity.key)] = entity.page if entity.has_page else ""
    return urls
