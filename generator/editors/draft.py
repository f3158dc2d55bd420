"""``bienban draft``: the plain text of a news article → a draft record to check.

The rules live in :mod:`generator.editors.draft_rules`; this module gathers what the
archive already knows, runs the rules and writes the record (YAML front matter in
a ``.md`` file), with a ``# TODO kiểm tra`` comment on every guessed value.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml

from ..language.geography import load_geography
from ..language.text import fold, identity_key, nfc, record_id
from ..problems import LoadError, Problem, Report
from ..records.loader import DRAFT_MARK, Source, find_record_files, parse_yaml, read_source, split_front_matter
from ..records.validate import validate_record
from . import draft_rules as rules
from .draft_rules import Draft, Guess, Item, Knowledge

TODO = DRAFT_MARK


# ------------------------------------------------------------------ what the archive knows


def knowledge_of(records_dir: Path) -> Knowledge:
    """People (registry names and aliases, participants of records) and topics in use."""
    known = Knowledge()
    topics: dict[str, str] = {}

    def add_person(name: Any, canonical: Any = None) -> None:
        if isinstance(name, str) and name.strip():
            known.people.setdefault(identity_key(name), str(canonical or name).strip())

    people_file = records_dir / "_registry" / "people.yml"
    for path in [people_file, *find_record_files(records_dir)] if records_dir.is_dir() else []:
        try:
            data = read_source(path, path.name).data
        except (LoadError, OSError):
            continue  # `bienban check` reports it; a draft can do without
        if path == people_file and isinstance(data, list):
            for entry in data:
                if isinstance(entry, dict):
                    add_person(entry.get("name"))
                    for alias in entry.get("aliases") or []:
                        add_person(alias, entry.get("name"))
            continue
        if not isinstance(data, dict):
            continue
        for participant in data.get("participants") or []:
            add_person(participant.get("name") if isinstance(participant, dict) else participant)
        for topic in _listed(data.get("topics")):
            topics.setdefault(identity_key(topic), topic)
    known.topics = sorted(topics.values())
    return known


def _listed(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


# ------------------------------------------------------------------ reading the article

_AUTHOR = re.compile(r"^([A-ZĐÀ-Ỹ][\w’']*(?:\s+[A-ZĐÀ-Ỹ][\w’']*){1,3})(?:\s*\(([^)]*)\))?$")
_ABOUT_THE_MEETING = re.compile(
    r"^(?:Tham dự|Cùng dự|Dự hội nghị|Tại điểm cầu|Hội nghị được tổ chức|Đ/c|Chủ trì)\b")
_PUBLISHER = re.compile(r"^(?:Theo|Nguồn:?)\s+(.+?)\.?$")


def draft_article(text: str, known: Knowledge | None = None, when: dt.date | None = None) -> Draft:
    """Read the article ``text`` into a :class:`Draft` (``when`` overrides the date)."""
    known = known or Knowledge()
    places = rules.Places(load_geography())
    paras = rules.paragraphs(text)
    skip: set[str] = set()

    published: dt.date | None = None
    author: str | None = None
    for para in paras[:4]:
        if rules._is_dateline(para):
            skip.add(para)
            published = published or rules._date_line(para)
            before = rules._DATE_LINE.split(para)[0]
            name = _AUTHOR.match(rules._WEEKDAY.sub("", before).strip())
            if name and not places.find(name.group(1)):
                author = name.group(1)
    title = next((p for p in paras if p not in skip and len(p.split()) >= 5), paras[0] if paras else "Hội nghị")
    skip.add(title)

    publisher = None
    for para in paras[-4:]:
        found = _PUBLISHER.match(para)
        if found and len(para.split()) <= 12:
            publisher = found.group(1)
            skip.add(para)
        elif para is paras[-1] and _AUTHOR.match(para) and len(para.split()) <= 10:
            author = author or _AUTHOR.match(para).group(1)  # type: ignore[union-attr]
            skip.add(para)

    body = [p for p in paras if p not in skip]
    draft = Draft(title=Guess(title, "dòng tiêu đề của bài"), published=published,
                  publisher=publisher, author=author)
    draft.date = Guess(when, "ngày do người biên tập cho") if when else rules.meeting_date(body, published)
    draft.kind = rules.kind(title, body)
    draft.format = rules.meeting_format(" ".join(body))
    draft.organizer = rules.organizer(body)
    _places(draft, body, places)

    draft.participants = rules.people(body, places, known, author)
    draft.documents = rules.documents(body)

    lead = next((p for p in body if not rules._is_heading(p)), None)
    if lead:
        draft.summary = Guess(lead, "đoạn mở đầu của bài; nên viết lại thành hai, ba câu tóm tắt")
        skip.add(lead)
    for para in body:
        if _ABOUT_THE_MEETING.match(para) or len(para.split()) < 12 \
                or re.search(r"\bchủ trì (?:Hội nghị|hội nghị)\.?$", para):
            # Who came, how it was held, photo captions: notes, not findings.
            skip.add(para)
            draft.leftover.append(para)
    draft.items = rules.classify(body, skip)
    _enrich(draft, places, known)
    return draft


def _places(draft: Draft, body: list[str], places: rules.Places) -> None:
    text = "\n".join(body)
    found = places.find(draft.title.value + "\n" + text)
    provinces = list(dict.fromkeys(name for name, _ in found if name not in places.regions))
    regions = list(dict.fromkeys(name for name, _ in found if name in places.regions))
    if provinces:
        draft.provinces = Guess(provinces, "các tỉnh, thành phố được nhắc đến trong bài")
    at = re.search(r"\btại\s+(?:tỉnh\s+|thành phố\s+|TP\.?\s*)?([A-ZĐ][^,.;]{2,40})", text)
    located = [name for name, _ in places.find(at.group(1))] if at else []
    if located and located[0] not in places.regions:
        draft.location = Guess(located[0], f"từ “{at.group(0)[:60]}”")  # type: ignore[union-attr]
    elif provinces:
        counts = {p: sum(1 for name, _ in found if name == p) for p in provinces}
        best = max(provinces, key=lambda p: counts[p])
        draft.location = Guess(best, "bài không nói họp ở đâu; đây là tỉnh được nhắc đến nhiều nhất")
    if regions:
        draft.region = Guess(regions[0], "vùng được nhắc đến trong bài")
    elif provinces and len({places.region_of.get(p) for p in provinces}) == 1:
        draft.region = Guess(str(places.region_of[provinces[0]]), "vùng của các tỉnh được nhắc đến")


def _enrich(draft: Draft, places: rules.Places, known: Knowledge) -> None:
    """Speaker, province, topics and figures of each item."""
    names = {p.name: p for p in draft.participants}
    speaker: str | None = None
    many_provinces = draft.provinces is not None and len(draft.provinces.value) > 1
    topic_keys = [(topic, fold(topic)) for topic in known.topics]
    for item in draft.items:
        named = [n for n in names if n in item.text]
        if named:
            item.by = named[0]
            speaker = named[0]
        elif item.section == "directives" and speaker:
            item.by = speaker
        in_item = list(dict.fromkeys(n for n, _ in places.find(item.text) if n not in places.regions))
        if many_provinces and len(in_item) == 1:
            item.province = in_item[0]
        folded = fold(item.text)
        item.topics = [topic for topic, key in topic_keys if key in folded]
        if item.section in ("findings", "targets"):
            item.figures = rules.figures(item.text)
    draft.topics = list(dict.fromkeys(t for item in draft.items for t in item.topics))


# ------------------------------------------------------------------ writing the record


def _scalar(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    dumped = yaml.safe_dump(str(value), allow_unicode=True, width=100_000, default_style=None)
    return dumped.removesuffix("\n...\n").strip()


def _flow(values: list[Any]) -> str:
    """A one-line list: ``[Hà Nội, 'Công tác dân tộc, tôn giáo']`` (a comma inside is quoted)."""
    return yaml.safe_dump(list(values), allow_unicode=True, default_flow_style=True, width=100_000).strip()


def _todo(why: str) -> str:
    why = " ".join(why.split()).replace("#", "số ")
    return f"  {TODO}: {why}" if why else f"  {TODO}"


def render(draft: Draft, article_name: str) -> str:
    """The draft as a record file (front matter + body)."""
    out = ["---"]

    def field_line(key: str, guess: Guess[Any] | None, *, flow: bool = False) -> None:
        if guess is None or guess.value in (None, "", []):
            return
        value = guess.value
        shown = _flow(value) if flow else _scalar(value)
        out.append(f"{key}: {shown}{_todo(guess.why)}")

    field_line("title", draft.title)
    field_line("date", draft.date)
    field_line("kind", draft.kind)
    field_line("format", draft.format)
    field_line("summary", draft.summary)
    field_line("organizer", draft.organizer)
    field_line("location", draft.location)
    field_line("region", draft.region)
    field_line("provinces", draft.provinces, flow=True)
    out.append("source:")
    out.append(f"  title: {_scalar(draft.title.value)}")
    out.append(f"  url:{_todo('địa chỉ bài báo (https://…)')}")
    out.append(f"  publisher: {_scalar(draft.publisher)}{_todo('tên báo trong bài')}" if draft.publisher
               else f"  publisher:{_todo('tên báo, trang web đăng bài')}")
    if draft.author:
        out.append(f"  author: {_scalar(draft.author)}{_todo('tên tác giả trong bài')}")
    if draft.published:
        out.append(f"  published: {draft.published.isoformat()}{_todo('ngày đăng trong bài')}")
    if draft.participants:
        out.append("participants:")
        for person in draft.participants:
            out.append(f"{TODO}: {person.why}" if person.why else TODO)
            out.append(f"- name: {_scalar(person.name)}")
            for key in ("position", "organization", "role"):
                value = getattr(person, key)
                if value:
                    out.append(f"  {key}: {_scalar(value)}")
    for section in rules.SECTIONS:
        items = [item for item in draft.items if item.section == section]
        if items:
            out.append(f"{section}:")
            for item in items:
                _render_item(out, item)
    if draft.documents:
        out.append("documents:")
        for doc in draft.documents:
            out.append(f"{TODO}: {doc.why}")
            out.append(f"- number: {_scalar(doc.number)}")
            out.append("  relation: trích dẫn")
            if doc.issuer:
                out.append(f"  issuer: {_scalar(doc.issuer)}")
            if doc.term:
                out.append(f"  term: {_scalar(doc.term)}")
            out.append(f"  note: {_scalar(doc.sentence[:300])}")
    if draft.topics:
        out.append(f"topics: {_flow(draft.topics)}"
                   f"{_todo('chủ đề đã dùng trong kho có trong bài')}")
    out.append("---")
    out.append("")
    out.append(f"*Ghi chú biên tập:* bản nháp do `bienban draft` tạo từ {article_name}. Hãy đối chiếu với bài "
               f"viết, sửa mọi dòng có “{TODO}” rồi xóa ghi chú đó, sau đó chạy `bienban check`.")
    for para in draft.leftover:
        out.append("")
        out.append(para)
    return "\n".join(out) + "\n"


def _render_item(out: list[str], item: Item) -> None:
    out.append(f"{TODO}: {item.why}")
    out.append(f"- text: {_scalar(item.text)}")
    if item.province:
        out.append(f"  province: {_scalar(item.province)}")
    if item.topics:
        out.append(f"  topics: {_flow(item.topics)}")
    if item.by:
        out.append(f"  by: {_scalar(item.by)}")
    if item.figures:
        out.append("  figures:")
        for figure in item.figures:
            parts: dict[str, Any] = {"label": figure.label, "value": figure.value}
            if figure.unit:
                parts["unit"] = figure.unit
            flow = yaml.safe_dump(parts, allow_unicode=True, default_flow_style=True, sort_keys=False,
                                  width=100_000).strip()
            out.append(f"  - {flow}")


def draft_path(draft: Draft, out_dir: Path) -> Path:
    assert draft.date is not None
    return out_dir / str(draft.date.value.year) / f"{record_id(draft.date.value, draft.title.value)}.md"


def check_draft(content: str, shown: str) -> list[Problem]:
    """What `bienban check` would say of the draft by itself (the rules should leave nothing)."""
    report = Report()
    try:
        front, body, offset, body_line = split_front_matter(content)
        data, lines = parse_yaml(front, offset)
    except LoadError as exc:
        report.error(shown, exc.line, exc.message)
        return report.problems
    validate_record(Source(shown, data, body, body_line, lines), report)
    return report.problems


def read_article(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return nfc(raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8"))
    except UnicodeDecodeError:
        raise LoadError(1, "bài viết không phải UTF-8; hãy lưu lại tệp văn bản với bảng mã UTF-8") from None
