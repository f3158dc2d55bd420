"""Readers' views of the whole site: the statistics page, the timeline, the feeds.

:func:`view_pages` is part of :func:`generator.pages.render.plan_pages`.  Both pages show
every meeting, so they depend on all of them (``deps=None``).  :func:`view_files`
are the other files (not pages) written beside them, on every run.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterator

from ..graph.model import Site
from ..pages.render import Page, Renderer
from ..project import DataLicense
from ..publish.write import DATA_DIR, STATS_DIR, in_memory
from . import charts, stats
from .feeds import each_feed, feed_files
from .opendata import TABLES, OpenFile, file_names, write_export

STATISTICS_PAGE = f"{STATS_DIR}/index.md"
TIMELINE_PAGE = f"{STATS_DIR}/dong-thoi-gian.md"
DATA_PAGE = f"{DATA_DIR}/index.md"


def view_pages(site: Site) -> Iterator[Page]:
    cited = stats.most_cited(site)
    recurring = stats.recurring_shortcomings(site)
    yield Page(STATISTICS_PAGE, "statistics.md.j2", "Thống kê", {
        "meetings": len(site.meetings),
        "by_region": charts.figure(stats.meetings_by_region(site)),
        "by_kind": charts.figure(stats.meetings_by_kind(site)),
        "cited": cited,
        "cited_chart": charts.figure(stats.most_cited_chart(cited), with_table=False) if cited else "",
        "recurring": recurring,
        "recurring_chart": charts.figure(stats.recurring_chart(recurring), with_table=False) if recurring else "",
        "recurring_years": stats.RECURRING_YEARS,
    }, hide=(), description=f"Thống kê {len(site.meetings)} hội nghị công tác dân vận: số hội nghị theo năm, "
                            "vùng và loại; các văn bản được nhắc đến nhiều nhất; hạn chế lặp lại qua các năm.")
    yield Page(TIMELINE_PAGE, "timeline.md.j2", "Dòng thời gian",
               # The table of thirteen numbers a row takes the page's whole width.
               {"years": stats.calendar(site), "total": len(site.meetings)}, hide=("navigation", "toc"),
               description=f"Dòng thời gian: {len(site.meetings)} hội nghị công tác dân vận, đếm theo năm "
                           "và tháng.")


def view_files(site: Site, renderer: Renderer, *, site_name: str, site_url: str,
               license: DataLicense, feeds: Container[str] | None = None) -> dict[str, bytes]:
    """docs/-relative path → bytes of the feeds, the open data and the page listing the data
    (rendered here: it shows the size of each file, known only once they are made).
    ``feeds``: the pages whose entity's feed is made again (None: every feed; see
    :func:`~generator.views.feeds.each_feed`)."""
    files: dict[str, bytes] = {}
    collect = in_memory(files)

    write_view_files(site, renderer, files.__setitem__, collect, site_name=site_name, site_url=site_url,
                     license=license, feeds=feeds)
    return files


def view_file_paths(site: Site) -> list[str]:
    """What :func:`write_view_files` makes, known before it is made."""
    return [*feed_files(site), *(f"{DATA_DIR}/{name}" for name in file_names()), DATA_PAGE]


def write_view_files(site: Site, renderer: Renderer, put: Callable[[str, bytes], None], open_file: OpenFile, *,
                     site_name: str, site_url: str, license: DataLicense,
                     feeds: Container[str] | None = None) -> None:
    """:func:`view_files` through ``put`` (path, bytes) and, for the large data files,
    ``open_file`` (path → a stream): a caller writing each holds none of them."""
    for path, data in each_feed(site, site_name=site_name, site_url=site_url, only=feeds):
        put(path, data)
    written = write_export(site, lambda name: open_file(f"{DATA_DIR}/{name}"), site_name=site_name,
                           license=license)
    listing = [{"path": f"{DATA_DIR}/{f.path}", "name": f.path, "title": f.title, "format": f.format.upper(),
                "size": file_size(f.size)} for f in written]
    put(DATA_PAGE, renderer.render(Page(DATA_PAGE, "open_data.md.j2", "Dữ liệu mở", {
        "files": listing, "license": license, "tables": TABLES, "meetings": len(site.meetings),
    }, hide=(), description="Dữ liệu mở của hồ sơ hội nghị công tác dân vận: JSON theo chuẩn Popolo, bảng CSV "
                            "và gói dữ liệu Frictionless, tải về để phân tích.")))


def file_size(size: int) -> str:
    """1234 → "1,2 KB" (Vietnamese decimal comma)."""
    if size < 1000:
        return f"{size} byte"
    for unit, scale in (("KB", 1e3), ("MB", 1e6), ("GB", 1e9)):
        if size < scale * 1000 or unit == "GB":
            return f"{size / scale:.1f} {unit}".replace(".", ",")
    raise AssertionError("unreachable")
