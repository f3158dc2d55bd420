"""Issue 3 on the real seed site: any way a reader types a number or a name finds its page first.

Builds the seed site (the session's ``seed_build``), serves it on 127.0.0.1 and types
each query into Material's real search box in headless Chromium.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from browsing import serve
from test_search_worker import SearchPage

from generator.language.text import fold
from generator.pipeline import BuildResult
from generator.publish.write import hand_written_pages

pytestmark = pytest.mark.browser

# query as typed → the page that must come first
FIRST = [
    ("217-QĐ/TW", "van-ban/217-qd-tw/"),
    ("217-qđ/tw", "van-ban/217-qd-tw/"),
    ("217-QD/TW", "van-ban/217-qd-tw/"),
    ("217 QĐ TW", "van-ban/217-qd-tw/"),
    ("QĐ 217", "van-ban/217-qd-tw/"),
    ("Quyết định 217", "van-ban/217-qd-tw/"),
    ("quyet dinh 217", "van-ban/217-qd-tw/"),
    ("218", "van-ban/218-qd-tw/"),
    ("Quyết định số 218", "van-ban/218-qd-tw/"),
    ("Quyết định số 217-QĐ/TW", "van-ban/217-qd-tw/"),
    ("62-KL/TW", "van-ban/62-kl-tw/"),
    ("17-NQ/TU", "van-ban/17-nq-tu-quang-ninh/"),
    ("306-QĐ/TU", "van-ban/306-qd-tu-ben-tre/"),
    ("truong thi mai", "nhan-vat/truong-thi-mai/"),
    ("Trương Thị Mai", "nhan-vat/truong-thi-mai/"),
    ("dan van kheo", "chu-de/dan-van-kheo/"),
    ("quang ninh", "dia-phuong/quang-ninh/"),
    ("MTTQ", "co-quan/mat-tran-to-quoc-viet-nam/"),
    ("tay nam bo", "dia-phuong/dong-bang-song-cuu-long/"),
    # A hand-written page comes first when its title is what was typed.
    ("gioi thieu", "gioi-thieu/"),
    ("Giới thiệu", "gioi-thieu/"),
]


@pytest.fixture(scope="module")
def seed_url(seed_build: BuildResult) -> Iterator[str]:
    with serve(seed_build.site_dir) as url:
        yield url


@pytest.fixture(scope="module")
def seed_search(browser: Any, seed_url: str) -> Iterator[SearchPage]:
    page = SearchPage(browser, seed_url)
    yield page
    page.page.close()


@pytest.mark.parametrize(("query", "expected"), FIRST)
def test_first_result(seed_search: SearchPage, query: str, expected: str) -> None:
    assert seed_search.search(query)[0] == expected


def test_ambiguous_62_lists_both_documents_before_any_meeting(seed_search: SearchPage) -> None:
    results = seed_search.search("62")
    assert set(results[:2]) == {"van-ban/62-kl-tw/", "van-ban/62-ct-tw/"}


@pytest.mark.parametrize("query", ["nghị quyết số 25-NQ/TW", "Nghị quyết 25-NQ/TW", "nghi quyet so 25-nq/tw"])
def test_a_number_written_as_a_text_cites_it_lists_every_document_of_that_number(
        seed_search: SearchPage, query: str) -> None:
    """"Nghị quyết số 25-NQ/TW", as an article writes it: both documents numbered so
    (2003 and 2013) come first, then the meeting that cites one of them."""
    results = seed_search.search(query)
    assert set(results[:2]) == {"van-ban/25-nq-tw-2003/", "van-ban/25-nq-tw-2013/"}, results
    assert "hoi-nghi/2024-01-22-tong-ket-dan-van-ben-tre-2023/" in results[2:4], results


@pytest.mark.parametrize("query", ["dieu kre", "kre", "Điểu K'ré", "dieu k re", "Điểu K’ré"])
def test_a_name_with_an_apostrophe_is_found_typed_with_or_without_it(seed_search: SearchPage, query: str) -> None:
    """Names of the Central Highlands ("Điểu K'ré"): readers type "kre" as well as "k re"."""
    results = seed_search.search(query)
    assert results[:2] == ["nhan-vat/dieu-kre/", "hoi-nghi/2018-07-12-giao-ban-dong-bang-song-hong/"], results


def test_meetings_are_found_by_words_of_their_text(seed_search: SearchPage) -> None:
    results = seed_search.search("Cảnh sát biển đồng hành với ngư dân")
    assert results[0] == "hoi-nghi/2024-01-22-tong-ket-dan-van-ben-tre-2023/"


def test_the_count_of_results_says_pages(seed_search: SearchPage) -> None:
    """Material's Vietnamese counts results in "tài liệu", a word this site keeps for
    nothing; they are pages, the best ones: a query that more pages match than the
    worker answers with must not read as if no other page did."""
    results = seed_search.search("217-QĐ/TW")
    meta = " ".join(seed_search.page.inner_text(".md-search-result__meta").split())
    assert meta == f"{len(results)} trang phù hợp nhất"


def test_search_makes_no_request_outside_the_host(seed_search: SearchPage) -> None:
    seed_search.search("dan van")
    assert seed_search.requests and all(r.startswith(seed_search.site_url) for r in seed_search.requests)


# ------------------------------------------------- entities before the guide


def _hand_written_urls(site_dir: Path) -> set[str]:
    """Site-relative URLs of the project's hand-written pages (home, guide, about)."""
    docs = site_dir.parent / "docs"
    urls = set()
    for path in hand_written_pages(docs):
        url = path.relative_to(docs).with_suffix("").as_posix() + "/"
        urls.add("" if url == "index/" else url.removesuffix("index/"))
    return urls


ENTITY_QUERIES = [
    "quyet dinh 217", "217-QĐ/TW", "Quyết định số 218", "62", "17-NQ/TU", "Trương Thị Mai",
    "truong thi mai", "dan van", "Dân vận khéo", "quang ninh", "MTTQ", "Bến Tre", "hội nghị",
]


@pytest.mark.parametrize("query", ENTITY_QUERIES)
def test_entity_pages_come_before_hand_written_pages(
    seed_build: BuildResult, seed_search: SearchPage, query: str
) -> None:
    hand = _hand_written_urls(seed_build.site_dir)
    assert {"", "gioi-thieu/", "huong-dan/", "huong-dan/so-van-ban/"} <= hand
    results = seed_search.search(query)
    kinds = ["hand" if r in hand else "entity" for r in results]
    assert kinds[0] == "entity", results
    if "hand" in kinds:
        assert "entity" not in kinds[kinds.index("hand"):], results


# ------------------------------------------- a document, then its meetings


class _Links(HTMLParser):
    """The href of every link inside the page's <article>."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.depth += 1
        elif tag == "a" and self.depth:
            self.hrefs.extend(v for k, v in attrs if k == "href" and v)

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.depth -= 1


def _meetings_shown_on(site_dir: Path, page: str) -> set[str]:
    """The meeting pages a built page links to from its article, as site-relative URLs."""
    parser = _Links()
    parser.feed((site_dir / page / "index.html").read_text(encoding="utf-8"))
    base = "http://site/" + page
    urls = {urljoin(base, href).removeprefix("http://site/").split("#")[0] for href in parser.hrefs}
    return {u for u in urls if u.startswith("hoi-nghi/") and u.count("/") == 2 and u != "hoi-nghi/"}


# Every way a reader may type a number → its document; the meetings its page
# lists (those citing or mentioning it) must come right after it.
DOCUMENT_QUERIES = [
    ("217-QĐ/TW", "van-ban/217-qd-tw/"),
    ("217/QĐ-TW", "van-ban/217-qd-tw/"),
    ("qd 217", "van-ban/217-qd-tw/"),
    ("quyet dinh 217", "van-ban/217-qd-tw/"),
    ("quyết định số 217", "van-ban/217-qd-tw/"),
    ("Quyết định 218", "van-ban/218-qd-tw/"),  # two meetings
    ("218-QD/TW", "van-ban/218-qd-tw/"),
    ("kết luận 62", "van-ban/62-kl-tw/"),
    ("17-NQ/TU", "van-ban/17-nq-tu-quang-ninh/"),
    ("nghi quyet 23", "van-ban/23-nq-tw/"),
]


@pytest.mark.parametrize(("query", "document"), DOCUMENT_QUERIES)
def test_meetings_citing_a_document_come_right_after_it(
    seed_build: BuildResult, seed_search: SearchPage, query: str, document: str
) -> None:
    meetings = _meetings_shown_on(seed_build.site_dir, document)
    assert meetings, f"{document} lists no meeting: nothing to check"
    results = seed_search.search(query)
    assert results[0] == document, results
    assert set(results[1 : 1 + len(meetings)]) == meetings, results


# ----------------------------------------------------------- highlighting


@pytest.fixture()
def fresh_search(browser: Any, seed_url: str) -> Iterator[SearchPage]:
    """A page of its own, for tests that scroll the results: on the shared page,
    a later search sometimes (on a loaded machine) read a list that Material
    was still rendering after the scrolling."""
    page = SearchPage(browser, seed_url)
    yield page
    page.page.close()


def _marks(search: SearchPage) -> list[str]:
    return search.page.locator(".md-search-result mark").all_inner_texts()


def _result_titles(search: SearchPage) -> list[str]:
    """The titles of every result, best first (Material shows 10, then 4 more
    each time the list is scrolled to its end)."""
    wanted = len(search.worker().evaluate("self.bienbanSearch.locations"))
    scrollwrap = search.page.locator(".md-search__scrollwrap")
    deadline = time.monotonic() + 10
    while len(titles := search.page.locator(".md-search-result__item h1").all_inner_texts()) != wanted:
        assert time.monotonic() < deadline, f"{len(titles)} of {wanted} results shown"
        scrollwrap.evaluate("e => { e.scrollTop = 0; }")
        search.page.wait_for_timeout(50)
        scrollwrap.evaluate("e => { e.scrollTop = e.scrollHeight; }")
        search.page.wait_for_timeout(100)
    return titles


def test_a_word_typed_with_diacritics_marks_only_that_spelling(fresh_search: SearchPage) -> None:
    fresh_search.search("vận")
    # "Văn" folds as "vận" does: the person is found, but not marked.
    assert "Bùi Văn Bia" in _result_titles(fresh_search)
    marks = _marks(fresh_search)
    assert "vận" in {m.lower() for m in marks}, marks
    assert {m.lower() for m in marks} == {"vận"}, marks


@pytest.mark.parametrize(("typed", "other"), [("vận", "văn"), ("văn", "vận")])
def test_titles_holding_the_word_as_typed_come_before_other_spellings(
    seed_build: BuildResult, fresh_search: SearchPage, typed: str, other: str
) -> None:
    # Among the generated pages (the hand-written ones all come after them).
    hand = _hand_written_urls(seed_build.site_dir)
    results = fresh_search.search(typed)
    shown = _result_titles(fresh_search)
    assert len(shown) == len(results)
    titles = [t.lower().split() for url, t in zip(results, shown) if url not in hand]
    as_typed = [i for i, words in enumerate(titles) if typed in words]
    otherwise = [i for i, words in enumerate(titles) if other in words and typed not in words]
    assert as_typed and otherwise, titles
    assert max(as_typed) < min(otherwise), titles


def test_a_word_typed_without_diacritics_marks_every_spelling(seed_search: SearchPage) -> None:
    seed_search.search("van")
    words = {w.lower() for m in _marks(seed_search) for w in m.split()}
    assert {"văn", "vận"} <= words, words
    assert all(fold(w) == "van" for w in words), words


def test_a_name_typed_with_diacritics_marks_no_other_tone(seed_search: SearchPage) -> None:
    # Tone marks count: "Trương" is not "Trưởng" (in the teaser "Trưởng Ban Dân vận").
    seed_search.search("Trương Thị Mai")
    words = {w for m in _marks(seed_search) for w in m.split()}
    assert "Trương" in words and "Trưởng" not in words, words
    seed_search.search("truong thi mai")
    words = {w for m in _marks(seed_search) for w in m.split()}
    assert {"Trương", "Trưởng"} <= words, words


def test_the_tone_may_sit_on_either_vowel(seed_search: SearchPage) -> None:
    # "uỷ" and "ủy" (and "hoà", "hòa") are one spelling placed two ways.
    seed_search.search("uỷ ban")  # the seed writes "Ủy ban"
    words = {w.lower() for m in _marks(seed_search) for w in m.split()}
    assert "ủy" in words, words


def _open_first_result(search: SearchPage, query: str, expected: str) -> list[str]:
    """Search ``query``, check the first result is ``expected``, open it: the texts marked
    on the page opened (the search page is opened again after)."""
    search.search(query)
    first = search.page.locator(".md-search-result__item > a").first
    href = first.get_attribute("href")
    assert href and search.relative(href) == expected
    first.click()
    search.page.wait_for_url(f"**/{expected}**")
    # Material marks the page once it has read the search configuration, text node by
    # text node; bienban-marks.js takes off the marks inside words as they come.
    search.page.wait_for_selector("article mark[data-md-highlight]", timeout=10_000)
    search.page.wait_for_timeout(300)
    edges: list[str] = search.page.evaluate(_MARK_EDGES)
    search.page.goto(search.site_url)
    return edges


# Each mark with the characters right before and after it: "h[Hà]n" would be a mark inside a word.
_MARK_EDGES = """[...document.querySelectorAll('article mark[data-md-highlight]')].map(m => {
    const before = m.previousSibling && m.previousSibling.nodeType === 3 ? m.previousSibling.data.slice(-1) : "";
    const after = m.nextSibling && m.nextSibling.nodeType === 3 ? m.nextSibling.data.charAt(0) : "";
    return before + "[" + m.textContent + "]" + after; })"""


def _marked(edges: list[str]) -> list[str]:
    return [e[e.index("[") + 1:e.rindex("]")] for e in edges]


def test_the_page_opened_marks_the_name_typed_without_diacritics(seed_search: SearchPage) -> None:
    marked = _marked(_open_first_result(seed_search, "truong thi mai", "nhan-vat/truong-thi-mai/"))
    assert "Trương" in " ".join(marked), marked


def test_the_page_opened_marks_the_words_as_its_title_writes_them(seed_search: SearchPage) -> None:
    """Material marks on the page opened each word it is given, anywhere in a word and
    folding nothing.  Given "hung" it marked the "hung" of "chung"; given the teaser's
    "vận" (which "van" matches too), every "Dân vận" of the page.  It is given the
    title's words as written there: the name, and nothing else."""
    marks = _marked(_open_first_result(seed_search, "nguyen van hung", "nhan-vat/nguyen-van-hung/"))
    words = {w.lower() for m in marks for w in m.split()}
    assert "hùng" in words and words <= {"nguyễn", "văn", "hùng"}, marks


@pytest.mark.parametrize(("query", "expected", "title"), [
    ("dan van kheo", "chu-de/dan-van-kheo/", "Dân vận khéo"),
    ("nguyen van hung", "nhan-vat/nguyen-van-hung/", "Nguyễn Văn Hùng"),
])
def test_the_page_opened_marks_the_title_where_the_page_writes_it_whole(
        seed_search: SearchPage, query: str, expected: str, title: str) -> None:
    """A title of several words is marked where the page writes it whole: every mark is
    a word of "Dân vận khéo" written there, not the "dân vận" of every "công tác dân
    vận", the "vận" of "vận động" or the "dân" of "dân chủ" (59 marks on the topic's
    page, for 3 places that name it)."""
    seed_search.search(query)
    first = seed_search.page.locator(".md-search-result__item > a").first
    assert seed_search.relative(first.get_attribute("href") or "") == expected
    first.click()
    seed_search.page.wait_for_url(f"**/{expected}**")
    seed_search.page.wait_for_selector("article mark[data-md-highlight]", timeout=10_000)
    seed_search.page.wait_for_timeout(300)
    around: list[list[Any]] = seed_search.page.evaluate(_MARK_CONTEXT)
    seed_search.page.goto(seed_search.site_url)
    assert around
    for text, at in around:
        starts = [m.start() for m in re.finditer(re.escape(title.lower()), text.lower())]
        assert any(s <= at < s + len(title) for s in starts), (text, at)


# Each mark: the text of its parent and where the mark starts in it.
_MARK_CONTEXT = """[...document.querySelectorAll('article mark[data-md-highlight]')].map(m => {
    let at = 0;
    for (let n = m.parentNode.firstChild; n !== m; n = n.nextSibling) at += n.textContent.length;
    return [m.parentNode.textContent, at]; })"""


def test_the_page_opened_marks_whole_words_only(seed_search: SearchPage) -> None:
    """Material marks the words it is given anywhere in a word: "Hà" of "Hà Nội" in every
    "thành phố" of the place's page.  Marks inside a word are taken off again."""
    edges = _open_first_result(seed_search, "Hà Nội", "dia-phuong/ha-noi/")
    assert any("[Hà Nội]" in e or "[Hà]" in e for e in edges), edges
    assert all(not (e[:1].isalnum() or e[-1:].isalnum()) for e in edges), edges


# ------------------------------------- hand-written pages, section by section


class _Ids(HTMLParser):
    """The ids of the headings inside the page's <article>: its title (h1), the others."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.title: set[str] = set()
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.depth += 1
        elif self.depth and tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            (self.title if tag == "h1" else self.ids).update(v for k, v in attrs if k == "id" and v)

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.depth -= 1


def _indexed_urls(site_dir: Path) -> list[str]:
    """Every page URL of the published index (chi-muc/), in page-id order."""
    index = site_dir / "chi-muc"
    pages = json.loads((index / "manifest.json").read_text(encoding="utf-8"))["pages"]
    urls: list[str] = []
    for n in range(-(-pages["count"] // pages["size"])):
        urls += [row[0] for row in json.loads((index / f"p.{n}.json").read_text(encoding="utf-8"))]
    return urls


def test_materials_own_index_lists_no_page(seed_build: BuildResult) -> None:
    # Every page downloads it before the first search; our index holds the pages.
    data = json.loads((seed_build.site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert data["docs"] == []
    assert data["config"]["lang"] == ["vi"]  # search.highlight still reads the configuration


def test_every_heading_of_the_hand_written_pages_is_indexed_at_its_anchor(seed_build: BuildResult) -> None:
    site = seed_build.site_dir
    indexed = _indexed_urls(site)
    hand = _hand_written_urls(site)
    assert hand <= set(indexed)
    for page in sorted(hand):
        parser = _Ids()
        parser.feed((site / page / "index.html").read_text(encoding="utf-8"))
        anchors = {u.split("#", 1)[1] for u in indexed if u.startswith(page + "#") and "/" not in u[len(page):]}
        # The page's title (h1) is the page itself; every other heading is a section,
        # but on the home page the list of latest meetings, a generated fragment
        # whose meetings are indexed as pages.
        assert len(parser.title) == 1 and not anchors & parser.title
        latest = {"hoi-nghi-moi-nhat"} if page == "" else set()
        assert anchors == parser.ids - latest, page


def test_a_heading_of_the_guide_finds_its_section_under_its_page(seed_search: SearchPage) -> None:
    results = seed_search.search("Bước 3. Kiểm tra")
    assert results[0] == "huong-dan/"
    first = seed_search.page.locator(".md-search-result__item").first
    hrefs = first.locator("a").evaluate_all("els => els.map(e => e.href)")
    # search.highlight puts the words in the query string: keep the path and the anchor.
    links = [seed_search.relative(h) + (f"#{urlsplit(h).fragment}" if urlsplit(h).fragment else "") for h in hrefs]
    assert links[:2] == ["huong-dan/", "huong-dan/#buoc-3-kiem-tra"]
    assert first.locator("h2").first.inner_text() == "Bước 3. Kiểm tra"
