"""People's names as editors type them: honorifics and titles, and spellings that
differ only by their marks.

A record may write "đồng chí Phạm Tất Thắng", "Đ/c Phạm Tất Thắng" or "PGS.TS.
Phạm Tất Thắng": the name is "Phạm Tất Thắng" (:func:`strip_titles`).  Two names
that fold to the same letters ("Phạm Tất Thằng", "Pham Tat Thang") are one spelling
apart (:func:`spelling_key`); :mod:`generator.graph.name_checks` decides whether that is an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .text import fold

#: Words of address written before a name ("đồng chí Trương Thị Mai", "Ông …").
HONORIFICS: tuple[str, ...] = ("đồng chí", "đ/c", "ông", "bà")

#: Academic titles and degrees, honorary titles (abbreviated, with or without a
#: full stop, alone or chained: "GS.", "PGS.TS.", "GS. TSKH.", "ThS").
TITLE_ABBREVIATIONS: tuple[str, ...] = (
    "GS", "PGS", "TS", "TSKH", "ThS", "CN", "KS", "BS", "DS", "LS",
    "NGND", "NGƯT", "NSND", "NSƯT", "AHLĐ",
)

#: Military and police ranks written before a name ("Thiếu tướng …").
RANKS: tuple[str, ...] = (
    "Đại tướng", "Thượng tướng", "Trung tướng", "Thiếu tướng",
    "Đại tá", "Thượng tá", "Trung tá", "Thiếu tá",
)


def _words(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w).replace("\\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


# One honorific, rank or title at the start of a name, with what follows it.  A
# title needs a full stop or a space after it ("TS.Nguyễn", "TS Nguyễn"); a word
# needs a space.  Case does not matter ("Đồng chí", "ĐỒNG CHÍ", "Đ/C").
_LEADING_RE = re.compile(
    rf"(?:(?:{_words(HONORIFICS)}|{_words(RANKS)})\s+|(?:{_words(TITLE_ABBREVIATIONS)})(?:\.\s*|\s+))",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class CleanName:
    """A name with the honorifics and titles written before it set apart."""

    name: str  # "Phạm Tất Thắng"
    removed: str  # "đồng chí", "PGS.TS." or "" when nothing was removed


@lru_cache(maxsize=65536)  # the same people are named in meeting after meeting
def strip_titles(written: str) -> CleanName:
    """``written`` without the honorifics, ranks and titles before the name.

    Nothing is removed when fewer than two words would remain: "Bà Triệu" stays a
    name, and so does a one-word "Ông".
    """
    text = " ".join(written.split())
    at = 0
    while (match := _LEADING_RE.match(text, at)) is not None:
        at = match.end()
    rest = text[at:]
    if not at or len(rest.split()) < 2:
        return CleanName(text, "")
    return CleanName(rest, text[:at].strip())


def spelling_key(name: str) -> str:
    """Names with the same key differ at most by their marks (tones, ă â ê ô ơ ư, đ).

    >>> spelling_key("Phạm Tất Thằng") == spelling_key("Pham Tat Thang")
    True
    """
    return " ".join(fold(name).split())
