"""The pipeline: records → validated model → cross-reference graph → pages → site.

``check`` runs the first stages, ``generate`` writes the Markdown, ``build_site``
also runs MkDocs.  A run with record errors writes nothing and leaves the last
good ``site/`` exactly as it was.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import engine, search_entries
from .errors import Problem, RecordErrors, Report
from .geography import load_geography
from .graph import Registry, Site, build_site_graph
from .opendata import DataLicense
from .loader import LoadError, Source, find_record_files, read_source
from .parallel import in_background
from .records import RecordCache, load_records
from .incremental import STATE_FILE, BuildState, current_state, fingerprint, pages_to_render
from .render import Renderer, home_fragment, plan_pages, render_pages, rendered_pages
from .schema import RegistryDocument, RegistryOrganization, RegistryPerson
from .search_index import SearchEntry, build_search_files
from .text import slug
from .validate import validate_list
from .views import view_file_paths, view_files, write_view_files
from .write import (HOME_FRAGMENT, INDEX_DIR, STATE_DIR, WriteResult, Writer, hand_written_pages, read_manifest,
                    write_files)

CACHE_FILE = "records.pickle"

REGISTRY_FILES = {
    "documents.yml": RegistryDocument,
    "people.yml": RegistryPerson,
    "organizations.yml": RegistryOrganization,
}


@dataclass(frozen=True)
class Project:
    """Where a bienban project keeps its parts (the folder holding mkdocs.yml)."""

    root: Path

    @property
    def records(self) -> Path:
        return self.root / "records"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def config(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def offline_site(self) -> Path:
        """Where ``bienban build --offline`` writes its copy for reading from disk."""
        return self.root / "site-offline"


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for our own options; MkDocs' Python tags are not ours to run."""


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class SiteOptions:
    """``extra.bienban`` in mkdocs.yml: what the site owner decides."""

    raw_html: bool = False  # let record bodies carry raw HTML (trusted editors only)
    engine: str | None = None  # "mkdocs" or "properdocs" (see engine.py)
    site_name: str = ""  # mkdocs.yml's own site_name and site_url (feeds, open data)
    site_url: str = ""
    data_license: DataLicense = DataLicense()  # of the open data in du-lieu/

    @classmethod
    def read(cls, config: Path) -> "SiteOptions":
        try:
            data = yaml.load(config.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
        except (OSError, yaml.YAMLError):
            return cls()  # MkDocs itself reports a broken mkdocs.yml
        options = ((data.get("extra") or {}).get("bienban") or {}) if isinstance(data, dict) else {}
        engine_name = options.get("engine")
        named = data if isinstance(data, dict) else {}
        licence = options.get("data_license")
        licence = {k: str(v) for k, v in licence.items() if k in ("name", "title", "path")} \
            if isinstance(licence, dict) else {}
        return cls(raw_html=options.get("raw_html") is True, site_name=str(named.get("site_name") or ""),
                   site_url=str(named.get("site_url") or ""), data_license=DataLicense(**licence),
                   engine=engine_name if isinstance(engine_name, str) else None)


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


def load_registry(project: Project, report: Report, cache: RecordCache | None = None) -> Registry:
    registry = Registry()
    folder = project.records / "_registry"
    for name, model in REGISTRY_FILES.items():
        path = folder / name
        if not path.exists():
            continue
        shown = path.relative_to(project.root).as_posix()

        def read() -> tuple[Source | None, list[Any], list[Problem]]:
            found = Report()
            try:
                source = read_source(path, shown)
            except LoadError as exc:
                found.error(shown, exc.line, exc.message)
                return None, [], found.problems
            return source, validate_list(source, model, found), found.problems  # type: ignore[type-var]

        source, entries, problems = cache.registry(shown, path, read) if cache is not None else read()
        report.problems.extend(problems)
        target = {"documents.yml": registry.documents, "people.yml": registry.people,
                  "organizations.yml": registry.organizations}[name]
        for i, entry in enumerate(entries):
            target.append((source, i, entry))
    return registry


def check(project: Project, cache: RecordCache | None = None) -> tuple[Site | None, Report]:
    """Load, validate and cross-reference every record; report every problem at once."""
    site, report, _ = _check(project, cache)
    return site, report


def _check(project: Project, cache: RecordCache | None) -> tuple[Site | None, Report, set[str]]:
    report = Report()
    if not project.records.is_dir():
        report.error("records", 1, "không có thư mục records/ (nơi đặt các bản ghi)")
        return None, report, set()
    loaded, fresh = load_records(project.root, find_record_files(project.records), report, cache)
    registry = load_registry(project, report, cache)
    records = []
    seen: dict[str, Source] = {}
    for source, record in loaded:
        meeting_id = record.id or slug(Path(source.path).stem)
        if meeting_id in seen:
            other = seen[meeting_id]
            report.error(source.path, source.line(("id",)),
                         f"mã “{meeting_id}” đã được dùng cho {other.path} (dòng {other.line(('id',))}); "
                         "mỗi bản ghi cần một mã riêng")
            continue
        seen[meeting_id] = source
        records.append((source, record, meeting_id))
    # A record that failed to load or validate has already been reported; a
    # `related:` pointing at it is not a second mistake.
    failed = {slug(Path(p.path).stem) for p in report.errors if not p.path.startswith("records/_registry/")}
    site = build_site_graph(records, registry, load_geography(), report, failed_ids=failed)
    return site, report, fresh


def _inputs_fingerprint(project: Project) -> str:
    """Everything besides records that shapes many pages at once."""
    code = Path(__file__).parent
    return fingerprint([
        *project.templates.rglob("*.j2"), *(project.records / "_registry").glob("*"),
        *code.glob("*.py"), *(code / "data").glob("*"),
        *hand_written_pages(project.docs),
    ])


def generate(project: Project, *, incremental: bool = False, cache: RecordCache | None = None,
             while_indexing: Callable[[], None] | None = None) -> GenerateResult:
    """Records → Markdown in the generated folders of docs/.  Raises RecordErrors.

    ``incremental`` reads again only changed record files and renders again only
    the pages that show a changed meeting (see :mod:`generator.incremental`);
    a long-running caller (``serve``) passes the ``cache`` it keeps in memory,
    updated in place.  Incremental runs build the search index in a second process meanwhile;
    ``while_indexing`` runs once the pages are written, before the index files are.
    """
    # The run builds a large graph that lives until its end; the cycle collector
    # would walk it again and again to free nothing (0.5–1 s of a 4 s incremental
    # run at 1,000 meetings).  What the run leaves behind is collected afterwards.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _generate(project, incremental=incremental, cache=cache, while_indexing=while_indexing)
    finally:
        if collecting:
            gc.enable()


def _generate(project: Project, *, incremental: bool = False, cache: RecordCache | None = None,
              while_indexing: Callable[[], None] | None = None) -> GenerateResult:
    started = time.perf_counter()
    state_dir = project.docs / STATE_DIR
    # A full run starts the cache afresh, so that the first incremental run after it is quick.
    if cache is None or not incremental:
        cache = RecordCache.read(state_dir / CACHE_FILE) if incremental else RecordCache.empty()
    site, report, fresh = _check(project, cache)
    if site is None or report.errors:
        raise RecordErrors(report)
    options = SiteOptions.read(project.config)
    compiled = state_dir / "templates"
    renderer = Renderer(project.templates, allow_html=options.raw_html, cache=compiled)
    renderer.check()
    stale = fresh or not (state_dir / CACHE_FILE).exists()
    if not incremental:
        if stale:
            cache.write(state_dir / CACHE_FILE)
        # The line of every field is for messages about records, all given by now
        # (a tenth of the records' memory); the cache keeps them for the next run.
        for _, (source, _, _) in cache.entries.values():
            if source is not None:
                source.lines = {}
        cache.entries.clear()
        # Handed over: _generate_full holds the only reference, and lets it go.
        graph = [site]
        del site, cache
        return _generate_full(project, graph, report, renderer, options, started)
    # An incremental run writes the cache and builds the index beside its other
    # work, for speed; a full run does them in turn: a child's memory adds up.
    cache_written = in_background(lambda: cache.write(state_dir / CACHE_FILE), fork=incremental) \
        if stale else (lambda: None)
    entries = search_entries.for_site(site) + search_entries.for_hand_written(project.docs)
    search_files = in_background(lambda: build_search_files(entries), fork=incremental)
    pages = list(plan_pages(site))
    state = current_state(site, pages, _inputs_fingerprint(project))
    selected = {p.path for p in pages}
    if incremental:
        selected = pages_to_render(pages, BuildState.read(state_dir / STATE_FILE), state, fresh, project.docs)
    # Feeds and open data depend on every meeting (seconds at 1,000 meetings): an
    # incremental run makes them in a second process while its few pages render.
    views_made = in_background(lambda: view_files(site, renderer, site_name=options.site_name,
                                                  site_url=options.site_url, license=options.data_license),
                               fork=incremental)
    try:
        files = render_pages(project.templates, [page for page in pages if page.path in selected],
                             allow_html=options.raw_html, cache=compiled)
        files[HOME_FRAGMENT] = renderer.render_fragment(home_fragment(site))
    except RecordErrors:  # a template failed: let the background work end before reporting it
        search_files(), cache_written()
        try:
            views_made()
        except RecordErrors:
            pass  # the first template error is the one reported
        raise
    try:
        files.update(views_made())
    except RecordErrors:  # the open-data page's template
        search_files(), cache_written()
        raise
    page_paths = {p.path for p in pages}
    meetings = len(site.meetings)
    del site, pages  # the graph is not needed any more: MkDocs may use the memory

    # Pages first, the index files kept as they were; then the index files.
    previous_index = {rel for rel in read_manifest(project.docs) if rel.startswith(f"{INDEX_DIR}/")}
    written = write_files(project.docs, files, report, keep=(page_paths - selected) | previous_index)
    if while_indexing is not None:
        paused = time.perf_counter()
        while_indexing()
        started += time.perf_counter() - paused  # its time is not generation time
    index = {f"{INDEX_DIR}/{rel}": data for rel, data in search_files().items()}
    written_index = write_files(project.docs, index, report, keep=page_paths | set(files))
    written.written += written_index.written
    written.removed += written_index.removed
    cache_written()
    state.write(state_dir / STATE_FILE)
    return GenerateResult(meetings, report, len(page_paths), len(files) + len(page_paths - selected) + len(index),
                          written, time.perf_counter() - started)


def _generate_full(project: Project, graph: list[Site], report: Report, renderer: Renderer,
                   options: SiteOptions, started: float) -> GenerateResult:
    """A full run, holding as little at once as it can: each output is written as soon
    as it is made, and the linked site (``graph``'s only reference) is freed before the
    search index, which needs only each page's entries, is built.  A template that fails
    half-way leaves docs/ part new, part old (never site/: MkDocs does not run then)."""
    state_dir = project.docs / STATE_DIR
    # Rendering leaves cycles behind (Jinja's contexts and macros) that only the
    # cycle collector frees.  It runs from here on, over what is made from now, not
    # over the linked site (frozen: nor do forked workers then copy the site's
    # memory as the collector marks it).
    gc.freeze()
    gc.enable()
    try:
        writer = Writer(project.docs, report)
        state, entries, meetings, page_count = _write_site(project, graph.pop(), writer, renderer, options)
        # The linked site is cycles (a meeting links its neighbours, they link it
        # back): only the collector frees it, for the index to use the memory.
        gc.unfreeze()
        gc.collect()
        index = {f"{INDEX_DIR}/{rel}": data for rel, data in build_search_files(entries).items()}
        del entries
        writer.claim(index)
        for rel in sorted(index):
            writer.write(rel, index.pop(rel))
        written = writer.finish()
        state.write(state_dir / STATE_FILE)
    finally:
        gc.disable()
        gc.unfreeze()
    return GenerateResult(meetings, report, page_count, len(writer.seen), written, time.perf_counter() - started)


def _write_site(project: Project, site: Site, writer: Writer, renderer: Renderer,
                options: SiteOptions) -> tuple[BuildState, list[SearchEntry], int, int]:
    """Pages, feeds and open data written; the state for the next incremental run,
    the search entries, and the numbers of meetings and pages."""
    pages = list(plan_pages(site))
    state = current_state(site, pages, _inputs_fingerprint(project))
    writer.claim([*(p.path for p in pages), HOME_FRAGMENT])
    for path, data in rendered_pages(project.templates, pages, allow_html=options.raw_html,
                                     cache=project.docs / STATE_DIR / "templates"):
        writer.write(path, data)
    writer.write(HOME_FRAGMENT, renderer.render_fragment(home_fragment(site)))
    page_count = len(pages)
    del pages
    writer.claim(view_file_paths(site))
    write_view_files(site, renderer, writer.write, writer.open, site_name=options.site_name,
                     site_url=options.site_url, license=options.data_license)
    entries = search_entries.for_site(site) + search_entries.for_hand_written(project.docs)
    return state, entries, len(site.meetings), page_count


class SiteBuildError(Exception):
    """MkDocs refused to build (in strict mode: any warning, e.g. a broken link)."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("; ".join(messages) or "MkDocs failed")
        self.messages = messages


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def anchor_snippet_paths(config: Any, project: Project) -> None:
    """pymdownx.snippets resolves ``base_path`` against the current directory; the
    home page's generated fragment must be found wherever bienban runs from."""
    snippets = config["mdx_configs"].get("pymdownx.snippets")
    if snippets is not None:
        snippets["base_path"] = [str(project.root / p) for p in snippets.get("base_path", ["."])]


def load_engine(project: Project) -> None:
    """Choose MkDocs or ProperDocs (mkdocs.yml, or $BIENBAN_ENGINE) before MkDocs is imported."""
    try:
        engine.use(engine.chosen(SiteOptions.read(project.config).engine))
    except engine.EngineError as exc:
        raise SiteBuildError([f"{project.config.name}: lỗi: {exc}"]) from None


def run_mkdocs(project: Project, site_dir: Path, *, dirty: bool = False, strict: bool = True,
               serve_url: str | None = None, offline: bool = False) -> list[str]:
    """Build with MkDocs (or ProperDocs) in-process; return its warnings (strict: raise on any).

    ``serve_url``: the address a preview is served at (pages get MkDocs' live-reload script).
    ``offline``: the copy read from disk, with no server (see offline.py)."""
    load_engine(project)
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    try:
        config = load_config(config_file=str(project.config), site_dir=str(site_dir), strict=strict)
        anchor_snippet_paths(config, project)
        from .mkdocs_plugin import BienbanPlugin, split_pages

        if offline:
            from material.plugins.offline.plugin import OfflinePlugin

            from .offline import OfflineCopy

            material_offline = OfflinePlugin()
            material_offline.load_config({})
            config.plugins["material/offline"] = material_offline
            config.plugins["bienban/offline"] = OfflineCopy()
        config.plugins["bienban"] = BienbanPlugin(project.docs, dirty=dirty)
        if serve_url is not None:
            config.site_url = serve_url
        # A full build renders half of the generated pages in a second process.
        with split_pages(config) if not (dirty or serve_url or offline) else contextlib.nullcontext():
            mkdocs_build(config, dirty=dirty, serve_url=serve_url)
    except MkDocsException as exc:
        raise SiteBuildError(collect.messages or [str(exc)]) from None
    finally:
        logger.removeHandler(collect)
    return collect.messages


def build_site(project: Project, site_dir: Path | None = None, *, incremental: bool = False,
               strict: bool = True, offline: bool = False) -> BuildResult:
    """Generate, then build the site.  The previous site is replaced only on success.

    ``offline``: the copy for reading from disk (offline.py), in ``project.offline_site``
    unless ``site_dir`` says otherwise; always a full build."""
    target = site_dir or (project.offline_site if offline else project.site)
    if incremental and not offline and target.exists():
        # MkDocs updates the changed pages while the search index is still being
        # built; the index files then go straight into the site as well.
        warnings: list[str] = []
        seconds = 0.0

        def update_site() -> None:
            nonlocal seconds
            started = time.perf_counter()
            warnings.extend(run_mkdocs(project, target, dirty=True, strict=False))
            seconds = time.perf_counter() - started

        result = generate(project, incremental=True, while_indexing=update_site)
        mirror_generated(project, target, result.write)
        return BuildResult(result, seconds, target, warnings)
    # Generated in a child process: its memory (records, graph, pages) is all
    # given back before MkDocs, which holds every page's HTML at once, starts.
    result = in_background(lambda: generate(project, incremental=incremental))()
    started = time.perf_counter()
    staging = target.with_name(f".{target.name}.building")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        warnings = run_mkdocs(project, staging, strict=strict, offline=offline)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _swap(staging, target)
    return BuildResult(result, time.perf_counter() - started, target, warnings)


def mirror_generated(project: Project, site_dir: Path, written: WriteResult) -> None:
    """What a dirty MkDocs build leaves undone in a built site: the search index
    files a run changed, and the pages whose Markdown the run removed."""
    for rel in written.written:
        if rel.startswith(f"{INDEX_DIR}/"):
            (site_dir / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(project.docs / rel, site_dir / rel)
    for rel in written.removed:
        if rel.startswith(f"{INDEX_DIR}/"):
            (site_dir / rel).unlink(missing_ok=True)
        elif rel.endswith(".md"):
            page = Path(rel)  # a/b.md is served as a/b/index.html, a/index.md as a/index.html
            folder = site_dir / (page.parent if page.name == "index.md" else page.with_suffix(""))
            (folder / "index.html").unlink(missing_ok=True)
            if folder != site_dir and folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()


def _swap(new: Path, target: Path) -> None:
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)
