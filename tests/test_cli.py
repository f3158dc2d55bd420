"""The `bienban` command as an editor meets it: messages, exit codes, scaffolding."""

from __future__ import annotations

import subprocess
import sys

from generator.build import Project


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
