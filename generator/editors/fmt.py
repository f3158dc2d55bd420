"""``bienban fmt``: records rewritten in one canonical form, comments and body kept.

Canonical: NFC text; the contract's key order (generator/schema.py's field order);
dates as 2018-07-12; quoting only where YAML needs it; no non-breaking or zero-width
spaces; Word's curly quotes that wrap a whole value holding ": " (meant as YAML
quotes) made straight.  A round-trip YAML library (ruamel.yaml) keeps the editor's
comments; the Markdown body after the front matter is kept byte for byte.
A file `bienban check` cannot read is left alone and reported.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from ..language.text import nfc
from ..problems import FormatError, LoadError
from ..records import schema
from ..records.loader import PASTED_CHARACTERS, ZERO_WIDTH, ZERO_WIDTH_PATTERN, decode, parse_yaml

#: Spaces pasted from the web or Word that look like a space but are not one to YAML:
#: made ordinary spaces (the invisible ones, ZERO_WIDTH_PATTERN, are removed).
_ODD_SPACES = re.compile("[" + "".join(c for c in PASTED_CHARACTERS if c not in ZERO_WIDTH) + "]")
_CURLY_VALUE = re.compile(r"^(?P<lead>[ \t]*(?:-[ \t]+)*(?:[^\s:#'\"\[\]{},-][^:#\n]*?:[ \t]+)?)"
                          r"(?P<open>[“‘])(?P<inner>.*)(?P<close>[”’])[ \t]*$")
_VN_DATE = re.compile(r"^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)?(?P<close>---|\.\.\.)[ \t]*(?=\n|\Z)", re.DOTALL)


def _yaml() -> YAML:
    yaml = YAML()  # round-trip: comments, flow style and key order survive
    yaml.width = 100_000  # a long text stays on one line
    yaml.indent(mapping=2, sequence=2, offset=0)
    yaml.allow_unicode = True
    # Quotes as written: ruamel speaks YAML 1.2, where a plain `yes` or `1_000` is text,
    # but our reader (YAML 1.1) would read them as true or a number.
    yaml.preserve_quotes = True
    return yaml


def clean_text(text: str) -> str:
    """Pasted characters out, curly quotes that were meant as YAML quotes straightened."""
    text = _ODD_SPACES.sub(" ", ZERO_WIDTH_PATTERN.sub("", nfc(text)))
    out = []
    for line in text.split("\n"):
        found = _CURLY_VALUE.match(line)
        if found and ": " in found["inner"] and (found["open"], found["close"]) in (("“", "”"), ("‘", "’")):
            line = found["lead"] + "'" + found["inner"].replace("'", "''") + "'"
        out.append(line)
    return "\n".join(out)


# ------------------------------------------------------------------ key order

def _order(model: type[BaseModel]) -> list[str]:
    return [field.alias or name for name, field in model.model_fields.items()]


#: Key → the model its value (or each item of it) follows.
_NESTED: dict[str, type[BaseModel]] = {
    "source": schema.SourceRef, "participants": schema.Participant, "documents": schema.DocumentRef,
    "figures": schema.Figure,
    **{section: schema.Item for section in schema.ITEM_SECTIONS},
}
_DATE_KEYS = frozenset({"date", "end_date", "published"})


def _canonical(node: Any, model: type[BaseModel]) -> None:
    if isinstance(node, CommentedSeq):
        for item in node:
            _canonical(item, model)
        return
    if not isinstance(node, CommentedMap):
        return
    order = _order(model)
    rank = {key: i for i, key in enumerate(order)}
    for key in sorted(node, key=lambda k: rank.get(k, len(order))):
        node.move_to_end(key)  # comments are attached to their key and move with it
    for key in list(node):
        value = node[key]
        if key in _DATE_KEYS or (key == "deadline" and isinstance(value, str)):
            node[key] = _date(value)
        if key in _NESTED:
            _canonical(value, _NESTED[key])


def _date(value: Any) -> Any:
    if isinstance(value, str):
        found = _VN_DATE.match(value)
        if found:
            day, month, year = (int(g) for g in found.groups())
            try:
                return dt.date(year, month, day)
            except ValueError:
                return value  # `check` says why; fmt changes no meaning
    return value


def _normalise_strings(node: Any) -> Any:
    if isinstance(node, CommentedMap):
        for key in list(node):
            node[key] = _normalise_strings(node[key])
    elif isinstance(node, CommentedSeq):
        for i, item in enumerate(node):
            node[i] = _normalise_strings(item)
    elif isinstance(node, str) and not nfc(node) == node:
        return type(node)(nfc(node)) if type(node) is not str else nfc(node)
    return node


# ------------------------------------------------------------------ one file


@dataclass
class Formatted:
    text: str
    changed: bool


def format_yaml(yaml_text: str, line_offset: int = 0) -> str:
    cleaned = clean_text(yaml_text)
    try:
        parse_yaml(cleaned, line_offset)  # our reader's checks and messages first
    except LoadError as exc:
        raise FormatError(exc.line, exc.message) from None
    yaml = _yaml()
    try:
        data = yaml.load(cleaned)
    except YAMLError as exc:  # pragma: no cover - our reader accepted it
        raise FormatError(1 + line_offset, f"không đọc được YAML ({exc})") from None
    if data is None:
        return cleaned
    _canonical(data, schema.Record)
    _normalise_strings(data)
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def format_record(raw: bytes, suffix: str) -> Formatted:
    """The canonical text of one record file; :class:`FormatError` if it cannot be read."""
    try:
        text = decode(raw)
    except LoadError as exc:
        raise FormatError(exc.line, exc.message) from None
    original = raw.decode("utf-8-sig", errors="replace")
    if suffix.lower() != ".md":
        result = format_yaml(text)
        return Formatted(result, result != original)
    found = _FRONT_MATTER.match(text)
    if not found:
        raise FormatError(1, "tệp .md phải bắt đầu bằng dòng “---”, rồi các khóa YAML, rồi một dòng “---”")
    body = text[found.end():]
    front = format_yaml(found["yaml"] or "", 1)
    result = f"---\n{front}---{body}"
    return Formatted(result, result != original)
