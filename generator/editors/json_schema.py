"""``bienban schema``: the JSON Schema of a meeting record, generated from the model.

The structure comes from the pydantic models of :mod:`generator.records.schema` (never
written a second time); this module adds what editors read in their editor: a
Vietnamese description and examples for every key, the shorthands the schema
accepts (one value for a list, a bare string for a participant or an item), the
date forms, and the fixed lists (format, provinces, regions) as enums.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel
from pydantic.functional_validators import BeforeValidator

from ..language.geography import load_geography
from ..records import schema

SCHEMA_ID = "https://bienban.local/ban-ghi.schema.json"
#: Where the site publishes it (a hand-written asset, kept equal to the model by a test).
PUBLISHED = "docs/assets/schema/ban-ghi.schema.json"

_DATE_PATTERN = r"^\s*(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4})\s*$"

#: (model, key) → (description, examples).  A test checks that every key has one.
DOCS: dict[tuple[str, str], tuple[str, list[Any]]] = {
    ("Record", "id"): ("Mã của bản ghi, dùng trong địa chỉ trang và trong “related” của bản ghi khác. "
                       "Bỏ trống thì mã là tên tệp. Chỉ chữ thường không dấu, chữ số, dấu gạch nối.",
                       ["2018-07-12-giao-ban-dong-bang-song-hong"]),
    ("Record", "title"): ("Tên hội nghị (bắt buộc), chép theo bài báo hoặc văn bản.",
                          ["Hội nghị giao ban công tác dân vận khu vực Tây Nam Bộ năm 2017"]),
    ("Record", "date"): ("Ngày họp (bắt buộc): 2018-07-12 hoặc 12/7/2018.", ["2018-07-12", "12/7/2018"]),
    ("Record", "end_date"): ("Ngày kết thúc, nếu hội nghị kéo dài nhiều ngày.", ["2018-07-13"]),
    ("Record", "kind"): ("Loại hội nghị.", ["Giao ban", "Sơ kết", "Tổng kết", "Ban hành nghị quyết"]),
    ("Record", "format"): ("Hình thức tổ chức.", ["trực tiếp", "trực tuyến", "kết hợp"]),
    ("Record", "summary"): ("Tóm tắt hai, ba câu: hội nghị nào, ai chủ trì, kết quả và nhiệm vụ chính.",
                            ["Hội nghị giao ban công tác dân vận 6 tháng đầu năm 2018 của 11 tỉnh, thành phố…"]),
    ("Record", "organizer"): ("Cơ quan tổ chức (một tên hoặc một danh sách).",
                              ["Ban Dân vận Trung ương", ["Ban Dân vận Trung ương", "Tỉnh ủy Kiên Giang"]]),
    ("Record", "location"): ("Nơi họp: tên tỉnh, thành phố hoặc địa điểm.", ["Quảng Ninh"]),
    ("Record", "region"): ("Vùng của hội nghị (một trong các vùng của danh sách có sẵn).",
                           ["Đồng bằng sông Hồng"]),
    ("Record", "provinces"): ("Các tỉnh, thành phố tham gia hoặc được nhắc đến.", [["Hà Nội", "Quảng Ninh"]]),
    ("Record", "source"): ("Bài báo hoặc văn bản nguồn (một hoặc nhiều).",
                           [{"title": "Giao ban công tác dân vận…", "publisher": "Báo Nhân Dân",
                             "url": "https://nhandan.vn/…", "published": "2018-07-13"}]),
    ("Record", "participants"): ("Người dự (name) hoặc cơ quan dự (organization không có name). "
                                 "Viết tắt được: chỉ một tên.",
                                 [[{"name": "Trương Thị Mai", "position": "Trưởng Ban Dân vận Trung ương",
                                    "role": "chủ trì"}]]),
    ("Record", "findings"): ("Kết quả, đánh giá: mỗi ý một mục (một đoạn chữ, hoặc text cùng các khóa khác).",
                             [["Tỉnh Bắc Ninh 6 tháng đầu năm đã tổ chức 380 cuộc đối thoại."]]),
    ("Record", "shortcomings"): ("Tồn tại, hạn chế: mỗi ý một mục.",
                                 [["Việc nắm bắt tình hình nhân dân có lúc chưa kịp thời."]]),
    ("Record", "directives"): ("Nhiệm vụ, chỉ đạo: mỗi ý một mục; “by” là người chỉ đạo.",
                               [[{"text": "Thứ nhất, nâng cao chất lượng tham mưu…", "by": "Trương Thị Mai"}]]),
    ("Record", "targets"): ("Mục tiêu, chỉ tiêu: mỗi ý một mục.",
                            [["Tỷ lệ giải quyết khiếu nại, tố cáo hằng năm đạt 85%."]]),
    ("Record", "documents"): ("Văn bản được nhắc đến, theo số hiệu (viết tắt được: chỉ số hiệu).",
                              [["217-QĐ/TW", {"number": "17-NQ/TU", "issuer": "Ban Thường vụ Tỉnh ủy Quảng Ninh"}]]),
    ("Record", "topics"): ("Chủ đề của hội nghị; dùng lại tên chủ đề đã có.",
                           [["Dân vận khéo", "Đối thoại với nhân dân"]]),
    ("Record", "related"): ("Mã của các bản ghi liên quan (tên tệp, không có .md).",
                            [["2017-12-04-giao-ban-tay-nam-bo"]]),
    ("Participant", "name"): ("Họ tên đầy đủ, có dấu.", ["Trương Thị Mai"]),
    ("Participant", "position"): ("Chức vụ lúc họp, chép theo bài.",
                                  ["Ủy viên Bộ Chính trị, Trưởng Ban Dân vận Trung ương"]),
    ("Participant", "organization"): ("Cơ quan (của người dự, hoặc cơ quan dự khi không có name).",
                                      ["Ban Dân vận Trung ương"]),
    ("Participant", "role"): ("Vai trò tại hội nghị.", ["chủ trì", "đồng chủ trì", "phát biểu", "tham dự"]),
    ("Participant", "note"): ("Ghi chú thêm.", ["Phát biểu chỉ đạo Hội nghị"]),
    ("Item", "text"): ("Nội dung (bắt buộc), chép theo bài.", ["Tỉnh Bắc Ninh đã tổ chức 380 cuộc đối thoại."]),
    ("Item", "province"): ("Tỉnh, thành phố của ý này.", ["Bắc Ninh"]),
    ("Item", "topics"): ("Chủ đề của ý này.", [["Đối thoại với nhân dân"]]),
    ("Item", "by"): ("Người nói ý này (nên là một người trong participants).", ["Trương Thị Mai"]),
    ("Item", "deadline"): ("Thời hạn: một ngày, hoặc lời như “năm 2025”, “6 tháng cuối năm”.",
                           ["2025-12-31", "6 tháng cuối năm"]),
    ("Item", "figures"): ("Số liệu trong ý này. Số nguyên viết liền, không dấu chấm: 1070 (trang web hiển thị 1.070).",
                          [[{"label": "Cuộc đối thoại", "value": 380, "unit": "cuộc"}]]),
    ("Figure", "label"): ("Tên số liệu.", ["Xã đạt chuẩn nông thôn mới"]),
    ("Figure", "value"): ("Giá trị: số nguyên viết liền (1070, không viết 1.070), hoặc chữ như '77/112', "
                          "'từ 70% đến 86%'.", [380, "77/112", "từ 70% đến 86%"]),
    ("Figure", "unit"): ("Đơn vị (bỏ trống nếu tên số liệu đã nói).", ["xã", "cuộc"]),
    ("DocumentRef", "number"): ("Số hiệu đầy đủ (bắt buộc).", ["217-QĐ/TW", "17-NQ/TU", "15/2020/NĐ-CP"]),
    ("DocumentRef", "relation"): ("Quan hệ với hội nghị.", ["trích dẫn", "ban hành", "tổng kết", "thực hiện"]),
    ("DocumentRef", "issuer"): ("Cơ quan ban hành.", ["Bộ Chính trị"]),
    ("DocumentRef", "province"): ("Tỉnh của văn bản địa phương (…/TU), khi cần phân biệt.", ["Quảng Ninh"]),
    ("DocumentRef", "term"): ("Khóa.", ["XI"]),
    ("DocumentRef", "title"): ("Trích yếu.", ["Về tăng cường và đổi mới sự lãnh đạo của Đảng đối với công tác dân vận"]),
    ("DocumentRef", "date"): ("Ngày ban hành.", ["2013-06-03"]),
    ("DocumentRef", "note"): ("Ghi chú.", ["Tổng kết 10 năm thực hiện"]),
    ("SourceRef", "title"): ("Tên bài báo.", ["Giao ban công tác dân vận khu vực đồng bằng sông Hồng"]),
    ("SourceRef", "url"): ("Địa chỉ bài báo, bắt đầu bằng http:// hoặc https://.", ["https://nhandan.vn/…"]),
    ("SourceRef", "publisher"): ("Tên báo, trang web đăng bài.", ["Báo Nhân Dân"]),
    ("SourceRef", "author"): ("Tác giả bài.", ["Phương Thủy"]),
    ("SourceRef", "published"): ("Ngày đăng bài.", ["2018-07-13"]),
}

MODELS: tuple[type[BaseModel], ...] = (schema.Record, schema.Participant, schema.Item, schema.Figure,
                                       schema.DocumentRef, schema.SourceRef)


def _validators(model: type[BaseModel], key: str) -> list[Callable[..., Any]]:
    field = model.model_fields[key]
    found: list[Callable[..., Any]] = []
    stack: list[Any] = [*field.metadata, field.annotation]
    while stack:
        item = stack.pop()
        if isinstance(item, BeforeValidator):
            found.append(item.func)
        stack.extend(getattr(item, "__metadata__", ()))
        stack.extend(getattr(item, "__args__", ()))
    return found


def _shorthand_models() -> set[str]:
    """Models that a bare string stands for (``- Trương Thị Mai`` for a participant)."""
    return {m.__name__ for m in MODELS if "_bare" in m.__pydantic_decorators__.model_validators}


def _widen(node: Any, bare: set[str]) -> Any:
    """Accept the shorthands: a bare string for a model, a date in either form."""
    if isinstance(node, dict):
        ref = node.get("$ref", "")
        if ref.rsplit("/", 1)[-1] in bare:
            return {"anyOf": [{"type": "string"}, node]}
        if node.get("format") == "date":
            return {**{k: v for k, v in node.items() if k != "format"}, "pattern": _DATE_PATTERN}
        return {key: _widen(value, bare) for key, value in node.items()}
    if isinstance(node, list):
        return [_widen(value, bare) for value in node]
    return node


def _names(places: list[Any]) -> list[str]:
    return sorted({name for p in places for name in (p.name, *p.aliases)})


def record_schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) of one meeting record."""
    generated = schema.Record.model_json_schema()
    defs = generated.pop("$defs", {})
    bare = _shorthand_models()
    geo = load_geography()
    provinces = {"type": "string", "enum": _names(geo.provinces)}
    regions = {"type": "string", "enum": _names(geo.regions)}
    models = {m.__name__: m for m in MODELS}
    for name, body in [("Record", generated), *defs.items()]:
        model = models[name]
        body.pop("description", None)  # English docstrings are for developers
        body["title"] = {"Record": "Bản ghi hội nghị", "Participant": "Người hoặc cơ quan dự",
                         "Item": "Một ý", "Figure": "Số liệu", "DocumentRef": "Văn bản",
                         "SourceRef": "Nguồn"}[name]
        for key, prop in body["properties"].items():
            prop.pop("title", None)
            prop.pop("default", None)
            if key == "provinces" and name == "Record":
                prop.clear()
                prop.update({"anyOf": [provinces, {"type": "array", "items": provinces}]})
            elif key == "province":
                prop.clear()
                prop.update({"anyOf": [provinces, {"type": "null"}]})
            elif key == "region":
                prop.clear()
                prop.update({"anyOf": [regions, {"type": "null"}]})
            elif any(v.__name__ in ("_listify", "_listify_text") for v in _validators(model, key)):
                # One value where a list is allowed: `organizer: Ban Dân vận Trung ương`.
                items = prop.get("items", {})
                prop.clear()
                prop.update({"anyOf": [items, {"type": "array", "items": items}, {"type": "null"}]})
            description, examples = DOCS[(name, key)]
            prop["description"] = description
            prop["examples"] = examples
            body["properties"][key] = _widen(prop, bare)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **generated,
        "description": "Một hội nghị công tác dân vận: một tệp trong records/ (xem Hướng dẫn biên tập).",
        "$defs": defs,
    }


def schema_text() -> str:
    return json.dumps(record_schema(), ensure_ascii=False, indent=2) + "\n"
