"""`bienban serve`, end to end: the preview an editor keeps open while editing.

Serves a copy of the seed project on a free port, then edits a record as an
editor does and reads the page back over HTTP until it shows the edit; a broken
save is reported as path:line: and the page stays as it was.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import pytest
from browsing import free_port
from conftest import copy_project

MEETING = "2018-07-12-giao-ban-dong-bang-song-hong"
RECORD = Path("records/2018") / f"{MEETING}.md"


@dataclass
class Server:
    root: Path
    url: str
    log: IO[str]

    def page(self, path: str) -> str | None:
        try:
            with urllib.request.urlopen(self.url + path, timeout=5) as response:
                return str(response.read().decode("utf-8"))
        except OSError:
            return None

    def wait_for(self, path: str, text: str, seconds: float = 60) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if text in (self.page(path) or ""):
                return True
            time.sleep(0.1)
        return False

    def output(self) -> str:
        self.log.seek(0)
        return self.log.read()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    project = copy_project(tmp_path / "project")
    port = free_port()
    with tempfile.TemporaryFile("w+", encoding="utf-8") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "generator.cli", "-C", str(project.root), "serve", "--addr", f"127.0.0.1:{port}"],
            stdout=log, stderr=subprocess.STDOUT, cwd=tmp_path,
        )
        served = Server(project.root, f"http://127.0.0.1:{port}/", log)
        try:
            deadline = time.monotonic() + 120
            while served.page("") is None:
                assert process.poll() is None, f"serve stopped:\n{served.output()}"
                assert time.monotonic() < deadline, f"serve did not start:\n{served.output()}"
                time.sleep(0.2)
            time.sleep(1)  # the watchers are up once the first page is served; let them settle
            yield served
        finally:
            process.terminate()
            process.wait(timeout=30)


def test_an_edit_shows_on_the_served_page(server: Server) -> None:
    record = server.root / RECORD
    text = record.read_text(encoding="utf-8")
    assert "Quolvexa" not in (server.page(f"hoi-nghi/{MEETING}/") or "")
    record.write_text(text.replace("chưa đáp ứng yêu cầu.", "chưa đáp ứng yêu cầu Quolvexa.", 1), encoding="utf-8")
    assert server.wait_for(f"hoi-nghi/{MEETING}/", "Quolvexa"), server.output()
    # The document the sentence cites shows the new sentence as well.
    assert server.wait_for("van-ban/217-qd-tw/", "Quolvexa"), server.output()


def test_a_broken_save_is_reported_and_the_page_kept(server: Server) -> None:
    record = server.root / RECORD
    before = article(server.page(f"hoi-nghi/{MEETING}/"))
    assert "Giao ban" in before
    record.write_text(record.read_text(encoding="utf-8").replace("date: 2018-07-12", "date: 32/13/2018", 1),
                      encoding="utf-8")
    deadline = time.monotonic() + 60
    while f"{RECORD.as_posix()}:" not in server.output():
        assert time.monotonic() < deadline, server.output()
        time.sleep(0.1)
    assert "“date” ngày “32/13/2018” không có thật" in server.output()
    assert "Traceback" not in server.output()
    time.sleep(1)
    assert article(server.page(f"hoi-nghi/{MEETING}/")) == before


def article(html: str | None) -> str:
    """The page's content (the live-reload script around it changes with every build)."""
    assert html is not None
    return html[html.index("<article"):html.index("</article>")]


def test_a_new_meeting_shows_on_the_home_page_and_hand_written_pages_follow(server: Server) -> None:
    (server.root / "records" / "2025").mkdir()
    (server.root / "records" / "2025" / "2025-03-20-giao-ban-quy-i.md").write_text(
        "---\ntitle: Giao ban Xarnovil quý I năm 2025\ndate: 2025-03-20\nkind: Giao ban\n---\n", encoding="utf-8")
    assert server.wait_for("hoi-nghi/2025-03-20-giao-ban-quy-i/", "Xarnovil"), server.output()
    # The home page is hand-written around the generated list of latest meetings.
    assert server.wait_for("", "Giao ban Xarnovil quý I năm 2025"), server.output()
    # Removed again: its page goes, and the home page forgets it.
    (server.root / "records" / "2025" / "2025-03-20-giao-ban-quy-i.md").unlink()
    deadline = time.monotonic() + 60
    while server.page("hoi-nghi/2025-03-20-giao-ban-quy-i/") is not None:
        assert time.monotonic() < deadline, server.output()
        time.sleep(0.1)
    assert "Xarnovil" not in (server.page("") or "Xarnovil"), server.output()
    about = server.root / "docs" / "gioi-thieu.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nTrang Plumbrite.\n", encoding="utf-8")
    assert server.wait_for("gioi-thieu/", "Plumbrite"), server.output()


def test_the_preview_settles_once_it_is_up_to_date(server: Server) -> None:
    """Each build reads files the server watches; reading must not start another
    build (the open page would reload for ever)."""
    record = server.root / RECORD
    record.write_text(record.read_text(encoding="utf-8").replace("chưa đáp ứng yêu cầu.", "chưa đáp ứng Quenfry.", 1),
                      encoding="utf-8")
    assert server.wait_for(f"hoi-nghi/{MEETING}/", "Quenfry"), server.output()
    time.sleep(2)
    # The live-reload script carries the version of the site the page belongs to.
    first = re.search(r"livereload\((\d+),", server.page("") or "")
    time.sleep(3)
    second = re.search(r"livereload\((\d+),", server.page("") or "")
    assert first and second and first.group(1) == second.group(1), server.output()
    assert server.output().count("Đã cập nhật") == 1, server.output()
    assert "Traceback" not in server.output()


def test_a_change_to_the_site_name_reaches_every_page(server: Server) -> None:
    config = server.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "site_name: Biên bản hội nghị công tác dân vận", "site_name: Biên bản Zorvath", 1), encoding="utf-8")
    assert server.wait_for("", "Biên bản Zorvath"), server.output()
    assert server.wait_for(f"hoi-nghi/{MEETING}/", "Biên bản Zorvath"), server.output()


def test_a_broken_save_shows_a_banner_in_the_browser_until_fixed(server: Server, browser: Any,
                                                                 tmp_path: Path) -> None:
    """The editor watches the browser, not the terminal: the open page reloads and says
    what is wrong (file, line, field, in Vietnamese), keeps the last good content, and
    the banner goes once the record is fixed."""
    page = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        page.goto(server.url + f"hoi-nghi/{MEETING}/")
        # The words of the page, not their layout: tables turn into cards on a phone
        # once the stylesheet has loaded, which may be after the banner appears.
        def words() -> str:
            return " ".join((page.text_content("article") or "").split())

        before = words()
        assert page.query_selector("#bienban-loi") is None
        record = server.root / RECORD
        good = record.read_text(encoding="utf-8")
        record.write_text(good.replace("date: 2018-07-12", "date: 32/13/2018", 1), encoding="utf-8")
        banner = page.wait_for_selector("#bienban-loi", timeout=90_000)
        assert banner is not None
        page.wait_for_load_state("load")  # the banner comes first: the reloaded page may still be arriving
        text = banner.inner_text()
        line = good.split("\n").index("date: 2018-07-12") + 1
        assert "Lần lưu vừa rồi có 1 lỗi: trang đang xem là bản trước lần lưu đó." in text
        assert f"{RECORD.as_posix()}:{line}: lỗi: “date” ngày “32/13/2018” không có thật" in text
        assert page.get_attribute("#bienban-loi", "role") == "alert"
        assert words() == before  # the last good page stays
        # Readable on a phone: inside the screen, text at least 16 px.
        box = banner.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
        assert page.evaluate("getComputedStyle(document.getElementById('bienban-loi')).fontSize") == "16px"
        page.screenshot(path=str(tmp_path / "banner-390.png"))
        if os.environ.get("BIENBAN_SCREENSHOTS"):
            page.screenshot(path=os.path.join(os.environ["BIENBAN_SCREENSHOTS"], "banner-390.png"))
        page.set_viewport_size({"width": 1366, "height": 768})
        page.screenshot(path=str(tmp_path / "banner-1366.png"))
        if os.environ.get("BIENBAN_SCREENSHOTS"):
            page.screenshot(path=os.path.join(os.environ["BIENBAN_SCREENSHOTS"], "banner-1366.png"))
        # Other pages say it too (the editor may be looking at any of them).
        other = browser.new_page()
        other.goto(server.url)
        assert other.query_selector("#bienban-loi") is not None
        other.close()
        record.write_text(good, encoding="utf-8")
        page.wait_for_selector("#bienban-loi", state="detached", timeout=90_000)
        page.wait_for_load_state("load")
        assert words() == before
    finally:
        page.close()


def test_the_banner_escapes_what_the_record_wrote() -> None:
    from generator.serve import error_banner

    banner = error_banner(["records/x.md:3: lỗi: “title” <script>alert(1)</script>"])
    assert "<script>" not in banner and "&lt;script&gt;" in banner
