"""A full run links the records while the workers are still reading the next ones
(:class:`generator.graph.linked.LinkingAsRead`): the same site and the same messages
as linking them all once read, whatever order the files come in."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import synthetic_project

from generator import parallel
from generator.graph.linked import LinkedGraph, LinkingAsRead
from generator.pipeline import generate
from generator.project import Project
from generator.publish.write import GENERATED_ROOTS
from generator.records import corpus


def _generated(docs: Path) -> dict[str, bytes]:
    return {p.relative_to(docs).as_posix(): p.read_bytes()
            for root in GENERATED_ROOTS for p in sorted((docs / root).rglob("*")) if p.is_file()}


def _misfile_the_oldest(project: Project) -> None:
    """The oldest record moved to a file named as if it were the newest: read last."""
    oldest = sorted(project.records.rglob("*.md"))[0]
    oldest.rename(oldest.parent.parent / "9999" / oldest.name)


@pytest.mark.parametrize("naming", ["by date", "one file out of order"])
def test_records_linked_as_they_are_read_give_the_site_linked_once_they_are_all_read(
        naming: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(corpus, "PARALLEL_FROM", 1)  # workers read even a small corpus, slice by slice
    builds: list[int] = []
    real_build = LinkedGraph.build
    monkeypatch.setattr(LinkedGraph, "build",
                        staticmethod(lambda *args, **kwargs: builds.append(1) or real_build(*args, **kwargs)))
    runs: dict[str, Any] = {}
    for how in ("as read", "once read"):
        project = synthetic_project(tmp_path / how, 120, 5)
        (project.records / "9999").mkdir()
        if naming != "by date":
            _misfile_the_oldest(project)
        # Two records of one day whose files sort otherwise than their ids ("…-2.md" before "….md").
        day = sorted(project.records.rglob("*.md"))[40]
        twin = day.with_name(day.stem + "-2.md")
        twin.write_text(day.read_text(encoding="utf-8").replace(f'id: "{day.stem}"', f'id: "{day.stem}-2"'),
                        encoding="utf-8")
        assert sorted([twin.name, day.name])[0] == twin.name
        with monkeypatch.context() as patched:
            if how == "once read":
                patched.setattr(LinkingAsRead, "add", lambda self, source, record: None)
            builds.clear()
            result = generate(project)
        runs[how] = (_generated(project.docs), sorted(map(str, result.report.problems)), len(builds))
    (as_read, told, linked_again), (once_read, told_once, _) = runs["as read"], runs["once read"]
    assert sorted(as_read) == sorted(once_read)
    assert [path for path in once_read if as_read[path] != once_read[path]] == []
    assert [m.replace("/as read/", "/") for m in told] == [m.replace("/once read/", "/") for m in told_once]
    # Linked as read unless a file came after a newer record's: then linked again at the end.
    assert linked_again == (0 if naming == "by date" else 1)
    assert parallel.workers() < 2 or len(as_read) > 100
