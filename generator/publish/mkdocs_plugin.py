"""The plugin bienban registers in memory for its own MkDocs runs (never in
mkdocs.yml: the site stays buildable by any MkDocs-style builder).  It changes
no output, only what MkDocs spends and what a dirty (preview) build renders."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from mkdocs.plugins import BasePlugin

from .mkdocs_run import BuiltSite
from .write import HOME_FRAGMENT, STATE_DIR, hand_written_pages


class BienbanPlugin(BasePlugin):  # type: ignore[type-arg]
    def __init__(self, docs: Path, *, dirty: bool, keep: BuiltSite | None = None) -> None:
        super().__init__()
        self.docs = docs
        self.dirty = dirty
        self.keep = keep

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

    def on_page_content(self, html: str, page: Any, **_: Any) -> str:
        """MkDocs keeps every page's Markdown beside its HTML until the whole site
        is written; nothing needs the Markdown once it is HTML (a third of its memory)."""
        # Empty, not None: MkDocs takes None for "not read yet" and then gives
        # the page no title (every hand-written page read "None" in the menu).
        page.markdown = ""
        return html
