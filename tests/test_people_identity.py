"""People as editors type them: honorifics and titles, near spellings, registry aliases.

Unit tests of :mod:`generator.language.names`, the archive as ``bienban check`` sees it, and
one built site whose rendered HTML is read the way a reader would.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import copy_project
from lxml import html as lxml_html

from generator.language.names import spelling_key, strip_titles
from generator.pipeline import BuildResult, build_site, check


@pytest.mark.parametrize(
    ("written", "name", "removed"),
    [
        ("đồng chí Phạm Tất Thắng", "Phạm Tất Thắng", "đồng chí"),
        ("Đồng chí Phạm Tất Thắng", "Phạm Tất Thắng", "Đồng chí"),
        ("ĐỒNG CHÍ Phạm Tất Thắng", "Phạm Tất Thắng", "ĐỒNG CHÍ"),
        ("đ/c Phạm Tất Thắng", "Phạm Tất Thắng", "đ/c"),
        ("Đ/c Phạm Tất Thắng", "Phạm Tất Thắng", "Đ/c"),
        ("Ông Nguyễn Văn Đọc", "Nguyễn Văn Đọc", "Ông"),
        ("bà Trương Thị Mai", "Trương Thị Mai", "bà"),
        ("GS. Phạm Tất Thắng", "Phạm Tất Thắng", "GS."),
        ("TS Phạm Tất Thắng", "Phạm Tất Thắng", "TS"),
        ("TS.Phạm Tất Thắng", "Phạm Tất Thắng", "TS."),
        ("PGS.TS. Phạm Tất Thắng", "Phạm Tất Thắng", "PGS.TS."),
        ("PGS. TS. Phạm Tất Thắng", "Phạm Tất Thắng", "PGS. TS."),
        ("GS.TSKH Phạm Tất Thắng", "Phạm Tất Thắng", "GS.TSKH"),
        ("ThS. Phạm Tất Thắng", "Phạm Tất Thắng", "ThS."),
        ("Thiếu tướng Phạm Tất Thắng", "Phạm Tất Thắng", "Thiếu tướng"),
        ("đồng chí PGS.TS. Phạm Tất Thắng", "Phạm Tất Thắng", "đồng chí PGS.TS."),
        ("đồng chí  Phạm   Tất Thắng", "Phạm Tất Thắng", "đồng chí"),
        # nothing to remove
        ("Phạm Tất Thắng", "Phạm Tất Thắng", ""),
        ("Tsang Văn Minh", "Tsang Văn Minh", ""),  # a name that merely starts like a title
        ("Bà Triệu", "Bà Triệu", ""),  # one word would remain: a name, not an address
        ("Điểu K’ré", "Điểu K’ré", ""),
    ],
)
def test_strip_titles(written: str, name: str, removed: str) -> None:
    clean = strip_titles(written)
    assert (clean.name, clean.removed) == (name, removed)


def test_spelling_key_ignores_marks_only() -> None:
    assert spelling_key("Phạm Tất Thằng") == spelling_key("Phạm Tất Thắng") == spelling_key("Pham  Tat Thang")
    assert spelling_key("Nguyễn Văn Hùng") == spelling_key("Nguyễn Văn Hưng")
    assert spelling_key("Phạm Tất Thắng") != spelling_key("Phạm Thắng")


# --- the archive, as `bienban check` sees it ------------------------------------

PEOPLE = """\
- name: Phạm Tất Thắng
  aliases: [Phạm Thắng, Phạm Văn Thắng]
  positions:
  - title: Phó Trưởng Ban Dân vận Trung ương
"""


def _archive(tmp_path: Path, records: dict[str, str], people: str = PEOPLE) -> tuple[Any, list[str]]:
    project = copy_project(tmp_path / "p", records=False)
    (project.records / "_registry").mkdir()
    (project.records / "_registry" / "people.yml").write_text(people, encoding="utf-8")
    for rel, text in records.items():
        (project.records / rel).write_text(text, encoding="utf-8")
    site, report = check(project)
    return site, [str(p) for p in report.problems]


def _record(date: str, participants: list[str] = (), by: str | None = None) -> str:  # type: ignore[assignment]
    lines = ["---", "title: Hội nghị giao ban", f"date: {date}", "participants:"]
    lines += [f"  - name: {name}" for name in participants]
    if by:
        lines += ["directives:", "  - text: Tăng cường nắm tình hình nhân dân.", f"    by: {by}"]
    return "\n".join([*lines, "---", ""])


def _people(site: Any) -> dict[str, int]:
    """Each person's page name → how many times the person is named in meetings."""
    return {p.name: len(p.attendances) + len(p.directives) for p in site.people}


def test_honorifics_are_no_part_of_a_name(tmp_path: Path) -> None:
    site, problems = _archive(tmp_path, {"a.md": _record(
        "2023-01-01", ["đồng chí Phạm Tất Thắng", "PGS.TS. Nguyễn Văn An"], by="Đ/c Phạm Tất Thắng")})
    assert _people(site) == {"Phạm Tất Thắng": 2, "Nguyễn Văn An": 1}
    assert problems == [
        "records/a.md:5: cảnh báo: “participants[1].name”: “đồng chí” là danh xưng, học hàm, học vị hoặc cấp "
        "bậc, không phải một phần của tên; tên được ghi nhận là “Phạm Tất Thắng” (hãy viết “Phạm Tất Thắng”; "
        "học hàm, chức vụ ghi ở “position”)",
        "records/a.md:6: cảnh báo: “participants[2].name”: “PGS.TS.” là danh xưng, học hàm, học vị hoặc cấp "
        "bậc, không phải một phần của tên; tên được ghi nhận là “Nguyễn Văn An” (hãy viết “Nguyễn Văn An”; "
        "học hàm, chức vụ ghi ở “position”)",
        "records/a.md:9: cảnh báo: “directives[1].by”: “Đ/c” là danh xưng, học hàm, học vị hoặc cấp bậc, không "
        "phải một phần của tên; tên được ghi nhận là “Phạm Tất Thắng” (hãy viết “Phạm Tất Thắng”)",
    ]
    [meeting] = site.meetings
    assert [a.person_name for a in meeting.attendances] == ["Phạm Tất Thắng", "Nguyễn Văn An"]


def test_honorifics_in_the_registry(tmp_path: Path) -> None:
    site, problems = _archive(tmp_path, {"a.md": _record("2023-01-01", ["Trần Văn Bình"])},
                              people="- name: ông Trần Văn Bình\n  aliases: [TS. Trần Bình]\n")
    assert [p.name for p in site.people] == ["Trần Văn Bình"]
    assert site.people[0].aliases == ["Trần Bình"]
    assert [p.split(": cảnh báo: ")[0] for p in problems] == [
        "records/_registry/people.yml:1", "records/_registry/people.yml:2"]
    assert "“[1].name”: “ông” là danh xưng" in problems[0] and "“Trần Văn Bình”" in problems[0]
    assert "“[1].aliases[1]”: “TS.” là danh xưng" in problems[1] and "“Trần Bình”" in problems[1]


def test_registry_aliases_name_the_person(tmp_path: Path) -> None:
    """A short form or a former name in any name field is the registry's person."""
    site, problems = _archive(tmp_path, {
        "a.md": _record("2023-01-01", ["Phạm Thắng"], by="Phạm Văn Thắng"),
        "b.md": _record("2023-02-01", ["đồng chí Phạm Thắng"]),
    })
    assert _people(site) == {"Phạm Tất Thắng": 3}
    assert problems == [p for p in problems if "cảnh báo" in p and "“đồng chí”" in p]  # only b.md's honorific


def test_one_mark_apart_is_an_error_naming_both_spellings_and_places(tmp_path: Path) -> None:
    site, problems = _archive(tmp_path, {
        "a.md": _record("2023-01-01", ["Phạm Tất Thắng"]),
        "b.md": _record("2023-02-01", ["Nguyễn Văn An", "Phạm Tất Thằng"], by="Phạm Tất Thằng"),
    })
    assert problems == [
        "records/b.md:6: lỗi: “Phạm Tất Thằng” chỉ khác “Phạm Tất Thắng” ở dấu; hai cách viết sẽ thành hai trang "
        "nhân vật. “Phạm Tất Thằng”: records/b.md:6, records/b.md:9; “Phạm Tất Thắng”: "
        "records/_registry/people.yml:1, records/a.md:5. Nếu là một người, hãy sửa cho cùng một cách viết; nếu "
        "là hai người, ghi ở mục “Phạm Tất Thắng” của sổ nhân vật (records/_registry/people.yml) khóa "
        "“distinct_from: [Phạm Tất Thằng]”",
    ]


@pytest.mark.parametrize("spelling", ["Pham Tat Thang", "Phạm Tất Thăng", "PHẠM TẤT THẰNG"])
def test_other_mark_differences_are_errors_too(tmp_path: Path, spelling: str) -> None:
    _, problems = _archive(tmp_path, {"a.md": _record("2023-01-01", [spelling])})
    [error] = problems
    assert error.startswith(f"records/a.md:5: lỗi: “{spelling}” chỉ khác “Phạm Tất Thắng” ở dấu")


def test_one_mark_from_a_registry_alias(tmp_path: Path) -> None:
    _, problems = _archive(tmp_path, {"a.md": _record("2023-01-01", ["Phạm Thằng"])})
    [error] = problems
    assert error.startswith("records/a.md:5: lỗi: “Phạm Thằng” chỉ khác “Phạm Thắng” ở dấu")
    assert "“Phạm Thắng”: records/_registry/people.yml:1." in error


def test_two_record_spellings_without_registry(tmp_path: Path) -> None:
    """No registry entry: the spelling used first is the known one."""
    _, problems = _archive(tmp_path, {
        "a.md": _record("2023-01-01", ["Nguyễn Văn Hùng"]),
        "b.md": _record("2023-02-01", ["Nguyễn Văn Hưng"]),
    }, people="[]\n")
    [error] = problems
    assert error.startswith("records/b.md:5: lỗi: “Nguyễn Văn Hưng” chỉ khác “Nguyễn Văn Hùng” ở dấu")
    assert "ghi một mục “name: Nguyễn Văn Hùng” vào sổ nhân vật" in error


@pytest.mark.parametrize("people", [
    PEOPLE + "  distinct_from: [Phạm Tất Thằng]\n",
    PEOPLE + "- name: Phạm Tất Thằng\n",  # an explicit second entry
])
def test_the_registry_says_two_people(tmp_path: Path, people: str) -> None:
    site, problems = _archive(tmp_path, {
        "a.md": _record("2023-01-01", ["Phạm Tất Thắng"]),
        "b.md": _record("2023-02-01", ["Phạm Tất Thằng"]),
    }, people=people)
    assert problems == []
    assert _people(site) == {"Phạm Tất Thắng": 1, "Phạm Tất Thằng": 1}
    assert sorted(p.slug for p in site.people) == ["pham-tat-thang", "pham-tat-thang-2"]


def test_distinct_from_frees_only_the_name_it_gives(tmp_path: Path) -> None:
    _, problems = _archive(tmp_path, {"a.md": _record("2023-01-01", ["Phạm Tất Thằng", "Phạm Tất Thẳng"])},
                           people=PEOPLE + "  distinct_from: [Phạm Tất Thằng]\n")
    [error] = problems
    assert error.startswith("records/a.md:6: lỗi: “Phạm Tất Thẳng” chỉ khác “Phạm Tất Thắng” ở dấu")


# --- on the built site -----------------------------------------------------------

EXTRA_PEOPLE = """
- name: Phạm Tất Thắng
  aliases: [Phạm Thắng]
  positions:
  - title: Phó Trưởng Ban Dân vận Trung ương
    organization: Ban Dân vận Trung ương
"""

EXTRA_RECORD = """\
---
title: Hội nghị sơ kết thực hiện quy định về giám sát, phản biện xã hội
date: 2024-06-20
organizer: Ban Dân vận Trung ương
participants:
  - name: đồng chí Phạm Tất Thắng
    role: chủ trì
  - Phạm Thắng
findings:
  - Kết quả bước đầu triển khai Quyết định 217, 218-QĐ/TW của Bộ Chính trị được ghi nhận.
  - Tiếp tục thực hiện Kết luận số 62 của Bộ Chính trị và Chỉ thị 05 và Quy định 08-QĐi/TW.
directives:
  - text: Tổng kết 10 năm thực hiện các quy định về giám sát và phản biện xã hội.
    by: đồng chí Phạm Tất Thắng
---
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The seed site plus one record written the way the press writes."""
    project = copy_project(tmp_path_factory.mktemp("identity") / "project")
    with (project.records / "_registry" / "people.yml").open("a", encoding="utf-8") as people:
        people.write(EXTRA_PEOPLE)
    (project.records / "2024" / "2024-06-20-so-ket-giam-sat.md").write_text(EXTRA_RECORD, encoding="utf-8")
    return build_site(project)


def _page(built: BuildResult, url: str) -> Any:
    return lxml_html.fromstring((built.site_dir / url / "index.html").read_bytes())


def _main_text(page: Any) -> str:
    return " ".join(" ".join(page.xpath("//article")[0].itertext()).split())


def test_built_site_reports_the_honorifics(built: BuildResult) -> None:
    warnings = [str(p) for p in built.generate.report.warnings]
    assert len(warnings) == 2 and all("“đồng chí” là danh xưng" in w for w in warnings)
    assert built.generate.report.errors == []


def test_shared_suffix_number_page_lists_the_meeting(built: BuildResult) -> None:
    page = _page(built, "van-ban/217-qd-tw")
    links = page.xpath("//article//a/@href")
    assert "../../hoi-nghi/2024-06-20-so-ket-giam-sat/" in links
    assert "Kết quả bước đầu triển khai Quyết định 217, 218-QĐ/TW của Bộ Chính trị được ghi nhận." in _main_text(page)


def test_meeting_page_links_every_number_of_the_list(built: BuildResult) -> None:
    page = _page(built, "hoi-nghi/2024-06-20-so-ket-giam-sat")
    linked = {" ".join(a.text_content().split()): a.get("href") for a in page.xpath("//article//li//a")}
    assert linked["217"] == "../../van-ban/217-qd-tw/"
    assert linked["218-QĐ/TW"] == "../../van-ban/218-qd-tw/"
    assert linked["05"] == "../../van-ban/5-ct-tw/"  # "Chỉ thị 05 và Quy định 08-QĐi/TW"
    assert linked["08-QĐi/TW"] == "../../van-ban/8-qdi-tw/"
    assert linked["Kết luận số 62"] == "../../van-ban/62-kl-tw/"  # the registry's one Kết luận 62


def test_by_with_honorific_links_to_the_person(built: BuildResult) -> None:
    page = _page(built, "hoi-nghi/2024-06-20-so-ket-giam-sat")
    people = [a.get("href") for a in page.xpath("//article//a") if "Phạm Tất Thắng" in a.text_content()]
    assert people and set(people) == {"../../nhan-vat/pham-tat-thang/"}
    assert "Đồng chí Phạm Tất Thắng" not in _main_text(page) and "đồng chí Phạm" not in _main_text(page)
    person = _page(built, "nhan-vat/pham-tat-thang")
    assert " ".join(person.xpath("//h1")[0].text_content().split()).startswith("Phạm Tất Thắng")
    assert "../../hoi-nghi/2024-06-20-so-ket-giam-sat/" in person.xpath("//article//a/@href")
    pages = sorted(p.name for p in (built.site_dir / "nhan-vat").iterdir() if p.is_dir())
    assert [p for p in pages if "dong-chi" in p or p.startswith("pham-")] == ["pham-tat-thang"]
