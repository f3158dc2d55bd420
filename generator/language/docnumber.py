"""The grammar of Vietnamese document numbers ("số và ký hiệu văn bản").

Two grammars are in use, and a record cites both:

* **party order** ``SỐ-LOẠI/CƠ QUAN``: ``217-QĐ/TW``, ``17-NQ/TU``, ``40-CTr/TU``,
  ``01-QĐi/TW``, ``36-HD/VPTW``, ``8B-NQ/HNTW``, ``45-KH/TWĐTN-BTG``.  Party
  documents (Quy định 66-QĐ/TW, Hướng dẫn 36-HD/VPTW), the Youth Union and
  pre-2000 laws (``24-L/CTN``) use it.
* **state order** (Nghị định 30/2020/NĐ-CP, Luật ban hành VBQPPL):
  ``SỐ/NĂM/LOẠI-CƠ QUAN`` for legal documents (``15/2020/NĐ-CP``,
  ``04/2023/TT-BNV``, ``01/2015/TTLT-BNV-BTC``), ``SỐ/NĂM/CƠ QUAN`` for laws,
  resolutions and ordinances of the National Assembly (``10/2022/QH15``,
  ``02/2022/UBTVQH15``: no type code), ``SỐ/LOẠI-CƠ QUAN`` for individual
  documents (``1234/QĐ-UBND``, ``05/CT-TTg``) and ``SỐ/CƠ QUAN-ĐƠN VỊ`` for
  official letters (``123/UBND-VX``: no type code; a công văn).

Shared suffixes (:func:`find_numbers`): the press lists numbers that share one
suffix, "Quyết định 217, 218-QĐ/TW", "Nghị quyết số 23 và 25-NQ/TW", "số 05,
06-CT/TU".  Every number of the list is found, with the type and issuer (and, in
state order, the year) of the full number that closes it.  The list is numbers
joined by "," and/or "và", each optionally preceded by a type word and/or "số".
A type word applies to the numbers after it up to the next type word.  When it
names the type of the closing number ("Quyết định" before "…-QĐ/TW"; "Quy định"
too, since party regulations were numbered QĐ before 2018), the number shares the
whole suffix; when it names another type of party document ("Chỉ thị 05 và Quy
định 08-QĐi/TW"), only the issuer is shared and the type comes from the word
(05-CT/TW).  In state order a different type word ends the list (the issuer
differs too: "Nghị định 15 và Thông tư 04/2023/TT-BNV").  Without a type word or
"số" before it, a list never starts with a year ("năm 2018, 217-QĐ/TW") or with a
number after a word that makes it a date, a count or a part of a text (ngày,
tháng, năm, quý, điều, khoản, điểm, mục, chương, phần, lần, thứ, khóa, kỳ, trang).

Bare numbers (:func:`find_bare_numbers`): a type word and a number with no suffix
("Kết luận số 43", "Quyết định 218") are found separately; they name no document by
themselves, and the caller resolves them against the documents it knows
(:mod:`generator.graph.bare_numbers`).  Only the first number after the type word is taken
("Nghị quyết 23 và 25 năm…" is too often a count).

Not accepted, on purpose: a number without an issuer ("12/2020/QĐ"), pre-1998
state numbers without a type code ("64-CP"), and a suffix written before the list
("217-QĐ/TW, 218").

Identity (:attr:`DocNumber.key`) is the canonical form folded to lower-case ASCII
with the number's leading zeros dropped: "05-CT/TW", "5-ct/tw" and "05 - CT / TW"
are one key; "62-KL/TW" and "62-CT/TW" are two; "01-QĐ/TW" and "01-QĐi/TW" are
two (the type is kept as written).  A number identifies a document only within
its issuer and term: :attr:`DocNumber.is_local` says when the issuer code names a
kind of body (a tỉnh ủy, an UBND) rather than one body, so that callers qualify
the key with the record's province.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Literal

from generator.language.text import fold, nfc

__all__ = [
    "DocNumber",
    "NumberMatch",
    "PARTY_TYPES",
    "STATE_TYPES",
    "BareNumber",
    "find_bare_numbers",
    "find_numbers",
    "parse",
    "search_aliases",
]

Style = Literal["party", "state"]

# Type codes of party documents (Quy định 66-QĐ/TW 2017, Hướng dẫn 36-HD/VPTW
# 2018).  Before 2018 a party "Quy định" was numbered "QĐ" like a decision; the
# newer code is "QĐi".  The code is kept as written, so the name of an old "QĐ"
# is "Quyết định" even when the document is a Quy định (the registry knows).
PARTY_TYPES: dict[str, str] = {
    "NQ": "Nghị quyết",
    "QĐ": "Quyết định",
    "QĐi": "Quy định",
    "CT": "Chỉ thị",
    "KL": "Kết luận",
    "QC": "Quy chế",
    "TT": "Thông tri",
    "HD": "Hướng dẫn",
    "BC": "Báo cáo",
    "KH": "Kế hoạch",
    "PA": "Phương án",
    "ĐA": "Đề án",
    "CTr": "Chương trình",
    "TB": "Thông báo",
    "TTr": "Tờ trình",
    "CV": "Công văn",
    "BB": "Biên bản",
    "TC": "Thông cáo",
    "NQLT": "Nghị quyết liên tịch",
    "HDLT": "Hướng dẫn liên tịch",
    "CTPH": "Chương trình phối hợp",
    "QCPH": "Quy chế phối hợp",
    "GGT": "Giấy giới thiệu",
    # Laws of the 1990s were numbered in party order: "Luật số 24-L/CTN".
    "L": "Luật",
}

# Type codes of state documents (Nghị định 30/2020/NĐ-CP, Phụ lục III, and the
# legal-document codes NĐ, TT, TTLT, PL, L).
STATE_TYPES: dict[str, str] = {
    "NQ": "Nghị quyết",
    "QĐ": "Quyết định",
    "CT": "Chỉ thị",
    "QC": "Quy chế",
    "QyĐ": "Quy định",
    "TC": "Thông cáo",
    "TB": "Thông báo",
    "HD": "Hướng dẫn",
    "CTr": "Chương trình",
    "KH": "Kế hoạch",
    "PA": "Phương án",
    "ĐA": "Đề án",
    "DA": "Dự án",
    "BC": "Báo cáo",
    "BB": "Biên bản",
    "TTr": "Tờ trình",
    "HĐ": "Hợp đồng",
    "CĐ": "Công điện",
    "GM": "Giấy mời",
    "GGT": "Giấy giới thiệu",
    "CV": "Công văn",
    "NĐ": "Nghị định",
    "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch",
    "NQLT": "Nghị quyết liên tịch",
    "CTPH": "Chương trình phối hợp",
    "QCPH": "Quy chế phối hợp",
    "PL": "Pháp lệnh",
    "L": "Lệnh",
    "VBHN": "Văn bản hợp nhất",
}

# Issuer codes whose canonical spelling is not simply the upper-cased input:
# those with Đ (typed as D without a Vietnamese keyboard) or mixed case.
_KNOWN_ISSUERS: tuple[str, ...] = (
    "TW", "TU", "HU", "QU", "ĐU", "ĐUK", "HNTW", "VPTW", "BDVTW", "BTCTW", "BTGTW",
    "BTGDVTW", "BNCTW", "UBKTTW", "BKTTW", "ĐUQSTW", "QUTW", "ĐUCA", "ĐUCATW",
    "ĐUKCCQTW", "ĐUKDNTW", "BCSĐ", "ĐĐ", "TWĐTN", "TĐTN", "BDVTU", "VPTU",
    "BTCTU", "BTGTU", "BTGDVTU", "UBKTTU", "BDVHU", "CP", "TTg", "UBND", "HĐND",
    "CTN", "VPCP", "VPQH", "BGDĐT", "BLĐTBXH", "BKHĐT", "SGDĐT", "SKHĐT",
    "SLĐTBXH", "TLĐ", "LĐLĐ", "HĐTĐKT",
)

# Issuers that are one of many bodies of a kind: numbers repeat between them.
_LOCAL_STATE_ISSUERS = frozenset(
    {"ubnd", "hdnd", "cat", "bchqs", "bdt", "snv", "stc", "syt", "sgddt", "stnmt",
     "sxd", "skhdt", "snnptnt", "sldtbxh", "stp", "sct", "sgtvt", "svhttdl",
     "stttt", "skhcn", "sngv", "ldld", "mttq"}
)

# State issuers that can appear in party order (laws of the 1990s: "24-L/CTN").
_CENTRAL_STATE_ISSUERS = frozenset({"cp", "ttg", "ctn", "qh", "ubtvqh", "vpcp", "vpqh"})

_TYPES_BY_UPPER: dict[str, str] = {c.upper(): c for c in (*PARTY_TYPES, *STATE_TYPES)}
_TYPES_BY_FOLD: dict[str, set[str]] = {}
for _code in (*PARTY_TYPES, *STATE_TYPES):
    _TYPES_BY_FOLD.setdefault(fold(_code), set()).add(_code)
_ISSUERS_BY_FOLD: dict[str, str] = {fold(c): c for c in _KNOWN_ISSUERS}

_DASH_CHARS = "-\u2010\u2011\u2012\u2013\u2014\u2212"
_SLASH_CHARS = "/\uff0f\u2215\u2044"
_TO_ASCII_SEPARATORS = str.maketrans({**{c: "-" for c in _DASH_CHARS}, **{c: "/" for c in _SLASH_CHARS}})
# The same sets escaped for use inside a regex character class.
_DASHES = "\\" + _DASH_CHARS
_SLASHES = _SLASH_CHARS
# Letters a code may contain: ASCII, Đ/đ and their Ð/ð look-alikes; issuers may
# also hold Ư ("TƯ", an informal spelling of TW).
_CODE_LETTERS = "A-Za-z\u0110\u0111\u00d0\u00f0"
_ISSUER_LETTERS = _CODE_LETTERS + "\u01af\u01b0"

_NUMBER_RE = re.compile(r"([0-9]{1,5})([A-Za-z]?)")
_YEAR_RE = re.compile(r"(?:19|20)[0-9][0-9]")
_SEG = f"[{_ISSUER_LETTERS}][{_ISSUER_LETTERS}0-9]{{0,19}}"  # one issuer segment
_SEGMENT_RE = re.compile(_SEG)
_DIGITS_THEN_LETTERS_RE = re.compile(f"([0-9]{{1,5}})([{_CODE_LETTERS}]{{2,5}})")
_TOKEN_RE = re.compile(f"[{_ISSUER_LETTERS}0-9]+|[-/]|\\s+")
_TRAILING_DIGITS_RE = re.compile(r"^(.*?)(\d*)$")
# In free text an issuer segment must look like a code: upper case with at most
# one lower-case letter (TTg), so "17-NQ/TU-Ban Dân vận" stops at TU.  The first
# segment may also be all lower case ("217-qđ/tw").
_STRICT_SEGMENT_RE = re.compile(r"[A-ZĐƯ][A-ZĐƯ0-9]*[a-z]?[A-ZĐ0-9]*")
_STRICT_FIRST_SEGMENT_RE = re.compile(r"[A-ZĐƯ][A-ZĐƯ0-9]*[a-z]?[A-ZĐ0-9]*|[a-zđư][a-zđư0-9]*")
# A code written by itself must have two capitals: "UBND", "QH15", "TTg".
_STRICT_BARE_ISSUER_RE = re.compile(r"[A-ZĐ]{2,}[a-z]?\d{0,3}")
_PARTY_ISSUER_RE = re.compile(r"^tw|(?:tw|tu|hu|qu|du|duk)$")

# The scanner starts on an ASCII digit and checks what precedes it only then: a
# pattern that opens with a plain character class lets the regex engine skip
# ahead cheaply, several times faster than a leading look-behind or alternation.
_FIND_RE = re.compile(
    rf"""
    [0-9] (?<![\w{_DASHES}{_SLASHES}.+][0-9]) [0-9]{{0,4}} [A-Za-z]?
    (?:
      # party order: 217-QĐ/TW, 217 - QĐ / TW, and (after "số") 84 QĐ/TW; a dash before
      # the issuer ("17-NQ-TU") is matched to be told apart (a near miss, no number)
      (?P<psep>[ \t]?[{_DASHES}][ \t]?|[ \t])
      [{_CODE_LETTERS}]{{1,5}} (?P<isep>[ \t]?[{_SLASHES}{_DASHES}][ \t]?) {_SEG} (?:[{_DASHES}]{_SEG}){{0,3}}
    |
      # state order: 15/2020/NĐ-CP, 10/2022/QH15, 1234/QĐ-UBND, 123/UBND-VX
      [{_SLASHES}] (?:(?:19|20)[0-9][0-9][{_SLASHES}])? {_SEG} (?:[{_DASHES}{_SLASHES}]{_SEG}){{0,4}}
    )
    (?![\w]|[{_SLASHES}]\w)
    """,
    re.VERBOSE,
)
# Numbers inside a URL are parts of an address, not citations.
_URL_RE = re.compile(r"(?:https?|ftp)://[^\s<>\"'“”]+|www\.[^\s<>\"'“”]+", re.IGNORECASE)
# "Quyết định số 84 QĐ/TW": a space between number and type counts only after "số"
# or a type word (see _TYPE_WORD_BEFORE_RE): "có 4 CT/DN" is a count.
_SO_BEFORE_RE = re.compile(r"(?:^|\W)(?:số|so\u0301?)\s*[:.]?\s*$", re.IGNORECASE)
# Forms without a type code are weak evidence in running text ("3/TP-HCM"): an
# official letter or a law-style number counts only after "số", "công văn" or
# "văn bản", except a National Assembly code ("10/2022/QH15") which is evidence
# enough.
_UNTYPED_CONTEXT_RE = re.compile(
    r"(?:^|\W)(?:số|so\u0301?|công văn|cong van|văn bản|van ban|CV)\s*[:.]?\s*$", re.IGNORECASE
)
_UNTYPED_CONTEXT_WIDTH = 16
_ASSEMBLY_ISSUER_RE = re.compile(r"(?:UBTV)?QH\d{0,2}")
_TRAILING_SEGMENT_RE = re.compile(f"[{_DASHES}]{_SEG}$")

_TYPE_WORDS = sorted(
    {name for name in (*PARTY_TYPES.values(), *STATE_TYPES.values())}
    | {fold(name) for name in (*PARTY_TYPES.values(), *STATE_TYPES.values())}
    | {"Luật", "luat", "văn bản", "van ban"},
    key=len,
    reverse=True,
)
_PREFIX_RE = re.compile(
    r"^(?:(?:" + "|".join(map(re.escape, _TYPE_WORDS)) + r")\b\s*)?"
    r"(?:(?:số|so)\b\s*[:.]?\s*)?",
    re.IGNORECASE,
)
_STRIP_CHARS = " \t\r\n.,;:!?()[]{}\"'“”‘’«»"

# --- type words (for shared-suffix lists and bare numbers) --------------------

#: The names a type word may take in running text, each folded form → its name:
#: the names of every type code, plus "Luật" (a law, numbered without a code).
_TYPE_NAMES: dict[str, str] = {
    fold(name): name for name in sorted({*PARTY_TYPES.values(), *STATE_TYPES.values(), "Luật"})
}
#: Party code a type word names ("Chỉ thị" → "CT"); one code per name in party order.
_PARTY_CODE_BY_NAME: dict[str, str] = {fold(name): code for code, name in PARTY_TYPES.items()}


def _type_word_alternation(reverse: bool) -> str:
    words = {w for name in _TYPE_NAMES.values() for w in (name, fold(name))}
    spelled = sorted(((w[::-1] if reverse else w) for w in words), key=len, reverse=True)
    # A space inside a type word may be any run of spaces ("Quyết  định").
    return "|".join(re.escape(w).replace("\\ ", r"\s+") for w in spelled)


def _word_key(word: str) -> str:
    """A type word as written → its folded key in :data:`_TYPE_NAMES` ("Quyết  Định" → "quyet dinh")."""
    return " ".join(fold(word).split())


def _type_word_fits(word: str, n: DocNumber) -> bool:
    """Whether the type word ``word`` may name ``n``'s type.  "Quy định" also fits
    a party "QĐ": party regulations were numbered QĐ before 2018 (218-QĐ/TW)."""
    return _word_fits_code(_word_key(word), n.type_code, n.year is None, n.style)


@lru_cache(maxsize=1024)  # a few type words and codes, asked for every number of every list
def _word_fits_code(folded: str, type_code: str | None, no_year: bool, style: Style) -> bool:
    name = DocNumber("1", None if no_year else "2000", type_code, "TW", style).type_name
    if name is not None and folded == fold(name):
        return True
    return folded == "quy dinh" and style == "party" and type_code == "QĐ"


# "Quyết định 217 QĐ/TW", "Chỉ thị 05 CT/TW": a type word right before the number.
_TYPE_WORD_BEFORE_RE = re.compile(rf"(?:^|\W)(?:{_type_word_alternation(reverse=False)})\s*$", re.IGNORECASE)
_TYPE_WORD_BEFORE_WIDTH = 24

# Shared-suffix lists are read backwards from the full number that closes them,
# on the reversed text before it, so that every step is an anchored match.
_REV_TYPE_WORD = _type_word_alternation(reverse=True)
# What may stand before a number of the list: "số", "số:", a type word, both.
_REV_PREFIX_RE = re.compile(
    rf"(?:\s*[:.]?\s*(?P<so>ốs|os)(?!\w))?(?:\s+(?P<word>{_REV_TYPE_WORD})(?!\w))?", re.IGNORECASE
)
# One more number to the left: a separator ("," and/or "và"), the number (not
# glued to a word, a slash, a dash or a dot: "12/3", "3.000", "COVID-19"), its prefix.
_REV_ITEM_RE = re.compile(
    rf"(?:\s*,|\s+àv(?:\s*,|(?=\s)))\s*"
    rf"(?P<num>[A-Za-z]?[0-9]{{1,5}})(?![\w./{_DASHES}])"
    + _REV_PREFIX_RE.pattern,
    re.IGNORECASE,
)
_LIST_WINDOWS = (64, 240)
# A number then a separator, not right after a word that makes it a date ("năm
# 2018 và …"): the cheap test that most full numbers end at.
_LIST_HINT_RE = re.compile(
    "(?<![0-9])" + "".join(f"(?<!{w} )" for base in ("năm", "ngày", "tháng") for w in (base, base.capitalize()))
    + r"[0-9]{1,5}[A-Za-z]?\s*(?:,|\s(?:và|VÀ|Và)\s)"
)
# Numbers that begin no list: after these words a number is a date, a count or a
# part of a text ("năm 2018, 217-QĐ/TW", "Điều 5, 218-QĐ/TW").
_NOT_A_LIST_START_RE = re.compile(
    r"(?:^|\W)(?:ngày|tháng|năm|quý|điều|khoản|điểm|mục|chương|phần|lần|thứ|khóa|khoá|kỳ|trang|"
    r"ngay|thang|nam|quy|dieu|khoan|diem|muc|chuong|phan|lan|thu|khoa|ky)\s*$",
    re.IGNORECASE,
)
_YEAR_LIKE_RE = re.compile(r"(?:19|20)[0-9][0-9]")


@dataclass(frozen=True)
class _ListItem:
    start: int
    end: int
    raw: str
    word: str | None  # the type word written just before it, if any
    prefixed: bool  # a type word or "số" stands before it


def _list_before(text: str, start: int) -> list[_ListItem]:
    """The bare numbers listed just before a full number at ``start``, left to right."""
    near = text[max(0, start - 30):start]
    if ("," not in near and "và" not in near and "VÀ" not in near and "Và" not in near) or (
        _LIST_HINT_RE.search(near) is None
    ):
        return []  # no number and separator just before: the common case, decided cheaply
    for width in _LIST_WINDOWS:  # most lists are short: read a short stretch first
        rev = text[max(0, start - width):start][::-1]
        at = _REV_PREFIX_RE.match(rev).end()  # type: ignore[union-attr]  # the full number's own prefix
        items: list[_ListItem] = []
        while (m := _REV_ITEM_RE.match(rev, at)) is not None:
            a, b = m.span("num")
            word = m.group("word")
            items.append(_ListItem(start - b, start - a, m.group("num")[::-1], word[::-1] if word else None,
                                   bool(word or m.group("so"))))
            at = m.end()
        if at < len(rev) - 24 or width >= start:
            break  # the list ended well inside the stretch read
    items.reverse()
    # A list that starts with a year or after "ngày", "Điều"… is no list; it may
    # start again at a later number that has its own type word or "số".
    if items and not items[0].prefixed:
        first = items[0]
        if _YEAR_LIKE_RE.fullmatch(first.raw) or _NOT_A_LIST_START_RE.search(text, max(0, first.start - 12), first.start):
            while items and not items[0].prefixed:
                items.pop(0)
    return items


def _shared(text: str, full: NumberMatch) -> list[NumberMatch]:
    """The numbers of a shared-suffix list closed by ``full`` ("217" of "217, 218-QĐ/TW")."""
    items = _list_before(text, full.start)
    if not items:
        return []
    n = full.number
    out: list[NumberMatch] = []
    word: str | None = None
    for item in items:
        word = _word_key(item.word) if item.word else word  # a type word governs the numbers after it
        type_code = n.type_code
        if word is not None and not _type_word_fits(word, n):
            if n.style != "party" or word not in _PARTY_CODE_BY_NAME:
                out.clear()  # a list of another kind of document ends here
                continue
            type_code = _PARTY_CODE_BY_NAME[word]  # "Chỉ thị 05 và Quy định 08-QĐi/TW"
        number = item.raw[:-1] + item.raw[-1].upper()
        if int(_NUMBER_RE.fullmatch(number).group(1)) == 0:  # type: ignore[union-attr]
            out.clear()
            continue
        out.append(NumberMatch(item.start, item.end, item.raw,
                               DocNumber(number, n.year, type_code, n.issuer_code, n.style), shared_suffix=True))
    return out


# A bare number is looked for from its digit, like a full one: the regex engine
# skips to a digit cheaply and fixed-width look-behinds on the last syllable of a
# type word (or on "số") keep only the few digits worth a closer look.  A search
# that starts on the type words themselves was ten times slower.
_BARE_LAST_SYLLABLES = sorted(
    {w.split()[-1] for name in _TYPE_NAMES.values() for w in (name.lower(), fold(name))} | {"số", "so"}
)


def _bare_candidate_pattern() -> str:
    # One look-behind per length of syllable (a look-behind has a fixed width).
    by_length: dict[int, list[str]] = {}
    for syllable in _BARE_LAST_SYLLABLES:
        by_length.setdefault(len(syllable), []).append(re.escape(syllable))
    behinds = "|".join(f"(?<=(?:{'|'.join(group)})[ :][0-9])|(?<=(?:{'|'.join(group)}): [0-9])"
                       for _, group in sorted(by_length.items()))
    # First a single class of the letters a syllable ends with: most digits stop there.
    last = "".join(sorted({c for syl in _BARE_LAST_SYLLABLES for c in (syl[-1], syl[-1].upper())}))
    return f"[0-9](?:(?<=[{last}][ :][0-9])|(?<=[{last}]: [0-9]))(?:{behinds})"


_BARE_CANDIDATE_RE = re.compile(_bare_candidate_pattern(), re.IGNORECASE)
_BARE_NUMBER_RE = re.compile(rf"[0-9]{{1,5}}[A-Za-z]?(?![\w{_DASHES}{_SLASHES}]|[.,][0-9])")
_BARE_WINDOW = 40


def find_bare_numbers(text: str) -> list[BareNumber]:
    """Every type word followed by a bare number ("Kết luận số 43", "Quyết định 218").

    Full numbers are not bare: "Quyết định 218-QĐ/TW" is not returned, but the
    "Quyết định 217" of "Quyết định 217 - QĐ/TW" is (the caller drops a phrase that
    overlaps a full number from :func:`find_numbers`).
    """
    out: list[BareNumber] = []
    for candidate in _BARE_CANDIDATE_RE.finditer(text):
        digit = candidate.start()
        number = _BARE_NUMBER_RE.match(text, digit)
        if number is None:
            continue
        rev = text[max(0, digit - _BARE_WINDOW):digit][::-1]
        prefix = _REV_PREFIX_RE.match(rev)
        word = prefix.group("word") if prefix else None
        if word is None:
            continue
        start = digit - prefix.end()  # type: ignore[union-attr]
        out.append(BareNumber(start, number.end(), _TYPE_NAMES[_word_key(word[::-1])], number.group()))
    return out


@dataclass(frozen=True)
class DocNumber:
    """One parsed document number.

    ``number`` keeps leading zeros as written ("05"); a letter suffix is upper
    case ("8B").  ``type_code`` is the canonical code ("QĐ", "QĐi", "CTr") or
    None for laws ("10/2022/QH15") and official letters ("123/UBND-VX").
    ``issuer_code`` holds every issuer segment joined by "-" ("TW", "UBND",
    "BNV-BTC", "UBND-VX").  Compare documents by :attr:`key`, not by ``==``.
    """

    number: str
    year: str | None
    type_code: str | None
    issuer_code: str
    style: Style

    def _format(self, number: str) -> str:
        if self.style == "party":
            return f"{number}-{self.type_code}/{self.issuer_code}"
        head = f"{number}/{self.year}" if self.year else number
        if self.type_code:
            return f"{head}/{self.type_code}-{self.issuer_code}"
        return f"{head}/{self.issuer_code}"

    @cached_property  # numbers are compared by key all the time
    def canonical(self) -> str:
        """The number as it should be printed: "217-QĐ/TW", "15/2020/NĐ-CP"."""
        return self._format(self.number)

    @cached_property  # numbers are compared by key all the time
    def key(self) -> str:
        """Identity key: folded ASCII, number without leading zeros ("5-ct/tw").

        Đ and D fold together, so "HD" (Hướng dẫn) and "HĐ" (Hợp đồng) of one
        number and issuer share a key; in practice they never collide.
        """
        return fold(self._format(_strip_zeros(self.number)))

    @cached_property  # numbers are compared by key all the time
    def slug(self) -> str:
        """ASCII URL slug derived from :attr:`key` ("217-qd-tw", "15-2020-nd-cp").

        Built from the key, not the spelling, so "5-CT/TW" and "05-CT/TW" get one
        page whichever spelling is read first.
        """
        return re.sub(r"[^0-9a-z]+", "-", self.key).strip("-")

    @property
    def serial(self) -> str:
        """The number alone, without leading zeros ("5" for 05-CT/TW, "8B" for 8B-NQ/HNTW)."""
        return _strip_zeros(self.number)

    @property
    def type_name(self) -> str | None:
        """Vietnamese name of the type ("Quyết định"); "Công văn" for an official
        letter ("123/UBND-VX"); None for a law-style number ("10/2022/QH15")."""
        if self.type_code is None:
            return "Công văn" if self.style == "state" and self.year is None else None
        first, second = (PARTY_TYPES, STATE_TYPES) if self.style == "party" else (STATE_TYPES, PARTY_TYPES)
        return first.get(self.type_code) or second.get(self.type_code)

    @property
    def is_local(self) -> bool:
        """True when the issuer code names a kind of body (tỉnh ủy "TU", huyện ủy
        "HU", đảng ủy "ĐU", "UBND", a Sở…), so the same number recurs across
        provinces and needs the record's province or an explicit issuer.

        A heuristic on the issuer code.  Party order: central when a segment
        starts or ends with "TW" (TW, VPTW, BDVTW, HNTW, TWĐTN) or is a central
        state body (CTN, CP, QH…, as in "24-L/CTN"); every other party issuer
        (TU, HU, ĐU, BDVTU, BCSĐ…) is local.  State order: local when a segment
        is UBND, HĐND, MTTQ or a provincial department (SNV, SYT…).
        """
        segments = [fold(s) for s in self.issuer_code.split("-")]
        if self.style == "party":
            return not any(
                s.startswith("tw") or s.endswith("tw") or s.rstrip("0123456789") in _CENTRAL_STATE_ISSUERS
                for s in segments
            )
        return any(s in _LOCAL_STATE_ISSUERS for s in segments)

    def __str__(self) -> str:
        return self.canonical


@dataclass(frozen=True)
class NumberMatch:
    """A number found in free text: ``text[start:end] == raw`` (as written).

    ``shared_suffix`` is True for a number of a list that borrows its suffix from
    the full number closing the list: ``raw`` is then the bare number ("217" of
    "217, 218-QĐ/TW").
    """

    start: int
    end: int
    raw: str
    number: DocNumber
    shared_suffix: bool = False


@dataclass(frozen=True)
class NearMiss:
    """A party number written in a form the scanner takes for no number ("NQ 17/TU",
    "17-NQ-TU", "217 QĐ/TW" with no "số" or type word before it): not linked, so the
    editor is told the form that is (``number``)."""

    start: int
    end: int
    raw: str
    number: DocNumber


@dataclass(frozen=True)
class BareNumber:
    """A type word with a bare number ("Kết luận số 43"): no document by itself.

    ``type_name`` is the type word's canonical spelling ("Kết luận"),
    ``number`` the number as written ("43", "05"); ``text[start:end]`` is the
    whole phrase.
    """

    start: int
    end: int
    type_name: str
    number: str

    @property
    def serial(self) -> str:
        """The number without leading zeros, as :attr:`DocNumber.serial` ("05" → "5")."""
        return _strip_zeros(self.number.upper())

    def fits(self, n: DocNumber) -> bool:
        """Whether ``n`` is a document this phrase may mean (same type and number)."""
        return self.serial == n.serial and _type_word_fits(self.type_name, n)


def _strip_zeros(number: str) -> str:
    stripped = number.lstrip("0")
    return stripped if stripped and stripped[0].isdigit() else "0" + stripped


def _canon_type(token: str) -> str | None:
    """Canonical type code for ``token`` ("qđ" → "QĐ", "QD" → "QĐ", "QDI" → "QĐi").

    An exact spelling wins ("HD" stays Hướng dẫn, "DA" stays Dự án); Đ is
    restored only where the D-spelling is no code of its own and names one code.
    """
    upper = nfc(token).upper()
    if upper in _TYPES_BY_UPPER:
        return _TYPES_BY_UPPER[upper]
    candidates = _TYPES_BY_FOLD.get(fold(token))
    if candidates and len(candidates) == 1:
        return next(iter(candidates))
    return None


def _canon_segment(segment: str) -> str | None:
    """Canonical issuer segment: upper case, "TƯ" → "TW", Đ restored in known codes."""
    upper = nfc(segment).upper().replace("TƯ", "TW")
    if "Ư" in upper or not _SEGMENT_RE.fullmatch(upper):
        return None
    # "QH15", "UBTVQH15": the term number rides on the code.
    base, digits = _TRAILING_DIGITS_RE.match(upper).groups()  # type: ignore[union-attr]
    known = _ISSUERS_BY_FOLD.get(fold(base))
    return (known + digits) if known else upper


def _is_party_issuer(first_segment: str) -> bool:
    return bool(_PARTY_ISSUER_RE.search(fold(first_segment)))


def _tokenize(text: str) -> tuple[list[str], list[str]] | None:
    """Split into code tokens and the separators between them ("-", "/" or " ").

    Whitespace around a "-" or "/" is dropped; two separators in a row, a
    separator at either end or any other character make the text no number.
    """
    pieces = _TOKEN_RE.findall(text)
    if "".join(pieces) != text:
        return None
    tokens: list[str] = []
    seps: list[str] = []
    pending: str | None = None
    for piece in pieces:
        if piece.isspace():
            pending = pending or " "
        elif piece in "-/":
            if pending not in (None, " ") or not tokens:
                return None
            pending = piece
        else:
            if tokens:
                if pending is None:
                    return None
                seps.append(pending)
            elif pending is not None:
                return None
            tokens.append(piece)
            pending = None
    if pending not in (None, " ") or not tokens:
        return None
    # "217QĐ/TW" (compact typing): split digits from a following type code.
    split = _DIGITS_THEN_LETTERS_RE.fullmatch(tokens[0])
    if split and _canon_type(split.group(2)):
        tokens[0:1] = [split.group(1), split.group(2)]
        seps.insert(0, "-")
    return tokens, seps


def _issuer(segments: list[str], strict: bool) -> str | None:
    if not segments:
        return None
    out = []
    for i, seg in enumerate(segments):
        if strict and not (_STRICT_FIRST_SEGMENT_RE if i == 0 else _STRICT_SEGMENT_RE).fullmatch(nfc(seg)):
            return None
        canon = _canon_segment(seg)
        if canon is None:
            return None
        out.append(canon)
    return "-".join(out)


def _interpret(tokens: list[str], seps: list[str], strict: bool) -> DocNumber | None:
    """Read a token sequence as one number; ``strict`` is for free text."""
    m = _NUMBER_RE.fullmatch(tokens[0])
    if m is None or int(m.group(1)) == 0 or len(tokens) < 2:
        return None
    number = m.group(1) + m.group(2).upper()
    rest = tokens[1:]

    # SỐ/NĂM/…: 15/2020/NĐ-CP, 10/2022/QH15
    if len(rest) >= 2 and _YEAR_RE.fullmatch(rest[0]) and seps[0] != "-":
        year = rest[0]
        type_code = _canon_type(rest[1])
        if type_code and len(rest) >= 3:
            issuer = _issuer(rest[2:], strict)
            return DocNumber(number, year, type_code, issuer, "state") if issuer else None
        if type_code is None and len(rest) == 2:
            if strict and not _STRICT_BARE_ISSUER_RE.fullmatch(nfc(rest[1])):
                return None
            issuer = _issuer(rest[1:], strict)
            return DocNumber(number, year, None, issuer, "state") if issuer else None
        return None

    type_code = _canon_type(rest[0])
    if type_code is not None and len(rest) >= 2:
        if strict and len(type_code) == 1 and rest[0] != type_code:
            return None  # a lone lower-case "l" is no code in running text
        issuer = _issuer(rest[1:], strict)
        if issuer is None:
            return None
        explicit_party = seps[0] == "-" and seps[1] == "/"
        explicit_state = seps[0] == "/"
        party_issuer = len(rest) == 2 and _is_party_issuer(issuer)
        if explicit_party or (not explicit_state and _is_party_issuer(issuer)):
            return DocNumber(number, None, type_code, issuer, "party")
        if explicit_state and party_issuer:
            # "217/QĐ-TW": a party number written in state order.
            return DocNumber(number, None, type_code, issuer, "party")
        return DocNumber(number, None, type_code, issuer, "state")

    # SỐ/CƠ QUAN-ĐƠN VỊ: an official letter, 123/UBND-VX
    if type_code is None and seps[0] == "/" and len(rest) >= 2 and all(s == "-" for s in seps[1:]):
        if strict and not _STRICT_BARE_ISSUER_RE.fullmatch(nfc(rest[0])):
            return None
        issuer = _issuer(rest, strict)
        return DocNumber(number, None, None, issuer, "state") if issuer else None
    return None


@lru_cache(maxsize=8192)  # records cite the same documents again and again
def parse(text: str) -> DocNumber | None:
    """Parse a string that is one document number, tolerantly; else None.

    Tolerated: any case ("217-qđ/tw"), D for Đ ("217-QD/TW" → 217-QĐ/TW), Ð
    (U+00D0) for Đ, spaces around separators ("217 - QĐ / TW"), dash and slash
    variants, a leading type word and/or "số"/"so" ("Quyết định số 217-QĐ/TW",
    "Số: 15/2020/NĐ-CP"), separators typed as spaces ("217 QĐ TW"), no
    separator after the number ("217QĐ/TW"), a party number written in state
    order ("217/QĐ-TW") and surrounding punctuation.
    """
    s = nfc(text).translate(_TO_ASCII_SEPARATORS).strip(_STRIP_CHARS)
    s = s[_PREFIX_RE.match(s).end():].strip(_STRIP_CHARS)  # type: ignore[union-attr]
    if not s or not s[0].isdigit():
        return None
    split = _tokenize(s)
    if split is None:
        return None
    return _interpret(*split, strict=False)


@lru_cache(maxsize=4096)
def _match_number(raw: str) -> DocNumber | None:
    """Strict reading of a span the scanner found (cached: citations repeat)."""
    split = _tokenize(raw.translate(_TO_ASCII_SEPARATORS))
    return _interpret(*split, strict=True) if split else None


def _url_spans(text: str) -> list[tuple[int, int]]:
    if "://" not in text and "www." not in text.lower():
        return []
    return [m.span() for m in _URL_RE.finditer(text)]


#: A party type code right before an untyped "17/TU": "NQ 17/TU" (a near miss).
_CODE_BEFORE_RE = re.compile(r"(?:^|[^\w])(" + "|".join(sorted({*PARTY_TYPES, "QD"}, key=len, reverse=True))
                             + r")[ \t]?$")


def _party_number(written: str) -> DocNumber | None:
    """``written`` read leniently, if it is a party number of a party body ("TW", "TU"…):
    what a near miss means.  "có 4 CT/DN" is a count, "2-BC-UBND" no party number."""
    number = parse(written)
    if number is None or number.style != "party" or number.type_code is None:
        return None
    return number if _is_party_issuer(number.issuer_code.split("-")[0]) else None


def _code_before(text: str, start: int, raw: str, near: list[NearMiss]) -> None:
    """An untyped "17/TU" at ``start`` with a party code right before it ("NQ 17/TU"):
    a near miss, from the code to the end."""
    code = _CODE_BEFORE_RE.search(text, max(0, start - 6), start)
    if code is None or "/" not in raw:
        return
    serial, _, issuer = raw.partition("/")
    number = _party_number(f"{serial}-{code.group(1)}/{issuer}")
    if number is not None:
        end = start + len(raw)
        near.append(NearMiss(code.start(1), end, text[code.start(1):end], number))


def find_numbers(text: str, near: list[NearMiss] | None = None) -> list[NumberMatch]:
    """Every full document number in free text, in order, with its span.

    Never matches dates ("08/12/2009"), ratios ("77/112"), ranges ("2016-2020"),
    amounts ("3.000"), counts ("6 tháng"), "COVID-19", or anything inside a URL.
    A bare "Quyết định số 218" is not a full number and is not returned
    (see :func:`find_bare_numbers`); the numbers of a shared-suffix list
    ("217" of "Quyết định 217, 218-QĐ/TW") are, with ``shared_suffix`` set.
    ``near``, if given, receives the near misses (see :class:`NearMiss`).
    """
    found: list[NumberMatch] = []
    urls = _url_spans(text)
    url_starts = [a for a, _ in urls]
    for m in _FIND_RE.finditer(text):
        start = m.start()
        if urls:
            i = bisect_right(url_starts, start) - 1
            if i >= 0 and start < urls[i][1]:
                continue
        isep = m.group("isep")
        if (isep is not None and isep.strip() not in _SLASH_CHARS) or (
            m.group("psep") in (" ", "\t")
            and not _SO_BEFORE_RE.search(text, max(0, start - 8), start)
            and not _TYPE_WORD_BEFORE_RE.search(text, max(0, start - _TYPE_WORD_BEFORE_WIDTH), start)
        ):
            if near is not None and (number := _party_number(m.group())) is not None:
                near.append(NearMiss(start, m.end(), m.group(), number))
            continue
        raw = m.group()
        number = _match_number(raw)
        # "17-NQ/TU-Ban Dân vận": drop trailing segments that are no code.
        while number is None:
            shorter = _TRAILING_SEGMENT_RE.sub("", raw)
            if shorter == raw:
                break
            raw = shorter
            number = _match_number(raw)
        if number is None:
            if near is not None:
                _code_before(text, start, m.group(), near)
            continue
        assembly = number.year is not None and _ASSEMBLY_ISSUER_RE.fullmatch(number.issuer_code)
        if number.type_code is None and not assembly:
            if not _UNTYPED_CONTEXT_RE.search(text, max(0, start - _UNTYPED_CONTEXT_WIDTH), start):
                if near is not None:
                    _code_before(text, start, raw, near)
                continue
        match = NumberMatch(start, start + len(raw), raw, number)
        if start and (text[start - 1].isspace() or text[start - 1] == ","):  # a list needs a separator
            found.extend(_shared(text, match))
        found.append(match)
    return found


def _unique(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        k = item.casefold()
        if k not in seen:
            seen.add(k)
            out.append(item)
    return out


def _ascii_code(code: str) -> str:
    return code.replace("Đ", "D").replace("đ", "d")


def search_aliases(n: DocNumber) -> list[str]:
    """Forms a reader may type for ``n``, canonical first, deduplicated
    case-insensitively, in a stable order.

    For 217-QĐ/TW: "217-QĐ/TW", "217-QD/TW", "217 QĐ TW", "217 QD TW", "217-QĐ",
    "217-QD", "QĐ 217", "QD 217", "Quyết định 217", "Quyet dinh 217",
    "Quyết định số 217", "Quyet dinh so 217", "Quyết định 217-QĐ/TW", "Quyết định số
    217-QĐ/TW" (as a text cites it), "217".  A number with leading zeros gets both
    spellings ("05", "5").
    """
    canonical = n.canonical
    numbers = _unique([n.number, _strip_zeros(n.number)])
    aliases = [canonical, _ascii_code(canonical)]
    spaced = re.sub(r"[-/]", " ", canonical)
    aliases += [spaced, _ascii_code(spaced)]
    for num in numbers[1:]:
        alt = n._format(num)
        aliases += [alt, _ascii_code(alt)]
    name = n.type_name
    for num in numbers:
        if n.type_code:
            code = n.type_code
            joined = f"{num}-{code}" if n.style == "party" else f"{num}/{code}"
            aliases += [joined, _ascii_code(joined), f"{code} {num}", f"{_ascii_code(code)} {num}"]
        if name:
            plain = fold(name).capitalize()
            aliases += [f"{name} {num}", f"{plain} {num}", f"{name} số {num}", f"{plain} so {num}"]
            if n.year:
                aliases += [f"{name} {num}/{n.year}", f"{plain} {num}/{n.year}"]
    if name:
        plain = fold(name).capitalize()
        aliases += [f"{name} {canonical}", f"{plain} {_ascii_code(canonical)}",
                    f"{name} số {canonical}", f"{plain} so {_ascii_code(canonical)}"]
    for num in numbers:
        if n.year:
            aliases.append(f"{num}/{n.year}")
        aliases.append(num)
    return _unique(aliases)
