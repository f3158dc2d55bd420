"""Readers' views of the whole site: the statistics page, the timeline, the feeds.

:func:`view_pages` is part of :func:`generator.render.plan_pages`.  Both pages show
every meeting, so they depend on all of them (``deps=None``).  :func:`view_files`
are the other files (not pages) written beside them, on every run.
"""

from __future__ import annotations

from collections.abc import Iterator

from . import charts, stats
from .feeds import each_feed, feed_files
from .graph import Site
from .opendata import TABLES, DataLicense, each_export_file, file_names
from .render import Page, Renderer
from .write import DATA_DIR, STATS_DIR

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
               {"months": stats.months(site), "total": len(site.meetings)}, hide=(),
               description=f"Dòng thời gian: {len(site.meetings)} hội nghị công tác dân vận theo từng tháng, "
                           "với loại hội nghị và địa điểm.")


def view_files(site: Site, renderer: Renderer, *, site_name: str, site_url: str,
               license: DataLicense) -> dict[str, bytes]:
    """docs/-relative path → bytes of the feeds, the open data and the page listing the data
    (rendered here: it shows the size of each file, known only once they are made)."""
    return dict(each_view_file(site, renderer, site_name=site_name, site_url=site_url, license=license))


def view_file_paths(site: Site) -> list[str]:
    """What :func:`each_view_file` makes, known before it is made."""
    return [*feed_files(site), *(f"{DATA_DIR}/{name}" for name in file_names()), DATA_PAGE]


def each_view_file(site: Site, renderer: Renderer, *, site_name: str, site_url: str,
                   license: DataLicense) -> Iterator[tuple[str, bytes]]:
    """:func:`view_files` one file at a time: a caller writing each lets it go."""
    yield from each_feed(site, site_name=site_name, site_url=site_url)
    listing = []
    for f in each_export_file(site, site_name=site_name, license=license):
        listing.append({"path": f"{DATA_DIR}/{f.path}", "name": f.path, "title": f.title,
                        "format": f.format.upper(), "size": file_size(len(f.data))})
        yield f"{DATA_DIR}/{f.path}", f.data
        del f
    yield DATA_PAGE, renderer.render(Page(DATA_PAGE, "open_data.md.j2", "Dữ liệu mở", {
        "files": listing, "license": license, "tables": TABLES, "meetings": len(site.meetings),
    }, hide=(), description="Dữ liệu mở của hồ sơ hội nghị công tác dân vận: JSON theo chuẩn Popolo, bảng CSV "
                            "và gói dữ liệu Frictionless, tải về để phân tích."))


def file_size(size: int) -> str:
    """1234 → "1,2 KB" (Vietnamese decimal comma)."""
    if size < 1000:
        return f"{size} byte"
    for unit, scale in (("KB", 1e3), ("MB", 1e6), ("GB", 1e9)):
        if size < scale * 1000 or unit == "GB":
            return f"{size / scale:.1f} {unit}".replace(".", ",")
    raise AssertionError("unreachable")
