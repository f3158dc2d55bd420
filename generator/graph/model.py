"""Stage 3, model: the entities a site is made of, and how they point at each other.

Small classes named as nouns.  :mod:`generator.graph.builder` creates and links them;
templates only read them.  Every entity has one page at ``section/slug.md``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from typing import ClassVar

from ..language.docnumber import DocNumber
from ..language.geography import PlaceName
from ..records.loader import Source
from ..records.schema import Figure, Record, SourceRef

#: The readers' name of each section folder (one per entity kind; places share one).
SECTION_TITLES: dict[str, str] = {
    "hoi-nghi": "Hội nghị",
    "van-ban": "Văn bản",
    "nhan-vat": "Nhân vật",
    "co-quan": "Cơ quan",
    "dia-phuong": "Địa phương",
    "chu-de": "Chủ đề",
    "nam": "Năm",
}

SECTION_LABELS: dict[str, str] = {
    "findings": "Kết quả",
    "shortcomings": "Hạn chế",
    "directives": "Nhiệm vụ, chỉ đạo",
    "targets": "Mục tiêu, chỉ tiêu",
    "summary": "Tóm tắt",
    "title": "Tiêu đề",
    "body": "Nội dung",
    "documents": "Văn bản liên quan",
}

#: On a person's page: what their words in each section of a meeting are.
SPEAKER_LABELS: dict[str, str] = {
    "directives": "Chỉ đạo",
    "targets": "Mục tiêu, chỉ tiêu đề ra",
    "findings": "Ý kiến, đánh giá",
    "shortcomings": "Hạn chế được chỉ ra",
}


@dataclass(eq=False, repr=False)
class Entity:
    """Anything with its own page."""

    section: ClassVar[str] = ""
    kind: ClassVar[str] = ""
    #: The list of :class:`Site` holding this kind (see :data:`ENTITY_TYPES`).
    group: ClassVar[str] = ""
    key: str  # identity: two spellings of one name share it
    name: str  # as first written (or as the registry writes it)
    slug: str = ""
    aliases: list[str] = field(default_factory=list)
    #: False for a place with nothing to show: no page of its own, and links to it are plain text.
    has_page: bool = True

    @property
    def label(self) -> str:
        """How links and titles name it."""
        return self.name

    @property
    def page(self) -> str:
        return f"{self.section}/{self.slug}.md"

    def __repr__(self) -> str:
        # The graph is cyclic and large: the dataclass repr would walk all of it.
        return f"<{type(self).__name__} {self.page}>"

    @property
    def url(self) -> str:
        return f"{self.section}/{self.slug}/"


@dataclass(eq=False, repr=False)
class LinkedText:
    """Text as written plus the spans that link to entities (documents)."""

    text: str
    links: list[tuple[int, int, Entity]] = field(default_factory=list)


def _short_repr(self: object) -> str:
    meeting = getattr(self, "meeting", None)
    return f"<{type(self).__name__} of {meeting!r}>"


@dataclass(eq=False, repr=False)
class Entry:
    """A finding, shortcoming, directive or target of one meeting."""

    meeting: "Meeting"
    section: str  # "findings", …
    text: LinkedText
    province: "Province | None" = None
    province_name: str | None = None
    topics: list["Topic"] = field(default_factory=list)
    by: "Person | None" = None
    by_name: str | None = None
    deadline: dt.date | str | None = None
    figures: list[Figure] = field(default_factory=list)


@dataclass(eq=False, repr=False)
class Attendance:
    """One participant line of one meeting."""

    meeting: "Meeting"
    person: "Person | None"
    organization: "Organization | None"
    position: str | None
    role: str | None
    note: str | None
    organization_name: str | None = None  # as this record writes them
    person_name: str | None = None


@dataclass(eq=False, repr=False)
class Citation:
    """A document listed under a meeting's ``documents``."""

    meeting: "Meeting"
    document: "Document"
    number_as_written: str
    relation: str | None
    note: str | None


@dataclass(eq=False, repr=False)
class Mention:
    """A document number found in a meeting's text, with the sentence around it."""

    meeting: "Meeting"
    document: "Document"
    section: str
    sentence: str
    as_written: str


@dataclass(eq=False, repr=False)
class Meeting(Entity):
    section: ClassVar[str] = "hoi-nghi"
    kind: ClassVar[str] = "meeting"
    group: ClassVar[str] = "meetings"
    record: Record | None = None  # as validated; pages read the fields below, not this
    source: Source | None = None
    end_date: dt.date | None = None
    category: str | None = None  # the record's `kind:` ("Giao ban", "Sơ kết"…); `kind` is the entity kind
    format: str | None = None  # "truc-tiep", "truc-tuyen"… (FORMAT_LABELS)
    sources: list[SourceRef] = field(default_factory=list)  # the articles the record comes from
    title: LinkedText = field(default_factory=lambda: LinkedText(""))
    summary: LinkedText | None = None
    body: str = ""
    body_text: LinkedText | None = None
    date: dt.date = dt.date(1970, 1, 1)
    organizers: list["Organization"] = field(default_factory=list)
    location: "Province | None" = None
    location_text: str | None = None
    region: "Region | None" = None
    region_text: str | None = None
    provinces: list["Province"] = field(default_factory=list)
    unknown_provinces: list[str] = field(default_factory=list)
    attendances: list[Attendance] = field(default_factory=list)
    entries: dict[str, list[Entry]] = field(default_factory=dict)
    citations: list[Citation] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    topics: list["Topic"] = field(default_factory=list)
    related: list["Meeting"] = field(default_factory=list)
    # Other meetings whose full numbers decide what this one's bare numbers
    # ("Chỉ thị số 06") link to: its page shows what they say.
    decided_by: list["Meeting"] = field(default_factory=list)
    year: "Year | None" = None
    previous: "Meeting | None" = None
    next: "Meeting | None" = None

    @property
    def path(self) -> str:
        return self.source.path if self.source else ""


@dataclass(eq=False, repr=False)
class PositionHeld:
    title: str
    organization: str | None
    since: str | None = None
    until: str | None = None
    meeting: Meeting | None = None  # None: from the registry
    body: "Organization | None" = None  # the known body ``organization`` names, if any


@dataclass(eq=False, repr=False)
class Person(Entity):
    section: ClassVar[str] = "nhan-vat"
    kind: ClassVar[str] = "person"
    group: ClassVar[str] = "people"
    positions: list[PositionHeld] = field(default_factory=list)
    attendances: list[Attendance] = field(default_factory=list)
    directives: list[Entry] = field(default_factory=list)

    @property
    def given_name(self) -> str:
        return self.name.split()[-1] if self.name.split() else self.name


@dataclass(eq=False, repr=False)
class Organization(Entity):
    section: ClassVar[str] = "co-quan"
    kind: ClassVar[str] = "organization"
    group: ClassVar[str] = "organizations"
    abbreviation: str | None = None
    attendances: list[Attendance] = field(default_factory=list)
    organized: list[Meeting] = field(default_factory=list)
    members: list[Attendance] = field(default_factory=list)  # people listed with it
    #: The body that took over from this one (registry ``successor:``), and from when: a date,
    #: or a year when the day is not known.
    successor: "Organization | None" = None
    successor_start: dt.date | int | None = None
    successor_note: str | None = None
    predecessors: list["Organization"] = field(default_factory=list)
    province: "Province | None" = None  # the province whose body it is, by its name
    documents: list["Document"] = field(default_factory=list)  # those whose issuer names it

    @property
    def ended(self) -> str:
        """ "2/2/2025" or "năm 2025": when it was replaced (empty when it was not)."""
        start = self.successor_start
        if isinstance(start, dt.date):
            last = start - dt.timedelta(days=1)
            return f"{last.day}/{last.month}/{last.year}"
        return f"năm {start}" if start else ""

    @property
    def latest(self) -> "Organization":
        """The body at the end of its chain of successors (itself when it was not replaced)."""
        body = self
        while body.successor is not None:
            body = body.successor
        return body

    def replaced_by_on(self, day: dt.date) -> "Organization | None":
        """The body that had taken over from this one by ``day``, if any (following successors)."""
        body, found = self, None
        while body.successor is not None and body.successor_start is not None:
            start = body.successor_start
            if (day < start) if isinstance(start, dt.date) else (day.year <= start):
                break
            body = found = body.successor
        return found


@dataclass(eq=False, repr=False)
class Region(Entity):
    section: ClassVar[str] = "dia-phuong"
    kind: ClassVar[str] = "place"
    group: ClassVar[str] = "regions"
    provinces: list["Province"] = field(default_factory=list)  # of the 63-unit map
    #: Units formed in 2025 whose territory lies (wholly or partly) in the region.
    units_2025: list["Province"] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)


@dataclass(eq=False, repr=False)
class Province(Entity):
    """One provincial-level unit of one era (the new Lào Cai and the former one are two)."""

    section: ClassVar[str] = "dia-phuong"
    kind: ClassVar[str] = "place"
    group: ClassVar[str] = "provinces"
    place: PlaceName | None = None
    region: Region | None = None
    meetings: list[Meeting] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    documents: list["Document"] = field(default_factory=list)  # its own (local) documents
    bodies: list[Organization] = field(default_factory=list)
    predecessors: list["Province"] = field(default_factory=list)
    successor: "Province | None" = None
    #: Another unit has the same name (the former and the new Lào Cai): titles say which.
    shares_name: bool = False

    @property
    def title(self) -> str:
        """Its page's title: "Lào Cai (từ 1/7/2025)" where two units share the name (links
        inside a meeting say only the name: the meeting's date tells which)."""
        return f"{self.name} ({self.era_shown})" if self.era_shown else self.name

    @property
    def aside(self) -> str:
        """:attr:`title` as said in brackets after a document's number: "Lào Cai, từ 1/7/2025"."""
        return f"{self.name}, {self.era_shown}" if self.era_shown else self.name

    @property
    def era_shown(self) -> str:
        """Its era where another unit has its name ("từ 1/7/2025"), else nothing."""
        return self.place.era if self.shares_name and self.place is not None else ""

    @property
    def has_content(self) -> bool:
        return bool(self.meetings or self.entries or self.documents or self.bodies)

    @property
    def speakers(self) -> list[Attendance]:
        """Who spoke for the province: the people its bodies sent, each meeting once per
        person, newest meeting first."""
        seen: dict[tuple[int, int], Attendance] = {}
        for body in self.bodies:
            for a in body.members:
                seen.setdefault((id(a.person), id(a.meeting)), a)
        return sorted(seen.values(), key=lambda a: (a.meeting.date, a.meeting.key), reverse=True)


@dataclass(eq=False, repr=False)
class Topic(Entity):
    section: ClassVar[str] = "chu-de"
    kind: ClassVar[str] = "topic"
    group: ClassVar[str] = "topics"
    meetings: list[Meeting] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)


@dataclass(eq=False, repr=False)
class Year(Entity):
    section: ClassVar[str] = "nam"
    kind: ClassVar[str] = "year"
    group: ClassVar[str] = "years"
    meetings: list[Meeting] = field(default_factory=list)


@dataclass(eq=False, repr=False)
class Document(Entity):
    section: ClassVar[str] = "van-ban"
    kind: ClassVar[str] = "document"
    group: ClassVar[str] = "documents"
    number: DocNumber | None = None
    issuer: str | None = None
    province: Province | None = None
    province_name: str | None = None
    term: str | None = None
    date: dt.date | None = None
    title: str | None = None
    note: str | None = None
    official_url: str | None = None  # registry `url`: the official text
    in_registry: bool = False
    issued_by: Organization | None = None  # the body ``issuer`` names, when it has a page
    # Its year (or term) where other registry documents share its number: "" for most.
    namesake: str = ""
    # A document of another province has its number ("17-NQ/TU" of Quảng Ninh and of
    # Vĩnh Long): its title then says its province.
    shares_number: bool = False
    forms_written: set[str] = field(default_factory=set)
    citations: list[Citation] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    @property
    def heading(self) -> str:
        """Page title: type word + canonical number, e.g. "Quyết định 217-QĐ/TW"; with
        its year where another document has the same number: "Nghị quyết 25-NQ/TW (2013)";
        with its province where one of another province has it: "Nghị quyết 17-NQ/TU (Quảng Ninh)"."""
        assert self.number is not None
        type_name = self.number.type_name
        heading = f"{type_name} {self.number.canonical}" if type_name else f"Văn bản {self.number.canonical}"
        place = self.province.aside if self.shares_number and self.province is not None else ""
        marks = ", ".join(mark for mark in (place, self.namesake) if mark)
        return f"{heading} ({marks})" if marks else heading

    @property
    def number_shown(self) -> str:
        """The number as lists and charts show it: "217-QĐ/TW"; with its year where another
        document has the same number: "25-NQ/TW (2013)"."""
        assert self.number is not None
        return f"{self.number.canonical} ({self.namesake})" if self.namesake else self.number.canonical

    @property
    def meetings(self) -> list[Meeting]:
        seen: dict[int, Meeting] = {}
        for ref in [*self.citations, *self.mentions]:
            seen.setdefault(id(ref.meeting), ref.meeting)  # type: ignore[attr-defined]
        return sorted(seen.values(), key=lambda m: (m.date, m.key))


def url_key(kind: str, key: str) -> str:
    """An entity's key among every kind ("organization:bo chinh tri"): the build
    environment keeps each entity's address under it, and a page that links a body by
    name depends on it (pages.render)."""
    return f"{kind}:{key}"


#: Every kind of entity, in the order of the site's lists: declared here once; :class:`Site`'s
#: lists, the section folders and everything that walks all entities derive from it.
ENTITY_TYPES: tuple[type[Entity], ...] = (Meeting, Document, Person, Organization, Region, Province, Topic, Year)

#: Section folder → the title readers see, in the order of :data:`ENTITY_TYPES`.
SECTIONS: dict[str, str] = {cls.section: SECTION_TITLES[cls.section] for cls in ENTITY_TYPES}


@dataclass
class Site:
    """Everything the renderer needs: one list per entity kind (:data:`ENTITY_TYPES`), each in page order."""

    meetings: list[Meeting]  # oldest first
    documents: list[Document]
    people: list[Person]
    organizations: list[Organization]
    regions: list[Region]
    provinces: list[Province]
    topics: list[Topic]
    years: list[Year]

    def entities(self) -> Iterator[Entity]:
        """Every entity of every kind."""
        for cls in ENTITY_TYPES:
            yield from getattr(self, cls.group)


# The lists of Site are the kinds' groups, in the same order: a new kind cannot be half declared.
assert [f.name for f in fields(Site)] == [cls.group for cls in ENTITY_TYPES]


for _cls in (Entry, Attendance, Citation, Mention, PositionHeld):
    _cls.__repr__ = _short_repr  # type: ignore[method-assign]
