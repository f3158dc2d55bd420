"""The plugins bienban registers in memory for its own MkDocs runs (never in
mkdocs.yml: the site stays buildable by any MkDocs-style builder).  They change
what MkDocs spends and what a dirty (preview) build renders; their one change to
the output: Material's search index (search/search_index.json) lists no page,
as bienban's own index holds them all (a plain MkDocs build lists the
hand-written pages there too, and search works the same, downloading more)."""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import signal
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.plugins import BasePlugin, event_priority

from ..parallel import workers
from .mkdocs_run import BuiltSite
from .write import GENERATED_ROOTS, HOME_FRAGMENT, STATE_DIR, hand_written_pages


class _Spill:
    """Each page's HTML in a temporary file between MkDocs' two passes over the pages.

    MkDocs renders every page's Markdown first and writes every page's HTML only
    once all are rendered (a page's menu may need the others' titles), so it
    holds the whole site's HTML at once: most of its memory at 10,000 meetings.
    The HTML waits on disk instead, and comes back when its page is written."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.handle = tempfile.TemporaryFile(prefix="html-", dir=folder)
        self.end = 0
        self.where: dict[int, tuple[int, int]] = {}  # id(page) -> (offset, length)

    def put(self, page: Any, html: str) -> None:
        data = html.encode("utf-8", "surrogatepass")
        os.pwrite(self.handle.fileno(), data, self.end)
        self.where[id(page)] = (self.end, len(data))
        self.end += len(data)

    def take(self, page: Any) -> str | None:
        found = self.where.pop(id(page), None)
        if found is None:
            return None
        offset, length = found
        return os.pread(self.handle.fileno(), length, offset).decode("utf-8", "surrogatepass")

    def close(self) -> None:
        self.handle.close()
        self.where.clear()


class BienbanPlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    def __init__(self, docs: Path, *, dirty: bool, keep: BuiltSite | None = None) -> None:
        super().__init__()
        self.docs = docs
        self.dirty = dirty
        self.keep = keep  # a preview's: what this build held, for build_pages
        self.spill: _Spill | None = None

    def on_pre_build(self, **_: Any) -> None:
        self.spill = _Spill(self.docs / STATE_DIR)

    def fork_spill(self) -> None:
        """In a forked copy of the run (:class:`TwoCores`): a temporary file of its own."""
        if self.spill is not None:
            self.spill = _Spill(self.docs / STATE_DIR)

    def on_post_build(self, **_: Any) -> None:
        self._close()

    def on_build_error(self, **_: Any) -> None:
        self._close()

    def _close(self) -> None:
        if self.spill is not None:
            self.spill.close()
            self.spill = None

    def on_config(self, config: Any, **_: Any) -> Any:
        if self.keep is not None:
            self.keep.config = config
        return config

    def on_env(self, env: jinja2.Environment, **kwargs: Any) -> jinja2.Environment:
        """MkDocs makes a new Jinja environment, and compiles the theme's templates
        again, on every build; keep them compiled between builds (1 s a preview)."""
        cache = self.docs / STATE_DIR / "theme"
        cache.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(cache))
        if self.keep is not None:
            self.keep.files, self.keep.env = kwargs["files"], env
        return env

    def on_nav(self, nav: Any, config: Any, **_: Any) -> Any:
        """A dirty build reads only changed pages, and MkDocs names a page it has
        not read "None" in every menu; the menu lists a few pages: read those."""
        if self.dirty:
            for page in nav.pages:
                if page.markdown is None:
                    page.read_source(config)
        if self.keep is not None:
            self.keep.nav = nav
        return nav

    def on_files(self, files: Any, **_: Any) -> Any:
        """A dirty build renders again only pages newer than their HTML; the
        hand-written pages that include the home fragment must follow it too."""
        fragment = self.docs / HOME_FRAGMENT
        if not self.dirty or not fragment.exists():
            return files
        changed = fragment.stat().st_mtime_ns
        including = {page.relative_to(self.docs).as_posix() for page in hand_written_pages(self.docs)
                     if Path(HOME_FRAGMENT).name in page.read_text(encoding="utf-8")}
        for file in files.documentation_pages():
            built = Path(file.abs_dest_path)
            if file.src_uri in including and built.exists() and built.stat().st_mtime_ns < changed:
                file.is_modified = lambda: True
        return files

    def on_page_markdown(self, markdown: str, page: Any, **_: Any) -> str:
        """Every page downloads Material's search index before the first search
        (200 KB for the guide alone); bienban's worker reads the hand-written
        pages, section by section, from its own index (chi-muc/), piece by
        piece: keep them out of Material's."""
        search = page.meta.get("search")
        page.meta["search"] = {**(search if isinstance(search, dict) else {}), "exclude": True}
        return markdown

    @event_priority(-100)  # after every other plugin's
    def on_page_content(self, html: str, page: Any, **_: Any) -> str:
        """MkDocs keeps every page's Markdown beside its HTML until the whole site
        is written; nothing needs the Markdown once it is HTML (a third of its memory),
        and the HTML waits on disk until its page is written (see :class:`_Spill`)."""
        # Empty, not None: MkDocs takes None for "not read yet" and then gives
        # the page no title (every hand-written page read "None" in the menu).
        page.markdown = ""
        if self.spill is None:
            return html
        self.spill.put(page, html)
        return ""

    @event_priority(100)  # before every other plugin's: Material's search reads the HTML
    def on_page_context(self, context: Any, page: Any, **_: Any) -> Any:
        if self.spill is not None:
            html = self.spill.take(page)
            if html is not None:
                page.content = html
        return context

    @event_priority(-100)
    def on_post_page(self, output: str, page: Any, **_: Any) -> str:
        """The page is written: its HTML is not needed any more."""
        if self.spill is not None:
            page.content = ""
        return output


class TwoCores(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """A full build on two cores: a forked copy of the run renders and writes every
    other generated page, Markdown to HTML file, while this process does the rest.

    MkDocs renders pages one after another in one process.  The generated pages
    are in no menu and not in Material's search index (each says ``search:
    exclude``), so none changes what another page shows; the copy is forked once
    the menu is known, just before MkDocs reads any page, and sends back only
    what the rest of the run needs of its pages: the anchors each has and links
    to (MkDocs checks every ``#anchor`` at the end) and its log messages (a
    strict build stops on any warning).  MkDocs' two page loops call module
    functions of ``mkdocs.commands.build``; :func:`split_pages` wraps them for
    the length of one build so that they skip the copy's pages.
    """

    def __init__(self) -> None:
        super().__init__()
        self.theirs: set[int] = set()  # id() of the files the copy renders
        self.child: tuple[int, int] | None = None  # its pid and the pipe it answers on
        self.populate: Callable[..., None] | None = None  # MkDocs' own functions
        self.build: Callable[..., None] | None = None
        self.files: Any = None

    @event_priority(-100)  # after every other plugin's: the menu is final
    def on_nav(self, nav: Any, config: Any, files: Any, **_: Any) -> Any:
        if self.populate is None:
            return nav  # not inside split_pages()
        from mkdocs.structure.files import InclusionLevel

        documentation = files.documentation_pages(inclusion=InclusionLevel.is_included)
        # Pages in the menu and hand-written pages stay here.
        in_menu = {id(page) for page in nav.pages}
        generated = [f for f in documentation
                     if id(f.page) not in in_menu and f.src_uri.split("/", 1)[0] in GENERATED_ROOTS]
        theirs = generated[1::2]
        if not theirs:
            return nav
        reader, writer = os.pipe()
        pid = os.fork()
        if pid == 0:  # the copy
            os.close(reader)
            code = 1
            try:
                self._render_copy(theirs, documentation, nav, config, files, writer)
                code = 0
            finally:
                os._exit(code)
        os.close(writer)
        self.files = files
        self.child = (pid, reader)
        self.theirs = {id(f) for f in theirs}
        return nav

    def _render_copy(self, theirs: list[Any], documentation: list[Any], nav: Any, config: Any,
                     files: Any, writer: int) -> None:
        assert self.populate is not None and self.build is not None
        messages: list[tuple[str, int, str]] = []
        capture = _Capture(messages)
        # This copy prints nothing: the parent logs what it sends.
        logging.getLogger().handlers = [capture]
        logging.getLogger("mkdocs").handlers = []
        logging.getLogger("mkdocs").propagate = True
        for plugin in config.plugins.values():
            if isinstance(plugin, BienbanPlugin):
                plugin.fork_spill()
        error = ""
        anchors: dict[str, tuple[set[str] | None, dict[str, dict[str, str]]]] = {}
        try:
            # The menu on each page names the pages in it, some by the title their
            # Markdown gives: those few are read here too.
            for page in nav.pages:
                self.populate(page, config, files, False)
            for file in theirs:
                self.populate(file.page, config, files, False)
            env = config.plugins.on_env(config.theme.get_env(), config=config, files=files)
            for file in theirs:
                self.build(file.page, config, documentation, nav, env, False, excluded=False)
                page = file.page
                anchors[file.src_uri] = (page.present_anchor_ids, {
                    to.src_uri: links for to, links in (page.links_to_anchors or {}).items()})
        except Exception as exc:  # MkDocs has logged it; the parent raises it
            error = f"{exc.__class__.__name__}: {exc}"
        data = pickle.dumps((messages, anchors, error), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(writer, "wb") as out:
            out.write(data)

    def join(self) -> None:
        """Wait for the copy; log its messages here and give its pages their anchors."""
        from mkdocs.exceptions import BuildError

        if self.child is None:
            return
        files = self.files
        pid, reader = self.child
        self.child = None
        with os.fdopen(reader, "rb") as answer:
            data = answer.read()
        _, status = os.waitpid(pid, 0)
        if not data:
            raise BuildError(f"the process rendering half of the pages died (status {status})")
        messages, anchors, error = pickle.loads(data)
        for name, level, message in messages:
            logging.getLogger(name).log(level, "%s", message)
        if error:
            raise BuildError(error)
        for uri, (present, links) in anchors.items():
            page = files.get_file_from_path(uri).page
            page.present_anchor_ids = present
            page.links_to_anchors = {files.get_file_from_path(to): found for to, found in links.items()
                                     if files.get_file_from_path(to) is not None}

    def abandon(self) -> None:
        """The build stopped before :meth:`join`: stop the copy too."""
        if self.child is not None:
            pid, reader = self.child
            self.child = None
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGTERM)
            os.waitpid(pid, 0)
            os.close(reader)


class _Capture(logging.Handler):
    def __init__(self, into: list[tuple[str, int, str]]) -> None:
        super().__init__(logging.DEBUG)
        self.into = into

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.INFO:
            self.into.append((record.name, record.levelno, record.getMessage()))


@contextlib.contextmanager
def split_pages(config: Any) -> Iterator[None]:
    """For one full (not dirty, not served) build: with a second core, register
    :class:`TwoCores` and make MkDocs' page loops skip the pages it renders."""
    if workers() < 2:
        yield
        return
    from mkdocs.commands import build as mkdocs_build

    split = TwoCores()
    populate, build = mkdocs_build._populate_page, mkdocs_build._build_page
    split.populate, split.build = populate, build

    def populate_here(page: Any, config: Any, files: Any, dirty: bool = False) -> None:
        if id(page.file) not in split.theirs:
            populate(page, config, files, dirty)

    def build_here(page: Any, config: Any, doc_files: Any, nav: Any, env: Any, dirty: bool = False,
                   excluded: bool = False) -> None:
        if id(page.file) not in split.theirs:
            build(page, config, doc_files, nav, env, dirty, excluded=excluded)
        if page.file is doc_files[-1]:  # the last page: next MkDocs checks the anchors
            split.join()

    config.plugins["bienban/two-cores"] = split
    mkdocs_build._populate_page, mkdocs_build._build_page = populate_here, build_here
    try:
        yield
    finally:
        mkdocs_build._populate_page, mkdocs_build._build_page = populate, build
        split.abandon()
