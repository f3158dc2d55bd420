"""`bienban fmt`: one canonical form, the editor's comments and body kept, no value lost."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.editors.fmt import format_record
from generator.problems import FormatError, LoadError, Report
from generator.project import Project
from generator.records.loader import Source, parse_yaml, split_front_matter
from generator.records.validate import validate_record


def bienban(project: Project, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator.cli", "-C", str(project.root), *args],
                          capture_output=True, text=True, timeout=120)


def checked(text: str) -> dict[str, Any] | None:
    """The data `bienban check` reads from a record's text (None if it refuses it)."""
    report = Report()
    front, body, offset, body_line = split_front_matter(text)
    data, lines = parse_yaml(front, offset)
    record = validate_record(Source("records/x.md", data, body, body_line, lines), report)
    return None if record is None else record.model_dump()


MESSY = (
    "---\n"
    "# Bản ghi thử: ghi chú của người biên tập ở đầu\n"
    "participants:\n"
    "- role: chủ trì\n"
    "  name: Trương\u00a0Thị Mai  # hỏi lại chức vụ\n"
    "date: 12/7/2018\n"
    "title: \u201cGiao ban: công tác dân vận\u201d\n"
    "findings:\n"
    "- Tỉnh Bắc Ninh tổ chức 380 cuộc đối\u200b thoại.\n"
    "---\n"
    "\n"
    "Ghi chú **Markdown** giữ nguyên.  \n"
    "Dòng thứ hai.\n"
)


def test_fmt_canonical_form_keeps_comments_and_body() -> None:
    result = format_record(MESSY.encode(), ".md")
    assert result.changed
    text = result.text
    assert text.index("title:") < text.index("date:") < text.index("participants:") < text.index("findings:")
    assert "date: 2018-07-12\n" in text
    assert "title: 'Giao ban: công tác dân vận'\n" in text  # curly quotes meant as YAML quotes
    assert "\u00a0" not in text and "\u200b" not in text
    assert "# Bản ghi thử: ghi chú của người biên tập ở đầu" in text
    assert "name: Trương Thị Mai  # hỏi lại chức vụ" in text
    assert text.index("name:") < text.index("role:")  # a participant's keys in the contract's order
    assert text.endswith("---\n\nGhi chú **Markdown** giữ nguyên.  \nDòng thứ hai.\n")
    # Formatting again changes nothing, and check reads the values (cleaned) it read before.
    assert format_record(text.encode(), ".md") == type(result)(text, False)
    assert checked(text) == checked(
        MESSY.replace("\u00a0", " ").replace("\u200b", "").replace(
            "\u201cGiao ban: công tác dân vận\u201d", "'Giao ban: công tác dân vận'"))


def test_fmt_leaves_a_broken_record_alone_and_says_where(project: Project) -> None:
    bad = project.records / "hong.md"
    bad.write_text("---\ntitle: Hội nghị\nparticipants:\n\tname: A\n---\n", encoding="utf-8")
    before = bad.read_bytes()
    result = bienban(project, "fmt")
    assert result.returncode == 1
    assert "records/hong.md:4: lỗi:" in result.stderr and "Tab" in result.stderr
    assert bad.read_bytes() == before


def test_fmt_check_reports_and_fmt_rewrites(project: Project) -> None:
    path = project.records / "2025" / "thu.md"
    path.parent.mkdir()
    path.write_text(MESSY, encoding="utf-8")
    result = bienban(project, "fmt", "--check", str(path))
    assert result.returncode == 1 and "records/2025/thu.md: chưa đúng dạng chuẩn" in result.stderr
    assert path.read_text(encoding="utf-8") == MESSY
    assert bienban(project, "fmt", str(path)).returncode == 0
    assert bienban(project, "fmt", "--check", str(path)).returncode == 0
    assert bienban(project, "check").returncode == 0


# ------------------------------------------------------------------ property: no value lost

words = st.sampled_from(["Hội nghị", "dân vận", "Quảng Ninh", "“Dân vận khéo”", "tỉ lệ 86%", "217-QĐ/TW",
                         "Thứ nhất: tập trung", "năm 2018", "'nháy đơn'", "a: b", "# không phải ghi chú",
                         "- gạch", "yes", "1.245", "12/7/2018", "Đ/c Trần Tú Anh"])
texts = st.lists(words, min_size=1, max_size=4).map(" ".join)
dates = st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31))
date_forms = st.sampled_from([lambda d: d.isoformat(), lambda d: f"{d.day}/{d.month}/{d.year}"])
items = st.one_of(texts, st.fixed_dictionaries(
    {"text": texts}, optional={"by": st.sampled_from(["Trương Thị Mai", "Bùi Văn Bia"]),
                               "province": st.sampled_from(["Quảng Ninh", "Bến Tre"]),
                               "figures": st.lists(st.fixed_dictionaries(
                                   {"label": texts, "value": st.one_of(st.integers(0, 10**6), texts)}),
                                   max_size=2)}))
records = st.fixed_dictionaries(
    {"title": texts, "date": st.tuples(dates, date_forms).map(lambda p: p[1](p[0]))},
    optional={
        "summary": texts, "kind": st.sampled_from(["Giao ban", "Sơ kết"]),
        "format": st.sampled_from(["trực tiếp", "Kết hợp"]),
        "organizer": st.one_of(texts, st.lists(texts, min_size=1, max_size=2)),
        "provinces": st.lists(st.sampled_from(["Hà Nội", "Bến Tre", "Quảng Ninh"]), max_size=3, unique=True),
        "participants": st.lists(st.one_of(st.just("Trương Thị Mai"), st.fixed_dictionaries(
            {"role": st.sampled_from(["chủ trì", "tham dự"]), "name": st.sampled_from(["Bùi Văn Bia", "Hà Ngọc Anh"])},
            optional={"position": texts})), max_size=3),
        "findings": st.lists(items, max_size=3), "directives": st.lists(items, max_size=2),
        "documents": st.lists(st.sampled_from(["217-QĐ/TW", "17-NQ/TU", "15/2020/NĐ-CP"]), max_size=2, unique=True),
        "source": st.fixed_dictionaries({}, optional={"title": texts, "published": dates.map(str),
                                                      "url": st.just("https://example.org/bai")}),
    },
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(record=records, order=st.randoms(), flow=st.booleans(), body=texts)
def test_fmt_never_changes_what_check_reads(record: dict[str, Any], order: Any, flow: bool, body: str) -> None:
    keys = list(record)
    order.shuffle(keys)  # any key order in, the contract's order out
    front = yaml.safe_dump({k: record[k] for k in keys}, allow_unicode=True, sort_keys=False,
                           default_flow_style=None if flow else False, width=60)
    text = f"---\n# ghi chú\n{front}---\n\n{body}\n"
    before = checked(text)
    result = format_record(text.encode(), ".md")
    assert checked(result.text) == before
    assert result.text.endswith(f"---\n\n{body}\n") and "# ghi chú" in result.text
    assert not format_record(result.text.encode(), ".md").changed


def test_fmt_refuses_what_check_refuses_with_the_same_message() -> None:
    text = "---\ntitle: Hội nghị\ndate: 2018-07-12\nfindings:\n  - \"Năm dân vận\" chính quyền\n---\n"
    front, _, offset, _ = split_front_matter(text)
    try:
        parse_yaml(front, offset)
    except LoadError as expected:
        try:
            format_record(text.encode(), ".md")
        except FormatError as exc:
            assert (exc.line, exc.message) == (expected.line, expected.message) == (5, expected.message)
            return
    raise AssertionError("a broken record was read or formatted")


def test_pre_commit_hooks_run_check_and_fmt(project: Project) -> None:
    """What a records repository's pre-commit runs: each hook's entry, on the files it matches."""
    import re
    import shutil

    hooks = yaml.safe_load((Path(__file__).resolve().parent.parent / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert {h["id"] for h in hooks} == {"bienban-check", "bienban-fmt"}
    bienban_exe = shutil.which("bienban", path=str(Path(sys.executable).parent))
    assert bienban_exe is not None
    assert bienban(project, "fmt").returncode == 0  # a repository that adopted fmt

    def run_hooks() -> dict[str, int]:
        files = [p.relative_to(project.root).as_posix() for p in project.records.rglob("*") if p.is_file()]
        codes = {}
        for hook in hooks:
            matched = [f for f in files if re.search(hook["files"], f)
                       and not re.search(hook.get("exclude", "^$"), f)]
            args = hook["entry"].split()[1:] + (matched if hook.get("pass_filenames", True) else [])
            codes[hook["id"]] = subprocess.run([bienban_exe, *args], cwd=project.root, capture_output=True,
                                               text=True, timeout=120).returncode
        return codes

    assert run_hooks() == {"bienban-check": 0, "bienban-fmt": 0}
    (project.records / "2025.md").write_text("---\ndate: 20/3/2025\ntitle: Hội nghị\n---\n", encoding="utf-8")
    assert run_hooks() == {"bienban-check": 0, "bienban-fmt": 1}  # valid, but not in canonical form
    (project.records / "2025.md").write_text("---\ntitle: Hội nghị\n---\n", encoding="utf-8")
    assert run_hooks()["bienban-check"] == 1


def test_the_projects_own_records_are_in_canonical_form() -> None:
    from generator.records.loader import find_record_files

    root = Path(__file__).resolve().parent.parent / "records"
    for path in find_record_files(root):
        assert not format_record(path.read_bytes(), path.suffix).changed, path.name
