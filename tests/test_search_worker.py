"""The search worker in a real browser, behind Material's real search box.

Builds a small MkDocs site with the bienban theme (templates/theme) and a
sharded index from generator/search_index.py, serves it on 127.0.0.1, types
queries into headless Chromium and checks the first result.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browsing import serve

from generator.language import docnumber
from generator.language.text import fold
from generator.search.index import SearchEntry, build_search_files, pairs, token_stream

ROOT = Path(__file__).resolve().parent.parent
WORKER = ROOT / "docs" / "assets" / "javascripts" / "bienban-search.js"
HOSTILE = "<img src=x onerror=alert(1)>"

pytestmark = pytest.mark.browser


def _doc(number: str, rank: float, where: str = "", related: tuple[str, ...] = ()) -> SearchEntry:
    parsed = docnumber.parse(number)
    assert parsed is not None
    slug = fold(number).replace("/", "-") + (f"-{fold(where).replace(' ', '-')}" if where else "")
    title = f"{parsed.type_name} {number}" + (f" của Tỉnh ủy {where}" if where else "")
    return SearchEntry(
        url=f"van-ban/{slug}/", title=title, kind="document", keys=docnumber.search_aliases(parsed),
        title_text=f"{title} {where}", text="", summary=f"Ban hành bởi {'Tỉnh ủy ' + where if where else 'Trung ương'}",
        rank=rank, related=list(related),
    )


def _entity(url: str, title: str, kind: str, summary: str, rank: float, related: tuple[str, ...] = ()) -> SearchEntry:
    names = [title, fold(title)]
    return SearchEntry(url, title, kind, names, " ".join(names), "", summary, rank, related=list(related))


def _meeting(slug: str, title: str, text: str, rank: float) -> SearchEntry:
    # Like the generator's, a meeting's key is its dated slug ("2019-kl-62").
    return SearchEntry(f"hoi-nghi/{slug}/", title, "meeting", [slug.replace("/", "-")], title, text,
                       text[:200], rank)


# The meetings citing 62-KL/TW, as the generator relates them; the second
# holds none of the words of "62-KL/TW" or "kết luận 62" in its title or text.
KL_62_MEETINGS = ("hoi-nghi/2019/kl-62/", "hoi-nghi/2017/giong-trom-y/")

# The meeting citing 217-QĐ/TW that the generator relates to it (the newest): its title
# names 218-QĐ/TW.  The older "sơ kết 217-218" names 217-QĐ/TW in its title.
CITE_217 = ("hoi-nghi/2024/so-ket-218/",)

# Meetings rank far above documents by their static rank, so only the
# search's own rules can put the documents first.
ENTRIES = [
    _doc("217-QĐ/TW", 3, related=CITE_217), _doc("218-QĐ/TW", 2), _doc("62-KL/TW", 1, related=KL_62_MEETINGS), _doc("62-CT/TW", 1),
    _doc("17-NQ/TU", 2, "Quảng Ninh"), _doc("17-NQ/TU", 1, "Hà Nội"),
    _entity("nhan-vat/truong-thi-mai/", "Trương Thị Mai", "person", "Trưởng Ban Dân vận Trung ương", 5),
    _entity("nhan-vat/truong-thi-minh/", "Trương Thị Minh", "person", "Chủ tịch Hội Phụ nữ", 1),
    _entity("nhan-vat/nguyen-van-hung/", "Nguyễn Văn Hùng", "person", "Phó Trưởng Ban", 1,
            related=("hoi-nghi/2015/khu-vuc/",)),
    _entity("chu-de/dan-van-kheo/", "Dân vận khéo", "topic", "3 hội nghị", 3),
    _entity("dia-phuong/quang-ninh/", "Quảng Ninh", "place", "Đồng bằng sông Hồng", 3),
    _entity("dia-phuong/quang-nam/", "Quảng Nam", "place", "Duyên hải miền Trung", 2),
    SearchEntry("nam/2019/", "Năm 2019", "year", ["năm 2019"], "Năm 2019", "", "1 hội nghị", 0),
    _meeting("2018/so-ket-217-218", "Hội nghị sơ kết 5 năm thực hiện Quyết định 217-QĐ/TW và 218-QĐ/TW",
             "Đồng chí Trương Thị Mai chủ trì. Quyết định 217 và Quyết định 218 về giám sát, phản biện xã hội; "
             "phong trào Dân vận khéo tại Quảng Ninh.", 900),
    _meeting("2019/kl-62", "Hội nghị quán triệt Kết luận 62-KL/TW và Chỉ thị 62-CT/TW năm 2019",
             "Kết luận 62 về đổi mới nội dung, phương thức hoạt động của Mặt trận; dân vận khéo.", 901),
    _meeting("2020/nq-17", "Hội nghị triển khai Nghị quyết 17-NQ/TU tỉnh Quảng Ninh",
             "Quảng Ninh triển khai Nghị quyết 17 về công tác dân vận. Trương Thị Mai dự.", 902),
    _meeting("2021/dan-van-kheo", "Hội nghị biểu dương điển hình Dân vận khéo Quảng Ninh 2021 (217, 62)",
             "Trương Thị Mai trao bằng khen; các mô hình dân vận khéo của Quảng Ninh.", 903),
    _meeting("2022/doc-hai", f"{HOSTILE} Hội nghị thử tiêu đề độc hại",
             "<script>alert(2)</script> nội dung thử độc hại", 904),
    _meeting("2024/so-ket-218", "Sơ kết 5 năm thực hiện Quyết định số 218-QĐ/TW",
             "Cùng với Quyết định 217-QĐ/TW về giám sát và phản biện xã hội.", 950),
    # A person's meeting, his name in its text; and a newer one whose title shares a
    # syllable of it ("Hưng"), which a name typed without marks matches too.
    _meeting("2015/khu-vuc", "Giao ban công tác dân vận khu vực năm 2015",
             "Đồng chí Nguyễn Văn Hùng chủ trì hội nghị.", 500),
    _meeting("2016/hung-yen", "Giao ban công tác dân vận tỉnh Hưng Yên",
             "Đồng chí Nguyễn Văn Minh dự; ý kiến của đồng chí Văn.", 960),
    # Word order: every syllable of the phrase is on each of these three pages,
    # but only the lowest-ranked holds the phrase; the others hold some of its
    # words in their titles (weighed far above text), one even two of its pairs.
    _meeting("2023/ben-tre", "Hội nghị tổng kết năm 2023 tỉnh Bến Tre",
             "Bộ đội Biên phòng phối hợp tổ chức các hoạt động “Cảnh sát biển đồng hành với ngư dân” "
             "tại huyện Bình Đại; kết quả năm 2023 đạt khá.", 800),
    _meeting("2018/ven-bien", "Hội nghị giao ban vùng đồng bằng ven biển năm 2018",
             "Ngư dân vùng biển được cảnh báo sớm; các lực lượng sát cánh cùng nhân dân, đồng lòng, "
             "hành động với trách nhiệm cao.", 905),
    _meeting("2019/doi-thoai", "Hội nghị đối thoại với ngư dân ven biển",
             "Cảnh báo thiên tai; lực lượng chức năng sát sao, đồng thời hành động kịp thời.", 906),
    # Rare words weigh more: each page holds the four words, one with the rare
    # ones in its title, the other (ranked higher) with the common ones.
    _meeting("2020/giong-trom-x", "Hội nghị về công tác dân vận năm 2020",
             "Đoàn công tác về huyện Giồng Trôm.", 907),
    _meeting("2017/giong-trom-y", "Hội nghị tại huyện Giồng Trôm",
             "Bàn về công tác dân vận ở cơ sở.", 100),
]

QUERIES = [
    ("217-QĐ/TW", "van-ban/217-qd-tw/"),
    ("217-qđ/tw", "van-ban/217-qd-tw/"),
    ("217-QD/TW", "van-ban/217-qd-tw/"),
    ("217 QĐ TW", "van-ban/217-qd-tw/"),
    ("217-QÐ/TW", "van-ban/217-qd-tw/"),  # Ð is U+00D0, typed for Đ
    ("QĐ 217", "van-ban/217-qd-tw/"),
    ("Quyết định 217", "van-ban/217-qd-tw/"),
    ("quyet dinh 217", "van-ban/217-qd-tw/"),
    ("217", "van-ban/217-qd-tw/"),
    ("218", "van-ban/218-qd-tw/"),
    ("62-KL/TW", "van-ban/62-kl-tw/"),
    ("62-CT/TW", "van-ban/62-ct-tw/"),
    ("truong thi mai", "nhan-vat/truong-thi-mai/"),
    ("Trương Thị Mai", "nhan-vat/truong-thi-mai/"),
    ("TRƯƠNG THỊ MAI", "nhan-vat/truong-thi-mai/"),
    ("truong thi ma", "nhan-vat/truong-thi-mai/"),  # still typing
    ("dan van kheo", "chu-de/dan-van-kheo/"),
    ("Dân vận khéo", "chu-de/dan-van-kheo/"),
    ("quang ninh", "dia-phuong/quang-ninh/"),
    ("Quảng Ninh", "dia-phuong/quang-ninh/"),
    ("2019", "nam/2019/"),  # not the meeting whose dated key starts with 2019
    ("bieu duong dien hinh", "hoi-nghi/2021/dan-van-kheo/"),  # words of a meeting title
    ("gioi thieu", "gioi-thieu/"),  # a hand-written page, from Material's own index
]

FOLD_SAMPLES = [
    "Trương Thị Mai", "ĐẢNG ỦY", "Ðảng ủy", "ðảng", "uỷ ban", "ủy ban", "Hoà Bình", "hòa bình",
    "Quyết định 217-QĐ/TW", "Nghị quyết\u00a017-NQ/TU", "ﬁ ½ ℃ K Å", "İstanbul ΣΑΣ", "x\u0301\u0323y",
]


# --------------------------------------------------------------------- site


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _build_site(tmp: Path) -> Path:
    docs = tmp / "docs"
    _write(tmp / "mkdocs.yml", "\n".join([
        "site_name: Biên bản (thử)",
        "docs_dir: docs",
        "site_dir: site",
        "theme:",
        "  name: material",
        f"  custom_dir: {ROOT / 'templates' / 'theme'}",
        "  language: vi",
        "  font: false",
        "  features: [search.suggest, search.highlight]",
        "plugins:",
        "  - search",
        "",
    ]))
    _write(docs / "index.md", "# Trang chủ\n\nKho biên bản hội nghị công tác dân vận.\n")
    _write(docs / "gioi-thieu.md",
           "# Giới thiệu\n\nTrang này giới thiệu kho biên bản.\n\n## Cách tìm\n\nGõ số văn bản.\n")
    # Our worker: normally docs/assets/javascripts/ of the project itself.
    js = docs / "assets" / "javascripts" / WORKER.name
    js.parent.mkdir(parents=True)
    js.write_bytes(WORKER.read_bytes())
    for entry in ENTRIES:
        # Generated pages stay out of Material's own index, as the generator writes them.
        body = f"---\nsearch:\n  exclude: true\n---\n\n# {entry.title.replace('<', '&lt;')}\n\n{entry.summary}\n"
        _write(docs / (entry.url.rstrip("/") + ".md"), body)
    for name, data in build_search_files(ENTRIES).items():
        path = docs / "chi-muc" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(tmp / "mkdocs.yml")],
                   check=True, cwd=tmp)
    return tmp / "site"


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = _build_site(tmp_path_factory.mktemp("search-site"))
    # Serve the site's parent: the site lives under a sub-path (/site/), as on an intranet.
    with serve(site.parent, f"{site.name}/") as url:
        yield url


class SearchPage:
    """Material's search box on a page of the served site."""

    def __init__(self, browser: Any, site_url: str) -> None:
        self.site_url = site_url
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page = browser.new_page()
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(site_url)
        self.input = self.page.locator("input.md-search__input")

    def worker(self) -> Any:
        # Material starts the worker once the page has loaded: on a busy machine
        # the first keystrokes may come before it.
        deadline = time.monotonic() + 10
        while True:
            for worker in self.page.workers:
                if worker.url.endswith("/" + WORKER.name):
                    return worker
            if time.monotonic() > deadline:
                raise AssertionError(f"search worker not started: {[w.url for w in self.page.workers]}")
            self.page.wait_for_timeout(50)

    def search(self, query: str) -> list[str]:
        """Type ``query`` key by key and return the result links, best first."""
        if not self.page.evaluate("document.getElementById('__search').checked"):
            self.page.keyboard.press("/")  # Material's shortcut: opens search, focuses the box
        self.input.fill("")
        self.input.press_sequentially(query)
        self.input.press("End")  # a keyup: Material reads the box on keyup
        deadline = time.monotonic() + 10
        while (state := self.worker().evaluate(
                "({answered: self.bienbanSearch.answered, locations: self.bienbanSearch.locations})"))["answered"] != query:
            assert time.monotonic() < deadline, f"no answer for {query!r}"
            time.sleep(0.02)
        # Material renders the first 10 results at once, the rest as one scrolls:
        # wait until the list shows this answer, then read the links it shows.
        expected = [self.site_url + loc for loc in state["locations"][:10]]
        self.page.wait_for_function(
            """want => JSON.stringify(Array.from(
                 document.querySelectorAll('.md-search-result__item > a:first-child'),
                 a => a.href.split('?')[0])) === JSON.stringify(want)""",
            arg=expected, timeout=5000)
        shown = self.page.locator(".md-search-result__item > a:first-child").evaluate_all(
            "els => els.map(e => e.href)")
        return [self.relative(h) for h in shown] + state["locations"][10:]

    def relative(self, href: str) -> str:
        href = href.split("?")[0]  # search.highlight adds ?h=<words>
        return href[len(self.site_url):] if href.startswith(self.site_url) else href


@pytest.fixture()
def search(browser: Any, site_url: str) -> Iterator[SearchPage]:
    page = SearchPage(browser, site_url)
    yield page
    page.page.close()


# --------------------------------------------------------------------- tests


def test_the_theme_points_material_to_our_worker(search: SearchPage) -> None:
    config = search.page.evaluate("JSON.parse(document.getElementById('__config').textContent)")
    assert config["search"].endswith("assets/javascripts/bienban-search.js")
    assert config["base"] == "."
    assert "search.result.none" in config["translations"]


def test_first_results(search: SearchPage) -> None:
    failures = []
    for query, expected in QUERIES:
        links = search.search(query)
        if not links or links[0] != expected:
            failures.append(f"{query!r}: expected {expected}, got {links[:3]}")
    assert not failures, "\n".join(failures)
    assert not search.errors


def test_ambiguous_numbers_put_all_their_documents_before_meetings(search: SearchPage) -> None:
    links = search.search("62")
    assert set(links[:2]) == {"van-ban/62-kl-tw/", "van-ban/62-ct-tw/"}, links
    assert "hoi-nghi/2019/kl-62/" in links[2:]

    links = search.search("17-NQ/TU")
    assert set(links[:2]) == {"van-ban/17-nq-tu-quang-ninh/", "van-ban/17-nq-tu-ha-noi/"}, links

    links = search.search("62-KL/TW")
    assert links[0] == "van-ban/62-kl-tw/"
    assert links.index("hoi-nghi/2019/kl-62/") > 0


@pytest.mark.parametrize("query", ["62-KL/TW", "kết luận 62", "ket luan so 62"])
def test_the_meetings_citing_a_document_follow_it(search: SearchPage, query: str) -> None:
    links = search.search(query)
    assert links[0] == "van-ban/62-kl-tw/", links
    assert set(links[1:3]) == set(KL_62_MEETINGS), links


def test_a_meeting_named_for_the_document_typed_comes_before_its_other_meetings(search: SearchPage) -> None:
    """After "217-QĐ/TW" itself, the meetings whose title names it; then its other
    meetings, newest first: "Quyết định 218-QĐ/TW" in a title holds the "QĐ" and
    the "TW" typed, and is no sign that the meeting is about 217-QĐ/TW."""
    links = search.search("217-QĐ/TW")
    assert links[:3] == ["van-ban/217-qd-tw/", "hoi-nghi/2018/so-ket-217-218/", "hoi-nghi/2024/so-ket-218/"], links


def test_a_persons_meetings_follow_the_person(search: SearchPage) -> None:
    """The meetings a person was at come right after the person, before a meeting whose
    title shares a syllable of the name ("Hưng Yên" for "nguyen van hung")."""
    links = search.search("nguyen van hung")
    assert links[:2] == ["nhan-vat/nguyen-van-hung/", "hoi-nghi/2015/khu-vuc/"], links


def test_an_excluded_word_removes_a_citing_meeting(search: SearchPage) -> None:
    links = search.search("62-KL/TW -trôm")
    assert links[0] == "van-ban/62-kl-tw/" and links[1] == "hoi-nghi/2019/kl-62/", links
    assert "hoi-nghi/2017/giong-trom-y/" not in links


def test_results_show_kind_label_summary_and_marks(search: SearchPage) -> None:
    search.search("Trương Thị Mai")
    first = search.page.locator(".md-search-result__item").first
    # search.highlight: the page opened marks the words as they were typed.
    href = first.locator("a").first.get_attribute("href")
    assert search.page.evaluate("h => new URL(h).searchParams.get('h')", href) == "Trương Thị Mai"
    assert first.locator("h1").inner_text() == "Trương Thị Mai"
    assert first.locator("h1 mark").all_inner_texts() == ["Trương Thị Mai"]  # one mark, as Material does
    assert first.locator(".md-tag").inner_text() == "Nhân vật"
    assert "Trưởng Ban Dân vận Trung ương" in first.inner_text()


def test_hostile_titles_show_as_text(search: SearchPage, tmp_path: Path) -> None:
    links = search.search("doc hai")
    assert links[0] == "hoi-nghi/2022/doc-hai/"
    first = search.page.locator(".md-search-result__item").first
    assert HOSTILE in first.locator("h1").inner_text()
    assert search.page.locator(".md-search-result img, .md-search-result script").count() == 0
    search.page.wait_for_timeout(200)
    assert not search.dialogs and not search.errors
    shot = os.environ.get("BIENBAN_SEARCH_SCREENSHOT")
    search.search("dan van kheo")
    search.page.screenshot(path=shot or str(tmp_path / "search.png"))


def test_no_request_leaves_the_site(search: SearchPage) -> None:
    for query, _ in QUERIES[:5]:
        search.search(query)
    assert search.requests
    outside = [u for u in search.requests if not u.startswith(search.site_url) and not u.startswith("data:")]
    assert not outside, outside
    index_files = [u for u in search.requests if "/chi-muc/" in u]
    assert any(u.endswith("/chi-muc/manifest.json") for u in index_files)
    assert not any("search_index.json" in u for u in index_files)


def test_missing_words_fall_back_to_any_word(search: SearchPage) -> None:
    links = search.search("kheo xyzzy")
    assert links and links[0] == "chu-de/dan-van-kheo/"
    assert "xyzzy" in search.page.locator(".md-search-result__terms").first.inner_text()


def test_the_word_being_typed_is_completed(search: SearchPage) -> None:
    links = search.search("dan van kh")
    assert links[0] == "chu-de/dan-van-kheo/"
    suggest = search.page.locator(".md-search__suggest")
    search.page.wait_for_function(
        "() => document.querySelector('.md-search__suggest').textContent === 'dan van kheo'",
        timeout=5000)
    assert suggest.text_content() == "dan van kheo"


def test_nothing_found_and_empty_queries(search: SearchPage) -> None:
    assert search.search("qwxzv") == []
    assert search.search("-") == []


PHRASE_DECOYS = {"hoi-nghi/2018/ven-bien/", "hoi-nghi/2019/doi-thoai/"}


@pytest.mark.parametrize("query", [
    "Cảnh sát biển đồng hành với ngư dân", "canh sat bien dong hanh voi ngu dan",
    "cảnh sát biển đồng hành với ngư d",  # still typing the last word
])
def test_the_page_holding_a_phrase_comes_first(search: SearchPage, query: str) -> None:
    links = search.search(query)
    assert links[0] == "hoi-nghi/2023/ben-tre/", links[:3]
    assert set(links[1:3]) == PHRASE_DECOYS, links[:3]


def test_the_same_words_in_another_order_find_another_page(search: SearchPage) -> None:
    assert search.search("cảnh sát biển đồng hành với ngư dân")[0] == "hoi-nghi/2023/ben-tre/"
    # Reversed, the query's pairs ("dân ngư", "ngư với", ...) are on no page: the
    # words alone decide, and the page with four of them in its title comes first.
    assert search.search("dân ngư với hành đồng biển sát cảnh")[0] == "hoi-nghi/2019/doi-thoai/"


def test_rare_words_weigh_more_than_common_ones(search: SearchPage) -> None:
    links = search.search("dân vận Giồng Trôm")
    assert links[:2] == ["hoi-nghi/2017/giong-trom-y/", "hoi-nghi/2020/giong-trom-x/"], links[:3]


def test_javascript_tokens_and_pairs_match_python(search: SearchPage) -> None:
    search.search("217")  # starts the worker
    samples = FOLD_SAMPLES + [
        "Cảnh sát biển đồng hành với ngư dân", "“Dân vận khéo” – 217-QĐ/TW; 1.234,5 đồng",
        "x" * 41 + " trước, sau", "Ðảng ủy   Hoà Bình\tuỷ ban", "",
    ]
    got = search.worker().evaluate(
        "xs => xs.map(x => [self.bienbanSearch.tokens(x), self.bienbanSearch.pairs(x)])", samples)
    for text, (tokens, pair_list) in zip(samples, got):
        assert tokens == token_stream(text), text
        assert set(pair_list) == pairs(text), text


def test_javascript_fold_matches_python_fold(search: SearchPage) -> None:
    search.search("217")  # starts the worker
    samples = FOLD_SAMPLES + [chr(c) for c in [*range(0x20, 0x250), *range(0x300, 0x370), *range(0x1E00, 0x1F00)]]
    got = search.worker().evaluate("xs => xs.map(x => self.bienbanSearch.fold(x))", samples)
    mismatches = [(s, g, fold(s)) for s, g in zip(samples, got) if g != fold(s)]
    assert not mismatches, mismatches[:20]
    keys = search.worker().evaluate("xs => xs.map(x => self.bienbanSearch.compactKey(x))", FOLD_SAMPLES)
    from generator.language.text import compact_key
    assert keys == [compact_key(s) for s in FOLD_SAMPLES]
