"""`bienban serve`, end to end: the preview an editor keeps open while editing.

Serves a copy of the seed project on a free port, then edits a record as an
editor does and reads the page back over HTTP until it shows the edit; a broken
save is reported as path:line: and the page stays as it was.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

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
