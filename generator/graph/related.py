"""``related:``: the meetings a record says belong with it, linked both ways."""

from __future__ import annotations

import difflib

from ..problems import Report
from .model import Meeting


def link_related(meetings: list[Meeting], failed_ids: set[str] | frozenset[str], report: Report) -> None:
    """Each meeting's ``related`` ids as meetings, both ways; an error for an id no
    record has (unless that record could not be read: already reported)."""
    by_id = {m.key: m for m in meetings}
    for meeting in meetings:
        assert meeting.record is not None and meeting.source is not None
        for i, rel in enumerate(meeting.record.related):
            target = by_id.get(rel)
            if target is None and rel in failed_ids:
                continue
            if target is None:
                close = difflib.get_close_matches(rel, list(by_id), n=3, cutoff=0.6)
                hint = ("; có phải ý bạn là " + ", ".join(f"“{c}”" for c in close) + "?") if close else ""
                report.error(meeting.source.path, meeting.source.line(("related", i)),
                             f"“related[{i + 1}]”: không có bản ghi nào mang mã “{rel}”{hint}")
            elif target is not meeting and target not in meeting.related:
                meeting.related.append(target)
                if meeting not in target.related:
                    target.related.append(meeting)
