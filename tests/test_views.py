"""Readers' views on the built seed site: statistics with charts, timeline, Atom feeds.

Assertions are on the rendered HTML and the feed files in site/, parsed with lxml;
the expected numbers are counted from the seed records themselves.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import re
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import frontmatter
import pytest
import yaml
from browsing import serve
from lxml import etree, html

from generator.graph.model import Meeting
from generator.pipeline import BuildResult
from generator.views.feeds import FeedWriter
from generator.views.plan import charts

ROOT = Path(__file__).resolve().parent.parent
ATOM = "{http://www.w3.org/2005/Atom}"
SVG = "{http://www.w3.org/2000/svg}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$")


def seed_records() -> list[dict]:
    """The seed meetings as their files say (id, date, kind)."""
    out = []
    for path in sorted((ROOT / "records").rglob("*")):
        if path.suffix in {".md", ".yml"} and "_registry" not in path.parts:
            out.append(frontmatter.load(path).metadata if path.suffix == ".md" else yaml.safe_load(path.read_text()))
    return out


def page(seed_build: BuildResult, url: str) -> html.HtmlElement:
    return html.fromstring((seed_build.site_dir / url / "index.html").read_bytes())


def exists(site: Path, url_path: str) -> bool:
    """Does the site serve ``url_path`` (a folder URL is its index.html)?"""
    target = site / url_path.lstrip("/")
    return (target / "index.html").is_file() if url_path.endswith("/") or target.is_dir() else target.is_file()


# ------------------------------------------------------------------ statistics

def test_statistics_page_is_in_the_navigation(seed_build: BuildResult) -> None:
    home = page(seed_build, "")
    labels = [a.text_content().strip() for a in home.xpath("//a[contains(@class, 'md-tabs__link')]")]
    assert "Thống kê" in labels


def test_meetings_per_year_table_counts_every_seed_meeting(seed_build: BuildResult) -> None:
    doc = page(seed_build, "thong-ke")
    figures = doc.xpath("//figure[@class='bb-chart']")
    captions = [f.xpath("figcaption")[0].text_content() for f in figures]
    assert "Số hội nghị mỗi năm, theo vùng" in captions and "Số hội nghị mỗi năm, theo loại" in captions
    expected = Counter(str(r["date"].year) for r in seed_records())
    kinds = Counter(r.get("kind") for r in seed_records())
    for figure in figures[:2]:
        table = figure.xpath(".//table")[0]
        header = [th.text_content() for th in table.xpath("thead//th")]
        assert header[0] == "Năm" and header[-1] == "Tổng"
        totals = {tr.xpath("th")[0].text_content(): int(tr.xpath("td")[-1].text_content())
                  for tr in table.xpath("tbody/tr")}
        assert totals == expected
    kind_table = figures[1].xpath(".//table")[0]
    header = [th.text_content() for th in kind_table.xpath("thead//th")]
    for kind, count in kinds.items():
        column = header.index(kind)
        assert sum(int(tr.xpath("th|td")[column].text_content()) for tr in kind_table.xpath("tbody/tr")) == count


def test_every_chart_is_an_accessible_svg(seed_build: BuildResult) -> None:
    doc = page(seed_build, "thong-ke")
    svgs = doc.xpath("//figure[@class='bb-chart']//svg")
    assert len(svgs) >= 3
    for svg in svgs:
        assert svg.get("role") == "img"
        title = svg.find("title")
        assert title is not None and title.text_content().strip()
        assert svg.find("desc") is not None
        texts = [t.text_content() for t in svg.iter("text")]
        assert texts, "a chart with no labels"
        # No picture references anything outside itself.
        assert not svg.xpath(".//*[@href or @xlink:href or @src]", namespaces={"xlink": "http://www.w3.org/1999/xlink"})


def test_most_cited_documents_link_their_pages_with_first_and_last_mention(seed_build: BuildResult) -> None:
    doc = page(seed_build, "thong-ke")
    heading = doc.xpath("//h2[contains(., 'Văn bản được nhắc đến nhiều nhất')]")[0]
    table = heading.xpath("following::table[not(ancestor::figure)][1]")[0]
    rows = table.xpath("tbody/tr")
    assert 1 <= len(rows) <= 20
    counts = [int(r.xpath("td")[1].text_content()) for r in rows]
    assert counts == sorted(counts, reverse=True)
    first = rows[0]
    link = first.xpath("td//a")[0].get("href")
    assert link.startswith("../van-ban/")
    document = page(seed_build, posixpath.normpath("thong-ke/" + link))
    meetings_on_page = {a.get("href") for a in document.xpath("//article//a[contains(@href, 'hoi-nghi/')]")
                        if not a.get("href").endswith("hoi-nghi/")}
    assert counts[0] == len(meetings_on_page)
    first_date, last_date = (r.text_content().split(",")[0] for r in first.xpath("td")[2:4])
    as_date = lambda s: dt.datetime.strptime(s.strip(), "%d/%m/%Y").date()  # noqa: E731
    assert as_date(first_date) <= as_date(last_date)
    for row in rows:  # a document named by one meeting names it once, under "Lần đầu"
        cells = row.xpath("td")
        last = cells[3].xpath(".//a")
        assert (len(last) == 0) == (int(cells[1].text_content()) == 1)


def test_chart_labels_from_records_are_escaped() -> None:
    label = '<script>alert(1)</script> & "Hà Nội"'
    chart = charts.stacked("Tiêu đề <b>", ["2020", label], {label: [1, 2], "Khác & nữa": [0, 3]},
                           value_label="Số <hội nghị>", category_label="Năm")
    figure = charts.figure(chart)
    assert "<script>" not in figure and "<b>" not in figure
    parsed = etree.fromstring(charts.svg(chart).encode())  # well-formed XML
    assert parsed.find(f"{SVG}title").text == "Tiêu đề <b>"
    table = html.fromstring(charts.table(chart))
    assert table.xpath("tbody//th")[1].text_content() == label


def test_many_series_are_summed_into_other() -> None:
    series = {f"Loại {i}": [float(i)] for i in range(12)}
    chart = charts.stacked("T", ["2020"], series, value_label="x", category_label="Năm")
    assert len(chart.series) == charts.MAX_SERIES
    assert chart.series[-1].name == charts.OTHER
    assert chart.totals == (float(sum(range(12))),)


# ------------------------------------------------------------------ timeline

def test_timeline_counts_each_month_and_leads_to_its_meetings(seed_build: BuildResult) -> None:
    """A row a year, newest first, a count a month: each count leads to that month's
    section of the year's page, which lists that many meetings, every record of the
    month among them."""
    doc = page(seed_build, "thong-ke/dong-thoi-gian")
    records = seed_records()
    per_month = Counter((r["date"].year, r["date"].month) for r in records)
    rows = doc.xpath("//article//table//tbody/tr")
    years = [int(row.xpath("td[1]")[0].text_content()) for row in rows]
    assert years == sorted({y for y, _ in per_month}, reverse=True)
    for row, year in zip(rows, years):
        cells = row.xpath("td")
        assert [int(c.text_content()) for c in cells[1:13]] == [per_month[(year, m)] for m in range(1, 13)]
        assert int(cells[13].text_content()) == sum(per_month[(year, m)] for m in range(1, 13))
        for month, cell in enumerate(cells[1:13], start=1):
            links = cell.xpath(".//a")
            assert bool(links) == bool(per_month[(year, month)])
            if not links:
                continue
            # read aloud (or listed) alone, the link says what it counts, not only "1"
            assert links[0].get("aria-label") == f"{per_month[(year, month)]} hội nghị tháng {month}/{year}"
            target, _, anchor = links[0].get("href").partition("#")
            year_page = page(seed_build, posixpath.normpath(f"thong-ke/dong-thoi-gian/{target}"))
            heading = year_page.get_element_by_id(anchor)
            assert heading.text_content().removesuffix("¶").strip() == f"Tháng {month}/{year}"
            listed = {a.get("href") for a in heading.xpath("following-sibling::table[1]//a")}
            ids = {r["id"] for r in records if (r["date"].year, r["date"].month) == (year, month)}
            assert {i for i in ids if any(f"hoi-nghi/{i}/" in (h or "") for h in listed)} == ids
            assert len(heading.xpath("following-sibling::table[1]/tbody/tr")) == per_month[(year, month)]


def test_home_and_year_pages_link_the_timeline(seed_build: BuildResult) -> None:
    home = page(seed_build, "")
    assert home.xpath("//article//a[@href='thong-ke/dong-thoi-gian/']")
    year = seed_records()[0]["date"].year
    year_page = page(seed_build, f"nam/{year}")
    link = year_page.xpath("//article//a[contains(@href, 'dong-thoi-gian')]")[0].get("href")
    timeline = page(seed_build, posixpath.normpath(f"nam/{year}/{link}"))
    assert timeline.xpath("//article//h1")[0].text_content().startswith("Dòng thời gian")


# ------------------------------------------------------------------ feeds

def feed(seed_build: BuildResult, rel: str) -> etree._Element:
    return etree.parse(str(seed_build.site_dir / rel)).getroot()


def test_site_feed_lists_the_newest_meetings_with_rfc3339_dates(seed_build: BuildResult) -> None:
    root = feed(seed_build, "theo-doi/index.xml")
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{required}") is not None, required
    entries = root.findall(f"{ATOM}entry")
    records = seed_records()
    assert len(entries) == len(records)
    dates = []
    for entry in entries:
        for field in ("id", "title", "updated", "published"):
            assert entry.find(f"{ATOM}{field}") is not None, field
        updated = entry.find(f"{ATOM}updated").text
        assert RFC3339.match(updated), updated
        dates.append(dt.datetime.fromisoformat(updated))
        href = entry.find(f"{ATOM}link[@rel='alternate']").get("href")
        resolved = urlsplit(urljoin("http://host/theo-doi/index.xml", href)).path
        assert resolved.startswith("/hoi-nghi/") and exists(seed_build.site_dir, resolved), href
    assert dates == sorted(dates, reverse=True), "newest first"
    assert {d.date() for d in dates} == {r["date"] for r in records}
    assert root.find(f"{ATOM}updated").text == entries[0].find(f"{ATOM}updated").text
    ids = [e.find(f"{ATOM}id").text for e in entries]
    assert len(set(ids)) == len(ids) and all(i.startswith("urn:uuid:") for i in ids)


def test_each_followed_page_links_its_own_feed_with_its_meetings(seed_build: BuildResult) -> None:
    site = seed_build.site_dir
    for url in ["van-ban/217-qd-tw/", "dia-phuong/quang-ninh/", "chu-de/dan-van-kheo/"]:
        doc = page(seed_build, url)
        # rel is a list of tokens: feed readers look for "alternate"
        links = doc.xpath("//head/link[contains(concat(' ', @rel, ' '), ' alternate ')]"
                          "[@type='application/atom+xml']/@href")
        assert len(links) == 2, url
        own = posixpath.normpath(url + links[1])
        root = feed(seed_build, own)
        entry_pages = {urlsplit(urljoin(f"http://host/{own}", e.find(f"{ATOM}link").get("href"))).path.strip("/")
                       for e in root.findall(f"{ATOM}entry")}
        # The feed names the same meetings as the page's own links to meeting pages.
        on_page = {posixpath.normpath(url + a.get("href")).strip("/") for a in doc.xpath("//article//a[contains(@href, 'hoi-nghi/')]")
                   if not a.get("href").rstrip("/").endswith("hoi-nghi")}
        assert entry_pages and entry_pages <= on_page, url
        assert all(exists(site, "/" + p + "/") for p in entry_pages)
    # The site's feed is linked from a hand-written page too.
    assert page(seed_build, "gioi-thieu").xpath("//head/link[@type='application/atom+xml']")


def test_feed_links_are_absolute_with_a_site_url() -> None:
    writer = FeedWriter("Trang thử", "https://dan-van.example.vn/bien-ban", dt.date(2024, 1, 1))
    meeting = Meeting(key="m", name="Hội nghị <thử> & “giao ban”", slug="hoi-nghi-thu", date=dt.date(2024, 3, 5))
    root = etree.fromstring(writer.feed("theo-doi/index.xml", "Hội nghị mới", "", [meeting]))
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == "https://dan-van.example.vn/bien-ban/theo-doi/index.xml"
    entry = root.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}link").get("href") == "https://dan-van.example.vn/bien-ban/hoi-nghi/hoi-nghi-thu/"
    assert entry.find(f"{ATOM}title").text == "Hội nghị <thử> & “giao ban”"
    assert entry.find(f"{ATOM}published").text == "2024-03-05T00:00:00+07:00"
    # The id does not depend on the address, so moving the site keeps entries as read.
    moved = FeedWriter("Trang thử", "", dt.date(2024, 1, 1))
    assert moved.urn(meeting.url) == writer.urn(meeting.url)


def test_every_followed_entity_has_a_feed_that_parses(seed_build: BuildResult) -> None:
    folder = seed_build.site_dir / "theo-doi"
    for section in ["van-ban", "nhan-vat", "dia-phuong", "chu-de"]:
        pages = {p.name for p in (seed_build.site_dir / section).iterdir() if p.is_dir()}
        feeds = {p.stem for p in (folder / section).glob("*.xml")}
        assert pages == feeds, section
        for path in (folder / section).glob("*.xml"):
            assert etree.parse(str(path)).getroot().tag == f"{ATOM}feed"


# ------------------------------------------------------------------ in a browser

#: Where the screenshots go, to look at them (default: the test's temporary folder).
SHOTS = os.environ.get("BIENBAN_VIEWS_SCREENSHOTS")


@pytest.mark.browser
def test_a_page_with_feeds_asks_for_nothing_missing(seed_build: BuildResult, browser: Any) -> None:
    """Material's script fetches a sitemap.xml beside every [rel=alternate] link (it takes
    them for language versions): the feed links must not set it asking for files that
    do not exist on each page view."""
    with serve(seed_build.site_dir.parent, f"{seed_build.site_dir.name}/") as url:
        tab = browser.new_page()
        responses: list[Any] = []
        tab.on("response", lambda r: responses.append(r))
        tab.goto(url + "van-ban/217-qd-tw/")
        tab.wait_for_load_state("networkidle")
        missing = [r.url for r in responses if r.status >= 400]
        tab.close()
    assert missing == []


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1366])
def test_statistics_page_charts_render_on_a_phone_and_a_desktop(seed_build: BuildResult, browser: Any,
                                                                width: int, tmp_path: Path) -> None:
    with serve(seed_build.site_dir) as url:
        tab = browser.new_page(viewport={"width": width, "height": 900})
        requests: list[str] = []
        tab.on("request", lambda r: requests.append(r.url))
        tab.goto(url + "thong-ke/")
        tab.wait_for_load_state("networkidle")
        charts_shown = tab.locator("figure.bb-chart svg")
        assert charts_shown.count() >= 3
        for i in range(charts_shown.count()):
            box = charts_shown.nth(i).bounding_box()
            assert box is not None and box["height"] > 50
            # The picture fits the column: no sideways scrolling to read a chart.
            assert box["x"] >= 0 and box["x"] + box["width"] <= width
            bars = charts_shown.nth(i).locator("rect")
            assert bars.count() > 0
        # Labels are readable: no chart text below 10 px once the picture is scaled to the screen.
        smallest = tab.evaluate("""() => Math.min(...[...document.querySelectorAll('figure.bb-chart svg text')]
            .map(t => t.getBoundingClientRect().height))""")
        assert smallest >= 10, smallest
        assert tab.evaluate("document.documentElement.scrollWidth") <= width
        tab.screenshot(path=str(Path(SHOTS or tmp_path) / f"thong-ke-{width}.png"), full_page=True)
        tab.close()
    outside = [u for u in requests if not u.startswith(url) and not u.startswith("data:")]
    assert requests and outside == []


# ------------------------------------------------------------------ charts on entity pages

def chart_numbers(figure: html.HtmlElement) -> dict[str, float]:
    """Row label → total, from the table beside a chart."""
    return {tr.xpath("th")[0].text_content(): float(tr.xpath("td")[-1].text_content().replace(".", "").replace(",", "."))
            for tr in figure.xpath(".//tbody/tr")}


def test_document_page_charts_its_mentions_per_year(seed_build: BuildResult) -> None:
    doc = page(seed_build, "van-ban/218-qd-tw")
    figures = doc.xpath("//article//figure[@class='bb-chart']")
    assert len(figures) == 1
    numbers = chart_numbers(figures[0])
    years = sorted(numbers)
    assert years == [str(y) for y in range(int(years[0]), int(years[-1]) + 1)], "every year of the span"
    meetings = {a.get("href") for a in doc.xpath("//article//a[contains(@href, 'hoi-nghi/')]")
                if not a.get("href").rstrip("/").endswith("hoi-nghi")}
    assert sum(numbers.values()) == len(meetings) >= 2
    assert figures[0].xpath(".//svg/title")


NEXT_YEAR = """---
id: 2025-01-20-tong-ket-dan-van-ben-tre-2024
title: Tổng kết công tác dân vận năm 2024 tỉnh Bến Tre
date: 2025-01-20
kind: Tổng kết
location: Bến Tre
participants:
- name: Bùi Văn Bia
  position: Trưởng Ban Dân vận Tỉnh ủy
  organization: Ban Dân vận Tỉnh ủy Bến Tre
  role: chủ trì
findings:
- text: Thẩm định và công nhận thêm mô hình dân vận khéo cấp tỉnh.
  figures:
  - {label: Mô hình dân vận khéo cấp tỉnh được thẩm định và công nhận, value: 160, unit: mô hình}
  - {label: "<b>Nhãn</b> chỉ có một năm", value: 3}
---
"""


@pytest.fixture(scope="module")
def next_year(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed site with one more year of Bến Tre: its figures and its head of mass mobilisation recur."""
    from conftest import copy_project

    from generator.pipeline import build_site

    project = copy_project(tmp_path_factory.mktemp("next-year") / "project")
    (project.records / "2025").mkdir()
    (project.records / "2025" / "2025-01-20-tong-ket-dan-van-ben-tre-2024.md").write_text(NEXT_YEAR, encoding="utf-8")
    return build_site(project).site_dir


def test_province_page_charts_a_figure_reported_in_several_years(next_year: Path) -> None:
    doc = html.fromstring((next_year / "dia-phuong" / "ben-tre" / "index.html").read_bytes())
    figures = doc.xpath("//article//figure[@class='bb-chart']")
    captions = [f.xpath("figcaption")[0].text_content() for f in figures]
    assert captions == ["Mô hình dân vận khéo cấp tỉnh được thẩm định và công nhận (Bến Tre)"]
    assert chart_numbers(figures[0]) == {"2024": 146, "2025": 160}
    assert "<b>" not in (next_year / "dia-phuong" / "ben-tre" / "index.html").read_text(encoding="utf-8")


def test_person_page_charts_meetings_per_year_and_roles(next_year: Path) -> None:
    doc = html.fromstring((next_year / "nhan-vat" / "bui-van-bia" / "index.html").read_bytes())
    figures = doc.xpath("//article//figure[@class='bb-chart']")
    assert len(figures) == 2
    assert chart_numbers(figures[0]) == {"2024": 1, "2025": 1}
    assert chart_numbers(figures[1]) == {"chủ trì": 1, "tặng bằng khen": 1}


@pytest.mark.browser
def test_meeting_page_prints_as_a_briefing(seed_build: BuildResult, browser: Any, tmp_path: Path) -> None:
    meeting = seed_records()[0]["id"]
    with serve(seed_build.site_dir) as url:
        tab = browser.new_page(viewport={"width": 1366, "height": 900})
        requests: list[str] = []
        tab.on("request", lambda r: requests.append(r.url))
        tab.goto(f"{url}hoi-nghi/{meeting}/")
        tab.wait_for_load_state("networkidle")
        assert not tab.locator(".bb-print-header").is_visible(), "the print header is for paper only"
        tab.emulate_media(media="print")
        for hidden in [".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer"]:
            if tab.locator(hidden).count():
                assert not tab.locator(hidden).first.is_visible(), hidden
        header = tab.locator(".bb-print-header")
        assert header.is_visible()
        text = header.inner_text()
        assert "Biên bản hội nghị công tác dân vận" in text
        assert f"hoi-nghi/{meeting}/" in text
        days = {dt.date.today(), dt.date.today() - dt.timedelta(days=1)}  # printed just before midnight
        assert any(f"In ngày {d.day}/{d.month}/{d.year}" in text for d in days), text
        colours = tab.evaluate("""() => {
            const a = document.querySelector('article a[href*="dia-phuong/"], article a[href*="co-quan/"]');
            return [getComputedStyle(a).color, getComputedStyle(a.closest('li, td, p')).color];
        }""")
        assert colours[0] == colours[1], "links read as text on paper"
        tab.screenshot(path=str(Path(SHOTS or tmp_path) / "hoi-nghi-in.png"), full_page=True)
        tab.close()
    assert [u for u in requests if not u.startswith(url) and not u.startswith("data:")] == []



def test_previews_renew_feeds_and_open_data(tmp_path: Path) -> None:
    from conftest import copy_project

    from generator.pipeline import generate

    project = copy_project(tmp_path / "project")
    generate(project)
    record = sorted(project.records.rglob("2024-*.md"))[0]
    record.write_text(record.read_text(encoding="utf-8").replace("title: Tổng kết", "title: Đã sửa, Tổng kết", 1),
                      encoding="utf-8")
    generate(project, incremental=True)
    assert "Đã sửa, Tổng kết".encode() in (project.docs / "theo-doi" / "index.xml").read_bytes()
    assert "Đã sửa, Tổng kết".encode() in (project.docs / "du-lieu" / "meetings.csv").read_bytes()


def test_a_broken_open_data_template_is_named_in_previews_too(tmp_path: Path) -> None:
    from conftest import copy_project

    from generator.pipeline import generate
    from generator.problems import TemplateErrors

    project = copy_project(tmp_path / "project")
    generate(project)
    (project.templates / "open_data.md.j2").write_text("# Dữ liệu mở\n\n{{ license.nowhere.at_all }}\n", encoding="utf-8")
    for incremental in (False, True):
        with pytest.raises(TemplateErrors) as failed:
            generate(project, incremental=incremental)
        assert "templates/open_data.md.j2:3" in str(failed.value.report.problems[0])
