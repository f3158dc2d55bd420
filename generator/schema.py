"""The record format: the contract editors write against (see docs/huong-dan/dinh-dang.md).

Pydantic models for one meeting record and for the registries.  Shorthands
(a bare string for a participant, an item or a document; one value for a list)
are expanded here, before validation, so that every error names one field.
Extend this format; never change the meaning of a key that exists.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from . import docnumber
from .text import nfc

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


def _text(value: Any) -> Any:
    if isinstance(value, str):
        value = nfc(value).strip()
        if not value:
            raise PydanticCustomError("bienban_empty", "không được để trống")
        return value
    raise PydanticCustomError(
        "bienban_text",
        "phải là một đoạn chữ, không phải {kind}{hint}",
        {
            "kind": _kind(value),
            "hint": "; nếu muốn viết số như chữ, hãy đặt trong dấu nháy: \"2018\""
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


Date = Annotated[dt.date, BeforeValidator(_to_date)]
Text = Annotated[str, BeforeValidator(_text)]
TextList = Annotated[list[Text], BeforeValidator(_listify)]

_ID = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,118}[a-z0-9])?$")
#: Names that would clash with generated index pages or with Windows devices.
RESERVED_IDS = frozenset(
    {"index", "con", "prn", "aux", "nul", "com1", "lpt1", "assets", "search", "tat-ca"}
)


def check_id(value: str) -> str:
    if not _ID.match(value):
        raise PydanticCustomError(
            "bienban_id",
            "mã “{value}” không hợp lệ: chỉ dùng chữ thường không dấu, chữ số và dấu gạch nối "
            "(ví dụ 2018-07-12-giao-ban-dbsh)",
            {"value": value},
        )
    if value in RESERVED_IDS:
        raise PydanticCustomError(
            "bienban_id", "mã “{value}” trùng với tên dành riêng của trang web", {"value": value}
        )
    return value


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# ------------------------------------------------------------------ record parts


def _figure_value(value: Any) -> Any:
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
    topics: TextList = []
    by: Text | None = None
    deadline: Date | None = None
    figures: list[Figure] = []

    @model_validator(mode="before")
    @classmethod
    def _bare(cls, value: Any) -> Any:
        return {"text": value} if isinstance(value, str) else value


class Participant(Model):
    """A person (``name``) or a body (``organization`` without ``name``)."""

    name: Text | None = None
    position: Text | None = None
    organization: Text | None = None
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


class SourceRef(Model):
    title: Text | None = None
    url: Text | None = None
    publisher: Text | None = None
    author: Text | None = None
    published: Date | None = None

    @field_validator("url")
    @classmethod
    def _http_only(cls, value: str | None) -> str | None:
        if value is not None and not re.match(r"^https?://[^\s<>\"']+$", value, re.IGNORECASE):
            raise PydanticCustomError(
                "bienban_url", "địa chỉ phải bắt đầu bằng http:// hoặc https:// và không có dấu cách"
            )
        return value


def _number(value: Any) -> Any:
    text = _text(value)
    if docnumber.parse(text) is None:
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


class Record(Model):
    """One meeting (or the issuing of a document): one file under records/."""

    id: Annotated[str, BeforeValidator(lambda v: check_id(_text(v)))] | None = None
    title: Text
    date: Date
    end_date: Date | None = None
    kind: Text | None = None
    format: Annotated[Format, BeforeValidator(_format)] | None = None
    summary: Text | None = None
    organizer: TextList = []
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
    topics: TextList = []
    related: TextList = []

    @model_validator(mode="after")
    def _dates_in_order(self) -> "Record":
        if self.end_date is not None and self.end_date < self.date:
            raise PydanticCustomError(
                "bienban_end_date",
                "end_date ({end}) trước ngày bắt đầu date ({start})",
                {"end": self.end_date.isoformat(), "start": self.date.isoformat()},
            )
        return self


# ------------------------------------------------------------------ registries


class RegistryDocument(Model):
    number: DocNumberText
    issuer: Text | None = None
    province: Text | None = None
    term: Text | None = None
    date: Date | None = None
    title: Text | None = None
    aliases: TextList = []
    note: Text | None = None


class Position(Model):
    title: Text
    organization: Text | None = None
    start: Annotated[str, BeforeValidator(lambda v: str(v))] | None = Field(None, alias="from")
    end: Annotated[str, BeforeValidator(lambda v: str(v))] | None = Field(None, alias="to")


class RegistryPerson(Model):
    name: Text
    aliases: TextList = []
    positions: list[Position] = []


class RegistryOrganization(Model):
    name: Text
    abbreviation: Text | None = None
    aliases: TextList = []


#: Every key a record may have, for "did you mean" suggestions.
RECORD_KEYS = tuple(Record.model_fields)
