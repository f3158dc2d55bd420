"""Atom feeds (RFC 4287) of new meetings: the whole site, and one per place, topic,
person and document, so that a reader can follow "217-QĐ/TW" or a province.

Addresses: with ``site_url`` set in mkdocs.yml, every link is absolute.  Without it
the site's address is unknown at build time, so links are relative to the feed
file itself, which RFC 4287 (§2, via RFC 3986) resolves against the address the
feed was fetched from; feed readers do.  Entry and feed ids never depend on the
address: ``urn:uuid:`` names derived from the site name and the page, so moving
the site (or setting ``site_url`` later) does not make old entries new again.

Dates: a record has a meeting date, no time, no time of publication; an entry is
dated at the start of its meeting day in Vietnam (``T00:00:00+07:00``), both as
``published`` and ``updated``, which keeps every build's feeds byte-identical.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import uuid
from collections.abc import Container, Iterable, Iterator
from xml.sax.saxutils import escape, quoteattr

from ..graph.model import Document, Entity, Meeting, Person, Province, Region, Site, Topic
from ..publish.write import FEEDS_DIR

#: Newest meetings kept in each feed.
FEED_ENTRIES = 50
SITE_FEED = f"{FEEDS_DIR}/index.xml"
#: Sections whose entity pages have a feed of their own (places are provinces and regions).
FEED_SECTIONS = (Province.section, Topic.section, Person.section, Document.section)
VIETNAM = dt.timezone(dt.timedelta(hours=7))


def feed_path(page: str) -> str | None:
    """The feed of a generated page (``van-ban/217-qd-tw.md`` → ``theo-doi/van-ban/217-qd-tw.xml``)."""
    section, _, name = page.partition("/")
    if section not in FEED_SECTIONS or "/" in name or name == "index.md" or not name.endswith(".md"):
        return None
    return f"{FEEDS_DIR}/{section}/{name[:-3]}.xml"


def rfc3339(day: dt.date) -> str:
    return dt.datetime.combine(day, dt.time(), VIETNAM).isoformat()


def _newest(meetings: Iterable[Meeting]) -> list[Meeting]:
    unique = {id(m): m for m in meetings}
    return sorted(unique.values(), key=lambda m: (m.date, m.key), reverse=True)[:FEED_ENTRIES]


def entity_meetings(entity: Entity) -> list[Meeting]:
    """The meetings a follower of ``entity`` wants to hear about, newest first."""
    if isinstance(entity, Document):
        found: Iterable[Meeting] = entity.meetings
    elif isinstance(entity, Person):
        found = [*(a.meeting for a in entity.attendances), *(e.meeting for e in entity.directives)]
    elif isinstance(entity, (Province, Topic)):
        found = [*entity.meetings, *(e.meeting for e in entity.entries)]
    elif isinstance(entity, Region):
        found = [*entity.meetings, *(m for p in entity.provinces for m in p.meetings)]
    else:
        found = []
    return _newest(found)


class FeedWriter:
    """Writes the feeds of one site; ``site_url`` may be empty (see the module's notes)."""

    def __init__(self, site_name: str, site_url: str, newest: dt.date | None) -> None:
        self.site_name = site_name or "bienban"
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""
        # An empty feed still needs an <updated>: the newest meeting of the site.
        self.fallback = newest or dt.date(1970, 1, 1)
        # A meeting is in the feeds of its topics, provinces, people, documents… written
        # the same in all of one folder's: made once per folder (the folders come in turn).
        self.entries: dict[str, str] = {}
        self.entries_folder = ""

    def href(self, url: str, feed: str) -> str:
        """``url`` (a site path) as written in ``feed``: absolute, or relative to the feed file."""
        if self.site_url:
            return self.site_url + url
        # Both made absolute first: a relative path makes relpath ask the system for the
        # working folder, once per link of every feed.
        relative = posixpath.relpath("/" + url, "/" + posixpath.dirname(feed))
        return relative + "/" if url.endswith("/") or not url else relative

    def urn(self, what: str) -> str:
        return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'bienban:{self.site_name}:{what}')}"

    def feed(self, path: str, title: str, page_url: str, meetings: list[Meeting]) -> bytes:
        updated = rfc3339(meetings[0].date if meetings else self.fallback)
        lines = [
            '<?xml version="1.0" encoding="utf-8"?>',
            '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">',
            f"<id>{self.urn(path)}</id>",
            f"<title>{escape(title)}</title>",
            f"<updated>{updated}</updated>",
            f"<author><name>{escape(self.site_name)}</name></author>",
            f'<link rel="self" type="application/atom+xml" href={quoteattr(self.href(path, path))}/>',
            f'<link rel="alternate" type="text/html" href={quoteattr(self.href(page_url, path))}/>',
            "<generator>bienban</generator>",
        ]
        folder = posixpath.dirname(path)
        if folder != self.entries_folder:
            self.entries, self.entries_folder = {}, folder
        made = self.entries
        for meeting in meetings:
            entry = made.get(meeting.key)
            if entry is None:
                entry = made[meeting.key] = self.entry(meeting, path)
            lines.append(entry)
        lines.append("</feed>")
        return ("\n".join(lines) + "\n").encode("utf-8")

    def entry(self, meeting: Meeting, feed: str) -> str:
        when = rfc3339(meeting.date)
        parts = [
            "<entry>",
            f"<id>{self.urn(meeting.url)}</id>",
            f"<title>{escape(meeting.name)}</title>",
            f'<link rel="alternate" type="text/html" href={quoteattr(self.href(meeting.url, feed))}/>',
            f"<published>{when}</published>",
            f"<updated>{when}</updated>",
        ]
        kind = meeting.category
        if kind:
            parts.append(f"<category term={quoteattr(kind)}/>")
        if meeting.summary is not None:
            parts.append(f"<summary>{escape(' '.join(meeting.summary.text.split()))}</summary>")
        parts.append("</entry>")
        return "".join(parts)


def followed(site: Site) -> Iterator[Entity]:
    """Every entity with a feed of its own: those with a page (a place with no
    records has neither)."""
    for group in (site.regions, site.provinces, site.topics, site.people, site.documents):
        yield from (entity for entity in group if entity.has_page)


def build_feeds(site: Site, *, site_name: str, site_url: str) -> dict[str, bytes]:
    """docs/-relative path → Atom XML, for the site and every followed entity."""
    return dict(each_feed(site, site_name=site_name, site_url=site_url))


def feed_files(site: Site) -> list[str]:
    """The docs/-relative path of every feed :func:`each_feed` makes."""
    return [SITE_FEED, *(entity_feed(entity) for entity in followed(site))]


def each_feed(site: Site, *, site_name: str, site_url: str,
              only: Container[str] | None = None) -> Iterator[tuple[str, bytes]]:
    """(path, Atom XML) of each feed in turn, the site's first.

    ``only``: the pages whose entity's feed is made (None: every one).  A feed shows
    the meetings its entity's page shows, so it changes only when that page does;
    but one with no meeting is dated by the site's newest meeting, and is always made."""
    writer = FeedWriter(site_name, site_url, site.meetings[-1].date if site.meetings else None)
    yield SITE_FEED, writer.feed(SITE_FEED, f"Hội nghị mới — {writer.site_name}", "", _newest(site.meetings))
    for entity in followed(site):
        meetings = entity_meetings(entity)
        if only is not None and meetings and entity.page not in only:
            continue
        path = entity_feed(entity)
        label = entity.heading if isinstance(entity, Document) else entity.name
        yield path, writer.feed(path, f"Hội nghị mới: {label} — {writer.site_name}", entity.url, meetings)


def entity_feed(entity: Entity) -> str:
    path = feed_path(entity.page)
    assert path is not None
    return path
