"""Stage 4, cross-reference: validated records + registries → a linked :class:`Site`.

One manager, :class:`SiteBuilder`, collects every entity first (registries, then
meetings in a fixed order), then assigns slugs, then links what points where.
Which page a name gets depends only on the names, never on file order.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from . import docnumber, markdown
from .docnumber import DocNumber
from .errors import Report
from .geography import Geography, PlaceName
from .loader import FieldPath, Source
from .model import (
    Attendance,
    Citation,
    Document,
    Entity,
    Entry,
    LinkedText,
    Meeting,
    Mention,
    Organization,
    Person,
    PositionHeld,
    Province,
    Region,
    Topic,
    Year,
)
from .schema import (
    DocumentRef,
    Item,
    Record,
    RegistryDocument,
    RegistryOrganization,
    RegistryPerson,
)
from .text import fold, identity_key, slug

E = TypeVar("E", bound=Entity)

RESERVED_SLUGS = frozenset({"index", "tat-ca"})
ITEM_SECTIONS = ("findings", "shortcomings", "directives", "targets")


@dataclass
class Registry:
    documents: list[tuple[Source, int, RegistryDocument]] = field(default_factory=list)
    people: list[tuple[Source, int, RegistryPerson]] = field(default_factory=list)
    organizations: list[tuple[Source, int, RegistryOrganization]] = field(default_factory=list)


@dataclass
class Site:
    """Everything the renderer needs, each list in page order."""

    meetings: list[Meeting]  # oldest first
    documents: list[Document]
    people: list[Person]
    organizations: list[Organization]
    regions: list[Region]
    provinces: list[Province]
    topics: list[Topic]
    years: list[Year]


_SENTENCE_END = re.compile(r"(?<=[.!?…;])\s+(?=[\"“(]?[A-ZĐÀ-Ỹ0-9])")


def _word_matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """Matches of ``pattern`` that do not start inside a word."""
    at = 0
    while (match := pattern.search(text, at)) is not None:
        start = match.start()
        if start and (text[start - 1].isalnum() or text[start - 1] == "_"):
            at = start + 1  # a later match may still start within this one
            continue
        yield match
        at = max(match.end(), start + 1)


def sentence_around(text: str, start: int, end: int, limit: int = 400) -> str:
    """The sentence of ``text`` that holds ``start:end``, shortened around it if long."""
    bounds = [0] + [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text) + 1]
    i = bisect.bisect_right(bounds, start) - 1
    lo, hi = bounds[i], bounds[i + 1] - 1
    sentence = text[lo:hi].strip()
    if len(sentence) <= limit:
        return sentence
    offset = start - lo
    left = max(0, offset - limit // 2)
    cut = sentence[left : left + limit]
    return ("…" if left else "") + cut.strip() + "…"


class SiteBuilder:
    """Builds the cross-reference graph.  Use :func:`build_site_graph`."""

    def __init__(self, geography: Geography, report: Report) -> None:
        self.geo = geography
        self.report = report
        self.people: dict[str, Person] = {}
        self.organizations: dict[str, Organization] = {}
        self.topics: dict[str, Topic] = {}
        self.provinces: dict[str, Province] = {}
        self.regions: dict[str, Region] = {}
        self.years: dict[int, Year] = {}
        self.documents: dict[str, Document] = {}
        # number key → registry documents with that number (several for central repeats)
        self.registry_numbers: dict[str, list[Document]] = defaultdict(list)
        self.person_alias: dict[str, Person] = {}
        self.org_alias: dict[str, Organization] = {}
        self.alias_pattern: re.Pattern[str] | None = None
        self.alias_target: dict[str, Document] = {}
        self.origins: dict[int, tuple[str, int]] = {}
        for place in geography.regions:
            self._region(place)
        for place in geography.provinces:
            self._province(place)

    # ------------------------------------------------------------ entity lookup

    def _origin(self, entity: Entity, source: Source | None, path: FieldPath) -> None:
        if source is not None:
            self.origins.setdefault(id(entity), (source.path, source.line(path)))

    def _region(self, place: PlaceName) -> Region:
        key = identity_key(place.name)
        if key not in self.regions:
            self.regions[key] = Region(key=key, name=place.name, aliases=list(place.aliases))
        return self.regions[key]

    def _province(self, place: PlaceName) -> Province:
        key = identity_key(place.name)
        if key not in self.provinces:
            region = self._region(PlaceName(place.region, None)) if place.region else None
            province = Province(key=key, name=place.name, aliases=list(place.aliases), region=region)
            self.provinces[key] = province
            if region is not None:
                region.provinces.append(province)
        return self.provinces[key]

    def province(self, name: str | None, source: Source, path: FieldPath) -> Province | None:
        """The province ``name`` designates; a warning when it is not one of the 63."""
        if not name:
            return None
        place = self.geo.lookup(name)
        if place is None or place.region is None:
            self.report.warning(
                source.path, source.line(path),
                f"“{name}” không phải tên một tỉnh, thành phố trong danh sách 63 tỉnh, thành phố; "
                "trang địa phương sẽ không được liên kết",
            )
            return None
        return self._province(place)

    def person(self, name: str, source: Source | None = None, path: FieldPath = ()) -> Person:
        key = identity_key(name)
        found = self.person_alias.get(key) or self.people.get(key)
        if found is None:
            found = self.people[key] = Person(key=key, name=" ".join(name.split()))
            self._origin(found, source, path)
        return found

    def organization(self, name: str, source: Source | None = None, path: FieldPath = ()) -> Organization:
        key = identity_key(name)
        found = self.org_alias.get(key) or self.organizations.get(key)
        if found is None:
            found = self.organizations[key] = Organization(key=key, name=" ".join(name.split()))
            self._origin(found, source, path)
        return found

    def topic(self, name: str, source: Source, path: FieldPath) -> Topic:
        key = identity_key(name)
        if key not in self.topics:
            self.topics[key] = Topic(key=key, name=" ".join(name.split()))
            self._origin(self.topics[key], source, path)
        return self.topics[key]

    def year(self, value: int) -> Year:
        if value not in self.years:
            self.years[value] = Year(key=str(value), name=str(value), slug=str(value))
        return self.years[value]

    # ------------------------------------------------------------ registries

    def add_registry(self, registry: Registry) -> None:
        for source, i, entry in registry.people:
            person = self.person(entry.name, source, (i, "name"))
            person.aliases.extend(a for a in entry.aliases if a not in person.aliases)
            for alias in entry.aliases:
                self.person_alias.setdefault(identity_key(alias), person)
            for pos in entry.positions:
                person.positions.append(PositionHeld(pos.title, pos.organization, pos.start, pos.end))
        for source, i, org_entry in registry.organizations:
            org = self.organization(org_entry.name, source, (i, "name"))
            org.abbreviation = org_entry.abbreviation
            for alias in [*org_entry.aliases, *([org_entry.abbreviation] if org_entry.abbreviation else [])]:
                if alias not in org.aliases:
                    org.aliases.append(alias)
                self.org_alias.setdefault(identity_key(alias), org)
        for source, i, doc_entry in registry.documents:
            self._add_registry_document(source, i, doc_entry)
        self._compile_aliases()

    def _add_registry_document(self, source: Source, i: int, entry: RegistryDocument) -> None:
        number = docnumber.parse(entry.number)
        assert number is not None  # the schema checked it
        province = None
        if number.is_local:
            province = self.province(entry.province, source, (i, "province")) if entry.province else None
            if province is None and entry.issuer:
                place = self.geo.province_in(entry.issuer)
                province = self._province(place) if place else None
        variant = entry.date.isoformat() if entry.date else (entry.term or "")
        key = f"{number.key}|{province.key if province else ''}|{variant}"
        if key in self.documents:
            self.report.error(
                source.path, source.line((i, "number")),
                f"văn bản {number.canonical} đã có trong sổ đăng ký; nếu là hai văn bản khác nhau, "
                "hãy ghi thêm “date” hoặc “term” để phân biệt",
            )
            return
        doc = Document(
            key=key, name=number.canonical, number=number, issuer=entry.issuer, province=province,
            province_name=entry.province, term=entry.term, date=entry.date, title=entry.title,
            note=entry.note, in_registry=True, aliases=list(entry.aliases),
        )
        self._origin(doc, source, (i, "number"))
        self.documents[key] = doc
        self.registry_numbers[f"{number.key}|{province.key if province else ''}"].append(doc)

    def _compile_aliases(self) -> None:
        for doc in self.documents.values():
            for alias in doc.aliases:
                self.alias_target.setdefault(identity_key(alias), doc)
        if self.alias_target:
            names = sorted(self.alias_target, key=len, reverse=True)
            # Not followed by "-" or "/": "Quyết định số 218-QĐ/TW" is a full number.
            # (Not preceded by a letter either, checked by `link`: a look-behind
            # here makes every text scan three times slower.)
            self.alias_pattern = re.compile(
                r"(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w/-])", re.IGNORECASE
            )

    # ------------------------------------------------------------ documents

    def document(
        self,
        number: DocNumber,
        *,
        province: Province | None,
        when: Meeting,
        date: object = None,
        term: str | None = None,
        source: Source,
        path: FieldPath,
    ) -> Document:
        """The document ``number`` designates in this context (province, date, term)."""
        scope = province.key if (number.is_local and province) else ""
        candidates = self.registry_numbers.get(f"{number.key}|{scope}", [])
        if candidates:
            return _choose(candidates, when, date, term)
        key = f"{number.key}|{scope}|"
        doc = self.documents.get(key)
        if doc is None:
            doc = Document(
                key=key, name=number.canonical, number=number,
                province=province if number.is_local else None,
            )
            self.documents[key] = doc
            self._origin(doc, source, path)
            if number.is_local and province is None:
                self.report.warning(
                    source.path, source.line(path),
                    f"không rõ {number.canonical} là văn bản của tỉnh, thành phố nào; hãy ghi “issuer” "
                    "hoặc “province” trong mục documents, hoặc “province” của bản ghi",
                )
        return doc

    # ------------------------------------------------------------ meetings

    def add_meeting(self, source: Source, record: Record, meeting_id: str) -> Meeting:
        meeting = Meeting(key=meeting_id, name=record.title, slug=meeting_id, record=record, source=source)
        meeting.date = record.date
        meeting.body = source.body
        meeting.year = self.year(record.date.year)
        meeting.year.meetings.append(meeting)

        meeting.organizers = [self.organization(n, source, ("organizer", i)) for i, n in enumerate(record.organizer)]
        for org in meeting.organizers:
            org.organized.append(meeting)
        for i, name in enumerate(record.provinces):
            province = self.province(name, source, ("provinces", i))
            if province is None:
                meeting.unknown_provinces.append(name)
            elif province not in meeting.provinces:
                meeting.provinces.append(province)
        if record.location:
            place = self.geo.lookup(record.location) or self.geo.province_in(record.location)
            meeting.location = self._province(place) if place and place.region else None
            meeting.location_text = record.location
        if record.region:
            place = self.geo.lookup(record.region)
            if place is not None and place.region is None:
                meeting.region = self._region(place)
            else:
                self.report.warning(
                    source.path, source.line(("region",)),
                    f"“{record.region}” không phải tên một vùng đã biết "
                    f"({', '.join(r.name for r in self.geo.regions)})",
                )
            meeting.region_text = record.region
        home = meeting.location or (meeting.provinces[0] if len(meeting.provinces) == 1 else None)
        for place_ in {id(p): p for p in [*meeting.provinces, *([meeting.location] if meeting.location else [])]}.values():
            place_.meetings.append(meeting)
        if meeting.region is not None:
            meeting.region.meetings.append(meeting)

        meeting.topics = []
        for i, name in enumerate(record.topics):
            topic = self.topic(name, source, ("topics", i))
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

        meeting.title = self.link(record.title, meeting, "title", source, ("title",), cited, home)
        if record.summary:
            meeting.summary = self.link(record.summary, meeting, "summary", source, ("summary",), cited, home)
        for section in ITEM_SECTIONS:
            items: list[Item] = getattr(record, section)
            meeting.entries[section] = [
                self._entry(meeting, source, section, i, item, cited, home) for i, item in enumerate(items)
            ]
        if meeting.body.strip():
            meeting.body_text = self.link(meeting.body, meeting, "body", source, (), cited, home)
        return meeting

    def _attend(self, meeting: Meeting, source: Source, i: int, name: str | None, org_name: str | None,
                position: str | None, role: str | None, note: str | None) -> None:
        person = self.person(name, source, ("participants", i, "name")) if name else None
        org = self.organization(org_name, source, ("participants", i, "organization")) if org_name else None
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
        number = docnumber.parse(ref.number)
        assert number is not None
        province = None
        if number.is_local:
            if ref.province:
                province = self.province(ref.province, source, ("documents", i, "province"))
            if province is None and ref.issuer:
                place = self.geo.province_in(ref.issuer)
                province = self._province(place) if place else None
            province = province or home
        doc = self.document(number, province=province, when=meeting, date=ref.date, term=ref.term,
                            source=source, path=("documents", i))
        doc.forms_written.add(ref.number)
        if not doc.in_registry:
            doc.issuer = doc.issuer or ref.issuer
            doc.title = doc.title or ref.title
            doc.date = doc.date or ref.date
            doc.term = doc.term or ref.term
        citation = Citation(meeting, doc, ref.number, ref.relation, ref.note)
        meeting.citations.append(citation)
        doc.citations.append(citation)
        return doc

    def _entry(self, meeting: Meeting, source: Source, section: str, i: int, item: Item,
               cited: dict[str, list[Document]], home: Province | None) -> Entry:
        path: FieldPath = (section, i)
        province = self.province(item.province, source, path + ("province",)) if item.province else None
        entry = Entry(
            meeting=meeting, section=section,
            text=self.link(item.text, meeting, section, source, path, cited, province or home),
            province=province, province_name=item.province, deadline=item.deadline,
            figures=list(item.figures),
        )
        for j, name in enumerate(item.topics):
            topic = self.topic(name, source, path + ("topics", j))
            entry.topics.append(topic)
            topic.entries.append(entry)
        if province is not None:
            province.entries.append(entry)
        if item.by:
            entry.by = self.person(item.by, source, path + ("by",))
            entry.by_name = item.by
            entry.by.directives.append(entry)
        return entry

    def link(self, text: str, meeting: Meeting, section: str, source: Source, path: FieldPath,
             cited: dict[str, list[Document]], home: Province | None) -> LinkedText:
        """Find document numbers and registry aliases in ``text``; record each mention."""
        spans: list[tuple[int, int, Entity]] = []
        for match in docnumber.find_numbers(text):
            # A number the record lists under `documents` means that document; where
            # it lists the number for several provinces, the one of this passage.
            listed = cited.get(match.number.key, [])
            doc = next((d for d in listed if d.province is home), listed[0] if listed else None)
            if doc is None:
                doc = self.document(match.number, province=home, when=meeting, source=source, path=path)
            spans.append((match.start, match.end, doc))
            doc.forms_written.add(match.raw)
        if self.alias_pattern is not None:
            taken = [(s, e) for s, e, _ in spans]
            for match in _word_matches(self.alias_pattern, text):
                if any(s < match.end() and match.start() < e for s, e in taken):
                    continue
                doc = self.alias_target[identity_key(match.group(0))]
                spans.append((match.start(), match.end(), doc))
        spans.sort(key=lambda s: s[0])
        for start, end, doc in spans:
            assert isinstance(doc, Document)
            sentence = sentence_around(text, start, end)
            if section == "body":  # the body is Markdown: quote what a reader sees
                sentence = markdown.plain_text(sentence)
            mention = Mention(meeting, doc, section, sentence, text[start:end])
            meeting.mentions.append(mention)
            doc.mentions.append(mention)
        return LinkedText(text, spans)

    # ------------------------------------------------------------ finishing

    def finish(self, meetings: list[Meeting]) -> Site:
        ordered = sorted(meetings, key=lambda m: (m.date, m.key))
        for before, after in zip(ordered, ordered[1:]):
            before.next, after.previous = after, before
        for year in self.years.values():
            year.meetings.sort(key=lambda m: (m.date, m.key))
        documents = [d for d in self.documents.values() if d.in_registry or d.citations or d.mentions]
        self._assign_slugs(documents, lambda d: _document_slug(d, self.registry_numbers))
        self._assign_slugs(self.people.values(), lambda p: slug(p.name))
        self._assign_slugs(self.organizations.values(), lambda o: slug(o.name))
        self._assign_slugs([*self.regions.values(), *self.provinces.values()], lambda p: slug(p.name))
        self._assign_slugs(self.topics.values(), lambda t: slug(t.name))
        return Site(
            meetings=ordered,
            documents=sorted(documents, key=lambda d: d.slug),
            people=list(self.people.values()),
            organizations=list(self.organizations.values()),
            regions=list(self.regions.values()),
            provinces=list(self.provinces.values()),
            topics=list(self.topics.values()),
            years=sorted(self.years.values(), key=lambda y: y.key),
        )

    def _assign_slugs(self, entities: Iterable[E], make: Callable[[E], str]) -> None:
        groups: dict[str, list[E]] = defaultdict(list)
        for entity in entities:
            groups[make(entity)].append(entity)
        taken = set(groups) | RESERVED_SLUGS
        for base, members in sorted(groups.items()):
            members.sort(key=lambda e: e.key)  # never file order
            for n, entity in enumerate(members):
                if n == 0 and base not in RESERVED_SLUGS:
                    entity.slug = base
                    continue
                k = n + 1
                while f"{base}-{k}" in taken:
                    k += 1
                entity.slug = f"{base}-{k}"
                taken.add(entity.slug)
            if len(members) > 1 and not isinstance(members[0], Document):
                first = members[0]
                for other in members[1:]:
                    path, line = self.origins.get(id(other), ("records", 1))
                    self.report.warning(
                        path, line,
                        f"“{other.name}” và “{first.name}” có cùng đường dẫn “{base}”; "
                        f"hai trang riêng: {first.section}/{first.slug}/ và {other.section}/{other.slug}/ "
                        "(nếu là một người hay một cơ quan, hãy sửa cho cùng cách viết)",
                    )


def _choose(candidates: list[Document], when: Meeting, date: object, term: str | None) -> Document:
    """Among registry documents sharing a number: the one the context names, else the
    latest one issued on or before the meeting, else the earliest."""
    if date is not None:
        for doc in candidates:
            if doc.date == date:
                return doc
    if term:
        for doc in candidates:
            if doc.term and identity_key(doc.term) == identity_key(term):
                return doc
    dated = sorted((d for d in candidates if d.date), key=lambda d: d.date)  # type: ignore[arg-type,return-value]
    before = [d for d in dated if d.date <= when.date]  # type: ignore[operator]
    if before:
        return before[-1]
    return dated[0] if dated else candidates[0]


def _document_slug(doc: Document, registry_numbers: dict[str, list[Document]]) -> str:
    assert doc.number is not None
    base = doc.number.slug
    if doc.number.is_local:
        base += f"-{slug(doc.province.name)}" if doc.province else "-chua-ro"
    siblings = registry_numbers.get(f"{doc.number.key}|{doc.province.key if doc.province else ''}", [])
    if len(siblings) > 1 and doc.in_registry:
        base += f"-{doc.date.year}" if doc.date else f"-khoa-{slug(doc.term or 'x')}"
    return base


def build_site_graph(
    records: list[tuple[Source, Record, str]], registry: Registry, geography: Geography, report: Report,
    failed_ids: set[str] | frozenset[str] = frozenset(),
) -> Site:
    """Link validated records (with their ids) into a :class:`Site`.

    ``failed_ids``: ids of records that could not be read (already reported).
    """
    builder = SiteBuilder(geography, report)
    builder.add_registry(registry)
    by_id: dict[str, Meeting] = {}
    meetings: list[Meeting] = []
    for source, record, meeting_id in sorted(records, key=lambda r: (r[1].date, r[2], r[0].path)):
        meeting = builder.add_meeting(source, record, meeting_id)
        meetings.append(meeting)
        by_id[meeting_id] = meeting
    for meeting in meetings:
        assert meeting.record is not None and meeting.source is not None
        for i, rel in enumerate(meeting.record.related):
            target = by_id.get(rel)
            if target is None and rel in failed_ids:
                continue
            if target is None:
                close = difflib.get_close_matches(rel, list(by_id), n=3, cutoff=0.6)
                hint = ("; có phải ý bạn là " + ", ".join(f"“{c}”" for c in close) + "?") if close else ""
                report.error(meeting.source.path, meeting.source.line(("related", i)),
                             f"“related[{i + 1}]”: không có bản ghi nào mang mã “{rel}”{hint}")
            elif target is not meeting and target not in meeting.related:
                meeting.related.append(target)
                if meeting not in target.related:
                    target.related.append(meeting)
    _check_speakers(builder, meetings, report)
    return builder.finish(meetings)


def _check_speakers(builder: SiteBuilder, meetings: list[Meeting], report: Report) -> None:
    """Warn about a `by:` naming nobody the archive knows (a typo makes a new person page).

    Known: a participant of any meeting, or a person of the registry.
    """
    def known(person: Person) -> bool:
        origin = builder.origins.get(id(person))
        return bool(person.attendances) or (origin is not None and "/_registry/" in f"/{origin[0]}")

    everyone = {fold(p.name): p.name for p in builder.people.values() if known(p)}
    for meeting in meetings:
        assert meeting.record is not None and meeting.source is not None
        present = {fold(a.person.name): a.person.name for a in meeting.attendances if a.person is not None}
        for section in ITEM_SECTIONS:
            for i, entry in enumerate(meeting.entries.get(section, [])):
                if entry.by is None or known(entry.by):
                    continue
                wanted = fold(entry.by.name)
                close = (difflib.get_close_matches(wanted, list(present), n=1, cutoff=0.6)
                         or difflib.get_close_matches(wanted, list(everyone), n=1, cutoff=0.6))
                name = present.get(close[0]) or everyone.get(close[0]) if close else None
                hint = (f"; có phải ý bạn là “{name}”?" if name else
                        "; hãy thêm người này vào “participants” hoặc vào records/_registry/people.yml")
                report.warning(meeting.source.path, meeting.source.line((section, i, "by")),
                               f"“{section}[{i + 1}].by”: “{entry.by_name}” không có trong danh sách "
                               f"người tham dự hội nghị này, cũng không phải người đã biết{hint}")
