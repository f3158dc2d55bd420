"""Built-in geography (generator/data/provinces.yml): both maps of the provincial-level units.

Until 30 June 2025 Vietnam had 63 provinces and centrally governed cities in 6 regions;
from 1 July 2025 it has 34 (Nghị quyết 202/2025/QH15), and Thừa Thiên Huế became the
city of Huế on 1 January 2025 (Nghị quyết 175/2024/QH15).  Each unit here is one
administrative unit with the days it existed: the new Lào Cai (Lào Cai + Yên Bái, from
1/7/2025) is a unit of its own, the successor of the former Lào Cai and Yên Bái; a
unit that was not reorganised (Quảng Ninh) is one unit on both maps.  A name is read
against the map of a date: :meth:`Geography.resolve`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from .text import fold, identity_key, slug

DATA = Path(__file__).parent / "data" / "provinces.yml"

# "tỉnh Quảng Ninh", "TP. Hà Nội", "thành phố Cần Thơ" name the same place.
_PREFIX = re.compile(r"^(?:tỉnh|thành phố|tp\.?|t\.p\.?)\s+", re.IGNORECASE)

#: The day the 34-unit map began (Nghị quyết 202/2025/QH15: the new local governments operate).
MAP_2025 = dt.date(2025, 7, 1)


def date_vi(value: dt.date) -> str:
    return f"{value.day}/{value.month}/{value.year}"


@dataclass(frozen=True)
class Act:
    """A legal act that changed the map."""

    key: str
    name: str  # full title
    short: str  # "Nghị quyết 202/2025/QH15"
    effective: dt.date


@dataclass(eq=False)
class PlaceName:
    """A region, or one provincial-level unit with the days it existed."""

    name: str
    region: str | None  # the region (of the 63-unit map); None for a region itself, or a new unit across regions
    aliases: tuple[str, ...] = ()
    is_region: bool = False
    type: str = "tỉnh"  # "tỉnh" or "thành phố"
    since: dt.date | None = None  # None: before any date this archive covers
    until: dt.date | None = None  # last day; None: still exists
    act: Act | None = None  # the act that formed this unit
    predecessors: list["PlaceName"] = field(default_factory=list)
    successor: "PlaceName | None" = None
    regions: tuple[str, ...] = ()  # every region its territory lay in (by the 63-unit map)
    slug: str = ""

    def valid_on(self, day: dt.date | None) -> bool:
        if day is None:
            return True
        return (self.since is None or self.since <= day) and (self.until is None or day <= self.until)

    @property
    def is_new(self) -> bool:
        return self.since is not None

    @property
    def with_type(self) -> str:
        """ "tỉnh Lào Cai", "thành phố Huế", "Thành phố Hồ Chí Minh" (never twice)."""
        if self.is_region:
            return f"vùng {self.name}"
        if self.name.lower().startswith(self.type):
            return self.name
        return f"{self.type} {self.name}"

    @property
    def title_type(self) -> str:
        """ "Tỉnh Lào Cai": :attr:`with_type` at the start of a line."""
        text = self.with_type
        return text[:1].upper() + text[1:]

    @property
    def era(self) -> str:
        """ "từ 1/7/2025", "đến 30/6/2025", or "" for a unit on every map."""
        if self.since and self.until:
            return f"{date_vi(self.since)} – {date_vi(self.until)}"
        if self.since:
            return f"từ {date_vi(self.since)}"
        if self.until:
            return f"đến {date_vi(self.until)}"
        return ""


#: What says a place name means the unit of before the reorganisation: "Vĩnh Long cũ",
#: "Tỉnh ủy Bến Tre (cũ)", "tỉnh Hà Giang trước đây" (matched on an identity key: lower case).
FORMER_MARK = re.compile(r"\s*[(,]?\s*(?:cũ|trước đây)(?!\w)")


@dataclass
class Resolution:
    """What a name means on a day: the unit, or why there is none."""

    place: PlaceName | None
    #: Units of that name on another map (e.g. Yên Bái read in 2026): the record names a unit that
    #: did not exist on its date.
    elsewhere: list[PlaceName] = field(default_factory=list)

    def problem(self, name: str, day: dt.date | None, *, issued: bool = False) -> str | None:
        """The Vietnamese message for a name that designates no unit on ``day`` (the
        record's, or with ``issued`` the day a document was issued)."""
        if self.place is not None or not self.elsewhere or day is None:
            return None
        former = self.elsewhere[0]
        if former.until is not None and day > former.until:
            now = _current(former, day)
            if now is None or now.since is None:
                return f"“{name}” là {former.with_type} đến {date_vi(former.until)}; bản ghi ngày {date_vi(day)}"
            act = now.act.short if now.act else "sắp xếp đơn vị hành chính"
            said = (f"“{name}” là {former.with_type} đến {date_vi(former.until)}; từ {date_vi(now.since)} "
                    f"thuộc {now.with_type} ({act}): ")
            if issued:  # the day may be the mistake: a document of the former province is older
                return (said + f"văn bản ban hành ngày {date_vi(day)} thì hãy ghi “{now.name}”; nếu văn bản "
                        f"ban hành trước {date_vi(now.since)}, hãy sửa “date”")
            return said + f"bản ghi ngày {date_vi(day)} hãy ghi “{now.name}”"
        if former.since is not None and day < former.since:
            before = ", ".join(p.with_type for p in former.predecessors) or "một đơn vị khác"
            return (f"“{name}” là {former.with_type} từ {date_vi(former.since)}; "
                    f"bản ghi ngày {date_vi(day)} hãy ghi {before}")
        return None


def _current(place: PlaceName, day: dt.date) -> PlaceName | None:
    """The unit that holds ``place``'s territory on ``day`` (following successors)."""
    seen = place
    while seen.successor is not None and not seen.valid_on(day):
        seen = seen.successor
    return seen if seen.valid_on(day) else None


@dataclass
class Geography:
    regions: list[PlaceName] = field(default_factory=list)
    #: Every provincial-level unit of either map, the 63 first (in region order), then the new ones.
    provinces: list[PlaceName] = field(default_factory=list)
    acts: dict[str, Act] = field(default_factory=dict)
    _by_key: dict[str, list[PlaceName]] = field(default_factory=dict)
    _pattern: re.Pattern[str] | None = None

    def on(self, day: dt.date) -> list[PlaceName]:
        """The provincial-level units that existed on ``day`` (63 before 1/7/2025, 34 after)."""
        return [p for p in self.provinces if p.valid_on(day)]

    def _candidates(self, name: str) -> list[PlaceName]:
        key = identity_key(name)
        found = self._by_key.get(key)
        if found is None:
            found = self._by_key.get(identity_key(_PREFIX.sub("", key)))
        return found or []

    def resolve(self, name: str, day: dt.date | None = None) -> Resolution:
        """The region or unit ``name`` designates on ``day``.

        Without a day the earliest unit of that name is taken (registry entries with no
        date are mostly older documents)."""
        candidates = self._candidates(name)
        if not candidates:
            return Resolution(None)
        for place in candidates:
            if place.is_region or place.valid_on(day):
                return Resolution(place)
        return Resolution(None, candidates)

    def ended_in(self, text: str, day: dt.date) -> PlaceName | None:
        """The province named inside ``text`` if it had ended by ``day`` (no unit of that
        name then): "Tỉnh ủy Bến Tre" for a document dated 10/8/2025."""
        if self._pattern is None:
            return None
        match = self._pattern.search(identity_key(text))
        if not match or self.lookup(match.group(0), day) is not None:
            return None
        return self.ended_before(match.group(0), day)

    def ended_before(self, name: str, day: dt.date) -> PlaceName | None:
        """The latest unit called ``name`` that had ended by ``day`` ("Vĩnh Long cũ" in 2026:
        the Vĩnh Long of before 1/7/2025, though a new unit has its name)."""
        ended = [p for p in self._candidates(name) if p.until is not None and p.until < day]
        return max(ended, key=lambda p: p.until or day) if ended else None

    def spelt_like(self, name: str) -> list[str]:
        """The names of the units written as ``name`` is but for its marks: "Vinh Long"
        and "vĩnh lòng" give ["Vĩnh Long"] (for the message that suggests it)."""
        def folded(written: str) -> str:
            return fold(_PREFIX.sub("", identity_key(written)))

        key = folded(name)
        return sorted({place.name for place in self.provinces
                       if any(folded(written) == key for written in (place.name, *place.aliases))})

    def lookup(self, name: str, day: dt.date | None = None) -> PlaceName | None:
        """The province or region ``name`` designates (on ``day``), whatever its prefix or spelling."""
        return self.resolve(name, day).place

    def province_in(self, text: str, day: dt.date | None = None, *, as_it_was: bool = False) -> PlaceName | None:
        """The first province named anywhere inside ``text`` (e.g. an issuer's name).
        ``as_it_was``: a name of a unit that had ended by ``day`` means that unit (the
        issuer of an older document), not the one holding its territory on ``day``; so
        does a name said to be former ("Tỉnh ủy Vĩnh Long (cũ)")."""
        if self._pattern is None:
            return None
        key = identity_key(text)
        match = self._pattern.search(key)
        if not match:
            return None
        if as_it_was and day is not None and FORMER_MARK.match(key, match.end()):
            ended = self.ended_before(match.group(0), day)
            if ended is not None:
                return ended
        found = self.lookup(match.group(0), day)
        if found is None and day is not None:
            # A name of another era inside free text ("Hội trường Tỉnh ủy Yên Bái" in 2026)
            # still says where: the unit that held that territory on ``day``.
            former = self.lookup(match.group(0))
            if former is not None and not (as_it_was and former.until is not None and former.until < day):
                former = _current(former, day) or former
            found = former
        return found if found is not None and not found.is_region else None


@lru_cache(maxsize=1)
def load_geography(path: Path = DATA) -> Geography:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    geo = Geography()
    for key, act in (data.get("acts") or {}).items():
        geo.acts[key] = Act(key, act["name"], act["short"], act["effective"])
    old: dict[str, PlaceName] = {}
    for region in data.get("regions", []):
        geo.regions.append(PlaceName(region["name"], None, tuple(region.get("aliases") or ()), is_region=True))
        for province in region.get("provinces", []):
            place = PlaceName(province["name"], region["name"], tuple(province.get("aliases") or ()),
                              type=province.get("type", "tỉnh"), regions=(region["name"],))
            geo.provinces.append(place)
            old[province["name"]] = place
    for unit in data.get("units_2025", []):
        formed_from = [old[n] for n in unit["formed_from"]]
        since: dt.date = unit["since"]
        regions = tuple(dict.fromkeys(r for p in formed_from for r in p.regions))
        namesake = next((p for p in formed_from if p.name == unit["name"]), None)
        aliases = tuple(unit.get("aliases") or (namesake.aliases if namesake else ()))
        place = PlaceName(unit["name"], regions[0] if len(regions) == 1 else None, aliases,
                          type=unit.get("type", "tỉnh"), since=since, act=geo.acts[unit["act"]],
                          predecessors=formed_from, regions=regions)
        for former in formed_from:
            former.until = since - dt.timedelta(days=1)
            former.successor = place
        geo.provinces.append(place)
    _assign_slugs(geo)
    for place in [*geo.regions, *geo.provinces]:
        for name in (place.name, *place.aliases):
            bucket = geo._by_key.setdefault(identity_key(name), [])
            if place not in bucket:
                bucket.append(place)
    province_keys = sorted(
        {identity_key(n) for p in geo.provinces for n in (p.name, *p.aliases)}, key=len, reverse=True
    )
    if province_keys:
        geo._pattern = re.compile(
            r"(?<!\w)(?:" + "|".join(map(re.escape, province_keys)) + r")(?!\w)"
        )
    return geo


def _assign_slugs(geo: Geography) -> None:
    """Former units keep the address they always had; a new unit that took a former
    unit's name gets the year of its forming after it ("lao-cai-2025")."""
    taken: set[str] = set()
    for place in [*geo.regions, *(p for p in geo.provinces if not p.is_new)]:
        place.slug = slug(place.name)
        taken.add(place.slug)
    for place in (p for p in geo.provinces if p.is_new):
        base = slug(place.name)
        place.slug = base if base not in taken else f"{base}-{place.since.year}"  # type: ignore[union-attr]
        taken.add(place.slug)
