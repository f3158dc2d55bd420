"""The registries' entries as entities: people and their aliases, bodies and who
succeeded them, registered documents.  Read before any meeting, so that every
record's names meet the registry's spellings first."""

from __future__ import annotations

from ..language import docnumber
from ..language.text import identity_key
from ..problems import Report
from ..records.loader import Source
from ..records.registry import Registry
from ..records.schema import RegistryDocument, Succession
from .documents import Documents
from .entities import Entities
from .model import Document, Organization, PositionHeld


def add_registry(registry: Registry, entities: Entities, documents: Documents, report: Report) -> None:
    for source, i, entry in registry.people:
        person, _ = entities.person_named(entry.name, source, (i, "name"))
        entities.registry_people.add(id(person))
        for j, written in enumerate(entry.aliases):
            alias = entities.clean_name(written, source, (i, "aliases", j))
            if alias not in person.aliases:
                person.aliases.append(alias)
            entities.person_alias.setdefault(identity_key(alias), person)
            entities.spelled(person, alias)
        for j, written in enumerate(entry.distinct_from):
            other = entities.clean_name(written, source, (i, "distinct_from", j))
            entities.distinct_people.add(frozenset({person.key, identity_key(other)}))
        for pos in entry.positions:
            person.positions.append(PositionHeld(pos.title, pos.organization, pos.start, pos.end))
    for source, i, org_entry in registry.organizations:
        org = entities.organization(org_entry.name, source, (i, "name"))
        entities.registry_orgs.add(id(org))
        org.abbreviation = org_entry.abbreviation
        for alias in [*org_entry.aliases, *([org_entry.abbreviation] if org_entry.abbreviation else [])]:
            if alias not in org.aliases:
                org.aliases.append(alias)
            entities.org_alias.setdefault(identity_key(alias), org)
    for source, i, org_entry in registry.organizations:
        if org_entry.successor is not None:
            _add_succession(entities, report, entities.organization(org_entry.name), org_entry.successor, source, i)
    for source, i, doc_entry in registry.documents:
        _add_document(entities, documents, report, source, i, doc_entry)
    documents.compile_aliases()


def _add_succession(entities: Entities, report: Report, org: Organization, succession: Succession,
                    source: Source, i: int) -> None:
    successor = entities.organization(succession.name, source, (i, "successor", "name"))
    entities.registry_orgs.add(id(successor))
    body: Organization | None = successor
    while body is not None:  # "A → B → A" would make every page of the chain endless
        if body is org:
            report.error(
                source.path, source.line((i, "successor", "name")),
                f"“successor”: “{org.name}” không thể là cơ quan kế tục của chính nó "
                f"(qua “{successor.name}”)",
            )
            return
        body = body.successor
    org.successor = successor
    org.successor_start = succession.start
    org.successor_note = succession.note
    successor.predecessors.append(org)


def _add_document(entities: Entities, documents: Documents, report: Report, source: Source, i: int,
                  entry: RegistryDocument) -> None:
    number = docnumber.parse(entry.number)
    assert number is not None  # the schema checked it
    province = None
    if number.is_local:
        province = entities.province(entry.province, source, (i, "province"), entry.date) if entry.province else None
        if province is None and entry.issuer:
            place = entities.geo.province_in(entry.issuer, entry.date)
            province = entities.unit(place) if place else None
    variant = entry.date.isoformat() if entry.date else (entry.term or "")
    key = f"{number.key}|{province.key if province else ''}|{variant}"
    if key in documents.documents:
        report.error(
            source.path, source.line((i, "number")),
            f"văn bản {number.canonical} đã có trong sổ đăng ký; nếu là hai văn bản khác nhau, "
            "hãy ghi thêm “date” hoặc “term” để phân biệt",
        )
        return
    doc = Document(
        key=key, name=number.canonical, number=number, issuer=entry.issuer, province=province,
        province_name=entry.province, term=entry.term, date=entry.date, title=entry.title,
        note=entry.note, official_url=entry.url, in_registry=True, aliases=list(entry.aliases),
    )
    entities.origin(doc, source, (i, "number"))
    documents.documents[key] = doc
    documents.registry_numbers[f"{number.key}|{province.key if province else ''}"].append(doc)
