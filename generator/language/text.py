"""Vietnamese text helpers: Unicode normalisation, ASCII folding, identity keys, slugs.

Everything that compares names goes through :func:`identity_key`, everything that
builds a URL goes through :func:`slug`; search (Python side and the browser worker)
folds with :func:`fold`, whose JavaScript twin lives in the search worker.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date
from functools import lru_cache

from slugify import slugify as _slugify

# "Ð" (U+00D0, Icelandic eth) is what many keyboards and Word documents produce
# for "Đ" (U+0110); the lower-case twin "ð" likewise stands in for "đ".
_LOOKALIKES = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111"})

# Old-style ("hoà", "uỷ") and new-style ("hòa", "ủy") tone placement spell the
# same syllable.  Identities use the new style; the text keeps what was written.
_OLD_TONE_PLACEMENT = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
_OLD_TONE_RE = re.compile(
    "(" + "|".join(map(re.escape, _OLD_TONE_PLACEMENT)) + r")(?![a-zđăâêôơư])",
    re.IGNORECASE,
)


def nfc(text: str) -> str:
    """NFC-normalise ``text`` and replace look-alike letters typed for Đ/đ."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if "\u00d0" in text or "\u00f0" in text:  # rare: skip the slow translate
        text = text.translate(_LOOKALIKES)
    return text


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Lower-case ASCII folding: strip tone and vowel marks, đ → d.

    >>> fold("Trương Thị Mai, Đảng ủy")
    'truong thi mai, dang uy'
    """
    text = nfc(text).lower().replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def compact_key(text: str) -> str:
    """Fold and drop everything but letters and digits: the key search looks up.

    "217-QĐ/TW", "217 qd tw" and "217QD/TW" all give "217qdtw".
    """
    return re.sub(r"[^0-9a-z]+", "", fold(text))


def _modern_tone(match: re.Match[str]) -> str:
    old = match.group(1)
    new = _OLD_TONE_PLACEMENT[old.lower()]
    return new.upper() if old.isupper() else (new.capitalize() if old[0].isupper() else new)


@lru_cache(maxsize=200_000)
def identity_key(name: str) -> str:
    """The key under which two spellings of one name are the same entity.

    Case, spacing, NFC/NFD and old/new tone placement do not matter; tones and
    vowel marks do (Hùng and Hưng are two people).
    """
    text = nfc(" ".join(name.split())).lower()
    return _OLD_TONE_RE.sub(_modern_tone, text)


@lru_cache(maxsize=16_384)  # the same names come back on every page that mentions them
def slug(text: str) -> str:
    """ASCII URL slug: "Trương Thị Mai" → "truong-thi-mai" (at most 80 characters)."""
    return _slugify(fold(text), max_length=80, word_boundary=True) or "x"


def record_id(day: date, title: str) -> str:
    """The id (and file name) `bienban new` and `bienban draft` give a meeting record.

    Made with :func:`slug`, so that ``slug(record_id(...)) == record_id(...)``: the id
    the generator derives from the file name is the file name itself.
    """
    return slug(f"{day.isoformat()} {title}")


def heading_slugify(value: str, separator: str) -> str:
    """Slugify for Python-Markdown heading anchors that keeps đ (as d).

    The default drops "đ" ("địa phương" → "ia-phuong").  Referenced from
    ``mkdocs.yml`` as ``generator.language.text.heading_slugify``.
    """
    return _slugify(fold(value), separator=separator)


_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")


def in_code_fences(lines: Iterable[str]) -> list[bool]:
    """For each line of Markdown, whether it is a code fence ("```", "~~~") or inside
    one: a fence closes at a line of its character at least as long; one left open runs
    to the end.  (Python-Markdown shows those lines as code, as written.)"""
    inside: list[bool] = []
    fence: str | None = None
    for line in lines:
        marker = _FENCE.match(line)
        if fence is not None:
            if marker and marker.group(1)[0] == fence[0] and len(marker.group(1)) >= len(fence):
                fence = None
        elif marker:
            fence = marker.group(1)
        inside.append(fence is not None or marker is not None)
    return inside
