"""Issue 12, "offline copy": `bienban build --offline` writes a site that works opened
from a folder or a USB stick (file://, no server), and leaves the published site/ alone.

The seed project is copied, built as usual into site/, then with `--offline` through
the real command; headless Chromium opens the copy's index.html from disk, clicks
through to a meeting and searches.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import lxml.html
import pytest
from click.testing import CliRunner
from conftest import copy_project

from generator.cli import cli
from generator.pipeline import build_site
from generator.project import Project
from generator.publish.write import INDEX_DIR

pytestmark = pytest.mark.slow

MEETING = "hoi-nghi/2018-07-12-giao-ban-dong-bang-song-hong.html"
DOCUMENT = "van-ban/217-qd-tw.html"


def _digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, dict[str, str]]:
    """The seed project built as published, then as an offline copy by the command;
    with the published site's files as they were before the copy was made."""
    project = copy_project(tmp_path_factory.mktemp("offline") / "project")
    build_site(project)
    published = _digests(project.site)
    result = CliRunner().invoke(cli, ["-C", str(project.root), "build", "--offline"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return project, published


@pytest.fixture(scope="module")
def copy(built: tuple[Project, dict[str, str]]) -> Path:
    return built[0].offline_site


def _pages(site: Path) -> list[Path]:
    # 404.html is for a web server (it links to the server's root); the worker's frame is not a page.
    return [p for p in site.rglob("*.html") if p.name != "404.html" and p.parent.name != "javascripts"]


def test_the_published_site_is_left_as_it_was(built: tuple[Project, dict[str, str]]) -> None:
    project, published = built
    assert _digests(project.site) == published
    assert not (project.site / "assets/javascripts/bienban-offline.js").exists()
    assert not list((project.site / INDEX_DIR).glob("*.js"))
    assert not (project.site / "search/search_index.js").exists()


def test_every_link_of_every_page_opens_a_file(copy: Path) -> None:
    pages = _pages(copy)
    assert len(pages) > 100
    checked, broken = 0, []
    for page in pages:
        for element in lxml.html.parse(str(page)).getroot().iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if not value or value.startswith("#"):
                    continue
                parts = urlsplit(value)
                if parts.scheme or parts.netloc:
                    continue
                checked += 1
                target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
                if not target.is_file():  # a folder opens as a listing, not a page
                    broken.append(f"{page.relative_to(copy)}: {value}")
    assert checked > 1000
    assert broken == []


def test_no_page_loads_a_script_from_another_host(copy: Path) -> None:
    for page in _pages(copy):
        for script in lxml.html.parse(str(page)).getroot().iter("script"):
            assert not urlsplit(script.get("src", "")).netloc, f"{page}: {script.get('src')}"


def test_every_index_file_has_its_script_and_addresses_name_files(copy: Path) -> None:
    index = copy / INDEX_DIR
    data = sorted(index.glob("*.json"))
    assert len(data) > 5
    assert {p.with_suffix(".js").name for p in data} == {p.name for p in index.glob("*.js")}
    page_table = (index.glob("p.*.js"))
    text = "".join(p.read_text(encoding="utf-8") for p in page_table)
    assert f'"{DOCUMENT}"' in text and '"index.html"' in text
    assert '/",' not in text  # no folder address left


@pytest.fixture(scope="module")
def opened(browser: Any, copy: Path) -> Iterator[tuple[Any, list[str], list[str]]]:
    page = browser.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((copy / "index.html").as_uri())
    yield page, requests, errors
    page.close()


@pytest.mark.browser
def test_clicking_through_opens_a_meeting_page(opened: tuple[Any, list[str], list[str]], copy: Path) -> None:
    page, _, errors = opened
    page.goto((copy / "index.html").as_uri())
    page.locator(".md-tabs__link", has_text="Hội nghị").first.click()
    page.wait_for_load_state()
    assert page.url == (copy / "hoi-nghi/index.html").as_uri()
    page.locator(f'article a[href$="{Path(MEETING).name}"]').first.click()
    page.wait_for_load_state()
    assert page.url == (copy / MEETING).as_uri()
    assert "Giao ban công tác dân vận" in page.locator("article h1").inner_text()
    assert page.locator(".md-nav, .md-tabs").count() > 0  # the site's own page, styled
    assert errors == []


def _search(page: Any, query: str) -> list[str]:
    """Type ``query`` into Material's search box; the worker's answer, best first."""
    if not page.evaluate("document.getElementById('__search').checked"):
        page.keyboard.press("/")  # Material's shortcut: opens search, focuses the box
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press_sequentially(query)
    box.press("End")  # a keyup: Material reads the box on keyup
    # The worker runs in a frame of the page (no Worker from file://): wait for its answer.
    deadline = time.monotonic() + 10
    while True:
        worker = page.frame(url=lambda url: url.endswith("/bienban-search-frame.html"))
        if worker is not None and worker.evaluate("self.bienbanSearch && self.bienbanSearch.answered") == query:
            return list(worker.evaluate("self.bienbanSearch.locations"))
        assert time.monotonic() < deadline, f"no answer from the search worker for {query!r}"
        page.wait_for_timeout(20)


@pytest.mark.browser
def test_search_finds_the_document_first(opened: tuple[Any, list[str], list[str]], copy: Path) -> None:
    page, requests, errors = opened
    page.goto((copy / MEETING).as_uri())
    assert _search(page, "217-QĐ/TW")[0] == DOCUMENT
    first = page.locator(".md-search-result__item > a:first-child").first
    page.wait_for_function("""want => {
        const a = document.querySelector('.md-search-result__item > a:first-child');
        return a !== null && a.href.split('?')[0] === want; }""", arg=(copy / DOCUMENT).as_uri(), timeout=5000)
    first.click()
    page.wait_for_load_state()
    assert page.url.split("?")[0] == (copy / DOCUMENT).as_uri()
    assert "217-QĐ/TW" in page.locator("article h1").inner_text()
    assert [u for u in requests if not u.startswith("file://")] == []
    assert errors == []


@pytest.mark.browser
def test_search_ranks_as_the_published_site(opened: tuple[Any, list[str], list[str]], copy: Path) -> None:
    """The published site's first results (test_search_seed.FIRST), at the copy's addresses."""
    from test_search_seed import FIRST

    from generator.publish.offline import file_address

    page, _, errors = opened
    page.goto((copy / "index.html").as_uri())
    found = {query: _search(page, query)[:1] for query, _ in FIRST}
    assert found == {query: [file_address(expected, copy)] for query, expected in FIRST}
    assert errors == []

def test_folder_addresses_become_the_files_the_copy_holds(tmp_path: Path) -> None:
    from generator.publish.offline import file_address

    (tmp_path / "van-ban").mkdir()
    (tmp_path / "van-ban/217-qd-tw.html").write_text("", encoding="utf-8")  # from van-ban/217-qd-tw.md
    (tmp_path / "van-ban/index.html").write_text("", encoding="utf-8")  # from van-ban/index.md
    assert file_address("", tmp_path) == "index.html"
    assert file_address("van-ban/", tmp_path) == "van-ban/index.html"
    assert file_address("van-ban/217-qd-tw/", tmp_path) == "van-ban/217-qd-tw.html"
    assert file_address("van-ban/217-qd-tw/#lich-su", tmp_path) == "van-ban/217-qd-tw.html#lich-su"
    assert file_address("van-ban/217-qd-tw.html", tmp_path) == "van-ban/217-qd-tw.html"


def test_offline_refuses_incremental_with_a_vietnamese_message(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    result = CliRunner().invoke(cli, ["-C", str(project.root), "build", "--offline", "--incremental"])
    assert result.exit_code == 2
    assert "--offline luôn dựng đầy đủ" in result.output
    assert not project.offline_site.exists() and not project.site.exists()
