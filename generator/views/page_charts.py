"""The small charts of entity pages, as template filters (see templates/charts/).

Each filter returns the chart as trusted HTML (:func:`generator.views.charts.figure`) or
nothing when there is too little to draw: a page whose table already shows every
number a one-bar chart would show gets no chart.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..graph.model import Document, Person, Province
from ..pages.markdown import Md
from . import charts, stats

#: A chart is drawn from this many meetings (fewer: the page's list says it all).
CHART_FROM = 2


def document_chart(doc: Document) -> Md | None:
    """Meetings citing or mentioning the document, per year."""
    if len(doc.meetings) < CHART_FROM:
        return None
    chart = stats.document_chart(doc)
    return charts.figure(chart) if chart else None


def person_charts(person: Person) -> list[Md]:
    """Meetings attended per year, and the roles held at them."""
    if len({id(a.meeting) for a in person.attendances}) < CHART_FROM:
        return []
    found = [stats.person_year_chart(person), stats.person_role_chart(person)]
    return [charts.figure(chart) for chart in found if chart is not None]


def province_charts(province: Province) -> list[Md]:
    """Each figure label the records report for the province, by year."""
    return [charts.figure(chart) for chart in stats.province_figure_charts(province)]


FILTERS: dict[str, Callable[[Any], Any]] = {
    "document_chart": document_chart, "person_charts": person_charts, "province_charts": province_charts,
}
