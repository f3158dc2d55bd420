"""bienban's own MkDocs runs (mkdocs_plugin.py): each page's HTML waits on disk between
MkDocs' two passes, and a full build renders half of the generated pages in a forked
copy of the run.  Neither may change what the site shows or what a strict build refuses."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import pytest
from lxml import html

from generator import parallel
from generator.pipeline import generate
from generator.problems import SiteBuildError
from generator.project import Project
from generator.publish.mkdocs_run import run_mkdocs


def _pages(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture
def generated(project: Project) -> Project:
    generate(project)
    return project


def test_split_build_writes_the_same_site_as_one_process(generated: Project, tmp_path: Path) -> None:
    run_mkdocs(generated, tmp_path / "two")
    with mock.patch.object(parallel, "workers", return_value=1):
        run_mkdocs(generated, tmp_path / "one")
    two, one = _pages(tmp_path / "two"), _pages(tmp_path / "one")
    assert sorted(two) == sorted(one)
    assert [path for path in one if one[path] != two[path]] == []
    # What a reader sees on a page rendered by either process: its title and the menu.
    person = next(path for path in two if path.startswith("nhan-vat/") and path.endswith("/index.html")
                  and path != "nhan-vat/index.html")
    tree = html.fromstring(two[person])
    menu = [a.text_content().strip() for a in tree.cssselect("nav.md-nav--primary a.md-nav__link")]
    assert "Dòng thời gian" in menu and "None" not in menu
    assert tree.cssselect("article h1")


def test_strict_build_refuses_a_broken_link_on_any_generated_page(generated: Project, tmp_path: Path) -> None:
    # Several broken pages in a row: whichever process renders each, every one is named.
    broken = [f"nam/zz-hong-{i}.md" for i in range(4)]
    for i, rel in enumerate(broken):
        (generated.docs / rel).write_text(
            f"---\nsearch:\n  exclude: true\n---\n\n# Hỏng {i}\n\n[đâu]({Path(broken[(i + 1) % 4]).name}#khong-co)\n"
            f"[mất](khong-co-{i}.md)\n", encoding="utf-8")
    with pytest.raises(SiteBuildError) as failure:
        run_mkdocs(generated, tmp_path / "site")
    text = "\n".join(failure.value.messages)
    for i, rel in enumerate(broken):
        assert f"khong-co-{i}.md" in text, text
        assert f"'{rel}'" in text and "#khong-co" in text
