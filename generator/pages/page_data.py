"""What a page shows that the model does not hold as such: rows merged or grouped
for reading, and each page's one-line description (meta description, Open Graph).

The templates call these as filters; the model stays as the graph built it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..graph.model import (
    Citation,
    Document,
    Entity,
    Entry,
    Meeting,
    Mention,
    Organization,
    Person,
    Province,
    Region,
    Topic,
    Year,
)
from ..language.collate import sort_key
from ..language.text import identity_key
from .format import clip, date_short, first_sentence


@dataclass(eq=False)
class PositionSeen:
    """One position of a person, however many sources name it."""

    title: str
    organization: str | None
    body: Organization | None = None  # the body it was held at, when known
    since: str | None = None  # as the registry writes them
    until: str | None = None
    in_registry: bool = False
    meetings: list[Meeting] = field(default_factory=list)

    @property
    def first(self) -> dt.date | None:
        return min((m.date for m in self.meetings), default=None)

    @property
    def last(self) -> dt.date | None:
        return max((m.date for m in self.meetings), default=None)


def positions_seen(person: Person) -> list[PositionSeen]:
    """The person's positions, one per distinct title and body (spelling, case and
    tone placement aside), in the order first seen; newest meeting last."""
    rows: dict[tuple[str, str], PositionSeen] = {}
    for held in person.positions:
        key = (identity_key(held.title), identity_key(held.organization or ""))
        row = rows.get(key)
        if row is None:
            row = rows[key] = PositionSeen(held.title, held.organization)
        row.body = row.body or held.body
        if held.meeting is None:
            row.in_registry = True
            row.since, row.until = held.since or row.since, held.until or row.until
        elif held.meeting not in row.meetings:
            row.meetings.append(held.meeting)
    for row in rows.values():
        row.meetings.sort(key=lambda m: (m.date, m.key))
    return list(rows.values())


def by_meeting(entries: Iterable[Entry]) -> list[tuple[Meeting, list[Entry]]]:
    """Entries grouped under their meeting, newest meeting first, record order inside."""
    groups: dict[int, tuple[Meeting, list[Entry]]] = {}
    for entry in entries:
        groups.setdefault(id(entry.meeting), (entry.meeting, []))[1].append(entry)
    return sorted(groups.values(), key=lambda g: (g[0].date, g[0].key), reverse=True)


@dataclass(eq=False)
class DocumentUse:
    """A meeting that names a document: as its record lists it, and in its text."""

    meeting: Meeting
    citations: list[Citation] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


def uses_by_meeting(document: Document) -> list[DocumentUse]:
    """Each meeting that lists or quotes ``document``, once, newest first; record order inside."""
    uses: dict[int, DocumentUse] = {}
    for citation in document.citations:
        uses.setdefault(id(citation.meeting), DocumentUse(citation.meeting)).citations.append(citation)
    for mention in document.mentions:
        uses.setdefault(id(mention.meeting), DocumentUse(mention.meeting)).mentions.append(mention)
    return sorted(uses.values(), key=lambda use: (use.meeting.date, use.meeting.key), reverse=True)


#: A list of meetings longer than this is shown in blocks of years, the reader opening
#: the one they want (the newest open).  At 10,000 meetings a province lists hundreds of
#: meetings and a central body thousands, one line each: on a phone, what came after
#: such a list was out of reach.
FOLD_AFTER = 30
#: Fewest lines a block holds: quiet years go together ("Năm 2012–2014"), so that a
#: list just past FOLD_AFTER is a few blocks, not a wall of one-line ones.
BLOCK_MIN = 10


@dataclass
class YearFold:
    """One block of a folded list: its items, of the years ``first`` to ``last``; or,
    with no years (0), the whole list, unfolded."""

    items: list[Any]
    first: int = 0
    last: int = 0
    open: bool = False  # shown open at first: the newest block, if not long itself
    continued: bool = False  # its newest year began in what the page shows above the list

    @property
    def years(self) -> str:
        return f"{self.first}" if self.first == self.last else f"{self.first}–{self.last}"


def by_year(items: Iterable[Any], after: Meeting | None = None) -> list[YearFold]:
    """``items`` (meetings, or things with a ``meeting``), newest first, in blocks of whole
    years of at least :data:`BLOCK_MIN` items if there are more than :data:`FOLD_AFTER`;
    else one unfolded :class:`YearFold`.  ``after``: the meeting the page showed last
    before the list (the list goes on from it): no block is open then, and the first one,
    if it goes on with that meeting's year, holds that year alone and says so."""
    items = list(items)
    if len(items) <= FOLD_AFTER:
        return [YearFold(items)]
    years: dict[int, list[Any]] = {}
    for item in items:
        meeting = item if isinstance(item, Meeting) else item.meeting
        years.setdefault(meeting.date.year, []).append(item)
    begun = after.date.year if after is not None else None
    blocks: list[YearFold] = []
    for year, group in years.items():
        # A year begun above the list is a block of its own: "Năm 2022 (tiếp theo) · 8",
        # not "Năm 2021–2022 · 34" beside a chart that says 33 for 2022.
        if blocks and len(blocks[-1].items) < BLOCK_MIN and blocks[-1].last != begun:
            blocks[-1].items.extend(group)
            blocks[-1].first = year
        else:
            blocks.append(YearFold(list(group), year, year))
    if len(blocks) > 1 and len(blocks[-1].items) < BLOCK_MIN and blocks[-2].last != begun:
        # the oldest years go with the ones before
        oldest = blocks.pop()
        blocks[-1].items.extend(oldest.items)
        blocks[-1].first = oldest.first
    if len(blocks) < 2:
        return [YearFold(items)]
    if after is None:
        # Open, unless it is a list by itself (the central body's delegates of one year).
        blocks[0].open = len(blocks[0].items) <= FOLD_AFTER
    else:
        blocks[0].continued = begun == blocks[0].last
    return blocks


def by_month(meetings: Iterable[Meeting]) -> list[tuple[int, list[Meeting]]]:
    """``(month, its meetings)`` for each month that has any, in the order of ``meetings``."""
    months: dict[int, list[Meeting]] = {}
    for meeting in meetings:
        months.setdefault(meeting.date.month, []).append(meeting)
    return list(months.items())


def before_and_since(meetings: Iterable[Meeting], day: dt.date) -> tuple[list[Meeting], list[Meeting]]:
    """``meetings`` held before ``day``, and those held on it or after."""
    before: list[Meeting] = []
    since: list[Meeting] = []
    for meeting in meetings:
        (before if meeting.date < day else since).append(meeting)
    return before, since


def held_since(places: Iterable[Province], day: dt.date) -> bool:
    """Whether any of ``places`` had a meeting on ``day`` or after."""
    return any(meeting.date >= day for place in places for meeting in place.meetings)


def ancestors(org: Organization) -> list[Organization]:
    """Every body ``org`` took over from, its predecessors' predecessors too, nearest first:
    Ban Tuyên giáo và Dân vận Tỉnh ủy Vĩnh Long continues the Ban Tuyên giáo và Dân vận
    Tỉnh ủy Bến Tre of February to June 2025, which continued the Ban Dân vận Tỉnh ủy Bến
    Tre whose delegates the archive holds."""
    found: list[Organization] = []
    level = list(org.predecessors)
    while level:
        level = [o for o in dict.fromkeys(sorted(level, key=lambda o: sort_key(o.name)))
                 if o is not org and o not in found]
        found.extend(level)
        level = [p for o in level for p in o.predecessors]
    return found


def named_otherwise(entity: Entity, written: str) -> bool:
    """Whether the record wrote ``entity``'s name another way than the site's ("Tây Nam
    bộ" for the region Đồng bằng sông Cửu Long), not only in its case or spacing."""
    return identity_key(written) != identity_key(entity.name)


def other_names(entity: Entity) -> list[str]:
    """``entity``'s aliases that are another name, not its own in other case or spacing
    ("Tây Nam Bộ" and "Tây Nam bộ" are one), each once."""
    seen = {identity_key(entity.name)}
    names = []
    for alias in entity.aliases:
        key = identity_key(alias)
        if key not in seen:
            seen.add(key)
            names.append(alias)
    return names


def in_sections(entries: Iterable[Entry], sections: list[str]) -> list[tuple[str, list[Entry]]]:
    """``(section, its entries)`` for each of ``sections`` that has any, in that order;
    record order inside."""
    found: dict[str, list[Entry]] = {section: [] for section in sections}
    for entry in entries:
        items = found.get(entry.section)
        if items is not None:
            items.append(entry)
    return [(section, items) for section, items in found.items() if items]


def describe(entity: Entity) -> str:
    """One or two sentences that say what the page is about (at most ~200 characters)."""
    if isinstance(entity, Meeting):
        where = f", {entity.location_text}" if entity.location_text else ""
        lead = f"{date_short(entity.date)}{where}."
        return clip(f"{lead} {first_sentence(entity.summary.text)}" if entity.summary else f"{lead} {entity.name}.")
    if isinstance(entity, Document):
        about = f": {entity.title}" if entity.title else ""
        count = len(entity.meetings)
        cited = f" Được nhắc đến trong {count} hội nghị." if count else ""
        return clip(f"{entity.heading}{about}.{cited}", limit=240)
    if isinstance(entity, Person):
        latest = entity.positions[-1].title if entity.positions else ""
        meetings = len({id(a.meeting) for a in entity.attendances})
        return clip(f"{entity.name}{', ' + latest if latest else ''}."
                    + (f" Tham dự {meetings} hội nghị trong hồ sơ." if meetings else ""), limit=240)
    if isinstance(entity, Organization):
        count = len({id(m) for m in entity.organized} | {id(a.meeting) for a in [*entity.attendances, *entity.members]})
        return f"{entity.name}: {count} hội nghị trong hồ sơ công tác dân vận." if count else entity.name
    if isinstance(entity, (Province, Region, Topic)):
        kind = "Chủ đề" if isinstance(entity, Topic) else ("Vùng" if isinstance(entity, Region) else "Địa phương")
        count = len(entity.meetings)
        return f"{kind} {entity.name}: {count} hội nghị công tác dân vận trong hồ sơ."
    if isinstance(entity, Year):
        return f"Các hội nghị công tác dân vận năm {entity.name}: {len(entity.meetings)} hội nghị."
    return entity.name
