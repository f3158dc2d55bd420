"""The last stage: MkDocs (or ProperDocs) builds the site from docs/.

In-process, with bienban's in-memory plugin (:mod:`.mkdocs_plugin`); a full build
goes into a staging folder swapped in on success, a preview (dirty) build updates
the site in place and :func:`mirror_generated` does what MkDocs leaves undone.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
from pathlib import Path
from typing import Any

from ..problems import EngineError, SiteBuildError
from ..project import Project, SiteOptions
from . import engine
from .write import INDEX_DIR, WriteResult


class BuiltSite:
    """What a preview's last MkDocs build held (its configuration, files, menu and theme):
    enough for :func:`generator.publish.mkdocs_run.build_pages` to build a few pages
    again without walking every file of docs/ (seconds at 10,000 meetings)."""

    config: Any = None
    files: Any = None
    nav: Any = None
    env: Any = None


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
    except EngineError as exc:
        raise SiteBuildError([f"{project.config.name}: lỗi: {exc}"]) from None


def run_mkdocs(project: Project, site_dir: Path, *, dirty: bool = False, strict: bool = True,
               serve_url: str | None = None, offline: bool = False, keep: BuiltSite | None = None) -> list[str]:
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
        from .mkdocs_plugin import BienbanPlugin, split_pages  # imports MkDocs: the engine is chosen by now

        if offline:
            from material.plugins.offline.plugin import OfflinePlugin

            from .offline import OfflineCopy

            material_offline = OfflinePlugin()
            material_offline.load_config({})
            config.plugins["material/offline"] = material_offline
            config.plugins["bienban/offline"] = OfflineCopy()
        config.plugins["bienban"] = BienbanPlugin(project.docs, dirty=dirty, keep=keep)
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


def build_pages(built: BuiltSite, pages: list[str]) -> bool:
    """Build these pages (docs/-relative Markdown paths, new ones included) again with
    what the last build of the same site kept: no walk of docs/, no menu built again.
    For a preview's first step after an edit; False when there is nothing kept (then
    run a dirty build).  The next full or dirty build brings everything else up to date."""
    if built.config is None or built.files is None or built.nav is None or built.env is None:
        return False
    from mkdocs.commands.build import _build_page, _populate_page
    from mkdocs.structure.files import File, InclusionLevel
    from mkdocs.structure.pages import Page

    config, files = built.config, built.files
    for rel in pages:
        if not rel.endswith(".md"):
            continue
        file = files.get_file_from_path(rel)
        if file is None:  # a page the edit brought (a new person…): the pages built now link to it
            file = File(rel, config.docs_dir, config.site_dir, config.use_directory_urls,
                        inclusion=InclusionLevel.NOT_IN_NAV)
            files.append(file)
        if file.page is None:
            Page(None, file, config)
    doc_files = files.documentation_pages()
    for rel in pages:
        file = files.get_file_from_path(rel)
        if file is not None and file.page is not None:
            _populate_page(file.page, config, files)
            _build_page(file.page, config, doc_files, built.nav, built.env)
    return True


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


def swap_in(new: Path, target: Path) -> None:
    """Put the built ``new`` folder in place of ``target`` (the old one removed)."""
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)
