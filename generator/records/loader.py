"""Stage 1, read: files on disk → :class:`Source` (plain data + a line for every field).

Nothing here knows what a record means; it only turns bytes into Python values
safely (size bound, encoding check, YAML alias bound, duplicate keys refused) and
remembers on which line each value stood, so later stages can say ``path:line:``.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler
from yaml.constructor import ConstructorError, SafeConstructor

from ..language.text import nfc
from ..problems import LoadError, Report

try:  # the C loader is several times faster; fall back where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

#: A record is a page of text; anything this big is a mistake (or an attack).
MAX_FILE_BYTES = 1_000_000
#: Bound on YAML values after alias expansion ("billion laughs" stops here).
MAX_NODES = 50_000
#: Bound on characters after alias expansion: one long text aliased thousands of
#: times is small on disk but would be copied by every later stage.
MAX_CHARS = 2 * MAX_FILE_BYTES
#: Bound on nesting; a record needs five levels, the YAML library's stack far fewer than 10 000.
MAX_DEPTH = 40
_TOO_DEEP = f"các mục lồng vào nhau quá sâu (hơn {MAX_DEPTH} tầng); hãy kiểm tra dấu “[”, “{{” và thụt lề"

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
    #: True when the YAML text holds no zero-width character and no “\\” (with which a
    #: quoted value could make one): then no value holds one, and validation need not look.
    no_zero_width: bool = False
    #: The lines that still hold :data:`DRAFT_MARK` (a draft's guess not yet checked).
    draft_marks: tuple[int, ...] = ()
    #: The list items written, unquoted, over several lines, and their first lines (see
    #: :func:`_build`).
    folded_items: tuple[tuple[FieldPath, int], ...] = ()

    def body_file_line(self, index: int) -> int:
        """The file's line of line ``index`` (from 0) of ``body``.  (``body_line`` is the
        first line after a blank one the body may start with: see :func:`split_front_matter`.)"""
        return self.body_line - self.body.startswith("\n") + index

    def line(self, path: FieldPath) -> int:
        """Line of ``path`` or of its closest ancestor that has one."""
        for end in range(len(path), -1, -1):
            found = self.lines.get(tuple(path[:end]))
            if found is not None:
                return found
        return 1


# ---------------------------------------------------------------- decoding

#: Letters only Vietnamese Unicode text has (not in any Windows-125x code page).
_VIETNAMESE_ONLY = re.compile(r"[ăđĩũơưĂĐĨŨƠƯ\u1ea0-\u1ef9]")
_VIETNAMESE_LETTERS = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯ\u1ea0-\u1ef9]")

# Text typed in a legacy Vietnamese font encoding and then read as Windows-1252
# (or converted to UTF-8 that way) shows tell-tale characters inside words.
# TCVN3 (ABC) puts letters on bytes 0xA1-0xBF, symbols in Windows-1252:
# "nh©n d©n", "Qu¶ng".  No real word holds them.
_TCVN3_SIGNS = "¡¢£¤¥¦§¨©ª«¬®µ¶·¸¹º»¼½¾¿"
_TCVN3_IN_WORD = re.compile(rf"[A-Za-z][{_TCVN3_SIGNS}]|[{_TCVN3_SIGNS}][A-Za-z]")
# VNI writes a base letter then a mark byte: "Vieät", "nhaân", "Quaûng", "ñoàng".
# Only marks that no Vietnamese (or common foreign) spelling puts after a letter:
# "oà" (hoà) and "uý" (uỷ ban) are real Vietnamese and are not counted.
_VNI_IN_WORD = re.compile(r"[A-Za-z][øûïåäüëöñæØÛÏÅÄÜËÖÑÆ]|[aeAE][âáàãêéèÂÁÀÃÊÉÈ]|[oO][âÂ]")


def _mojibake_words(text: str, pattern: re.Pattern[str]) -> tuple[int, int]:
    """(number of distinct words showing ``pattern``, line of the first one)."""
    words: set[int] = set()
    first = 0
    for match in pattern.finditer(text):
        space = max(text.rfind(" ", 0, match.start()), text.rfind("\n", 0, match.start()))
        if not words:
            first = match.start()
        words.add(space)
    return len(words), text.count("\n", 0, first) + 1


# Quick tests that text cannot match the patterns above (nearly all text): these take
# a tenth of the time of the patterns, whose every alternative starts with a class.
_VNI_RARE = "øûïåäüëöñæØÛÏÅÄÜËÖÑÆ"
#: (letters, the marks that VNI puts after them and Vietnamese never does)
_VNI_MARKED = (("aeAE", "âáàãêéèÂÁÀÃÊÉÈ"), ("oO", "âÂ"))
_TCVN3_MARKS = frozenset(_TCVN3_SIGNS)
_VNI_RARE_MARKS = frozenset(_VNI_RARE)
_VNI_PAIRS = re.compile("|".join(base + mark for bases, marks in _VNI_MARKED for base in bases for mark in marks))


def _second_bytes(chars: str, first: int) -> bytes:
    """A regex class of the second UTF-8 byte of each of ``chars``, all written as two bytes, ``first`` first."""
    encoded = [char.encode() for char in chars]
    assert all(len(code) == 2 and code[0] == first for code in encoded), chars
    return b"[" + re.escape(b"".join(code[1:] for code in encoded)) + b"]"


# Quicker still, on the file's bytes, for text that decoding left as it was: a TCVN3
# sign (U+00A1–U+00BF) is written C2 then a byte of its own, a rare VNI mark or a
# mark of a VNI pair C3 then one (after the byte of a, e or o for a pair).  Searching
# bytes for one literal first byte is a tenth of the time of the tests on the text.
_TCVN3_BYTES = re.compile(b"\xc2" + _second_bytes(_TCVN3_SIGNS, 0xC2))
_VNI_BYTES = re.compile(b"\xc3(?:" + b"|".join(
    [_second_bytes(_VNI_RARE, 0xC3)]
    + [b"(?<=[" + bases.encode() + b"]\xc3)" + _second_bytes(marks, 0xC3) for bases, marks in _VNI_MARKED]) + b")")


def _may_be_legacy(raw: bytes) -> bool:
    """False when the UTF-8 ``raw`` has no character nor pair that :func:`_legacy_font`'s
    quick tests look for (so it finds no legacy font in the text ``raw`` decodes to)."""
    return (b"\xc2" in raw and _TCVN3_BYTES.search(raw) is not None) or _VNI_BYTES.search(raw) is not None


def _may_be_tcvn3(text: str, present: set[str]) -> bool:
    return not _TCVN3_MARKS.isdisjoint(present)


def _may_be_vni(text: str, present: set[str]) -> bool:
    return not _VNI_RARE_MARKS.isdisjoint(present) or _VNI_PAIRS.search(text) is not None


def _legacy_font(text: str) -> tuple[str, int] | None:
    """("TCVN3 (ABC)" or "VNI", line) when ``text`` looks like a legacy Vietnamese encoding."""
    genuine = _VIETNAMESE_ONLY.search(text) is not None
    present = set(text)
    for name, pattern, may_match in (("TCVN3 (ABC)", _TCVN3_IN_WORD, _may_be_tcvn3),
                                     ("VNI", _VNI_IN_WORD, _may_be_vni)):
        if not may_match(text, present):
            continue
        count, line = _mojibake_words(text, pattern)
        # Foreign names ("Müller", "Zoë") may show a few such words; beside real
        # Vietnamese text ask for more evidence (a pasted sentence has plenty).
        if count >= (5 if genuine else 2):
            return name, line
    return None


def _guess_legacy_encoding(raw: bytes) -> str:
    # Notepad's "Unicode" is UTF-16: a byte-order mark, or a NUL beside every ASCII letter.
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or raw[:200].count(b"\x00") * 3 > len(raw[:200]):
        return "có vẻ là UTF-16, “Unicode” của Notepad"
    font = _legacy_font(raw.decode("cp1252", errors="replace"))
    if font is not None:
        return f"có vẻ là {font[0]}"
    import unicodedata

    text = unicodedata.normalize("NFC", raw.decode("cp1258", errors="replace"))
    if _VIETNAMESE_LETTERS.search(text):
        return "có vẻ là Windows-1258 (CP1258)"
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
        raise LoadError(
            text.count("\n", 0, text.index("\x00")) + 1,
            "tệp chứa ký tự NUL: có vẻ là UTF-16 (“Unicode” của Notepad) hoặc không phải tệp văn bản; "
            "hãy mở tệp và lưu lại với bảng mã UTF-8",
        )
    # Old Mac line ends would make every reported line number wrong; NFD text
    # would hide the Vietnamese letters that tell real text from legacy fonts.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    decoded = text
    text = nfc(decoded)
    # Line ends changed no letter: text that NFC left as it was holds the characters of raw.
    font = _legacy_font(text) if text is not decoded or _may_be_legacy(raw) else None
    if font is not None:
        name, line = font
        example = "“nh©n d©n”" if name.startswith("TCVN3") else "“Vieät Nam”"
        raise LoadError(
            line,
            f"văn bản có vẻ gõ bằng bảng mã {name} rồi bị đọc sai (ví dụ {example}); "
            "hãy chuyển sang Unicode (UTF-8) bằng công cụ chuyển mã (Unikey: Công cụ chuyển mã)",
        )
    return text


# ---------------------------------------------------------------- YAML

_ESCAPE_HINT = "dấu “\\” trong dấu nháy kép \"...\" phải đi với một ký tự hợp lệ; hãy dùng dấu nháy đơn '...'"
_YAML_HINTS: list[tuple[str, str]] = [
    ("found unknown escape character", _ESCAPE_HINT),
    ("hexdecimal number", _ESCAPE_HINT),
    ("found character '\\t'", "có ký tự Tab; hãy thụt lề bằng dấu cách, không dùng Tab"),
    ("found unexpected end of stream", "dấu nháy (\" hoặc ') chưa được đóng"),
    ("while scanning a quoted scalar", "dấu nháy (\" hoặc ') chưa được đóng"),
    ("mapping values are not allowed",
     "giá trị có dấu “: ” ở giữa; hãy đặt cả giá trị trong dấu nháy kép \"...\""),
    ("could not find expected ':'",
     "thiếu dấu “:” sau tên khóa, thiếu dấu “- ” ở đầu một mục của danh sách, hoặc thụt lề không đều"),
    ("did not find expected key", "thụt lề không đều, hoặc một dòng thiếu dấu “- ” hay “:”"),
    ("did not find expected '-' indicator", "danh sách thụt lề không đều"),
    ("found undefined alias", "dùng bí danh “*” chưa được định nghĩa"),
    ("expected <block end>", "thụt lề không đều"),
    ("found unhashable key", "tên khóa không hợp lệ"),
]


def _unclosed_quote(exc: yaml.MarkedYAMLError) -> bool:
    problem = exc.problem or ""
    return (
        "quoted scalar" in (exc.context or "")
        and exc.context_mark is not None
        and ("end of stream" in problem or "document" in problem)
    )


def _yaml_line(exc: yaml.MarkedYAMLError) -> int:
    """1-based line of the fault within the parsed text."""
    # An unclosed quote is found only at the end of the text; the editor needs
    # the line where the quote was opened.
    # A line with no ":" where a key was expected is read on as a key until YAML gives up, at
    # the next line or at the end: the line to fix is where that key began.
    began = _unclosed_quote(exc) or (exc.context == "while scanning a simple key" and exc.context_mark is not None)
    mark = exc.context_mark if began else (exc.problem_mark or exc.context_mark)
    return mark.line + 1 if mark is not None else 1


#: What YAML reads in the first character of a value, and what it is for the editor.
_RESERVED_STARTS = {
    "%": "ký tự dành riêng của YAML", "@": "ký tự dành riêng của YAML", "`": "ký tự dành riêng của YAML",
    "!": "nhãn kiểu dữ liệu của YAML", "?": "dấu hiệu khóa phức của YAML",
    "|": "dấu hiệu đoạn văn nhiều dòng", ">": "dấu hiệu đoạn văn nhiều dòng",
    "[": "dấu mở danh sách viết gọn […]", "{": "dấu mở bảng viết gọn {…}",
    "]": "dấu đóng danh sách viết gọn", "}": "dấu đóng bảng viết gọn",
    "&": "dấu hiệu neo của YAML", "*": "dấu hiệu bí danh của YAML",
}


def _reserved_start(value: str) -> str:
    """The message for a value that starts with one of :data:`_RESERVED_STARTS`."""
    shown = value if len(value) <= 40 else value[:40] + "…"
    return (f"lỗi cú pháp YAML: giá trị bắt đầu bằng “{value[0]}”, {_RESERVED_STARTS[value[0]]}; nếu đây là chữ, "
            f"hãy đặt cả giá trị trong dấu nháy kép: \"{shown}\"")


def _value_of(line: str) -> str:
    """The value written on ``line`` (after "key: " or "- "), or ""."""
    found = _VALUE.match(line)
    return found["value"].strip() if found else ""


def _key_column(line: str) -> int | None:
    """Where the key of a "key: value" line starts (after any "- "), or None."""
    found = _KEY.match(line)
    return found.start("key") if found else None


def _syntax_slip(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, str] | None:
    """(0-based line, message) for the slips an editor makes most that libyaml names in
    its own terms: a line indented deeper than the key above it, a value that starts
    with a character YAML keeps for itself, an unclosed "[" or "{"."""
    lines = text.split("\n")
    problem = exc.problem or ""
    mark = exc.problem_mark
    if mark is None or mark.line >= len(lines):
        return None
    here = lines[mark.line]
    if "mapping values are not allowed" in problem:
        above = next((lines[i] for i in range(mark.line - 1, -1, -1) if lines[i].strip()
                      and not lines[i].lstrip().startswith("#")), None)
        column, above_column = _key_column(here), _key_column(above) if above is not None else None
        if column is not None and above is not None and above_column is not None and column > above_column \
                and not above.rstrip().endswith(":"):
            key = above[above_column:].split(":", 1)[0]
            return mark.line, (f"lỗi cú pháp YAML: dòng này thụt lề sâu hơn khóa “{key}” ở dòng trên, nên YAML "
                               f"đọc nó là phần tiếp theo của giá trị “{key}”; hãy xóa bớt dấu cách ở đầu dòng "
                               f"cho thẳng cột với “{key}”")
    if exc.context_mark is not None and ("expected ',' or ']'" in problem or "expected ',' or '}'" in problem):
        opened = exc.context_mark.line
        char = "[" if "']'" in problem else "{"
        closing = "]" if char == "[" else "}"
        return opened, (f"lỗi cú pháp YAML: giá trị bắt đầu bằng “{char}”, {_RESERVED_STARTS[char]}, nhưng không "
                        f"có dấu “{closing}” đóng đúng chỗ; nếu đây là chữ, hãy đặt cả giá trị trong dấu nháy kép "
                        f"\"…\"")
    value = _value_of(here)
    if value[:1] in _RESERVED_STARTS and ("cannot start any token" in problem or "expected comment or line break"
                                      in problem or "not allowed in this context" in problem
                                      or "expected node content" in problem):
        return mark.line, _reserved_start(value)
    return None


def _yaml_message(exc: yaml.MarkedYAMLError, text: str) -> str:
    problem = f"{exc.context or ''} {exc.problem or ''}"
    mark = exc.problem_mark
    lines = text.splitlines()
    if mark is not None and mark.line < len(lines) and "\t" in lines[mark.line]:
        problem += " found character '\\t'"
    if "maximum nesting depth" in problem:
        # libyaml ≥ 0.2.6 has its own bound, met before ours when "[" run ahead.
        return _TOO_DEEP
    if _unclosed_quote(exc):
        return "lỗi cú pháp YAML: dấu nháy (\" hoặc ') mở ở dòng này chưa được đóng; hãy thêm dấu nháy đóng ở cuối giá trị"
    for needle, hint in _YAML_HINTS:
        if needle in problem:
            return f"lỗi cú pháp YAML: {hint}"
    return f"lỗi cú pháp YAML ({(exc.problem or '').strip()})"


_FLOAT_TAG = "tag:yaml.org,2002:float"
#: "1.245", "14.162": digits grouped by dots the Vietnamese way, which YAML reads
#: as a decimal fraction (1.245 = one and a quarter).
_GROUPED = re.compile(r"^[+-]?\d{1,3}(?:\.\d{3})+$")


class GroupedNumber(str):
    """An unquoted number written with dots between groups of three digits.

    Kept as the text written, never as YAML's float (a thousand times smaller);
    the record schema decides what it means where a number is expected.
    """


_MERGE_TAG = "tag:yaml.org,2002:merge"
_NULL_TAG = "tag:yaml.org,2002:null"
_STR_TAG = "tag:yaml.org,2002:str"


class _Nothing:
    """Marks "no key read yet" in a mapping being built."""


_NO_KEY = _Nothing()


@dataclass
class _Anchored:
    """What an anchor (``&name``) stands for, so an alias (``*name``) can be counted."""

    value: Any
    count: int
    chars: int
    items: list[tuple[FieldPath, int]]  # lines, relative to the anchored value


#: One tuple per field path, shared by every record that has the field: each of
#: thousands of records has its ("participants", 0, "name"); a source keeps the
#: line of every one of its fields for as long as the site is built.
_PATHS: dict[FieldPath, FieldPath] = {}
#: The paths of each shared path's children, by key or item index: the builder finds
#: a child's path without making a tuple to look it up.
_CHILDREN: dict[FieldPath, dict[str | int, FieldPath]] = {}


def _shared(path: FieldPath) -> FieldPath:
    return _PATHS.setdefault(path, path)


def _children(path: FieldPath) -> dict[str | int, FieldPath]:
    kids = _CHILDREN.get(path)
    if kids is None:
        kids = _CHILDREN[path] = {}
    return kids


def _child(parent: FieldPath, kids: dict[str | int, FieldPath], part: str | int) -> FieldPath:
    path = kids.get(part)
    if path is None:
        path = kids[part] = _shared(parent + (part,))
    return path


# ---------------------------------------------------------------- YAML scalars

#: The first characters PyYAML's resolver gives a type other than string: a quoted
#: value, or a plain one starting otherwise (most text), is a string without asking
#: it.  This holds only for the resolver as PyYAML ships it (None: one resolver for
#: any first character, or one by path).
_IMPLICIT_STARTS: frozenset[str] | None = (
    None if None in _Loader.yaml_implicit_resolvers or _Loader.yaml_path_resolvers
    else frozenset(_Loader.yaml_implicit_resolvers)
)
#: Plain (unquoted, untagged) scalars short enough to recur from record to record
#: (numbers, dates, "yes", short names, keys) → their tag, and → the value made of
#: them.  Asking the resolver and the constructor is the dearest step of reading a
#: scalar; what they answer for a plain scalar depends on its text alone (no resolver
#: by path: see _IMPLICIT_STARTS), and every such value is immutable.
_PLAIN_TAGS: dict[str, str] = {}
_PLAIN_VALUES: dict[str, Any] = {}
_PLAIN_LONGEST = 40
_PLAIN_MOST = 100_000


def _tag(loader: Any, event: yaml.ScalarEvent) -> str:
    tag = event.tag
    if tag is None or tag == "!":
        value = event.value
        starts = _IMPLICIT_STARTS
        if starts is None:
            return str(loader.resolve(yaml.ScalarNode, value, event.implicit))
        if not event.implicit[0] or (value and value[0] not in starts):
            return _STR_TAG
        # Resolved by its text alone (implicit[0]: the resolver reads no more).
        known = _PLAIN_TAGS.get(value)
        if known is None:
            known = str(loader.resolve(yaml.ScalarNode, value, event.implicit))
            if len(value) <= _PLAIN_LONGEST and len(_PLAIN_TAGS) < _PLAIN_MOST:
                _PLAIN_TAGS[value] = known
        return known
    return str(tag)


def _scalar(loader: Any, event: yaml.ScalarEvent) -> Any:
    """The Python value of a scalar (the builder's loop has taken the simple strings already)."""
    value = event.value
    # Plain and untagged: its tag and value follow from its text alone (see _PLAIN_TAGS).
    plain = event.tag is None and event.implicit[0] and _IMPLICIT_STARTS is not None
    if plain:
        known = _PLAIN_VALUES.get(value, _NO_KEY)
        if known is not _NO_KEY:
            return known
    tag = _tag(loader, event)
    made = value if tag == _STR_TAG else _construct(tag, event)
    if plain and len(value) <= _PLAIN_LONGEST and len(_PLAIN_VALUES) < _PLAIN_MOST:
        _PLAIN_VALUES[value] = made
    return made


def _construct(tag: str, event: yaml.ScalarEvent) -> Any:
    if tag == _FLOAT_TAG and _GROUPED.match(event.value):
        return GroupedNumber(event.value)
    node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)  # type: ignore[arg-type]
    try:
        return SafeConstructor().construct_object(node, deep=True)
    except (ConstructorError, ValueError, OverflowError, TypeError):
        # e.g. "2018-13-45" looks like a YAML date but is not one: keep the
        # text, the record schema reports it as a bad date with its field.
        return event.value


# ---------------------------------------------------------------- YAML values

def _too_many(line: int, count: int, chars: int) -> LoadError:
    if count > MAX_NODES:
        return LoadError(
            line,
            f"tệp có quá nhiều giá trị (hơn {MAX_NODES}) sau khi khai triển bí danh YAML (&, *); "
            "bản ghi không cần bí danh, hãy viết thẳng giá trị",
        )
    return LoadError(
        line,
        f"tệp quá dài (hơn {MAX_CHARS:_} ký tự) sau khi khai triển bí danh YAML (&, *); ".replace("_", ".")
        + "bản ghi không cần bí danh, hãy viết thẳng giá trị",
    )


def _undefined_alias(event: yaml.AliasEvent, line: int) -> LoadError:
    # An anchor is registered when its value is complete, so "&a [*a]" lands here too.
    return LoadError(
        line, f"lỗi cú pháp YAML: bí danh “*{event.anchor}” chưa được định nghĩa bằng “&{event.anchor}” ở trước"
    )


_NOT_A_NAME = "tên khóa phải là một chữ (ví dụ “title:”), không phải danh sách, bảng hay giá trị rỗng"


def _checked_key(key: Any, into: dict[str, Any], lines: dict[FieldPath, int], here: FieldPath, line: int) -> str:
    """``key`` if it can name a field of the mapping ``into`` (at ``here``), else LoadError."""
    if not isinstance(key, str) or not key.strip():
        raise LoadError(line, _NOT_A_NAME)
    if key in into:
        # The mapping's every earlier key has its value in it; the first line recorded
        # for the key's path is the line of that key.
        raise LoadError(
            line,
            f"khóa “{key}” xuất hiện hai lần trong cùng một mục (lần đầu ở dòng {lines[here + (key,)]}); "
            + ("nếu đây là hai mục (hai người, hai văn bản…), hãy bắt đầu mục thứ hai bằng “- ”; nếu không, "
               "hãy xóa một lần" if here and isinstance(here[-1], int) else "hãy xóa một lần"),
        )
    return key


# The opened container, kept while its contents are read: (the container, whether a
# mapping, its path, its children's paths, (anchor, first of its entries recorded,
# values and characters counted before it) when it has an anchor).
_Frame = tuple[Any, bool, FieldPath, dict[str | int, FieldPath], tuple[str, int, int, int] | None]


def _build(loader: Any, offset: int,
           folded: list[tuple[FieldPath, int]] | None = None) -> tuple[Any, dict[FieldPath, int]]:
    """The YAML event stream → Python values and the line of every field path.

    Built from events with an explicit stack rather than from a composed node
    graph: the composer recurses once per nesting level and a few thousand ``[``
    overflow the C stack (a crash, not an error).  Every bound is checked here as
    values appear: nesting depth, values and characters after alias expansion.

    The loop runs once per value of every record, the first stage of every build:
    it is one function working on local names, with the common cases (a plain or
    quoted string, a key, a mapping, a list) written out in it.

    ``folded`` receives the path and line of every list item written, unquoted, over
    several lines: YAML joins them, and a clerk who left out a "- " finds two items in one.
    """
    get_event = loader.get_event
    starts = _IMPLICIT_STARTS or frozenset()
    fast = _IMPLICIT_STARTS is not None
    plain_tags, plain_values, intern, no_key = _PLAIN_TAGS, _PLAIN_VALUES, sys.intern, _NO_KEY
    max_nodes, max_chars, first_line = MAX_NODES, MAX_CHARS, 1 + offset
    scalar_event, alias_event, mapping_start, sequence_start, mapping_end, sequence_end = (
        yaml.ScalarEvent, yaml.AliasEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent, yaml.MappingEndEvent,
        yaml.SequenceEndEvent)
    lines: dict[FieldPath, int] = {}  # first line for each path: a mapping value keeps its key's
    anchors: dict[str, _Anchored] = {}
    # Entries (path, line) while an anchored container is open: an alias repeats them.
    recorded: list[tuple[FieldPath, int]] = []
    recording = 0
    count = chars = documents = 0
    result: Any = None
    stack: list[_Frame] = []  # the containers around the one being filled
    into: Any = None  # the container being filled: None at the top of the document
    is_map = False
    here: FieldPath = ()
    kids = _children(here)
    opened: tuple[str, int, int, int] | None = None
    key: Any = _NO_KEY  # in a mapping, the key waiting for its value
    key_path: FieldPath = ()
    while True:
        event = get_event()
        kind = type(event)
        if kind is scalar_event:
            line = event.start_mark.line + first_line
            text = event.value
            count += 1
            chars += len(text)
            if count > max_nodes or chars > max_chars:
                raise _too_many(line, count, chars)
            untagged = event.tag is None
            # A string without asking the resolver: see _IMPLICIT_STARTS.
            simple = fast and untagged and (not event.implicit[0] or (text and text[0] not in starts))
            if is_map and key is no_key:
                if simple:
                    key = intern(text)
                else:
                    # Not simple, yet untagged: plain, so _tag's memo answers if it knows.
                    tag = (untagged and plain_tags.get(text)) or _tag(loader, event)
                    if tag == _MERGE_TAG:
                        raise LoadError(line, "không dùng khóa gộp “<<” trong bản ghi")
                    # A key is a name: "yes" stays "yes", "2018" stays "2018" (not True, 2018).
                    key = None if tag == _NULL_TAG else intern(text)
                if key is None or key in into or not key.strip():
                    _checked_key(key, into, lines, here, line)  # raises
                key_path = kids.get(key) or _child(here, kids, key)
                if key_path not in lines:
                    lines[key_path] = line
                if recording:
                    recorded.append((key_path, line))
                continue
            if simple:
                value = text
            else:
                value = plain_values.get(text, no_key) if untagged else no_key  # see _scalar
                if value is no_key:
                    if not untagged and not event.tag.startswith(("tag:yaml.org,2002:", "!!")) and event.tag != "!":
                        raise LoadError(line, _reserved_start(f"{event.tag} {text}".strip()))
                    value = _scalar(loader, event)
            if is_map:
                path = key_path  # in the line map already, with its key's line
                into[key] = value
                key = no_key
            else:
                if into is None:
                    path = ()
                    result = value
                else:
                    path = kids.get(len(into)) or _child(here, kids, len(into))
                    into.append(value)
                    if folded is not None and not event.style and event.end_mark.line != event.start_mark.line:
                        folded.append((path, line))
                if path not in lines:
                    lines[path] = line
            if recording:
                recorded.append((path, line))
            if event.anchor is not None:
                anchors[event.anchor] = _Anchored(value, 1, len(text), [((), line)])
        elif kind is mapping_start or kind is sequence_start:
            line = event.start_mark.line + first_line
            count += 1
            if count > max_nodes:
                raise _too_many(line, count, chars)
            if is_map and key is no_key:
                raise LoadError(line, _NOT_A_NAME)
            if is_map:
                path = key_path
            elif into is None:
                path = ()
            else:
                path = kids.get(len(into)) or _child(here, kids, len(into))
            anchor = event.anchor
            if anchor is not None:
                recording += 1
                opened_here: tuple[str, int, int, int] | None = (anchor, len(recorded), count - 1, chars)
            else:
                opened_here = None
            if path not in lines:
                lines[path] = line
            if recording:
                recorded.append((path, line))
            if len(stack) >= MAX_DEPTH:
                raise LoadError(line, _TOO_DEEP)
            container: Any = {} if kind is mapping_start else []
            if is_map:
                into[key] = container
                key = no_key
            elif into is None:
                result = container
            else:
                into.append(container)
            stack.append((into, is_map, here, kids, opened))
            into, is_map, here, kids, opened = container, kind is mapping_start, path, _children(path), opened_here
        elif kind is mapping_end or kind is sequence_end:
            if opened is not None:
                anchor, first, count_start, chars_start = opened
                cut = len(here)
                anchors[anchor] = _Anchored(into, count - count_start, chars - chars_start,
                                            [(path[cut:], at) for path, at in recorded[first:]])
                recording -= 1
                if not recording:
                    recorded.clear()
            into, is_map, here, kids, opened = stack.pop()
        elif kind is alias_event:
            line = event.start_mark.line + first_line
            if is_map and key is no_key:
                count += 1
                if count > max_nodes:
                    raise _too_many(line, count, chars)
                anchored = anchors.get(event.anchor or "")
                if anchored is None:
                    raise _undefined_alias(event, line)
                key = _checked_key(anchored.value, into, lines, here, line)
                key_path = kids.get(key) or _child(here, kids, key)
                if key_path not in lines:
                    lines[key_path] = line
                if recording:
                    recorded.append((key_path, line))
                continue
            anchored = anchors.get(event.anchor or "")
            if anchored is None:
                raise _undefined_alias(event, line)
            count += anchored.count
            chars += anchored.chars
            if count > max_nodes or chars > max_chars:
                raise _too_many(line, count, chars)
            if is_map:
                path = key_path
                into[key] = anchored.value
                key = no_key
            elif into is None:
                path = ()
                result = anchored.value
            else:
                path = kids.get(len(into)) or _child(here, kids, len(into))
                into.append(anchored.value)
            for rel, at in anchored.items:
                full = path + rel
                if full not in lines:
                    lines[full] = at
                if recording:
                    recorded.append((full, at))
        elif kind is yaml.StreamEndEvent:
            break
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise LoadError(
                    event.start_mark.line + first_line,
                    "tệp có hơn một khối YAML (một dòng “---” hoặc “...” thừa); "
                    "mỗi tệp chỉ chứa một bản ghi",
                )
    return result, lines


# ---------------------------------------------------------------- pasted characters

#: Characters that text copied from web pages and Word brings along, invisible or
#: looking like ones YAML gives a meaning to; named for editors.
PASTED_CHARACTERS: dict[str, str] = {
    "\u00a0": "dấu cách không ngắt (U+00A0)",
    "\u202f": "dấu cách hẹp không ngắt (U+202F)",
    "\u2007": "dấu cách chữ số (U+2007)",
    "\u2009": "dấu cách mảnh (U+2009)",
    "\u3000": "dấu cách toàn khổ (U+3000)",
    "\u200b": "ký tự vô hình “khoảng trắng độ rộng 0” (U+200B)",
    "\u200c": "ký tự vô hình “không nối” (U+200C)",
    "\u200d": "ký tự vô hình “nối” (U+200D)",
    "\u2060": "ký tự vô hình “nối từ” (U+2060)",
    "\ufeff": "ký tự vô hình BOM (U+FEFF)",
}
#: Word's "smart quotes": to YAML they are letters, not quotes.
CURLY_QUOTES: dict[str, str] = {
    "\u201c": "dấu nháy kép cong “ (U+201C)",
    "\u201d": "dấu nháy kép cong ” (U+201D)",
    "\u2018": "dấu nháy đơn cong ‘ (U+2018)",
    "\u2019": "dấu nháy đơn cong ’ (U+2019)",
}
_INVISIBLE = "".join(PASTED_CHARACTERS)
#: Those that take no room at all (the others at least look like a space).
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")
#: Any of them, in a text (a search: a tenth of the time of a set's ``isdisjoint``).
ZERO_WIDTH_PATTERN = re.compile("[" + "".join(sorted(ZERO_WIDTH)) + "]")
_PASTE_HINT = "thường do sao chép từ trang web hay Word"
_INDENT = re.compile(rf"^[ \t{_INVISIBLE}]*")
_KEY = re.compile(rf"^[ \t]*(?:-[ \t]+)*(?P<key>[^\s:#\"'\[\]{{}},|>&*!%@`-][^:#\n]*?):(?P<after>[ \t{_INVISIBLE}]|$)")
_VALUE = re.compile(r"^[ \t]*(?:-[ \t]+|[^\s:#\"'\[\]{},|>&*!%@`-][^:#\n]*?:[ \t]+)(?P<value>.*)$")


def _describe(chars: str) -> str:
    return " và ".join(dict.fromkeys(PASTED_CHARACTERS[c] for c in chars if c in PASTED_CHARACTERS))


def _pasted_structure(text: str, line_offset: int) -> None:
    """Refuse invisible pasted characters where YAML reads structure (indentation, keys,
    the space after “:”), naming the character: YAML's own message would send the
    editor looking for a quote or an indentation that looks right on screen."""
    if not any(c in text for c in _INVISIBLE):
        return
    for number, line in enumerate(text.split("\n"), 1 + line_offset):
        if not any(c in line for c in _INVISIBLE):
            continue
        indent = _INDENT.match(line).group()  # type: ignore[union-attr]
        if any(c in indent for c in _INVISIBLE):
            raise LoadError(number, f"đầu dòng có {_describe(indent)}, {_PASTE_HINT}; YAML chỉ nhận dấu cách "
                            "thường để thụt lề: hãy xóa các khoảng trắng ở đầu dòng rồi gõ lại bằng phím cách")
        key = _KEY.match(line)
        if key is None:
            continue
        if any(c in key["key"] for c in _INVISIBLE):
            shown = "".join(c for c in key["key"] if c not in _INVISIBLE).strip()
            raise LoadError(number, f"tên khóa “{shown}” có {_describe(key['key'])}, {_PASTE_HINT}; "
                            "hãy xóa tên khóa rồi gõ lại")
        if key["after"] and key["after"] in _INVISIBLE:
            raise LoadError(number, f"sau dấu “:” của khóa “{key['key'].strip()}” là {_describe(key['after'])}, "
                            f"{_PASTE_HINT}, không phải dấu cách thường; hãy xóa nó rồi gõ lại một dấu cách")


def _quoting_mistake(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, str] | None:
    """(line, message) when a syntax error comes from a value's opening quote:
    Word's curly quotes (not quotes to YAML) or a quoted phrase followed by more text."""
    lines = text.split("\n")
    marks = [m.line for m in (exc.context_mark, exc.problem_mark) if m is not None]
    for index in dict.fromkeys(i for at in marks for i in (at, at - 1) if 0 <= i < len(lines)):
        found = _VALUE.match(lines[index])
        value = found["value"].strip() if found else ""
        if value[:1] in CURLY_QUOTES:
            return index + 1, (
                f"giá trị bắt đầu bằng {CURLY_QUOTES[value[0]]} (Word tự đổi dấu nháy thẳng thành dấu cong); "
                "với YAML đó là một chữ, không phải dấu nháy, nên dấu “: ” bên trong làm hỏng dòng: "
                "hãy đặt cả giá trị trong dấu nháy thẳng, ví dụ \"…\" hoặc '…' (dấu cong bên trong được giữ nguyên)")
        if value and value[0] in "\"'":
            quote = value[0]
            close = value.find(quote, 1)
            while quote == "'" and close != -1 and value[close + 1:close + 2] == "'":
                close = value.find(quote, close + 2)
            rest = value[close + 1:].strip() if close != -1 else ""
            if rest and not rest.startswith("#"):
                other = "'" if quote == '"' else '"'
                return index + 1, (
                    f"giá trị bắt đầu bằng dấu nháy {quote} nên YAML coi dấu nháy đóng là hết giá trị, "
                    f"nhưng sau đó còn chữ (“{rest[:30]}”); hãy đặt cả giá trị trong dấu nháy {other}…{other}, "
                    f"ví dụ {other}{value[:40]}{'…' if len(value) > 40 else ''}{other}")
    return None


def parse_yaml(text: str, line_offset: int = 0,
               folded: list[tuple[FieldPath, int]] | None = None) -> tuple[Any, dict[FieldPath, int]]:
    """Parse one YAML document; raise :class:`LoadError` with the line on any fault.
    ``folded``: see :func:`_build`."""
    _pasted_structure(text, line_offset)
    loader = _Loader(text)
    try:
        return _build(loader, line_offset, folded)
    except yaml.MarkedYAMLError as exc:
        mistake = _quoting_mistake(exc, text)
        if mistake is not None:
            raise LoadError(mistake[0] + line_offset, f"lỗi cú pháp YAML: {mistake[1]}") from None
        slip = _syntax_slip(exc, text) if "\t" not in text else None  # a Tab has its own message
        if slip is not None:
            raise LoadError(slip[0] + 1 + line_offset, slip[1]) from None
        raise LoadError(_yaml_line(exc) + line_offset, _yaml_message(exc, text)) from None
    except yaml.reader.ReaderError as exc:
        # libyaml counts bytes, the pure-Python reader characters: find the character instead.
        where = text.find(chr(exc.character)) if isinstance(exc.character, int) else -1
        line = text.count("\n", 0, max(where, 0)) + 1 + line_offset
        raise LoadError(
            line,
            f"tệp chứa ký tự điều khiển không in được (U+{exc.character:04X}) mà YAML không cho phép; "
            "hãy xóa ký tự đó (thường do sao chép từ Word hay trang web)"
            if isinstance(exc.character, int) else f"lỗi đọc YAML ({exc.reason})",
        ) from None
    except yaml.YAMLError as exc:
        raise LoadError(1 + line_offset, f"lỗi cú pháp YAML ({exc})") from None
    finally:
        loader.dispose()


def split_front_matter(text: str) -> tuple[str, str, int, int]:
    """(yaml text, body, line offset of the yaml, first line of the body)."""
    handler = YAMLHandler()
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


def _check_size(size: int) -> None:
    if size > MAX_FILE_BYTES:
        raise LoadError(
            1,
            f"tệp quá lớn ({size / 1_000_000:.1f} MB, tối đa {MAX_FILE_BYTES // 1_000_000} MB); ".replace(".", ",", 1)
            + "một bản ghi chỉ cần vài chục KB: hãy kiểm tra lại nội dung",
        )


def read_source(path: Path, shown: str) -> Source:
    """Read one record or registry file; raise :class:`LoadError` on any fault."""
    # Refused on its size alone, before reading a byte; the read is bounded too,
    # in case the file grows in between.
    size = path.stat().st_size
    _check_size(size)
    with path.open("rb") as handle:
        # What the file holds and a byte more, which tells it grew: reading up to the
        # bound at once would make a megabyte's buffer for every file.
        raw = handle.read(size + 1)
        if len(raw) > size:
            raw += handle.read(MAX_FILE_BYTES + 1 - len(raw))
    _check_size(len(raw))
    text = decode(raw)
    marks = _draft_marks(text)
    folded: list[tuple[FieldPath, int]] = []
    if path.suffix.lower() == ".md":
        fm, body, offset, body_line = split_front_matter(text)
        data, lines = parse_yaml(fm, offset, folded)
        return Source(shown, data, body, body_line, lines, _no_zero_width(fm), marks, tuple(folded))
    data, lines = parse_yaml(text, 0, folded)
    return Source(shown, data, "", 1, lines, _no_zero_width(text), marks, tuple(folded))


#: What ``bienban draft`` writes beside every value it guessed (a YAML comment, so gone
#: once parsed: looked for in the file's text).
DRAFT_MARK = "# TODO kiểm tra"


def _draft_marks(text: str) -> tuple[int, ...]:
    if DRAFT_MARK not in text:
        return ()  # nearly every record
    return tuple(i for i, line in enumerate(text.split("\n"), 1) if DRAFT_MARK in line)


def _no_zero_width(text: str) -> bool:
    """Whether no value parsed from the YAML ``text`` can hold a zero-width character:
    none is written in it, nor a “\\” (a quoted value's escape could make one)."""
    return "\\" not in text and not any(char in text for char in ZERO_WIDTH)


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
