"""Safe Markdown: record text lands on a page as the literal text the editor typed.

Every value a template prints is escaped by default (see :mod:`generator.render`);
only :class:`Md` values, built here, pass through as Markdown.
"""

from __future__ import annotations

import html
import re


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


def escape(text: object) -> Md:
    """Inline Markdown showing ``text`` literally; newlines become spaces."""
    value = " ".join(str(text).split())
    value = _INLINE.sub(_ref, value)
    value = _LINE_START.sub(lambda m: m.group(1) + "".join(f"&#{ord(c)};" for c in m.group(2)), value)
    return Md(value)


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

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.S)
_UNSAFE_LINK = re.compile(
    r"(\]\(\s*<?|\]:\s*<?|^\s*\[[^\]]*\]:\s*<?)\s*(?:javascript|vbscript|data|file)\s*:",
    re.IGNORECASE | re.M,
)


def safe_body(text: str) -> str:
    """The Markdown body of a record with raw HTML shown as text and unsafe links disarmed.

    Markdown itself (emphasis, lists, links to http/https pages) keeps working.
    Code blocks and code spans are left as written: Markdown shows them literally.
    """
    out: list[str] = []
    fence: str | None = None
    for line in text.splitlines():
        marker = _FENCE.match(line)
        if fence is not None:
            out.append(line)
            if marker and marker.group(1)[0] == fence[0] and len(marker.group(1)) >= len(fence):
                fence = None
            continue
        if marker:
            fence = marker.group(1)
            out.append(line)
            continue
        if line.startswith(("    ", "\t")) and (not out or not out[-1].strip()):
            out.append(line)  # indented code block
            continue
        out.append(_escape_outside_code(line))
    return _UNSAFE_LINK.sub(lambda m: m.group(1) + "#", "\n".join(out))


def _escape_outside_code(line: str) -> str:
    parts: list[str] = []
    last = 0
    for match in _CODE_SPAN.finditer(line):
        parts.append(_escape_html(line[last : match.start()]))
        parts.append(match.group(0))
        last = match.end()
    parts.append(_escape_html(line[last:]))
    return "".join(parts)


def _escape_html(text: str) -> str:
    # Raw HTML needs "<"; "&" only where it would start an entity, so "A & B"
    # stays readable.  ">" is left alone: at a line start it is a Markdown quote.
    text = re.sub(r"&(?=#?\w+;)", "&amp;", text)
    return text.replace("<", "&lt;")
