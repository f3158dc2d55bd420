"""The last pass: meetings in order, every entity's slug, what each place holds,
and the :class:`Site` the pages are rendered from."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from ..language.text import slug
from ..problems import Report
from .documents import Documents
from .entities import Entities
from .model import Document, Meeting, Province, Site
from .slugs import assign_slugs, document_slug, namesake_mark, shares_its_number


def finish(entities: Entities, documents: Documents, meetings: list[Meeting], report: Report) -> Site:
    ordered = sorted(meetings, key=lambda m: (m.date, m.key))
    for before, after in zip(ordered, ordered[1:]):
        before.next, after.previous = after, before
    for year in entities.years.values():
        year.meetings.sort(key=lambda m: (m.date, m.key))
    shown = [d for d in documents.documents.values() if d.in_registry or d.citations or d.mentions]
    origins = entities.origins
    for doc in shown:  # before the slugs: a namesake's slug says its year too
        doc.namesake = namesake_mark(doc) if shares_its_number(doc, documents.registry_numbers) else ""
    by_number: dict[str, set[str]] = defaultdict(set)
    for doc in shown:
        if doc.number is not None and doc.number.is_local and doc.province is not None:
            by_number[doc.number.key].add(doc.province.key)
    for doc in shown:  # 17-NQ/TU of Quảng Ninh and of Vĩnh Long: each title says whose
        doc.shares_number = doc.number is not None and doc.province is not None and len(by_number[doc.number.key]) > 1
    assign_slugs(shown, document_slug, origins, report)
    assign_slugs(entities.people.values(), lambda p: slug(p.name), origins, report)
    assign_slugs(entities.organizations.values(), lambda o: slug(o.name), origins, report)
    assign_slugs(entities.regions.values(), lambda p: slug(p.name), origins, report)
    _place_contents(entities, shown)
    for person in entities.people.values():
        for held in person.positions:
            if held.organization:  # only bodies already known: a position makes no new page
                held.body = entities.known_organization(held.organization)
    for doc in sorted(shown, key=lambda d: (d.date or dt.date.max, d.slug)):
        # Likewise the body that issued it, which then lists it, oldest first.
        doc.issued_by = entities.known_organization(doc.issuer) if doc.issuer else None
        if doc.issued_by is not None:
            doc.issued_by.documents.append(doc)
    assign_slugs(entities.topics.values(), lambda t: slug(t.name), origins, report)
    # People, bodies and topics in the order of their slugs, never in the order the
    # records first named them: an incremental update gives the same lists.
    return Site(
        meetings=ordered,
        documents=sorted(shown, key=lambda d: d.slug),
        people=sorted(entities.people.values(), key=lambda p: p.slug),
        organizations=sorted(entities.organizations.values(), key=lambda o: o.slug),
        regions=list(entities.regions.values()),
        provinces=list(entities.provinces.values()),
        topics=sorted(entities.topics.values(), key=lambda t: t.slug),
        years=sorted(entities.years.values(), key=lambda y: y.key),
    )


def _place_contents(entities: Entities, documents: list[Document]) -> None:
    """Each province's own documents and bodies; which places have a page of their own."""
    for doc in sorted(documents, key=lambda d: d.slug):
        if doc.province is not None and doc not in doc.province.documents:
            doc.province.documents.append(doc)
    for org in sorted(entities.organizations.values(), key=lambda o: o.slug):
        # Read its name on the map of when it worked: its first meeting, else the day it
        # took over from a former body (a board of the new Vĩnh Long is not the old one's).
        dates = sorted(m.date for m in [*org.organized, *(a.meeting for a in [*org.attendances, *org.members])])
        dates += sorted(p.successor_start for p in org.predecessors if isinstance(p.successor_start, dt.date))
        place = entities.geo.province_in(org.name, dates[0] if dates else None)
        if place is not None:
            org.province = entities.provinces[place.slug]
            org.province.bodies.append(org)
    names: dict[str, list[Province]] = defaultdict(list)
    for province in entities.provinces.values():
        names[province.name].append(province)
    for same in names.values():
        for province in same:
            province.shares_name = len(same) > 1
    # A place with nothing of its own has no page: it is one line of the places index, which
    # also says what each new unit was formed from (a page with only that would repeat it).
    for province in entities.provinces.values():
        province.has_page = province.has_content
    for region in entities.regions.values():
        region.has_page = bool(region.meetings) or any(p.has_page for p in [*region.provinces, *region.units_2025])
