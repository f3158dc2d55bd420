"""Checks of people's names over every meeting: two spellings of one name that
differ only by their marks, and a speaker (``by:``) nobody else names."""

from __future__ import annotations

import difflib

from ..language.text import fold
from ..problems import Report
from ..records.schema import ITEM_SECTIONS
from .entities import Entities
from .model import Meeting, Person


def check_spellings(entities: Entities, report: Report) -> None:
    """An error for each name that differs from a known person's only by its marks
    ("Phạm Tất Thằng" beside "Phạm Tất Thắng"), unless the registry says they are two
    people.  Known first: the registry's people, then in order of first use."""
    for same_letters in entities.spellings.values():
        for j, (person, spelling) in enumerate(same_letters[1:], start=1):
            if id(person) in entities.registry_people or not entities.person_uses[id(person)]:
                continue
            rivals = [(p, s) for p, s in same_letters[:j] if not _two_people(entities, p, person)]
            if not rivals:
                continue
            known, known_spelling = rivals[0]
            path, line = entities.person_uses[id(person)][0]
            where = (f"ở mục “{known.name}” của sổ nhân vật" if id(known) in entities.registry_people
                     else f"một mục “name: {known.name}” vào sổ nhân vật")
            report.error(
                path, line,
                f"“{spelling}” chỉ khác “{known_spelling}” ở dấu; hai cách viết sẽ thành hai trang nhân "
                f"vật. “{spelling}”: {_places(entities.person_uses[id(person)])}; “{known_spelling}”: "
                f"{_places(entities.person_uses[id(known)])}. Nếu là một người, hãy sửa cho cùng một cách "
                f"viết; nếu là hai người, ghi {where} (records/_registry/people.yml) "
                f"khóa “distinct_from: [{spelling}]”",
            )


def _two_people(entities: Entities, a: Person, b: Person) -> bool:
    """Whether the registry says ``a`` and ``b`` are two people: both have an entry,
    or one names the other under ``distinct_from``."""
    both_listed = id(a) in entities.registry_people and id(b) in entities.registry_people
    return both_listed or frozenset({a.key, b.key}) in entities.distinct_people


def _places(uses: list[tuple[str, int]], shown: int = 3) -> str:
    """"records/a.md:12, records/b.md:40 và 2 chỗ khác": where a name is used."""
    unique = list(dict.fromkeys(f"{path}:{line}" for path, line in uses))
    more = len(unique) - shown
    return ", ".join(unique[:shown]) + (f" và {more} chỗ khác" if more > 0 else "")


def check_speakers(entities: Entities, meetings: list[Meeting], report: Report) -> None:
    """Warn about a `by:` naming nobody the archive knows (a typo makes a new person page).

    Known: a participant of any meeting, or a person of the registry.
    """
    def known(person: Person) -> bool:
        origin = entities.origins.get(id(person))
        return bool(person.attendances) or (origin is not None and "/_registry/" in f"/{origin[0]}")

    everyone = {fold(p.name): p.name for p in entities.people.values() if known(p)}
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
