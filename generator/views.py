"""Readers' views of the whole site: the statistics page, the timeline, the feeds.

:func:`view_pages` is part of :func:`generator.render.plan_pages`.  Both pages show
every meeting, so they depend on all of them (``deps=None``).  :func:`view_files`
are the other files (not pages) written beside them, on every run.
"""

from __future__ import annotations

from collections.abc import Iterator

from . import charts, stats
from .feeds import build_feeds
from .graph import Site
from .render import Page
from .write import STATS_DIR

STATISTICS_PAGE = f"{STATS_DIR}/index.md"
TIMELINE_PAGE = f"{STATS_DIR}/dong-thoi-gian.md"


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
    }, hide=())
    yield Page(TIMELINE_PAGE, "timeline.md.j2", "Dòng thời gian",
               {"months": stats.months(site), "total": len(site.meetings)}, hide=())


def view_files(site: Site, *, site_name: str, site_url: str) -> dict[str, bytes]:
    """docs/-relative path → bytes of every generated file that is not a page."""
    return build_feeds(site, site_name=site_name, site_url=site_url)
