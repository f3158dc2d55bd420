"""Golden tests: the seed records build into the site a reader expects.

The generated Markdown of the seed site is compared with tests/golden/.  After an
intended change, refresh it with ``BIENBAN_UPDATE_GOLDEN=1 pytest tests/test_site.py``
and review the diff like any other change.
"""

from __future__ import annotations

import os
import re
import shutil
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

from generator.pipeline import BuildResult
from generator.publish.write import GENERATED_ROOTS, STATE_DIR

GOLDEN = Path(__file__).parent / "golden"


def _generated_markdown(docs: Path) -> dict[str, str]:
    out = {}
    for path in sorted(docs.rglob("*.md")):
        rel = path.relative_to(docs).as_posix()
        if rel.split("/")[0] in {*GENERATED_ROOTS, STATE_DIR}:
            out[rel] = path.read_text(encoding="utf-8")
    return out


def test_generated_pages_match_golden(seed_build: BuildResult) -> None:
    docs = seed_build.site_dir.parent / "docs"
    actual = _generated_markdown(docs)
    if os.environ.get("BIENBAN_UPDATE_GOLDEN"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for rel, text in actual.items():
            (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / rel).write_text(text, encoding="utf-8")
    expected = {p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8") for p in GOLDEN.rglob("*.md")}
    assert sorted(actual) == sorted(expected), "the set of generated pages changed"
    for rel in expected:
        assert actual[rel] == expected[rel], f"{rel} differs from tests/golden/{rel}"


def test_strict_build_has_no_warnings(seed_build: BuildResult) -> None:
    assert seed_build.warnings == []
    assert seed_build.generate.report.problems == []


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def h1(html: str) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert match, "page has no <h1>"
    return _text(re.sub(r'<a class="headerlink".*?</a>', "", match.group(1)))


def read(seed_build: BuildResult, url: str) -> str:
    return (seed_build.site_dir / url / "index.html").read_text(encoding="utf-8")


def test_every_entity_class_has_pages_and_indexes(seed_build: BuildResult) -> None:
    for section in ["hoi-nghi", "van-ban", "nhan-vat", "co-quan", "dia-phuong", "chu-de", "nam"]:
        pages = [p for p in (seed_build.site_dir / section).iterdir() if p.is_dir()]
        assert pages, section
        assert (seed_build.site_dir / section / "index.html").exists()


def test_document_page_lists_mentions_with_sentence(seed_build: BuildResult) -> None:
    html = read(seed_build, "van-ban/217-qd-tw")
    assert h1(html) == "Quyết định 217-QĐ/TW"
    text = _text(html)
    assert "12/7/2018" in text
    assert "Việc thực hiện Quyết định số 217-QĐ/TW, Quyết định số 218-QĐ/TW của Bộ Chính trị (khóa XI) chưa đáp ứng yêu cầu" in text
    assert 'href="../../hoi-nghi/2018-07-12-giao-ban-dong-bang-song-hong/"' in html


def test_bare_alias_links_only_through_registry(seed_build: BuildResult) -> None:
    # Seed 002 writes "Quyết định số 218"; the registry lists it as an alias of 218-QĐ/TW.
    html = read(seed_build, "van-ban/218-qd-tw")
    assert "2024-01-22-tong-ket-dan-van-ben-tre-2023" in html
    meeting = read(seed_build, "hoi-nghi/2024-01-22-tong-ket-dan-van-ben-tre-2023")
    assert re.search(r'<a href="../../van-ban/218-qd-tw/"[^>]*>Quyết định số 218</a>', meeting)
    # "Nghị quyết 25" in 2024 is the 2013 resolution on mass mobilisation, not the 2003 one.
    assert re.search(r'<a href="../../van-ban/25-nq-tw-2013/"[^>]*>Nghị quyết 25</a>', meeting)


def test_local_numbers_are_told_apart_by_province(seed_build: BuildResult) -> None:
    text = _text(read(seed_build, "van-ban/17-nq-tu-quang-ninh"))
    assert "Quảng Ninh" in text
    assert (seed_build.site_dir / "van-ban/306-qd-tu-ben-tre/index.html").exists()
    assert (seed_build.site_dir / "van-ban/62-kl-tw/index.html").exists()
    assert (seed_build.site_dir / "van-ban/62-ct-tw/index.html").exists()


def test_hand_written_pages_keep_their_titles_in_menus(seed_build: BuildResult) -> None:
    html = read(seed_build, "huong-dan/loi-thuong-gap")
    assert "<title>Xử lý lỗi - " in html
    assert not re.search(r">\s*None\s*<", html), "a page of the menu has no title"
    home = read(seed_build, "")
    assert not re.search(r">\s*None\s*<", home), "a page of the menu has no title"


def test_person_page_lists_meeting_and_position(seed_build: BuildResult) -> None:
    html = read(seed_build, "nhan-vat/truong-thi-mai")
    text = _text(html)
    assert h1(html) == "Trương Thị Mai"
    assert "Trưởng Ban Dân vận Trung ương" in text
    assert "2018-07-12-giao-ban-dong-bang-song-hong" in html
    assert "chủ trì" in text


def test_people_index_in_vietnamese_order(seed_build: BuildResult) -> None:
    text = _text(read(seed_build, "nhan-vat"))
    order = [text.index(n) for n in ["Hà Ngọc Anh", "Bùi Văn Bia", "Nguyễn Văn Đọc", "Trương Thị Mai"]]
    assert order == sorted(order)


def test_meetings_index_newest_first(seed_build: BuildResult) -> None:
    text = _text(read(seed_build, "hoi-nghi"))
    assert text.index("22/1/2024") < text.index("15/7/2022") < text.index("12/7/2018") < text.index("4/12/2017")


def test_meeting_page_carries_its_record_path(seed_build: BuildResult) -> None:
    md = (seed_build.site_dir.parent / "docs/hoi-nghi/2018-07-12-giao-ban-dong-bang-song-hong.md").read_text("utf-8")
    assert "record: records/2018/2018-07-12-giao-ban-dong-bang-song-hong.md" in md


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.urls.append(value)


def test_every_internal_link_resolves_and_nothing_leaves_the_host(seed_build: BuildResult) -> None:
    site = seed_build.site_dir
    broken, external = [], []
    for page in site.rglob("*.html"):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for url in parser.urls:
            parts = urlsplit(url)
            if parts.scheme in ("http", "https") or url.startswith("//"):
                # Outbound links a reader may click (sources) are fine; resources are not.
                external.append((page, url))
                continue
            if parts.scheme or url.startswith("#"):
                assert parts.scheme != "javascript", (page, url)
                continue
            base = site if parts.path.startswith("/") else page.parent  # 404.html uses /assets/…
            target = (base / urldefrag(parts.path).url.lstrip("/")).resolve()
            if parts.path.endswith("/") or target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append((page.relative_to(site), url))
    assert broken == []
    # no stylesheet, script, font or image from another host
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r'<(?:link|script|img)[^>]+(?:href|src)="(?:https?:)?//', html), page
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
