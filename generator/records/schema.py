"""The record format: the contract editors write against (see docs/huong-dan/dinh-dang.md).

Pydantic models for one meeting record and for the registries.  Shorthands
(a bare string for a participant, an item or a document; one value for a list)
are expanded here, before validation, so that every error names one field.
Extend this format; never change the meaning of a key that exists.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError, PydanticUndefined

from ..language import docnumber
from ..language.text import nfc
from .loader import GroupedNumber

# ------------------------------------------------------------------ scalars

_VN_DATE = re.compile(r"^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def _to_date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        match = _ISO_DATE.match(value)
        if match:
            year, month, day = (int(g) for g in match.groups())
        else:
            match = _VN_DATE.match(value)
            if not match:
                raise PydanticCustomError(
                    "bienban_date",
                    "“{value}” không phải là ngày; hãy viết 2018-07-12 hoặc 12/7/2018",
                    {"value": value},
                )
            day, month, year = (int(g) for g in match.groups())
        try:
            return dt.date(year, month, day)
        except ValueError:
            raise PydanticCustomError(
                "bienban_date",
                "ngày “{value}” không có thật (ngày 1–31, tháng 1–12, đúng số ngày của tháng)",
                {"value": value},
            ) from None
    raise PydanticCustomError(
        "bienban_date",
        "phải là một ngày (2018-07-12 hoặc 12/7/2018), không phải {kind}",
        {"kind": _kind(value)},
    )


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "giá trị đúng/sai"
    if isinstance(value, (int, float)):
        return "một con số"
    if isinstance(value, list):
        return "một danh sách"
    if isinstance(value, dict):
        return "một bảng khóa–giá trị"
    if value is None:
        return "giá trị rỗng"
    return "kiểu này"


#: Texts this short (names, topics, roles, positions) are shared by the records that write them.
SHARED_TEXT = 80


#: Short texts as written → what :func:`_text` makes of them: it is called for a hundred
#: values of every record, most of them written in record after record.
_TEXTS: dict[str, str] = {}
_TEXTS_MOST = 200_000


def _text(value: Any) -> Any:
    if isinstance(value, str):
        known = _TEXTS.get(value)
        if known is not None:
            return known
        text = nfc(value).strip()
        if not text:
            raise PydanticCustomError("bienban_empty", "không được để trống")
        if len(text) > SHARED_TEXT:
            return text
        # Names, topics, roles, positions, bodies recur in record after record: one
        # string for each (half the text a loaded record holds, in the benchmark's corpus).
        text = sys.intern(text)
        if len(value) <= SHARED_TEXT and len(_TEXTS) < _TEXTS_MOST:
            _TEXTS[text if text == value else value] = text
        return text
    raise PydanticCustomError(
        "bienban_text",
        "phải là một đoạn chữ, không phải {kind}{hint}",
        {
            "kind": _kind(value),
            "hint": f"; nếu muốn viết số như chữ, hãy đặt trong dấu nháy: \"{value}\""
            if isinstance(value, (int, float)) and not isinstance(value, bool)
            else "",
        },
    )


def _listify(value: Any) -> Any:
    """A single value where a list is allowed becomes a one-item list."""
    if value is None:
        return []
    if isinstance(value, (str, dict)):
        return [value]
    return value


def _listify_text(value: Any) -> Any:
    """Like :func:`_listify`, but a mapping stays a mapping: a list of names holds no
    mappings, and "“topics” phải là một danh sách" says more than "“topics[1]” phải là chữ"."""
    return value if isinstance(value, dict) else _listify(value)


#: Longest name (person, body, topic, place): its page's file name is made from it,
#: and file systems refuse names over 255 bytes.
MAX_NAME = 150


def _name(value: Any) -> Any:
    text = _text(value)
    if len(text) > MAX_NAME:  # its slug is cut at 80 characters, whatever the name holds
        raise PydanticCustomError(
            "bienban_name",
            "quá dài ({length} ký tự, tối đa {limit}): đây là một tên (người, cơ quan, chủ đề, địa phương), "
            "không phải một đoạn văn",
            {"length": len(text), "limit": MAX_NAME},
        )
    return text


def parse_date(text: str) -> dt.date:
    """A date as editors write it (2018-07-12 or 12/7/2018); ValueError when it is none."""
    try:
        day = _to_date(text)
    except PydanticCustomError as exc:
        raise ValueError(str(exc)) from None
    if not isinstance(day, dt.date):
        raise ValueError(f"“{text}” không phải là ngày")
    return day


Date = Annotated[dt.date, BeforeValidator(_to_date)]


def _deadline(value: Any) -> Any:
    """A date, or the words the record uses ("năm 2025", "6 tháng cuối năm")."""
    if isinstance(value, (dt.date, int)) and not isinstance(value, bool):
        return value if isinstance(value, dt.date) else str(value)  # a bare year
    if isinstance(value, str) and (_ISO_DATE.match(value) or _VN_DATE.match(value)):
        return _to_date(value)  # looks like a date: must be a real one
    return _text(value)
Text = Annotated[str, BeforeValidator(_text)]
TextList = Annotated[list[Text], BeforeValidator(_listify_text)]
#: Text that names an entity with its own page.
Name = Annotated[str, BeforeValidator(_name)]
NameList = Annotated[list[Name], BeforeValidator(_listify_text)]

#: Longest id: it is a file name (with ".md") and part of every URL of the meeting.
MAX_ID = 120
_ID = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$")
#: Names that would clash with generated index pages or with Windows devices.
RESERVED_IDS = frozenset(
    {"index", "con", "prn", "aux", "nul", "assets", "search", "tat-ca"}
    | {f"{device}{n}" for device in ("com", "lpt") for n in range(10)}
)


def check_id(value: str) -> str:
    # Checked before the spelling, so "CON" or "Index" is told why it cannot be used.
    if value.lower() in RESERVED_IDS:
        raise PydanticCustomError(
            "bienban_id", "mã “{value}” trùng với tên dành riêng của trang web", {"value": value}
        )
    if len(value) > MAX_ID:
        raise PydanticCustomError(
            "bienban_id", "mã dài quá ({length} ký tự, tối đa {limit})", {"length": len(value), "limit": MAX_ID}
        )
    if not _ID.match(value):
        raise PydanticCustomError(
            "bienban_id",
            "mã “{value}” không hợp lệ: chỉ dùng chữ thường không dấu, chữ số và dấu gạch nối "
            "(ví dụ 2018-07-12-giao-ban-dbsh)",
            {"value": value},
        )
    return value


#: One set per distinct group of fields an editor wrote (see Model._share_fields_set).
_FIELDS_SETS: dict[frozenset[str], set[str]] = {}


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    @model_validator(mode="after")
    def _share_fields_set(self) -> Any:
        """Pydantic keeps, in each instance, the set of fields it was given: a set is
        200 bytes or more, and a record holds dozens of models (87 MB of sets for 10,000
        meetings).  The models are frozen, so those given the same fields share one."""
        given = self.__pydantic_fields_set__
        object.__setattr__(self, "__pydantic_fields_set__", _FIELDS_SETS.setdefault(frozenset(given), given))
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as what pydantic's ``__getstate__`` gives, with no dictionary around it:
        the records loaded by worker processes come back to the parent pickled, a third
        of them models (three quarters of the time to pickle and read them back)."""
        private = self.__pydantic_private__
        if private:  # as __getstate__ does (no model here has private attributes)
            private = {key: value for key, value in private.items() if value is not PydanticUndefined}
        return _unpickled, (type(self), self.__dict__, self.__pydantic_fields_set__, self.__pydantic_extra__, private)


def _unpickled(cls: type[Model], fields: dict[str, Any], fields_set: set[str], extra: dict[str, Any] | None,
               private: dict[str, Any] | None) -> Model:
    """A model as pickled by ``Model.__reduce__``, set as pydantic's ``__setstate__`` sets it."""
    model = cls.__new__(cls)
    set_attribute = object.__setattr__
    set_attribute(model, "__pydantic_fields_set__", fields_set)
    set_attribute(model, "__pydantic_extra__", extra)
    set_attribute(model, "__pydantic_private__", private)
    set_attribute(model, "__dict__", fields)
    return model


# ------------------------------------------------------------------ record parts


def _figure_value(value: Any) -> Any:
    if isinstance(value, GroupedNumber):
        # Refused rather than guessed: "1.245" is 1245 to a Vietnamese reader, but
        # 1.245 to YAML and to anyone who writes a decimal point.
        raise PydanticCustomError(
            "bienban_figure_grouped",
            "“{value}”: trong YAML dấu chấm là dấu thập phân, nên số này sẽ bị đọc thành {fraction} "
            "(nhỏ đi {scale} lần). Nếu là {whole}, hãy viết {digits} (trang web tự hiển thị “{value}”); "
            "nếu là số thập phân, hãy viết trong dấu nháy với dấu phẩy: '{comma}'",
            {"value": str(value), "fraction": str(float(value)).replace(".", ","),
             "scale": f"{10 ** (len(value) - value.index('.') - 1):_}".replace("_", "."),
             "whole": f"{int(value.replace('.', '')):_}".replace("_", ".") + " (số nguyên)",
             "digits": value.replace(".", ""), "comma": value.replace(".", ",")},
        )
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise PydanticCustomError(
            "bienban_figure", "phải là một con số hoặc một đoạn chữ ngắn, không phải {kind}",
            {"kind": _kind(value)},
        )
    return _text(value) if isinstance(value, str) else value


class Figure(Model):
    label: Text
    value: Annotated[str | int | float, BeforeValidator(_figure_value)]
    unit: Text | None = None


class Item(Model):
    """A finding, shortcoming, directive or target."""

    text: Text
    province: Text | None = None
    topics: NameList = []
    by: Name | None = None
    deadline: Annotated[dt.date | str, BeforeValidator(_deadline)] | None = None
    figures: list[Figure] = []

    @model_validator(mode="before")
    @classmethod
    def _bare(cls, value: Any) -> Any:
        return {"text": value} if isinstance(value, str) else value


class Participant(Model):
    """A person (``name``) or a body (``organization`` without ``name``)."""

    name: Name | None = None
    position: Text | None = None
    organization: Name | None = None
    role: Text | None = None
    note: Text | None = None

    @model_validator(mode="before")
    @classmethod
    def _bare(cls, value: Any) -> Any:
        return {"name": value} if isinstance(value, str) else value

    @model_validator(mode="after")
    def _someone(self) -> "Participant":
        if not self.name and not self.organization:
            raise PydanticCustomError(
                "bienban_participant", "cần “name” (một người) hoặc “organization” (một cơ quan)"
            )
        return self


def _http_url(value: Any) -> Any:
    """Only web addresses: a page links to them, so no javascript: or data: URLs."""
    if value is not None and not re.match(r"^https?://[^\s<>\"']+$", str(value), re.IGNORECASE):
        raise PydanticCustomError(
            "bienban_url", "địa chỉ phải bắt đầu bằng http:// hoặc https:// và không có dấu cách"
        )
    return value


Url = Annotated[Text, AfterValidator(_http_url)]


class SourceRef(Model):
    title: Text | None = None
    url: Url | None = None
    publisher: Text | None = None
    author: Text | None = None
    published: Date | None = None


def _number(value: Any) -> Any:
    text = _text(value)
    if docnumber.parse(text) is None:
        near: list[docnumber.NearMiss] = []
        several = [m.number.canonical for m in docnumber.find_numbers(text, near)]
        if len(several) > 1:  # "217, 218-QĐ/TW": a list, as the press writes it
            raise PydanticCustomError(
                "bienban_number",
                "“{value}” là {count} số hiệu ({numbers}); mỗi văn bản ghi một mục riêng",
                {"value": text, "count": len(several), "numbers": ", ".join(several)},
            )
        if len(near) == 1:  # "NQ 17/TU", "17-NQ-TU": the form that links, as the text scan says it
            meant = near[0].number
            raise PydanticCustomError(
                "bienban_number",
                "“{value}” không phải là số hiệu văn bản đầy đủ; nếu là {name} {canonical}, hãy viết “{canonical}”",
                {"value": text, "name": meant.type_name or "văn bản", "canonical": meant.canonical},
            )
        raise PydanticCustomError(
            "bienban_number",
            "“{value}” không phải là số hiệu văn bản đầy đủ (ví dụ 217-QĐ/TW, 17-NQ/TU, 15/2020/NĐ-CP)",
            {"value": text},
        )
    return text


DocNumberText = Annotated[str, BeforeValidator(_number)]


class DocumentRef(Model):
    number: DocNumberText
    relation: Text | None = None
    issuer: Text | None = None
    province: Text | None = None
    term: Text | None = None
    title: Text | None = None
    date: Date | None = None
    note: Text | None = None

    @model_validator(mode="before")
    @classmethod
    def _bare(cls, value: Any) -> Any:
        return {"number": value} if isinstance(value, str) else value


Format = Literal["trực tiếp", "trực tuyến", "kết hợp"]


def _format(value: Any) -> Any:
    return nfc(value).strip().lower() if isinstance(value, str) else value


#: The record's numbered lists (each item: text, speaker, figures…), in the order pages show them.
ITEM_SECTIONS: tuple[str, ...] = ("findings", "shortcomings", "directives", "targets")


class Record(Model):
    """One meeting (or the issuing of a document): one file under records/."""

    id: Annotated[str, BeforeValidator(lambda v: check_id(_text(v)))] | None = None
    title: Text
    date: Date
    end_date: Date | None = None
    kind: Text | None = None
    format: Annotated[Format, BeforeValidator(_format)] | None = None
    summary: Text | None = None
    organizer: NameList = []
    location: Text | None = None
    region: Text | None = None
    provinces: TextList = []
    source: Annotated[list[SourceRef], BeforeValidator(_listify)] = []
    participants: Annotated[list[Participant], BeforeValidator(_listify)] = []
    findings: Annotated[list[Item], BeforeValidator(_listify)] = []
    shortcomings: Annotated[list[Item], BeforeValidator(_listify)] = []
    directives: Annotated[list[Item], BeforeValidator(_listify)] = []
    targets: Annotated[list[Item], BeforeValidator(_listify)] = []
    documents: Annotated[list[DocumentRef], BeforeValidator(_listify)] = []
    topics: NameList = []
    related: TextList = []

    @field_validator("end_date")
    @classmethod
    def _after_start(cls, value: dt.date | None, info: ValidationInfo) -> dt.date | None:
        # A field validator (not a model one) so the message carries the line of end_date.
        start = info.data.get("date")
        if value is not None and isinstance(start, dt.date) and value < start:
            raise PydanticCustomError(
                "bienban_end_date",
                "({end}) trước ngày bắt đầu “date” ({start}); ngày kết thúc phải bằng hoặc sau ngày bắt đầu",
                {"end": value.isoformat(), "start": start.isoformat()},
            )
        return value


# ------------------------------------------------------------------ registries


class RegistryDocument(Model):
    number: DocNumberText
    issuer: Text | None = None
    province: Text | None = None
    term: Name | None = None
    date: Date | None = None
    title: Text | None = None
    aliases: TextList = []
    note: Text | None = None
    url: Url | None = None  # the official text, e.g. on the issuer's portal


class Position(Model):
    title: Text
    organization: Text | None = None
    start: Annotated[str, BeforeValidator(lambda v: str(v))] | None = Field(None, alias="from")
    end: Annotated[str, BeforeValidator(lambda v: str(v))] | None = Field(None, alias="to")


class RegistryPerson(Model):
    name: Name
    aliases: TextList = []
    positions: list[Position] = []
    #: Other people whose names differ from this one only by their marks
    #: ("Phạm Tất Thằng" beside "Phạm Tất Thắng"): two people, not a misspelling.
    distinct_from: NameList = []


class Succession(Model):
    """The body that took over from another one (``successor:`` of a registry body)."""

    name: Name
    #: The first day of the successor: a date, or only a year when the day is not known.
    start: Annotated[dt.date | int, BeforeValidator(lambda v: v if isinstance(v, int) else _to_date(v))] = Field(
        alias="from")
    note: Text | None = None


class RegistryOrganization(Model):
    name: Name
    abbreviation: Text | None = None
    aliases: TextList = []
    successor: Succession | None = None


#: Every key a record may have, for "did you mean" suggestions.
RECORD_KEYS = tuple(Record.model_fields)
