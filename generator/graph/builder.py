"""Stage 4, cross-reference: validated records + registries → a linked :class:`Site`.

One manager, :class:`SiteBuilder`, collects every entity first (registries, then
meetings in a fixed order), then assigns slugs, then links what points where.
Which page a name gets depends only on the names, never on file order.
"""

from __future__ import annotations

import bisect
import copy
import datetime as dt
import difflib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from ..language import docnumber
from ..language.docnumber import BareNumber, DocNumber
from ..language.geography import Geography, PlaceName
from ..language.names import spelling_key, strip_titles
from ..language.text import fold, identity_key, slug
from ..pages import markdown
from ..problems import Problem, Report
from ..records.loader import FieldPath, Source
from ..records.registry import Registry
from ..records.schema import (
    ITEM_SECTIONS,
    DocumentRef,
    Item,
    Record,
    RegistryDocument,
    Succession,
)
from ..records.validate import field_path
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
    Site,
    Topic,
    Year,
)

E = TypeVar("E", bound=Entity)

RESERVED_SLUGS = frozenset({"index", "tat-ca"})



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
        # People's names as read: where each person is named, who the registry lists,
        # which pairs it says are two people, and every spelling by its letters alone.
        self.person_uses: dict[int, list[tuple[str, int]]] = defaultdict(list)
        self.registry_people: set[int] = set()
        self.distinct_people: set[frozenset[str]] = set()
        self.spellings: dict[str, list[tuple[Person, str]]] = defaultdict(list)
        self.org_alias: dict[str, Organization] = {}
        self.alias_pattern: re.Pattern[str] | None = None
        self.alias_target: dict[str, Document] = {}
        self.origins: dict[int, tuple[str, int]] = {}
        # Documents each meeting names by a full number (listed or in its text): the
        # scope in which a bare "Kết luận số 43" is resolved, once every meeting is read.
        self.named_by: dict[int, list[Document]] = defaultdict(list)
        self.pending_bare: list[_PendingBare] = []
        # Text order of every mention within its meeting (bare ones are added last).
        self.mention_order: dict[int, tuple[int, int]] = {}
        self.texts_linked: dict[int, int] = defaultdict(int)
        # What an incremental update must be able to undo or redo (see LinkedGraph):
        # the reference each citation was made from, the forms each meeting wrote a
        # document number in, the links and mentions the bare-number pass added.
        self.citation_refs: dict[int, DocumentRef] = {}
        self.forms: dict[int, list[tuple[Document, str]]] = defaultdict(list)
        self.form_counts: dict[int, dict[str, int]] = defaultdict(_form_counts)
        self.bare_links: list[tuple[LinkedText, tuple[int, int, Entity], Mention]] = []
        self.registry_orgs: set[int] = set()
        for place in geography.regions:
            self._region(place)
        for place in geography.provinces:  # the 63 first: each new unit's predecessors exist
            unit = self._province(place)
            for former in place.predecessors:
                unit.predecessors.append(self._province(former))
                self._province(former).successor = unit
            if place.is_new:
                for name in place.regions:
                    self.regions[identity_key(name)].units_2025.append(unit)

    def __getstate__(self) -> dict[str, Any]:
        # Look-ups keyed by id() mean nothing once read back: LinkedGraph pickles them
        # as (object, value) pairs (see LinkedGraph.__getstate__) and fills these again.
        state = dict(self.__dict__)
        for name in ID_KEYED:
            state[name] = _emptied(state[name])
        return state

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
        # Units are told apart by their own slug: the former and the new Lào Cai share a name.
        key = place.slug
        if key not in self.provinces:
            region = self.regions[identity_key(place.region)] if place.region else None
            province = Province(key=key, name=place.name, slug=place.slug, aliases=list(place.aliases),
                                region=region, place=place)
            self.provinces[key] = province
            if region is not None and not place.is_new:
                region.provinces.append(province)
        return self.provinces[key]

    def province(self, name: str | None, source: Source, path: FieldPath,
                 day: dt.date | None = None) -> Province | None:
        """The province ``name`` designates on ``day`` (the map of the record's date): an
        error when it names a unit of another era, a warning when no unit at all."""
        if not name:
            return None
        found = self.geo.resolve(name, day)
        problem = found.problem(name, day)
        field = f"“{field_path(path)}”: " if path and isinstance(path[0], str) else ""  # a record's field
        if problem is not None:
            self.report.error(source.path, source.line(path), field + problem)
            return None
        if found.place is None or found.place.is_region:
            self.report.warning(
                source.path, source.line(path),
                f"{field}“{name}” không phải tên một tỉnh, thành phố (63 tỉnh, thành phố trước 1/7/2025 "
                "hoặc 34 tỉnh, thành phố từ 1/7/2025); trang địa phương sẽ không được liên kết",
            )
            return None
        return self._province(found.place)

    def person(self, name: str, source: Source | None = None, path: FieldPath = ()) -> Person:
        key = identity_key(name)
        found = self.person_alias.get(key) or self.people.get(key)
        if found is None:
            found = self.people[key] = Person(key=key, name=" ".join(name.split()))
            self._origin(found, source, path)
            self._spelled(found, found.name)
        return found

    def _spelled(self, person: Person, spelling: str) -> None:
        same_letters = self.spellings[spelling_key(spelling)]
        if all(p is not person for p, _ in same_letters):
            same_letters.append((person, spelling))

    def person_named(self, written: str, source: Source, path: FieldPath) -> tuple[Person, str]:
        """The person a name field designates, and the name without honorifics or titles
        ("đồng chí Phạm Tất Thắng" → Phạm Tất Thắng, with a warning naming the clean form)."""
        name = self._clean_name(written, source, path)
        person = self.person(name, source, path)
        self.person_uses[id(person)].append((source.path, source.line(path)))
        return person, name

    def _clean_name(self, written: str, source: Source, path: FieldPath) -> str:
        clean = strip_titles(written)
        if clean.removed:
            hint = "; học hàm, chức vụ ghi ở “position”" if path[:1] == ("participants",) else ""
            self.report.warning(
                source.path, source.line(path),
                f"“{field_path(path)}”: “{clean.removed}” là danh xưng, học hàm, học vị hoặc cấp bậc, "
                f"không phải một phần của tên; tên được ghi nhận là “{clean.name}” "
                f"(hãy viết “{clean.name}”{hint})",
            )
        return clean.name

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
            person, _ = self.person_named(entry.name, source, (i, "name"))
            self.registry_people.add(id(person))
            for j, written in enumerate(entry.aliases):
                alias = self._clean_name(written, source, (i, "aliases", j))
                if alias not in person.aliases:
                    person.aliases.append(alias)
                self.person_alias.setdefault(identity_key(alias), person)
                self._spelled(person, alias)
            for j, written in enumerate(entry.distinct_from):
                other = self._clean_name(written, source, (i, "distinct_from", j))
                self.distinct_people.add(frozenset({person.key, identity_key(other)}))
            for pos in entry.positions:
                person.positions.append(PositionHeld(pos.title, pos.organization, pos.start, pos.end))
        for source, i, org_entry in registry.organizations:
            org = self.organization(org_entry.name, source, (i, "name"))
            self.registry_orgs.add(id(org))
            org.abbreviation = org_entry.abbreviation
            for alias in [*org_entry.aliases, *([org_entry.abbreviation] if org_entry.abbreviation else [])]:
                if alias not in org.aliases:
                    org.aliases.append(alias)
                self.org_alias.setdefault(identity_key(alias), org)
        for source, i, org_entry in registry.organizations:
            if org_entry.successor is not None:
                self._add_succession(self.organization(org_entry.name), org_entry.successor, source, i)
        for source, i, doc_entry in registry.documents:
            self._add_registry_document(source, i, doc_entry)
        self._compile_aliases()

    def _add_succession(self, org: Organization, succession: Succession, source: Source, i: int) -> None:
        successor = self.organization(succession.name, source, (i, "successor", "name"))
        self.registry_orgs.add(id(successor))
        body: Organization | None = successor
        while body is not None:  # "A → B → A" would make every page of the chain endless
            if body is org:
                self.report.error(
                    source.path, source.line((i, "successor", "name")),
                    f"“successor”: “{org.name}” không thể là cơ quan kế tục của chính nó "
                    f"(qua “{successor.name}”)",
                )
                return
            body = body.successor
        org.successor = successor
        org.successor_start = succession.start
        org.successor_note = succession.note
        successor.predecessors.append(org)

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

    def _add_registry_document(self, source: Source, i: int, entry: RegistryDocument) -> None:
        number = docnumber.parse(entry.number)
        assert number is not None  # the schema checked it
        province = None
        if number.is_local:
            province = self.province(entry.province, source, (i, "province"), entry.date) if entry.province else None
            if province is None and entry.issuer:
                place = self.geo.province_in(entry.issuer, entry.date)
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
            note=entry.note, official_url=entry.url, in_registry=True, aliases=list(entry.aliases),
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
        meeting.end_date, meeting.category, meeting.format = record.end_date, record.kind, record.format
        meeting.sources = list(record.source)
        meeting.body = source.body
        meeting.year = self.year(record.date.year)
        meeting.year.meetings.append(meeting)

        meeting.organizers = [self.organization(n, source, ("organizer", i)) for i, n in enumerate(record.organizer)]
        for i, org in enumerate(meeting.organizers):
            self._check_body_era(org, meeting, source, ("organizer", i))
        for org in meeting.organizers:
            org.organized.append(meeting)
        for i, name in enumerate(record.provinces):
            province = self.province(name, source, ("provinces", i), record.date)
            if province is None:
                meeting.unknown_provinces.append(name)
            elif province not in meeting.provinces:
                meeting.provinces.append(province)
        if record.location:
            place = self.geo.lookup(record.location, record.date) or self.geo.province_in(record.location, record.date)
            meeting.location = self._province(place) if place and not place.is_region else None
            meeting.location_text = record.location
        if record.region:
            place = self.geo.lookup(record.region)
            if place is not None and place.is_region:
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
        person = None
        if name:
            person, name = self.person_named(name, source, ("participants", i, "name"))
        org = self.organization(org_name, source, ("participants", i, "organization")) if org_name else None
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
        number = docnumber.parse(ref.number)
        assert number is not None
        province = None
        if number.is_local:
            if ref.province:
                province = self.province(ref.province, source, ("documents", i, "province"),
                                         ref.date or meeting.date)
            if province is None and ref.issuer:
                place = self.geo.province_in(ref.issuer, ref.date or meeting.date)
                province = self._province(place) if place else None
            province = province or home
        doc = self.document(number, province=province, when=meeting, date=ref.date, term=ref.term,
                            source=source, path=("documents", i))
        self._written(meeting, doc, ref.number)
        if not doc.in_registry:
            _take_details(doc, ref)
        citation = Citation(meeting, doc, ref.number, ref.relation, ref.note)
        self.citation_refs[id(citation)] = ref
        meeting.citations.append(citation)
        doc.citations.append(citation)
        self._named(meeting, doc)
        return doc

    def _named(self, meeting: Meeting, doc: Document) -> None:
        named = self.named_by[id(meeting)]
        if doc not in named:
            named.append(doc)

    def _entry(self, meeting: Meeting, source: Source, section: str, i: int, item: Item,
               cited: dict[str, list[Document]], home: Province | None) -> Entry:
        path: FieldPath = (section, i)
        province = (self.province(item.province, source, path + ("province",), meeting.date)
                    if item.province else None)
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
            entry.by, entry.by_name = self.person_named(item.by, source, path + ("by",))
            entry.by.directives.append(entry)
        return entry

    def link(self, text: str, meeting: Meeting, section: str, source: Source, path: FieldPath,
             cited: dict[str, list[Document]], home: Province | None) -> LinkedText:
        """Find document numbers and registry aliases in ``text``; record each mention.

        Bare numbers ("Kết luận số 43") are kept for :meth:`resolve_bare_numbers`,
        which needs every meeting read first.
        """
        spans: list[tuple[int, int, Entity]] = []
        for match in docnumber.find_numbers(text):
            # A number the record lists under `documents` means that document; where
            # it lists the number for several provinces, the one of this passage.
            listed = cited.get(match.number.key, [])
            doc = next((d for d in listed if d.province is home), listed[0] if listed else None)
            if doc is None:
                doc = self.document(match.number, province=home, when=meeting, source=source, path=path)
            spans.append((match.start, match.end, doc))
            if not match.shared_suffix:  # "217" alone is no way of writing 217-QĐ/TW
                self._written(meeting, doc, match.raw)
            self._named(meeting, doc)
        taken = [(s, e) for s, e, _ in spans]
        if self.alias_pattern is not None:
            for alias in _word_matches(self.alias_pattern, text):
                if _overlaps(taken, alias.start(), alias.end()):
                    continue
                doc = self.alias_target[identity_key(alias.group(0))]
                spans.append((alias.start(), alias.end(), doc))
                taken.append((alias.start(), alias.end()))
        linked = LinkedText(text, sorted(spans, key=lambda s: s[0]))
        order = self.texts_linked[id(meeting)]
        self.texts_linked[id(meeting)] += 1
        for bare in docnumber.find_bare_numbers(text):
            if not _overlaps(taken, bare.start, bare.end):
                self.pending_bare.append(_PendingBare(meeting, linked, section, order, source, path, home, bare))
        for start, end, target in linked.links:
            assert isinstance(target, Document)
            self._mention(meeting, target, linked, section, order, start, end)
        return linked

    def _written(self, meeting: Meeting, doc: Document, form: str) -> None:
        doc.forms_written.add(form)
        self.forms[id(meeting)].append((doc, form))
        self.form_counts[id(doc)][form] += 1

    def _mention(self, meeting: Meeting, doc: Document, linked: LinkedText, section: str, order: int,
                 start: int, end: int) -> Mention:
        text = linked.text
        sentence = sentence_around(text, start, end)
        if section == "body":  # the body is Markdown: quote what a reader sees
            sentence = markdown.plain_text(sentence)
        mention = Mention(meeting, doc, section, sentence, text[start:end])
        meeting.mentions.append(mention)
        doc.mentions.append(mention)
        self.mention_order[id(mention)] = (order, start)
        return mention

    # ------------------------------------------------------------ bare numbers

    def resolve_bare_numbers(self) -> None:
        """Link each "Kết luận số 43" to the one document of that type and number in
        scope: first those its own record names by a full number, then the registry's
        and those named by the other records of the same organizer.  Several: a
        warning naming them; none: the phrase stays text."""
        # Documents by their number alone ("5" for 05-CT/TW): in the registry, and as
        # named by the records of each organizer.
        registry: dict[str, list[Document]] = defaultdict(list)
        for doc in self.documents.values():
            if doc.in_registry and doc.number is not None:
                registry[doc.number.serial].append(doc)
        by_organizer: dict[tuple[int, str], dict[int, Document]] = defaultdict(dict)
        namers: dict[tuple[int, str], dict[int, Meeting]] = defaultdict(dict)
        for org in self.organizations.values():
            for organized in org.organized:
                for doc in self.named_by.get(id(organized), []):
                    assert doc.number is not None
                    by_organizer[(id(org), doc.number.serial)][id(doc)] = doc
                    namers[(id(org), doc.number.serial)][id(organized)] = organized
        touched: set[int] = set()
        for pending in self.pending_bare:
            meeting, bare, home = pending.meeting, pending.bare, pending.home
            scope = [(id(org), bare.serial) for org in meeting.organizers]
            # Whatever they decide, these meetings now shape this one's page (incremental runs).
            deciders = {id(m): m for key in scope for m in namers.get(key, {}).values() if m is not meeting}
            known = {id(m) for m in meeting.decided_by}
            meeting.decided_by.extend(m for key, m in deciders.items() if key not in known)
            own = _fitting(bare, self.named_by.get(id(meeting), []))
            if not own:
                wider = [*registry.get(bare.serial, []), *(d for key in scope for d in by_organizer.get(key, {}).values())]
                own = [d for d in _fitting(bare, wider)
                       if not (d.number and d.number.is_local) or d.province is None or d.province is home]
            groups: dict[tuple[str, int], list[Document]] = {}
            for doc in own:
                assert doc.number is not None
                group = groups.setdefault((doc.number.key, id(doc.province)), [])
                if doc not in group:
                    group.append(doc)
            if not groups:
                continue
            phrase = pending.linked.text[bare.start:bare.end]
            if len(groups) > 1:
                names = "; ".join(_document_label(g[0]) for g in groups.values())
                line = pending.source.line(pending.path)
                if pending.section == "body":  # the line of the phrase itself
                    body = pending.linked.text
                    line = pending.source.body_line - body.startswith("\n") + body.count("\n", 0, bare.start)
                self.report.warning(
                    pending.source.path, line,
                    f"“{phrase}” có thể là {len(groups)} văn bản: {names}; chưa tạo liên kết. Hãy viết "
                    "số hiệu đầy đủ, hoặc liệt kê văn bản trong “documents” của bản ghi",
                )
                continue
            [candidates] = groups.values()
            doc = _choose(candidates, meeting, None, None)
            span: tuple[int, int, Entity] = (bare.start, bare.end, doc)
            pending.linked.links.append(span)
            pending.linked.links.sort(key=lambda s: s[0])
            mention = self._mention(meeting, doc, pending.linked, pending.section, pending.order, bare.start, bare.end)
            self.bare_links.append((pending.linked, span, mention))
            touched.update((id(meeting), id(doc)))
        if not touched:
            return
        mentioning: list[Document | Meeting] = [*self.documents.values(),
                                                *{id(p.meeting): p.meeting for p in self.pending_bare}.values()]
        for entity in mentioning:
            if id(entity) in touched:
                entity.mentions.sort(key=lambda m: (m.meeting.date, m.meeting.key, self.mention_order[id(m)]))

    # ------------------------------------------------------------ people's spellings

    def _two_people(self, a: Person, b: Person) -> bool:
        """Whether the registry says ``a`` and ``b`` are two people: both have an entry,
        or one names the other under ``distinct_from``."""
        both_listed = id(a) in self.registry_people and id(b) in self.registry_people
        return both_listed or frozenset({a.key, b.key}) in self.distinct_people

    def check_spellings(self) -> None:
        """An error for each name that differs from a known person's only by its marks
        ("Phạm Tất Thằng" beside "Phạm Tất Thắng"), unless the registry says they are two
        people.  Known first: the registry's people, then in order of first use."""
        for same_letters in self.spellings.values():
            for j, (person, spelling) in enumerate(same_letters[1:], start=1):
                if id(person) in self.registry_people or not self.person_uses[id(person)]:
                    continue
                rivals = [(p, s) for p, s in same_letters[:j] if not self._two_people(p, person)]
                if not rivals:
                    continue
                known, known_spelling = rivals[0]
                path, line = self.person_uses[id(person)][0]
                where = (f"ở mục “{known.name}” của sổ nhân vật" if id(known) in self.registry_people
                         else f"một mục “name: {known.name}” vào sổ nhân vật")
                self.report.error(
                    path, line,
                    f"“{spelling}” chỉ khác “{known_spelling}” ở dấu; hai cách viết sẽ thành hai trang nhân "
                    f"vật. “{spelling}”: {_places(self.person_uses[id(person)])}; “{known_spelling}”: "
                    f"{_places(self.person_uses[id(known)])}. Nếu là một người, hãy sửa cho cùng một cách "
                    f"viết; nếu là hai người, ghi {where} (records/_registry/people.yml) "
                    f"khóa “distinct_from: [{spelling}]”",
                )

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
        self._assign_slugs(self.regions.values(), lambda p: slug(p.name))
        self._place_contents(documents)
        for person in self.people.values():
            for held in person.positions:
                if held.organization:  # only bodies already known: a position makes no new page
                    key = identity_key(held.organization)
                    held.body = self.org_alias.get(key) or self.organizations.get(key)
        self._assign_slugs(self.topics.values(), lambda t: slug(t.name))
        # People, bodies and topics in the order of their slugs, never in the order the
        # records first named them: an incremental update gives the same lists.
        return Site(
            meetings=ordered,
            documents=sorted(documents, key=lambda d: d.slug),
            people=sorted(self.people.values(), key=lambda p: p.slug),
            organizations=sorted(self.organizations.values(), key=lambda o: o.slug),
            regions=list(self.regions.values()),
            provinces=list(self.provinces.values()),
            topics=sorted(self.topics.values(), key=lambda t: t.slug),
            years=sorted(self.years.values(), key=lambda y: y.key),
        )

    def _place_contents(self, documents: list[Document]) -> None:
        """Each province's own documents and bodies; which places have a page of their own."""
        for doc in sorted(documents, key=lambda d: d.slug):
            if doc.province is not None and doc not in doc.province.documents:
                doc.province.documents.append(doc)
        for org in sorted(self.organizations.values(), key=lambda o: o.slug):
            # Read its name on the map of when it worked: its first meeting, else the day it
            # took over from a former body (a board of the new Vĩnh Long is not the old one's).
            dates = sorted(m.date for m in [*org.organized, *(a.meeting for a in [*org.attendances, *org.members])])
            dates += sorted(p.successor_start for p in org.predecessors if isinstance(p.successor_start, dt.date))
            place = self.geo.province_in(org.name, dates[0] if dates else None)
            if place is not None:
                org.province = self.provinces[place.slug]
                org.province.bodies.append(org)
        names: dict[str, list[Province]] = defaultdict(list)
        for province in self.provinces.values():
            names[province.name].append(province)
        for same in names.values():
            for province in same:
                province.shares_name = len(same) > 1
        # A place with nothing of its own has no page: it is one line of the places index, which
        # also says what each new unit was formed from (a page with only that would repeat it).
        for province in self.provinces.values():
            province.has_page = province.has_content
        for region in self.regions.values():
            region.has_page = bool(region.meetings) or any(p.has_page for p in [*region.provinces, *region.units_2025])

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
                    if isinstance(other, Person) and spelling_key(first.name) == spelling_key(other.name):
                        continue  # said by check_spellings: an error, or two people the registry lists
                    path, line = self.origins.get(id(other), ("records", 1))
                    self.report.warning(
                        path, line,
                        f"“{other.name}” và “{first.name}” có cùng đường dẫn “{base}”; "
                        f"hai trang riêng: {first.section}/{first.slug}/ và {other.section}/{other.slug}/ "
                        "(nếu là một người hay một cơ quan, hãy sửa cho cùng cách viết)",
                    )


@dataclass
class _PendingBare:
    """A bare number found in a text, resolved once every meeting is read."""

    meeting: Meeting
    linked: LinkedText
    section: str
    order: int
    source: Source
    path: FieldPath
    home: Province | None
    bare: BareNumber


def _places(uses: list[tuple[str, int]], shown: int = 3) -> str:
    """"records/a.md:12, records/b.md:40 và 2 chỗ khác": where a name is used."""
    unique = list(dict.fromkeys(f"{path}:{line}" for path, line in uses))
    more = len(unique) - shown
    return ", ".join(unique[:shown]) + (f" và {more} chỗ khác" if more > 0 else "")


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _fitting(bare: BareNumber, documents: Iterable[Document]) -> list[Document]:
    out: list[Document] = []
    for doc in documents:
        if doc.number is not None and bare.fits(doc.number) and doc not in out:
            out.append(doc)
    return out


def _document_label(doc: Document) -> str:
    assert doc.number is not None
    where = f" ({doc.province.name})" if doc.province else ""
    return f"{doc.number.canonical}{where}"


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
        # The province's own slug: 17-NQ/TU of the new Lào Cai is not the former one's.
        base += f"-{doc.province.slug}" if doc.province else "-chua-ro"
    siblings = registry_numbers.get(f"{doc.number.key}|{doc.province.key if doc.province else ''}", [])
    if len(siblings) > 1 and doc.in_registry:
        base += f"-{doc.date.year}" if doc.date else f"-khoa-{slug(doc.term or 'x')}"
    return base


def _take_details(doc: Document, ref: DocumentRef) -> None:
    """What a citation says of a document the registry does not describe: the first
    citation (in meeting order) that says it wins."""
    doc.issuer = doc.issuer or ref.issuer
    doc.title = doc.title or ref.title
    doc.date = doc.date or ref.date
    doc.term = doc.term or ref.term


def _meeting_order(meeting: Meeting) -> tuple[dt.date, str, str]:
    """The order meetings are read in (and every list of an entity follows)."""
    return (meeting.date, meeting.key, meeting.path)


def _order_key(registry_first: bool) -> Callable[[Any], Any]:
    """The order of an entity's list: that of the meetings its items belong to (a
    person's positions: the registry's first)."""
    if registry_first:
        return lambda h: (True, _meeting_order(h.meeting)) if h.meeting is not None else (False,)
    return lambda x: _meeting_order(getattr(x, "meeting", x))


def _cut(items: list[Any], meeting: Meeting, *, registry_first: bool = False) -> None:
    """Remove a meeting's items from a list in meeting order (they are side by side)."""
    key = _order_key(registry_first)
    target = (True, _meeting_order(meeting)) if registry_first else _meeting_order(meeting)
    lo = bisect.bisect_left(items, target, key=key)
    hi = bisect.bisect_right(items, target, lo=lo, key=key)
    del items[lo:hi]


def _place(items: list[Any], meeting: Meeting, *, registry_first: bool = False) -> None:
    """Move a meeting's items, just appended at the end of a list in meeting order, to their place."""
    def owner(item: Any) -> Any:
        return item.meeting if registry_first else getattr(item, "meeting", item)
    start = len(items)
    while start and owner(items[start - 1]) is meeting:
        start -= 1
    if start == len(items) or start == 0:
        return
    block = items[start:]
    del items[start:]
    key = _order_key(registry_first)
    at = bisect.bisect_right(items, (True, _meeting_order(meeting)) if registry_first else _meeting_order(meeting),
                             key=key)
    items[at:at] = block


Record3 = tuple[Source, Record, str]

#: SiteBuilder's look-ups keyed by the id() of a person, body, document, meeting,
#: citation or mention (dicts and sets).
ID_KEYED = ("person_uses", "registry_people", "origins", "named_by", "mention_order", "texts_linked",
            "citation_refs", "forms", "form_counts", "registry_orgs")
#: The graph's own objects, which refer to one another in cycles: pickled flat
#: (see :mod:`generator.pickled`).
CYCLIC_TYPES: frozenset[type] = frozenset({
    Meeting, Person, Organization, Topic, Province, Region, Year, Document,
    LinkedText, Entry, Attendance, Citation, Mention, PositionHeld,
})


def _form_counts() -> defaultdict[str, int]:
    return defaultdict(int)


def _emptied(table: Any) -> Any:
    """An empty container of the same kind (a defaultdict keeps its factory)."""
    empty = copy.copy(table)
    empty.clear()
    return empty


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
        (:data:`CYCLIC_TYPES`), so that the next run updates it instead of linking again."""
        b = self.builder
        known: dict[int, Any] = {id(m): m for m in self.meetings.values()}
        for meeting in self.meetings.values():
            known.update((id(c), c) for c in meeting.citations)
            known.update((id(m), m) for m in meeting.mentions)
        for table in (b.people, b.organizations, b.topics, b.documents):
            known.update((id(e), e) for e in table.values())
        by_id: dict[str, list[Any]] = {}
        for name in ID_KEYED:
            looked_up = getattr(b, name)
            if isinstance(looked_up, set):
                by_id[name] = [known[k] for k in looked_up if k in known]
            else:  # an id no live object has is a leftover: dropped
                by_id[name] = [(known[k], v) for k, v in looked_up.items() if k in known]
        return {**self.__dict__, "by_id": by_id}

    def __setstate__(self, state: dict[str, Any]) -> None:
        by_id = state.pop("by_id")
        self.__dict__.update(state)
        for name, pairs in by_id.items():
            looked_up = getattr(self.builder, name)  # emptied by SiteBuilder.__getstate__
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
        b = self.builder
        meeting = self.meetings.pop(path)
        del self.records[path], self.problems[path]
        gone = id(meeting)

        def keep(items: list[Any]) -> list[Any]:
            _cut(items, meeting)
            return items

        if meeting.year is not None:
            meeting.year.meetings = keep(meeting.year.meetings)
            if not meeting.year.meetings:
                del b.years[int(meeting.year.key)]
        for org in meeting.organizers:
            org.organized = keep(org.organized)
        for place in [*meeting.provinces, *([meeting.location] if meeting.location else [])]:
            place.meetings = keep(place.meetings)
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
                _cut(person.positions, meeting, registry_first=True)
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
            b.citation_refs.pop(id(citation), None)
        for mention in meeting.mentions:
            docs[id(mention.document)] = mention.document
            mention.document.mentions = keep(mention.document.mentions)
            b.mention_order.pop(id(mention), None)
        for doc, form in b.forms.pop(gone, []):
            docs[id(doc)] = doc
            counts = b.form_counts[id(doc)]
            counts[form] -= 1
            if not counts[form]:
                del counts[form]
                doc.forms_written.discard(form)
        b.named_by.pop(gone, None)
        b.texts_linked.pop(gone, None)
        b.pending_bare = [p for p in b.pending_bare if p.meeting is not meeting]
        for person in people.values():
            uses = b.person_uses[id(person)] = [u for u in b.person_uses[id(person)] if u[0] != path]
            if not (person.attendances or person.directives or id(person) in b.registry_people):
                del b.people[person.key]
                del b.person_uses[id(person)]
                b.origins.pop(id(person), None)
                for spelled in b.spellings.values():
                    spelled[:] = [(p, name) for p, name in spelled if p is not person]
            del uses
        for org in orgs.values():
            if not (org.organized or org.attendances or org.members or id(org) in b.registry_orgs):
                del b.organizations[org.key]
                b.origins.pop(id(org), None)
        for topic in meeting.topics + [t for es in meeting.entries.values() for e in es for t in e.topics]:
            if topic.key in b.topics and not (topic.meetings or topic.entries):
                del b.topics[topic.key]
                b.origins.pop(id(topic), None)
        for doc in docs.values():
            if not (doc.in_registry or doc.citations or doc.mentions):
                b.documents.pop(doc.key, None)
                b.origins.pop(id(doc), None)
                b.form_counts.pop(id(doc), None)
            else:
                self._redo_document(doc)
        return meeting

    def _redo_document(self, doc: Document) -> None:
        """The details of a document outside the registry, from the citations left."""
        b = self.builder
        if not doc.in_registry:
            doc.issuer = doc.title = doc.date = doc.term = None
            for citation in sorted(doc.citations, key=lambda c: _meeting_order(c.meeting)):
                _take_details(doc, b.citation_refs[id(citation)])

    def _reorder(self, meeting: Meeting) -> None:
        """Lists a meeting was just added to, back in meeting order (it was appended last)."""
        b = self.builder
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
            _place(person.positions, meeting, registry_first=True)
            b.person_uses[id(person)].sort(key=lambda u: (u[0] in self.meetings, _meeting_order(self.meetings[u[0]])
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
            _place(items, meeting)
        for doc in docs.values():
            self._redo_document(doc)

    # ------------------------------------------------------------ the passes over every meeting

    def _undo_passes(self) -> None:
        """What the global passes added last time, taken out (their results are redone)."""
        b = self.builder
        spans: dict[int, tuple[LinkedText, set[int]]] = {}
        mentions: dict[int, tuple[Meeting | Document, set[int]]] = {}
        for linked, span, mention in b.bare_links:
            spans.setdefault(id(linked), (linked, set()))[1].add(id(span))
            for holder in (mention.meeting, mention.document):
                mentions.setdefault(id(holder), (holder, set()))[1].add(id(mention))
            b.mention_order.pop(id(mention), None)
        for linked, drop in spans.values():
            linked.links = [s for s in linked.links if id(s) not in drop]
        for holder, drop in mentions.values():
            holder.mentions = [m for m in holder.mentions if id(m) not in drop]
        b.bare_links = []
        for meeting in self.meetings.values():
            meeting.decided_by = []
            meeting.related = []
            meeting.previous = meeting.next = None
        for province in b.provinces.values():
            province.documents = []
            province.bodies = []
        for org in b.organizations.values():
            org.province = None

    def _link(self, failed_ids: set[str] | frozenset[str]) -> tuple[Site, Report]:
        b = self.builder
        b.report = Report()
        meetings = sorted(self.meetings.values(), key=_meeting_order)
        b.pending_bare.sort(key=lambda p: _meeting_order(p.meeting))  # stable: each meeting's own order kept
        b.resolve_bare_numbers()
        b.check_spellings()
        by_id = {m.key: m for m in meetings}
        report = b.report
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
        _check_speakers(b, meetings, report)
        site = b.finish(meetings)
        full = Report([*self.registry_problems,
                       *(p for m in meetings for p in self.problems[m.path]), *report.problems])
        return site, full

    def bare_links_of(self) -> dict[str, list[tuple[int, int, str]]]:
        """Per meeting key: where its bare numbers link, as (start, end, document key)."""
        found: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for _, span, mention in self.builder.bare_links:
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
