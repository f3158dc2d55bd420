"""Built-in geography: the 63 provinces by region (generator/data/provinces.yml)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from .text import identity_key

DATA = Path(__file__).parent / "data" / "provinces.yml"

# "tỉnh Quảng Ninh", "TP. Hà Nội", "thành phố Cần Thơ" name the same place.
_PREFIX = re.compile(r"^(?:tỉnh|thành phố|tp\.?|t\.p\.?)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class PlaceName:
    name: str
    region: str | None  # None for a region itself
    aliases: tuple[str, ...] = ()


@dataclass
class Geography:
    regions: list[PlaceName] = field(default_factory=list)
    provinces: list[PlaceName] = field(default_factory=list)
    _by_key: dict[str, PlaceName] = field(default_factory=dict)
    _pattern: re.Pattern[str] | None = None

    def lookup(self, name: str) -> PlaceName | None:
        """The province or region ``name`` designates, whatever its prefix or spelling."""
        key = identity_key(name)
        found = self._by_key.get(key)
        if found is None:
            found = self._by_key.get(identity_key(_PREFIX.sub("", key)))
        return found

    def province_in(self, text: str) -> PlaceName | None:
        """The first province named anywhere inside ``text`` (e.g. an issuer's name)."""
        if self._pattern is None:
            return None
        match = self._pattern.search(identity_key(text))
        if not match:
            return None
        found = self._by_key.get(match.group(0))
        return found if found is not None and found.region is not None else None


@lru_cache(maxsize=1)
def load_geography(path: Path = DATA) -> Geography:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    geo = Geography()
    for region in data.get("regions", []):
        entry = PlaceName(region["name"], None, tuple(region.get("aliases") or ()))
        geo.regions.append(entry)
        for province in region.get("provinces", []):
            geo.provinces.append(
                PlaceName(province["name"], region["name"], tuple(province.get("aliases") or ()))
            )
    for place in [*geo.regions, *geo.provinces]:
        for name in (place.name, *place.aliases):
            geo._by_key.setdefault(identity_key(name), place)
    province_keys = sorted(
        (identity_key(n) for p in geo.provinces for n in (p.name, *p.aliases)), key=len, reverse=True
    )
    if province_keys:
        geo._pattern = re.compile(
            r"(?<!\w)(?:" + "|".join(map(re.escape, province_keys)) + r")(?!\w)"
        )
    return geo
