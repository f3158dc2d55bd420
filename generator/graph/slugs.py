"""Slugs: each entity's address, chosen from its name alone (never from file order)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import TypeVar

from ..language.names import spelling_key
from ..language.text import slug
from ..problems import Report
from .model import Document, Entity, Person

E = TypeVar("E", bound=Entity)

#: Slugs no entity gets: the section's own index pages.
RESERVED_SLUGS = frozenset({"index", "tat-ca"})


def assign_slugs(entities: Iterable[E], make: Callable[[E], str], origins: dict[int, tuple[str, int]],
                 report: Report) -> None:
    """Give each entity the slug ``make`` says, numbered ("-2", "-3"…) in the order of
    their keys where several want one; a warning for two names that meet in one slug
    (``origins``: where each entity was first named)."""
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
                path, line = origins.get(id(other), ("records", 1))
                report.warning(
                    path, line,
                    f"“{other.name}” và “{first.name}” có cùng đường dẫn “{base}”; "
                    f"hai trang riêng: {first.section}/{first.slug}/ và {other.section}/{other.slug}/ "
                    "(nếu là một người hay một cơ quan, hãy sửa cho cùng cách viết)",
                )


def document_slug(doc: Document) -> str:
    """"217-qd-tw"; a local document's with its province's slug; a registry document
    sharing its number with others (its ``namesake`` set), with its year (or term)."""
    assert doc.number is not None
    base = doc.number.slug
    if doc.number.is_local:
        # The province's own slug: 17-NQ/TU of the new Lào Cai is not the former one's.
        base += f"-{doc.province.slug}" if doc.province else "-chua-ro"
    if doc.namesake:
        base += f"-{doc.date.year}" if doc.date else f"-khoa-{slug(doc.term or 'x')}"
    return base


def shares_its_number(doc: Document, registry_numbers: dict[str, list[Document]]) -> bool:
    """Whether ``doc`` is one of several registry documents with the same number (25-NQ/TW
    of 2003 and of 2013): its title and its slug then say its year (or term)."""
    assert doc.number is not None
    siblings = registry_numbers.get(f"{doc.number.key}|{doc.province.key if doc.province else ''}", [])
    return len(siblings) > 1 and doc.in_registry


def namesake_mark(doc: Document) -> str:
    """What tells ``doc`` from the documents sharing its number, as a reader reads it:
    "2013", or "khóa XI" where the registry gives no date."""
    return str(doc.date.year) if doc.date else f"khóa {doc.term or '?'}"
