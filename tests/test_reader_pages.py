"""What a reader gets: the rendered HTML of the seed site, parsed, checked against the
records it came from (read here with python-frontmatter, not with our own loader).

Meeting lists, figures, sources, document and person pages, meta descriptions; and,
in a real browser at 390 px, that a meeting page fits the phone and each finding
keeps its own labels.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import frontmatter
import lxml.html
import pytest
import yaml
from browsing import serve
from conftest import ROOT, copy_project

from generator.graph.model import SECTION_LABELS
from generator.language import docnumber
from generator.language.text import heading_slugify
from generator.pages import page_data, render
from generator.pipeline import BuildResult, build_site

SECTIONS = ("findings", "shortcomings", "directives", "targets")
SEED_RECORDS = sorted((ROOT / "records").glob("20*/*.md"))


def page(site: Path, url: str) -> Any:
    """The parsed page at ``url`` (a folder URL such as ``hoi-nghi/x/``)."""
    return lxml.html.parse(str(site / url / "index.html")).getroot()


def article(doc: Any) -> Any:
    return doc.cssselect("article")[0]


def text(element: Any) -> str:
    return " ".join(element.text_content().split())


def title_of(doc: Any) -> str:
    """The page's heading as shown, without its permalink mark."""
    return text(article(doc).cssselect("h1")[0]).removesuffix("¶").strip()


def section_list(doc: Any, label: str) -> Any:
    """The list right under the ``<h2>`` titled ``label``."""
    heading = doc.get_element_by_id(heading_slugify(label, "-"))
    following = heading.getnext()
    assert following is not None and following.tag == "ul", f"no list under “{label}”"
    return following


@contextmanager
def seed_tab(browser: Any, build: BuildResult, width: int, height: int = 900) -> Iterator[tuple[Any, str]]:
    """A browser tab ``width`` px wide on the served seed site, and the site's URL."""
    site = build.site_dir
    with serve(site.parent, f"{site.name}/") as url:
        tab = browser.new_page(viewport={"width": width, "height": height})
        try:
            yield tab, url
        finally:
            tab.close()


def items(record: dict[str, Any], section: str) -> list[dict[str, Any]]:
    return [{"text": i} if isinstance(i, str) else i for i in record.get(section) or []]


def folded(s: str) -> str:
    return " ".join(s.replace("“", '"').replace("”", '"').split())


@pytest.mark.parametrize("path", SEED_RECORDS, ids=lambda p: p.stem)
def test_each_item_is_its_own_list_item_with_its_own_labels(seed_build: BuildResult, path: Path) -> None:
    record = frontmatter.load(str(path)).metadata
    doc = page(seed_build.site_dir, f"hoi-nghi/{record['id']}")
    for section in SECTIONS:
        expected = items(record, section)
        if not expected:
            continue
        shown = section_list(doc, SECTION_LABELS[section]).findall("li")
        assert len(shown) == len(expected), f"{section}: {len(shown)} items shown, the record has {len(expected)}"
        for n, (li, item) in enumerate(zip(shown, expected)):
            first = li.find("p") if li.find("p") is not None else li
            # The item's own text opens its list item; no other item's text is inside it.
            assert folded(text(first)).startswith(folded(item["text"])[:60])
            others = [folded(o["text"])[:60] for m, o in enumerate(expected) if m != n]
            assert not [o for o in others if o in folded(text(li))], "another item is printed inside this one"
            labels = li.cssselect("p.bienban-labels")
            label_text = text(labels[0]) if labels else ""
            if item.get("province"):
                assert f"Địa phương: {item['province']}" in label_text
            for topic in item.get("topics") or []:
                assert topic.split(",")[0] in label_text
            if item.get("by"):
                assert item["by"] in label_text
            if not (item.get("province") or item.get("topics") or item.get("by") or item.get("deadline")):
                assert not labels, "labels shown under an item that has none"


@pytest.mark.parametrize("path", SEED_RECORDS, ids=lambda p: p.stem)
def test_each_source_is_its_own_list_item_and_no_item_becomes_a_heading(seed_build: BuildResult, path: Path) -> None:
    """The sources are a page's last list, above the line that leads to the meetings before
    and after it: an item right above a "---" line reads as a heading in Markdown."""
    record = frontmatter.load(str(path)).metadata
    doc = page(seed_build.site_dir, f"hoi-nghi/{record['id']}")
    sources = record.get("sources") or []
    if sources:
        assert len(section_list(doc, "Nguồn").findall("li")) == len(sources)
    headings = [text(h) for h in article(doc).iter("h2", "h3", "h4")]
    assert [h for h in headings if h.startswith("-")] == []


def test_figures_read_as_one_phrase_with_vietnamese_numbers(seed_build: BuildResult) -> None:
    doc = page(seed_build.site_dir, "hoi-nghi/2018-07-12-giao-ban-dong-bang-song-hong")
    figures = [text(p) for p in doc.cssselect("p.bienban-figures")]
    joined = " | ".join(figures)
    for phrase in ["380 cuộc đối thoại 6 tháng đầu năm", "1.070 thủ tục hành chính", "77/112 xã được công nhận",
                   "11 tỉnh, thành phố trong khu vực", "3.000 đoàn viên",
                   "Tỉ lệ số xã đạt chuẩn nông thôn mới: từ 70% đến 86%"]:
        assert phrase in joined, phrase
    # the unit is not printed twice, and no number is left without its separator
    assert not re.search(r"cuộc Cuộc|tỉnh, thành phố Tỉnh", joined)
    assert not re.search(r"\b\d{4,}\b(?![/%])", joined.replace("2018", "")), joined


def test_a_long_meeting_page_has_a_way_to_jump_to_each_section(seed_build: BuildResult) -> None:
    doc = page(seed_build.site_dir, "hoi-nghi/2018-07-12-giao-ban-dong-bang-song-hong")
    jump = doc.cssselect("p.bienban-jump")[0]
    targets = [a.get("href") for a in jump.findall(".//a")]
    assert "#ket-qua" in targets and "#han-che" in targets and "#nguon" in targets
    for target in targets:
        assert doc.get_element_by_id(target[1:]) is not None, target
    # the count shown is the number of items under that heading
    results = [a for a in jump.findall(".//a") if a.get("href") == "#ket-qua"][0]
    assert f"({len(section_list(doc, 'Kết quả').findall('li'))})" in text(results)
    # every section of the page is there, in the page's order
    sections = [h.get("id") for h in article(doc).iter("h2")]
    assert [t[1:] for t in targets] == [s for s in sections if s != "theo-thoi-gian"], (targets, sections)


def test_no_page_shows_markdown_none_or_a_record_path(seed_build: BuildResult) -> None:
    problems = []
    for path in sorted(seed_build.site_dir.rglob("*.html")):
        doc = lxml.html.parse(str(path)).getroot()
        found = doc.cssselect("article")
        if not found:
            continue
        body = found[0]
        for code in body.cssselect("pre, code"):  # examples in the guide are meant literally
            code.drop_tree()
        shown = text(body)
        where = path.relative_to(seed_build.site_dir)
        if re.search(r"\*\*\S|\]\(|(^|\s)#{2,} ", shown):
            problems.append((where, "Markdown shown as text"))
        if any((t or "").strip() in {"None", "nan", "null", "undefined"} for t in body.itertext()):
            problems.append((where, "None shown"))
        if re.search(r"records/\d{4}/", shown) and not str(where).startswith("huong-dan/"):
            problems.append((where, "a record's file path shown to readers"))
    assert problems == []


def test_every_generated_page_has_its_own_description(seed_build: BuildResult) -> None:
    seen: Counter[str] = Counter()
    for section in ["hoi-nghi", "van-ban", "nhan-vat", "co-quan", "chu-de", "nam"]:
        for path in (seed_build.site_dir / section).glob("*/index.html"):
            meta = lxml.html.parse(str(path)).getroot().cssselect('meta[name="description"]')
            assert meta, path
            seen[meta[0].get("content")] += 1
    repeated = {d: n for d, n in seen.items() if n > 1}
    assert repeated == {}
    meeting = page(seed_build.site_dir, "hoi-nghi/2019-08-16-nghi-quyet-17-nq-tu-quang-ninh")
    description = meeting.cssselect('meta[name="description"]')[0].get("content")
    assert description.startswith("16/8/2019, Quảng Ninh.") and "nâng cao chất lượng" in description


def test_person_page_one_row_per_position_and_each_meeting_named_once(seed_build: BuildResult) -> None:
    doc = page(seed_build.site_dir, "nhan-vat/truong-thi-mai")
    positions = doc.get_element_by_id("chuc-vu").getnext().cssselect("tbody tr")
    assert len(positions) == 1, [text(r) for r in positions]
    assert "thông tin chung về nhân vật" in text(positions[0]) and "12/7/2018" in text(positions[0])
    body = text(article(doc))
    title = "Giao ban công tác dân vận các tỉnh, thành phố khu vực đồng bằng sông Hồng 6 tháng đầu năm 2018"
    statements = body.split("Phát biểu và chỉ đạo", 1)[1]
    assert statements.count(title) == 1
    # directives and remarks are told apart under the meeting
    assert statements.index("Chỉ đạo:") < statements.index("Thứ nhất")
    assert statements.index("Ý kiến, đánh giá:") < statements.index("ghi nhận, đánh giá cao")


def test_document_page_says_what_the_archive_does_not_know(seed_build: BuildResult) -> None:
    doc = text(article(page(seed_build.site_dir, "van-ban/62-ct-tw")))
    assert "Hồ sơ chưa ghi cơ quan ban hành, ngày ban hành và trích yếu của văn bản này." in doc
    assert "Một hội nghị nhắc đến văn bản này" in doc
    unmentioned = text(article(page(seed_build.site_dir, "van-ban/25-nq-tw-2003")))
    assert "Chưa hội nghị nào trong hồ sơ nhắc đến văn bản này." in unmentioned
    assert "0 lần" not in unmentioned and "0 hội nghị" not in unmentioned


@pytest.fixture(scope="module")
def sourced_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed project with a source's newspaper and address, and a document's official text."""
    project = copy_project(tmp_path_factory.mktemp("sourced") / "project")
    record = project.records / "2019/2019-08-16-nghi-quyet-17-nq-tu-quang-ninh.md"
    source = record.read_text("utf-8")
    source = source.replace("  author: Xuân Hương\n",
                            "  author: Xuân Hương\n  publisher: Báo Quảng Ninh <điện tử>\n"
                            "  url: https://baoquangninh.example.vn/bai-viet?id=1&x=2\n")
    record.write_text(source, "utf-8")
    registry = project.records / "_registry/documents.yml"
    registry.write_text(registry.read_text("utf-8").replace(
        "- number: 217-QĐ/TW\n", "- number: 217-QĐ/TW\n  url: https://vanban.example.vn/217-qd-tw\n"), "utf-8")
    return build_site(project).site_dir


def test_meeting_page_names_the_newspaper_and_links_the_article(sourced_site: Path) -> None:
    doc = page(sourced_site, "hoi-nghi/2019-08-16-nghi-quyet-17-nq-tu-quang-ninh")
    sources = section_list(doc, "Nguồn").findall("li")
    assert len(sources) == 1
    links = sources[0].findall(".//a")
    assert [a.get("href") for a in links] == ["https://baoquangninh.example.vn/bai-viet?id=1&x=2"]
    assert text(links[0]) == "Tỉnh ủy Quảng Ninh nâng cao chất lượng, hiệu quả công tác dân vận trong tình hình mới"
    assert "Báo Quảng Ninh <điện tử>" in text(sources[0])  # escaped, shown as typed
    assert "Xuân Hương" in text(sources[0]) and "16/8/2019" in text(sources[0])
    # the article is a link, never a resource the page loads
    html = (sourced_site / "hoi-nghi/2019-08-16-nghi-quyet-17-nq-tu-quang-ninh/index.html").read_text("utf-8")
    assert not re.search(r'<(?:img|script|iframe|link)[^>]+baoquangninh', html)


def test_document_page_links_its_official_text(sourced_site: Path) -> None:
    doc = page(sourced_site, "van-ban/217-qd-tw")
    hrefs = [a.get("href") for a in article(doc).iter("a")]
    assert "https://vanban.example.vn/217-qd-tw" in hrefs


@pytest.mark.browser
def test_meeting_page_fits_a_phone_and_labels_stay_with_their_finding(browser: Any, seed_build: BuildResult) -> None:
    with seed_tab(browser, seed_build, 390, 844) as (tab, url):
        tab.goto(url + "hoi-nghi/2018-07-12-giao-ban-dong-bang-song-hong/")
        width = tab.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], f"the page scrolls sideways: {width}"
        # The Bắc Ninh figure "380 cuộc đối thoại" sits in the Bắc Ninh finding, with its labels.
        finding = tab.locator("#ket-qua + ul > li", has_text="Tỉnh Bắc Ninh 6 tháng đầu năm")
        assert finding.count() == 1
        box = finding.bounding_box()
        for part in [finding.locator("p.bienban-figures"), finding.locator("p.bienban-labels")]:
            inner = part.bounding_box()
            assert inner and box and box["y"] <= inner["y"] and inner["y"] + inner["height"] <= box["y"] + box["height"]
        assert "380 cuộc đối thoại" in finding.locator("p.bienban-figures").inner_text()
        assert "Bắc Ninh" in finding.locator("p.bienban-labels").inner_text()
        assert "Quảng Ninh" not in finding.inner_text()
        size = tab.evaluate("parseFloat(getComputedStyle(document.querySelector('article p')).fontSize)")
        assert size >= 16, f"body text is {size}px"


def test_a_citations_note_goes_with_its_relation_not_under_the_title(seed_build: BuildResult) -> None:
    """A record's note on a cited document says how the meeting relates to it
    ("tổng kết 10 năm thực hiện"); the subject line cell holds the document's title only."""
    checked = 0
    for path in SEED_RECORDS:
        record = frontmatter.load(str(path)).metadata
        cited = [c for c in record.get("documents") or [] if c.get("note")]
        if not cited:
            continue
        doc = page(seed_build.site_dir, f"hoi-nghi/{record['id']}")
        table = doc.get_element_by_id(heading_slugify("Văn bản liên quan", "-")).getnext()
        # "25-NQ/TW (2013)": the number, and the year of a number two documents share
        rows = {text(tr.cssselect("td")[0]).split(" (")[0]: [text(td) for td in tr.cssselect("td")]
                for tr in table.cssselect("tbody tr")}
        for c in cited:
            _, title, relation = rows[c["number"]]
            note = folded(c["note"])
            assert note not in folded(title) and note in folded(relation), c["number"]
            assert title, "an empty subject line"
            checked += 1
    assert checked >= 3


def test_the_attendance_column_names_bodies_only_where_a_body_attends(seed_build: BuildResult) -> None:
    for path in SEED_RECORDS:
        record = frontmatter.load(str(path)).metadata
        rows = record.get("participants") or []
        if not rows:
            continue
        doc = page(seed_build.site_dir, f"hoi-nghi/{record['id']}")
        table = doc.get_element_by_id(heading_slugify("Thành phần tham dự", "-")).getnext()
        header = text(table.cssselect("th")[0])
        bodies_only = any(not row.get("name") for row in rows)
        assert header == ("Đại biểu, đơn vị" if bodies_only else "Đại biểu"), path.name


def test_topic_page_names_each_meeting_once_above_its_passages(seed_build: BuildResult) -> None:
    topic = "Dân vận khéo"
    tagged: dict[str, list[str]] = {}  # meeting title → its passages with the topic, from the records
    for path in SEED_RECORDS:
        record = frontmatter.load(str(path)).metadata
        for section in SECTIONS:
            for item in items(record, section):
                if topic in (item.get("topics") or []):
                    tagged.setdefault(record["title"], []).append(folded(item["text"])[:60])
    assert len(tagged) >= 2
    doc = page(seed_build.site_dir, "chu-de/dan-van-kheo")
    heading = doc.get_element_by_id(heading_slugify("Nội dung được gắn chủ đề", "-"))
    shown: dict[str, list[str]] = {}
    meeting = None
    labels = tuple(f"{label}: " for label in SECTION_LABELS.values())
    for element in heading.itersiblings():
        if element.tag == "h2":
            break
        link = element.find("strong/a")
        if element.tag == "p" and link is not None:  # "date · meeting", in bold, the meeting linked
            meeting = text(link)
            assert meeting not in shown, f"{meeting} named twice"
            shown[meeting] = []
        elif element.tag == "ul":
            assert meeting is not None
            for li in element.findall("li"):
                assert text(li).startswith(labels), text(li)  # each passage says its section
                shown[meeting].append(folded(text(li).split(": ", 1)[1])[:60])
    assert {m: sorted(p) for m, p in shown.items()} == {m: sorted(p) for m, p in tagged.items()}


def test_document_page_names_each_meeting_once_with_how_it_uses_the_document(seed_build: BuildResult) -> None:
    """Each meeting that lists a document is named once on the document's page, in bold
    above what it says of it: its relation and note from the record, then the sentences
    that quote it; no heading for each meeting (the table of contents stays short)."""
    site = seed_build.site_dir
    checked = 0
    for path in SEED_RECORDS:
        record = frontmatter.load(str(path)).metadata
        cited = record.get("documents") or []
        if not cited:
            continue
        meeting = page(site, f"hoi-nghi/{record['id']}")
        table = meeting.get_element_by_id(heading_slugify("Văn bản liên quan", "-")).getnext()
        links = [tr.cssselect("td a")[0].get("href") for tr in table.cssselect("tbody tr")]
        assert len(links) == len(cited)
        for c, href in zip(cited, links):
            doc = lxml.html.parse(str((site / "hoi-nghi" / record["id"] / href / "index.html").resolve())).getroot()
            body = article(doc)
            assert not body.cssselect("h3"), "a heading for each meeting"
            named = [a for a in body.iter("a") if a.get("href", "").rstrip("/").endswith(f"hoi-nghi/{record['id']}")]
            assert len(named) == 1, (c["number"], "the meeting is not named exactly once")
            strong = named[0].getparent()
            assert strong.tag == "strong" and strong.getparent().tag == "p"
            assert text(strong).startswith(re.sub(r"\b0", "", record["date"].strftime("%d/%m/%Y")))
            said = []  # the items under the meeting's line, up to the next meeting's
            for element in strong.getparent().itersiblings():
                if element.tag != "ul":
                    break
                said += [text(li) for li in element.findall("li")]
            if c.get("relation") or c.get("note"):
                relation = next(item for item in said if item.startswith("Liên quan:"))
                for part in (c.get("relation"), c.get("note")):
                    assert part is None or folded(part) in folded(relation), (c["number"], relation)
            assert all(item.startswith(("Liên quan: ", *(f"{label}: " for label in SECTION_LABELS.values())))
                       for item in said), said
            checked += 1
    assert checked >= 8


def test_a_quoted_sentence_is_cut_between_words(seed_build: BuildResult) -> None:
    """A long sentence quoted on a document page is shortened around the number, at
    word boundaries: every word shown is a whole word of the record."""
    words_of_records = set()
    for path in SEED_RECORDS:
        words_of_records.update(re.findall(r"\w+", path.read_text(encoding="utf-8")))
    quotes = []
    for html_file in (seed_build.site_dir / "van-ban").glob("*/index.html"):
        for li in article(lxml.html.parse(str(html_file)).getroot()).iter("li"):
            quoted = re.search(r"“(.*)”$", text(li))
            if quoted:
                quotes.append(quoted[1])
    shortened = [q for q in quotes if q.startswith("…") or q.endswith("…")]
    assert len(shortened) >= 3
    for quote in shortened:
        ends = re.findall(r"\w+", quote)
        assert ends[0] in words_of_records and ends[-1] in words_of_records, quote


def test_a_document_in_more_meetings_than_a_page_quotes_lists_the_older_ones_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the meetings a page quotes (the newest ones), the older ones are listed by name,
    each once: together, every meeting that names the document."""
    monkeypatch.setattr(render, "PASSAGES_SHOWN", 1)
    site = build_site(copy_project(tmp_path / "project")).site_dir
    body = article(page(site, "van-ban/218-qd-tw"))
    quoted = [text(p) for p in body.cssselect("p") if p.find("strong/a") is not None]
    older = [text(li) for li in section_list(body, "Các hội nghị trước đó").findall("li")]
    assert "1 hội nghị gần nhất; 1 hội nghị trước đó ở cuối trang." in text(body)
    assert len(quoted) == 1 and quoted[0].startswith("22/1/2024 · ")
    assert older == ["12/7/2018: Giao ban công tác dân vận các tỉnh, thành phố khu vực đồng bằng sông Hồng "
                     "6 tháng đầu năm 2018"]


def test_the_list_of_documents_counts_the_meetings_each_page_names(seed_build: BuildResult) -> None:
    """/van-ban/ says, for each document, as many meetings as its own page names (not
    how many sentences quote it: 17-NQ/TU is quoted twice by one meeting)."""
    site = seed_build.site_dir
    rows = [tr.cssselect("td") for tr in article(page(site, "van-ban")).cssselect("tbody tr")]
    assert len(rows) >= 10
    for cells in rows:
        href = cells[0].find(".//a").get("href")
        body = article(lxml.html.parse(str((site / "van-ban" / href / "index.html").resolve())).getroot())
        named = {a.get("href") for a in body.iter("a") if "hoi-nghi/" in (a.get("href") or "")}
        assert int(text(cells[-1])) == len(named), text(cells[0])


def test_the_list_of_documents_is_in_sections_by_level_and_type(seed_build: BuildResult) -> None:
    """/van-ban/ is one section for the central documents and one for the local ones,
    a table for each type under them, counted in its heading: at scale one table of
    thousands of rows could only be searched, not read."""
    body = article(page(seed_build.site_dir, "van-ban"))
    levels = [text(h).removesuffix("¶").strip() for h in body.iter("h2")]
    assert levels == ["Văn bản của Trung ương", "Văn bản của địa phương"]
    seen = 0
    local = False
    for heading in body.iter("h2", "h3"):
        label = text(heading).removesuffix("¶").strip()
        if heading.tag == "h2":
            local = label == "Văn bản của địa phương"
            continue
        kind, count = re.fullmatch(r"(.+) \((\d+)\)", label).groups()  # type: ignore[union-attr]
        table = heading.getnext()
        assert table.tag == "table", label
        numbers = [text(tr.cssselect("td")[0]).split(" (")[0] for tr in table.cssselect("tbody tr")]
        assert len(numbers) == int(count), label
        for number in numbers:
            parsed = docnumber.parse(number)
            assert parsed is not None and (parsed.type_name or "Văn bản khác") == kind, (label, number)
            assert parsed.is_local == local, (label, number)
        seen += len(numbers)
    assert seen == len(body.cssselect("tbody tr")) >= 10


def test_a_document_links_the_body_that_issued_it_and_the_body_lists_it(seed_build: BuildResult) -> None:
    """"Cơ quan ban hành: Bộ Chính trị" leads to the body's page, which lists what it issued."""
    site = seed_build.site_dir
    registry = yaml.safe_load((ROOT / "records/_registry/documents.yml").read_text("utf-8"))
    issued_by_politburo = {d["number"] for d in registry if d.get("issuer") == "Bộ Chính trị"}
    assert len(issued_by_politburo) >= 3
    body = article(page(site, "co-quan/bo-chinh-tri"))
    table = body.get_element_by_id(heading_slugify("Văn bản ban hành", "-")).getnext()
    listed = {text(tr.cssselect("td")[0]) for tr in table.cssselect("tbody tr")}
    assert {n.lstrip("0") for n in listed} == {n.lstrip("0") for n in issued_by_politburo}
    for tr in table.cssselect("tbody tr"):
        href = tr.cssselect("td a")[0].get("href")
        doc = article(lxml.html.parse(str((site / "co-quan/bo-chinh-tri" / href / "index.html").resolve())).getroot())
        issuer = next(li for li in doc.iter("li") if text(li).startswith("Cơ quan ban hành:"))
        assert issuer.find(".//a") is not None and issuer.find(".//a").get("href").rstrip("/").endswith("co-quan/bo-chinh-tri")


def test_documents_sharing_a_number_are_told_apart_by_their_year(seed_build: BuildResult) -> None:
    site = seed_build.site_dir
    registry = yaml.safe_load((ROOT / "records/_registry/documents.yml").read_text("utf-8"))
    titles = {f"25-nq-tw-{d['date'].year}": d["title"] for d in registry if d["number"] == "25-NQ/TW"}
    assert sorted(titles) == ["25-nq-tw-2003", "25-nq-tw-2013"]
    for slug in titles:
        assert title_of(page(site, f"van-ban/{slug}")) == f"Nghị quyết 25-NQ/TW ({slug[-4:]})"
    # a number no other document has keeps its plain title
    assert title_of(page(site, "van-ban/217-qd-tw")) == "Quyết định 217-QĐ/TW"
    # the list of documents gives each its subject line
    rows = [tr.cssselect("td") for tr in article(page(site, "van-ban")).cssselect("tbody tr")]
    shown = {cells[0].find(".//a").get("href").strip("/").split("/")[-1]: (text(cells[0]), text(cells[1]))
             for cells in rows if text(cells[0]).startswith("25-NQ/TW")}
    assert shown == {slug: (f"25-NQ/TW ({slug[-4:]})", title) for slug, title in titles.items()}


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1366])
def test_a_document_number_in_a_table_stays_on_one_line(browser: Any, seed_build: BuildResult, width: int) -> None:
    with seed_tab(browser, seed_build, width, 900) as (tab, url):
        for where in ["hoi-nghi/2024-01-22-tong-ket-dan-van-ben-tre-2023/", "thong-ke/"]:
            tab.goto(url + where)
            numbers = tab.evaluate("""[...document.querySelectorAll('article td a[href*="van-ban/"]')]
                .map(a => [a.textContent, a.getClientRects().length])""")
            assert len(numbers) >= 3, where
            assert [n for n in numbers if n[1] != 1] == [], f"{where}: a number broken over lines"
        width_seen = tab.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width_seen[0] <= width_seen[1], f"the page scrolls sideways: {width_seen}"


@pytest.mark.browser
def test_the_tables_of_each_year_line_up_their_columns(browser: Any, seed_build: BuildResult) -> None:
    """On a wide screen the meetings of each year are tables of the same columns: they
    start at the same place in every one, and no cell's text runs out of its cell."""
    with seed_tab(browser, seed_build, 1366, 900) as (tab, url):
        tab.goto(url + "hoi-nghi/")
        starts = tab.evaluate("""[...document.querySelectorAll('article table')]
            .map(t => [...t.querySelectorAll('thead th')].map(th => Math.round(th.getBoundingClientRect().left)))""")
        assert len(starts) >= 5 and all(s == starts[0] for s in starts), starts
        assert len(set(starts[0])) == 4
        spilled = tab.evaluate("""[...document.querySelectorAll('article td')]
            .filter(td => td.scrollWidth > td.clientWidth + 1).map(td => td.textContent)""")
        assert spilled == []


def test_headings_in_a_records_notes_sit_under_its_notes(tmp_path: Path) -> None:
    """An editor's "## Nhiệm vụ quý II" in the notes after the record's keys is a part of
    "Ghi chú", in the page and in its table of contents, not a section beside it."""
    project = copy_project(tmp_path / "project")
    record = project.records / "2024" / "2024-01-22-tong-ket-dan-van-ben-tre-2023.md"
    record.write_text(record.read_text(encoding="utf-8").rstrip("\n")
                      + "\n\nGhi chú của văn phòng.\n\n## Nhiệm vụ quý II\n\nRà soát quy chế.\n\n"
                        "Phân công\n---------\n\nBa tổ công tác.\n", encoding="utf-8")
    site = build_site(project).site_dir
    doc = page(site, "hoi-nghi/2024-01-22-tong-ket-dan-van-ben-tre-2023")
    headings = [(h.tag, text(h).removesuffix("¶").strip()) for h in article(doc).iter("h2", "h3", "h4")]
    notes = headings.index(("h2", "Ghi chú"))
    assert headings[notes + 1:notes + 3] == [("h3", "Nhiệm vụ quý II"), ("h3", "Phân công")]
    toc = doc.cssselect("nav.md-nav--secondary")[0]
    item = next(li for li in toc.cssselect("li") if text(li.find("a")) == "Ghi chú")
    assert [text(a) for a in item.cssselect("nav a")] == ["Nhiệm vụ quý II", "Phân công"]


@pytest.mark.browser
def test_the_sites_name_is_whole_in_a_phones_header(browser: Any, seed_build: BuildResult) -> None:
    with seed_tab(browser, seed_build, 390, 800) as (tab, url):
        tab.goto(url)
        name = tab.locator(".md-header__topic:not([data-md-component]) .md-ellipsis")
        assert " ".join(name.inner_text().split()) == "Biên bản hội nghị công tác dân vận"
        assert name.evaluate("e => e.scrollWidth <= e.clientWidth"), "the name is cut short"


def test_pages_say_a_thing_once(seed_build: BuildResult) -> None:
    """The year is a link inside the date, not "(2019)" after it; "Địa điểm: Quảng Ninh" is
    not followed by "Tỉnh, thành phố: Quảng Ninh"; a unit merged into one of its own name
    says "tỉnh An Giang mới"; a region's other names are not its own name again."""
    site = seed_build.site_dir
    meeting = article(page(site, "hoi-nghi/2019-08-16-nghi-quyet-17-nq-tu-quang-ninh"))
    when = next(li for li in meeting.iter("li") if text(li).startswith("Thời gian:"))
    assert text(when) == "Thời gian: ngày 16 tháng 8 năm 2019"
    assert when.find("a").get("href").rstrip("/").endswith("nam/2019")
    items = [text(li) for li in meeting.iter("li")]
    assert "Địa điểm: Quảng Ninh" in items and not any(i.startswith("Tỉnh, thành phố:") for i in items)
    unit = article(page(site, "dia-phuong/an-giang"))
    assert "Tỉnh An Giang — đến 30/6/2025; từ 1/7/2025 là một phần của tỉnh An Giang mới" in text(unit)
    region = article(page(site, "dia-phuong/dong-bang-song-cuu-long"))
    said = next(p for p in region.iter("p") if text(p).startswith("Còn gọi là:"))
    names = [n.strip() for n in text(said).removeprefix("Còn gọi là:").split(";")]
    folded_names = [folded(n).lower() for n in names]
    assert "đồng bằng sông cửu long" not in folded_names and len(set(folded_names)) == len(names), names


def test_no_column_of_dashes_while_no_meeting_is_since_the_2025_map(seed_build: BuildResult) -> None:
    """The seed's meetings are all before 1/7/2025: the places index has no "Hội nghị từ
    1/7/2025" column of 34 dashes (on a phone, 34 cards a line longer each)."""
    doc = article(page(seed_build.site_dir, "dia-phuong"))
    table = doc.xpath('.//div[contains(@class, "tabbed-block")]')[0].find(".//table")
    assert [text(th) for th in table.iter("th")] == ["Tỉnh, thành phố", "Hình thành từ (số hội nghị trước 1/7/2025)"]
    assert len(table.xpath(".//tbody/tr")) == 34


@pytest.mark.browser
def test_a_phones_card_of_a_table_of_counts_leaves_out_the_zeros(browser: Any, seed_build: BuildResult) -> None:
    """/thong-ke/'s meetings by year and region: on a phone each year is a card naming
    the regions it has meetings in, not a line for each region with none; a wide
    screen's table keeps every cell."""
    script = """[...document.querySelector('article table').querySelectorAll('tbody tr')].map(tr =>
        [...tr.cells].filter(cell => cell.offsetParent !== null).map(cell => cell.textContent.trim()))"""
    shown = {}
    for width in (390, 1366):
        with seed_tab(browser, seed_build, width) as (tab, url):
            tab.goto(url + "thong-ke/")
            shown[width] = tab.evaluate(script)
    assert len(shown[390]) >= 5
    assert all("0" not in row[1:] for row in shown[390]), shown[390]
    assert any("0" in row for row in shown[1366]), shown[1366]
    assert [row[0] for row in shown[390]] == [row[0] for row in shown[1366]]


def test_a_regions_count_says_what_it_counts(seed_build: BuildResult) -> None:
    """"2 hội nghị" beside provinces that show 2 each: the count is of the meetings whose
    record names the region, not of its provinces' (the reader could not tell); the
    region's own page says so above its list."""
    doc = article(page(seed_build.site_dir, "dia-phuong"))
    said = [text(p) for p in doc.iter("p") if "ghi rõ vùng này" in text(p)]
    assert len(said) >= 2 and all(s.endswith("xem ở trang của tỉnh, thành phố đó.") for s in said), said
    region = article(page(seed_build.site_dir, "dia-phuong/dong-bang-song-hong"))
    above = region.get_element_by_id(heading_slugify("Hội nghị của vùng", "-")).getnext()
    assert text(above).startswith("Các hội nghị có bản ghi ghi rõ vùng này")


def test_a_persons_position_links_the_body_held_at(seed_build: BuildResult) -> None:
    """"Phó Trưởng Ban DVTU, Ban Dân vận Tỉnh ủy Bến Tre (nay là …)": the body the person
    served in is a link to its page, as its successor is."""
    doc = page(seed_build.site_dir, "nhan-vat/tran-tu-anh")
    row = doc.get_element_by_id("chuc-vu").getnext().cssselect("tbody tr")[0]
    links = {text(a): a.get("href").strip("/").split("/")[-1] for a in row.cssselect("td")[0].iter("a")}
    assert links == {"Ban Dân vận Tỉnh ủy Bến Tre": "ban-dan-van-tinh-uy-ben-tre",
                     "Ban Tuyên giáo và Dân vận Tỉnh ủy Vĩnh Long": "ban-tuyen-giao-va-dan-van-tinh-uy-vinh-long"}


@pytest.fixture(scope="module")
def folded_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed site built with FOLD_AFTER at 3 and BLOCK_MIN at 1: the central body's
    delegates are shown in blocks of years."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(page_data, "FOLD_AFTER", 3)
        patch.setattr(page_data, "BLOCK_MIN", 1)
        return build_site(copy_project(tmp_path_factory.mktemp("folded") / "project")).site_dir


def test_a_long_list_shows_one_block_a_year_the_newest_open(seed_build: BuildResult, folded_site: Path) -> None:
    """Past FOLD_AFTER lines, a list of meetings is shown year by year: one block a year
    that the reader opens, newest first and open, holding every line of the list; a list
    that short stays a plain list."""
    body = article(page(folded_site, "co-quan/ban-dan-van-trung-uong"))
    heading = body.get_element_by_id(heading_slugify("Đại biểu của cơ quan", "-"))
    total = heading.getnext()
    assert text(total) == "Tổng cộng 5 lượt đại biểu, mới nhất trước."
    blocks = []
    for sibling in total.itersiblings():
        if sibling.tag != "details":
            break
        blocks.append(sibling)
    assert [text(b.find("summary")) for b in blocks] == [
        "Năm 2022 · 1 lượt đại biểu", "Năm 2018 · 3 lượt đại biểu", "Năm 2017 · 1 lượt đại biểu"]
    assert [b.get("open") is not None for b in blocks] == [True, False, False]
    assert all("bienban-year" in b.get("class", "") for b in blocks)
    folded = [text(tr) for b in blocks for tr in b.cssselect("tbody tr")]
    unfolded = article(page(seed_build.site_dir, "co-quan/ban-dan-van-trung-uong"))
    assert folded == [text(tr) for tr in unfolded.cssselect("tbody tr")]
    assert folded[0].startswith("15/7/2022") and folded[-1].startswith("4/12/2017")  # newest first
    # three meetings organized: not more than FOLD_AFTER, a plain list
    assert len(section_list(body, "Hội nghị do cơ quan tổ chức").findall("li")) == 3


@pytest.mark.browser
def test_a_block_of_years_has_an_address_and_stays_as_the_reader_left_it(browser: Any, folded_site: Path) -> None:
    """Each block has an address (the heading above it and its years), shown once the
    reader opens it, that opens it; a reader who opened a block, read a meeting and came back (or reloaded) finds it open;
    a fresh visit shows the page as it comes."""
    heading = heading_slugify("Đại biểu của cơ quan", "-")
    ids = [f"{heading}-nam-{year}" for year in (2022, 2018, 2017)]
    with serve(folded_site) as url:
        tab = browser.new_page(viewport={"width": 390, "height": 844})
        body_url = f"{url}co-quan/ban-dan-van-trung-uong/"

        def blocks() -> list[list[Any]]:
            return tab.locator("details.bienban-year").evaluate_all("bs => bs.map(b => [b.id, b.open])")

        tab.goto(body_url)
        assert blocks() == [[ids[0], True], [ids[1], False], [ids[2], False]]
        tab.locator(f"#{ids[1]} > summary").click()
        assert tab.url == f"{body_url}#{ids[1]}"  # its address, to copy
        tab.locator(f"#{ids[1]} td a").first.click()
        tab.wait_for_load_state()
        assert tab.url.rstrip("/") != body_url.rstrip("/")
        tab.go_back()
        assert blocks() == [[ids[0], True], [ids[1], True], [ids[2], False]]
        tab.locator(f"#{ids[0]} > summary").click()  # closed by the reader: stays closed
        tab.reload()
        assert blocks() == [[ids[0], False], [ids[1], True], [ids[2], False]]
        # left before the block's toggle event came (a reload right after a click; here the
        # event is held back): kept all the same
        tab.evaluate("addEventListener('toggle', event => event.stopPropagation(), true)")
        tab.evaluate(f"document.getElementById({ids[2]!r}).open = true")
        tab.reload()
        assert blocks() == [[ids[0], False], [ids[1], True], [ids[2], True]]
        tab.evaluate(f"document.getElementById({ids[2]!r}).open = false")
        tab.goto(f"{url}van-ban/")
        tab.goto(body_url)
        assert blocks() == [[ids[0], True], [ids[1], False], [ids[2], False]]
        # the address of a closed block, from another page and from this one
        for before in (f"{url}van-ban/", None):
            if before:
                tab.goto(before)
            tab.goto(f"{body_url}#{ids[1]}")
            tab.wait_for_function(f"document.getElementById({ids[1]!r}).open")
            assert tab.locator(f"#{ids[1]} > summary").is_visible()
            box = tab.locator(f"#{ids[1]} > summary").bounding_box()
            header = tab.locator(".md-header").bounding_box()
            assert box is not None and header is not None
            assert header["y"] + header["height"] <= box["y"] < 844  # in sight, not under the header
            tab.evaluate(f"document.getElementById({ids[1]!r}).open = false")
            tab.evaluate("window.scrollTo(0, 0)")
            tab.evaluate("history.replaceState(null, '', location.pathname)")
        tab.close()


def test_quiet_years_share_a_block_and_a_list_going_on_opens_none() -> None:
    """Blocks hold BLOCK_MIN lines at least: quiet years go together ("Năm 2021–2023"),
    the oldest few with the block before them.  A list that goes on from what the page
    showed above it (a document's older meetings) opens no block, and its first says
    it goes on with a year already begun."""
    counts = {2024: 12, 2023: 3, 2022: 4, 2021: 5, 2020: 11, 2019: 2}
    items = [SimpleNamespace(meeting=SimpleNamespace(date=dt.date(year, 1, 1)))
             for year, count in counts.items() for _ in range(count)]
    folds = page_data.by_year(items)
    assert [(f.years, len(f.items), f.open) for f in folds] == [
        ("2024", 12, True), ("2021–2023", 12, False), ("2019–2020", 13, False)]
    assert [i for f in folds for i in f.items] == items
    going_on = page_data.by_year(items, after=SimpleNamespace(date=dt.date(2024, 6, 1)))
    assert [(f.open, f.continued) for f in going_on] == [(False, True), (False, False), (False, False)]
    # the year begun above is a block by itself, however few its lines
    short = [SimpleNamespace(meeting=SimpleNamespace(date=dt.date(year, 1, 1)))
             for year, count in {2024: 3, 2023: 3, 2022: 4, 2021: 5, 2020: 11, 2019: 7}.items() for _ in range(count)]
    begun = page_data.by_year(short, after=SimpleNamespace(date=dt.date(2024, 6, 1)))
    assert [(f.years, len(f.items), f.continued) for f in begun] == [
        ("2024", 3, True), ("2021–2023", 12, False), ("2019–2020", 18, False)]
    # the newest block is not open when it is a long list itself
    busy = [SimpleNamespace(meeting=SimpleNamespace(date=dt.date(2024, 1, 1)))] * 31 + items[12:]
    assert [f.open for f in page_data.by_year(busy)][:2] == [False, False]
    assert [f.first for f in page_data.by_year(items[:30])] == [0]  # not past FOLD_AFTER: whole


def test_the_seed_sites_lists_are_short_enough_to_show_whole(seed_build: BuildResult) -> None:
    """No list of the seed site is folded: the longest is far below FOLD_AFTER."""
    folded = [path for path in seed_build.site_dir.rglob("index.html")
              if 'class="bienban-year' in path.read_text("utf-8")]
    assert folded == []


@pytest.fixture(scope="module")
def meeting_again(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed site with the 2018 briefing held again on 20/12/2018 (its people in the
    same positions), built with SOURCES_SHOWN at 1."""
    project = copy_project(tmp_path_factory.mktemp("again") / "project")
    seed = project.records / "2018" / "2018-07-12-giao-ban-dong-bang-song-hong.md"
    again = seed.read_text("utf-8").replace("2018-07-12", "2018-12-20").replace(
        "6 tháng đầu năm 2018", "năm 2018")
    (project.records / "2018" / "2018-12-20-giao-ban-dong-bang-song-hong.md").write_text(again, "utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(render, "SOURCES_SHOWN", 1)
        return build_site(project).site_dir


@pytest.mark.browser
def test_a_phones_card_of_counts_runs_its_months_on_a_line(browser: Any, meeting_again: Path) -> None:
    """On a phone the timeline's card of a year reads as a few lines: the year, then its
    months one after another ("T7: 1  T12: 1"), then the year's total on a line of its
    own; not one line a month (a year of the 1,000-meeting archive was 14 lines)."""
    with serve(meeting_again) as url:
        tab = browser.new_page(viewport={"width": 390, "height": 844})
        tab.goto(f"{url}thong-ke/dong-thoi-gian/")
        card = tab.locator("tbody tr").filter(has_text="2018")
        boxes = {name: card.locator(f'[data-label="{name}"]').bounding_box() for name in ("T7", "T12", "Cả năm")}
        year = card.locator("td").first.bounding_box()
        tab.close()
    months, total = [boxes["T7"], boxes["T12"]], boxes["Cả năm"]
    assert all(box is not None for box in (*months, total, year))
    assert months[0]["y"] == months[1]["y"] and months[0]["x"] < months[1]["x"]  # one line
    assert year["y"] + year["height"] <= months[0]["y"]
    assert total["y"] >= months[0]["y"] + months[0]["height"]  # below the months


def test_a_position_names_its_newest_meetings_and_counts_the_others(meeting_again: Path) -> None:
    """A position held at many meetings names SOURCES_SHOWN of them, newest first, and
    says how many more: the table cell stays a line or two, whatever the archive."""
    body = article(page(meeting_again, "nhan-vat/truong-thi-mai"))
    row = next(tr for tr in body.cssselect("tbody tr") if "Trưởng Ban Dân vận Trung ương" in text(tr))
    sources = row.cssselect("td")[-1]
    assert text(sources) == "hội nghị 20/12/2018 và 1 hội nghị trước đó; thông tin chung về nhân vật"
    assert [a.get("href") for a in sources.iter("a")] == ["../../hoi-nghi/2018-12-20-giao-ban-dong-bang-song-hong/"]


def test_a_year_page_has_a_section_a_month_and_a_line_to_jump_to_each(meeting_again: Path) -> None:
    """A phone shows no table of contents for a year page (it is outside the navigation):
    a line at the top leads to each month's section."""
    body = article(page(meeting_again, "nam/2018"))
    jump = next(p for p in body.iter("p") if text(p).startswith("Trên trang này:"))
    assert text(jump) == "Trên trang này: Tháng 7 (1) · Tháng 12 (1)"
    for a in jump.iter("a"):
        heading = body.get_element_by_id(a.get("href").lstrip("#"))
        assert text(heading).removesuffix("¶").strip() == text(a).split(" (")[0] + "/2018"
        assert len(heading.getnext().cssselect("tbody tr")) == 1
