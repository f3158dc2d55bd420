"""The run layer: the stages in order, and nothing else.

    check      records → validated records → linked graph (and every problem)
    generate   graph → pages, readers' views and search index, written into docs/
    build site docs/ → site/ with MkDocs (publish/mkdocs_run.py)

``cli`` and ``serve`` call only this module (and :mod:`generator.project`).  What
an incremental run (``serve``, ``build --incremental``) keeps between runs and what
it finds outdated is the :class:`~generator.environment.BuildEnvironment`'s.

Generation comes in two steps, so that a preview shows an edited page before the
work that depends on every meeting is done: :func:`update_pages` renders and
writes the pages that show the changed meetings; :func:`update_rest` then the
indexes, statistics, feeds, open data and search index.  :func:`generate` runs
both.  A run with record errors writes nothing and leaves the last good ``site/``
exactly as it was.
"""

from __future__ import annotations

import gc
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

from .environment import BuildEnvironment, fingerprint, inputs_fingerprint
from .graph.linked import LinkedGraph, LinkingAsRead
from .graph.model import Site
from .language.geography import load_geography
from .pages.render import Page, Renderer, home_fragment, plan_pages, render_pages, write_pages
from .parallel import (
    MEMORY_BUDGET,
    Forked,
    affordable,
    give_back_memory,
    in_background,
    resident_bytes,
    trim_memory,
    workers,
)
from .problems import RecordErrors, Report, SiteBuildError, TemplateErrors
from .project import Project, SiteOptions
from .publish.engine import loaded_name as engine_name
from .publish.mkdocs_run import (
    BuiltSite,
    build_pages,
    load_engine,
    mirror_generated,
    run_mkdocs,
    swap_in,
)
from .publish.write import (
    HOME_FRAGMENT,
    INDEX_DIR,
    STATE_DIR,
    Writer,
    WritePart,
    WriteResult,
    hand_written_entries,
    write_files,
)
from .records.corpus import load_records
from .records.loader import find_record_files
from .records.registry import Registry, failed_ids, load_registry, with_ids
from .search import entries as search_entries
from .search.index import SearchEntry, build_search_files
from .search.index_process import IndexProcess, spill, unspill
from .views.feeds import entity_feed, feed_files, followed
from .views.plan import view_file_paths, view_files, write_view_files

__all__ = [
    "BuildResult", "GenerateResult", "PagesUpdate", "Preview", "RecordErrors", "SiteBuildError", "build_site", "check",
    "PreviewSite", "WriteResult", "engine_name", "fingerprint", "generate", "hand_written_entries", "load_engine",
    "registry",
    "update_pages", "update_rest",
]

#: An update of more record files than this (or than 5% of them) links the whole graph
#: again rather than changing it in place.
IN_PLACE_LIMIT = 50


@dataclass
class GenerateResult:
    meetings: int
    report: Report
    pages: int
    files: int
    write: WriteResult
    seconds: float


@dataclass
class BuildResult:
    generate: GenerateResult
    mkdocs_seconds: float
    site_dir: Path
    warnings: list[str] = field(default_factory=list)


# ------------------------------------------------------------------ check


def check(project: Project, env: BuildEnvironment | None = None) -> tuple[Site | None, Report]:
    """Load, validate and cross-reference every record; report every problem at once."""
    site, report, _ = _check(project, env)
    return site, report


def _check(project: Project, env: BuildEnvironment | None) -> tuple[Site | None, Report, set[str] | None]:
    """The linked site, every problem, and the keys of the meetings whose data changed
    since the environment's last run (None: not known, e.g. the first run)."""
    report = Report()
    if not project.records.is_dir():
        report.error("records", 1, "không có thư mục records/ (nơi đặt các bản ghi)")
        return None, report, None
    known = bool(env is not None and env.records)
    read_registry = Report()  # its problems come after the records'
    registry = load_registry(project, read_registry, env)
    graph = env.graph_for(registry) if env is not None else None
    # No graph in memory (a first run, build --incremental), or the registry or the code
    # changed: every record is linked, from the first ones read while the others are.
    linking = LinkingAsRead(registry, load_geography()) if graph is None else None
    loaded, fresh = load_records(project.root, find_record_files(project.records), report,
                                 env.records if env is not None else None,
                                 env.pickled_records(project) if env is not None else None,
                                 each=linking.add if linking is not None else None)
    report.extend(read_registry)
    records = with_ids(loaded, report)
    failed = failed_ids(report)
    removed = len(env.meetings) + len(fresh) - len(records) if env is not None else 0
    if graph is not None and len(fresh) + max(removed, 0) <= max(IN_PLACE_LIMIT, len(records) // 20):
        site, found, changed = graph.update(records, failed)
        if found.errors:
            # The messages of a fresh link (which spelling came first…), exactly as a full run says them.
            graph, site, found = LinkedGraph.build(records, registry, load_geography(), failed)
    else:
        # Or many records changed: link every record again.
        if linking is not None:
            graph, site, found = linking.finish(records, failed)
        else:
            graph, site, found = LinkedGraph.build(records, registry, load_geography(), failed)
        changed = None
        if known and env is not None:
            changed = {m.key for m in site.meetings if m.path in fresh} | graph.bare_changes(env.bare)
    if env is not None:
        env.graph, env.graph_registry, env.bare = graph, registry, graph.bare_results
    report.extend(found)
    if report.errors and env is not None and env.pickled is not None:
        env.pickled.clear()  # no environment is saved: the records' part files go now, not at the next run
    return site, report, changed


# ------------------------------------------------------------------ generate


@contextmanager
def _no_cycle_collector() -> Iterator[None]:
    """The run builds a large graph that lives until its end; the cycle collector
    would walk it again and again to free nothing (0.5–1 s of a 4 s incremental
    run at 1,000 meetings).  What the run leaves behind is collected afterwards."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _renderer(project: Project) -> tuple[SiteOptions, Path, Renderer]:
    """The site owner's options, where compiled templates are kept between runs, and a renderer."""
    options = SiteOptions.read(project.config)
    compiled = project.docs / STATE_DIR / "templates"
    return options, compiled, Renderer(project.templates, allow_html=options.raw_html, cache=compiled)


@dataclass
class PagesUpdate:
    """What :func:`update_pages` did and leaves to :func:`update_rest`."""

    site: Site
    report: Report
    changed: set[str] | None  # keys of the meetings whose data changed (None: not known)
    inputs: str
    pages: list[Page] | None  # every page, when planned already
    selected: set[str] | None  # with them, the pages to render again
    rendered: set[str]
    write: WriteResult
    incremental: bool
    seconds: float


def update_pages(project: Project, env: BuildEnvironment | None = None) -> PagesUpdate:
    """The first step of a run: check, then render and write the pages an editor looks
    at first: after an edit of records, those of the changed meetings and of the
    entities the edit brought; otherwise (a full run, a template or a registry
    changed…) every page that shows few meetings.  Raises RecordErrors (nothing written) or TemplateErrors."""
    with _no_cycle_collector():
        started = time.perf_counter()
        site, report, changed = _check(project, env)
        if env is not None:
            # What a run stopped by errors changed is still to render, until a run ends well.
            changed = None if changed is None or env.unrendered is None else changed | env.unrendered
            env.unrendered = changed
        if site is None or report.errors:
            raise RecordErrors(report)
        options, compiled, renderer = _renderer(project)
        renderer.check()
        inputs = inputs_fingerprint(project)
        first = env.first_pages(site, changed, inputs) if env is not None else None
        pages: list[Page] | None = None
        selected: set[str] | None = None
        if first is None:
            pages = list(plan_pages(site))
            selected = (env.pages_to_render(site, pages, changed, inputs, project.docs) if env is not None
                        else {page.path for page in pages})
            # Pages of few meetings first; indexes and statistics (every meeting) with the rest.
            first = [page for page in pages if page.path in selected and page.deps is not None]
        files = render_pages(project.templates, first, allow_html=options.raw_html, cache=compiled)
        # Everything else stays as it is until update_rest.
        written = write_files(project.docs, files, report, keep_rest=True)
        return PagesUpdate(site, report, changed, inputs, pages, selected, set(files), written,
                           incremental=env is not None,
                           seconds=time.perf_counter() - started)


def update_rest(project: Project, update: PagesUpdate, env: BuildEnvironment | None = None, *,
                save_graph: bool = True) -> GenerateResult:
    """The second step: the other pages to render again (those that show a changed meeting
    among others, the indexes and statistics), the home page's fragment, the readers'
    views (feeds, open data) and the search index; the environment saved (with the
    linked graph unless not ``save_graph``)."""
    try:
        result = _update_rest(project, update, env, save_graph)
    except BaseException:
        if env is not None:
            env.deps = {}  # what this run rendered is not known: the next one renders everything
        raise
    return result


def _update_rest(project: Project, update: PagesUpdate, env: BuildEnvironment | None,
                 save_graph: bool) -> GenerateResult:
    with _no_cycle_collector():
        started = time.perf_counter()
        site, report, incremental = update.site, update.report, update.incremental
        options, compiled, renderer = _renderer(project)
        pages, selected = update.pages, update.selected
        if pages is None or selected is None:  # update_pages rendered only the pages of the edit
            assert env is not None
            pages = list(plan_pages(site))
            selected = env.pages_to_render(site, pages, update.changed, update.inputs, project.docs)
        feeds = _feeds_to_make(site, pages, selected, project.docs)
        # An incremental run builds the index and the views beside its other work, for
        # speed; a full run does them in turn: a child's memory adds up.
        entries = search_entries.for_site(site) + search_entries.for_hand_written(project.docs)
        search_files = in_background(lambda: build_search_files(entries), fork=incremental)
        views_made = in_background(lambda: view_files(site, renderer, site_name=options.site_name,
                                                      site_url=options.site_url, license=options.data_license,
                                                      feeds=feeds),
                                   fork=incremental)
        try:
            rest = [page for page in pages if page.path in selected and page.path not in update.rendered]
            files = render_pages(project.templates, rest, allow_html=options.raw_html, cache=compiled)
            files[HOME_FRAGMENT] = renderer.render_fragment(home_fragment(site))
        except TemplateErrors:  # let the background work end before reporting it
            search_files()
            try:
                views_made()
            except TemplateErrors:
                pass  # the first template error is the one reported
            raise
        try:
            files.update(views_made())
        except TemplateErrors:  # the open-data page's template
            search_files()
            raise
        page_paths = {p.path for p in pages}
        if feeds is not None:  # the other feeds are up to date
            page_paths.update(feed_files(site))
        meetings = len(site.meetings)
        saved: Callable[[], None] = lambda: None  # noqa: E731
        if env is not None:
            env.unrendered = set()
            # The records and the graph are read by the child as they are now.
            saved = in_background(lambda: env.save(project, with_graph=save_graph), fork=incremental)
        del site, update  # the graph is not needed any more: MkDocs may use the memory
        written = write_files(project.docs, {**files, **{f"{INDEX_DIR}/{rel}": data
                                                         for rel, data in search_files().items()}},
                              report, keep=page_paths)
        saved()
        return GenerateResult(meetings, report, len(pages), len(pages) + len(files), written,
                              time.perf_counter() - started)


def _feeds_to_make(site: Site, pages: list[Page], selected: set[str], docs: Path) -> set[str] | None:
    """The pages whose entity's feed is made again: those rendered again, and those
    whose feed is missing (None: every feed, when every page is rendered again)."""
    if len(selected) >= len(pages):
        return None
    missing = {entity.page for entity in followed(site) if not (docs / entity_feed(entity)).exists()}
    return selected | missing


def generate(project: Project, *, incremental: bool = False, env: BuildEnvironment | None = None) -> GenerateResult:
    """Records → Markdown in the generated folders of docs/.  Raises RecordErrors or TemplateErrors.

    ``incremental`` reads again only changed record files and renders again only the
    pages that show a changed meeting, with the environment the last run saved (or
    ``env``, which a long-running caller keeps in memory, updated in place).  A full
    run starts a fresh environment, saved for the incremental runs after it.
    """
    made = _generate(project, incremental=incremental, env=env)
    return made if isinstance(made, GenerateResult) else made.index(project)


def _generate(project: Project, *, incremental: bool = False, env: BuildEnvironment | None = None,
              index_apart: bool = False) -> GenerateResult | Unindexed:
    """:func:`generate`; with ``index_apart``, a full run stops short of its search index (see
    :class:`Unindexed`)."""
    keep = env is not None
    if env is None:
        env = BuildEnvironment.load(project) if incremental else BuildEnvironment.fresh()
    if not incremental and not env.deps:
        return _generate_full(project, env, keep=keep, index_apart=index_apart)
    first = update_pages(project, env)
    result = update_rest(project, first, env)
    result.seconds += first.seconds
    result.write.written[:0] = first.write.written
    result.write.removed[:0] = first.write.removed
    return result


@dataclass
class Unindexed:
    """A full run done but for its search index.  :func:`build_site` generates in a child
    process and builds the index in another once the first has ended: the first one's
    memory (what the linked site and the records held, in pieces the C library cannot
    give back to the system) is then gone, not under the index's."""

    writer: Writer
    report: Report
    meetings: int
    pages: int
    entries: Path  # the search entries, marshalled one after another
    seconds: float

    def index(self, project: Project) -> GenerateResult:
        """Build and write the search index, then finish the run as :func:`generate` does."""
        started = time.perf_counter()
        try:
            written = _write_index(project, BuildEnvironment(), self.writer, lambda: _index_from(self.entries))
        except BaseException:
            BuildEnvironment().forget(project)  # as the run would have: that needs only the project's paths
            raise
        return GenerateResult(self.meetings, self.report, self.pages, len(self.writer.seen), written,
                              self.seconds + time.perf_counter() - started)


#: Where a full run leaves the search entries for the process that builds the index
#: (see :mod:`generator.search.index_process` and :class:`Unindexed`).
ENTRIES_FILE = "search-entries.marshal"


def _write_index(project: Project, env: BuildEnvironment, writer: Writer,
                 entries: list[SearchEntry] | Callable[[], dict[str, bytes]]) -> WriteResult:
    """The search index built (or, from a function, its files as built elsewhere) and
    written; the run's writing finished, its environment current."""
    if callable(entries):
        built = entries()
    else:
        built = build_search_files(entries)
        del entries[:]
    index = {f"{INDEX_DIR}/{rel}": data for rel, data in built.items()}
    del built
    writer.claim(index)
    for rel in sorted(index):
        writer.write(rel, index.pop(rel))
    written = writer.finish()
    env.commit(project)
    return written


def _index_from(spilled: Path) -> dict[str, bytes]:
    """The search files built here from the entries in ``spilled``, read one at a time (the
    builder keeps only their words), and the file removed."""
    try:
        with spilled.open("rb") as handle:
            return build_search_files(unspill(handle))
    finally:
        spilled.unlink(missing_ok=True)


def _forget_records(site: Site) -> None:
    """What pages never read: each meeting's validated record and its fields' lines.
    (A function, so that no loop variable keeps a meeting, and so the linked site, alive.)"""
    for meeting in site.meetings:
        meeting.record = None
        if meeting.source is not None:
            meeting.source.lines = {}


def _generate_full(project: Project, env: BuildEnvironment, *, keep: bool,
                   index_apart: bool = False) -> GenerateResult | Unindexed:
    """A full run, holding as little at once as it can: each output is written as soon
    as it is made, in turn (a second process's memory would add up).  Unless the caller
    ``keep``s the environment in memory (``serve``), the records go once the
    environment is saved and the linked site once the pages and views are written,
    before the search index, which needs only each page's entries, is built (with
    ``index_apart``, by whoever calls :meth:`Unindexed.index`, once this process has
    ended; the entries wait on disk, written one by one as they are made).  A
    template that fails half-way leaves docs/ part new, part old (never site/: MkDocs
    does not run then) and no environment: the next incremental run is a full one (so does one
    killed half-way: the environment saved early is only pending until the end)."""
    with _no_cycle_collector():
        started = time.perf_counter()
        site, report, _ = _check(project, env)
        if site is None or report.errors:
            raise RecordErrors(report)
        options, compiled, renderer = _renderer(project)
        renderer.check()
        pages = list(plan_pages(site))
        env.pages_to_render(site, pages, None, inputs_fingerprint(project), project.docs)  # records every page's deps
        env.unrendered = set()
        env.save(project, pending=True)  # current once every file is written
        if not keep:
            # Saved: nothing in this run reads the records again, nor links the graph
            # again.  Pages read each meeting's own fields, never its validated record;
            # the line of every field was for messages, all given by now.
            env.records.clear()
            env.graph = env.graph_registry = None
            _forget_records(site)
            # What is freed (the records, the linker's tables) was freed as its last reference
            # went: none of it is cycles (a collection here, 1.5 s at 10,000 meetings, found 5
            # objects).  The C library keeps the memory unless asked to give it back.
            trim_memory()
        # Rendering leaves cycles behind (Jinja's contexts and macros) that only the cycle
        # collector frees.  It runs from here on, over what is made from now, not over the
        # linked site (frozen: nor do forked workers then copy the site's memory as the
        # collector marks it).
        gc.freeze()
        gc.enable()
        writer = Writer(project.docs, report)
        spilled = project.docs / STATE_DIR / ENTRIES_FILE
        index_beside: IndexProcess | None = None
        views_beside: Forked[WritePart] | None = None
        try:
            if not keep:
                # The search index needs only each page's entry: they are written out now, one
                # by one (the meetings' hold their whole text), for a process of its own that
                # builds it while this one renders.  Not for serve (``keep``): its later
                # indexes reuse what this one tokenized.
                _spill_entries(site, project.docs, spilled)
                index_beside = _start_index(spilled)
            writer.claim([*(p.path for p in pages), HOME_FRAGMENT, *view_file_paths(site)])
            views_beside = _start_views(site, renderer, writer, options)
            write_pages(project.templates, pages, writer, allow_html=options.raw_html, cache=compiled)
            writer.write(HOME_FRAGMENT, renderer.render_fragment(home_fragment(site)))
            page_count = len(pages)
            del pages
            if views_beside is not None:
                writer.drain()  # the pages' account first, as when the views come after them
                writer.merge(views_beside.result())
                views_beside = None
            else:
                _write_views(site, renderer, writer, options)
            meetings = len(site.meetings)
            if index_beside is not None:
                written = _write_index(project, env, writer, index_beside.files)
                return GenerateResult(meetings, report, page_count, len(writer.seen), written,
                                      time.perf_counter() - started)
            if index_apart:
                return Unindexed(writer, report, meetings, page_count, spilled, time.perf_counter() - started)
            if keep:
                entries = search_entries.for_site(site) + search_entries.for_hand_written(project.docs)
                written = _write_index(project, env, writer, entries)
            else:
                # The linked site is cycles (a meeting links its neighbours, they link it
                # back): only the collector frees it, for the index to use the memory.
                del site
                env.graph = env.graph_registry = None
                gc.unfreeze()
                give_back_memory()
                written = _write_index(project, env, writer, lambda: _index_from(spilled))
        except BaseException:
            if index_beside is not None:
                index_beside.stop()
            if views_beside is not None:
                views_beside.stop()
            spilled.unlink(missing_ok=True)
            writer.abandon()
            env.forget(project)
            raise
        finally:
            gc.disable()
            gc.unfreeze()
        return GenerateResult(meetings, report, page_count, len(writer.seen), written, time.perf_counter() - started)


def _write_views(site: Site, renderer: Renderer, writer: Writer, options: SiteOptions) -> None:
    write_view_files(site, renderer, writer.write, writer.open, site_name=options.site_name,
                     site_url=options.site_url, license=options.data_license)


def _start_views(site: Site, renderer: Renderer, writer: Writer, options: SiteOptions) -> Forked[WritePart] | None:
    """The views (feeds, open data) written by a forked child while the pages render,
    if the pages' workers and it fit in memory beside this process (None: written
    here, after the pages).  It hands back the account of what it wrote."""
    count = workers()
    if count < 2 or not affordable(count + 1):
        return None

    writer.drain()  # no thread of ours runs while the child forks
    return Forked(lambda: writer.part(lambda: _write_views(site, renderer, writer, options)))


def _spill_entries(site: Site, docs: Path, spilled: Path) -> None:
    """Every page's search entry, marshalled into ``spilled`` one after another."""
    spilled.parent.mkdir(parents=True, exist_ok=True)
    with spilled.open("wb") as handle:
        for entry in chain(search_entries.each_for_site(site), search_entries.for_hand_written(docs)):
            spill(entry, handle)


def _start_index(spilled: Path) -> IndexProcess | None:
    """The process that builds the search index beside the rendering, if there is a
    second core and its memory fits beside this process's (None: built here, or by
    :class:`Unindexed`, once the linked site is gone)."""
    if workers() < 2 or resident_bytes() + IndexProcess.memory(spilled) > MEMORY_BUDGET:
        return None
    try:
        return IndexProcess(spilled)
    except OSError:  # no process to be had: built here, later
        return None


# ------------------------------------------------------------------ build the site


def build_site(project: Project, site_dir: Path | None = None, *, incremental: bool = False,
               strict: bool = True, offline: bool = False) -> BuildResult:
    """Generate, then build the site.  The previous site is replaced only on success.

    ``offline``: the copy for reading from disk (offline.py), in ``project.offline_site``
    unless ``site_dir`` says otherwise; always a full build."""
    target = site_dir or (project.offline_site if offline else project.site)
    if incremental and not offline and target.exists():
        result = generate(project, incremental=True)
        started = time.perf_counter()
        warnings = run_mkdocs(project, target, dirty=True, strict=False)
        mirror_generated(project, target, result.write)
        return BuildResult(result, time.perf_counter() - started, target, warnings)
    # Generated in a child process: its memory (records, graph, pages) is all
    # given back before MkDocs, which holds every page's HTML at once, starts.
    # The search index is built in a second child once the first has ended, on
    # top of nothing the linked site left behind.
    made = in_background(lambda: _generate(project, incremental=incremental, index_apart=True))()
    result = made if isinstance(made, GenerateResult) else in_background(lambda: made.index(project))()
    started = time.perf_counter()
    staging = target.with_name(f".{target.name}.building")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        warnings = run_mkdocs(project, staging, strict=strict, offline=offline)
    except BaseException as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(exc, SiteBuildError):
            exc.report = result.report  # the generation's warnings may say why
        raise
    swap_in(staging, target)
    return BuildResult(result, time.perf_counter() - started, target, warnings)


class PreviewSite:
    """The site a preview (``serve``) serves from ``site_dir``.  What MkDocs' last build
    of it held is kept, so that the pages an edit shows first are built at once,
    without a walk of every file of docs/."""

    def __init__(self, project: Project, site_dir: Path, serve_url: str) -> None:
        self.project, self.site_dir, self.serve_url = project, site_dir, serve_url
        self.built = BuiltSite()

    def build(self, written: WriteResult | None = None, *, dirty: bool = True) -> list[str]:
        """MkDocs builds the pages whose Markdown changed (all with ``dirty=False``), then
        what a dirty build leaves undone is done (``written``: what the run wrote).
        Raises SiteBuildError."""
        warnings = run_mkdocs(self.project, self.site_dir, dirty=dirty, strict=False, serve_url=self.serve_url,
                              keep=self.built)
        if written is not None:
            mirror_generated(self.project, self.site_dir, written)
        return warnings

    def build_first(self, update: PagesUpdate) -> None:
        """The pages :func:`update_pages` wrote, built at once with what the last build kept
        (a dirty build when nothing is kept)."""
        try:
            built = build_pages(self.built, sorted(update.rendered))
        except Exception:  # noqa: BLE001 - MkDocs' own messages are logged; a dirty build says it again
            built = False
        if not built:
            self.build(update.write)


class Preview:
    """``bienban serve``'s runs: one environment kept in memory from save to save."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.env = BuildEnvironment.fresh()

    def generate(self) -> GenerateResult:
        """The first, full run (the environment filled)."""
        return generate(self.project, env=self.env)

    def update_pages(self) -> PagesUpdate:
        """After a save: the pages that show what changed (raises RecordErrors)."""
        return update_pages(self.project, self.env)

    def update_rest(self, update: PagesUpdate) -> GenerateResult:
        """Then everything that shows every meeting, and the search index.  The graph
        stays in memory and is not pickled: that would cost 4.6 s at every save at 10,000
        meetings (the records alone: 1.5 s) and 360 MB more in the saving process, for a
        later ``build --incremental``, which links it once instead."""
        return update_rest(self.project, update, self.env, save_graph=False)


def registry(project: Project) -> Registry:
    """The registries' entries as they are now (their problems are ``check``'s to report)."""
    return load_registry(project, Report())
