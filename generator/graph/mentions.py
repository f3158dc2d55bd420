"""Documents named in a record's text: full numbers and registry aliases become
links and mentions at once; bare numbers ("Kết luận số 43") wait for
:mod:`generator.graph.bare_numbers`, which needs every meeting read first."""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from ..language import docnumber
from ..language.docnumber import BareNumber, NearMiss
from ..language.text import identity_key
from ..pages import markdown
from ..problems import Report
from ..records.loader import FieldPath, Source
from .documents import Documents
from .id_keyed import without_id_keyed
from .model import Document, Entity, LinkedText, Meeting, Mention, Province

_SENTENCE_END = re.compile(r"(?<=[.!?…;])\s+(?=[\"“(]?[A-ZĐÀ-Ỹ0-9])")


@dataclass
class PendingBare:
    """A bare number found in a text, resolved once every meeting is read."""

    meeting: Meeting
    linked: LinkedText
    section: str
    order: int
    source: Source
    path: FieldPath
    home: Province | None
    bare: BareNumber


class Mentions:
    """Links every text of a meeting to the documents it names, and keeps what the
    passes over every meeting need: which documents each meeting names by a full
    number, the bare numbers still to resolve, the order of each mention."""

    #: Look-ups keyed by the id() of a meeting or mention (see :mod:`.id_keyed`).
    ID_KEYED: ClassVar[tuple[str, ...]] = ("named_by", "mention_order", "texts_linked")

    def __init__(self, documents: Documents) -> None:
        self.documents = documents
        # Documents each meeting names by a full number (listed or in its text): the
        # scope in which a bare "Kết luận số 43" is resolved, once every meeting is read.
        self.named_by: dict[int, list[Document]] = defaultdict(list)
        self.pending_bare: list[PendingBare] = []
        # Text order of every mention within its meeting (bare ones are added last).
        self.mention_order: dict[int, tuple[int, int]] = {}
        self.texts_linked: dict[int, int] = defaultdict(int)
        # The links and mentions the bare-number pass added (an incremental update undoes them).
        self.bare_links: list[tuple[LinkedText, tuple[int, int, Entity], Mention]] = []
        # Numbers written in a form that links nothing ("NQ 17/TU"), with where they are:
        # whoever links a record says them (:meth:`take_warnings`).
        self.near_misses: list[tuple[Source, FieldPath, str, str, NearMiss]] = []
        # Numbers a record lists for several provinces, named where the passage does not say
        # whose (where they are, and the message).
        self.guesses: list[tuple[Source, FieldPath, str, str, int, str]] = []

    def __getstate__(self) -> dict[str, Any]:
        return without_id_keyed(self)

    def link(self, text: str, meeting: Meeting, section: str, source: Source, path: FieldPath,
             cited: dict[str, list[Document]], home: Province | None, *, home_said: bool = False) -> LinkedText:
        """Find document numbers and registry aliases in ``text``; record each mention.
        ``home``: the province of the passage, which the passage's own item says with
        ``home_said`` (else it is the record's).

        Bare numbers ("Kết luận số 43") are kept for
        :func:`~generator.graph.bare_numbers.resolve_bare_numbers`, which needs every
        meeting read first.
        """
        documents = self.documents
        spans: list[tuple[int, int, Entity]] = []
        near: list[NearMiss] = []
        matches = docnumber.find_numbers(text, near)
        issuers = self._issuers(matches, text, meeting)
        for match, issuer in zip(matches, issuers):
            # A local number is of the province the text names as its issuer, if it does
            # ("… của Tỉnh ủy Bến Tre"), else of the passage's.
            place = issuer or home
            # A number the record lists under `documents` means that document; where
            # it lists the number for several provinces, the one of this passage.
            listed = cited.get(match.number.key, [])
            doc, sure = _listed_for(listed, place, named_here=home_said or issuer is not None)
            if not sure and issuer is None:
                self.guesses.append((source, path, section, text, match.start, _guessed(match.raw, listed, doc)))
            if doc is None:
                doc = documents.document(match.number, province=place, when=meeting, source=source, path=path)
            spans.append((match.start, match.end, doc))
            if not match.shared_suffix:  # "217" alone is no way of writing 217-QĐ/TW
                documents.written(meeting, doc, match.raw)
            self.named(meeting, doc)
        taken = [(s, e) for s, e, _ in spans]
        if documents.alias_pattern is not None:
            for alias in _word_matches(documents.alias_pattern, text):
                if _overlaps(taken, alias.start(), alias.end()):
                    continue
                doc = documents.alias_target[identity_key(alias.group(0))]
                spans.append((alias.start(), alias.end(), doc))
                taken.append((alias.start(), alias.end()))
        self.near_misses.extend((source, path, section, text, miss) for miss in near)
        linked = LinkedText(text, sorted(spans, key=lambda s: s[0]))
        order = self.texts_linked[id(meeting)]
        self.texts_linked[id(meeting)] += 1
        for bare in docnumber.find_bare_numbers(text):
            if not _overlaps(taken, bare.start, bare.end):
                self.pending_bare.append(PendingBare(meeting, linked, section, order, source, path, home, bare))
        for start, end, target in linked.links:
            assert isinstance(target, Document)
            self.mention(meeting, target, linked, section, order, start, end)
        return linked

    def _issuers(self, matches: list[docnumber.NumberMatch], text: str, meeting: Meeting) -> list[Province | None]:
        """The province each local number's issuer is of, as the text says right after it;
        the numbers of a shared-suffix list ("77, 78-NQ/TU của Tỉnh ủy Bến Tre") take that
        of the full number ending the list."""
        if not matches:  # most texts: one call a text field of every record
            return []
        issuers: list[Province | None] = []
        after: Province | None = None
        for match in reversed(matches):
            if not match.number.is_local:
                after = None
            elif not match.shared_suffix:
                after = self.documents.issuing_province(text, match.end, meeting.date)
            issuers.append(after if match.number.is_local else None)
        return issuers[::-1]

    def take_warnings(self, report: Report) -> None:
        """A warning for each number written in a form that links nothing, and for each
        number a passage leaves to a guess among the record's documents, on its line."""
        for source, path, section, text, miss in self.near_misses:
            report.warning(
                source.path, line_in(source, path, section, text, miss.start),
                f"“{miss.raw}” có vẻ là số hiệu văn bản nhưng viết khác dạng, nên không thành liên kết; "
                f"nếu là {miss.number.type_name} {miss.number.canonical}, hãy viết “{miss.number.canonical}”",
            )
        for source, path, section, text, at, message in self.guesses:
            report.warning(source.path, line_in(source, path, section, text, at), message)
        self.near_misses.clear()
        self.guesses.clear()

    def named(self, meeting: Meeting, doc: Document) -> None:
        """``meeting`` names ``doc`` by a full number (in its documents or its text)."""
        named = self.named_by[id(meeting)]
        if doc not in named:
            named.append(doc)

    def mention(self, meeting: Meeting, doc: Document, linked: LinkedText, section: str, order: int,
                start: int, end: int) -> Mention:
        text = linked.text
        sentence = sentence_around(text, start, end)
        if section == "body":  # the body is Markdown: quote what a reader sees
            sentence = markdown.plain_text(sentence)
        mention = Mention(meeting, doc, section, sentence, text[start:end])
        meeting.mentions.append(mention)
        doc.mentions.append(mention)
        self.mention_order[id(mention)] = (order, start)
        return mention


def _listed_for(listed: list[Document], place: Province | None, *,
                named_here: bool = False) -> tuple[Document | None, bool]:
    """Of the documents a record lists under one number, the one a passage about ``place``
    means: ``place``'s, else that of a former unit of the same name ("Tuyên Quang" in 2026,
    for a document the Tuyên Quang of before the merger issued), else the first listed;
    and whether that is sure (False: a guess among several provinces' documents; the
    former unit of the same name is sure where the passage itself ``named_here`` it)."""
    if len(listed) < 2 or len({id(d.province) for d in listed}) == 1:
        return (listed[0] if listed else None), True
    if place is not None:
        exact = next((d for d in listed if d.province is place), None)
        if exact is not None:
            return exact, True
        named = next((d for d in listed if d.province is not None and d.province.name == place.name), None)
        if named is not None:
            return named, named_here
    return listed[0], False


def _guessed(raw: str, listed: list[Document], chosen: Document | None) -> str:
    """The warning for a number a passage leaves to a guess among the record's documents."""
    def whose(doc: Document | None) -> str:  # with its era: the units' names are not all told apart yet
        province = doc.province if doc is not None else None
        if province is None:
            return "chưa rõ tỉnh"
        era = province.place.era if province.place is not None else ""
        return f"{province.name}, {era}" if era else province.name
    other = next((d.province for d in listed if d is not chosen and d.province is not None), None)
    example = f"“{raw} của Tỉnh ủy {other.name}”" if other is not None else f"“{raw} của …”"
    each = "; ".join(whose(d) for d in listed)
    return (f"“{raw}”: bản ghi liệt kê {len(listed)} văn bản số này ({each}); câu này không nói của tỉnh nào "
            f"nên được hiểu là của {whose(chosen)}; nếu không phải, hãy ghi cơ quan ban hành ngay sau số hiệu, "
            f"như {example}")


def line_in(source: Source, path: FieldPath, section: str, text: str, at: int) -> int:
    """The file's line of ``text[at]``, the value at ``path`` of ``section``: the line of
    the field, or in the body (Markdown over many lines) the line itself."""
    if section == "body":
        return source.body_file_line(text.count("\n", 0, at))
    return source.line(path)


def sentence_around(text: str, start: int, end: int, limit: int = 400) -> str:
    """The sentence of ``text`` that holds ``start:end``, shortened around it if long:
    cut between words (a reader sees "…thực hiện", never "…ực hiện"), with "…" where
    it was cut."""
    bounds = [0] + [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text) + 1]
    i = bisect.bisect_right(bounds, start) - 1
    lo, hi = bounds[i], bounds[i + 1] - 1
    raw = text[lo:hi]
    sentence = raw.strip()
    if len(sentence) <= limit:
        return sentence
    offset = start - lo - (len(raw) - len(raw.lstrip()))  # where the match starts in ``sentence``
    left = max(0, offset - limit // 2)
    right = min(len(sentence), left + limit)
    if left:  # from the first whole word, not beyond the match
        space = sentence.find(" ", left - 1, offset)
        left = space + 1 if space != -1 else left
    if right < len(sentence):  # to the last whole word, not before the match
        space = sentence.rfind(" ", offset + end - start, right + 1)
        right = space if space != -1 else right
    cut = sentence[left:right].strip()
    if right < len(sentence):
        cut = cut.rstrip(",;:") + "…"
    return ("…" if left else "") + cut


def _word_matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """Matches of ``pattern`` that do not start inside a word."""
    at = 0
    while (match := pattern.search(text, at)) is not None:
        start = match.start()
        if start and (text[start - 1].isalnum() or text[start - 1] == "_"):
            at = start + 1  # a later match may still start within this one
            continue
        yield match
        at = max(match.end(), start + 1)


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)
