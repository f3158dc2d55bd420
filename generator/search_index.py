"""The site's search data: a sharded index that the browser fetches piece by piece.

Material's built-in search downloads one JSON index of every page; at 10,000
meetings that is tens of megabytes.  Instead, :func:`build_search_files` writes
small JSON files to ``docs/chi-muc/`` that our search worker
(``docs/assets/javascripts/bienban-search.js``) fetches only as a query needs them:

``manifest.json``
    The only file with a fixed name (fetched first, revalidated every visit)::

        {"v": 1,
         "kinds": [[kind, label, first_id, count], ...],   # pages are grouped by kind
         "keys":   {"first": [...], "files": [...]},       # exact-lookup map shards
         "tokens": {"first": [...], "files": [...]},       # inverted-index shards
         "pages":  {"size": 64, "files": [...]},           # page-table shards
         "cap": 1500}

    ``first[i]`` is the smallest key (token) in ``files[i]``; shards cover
    consecutive ranges of the sorted keys, so one binary search finds the shard
    of a key and a prefix query reads the consecutive shards its range spans.

``k.<hash>.json``
    ``{compact_key: [page_id, ...]}``: what a typed document number or name
    points to (``"217qdtw": [12]``, ``"62": [40, 41]``).

``t.<hash>.json``
    ``{token: [title_ids, text_ids]}`` or ``[title_ids, text_ids, 1]``,
    both id lists delta-encoded (first id, then differences).  ``title_ids``
    lists pages whose title or aliases hold the token (never capped);
    ``text_ids`` those whose text holds it but not their title.  A text list
    longer than ``cap`` keeps the ``cap`` best-ranked pages and is marked by
    the trailing ``1``: the token is too common for the worker to filter on.

``p.<hash>.json``
    ``[[url, title, summary], ...]``: pages ``n*size`` to ``n*size+size-1``.

Page ids follow (kind, rank descending, url), so a page's kind and its rank
within the kind are known from the id alone (the worker scores without
fetching page data) and the best pages share the first page shards.  Shard
names carry a hash of their bytes: a browser may cache them forever, and an
unchanged shard keeps its name from build to build.

Text is folded with :func:`generator.text.fold` and split into tokens of
``[0-9a-z]``; the worker's JavaScript does the same to the query.
"""

from __future__ import annotations

import hashlib
import json
import math
import operator
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

from generator.text import compact_key, fold

#: Kinds in page-id order; the worker's kind priors are keyed by these names.
KINDS: tuple[str, ...] = (
    "document", "person", "organization", "place", "topic", "year", "meeting", "page",
)

#: What readers see next to each result.
KIND_LABELS: dict[str, str] = {
    "document": "Văn bản",
    "person": "Nhân vật",
    "organization": "Cơ quan",
    "place": "Địa phương",
    "topic": "Chủ đề",
    "year": "Năm",
    "meeting": "Hội nghị",
    "page": "Trang",
}

#: Kinds whose title is itself an exact-lookup key (a person's or a province's
#: name); meeting titles are long sentences, found through their words.
_TITLE_IS_KEY = frozenset({"document", "person", "organization", "place", "topic", "year"})

FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
#: Aim for key and token shards of about this many bytes (uncompressed).
SHARD_TARGET_BYTES = 32_000
#: Pages per page-table shard.  A query shows up to 30 results, which may sit
#: in as many shards: 32 pages (~14 KB) keeps that worst case near 400 KB.
PAGE_SHARD_SIZE = 32
#: Longest text posting list kept per token (title lists are never capped).
TEXT_POSTING_CAP = 1500
SUMMARY_MAX_CHARS = 200
#: Longer "words" are hashes, URLs or garbage nobody types.
_MAX_TOKEN_LEN = 40

_TOKEN_RE = re.compile(r"[0-9a-z]+")
_SPACES_RE = re.compile(r"\s+")


@dataclass
class SearchEntry:
    """One page as search sees it (built by the generator, one per page)."""

    url: str
    """Site-relative URL of the page, e.g. ``"van-ban/217-qd-tw/"``."""
    title: str
    kind: str
    """One of :data:`KINDS`."""
    keys: list[str] = field(default_factory=list)
    """Exact-lookup strings ("217-QĐ/TW", "QĐ 217", "Trương Thị Mai", "MTTQ");
    the indexer applies :func:`compact_key`."""
    title_text: str = ""
    """Title and aliases: words found here weigh far more than ``text``."""
    text: str = ""
    """Body words (low weight)."""
    summary: str = ""
    """Teaser shown under the title in results (cut to 200 characters)."""
    rank: float = 0.0
    """Static prior within the kind, e.g. the number of mentions."""


# --------------------------------------------------------------------------- text


_CHUNK_CACHE: dict[str, tuple[str, ...]] = {}
_CHUNK_CACHE_MAX = 500_000


def _chunk_tokens(chunk: str) -> tuple[str, ...]:
    tokens = tuple(t for t in _TOKEN_RE.findall(fold(chunk)) if len(t) <= _MAX_TOKEN_LEN)
    if len(_CHUNK_CACHE) >= _CHUNK_CACHE_MAX:
        _CHUNK_CACHE.clear()
    _CHUNK_CACHE[chunk] = tokens
    return tokens


def tokenize(text: str) -> set[str]:
    """The distinct search tokens of ``text``: runs of [0-9a-z] in ``fold(text)``.

    Folding is per character except for NFC composition, which never crosses
    whitespace, so folding each whitespace-separated chunk (cached: a corpus
    has far fewer distinct chunks than words) gives the same tokens as folding
    the whole text, several times faster.
    """
    chunks = set(text.split())
    parts = list(map(_CHUNK_CACHE.get, chunks))  # a C loop: most chunks were seen before
    if None in parts:
        get = _CHUNK_CACHE.get
        parts = [get(chunk) or _chunk_tokens(chunk) for chunk in chunks]
    return set().union(*parts)


def summarize(text: str, limit: int = SUMMARY_MAX_CHARS) -> str:
    """Collapse whitespace and cut at a word boundary to at most ``limit`` characters."""
    text = _SPACES_RE.sub(" ", text).strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-–") + "…"


# ------------------------------------------------------------------------ helpers


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _delta(ids: Sequence[int]) -> list[int]:
    """Delta-encode an increasing id list: [5, 7, 8] → [5, 2, 1]."""
    return list(map(operator.sub, ids, chain((0,), ids)))


def _file_name(prefix: str, data: bytes) -> str:
    return f"{prefix}.{hashlib.sha256(data).hexdigest()[:12]}.json"


def _check(entries: Sequence[SearchEntry]) -> None:
    seen: set[str] = set()
    for entry in entries:
        if entry.kind not in KIND_LABELS:
            raise ValueError(f"search entry {entry.url!r}: unknown kind {entry.kind!r}")
        if entry.url.startswith("/") or "://" in entry.url:
            raise ValueError(f"search entry {entry.url!r}: URL must be site-relative")
        if entry.url in seen:
            raise ValueError(f"search entry {entry.url!r} appears twice")
        seen.add(entry.url)


def _rank(entry: SearchEntry) -> float:
    rank = float(entry.rank)
    return rank if math.isfinite(rank) else 0.0


def _sorted(entries: Sequence[SearchEntry]) -> list[SearchEntry]:
    order = {kind: i for i, kind in enumerate(KINDS)}
    return sorted(entries, key=lambda e: (order[e.kind], -_rank(e), e.url))


def _shard_map(
    items: Iterable[tuple[str, str]], prefix: str, target: int
) -> tuple[dict[str, Any], dict[str, bytes]]:
    """Cut sorted ``(key, serialized value)`` pairs into shards of about ``target`` bytes.

    Returns the manifest part ``{"first": [...], "files": [...]}`` and the files.
    """
    firsts: list[str] = []
    names: list[str] = []
    files: dict[str, bytes] = {}
    parts: list[str] = []
    size = 0

    def flush() -> None:
        nonlocal parts, size
        if not parts:
            return
        data = ("{" + ",".join(parts) + "}").encode("utf-8")
        name = _file_name(prefix, data)
        names.append(name)
        files[name] = data
        parts, size = [], 0

    for key, value in items:
        part = f"{json.dumps(key)}:{value}"
        if not parts:
            firsts.append(key)
        parts.append(part)
        size += len(part) + 1
        if size >= target:
            flush()
    flush()
    return {"first": firsts, "files": names}, files


# -------------------------------------------------------------------------- build


def build_search_files(
    entries: Sequence[SearchEntry],
    *,
    shard_bytes: int = SHARD_TARGET_BYTES,
    page_shard_size: int = PAGE_SHARD_SIZE,
    text_cap: int = TEXT_POSTING_CAP,
) -> dict[str, bytes]:
    """Build the search files for ``docs/chi-muc/``: relative path → bytes.

    The result depends only on the set of entries, not on their order.  Files
    other than ``manifest.json`` are named by a hash of their content; the
    caller writes the files whose bytes changed and deletes the ones no longer
    returned.  Raises ``ValueError`` on an unknown kind, a non-relative or a
    duplicated URL.
    """
    _check(entries)
    pages = _sorted(entries)

    kinds: list[list[Any]] = []
    for i, entry in enumerate(pages):
        if not kinds or kinds[-1][0] != entry.kind:
            kinds.append([entry.kind, KIND_LABELS[entry.kind], i, 0])
        kinds[-1][3] += 1

    key_ids: dict[str, list[int]] = {}
    title_ids: dict[str, list[int]] = {}
    text_ids: dict[str, list[int]] = {}
    full: set[str] = set()  # tokens whose text list is past the cap
    for page_id, entry in enumerate(pages):
        keys = list(entry.keys)
        if entry.kind in _TITLE_IS_KEY:
            keys.append(entry.title)
        for key in {compact_key(k) for k in keys}:
            if key:
                key_ids.setdefault(key, []).append(page_id)

        in_title = tokenize(entry.title) | tokenize(entry.title_text)
        for token in in_title:
            title_ids.setdefault(token, []).append(page_id)
        # Pages come best first, so a text list past the cap takes no more ids:
        # skipping those tokens with one set difference saves most of the work
        # on long texts, whose words are mostly common ones.
        for token in (tokenize(entry.text) | tokenize(entry.summary)) - in_title - full:
            ids = text_ids.get(token)
            if ids is None:
                text_ids[token] = [page_id]
            else:
                ids.append(page_id)
                if len(ids) > text_cap:
                    full.add(token)

    key_part, files = _shard_map(
        ((key, _dumps(key_ids[key])) for key in sorted(key_ids)), "k", shard_bytes
    )

    def token_items() -> Iterable[tuple[str, str]]:
        for token in sorted(title_ids.keys() | text_ids.keys()):
            in_title = title_ids.get(token, [])
            in_text = text_ids.get(token, [])
            value: list[Any] = [_delta(in_title), _delta(in_text[:text_cap])]
            if len(in_text) > text_cap:
                value.append(1)
            yield token, _dumps(value)

    token_part, token_files = _shard_map(token_items(), "t", shard_bytes)
    files.update(token_files)

    page_names: list[str] = []
    for start in range(0, len(pages), page_shard_size):
        rows = [
            [e.url, _SPACES_RE.sub(" ", e.title).strip(), summarize(e.summary)]
            for e in pages[start : start + page_shard_size]
        ]
        data = _dumps(rows).encode("utf-8")
        name = _file_name("p", data)
        page_names.append(name)
        files[name] = data

    manifest = {
        "v": FORMAT_VERSION,
        "kinds": kinds,
        "keys": key_part,
        "tokens": token_part,
        "pages": {"size": page_shard_size, "files": page_names},
        "cap": text_cap,
    }
    files[MANIFEST_NAME] = _dumps(manifest).encode("utf-8")
    return files
