"""Issue 9, the site-wide part, on the rendered seed site: what every page shares.

Vietnamese interface (no English string of Material's left), Open Graph tags, a
sitemap listing every page when site_url is set, the section's tab highlighted on
pages outside the menu, a "page not found" page that works from a sub-folder,
accessibility (axe-core, the engine Lighthouse uses) and reading on a 390 px phone.
Everything is checked on the HTML MkDocs wrote, and in headless Chromium.
"""

from __future__ import annotations

import re
import urllib.parse
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import lxml.html
import pytest
import yaml
from browsing import serve
from conftest import ROOT, copy_project

from generator.pipeline import BuildResult, build_site
from generator.publish.write import hand_written_pages

SITE_URL = "https://danvan.example.gov.vn/bienban/"
#: The folder a site is served from in the sub-folder tests (as on an intranet server).
SUB_FOLDER = "bienban/"

#: One page of every kind a reader meets, as (kind, folder): the page checked is the
#: folder's index, or for a detail kind the largest page in it (the hardest to fit).
PAGE_KINDS = [
    ("home", ""),
    ("meetings index", "hoi-nghi/"),
    ("meeting", "hoi-nghi/*/"),
    ("documents index", "van-ban/"),
    ("document", "van-ban/*/"),
    ("person", "nhan-vat/*/"),
    ("body", "co-quan/*/"),
    ("places index", "dia-phuong/"),
    ("province", "dia-phuong/*/"),
    ("topic", "chu-de/*/"),
    ("year", "nam/*/"),
    ("guide page", "huong-dan/*/"),
]
#: Lighthouse's accessibility audit was run on these (issue 9): home, a meeting, a document.
ACCESSIBILITY_KINDS = ["home", "meeting", "document"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


# --- the built sites -------------------------------------------------------------------

def site_pages(site: Path) -> dict[str, Path]:
    """Every page of a built site by its URL path (``""`` for the home page)."""
    pages = {}
    for path in sorted(site.rglob("index.html")):
        folder = path.parent.relative_to(site).as_posix()
        pages["" if folder == "." else folder + "/"] = path
    return pages


def page_of_kind(site: Path, folder: str) -> str:
    if not folder.endswith("*/"):
        return folder
    parent = folder.removesuffix("*/")
    details = [url for url, path in site_pages(site).items() if url.startswith(parent) and url != parent
               and url.count("/") == parent.count("/") + 1]
    assert details, f"the seed site has no page in {parent}"
    return max(details, key=lambda url: (site_pages(site)[url].stat().st_size, url))


@cache
def parsed(path: Path) -> Any:
    return lxml.html.fromstring(path.read_bytes())


def meta(doc: Any, attribute: str, name: str) -> list[str]:
    return [m.get("content") for m in doc.xpath(f"//head/meta[@{attribute}=$name]", name=name)]


def site_config() -> dict[str, Any]:
    return yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=_ConfigLoader)


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml names a Python function (!!python/name:); only its text is needed here."""


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: suffix)


@pytest.fixture(scope="module")
def site(seed_build: BuildResult) -> Path:
    return seed_build.site_dir


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed site built with site_url set (a sub-folder of the server), as when publishing."""
    project = copy_project(tmp_path_factory.mktemp("published") / "project")
    config = project.config.read_text("utf-8")
    project.config.write_text(f"site_url: {SITE_URL}\n" + config, "utf-8")
    return build_site(project).site_dir


@pytest.fixture(scope="module")
def sub_folder(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The seed site (no site_url) served from a sub-folder: the URL of that folder."""
    server_root = tmp_path_factory.mktemp("server")
    (server_root / SUB_FOLDER.strip("/")).symlink_to(site, target_is_directory=True)
    with serve(server_root, path=SUB_FOLDER) as url:
        yield url


# --- the interface speaks Vietnamese ------------------------------------------------------

def material_english() -> set[str]:
    """Material's English interface strings that its Vietnamese should have replaced."""
    import material

    languages = Path(material.__file__).parent / "templates" / "partials" / "languages"
    pairs = re.compile(r'^\s*"([\w.]+)": "(.*)",?$', re.M)
    english = dict(pairs.findall((languages / "en.html").read_text("utf-8")))
    # Not interface text: codes and settings ("en", "ltr", the search pipeline…).
    settings = {"language", "direction", "search.config.lang", "search.config.pipeline", "search.config.separator"}
    return {text for key, text in english.items() if key not in settings and re.search(r"[A-Za-z]{3}", text)}


def interface_strings(doc: Any) -> list[str]:
    """What a reader sees or hears of the interface: tooltips, labels, placeholders,
    the text outside the page's own content, and the search box's messages."""
    strings = [value for attr in ("title", "aria-label", "placeholder", "alt")
               for value in doc.xpath(f"//@{attr}")]
    for element in doc.xpath("//body//*[not(ancestor-or-self::article) and not(self::script) and not(self::style)]"):
        strings.extend(t.strip() for t in element.xpath("text()") if t.strip())
    for config in doc.xpath("//script[@id='__config']/text()"):
        strings.extend(re.findall(r'"([^"]+)"', config.split('"translations"', 1)[-1].split("}", 1)[0]))
    return strings


def test_material_english_is_known() -> None:
    # The list the next test checks against is read from Material itself.
    assert {"Back to top", "Table of contents", "Initializing search", "Tabs"} <= material_english()


def test_no_english_in_the_interface(site: Path) -> None:
    english = material_english() | {"Permanent link", "404 - Not found"}
    found = {}
    for url, path in [*site_pages(site).items(), ("404", site / "404.html")]:
        left = sorted({s for s in interface_strings(parsed(path)) if s in english})
        if left:
            found[url] = left
    assert not found, f"English left in the interface: {found}"


def test_heading_links_say_what_they_are(site: Path) -> None:
    meeting = parsed(site_pages(site)[page_of_kind(site, "hoi-nghi/*/")])
    titles = {a.get("title") for a in meeting.xpath("//a[contains(@class, 'headerlink')]")}
    assert titles == {"Liên kết đến mục này"}


# --- meta description and Open Graph ---------------------------------------------------------

def test_every_page_has_open_graph_tags(site: Path) -> None:
    config = site_config()
    for url, path in site_pages(site).items():
        doc = parsed(path)
        title = doc.findtext(".//title")
        description = meta(doc, "name", "description")
        assert len(description) == 1 and description[0], url
        assert meta(doc, "property", "og:description") == description, url
        og_title = meta(doc, "property", "og:title")
        assert og_title and og_title[0], url
        expected_title = config["site_name"] if url == "" else title.removesuffix(" - " + config["site_name"])
        assert og_title == [expected_title], url
        assert meta(doc, "property", "og:site_name") == [config["site_name"]], url
        assert meta(doc, "property", "og:locale") == ["vi_VN"], url
        assert meta(doc, "property", "og:type") == ["website" if url == "" else "article"], url
        # No site_url: a page cannot know its own address.
        assert meta(doc, "property", "og:url") == [], url


def test_hand_written_pages_have_their_own_description(site: Path) -> None:
    docs = ROOT / "docs"
    urls = []
    for page in hand_written_pages(docs):
        url = page.relative_to(docs).with_suffix("").as_posix() + "/"
        urls.append("" if url == "index/" else url.removesuffix("index/"))
    descriptions = {url: meta(parsed(site_pages(site)[url]), "name", "description")[0] for url in urls}
    assert len(urls) >= 6
    assert len(set(descriptions.values())) == len(urls), descriptions
    assert site_config()["site_description"] not in descriptions.values()


def test_description_keeps_quotes_and_markup_as_text(tmp_path: Path) -> None:
    # A description quoting a title ("…") must not end the attribute early.
    project = copy_project(tmp_path / "project", records=False)
    about = project.docs / "gioi-thieu.md"
    text = about.read_text("utf-8")
    about.write_text(re.sub(r'^description: .*$', "description: 'Nói về \"Dân vận khéo\" & <b>'", text,
                            count=1, flags=re.M), "utf-8")
    doc = parsed(build_site(project).site_dir / "gioi-thieu" / "index.html")
    wanted = ['Nói về "Dân vận khéo" & <b>']
    assert meta(doc, "name", "description") == wanted
    assert meta(doc, "property", "og:description") == wanted


def test_published_site_lists_every_page_in_its_sitemap(published: Path) -> None:
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    listed = [loc.text for loc in ET.parse(published / "sitemap.xml").getroot().findall("s:url/s:loc", namespace)]
    pages = site_pages(published)
    assert sorted(listed) == sorted(SITE_URL + url for url in pages)
    for url, path in pages.items():
        doc = parsed(path)
        assert meta(doc, "property", "og:url") == [SITE_URL + url]
        assert doc.xpath("//link[@rel='canonical']/@href") == [SITE_URL + url]


# --- the section's tab ----------------------------------------------------------------------

class _NavLoader(yaml.SafeLoader):
    """mkdocs.yml's menu; its Python tags are not constructed."""


_NavLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def menu_tabs() -> dict[str, str]:
    """First folder of each page the menu lists → first folder of its tab's first page."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_NavLoader)

    def pages(entry: Any) -> list[str]:
        if isinstance(entry, str):
            return [entry]
        values = entry.values() if isinstance(entry, dict) else entry
        return [page for value in values for page in pages(value)]

    tabs: dict[str, str] = {}
    for tab in config["nav"]:
        listed = pages(tab)
        for page in listed:
            tabs.setdefault(page.split("/")[0] if "/" in page else "", listed[0].split("/")[0] if "/" in listed[0] else "")
    return tabs


def test_every_page_highlights_its_section_tab(site: Path) -> None:
    """The tab of the menu section a page belongs to; for a page the menu does not list
    (a meeting, a document…), the tab of its first folder."""
    tabs = menu_tabs()
    for url, path in site_pages(site).items():
        active = parsed(path).xpath("//nav[contains(@class, 'md-tabs')]//li[contains(@class, 'md-tabs__item--active')]/a")
        assert len(active) == 1, f"{url}: {len(active)} tabs highlighted"
        target = urllib.parse.urljoin("http://site/" + url, active[0].get("href")).removeprefix("http://site/")
        folder = url.split("/")[0]
        assert target.split("/")[0] == tabs.get(folder, folder), f"{url} highlights the tab of {target}"


# --- the page not found ------------------------------------------------------------------------

def open_missing_page(browser: Any, site_url: str, site: Path, missing: str, **context: Any) -> tuple[Any, list[Any]]:
    """Open ``missing`` (an address that does not exist) as a web server configured to
    answer with the site's 404.html would show it; returns the page and every response."""
    page = browser.new_context(**context).new_page()
    responses: list[Any] = []
    page.on("response", lambda response: responses.append(response))
    body = (site / "404.html").read_bytes()
    page.route(site_url + missing, lambda route: route.fulfill(status=404, body=body, content_type="text/html"))
    response = page.goto(site_url + missing)
    assert response is not None and response.status == 404
    return page, responses


def check_not_found_page(page: Any, site_url: str) -> None:
    assert page.locator("h1").inner_text() == "Không tìm thấy trang"
    home = page.get_by_role("link", name="Về trang chủ")
    page.wait_for_function("url => document.querySelector('a.home').href === url", arg=site_url)
    # Every link leads to a page of the site.
    for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
        assert href.startswith(site_url), href
        assert page.request.get(href).status == 200, href
    home.click()
    page.wait_for_url(site_url)
    assert page.locator("article h1").count() == 1


@pytest.mark.browser
def test_not_found_page_from_a_sub_folder(browser: Any, site: Path, sub_folder: str) -> None:
    # No site_url: MkDocs writes the 404 page for the server's root; the page finds the sub-folder.
    page, responses = open_missing_page(browser, sub_folder, site, "hoi-nghi/khong-co-hoi-nghi-nay/")
    failed = [r.url for r in responses if r.status >= 400 and not r.url.endswith("khong-co-hoi-nghi-nay/")]
    from axe_playwright_python.sync_playwright import Axe

    assert Axe().run(page).response["violations"] == []
    check_not_found_page(page, sub_folder)
    # Failed requests are only the probes for the site's root, never a style or script.
    assert all(url.endswith("bienban-search.js") for url in failed), failed
    page.context.close()


@pytest.mark.browser
def test_not_found_page_searches_the_site(browser: Any, site: Path, sub_folder: str) -> None:
    page, _ = open_missing_page(browser, sub_folder, site, "van-ban/217/")
    page.wait_for_function("url => document.querySelector('form').action === url", arg=sub_folder)
    page.get_by_label(re.compile("^Tìm trong trang web")).fill("217-QĐ/TW")
    page.get_by_role("button", name="Tìm kiếm").click()
    page.wait_for_url(re.compile(re.escape(sub_folder) + r"(\?q=.*)?$"))
    # Material's search box opens on the home page with the query in it, and answers.
    first = page.locator(".md-search-result__item a").first
    first.wait_for(timeout=15000)
    assert urllib.parse.urlsplit(first.get_attribute("href")).path.endswith("/van-ban/217-qd-tw/")
    page.context.close()


@pytest.mark.browser
def test_not_found_page_of_a_published_site_without_script(browser: Any, published: Path,
                                                            tmp_path: Path) -> None:
    # site_url names the sub-folder: the links are right in the HTML itself.
    (tmp_path / SUB_FOLDER.strip("/")).symlink_to(published, target_is_directory=True)
    with serve(tmp_path, path=SUB_FOLDER) as url:
        page, responses = open_missing_page(browser, url, published, "nhan-vat/ai-do/", java_script_enabled=False)
        assert [r.url for r in responses if r.status >= 400] == [url + "nhan-vat/ai-do/"]
        check_not_found_page(page, url)
        page.context.close()


# --- accessibility -----------------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1366px"])
@pytest.mark.parametrize("kind", ACCESSIBILITY_KINDS)
def test_no_accessibility_violation(browser: Any, site: Path, sub_folder: str, kind: str,
                                    viewport: dict[str, int]) -> None:
    from axe_playwright_python.sync_playwright import Axe

    url = page_of_kind(site, dict(PAGE_KINDS)[kind])
    page = browser.new_page(viewport=viewport)
    page.goto(sub_folder + url)
    page.wait_for_load_state("load")
    results = Axe().run(page)
    page.close()
    violations = {v["id"]: [n["target"] for n in v["nodes"]][:3] for v in results.response["violations"]}
    assert not violations, f"{url}: {violations}"


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1366px"])
def test_no_accessibility_violation_in_the_search_results(browser: Any, sub_folder: str,
                                                           viewport: dict[str, int]) -> None:
    """The search open, answering: its count and the results' kinds are readable (contrast),
    and the results add no unnamed landmarks."""
    from axe_playwright_python.sync_playwright import Axe

    page = browser.new_page(viewport=viewport)
    page.goto(sub_folder)
    page.keyboard.press("/")
    box = page.locator("input.md-search__input")
    box.fill("217-QĐ/TW")
    box.press("End")
    page.locator(".md-search-result__item").first.wait_for()
    page.wait_for_timeout(300)  # the results' kinds are shown after the list
    assert page.locator(".md-search-result .md-tag").count() > 0
    results = Axe().run(page)
    page.close()
    violations = {v["id"]: [n["target"] for n in v["nodes"]][:3] for v in results.response["violations"]}
    assert not violations, violations


def test_a_breadcrumbs_arrow_is_not_read_aloud(site: Path) -> None:
    """"Hội nghị ›" above a meeting's title: a screen reader says the link, not "›"."""
    read = []
    for rel, path in site_pages(site).items():
        for text in parsed(path).xpath("//article//text()[contains(., '›')]"):
            if not text.getparent().xpath("ancestor-or-self::*[@aria-hidden='true']"):
                read.append(rel)
    assert not read, sorted(set(read))[:10]
    assert any("›" in parsed(p).text_content() for p in site_pages(site).values())  # there are breadcrumbs


#: What has the keyboard's focus: its tag, accessible name (label or text), whether it sits
#: in the menu of a narrow screen, and its box's top.
FOCUSED = """() => {
  const e = document.activeElement;
  return {tag: e.tagName, name: (e.getAttribute("aria-label") || e.textContent || "").trim(),
          inMenu: Boolean(e.closest(".md-sidebar--primary")), option: e.matches("input.md-option"),
          top: e.getBoundingClientRect().top};
}"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 683], ids=["390px", "683px-zoom200"])
def test_the_menu_of_a_narrow_screen_works_from_the_keyboard(browser: Any, sub_folder: str, width: int) -> None:
    """On a phone (or at 200 % zoom) the menu button is reached with Tab and opens the menu
    with Enter, the menu's first link taking the focus; Escape closes it and gives the focus
    back.  While closed, its links (off the screen) take no focus, nor does a hidden switch."""
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(sub_folder + "dia-phuong/")
    stops = []
    for _ in range(12):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(FOCUSED))
    assert not [s for s in stops if s["inMenu"] or s["option"]], stops
    button = page.get_by_role("button", name="Trình đơn")
    assert any(s["tag"] == "BUTTON" and s["name"] == "Trình đơn" for s in stops), stops
    assert button.get_attribute("aria-expanded") == "false"
    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    assert page.evaluate(FOCUSED)["inMenu"]
    page.wait_for_timeout(400)  # the menu slides in
    assert page.locator(".md-sidebar--primary a[href]").first.is_visible()
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert page.evaluate(FOCUSED)["name"] == "Trình đơn"
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1366px"])
def test_a_link_reached_backwards_is_not_under_the_header(browser: Any, sub_folder: str,
                                                          viewport: dict[str, int]) -> None:
    """Shift+Tab up a long page (a meeting's): every link it reaches is below the sticky
    header, where the reader sees it."""
    page = browser.new_page(viewport=viewport)
    page.goto(sub_folder + "hoi-nghi/2018-07-12-giao-ban-dong-bang-song-hong/")
    page.locator("article a[href]").last.focus()
    header = page.locator(".md-header").bounding_box()
    assert header is not None
    hidden, steps = [], 0
    while page.evaluate("Boolean(document.activeElement.closest('article'))") and steps < 150:
        focused = page.evaluate(FOCUSED)
        if focused["tag"] == "A" and focused["top"] < header["y"] + header["height"]:
            hidden.append(focused["name"])
        page.keyboard.press("Shift+Tab")
        steps += 1
    assert steps > 50 and not hidden, (steps, hidden)
    page.close()


# --- a 390 px phone ------------------------------------------------------------------------------

#: The reader's text inside the page's content: every element with text of its own, except
#: code (examples keep Material's monospace size) and the heading anchors.
SMALL_TEXT = """() => {
  const small = [];
  for (const el of document.querySelectorAll("article.md-content__inner *")) {
    // A chart's labels are part of its picture; its numbers are in the table beside it,
    // which is checked like any text.
    if (el.closest("pre, code, kbd, .headerlink, svg") || !el.getClientRects().length) continue;
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (own && size < 16) small.push(`${el.tagName.toLowerCase()} ${size}px: ${el.textContent.trim().slice(0, 40)}`);
  }
  return small;
}"""

#: Tables wider than the screen, or than their own box (Material lets a table scroll inside it).
WIDE_TABLES = """() => [...document.querySelectorAll("article table")]
  .filter(t => t.getBoundingClientRect().right > window.innerWidth + 0.5 || t.scrollWidth > t.clientWidth + 1)
  .map(t => t.querySelector("th, td")?.textContent.trim())"""

#: The page title's words and lines.
TITLE_LINES = """() => {
  const h1 = document.querySelector("article h1");
  const lines = Math.round(h1.getBoundingClientRect().height / parseFloat(getComputedStyle(h1).lineHeight));
  return [h1.textContent.trim().split(/\\s+/).length, lines];
}"""


@pytest.fixture(scope="module")
def phone(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=PHONE)
    yield context
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize(("kind", "folder"), PAGE_KINDS, ids=[kind for kind, _ in PAGE_KINDS])
def test_readable_on_a_phone(phone: Any, site: Path, sub_folder: str, kind: str, folder: str) -> None:
    url = page_of_kind(site, folder)
    page = phone.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(sub_folder + url)
    page.wait_for_load_state("load")
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"{url} scrolls sideways: {width}"
    assert page.evaluate(WIDE_TABLES) == [], url
    assert page.evaluate(SMALL_TEXT) == [], url
    body = page.evaluate("parseFloat(getComputedStyle(document.querySelector('article p, article li')).fontSize)")
    assert body >= 16
    words, lines = page.evaluate(TITLE_LINES)
    assert lines == 1 or words / lines >= 4, f"{url}: its title is squeezed ({words} words in {lines} lines)"
    own_host = urllib.parse.urlsplit(sub_folder).netloc
    foreign = [r for r in requests if not r.startswith("data:") and urllib.parse.urlsplit(r).netloc != own_host]
    assert foreign == [], f"{url} asks other hosts: {foreign}"
    page.close()


@pytest.mark.browser
def test_table_rows_are_cards_labelled_by_their_columns(phone: Any, site: Path, sub_folder: str) -> None:
    page = phone.new_page()
    page.goto(sub_folder + "hoi-nghi/")
    table = page.locator("article table").first
    headers = [h.strip() for h in table.locator("thead th").all_inner_texts()]
    assert len(headers) >= 3
    cells = page.evaluate("""() => [...document.querySelector("article table tbody tr").cells].map(td => ({
        label: td.dataset.label, shown: getComputedStyle(td, "::before").content,
        left: Math.round(td.getBoundingClientRect().left)}))""")
    assert [c["label"] for c in cells] == headers
    assert [c["shown"] for c in cells] == [f'"{h}: "' for h in headers]  # the label is on screen
    assert len({c["left"] for c in cells}) == 1  # one under the other, not side by side
    page.close()
