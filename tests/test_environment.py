"""One edit costs what it changes, and gives what a full build gives.

A seeded random sequence of edits (a sentence added, a person added or removed, a
document cited, a bare number written, a record added, deleted, renamed or moved to
another year, a topic, a ``related:``) is applied to the seed records and to a small
synthetic corpus; after each, an incremental run with the environment kept in
memory (as ``bienban serve`` runs it: the graph updated in place) must leave docs/
byte for byte as a full build from scratch leaves it: every generated page, the
feeds and open data, and every search shard in chi-muc/.
"""

from __future__ import annotations

import hashlib
import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, copy_project, synthetic_project

from generator.environment import ENVIRONMENT_FILE, BuildEnvironment
from generator.graph.linked import LinkedGraph
from generator.pipeline import generate, update_pages, update_rest
from generator.problems import RecordErrors
from generator.project import Project
from generator.publish.write import GENERATED_ROOTS, HOME_FRAGMENT, STATE_DIR


def generated(docs: Path) -> dict[str, str]:
    """Every file of the generated folders (and the home page's fragment) → its digest."""
    files = [p for root in GENERATED_ROOTS for p in (docs / root).rglob("*") if p.is_file()]
    files += [docs / HOME_FRAGMENT]
    return {p.relative_to(docs).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


# ------------------------------------------------------------------ editing records as an editor does


def _read(path: Path) -> tuple[dict[str, Any], str]:
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(front), body


def _write(path: Path, data: dict[str, Any], body: str) -> None:
    front = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{front}---\n{body}", encoding="utf-8")
    # A second edit in the same clock tick must still be seen as one.
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


_WORDS = ["An", "Bình", "Cường", "Dũng", "Giang", "Hòa", "Khánh", "Lâm", "Minh", "Nga", "Phúc", "Quân",
          "Sơn", "Tâm", "Uyên", "Vinh", "Xuân", "Yến"]


def _add_text(items: list[Any], i: int, text: str) -> None:
    """A sentence added to an item, written as a plain string or as ``text:``."""
    if isinstance(items[i], str):
        items[i] = f"{items[i]} {text}"
    else:
        items[i]["text"] = f"{items[i]['text']} {text}"


class Editor:
    def __init__(self, project: Project, rng: random.Random) -> None:
        self.project = project
        self.rng = rng
        self.made = 0

    def files(self) -> list[Path]:
        return sorted(p for p in self.project.records.rglob("*.md") if "_registry" not in p.parts)

    def pick(self) -> tuple[Path, dict[str, Any], str]:
        path = self.rng.choice(self.files())
        data, body = _read(path)
        return path, data, body

    def new_name(self) -> str:
        self.made += 1
        # Letters no known name has, so that no spelling is one mark from another's.
        return f"Khổng Thử {self.rng.choice(_WORDS)} Zeta{'q' * self.made}"

    def text(self) -> None:
        path, data, body = self.pick()
        items = data.get("findings") or []
        if items:
            _add_text(items, 0, f"Câu bổ sung số {self.rng.randrange(10**6)}.")
        else:
            data["summary"] = f"{data.get('summary') or ''} Tóm tắt bổ sung.".strip()
        _write(path, data, body)

    def new_person(self) -> None:
        path, data, body = self.pick()
        data.setdefault("participants", []).insert(0, {"name": self.new_name(), "role": "dự họp"})
        _write(path, data, body)

    def known_person(self) -> None:
        path, data, body = self.pick()
        other, _ = _read(self.rng.choice(self.files()))
        names = [p["name"] for p in other.get("participants") or [] if p.get("name")]
        if names:
            data.setdefault("participants", []).append({"name": self.rng.choice(names), "role": "phát biểu"})
            _write(path, data, body)

    def drop_person(self) -> None:
        path, data, body = self.pick()
        if data.get("participants"):
            data["participants"].pop(self.rng.randrange(len(data["participants"])))
            _write(path, data, body)

    def cite(self) -> None:
        path, data, body = self.pick()
        number = self.rng.choice([f"{self.rng.randrange(900, 999)}-CT/TW", "217-QĐ/TW", "43-KL/TW", "05-CT/TW"])
        data.setdefault("documents", []).append({"number": number, "relation": "thực hiện"})
        items = data.get("findings") or []
        if items:
            _add_text(items, -1, f"Theo {number}, cần làm tốt hơn.")
        _write(path, data, body)

    #: A body no record names at first: a document says it issued it, and a record may
    #: bring it (as an organizer) or take it away, which makes its link come and go.
    BODY = "Ban Chỉ đạo thử nghiệm Trung ương"

    def issued(self) -> None:
        path, data, body = self.pick()
        number = f"{self.rng.randrange(700, 799)}-CT/TW"
        data.setdefault("documents", []).append({"number": number, "relation": "thực hiện", "issuer": self.BODY})
        _write(path, data, body)

    def body(self) -> None:
        path, data, body = self.pick()
        organizers = data.get("organizer") or []
        organizers = [organizers] if isinstance(organizers, str) else organizers
        data["organizer"] = ([o for o in organizers if o != self.BODY] if self.BODY in organizers
                             else [*organizers, self.BODY])
        _write(path, data, body)

    def bare_number(self) -> None:
        path, data, body = self.pick()
        body = body + f"\nHội nghị quán triệt Kết luận số {self.rng.choice(['43', '120', '62'])} của Bộ Chính trị.\n"
        _write(path, data, body)

    def topic(self) -> None:
        path, data, body = self.pick()
        data.setdefault("topics", []).append(self.rng.choice(["Dân vận khéo", "Chủ đề thử nghiệm mới",
                                                               "Cải cách hành chính"]))
        data["topics"] = list(dict.fromkeys(data["topics"]))
        _write(path, data, body)

    def related(self) -> None:
        path, data, body = self.pick()
        other, _ = _read(self.rng.choice(self.files()))
        if other.get("id") and other["id"] != data.get("id"):
            data["related"] = list(dict.fromkeys([*(data.get("related") or []), other["id"]]))
            _write(path, data, body)

    def add_record(self) -> None:
        self.made += 1
        year = self.rng.choice([2017, 2019, 2023])
        day = f"{year}-0{self.rng.randrange(1, 10)}-1{self.rng.randrange(0, 10)}"
        ident = f"{day}-giao-ban-thu-{self.made}"
        data = {"id": ident, "title": f"Hội nghị giao ban thử {self.made}", "date": day,
                "organizer": ["Ban Dân vận Trung ương"], "provinces": [self.rng.choice(["Kiên Giang", "Hà Nội"])],
                "participants": [{"name": self.new_name(), "role": "chủ trì"}],
                "findings": [{"text": "Thực hiện Quyết định số 217-QĐ/TW, kết quả tốt.", "topics": ["Dân vận khéo"]}]}
        _write(self.project.records / str(year) / f"{ident}.md", data, "\nGhi chú.\n")

    def delete(self) -> None:
        files = self.files()
        if len(files) > 3:
            path = self.rng.choice(files)
            ident = _read(path)[0].get("id")
            path.unlink()
            for other in self.files():  # `related:` to a record that is gone would be an error
                data, body = _read(other)
                if ident and ident in (data.get("related") or []):
                    data["related"] = [r for r in data["related"] if r != ident]
                    _write(other, data, body)

    def rename(self) -> None:
        path, data, body = self.pick()
        data["title"] = f"{data['title']} (sửa tên)"
        target = path.with_name(f"doi-ten-{self.made}-{path.name}")
        self.made += 1
        path.unlink()
        _write(target, data, body)

    def move_date(self) -> None:
        path, data, body = self.pick()
        data["date"] = f"{self.rng.choice([2016, 2020, 2024])}-06-15"
        _write(path, data, body)

    EDITS = ("text", "new_person", "known_person", "drop_person", "cite", "bare_number", "topic", "related",
             "add_record", "delete", "rename", "move_date", "issued", "body", "body")

    def any(self) -> str:
        kind = self.rng.choice(self.EDITS)
        getattr(self, kind)()
        return kind


@pytest.mark.parametrize(("corpus", "kept"), [("seed", "memory"), ("synthetic", "memory"), ("synthetic", "pickle")])
def test_random_incremental_edits_give_what_a_full_build_gives(corpus: str, kept: str, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """``kept``: the environment in memory, as ``serve`` keeps it (the graph changed in
    place), or read from its pickle on every run, as ``build --incremental`` does (the
    graph read back with it and changed in place, once an incremental run saved it)."""
    project = (copy_project(tmp_path / "project") if corpus == "seed"
               else synthetic_project(tmp_path / "project", 30, 3))
    links = 0
    link = LinkedGraph.build

    def counted_link(*args: Any, **kwargs: Any) -> Any:
        nonlocal links
        links += 1
        return link(*args, **kwargs)

    monkeypatch.setattr(LinkedGraph, "build", staticmethod(counted_link))
    env = BuildEnvironment.fresh()
    generate(project, env=env)
    editor = Editor(project, random.Random(13))
    in_place, kinds = 0, set()
    for step in range(14):
        kind = editor.any()
        kinds.add(kind)
        graph, links_before = env.graph, links
        try:
            incremental = generate(project, incremental=True, env=env if kept == "memory" else None)
        except RecordErrors as exc:  # the edits are meant to be valid: say which one was not
            pytest.fail(f"step {step} ({kind}): {[str(p) for p in exc.report.errors]}")
        in_place += env.graph is graph if kept == "memory" else links == links_before
        after_edit = generated(project.docs)
        state = project.docs / STATE_DIR / ENVIRONMENT_FILE
        kept_state = state.read_bytes()
        full = generate(project)  # from scratch: a fresh environment
        state.write_bytes(kept_state)  # the next run starts from the incremental run's state, not the full one's
        assert [str(p) for p in full.report.errors] == []
        fresh = generated(project.docs)
        differ = sorted(rel for rel in set(after_edit) | set(fresh) if after_edit.get(rel) != fresh.get(rel))
        assert not differ, f"step {step} ({kind}): the incremental run left these files otherwise: {differ[:10]}"
        assert sorted(map(str, incremental.report.warnings)) == sorted(map(str, full.report.warnings)) or \
            kind in ("delete", "rename"), f"step {step} ({kind}): other warnings"
    assert in_place >= 10, in_place  # the graph was updated in place, not linked again
    assert len(kinds) >= 8, kinds


#: ``bienban build --incremental``'s generation in a process of its own; prints how many
#: times it linked the whole graph (made a graph, rather than read the saved one back).
_INCREMENTAL_PROCESS = """
import sys
from pathlib import Path
from generator.graph.linked import LinkedGraph
from generator.pipeline import generate
from generator.project import Project
links = []  # a graph linked anew (LinkedGraph.build or while reading), not read back
link = LinkedGraph.__init__
LinkedGraph.__init__ = lambda *args, **kwargs: links.append(1) or link(*args, **kwargs)
generate(Project(Path(sys.argv[1])), incremental=True)
print(len(links))
"""


def test_incremental_builds_in_new_processes_update_the_saved_graph_as_a_full_build_would(tmp_path: Path) -> None:
    """As ``bienban build --incremental`` runs: each edit in a new process (another hash
    seed), the environment and the linked graph read from disk."""
    project = synthetic_project(tmp_path / "project", 30, 3)
    generate(project)
    editor = Editor(project, random.Random(7))
    links = []
    for step in range(5):
        kind = editor.any()
        run = subprocess.run([sys.executable, "-c", _INCREMENTAL_PROCESS, str(project.root)], capture_output=True,
                             text=True, env={**os.environ, "PYTHONHASHSEED": str(step + 1)}, cwd=ROOT)
        assert run.returncode == 0, f"step {step} ({kind}): {run.stderr[-2000:]}"
        links.append(int(run.stdout.split()[-1]))
        after_edit = generated(project.docs)
        state = project.docs / STATE_DIR / ENVIRONMENT_FILE
        kept_state = state.read_bytes()
        generate(project)
        state.write_bytes(kept_state)
        fresh = generated(project.docs)
        differ = sorted(rel for rel in set(after_edit) | set(fresh) if after_edit.get(rel) != fresh.get(rel))
        assert not differ, f"step {step} ({kind}): the incremental run left these files otherwise: {differ[:10]}"
    # A full build saves no graph: the first incremental run links it, the next ones read it back.
    assert links[0] == 1 and links[1:] == [0, 0, 0, 0], links


def test_an_edit_of_one_meeting_reads_one_file_and_renders_its_pages(project: Project) -> None:
    env = BuildEnvironment.fresh()
    generate(project, env=env)
    record = project.records / "2018" / "2018-07-12-giao-ban-dong-bang-song-hong.md"
    data, body = _read(record)
    data["findings"][0]["text"] += " Một câu thêm."
    data["participants"].append({"name": "Khổng Thử Zetaqq", "role": "dự họp"})
    _write(record, data, body)
    assert env.graph is not None
    meetings = {id(m) for m in env.graph.meetings.values()}
    records = dict(env.records)
    update = update_pages(project, env)
    # One file read again; the other meetings are the same objects: the graph was changed, not made again.
    assert [path for path in env.records if env.records[path] is not records[path]] == [
        "records/2018/2018-07-12-giao-ban-dong-bang-song-hong.md"]
    assert sum(id(m) in meetings for m in env.graph.meetings.values()) == len(meetings) - 1
    # First the edited meeting's page and the new person's, then what else shows the meeting.
    assert update.rendered == {"hoi-nghi/2018-07-12-giao-ban-dong-bang-song-hong.md", "nhan-vat/khong-thu-zetaqq.md"}
    rest = update_rest(project, update, env)
    assert "nhan-vat/index.md" in rest.write.written  # the new person is listed
    assert any(rel.startswith("chi-muc/") for rel in rest.write.written)  # and found by search
    assert "nhan-vat/bui-van-bia.md" not in rest.write.written  # a person of another meeting


def test_what_a_save_with_errors_changed_is_shown_once_the_errors_are_fixed(project: Project) -> None:
    env = BuildEnvironment.fresh()
    generate(project, env=env)
    edited = project.records / "2018" / "2018-07-12-giao-ban-dong-bang-song-hong.md"
    broken = project.records / "2024" / "2024-01-22-tong-ket-dan-van-ben-tre-2023.md"
    data, body = _read(edited)
    data["title"] = "Hội nghị giao ban Quolvexa"
    _write(edited, data, body)
    good, good_body = _read(broken)
    _write(broken, {**good, "date": "không phải ngày"}, good_body)
    with pytest.raises(RecordErrors):
        generate(project, incremental=True, env=env)
    _write(broken, good, good_body)  # only the broken file is fixed
    generate(project, incremental=True, env=env)
    page = project.docs / "hoi-nghi" / "2018-07-12-giao-ban-dong-bang-song-hong.md"
    assert "Quolvexa" in page.read_text(encoding="utf-8")
    assert "Quolvexa" in (project.docs / "hoi-nghi" / "index.md").read_text(encoding="utf-8")


def test_a_preview_builds_the_edited_page_at_once_as_a_full_build_would(project: Project, tmp_path: Path) -> None:
    from generator.pipeline import Preview, PreviewSite

    preview = Preview(project)
    preview.generate()
    site = PreviewSite(project, tmp_path / "site", "http://127.0.0.1:8000/")
    site.build(dirty=False)
    record = project.records / "2018" / "2018-07-12-giao-ban-dong-bang-song-hong.md"
    data, body = _read(record)
    data["participants"].append({"name": "Khổng Thử Zetaqq", "role": "dự họp"})
    _write(record, data, body)
    update = preview.update_pages()
    site.build_first(update)
    meeting = tmp_path / "site" / "hoi-nghi" / "2018-07-12-giao-ban-dong-bang-song-hong" / "index.html"
    person = tmp_path / "site" / "nhan-vat" / "khong-thu-zetaqq" / "index.html"
    first = meeting.read_text(encoding="utf-8")
    assert 'href="../../nhan-vat/khong-thu-zetaqq/"' in first and person.exists()
    preview.update_rest(update)
    site.build(dirty=False)  # the whole site, from scratch
    assert meeting.read_text(encoding="utf-8") == first
