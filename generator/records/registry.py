"""The registries (records/_registry/), the check that every record has its own id and
the one that no meeting is recorded twice: what validation needs from all the files at once."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ..language.geography import date_vi
from ..language.text import identity_key, slug
from ..problems import LoadError, Problem, Report
from ..project import Project
from .loader import Source, read_source
from .schema import Record, RegistryDocument, RegistryOrganization, RegistryPerson
from .validate import validate_list

REGISTRY_FILES = {
    "documents.yml": RegistryDocument,
    "people.yml": RegistryPerson,
    "organizations.yml": RegistryOrganization,
}

@dataclass
class Registry:
    """The registries' entries, each with its file and its index there."""

    documents: list[tuple[Source, int, RegistryDocument]] = field(default_factory=list)
    people: list[tuple[Source, int, RegistryPerson]] = field(default_factory=list)
    organizations: list[tuple[Source, int, RegistryOrganization]] = field(default_factory=list)


Read = tuple[Source | None, list[Any], list[Problem]]


class RegistryCache(Protocol):
    def registry(self, shown: str, path: Path, read: Callable[[], Read]) -> Read: ...


def load_registry(project: Project, report: Report, cache: RegistryCache | None = None) -> Registry:
    registry = Registry()
    folder = project.records / "_registry"
    for name, model in REGISTRY_FILES.items():
        path = folder / name
        if not path.exists():
            continue
        shown = path.relative_to(project.root).as_posix()

        def read() -> Read:
            found = Report()
            try:
                source = read_source(path, shown)
            except LoadError as exc:
                found.error(shown, exc.line, exc.message)
                return None, [], found.problems
            return source, validate_list(source, model, found), found.problems

        source, entries, problems = cache.registry(shown, path, read) if cache is not None else read()
        report.problems.extend(problems)
        target: list[tuple[Any, int, Any]] = getattr(registry, path.stem)  # documents.yml → .documents
        for i, entry in enumerate(entries):
            target.append((source, i, entry))
    return registry


def with_ids(loaded: list[tuple[Source, Record]], report: Report) -> list[tuple[Source, Record, str]]:
    """Each record with its id (``id:``, else the file name's slug); a second record with
    an id already used is an error and is left out."""
    records = []
    seen: dict[str, Source] = {}
    twins = _Twins()
    for source, record in loaded:
        meeting_id = record_id(source, record)
        # Before the id: a copied file whose id was not changed gets every word at once.
        _check_named_for_its_day(source, record, report)
        if meeting_id in seen:
            other = seen[meeting_id]
            report.error(source.path, source.line(("id",)),
                         f"mã “{meeting_id}” đã được dùng cho {other.path} (dòng {other.line(('id',))}); "
                         "mỗi bản ghi cần một mã riêng")
            continue
        seen[meeting_id] = source
        twins.check(source, record, report)
        records.append((source, record, meeting_id))
    return records


_DAY_IN_NAME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?!\d)")


def _check_named_for_its_day(source: Source, record: Record, report: Report) -> None:
    """A warning when the file's name or its year folder says another day than ``date``
    (the date corrected, the file not renamed): editors find a meeting by its file, and
    the page's address comes from the file's name."""
    path = Path(source.path)
    day = record.date
    written = date_vi(day)
    named = _DAY_IN_NAME.match(path.name)
    if named is not None and tuple(map(int, named.groups())) != (day.year, day.month, day.day):
        report.warning(source.path, source.line(("date",)),
                       f"tên tệp bắt đầu bằng ngày {named.group(0)} nhưng “date” là {written}; hãy đổi tên tệp "
                       f"cho khớp ({day.isoformat()}-…) để dễ tìm và để địa chỉ trang đúng ngày")
    elif path.parent.name.isdigit() and len(path.parent.name) == 4 and int(path.parent.name) != day.year:
        report.warning(source.path, source.line(("date",)),
                       f"tệp nằm trong thư mục năm {path.parent.name} nhưng “date” là {written}; hãy chuyển tệp "
                       f"sang thư mục records/{day.year}/")


class _Twins:
    """Records of one meeting under two file names (a file copied, ``draft`` run twice on
    one article): the same day and place, with the same title or the same source article.
    A warning, on the later file: the site would list the meeting twice, and every page
    that names it with it.  Two provinces' "Giao ban" of one day are two meetings."""

    def __init__(self) -> None:
        self.titles: dict[tuple[object, ...], Source] = {}
        self.articles: dict[tuple[object, ...], Source] = {}

    def check(self, source: Source, record: Record, report: Report) -> None:
        day = date_vi(record.date)
        place = (identity_key(record.location or ""), tuple(sorted(identity_key(p) for p in record.provinces)))
        other = self.titles.setdefault((record.date, place, identity_key(record.title)), source)
        if other is not source:
            report.warning(source.path, source.line(("title",)),
                           f"bản ghi này có vẻ trùng với {other.path}: cùng ngày {day}, cùng nơi và cùng tên "
                           "hội nghị; nếu là một hội nghị, hãy giữ một tệp và xóa tệp kia")
            return
        for ref in record.source:
            if not ref.url:
                continue
            other = self.articles.setdefault((record.date, place, str(ref.url).rstrip("/")), source)
            if other is not source:
                report.warning(source.path, source.line(("title",)),
                               f"bản ghi này có vẻ trùng với {other.path}: cùng ngày {day}, cùng nơi và cùng bài "
                               f"nguồn {ref.url}; nếu là một hội nghị, hãy giữ một tệp và xóa tệp kia")
                return


def record_id(source: Source, record: Record) -> str:
    """A record's id: its ``id:``, else its file name's slug."""
    return record.id or slug(Path(source.path).stem)


def failed_ids(report: Report) -> set[str]:
    """Ids of the record files that failed to load or validate (already reported): a
    ``related:`` pointing at one is not a second mistake."""
    return {slug(Path(p.path).stem) for p in report.errors if not p.path.startswith("records/_registry/")}
