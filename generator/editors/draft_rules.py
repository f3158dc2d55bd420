"""Rules that read a news article about a meeting (plain text) into a draft record.

Pure Python: regular expressions over the patterns these articles use, the built-in
gazetteer (generator/geography.py), the document-number grammar (generator/docnumber.py)
and, when given, what the archive already knows (people, topics).  Nothing here
writes files; :mod:`generator.editors.draft` turns a :class:`Draft` into a record file.

Every value is a :class:`Guess`: the value and why it was chosen, which becomes the
record's ``# TODO kiểm tra`` comment.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from ..language import docnumber
from ..language.geography import Geography
from ..language.text import fold, identity_key, nfc
from ..records.schema import ITEM_SECTIONS

T = TypeVar("T")


@dataclass
class Guess(Generic[T]):
    value: T
    why: str = ""


@dataclass
class Person:
    name: str
    position: str | None = None
    organization: str | None = None
    role: str | None = None
    why: str = ""


@dataclass
class Document:
    number: str
    issuer: str | None = None
    term: str | None = None
    sentence: str = ""
    why: str = ""


@dataclass
class Figure:
    label: str
    value: int | str
    unit: str | None = None


@dataclass
class Item:
    text: str
    section: str
    why: str = ""
    by: str | None = None
    province: str | None = None
    topics: list[str] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)


@dataclass
class Knowledge:
    """What the archive already knows; empty when measuring the rules alone."""

    people: dict[str, str] = field(default_factory=dict)  # identity key of a name or alias → name
    topics: list[str] = field(default_factory=list)


@dataclass
class Draft:
    title: Guess[str]
    date: Guess[dt.date] | None = None
    kind: Guess[str] | None = None
    format: Guess[str] | None = None
    summary: Guess[str] | None = None
    organizer: Guess[str] | None = None
    location: Guess[str] | None = None
    region: Guess[str] | None = None
    provinces: Guess[list[str]] | None = None
    participants: list[Person] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    published: dt.date | None = None
    publisher: str | None = None
    author: str | None = None
    leftover: list[str] = field(default_factory=list)  # paragraphs kept in no section


SECTIONS = ITEM_SECTIONS

# ------------------------------------------------------------------ the text

#: Lines of web-page furniture, not of the article.
_FURNITURE = re.compile(
    r"^(?:đăng nhập.*|zalo|facebook|chia sẻ( bài viết)?|in bài viết|bình luận|tin liên quan.*|"
    r"quang cảnh (?:hội nghị|buổi làm việc).*|ảnh:.*|\(ảnh.*)$",
    re.IGNORECASE,
)
_DATE_LINE = re.compile(r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})")
_WEEKDAY = re.compile(r"^(?:thứ \w+|chủ nhật)\s*,?\s*", re.IGNORECASE)
#: A sentence ends at a full stop, or at "như: Việc …" where a list of sentences begins.
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[A-ZĐÀ-Ỹ“\"])|(?<=:)\s+(?=[A-ZĐÀ-Ỹ][a-zđà-ỹ])")

_UPPER = "A-ZÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĐĨŨƠƯẠ-Ỹ"
_WORD = rf"[{_UPPER}][\w’']*"
#: Vietnamese family names that begin the names in these articles.
SURNAMES = frozenset(
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Trương Đinh Lâm "
    "Mai Lương Đoàn Vương Trịnh Hà Tạ Cao Chu Thái Tô Lưu Nông Triệu Quách Hứa Điểu Y Lò Giàng "
    "Hầu Kiều Đào Đàm Lại La Từ Thân Doãn Tống Văn Phùng Khổng Mạc Châu Tăng Bế Ksor Rơ".split()
)
_NAME = re.compile(rf"(?<![\w’'])(?:{'|'.join(sorted(SURNAMES, key=len, reverse=True))})(?:\s+{_WORD}){{1,3}}")
#: Words that start a position ("Ủy viên Bộ Chính trị", "Phó Trưởng Ban …").
_TITLE_START = re.compile(
    r"^(?:Ủy viên|Uỷ viên|Bí thư|Phó Bí thư|Trưởng [Bb]an|Phó [Tt]rưởng [Bb]an|Phó trưởng|Trưởng|Phó|Chủ tịch|"
    r"Phó Chủ tịch|Giám đốc|Phó Giám đốc|Tổng|Thứ trưởng|Bộ trưởng|Đại biểu|Thượng tướng|Trung tướng|"
    r"Thiếu tướng|Đại tá|Chánh|Vụ trưởng|Thường trực)\b"
)
_CUE_BEFORE = re.compile(r"(?:đồng chí|Đồng chí|các đồng chí|Các đồng chí|đ/c|Đ/c|bà|Bà|ông|Ông)\s+$")
#: Verbs that end a position phrase ("…, Trưởng Ban Dân vận Trung ương chủ trì Hội nghị").
_VERB = re.compile(
    r"\s+(?:chủ trì|đồng chủ trì|phát biểu|cho biết|cho rằng|khẳng định|nhấn mạnh|ghi nhận|đề nghị|"
    r"yêu cầu|lưu ý|đánh giá|đã|tặng|trao|dự|tham dự|chia sẻ|báo cáo|trình bày|chỉ ra|kết luận)\b.*$"
)
_ORG_IN_POSITION = re.compile(r"\b((?:Ban|ban|Tỉnh ủy|Thành ủy|Đảng ủy|Ủy ban|UBND|Mặt trận|Hội|Bộ|Sở|Quân khu|Huyện ủy)\b.*)$")


def paragraphs(text: str) -> list[str]:
    """The article's paragraphs: one per non-empty line, furniture dropped, repeats once."""
    out: list[str] = []
    for raw in nfc(text).replace("\u00a0", " ").replace("\u200b", "").splitlines():
        line = " ".join(raw.split())
        if not line or _FURNITURE.match(line) or (out and out[-1] == line):
            continue
        out.append(line)
    return out


def sentences(paragraph: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(paragraph) if s.strip()]


def _is_dateline(line: str) -> bool:
    return bool(_DATE_LINE.search(line)) and len(line.split()) <= 8


def _is_heading(line: str) -> bool:
    """A sub-heading or a photo caption: no closing punctuation (list items aside)."""
    return not line.startswith(("- ", "+ ", "• ")) and not line.rstrip().endswith(
        (".", ":", ";", "…", "!", "?", "”", '"', ")"))


# ------------------------------------------------------------------ dates


def _date_line(line: str) -> dt.date | None:
    match = _DATE_LINE.search(line)
    if not match:
        return None
    day, month, year = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


_MEETING_DAY = re.compile(
    r"(?:(?<!\w)(?:[Ss]áng|[Cc]hiều|[Tt]ối|[Nn]gày|[Hh]ôm nay)\s+(?:nay\s+)?(?:ngày\s+)?)"
    r"(\d{1,2})\s*[/-]\s*(\d{1,2})(?:\s*[/-]\s*(\d{4}))?"
)
_DOCUMENT_BEFORE = re.compile(r"(?:/T[WU]|/[A-ZĐ]{2,}|số\s+\d+|Nghị quyết|Chỉ thị|Kết luận|Quyết định|Quy định)[^.;]{0,25}$")
_HALF_YEAR = re.compile(r"(6|9) tháng (?:đầu )?năm (\d{4})")
_YEAR = re.compile(r"(?<!\d)(?:năm\s+)(19[5-9]\d|20[0-4]\d)(?!\d)")


def meeting_date(paras: list[str], published: dt.date | None) -> Guess[dt.date] | None:
    text = "\n".join(paras)
    for match in _MEETING_DAY.finditer(text):
        if _DOCUMENT_BEFORE.search(text[max(0, match.start() - 60):match.start()]):
            continue  # "Nghị quyết 23-NQ/TW, ngày 12/3/2003": the date of a document
        day, month = int(match.group(1)), int(match.group(2))
        if match.group(3):
            year, why = int(match.group(3)), f"theo “{match.group(0)}”"
        elif published is not None:
            year = published.year if (month, day) <= (published.month, published.day) else published.year - 1
            why = f"theo “{match.group(0)}”, năm theo ngày đăng {published:%d/%m/%Y}"
        else:
            years = _YEAR.findall(text)
            if not years:
                continue
            year, why = int(max(set(years), key=years.count)), f"theo “{match.group(0)}”, năm theo bài viết"
        try:
            return Guess(dt.date(year, month, day), why)
        except ValueError:
            continue
    half = _HALF_YEAR.search(text)
    if half:
        month = 7 if half.group(1) == "6" else 10
        return Guess(dt.date(int(half.group(2)), month, 1),
                     f"bài viết không ghi ngày họp; “{half.group(0)}”: hội nghị thường họp đầu tháng {month}")
    if published is not None:
        return Guess(published, "bài viết không ghi ngày họp; đây là ngày đăng bài")
    return None


# ------------------------------------------------------------------ places


class Places:
    """Provinces and regions named in a text, by the built-in gazetteer."""

    def __init__(self, geo: Geography) -> None:
        self.geo = geo
        names: dict[str, str] = {}
        for place in [*geo.provinces, *geo.regions]:
            for name in (place.name, *place.aliases):
                names.setdefault(nfc(name), place.name)
                names.setdefault(nfc(name[:1].upper() + name[1:]), place.name)
        self.names = names
        # Case-sensitive: "hòa bình" (peace) is not Hòa Bình.
        self.pattern = re.compile(
            r"(?<![\w])(?:" + "|".join(map(re.escape, sorted(names, key=len, reverse=True))) + r")(?![\w])"
        )
        self.regions = {p.name for p in geo.regions}
        self.region_of = {p.name: p.region for p in geo.provinces}

    def find(self, text: str) -> list[tuple[str, int]]:
        """(canonical name, position) of each place named in ``text``."""
        out = []
        for match in self.pattern.finditer(text):
            # "tư tưởng Hồ Chí Minh" is not the city.
            if match.group(0) == "Hồ Chí Minh" and not re.search(r"(?:phố|TP\.?)\s*$", text[:match.start()]):
                continue
            out.append((self.names[match.group(0)], match.start()))
        return out


# ------------------------------------------------------------------ people


def _clean_position(text: str) -> str | None:
    text = _VERB.sub("", text).strip(" ,;:.")
    segments = [s.strip() for s in text.split(",")]
    kept: list[str] = []
    for segment in segments:
        if not _TITLE_START.match(segment) and not (kept and segment.startswith(("Bộ", "Ban", "Tỉnh", "Thành"))):
            break
        kept.append(segment)
    return ", ".join(kept) or None


def _organization(position: str | None) -> str | None:
    if not position:
        return None
    last = position.split(",")[-1].strip()
    match = _ORG_IN_POSITION.search(last)
    if not match:
        return None
    org = re.sub(r"^Ban Thường trực\s+(?=Ban )", "", match.group(1))
    if org.lower().startswith("ban ") and org.startswith("ban"):
        org = "B" + org[1:]
    return org if len(org.split()) >= 2 else None


def _role(sentence: str, name_end: int) -> str | None:
    lowered = sentence.lower()
    if "tham gia chủ trì" in lowered or "đồng chủ trì" in lowered:
        return "đồng chủ trì"
    if "chủ trì" in lowered[name_end:] or "chủ trì" in lowered[:name_end][-60:]:
        return "chủ trì"
    if "phát biểu" in lowered or "kết luận" in lowered:
        return "phát biểu"
    return None


def people(paras: list[str], places: Places, known: Knowledge, author: str | None) -> list[Person]:
    """Participants: names after "đồng chí", "Đ/c", "bà", "ông", after a position
    ("Trưởng ban Dân vận Trung ương Bùi Thị Minh Hoài"), before one ("Hà Ngọc Anh,
    Phó trưởng Ban …"), and people the archive knows by name or alias."""
    found: dict[str, Person] = {}
    place_names = set(places.names)
    for para in paras:
        for sentence in sentences(para):
            for match in _NAME.finditer(sentence):
                name = match.group(0)
                # "Hà Nội", "Hà Nam" are places; a trailing place word is not part of a name.
                if name in place_names or any(name.startswith(p + " ") or name == p for p in place_names):
                    continue
                if author and identity_key(name) == identity_key(author):
                    continue
                before, after = sentence[:match.start()], sentence[match.end():]
                position = None
                why = ""
                if after.startswith(",") and _TITLE_START.match(after[1:].strip()):
                    position = _clean_position(re.split(r";|\.(?:\s|$)", after[1:])[0])
                    why = "tên đứng trước chức vụ"
                title_before = re.search(rf"((?:{_TITLE_START.pattern[1:]}).*?)\s*$",
                                         re.split(r"[;:.]|(?:,\s(?=[a-zđ]))", before)[-1])
                if position is None and title_before and len(title_before.group(1).split()) <= 25:
                    position = _clean_position(title_before.group(1))
                    why = "tên đứng sau chức vụ"
                cue = _CUE_BEFORE.search(before[-20:])
                if cue and not why:
                    why = f"sau chữ “{cue.group(0).strip()}”"
                if cue is None and position is None and identity_key(name) not in known.people:
                    # Without a listing cue, an earlier "các đồng chí A, …; B, …" may still hold it.
                    if not re.search(r"(?:đồng chí|Đ/c|đ/c)[^.]*;\s*$", before[-200:] if ";" in before else ""):
                        continue
                    why = "trong danh sách “các đồng chí …”"
                if identity_key(name) in known.people:
                    name = known.people[identity_key(name)]
                    why = why or "người đã có trong kho"
                key = identity_key(name)
                person = found.get(key)
                if person is None:
                    person = found[key] = Person(name, why=why)
                if position and not person.position:
                    person.position = position
                    person.organization = _organization(position)
                role = _role(sentence, match.end())
                if role and (person.role is None or (person.role == "phát biểu" and role != "phát biểu")):
                    person.role = role
    for person in found.values():
        person.role = person.role or "tham dự"
    return list(found.values())


# ------------------------------------------------------------------ documents

_SHORT_REF = re.compile(
    r"(?<!\w)(Nghị quyết|Quyết định|Chỉ thị|Kết luận|Quy định|Chương trình)(?:\s+số)?\s+(\d{1,4})"
    r"(?![\d/-])(?:,?\s+(?:ngày\s+[\d/]+\s+)?(?:của\s+)?(Bộ Chính trị|Ban Bí thư|Ban Chấp hành Trung ương|"
    r"Ban Thường vụ Tỉnh ủy|Ban Thường vụ Thành ủy|Tỉnh ủy|Thành ủy))?"
)
_TYPE_CODES = {"Nghị quyết": "NQ", "Quyết định": "QĐ", "Chỉ thị": "CT", "Kết luận": "KL",
               "Quy định": "QĐi", "Chương trình": "CTr"}
_ISSUER_AFTER = re.compile(
    r"^[^.;]{0,40}?của\s+(Bộ Chính trị|Ban Bí thư|Ban Chấp hành Trung ương(?: Đảng)?|Ban Thường vụ Tỉnh ủy"
    r"(?: [A-ZĐ]\w+(?: [A-ZĐ]\w+)?)?|Tỉnh ủy(?: [A-ZĐ]\w+(?: [A-ZĐ]\w+)?)?|Chính phủ|Quốc hội)"
)
_TERM = re.compile(r"^[^.;]{0,80}?\(?khóa\s+([IVXL]+)\)?")


def documents(paras: list[str]) -> list[Document]:
    """Every number the grammar finds, and "Nghị quyết 25", "Quyết định số 218 của Bộ
    Chính trị" completed to a full number (central documents: /TW; provincial: /TU)."""
    found: dict[str, Document] = {}
    for para in paras:
        for sentence in sentences(para):
            for match in docnumber.find_numbers(sentence):
                canonical = match.number.canonical
                after = sentence[match.end:]
                issuer = _ISSUER_AFTER.match(after)
                term = _TERM.match(after)
                found.setdefault(canonical, Document(
                    canonical, issuer.group(1) if issuer else None, term.group(1) if term else None,
                    sentence, f"số hiệu “{match.raw}” trong bài"))
            for short in _SHORT_REF.finditer(sentence):
                kind, number, issued_by = short.groups()
                local = issued_by is not None and ("Tỉnh ủy" in issued_by or "Thành ủy" in issued_by)
                candidate = f"{number}-{_TYPE_CODES[kind]}/{'TU' if local else 'TW'}"
                parsed = docnumber.parse(candidate)
                if parsed is None or parsed.canonical in found:
                    continue
                found[parsed.canonical] = Document(
                    parsed.canonical, issued_by, None, sentence,
                    f"bài chỉ ghi “{short.group(0).strip()}”; số hiệu đầy đủ là đoán"
                    + ("" if issued_by else " (không rõ cơ quan ban hành: đoán là văn bản của Trung ương)"))
    return list(found.values())


# ------------------------------------------------------------------ sections

_SHORTCOMING = re.compile(
    r"^(?:Tuy nhiên|Tuy vậy|Bên cạnh đó|Bên cạnh những kết quả)|hạn chế|tồn tại|yếu kém|bất cập|"
    r"khó khăn, vướng mắc|chưa (?:đáp ứng|kịp thời|được thường xuyên|đồng bộ|đều)", re.IGNORECASE)
_DIRECTIVE = re.compile(
    r"đề nghị|yêu cầu|thời gian tới|cuối năm|năm tới|phương hướng|cần phải|đòi hỏi|giải pháp|"
    r"nhiệm vụ(?! chính trị| phát triển)|^(?:Để|Cần)\b", re.IGNORECASE)
_TARGET = re.compile(r"với mục tiêu|mục tiêu cụ thể|mục tiêu (?:đến|tới) năm|^Mục tiêu", re.IGNORECASE)
_ENUMERATION = re.compile(r"^(?:Thứ (?:nhất|hai|ba|tư|năm|sáu|bảy|tám|\d+)|Một là|Hai là|Ba là|Bốn là|"
                          r"Năm là|Sáu là|Bảy là)\s*[,:]")
#: What a speaker says of results ("ghi nhận", "đánh giá cao") goes back to findings.
_FINDING_RESET = re.compile(
    r"^(?:Phát biểu|Theo báo cáo|Báo cáo tại|Kết quả)|^[^,]{0,60},?\s*(?:lưu ý|ghi nhận|đánh giá cao|cho biết),",
    re.IGNORECASE)


def classify(paras: list[str], skip: set[str]) -> list[Item]:
    """Findings, shortcomings, directives and targets by the cues these texts use.

    A list of tasks or targets carries on from its heading or "…:" paragraph and
    through an enumeration ("Thứ nhất…", "Một là…") until a paragraph gives the cue
    of another section; a shortcoming is one paragraph unless it introduces a list."""
    items: list[Item] = []
    state = "findings"
    why = "mặc định: kết quả"
    under_heading = False  # a "tồn tại, hạn chế" heading holds until the next cue of a list
    for para in paras:
        if para in skip:
            continue
        if _is_heading(para):
            under_heading = True
            if _DIRECTIVE.search(para):
                state, why = "directives", f"sau tiêu đề “{para[:50]}”"
            elif _SHORTCOMING.search(para):
                state, why = "shortcomings", f"sau tiêu đề “{para[:50]}”"
            elif _TARGET.search(para):
                state, why = "targets", f"sau tiêu đề “{para[:50]}”"
            else:
                under_heading = False
            continue
        if under_heading and state == "shortcomings" and not _ENUMERATION.match(para) \
                and not para.rstrip().endswith(":"):
            items.append(Item(para, state, why))
            continue
        under_heading = False
        bullet = para.startswith(("- ", "+ ", "• "))
        text = para[2:].strip() if bullet else para
        lead = text[:160]
        introduces = text.rstrip().endswith(":")
        section = state
        if _ENUMERATION.match(text):
            section = state = "directives" if state != "targets" or not bullet else state
            why = "đoạn liệt kê “Thứ nhất… / Một là…”"
        elif bullet and state == "targets":
            pass
        elif _FINDING_RESET.search(text):
            section = state = "findings"
            why = "câu nêu kết quả hoặc lời phát biểu ghi nhận"
        elif _DIRECTIVE.search(lead) and (introduces or not _TARGET.search(lead)):
            section = state = "directives"
            why = "câu có dấu hiệu nhiệm vụ (“đề nghị”, “nhiệm vụ”, “thời gian tới”…)"
        elif _TARGET.search(lead):
            section = state = "targets"
            why = "câu nêu “mục tiêu”"
        elif _SHORTCOMING.search(lead):
            section = "shortcomings"
            why = "câu có dấu hiệu hạn chế (“Tuy nhiên”, “hạn chế”, “chưa…”)"
            if introduces:
                state = section
        elif state == "shortcomings":
            section = state = "findings"
            why = "mặc định: kết quả"
        if introduces and not bullet and len(sentences(text)) == 1:
            continue  # "Cụ thể:", "Các mục tiêu … gồm:" introduce what follows
        items.append(Item(text, section, why))
    return items


# ------------------------------------------------------------------ figures

_FIGURE = re.compile(
    r"(?<![\w./-])(?:(từ\s+\d+(?:,\d+)?%\s+đến\s+\d+(?:,\d+)?%)|(\d{1,3}(?:\.\d{3})+|\d+)(?:/(\d+))?(%)?)"
    r"(?:\s+((?:[a-zđà-ỹ]+)(?:\s+[a-zđà-ỹ]+){0,5}))?"
)
#: Words after a number that make it a date, an age or an ordinal, not a figure.
_NOT_UNITS = frozenset("tháng năm ngày giờ tuổi lần cấp khóa số quý giai".split())
#: Words that cannot begin the noun phrase of a figure.
_NOT_NOUNS = frozenset("của về và các cho với để từ trong tại là được đã đến này có".split())


def figures(text: str) -> list[Figure]:
    out: list[Figure] = []
    for match in _FIGURE.finditer(text):
        span, number, total, percent, words = match.groups()
        if span:
            label = _label_before(text, match.start())
            if label:
                out.append(Figure(label, span))
            continue
        if number is None or (number.isdigit() and 1900 <= int(number) <= 2100 and not total):
            continue
        words = (words or "").strip()
        first = words.split()[0] if words else ""
        if percent:
            label = _label_before(text, match.start())
            if label:
                out.append(Figure(label, f"{number}%"))
            continue
        if not first or first in _NOT_UNITS or first in _NOT_NOUNS:
            continue
        if re.search(r"(?:số|Nghị quyết|Quyết định|Chỉ thị|Kết luận|Thứ|khóa|Điều|Khoản)\s*$", text[:match.start()]):
            continue  # "Quyết định số 218": a document, not a figure
        value: int | str = f"{int(number.replace('.', ''))}/{total}" if total else int(number.replace(".", ""))
        phrase = re.split(r"\s+(?:và|với|của|để|cho|trong|tại|đối với|ở|từ|các|được|đã)(?=\s|$)|[,;.]", words)[0]
        # The label names the unit ("380 cuộc đối thoại" → "Cuộc đối thoại"): no separate unit.
        out.append(Figure(phrase[:1].upper() + phrase[1:], value))
    return out


def _label_before(text: str, end: int) -> str | None:
    # The noun phrase before the number: "tỉ lệ số xã đạt chuẩn …, từ 70% đến 86%".
    for piece in reversed(re.split(r"[,;:]", text[:end])[-2:]):
        words = piece.split()
        while words and words[-1] in ("là", "đạt", "có", "rất", "cao", "khoảng", "trên", "gần", "từ"):
            words.pop()  # "… rất cao, từ 70%": the label ends before the filler
        rate = re.search(r"(?<!\w)(?:tỉ|tỷ) lệ\b.*", " ".join(words), re.IGNORECASE)
        label = rate.group(0) if rate else " ".join(words[-8:])
        if len(words) >= 2:
            return label[:1].upper() + label[1:]
    return None


# ------------------------------------------------------------------ meeting facts

_KINDS = (("giao ban", "Giao ban"), ("sơ kết", "Sơ kết"), ("tổng kết", "Tổng kết"), ("hội thảo", "Hội thảo"),
          ("tọa đàm", "Tọa đàm"), ("tập huấn", "Tập huấn"), ("ban hành nghị quyết", "Ban hành nghị quyết"),
          ("ban hành", "Ban hành văn bản"))
_ORGANIZER = re.compile(
    r"((?:Ban Dân vận|Ban Thường vụ|Ban Tuyên giáo|Tỉnh ủy|Thành ủy|Ủy ban|UBND|Mặt trận|Bộ|Sở)"
    rf"(?:\s+(?:{_WORD}|ủy|vụ|vận|ương|khối|nhân dân|tỉnh|thành phố))*?)"
    r"\s+(?:phối hợp(?: với)?\s+[^,.;]+?\s+)?(?:tổ chức|ban hành)"
)


def kind(title: str, paras: list[str]) -> Guess[str] | None:
    head = fold(" ".join([title, *paras[:3]]))
    for needle, name in _KINDS:
        if fold(needle) in head:
            return Guess(name, f"từ “{needle}” trong bài")
    return None


def meeting_format(text: str) -> Guess[str] | None:
    lowered = text.lower()
    if re.search(r"trực tiếp kết hợp(?: với)? trực tuyến|trực tuyến kết hợp(?: với)? trực tiếp", lowered):
        return Guess("kết hợp", "bài nêu “trực tiếp kết hợp trực tuyến”")
    if re.search(r"(?:hình thức|họp|hội nghị|tổ chức) trực tuyến|điểm cầu", lowered):
        return Guess("trực tuyến", "bài nêu “trực tuyến” hoặc “điểm cầu”")
    return None


def organizer(paras: list[str]) -> Guess[str] | None:
    for para in paras[:6]:
        match = _ORGANIZER.search(para)
        if match:
            return Guess(match.group(1).strip(), f"từ câu “…{match.group(0)[:70]}…”")
    return None
