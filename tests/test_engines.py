"""The site builds the same with MkDocs and with ProperDocs, its maintained fork.

Each engine runs in its own process (the choice holds for a process's life), on a
copy of the seed project, through the ``bienban`` command as a site owner would.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest
from conftest import copy_project

from generator.publish.engine import NAMES

pytestmark = pytest.mark.slow


def build_with(engine: str, tmp: Path) -> Path:
    project = copy_project(tmp / engine)
    env = {**os.environ, "BIENBAN_ENGINE": engine}
    run = subprocess.run([sys.executable, "-m", "generator.cli", "-C", str(project.root), "build"],
                         env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    # the build log is ours alone: no notice from Material or the fork about MkDocs 2
    assert "MkDocs 2" not in run.stderr and "end of life" not in run.stderr, run.stderr
    # the summary names the builder that ran (so this test cannot pass with MkDocs twice)
    assert f"{NAMES[engine]} " in run.stdout.splitlines()[-1], run.stdout
    return project.site


def visible(page: Path) -> tuple[str, str]:
    """A page's title and the text a reader sees in it."""
    doc = lxml.html.parse(str(page)).getroot()
    main = doc.cssselect("article") or [doc.body]
    return doc.findtext(".//title") or "", " ".join(main[0].text_content().split())


def test_mkdocs_and_properdocs_build_the_same_pages(tmp_path: Path) -> None:
    sites = {engine: build_with(engine, tmp_path) for engine in ("mkdocs", "properdocs")}
    pages = {engine: sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
             for engine, site in sites.items()}
    assert pages["mkdocs"] == pages["properdocs"]
    assert len(pages["mkdocs"]) > 100
    for rel in pages["mkdocs"]:
        assert visible(sites["mkdocs"] / rel) == visible(sites["properdocs"] / rel), rel


def test_an_unknown_engine_is_named_in_vietnamese(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    run = subprocess.run([sys.executable, "-m", "generator.cli", "-C", str(project.root), "build"],
                         env={**os.environ, "BIENBAN_ENGINE": "zensical"}, capture_output=True, text=True, timeout=300)
    assert run.returncode == 1
    assert "không biết công cụ dựng trang “zensical”" in run.stderr
    assert "Traceback" not in run.stderr
