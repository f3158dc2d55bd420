"""Bare numbers ("Nghị quyết 17", "Kết luận số 43"): which document each one means.

Resolved once every meeting is read, since the records of the same organizer
decide it as much as the meeting's own."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from ..language.docnumber import BareNumber
from ..problems import Report
from .documents import Documents, choose
from .entities import Entities
from .mentions import Mentions, line_in
from .model import Document, Entity, Meeting


def resolve_bare_numbers(entities: Entities, documents: Documents, mentions: Mentions, report: Report) -> None:
    """Link each "Kết luận số 43" to the one document of that type and number in
    scope: first those its own record names by a full number, then the registry's
    and those named by the other records of the same organizer.  Several: a
    warning naming them; none: the phrase stays text."""
    # Documents by their number alone ("5" for 05-CT/TW): in the registry, and as
    # named by the records of each organizer.
    registry: dict[str, list[Document]] = defaultdict(list)
    for doc in documents.documents.values():
        if doc.in_registry and doc.number is not None:
            registry[doc.number.serial].append(doc)
    by_organizer: dict[tuple[int, str], dict[int, Document]] = defaultdict(dict)
    namers: dict[tuple[int, str], dict[int, Meeting]] = defaultdict(dict)
    for org in entities.organizations.values():
        for organized in org.organized:
            for doc in mentions.named_by.get(id(organized), []):
                assert doc.number is not None
                by_organizer[(id(org), doc.number.serial)][id(doc)] = doc
                namers[(id(org), doc.number.serial)][id(organized)] = organized
    touched: set[int] = set()
    for pending in mentions.pending_bare:
        meeting, bare, home = pending.meeting, pending.bare, pending.home
        scope = [(id(org), bare.serial) for org in meeting.organizers]
        # Whatever they decide, these meetings now shape this one's page (incremental runs).
        deciders = {id(m): m for key in scope for m in namers.get(key, {}).values() if m is not meeting}
        known = {id(m) for m in meeting.decided_by}
        meeting.decided_by.extend(m for key, m in deciders.items() if key not in known)
        own = _fitting(bare, mentions.named_by.get(id(meeting), []))
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
            line = line_in(pending.source, pending.path, pending.section, pending.linked.text, bare.start)
            report.warning(
                pending.source.path, line,
                f"“{phrase}” có thể là {len(groups)} văn bản: {names}; chưa tạo liên kết. Hãy viết "
                "số hiệu đầy đủ, hoặc liệt kê văn bản trong “documents” của bản ghi",
            )
            continue
        [candidates] = groups.values()
        doc = choose(candidates, meeting, None, None)
        span: tuple[int, int, Entity] = (bare.start, bare.end, doc)
        pending.linked.links.append(span)
        pending.linked.links.sort(key=lambda s: s[0])
        mention = mentions.mention(meeting, doc, pending.linked, pending.section, pending.order, bare.start, bare.end)
        mentions.bare_links.append((pending.linked, span, mention))
        touched.update((id(meeting), id(doc)))
    if not touched:
        return
    mentioning: list[Document | Meeting] = [*documents.documents.values(),
                                            *{id(p.meeting): p.meeting for p in mentions.pending_bare}.values()]
    for entity in mentioning:
        if id(entity) in touched:
            entity.mentions.sort(key=lambda m: (m.meeting.date, m.meeting.key, mentions.mention_order[id(m)]))


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
