"""Stage 4, cross-reference: validated records + registries → a linked :class:`Site`.

:class:`SiteBuilder` holds the parts and runs them in order: every entity is
collected first (the registries, then the meetings in a fixed order), then the
passes that need every meeting (bare numbers, spellings), then slugs and places.
Which page a name gets depends only on the names, never on file order.
:class:`~generator.graph.linked.LinkedGraph` drives it, for a full build and for
the updates of incremental runs.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..language.geography import Geography
from ..problems import Report
from ..records.loader import Source
from ..records.registry import Registry
from ..records.schema import Record
from .bare_numbers import resolve_bare_numbers
from .documents import Documents
from .entities import Entities
from .finish import finish
from .meetings import MeetingReader
from .mentions import Mentions
from .model import Meeting, Site
from .name_checks import check_speakers, check_spellings
from .registry_entries import add_registry
from .related import link_related


class SiteBuilder:
    """The entity tables, the documents and their mentions, and the reader of meetings
    that fills them; the passes over all of them.  Every problem goes to :attr:`report`."""

    def __init__(self, geography: Geography, report: Report) -> None:
        self.entities = Entities(geography, report)
        self.documents = Documents(self.entities, report)
        self.mentions = Mentions(self.documents)
        self.reader = MeetingReader(self.entities, self.documents, self.mentions, report)

    @property
    def report(self) -> Report:
        return self.entities.report

    @report.setter
    def report(self, report: Report) -> None:
        """Where the next problems go (an incremental run keeps each meeting's apart)."""
        self.entities.report = self.documents.report = self.reader.report = report

    def id_keyed_tables(self) -> Iterator[tuple[str, dict[int, Any] | set[int]]]:
        """Every look-up keyed by id(), by a name of its own (see :mod:`.id_keyed`)."""
        for part in (self.entities, self.documents, self.mentions):
            for name in part.ID_KEYED:
                yield f"{type(part).__name__}.{name}", getattr(part, name)

    def add_registry(self, registry: Registry) -> None:
        add_registry(registry, self.entities, self.documents, self.report)

    def add_meeting(self, source: Source, record: Record, meeting_id: str) -> Meeting:
        return self.reader.add_meeting(source, record, meeting_id)

    def run_passes(self, meetings: list[Meeting], failed_ids: set[str] | frozenset[str]) -> Site:
        """The passes that need every meeting, in order: bare numbers, spellings,
        ``related``, speakers; then slugs and places, and the :class:`Site`.

        ``meetings``: in meeting order; ``failed_ids``: ids of records that could not
        be read (already reported)."""
        resolve_bare_numbers(self.entities, self.documents, self.mentions, self.report)
        check_spellings(self.entities, self.report)
        link_related(meetings, failed_ids, self.report)
        check_speakers(self.entities, meetings, self.report)
        return finish(self.entities, self.documents, meetings, self.report)
