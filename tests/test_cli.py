"""The `bienban` command as an editor meets it: messages, exit codes, scaffolding."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import textwrap

from generator.project import Project
from generator.publish.write import GENERATED_ROOTS, STATE_DIR, hand_written_pages


def run(project: Project, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", "-C", str(project.root), *args],
        capture_output=True, text=True, timeout=120,
    )


def test_check_seed_records_is_clean(project: Project) -> None:
    result = run(project, "check")
    assert result.returncode == 0, result.stderr
    assert "5 bản ghi, 0 lỗi" in result.stdout


def test_broken_record_reports_path_line_and_field(project: Project) -> None:
    bad = project.records / "2020" / "hong.md"
    bad.parent.mkdir()
    bad.write_text(
        "---\n"
        "title: Hội nghị thử\n"
        "date: 32/13/2018\n"
        "participnts:\n"
        "  - name: Nguyễn Văn A\n"
        "---\n",
        encoding="utf-8",
    )
    result = run(project, "check")
    assert result.returncode == 1
    err = result.stderr
    assert "Traceback" not in err
    assert "records/2020/hong.md:3: lỗi:" in err and "32/13/2018" in err
    assert "records/2020/hong.md:4: lỗi:" in err and "có phải ý bạn là “participants”" in err


def test_failed_build_keeps_the_last_good_site(project: Project) -> None:
    assert run(project, "build").returncode == 0
    site = project.root / "site"
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    (project.records / "hong.yml").write_text("title: [\n", encoding="utf-8")
    result = run(project, "build")
    assert result.returncode == 1
    assert "records/hong.yml:" in result.stderr and "Trang web cũ được giữ nguyên" in result.stderr
    after = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before


def test_a_stale_generated_page_that_fails_the_build_is_named_with_the_way_out(project: Project) -> None:
    """docs/ copied without its state folder (``cp -r docs/*``): the generated pages there
    are not known as bienban's, so they are kept, not overwritten.  When one of them, an
    older version's, breaks MkDocs' strict build, the editor is told which and why (the
    generation's warnings too), not to look for a broken link in a hand-written page."""
    assert run(project, "build").returncode == 0
    shutil.rmtree(project.docs / STATE_DIR)
    year = project.docs / "nam" / "2017.md"
    year.write_text(year.read_text(encoding="utf-8").replace(
        "(../thong-ke/dong-thoi-gian.md)", "(../thong-ke/dong-thoi-gian.md#nam-2017)"), encoding="utf-8")
    result = run(project, "build")
    assert result.returncode == 2, result.stderr
    assert "docs/nam/2017.md:1: cảnh báo: tệp này không do bienban tạo ra nên không bị ghi đè" in result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert "docs/nam/2017.md" in last and "bienban clean" in last and "trang viết tay ở docs/" not in last
    assert run(project, "clean").returncode == 0
    assert run(project, "build").returncode == 0


def test_a_broken_template_is_named_with_its_line_and_the_site_kept(project: Project) -> None:
    assert run(project, "build").returncode == 0
    site = project.root / "site"
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    template = project.templates / "meeting.md.j2"
    original = template.read_text(encoding="utf-8")
    lines = original.split("\n")
    at = next(i for i, line in enumerate(lines) if "meeting.date" in line)

    # A misspelt name: found while rendering, reported on the template's line.
    lines_misspelt = lines.copy()
    lines_misspelt[at] = lines[at].replace("meeting.date", "meeting.ngay", 1)
    template.write_text("\n".join(lines_misspelt), encoding="utf-8")
    result = run(project, "build")
    assert result.returncode == 1, result.stderr
    assert f"templates/meeting.md.j2:{at + 1}: lỗi: mẫu trang lỗi khi dựng hoi-nghi/" in result.stderr
    assert "ngay" in result.stderr and "Traceback" not in result.stderr
    # The maintainer's template is at fault, not the editors' records: the summary says so.
    assert "1 lỗi trong mẫu trang" in result.stderr and "bản ghi" not in result.stderr

    # A syntax error: found before any page is rendered.
    template.write_text(original + "\n{% if %}\n", encoding="utf-8")
    result = run(project, "build")
    assert result.returncode == 1, result.stderr
    assert f"templates/meeting.md.j2:{len(lines) + 1}: lỗi: mẫu trang sai cú pháp Jinja2" in result.stderr
    assert "Trang web cũ được giữ nguyên" in result.stderr and "Traceback" not in result.stderr
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before


def test_new_scaffolds_a_record_that_names_what_to_fill(project: Project) -> None:
    result = run(project, "new", "Hội nghị giao ban quý I năm 2025", "--date", "20/3/2025")
    assert result.returncode == 0, result.stderr
    path = project.records / "2025" / "2025-03-20-hoi-nghi-giao-ban-quy-i-nam-2025.md"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: Hội nghị giao ban quý I năm 2025\ndate: 2025-03-20\n")
    # a second call never overwrites
    assert run(project, "new", "Hội nghị giao ban quý I năm 2025", "--date", "2025-03-20").returncode == 1


def test_new_names_the_organizer_as_it_was_called_that_day(project: Project) -> None:
    """The seed registry says Ban Dân vận Trung ương became Ban Tuyên giáo và Dân vận
    Trung ương on 3/2/2025: a scaffold names the board of its own date."""
    for day, board in [("2025-02-02", "Ban Dân vận Trung ương"),
                       ("2025-02-03", "Ban Tuyên giáo và Dân vận Trung ương")]:
        assert run(project, "new", f"Giao ban ngày {day}", "--date", day).returncode == 0
        [path] = project.records.glob(f"*/{day}-*.md")
        assert f"\norganizer: {board}\n" in path.read_text(encoding="utf-8")


def test_the_guide_names_every_generated_folder(project: Project) -> None:
    """The editor's guide warns that the generated folders are overwritten at every build:
    it names each of them (an edit made in one it left out would be lost unwarned)."""
    guide = (project.docs / "huong-dan" / "index.md").read_text(encoding="utf-8")
    warning = guide[guide.index('!!! warning "Chỉ sửa bản ghi, không sửa trang"'):]
    warning = " ".join(warning[:warning.index("\n\n")].split())
    assert [root for root in GENERATED_ROOTS if f"`docs/{root}/`" not in warning] == []


def test_the_guides_new_example_is_what_new_writes(project: Project) -> None:
    """The editor's guide shows a `bienban new` command, what it says and the file it
    makes: an editor compares them with what they get."""
    guide = (project.docs / "huong-dan" / "index.md").read_text(encoding="utf-8")
    command = re.search(r'^ *bienban new "([^"]+)" --date (\S+) --kind "([^"]+)"$', guide, re.M)
    assert command is not None
    said = re.search(r"^ *(Đã tạo (records/\S+\.md)\. .*)$", guide, re.M)
    assert said is not None
    shown = re.search(r"Tệp mới có sẵn.*?```yaml\n(.*?)```", guide, re.S)
    assert shown is not None
    result = run(project, "new", command[1], "--date", command[2], "--kind", command[3])
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == said[1]
    assert (project.root / said[2]).read_text(encoding="utf-8") == textwrap.dedent(shown[1])


def test_serve_on_a_busy_port_says_so_and_suggests_another(project: Project) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run(project, "serve", "--addr", f"127.0.0.1:{port}")
    assert result.returncode == 1
    assert f"Không phục vụ được tại 127.0.0.1:{port} (cổng này đang được một chương trình khác dùng)" in result.stderr
    assert f"--addr 127.0.0.1:{port + 1}" in result.stderr and "Traceback" not in result.stderr


def test_new_names_the_file_by_the_id_the_record_gets(project: Project) -> None:
    """A long title: the file name is cut like the id, so `related:` can use it as it is."""
    title = ("Hội nghị giao ban công tác dân vận các tỉnh khu vực Tây Nguyên "
             "9 tháng đầu năm 2024 và triển khai nhiệm vụ những tháng cuối năm")
    result = run(project, "new", title, "--date", "2024-10-01")
    assert result.returncode == 0, result.stderr
    [path] = (project.records / "2024").glob("2024-10-01-*.md")
    assert len(path.stem) <= 80
    text = path.read_text(encoding="utf-8")
    # the source block has both keys the meeting page uses
    assert "\n  publisher:\n" in text and "\n  url:\n" in text
    # written in the form `bienban fmt` keeps
    assert run(project, "fmt", "--check", str(path)).returncode == 0
    # Fill the scaffold, then point another record at the file name.
    path.write_text(text.replace("- name:\n", "- name: Nguyễn Văn A\n"), encoding="utf-8")
    other = project.records / "2018" / "2018-07-12-giao-ban-dong-bang-song-hong.md"
    other.write_text(other.read_text(encoding="utf-8").replace(
        "related: [", f"related: [{path.stem}, "), encoding="utf-8")
    result = run(project, "check")
    assert result.returncode == 0, result.stderr
    assert "6 bản ghi, 0 lỗi" in result.stdout


def test_related_to_a_missing_id_suggests_the_closest(project: Project) -> None:
    other = project.records / "2018" / "2018-07-12-giao-ban-dong-bang-song-hong.md"
    text = other.read_text(encoding="utf-8")
    other.write_text(text.replace("related: [2017-12-04-giao-ban-tay-nam-bo",
                                  "related: [2017-12-04-giao-ban-tay-nam"), encoding="utf-8")
    result = run(project, "check")
    assert result.returncode == 1
    line = next(i for i, l in enumerate(text.split("\n"), 1) if l.startswith("related:"))
    assert (f"records/2018/2018-07-12-giao-ban-dong-bang-song-hong.md:{line}: lỗi: “related[1]”: "
            "không có bản ghi nào mang mã “2017-12-04-giao-ban-tay-nam”; "
            "có phải ý bạn là “2017-12-04-giao-ban-tay-nam-bo”?") in result.stderr


def test_clean_removes_what_bienban_made_and_nothing_else(project: Project) -> None:
    assert run(project, "build").returncode == 0
    kept = {p: p.read_bytes() for folder in (project.records, project.templates) for p in folder.rglob("*") if p.is_file()}
    kept |= {p: p.read_bytes() for p in hand_written_pages(project.docs)}
    assert (project.docs / "hoi-nghi").is_dir() and (project.root / "site" / "index.html").exists()
    result = run(project, "clean")
    assert result.returncode == 0, result.stderr
    assert "site" in result.stdout and "docs/hoi-nghi" in result.stdout
    assert not (project.root / "site").exists()
    assert not any((project.docs / name).exists() for name in (*GENERATED_ROOTS, STATE_DIR))
    assert {p: p.read_bytes() for p in kept if p.exists()} == kept
    assert run(project, "clean").stdout.strip() == "Không có gì để xóa."


ENGLISH = ("Usage:", "Options", "Commands:", "Show this message", "[default", "Error:", "Try '",
           "No such", "Missing", "[OPTIONS]", "COMMAND", "DIRECTORY", "TITLE", "Did you mean")


def test_help_and_usage_errors_are_in_vietnamese(project: Project) -> None:
    """Click's own headings and messages, not only ours: an editor who mistypes a command
    reads what went wrong in the language of the rest of the tool."""
    shown = run(project, "--help")
    assert shown.returncode == 0
    assert "Cách dùng:" in shown.stdout and "Tùy chọn:" in shown.stdout and "Lệnh:" in shown.stdout
    assert "Hiện hướng dẫn này rồi thoát." in shown.stdout
    for args, expected in [
        (["build", "--nope"], "Lỗi: Không có tùy chọn '--nope'."),
        (["buidl"], "Có phải ý bạn là 'build'?"),
        (["new"], "Lỗi: Thiếu tham số 'TÊN_HỘI_NGHỊ'."),
        (["draft", "khong-co.txt"], "không tồn tại"),
        (["check", "thua"], "Thừa tham số (thua)"),
    ]:
        result = run(project, *args)
        assert result.returncode == 2, (args, result.stderr)
        assert expected in result.stderr, (args, result.stderr)
        assert "Cách dùng:" in result.stderr and "Traceback" not in result.stderr
        for word in ENGLISH:
            assert word not in result.stderr, (args, word, result.stderr)
    for command in ["build", "check", "clean", "draft", "fmt", "new", "schema", "serve"]:
        page = run(project, command, "--help").stdout
        for word in ENGLISH:
            assert word not in page, (command, word, page)


def test_help_names_values_in_vietnamese_and_a_bad_date_is_told_as_check_tells_it(project: Project) -> None:
    for command in ("new", "draft", "serve", "build", "check", "fmt", "clean"):
        result = run(project, command, "--help")
        assert result.returncode == 0, result.stderr
        assert not re.search(r"\b(TEXT|INTEGER|PATH|FILE|DIRECTORY)\b", result.stdout), (command, result.stdout)
    result = run(project, "new", "Giao ban", "--date", "31/02/2026")
    assert result.returncode == 1
    assert result.stderr.strip() == ("lỗi: “--date”: ngày “31/02/2026” không có thật "
                                     "(ngày 1–31, tháng 1–12, đúng số ngày của tháng)")
