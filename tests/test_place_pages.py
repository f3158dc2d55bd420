"""Province, region, places-index and body pages, checked on the rendered HTML in site/.

The seed site for what it holds today; a small project with a 2026 record for the
two maps (the new Lào Cai from 1/7/2025 and the former Lào Cai and Yên Bái).
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urljoin

import lxml.html
import pytest
import yaml
from conftest import copy_project

from generator.language.geography import load_geography
from generator.pipeline import BuildResult, build_site
from generator.project import Project


def page(site: Path, url: str) -> lxml.html.HtmlElement:
    doc = lxml.html.fromstring((site / url / "index.html").read_text(encoding="utf-8"))
    for anchor in doc.xpath('//a[contains(@class, "headerlink")]'):  # the "¶" after headings
        anchor.drop_tree()
    return doc


def content(doc: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    found = doc.xpath('//article[contains(@class, "md-content__inner")]')
    assert found, "no article"
    return found[0]


def text_of(node: lxml.html.HtmlElement) -> str:
    return " ".join(node.text_content().split())


def section(article: lxml.html.HtmlElement, heading: str) -> list[lxml.html.HtmlElement]:
    """The elements after the h2 whose text starts with ``heading``, up to the next h2."""
    out: list[lxml.html.HtmlElement] = []
    inside = False
    for el in article:
        if el.tag == "h2":
            inside = text_of(el).startswith(heading)
            continue
        if inside:
            out.append(el)
    assert out, f"no section {heading!r}"
    return out


def links(nodes: list[lxml.html.HtmlElement]) -> dict[str, str]:
    """Link text → href within ``nodes``."""
    return {text_of(a): a.get("href") for n in nodes for a in n.iter("a")}


def seed_front_matter() -> list[dict]:
    records = Path(__file__).resolve().parent.parent / "records"
    out = []
    for path in sorted(records.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        out.append(yaml.safe_load(text.split("---", 2)[1]))
    return out


# ---------------------------------------------------------------- seed site


def test_quang_ninh_page_lists_its_documents_bodies_and_people(seed_build: BuildResult) -> None:
    article = content(page(seed_build.site_dir, "dia-phuong/quang-ninh"))
    assert text_of(article.xpath("//h1")[0]) == "Quảng Ninh"
    documents = links(section(article, "Văn bản của địa phương"))
    assert documents.get("Nghị quyết 17-NQ/TU") == "../../van-ban/17-nq-tu-quang-ninh/"
    bodies = links(section(article, "Cơ quan"))
    assert "Tỉnh ủy Quảng Ninh" in bodies and "Ban Thường vụ Tỉnh ủy Quảng Ninh" in bodies
    people = section(article, "Đại biểu của địa phương")
    rows = [text_of(li) for ul in people for li in ul.iter("li")]
    assert any("Nguyễn Văn Đọc" in r and "Bí thư Tỉnh ủy Quảng Ninh" in r for r in rows), rows
    meetings = links(section(article, "Hội nghị"))
    assert len(meetings) == 2


def test_places_index_counts_meetings_per_province_and_lists_the_rest_as_text(seed_build: BuildResult) -> None:
    site = seed_build.site_dir
    geo = load_geography()
    expected: Counter[str] = Counter()
    for record in seed_front_matter():
        day = record["date"]
        names = {geo.lookup(n, day).slug for n in record.get("provinces", [])}  # type: ignore[union-attr]
        if record.get("location") and geo.lookup(record["location"], day):
            names.add(geo.lookup(record["location"], day).slug)  # type: ignore[union-attr]
        expected.update(names)
    article = content(page(site, "dia-phuong"))
    tabs = article.xpath('.//div[contains(@class, "tabbed-block")]')
    labels = [text_of(lbl) for lbl in article.xpath('.//div[contains(@class, "tabbed-labels")]/label')]
    assert labels == ["Từ 1/7/2025 (34)", "Trước 1/7/2025 (63)"]  # as on a region's page; short enough for a phone
    new_map, old_map = tabs
    assert len(new_map.xpath(".//tbody/tr")) == 34
    # A unit the 2025 map left as it was: its meetings beside "không sắp xếp"; no column of
    # meetings since 1/7/2025 (every seed record is older).
    unchanged = 0
    for tr in new_map.xpath(".//tbody/tr"):
        cells = [text_of(td) for td in tr.iter("td")]
        if cells[1].startswith("không sắp xếp"):
            a = tr.find(".//a")
            count = expected.get(a.get("href").strip("/").split("/")[-1], 0) if a is not None else 0
            unchanged += bool(count)
            assert cells[1:] == [f"không sắp xếp ({count})" if count else "không sắp xếp"], cells
    assert unchanged >= 2  # Hà Nội, Quảng Ninh
    shown: dict[str, int] = {}
    for li in old_map.iter("li"):
        a = li.find("a")
        match = re.search(r"(\d+) hội nghị", text_of(li))
        if a is not None and match:
            shown[a.get("href").strip("/").split("/")[-1]] = int(match.group(1))
    assert shown == dict(expected)
    # Every province without a record is named once, as text, and has no page.
    without = " ".join(text_of(p) for p in old_map.iter("p") if text_of(p).startswith("Chưa có bản ghi"))
    for place in geo.on(dt_before()):
        if place.slug not in expected:
            assert place.name in without
            assert not (site / "dia-phuong" / place.slug).exists()


def dt_before():  # noqa: ANN201 - a date
    import datetime as dt

    return dt.date(2025, 6, 30)


def test_no_link_anywhere_leads_to_a_missing_place_page(seed_build: BuildResult) -> None:
    site = seed_build.site_dir
    for html in site.rglob("*.html"):
        doc = lxml.html.fromstring(html.read_text(encoding="utf-8"))
        base = html.relative_to(site).as_posix()
        for a in doc.iter("a"):
            href = a.get("href") or ""
            if "dia-phuong/" not in href or href.startswith(("http", "#", "/")):
                continue
            target = urljoin(base, href.split("#")[0])
            assert (site / target / "index.html").exists() or (site / target).is_file(), (base, href)


def test_every_place_page_has_something_of_its_own(seed_build: BuildResult) -> None:
    pages = list((seed_build.site_dir / "dia-phuong").glob("*/index.html"))
    assert 20 <= len(pages) < 69  # 69 places (63 provinces and 6 regions) had a page each before
    own = {"Hội nghị", "Hội nghị của vùng", "Văn bản của địa phương", "Cơ quan"}
    for html in pages:
        article = content(page(html.parent.parent.parent, f"dia-phuong/{html.parent.name}"))
        headings = {text_of(h) for h in article.iter("h2")}
        assert headings & own, (html, headings)
        assert "Chưa có hội nghị nào" not in text_of(article), html


def test_region_of_the_2017_meeting_is_a_link(seed_build: BuildResult) -> None:
    article = content(page(seed_build.site_dir, "hoi-nghi/2017-12-04-giao-ban-tay-nam-bo"))
    item = next(li for li in article.iter("li") if text_of(li).startswith("Vùng:"))
    a = item.find("a")
    assert a is not None and text_of(a) == "Tây Nam bộ"
    assert a.get("href") == "../../dia-phuong/dong-bang-song-cuu-long/"
    # the site's name for the region beside the record's
    assert text_of(item) == "Vùng: Tây Nam bộ (Đồng bằng sông Cửu Long)"
    same = content(page(seed_build.site_dir, "hoi-nghi/2024-01-22-tong-ket-dan-van-ben-tre-2023"))
    assert text_of(next(li for li in same.iter("li") if text_of(li).startswith("Vùng:"))) == "Vùng: Đồng bằng sông Cửu Long"


def test_former_province_page_says_where_it_went(seed_build: BuildResult) -> None:
    article = content(page(seed_build.site_dir, "dia-phuong/ben-tre"))
    intro = text_of(article)
    assert "Tỉnh Bến Tre — đến 30/6/2025; nay thuộc tỉnh Vĩnh Long" in intro
    assert "Bến Tre, Vĩnh Long (đến 30/6/2025) và Trà Vinh hợp thành tỉnh Vĩnh Long" in intro


def test_body_pages_show_predecessors_and_successors(seed_build: BuildResult) -> None:
    site = seed_build.site_dir
    old = content(page(site, "co-quan/ban-dan-van-trung-uong"))
    successor = [li for li in old.iter("li") if text_of(li).startswith("Kế tục:")]
    assert successor and links(successor) == {
        "Ban Tuyên giáo và Dân vận Trung ương": "../ban-tuyen-giao-va-dan-van-trung-uong/"}
    assert "(từ 3/2/2025)" in text_of(successor[0])
    new = content(page(site, "co-quan/ban-tuyen-giao-va-dan-van-trung-uong"))
    before = [li for li in new.iter("li") if text_of(li).startswith("Tiền thân:")]
    assert set(links(before)) == {"Ban Dân vận Trung ương", "Ban Tuyên giáo Trung ương"}
    # People of the former body, with the position as it was then.
    rows = [text_of(li) for li in section(new, "Đại biểu của cơ quan tiền thân") for li in li.iter("li")]
    assert any("Trương Thị Mai" in r and "Trưởng Ban Dân vận Trung ương" in r for r in rows), rows
    # A chain of two successions: Bến Tre's board → the merged board → Vĩnh Long's.
    middle = content(page(site, "co-quan/ban-tuyen-giao-va-dan-van-tinh-uy-ben-tre"))
    assert "Ban Dân vận Tỉnh ủy Bến Tre" in links([li for li in middle.iter("li")
                                                  if text_of(li).startswith("Tiền thân:")])
    assert "Ban Tuyên giáo và Dân vận Tỉnh ủy Vĩnh Long" in links([li for li in middle.iter("li")
                                                                 if text_of(li).startswith("Kế tục:")])
    # The end of the chain shows the delegates of the body two steps back (the middle one,
    # February to June 2025, had none at a meeting).
    last = content(page(site, "co-quan/ban-tuyen-giao-va-dan-van-tinh-uy-vinh-long"))
    former = section(last, "Đại biểu của cơ quan tiền thân")
    assert [text_of(h) for h in former if h.tag == "h3"] == ["Ban Dân vận Tỉnh ủy Bến Tre (đến năm 2025)"]
    assert "Tiền thân của Ban Tuyên giáo và Dân vận Tỉnh ủy Bến Tre." in [text_of(p) for p in former]
    rows = [text_of(li) for part in former for li in part.iter("li")]
    assert any("Bùi Văn Bia" in r and "Trưởng Ban Dân vận Tỉnh ủy" in r for r in rows), rows


# ---------------------------------------------------------------- a 2026 record

RECORD_2026 = """---
id: 2026-03-05-giao-ban-lao-cai
title: Hội nghị giao ban công tác dân vận tỉnh Lào Cai quý I năm 2026
date: 2026-03-05
organizer: Ban Tuyên giáo và Dân vận Trung ương
location: Lào Cai
provinces: [Lào Cai]
participants:
- name: Nguyễn Văn Thử
  position: Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy
  organization: Ban Tuyên giáo và Dân vận Tỉnh ủy Lào Cai
findings:
- text: Tỉnh Lào Cai sau hợp nhất duy trì đối thoại định kỳ với nhân dân.
  province: Lào Cai
---
"""

RECORD_2026_HA_NOI = """---
id: 2026-02-10-dan-van-ha-noi
title: Giao ban công tác dân vận thành phố Hà Nội năm 2026
date: 2026-02-10
location: Hà Nội
provinces: [Hà Nội]
---
"""

RECORD_2023 = """---
id: 2023-05-10-dan-van-yen-bai
title: Sơ kết công tác dân vận tỉnh Yên Bái năm 2023
date: 2023-05-10
location: Yên Bái
provinces: [Yên Bái]
---
"""


@pytest.fixture(scope="module")
def two_maps(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    project = copy_project(tmp_path_factory.mktemp("maps") / "project", records=False)
    (project.records / "2026").mkdir()
    (project.records / "2026" / "lao-cai.md").write_text(RECORD_2026, encoding="utf-8")
    (project.records / "2026" / "ha-noi.md").write_text(RECORD_2026_HA_NOI, encoding="utf-8")
    (project.records / "2023").mkdir()
    (project.records / "2023" / "yen-bai.md").write_text(RECORD_2023, encoding="utf-8")
    return build_site(project)


def test_new_unit_page_shows_the_former_provinces_with_their_meetings(two_maps: BuildResult) -> None:
    site = two_maps.site_dir
    article = content(page(site, "dia-phuong/lao-cai-2025"))
    assert text_of(article.xpath("//h1")[0]) == "Lào Cai (từ 1/7/2025)"
    assert "Tỉnh Lào Cai từ 1/7/2025" in text_of(article)
    assert links(section(article, "Hội nghị")) == {
        "Hội nghị giao ban công tác dân vận tỉnh Lào Cai quý I năm 2026": "../../hoi-nghi/2026-03-05-giao-ban-lao-cai/"}
    former = section(article, "Trước 1/7/2025")
    headings = [text_of(h) for h in former if h.tag == "h3"]
    assert headings == ["Tỉnh Yên Bái (đến 30/6/2025)", "Tỉnh Lào Cai (đến 30/6/2025)"]
    assert "Sơ kết công tác dân vận tỉnh Yên Bái năm 2023" in links(former)
    bodies = links(section(article, "Cơ quan"))
    assert "Ban Tuyên giáo và Dân vận Tỉnh ủy Lào Cai" in bodies


def test_former_unit_page_links_to_the_new_one(two_maps: BuildResult) -> None:
    article = content(page(two_maps.site_dir, "dia-phuong/yen-bai"))
    first = text_of(article.xpath(".//p")[1])
    assert first == "Tỉnh Yên Bái — đến 30/6/2025; nay thuộc tỉnh Lào Cai"
    assert article.xpath('.//a[@href="../lao-cai-2025/"]')
    # The former Lào Cai has no record: no page, its name is text on the index.
    assert not (two_maps.site_dir / "dia-phuong" / "lao-cai").exists()


def test_the_2026_meeting_links_the_new_province(two_maps: BuildResult) -> None:
    article = content(page(two_maps.site_dir, "hoi-nghi/2026-03-05-giao-ban-lao-cai"))
    item = next(li for li in article.iter("li") if text_of(li).startswith("Địa điểm:"))
    assert links([item]) == {"Lào Cai": "../../dia-phuong/lao-cai-2025/"}
    # provinces: [Lào Cai] only repeats the place: not said twice
    assert not any(text_of(li).startswith("Tỉnh, thành phố:") for li in article.iter("li"))


def test_index_new_map_row_counts_own_and_former_meetings(two_maps: BuildResult) -> None:
    article = content(page(two_maps.site_dir, "dia-phuong"))
    new_map = article.xpath('.//div[contains(@class, "tabbed-block")]')[0]
    row = next(tr for tr in new_map.xpath(".//tbody/tr") if text_of(tr).startswith("Lào Cai"))
    cells = [text_of(td) for td in row.iter("td")]
    assert cells == ["Lào Cai", "Yên Bái (1), Lào Cai", "1"]
    # Hà Nội was left as it was: the same place before and since, its 2026 meeting counted since.
    row = next(tr for tr in new_map.xpath(".//tbody/tr") if text_of(tr).startswith("Hà Nội"))
    assert [text_of(td) for td in row.iter("td")] == ["Hà Nội (thành phố)", "không sắp xếp", "1"]


def run_check(project: Project) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator.cli", "-C", str(project.root), "check"],
                          capture_output=True, text=True, timeout=120)


def test_a_former_province_in_a_2026_record_is_an_error_naming_its_successor(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", records=False)
    (project.records / "2026").mkdir()
    (project.records / "2026" / "yb.md").write_text(
        RECORD_2026.replace("provinces: [Lào Cai]", "provinces: [Lào Cai, Yên Bái]"), encoding="utf-8")
    result = run_check(project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    line = next(l for l in result.stderr.splitlines() if "Yên Bái" in l)
    assert line.startswith("records/2026/yb.md:7: lỗi: “provinces[2]”: “Yên Bái” là tỉnh Yên Bái")
    assert "tỉnh Lào Cai" in line and "hãy ghi “Lào Cai”" in line


def test_a_replaced_body_in_a_later_record_is_named_with_its_successor(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project.records / "2026").mkdir()
    (project.records / "2026" / "old-body.md").write_text(
        RECORD_2026.replace("organizer: Ban Tuyên giáo và Dân vận Trung ương",
                            "organizer: Ban Dân vận Trung ương"), encoding="utf-8")
    result = run_check(project)
    line = next(l for l in (result.stdout + result.stderr).splitlines() if "records/2026/old-body.md" in l)
    assert line.startswith("records/2026/old-body.md:5: cảnh báo:")
    assert "Ban Tuyên giáo và Dân vận Trung ương" in line


def test_a_position_at_a_replaced_body_names_the_body_it_is_now(seed_build: BuildResult) -> None:
    article = content(page(seed_build.site_dir, "nhan-vat/bui-van-bia"))
    rows = [tr for tr in article.iter("tr") if "Trưởng Ban Dân vận Tỉnh ủy" in text_of(tr)]
    assert rows
    for row in rows:  # the position as it was, then where the body went: the end of the chain
        assert "Ban Dân vận Tỉnh ủy Bến Tre (nay là Ban Tuyên giáo và Dân vận Tỉnh ủy Vĩnh Long)" in text_of(row)
        assert links([row])["Ban Tuyên giáo và Dân vận Tỉnh ủy Vĩnh Long"].endswith(
            "co-quan/ban-tuyen-giao-va-dan-van-tinh-uy-vinh-long/")


def test_a_local_document_of_the_new_unit_is_not_the_former_units(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", records=False)
    for year, record in (("2026", RECORD_2026), ("2023", RECORD_2023.replace("Yên Bái", "Lào Cai"))):
        (project.records / year).mkdir()
        (project.records / year / "r.md").write_text(
            record.replace("---\n", "---\ndocuments: [{number: 05-NQ/TU}]\n", 1), encoding="utf-8")
    site = build_site(project).site_dir
    new = links(section(content(page(site, "dia-phuong/lao-cai-2025")), "Văn bản của địa phương"))
    old = links(section(content(page(site, "dia-phuong/lao-cai")), "Văn bản của địa phương"))
    # the two of one number: each says whose it is (two units named Lào Cai: with its era)
    assert new == {"Nghị quyết 05-NQ/TU (Lào Cai, từ 1/7/2025)": "../../van-ban/5-nq-tu-lao-cai-2025/"}
    assert old == {"Nghị quyết 05-NQ/TU (Lào Cai, đến 30/6/2025)": "../../van-ban/5-nq-tu-lao-cai/"}


RECORD_2026_VINH_LONG = """---
id: 2026-01-15-tong-ket-vinh-long
title: Tổng kết công tác dân vận năm 2025 tỉnh Vĩnh Long
date: 2026-01-15
location: Vĩnh Long
provinces: [Vĩnh Long]
documents:
- number: 306-QĐ/TU
  province: Bến Tre
- number: 40-CTr/TU
  issuer: Tỉnh ủy Kiên Giang
---
"""


def test_a_later_record_cites_a_former_provinces_document_as_it_was(tmp_path: Path) -> None:
    """A 2026 record cites documents issued before the merger by provinces since merged
    (no date given): 306-QĐ/TU of Bến Tre by its province, 40-CTr/TU of Kiên Giang by its
    issuer.  Each is the document the 2024 record and the registry know, on its one page,
    not a new one of the merged province; with a date after the merger, Bến Tre is an error."""
    project = copy_project(tmp_path / "project")
    (project.records / "2026").mkdir()
    record = project.records / "2026" / "2026-01-15-tong-ket-vinh-long.md"
    record.write_text(RECORD_2026_VINH_LONG, encoding="utf-8")
    site = build_site(project).site_dir
    cited = links(section(content(page(site, "hoi-nghi/2026-01-15-tong-ket-vinh-long")), "Văn bản liên quan"))
    assert sorted(href for href in cited.values() if "/van-ban/" in href) == [
        "../../van-ban/306-qd-tu-ben-tre/", "../../van-ban/40-ctr-tu-kien-giang/"]
    assert sorted(p.name for p in (site / "van-ban").iterdir() if p.name.startswith(("306-", "40-"))) == [
        "306-qd-tu-ben-tre", "40-ctr-tu-kien-giang"]
    record.write_text(RECORD_2026_VINH_LONG.replace("  province: Bến Tre\n", "  province: Bến Tre\n  date: 2026-01-05\n"),
                      encoding="utf-8")
    result = run_check(project)
    assert result.returncode == 1
    line = next(l for l in result.stderr.splitlines() if "“documents[1].province”" in l)
    assert "“Bến Tre” là tỉnh Bến Tre đến 30/6/2025" in line
    assert line.endswith("văn bản ban hành ngày 5/1/2026 thì hãy ghi “Vĩnh Long”; nếu văn bản ban hành trước "
                         "1/7/2025, hãy sửa “date”")
    # Its issuer alone, dated after the merger: the page would say Kiên Giang's committee
    # issued a document of An Giang.  A warning on the date's line.
    record.write_text(RECORD_2026_VINH_LONG.replace("  issuer: Tỉnh ủy Kiên Giang\n",
                                                    "  issuer: Tỉnh ủy Kiên Giang\n  date: 2025-08-10\n"),
                      encoding="utf-8")
    result = run_check(project)
    assert result.returncode == 0
    assert ("records/2026/2026-01-15-tong-ket-vinh-long.md:12: cảnh báo: “documents[2].date”: văn bản ghi ngày "
            "ban hành 10/8/2025, nhưng cơ quan ban hành “Tỉnh ủy Kiên Giang” là của tỉnh Kiên Giang, chỉ có đến "
            "30/6/2025; hãy xem lại “date” hoặc “issuer”") in result.stdout + result.stderr


RECORD_2026_TEXT = """---
id: 2026-02-02-so-ket-tuyen-quang
title: Sơ kết công tác dân vận tỉnh Tuyên Quang năm 2025
date: 2026-02-02
location: Tuyên Quang
provinces: [Tuyên Quang]
documents:
- number: 09-NQ/TU
  province: Hà Giang
  date: 2021-11-10
- number: 09-NQ/TU
  province: Tuyên Quang
  date: 2021-06-15
- number: 85-CT/TU
  province: Tuyên Quang cũ
findings:
- text: Tiếp tục thực hiện Kế hoạch 45-KH/TU của Ban Thường vụ Tỉnh ủy Hà Giang về dân vận chính quyền.
- text: Trên địa bàn tỉnh Tuyên Quang trước đây, tổng kết Nghị quyết 09-NQ/TU về nông thôn mới.
  province: Tuyên Quang
- text: Kế hoạch 131-KH/TU của Ban Thường vụ Tỉnh ủy Hà Giang nhằm tuyên truyền sâu rộng trong cán bộ đảng viên và Nhân dân trên địa bàn các xã được thực hiện đầy đủ.
- text: Nghị quyết 75-NQ/TU ngày 5/5/2022 của Ban Thường vụ Tỉnh ủy Hà Giang và Hướng dẫn 74-HD/TU (Tỉnh ủy Hà Giang) đã được sơ kết.
- text: Các Nghị quyết 77, 78-NQ/TU của Tỉnh ủy Hà Giang và Chỉ thị 83-CT/TU của Tỉnh ủy Tuyên Quang (cũ) tiếp tục có hiệu lực.
- text: Tổng kết Nghị quyết 09-NQ/TU trong toàn tỉnh.
---
"""


def test_a_later_records_text_names_a_former_provinces_document(tmp_path: Path) -> None:
    """In a 2026 record's text, a number followed by its issuer ("45-KH/TU của Ban Thường vụ
    Tỉnh ủy Hà Giang", after its date, in brackets, ending a list "77, 78-NQ/TU của …", in
    a long sentence) is that province's document as it was before the merger, not one of
    the Tuyên Quang it joined; "Tuyên Quang (cũ)" and "province: Tuyên Quang cũ" mean the
    former unit of that name.  Of two 09-NQ/TU the record lists, a passage about Tuyên
    Quang means the one of that name, and a passage that says nothing is a warning.  The
    list of documents tells the two units of one name apart."""
    project = copy_project(tmp_path / "project", records=False)
    (project.records / "2026").mkdir()
    (project.records / "2026" / "2026-02-02-so-ket-tuyen-quang.md").write_text(RECORD_2026_TEXT, encoding="utf-8")
    site = build_site(project).site_dir
    article = content(page(site, "hoi-nghi/2026-02-02-so-ket-tuyen-quang"))
    findings = [el for el in section(article, "Kết quả")]
    linked = [(text_of(a), a.get("href").split("/")[-2]) for el in findings for a in el.iter("a")
              if "/van-ban/" in (a.get("href") or "")]
    assert linked == [
        ("45-KH/TU", "45-kh-tu-ha-giang"), ("09-NQ/TU", "9-nq-tu-tuyen-quang"),
        ("131-KH/TU", "131-kh-tu-ha-giang"), ("75-NQ/TU", "75-nq-tu-ha-giang"), ("74-HD/TU", "74-hd-tu-ha-giang"),
        ("77", "77-nq-tu-ha-giang"), ("78-NQ/TU", "78-nq-tu-ha-giang"), ("83-CT/TU", "83-ct-tu-tuyen-quang"),
        ("09-NQ/TU", "9-nq-tu-tuyen-quang")]
    assert not any(p.name.endswith("-2025") for p in (site / "van-ban").iterdir())
    assert (site / "van-ban" / "85-ct-tu-tuyen-quang").is_dir()
    rows = [text_of(tr) for tr in content(page(site, "van-ban")).iter("tr")]
    assert any(r.startswith("09-NQ/TU (Tuyên Quang, đến 30/6/2025)") for r in rows), rows
    # two documents of one number: each page's title says whose it is
    titles = [text_of(content(page(site, f"van-ban/{name}")).find(".//h1")).removesuffix("¶").strip()
              for name in ("9-nq-tu-ha-giang", "9-nq-tu-tuyen-quang")]
    assert titles == ["Nghị quyết 09-NQ/TU (Hà Giang)", "Nghị quyết 09-NQ/TU (Tuyên Quang, đến 30/6/2025)"]
    result = run_check(project)
    warned = [l for l in (result.stdout + result.stderr).splitlines() if "bản ghi liệt kê 2 văn bản số này" in l]
    assert warned == [
        "records/2026/2026-02-02-so-ket-tuyen-quang.md:23: cảnh báo: “09-NQ/TU”: bản ghi liệt kê 2 văn bản số này "
        "(Hà Giang, đến 30/6/2025; Tuyên Quang, đến 30/6/2025); câu này không nói của tỉnh nào nên được hiểu "
        "là của Tuyên Quang, đến 30/6/2025; nếu không phải, hãy ghi cơ quan ban hành ngay sau số hiệu, như “09-NQ/TU của Tỉnh ủy Hà Giang”",
    ], result.stdout


def test_region_page_reads_by_either_map(seed_build: BuildResult) -> None:
    article = content(page(seed_build.site_dir, "dia-phuong/dong-bang-song-cuu-long"))
    labels = [text_of(lbl) for lbl in article.xpath('.//div[contains(@class, "tabbed-labels")]/label')]
    assert labels == ["Từ 1/7/2025", "Trước 1/7/2025"]
    new_map, old_map = article.xpath('.//div[contains(@class, "tabbed-block")]')
    new_items = [text_of(li) for li in new_map.iter("li")]
    assert len(new_items) == 6  # An Giang, Cà Mau, Cần Thơ, Đồng Tháp, Tây Ninh (part), Vĩnh Long
    assert "Tỉnh Tây Ninh (một phần: lãnh thổ cũ của Long An)" in new_items
    assert len(list(old_map.iter("li"))) == 13


def test_a_succession_loop_is_an_error_on_its_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", records=False)
    (project.records / "_registry").mkdir()
    (project.records / "_registry" / "organizations.yml").write_text(
        "- name: Ban A\n  successor: {name: Ban B, from: 2025}\n"
        "- name: Ban B\n  successor: {name: Ban A, from: 2026-01-01}\n", encoding="utf-8")
    result = run_check(project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "records/_registry/organizations.yml:4: lỗi:" in result.stderr
    assert "“Ban B” không thể là cơ quan kế tục của chính nó" in result.stderr


def test_incremental_run_links_a_province_that_gains_its_page(project: Project) -> None:
    from test_incremental import snapshot

    from generator.pipeline import generate

    generate(project, incremental=True)
    assert not (project.docs / "dia-phuong" / "tra-vinh.md").exists()
    new = project.records / "2025" / "2025-03-20-tra-vinh.md"
    new.parent.mkdir()
    new.write_text("---\ntitle: Giao ban quý I\ndate: 2025-03-20\nprovinces: [Trà Vinh]\n---\n", encoding="utf-8")
    generate(project, incremental=True)
    assert (project.docs / "dia-phuong" / "tra-vinh.md").exists()
    assert "(../dia-phuong/tra-vinh.md)" in (project.docs / "dia-phuong" / "vinh-long-2025.md").read_text(
        encoding="utf-8")
    incremental = snapshot(project.docs)
    generate(project)
    assert snapshot(project.docs) == incremental
