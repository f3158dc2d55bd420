"""The documents table: which document a number designates, and how it was written.

A number the registry lists means the registry's document (of the meeting's era
when it lists several); any other number makes a document of its own, described
by the first citation that says what it is.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from typing import Any, ClassVar

from ..language.docnumber import DocNumber
from ..language.geography import FORMER_MARK
from ..language.text import identity_key
from ..problems import Report
from ..records.loader import FieldPath, Source
from ..records.schema import DocumentRef
from .entities import Entities
from .id_keyed import without_id_keyed
from .model import Document, Meeting, Province


#: Who issued a number, as a text says right after it, perhaps after its date: "17-NQ/TU
#: của Ban Thường vụ Tỉnh ủy Quảng Ninh", "75-NQ/TU ngày 5/5/2022 của …", "… do Tỉnh ủy Trà
#: Vinh ban hành", "74-HD/TU (Tỉnh ủy Bến Tre)".  Up to a punctuation mark, and a mark
#: saying the province is the former one ("… Tỉnh ủy Tuyên Quang (cũ)"); what follows
#: "về" is the document's subject, not its issuer.
_ISSUED_BY = re.compile(
    r"(?:\s*,?\s*ngày\s+\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4})?(?:\s*,?\s*(?:của|do)\s+|\s*\()"
    rf"([^.;:,\n()“”\"]{{1,80}}(?:{FORMER_MARK.pattern})?)", re.IGNORECASE)


class Documents:
    """Every document by key (``number|province|date or term``), and what points at them."""

    #: Look-ups keyed by the id() of a citation, meeting or document (see :mod:`.id_keyed`).
    ID_KEYED: ClassVar[tuple[str, ...]] = ("citation_refs", "forms", "form_counts")

    def __init__(self, entities: Entities, report: Report) -> None:
        self.entities = entities
        self.report = report
        self.documents: dict[str, Document] = {}
        # number key → registry documents with that number (several for central repeats)
        self.registry_numbers: dict[str, list[Document]] = defaultdict(list)
        # Registry aliases ("Nghị quyết 35 của Bộ Chính trị"), one pattern for all of them.
        self.alias_pattern: re.Pattern[str] | None = None
        self.alias_target: dict[str, Document] = {}
        # What an incremental update must be able to undo or redo (see LinkedGraph):
        # the reference each citation was made from, the forms each meeting wrote a
        # document number in.
        self.citation_refs: dict[int, DocumentRef] = {}
        self.forms: dict[int, list[tuple[Document, str]]] = defaultdict(list)
        self.form_counts: dict[int, dict[str, int]] = defaultdict(_form_counts)

    def __getstate__(self) -> dict[str, Any]:
        return without_id_keyed(self)

    def compile_aliases(self) -> None:
        for doc in self.documents.values():
            for alias in doc.aliases:
                self.alias_target.setdefault(identity_key(alias), doc)
        if self.alias_target:
            names = sorted(self.alias_target, key=len, reverse=True)
            # Not followed by "-" or "/": "Quyết định số 218-QĐ/TW" is a full number.
            # (Not preceded by a letter either, checked by `link`: a look-behind
            # here makes every text scan three times slower.)
            self.alias_pattern = re.compile(
                r"(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w/-])", re.IGNORECASE
            )

    def document(
        self,
        number: DocNumber,
        *,
        province: Province | None,
        when: Meeting,
        date: object = None,
        term: str | None = None,
        source: Source,
        path: FieldPath,
    ) -> Document:
        """The document ``number`` designates in this context (province, date, term)."""
        scope = province.key if (number.is_local and province) else ""
        candidates = self.registry_numbers.get(f"{number.key}|{scope}", [])
        if candidates:
            return choose(candidates, when, date, term)
        key = f"{number.key}|{scope}|"
        doc = self.documents.get(key)
        if doc is None:
            doc = Document(
                key=key, name=number.canonical, number=number,
                province=province if number.is_local else None,
            )
            self.documents[key] = doc
            self.entities.origin(doc, source, path)
            if number.is_local and province is None:
                self.report.warning(
                    source.path, source.line(path),
                    f"không rõ {number.canonical} là văn bản của tỉnh, thành phố nào; hãy ghi “issuer” "
                    "hoặc “province” trong mục documents, hoặc “province” của mục chứa số hiệu, hoặc tỉnh của "
                    "bản ghi (“location”, hoặc một tỉnh duy nhất trong “provinces”)",
                )
        return doc

    def issuing_province(self, text: str, end: int, day: dt.date) -> Province | None:
        """The province a text names as the issuer right after the number ending at ``end``
        ("306-QĐ/TU của Ban Thường vụ Tỉnh ủy Bến Tre"), as it was then: in a record of 2026,
        the Bến Tre that issued it before the merger, not the Vĩnh Long it is part of now."""
        said = _ISSUED_BY.match(text, end)
        if said is None:
            return None
        place = self.entities.geo.province_in(said.group(1).split(" về ", 1)[0], day, as_it_was=True)
        return self.entities.unit(place) if place is not None else None

    def written(self, meeting: Meeting, doc: Document, form: str) -> None:
        """``meeting`` writes ``doc``'s number as ``form``."""
        doc.forms_written.add(form)
        self.forms[id(meeting)].append((doc, form))
        self.form_counts[id(doc)][form] += 1


def choose(candidates: list[Document], when: Meeting, date: object, term: str | None) -> Document:
    """Among registry documents sharing a number: the one the context names, else the
    latest one issued on or before the meeting, else the earliest."""
    if date is not None:
        for doc in candidates:
            if doc.date == date:
                return doc
    if term:
        for doc in candidates:
            if doc.term and identity_key(doc.term) == identity_key(term):
                return doc
    dated = sorted((d for d in candidates if d.date), key=lambda d: d.date)  # type: ignore[arg-type,return-value]
    before = [d for d in dated if d.date <= when.date]  # type: ignore[operator]
    if before:
        return before[-1]
    return dated[0] if dated else candidates[0]


def take_details(doc: Document, ref: DocumentRef) -> None:
    """What a citation says of a document the registry does not describe: the first
    citation (in meeting order) that says it wins."""
    doc.issuer = doc.issuer or ref.issuer
    doc.title = doc.title or ref.title
    doc.date = doc.date or ref.date
    doc.term = doc.term or ref.term


def _form_counts() -> defaultdict[str, int]:
    return defaultdict(int)
