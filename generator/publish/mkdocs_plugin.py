"""The plugin bienban registers in memory for its own MkDocs runs (never in
mkdocs.yml: the site stays buildable by any MkDocs-style builder).  It changes
what MkDocs spends and what a dirty (preview) build renders; its one change to
the output: Material's search index (search/search_index.json) lists no page,
as bienban's own index holds them all (a plain MkDocs build lists the
hand-written pages there too, and search works the same, downloading more)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from mkdocs.plugins import BasePlugin

from .write import HOME_FRAGMENT, STATE_DIR, hand_written_pages


class BienbanPlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    def __init__(self, docs: Path, *, dirty: bool) -> None:
        super().__init__()
        self.docs = docs
        self.dirty = dirty

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

    def on_page_markdown(self, markdown: str, page: Any, **_: Any) -> str:
        """Every page downloads Material's search index before the first search
        (200 KB for the guide alone); bienban's worker reads the hand-written
        pages, section by section, from its own index (chi-muc/), piece by
        piece: keep them out of Material's."""
        search = page.meta.get("search")
        page.meta["search"] = {**(search if isinstance(search, dict) else {}), "exclude": True}
        return markdown

    def on_page_content(self, html: str, page: Any, **_: Any) -> str:
        """MkDocs keeps every page's Markdown beside its HTML until the whole site
        is written; nothing needs the Markdown once it is HTML (a third of its memory)."""
        # Empty, not None: MkDocs takes None for "not read yet" and then gives
        # the page no title (every hand-written page read "None" in the menu).
        page.markdown = ""
        return html
