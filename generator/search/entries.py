"""What each page contributes to search: its title, the forms readers type, its text."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import frontmatter

from ..graph.model import Document, Meeting, Province, Region, Site
from ..language import docnumber
from ..language.text import fold, heading_slugify
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
    where = doc.province.aside if doc.province else ""  # "Vĩnh Long, đến 30/6/2025" where two units share the name
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
    return list(each_for_site(site))


def each_for_site(site: Site) -> Iterator[SearchEntry]:
    """:func:`for_site` one entry at a time (a full build passes them on as they come)."""
    for document in site.documents:
        yield _document_entry(document)
    for person in site.people:
        names = _with_folded([person.name, *person.aliases])
        latest = person.positions[-1].title if person.positions else ""
        # A reader who types a name wants next the meetings the person was at, not
        # those whose title shares a syllable ("Hưng Yên" for "nguyen van hung").
        yield SearchEntry(person.url, person.name, "person", names, " ".join(names), latest,
                          _short(latest), float(len(person.attendances)),
                          related=[a.meeting.url for a in person.attendances])
    for org in site.organizations:
        names = _with_folded([org.name, *org.aliases])
        yield SearchEntry(org.url, org.name, "organization", names, " ".join(names), "",
                          _short(org.abbreviation or ""), float(len(org.organized) + len(org.attendances)))
    places: list[Region | Province] = [*site.regions, *site.provinces]
    for place in places:
        if not place.has_page:  # a place with no records is one line of the places index
            continue
        names = _with_folded([place.name, *place.aliases])
        region = getattr(place, "region", None)
        hint = region.name if region else ("Tỉnh, thành phố" if getattr(place, "place", None) else "Vùng")
        yield SearchEntry(place.url, getattr(place, "title", place.name), "place", names, " ".join(names), "",
                          hint, float(len(place.meetings)))
    for topic in site.topics:
        names = _with_folded([topic.name])
        yield SearchEntry(topic.url, topic.name, "topic", names, topic.name, "",
                          f"{len(topic.meetings)} hội nghị", float(len(topic.meetings)))
    for year in site.years:
        yield SearchEntry(year.url, f"Năm {year.name}", "year", [f"năm {year.name}"],
                          f"Năm {year.name}", "", f"{len(year.meetings)} hội nghị", 0.0)
    for meeting in site.meetings:
        summary = meeting.summary.text if meeting.summary else meeting.name
        date = f"{meeting.date.day}/{meeting.date.month}/{meeting.date.year}"
        yield SearchEntry(meeting.url, meeting.name, "meeting", [meeting.key],
                          meeting.name, _meeting_text(meeting), _short(f"{date} · {summary}"),
                          float(meeting.date.toordinal()) / 1e6)


_HEADING = re.compile(r"^(#{1,6})\s+(.+?)(?:\s+#+)?\s*$")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_EXPLICIT_ID = re.compile(r"\s*\{[^}]*#([\w-]+)[^}]*\}\s*$")
_NUMBERED_ID = re.compile(r"^(.*)_([0-9]+)$")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_HTML_TAG = re.compile(r"<[^>]+>")
#: Lines that show no words: table rules, snippet includes ("--8<--").
_NO_WORDS = re.compile(r"^\s*(?:[|:\s-]+|--8<--.*)$", re.M)
#: Marks at the start of a line: list bullets, quotes, numbering, admonitions.
_LINE_MARKS = re.compile(r"^\s*(?:[-+>]|\d+\.|!!!|\?\?\?\+?|===)\s", re.M)
_INLINE_MARKS = re.compile(r"[`*\[\]]+|!(?=\[)")


def _heading_text(markdown: str) -> str:
    """A heading's words as the page shows them: code, emphasis and link targets unmarked."""
    text = _LINK_TARGET.sub("]", markdown)
    text = re.sub(r"`([^`]*)`", r"\1", text)
    text = re.sub(r"(\*\*|__|\*)(.+?)\1", r"\2", text)
    return " ".join(text.replace("[", "").replace("]", "").split())


def _plain(markdown: str) -> str:
    """A Markdown block as the page shows its words: no link targets, tags or markup."""
    text = _LINK_TARGET.sub("]", _NO_WORDS.sub(" ", markdown))
    text = _LINE_MARKS.sub(" ", _HTML_TAG.sub(" ", text))
    return " ".join(_INLINE_MARKS.sub("", text).replace("|", " ").split())


def _unique(anchor: str, used: set[str]) -> str:
    """Python-Markdown's toc: a second "vung" is "vung_1", a third "vung_2"."""
    while anchor in used:
        numbered = _NUMBERED_ID.match(anchor)
        anchor = f"{numbered.group(1)}_{int(numbered.group(2)) + 1}" if numbered else f"{anchor}_1"
    used.add(anchor)
    return anchor


def _sections(markdown: str) -> list[tuple[int, str, str, str]]:
    """``(level, heading, anchor, text)`` for each part of a page, in order: the
    part before the first heading has none (``0, "", ""``); each heading's anchor is
    the one MkDocs gives it (``toc`` with ``heading_slugify``, as mkdocs.yml
    says; an explicit ``{#id}`` wins).  Lines inside fenced code are text."""
    parts: list[tuple[int, str, str, list[str]]] = [(0, "", "", [])]
    used: set[str] = set()
    fence = ""
    for line in markdown.splitlines():
        marker = _FENCE.match(line)
        if fence:
            if marker and marker.group(1)[0] == fence[0] and len(marker.group(1)) >= len(fence):
                fence = ""
                continue
        elif marker:
            fence = marker.group(1)
            continue  # "```yaml": the language is not a word of the page
        elif heading := _HEADING.match(line):
            raw = heading.group(2)
            explicit = _EXPLICIT_ID.search(raw)
            if explicit:
                raw = raw[: explicit.start()]
            title = _heading_text(raw)
            anchor = explicit.group(1) if explicit else heading_slugify(title, "-")
            parts.append((len(heading.group(1)), title, _unique(anchor, used), []))
            continue
        parts[-1][3].append(line)
    return [(level, title, anchor, "\n".join(lines)) for level, title, anchor, lines in parts]


def for_hand_written(docs: Path) -> list[SearchEntry]:
    """Hand-written pages (home, guide, about) are searchable through the same
    index, section by section as Material's own search would have them: the
    page (its title and what precedes its second heading) and each later
    heading, at ``page/#anchor``.  Material's index leaves them out
    (:mod:`generator.publish.mkdocs_plugin`): every page would download it."""
    entries: list[SearchEntry] = []
    for path in sorted(hand_written_pages(docs)):
        rel = path.relative_to(docs)
        if any(p.startswith(".") for p in rel.parts):
            continue
        post = frontmatter.loads(path.read_text(encoding="utf-8"))
        search = post.metadata.get("search")
        if isinstance(search, dict) and search.get("exclude"):
            continue
        url = rel.with_suffix("").as_posix() + "/"
        url = "" if url == "index/" else url.removesuffix("index/")
        parts = _sections(post.content)
        heading = rel.stem
        # A first heading of level 1 is the page's title: its part is the page's own.
        if len(parts) > 1 and parts[1][0] == 1 and not _plain(parts[0][3]):
            heading = parts[1][1]
            parts = [(0, "", "", parts[1][3]), *parts[2:]]
        title = str(post.metadata.get("title") or heading)
        for _, section_title, anchor, markdown in parts:
            text = _plain(markdown)
            name = section_title or title
            entries.append(SearchEntry(f"{url}#{anchor}" if anchor else url, name, "page", [name], name,
                                       text, _short(text), 0.0))
    return entries
