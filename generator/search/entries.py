"""What each page contributes to search: its title, the forms readers type, its text."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import frontmatter

from ..graph.model import Document, Meeting, Province, Region, Site
from ..language import docnumber
from ..language.text import fold
from ..publish.write import hand_written_pages
from .index import SearchEntry

SUMMARY_CHARS = 200


def _short(text: str, limit: int = SUMMARY_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _with_folded(names: Iterable[str]) -> list[str]:
    """Each name and its ASCII form ("Trương Thị Mai", "Truong Thi Mai")."""
    out: list[str] = []
    for name in names:
        for form in (name, fold(name)):
            if form and form not in out:
                out.append(form)
    return out


def _meeting_text(meeting: Meeting) -> str:
    parts = [meeting.summary.text if meeting.summary else "", meeting.category or ""]
    for entries in meeting.entries.values():
        parts.extend(e.text.text for e in entries)
    parts.extend(a.person.name if a.person else (a.organization_name or "") for a in meeting.attendances)
    parts.append(meeting.body)
    return " ".join(parts)


def _document_entry(doc: Document) -> SearchEntry:
    assert doc.number is not None
    keys = [*docnumber.search_aliases(doc.number), *doc.aliases, *sorted(doc.forms_written)]
    where = doc.province.name if doc.province else ""
    summary_bits = [b for b in (doc.title, doc.issuer, where,
                                f"{doc.date.day}/{doc.date.month}/{doc.date.year}" if doc.date else "") if b]
    return SearchEntry(
        url=doc.url, title=doc.heading, kind="document", keys=keys,
        title_text=" ".join([doc.heading, *doc.aliases, where]),
        text=" ".join(m.sentence for m in doc.mentions[:20]),
        summary=_short(" · ".join(summary_bits) or f"Được nhắc đến {len(doc.mentions)} lần"),
        rank=float(len(doc.mentions) + len(doc.citations)),
        # A reader who types a document's number wants next the meetings about it.
        related=[m.url for m in doc.meetings],
    )


def for_site(site: Site) -> list[SearchEntry]:
    entries = [_document_entry(d) for d in site.documents]
    for person in site.people:
        names = _with_folded([person.name, *person.aliases])
        latest = person.positions[-1].title if person.positions else ""
        entries.append(SearchEntry(person.url, person.name, "person", names, " ".join(names), latest,
                                   _short(latest), float(len(person.attendances))))
    for org in site.organizations:
        names = _with_folded([org.name, *org.aliases])
        entries.append(SearchEntry(org.url, org.name, "organization", names, " ".join(names), "",
                                   _short(org.abbreviation or ""), float(len(org.organized) + len(org.attendances))))
    places: list[Region | Province] = [*site.regions, *site.provinces]
    for place in places:
        if not place.has_page:  # a place with no records is one line of the places index
            continue
        names = _with_folded([place.name, *place.aliases])
        region = getattr(place, "region", None)
        hint = region.name if region else ("Tỉnh, thành phố" if getattr(place, "place", None) else "Vùng")
        entries.append(SearchEntry(place.url, getattr(place, "title", place.name), "place", names, " ".join(names), "",
                                   hint, float(len(place.meetings))))
    for topic in site.topics:
        names = _with_folded([topic.name])
        entries.append(SearchEntry(topic.url, topic.name, "topic", names, topic.name, "",
                                   f"{len(topic.meetings)} hội nghị", float(len(topic.meetings))))
    for year in site.years:
        entries.append(SearchEntry(year.url, f"Năm {year.name}", "year", [f"năm {year.name}"],
                                   f"Năm {year.name}", "", f"{len(year.meetings)} hội nghị", 0.0))
    for meeting in site.meetings:
        summary = meeting.summary.text if meeting.summary else meeting.name
        date = f"{meeting.date.day}/{meeting.date.month}/{meeting.date.year}"
        entries.append(SearchEntry(meeting.url, meeting.name, "meeting", [meeting.key],
                                   meeting.name, _meeting_text(meeting), _short(f"{date} · {summary}"),
                                   float(meeting.date.toordinal()) / 1e6))
    return entries


_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.M)


def for_hand_written(docs: Path) -> list[SearchEntry]:
    """Hand-written pages (home, guide, about) are searchable through the same index."""
    entries: list[SearchEntry] = []
    for path in sorted(hand_written_pages(docs)):
        rel = path.relative_to(docs)
        if any(p.startswith(".") for p in rel.parts):
            continue
        post = frontmatter.loads(path.read_text(encoding="utf-8"))
        search = post.metadata.get("search")
        if isinstance(search, dict) and search.get("exclude"):
            continue
        headings = _HEADING.findall(post.content)
        title = str(post.metadata.get("title") or (headings[0] if headings else rel.stem))
        url = rel.with_suffix("").as_posix() + "/"
        url = "" if url == "index/" else url.removesuffix("index/")
        text = re.sub(r"[#*`>|_\[\]()!-]+", " ", post.content)
        entries.append(SearchEntry(url, title, "page", [], " ".join([title, *headings[1:]]), text,
                                   _short(text), 0.0))
    return entries
