"""Look-ups keyed by ``id()``, and how they survive pickling.

The builder's parts keep tables keyed by the id() of a person, body, document,
meeting, citation or mention (dicts and sets), each part listing them in its
``ID_KEYED``.  An id means nothing once read back: a part pickles these tables
empty, and :class:`~generator.graph.linked.LinkedGraph` pickles their contents as
(object, value) pairs and fills them again.
"""

from __future__ import annotations

import copy
from typing import Any, ClassVar, Protocol


class HasIdKeyed(Protocol):
    ID_KEYED: ClassVar[tuple[str, ...]]


def without_id_keyed(part: HasIdKeyed) -> dict[str, Any]:
    """``part``'s state for pickling, its id-keyed tables emptied."""
    state = dict(part.__dict__)
    for name in part.ID_KEYED:
        state[name] = _emptied(state[name])
    return state


def _emptied(table: Any) -> Any:
    """An empty container of the same kind (a defaultdict keeps its factory)."""
    empty = copy.copy(table)
    empty.clear()
    return empty
