"""``bienban serve``: the preview an editor keeps open while editing records.

MkDocs' own ``serve`` polls docs/ and starts rebuilding 0.1 s after the last
change it sees, while bienban is still writing (pages first, the search index
seconds later): it then reads half-written folders, prints tracebacks and shows
a stuck page.  Here one builder does every step in turn, and only the editors'
inputs are watched, never the folders bienban generates.  After a save it asks
the run layer (:mod:`generator.pipeline`) for the pages that show what changed,
lets MkDocs update them and lets the browsers reload; then come the pages that
show every meeting (indexes, statistics), the feeds, the open data and the
search index, and MkDocs updates those too.
"""

from __future__ import annotations

import errno
import gc
import html
import os
import re
import shutil
import socket
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import click
from watchdog.events import (
    EVENT_TYPE_CREATED,
    EVENT_TYPE_DELETED,
    EVENT_TYPE_MODIFIED,
    EVENT_TYPE_MOVED,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer

from .pipeline import (
    Preview,
    PreviewSite,
    SiteBuildError,
    WriteResult,
    fingerprint,
    hand_written_entries,
    load_engine,
)
from .problems import Report, ReportedErrors
from .project import Project

#: Problems shown in the banner at most; the terminal has them all.
BANNER_LIMIT = 20


def error_banner(problems: list[str]) -> str:
    """The Vietnamese banner every previewed page carries while the last save has errors.

    Inline styles: it must show whatever the theme, and loads nothing."""
    shown = "".join(f'<li><code style="white-space:pre-wrap;overflow-wrap:anywhere;background:none;'
                    f'color:inherit;font:inherit">{html.escape(p)}</code></li>'
                    for p in problems[:BANNER_LIMIT])
    more = (f"<li>… và {len(problems) - BANNER_LIMIT} lỗi khác (xem cửa sổ dòng lệnh)</li>"
            if len(problems) > BANNER_LIMIT else "")
    return (
        '<div id="bienban-loi" role="alert" lang="vi" style="position:fixed;left:0;right:0;bottom:0;'
        "z-index:1000;max-height:45vh;overflow:auto;box-sizing:border-box;padding:12px 16px;"
        "background:#fdecea;color:#5f2120;border-top:4px solid #c62828;font:16px/1.5 system-ui,sans-serif;"
        'box-shadow:0 -2px 8px rgba(0,0,0,.2)">'
        f"<strong>Lần lưu vừa rồi có {len(problems)} lỗi: trang đang xem là bản trước lần lưu đó.</strong> "
        "Hãy sửa rồi lưu lại; thông báo này tự mất khi hết lỗi."
        f'<ul style="margin:8px 0 0;padding-left:20px">{shown}{more}</ul></div>'
    )


def with_banner(content: bytes, problems: list[str]) -> bytes:
    """A served page with :func:`error_banner` right after its ``<body>`` tag."""
    if not problems:
        return content
    body = re.search(rb"<body[^>]*>", content)
    at = body.end() if body else 0
    return content[:at] + error_banner(problems).encode() + content[at:]


def editor_inputs(project: Project) -> list[Path]:
    """What an editor changes that needs a regeneration: records, templates, mkdocs.yml."""
    files = [*project.records.rglob("*"), *project.templates.rglob("*")]
    return [*(path for path in files if not _scratch(path.name)), project.config]


def _scratch(name: str) -> bool:
    """An editor's lock, swap or backup file, never a record."""
    return name.startswith((".", "~")) or name.endswith(("~", ".swp", ".tmp"))


class _OnlyChanges(FileSystemEventHandler):
    """Passes on what changes a file, and not for an editor's scratch files: the
    system's observer also reports files opened and closed, and MkDocs' server
    rebuilds on any event (each rebuild reads files: it would never stop)."""

    CHANGES = {EVENT_TYPE_CREATED, EVENT_TYPE_MODIFIED, EVENT_TYPE_DELETED, EVENT_TYPE_MOVED}

    def __init__(self, handler: FileSystemEventHandler) -> None:
        super().__init__()
        self.handler = handler

    def dispatch(self, event: FileSystemEvent) -> None:
        paths = [event.src_path, getattr(event, "dest_path", "") or event.src_path]
        if event.event_type in self.CHANGES and not all(_scratch(os.path.basename(str(p))) for p in paths):
            self.handler.dispatch(event)


class _ChangeObserver(Observer):  # type: ignore[misc,valid-type]
    def schedule(self, event_handler: FileSystemEventHandler, path: str, *args: Any, **kwargs: Any) -> Any:
        return super().schedule(_OnlyChanges(event_handler), path, *args, **kwargs)


def port_problem(host: str, port: int) -> str | None:
    """Why ``host:port`` cannot be served on (in use, no such address), or None."""
    try:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        with socket.socket(family) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server itself
            probe.bind((host, port))
    except (socket.gaierror, UnicodeError):
        return "không hiểu địa chỉ này"
    except OSError as exc:
        known = {errno.EADDRINUSE: "cổng này đang được một chương trình khác dùng",
                 errno.EADDRNOTAVAIL: "máy này không có địa chỉ đó",
                 errno.EACCES: "không được phép dùng cổng này"}
        return known.get(exc.errno or 0, exc.strerror or str(exc))
    return None


def _print_report(report: Report) -> None:
    for line in report.shown():
        click.echo(line, err=True)


def serve(project: Project, host: str, port: int, preview: Preview,
          on_ready: Callable[[str], None] = lambda url: None) -> None:
    """Build the site into a temporary folder, serve it and keep it up to date until Ctrl+C."""
    load_engine(project)
    from mkdocs.config import load_config
    from mkdocs.livereload import LiveReloadServer, _serve_url

    config = load_config(config_file=str(project.config))
    mount_path = urlsplit(config.site_url or "/").path
    url = _serve_url(host, port, mount_path)
    theme = Path(config.theme.custom_dir) if config.theme.custom_dir else None

    def site_wide() -> str:
        """What shapes every page's HTML: mkdocs.yml and the theme's overrides."""
        return fingerprint([project.config, *(theme.rglob("*") if theme else ())])

    site_dir = Path(tempfile.mkdtemp(prefix="bienban-serve-"))
    seen, seen_site_wide = fingerprint(editor_inputs(project)), site_wide()

    site = PreviewSite(project, site_dir, url)

    def update_site(dirty: bool = True, written: WriteResult | None = None) -> None:
        try:
            site.build(written, dirty=dirty)
        except SiteBuildError as exc:
            for message in exc.messages:
                click.echo(f"mkdocs: {message}", err=True)
            click.echo("MkDocs không dựng được trang (xem các dòng trên); trang đang xem được giữ nguyên.",
                       err=True)

    def builder() -> None:
        nonlocal seen, seen_site_wide
        now, now_site_wide = fingerprint(editor_inputs(project)), site_wide()
        # A dirty build renders only pages whose Markdown changed: not enough
        # when the configuration or the theme changed.
        dirty = now_site_wide == seen_site_wide
        seen_site_wide = now_site_wide
        if now == seen:  # a hand-written page changed
            update_site(dirty)
            return
        seen = now
        started = time.perf_counter()
        try:
            pages = preview.update_pages()
            server.problems = []
            if dirty:  # the pages that show the change, at once (a full build waits for the rest)
                site.build_first(pages)
                server.show()
            result = preview.update_rest(pages)
        except ReportedErrors as exc:
            _print_report(exc.report)
            click.echo(f"Có lỗi ({exc.report.summary(what=exc.what)}); trang đang xem được giữ nguyên.", err=True)
            # The browser reloads after every build: the open page now says what is wrong.
            server.problems = [str(problem) for problem in exc.report.errors]
            return
        except Exception as exc:  # the server stays up for the next save
            if os.environ.get("BIENBAN_DEBUG"):
                raise
            click.echo(f"bienban: lỗi không mong đợi: {exc.__class__.__name__}: {exc}", err=True)
            return
        _print_report(result.report)
        update_site(dirty, result.write)
        click.echo(f"Đã cập nhật {len(pages.write.written) + len(result.write.written)} tệp "
                   f"trong {time.perf_counter() - started:.1f} giây.")

    class PreviewServer(LiveReloadServer):
        """MkDocs' live-reload server; every page it serves carries the banner while
        the last save has errors (the built pages stay as they were)."""

        problems: list[str] = []

        def show(self) -> None:
            """Let the browsers reload now, while the builder goes on (MkDocs' server
            does it only once the builder returns, and holds every request till then)."""
            with self._epoch_cond:
                self._visible_epoch = self._wanted_epoch
                self._epoch_cond.notify_all()

        def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
            return with_banner(super()._inject_js_into_html(content, epoch), self.problems)  # type: ignore[no-untyped-call]

    server = PreviewServer(builder=builder, host=host, port=port, root=str(site_dir), mount_path=mount_path)
    # MkDocs polls (a stat of every watched file twice a second, which holds the
    # interpreter from the build); the system's own notifications cost nothing.
    server.observer = _ChangeObserver()
    try:
        update_site(dirty=False)
        gc.freeze()  # what the first build left (the record cache…) is never walked by the collector again
        on_ready(url)
        for path, recursive in _watched(project):
            server.watch(str(path), recursive=recursive)
        try:
            server.serve()  # type: ignore[no-untyped-call]
        except KeyboardInterrupt:
            click.echo("Đã dừng.", err=True)
        finally:
            server.shutdown()
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)


def _watched(project: Project) -> list[tuple[Path, bool]]:
    """(path, recursive): the editors' inputs and the hand-written part of docs/
    (its top level for new pages, and each hand-written folder)."""
    hand_written = [p for p in hand_written_entries(project.docs) if p.is_dir()]
    paths = [(project.records, True), (project.templates, True), (project.config, False),
             (project.docs, False), *((p, True) for p in hand_written)]
    return [(path, recursive) for path, recursive in paths if path.exists()]
