"""Meeting order: the order meetings are read in, which every entity's list follows;
an incremental update cuts a meeting's items out of such lists, and puts them back
in their place, by bisection."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable
from typing import Any

from .model import Meeting


def meeting_order(meeting: Meeting) -> tuple[dt.date, str, str]:
    """The order meetings are read in (and every list of an entity follows)."""
    return (meeting.date, meeting.key, meeting.path)


def _order_key(registry_first: bool) -> Callable[[Any], Any]:
    """The order of an entity's list: that of the meetings its items belong to (a
    person's positions: the registry's first)."""
    if registry_first:
        return lambda h: (True, meeting_order(h.meeting)) if h.meeting is not None else (False,)
    return lambda x: meeting_order(getattr(x, "meeting", x))


def cut(items: list[Any], meeting: Meeting, *, registry_first: bool = False) -> None:
    """Remove a meeting's items from a list in meeting order (they are side by side)."""
    key = _order_key(registry_first)
    target = (True, meeting_order(meeting)) if registry_first else meeting_order(meeting)
    lo = bisect.bisect_left(items, target, key=key)
    hi = bisect.bisect_right(items, target, lo=lo, key=key)
    del items[lo:hi]


def place(items: list[Any], meeting: Meeting, *, registry_first: bool = False) -> None:
    """Move a meeting's items, just appended at the end of a list in meeting order, to their place."""
    def owner(item: Any) -> Any:
        return item.meeting if registry_first else getattr(item, "meeting", item)
    start = len(items)
    while start and owner(items[start - 1]) is meeting:
        start -= 1
    if start == len(items) or start == 0:
        return
    block = items[start:]
    del items[start:]
    key = _order_key(registry_first)
    at = bisect.bisect_right(items, (True, meeting_order(meeting)) if registry_first else meeting_order(meeting),
                             key=key)
    items[at:at] = block
