"""Stage 5, render: the linked :class:`Site` → Markdown pages (path → bytes).

Templates (``templates/*.md.j2``) hold presentation.  Every value they print is
escaped as literal text unless it is :class:`~generator.pages.markdown.Md`, so record
text can never inject Markdown, HTML or template syntax.  Each template is
compiled once per run.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
import posixpath
import traceback
import types
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar
from urllib.parse import quote

import jinja2
import jinja2.runtime
import jinja2.utils
import yaml

from ..graph.model import (
    SECTION_LABELS,
    SECTIONS,
    SPEAKER_LABELS,
    Document,
    Entity,
    LinkedText,
    Meeting,
    Organization,
    Person,
    Province,
    Region,
    Site,
    Topic,
    Year,
    url_key,
)
from ..language.collate import initial, person_sort_key, sort_key
from ..language.geography import MAP_2025
from ..language.text import heading_slugify, identity_key
from ..parallel import affordable, map_slices, workers
from ..problems import Report, TemplateErrors
from ..views import page_charts
from ..views.feeds import feed_path
from . import markdown
from .format import and_list, date_long, date_short, figure_parts, number
from .markdown import Md
from .page_data import (
    ancestors,
    before_and_since,
    by_meeting,
    by_month,
    by_year,
    describe,
    held_since,
    in_sections,
    named_otherwise,
    other_names,
    positions_seen,
    uses_by_meeting,
)

T = TypeVar("T")
K = TypeVar("K")

#: Meetings listed on the meetings index; the rest are reached through the year pages.
MEETINGS_ON_INDEX = 300
#: Quoted passages shown on a topic, province or person page (newest first); the
#: meetings themselves are always all listed.
PASSAGES_SHOWN = 100
#: Meetings named as the source of one of a person's positions (the newest); the
#: person's meetings are all listed under "Hội nghị tham dự".
SOURCES_SHOWN = 5
FORMAT_LABELS = {"trực tiếp": "Trực tiếp", "trực tuyến": "Trực tuyến", "kết hợp": "Trực tiếp kết hợp trực tuyến"}


def _finalize(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Md):
        return value
    if isinstance(value, dt.date):
        return date_short(value)
    return markdown.escape(value)


#: Callables that cannot ask for Jinja's context: built-in functions and methods (no attribute
#: can be set on them, so none can carry Jinja's mark).
_BUILTIN_KINDS = frozenset({types.BuiltinFunctionType, types.BuiltinMethodType})
#: Python functions and methods, whose mark is looked up once per function.
_FUNCTION_KINDS = frozenset({types.FunctionType, types.MethodType})


class _Context(jinja2.runtime.Context):
    """Jinja's context with a quicker :meth:`call`.

    Jinja asks every callable, at every call, whether it wants the context, the
    environment or the evaluation context passed first (four attribute look-ups); a
    page makes hundreds of calls (each link, each macro), a fifth of rendering's time.
    Here the question is asked once per function; anything else (macros, classes)
    goes the usual way.  Set as the environment's ``context_class``."""

    _plain: dict[types.CodeType, bool] = {}

    def call(__self, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 - Jinja's own signature
        kind = type(__obj)
        if kind in _BUILTIN_KINDS:
            plain = True
        elif kind in _FUNCTION_KINDS:
            function = __obj.__func__ if kind is types.MethodType else __obj
            # Keyed by the code, not the function: a closure made for each page would
            # otherwise stay in the table, and what it holds with it.  Jinja's mark is
            # set where the function is defined, the same on every function of the code.
            code = getattr(function, "__code__", None)
            known = __self._plain.get(code) if code is not None else None
            if known is None:
                known = jinja2.utils._PassArg.from_obj(function) is None
                if code is not None:
                    __self._plain[code] = known
            plain = known
        else:
            plain = False
        if not plain:
            return super().call(__obj, *args, **kwargs)
        if kwargs:
            kwargs.pop("_loop_vars", None)
            kwargs.pop("_block_vars", None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:
            return __self.environment.undefined(
                "value was undefined because a callable raised a StopIteration exception")


class Linker:
    """Builds links relative to the page being rendered."""

    def __init__(self, page: str, *, allow_html: bool = False,
                 named_links: dict[tuple[str, str], Md] | None = None) -> None:
        self.page = page
        self.allow_html = allow_html
        self.base = posixpath.dirname(page)
        # Generated pages sit at the top of docs/ or one folder down, so a
        # relative link is the target behind one "../" per folder level.
        self.up = "../" * (self.base.count("/") + 1) if self.base else ""
        # An entity linked by its own name from pages as deep as this one: the same
        # Markdown on every such page (a renderer shares it between its pages).  Keyed
        # by the entity's page, not the entity: the cache must not keep the site alive.
        self.named_links = named_links if named_links is not None else {}

    def path(self, target: str) -> str:
        return self.up + target

    def to(self, entity: Entity | None, label: object = None) -> Md:
        """``[name](../section/slug.md)``; plain escaped text for no entity, or for one
        without a page of its own (a province with no records)."""
        if entity is None:
            return markdown.escape(label or "")
        if label is None:
            key = (entity.page, self.up)
            made = self.named_links.get(key)
            if made is None:
                made = self.named_links[key] = self._to(entity, label)
            return made
        return self._to(entity, label)

    def _to(self, entity: Entity, label: object) -> Md:
        text = label if isinstance(label, Md) else markdown.escape(label if label is not None else _label(entity))
        if not entity.has_page:
            return text
        return markdown.link(text, self.path(entity.page))

    def links(self, entities: Iterable[Entity], separator: str) -> Md:
        """Each entity linked by its own name, the links joined by ``separator``
        (the template's punctuation): one call for a list a template would otherwise
        loop over link by link (the topics of every passage of a meeting)."""
        return Md(separator.join(map(self.to, entities)))

    def page_link(self, page: str, label: str) -> Md:
        return markdown.link(markdown.escape(label), self.path(page))

    def external(self, url: str, label: str) -> Md:
        """A link to an outside page; the schema allows only http(s) URLs."""
        safe = quote(url, safe=":/?#@!$&'*+,;=%-._~")
        return Md(f"[{markdown.escape(label)}]({safe})")

    def text(self, linked: LinkedText | None) -> Md:
        """Record text, escaped, with its document numbers linked."""
        if linked is None:
            return Md("")
        out: list[str] = []
        last = 0
        for start, end, entity in linked.links:
            if start < last:
                continue
            out.append(markdown.escape_keep_space(linked.text[last:start]))
            title = entity.heading if isinstance(entity, Document) else entity.name
            out.append(markdown.link(markdown.escape(linked.text[start:end]), self.path(entity.page), title))
            last = end
        out.append(markdown.escape_keep_space(linked.text[last:]))
        return Md("".join(out).strip())

    def body(self, linked: LinkedText | None, under: int = 2) -> Md:
        """A record's Markdown body: Markdown kept, raw HTML shown as text (unless the
        site owner allows it), numbers linked except inside code and existing links;
        its headings below the page's heading of level ``under``."""
        if linked is None:
            return Md("")
        protected = markdown.protected_spans(linked.text)
        out: list[str] = []
        last = 0
        for start, end, entity in linked.links:
            if start < last or any(s < end and start < e for s, e in protected):
                continue
            out.append(linked.text[last:start])
            out.append(f"[{linked.text[start:end]}]({self.path(entity.page)})")
            last = end
        out.append(linked.text[last:])
        # The links added here are safe Markdown: whether there is anything to escape
        # or disarm is the editor's text's to say.
        return Md(markdown.nest_headings(markdown.safe_body("".join(out), allow_html=self.allow_html,
                                                            marked=markdown.has_body_marks(linked.text)), under))


def _label(entity: Entity) -> str:
    return entity.heading if isinstance(entity, Document) else entity.label


@dataclass
class Page:
    path: str  # relative to docs/
    template: str
    title: str
    context: dict[str, Any]
    record: str | None = None  # the record file an "edit" link opens
    # Entity pages are reached through indexes, not the navigation (which would
    # list thousands of pages), so the empty navigation sidebar is hidden.
    hide: tuple[str, ...] = ("navigation",)
    # Keys of the meetings whose data the page shows (None: depends on all of them);
    # an incremental run renders the page again only when one of them changes.
    deps: frozenset[str] | None = None
    # The page's meta description and Open Graph summary.
    description: str = ""


#: libyaml's emitter when PyYAML has it: several times faster, the same bytes.
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class Renderer:
    """Renders :class:`Page` objects; ``cache`` keeps compiled templates between runs."""

    def __init__(self, templates: Path, *, allow_html: bool = False, cache: Path | None = None) -> None:
        self.allow_html = allow_html
        self.templates = templates
        self.named_links: dict[tuple[str, str], Md] = {}  # see Linker
        if cache is not None:
            cache.mkdir(parents=True, exist_ok=True)
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(templates)),
            # A renderer lives for one run: no need to look at every template file's
            # time again before each page (thousands of system calls).
            auto_reload=False,
            bytecode_cache=jinja2.FileSystemBytecodeCache(str(cache)) if cache is not None else None,
            finalize=_finalize,
            autoescape=False,  # Markdown, not HTML: _finalize escapes instead
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.context_class = _Context
        self.env.globals.update(
            SECTIONS=SECTIONS, SECTION_LABELS=SECTION_LABELS, SPEAKER_LABELS=SPEAKER_LABELS, FORMAT_LABELS=FORMAT_LABELS,
            date_short=date_short, date_long=date_long, initial=initial, PASSAGES_SHOWN=PASSAGES_SHOWN,
            SOURCES_SHOWN=SOURCES_SHOWN, figure_parts=figure_parts, anchor=_anchor,
        )
        self.env.filters.update(
            date_short=date_short, date_long=date_long, by_name=_by_name, by_person=_by_person,
            newest=_newest, oldest=_oldest, md=_md_trusted, md_text=markdown.escape, newest_entries=_newest_entries,
            number=number, positions_seen=positions_seen, by_meeting=by_meeting, in_sections=in_sections,
            before_and_since=before_and_since, named_otherwise=named_otherwise, and_list=and_list,
            uses_by_meeting=uses_by_meeting, other_names=other_names, held_since=held_since, by_year=by_year,
            ancestors=ancestors,
            by_month=by_month,
        )
        self.env.filters.update(page_charts.FILTERS)  # templates/charts/*.md.j2

    def render(self, page: Page) -> bytes:
        template = self._compiled(page.template)
        meta: dict[str, Any] = {"title": markdown.html_text(page.title), "search": {"exclude": True}}
        if page.description:
            meta["description"] = " ".join(page.description.split())  # the theme escapes it
        if page.record:
            meta["record"] = page.record
        if page.hide:
            meta["hide"] = list(page.hide)
        if (feed := feed_path(page.path)) is not None:
            meta["feed"] = feed  # templates/theme/partials/feeds.html links it
        body = self._run(template, page, here=Linker(page.path, allow_html=self.allow_html,
                                                     named_links=self.named_links))
        front = yaml.dump(meta, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)
        return f"---\n{front}---\n\n{body.rstrip()}\n".encode("utf-8")


    def render_fragment(self, page: Page) -> bytes:
        """A piece of Markdown without front matter (for pymdownx.snippets)."""
        body = self._run(self._compiled(page.template), page, here=Linker(page.path))
        return f"{body.rstrip()}\n".encode("utf-8")

    def check(self) -> None:
        """Compile every template now, so that a syntax error stops the run before any work."""
        for name in self.env.list_templates(extensions=["j2"]):
            self._compiled(name)

    def _compiled(self, name: str) -> jinja2.Template:
        try:
            return self.env.get_template(name)
        except jinja2.TemplateSyntaxError as exc:
            raise self._failure(exc, f"mẫu trang sai cú pháp Jinja2: {exc.message}") from None
        except jinja2.TemplateNotFound:
            raise self._failure(None, f"thiếu mẫu trang {name}") from None

    def _run(self, template: jinja2.Template, page: Page, **context: Any) -> str:
        try:
            return template.render(**context, **page.context)
        except Exception as exc:  # a template a maintainer edited: name its line
            raise self._failure(exc, f"mẫu trang lỗi khi dựng {page.path}: {exc.__class__.__name__}: {exc}") from None

    def _failure(self, exc: BaseException | None, message: str) -> TemplateErrors:
        """``templates/x.md.j2:line: message``, the line found in the template's own frames."""
        where, line = self.templates, 1
        if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename:
            where, line = Path(exc.filename), exc.lineno
        elif exc is not None:
            frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".j2")]
            if frames:
                where, line = Path(frames[-1].filename), frames[-1].lineno or 1
        try:
            shown = where.relative_to(self.templates.parent).as_posix()
        except ValueError:
            shown = where.as_posix()
        report = Report()
        report.error(shown, line, message)
        return TemplateErrors(report)


#: Below this many pages, rendering in one process is faster than forking workers.
PARALLEL_FROM = 400


def _in_workers(pages: list[Page]) -> bool:
    """Whether ``pages`` are worth forked workers, and their copies of this process fit in memory."""
    count = workers()
    return len(pages) >= PARALLEL_FROM and count >= 2 and affordable(count)


def render_pages(templates: Path, pages: list[Page], *, allow_html: bool = False,
                 cache: Path | None = None) -> dict[str, bytes]:
    """Render ``pages`` (path → bytes), spread over the CPU cores when there are many."""
    return dict(rendered_pages(templates, pages, allow_html=allow_html, cache=cache))


def rendered_pages(templates: Path, pages: list[Page], *, allow_html: bool = False,
                   cache: Path | None = None) -> Iterator[tuple[str, bytes]]:
    """(path, bytes) of each of ``pages``, in order.  Many pages are rendered by forked
    workers while their copies of this process fit in memory (see :mod:`generator.parallel`);
    otherwise here, one at a time, so that the caller can write each and let it go."""

    def render_slice(start: int, end: int) -> list[tuple[str, bytes]]:
        renderer = Renderer(templates, allow_html=allow_html, cache=cache)
        return [(page.path, renderer.render(page)) for page in pages[start:end]]

    if _in_workers(pages):
        yield from map_slices(render_slice, len(pages), minimum=PARALLEL_FROM, smallest_slice=100)
        return
    renderer = Renderer(templates, allow_html=allow_html, cache=cache)
    for page in pages:
        yield page.path, renderer.render(page)


class PageSink(Protocol):
    """Where :func:`write_pages` puts each page (a :class:`~generator.publish.write.Writer`).

    A forked worker writes the pages it renders itself and hands back what it did:
    the (picklable) account ``part`` gives of them, which the parent ``merge``-s in
    the order of the pages."""

    def write(self, rel: str, data: bytes) -> None: ...
    def drain(self) -> None: ...
    def part(self, work: Callable[[], None]) -> Any: ...
    def merge(self, part: Any) -> None: ...


def write_pages(templates: Path, pages: list[Page], sink: PageSink, *, allow_html: bool = False,
                cache: Path | None = None) -> None:
    """Render ``pages`` and put each into ``sink``, in order.  Many pages are rendered by
    forked workers while their copies of this process fit in memory (see
    :mod:`generator.parallel`), each writing what it renders: only an account of the
    files comes back, not their bytes, and the files are written on every core.
    Otherwise here, one at a time."""
    if _in_workers(pages):
        sink.drain()  # no thread of ours runs while the workers fork

        def render_slice(start: int, end: int) -> list[Any]:
            def render() -> None:
                renderer = Renderer(templates, allow_html=allow_html, cache=cache)
                for page in pages[start:end]:
                    sink.write(page.path, renderer.render(page))

            return [sink.part(render)]

        for part in map_slices(render_slice, len(pages), minimum=PARALLEL_FROM, smallest_slice=100):
            sink.merge(part)
        return
    renderer = Renderer(templates, allow_html=allow_html, cache=cache)
    for page in pages:
        sink.write(page.path, renderer.render(page))


@functools.lru_cache(maxsize=256)
def _anchor(heading: str) -> str:
    """The id MkDocs gives a heading (the same slugify as mkdocs.yml's toc).  Cached:
    the headings are the templates' own few labels, asked for on every meeting page."""
    return heading_slugify(heading, "-")


def _md_trusted(value: str) -> Md:
    """Mark template-built Markdown (never record text) as safe."""
    return Md(value)


def _by_name(entities: Iterable[Entity]) -> list[Entity]:
    return sorted(entities, key=lambda e: (sort_key(e.name), e.slug))


def _by_person(entities: Iterable[Entity]) -> list[Entity]:
    return sorted(entities, key=lambda e: (person_sort_key(e.name), e.slug))


def _newest(meetings: Iterable[Meeting]) -> list[Meeting]:
    return sorted(meetings, key=lambda m: (m.date, m.key), reverse=True)


def _newest_entries(entries: Iterable[Any]) -> list[Any]:
    return sorted(entries, key=lambda e: (e.meeting.date, e.meeting.key), reverse=True)


def _oldest(meetings: Iterable[Meeting]) -> list[Meeting]:
    return sorted(meetings, key=lambda m: (m.date, m.key))


def _keys(*groups: Iterable[Any]) -> frozenset[str]:
    """Keys of the meetings in ``groups``: each a list of meetings, or of things with a
    ``.meeting`` (the model types every such list with one kind of item)."""
    keys: set[str] = set()
    for group in groups:
        items = group if isinstance(group, list) else list(group)
        if items:
            # At C speed: 800,000 items at 10,000 meetings (the province pages show thousands).
            keys.update(map(_MEETING_KEY if isinstance(items[0], Meeting) else _ITS_MEETING_KEY, items))
    return frozenset(keys)


def _bodies_named(names: Iterable[str | None]) -> frozenset[str]:
    """Deps for the bodies a page links by name where they have a page (a position's, an
    issuer's): the url key of the body each name would be (see
    :meth:`~generator.environment.BuildEnvironment.pages_to_render`), so the page is made
    again when a record brings that body or takes it away."""
    return frozenset(url_key(Organization.kind, identity_key(name)) for name in names if name)


_MEETING_KEY = operator.attrgetter("key")
_ITS_MEETING_KEY = operator.attrgetter("meeting.key")


def plan_pages(site: Site) -> Iterator[Page]:
    """Every generated page of ``site``, in a stable order."""
    for entity in site.entities():
        page = entity_page(entity)
        if page is not None:
            yield page
    yield from index_pages(site)
    from ..views.plan import view_pages  # views builds on this module's Page

    yield from view_pages(site)


def entity_page(entity: Entity) -> Page | None:
    """The page of one entity (None: a place with nothing of its own has none)."""
    if isinstance(entity, Meeting):
        neighbours = [m for m in (entity.previous, entity.next) if m is not None]
        return Page(entity.page, "meeting.md.j2", entity.name, {"meeting": entity},
                    record=entity.path, deps=_keys([entity], neighbours, entity.related, entity.decided_by),
                    description=describe(entity))
    if isinstance(entity, Document):
        return Page(entity.page, "document.md.j2", entity.heading, {"doc": entity},
                    deps=_keys(entity.citations, entity.mentions) | _bodies_named([entity.issuer]),
                    description=describe(entity))
    if isinstance(entity, Person):
        return Page(entity.page, "person.md.j2", entity.name, {"person": entity},
                    deps=_keys(entity.attendances, entity.directives,
                               [p.meeting for p in entity.positions if p.meeting])
                    | _bodies_named([p.organization for p in entity.positions]),
                    description=describe(entity))
    if isinstance(entity, Organization):
        kin = [*ancestors(entity), *([entity.successor] if entity.successor else [])]
        return Page(entity.page, "organization.md.j2", entity.name, {"org": entity},
                    deps=_keys(entity.organized, entity.attendances, entity.members, *(o.members for o in kin),
                               *(d.citations for d in entity.documents), *(d.mentions for d in entity.documents)),
                    description=describe(entity))
    if not entity.has_page:
        return None
    if isinstance(entity, Region):
        return Page(entity.page, "region.md.j2", entity.name, {"region": entity},
                    deps=_keys(entity.meetings, *(p.meetings for p in [*entity.provinces, *entity.units_2025])),
                    description=describe(entity))
    if isinstance(entity, Province):
        # The page shows its former and later units' meetings too, and its bodies' people.
        units = [*entity.predecessors, *([entity.successor] if entity.successor else [])]
        return Page(entity.page, "province.md.j2", entity.title, {"province": entity, "MAP_2025": MAP_2025},
                    deps=_keys(entity.meetings, entity.entries, *(p.meetings for p in units),
                               *(b.members for b in entity.bodies), *(d.citations for d in entity.documents),
                               *(d.mentions for d in entity.documents)),
                    description=describe(entity))
    if isinstance(entity, Topic):
        return Page(entity.page, "topic.md.j2", entity.name, {"topic": entity},
                    deps=_keys(entity.meetings, entity.entries), description=describe(entity))
    if isinstance(entity, Year):
        return Page(entity.page, "year.md.j2", f"Năm {entity.name}", {"year": entity}, deps=_keys(entity.meetings),
                    description=describe(entity))
    raise TypeError(f"no page for {entity!r}")


def index_pages(site: Site) -> Iterator[Page]:
    newest = _newest(site.meetings)
    yield Page(f"{Meeting.section}/index.md", "index_meetings.md.j2", SECTIONS[Meeting.section],
               {"meetings": newest[:MEETINGS_ON_INDEX], "total": len(newest), "years": site.years}, hide=(),
               description=f"{len(newest)} hội nghị công tác dân vận, mới nhất trước.")
    yield Page(f"{Document.section}/index.md", "index_documents.md.j2", SECTIONS[Document.section],
               {"groups": _documents_by_kind(site.documents), "total": len(site.documents)},
               description=f"{len(site.documents)} văn bản của Đảng và Nhà nước mà hội nghị nhắc đến hoặc có "
                           "trong sổ văn bản, xếp theo cấp ban hành, loại và số hiệu.")
    yield Page(f"{Person.section}/index.md", "index_people.md.j2", SECTIONS[Person.section],
               {"groups": _groups(_by_person(site.people), lambda p: initial(p.given_name))}, hide=(),
               description=f"{len(site.people)} nhân vật được các biên bản hội nghị nêu tên, xếp theo tên.")
    yield Page(f"{Organization.section}/index.md", "index_organizations.md.j2", SECTIONS[Organization.section],
               {"groups": _groups(_by_name(site.organizations), lambda o: initial(o.name))}, hide=(),
               description=f"{len(site.organizations)} cơ quan, tổ chức tổ chức hoặc tham dự các hội nghị.")
    yield Page(f"{Province.section}/index.md", "index_places.md.j2", SECTIONS[Province.section],
               {"regions": site.regions,
                "units_2025": sorted((p for p in site.provinces if p.place and p.place.valid_on(MAP_2025)),
                                     key=lambda p: (sort_key(p.name), p.slug)),
                "MAP_2025": MAP_2025}, hide=("toc",),
               description="Các hội nghị công tác dân vận theo vùng, tỉnh và thành phố, theo cả hai bản đồ hành chính (63 và 34 đơn vị).")
    yield Page(f"{Topic.section}/index.md", "index_topics.md.j2", SECTIONS[Topic.section],
               {"topics": _by_name(site.topics)}, hide=("toc",),
               description=f"{len(site.topics)} chủ đề của các nội dung hội nghị công tác dân vận.")
    yield Page(f"{Year.section}/index.md", "index_years.md.j2", SECTIONS[Year.section],
               {"years": sorted(site.years, key=lambda y: y.key, reverse=True)}, hide=("toc",),
               description="Các hội nghị công tác dân vận theo từng năm.")


def home_fragment(site: Site) -> Page:
    """Latest meetings and counts, included by the hand-written home page."""
    counts = [
        (Meeting.section, len(site.meetings)), (Document.section, len(site.documents)),
        (Person.section, len(site.people)), (Organization.section, len(site.organizations)),
        (Province.section, sum(p.has_page for p in site.provinces)), (Topic.section, len(site.topics)),
    ]
    return Page("index.md", "home.md.j2", "", {"latest": _newest(site.meetings)[:10], "counts": counts})


def _document_order(doc: Document) -> tuple[Any, ...]:
    n = doc.number
    assert n is not None
    digits = "".join(c for c in n.number if c.isdigit())
    # Within a type: the Party's numbers before the State's (23-QĐ/TW, then 169/QĐ-TTg);
    # a province's documents together.
    where = sort_key(doc.province.name if doc.province else "")
    return (n.is_local, n.type_name is None, sort_key(n.type_name or ""), n.style != "party", where, n.issuer_code,
            int(digits or 0), n.year or "", doc.slug)


def _documents_by_kind(documents: Iterable[Document]) -> list[tuple[bool, list[tuple[str, list[Document]]]]]:
    """The documents index's sections: central documents, then local ones (``True``),
    each by type ("Nghị quyết"; None last: a law's "10/2022/QH15"), by number inside.
    At 10,000 meetings the archive cites thousands: one table was a page no one could
    find a document in but by searching it."""
    def local(doc: Document) -> bool:
        return bool(doc.number and doc.number.is_local)

    def kind(doc: Document) -> str:
        return (doc.number.type_name if doc.number else None) or ""

    ordered = sorted(documents, key=_document_order)
    return [(level, _groups(docs, kind)) for level, docs in _groups(ordered, local)]


def _groups(items: Iterable[T], letter: Callable[[T], K]) -> list[tuple[K, list[T]]]:
    """``items`` in runs of one ``letter`` (an initial, a type of document), in order."""
    groups: list[tuple[K, list[T]]] = []
    for item in items:
        key = letter(item)
        if not groups or groups[-1][0] != key:
            groups.append((key, []))
        groups[-1][1].append(item)
    return groups
