"""Hostile text end to end, and an unlucky editor loses nothing.

A record carrying script tags, event handlers, ``javascript:`` links, Jinja
syntax and Markdown link syntax in every kind of field is built into a real
site; the HTML is read back with the standard library's parser, so the checks
are about elements, attributes and text content, not about how bytes look.
Then: a failed build leaves ``site/`` byte for byte as it was and never touches
the hand-written pages; the writer stays inside its folders and removes only
what it wrote itself.
"""

from __future__ import annotations

import contextlib
import hashlib
import html.parser
import os
import re
import select
import shutil
import signal
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from browsing import serve
from click.testing import CliRunner
from conftest import copy_project

from generator import parallel, pipeline
from generator.cli import cli
from generator.pipeline import ENTRIES_FILE, build_site, generate
from generator.problems import Report
from generator.project import Project
from generator.publish import write as writer
from generator.publish.write import GENERATED_ROOTS, MANIFEST, STATE_DIR, UnsafeOutput, write_files
from generator.search.index import SearchEntry, build_search_files
from generator.search.index_process import IndexProcess, spill, unspill

MEETING_ID = "2020-01-01-thu-doc-hai"


def payload(tag: str) -> str:
    """Every trick at once, told apart by ``tag`` (short enough to be a name)."""
    return (f"<script>alert('{tag}')</script><img src=x onerror=alert('{tag}')> "
            f"{{{{ 7*7 }}}} {{% raw %}}[{tag}](javascript:alert(1))")


#: Field → the hostile text written there; each must show on the page as typed
#: (the meeting's page, or the page named in SHOWN_ON).
FIELDS: dict[str, str] = {
    name: payload(name)
    for name in (
        "title", "kind", "summary", "organizer", "location", "region", "province",
        "participant-name", "position", "participant-org", "role", "note", "bare-participant",
        "finding", "finding-province", "finding-topic", "by", "figure-label", "figure-value", "figure-unit",
        "shortcoming", "directive", "target",
        "doc-title", "doc-issuer", "doc-note", "doc-relation", "topic",
        "source-title", "publisher", "author",
    )
}

#: Fields shown on another page than the meeting's; None: not shown at all (an
#: unknown province in a finding only gets a warning), it still must not run.
SHOWN_ON: dict[str, str | None] = {"doc-issuer": "van-ban/99-nq-tw/index.html", "finding-province": None}

BODY = """\
Phần ghi chú có *nhấn mạnh*, **chữ đậm** và [một trang](https://example.org/bai-viet).

Thẻ HTML thô: <script>alert('body')</script> <img src=x onerror=alert('body-img')>
<a href="javascript:alert('body-a')">bấm</a> <iframe src="javascript:alert(1)"></iframe>

Liên kết xấu: [bấm vào](javascript:alert('body-link')) ![ảnh](javascript:alert('body-image'))
[mục][xau] và <javascript:alert('body-auto')> và {{ 7*7 }} {% raw %}x{% endraw %}

Một đoạn văn
{: onclick="alert('attr-list')" }

[xau]: javascript:alert('body-ref')
"""

#: What the body must show as literal text.
BODY_LITERALS = [
    "<script>alert('body')</script>", "<img src=x onerror=alert('body-img')>",
    "[bấm vào](javascript:alert('body-link'))", "{{ 7*7 }} {% raw %}x{% endraw %}",
    "{: onclick=\"alert('attr-list')\" }", "[xau]: javascript:alert('body-ref')",
]


def _yaml(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def hostile_record() -> str:
    f = {k: _yaml(v) for k, v in FIELDS.items()}
    return f"""---
id: {MEETING_ID}
title: {f["title"]}
date: 2020-01-01
kind: {f["kind"]}
summary: {f["summary"]}
organizer: {f["organizer"]}
location: {f["location"]}
region: {f["region"]}
provinces: [{f["province"]}, Quảng Ninh]
participants:
  - name: {f["participant-name"]}
    position: {f["position"]}
    organization: {f["participant-org"]}
    role: {f["role"]}
    note: {f["note"]}
  - {f["bare-participant"]}
findings:
  - text: {f["finding"]}
    province: {f["finding-province"]}
    topics: [{f["finding-topic"]}]
    by: {f["by"]}
    figures:
      - {{label: {f["figure-label"]}, value: {f["figure-value"]}, unit: {f["figure-unit"]}}}
shortcomings: [{f["shortcoming"]}]
directives: [{f["directive"]}]
targets: [{f["target"]}]
documents:
  - number: 99-NQ/TW
    title: {f["doc-title"]}
    issuer: {f["doc-issuer"]}
    note: {f["doc-note"]}
    relation: {f["doc-relation"]}
topics: [{f["topic"]}]
source:
  - title: {f["source-title"]}
    url: https://example.org/a?b=c&d=(e)
    publisher: {f["publisher"]}
    author: {f["author"]}
---

{BODY}"""


# ------------------------------------------------------------ reading HTML


@dataclass
class Page:
    """What a browser would make of one HTML file."""

    path: Path
    text: str = ""
    scripts: list[tuple[dict[str, str | None], str]] = field(default_factory=list)
    attributes: list[tuple[str, str, str]] = field(default_factory=list)  # (tag, name, value)
    tags: list[tuple[str, dict[str, str | None]]] = field(default_factory=list)
    title: str = ""


class _Reader(html.parser.HTMLParser):
    def __init__(self, page: Page) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.parts: list[str] = []
        self.stack: list[str] = []
        self.script: tuple[dict[str, str | None], list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.page.tags.append((tag, attributes))
        for name, value in attrs:
            self.page.attributes.append((tag, name, value or ""))
        if tag == "script":
            self.script = (attributes, [])
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self.script is not None:
            self.page.scripts.append((self.script[0], "".join(self.script[1])))
            self.script = None
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self.script is not None:
            self.script[1].append(data)
            return
        if self.stack and self.stack[-1] == "title":
            self.page.title += data
        if not self.stack or self.stack[-1] not in ("style",):
            self.parts.append(data)


def read_page(path: Path) -> Page:
    page = Page(path)
    reader = _Reader(page)
    reader.feed(path.read_text(encoding="utf-8"))
    reader.close()
    page.text = " ".join("".join(reader.parts).split())
    page.title = " ".join(page.title.split())
    return page


def html_pages(site: Path) -> Iterator[Page]:
    for path in sorted(site.rglob("*.html")):
        yield read_page(path)


_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcset", "background"}
_BAD_SCHEMES = ("javascript:", "vbscript:", "data:", "file:")


def _summary(tag: str, attributes: dict[str, str | None]) -> bool:
    """A page summary for search engines and link previews (meta description, Open
    Graph): its ``content`` is the record's text shown as text, never run; an
    injected attribute or tag would still be caught as such."""
    kind = attributes.get("name") or attributes.get("property") or ""
    return tag == "meta" and (kind == "description" or kind.startswith(("og:", "twitter:")))


def dangerous(page: Page) -> list[str]:
    """Everything on ``page`` that could run code."""
    found: list[str] = []
    for tag, name, value in page.attributes:
        if name.startswith("on"):
            found.append(f"<{tag} {name}={value!r}>")
        plain = re.sub(r"[\x00-\x20]", "", value).lower()
        if name in _URL_ATTRIBUTES and plain.startswith(_BAD_SCHEMES):
            found.append(f"<{tag} {name}={value!r}>")
        if "alert(" in value and tag != "meta":
            found.append(f"<{tag} {name}={value!r}>")
    for tag, attributes in page.tags:
        if tag == "meta" and not _summary(tag, attributes) and any("alert(" in (v or "") for v in attributes.values()):
            found.append(f"<meta {attributes!r}>")
        if tag in ("iframe", "object", "embed", "frame", "base", "form", "meta") and not _summary(tag, attributes) and any(
            "alert" in (v or "") or "javascript" in (v or "") for v in attributes.values()
        ):
            found.append(f"<{tag}>")
        if tag == "img" and attributes.get("src") == "x":
            found.append("<img src=x>")
    for attributes, code in page.scripts:
        if "alert(" in code or "7*7" in code:
            found.append(f"<script>{code[:60]!r}")
    return found


# ------------------------------------------------------------ the hostile site


@dataclass
class Built:
    """What the tests need of a build (not the whole graph: pytest prints fixture
    values when a test fails, and the repr of a linked site is enormous)."""

    site_dir: Path
    errors: list[str]
    warnings: list[str]


@contextlib.contextmanager
def inside(project: Project) -> Iterator[None]:
    """Run with the project as working folder: mkdocs.yml's pymdownx.snippets
    ``base_path`` (docs/.bienban) is resolved against the working folder."""
    before = Path.cwd()
    os.chdir(project.root)
    try:
        yield
    finally:
        os.chdir(before)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Built:
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    (project.records / "2020").mkdir(exist_ok=True)
    (project.records / "2020" / f"{MEETING_ID}.md").write_text(hostile_record(), encoding="utf-8")
    with inside(project):
        result = build_site(project)
    report = result.generate.report
    return Built(result.site_dir, [str(p) for p in report.errors], [str(p) for p in report.warnings])


def _meeting_page(hostile: Built) -> Page:
    return read_page(hostile.site_dir / "hoi-nghi" / MEETING_ID / "index.html")


def test_record_is_accepted_and_built(hostile: Built) -> None:
    assert hostile.errors == []
    assert (hostile.site_dir / "hoi-nghi" / MEETING_ID / "index.html").is_file()


def test_no_page_of_the_site_can_run_record_code(hostile: Built) -> None:
    pages = list(html_pages(hostile.site_dir))
    assert len(pages) > 100
    problems = {str(p.path.relative_to(hostile.site_dir)): d for p in pages if (d := dangerous(p))}
    assert problems == {}


def test_every_field_shows_the_literal_text(hostile: Built) -> None:
    missing = []
    for name, value in FIELDS.items():
        where = SHOWN_ON.get(name, f"hoi-nghi/{MEETING_ID}/index.html")
        if where is not None and " ".join(value.split()) not in read_page(hostile.site_dir / where).text:
            missing.append(name)
    assert missing == []


def test_templates_are_not_evaluated(hostile: Built) -> None:
    page = _meeting_page(hostile)
    assert "49" not in page.text
    assert page.text.count("{{ 7*7 }}") >= len(FIELDS)
    assert page.text.count("{% raw %}") >= len(FIELDS)


def test_page_description_is_the_literal_text(hostile: Built) -> None:
    page = _meeting_page(hostile)
    descriptions = [a.get("content") or "" for t, a in page.tags if t == "meta" and a.get("name") == "description"]
    assert len(descriptions) == 1
    # the summary's first words, exactly as typed: escaped, not dropped or cut into tags
    assert " ".join(FIELDS["summary"].split())[:40] in descriptions[0]


def test_page_title_is_the_literal_text(hostile: Built) -> None:
    page = _meeting_page(hostile)
    assert page.title.startswith(" ".join(FIELDS["title"].split()))
    assert [t for t, _ in page.tags].count("h1") == 1


def test_entity_pages_show_their_names_literally(hostile: Built) -> None:
    pages = {str(p.path.relative_to(hostile.site_dir)): p for p in html_pages(hostile.site_dir)}
    for name in ("participant-name", "bare-participant", "by", "participant-org", "organizer", "topic",
                 "finding-topic"):
        literal = " ".join(FIELDS[name].split())
        holders = [rel for rel, page in pages.items()
                   if rel.split("/")[0] in ("nhan-vat", "co-quan", "chu-de") and page.title.startswith(literal)]
        assert len(holders) == 1, (name, holders)
    document = read_page(hostile.site_dir / "van-ban" / "99-nq-tw" / "index.html")
    assert " ".join(FIELDS["doc-title"].split()) in document.text
    assert dangerous(document) == []


def test_markdown_body_keeps_markdown_but_not_html(hostile: Built) -> None:
    page = _meeting_page(hostile)
    tags = [t for t, _ in page.tags]
    assert "em" in tags and "strong" in tags
    links = [a.get("href") for t, a in page.tags if t == "a"]
    assert "https://example.org/bai-viet" in links
    for literal in BODY_LITERALS:
        assert literal in page.text, literal
    assert not any(t in ("iframe",) for t in tags)


def test_no_link_to_a_script_anywhere(hostile: Built) -> None:
    """No href/src anywhere in the site leads to a script (the sitemap lists only pages)."""
    links = [(str(p.path), v) for p in html_pages(hostile.site_dir)
             for _, name, v in p.attributes if name in _URL_ATTRIBUTES]
    assert len(links) > 1000
    assert [link for link in links if re.sub(r"[\x00-\x20]", "", link[1]).lower().startswith(_BAD_SCHEMES)] == []
    sitemap = (hostile.site_dir / "sitemap.xml").read_text(encoding="utf-8")
    assert "javascript" not in sitemap and "alert" not in sitemap


# ------------------------------------------------------------ the body, vector by vector

#: Ways to smuggle a script through Markdown; safe_body must disarm every one.
BODY_VECTORS = [
    "[a](javascript:alert(1))", "[a]( javascript:alert(1))", "[a](\njavascript:alert(1))",
    "[a](JaVaScRiPt:alert(1))", "[a](<javascript:alert(1)>)", "[a](java\tscript:alert(1))",
    "[a](java&#115;cript:alert(1))", "[a](javascript&colon;alert(1))", "![a](javascript:alert(1))",
    "[r]: javascript:alert(1)\n\nsee [r]", "[r]:\n  javascript:alert(1)\n\nsee [r]",
    "   [r]: <javascript:alert(1)>\n\n[r]", "<javascript:alert(1)>", "[a](data:text/html,<script>)",
    "[a][r]\n\n[r]: vbscript:x", "para\n{: onclick=\"alert(1)\" }", "*x*{: onclick=alert(1)}",
    "# h {#id onclick=alert(1)}", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
    "<!-- x --><b>y</b>", "`[a](javascript:alert(1))`", "    code <b>\n    more <i>", "```\n<script>\n```",
    "[a](  \n  javascript:alert(1))", "[a](&#106;avascript:alert(1))", "[a](\x01javascript:alert(1))",
    "[a](j\x01ava\nscript:alert(1))", "\x02wzxhzdk:0\x03", "[[a](javascript:x)](https://ok)",
    "- [a](javascript:x)\n> [b](javascript:x)", "| [a](javascript:x) | b |\n|---|---|\n| [c](javascript:x) | d |",
    "!!! note \"[a](javascript:x)\"\n    [b](javascript:y)", "=== \"[t](javascript:x)\"\n    [b](javascript:y)",
    "<svg/onload=alert(1)>", "<a href='javascript:alert(1)'>x</a>", "[a](javascript:alert(1) \"t\")",
]


def _markdown(text: str) -> str:
    import markdown

    extensions = ["admonition", "attr_list", "tables", "toc", "pymdownx.details", "pymdownx.superfences",
                  "pymdownx.tabbed"]
    return markdown.markdown(text, extensions=extensions)


@pytest.mark.parametrize("vector", BODY_VECTORS)
def test_body_vector_is_disarmed(vector: str, tmp_path: Path) -> None:
    from generator.pages.markdown import safe_body

    path = tmp_path / "page.html"
    path.write_text(_markdown(safe_body(vector)), encoding="utf-8")
    page = read_page(path)
    assert dangerous(page) == [], path.read_text(encoding="utf-8")
    assert not {t for t, _ in page.tags} & {"script", "img", "iframe", "svg", "b", "i"}


def test_body_keeps_markdown() -> None:
    from generator.pages.markdown import safe_body

    out = _markdown(safe_body("*a* **b** [c](https://example.org/x) `<d>`\n\n    <e>\n    <f>\n\n- g"))
    for piece in ("<em>a</em>", "<strong>b</strong>", '<a href="https://example.org/x">c</a>',
                  "<code>&lt;d&gt;</code>", "&lt;e&gt;\n&lt;f&gt;", "<li>g</li>"):
        assert piece in out


def test_protected_spans_cover_code_and_links() -> None:
    """Where a document number in a body must not become a link (render.Linker.body)."""
    from generator.pages.markdown import protected_spans

    text = ("Trong mã: `217-QĐ/TW` và [xem 218-QĐ/TW](https://example.org) và 219-QĐ/TW.\n\n"
            "```\n62-KL/TW\n```\n\n    17-NQ/TU\n\n[r]: https://x 5-CT/TW\nhết 05-CT/TW <https://x/1-CT/TW>")
    covered = [text[a:b] for a, b in protected_spans(text)]
    for number in ("217-QĐ/TW", "218-QĐ/TW", "62-KL/TW", "17-NQ/TU", "5-CT/TW", "1-CT/TW"):
        assert any(number in piece for piece in covered), number
    for number in ("219-QĐ/TW", "05-CT/TW"):
        start = text.index(number)
        assert not any(a <= start < b for a, b in protected_spans(text)), number


# ------------------------------------------------------------ nothing lost


def tree_hash(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*")) if p.is_file()
    }


def hand_written(project: Project) -> dict[str, str]:
    skip = set(GENERATED_ROOTS) | {writer.STATE_DIR}
    return {rel: h for rel, h in tree_hash(project.docs).items() if rel.split("/")[0] not in skip}


def run(project: Project, *args: str) -> tuple[int, str]:
    with inside(project):
        result = CliRunner().invoke(cli, ["-C", str(project.root), *args], catch_exceptions=False)
    return result.exit_code, result.output


def test_failed_builds_leave_site_and_hand_written_pages_as_they_were(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    status, output = run(project, "build")
    assert status == 0, output
    site_before = tree_hash(project.site)
    docs_before = tree_hash(project.docs)
    pages_before = hand_written(project)
    assert "index.md" in pages_before and len(site_before) > 100

    # 1. A bad record: nothing is generated, nothing is built.
    (project.records / "hong.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    status, output = run(project, "build")
    assert status == 1 and "records/hong.md:" in output and "Traceback" not in output
    assert tree_hash(project.site) == site_before
    assert tree_hash(project.docs) == docs_before

    # 2. MkDocs refuses (a hand-written page with a broken link): the old site stays.
    (project.records / "hong.md").unlink()
    broken = project.docs / "huong-dan" / "hong.md"
    broken.write_text("# Trang hỏng\n\n[liên kết](khong-co.md)\n", encoding="utf-8")
    status, output = run(project, "build")
    assert status != 0 and "Traceback" not in output
    assert tree_hash(project.site) == site_before
    broken.unlink()
    assert hand_written(project) == pages_before
    assert not any(p.name.startswith(".site") for p in project.root.iterdir())


def test_generation_writes_only_inside_its_folders(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project.records / "2020").mkdir()
    (project.records / "2020" / f"{MEETING_ID}.md").write_text(hostile_record(), encoding="utf-8")
    outside_before = {rel: h for rel, h in tree_hash(project.root).items()
                      if not rel.startswith("docs/") or rel.split("/")[1] not in (*GENERATED_ROOTS, writer.STATE_DIR)}
    generate(project)
    generate(project)
    outside_after = {rel: h for rel, h in tree_hash(project.root).items()
                     if not rel.startswith("docs/") or rel.split("/")[1] not in (*GENERATED_ROOTS, writer.STATE_DIR)}
    assert outside_after == outside_before


@pytest.mark.parametrize("rel", ["../x.md", "/tmp/x.md", "index.md", "huong-dan/index.md",
                                 "hoi-nghi/../../x.md", "hoi-nghi/..\\..\\x.md", "", ".bienban/manifest.json"])
def test_writer_refuses_paths_outside_its_folders(tmp_path: Path, rel: str) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    with pytest.raises(ValueError):
        write_files(docs, {"hoi-nghi/a.md": b"a", rel: b"x"}, Report())
    assert list(tmp_path.rglob("*.md")) == []


def test_hand_written_file_in_a_generated_folder_is_never_touched(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    mine = docs / "hoi-nghi" / "ghi-chu.md"
    clash = docs / "nhan-vat" / "truong-thi-mai.md"
    for path in (mine, clash):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("# Viết tay\n", encoding="utf-8")
    report = Report()
    write_files(docs, {"hoi-nghi/a.md": b"a", "nhan-vat/truong-thi-mai.md": b"generated"}, report)
    assert clash.read_text(encoding="utf-8") == "# Viết tay\n"
    assert [p.path for p in report.warnings] == ["docs/nhan-vat/truong-thi-mai.md"]
    # Later runs with fewer files remove what the writer wrote, and only that.
    write_files(docs, {}, Report())
    assert mine.read_text(encoding="utf-8") == "# Viết tay\n"
    assert clash.read_text(encoding="utf-8") == "# Viết tay\n"
    assert not (docs / "hoi-nghi" / "a.md").exists()


def test_stale_page_edited_by_hand_is_kept(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write_files(docs, {"hoi-nghi/a.md": b"a", "hoi-nghi/b.md": b"b"}, Report())
    (docs / "hoi-nghi" / "b.md").write_bytes("b, sửa tay".encode())
    report = Report()
    result = write_files(docs, {}, report)
    assert result.removed == ["hoi-nghi/a.md"]
    assert (docs / "hoi-nghi" / "b.md").read_bytes() == "b, sửa tay".encode()
    assert [p.path for p in report.warnings] == ["docs/hoi-nghi/b.md"]


def test_tampered_manifest_cannot_delete_other_files(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / ".bienban").mkdir(parents=True)
    for rel in ("index.md", "huong-dan/index.md"):
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text("viết tay", encoding="utf-8")
    (tmp_path / "x.md").write_text("ngoài docs", encoding="utf-8")
    (docs / MANIFEST).write_text('["index.md", "huong-dan/index.md", "../x.md", "/etc/hostname"]', encoding="utf-8")
    write_files(docs, {"hoi-nghi/a.md": b"a"}, Report())
    assert (docs / "index.md").exists() and (docs / "huong-dan" / "index.md").exists()
    assert (tmp_path / "x.md").exists()


def test_generated_folder_that_is_a_link_elsewhere_is_refused(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "quy.md").write_text("quan trọng", encoding="utf-8")
    (docs / "hoi-nghi").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(UnsafeOutput):
        write_files(docs, {"hoi-nghi/quy.md": b"x", "hoi-nghi/moi.md": b"y"}, Report())
    assert sorted(p.name for p in elsewhere.iterdir()) == ["quy.md"]
    assert (elsewhere / "quy.md").read_text(encoding="utf-8") == "quan trọng"


def test_interrupted_write_still_owns_what_it_wrote(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = tmp_path / "docs"
    files = {f"hoi-nghi/{i}.md": f"trang {i}".encode() for i in range(6)}
    real = writer.atomic_write
    calls = 0

    def flaky(path: Path, data: bytes) -> None:
        nonlocal calls
        calls += 1
        if calls == 5:
            raise OSError(28, "No space left on device")
        real(path, data)

    monkeypatch.setattr(writer, "atomic_write", flaky)
    monkeypatch.setattr(writer, "workers", lambda: 1)  # written in this process, where the patch is
    with pytest.raises(OSError):
        write_files(docs, files, Report())
    monkeypatch.setattr(writer, "atomic_write", real)
    report = Report()
    write_files(docs, {"hoi-nghi/0.md": b"trang 0"}, report)
    assert report.problems == []  # nothing it wrote is taken for a hand-written page
    assert sorted(p.name for p in (docs / "hoi-nghi").iterdir()) == ["0.md"]
    assert not list(docs.rglob(".tmp-*"))


def _writing_process(out: writer.Writer) -> Any:
    if writer.workers() < 2:
        pytest.skip("one core: files are written in the run's own process")
    assert out.disk.process is not None
    return out.disk.process


def test_a_file_the_writing_process_cannot_write_stops_the_run(tmp_path: Path) -> None:
    """The files go to disk through a process of their own (publish/disk_writer.py): what it
    fails to write stops the run with the system's own error, and what it wrote before
    stays the generator's."""
    docs = tmp_path / "docs"
    out = writer.Writer(docs, Report())
    out.claim(["hoi-nghi/a.md", "hoi-nghi/b.md", "hoi-nghi/c.md"])
    out.write("hoi-nghi/a.md", b"a")
    _writing_process(out)
    (docs / "hoi-nghi" / "b.md").mkdir(parents=True)  # a folder where the page goes
    out.write("hoi-nghi/b.md", b"b")
    with pytest.raises(IsADirectoryError):
        out.write("hoi-nghi/c.md", b"c" * 3_000_000)  # more than the pipe holds: the run sees the child gone
        out.finish()
    out.abandon()
    assert (docs / "hoi-nghi" / "a.md").read_bytes() == b"a"
    assert not (docs / "hoi-nghi" / "c.md").exists()
    assert not list(docs.rglob(".tmp-*"))


def test_a_writing_process_that_dies_stops_the_run_with_a_message(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    out = writer.Writer(docs, Report())
    out.claim([f"hoi-nghi/{i}.md" for i in range(40)])
    out.write("hoi-nghi/0.md", b"x")
    _writing_process(out).kill()
    with pytest.raises(RuntimeError, match="tiến trình ghi tệp đã dừng"):
        for i in range(1, 40):
            out.write(f"hoi-nghi/{i}.md", b"x" * 100_000)
        out.finish()


def test_generated_files_get_the_permissions_of_any_file_the_user_makes(tmp_path: Path) -> None:
    """Pages, the open data (written piece by piece) and the search index are files for
    others to read (a shared office folder, a web server's account): ``0o666`` less the
    umask, as ``cp`` or an editor would make them, not a temporary file's ``0o600``."""
    project = copy_project(tmp_path)
    old = os.umask(0o022)
    try:
        generate(project)
    finally:
        os.umask(old)
    docs = project.docs
    made = [docs / "hoi-nghi" / "index.md", docs / "du-lieu" / "bienban.json",
            next((docs / "chi-muc").rglob("*.json"))]
    assert {path: oct(path.stat().st_mode & 0o777) for path in made} == {path: "0o644" for path in made}


def test_the_writing_process_ends_with_a_killed_run(tmp_path: Path) -> None:
    """A run killed half-way (by the out-of-memory killer, say) leaves no writing process
    behind holding what the run held: ``bienban build``, waiting on the pipe of its
    generating child, would wait for ever."""
    if writer.workers() < 2:
        pytest.skip("one core: files are written in the run's own process")
    read_end, write_end = os.pipe()  # as the generating child's pipe to bienban build
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the run, killed
        try:
            os.close(read_end)
            out = writer.Writer(tmp_path / "docs", Report())
            out.claim(["hoi-nghi/a.md"])
            out.write("hoi-nghi/a.md", b"a")  # the writing process starts now
            os.write(write_end, b"started")
        finally:
            os.kill(os.getpid(), signal.SIGKILL)
    os.close(write_end)
    try:
        assert os.read(read_end, 64) == b"started"
        # The end of the pipe comes once nobody holds its other end: the run is dead, and
        # the writing process holds none of the run's files.
        ready, _, _ = select.select([read_end], [], [], 20)
        assert ready and os.read(read_end, 64) == b""
    finally:
        os.close(read_end)
        os.waitpid(pid, 0)


def test_a_write_interrupted_half_way_neither_hangs_nor_leaves_a_page(tmp_path: Path) -> None:
    """Ctrl-C between a page's name and its bytes: the run stops at once, the pages given
    before reach the disk, the cut one does not."""
    docs = tmp_path / "docs"
    out = writer.Writer(docs, Report())
    out.claim(["hoi-nghi/a.md", "hoi-nghi/b.md"])
    out.write("hoi-nghi/a.md", b"a")
    _writing_process(out)
    send = out.disk._send
    sent: list[bytes] = []

    def interrupted(process: Any, data: bytes) -> None:
        sent.append(data)
        if len(sent) == 2:  # b.md's bytes
            raise KeyboardInterrupt
        send(process, data)

    out.disk._send = interrupted  # type: ignore[method-assign]
    with pytest.raises(KeyboardInterrupt):
        out.write("hoi-nghi/b.md", b"b")
    stopping = threading.Thread(target=out.abandon, daemon=True)
    stopping.start()
    stopping.join(40)
    assert not stopping.is_alive()
    assert (docs / "hoi-nghi" / "a.md").read_bytes() == b"a"
    assert not (docs / "hoi-nghi" / "b.md").exists()


def test_a_forked_process_writes_with_a_writing_process_of_its_own(tmp_path: Path) -> None:
    """A writer copied into a forked process (a render worker) does not write into its
    parent's pipe: each process's files reach the disk and each accounts for its own."""
    docs = tmp_path / "docs"
    out = writer.Writer(docs, Report())
    out.claim(["hoi-nghi/cha.md", "hoi-nghi/con.md"])
    out.write("hoi-nghi/cha.md", b"cha")
    parents = _writing_process(out)
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the forked process
        code = 1
        try:
            out.begin_part()
            out.write("hoi-nghi/con.md", b"con")
            part = out.end_part()
            code = 0 if part.written == ["hoi-nghi/con.md"] and out.disk.process is not parents else 2
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    result = out.finish(keep={"hoi-nghi/con.md"})
    assert result.written == ["hoi-nghi/cha.md"]
    assert (docs / "hoi-nghi" / "cha.md").read_bytes() == b"cha"
    assert (docs / "hoi-nghi" / "con.md").read_bytes() == b"con"


def _spilled_entries(folder: Path, count: int = 40) -> Path:
    spilled = folder / "entries.marshal"
    folder.mkdir(parents=True, exist_ok=True)
    with spilled.open("wb") as handle:
        for i in range(count):
            spill(SearchEntry(f"hoi-nghi/{i}/", f"Hội nghị {i}", "meeting", text="Công tác dân vận khéo " * 20), handle)
    return spilled


def test_the_index_process_builds_what_the_run_would_and_leaves_no_file(tmp_path: Path) -> None:
    """The search index built beside the rendering (search/index_process.py): the same
    files as built in the run's own process, and the entries' file gone."""
    spilled = _spilled_entries(tmp_path / "state")
    with spilled.open("rb") as handle:
        expected = build_search_files(list(unspill(handle)))
    process = IndexProcess(spilled)
    assert not spilled.exists()
    assert process.files() == expected
    assert process.process.returncode == 0
    assert [p.name for p in (tmp_path / "state").iterdir()] == []


def test_an_index_process_that_dies_stops_the_run_with_a_message(tmp_path: Path) -> None:
    process = IndexProcess(_spilled_entries(tmp_path))
    process.process.kill()
    with pytest.raises(RuntimeError, match="tiến trình lập chỉ mục tìm kiếm đã dừng"):
        process.files()
    assert process.process.returncode is not None  # reaped


def test_a_run_stopped_half_way_stops_its_index_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C while the pages render: the index process is stopped and reaped, and no
    entries' file is left in docs/.state/."""
    if writer.workers() < 2:
        pytest.skip("one core: the index is built in the run's own process")
    started: list[IndexProcess] = []

    class Kept(IndexProcess):
        def __init__(self, spilled: Path) -> None:
            super().__init__(spilled)
            started.append(self)

    def interrupted(*args: Any, **kwargs: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "IndexProcess", Kept)
    monkeypatch.setattr(pipeline, "write_pages", interrupted)
    project = copy_project(tmp_path / "project")
    with pytest.raises(KeyboardInterrupt):
        generate(project)
    assert len(started) == 1 and started[0].process.returncode is not None
    assert not (project.docs / STATE_DIR / ENTRIES_FILE).exists()


def _running(pid: int) -> bool:
    """Whether ``pid`` is a process still running (a zombie is not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def _ends_with_its_killed_run(start: Callable[[], int]) -> None:
    """Fork a run that ``start``-s a process (giving its pid), kill the run: that process must end."""
    if not Path("/proc/self/stat").exists():
        pytest.skip("no /proc to watch processes with")
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the run, killed
        try:
            os.close(read_end)
            os.write(write_end, str(start()).encode())
        finally:
            os.kill(os.getpid(), signal.SIGKILL)
    os.close(write_end)
    try:
        started = int(os.read(read_end, 64))
        os.waitpid(pid, 0)
        deadline = time.monotonic() + 20
        while _running(started) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _running(started)
    finally:
        os.close(read_end)


def test_the_index_process_ends_with_a_killed_run(tmp_path: Path) -> None:
    """A run killed half-way leaves no index process behind, even one whose entries never end."""
    fifo = tmp_path / "entries"
    os.mkfifo(fifo)
    held = os.open(fifo, os.O_RDWR)  # while this is open, the entries never end
    try:
        _ends_with_its_killed_run(lambda: IndexProcess(fifo).process.pid)
    finally:
        os.close(held)


def test_a_background_child_ends_when_its_run_is_killed_before_taking_its_result() -> None:
    """``serve`` stopped while a forked child still works for it (saving the environment,
    writing the views): the child, with a result larger than the pipe holds, does not
    wait forever for a reader that is gone."""

    def start() -> int:
        child = parallel.Forked(lambda: b"x" * 5_000_000)
        time.sleep(0.5)  # the child is sending by now
        return child.process.pid

    _ends_with_its_killed_run(start)


def test_removing_every_record_removes_every_generated_page_and_nothing_else(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    pages_before = hand_written(project)
    generate(project)
    shutil.rmtree(project.records)
    project.records.mkdir()
    generate(project)
    meetings = [p for p in (project.docs / "hoi-nghi").rglob("*.md") if p.name != "index.md"]
    assert meetings == []
    assert hand_written(project) == pages_before


# ------------------------------------------------------------ in a real browser

@pytest.mark.browser
def test_nothing_runs_in_a_browser(hostile: Built, browser: Any) -> None:
    """The hostile pages and a search that finds them, in headless Chromium: no
    dialog opens, no script error, no element made from record text."""
    with serve(hostile.site_dir) as base:
        page = browser.new_page()
        dialogs: list[str] = []
        errors: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: errors.append(str(e)))
        for url in (f"hoi-nghi/{MEETING_ID}/", "van-ban/99-nq-tw/", "chu-de/", "nhan-vat/", "co-quan/"):
            page.goto(base + url)
            page.wait_for_load_state("load")
            assert page.locator("article img[src='x'], article script, article iframe").count() == 0, url
        page.goto(base + f"hoi-nghi/{MEETING_ID}/")
        page.keyboard.press("/")
        box = page.locator("input.md-search__input")
        box.press_sequentially("onerror alert")
        box.press("End")
        # The hostile names among the results, shown as text.
        page.wait_for_function(
            "() => (document.querySelector('.md-search-result') || {}).innerText"
            "?.includes(\"<img src=x onerror=alert(\")", timeout=10_000)
        results = page.locator(".md-search-result")
        assert results.locator("img, script, iframe").count() == 0
        page.wait_for_timeout(300)
        page.close()
    assert dialogs == [] and errors == []
