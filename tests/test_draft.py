"""`bienban draft`: from the text of a news article to a draft record that passes check."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

from generator.editors import draft_rules as rules
from generator.editors.draft import TODO, draft_article
from generator.editors.draft_rules import Knowledge
from generator.project import Project
from generator.records.loader import read_source

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = sorted((ROOT / "benchmarks" / "articles").glob("*.txt"))


def bienban(project: Project, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator.cli", "-C", str(project.root), *args],
                          capture_output=True, text=True, timeout=120)


def test_every_seed_article_drafts_a_record_that_passes_check(project: Project) -> None:
    assert len(ARTICLES) == 5
    made: list[Path] = []
    for article in ARTICLES:
        result = bienban(project, "draft", str(article))
        assert result.returncode == 0, result.stderr
        assert result.stderr == ""  # the draft checked itself: nothing to say
        made.append(project.root / result.stdout.split("Đã tạo bản nháp ")[1].split(" (")[0])
    for path in made:
        text = path.read_text(encoding="utf-8")
        date_line = next(line for line in text.splitlines() if line.startswith("date: "))
        assert TODO in date_line
        # The file name is the id the record gets.
        assert path.stem == path.stem.lower() and len(path.stem) <= 80
    result = bienban(project, "check")
    assert result.returncode == 0, result.stderr
    assert "10 bản ghi, 0 lỗi" in result.stdout
    # Drafts are written in the canonical form `bienban fmt` keeps.
    result = bienban(project, "fmt", "--check", *map(str, made))
    assert result.returncode == 0, result.stderr
    # Topics are the archive's own, never pieces of them ("Công tác dân tộc, tôn giáo" is one).
    seed_topics = {t for p in (ROOT / "records").rglob("*.md")
                   for t in (read_source(p, p.name).data.get("topics") or [])}
    for path in made:
        data = read_source(path, path.name).data
        assert set(data.get("topics") or []) <= seed_topics, path.name
    # A second draft of the same article never overwrites the first.
    again = bienban(project, "draft", str(ARTICLES[3]))
    assert again.returncode == 1 and "không ghi đè" in again.stderr


def test_date_given_on_the_command_line_wins(project: Project, tmp_path: Path) -> None:
    article = tmp_path / "bai.txt"
    article.write_text("Hội nghị giao ban công tác dân vận khu vực Tây Nguyên năm 2025\n\n"
                       "Sáng 20/3, tại Đắk Lắk, Ban Dân vận Trung ương tổ chức hội nghị giao ban.\n",
                       encoding="utf-8")
    result = bienban(project, "draft", str(article), "--date", "21/3/2025", "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    [path] = (tmp_path / "out" / "2025").glob("*.md")
    assert path.name.startswith("2025-03-21-hoi-nghi-giao-ban")
    assert "location: Đắk Lắk" in path.read_text(encoding="utf-8")


def test_an_article_without_any_date_asks_for_one(project: Project, tmp_path: Path) -> None:
    article = tmp_path / "bai.txt"
    article.write_text("Hội nghị công tác dân vận của tỉnh Bến Tre\n\nBan Dân vận Tỉnh ủy tổ chức hội nghị.\n",
                       encoding="utf-8")
    result = bienban(project, "draft", str(article))
    assert result.returncode == 1
    assert "--date" in result.stderr and "Traceback" not in result.stderr


def test_dates_in_the_forms_articles_use() -> None:
    published = dt.date(2017, 12, 5)
    assert rules.meeting_date(["Sáng 4-12, tại Kiên Giang, hội nghị."], published).value == dt.date(2017, 12, 4)
    # Early January news of a December meeting: the year before.
    assert rules.meeting_date(["Chiều 28/12, hội nghị."], dt.date(2018, 1, 3)).value == dt.date(2017, 12, 28)
    assert rules.meeting_date(["Ngày 10/7/2014, hội nghị."], None).value == dt.date(2014, 7, 10)
    # The date of a cited document is not the meeting's.
    guess = rules.meeting_date(["Thực hiện Kết luận số 62-KL/TW ngày 08/12/2009 của Bộ Chính trị."], published)
    assert guess is not None and guess.value == published
    half = rules.meeting_date(["Giao ban 6 tháng đầu năm 2018."], None)
    assert half is not None and half.value.year == 2018 and "6 tháng đầu năm 2018" in half.why


def test_participants_in_the_patterns_articles_use() -> None:
    text = ("Sáng 15/7, Bí thư Trung ương Đảng, Trưởng ban Dân vận Trung ương Bùi Thị Minh Hoài chủ trì hội nghị. "
            "Đ/c Trần Tú Anh, Phó Trưởng Ban DVTU tặng giấy khen cho các tập thể. "
            "Tham gia chủ trì có các đồng chí Nguyễn Văn Đọc, Bí thư Tỉnh ủy Quảng Ninh; "
            "Điểu K’ré, Phó Trưởng Ban Thường trực Ban Dân vận Trung ương. "
            "Bà Trương Thị Mai phát biểu. Hội nghị diễn ra tại Hà Nội.")
    draft = draft_article("Hội nghị sơ kết công tác dân vận năm 2022\n\n" + text)
    people = {p.name: p for p in draft.participants}
    assert set(people) == {"Bùi Thị Minh Hoài", "Trần Tú Anh", "Nguyễn Văn Đọc", "Điểu K’ré", "Trương Thị Mai"}
    assert people["Bùi Thị Minh Hoài"].role == "chủ trì"
    assert people["Bùi Thị Minh Hoài"].position == "Bí thư Trung ương Đảng, Trưởng ban Dân vận Trung ương"
    assert people["Trần Tú Anh"].position == "Phó Trưởng Ban DVTU"
    assert people["Nguyễn Văn Đọc"].role == "đồng chủ trì"
    assert people["Nguyễn Văn Đọc"].organization == "Tỉnh ủy Quảng Ninh"
    assert people["Trương Thị Mai"].role == "phát biểu"


def test_a_known_alias_gives_the_archive_spelling() -> None:
    known = Knowledge(people={"điểu k'ré": "Điểu K’ré"})
    draft = draft_article("Hội nghị giao ban công tác dân vận năm 2018\n\n"
                          "Đồng chí Điểu K'ré, Phó Trưởng Ban Dân vận Trung ương phát biểu.", known)
    assert [p.name for p in draft.participants] == ["Điểu K’ré"]


def test_documents_full_and_short() -> None:
    found = {d.number: d for d in rules.documents([
        "Việc thực hiện Quyết định số 217-QĐ/TW của Bộ Chính trị (khóa XI) chưa đáp ứng yêu cầu.",
        "Tổng kết 10 năm thực hiện Quyết định số 218 của Bộ Chính trị và Nghị quyết 25 về công tác dân vận.",
    ])}
    assert set(found) == {"217-QĐ/TW", "218-QĐ/TW", "25-NQ/TW"}
    assert found["217-QĐ/TW"].issuer == "Bộ Chính trị" and found["217-QĐ/TW"].term == "XI"
    assert "đoán" in found["25-NQ/TW"].why


def test_sections_and_figures_by_their_cues() -> None:
    items = rules.classify([
        "Tỉnh Bắc Ninh 6 tháng đầu năm đã tổ chức 380 cuộc đối thoại.",
        "Tuy nhiên, việc nắm bắt tình hình nhân dân có lúc chưa kịp thời.",
        "Tỉnh Vĩnh Phúc có 77/112 xã đạt chuẩn nông thôn mới.",
        "Về nhiệm vụ thời gian tới, đồng chí đề nghị tập trung vào những nội dung:",
        "Thứ nhất, nâng cao chất lượng tham mưu.",
        "Thứ hai, đổi mới phương thức công tác dân vận.",
    ], set())
    assert [i.section for i in items] == ["findings", "shortcomings", "findings", "directives", "directives"]
    assert [(f.label, f.value) for f in rules.figures(items[0].text)] == [("Cuộc đối thoại", 380)]
    assert [(f.label, f.value) for f in rules.figures(items[2].text)] == [("Xã đạt chuẩn nông thôn mới", "77/112")]
    assert rules.figures("tổng kết 10 năm thực hiện Quyết định số 218 của Bộ Chính trị") == []
    assert [f.value for f in rules.figures("tỉ lệ số xã đạt chuẩn nông thôn mới rất cao, từ 70% đến 86%.")] \
        == ["từ 70% đến 86%"]
    assert [f.value for f in rules.figures("ban hành 2.508 chương trình hành động")] == [2508]


def test_quality_benchmark_holds_the_recall_target() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "draft_quality.py")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    scores = json.loads(result.stdout.strip().splitlines()[-1])
    assert scores["participants"]["hand_made"] == 9 and scores["documents"]["hand_made"] == 11
    assert scores["participants"]["recall"] >= 0.9
    assert scores["documents"]["recall"] >= 0.9


def test_the_archive_knowledge_comes_from_registry_and_records(project: Project) -> None:
    from generator.editors.draft import knowledge_of

    known = knowledge_of(project.records)
    assert known.people["điểu k'ré"] == "Điểu K’ré"  # a registry alias gives the registry's name
    assert known.people["bùi văn bia"] == "Bùi Văn Bia"  # a participant of a record
    assert "Công tác dân tộc, tôn giáo" in known.topics
