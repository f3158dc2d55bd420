"""A validated record as a :class:`Meeting`, added to every entity it names: its
organizers, places, topics, participants, documents and the entries of its sections."""

from __future__ import annotations

from collections import defaultdict

from ..language import docnumber
from ..language.geography import date_vi
from ..problems import Report
from ..records.loader import FieldPath, Source
from ..records.schema import ITEM_SECTIONS, DocumentRef, Item, Record
from .documents import Documents, take_details
from .entities import Entities
from .mentions import Mentions
from .model import Attendance, Citation, Document, Entry, Meeting, Organization, PositionHeld, Province


class MeetingReader:
    """Reads one record at a time into the entity tables, documents and mentions."""

    def __init__(self, entities: Entities, documents: Documents, mentions: Mentions, report: Report) -> None:
        self.entities = entities
        self.documents = documents
        self.mentions = mentions
        self.report = report

    def add_meeting(self, source: Source, record: Record, meeting_id: str) -> Meeting:
        entities = self.entities
        meeting = Meeting(key=meeting_id, name=record.title, slug=meeting_id, record=record, source=source)
        meeting.date = record.date
        meeting.end_date, meeting.category, meeting.format = record.end_date, record.kind, record.format
        meeting.sources = list(record.source)
        meeting.body = source.body
        meeting.year = entities.year(record.date.year)
        meeting.year.meetings.append(meeting)

        meeting.organizers = [entities.organization(n, source, ("organizer", i))
                              for i, n in enumerate(record.organizer)]
        for i, org in enumerate(meeting.organizers):
            self._check_body_era(org, meeting, source, ("organizer", i))
        for org in meeting.organizers:
            org.organized.append(meeting)
        for i, name in enumerate(record.provinces):
            province = entities.province(name, source, ("provinces", i), record.date)
            if province is None:
                meeting.unknown_provinces.append(name)
            elif province not in meeting.provinces:
                meeting.provinces.append(province)
        if record.location:
            # A province's own name is read on the map of the record's date, as in "provinces";
            # free text ("Hội trường Tỉnh ủy Yên Bái") may keep a former name.
            named = entities.geo.resolve(record.location, record.date)
            problem = named.problem(record.location, record.date)
            if problem is not None:
                self.report.error(source.path, source.line(("location",)), f"“location”: {problem}")
            place = named.place or entities.geo.province_in(record.location, record.date)
            meeting.location = entities.unit(place) if place and not place.is_region else None
            meeting.location_text = record.location
        if record.region:
            place = entities.geo.lookup(record.region)
            if place is not None and place.is_region:
                meeting.region = entities.region(place)
            else:
                self.report.warning(
                    source.path, source.line(("region",)),
                    f"“{record.region}” không phải tên một vùng đã biết "
                    f"({', '.join(r.name for r in entities.geo.regions)})",
                )
            meeting.region_text = record.region
        home = meeting.location or (meeting.provinces[0] if len(meeting.provinces) == 1 else None)
        for place_ in {id(p): p for p in [*meeting.provinces, *([meeting.location] if meeting.location else [])]}.values():
            place_.meetings.append(meeting)
        if meeting.region is not None:
            meeting.region.meetings.append(meeting)

        meeting.topics = []
        for i, name in enumerate(record.topics):
            topic = entities.topic(name, source, ("topics", i))
            if topic not in meeting.topics:
                meeting.topics.append(topic)
                topic.meetings.append(meeting)

        for i, participant in enumerate(record.participants):
            self._attend(meeting, source, i, participant.name, participant.organization,
                         participant.position, participant.role, participant.note)

        # Documents listed explicitly decide which document a number means in this record.
        cited: dict[str, list[Document]] = defaultdict(list)
        for i, ref in enumerate(record.documents):
            doc = self._cite(meeting, source, i, ref, home)
            if doc.number is not None and doc not in cited[doc.number.key]:
                cited[doc.number.key].append(doc)

        link = self.mentions.link
        meeting.title = link(record.title, meeting, "title", source, ("title",), cited, home)
        if record.summary:
            meeting.summary = link(record.summary, meeting, "summary", source, ("summary",), cited, home)
        for section in ITEM_SECTIONS:
            items: list[Item] = getattr(record, section)
            meeting.entries[section] = [
                self._entry(meeting, source, section, i, item, cited, home) for i, item in enumerate(items)
            ]
        if meeting.body.strip():
            meeting.body_text = link(meeting.body, meeting, "body", source, (), cited, home)
        self.mentions.take_warnings(self.report)
        return meeting

    def _check_body_era(self, org: Organization, meeting: Meeting, source: Source, path: FieldPath) -> None:
        """A body named on a date after it was replaced: say by which body."""
        now = org.replaced_by_on(meeting.date)
        if now is not None:
            self.report.warning(
                source.path, source.line(path),
                f"“{org.name}” đến {org.ended} đã được thay bằng “{now.name}”; "
                f"hội nghị ngày {meeting.date.day}/{meeting.date.month}/{meeting.date.year} "
                f"hãy ghi “{now.name}” (trang cơ quan vẫn nối hai tên)",
            )

    def _attend(self, meeting: Meeting, source: Source, i: int, name: str | None, org_name: str | None,
                position: str | None, role: str | None, note: str | None) -> None:
        person = None
        if name:
            person, name = self.entities.person_named(name, source, ("participants", i, "name"))
        org = self.entities.organization(org_name, source, ("participants", i, "organization")) if org_name else None
        if org is not None:
            self._check_body_era(org, meeting, source, ("participants", i, "organization"))
        attendance = Attendance(meeting, person, org, position, role, note, org_name, name)
        meeting.attendances.append(attendance)
        if person is not None:
            person.attendances.append(attendance)
            if position:
                person.positions.append(PositionHeld(position, org_name, meeting=meeting))
            if org is not None:
                org.members.append(attendance)
        elif org is not None:
            org.attendances.append(attendance)

    def _cite(self, meeting: Meeting, source: Source, i: int, ref: DocumentRef, home: Province | None) -> Document:
        entities, documents = self.entities, self.documents
        number = docnumber.parse(ref.number)
        assert number is not None
        province = None
        if number.is_local:
            # Without its date, a document may be older than the meeting: issued by a
            # province since merged ("Bến Tre" cited in 2026), which its name then means.
            day, older = ref.date or meeting.date, ref.date is None
            if ref.province:
                province = entities.province(ref.province, source, ("documents", i, "province"), day,
                                             or_before=older, issued=not older)
            # An issuer of a province that had ended by the document's date: one of the two is
            # wrong (a former province under `province` with that date is an error already).
            ended = entities.geo.ended_in(ref.issuer, ref.date) if ref.issuer and ref.date else None
            if ended is not None and ref.date and not (ref.province and entities.geo.ended_in(ref.province, ref.date)):
                self.report.warning(
                    source.path, source.line(("documents", i, "date")),
                    f"“documents[{i + 1}].date”: văn bản ghi ngày ban hành {date_vi(ref.date)}, nhưng cơ quan "
                    f"ban hành “{ref.issuer}” là của {ended.with_type}, chỉ có đến "
                    f"{date_vi(ended.until or ref.date)}; hãy xem lại “date” hoặc “issuer”")
            if province is None and ref.issuer:
                place = entities.geo.province_in(ref.issuer, day, as_it_was=older)
                province = entities.unit(place) if place else None
            province = province or home
        doc = documents.document(number, province=province, when=meeting, date=ref.date, term=ref.term,
                                 source=source, path=("documents", i))
        documents.written(meeting, doc, ref.number)
        if not doc.in_registry:
            take_details(doc, ref)
        citation = Citation(meeting, doc, ref.number, ref.relation, ref.note)
        documents.citation_refs[id(citation)] = ref
        meeting.citations.append(citation)
        doc.citations.append(citation)
        self.mentions.named(meeting, doc)
        return doc

    def _entry(self, meeting: Meeting, source: Source, section: str, i: int, item: Item,
               cited: dict[str, list[Document]], home: Province | None) -> Entry:
        path: FieldPath = (section, i)
        province = (self.entities.province(item.province, source, path + ("province",), meeting.date)
                    if item.province else None)
        entry = Entry(
            meeting=meeting, section=section,
            text=self.mentions.link(item.text, meeting, section, source, path, cited, province or home,
                                    home_said=province is not None),
            province=province, province_name=item.province, deadline=item.deadline,
            figures=list(item.figures),
        )
        for j, name in enumerate(item.topics):
            topic = self.entities.topic(name, source, path + ("topics", j))
            entry.topics.append(topic)
            topic.entries.append(entry)
        if province is not None:
            province.entries.append(entry)
        if item.by:
            entry.by, entry.by_name = self.entities.person_named(item.by, source, path + ("by",))
            entry.by.directives.append(entry)
        return entry
