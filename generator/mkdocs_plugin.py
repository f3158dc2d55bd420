"""The plugin bienban registers in memory for its own MkDocs runs (never in
mkdocs.yml: the site stays buildable by any MkDocs-style builder).  It changes
no output, only what MkDocs spends and what a dirty (preview) build renders."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.plugins import BasePlugin, event_priority

from .write import HOME_FRAGMENT, STATE_DIR, hand_written_pages


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


class BienbanPlugin(BasePlugin):  # type: ignore[type-arg]
    def __init__(self, docs: Path, *, dirty: bool) -> None:
        super().__init__()
        self.docs = docs
        self.dirty = dirty
        self.spill: _Spill | None = None

    def on_pre_build(self, **_: Any) -> None:
        self.spill = _Spill(self.docs / STATE_DIR)

    def on_post_build(self, **_: Any) -> None:
        self._close()

    def on_build_error(self, **_: Any) -> None:
        self._close()

    def _close(self) -> None:
        if self.spill is not None:
            self.spill.close()
            self.spill = None

    def on_env(self, env: jinja2.Environment, **_: Any) -> jinja2.Environment:
        """MkDocs makes a new Jinja environment, and compiles the theme's templates
        again, on every build; keep them compiled between builds (1 s a preview)."""
        cache = self.docs / STATE_DIR / "theme"
        cache.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(cache))
        return env

    def on_nav(self, nav: Any, config: Any, **_: Any) -> Any:
        """A dirty build reads only changed pages, and MkDocs names a page it has
        not read "None" in every menu; the menu lists a few pages: read those."""
        if self.dirty:
            for page in nav.pages:
                if page.markdown is None:
                    page.read_source(config)
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
