"""Stage 1, read: files on disk → :class:`Source` (plain data + a line for every field).

Nothing here knows what a record means; it only turns bytes into Python values
safely (size bound, encoding check, YAML alias bound, duplicate keys refused) and
remembers on which line each value stood, so later stages can say ``path:line:``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import frontmatter
import yaml
from yaml.constructor import ConstructorError, SafeConstructor

from .errors import Report
from .text import nfc

try:  # the C loader is several times faster; fall back where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

#: A record is a page of text; anything this big is a mistake (or an attack).
MAX_FILE_BYTES = 1_000_000
#: Bound on YAML values after alias expansion ("billion laughs" stops here).
MAX_NODES = 50_000

FieldPath = tuple[str | int, ...]

RECORD_SUFFIXES = (".md", ".yml", ".yaml")


@dataclass
class Source:
    """One file's data with the line of every field path (1-based)."""

    path: str  # as shown to editors, relative to the project
    data: Any
    body: str = ""
    body_line: int = 1
    lines: dict[FieldPath, int] = field(default_factory=dict)

    def line(self, path: FieldPath) -> int:
        """Line of ``path`` or of its closest ancestor that has one."""
        for end in range(len(path), -1, -1):
            found = self.lines.get(tuple(path[:end]))
            if found is not None:
                return found
        return 1


class LoadError(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


# ---------------------------------------------------------------- decoding

_VIETNAMESE_LETTERS = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯ\u1ea0-\u1ef9]")
# Characters that TCVN3 (ABC) bytes turn into when read as Windows-1252/UTF-8.
_TCVN3_MARKS = re.compile(r"[©ª«®µ¶·¸¹»¼½¾ÆÇ¬]")
# VNI writes a base letter then a mark byte: "Vieät", "ñoàng".
_VNI_MARKS = re.compile(r"[A-Za-z][øùúûõïòóôöùäåæçèéêëìíîõ](?=[a-z\s,.])")


def _guess_legacy_encoding(raw: bytes) -> str:
    try:
        text = raw.decode("cp1258")
    except UnicodeDecodeError:
        return "không rõ bảng mã"
    import unicodedata

    if _VIETNAMESE_LETTERS.search(unicodedata.normalize("NFC", text)):
        return "có vẻ là Windows-1258 (CP1258)"
    if len(_TCVN3_MARKS.findall(text)) >= 2:
        return "có vẻ là TCVN3 (ABC)"
    if len(_VNI_MARKS.findall(text)) >= 2:
        return "có vẻ là VNI"
    return "có vẻ là Windows-1252 hoặc một bảng mã cũ"


def decode(raw: bytes) -> str:
    """UTF-8 text (BOM tolerated) in NFC, or :class:`LoadError` saying what it looks like."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise LoadError(
            line,
            f"tệp không phải UTF-8 ({_guess_legacy_encoding(raw)}); "
            "hãy mở tệp và lưu lại với bảng mã UTF-8",
        ) from None
    if "\x00" in text:
        raise LoadError(1, "tệp chứa ký tự NUL: đây không phải tệp văn bản")
    if not _VIETNAMESE_LETTERS.search(text):
        if len(_TCVN3_MARKS.findall(text)) >= 2:
            raise LoadError(
                _first_line(text, _TCVN3_MARKS),
                "văn bản có vẻ gõ bằng bảng mã TCVN3 (ABC) rồi bị đọc sai (ví dụ “nh©n d©n”); "
                "hãy chuyển sang Unicode (UTF-8) bằng công cụ chuyển mã (Unikey: Công cụ chuyển mã)",
            )
        if len(_VNI_MARKS.findall(text)) >= 3:
            raise LoadError(
                _first_line(text, _VNI_MARKS),
                "văn bản có vẻ gõ bằng bảng mã VNI rồi bị đọc sai (ví dụ “Vieät”); "
                "hãy chuyển sang Unicode (UTF-8) bằng công cụ chuyển mã",
            )
    return nfc(text)


def _first_line(text: str, pattern: re.Pattern[str]) -> int:
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else 1


# ---------------------------------------------------------------- YAML

_YAML_HINTS: list[tuple[str, str]] = [
    ("found character '\\t'", "có ký tự Tab; hãy thụt lề bằng dấu cách, không dùng Tab"),
    ("found unexpected end of stream", "dấu nháy (\" hoặc ') chưa được đóng"),
    ("while scanning a quoted scalar", "dấu nháy (\" hoặc ') chưa được đóng"),
    ("mapping values are not allowed",
     "giá trị có dấu “: ” ở giữa; hãy đặt cả giá trị trong dấu nháy kép \"...\""),
    ("could not find expected ':'", "thiếu dấu “:” sau tên khóa, hoặc thụt lề không đều"),
    ("did not find expected key", "thụt lề không đều, hoặc một dòng thiếu dấu “- ” hay “:”"),
    ("did not find expected '-' indicator", "danh sách thụt lề không đều"),
    ("found undefined alias", "dùng bí danh “*” chưa được định nghĩa"),
    ("expected <block end>", "thụt lề không đều"),
    ("found unhashable key", "tên khóa không hợp lệ"),
]


def _yaml_message(exc: yaml.MarkedYAMLError, text: str) -> str:
    problem = f"{exc.context or ''} {exc.problem or ''}"
    mark = exc.problem_mark
    lines = text.splitlines()
    if mark is not None and mark.line < len(lines) and "\t" in lines[mark.line]:
        problem += " found character '\\t'"
    for needle, hint in _YAML_HINTS:
        if needle in problem:
            return f"lỗi cú pháp YAML: {hint}"
    return f"lỗi cú pháp YAML ({(exc.problem or '').strip()})"


class _Builder:
    """Turns a composed YAML node graph into Python values with a line map."""

    def __init__(self, line_offset: int) -> None:
        self.offset = line_offset
        self.lines: dict[FieldPath, int] = {}
        self.count = 0
        self.constructor = SafeConstructor()

    def line_of(self, node: yaml.Node) -> int:
        return node.start_mark.line + 1 + self.offset

    def build(self, node: yaml.Node, path: FieldPath) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise LoadError(
                self.line_of(node),
                f"tệp có quá nhiều giá trị (hơn {MAX_NODES}) sau khi khai triển bí danh YAML (&, *); "
                "bản ghi không cần bí danh, hãy viết thẳng giá trị",
            )
        self.lines.setdefault(path, self.line_of(node))
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise LoadError(self.line_of(key_node), "không dùng khóa gộp “<<” trong bản ghi")
                key = self.scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
                if not isinstance(key, (str, int, float, bool)) and key is not None:
                    raise LoadError(self.line_of(key_node), "tên khóa phải là một chữ")
                key = str(key) if not isinstance(key, str) else key
                if key in result:
                    raise LoadError(
                        self.line_of(key_node),
                        f"khóa “{key}” xuất hiện hai lần trong cùng một mục; hãy xóa một lần",
                    )
                self.lines[path + (key,)] = self.line_of(key_node)
                result[key] = self.build(value_node, path + (key,))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        return self.scalar(node)

    def scalar(self, node: yaml.Node) -> Any:
        if node.tag == "tag:yaml.org,2002:str":
            return node.value
        try:
            return self.constructor.construct_object(node, deep=True)
        except (ConstructorError, ValueError, OverflowError):
            # e.g. "2018-13-45" looks like a YAML date but is not one: keep the
            # text, the record schema reports it as a bad date with its field.
            return node.value


def parse_yaml(text: str, line_offset: int = 0) -> tuple[Any, dict[FieldPath, int]]:
    """Parse one YAML document; raise :class:`LoadError` with the line on any fault."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 if mark else 1) + line_offset
        raise LoadError(line, _yaml_message(exc, text)) from None
    except yaml.YAMLError as exc:
        raise LoadError(1 + line_offset, f"lỗi cú pháp YAML ({exc})") from None
    if node is None:
        return None, {}
    builder = _Builder(line_offset)
    data = builder.build(node, ())
    return data, builder.lines


def split_front_matter(text: str) -> tuple[str, str, int, int]:
    """(yaml text, body, line offset of the yaml, first line of the body)."""
    handler = frontmatter.YAMLHandler()
    if not handler.detect(text):
        raise LoadError(
            1, "tệp .md phải bắt đầu bằng dòng “---”, rồi các khóa YAML, rồi một dòng “---”"
        )
    try:
        fm, body = handler.split(text)
    except ValueError:
        raise LoadError(1, "không tìm thấy dòng “---” đóng phần khóa YAML ở đầu tệp") from None
    start = text.find(fm) if fm else text.find("---") + 4
    offset = text.count("\n", 0, max(start, 0))
    body_start = text.find(body, start + len(fm)) if body else len(text)
    body_line = text.count("\n", 0, body_start) + 1 + (1 if body.startswith("\n") else 0)
    return fm, body, offset, body_line


def read_source(path: Path, shown: str) -> Source:
    """Read one record or registry file; raise :class:`LoadError` on any fault."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise LoadError(
            1,
            f"tệp quá lớn ({size / 1_000_000:.1f} MB, tối đa {MAX_FILE_BYTES // 1_000_000} MB); "
            "một bản ghi chỉ cần vài chục KB: hãy kiểm tra lại nội dung".replace(".", ",", 1),
        )
    with path.open("rb") as handle:
        raw = handle.read(MAX_FILE_BYTES + 1)
    text = decode(raw)
    if path.suffix.lower() == ".md":
        fm, body, offset, body_line = split_front_matter(text)
        data, lines = parse_yaml(fm, offset)
        return Source(shown, data, body, body_line, lines)
    data, lines = parse_yaml(text)
    return Source(shown, data, "", 1, lines)


def find_record_files(records_dir: Path) -> list[Path]:
    """Every record file under ``records_dir`` (registries and hidden files excluded)."""
    found: list[Path] = []
    for path in records_dir.rglob("*"):
        rel = path.relative_to(records_dir)
        if any(part.startswith((".", "_")) for part in rel.parts):
            continue
        if path.is_file() and path.suffix.lower() in RECORD_SUFFIXES:
            found.append(path)
    return sorted(found)


def load_all(project: Path, paths: list[Path], report: Report) -> list[Source]:
    """Read every file; each failure becomes a reported problem, the rest go on."""
    sources: list[Source] = []
    for path in paths:
        shown = path.relative_to(project).as_posix()
        try:
            sources.append(read_source(path, shown))
        except LoadError as exc:
            report.error(shown, exc.line, exc.message)
        except OSError as exc:
            report.error(shown, 1, f"không đọc được tệp ({exc.strerror})")
    return sources
