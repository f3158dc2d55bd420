"""What the statistics, timeline and small per-page charts count, from the linked :class:`Site`.

Pure functions of the graph: numbers and :class:`~generator.views.charts.Chart` objects;
templates decide how they look.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..graph.model import Document, Entry, Meeting, Person, Province, Region, Site, Topic, Year
from ..language.collate import sort_key
from . import charts

#: Documents listed on the statistics page, by the number of meetings that cite or mention them.
TOP_DOCUMENTS = 20
#: A topic's shortcomings "recur" when they are reported in at least this many different years.
RECURRING_YEARS = 2
#: Figure labels charted on a province page (those reported in the most years first).
FIGURE_CHARTS = 12
#: ... and only labels reported in at least this many different years.
FIGURE_YEARS = 2
NO_REGION = "Toàn quốc, không ghi vùng"
NO_KIND = "Không ghi loại"
NO_ROLE = "Không ghi vai trò"


def meeting_region(meeting: Meeting) -> Region | None:
    """The region a meeting belongs to: as written, else its place's region."""
    if meeting.region is not None:
        return meeting.region
    return meeting.location.region if meeting.location is not None else None


def _years(meetings: Iterable[Meeting]) -> list[int]:
    return sorted({m.date.year for m in meetings})


def _per_year(meetings: list[Meeting], group: Callable[[Meeting], str]) -> dict[str, list[float]]:
    years = _years(meetings)
    at = {year: i for i, year in enumerate(years)}
    counts: dict[str, list[float]] = defaultdict(lambda: [0.0] * len(years))
    for meeting in meetings:
        counts[group(meeting)][at[meeting.date.year]] += 1
    return dict(counts)


def meetings_by_region(site: Site) -> charts.Chart:
    def region(m: Meeting) -> str:
        found = meeting_region(m)
        return found.name if found else NO_REGION

    return charts.stacked("Số hội nghị mỗi năm, theo vùng", [str(y) for y in _years(site.meetings)],
                          _per_year(site.meetings, region), value_label="Số hội nghị", category_label="Năm")


def meetings_by_kind(site: Site) -> charts.Chart:
    def kind(m: Meeting) -> str:
        return m.category or NO_KIND

    return charts.stacked("Số hội nghị mỗi năm, theo loại", [str(y) for y in _years(site.meetings)],
                          _per_year(site.meetings, kind), value_label="Số hội nghị", category_label="Năm")


@dataclass(frozen=True)
class CitedDocument:
    document: Document
    meetings: int
    first: Meeting
    last: Meeting


def most_cited(site: Site, limit: int = TOP_DOCUMENTS) -> list[CitedDocument]:
    """Documents by the number of meetings citing or mentioning them (ties: earliest first)."""
    found = []
    for doc in site.documents:
        meetings = doc.meetings
        if meetings:
            found.append(CitedDocument(doc, len(meetings), meetings[0], meetings[-1]))
    found.sort(key=lambda c: (-c.meetings, c.first.date, c.document.slug))
    return found[:limit]


def most_cited_chart(cited: list[CitedDocument]) -> charts.Chart:
    assert all(c.document.number for c in cited)
    return charts.bars("Văn bản được nhắc đến nhiều nhất",
                       [(c.document.number_shown, c.meetings) for c in cited],
                       value_label="Số hội nghị nhắc đến", category_label="Văn bản")


@dataclass(frozen=True)
class RecurringShortcoming:
    topic: Topic
    years: list[int]
    shortcomings: list[Entry]  # oldest first


def recurring_shortcomings(site: Site, minimum_years: int = RECURRING_YEARS) -> list[RecurringShortcoming]:
    """Topics whose shortcomings are reported in several different years (most years first)."""
    found = []
    for topic in site.topics:
        entries = sorted((e for e in topic.entries if e.section == "shortcomings"),
                         key=lambda e: (e.meeting.date, e.meeting.key))
        years = sorted({e.meeting.date.year for e in entries})
        if len(years) >= minimum_years:
            found.append(RecurringShortcoming(topic, years, entries))
    found.sort(key=lambda r: (-len(r.years), -len(r.shortcomings), sort_key(r.topic.name)))
    return found


def recurring_chart(recurring: list[RecurringShortcoming]) -> charts.Chart:
    return charts.bars("Chủ đề có hạn chế lặp lại qua nhiều năm",
                       [(r.topic.name, len(r.years)) for r in recurring],
                       value_label="Số năm có hạn chế được nêu", category_label="Chủ đề")


# ------------------------------------------------------------------ timeline

@dataclass(frozen=True)
class YearMonths:
    """A row of the timeline: a year and its meetings, counted month by month."""

    year: Year
    months: list[int]  # January first

    @property
    def total(self) -> int:
        return sum(self.months)


def calendar(site: Site) -> list[YearMonths]:
    """Each year with meetings, newest first, its meetings counted by month.  The
    timeline shows these counts, each leading to its month on the year's page: at
    10,000 meetings, a page listing every meeting by month was 2.5 MB of Markdown."""
    rows = []
    for year in sorted(site.years, key=lambda y: y.name, reverse=True):
        per_month = Counter(m.date.month for m in year.meetings)
        rows.append(YearMonths(year, [per_month[month] for month in range(1, 13)]))
    return rows


# ------------------------------------------------------- charts on entity pages

def document_chart(doc: Document) -> charts.Chart | None:
    """Meetings citing or mentioning ``doc``, per year (every year from the first to the last)."""
    meetings = doc.meetings
    if not meetings:
        return None
    per_year = Counter(m.date.year for m in meetings)
    years = range(meetings[0].date.year, meetings[-1].date.year + 1)
    return charts.bars(f"Số hội nghị nhắc đến {doc.heading} mỗi năm",
                       [(str(y), per_year[y]) for y in years],
                       value_label="Số hội nghị", category_label="Năm")


def person_year_chart(person: Person) -> charts.Chart | None:
    meetings = {id(a.meeting): a.meeting for a in person.attendances}
    if not meetings:
        return None
    per_year = Counter(m.date.year for m in meetings.values())
    return charts.bars(f"Số hội nghị {person.name} tham dự mỗi năm",
                       [(str(y), per_year[y]) for y in sorted(per_year)],
                       value_label="Số hội nghị", category_label="Năm")


def person_role_chart(person: Person) -> charts.Chart | None:
    if not person.attendances:
        return None
    roles = Counter((a.role or NO_ROLE).strip() for a in person.attendances)
    rows = sorted(roles.items(), key=lambda item: (-item[1], sort_key(item[0])))
    return charts.bars(f"Vai trò của {person.name} tại các hội nghị", rows,
                       value_label="Số lần", category_label="Vai trò")


def _number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    return float(value) if isinstance(value, (int, float)) else None


def province_entries(province: Province) -> list[Entry]:
    """Entries that speak of ``province``: naming it, or in a meeting held there naming no other."""
    entries = list(province.entries)
    for meeting in province.meetings:
        if meeting.location is province:
            entries.extend(e for group in meeting.entries.values() for e in group if e.province is None)
    return entries


def province_figure_charts(province: Province, limit: int = FIGURE_CHARTS) -> list[charts.Chart]:
    """One chart per figure label (and unit) reported with a number, value by year.

    A label reported twice in one year shows that year's latest value (reports are
    usually running totals)."""
    series: dict[tuple[str, str], dict[int, tuple[dt.date, float]]] = defaultdict(dict)
    for entry in province_entries(province):
        for fig in entry.figures:
            value = _number(fig.value)
            if value is None:
                continue
            key = (" ".join(fig.label.split()), (fig.unit or "").strip())
            year = entry.meeting.date.year
            held = series[key].get(year)
            if held is None or held[0] <= entry.meeting.date:
                series[key][year] = (entry.meeting.date, value)
    # A label reported in one year only is no comparison: its meeting page shows it.
    repeated = [item for item in series.items() if len(item[1]) >= FIGURE_YEARS]
    ranked = sorted(repeated, key=lambda item: (-len(item[1]), sort_key(item[0][0])))[:limit]
    return [
        charts.bars(f"{label} ({province.name})", [(str(y), by_year[y][1]) for y in sorted(by_year)],
                    value_label=unit.capitalize() if unit else "Giá trị", category_label="Năm")
        for (label, unit), by_year in ranked
    ]
