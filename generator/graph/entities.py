"""The entity tables: people, bodies, topics, places and years, one object per name.

A name designates the same entity wherever it is written (:func:`identity_key`);
a registry alias designates its entry.  People's names are read without
honorifics or titles, and every spelling is kept by its letters alone for
:mod:`generator.graph.name_checks`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any, ClassVar

from ..language.geography import FORMER_MARK, Geography, PlaceName, Resolution
from ..language.names import spelling_key, strip_titles
from ..language.text import identity_key
from ..problems import Report
from ..records.loader import FieldPath, Source
from ..records.validate import field_path
from .id_keyed import without_id_keyed
from .model import Entity, Organization, Person, Province, Region, Topic, Year


class Entities:
    """Every person, body, topic, place and year, by key, and where each was first named."""

    #: Look-ups keyed by the id() of a person, body, topic or document (see :mod:`.id_keyed`).
    ID_KEYED: ClassVar[tuple[str, ...]] = ("person_uses", "registry_people", "origins", "registry_orgs")

    def __init__(self, geography: Geography, report: Report) -> None:
        self.geo = geography
        self.report = report
        self.people: dict[str, Person] = {}
        self.organizations: dict[str, Organization] = {}
        self.topics: dict[str, Topic] = {}
        self.provinces: dict[str, Province] = {}
        self.regions: dict[str, Region] = {}
        self.years: dict[int, Year] = {}
        self.person_alias: dict[str, Person] = {}
        # People's names as read: where each person is named, who the registry lists,
        # which pairs it says are two people, and every spelling by its letters alone.
        self.person_uses: dict[int, list[tuple[str, int]]] = defaultdict(list)
        self.registry_people: set[int] = set()
        self.distinct_people: set[frozenset[str]] = set()
        self.spellings: dict[str, list[tuple[Person, str]]] = defaultdict(list)
        self.org_alias: dict[str, Organization] = {}
        self.registry_orgs: set[int] = set()
        self.origins: dict[int, tuple[str, int]] = {}
        for place in geography.regions:
            self.region(place)
        for place in geography.provinces:  # the 63 first: each new unit's predecessors exist
            unit = self.unit(place)
            for former in place.predecessors:
                unit.predecessors.append(self.unit(former))
                self.unit(former).successor = unit
            if place.is_new:
                for name in place.regions:
                    self.regions[identity_key(name)].units_2025.append(unit)

    def __getstate__(self) -> dict[str, Any]:
        return without_id_keyed(self)

    def origin(self, entity: Entity, source: Source | None, path: FieldPath) -> None:
        """Remember where ``entity`` was first named (messages about it point there)."""
        if source is not None:
            self.origins.setdefault(id(entity), (source.path, source.line(path)))

    # ------------------------------------------------------------ places

    def region(self, place: PlaceName) -> Region:
        key = identity_key(place.name)
        if key not in self.regions:
            self.regions[key] = Region(key=key, name=place.name, aliases=list(place.aliases))
        return self.regions[key]

    def unit(self, place: PlaceName) -> Province:
        """The province-level unit ``place`` is on the map."""
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
                 day: dt.date | None = None, *, or_before: bool = False, issued: bool = False) -> Province | None:
        """The province ``name`` designates on ``day`` (the map of the record's date): an
        error when it names a unit of another era, a warning when no unit at all.
        ``or_before``: a unit of that name that had ended by ``day`` will do (the
        province that issued an older document); ``issued``: ``day`` is a document's."""
        if not name:
            return None
        if or_before and day is not None:
            key = identity_key(name)
            said = FORMER_MARK.search(key)
            if said is not None and said.end() == len(key):  # "Vĩnh Long cũ": the former, though a new one is named so
                former = self.geo.ended_before(key[:said.start()], day)
                if former is not None:
                    return self.unit(former)
        found = self.geo.resolve(name, day)
        if or_before and found.place is None and day is not None:
            former = self.geo.ended_before(name, day)
            if former is not None:
                found = Resolution(former)
        problem = found.problem(name, day, issued=issued)
        field = f"“{field_path(path)}”: " if path and isinstance(path[0], str) else ""  # a record's field
        if problem is not None:
            self.report.error(source.path, source.line(path), field + problem)
            return None
        if found.place is None or found.place.is_region:
            like = [] if found.place is not None else self.geo.spelt_like(name)
            hint = f"; có phải ý bạn là {' hay '.join(f'“{n}”' for n in like)}?" if like else ""
            if len(like) == 1:  # "Tra Vinh" in 2026: that name, too, is a unit since merged
                later = self.geo.resolve(like[0], day).problem(like[0], day, issued=issued)
                hint += f" ({later})" if later else ""
            self.report.warning(
                source.path, source.line(path),
                f"{field}“{name}” không phải tên một tỉnh, thành phố (63 tỉnh, thành phố trước 1/7/2025 "
                f"hoặc 34 tỉnh, thành phố từ 1/7/2025); trang địa phương sẽ không được liên kết{hint}",
            )
            return None
        return self.unit(found.place)

    # ------------------------------------------------------------ people

    def person(self, name: str, source: Source | None = None, path: FieldPath = ()) -> Person:
        key = identity_key(name)
        found = self.person_alias.get(key) or self.people.get(key)
        if found is None:
            found = self.people[key] = Person(key=key, name=" ".join(name.split()))
            self.origin(found, source, path)
            self.spelled(found, found.name)
        return found

    def spelled(self, person: Person, spelling: str) -> None:
        """Keep ``spelling`` of ``person`` among those with the same letters."""
        same_letters = self.spellings[spelling_key(spelling)]
        if all(p is not person for p, _ in same_letters):
            same_letters.append((person, spelling))

    def person_named(self, written: str, source: Source, path: FieldPath) -> tuple[Person, str]:
        """The person a name field designates, and the name without honorifics or titles
        ("đồng chí Phạm Tất Thắng" → Phạm Tất Thắng, with a warning naming the clean form)."""
        name = self.clean_name(written, source, path)
        person = self.person(name, source, path)
        self.person_uses[id(person)].append((source.path, source.line(path)))
        return person, name

    def clean_name(self, written: str, source: Source, path: FieldPath) -> str:
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

    # ------------------------------------------------------------ bodies, topics, years

    def known_organization(self, name: str) -> Organization | None:
        """The body ``name`` designates, if a record or the registry made it (None: it has no page)."""
        key = identity_key(name)
        return self.org_alias.get(key) or self.organizations.get(key)

    def organization(self, name: str, source: Source | None = None, path: FieldPath = ()) -> Organization:
        found = self.known_organization(name)
        if found is None:
            key = identity_key(name)
            found = self.organizations[key] = Organization(key=key, name=" ".join(name.split()))
            self.origin(found, source, path)
        return found

    def topic(self, name: str, source: Source, path: FieldPath) -> Topic:
        key = identity_key(name)
        if key not in self.topics:
            self.topics[key] = Topic(key=key, name=" ".join(name.split()))
            self.origin(self.topics[key], source, path)
        return self.topics[key]

    def year(self, value: int) -> Year:
        if value not in self.years:
            self.years[value] = Year(key=str(value), name=str(value), slug=str(value))
        return self.years[value]
