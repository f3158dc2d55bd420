"""The site's search data: a sharded index that the browser fetches piece by piece.

Material's built-in search downloads one JSON index of every page; at 10,000
meetings that is tens of megabytes.  Instead, :func:`build_search_files` writes
small JSON files to ``docs/chi-muc/`` that our search worker
(``docs/assets/javascripts/bienban-search.js``) fetches only as a query needs them:

``manifest.json``
    The only file with a fixed name (fetched first, revalidated every visit)::

        {"v": 3,
         "kinds": [[kind, label, first_id, count], ...],   # pages are grouped by kind
         "keys":   {"prefix": "k", "first": [...], "hashes": [...]},  # exact-lookup map
         "tokens": {"prefix": "t", "first": [...], "hashes": [...]},  # inverted index
         "pairs":  {"prefix": "b", "first": [...], "hashes": [...],   # adjacent token pairs
                    "min": 130},
         "pages":  {"prefix": "p", "size": 4, "group": 4, "count": n},  # page table
         "related": {"prefix": "r", "first": [...], "hashes": [...],  # what follows a page
                     "last": 40},
         "sections": [[page_id, first_id, count], ...],   # a page's sections
         "cap": 1500}

    Shard ``i`` of a part is the file ``<prefix>.<hashes[i]>.json``, except
    the page table's, ``p.<i>.json``.
    ``first[i]`` is the smallest key (token, pair) in shard ``i``; shards
    cover consecutive ranges of the sorted keys, so one binary search finds
    the shard of a key and a prefix query reads the consecutive shards its
    range spans.

``k.<hash>.json``
    ``{compact_key: [page_id, ...]}``: what a typed document number or name
    points to (``"217qdtw": [12]``, ``"62": [40, 41]``).

``t.<hash>.json``
    ``{token: [title_ids, text_ids]}`` or ``[title_ids, text_ids, df]``, both
    id lists delta-encoded (first id, then differences).  ``title_ids`` lists
    pages whose title or aliases hold the token; ``text_ids`` those whose text
    holds it but not their title.  A text list longer than ``cap`` keeps
    ``cap`` pages, meetings first (their text is the record; other pages'
    texts quote or describe it), each kind by rank; a title list longer than
    1,000 keeps the first 1,000 ids (entities, then meetings by rank).  A cut
    entry is marked by the trailing ``df``, the number of pages holding the
    token: too common for the worker to filter on.  Otherwise ``df`` is the length of the two lists; the worker
    weighs a token by its IDF, so that "dân", "công" or "tác" count little.

``b.<hash>.json``
    ``{"a b": [title_ids, text_ids]}`` or ``[title_ids, text_ids, df]``: the
    pages where token ``b`` follows token ``a`` (``"canh sat"``), within the
    title, the aliases, the text or the summary, never across two of them;
    punctuation between the two does not matter, as it does not in the query.
    Vietnamese words are mostly two syllables, so these pairs let the worker
    rank first the pages holding the query's words in the order typed.  A
    pair is indexed only when both its tokens are on at least ``min`` pages
    (1% of the pages with text, two at least): a rarer token picks out its few
    pages by itself, and this keeps the long tail of names and numbers out.
    Text lists are cut at 500 pages, title lists as tokens'; the ``df`` of a cut list is an upper
    bound (the smaller of its tokens' page counts): counting the pages of
    every common pair would cost more build time than it buys.

``p.<n>.json``, ``p.g<m>.json``
    ``[[url, title, summary], ...]``: pages ``n*size`` to ``n*size+size-1``;
    a group, the rows of shards ``m*group`` to ``m*group+group-1``, which the
    worker fetches instead when it needs several of them.  Named by number,
    so the worker revalidates them as it does the manifest (their hashes
    would make the manifest grow with every 4 pages).

``sections``
    Hand-written pages are indexed section by section (``"huong-dan/#vung"``,
    see :func:`generator.search.entries.for_hand_written`); a page's sections
    sort right after it (same kind and rank, a longer URL), so each run of
    them is ``[page_id, first_section_id, count]``, and the worker shows the
    sections found under their page.

``r.<hash>.json``
    ``{page_id: related_ids}`` (ids delta-encoded; ``first`` holds page ids,
    as numbers): the pages shown right after a page that an exact key finds,
    best first by id, at most 20 (the results a query shows).  A document's
    are the meetings that cite or mention it, so that "217-QĐ/TW" lists the
    document, then the meetings about it.  Only pages with related pages have
    an entry, and a query reads the shard only when a key found such a page.

Page ids follow (kind, rank descending, url), so a page's kind and its rank
within the kind are known from the id alone (the worker scores without
fetching page data) and the best pages share the first page shards.  Other
shards' names carry a hash of their bytes: a browser may cache them forever,
and an unchanged shard keeps its name from build to build.

Text is folded with :func:`generator.language.text.fold` and split into tokens of
``[0-9a-z]`` (:func:`token_stream`; :func:`pairs` gives its adjacent pairs);
the worker's JavaScript does the same to the query.  The index is built in
two passes over the pages: tokens first, which gives every token's page
count, then the pairs of the tokens common enough.
"""

from __future__ import annotations

import hashlib
import json
import math
import operator
import re
from array import array
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain, islice, repeat
from typing import Any

from generator.language.text import compact_key, fold

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

FORMAT_VERSION = 3
MANIFEST_NAME = "manifest.json"
#: Aim for key, token and pair shards of about this many bytes (uncompressed).
#: An exact look-up reads one shard for one key: a small shard wastes little,
#: while each shard costs the manifest (fetched by every query) a key and a
#: hash, about 25 bytes.  A key whose list is larger has a shard of its own.
SHARD_TARGET_BYTES = 8_000
#: Pages per page-table shard.  A query shows up to 20 results, which may sit
#: in as many shards: 4 pages (~1.5 KB) keeps that worst case near 30 KB.
PAGE_SHARD_SIZE = 4
#: The page table is also written in groups of this many shards (16 pages):
#: results often sit close together (a document's meetings, the best-ranked
#: meetings holding a common word), and the worker then fetches one group
#: rather than several shards (a request costs more than its bytes).
PAGE_GROUP_SHARDS = 4
#: Longest text posting list kept per token.
TEXT_POSTING_CAP = 1500
#: Longest title posting list kept per token or pair: "dân" or "công tác" is in
#: most meeting titles, and such a word counts little (its IDF) and filters
#: nothing; the best pages keep it (entities first, then meetings by rank).
TITLE_POSTING_CAP = 1000
#: Longest text posting list kept per pair of adjacent tokens.
PAIR_POSTING_CAP = 500
#: Related pages kept per page: as many as the worker shows results.
RELATED_CAP = 20
#: A query reads one related shard per page an exact key found: keep them small.
RELATED_SHARD_BYTES = 1_500
#: A pair of adjacent tokens is indexed when both tokens are in at least this
#: share of the pages with text (and in two pages at least).
PAIR_TOKEN_SHARE = 0.01
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
    related: list[str] = field(default_factory=list)
    """URLs of the pages to show right after this one when a key finds it
    (a document's: the meetings that cite or mention it).  URLs of no entry
    are ignored."""


# --------------------------------------------------------------------------- text


_CHUNK_CACHE: dict[str, tuple[str, ...]] = {}
_CHUNK_CACHE_MAX = 500_000


#: A name of the Central Highlands written with an apostrophe ("K'ré", "H'Hen Niê"):
#: besides its parts ("k", "re"), its letters joined ("kre") are a token, as readers
#: type it both ways.
_APOSTROPHES = re.compile("['\u2019\u02bc]")
_APOSTROPHE_WORD = re.compile(f"[0-9a-z]+(?:{_APOSTROPHES.pattern}[0-9a-z]+)+")


def _chunk_tokens(chunk: str) -> tuple[str, ...]:
    folded = fold(chunk)
    tokens = _TOKEN_RE.findall(folded)
    if _APOSTROPHES.search(folded):  # once per distinct chunk (see _cached_chunk_tokens)
        tokens += [_APOSTROPHES.sub("", word) for word in _APOSTROPHE_WORD.findall(folded)]
    return tuple(t for t in tokens if len(t) <= _MAX_TOKEN_LEN)


def _cached_chunk_tokens(chunk: str) -> tuple[str, ...]:
    tokens = _CHUNK_CACHE.get(chunk)
    if tokens is None:
        if len(_CHUNK_CACHE) >= _CHUNK_CACHE_MAX:
            _CHUNK_CACHE.clear()
        tokens = _CHUNK_CACHE[chunk] = _chunk_tokens(chunk)
    return tokens


def token_stream(text: str) -> list[str]:
    """The search tokens of ``text`` in order: runs of [0-9a-z] in ``fold(text)`` (and
    after the parts of a word written with an apostrophe, its letters joined: "k", "re",
    "kre").

    Tokens longer than 40 characters are dropped (the worker drops them too),
    so the tokens either side of one are adjacent.  Folding is per character
    except for NFC composition, which never crosses whitespace, so folding each
    whitespace-separated chunk (cached: a corpus has far fewer distinct chunks
    than words) gives the same tokens as folding the whole text, several times
    faster.
    """
    return list(chain.from_iterable(map(_cached_chunk_tokens, text.split())))


def tokenize(text: str) -> set[str]:
    """The distinct search tokens of ``text`` (see :func:`token_stream`)."""
    return set(chain.from_iterable(map(_cached_chunk_tokens, set(text.split()))))


def pairs(text: str) -> set[str]:
    """The distinct adjacent token pairs of ``text``, joined by a space.

    "Cảnh sát biển" gives {"canh sat", "sat bien"}: the worker looks up the
    pairs of a query to rank first the pages holding its words in the order
    typed.
    """
    stream = token_stream(text)
    return set(map("{} {}".format, stream, islice(stream, 1, None)))


class _Tokenizer(dict[str, tuple[int, ...]]):
    """Chunk → its token ids, for one build (:func:`token_stream`, as ints).

    Token ids number tokens as first seen.  While indexing, pages' tokens and
    pairs are ints: cheaper to hash and to hold than strings, and a pair of
    ids fits in one int.
    """

    def __init__(self) -> None:
        super().__init__()
        self.ids = _Ids()

    def __missing__(self, chunk: str) -> tuple[int, ...]:
        self[chunk] = value = tuple(map(self.ids.__getitem__, _chunk_tokens(chunk)))
        return value

    def stream(self, text: str) -> array[int]:
        # C loops only, once every chunk has been seen.
        return array("I", chain.from_iterable(map(self.__getitem__, text.split())))


class _Ids(dict[str, int]):
    """Token → id, numbering tokens as first seen."""

    def __missing__(self, token: str) -> int:
        self[token] = value = len(self)
        return value


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


def _delta_json(ids: Sequence[int]) -> str:
    """``_dumps(_delta(ids))``, written directly: millions of pair lists are mostly one id."""
    if len(ids) == 1:
        return f"[{ids[0]}]"
    return "[" + ",".join(map(str, _delta(ids))) + "]"


def _digest(data: bytes) -> str:
    """What names a shard: 12 hex digits of its bytes' SHA-256."""
    return hashlib.sha256(data).hexdigest()[:12]


def _check_entry(entry: SearchEntry, seen: set[str]) -> None:
    """Raises ``ValueError`` on an unknown kind, a non-relative URL or one in ``seen``
    (to which it is added)."""
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


def _shard_map(
    items: Iterable[tuple[str | int, str]], prefix: str, target: int, *, plain_keys: bool = False
) -> tuple[dict[str, Any], dict[str, bytes]]:
    """Cut sorted ``(key, serialized value)`` pairs into shards of about ``target`` bytes.

    An int key (a page id) is written as a JSON string and listed in ``first``
    as a number, as the worker compares it.

    ``plain_keys``: the keys need no JSON escaping (tokens and pairs: [0-9a-z ]).
    Returns the manifest part ``{"prefix": ..., "first": [...], "hashes": [...]}``
    and the files.
    """
    firsts: list[str | int] = []
    hashes: list[str] = []
    files: dict[str, bytes] = {}
    parts: list[str] = []
    size = 0

    def flush() -> None:
        nonlocal parts, size
        if not parts:
            return
        data = ("{" + ",".join(parts) + "}").encode("utf-8")
        digest = _digest(data)
        hashes.append(digest)
        files[f"{prefix}.{digest}.json"] = data
        parts, size = [], 0

    for key, value in items:
        part = f'"{key}":{value}' if plain_keys else f"{json.dumps(key)}:{value}"
        if not parts:
            firsts.append(key)
        parts.append(part)
        size += len(part) + 1
        if size >= target:
            flush()
    flush()
    return {"prefix": prefix, "first": firsts, "hashes": hashes}, files


#: The pair of token ids (a, b) is the int ``a << _SHIFT | b``.
_SHIFT = 32
_LOW = (1 << _SHIFT) - 1

#: Consume an iterator at C speed (the posting loops below run over every
#: distinct word and pair of every page: a Python loop there is most of the build).
_consume: Callable[[Iterable[object]], None] = deque[object](maxlen=0).extend
_append = list.append


def _pair_codes(ids: Sequence[int]) -> Iterator[int]:
    return map(operator.or_, map(operator.lshift, ids, repeat(_SHIFT)), islice(ids, 1, None))


class _Postings:
    """The posting lists of one key space (token ids or pair codes), filled page
    by page, best first: ``title[key]`` lists every page holding the key in
    its title or aliases, of which the ``title_cap`` best (smallest ids: entity
    pages, then meetings by rank) are written out, ``text[key]`` the pages
    holding it only in their text, of which the first ``cap`` are written out.

    ``skip`` holds the keys whose text list takes no more ids: the lists past
    the cap (pages come best first) and, for pairs, the keys never indexed.
    Lists hold ids in the order pages came; :meth:`value` sorts them.
    ``counted``: the text pages of a full list are still counted, for its exact
    document frequency (tokens); pairs are not (most of their cost is there).
    """

    def __init__(self, cap: int, *, title_cap: int = TITLE_POSTING_CAP, counted: bool = True,
                 skip: Iterable[int] = ()) -> None:
        self.cap = cap
        self.title_cap = title_cap
        self.counted = counted
        self.title: defaultdict[int, list[int]] = defaultdict(list)
        self.text: defaultdict[int, list[int]] = defaultdict(list)
        self.skip: set[int] = set(skip)
        self.over: Counter[int] = Counter()  # text pages left off a full key's list
        self._since_trim = 0

    def add(self, page_id: int, in_title: set[int], in_text: set[int]) -> None:
        if in_title:
            _consume(map(_append, map(self.title.__getitem__, in_title), repeat(page_id)))
            in_text = in_text - in_title
        if self.skip:
            if self.counted:
                over = in_text & self.skip
                if over:
                    in_text = in_text - over
                    self.over.update(over)
            else:
                in_text = in_text - self.skip
        if not in_text:
            return
        _consume(map(_append, map(self.text.__getitem__, in_text), repeat(page_id)))
        self._since_trim += 1
        if self._since_trim >= self.cap:
            self._trim()

    def _trim(self) -> None:
        """Cut the lists grown past the cap since the last trim (a list grows by
        at most one id a page, so trimming every ``cap`` pages bounds them to
        twice the cap) and stop them growing."""
        self._since_trim = 0
        cap, skip, over = self.cap, self.skip, self.over
        for key, ids in self.text.items():
            if len(ids) > cap and key not in skip:
                over[key] += len(ids) - cap - 1
                del ids[cap + 1 :]
                skip.add(key)

    def df(self, key: int) -> int:
        """Pages holding the key anywhere (its document frequency, when counted)."""
        title, text = self.title.get(key), self.text.get(key)
        return (len(title) if title else 0) + (len(text) if text else 0) + self.over.get(key, 0)

    def value(self, key: int, df: int = 0) -> str:
        """``[title_ids, text_ids]``, or ``[title_ids, text_ids, df]`` when either
        list is capped (``df``: the count, or the given bound when pages are not
        counted)."""
        in_title = sorted(self.title.get(key) or ())
        in_text = self.text.get(key) or []
        head = _delta_json(in_title[: self.title_cap]) if in_title else "[]"
        body = _delta_json(sorted(in_text[: self.cap])) if in_text else "[]"
        if len(in_title) <= self.title_cap and len(in_text) <= self.cap:
            return f"[{head},{body}]"
        count = self.df(key) if self.counted else max(df, self.df(key))
        return f"[{head},{body},{count}]"

    def keys(self) -> set[int]:
        return self.title.keys() | self.text.keys()


# -------------------------------------------------------------------------- pairs


def _index_pairs(
    order: Sequence[int],
    streams: list[tuple[list[array[int]], list[array[int]]]],
    tokens: _Postings,
    n_tokens: int,
    min_df: int,
    cap: int,
    title_cap: int = TITLE_POSTING_CAP,
) -> _Postings:
    """Pass 2: the pairs of adjacent tokens both on ``min_df`` pages at least.

    A rarer token picks out its few pages by itself; word order matters among
    the many pages that share common syllables.  Rare tokens are renumbered to
    0 and the pairs holding a 0 (``dropped``) are skipped with one set
    operation.  Empties ``streams`` as it goes, as the pairs' lists grow.
    """
    common = [t + 1 if tokens.df(t) >= min_df else 0 for t in range(n_tokens)]
    dropped = {*range(n_tokens + 1), *(t << _SHIFT for t in range(n_tokens + 1))}

    def codes(field_streams: list[array[int]]) -> set[int]:
        out: set[int] = set()
        for stream in field_streams:
            out.update(_pair_codes(list(map(common.__getitem__, stream))))
        return out

    pairs = _Postings(cap, title_cap=title_cap, counted=False, skip=dropped)
    for page_id in order:
        head, body = streams[page_id]
        streams[page_id] = ([], [])
        pairs.add(page_id, codes(head) - dropped, codes(body))
    return pairs


def _pair_items(pairs: _Postings, tokens: _Postings, names: list[str]) -> Iterator[tuple[str, str]]:
    """``("a b", value)`` in the order of the keys; a pair's token ids are
    shifted by one (:func:`_index_pairs`).  A cut pair list is not counted past
    the cap: it gives as its page count the smaller of its tokens' (a bound)."""
    # "a b" sorts as (a, b) does: the space sorts before every token character.
    position = [0] * (len(names) + 1)
    for i, token_id in enumerate(sorted(range(len(names)), key=names.__getitem__)):
        position[token_id + 1] = i
    for code in sorted(pairs.keys(), key=lambda c: position[c >> _SHIFT] << _SHIFT | position[c & _LOW]):
        a, b = (code >> _SHIFT) - 1, (code & _LOW) - 1
        yield f"{names[a]} {names[b]}", pairs.value(code, min(tokens.df(a), tokens.df(b)))


# ------------------------------------------------------------------------ related


def _related_shards(pages: Sequence[_Page], target: int) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The ``related`` part: page id → the ids of its related pages (best
    first, i.e. by id, at most :data:`RELATED_CAP`), in shards by page id."""
    ids = {entry.url: page_id for page_id, entry in enumerate(pages)}
    items: list[tuple[int, str]] = []
    for page_id, entry in enumerate(pages):
        related = sorted({ids[url] for url in entry.related if url in ids} - {page_id})[:RELATED_CAP]
        if related:
            items.append((page_id, _delta_json(related)))
    # Page ids are the keys: digits, written as JSON strings, found by number.
    part, files = _shard_map(items, "r", target, plain_keys=True)
    # The largest id with related pages: the worker reads no shard for a larger one.
    part["last"] = items[-1][0] if items else -1
    return part, files


# ----------------------------------------------------------------------- sections


def _section_runs(urls: Sequence[str]) -> list[list[int]]:
    """``[page_id, first_id, count]`` for each run of consecutive ids that are
    sections of one page (``"huong-dan/#vung"`` of ``"huong-dan/"``): the
    worker shows a page's sections under it, as Material does."""
    ids = {url: page_id for page_id, url in enumerate(urls)}
    runs: list[list[int]] = []
    for page_id, url in enumerate(urls):
        base, anchor, _ = url.partition("#")
        parent = ids.get(base) if anchor else None
        if parent is None:
            continue
        if runs and runs[-1][0] == parent and runs[-1][1] + runs[-1][2] == page_id:
            runs[-1][2] += 1
        else:
            runs.append([parent, page_id, 1])
    return runs


# -------------------------------------------------------------------------- build


@dataclass(slots=True)
class _Page:
    """What the index keeps of an entry once its words are tokenized: its texts go."""

    url: str
    kind: str
    rank: float
    keys: set[str]
    head: list[array[int]]  # the token streams of the title and the aliases
    body: list[array[int]]  # of the text and the summary
    related: list[str]
    row: list[str]  # the page table's row: url, title, summary


class SearchIndexBuilder:
    """:func:`build_search_files` entry by entry: each entry is tokenized as it is
    added and only its token streams are kept (4 bytes a word), so a process that
    receives the entries one by one never holds their texts all at once."""

    def __init__(self, *, shard_bytes: int = SHARD_TARGET_BYTES, page_shard_size: int = PAGE_SHARD_SIZE,
                 text_cap: int = TEXT_POSTING_CAP, title_cap: int = TITLE_POSTING_CAP,
                 pair_cap: int = PAIR_POSTING_CAP, pair_share: float = PAIR_TOKEN_SHARE) -> None:
        self.shard_bytes, self.page_shard_size = shard_bytes, page_shard_size
        self.text_cap, self.title_cap, self.pair_cap, self.pair_share = text_cap, title_cap, pair_cap, pair_share
        self.pages: list[_Page] = []
        self.urls: set[str] = set()
        self.tokenizer = _Tokenizer()

    def add(self, entry: SearchEntry) -> None:
        """Raises ``ValueError`` on an unknown kind, a non-relative or a duplicated URL."""
        _check_entry(entry, self.urls)
        keys = list(entry.keys)
        if entry.kind in _TITLE_IS_KEY:
            keys.append(entry.title)
        stream = self.tokenizer.stream
        self.pages.append(_Page(
            entry.url, entry.kind, _rank(entry), {key for key in map(compact_key, keys) if key},
            [stream(t) for t in (entry.title, entry.title_text) if t],
            [stream(t) for t in (entry.text, entry.summary) if t],
            list(entry.related),
            [entry.url, _SPACES_RE.sub(" ", entry.title).strip(), summarize(entry.summary)],
        ))

    def files(self) -> dict[str, bytes]:
        """The search files, relative path → bytes (the builder is spent)."""
        order_of = {kind: i for i, kind in enumerate(KINDS)}
        pages = sorted(self.pages, key=lambda p: (order_of[p.kind], -p.rank, p.url))
        self.pages = []
        text_cap, title_cap, shard_bytes = self.text_cap, self.title_cap, self.shard_bytes

        kinds: list[list[Any]] = []
        for i, page in enumerate(pages):
            if not kinds or kinds[-1][0] != page.kind:
                kinds.append([page.kind, KIND_LABELS[page.kind], i, 0])
            kinds[-1][3] += 1

        # Pages are indexed in text order: a cut text list keeps the first pages
        # given to it, and those should be meetings (their text is the record; the
        # other pages' texts quote it, as a document's sentences citing it do, or
        # describe), then the other pages, each by rank.  Lists are sorted by id
        # when written.
        order = [i for i, p in enumerate(pages) if p.kind == "meeting"]
        order += [i for i, p in enumerate(pages) if p.kind != "meeting"]

        # Pass 1: exact keys and tokens; each page's token streams are kept for
        # pass 2.  Pairs are taken within each field, never across two.
        key_ids: dict[str, list[int]] = {}
        tokens = _Postings(text_cap, title_cap=title_cap)
        streams: list[tuple[list[array[int]], list[array[int]]]] = [([], [])] * len(pages)
        with_text = 0
        for page_id in order:
            page = pages[page_id]
            for key in page.keys:
                key_ids.setdefault(key, []).append(page_id)
            in_text = set().union(*page.body)
            with_text += bool(in_text)
            tokens.add(page_id, set().union(*page.head), in_text)
            streams[page_id] = (page.head, page.body)
            page.head = page.body = []

        min_df = max(2, math.ceil(with_text * self.pair_share))
        names = list(self.tokenizer.ids)  # token id → token
        pair_postings = _index_pairs(order, streams, tokens, len(names), min_df, self.pair_cap, title_cap)
        del streams

        key_part, files = _shard_map(
            ((key, _dumps(sorted(key_ids[key]))) for key in sorted(key_ids)), "k", shard_bytes
        )
        token_order = sorted(tokens.keys(), key=names.__getitem__)
        token_part, token_files = _shard_map(
            ((names[t], tokens.value(t)) for t in token_order), "t", shard_bytes, plain_keys=True
        )
        files.update(token_files)
        pair_part, pair_files = _shard_map(_pair_items(pair_postings, tokens, names), "b", shard_bytes,
                                           plain_keys=True)
        pair_part["min"] = min_df
        files.update(pair_files)

        related_part, related_files = _related_shards(pages, min(shard_bytes, RELATED_SHARD_BYTES))
        files.update(related_files)
        # Page-table shards are named by their number, not their hash: a query
        # needs one shard per result shown, so shards are small and many, and a
        # hash apiece would make the manifest, read by every query, grow by 15
        # bytes every 4 pages.  The worker revalidates them (as the manifest).
        table = [page.row for page in pages]
        page_shard_size = self.page_shard_size
        for n, start in enumerate(range(0, len(pages), page_shard_size)):
            files[f"p.{n}.json"] = _dumps(table[start : start + page_shard_size]).encode("utf-8")
        group_size = page_shard_size * PAGE_GROUP_SHARDS
        for m, start in enumerate(range(0, len(pages), group_size)):
            files[f"p.g{m}.json"] = _dumps(table[start : start + group_size]).encode("utf-8")

        manifest = {
            "v": FORMAT_VERSION,
            "kinds": kinds,
            "keys": key_part,
            "tokens": token_part,
            "pairs": pair_part,
            "pages": {"prefix": "p", "size": page_shard_size, "group": PAGE_GROUP_SHARDS, "count": len(pages)},
            "related": related_part,
            "sections": _section_runs([page.url for page in pages]),
            "cap": text_cap,
        }
        files[MANIFEST_NAME] = _dumps(manifest).encode("utf-8")
        return files


def build_search_files(
    entries: Iterable[SearchEntry],
    *,
    shard_bytes: int = SHARD_TARGET_BYTES,
    page_shard_size: int = PAGE_SHARD_SIZE,
    text_cap: int = TEXT_POSTING_CAP,
    title_cap: int = TITLE_POSTING_CAP,
    pair_cap: int = PAIR_POSTING_CAP,
    pair_share: float = PAIR_TOKEN_SHARE,
) -> dict[str, bytes]:
    """Build the search files for ``docs/chi-muc/``: relative path → bytes.

    The result depends only on the set of entries, not on their order.  Files
    other than ``manifest.json`` are named by a hash of their content; the
    caller writes the files whose bytes changed and deletes the ones no longer
    returned.  Raises ``ValueError`` on an unknown kind, a non-relative or a
    duplicated URL.
    """
    builder = SearchIndexBuilder(shard_bytes=shard_bytes, page_shard_size=page_shard_size, text_cap=text_cap,
                                 title_cap=title_cap, pair_cap=pair_cap, pair_share=pair_share)
    for entry in entries:
        builder.add(entry)
    return builder.files()
