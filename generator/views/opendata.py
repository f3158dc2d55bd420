"""Open data: the validated dataset exported at build time into docs/du-lieu/.

- JSON shaped after Popolo (https://www.popoloproject.com/): ``persons``,
  ``organizations``, ``memberships``, ``events`` (the meetings) and ``areas``, plus
  ``documents`` and ``topics``, which Popolo has no class for; one file with all
  of them and one file per kind.  Popolo's field names are used where they fit;
  fields of our own are named in the same style.
- CSV tables: meetings, participations, document mentions, figures.
- ``datapackage.json`` (Frictionless Data Package) describing every file, with a
  table schema for each CSV, and ``jsonschema-record.json``, the JSON Schema of the
  record format editors write.

Identifiers are the page slugs (``id`` within each kind, ``*_id`` to refer to
another kind), stable across builds: a slug comes from a name, never from file order.
Everything is sorted as the site lists it and serialized deterministically, so a
build that changes no record rewrites no file.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager as ContextManager
from dataclasses import dataclass
from typing import Any

from ..graph.model import Attendance, Document, Meeting, Organization, Person, Province, Region, Site
from ..project import DataLicense
from ..publish.write import HashingStream
from ..records.schema import Record
from .stats import meeting_region

ALL_JSON = "bienban.json"
RECORD_SCHEMA = "jsonschema-record.json"
EXPORT_SCHEMA = "jsonschema-bienban.json"
PACKAGE = "datapackage.json"


# ------------------------------------------------------------------ JSON (Popolo)

def _other_names(aliases: Iterable[str]) -> list[dict[str, str]]:
    return [{"name": alias} for alias in aliases]


def _drop_empty(item: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in item.items()
            if value is not None and not (isinstance(value, (str, list, dict)) and not value)}


def person(p: Person) -> dict[str, Any]:
    return _drop_empty({"id": p.slug, "name": p.name, "other_names": _other_names(p.aliases), "url": p.url})


def organization(o: Organization) -> dict[str, Any]:
    return _drop_empty({"id": o.slug, "name": o.name, "abbreviation": o.abbreviation,
                        "other_names": _other_names(o.aliases), "url": o.url})


def area(a: Region | Province) -> dict[str, Any]:
    parent = a.region if isinstance(a, Province) else None
    return _drop_empty({"id": a.slug, "name": a.name, "classification": "province" if isinstance(a, Province)
                        else "region", "parent_id": parent.slug if parent else None,
                        "other_names": _other_names(a.aliases), "url": a.url})


def memberships(site: Site) -> list[dict[str, Any]]:
    """Posts held: from the people registry (with dates) and as each meeting records them."""
    out = []
    by_name = {o.name: o for o in site.organizations}
    for p in site.people:
        for held in p.positions:
            org = by_name.get(held.organization or "")
            if held.meeting is None:
                out.append(_drop_empty({"person_id": p.slug, "role": held.title, "organization_id": org.slug if org
                                        else None, "organization_name": held.organization,
                                        "start_date": held.since, "end_date": held.until, "source": "registry"}))
    for meeting in site.meetings:
        for a in meeting.attendances:
            if a.person is not None and a.position:
                out.append(_drop_empty({
                    "person_id": a.person.slug, "role": a.position,
                    "organization_id": a.organization.slug if a.organization else None,
                    "organization_name": a.organization_name, "observed_on": meeting.date.isoformat(),
                    "source": "event", "event_id": meeting.slug,
                }))
    return out


def _participation(a: Attendance) -> dict[str, Any]:
    return _drop_empty({
        "person_id": a.person.slug if a.person else None, "person_name": a.person_name,
        "organization_id": a.organization.slug if a.organization else None,
        "organization_name": a.organization_name, "position": a.position, "role": a.role, "note": a.note,
    })


def event(m: Meeting) -> dict[str, Any]:
    region = meeting_region(m)
    return _drop_empty({
        "id": m.slug, "name": m.name, "start_date": m.date.isoformat(),
        "end_date": m.end_date.isoformat() if m.end_date else None,
        "classification": m.category, "format": m.format,
        "description": m.summary.text if m.summary else None,
        "organization_ids": [o.slug for o in m.organizers],
        "location": m.location_text, "area_id": m.location.slug if m.location else None,
        "region_id": region.slug if region else None,
        "area_ids": [p.slug for p in m.provinces],
        "topic_ids": [t.slug for t in m.topics],
        "participations": [_participation(a) for a in m.attendances],
        "documents": [_drop_empty({"document_id": c.document.slug, "number_as_written": c.number_as_written,
                                   "relation": c.relation, "note": c.note}) for c in m.citations],
        "items": {section: [_drop_empty({
            "text": e.text.text, "area_id": e.province.slug if e.province else None,
            "topic_ids": [t.slug for t in e.topics], "by_person_id": e.by.slug if e.by else None,
            "deadline": e.deadline.isoformat() if hasattr(e.deadline, "isoformat") else e.deadline,  # type: ignore[union-attr]
            "figures": [f.model_dump(exclude_none=True) for f in e.figures],
        }) for e in entries] for section, entries in m.entries.items() if entries},
        "url": m.url,  # (not the record's file path: the data stays the same whatever files are called)
    })


def document(d: Document) -> dict[str, Any]:
    assert d.number is not None
    return _drop_empty({
        "id": d.slug, "number": d.number.canonical, "type": d.number.type_name, "issuer": d.issuer,
        "area_id": d.province.slug if d.province else None, "term": d.term,
        "date": d.date.isoformat() if d.date else None, "title": d.title,
        "other_names": _other_names(sorted(d.forms_written - {d.number.canonical})), "url": d.url,
    })


def dataset(site: Site) -> dict[str, list[dict[str, Any]]]:
    """Every kind of entity, Popolo-shaped where Popolo has the kind."""
    return {kind: list(items()) for kind, items in _kinds(site).items()}


def _kinds(site: Site) -> dict[str, Callable[[], Iterable[dict[str, Any]]]]:
    """:func:`dataset`, one kind at a time and one item at a time."""
    return {
        "persons": lambda: (person(p) for p in site.people),
        "organizations": lambda: (organization(o) for o in site.organizations),
        "memberships": lambda: memberships(site),
        "events": lambda: (event(m) for m in site.meetings),
        "areas": lambda: (*map(area, site.regions), *map(area, site.provinces)),
        "documents": lambda: (document(d) for d in site.documents),
        "topics": lambda: ({"id": t.slug, "name": t.name, "url": t.url} for t in site.topics),
    }


def _json(data: Any) -> bytes:
    # Compact: json's C encoder runs only without indent (several times faster on
    # 10,000 meetings); any JSON viewer indents it for reading.
    return _compact(data).encode("utf-8") + b"\n"


def _compact(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


# ------------------------------------------------------------------ CSV tables

@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Frictionless Table Schema type
    description: str


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()

    @property
    def path(self) -> str:
        return f"{self.name.replace('-', '_')}.csv"


def _c(name: str, type_: str, description: str) -> Column:
    return Column(name, type_, description)


MEETINGS = Table("meetings", "Hội nghị", (
    _c("id", "string", "Mã hội nghị (phần cuối địa chỉ trang)"), _c("date", "date", "Ngày họp"),
    _c("end_date", "date", "Ngày kết thúc"), _c("title", "string", "Tên hội nghị"),
    _c("kind", "string", "Loại hội nghị"), _c("format", "string", "Hình thức"),
    _c("organizer_ids", "string", "Mã cơ quan tổ chức, cách nhau bởi dấu chấm phẩy"),
    _c("location", "string", "Địa điểm như bản ghi viết"), _c("area_id", "string", "Mã tỉnh, thành phố nơi họp"),
    _c("region_id", "string", "Mã vùng"), _c("url", "string", "Địa chỉ trang hội nghị trong trang web"),
), key=("id",))
PARTICIPATIONS = Table("participations", "Người tham dự", (
    _c("meeting_id", "string", "Mã hội nghị"), _c("date", "date", "Ngày họp"),
    _c("person_id", "string", "Mã nhân vật"), _c("person_name", "string", "Tên như bản ghi viết"),
    _c("organization_id", "string", "Mã cơ quan"), _c("organization_name", "string", "Cơ quan như bản ghi viết"),
    _c("position", "string", "Chức vụ"), _c("role", "string", "Vai trò tại hội nghị"),
))
MENTIONS = Table("document-mentions", "Văn bản được nhắc đến", (
    _c("meeting_id", "string", "Mã hội nghị"), _c("date", "date", "Ngày họp"),
    _c("document_id", "string", "Mã văn bản"), _c("number", "string", "Số hiệu chuẩn"),
    _c("as_written", "string", "Số hiệu như bản ghi viết"),
    _c("where", "string", "Nơi nhắc đến: documents (danh mục văn bản của hội nghị), hoặc phần có câu nhắc "
                          "đến: title (tiêu đề), summary (tóm tắt), findings (kết quả), shortcomings (hạn chế), "
                          "directives (nhiệm vụ, chỉ đạo), targets (mục tiêu, chỉ tiêu), body (ghi chú)"),
    _c("relation", "string", "Quan hệ (thực hiện, sơ kết…), với danh mục văn bản"),
    _c("sentence", "string", "Câu nhắc đến văn bản"),
))
FIGURES = Table("figures", "Số liệu", (
    _c("meeting_id", "string", "Mã hội nghị"), _c("date", "date", "Ngày họp"),
    _c("section", "string", "Phần của hội nghị: findings (kết quả), shortcomings (hạn chế), "
                            "directives (nhiệm vụ, chỉ đạo) hoặc targets (mục tiêu, chỉ tiêu)"),
    _c("label", "string", "Nội dung số liệu"), _c("value", "string", "Giá trị như bản ghi viết"),
    _c("number", "number", "Giá trị dạng số, khi là một số"), _c("unit", "string", "Đơn vị"),
    _c("area_id", "string", "Mã tỉnh, thành phố số liệu nói đến"),
))
TABLES = (MEETINGS, PARTICIPATIONS, MENTIONS, FIGURES)


def _rows(table: Table, site: Site) -> Iterable[list[object]]:
    for m in site.meetings:
        day = m.date.isoformat()
        if table is MEETINGS:
            region = meeting_region(m)
            yield [m.slug, day, m.end_date.isoformat() if m.end_date else "", m.name,
                   m.category or "", m.format or "",
                   ";".join(o.slug for o in m.organizers), m.location_text, m.location.slug if m.location else "",
                   region.slug if region else "", m.url]
        elif table is PARTICIPATIONS:
            for a in m.attendances:
                yield [m.slug, day, a.person.slug if a.person else "", a.person_name,
                       a.organization.slug if a.organization else "", a.organization_name, a.position, a.role]
        elif table is MENTIONS:
            for c in m.citations:
                yield [m.slug, day, c.document.slug, c.document.number.canonical if c.document.number else "",
                       c.number_as_written, "documents", c.relation, ""]
            for mention in m.mentions:
                doc = mention.document
                yield [m.slug, day, doc.slug, doc.number.canonical if doc.number else "", mention.as_written,
                       mention.section, "", mention.sentence]
        elif table is FIGURES:
            for section, entries in m.entries.items():
                for e in entries:
                    place = e.province or m.location
                    for f in e.figures:
                        number = f.value if isinstance(f.value, (int, float)) and not isinstance(f.value, bool) else ""
                        yield [m.slug, day, section, f.label, f.value, number, f.unit, place.slug if place else ""]


def _csv(table: Table, site: Site) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.name for c in table.columns])
    for row in _rows(table, site):
        writer.writerow(["" if v is None else v for v in row])
    return out.getvalue().encode("utf-8")


# ------------------------------------------------------------------ the package

#: JSON files other than the one with everything: one per kind, as :func:`dataset` names them.
KIND_TITLES = {
    "persons": "Nhân vật", "organizations": "Cơ quan", "memberships": "Chức vụ (theo sổ đăng ký và theo hội nghị)",
    "events": "Hội nghị, đầy đủ nội dung", "areas": "Vùng, tỉnh, thành phố", "documents": "Văn bản",
    "topics": "Chủ đề",
}


@dataclass(frozen=True)
class Written:
    """A file of du-lieu/ as the package and the "Dữ liệu mở" page describe it."""
    path: str  # inside du-lieu/
    title: str
    format: str
    size: int
    sha256: str


#: Opens a file of du-lieu/ (by its name there) for writing piece by piece.
OpenFile = Callable[[str], ContextManager[HashingStream]]


def file_names() -> list[str]:
    """The files :func:`write_export` makes, in its order."""
    return [ALL_JSON, *(f"{kind}.json" for kind in KIND_TITLES), *(t.path for t in TABLES),
            EXPORT_SCHEMA, RECORD_SCHEMA, PACKAGE]


def write_export(site: Site, open_file: OpenFile, *, site_name: str, license: DataLicense) -> list[Written]:
    """Write every file of du-lieu/ through ``open_file``; what was written, in the
    package's order (the package description, with the others' sizes and hashes, last).

    Each item is encoded once, as it is made, into its kind's file and the file with
    everything at once: hundreds of MB at 10,000 meetings, never held."""
    kinds: list[Written] = []
    with open_file(ALL_JSON) as everything:
        everything.write(b"{")
        for n, (kind, items) in enumerate(_kinds(site).items()):
            everything.write((b"," if n else b"") + _compact(kind).encode() + b":[")
            with open_file(f"{kind}.json") as part:
                part.write(b"[")
                for i, item in enumerate(items()):
                    piece = (b"," if i else b"") + _compact(item).encode("utf-8")
                    part.write(piece)
                    everything.write(piece)
                part.write(b"]\n")
                everything.write(b"]")
            kinds.append(Written(f"{kind}.json", KIND_TITLES[kind], "json", part.size, part.sha256))
        everything.write(b"}\n")
    done = [Written(ALL_JSON, "Toàn bộ dữ liệu (các loại dưới đây trong một tệp)", "json",
                    everything.size, everything.sha256), *kinds]

    def put(path: str, title: str, format: str, data: bytes) -> None:
        with open_file(path) as out:
            out.write(data)
        done.append(Written(path, title, format, out.size, out.sha256))

    for t in TABLES:
        put(t.path, t.title, "csv", _csv(t, site))
    put(EXPORT_SCHEMA, "Lược đồ JSON của tệp dữ liệu toàn bộ", "json", _json(export_schema()))
    put(RECORD_SCHEMA, "Lược đồ JSON của bản ghi hội nghị (định dạng biên tập)", "json",
        _json(Record.model_json_schema()))
    put(PACKAGE, "Mô tả gói dữ liệu (Frictionless Data Package)", "json",
        _json(_package([_resource(w) for w in done], site_name=site_name, license=license)))
    return done


def _resource(f: Written) -> dict[str, Any]:
    name = f.path.rsplit(".", 1)[0].replace("_", "-").replace(".", "-")
    resource: dict[str, Any] = {
        "name": name, "title": f.title, "path": f.path, "format": f.format,
        "mediatype": "text/csv" if f.format == "csv" else "application/json", "encoding": "utf-8",
        "bytes": f.size, "hash": f"sha256:{f.sha256}",
    }
    table = next((t for t in TABLES if t.path == f.path), None)
    if table is not None:
        resource["profile"] = "tabular-data-resource"
        resource["schema"] = {"fields": [{"name": c.name, "type": c.type, "description": c.description}
                                         for c in table.columns]}
        if table.key:
            resource["schema"]["primaryKey"] = list(table.key)
    return resource


def _package(resources: list[dict[str, Any]], *, site_name: str, license: DataLicense) -> dict[str, Any]:
    return {
        "profile": "data-package", "name": "bienban", "title": site_name or "bienban",
        "licenses": [license.as_package()],
        "resources": resources,
    }


def export_schema() -> dict[str, Any]:
    """JSON Schema of :data:`ALL_JSON` (the per-kind files are its arrays)."""
    def entity(*required: str, **properties: Any) -> dict[str, Any]:
        props = {"id": {"type": "string", "pattern": "^[a-z0-9-]+$"}, "url": {"type": "string"},
                 "other_names": {"type": "array", "items": {"type": "object", "required": ["name"]}}, **properties}
        return {"type": "object", "required": ["id", *required], "properties": props}

    text = {"type": "string"}
    date = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    ids = {"type": "array", "items": text}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "bienban: dữ liệu mở (theo Popolo)",
        "type": "object",
        "required": list(KIND_TITLES),
        "additionalProperties": False,
        "properties": {
            "persons": {"type": "array", "items": entity("name", name=text)},
            "organizations": {"type": "array", "items": entity("name", name=text, abbreviation=text)},
            "memberships": {"type": "array", "items": {"type": "object", "required": ["person_id", "role", "source"],
                            "properties": {"person_id": text, "role": text, "organization_id": text,
                                           "source": {"enum": ["registry", "event"]}, "observed_on": date,
                                           "event_id": text}}},
            "events": {"type": "array", "items": entity(
                "name", "start_date", name=text, start_date=date, end_date=date, classification=text,
                organization_ids=ids, area_id=text, region_id=text, area_ids=ids, topic_ids=ids,
                participations={"type": "array", "items": {"type": "object"}},
                documents={"type": "array", "items": {"type": "object", "required": ["document_id"]}},
                items={"type": "object"})},
            "areas": {"type": "array", "items": entity("name", "classification", name=text,
                                                       classification={"enum": ["region", "province"]},
                                                       parent_id=text)},
            "documents": {"type": "array", "items": entity("number", number=text, type=text, date=date)},
            "topics": {"type": "array", "items": entity("name", name=text)},
        },
    }
