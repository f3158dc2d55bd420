"""Vietnamese alphabetical order (CLDR: a ă â b c d đ e ê …, tones secondary) via ICU."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import icu

from .text import nfc

_COLLATOR = icu.Collator.createInstance(icu.Locale("vi"))
# Tone marks: grave, acute, tilde, hook above, dot below.  Vowel marks (breve,
# circumflex, horn) make separate letters of the alphabet and are kept.
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


@lru_cache(maxsize=65536)
def sort_key(text: str) -> bytes:
    return bytes(_COLLATOR.getSortKey(nfc(text)))


def person_sort_key(name: str) -> tuple[bytes, bytes]:
    """People are listed by given name (the last word), then by full name."""
    words = name.split()
    return (sort_key(words[-1] if words else name), sort_key(name))


def initial(text: str) -> str:
    """The letter of the Vietnamese alphabet ``text`` is filed under: "Ánh" → "A", "Ất" → "Ă"."""
    stripped = text.lstrip("\"'“”‘’([ ")
    if not stripped:
        return "#"
    first = unicodedata.normalize("NFD", stripped[0].upper())
    letter = unicodedata.normalize("NFC", "".join(c for c in first if c not in _TONES))
    return letter if letter.isalpha() else "#"
