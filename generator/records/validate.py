"""Stage 2, validate: :class:`Source` → schema objects, errors in Vietnamese with lines."""

from __future__ import annotations

import difflib
import html
import re
from pathlib import PurePosixPath
from typing import Any, TypeVar

import markdown  # type: ignore[import-untyped]  # Python-Markdown ships no type information
from pydantic import BaseModel, ValidationError
from pydantic_core import PydanticCustomError

from ..language.text import fold, in_code_fences, slug
from ..problems import Report
from .loader import DRAFT_MARK, PASTED_CHARACTERS, ZERO_WIDTH, ZERO_WIDTH_PATTERN, FieldPath, Source
from .schema import Record, check_id

M = TypeVar("M", bound=BaseModel)

_SHAPES = {
    "list_type": "phải là một danh sách (mỗi mục một dòng bắt đầu bằng “- ”)",
    "model_type": "phải là một bảng khóa–giá trị (các dòng “khóa: giá trị”)",
    "dict_type": "phải là một bảng khóa–giá trị (các dòng “khóa: giá trị”)",
    "model_attributes_type": "phải là một bảng khóa–giá trị (các dòng “khóa: giá trị”)",
}


def field_path(loc: FieldPath) -> str:
    """``("participants", 1, "name")`` → ``participants[2].name`` (items counted from 1)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "một danh sách"
    if isinstance(value, dict):
        return "một bảng khóa–giá trị"
    if isinstance(value, bool):
        return "giá trị đúng/sai"
    if isinstance(value, (int, float)):
        return "một con số"
    if value is None:
        return "giá trị rỗng"
    return "một đoạn chữ"


def _known_keys(model: type[BaseModel], loc: FieldPath) -> list[str]:
    """Field names (and aliases) of the model that ``loc``'s parent is validated as."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            return []
        current = _inner_model(field.annotation)
    fields = getattr(current, "model_fields", {})
    return [f.alias or name for name, f in fields.items()]


def _inner_model(annotation: Any) -> Any:
    stack = [annotation]
    while stack:
        item = stack.pop()
        if isinstance(item, type) and issubclass(item, BaseModel):
            return item
        stack.extend(getattr(item, "__args__", ()))
        origin = getattr(item, "__origin__", None)
        if origin is not None and origin is not item:
            stack.append(origin)
    return None


#: The keys as an editor may name them in Vietnamese (folded), for "có phải ý bạn là …?".
_VIETNAMESE_KEYS = {
    "tieu de": "title", "ten": "title", "ten hoi nghi": "title", "ngay": "date", "ngay hop": "date",
    "ngay ket thuc": "end_date", "loai": "kind", "loai hoi nghi": "kind", "hinh thuc": "format",
    "tom tat": "summary", "co quan to chuc": "organizer", "don vi to chuc": "organizer", "to chuc": "organizer",
    "dia diem": "location", "vung": "region", "tinh": "provinces", "tinh thanh pho": "provinces",
    "nguon": "source", "thanh phan": "participants", "dai bieu": "participants", "nguoi du": "participants",
    "ket qua": "findings", "han che": "shortcomings", "nhiem vu": "directives", "chi dao": "directives",
    "muc tieu": "targets", "chi tieu": "targets", "van ban": "documents", "chu de": "topics",
    "lien quan": "related", "ma": "id", "chuc vu": "position", "vai tro": "role", "so hieu": "number",
}


def _suggested_key(key: str, known: list[str]) -> str | None:
    """The known key ``key`` was meant to be: a close spelling ("partcipants", "Title"), or
    its Vietnamese name ("ngày")."""
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6) or difflib.get_close_matches(
        key.lower(), known, n=1, cutoff=0.6)
    if close:
        return close[0]
    meant = _VIETNAMESE_KEYS.get(" ".join(fold(key).replace("_", " ").split()))
    return meant if meant in known else None


def message_for(error: dict[str, Any], model: type[BaseModel]) -> str:
    kind = error["type"]
    loc = tuple(error["loc"])
    where = field_path(loc)
    if kind == "missing":
        return f"thiếu khóa bắt buộc “{where}”"
    if kind == "extra_forbidden":
        key = str(loc[-1])
        known = _known_keys(model, loc)
        meant = _suggested_key(key, known)
        hint = f"; có phải ý bạn là “{meant}”?" if meant else f"; các khóa được dùng: {', '.join(known)}"
        return f"khóa “{where}” không có trong định dạng bản ghi{hint}"
    if kind in _SHAPES:
        return f"“{where}” {_SHAPES[kind]}, không phải {_kind(error.get('input'))}"
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return f"“{where}” không hợp lệ: “{error.get('input')}”; chọn một trong: {expected.replace(' or ', ', ')}"
    if kind.startswith("bienban_"):
        return f"“{where}” {error['msg']}" if where else error["msg"]
    return f"“{where}” không hợp lệ ({error['msg']})"


def validate(source: Source, model: type[M], report: Report, prefix: FieldPath = ()) -> M | None:
    """Validate ``source.data`` (or the part at ``prefix``) as ``model``; report every error."""
    data: Any = source.data
    for part in prefix:
        data = data[part]
    if not isinstance(data, dict):
        where = field_path(prefix) or "tệp"
        report.error(source.path, source.line(prefix),
                     f"{where} phải là một bảng khóa–giá trị (các dòng “khóa: giá trị”), không phải {_kind(data)}")
        return None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        # "Title:" is one slip, not two: the key it meant is not also said to be missing.
        meant = {tuple(e["loc"][:-1]) + (_suggested_key(str(e["loc"][-1]), _known_keys(model, tuple(e["loc"]))),)
                 for e in errors if e["type"] == "extra_forbidden"}
        told: set[FieldPath] = set()
        for error in errors:
            if error["type"] == "missing" and tuple(error["loc"]) in meant:
                continue
            sentence = _sentence_read_as_key(data, tuple(error["loc"]), model)
            if sentence is None and error["type"] == "extra_forbidden":
                sentence = _value_cut_at_a_comma(data, tuple(error["loc"]))
            if sentence is not None:
                if sentence[0] not in told:
                    told.add(sentence[0])
                    report.error(source.path, source.line(prefix + sentence[0]), sentence[1])
                continue
            loc = _as_written(data, tuple(error["loc"]))
            report.error(source.path, source.line(prefix + loc), message_for({**error, "loc": prefix + loc}, model))
        return None


def _value_cut_at_a_comma(data: Any, loc: FieldPath) -> tuple[FieldPath, str] | None:
    """(the value's path, the message) when ``loc`` is a key with no value that follows a
    key holding text, in one mapping: "{label: xã, phường, thị trấn, value: 100}" (inside
    braces a comma ends a value, and "phường" becomes a key).  One message, on the value
    cut, saying to quote it whole, not an unknown key for each piece."""
    parent = data
    for part in loc[:-1]:
        try:
            parent = parent[part]
        except (KeyError, IndexError, TypeError):
            return None
    if not isinstance(parent, dict) or parent.get(loc[-1], "") is not None:
        return None
    keys = list(parent)
    first = last = keys.index(loc[-1])
    while first > 0 and parent[keys[first - 1]] is None:
        first -= 1
    while last + 1 < len(keys) and parent[keys[last + 1]] is None:
        last += 1
    if first == 0 or not isinstance(parent[keys[first - 1]], str):
        return None
    key = keys[first - 1]
    whole = ", ".join([parent[key], *map(str, keys[first:last + 1])])
    path = (*loc[:-1], key)
    return path, (f"“{field_path(path)}”: trong ngoặc nhọn {{…}} dấu phẩy ngăn cách các khóa, nên giá trị bị cắt "
                  f"ở dấu phẩy và “{keys[first]}” bị đọc thành một khóa; hãy đặt cả giá trị trong dấu nháy: "
                  f"{key}: \"{whole}\"")


def _sentence_read_as_key(data: Any, loc: FieldPath, model: type[BaseModel]) -> tuple[FieldPath, str] | None:
    """(the item's path, the message) when ``loc`` is in a list item of text that YAML read
    as a one-key mapping because of a ": " in it ("- Thứ nhất: tăng cường…"): one message
    saying to quote it, not an unknown key and a missing "text"."""
    if len(loc) < 2 or not isinstance(loc[0], str) or not isinstance(loc[1], int):
        return None
    items = data.get(loc[0]) if isinstance(data, dict) else None
    if not isinstance(items, list) or not 0 <= loc[1] < len(items):
        return None
    item = items[loc[1]]
    if not isinstance(item, dict) or len(item) != 1:
        return None
    [(key, value)] = item.items()
    known = _known_keys(model, loc[:2] + ("text",))
    if "text" not in known or key in known or not isinstance(value, str) or _suggested_key(key, known):
        return None  # a key misspelt ("textt") is said as such
    written = f"{key}: {value}".replace('"', '\\"')
    return loc[:2], (f"“{field_path(loc[:2])}” có dấu “: ” sau “{key}” nên YAML đọc nó thành một khóa; nếu đây là "
                     f"một câu, hãy đặt cả câu trong dấu nháy kép: - \"{written}\"")


def _as_written(data: Any, loc: FieldPath) -> FieldPath:
    """``loc`` as the editor wrote it: without the item index the schema added when
    one mapping stood for a one-item list (``source: {url: …}`` → ``source.url``)."""
    out: list[str | int] = []
    for part in loc:
        if isinstance(part, int) and not isinstance(data, list):
            if part == 0 and isinstance(data, dict):
                continue  # the shorthand: the mapping itself is item 0
            out.append(part)
            data = None
            continue
        out.append(part)
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            data = None
    return tuple(out)


def _invisible_in_values(source: Source, report: Report) -> None:
    """Warn about zero-width characters inside values: invisible, they still make
    "Trương Thị Mai" and "Trương\u200b Thị Mai" two people and break a document number."""
    if source.no_zero_width or not _holds_invisible(source.data):
        return  # nearly every record: no field path is made
    stack: list[tuple[FieldPath, Any]] = [((), source.data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            stack.extend((path + (key,), item) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend((path + (i,), item) for i, item in enumerate(value))
        elif isinstance(value, str):
            found = [c for c in dict.fromkeys(value) if c in ZERO_WIDTH]
            if found:
                names = " và ".join(PASTED_CHARACTERS[c] for c in found)
                report.warning(source.path, source.line(path),
                               f"“{field_path(path)}” có {names}, thường do sao chép từ trang web hay Word; "
                               "hãy xóa ký tự đó (“bienban fmt” xóa giúp)")


def _holds_invisible(value: Any) -> bool:
    if isinstance(value, str):
        return ZERO_WIDTH_PATTERN.search(value) is not None
    if isinstance(value, dict):
        return any(_holds_invisible(item) for item in value.values())
    if isinstance(value, list):
        return any(_holds_invisible(item) for item in value)
    return False


_INDENTED = re.compile(r"(?:^|\n)(?:\t|    )")
_CODE_BLOCK = re.compile(r"<pre><code>(.*?)</code></pre>", re.S)


def _code_by_indent(source: Source, report: Report) -> None:
    """Warn of notes that Markdown shows as code, grey and in a typewriter's letters, their
    document numbers not linked, only because the lines start with a Tab or four spaces
    (text pasted from Word keeps its indentation).  A block inside ``` is meant as code."""
    body = source.body
    if _INDENTED.search(body) is None:
        return  # nearly every record: nothing indented, no Markdown to run
    written = body.split("\n")
    lines = ["" if fenced else line for line, fenced in zip(written, in_code_fences(written))]  # fenced code out
    for block in _CODE_BLOCK.findall(markdown.markdown("\n".join(lines))):
        first = next((t for t in html.unescape(block).split("\n") if t.strip()), "")
        at = next((i for i, line in enumerate(lines) if line.strip() == first.strip() and first.strip()), 0)
        report.warning(source.path, source.body_file_line(at),
                       "dòng này bắt đầu bằng phím Tab hoặc bốn dấu cách, nên trang web hiện đoạn này "
                       "thành một khối mã (chữ máy chữ, nền xám, số hiệu văn bản trong đó không thành liên kết); "
                       "hãy xóa khoảng trắng ở đầu dòng")


def validate_record(source: Source, report: Report) -> Record | None:
    _invisible_in_values(source, report)
    _code_by_indent(source, report)
    _draft_marks_left(source, report)
    _items_run_on(source, report)
    record = validate(source, Record, report)
    if record is None:
        return None
    _nameless_people(record, source, report)
    if record.id is None:
        # The id then comes from the file name, which no one checked yet:
        # "index.md" would take the place of the meetings index page.
        stem = PurePosixPath(source.path).stem
        try:
            check_id(slug(stem))
        except PydanticCustomError as exc:
            report.error(source.path, 1, f"tên tệp “{PurePosixPath(source.path).name}” không dùng được làm mã "
                         f"của bản ghi: {exc.message()}; hãy đổi tên tệp hoặc ghi khóa “id”")
            return None
    return record


def _draft_marks_left(source: Source, report: Report) -> None:
    """Warn of each line still marked by ``bienban draft``: a guess no one has checked."""
    for line in source.draft_marks:
        report.warning(source.path, line, f"dòng này còn dấu “{DRAFT_MARK}” của bản nháp: giá trị ở đây là "
                       "phần mềm đoán từ bài báo; hãy đối chiếu với bài viết, sửa nếu sai, rồi xóa dấu đó")


def _items_run_on(source: Source, report: Report) -> None:
    """Warn of each list item written on, unquoted, over the next line: YAML joins the two
    lines, and a clerk who left out a "- " finds two items in one."""
    for path, line in source.folded_items:
        report.warning(source.path, line + 1,
                       f"“{field_path(path)}” viết tiếp sang dòng này mà dòng này không bắt đầu bằng “- ”, nên "
                       "hai dòng được nối thành một mục; nếu đây là một mục mới, hãy thêm “- ” ở đầu dòng; nếu là "
                       "một đoạn dài, hãy viết “>-” (xem “Đoạn văn dài trên nhiều dòng” trong hướng dẫn)")


def _nameless_people(record: Record, source: Source, report: Report) -> None:
    """A participant with a position but no name is a person whose name was left out (a
    body taking part has no position): the page would give the body that person's title."""
    for i, participant in enumerate(record.participants):
        if participant.name is None and participant.position:
            path: FieldPath = ("participants", i)
            report.warning(source.path, source.line(path),
                           f"“{field_path(path)}” có “position” (chức vụ của một người) mà không có “name”: "
                           "trang hội nghị sẽ ghi chức vụ đó cho cơ quan; hãy ghi “name”, hoặc bỏ “position” "
                           "nếu mục này là một cơ quan tham dự")


def validate_list(source: Source, model: type[M], report: Report) -> list[M]:
    """A registry file: a YAML list of entries, each validated on its own."""
    if source.data is None:
        return []
    if not isinstance(source.data, list):
        report.error(source.path, 1, f"tệp phải là một danh sách (mỗi mục bắt đầu bằng “- ”), không phải {_kind(source.data)}")
        return []
    out: list[M] = []
    for i in range(len(source.data)):
        item = validate(source, model, report, (i,))
        if item is not None:
            out.append(item)
    return out
