"""The linked graph kept between incremental runs and updated in place.

The public face of :mod:`generator.graph`: :meth:`LinkedGraph.build` links every
record, :meth:`LinkedGraph.update` changes a graph for an edit of records, and
:data:`CYCLIC_TYPES` says which objects :mod:`generator.pickled` writes flat.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..language.geography import Geography
from ..problems import Problem, Report
from ..records.loader import Source
from ..records.registry import Registry, record_id
from ..records.schema import Record
from .builder import SiteBuilder
from .documents import take_details
from .meeting_order import cut, meeting_order, place
from .model import (
    Attendance,
    Citation,
    Document,
    Entry,
    LinkedText,
    Meeting,
    Mention,
    Organization,
    Person,
    PositionHeld,
    Province,
    Region,
    Site,
    Topic,
    Year,
)

Record3 = tuple[Source, Record, str]

#: The graph's own objects, which refer to one another in cycles: pickled flat
#: (see :mod:`generator.pickled`).
CYCLIC_TYPES: frozenset[type] = frozenset({
    Meeting, Person, Organization, Topic, Province, Region, Year, Document,
    LinkedText, Entry, Attendance, Citation, Mention, PositionHeld,
})


class LinkedGraph:
    """The linked site, kept between runs of ``serve`` and updated in place.

    A full build adds every record, then runs the passes that need all of them
    (bare numbers, spellings, ``related``, speakers, slugs and places).  An update
    takes out what the old version of each changed record contributed (its
    meeting, and its attendances, citations, mentions and entries in every
    entity's lists; an entity left with nothing and not in a registry
    disappears), adds the new version, puts the touched lists back in meeting
    order and runs the global passes again (their previous results undone
    first).  The result is the graph a full build makes of the same records:
    ``tests/test_environment.py`` checks it page for page.
    """

    def __init__(self, registry: Registry, geography: Geography) -> None:
        self.builder = SiteBuilder(geography, Report())
        self.builder.add_registry(registry)
        self.registry_problems = self.builder.report.problems
        self.records: dict[str, Record3] = {}  # path → what its meeting was made from
        self.meetings: dict[str, Meeting] = {}  # path → meeting
        self.problems: dict[str, list[Problem]] = {}  # path → what adding its meeting reported
        #: Per meeting key: its bare numbers as the last pass resolved them.
        self.bare_results: dict[str, list[tuple[int, int, str]]] = {}

    # ------------------------------------------------------------ kept between runs

    def __getstate__(self) -> dict[str, Any]:
        """For ``build --incremental``: pickled with the records it was made from, flat
        (:data:`CYCLIC_TYPES`), so that the next run updates it instead of linking again.
        The builder's look-ups keyed by id() are pickled empty (see :mod:`.id_keyed`):
        their contents go here, as (object, value) pairs."""
        entities, documents = self.builder.entities, self.builder.documents
        known: dict[int, Any] = {id(m): m for m in self.meetings.values()}
        for meeting in self.meetings.values():
            known.update((id(c), c) for c in meeting.citations)
            known.update((id(m), m) for m in meeting.mentions)
        for table in (entities.people, entities.organizations, entities.topics, documents.documents):
            known.update((id(e), e) for e in table.values())
        by_id: dict[str, list[Any]] = {}
        for name, looked_up in self.builder.id_keyed_tables():
            if isinstance(looked_up, set):
                by_id[name] = [known[k] for k in looked_up if k in known]
            else:  # an id no live object has is a leftover: dropped
                by_id[name] = [(known[k], v) for k, v in looked_up.items() if k in known]
        return {**self.__dict__, "by_id": by_id}

    def __setstate__(self, state: dict[str, Any]) -> None:
        by_id = state.pop("by_id")
        self.__dict__.update(state)
        tables = dict(self.builder.id_keyed_tables())  # emptied when pickled
        for name, pairs in by_id.items():
            looked_up = tables[name]
            if isinstance(looked_up, set):
                looked_up.update(id(obj) for obj in pairs)
            else:
                looked_up.update((id(obj), value) for obj, value in pairs)

    # ------------------------------------------------------------ records in, records out

    def _add(self, source: Source, record: Record, meeting_id: str) -> Meeting:
        builder = self.builder
        builder.report = Report()
        meeting = builder.add_meeting(source, record, meeting_id)
        self.problems[source.path] = builder.report.problems
        self.records[source.path] = (source, record, meeting_id)
        self.meetings[source.path] = meeting
        return meeting

    def _remove(self, path: str) -> Meeting:
        """Take a meeting out of every entity it was added to."""
        entities, documents, mentions = self.builder.entities, self.builder.documents, self.builder.mentions
        meeting = self.meetings.pop(path)
        del self.records[path], self.problems[path]
        gone = id(meeting)

        def keep(items: list[Any]) -> list[Any]:
            cut(items, meeting)
            return items

        if meeting.year is not None:
            meeting.year.meetings = keep(meeting.year.meetings)
            if not meeting.year.meetings:
                del entities.years[int(meeting.year.key)]
        for org in meeting.organizers:
            org.organized = keep(org.organized)
        for place_ in [*meeting.provinces, *([meeting.location] if meeting.location else [])]:
            place_.meetings = keep(place_.meetings)
        if meeting.region is not None:
            meeting.region.meetings = keep(meeting.region.meetings)
        for topic in meeting.topics:
            topic.meetings = keep(topic.meetings)
        people: dict[int, Person] = {}
        orgs: dict[int, Organization] = {id(o): o for o in meeting.organizers}
        docs: dict[int, Document] = {}
        for attendance in meeting.attendances:
            if attendance.person is not None:
                person = people[id(attendance.person)] = attendance.person
                person.attendances = keep(person.attendances)
                cut(person.positions, meeting, registry_first=True)
            if attendance.organization is not None:
                org = orgs[id(attendance.organization)] = attendance.organization
                org.members, org.attendances = keep(org.members), keep(org.attendances)
        for entries in meeting.entries.values():
            for entry in entries:
                if entry.province is not None:
                    entry.province.entries = keep(entry.province.entries)
                for topic in entry.topics:
                    topic.entries = keep(topic.entries)
                if entry.by is not None:
                    person = people[id(entry.by)] = entry.by
                    person.directives = keep(person.directives)
        for citation in meeting.citations:
            docs[id(citation.document)] = citation.document
            citation.document.citations = keep(citation.document.citations)
            documents.citation_refs.pop(id(citation), None)
        for mention in meeting.mentions:
            docs[id(mention.document)] = mention.document
            mention.document.mentions = keep(mention.document.mentions)
            mentions.mention_order.pop(id(mention), None)
        for doc, form in documents.forms.pop(gone, []):
            docs[id(doc)] = doc
            counts = documents.form_counts[id(doc)]
            counts[form] -= 1
            if not counts[form]:
                del counts[form]
                doc.forms_written.discard(form)
        mentions.named_by.pop(gone, None)
        mentions.texts_linked.pop(gone, None)
        mentions.pending_bare = [p for p in mentions.pending_bare if p.meeting is not meeting]
        for person in people.values():
            uses = entities.person_uses[id(person)] = [u for u in entities.person_uses[id(person)] if u[0] != path]
            if not (person.attendances or person.directives or id(person) in entities.registry_people):
                del entities.people[person.key]
                del entities.person_uses[id(person)]
                entities.origins.pop(id(person), None)
                for spelled in entities.spellings.values():
                    spelled[:] = [(p, name) for p, name in spelled if p is not person]
            del uses
        for org in orgs.values():
            if not (org.organized or org.attendances or org.members or id(org) in entities.registry_orgs):
                del entities.organizations[org.key]
                entities.origins.pop(id(org), None)
        for topic in meeting.topics + [t for es in meeting.entries.values() for e in es for t in e.topics]:
            if topic.key in entities.topics and not (topic.meetings or topic.entries):
                del entities.topics[topic.key]
                entities.origins.pop(id(topic), None)
        for doc in docs.values():
            if not (doc.in_registry or doc.citations or doc.mentions):
                documents.documents.pop(doc.key, None)
                entities.origins.pop(id(doc), None)
                documents.form_counts.pop(id(doc), None)
            else:
                self._redo_document(doc)
        return meeting

    def _redo_document(self, doc: Document) -> None:
        """The details of a document outside the registry, from the citations left."""
        if not doc.in_registry:
            doc.issuer = doc.title = doc.date = doc.term = None
            for citation in sorted(doc.citations, key=lambda c: meeting_order(c.meeting)):
                take_details(doc, self.builder.documents.citation_refs[id(citation)])

    def _reorder(self, meeting: Meeting) -> None:
        """Lists a meeting was just added to, back in meeting order (it was appended last)."""
        entities = self.builder.entities
        touched: list[list[Any]] = []
        if meeting.year is not None:
            touched.append(meeting.year.meetings)
        touched += [org.organized for org in meeting.organizers]
        touched += [p.meetings for p in [*meeting.provinces, *([meeting.location] if meeting.location else [])]]
        if meeting.region is not None:
            touched.append(meeting.region.meetings)
        touched += [t.meetings for t in meeting.topics]
        people = [a.person for a in meeting.attendances if a.person is not None]
        people += [e.by for es in meeting.entries.values() for e in es if e.by is not None]
        for person in {id(p): p for p in people}.values():
            place(person.positions, meeting, registry_first=True)
            uses = entities.person_uses[id(person)]
            uses.sort(key=lambda u: (u[0] in self.meetings, meeting_order(self.meetings[u[0]])
                                     if u[0] in self.meetings else ()))
        for a in meeting.attendances:
            if a.person is not None:
                touched.append(a.person.attendances)
            if a.organization is not None:
                touched += [a.organization.members, a.organization.attendances]
        for entries in meeting.entries.values():
            for e in entries:
                if e.province is not None:
                    touched.append(e.province.entries)
                touched += [t.entries for t in e.topics]
                if e.by is not None:
                    touched.append(e.by.directives)
        docs = {id(r.document): r.document for r in [*meeting.citations, *meeting.mentions]}  # type: ignore[attr-defined]
        for doc in docs.values():
            touched += [doc.citations, doc.mentions]
        for items in {id(t): t for t in touched}.values():
            place(items, meeting)
        for doc in docs.values():
            self._redo_document(doc)

    # ------------------------------------------------------------ the passes over every meeting

    def _undo_passes(self) -> None:
        """What the global passes added last time, taken out (their results are redone)."""
        entities, mentions = self.builder.entities, self.builder.mentions
        spans: dict[int, tuple[LinkedText, set[int]]] = {}
        holders: dict[int, tuple[Meeting | Document, set[int]]] = {}
        for linked, span, mention in mentions.bare_links:
            spans.setdefault(id(linked), (linked, set()))[1].add(id(span))
            for holder in (mention.meeting, mention.document):
                holders.setdefault(id(holder), (holder, set()))[1].add(id(mention))
            mentions.mention_order.pop(id(mention), None)
        for linked, drop in spans.values():
            linked.links = [s for s in linked.links if id(s) not in drop]
        for holder, drop in holders.values():
            holder.mentions = [m for m in holder.mentions if id(m) not in drop]
        mentions.bare_links = []
        for meeting in self.meetings.values():
            meeting.decided_by = []
            meeting.related = []
            meeting.previous = meeting.next = None
        for province in entities.provinces.values():
            province.documents = []
            province.bodies = []
        for org in entities.organizations.values():
            org.province = None
            org.documents = []

    def _link(self, failed_ids: set[str] | frozenset[str]) -> tuple[Site, Report]:
        b = self.builder
        b.report = Report()
        meetings = sorted(self.meetings.values(), key=meeting_order)
        b.mentions.pending_bare.sort(key=lambda p: meeting_order(p.meeting))  # stable: each meeting's own order kept
        site = b.run_passes(meetings, failed_ids)
        full = Report([*self.registry_problems,
                       *(p for m in meetings for p in self.problems[m.path]), *b.report.problems])
        return site, full

    def bare_links_of(self) -> dict[str, list[tuple[int, int, str]]]:
        """Per meeting key: where its bare numbers link, as (start, end, document key)."""
        found: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for _, span, mention in self.builder.mentions.bare_links:
            found[mention.meeting.key].append((span[0], span[1], span[2].key))
        return dict(found)

    def bare_changes(self, before: dict[str, list[tuple[int, int, str]]]) -> set[str]:
        """Keys of the meetings whose bare numbers link otherwise than ``before``."""
        now = self.bare_links_of()
        return {key for key in set(now) | set(before) if now.get(key) != before.get(key)}

    # ------------------------------------------------------------ entry points

    @classmethod
    def build(cls, records: list[Record3], registry: Registry, geography: Geography,
              failed_ids: set[str] | frozenset[str] = frozenset()) -> "tuple[LinkedGraph, Site, Report]":
        graph = cls(registry, geography)
        for source, record, meeting_id in sorted(records, key=lambda r: (r[1].date, r[2], r[0].path)):
            graph._add(source, record, meeting_id)
        site, report = graph._link(failed_ids)
        graph.bare_results = graph.bare_links_of()
        return graph, site, report

    def update(self, records: list[Record3],
               failed_ids: set[str] | frozenset[str] = frozenset()) -> tuple[Site, Report, set[str]]:
        """The graph of ``records`` (the same registry), changed in place; also the keys of
        the meetings whose pages' data changed (edited, added, removed, or whose bare
        numbers now resolve otherwise)."""
        wanted = {source.path: (source, record, meeting_id) for source, record, meeting_id in records}
        changed: set[str] = set()
        gone = [path for path, old in self.records.items()
                if path not in wanted or wanted[path][0] is not old[0] or wanted[path][1] is not old[1]
                or wanted[path][2] != old[2]]
        self._undo_passes()
        for path in gone:
            changed.add(self._remove(path).key)
        added = [wanted[path] for path in wanted if path not in self.records]
        for source, record, meeting_id in sorted(added, key=lambda r: (r[1].date, r[2], r[0].path)):
            meeting = self._add(source, record, meeting_id)
            self._reorder(meeting)  # before the next one is added: its items are the last ones
            changed.add(meeting.key)
        site, report = self._link(failed_ids)
        changed |= self.bare_changes(self.bare_results)
        self.bare_results = self.bare_links_of()
        return site, report, changed


class LinkingAsRead:
    """A full link begun while the records are still being read: each record is added
    as it comes (``each`` of :func:`~generator.records.corpus.load_records`), on one
    core while the workers read on the others.

    A full link adds the records in meeting order (date, id, file).  Files named by
    their date, as the guide asks, come in that order but for those of one day
    ("…-hoi-nghi-2.md" before "…-hoi-nghi.md"): a day's records wait until a later
    day's come, then go in sorted.  A record older than one already added means the
    files are not in that order: every record is then linked again at the end."""

    def __init__(self, registry: Registry, geography: Geography) -> None:
        self.registry, self.geography = registry, geography
        self.graph = LinkedGraph(registry, geography)
        self.ids: set[str] = set()
        self.waiting: list[tuple[tuple[Any, str, str], Source, Record]] = []  # the latest day's
        self.last: tuple[Any, str, str] | None = None  # the last added
        self.in_order = True

    def add(self, source: Source, record: Record) -> None:
        if not self.in_order:
            return
        meeting_id = record_id(source, record)
        if meeting_id in self.ids:
            return  # a second record with this id: left out (:func:`with_ids` says so)
        self.ids.add(meeting_id)
        order = (record.date, meeting_id, source.path)
        if self.last is not None and order < self.last:
            self.in_order = False
            return
        if self.waiting and self.waiting[0][0][0] < record.date:
            self._add_waiting()
        self.waiting.append((order, source, record))

    def _add_waiting(self) -> None:
        for order, source, record in sorted(self.waiting, key=lambda item: item[0]):
            self.graph._add(source, record, order[1])
            self.last = order
        self.waiting = []

    def finish(self, records: list[Record3],
               failed_ids: set[str] | frozenset[str] = frozenset()) -> "tuple[LinkedGraph, Site, Report]":
        """What :meth:`LinkedGraph.build` makes of ``records`` (those added, if they are all of them)."""
        if self.in_order:
            self._add_waiting()
        added = self.graph.records
        if not self.in_order or len(added) != len(records) or any(
                added.get(source.path, (None,))[0] is not source for source, _, _ in records):
            return LinkedGraph.build(records, self.registry, self.geography, failed_ids)
        site, report = self.graph._link(failed_ids)
        self.graph.bare_results = self.graph.bare_links_of()
        return self.graph, site, report


def build_site_graph(
    records: list[tuple[Source, Record, str]], registry: Registry, geography: Geography, report: Report,
    failed_ids: set[str] | frozenset[str] = frozenset(),
) -> Site:
    """Link validated records (with their ids) into a :class:`Site`.

    ``failed_ids``: ids of records that could not be read (already reported).
    """
    _, site, found = LinkedGraph.build(records, registry, geography, failed_ids)
    report.extend(found)
    return site
