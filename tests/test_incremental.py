"""An incremental run (serve, build --incremental) must give exactly what a full run gives."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from generator.pipeline import build_site, generate
from generator.project import Project


def snapshot(docs: Path) -> dict[str, str]:
    return {
        p.relative_to(docs).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in docs.rglob("*")
        if p.is_file() and ".bienban" not in p.parts or p.name == "trang-chu.md"
    }


def test_incremental_edit_matches_a_full_build(project: Project) -> None:
    generate(project, incremental=True)
    record = project.records / "2018" / "2018-07-12-giao-ban-dong-bang-song-hong.md"
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("chưa đáp ứng yêu cầu.", "chưa đáp ứng yêu cầu, cần khắc phục ngay.", 1),
                      encoding="utf-8")
    result = generate(project, incremental=True)
    changed = set(result.write.written)
    assert "hoi-nghi/2018-07-12-giao-ban-dong-bang-song-hong.md" in changed
    assert "van-ban/217-qd-tw.md" in changed  # the mention's sentence changed
    assert "nhan-vat/bui-van-bia.md" not in changed  # a page of another meeting
    incremental = snapshot(project.docs)
    generate(project)
    assert snapshot(project.docs) == incremental


def test_incremental_removal_and_new_record(project: Project) -> None:
    generate(project, incremental=True)
    (project.records / "2024" / "2024-01-22-tong-ket-dan-van-ben-tre-2023.md").unlink()
    new = project.records / "2025" / "2025-03-20-giao-ban.md"
    new.parent.mkdir()
    new.write_text("---\ntitle: Giao ban quý I\ndate: 2025-03-20\nprovinces: [Kiên Giang]\n---\n", encoding="utf-8")
    result = generate(project, incremental=True)
    assert "hoi-nghi/2024-01-22-tong-ket-dan-van-ben-tre-2023.md" in result.write.removed
    assert (project.docs / "nam/2025.md").exists()
    incremental = snapshot(project.docs)
    generate(project)
    assert snapshot(project.docs) == incremental


def test_incremental_site_build_updates_the_page_and_the_search_index(project: Project) -> None:
    """build --incremental: MkDocs runs while the index is built; the index then
    reaches the site too, exactly as docs/ holds it."""
    build_site(project)
    record = project.records / "2018" / "2018-07-12-giao-ban-dong-bang-song-hong.md"
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("chưa đáp ứng yêu cầu.", "chưa đáp ứng yêu cầu Quolvexa.", 1), encoding="utf-8")
    build_site(project, incremental=True)
    page = project.site / "hoi-nghi" / "2018-07-12-giao-ban-dong-bang-song-hong" / "index.html"
    assert "Quolvexa" in page.read_text(encoding="utf-8")
    # Only changed pages were read again; the menu still names every page.
    assert not re.search(r">\s*None\s*<", page.read_text(encoding="utf-8"))
    in_docs = snapshot(project.docs / "chi-muc")
    assert snapshot(project.site / "chi-muc") == in_docs
    assert any('"quolvexa"' in (project.site / "chi-muc" / name).read_text(encoding="utf-8")
               for name in in_docs if name.startswith("t."))


def test_a_body_a_record_brings_is_linked_where_pages_name_it(project: Project) -> None:
    """A document names its issuer, a body no record names yet: plain text.  A later edit of
    another meeting brings that body (as its organizer): the document's page, which shows
    no changed meeting, now links it, as a full run would; and unlinks it when it goes."""
    body = "Ban Chỉ đạo thử nghiệm Trung ương"
    cites = project.records / "2018" / "2018-07-12-giao-ban-dong-bang-song-hong.md"
    text = cites.read_text(encoding="utf-8")
    cites.write_text(text.replace("documents:\n", f"documents:\n- number: 777-CT/TW\n  issuer: {body}\n", 1),
                     encoding="utf-8")
    generate(project, incremental=True)
    page = project.docs / "van-ban" / "777-ct-tw.md"
    assert "](../co-quan/" not in page.read_text(encoding="utf-8").split("Cơ quan ban hành:")[1].split("\n")[0]
    brings = project.records / "2019" / "2019-08-16-nghi-quyet-17-nq-tu-quang-ninh.md"
    original = brings.read_text(encoding="utf-8")
    for edited in (re.sub(r"(?m)^organizer:.*$", f"organizer: [{body}]", original, count=1), original):
        brings.write_text(edited, encoding="utf-8")
        generate(project, incremental=True)
        incremental = snapshot(project.docs)
        linked = "](../co-quan/" in page.read_text(encoding="utf-8").split("Cơ quan ban hành:")[1].split("\n")[0]
        assert linked == (edited != original)
        generate(project)
        assert snapshot(project.docs) == incremental
