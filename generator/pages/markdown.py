"""Safe Markdown: record text lands on a page as the literal text the editor typed.

Every value a template prints is escaped by default (see :mod:`generator.pages.render`);
only :class:`Md` values, built here, pass through as Markdown.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from functools import lru_cache

from ..language.text import in_code_fences


class Md(str):
    """A string that is already safe Markdown."""


# Characters that start Markdown or HTML constructs anywhere in a line.  They
# become numeric character references, which Markdown leaves alone and the
# browser shows as the character itself.
_INLINE = re.compile(r"[\\`*_\[\]<>&{}|!#()~^=:\"$]")
# Characters that start a block only at the beginning of a line.
_LINE_START = re.compile(r"^(\s*)([-+.>=]|\d+[.)])")


def _ref(match: re.Match[str]) -> str:
    return f"&#{ord(match.group(0))};"


# Invisible control characters: browsers drop them, and Python-Markdown uses
# \x02/\x03 to mark its own placeholders, which record text must not forge.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _escape(value: str) -> Md:
    # Most text has no control character and no space but single ASCII ones (every
    # other space and control character is unprintable): only its ends to trim then,
    # and the check costs a fifth of the full clean-up (half of a paragraph's escaping).
    if value.isprintable() and "  " not in value:
        value = value.strip(" ")
    else:
        value = " ".join(_CONTROL.sub("", value).split())
    value = _INLINE.sub(_ref, value)
    value = _LINE_START.sub(lambda m: m.group(1) + "".join(f"&#{ord(c)};" for c in m.group(2)), value)
    return Md(value)


#: Names, titles and labels come back on page after page; a paragraph of a record
#: seldom does, and a cache of them would hold the text of the whole site twice.
_escape_short = lru_cache(maxsize=100_000)(_escape)
_SHORT = 120


def escape(text: object) -> Md:
    """Inline Markdown showing ``text`` literally; newlines become spaces."""
    value = str(text)
    return _escape_short(value) if len(value) <= _SHORT else _escape(value)


def escape_keep_space(text: str) -> Md:
    """Like :func:`escape` for a piece of a sentence: an outer space is kept (as one)."""
    lead = " " if text[:1].isspace() else ""
    tail = " " if text[-1:].isspace() and text.strip() else ""
    return Md(lead + (escape(text) if text.strip() else "") + tail)


def link(label: Md, target: str, title: str | None = None) -> Md:
    """``[label](target)``; ``target`` is a relative .md path we generated (ASCII)."""
    if title:
        return Md(f'[{label}]({target} "{escape_attribute(title)}")')
    return Md(f"[{label}]({target})")


def escape_attribute(text: str) -> str:
    return html.escape(" ".join(text.split()), quote=True).replace("\\", "&#92;")


def html_text(text: str) -> str:
    """For front matter values MkDocs and Material print without escaping (titles)."""
    return html.escape(" ".join(text.split()), quote=True)


# ----------------------------------------------------------------- record bodies

_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.S)
# "[text](javascript:…)", "![alt](…)" and "[ref]: javascript:…": Markdown would make
# a link of them.  The "(" (or the definition's "[") gets a backslash instead, so
# Markdown shows the whole thing as the text the editor typed.  Markdown allows
# spaces and a line break after "(", and the address may be on the next line.
_LINK_OPEN = re.compile(r"\](\s*)\(")
_DEFINITION = re.compile(r"^([ ]{0,3})\[(?=[^\[\]\n]*\]:)", re.M)
_BAD_SCHEMES = ("javascript:", "vbscript:", "data:", "file:")


def _bad_address(text: str) -> bool:
    """True if the address starting ``text`` would run in a browser."""
    # Undo this module's escaping, then the editor's own character references
    # ("&#106;avascript:"); browsers also drop control characters, tabs and line
    # breaks inside an address ("java\tscript:" is "javascript:").
    plain = html.unescape(html.unescape(text.replace("&lt;", "<")))
    # Python-Markdown strips any Unicode space around an address (U+00A0 too).
    plain = "".join(re.sub(r"[\x00-\x20<]+", "", plain).split()).lower()
    return plain.startswith(_BAD_SCHEMES)


def _disarm_links(body: str) -> str:
    def inline(match: re.Match[str]) -> str:
        bad = _bad_address(body[match.end() : match.end() + 200])
        return "]" + match.group(1) + ("\\(" if bad else "(")

    body = _LINK_OPEN.sub(inline, body)

    def definition(match: re.Match[str]) -> str:
        start = body.index("]:", match.end()) + 2
        bad = _bad_address(body[start : start + 200])
        return match.group(1) + ("\\[" if bad else "[")

    return _DEFINITION.sub(definition, body)


# Code kept aside while links are disarmed (NUL never reaches here: the loader refuses it).
_STASHED = re.compile("\x00(\\d+)\x00")


#: What :func:`safe_body` may change in a line besides control characters: HTML and
#: entities ("<", "&"), attribute lists ("{") and links ("[", "]").
_BODY_MARKS = re.compile(r"[&<{\[\]]")


def has_body_marks(text: str) -> bool:
    """Whether :func:`safe_body` has anything to escape or disarm in ``text``."""
    return _BODY_MARKS.search(text) is not None


def safe_body(text: str, *, allow_html: bool = False, marked: bool | None = None) -> str:
    """The Markdown body of a record with raw HTML shown as text and unsafe links disarmed.

    Markdown itself (emphasis, lists, links to http/https pages) keeps working.
    Code blocks and code spans are left as written: Markdown shows them literally.
    ``allow_html`` is the site owner's choice (``extra.bienban.raw_html`` in
    mkdocs.yml) to trust the editors: the body then goes through as written.
    ``marked``: :func:`has_body_marks` of the text, when the caller knows better (it
    added links of its own, to generated pages, to a text without).
    """
    if allow_html:
        return _CONTROL.sub("", text)
    if not (has_body_marks(text) if marked is None else marked):
        # Nothing to escape nor disarm (most bodies): what the line by line pass
        # would give, in one step.
        return "\n".join(_CONTROL.sub("", text).splitlines())
    return _safe_body_by_line(text)


def _safe_body_by_line(text: str) -> str:
    stash: list[str] = []

    def keep(code: str) -> str:
        stash.append(code)
        return f"\x00{len(stash) - 1}\x00"

    out: list[str] = []
    indented = False  # inside an indented code block
    blank = True  # the previous line was blank (or there was none)
    lines = _CONTROL.sub("", text).splitlines()
    for line, fenced in zip(lines, in_code_fences(lines)):
        if fenced:
            out.append(keep(line))
            continue
        # An indented code block starts after a blank line and runs while lines stay indented.
        indented = line.startswith(("    ", "\t")) and (blank or indented) and bool(line.strip())
        blank = not line.strip()
        out.append(keep(line) if indented else _escape_outside_code(line, keep))
    # On the whole text, not line by line: a link may span a line break.
    body = _disarm_links("\n".join(out))
    return _STASHED.sub(lambda m: stash[int(m.group(1))], body)


_ATX_HEADING = re.compile(r"^( {0,3})(#{1,6})(?=[ \t]|$)")
_SETEXT_RULE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_SETEXT_RULE_ANYWHERE = re.compile(_SETEXT_RULE.pattern, re.M)


def nest_headings(text: str, under: int) -> str:
    """``text``'s headings moved down so that its highest one is of level ``under`` + 1:
    a record's notes sit under the page's "Ghi chú" (level ``under``), and an editor's
    "## Nhiệm vụ quý II" belongs to them, not beside the page's own sections.  A one-line
    heading underlined with "===" or "---" becomes a "#" heading of its new level; code
    is left as written."""
    if "#" not in text and _SETEXT_RULE_ANYWHERE.search(text) is None:
        return text  # most notes: no heading at all, nothing to walk line by line
    lines = text.split("\n")
    # whether each line is outside code
    prose = [not fenced and not line.startswith(("    ", "\t")) for line, fenced in zip(lines, in_code_fences(lines))]
    levels: dict[int, int] = {}  # line → level, for every heading
    for i, line in enumerate(lines):
        if not prose[i]:
            continue
        atx = _ATX_HEADING.match(line)
        rule = _SETEXT_RULE.match(line)
        if atx:
            levels[i] = len(atx.group(2))
        elif rule and i > 0 and prose[i - 1] and lines[i - 1].strip() and i - 1 not in levels \
                and (i == 1 or not lines[i - 2].strip()) and not lines[i - 1].lstrip().startswith(("-", "*", "+", ">")):
            levels[i] = 1 if rule.group(1)[0] == "=" else 2
    if not levels:
        return text
    shift = under + 1 - min(levels.values())
    if shift <= 0:
        return text
    for i, level in levels.items():
        new = "#" * min(level + shift, 6)
        atx = _ATX_HEADING.match(lines[i])
        if atx:
            lines[i] = atx.group(1) + new + lines[i][atx.end():]
        else:  # underlined: the line above is its text
            lines[i - 1], lines[i] = f"{new} {lines[i - 1].strip()}", ""
    return "\n".join(lines)


# A Markdown link or image, an autolink, or a reference definition: text inside
# them must not receive another link.
_MARKDOWN_LINK = re.compile(
    r"!?\[[^\]\n]*\]\([^)\n]*\)|<[A-Za-z][A-Za-z0-9+.-]*:[^>\s]*>|^[ ]{0,3}\[[^\]\n]+\]:.*$", re.M
)


#: What :func:`protected_spans` looks for: a code span or fence ("`", "~"), a link ("[",
#: "<"), a line indented as code (four spaces or a tab; any line break but "\n" too,
#: rather than tell where each line starts).
_CODE_OR_LINK = re.compile("[`~\\[<\t\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]|^    ", re.M)


def protected_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the parts of a record body where a document number must stay
    as written: code (blocks, spans) and existing links.  A link put there would show
    as link syntax inside code, or nest inside the editor's own link."""
    if not _CODE_OR_LINK.search(text):
        return []  # no code, no link (most bodies)
    return _protected_spans_by_line(text)


def _protected_spans_by_line(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    indented = False
    blank = True
    at = 0
    lines = text.splitlines(keepends=True)
    for line, fenced in zip(lines, in_code_fences(line.rstrip("\r\n") for line in lines)):
        bare = line.rstrip("\r\n")
        if fenced:
            spans.append((at, at + len(bare)))
        else:
            indented = bare.startswith(("    ", "\t")) and (blank or indented) and bool(bare.strip())
            if indented:
                spans.append((at, at + len(bare)))
            else:
                spans.extend((at + m.start(), at + m.end()) for m in _CODE_SPAN.finditer(bare))
                spans.extend((at + m.start(), at + m.end()) for m in _MARKDOWN_LINK.finditer(bare))
        blank = not bare.strip()
        at += len(line)
    return sorted(spans)


def _escape_outside_code(line: str, keep: Callable[[str], str]) -> str:
    parts: list[str] = []
    last = 0
    for match in _CODE_SPAN.finditer(line):
        parts.append(_escape_html(line[last : match.start()]))
        parts.append(keep(match.group(0)))
        last = match.end()
    parts.append(_escape_html(line[last:]))
    return "".join(parts)


def _escape_html(text: str) -> str:
    # Raw HTML needs "<"; "&" only where it would start an entity, so "A & B"
    # stays readable.  ">" is left alone: at a line start it is a Markdown quote.
    # "{" starts an attribute list ("{: onclick=…}", the attr_list extension is on).
    text = re.sub(r"&(?=#?\w+;)", "&amp;", text)
    return text.replace("<", "&lt;").replace("{", "&#123;")


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARKS = re.compile(r"(?<!\w)[*_`~]+|[*_`~]+(?!\w)|^\s{0,3}(?:#{1,6}\s+|>\s?|[-+*]\s+|\d+[.)]\s+)", re.M)


def plain_text(markdown_text: str) -> str:
    """What a reader sees of a piece of Markdown, for quoting it elsewhere:
    links become their text, emphasis and code marks go."""
    return " ".join(_MD_MARKS.sub("", _MD_LINK.sub(r"\1", markdown_text)).split())
