"""What a full build does to hold less memory must not change what it makes: the search
index built apart (in a second process, from entries passed on disk), the state pickled
with its texts as bytes, models sharing the set of fields they were given."""

from __future__ import annotations

import multiprocessing
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import copy_project

from generator import parallel, pipeline
from generator.environment import ENVIRONMENT_FILE, BuildEnvironment
from generator.pages import render
from generator.pickled import read_pickles, write_pickles
from generator.records import corpus
from generator.pipeline import ENTRIES_FILE, build_site, generate
from generator.publish.write import GENERATED_ROOTS, INDEX_DIR, STATE_DIR
from generator.records.schema import Item


def _generated(docs: Path) -> dict[str, bytes]:
    return {p.relative_to(docs).as_posix(): p.read_bytes()
            for root in GENERATED_ROOTS for p in sorted((docs / root).rglob("*")) if p.is_file()}


def test_build_makes_the_same_files_and_index_as_one_process(tmp_path: Path) -> None:
    built = copy_project(tmp_path / "built")
    result = build_site(built)  # generation, then the index in a second process
    alone = copy_project(tmp_path / "alone")
    generate(alone)  # everything in this process
    made, expected = _generated(built.docs), _generated(alone.docs)
    assert sorted(made) == sorted(expected)
    assert [path for path in expected if made[path] != expected[path]] == []
    assert any(path.startswith(f"{INDEX_DIR}/") for path in made)
    # The index the readers download is the one written into docs/.
    manifest = f"{INDEX_DIR}/manifest.json"
    assert (result.site_dir / manifest).read_bytes() == made[manifest]
    # The run finished as a full run does: its environment current, nothing left over.
    state = built.docs / STATE_DIR
    assert (state / ENVIRONMENT_FILE).exists()
    assert not (state / f"{ENVIRONMENT_FILE}.pending").exists()
    assert not (state / ENTRIES_FILE).exists()
    assert result.generate.files == len(made) + 1  # and the home page's fragment


def test_index_built_beside_or_in_turn_is_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[Path] = []

    class Counted(pipeline.IndexProcess):
        def __init__(self, spilled: Path) -> None:
            started.append(spilled)
            super().__init__(spilled)

    monkeypatch.setattr(pipeline, "IndexProcess", Counted)
    beside = copy_project(tmp_path / "beside")
    generate(beside)  # the index built by a process of its own while the pages render
    assert len(started) == (1 if parallel.workers() >= 2 else 0)
    monkeypatch.setattr(pipeline, "_start_index", lambda spilled: None)  # as with no memory for it
    in_turn = copy_project(tmp_path / "in-turn")
    generate(in_turn)
    assert len(started) == (1 if parallel.workers() >= 2 else 0)
    made, expected = _generated(in_turn.docs), _generated(beside.docs)
    assert sorted(made) == sorted(expected)
    assert [path for path in expected if made[path] != expected[path]] == []
    assert any(path.startswith(f"{INDEX_DIR}/") for path in made)
    for project in (beside, in_turn):
        assert not (project.docs / STATE_DIR / ENTRIES_FILE).exists()


def test_pickled_state_gives_back_its_texts_and_leaves_them_as_they_were(tmp_path: Path) -> None:
    text = "Hội nghị sơ kết công tác dân vận, Kết luận số 43-KL/TW " * 20
    odd = "lone surrogate \udc80 kept"
    before = sys.getsizeof(text)
    write_pickles(tmp_path / "state.pickle", {"head": text}, [("a", [text, "ascii", odd, b"bytes", 1.5])])
    # The C pickler would have kept a UTF-8 copy inside the string for as long as it lives.
    assert sys.getsizeof(text) == before
    found = read_pickles(tmp_path / "state.pickle", dict)
    assert found == ({"head": text}, [("a", [text, "ascii", odd, b"bytes", 1.5])], None)  # None: no graph


def test_models_given_the_same_fields_share_one_set_and_stay_right() -> None:
    first = Item.model_validate({"text": "Một kết quả", "province": "Hà Nội"})
    second = Item.model_validate({"text": "Kết quả khác", "province": "Huế"})
    bare = Item.model_validate("Chỉ có chữ")
    assert first.model_fields_set == second.model_fields_set == {"text", "province"}
    assert first.__pydantic_fields_set__ is second.__pydantic_fields_set__
    assert bare.model_fields_set == {"text"}
    # A copy with changes gets a set of its own: the shared one is never changed.
    changed = first.model_copy(update={"by": "Trương Thị Mai"})
    assert changed.model_fields_set == {"text", "province", "by"}
    assert second.model_fields_set == {"text", "province"}
    assert first.model_dump(exclude_unset=True) == {"text": "Một kết quả", "province": "Hà Nội"}


def test_records_writing_the_same_short_text_share_it() -> None:
    first = Item.model_validate({"text": "Một kết quả", "topics": ["Dân vận " + "khéo"], "by": "Trương Thị Mai"})
    second = Item.model_validate({"text": "Kết quả khác", "topics": ["Dân vận khéo"], "by": "Trương " + "Thị Mai"})
    assert first.topics == second.topics == ["Dân vận khéo"]
    assert first.topics[0] is second.topics[0]
    assert first.by is second.by
    # Long texts are each record's own (they seldom recur, and sharing would keep them for the run).
    long = "Tiếp tục đổi mới phương thức công tác dân vận, " * 3
    once, again = Item.model_validate({"text": long}), Item.model_validate({"text": long})
    assert once.text == again.text == long.strip()
    assert once.text is not again.text


def _generated_beside_a_hand_written(dest: Path, rel: str, text: str) -> tuple[Path, pipeline.GenerateResult]:
    """A copy of the project generated with ``docs/rel`` written by hand first (the
    generator must keep it and warn): its docs/ and the run's result."""
    project = copy_project(dest)
    clash = project.docs / rel
    clash.parent.mkdir(parents=True, exist_ok=True)
    clash.write_text(text, encoding="utf-8")
    return project.docs, generate(project)


def test_pages_written_by_the_render_workers_are_those_one_process_writes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Many pages are rendered by forked workers that write them and hand back only an
    account: the same files, the same manifest, the same warnings as one process."""
    if parallel.workers() < 2:
        pytest.skip("one core: pages are always rendered in one process")

    def run(name: str) -> tuple[Path, pipeline.GenerateResult]:
        # A page the generator makes, written by hand.
        return _generated_beside_a_hand_written(tmp_path / name, "nhan-vat/truong-thi-mai.md", "# Viết tay\n")

    alone_docs, alone = run("alone")
    monkeypatch.setattr(render, "PARALLEL_FROM", 1)  # the seed site's pages are few
    calls: list[int] = []
    real_map = parallel.map_slices

    def counting_map(task, total, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(total)
        return real_map(task, total, **kwargs)

    monkeypatch.setattr(render, "map_slices", counting_map)
    workers_docs, by_workers = run("workers")
    assert calls and calls[0] == by_workers.pages  # the pages went to the workers
    made, expected = _generated(workers_docs), _generated(alone_docs)
    assert sorted(made) == sorted(expected)
    assert [path for path in expected if made[path] != expected[path]] == []
    manifest = f"{STATE_DIR}/manifest.json"
    assert (workers_docs / manifest).read_bytes() == (alone_docs / manifest).read_bytes()
    assert sorted(by_workers.write.written) == sorted(alone.write.written)
    assert by_workers.files == alone.files
    warned = [str(p) for p in by_workers.report.warnings]
    assert warned == [str(p) for p in alone.report.warnings]
    assert any("nhan-vat/truong-thi-mai.md" in w for w in warned)
    assert (workers_docs / "nhan-vat" / "truong-thi-mai.md").read_text(encoding="utf-8") == "# Viết tay\n"


def _saved_records(docs: Path) -> dict[str, Any]:
    """The saved environment's records, each file's entry as plain values (comparable)."""
    found = read_pickles(docs / STATE_DIR / ENVIRONMENT_FILE, BuildEnvironment)
    assert found is not None
    entries: dict[str, Any] = {}
    for rel, (stamp, (source, record, problems)) in found[1]:
        entries[rel] = (stamp, vars(source) if source else None, record, [str(p) for p in problems])
    return entries


def test_records_pickled_by_the_loading_workers_are_saved_as_one_process_saves_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The workers that read the record files pickle what they read into part files; the
    run reads it back from there and the environment it saves copies those bytes: the
    same records as pickled by one process, no part file left, and the next incremental
    run reads them."""
    if parallel.workers() < 2:
        pytest.skip("one core: records are always read in one process")
    alone = copy_project(tmp_path / "alone")
    generate(alone)
    monkeypatch.setattr(corpus, "PARALLEL_FROM", 1)  # the seed site's records are few
    parts: list[corpus.Part] = []
    real_read = corpus.PickledEntries.read_part

    def counting_read(self: corpus.PickledEntries, part: corpus.Part) -> Any:
        parts.append(part)
        return real_read(self, part)

    monkeypatch.setattr(corpus.PickledEntries, "read_part", counting_read)
    workers = copy_project(tmp_path / "workers")
    generate(workers)
    assert sum(len(part.files) for part in parts) == len(list(workers.records.rglob("*.md")))
    assert _saved_records(workers.docs) == _saved_records(alone.docs)
    assert not list((workers.docs / STATE_DIR).rglob("*.part"))
    assert _generated(workers.docs) == _generated(alone.docs)
    # The saved environment is the next run's: an edit renders the edited meeting's page again.
    record = sorted(workers.records.rglob("*.md"))[0]
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("\nsummary: ", "\nsummary: Đã sửa. ", 1), encoding="utf-8")
    assert "\nsummary: Đã sửa. " in record.read_text(encoding="utf-8")
    result = generate(workers, incremental=True)
    assert result.write.written and len(result.write.written) < result.files
    assert any("Đã sửa." in (workers.docs / rel).read_text(encoding="utf-8")
               for rel in result.write.written if rel.endswith(".md"))
    # A run stopped by a record error saves no environment, and leaves no part file either.
    record.write_text(text.replace("\ndate: ", "\ndate: 2010-13-45\nold_date: ", 1), encoding="utf-8")
    parts.clear()
    with pytest.raises(pipeline.RecordErrors):
        generate(workers)
    assert parts
    assert not list((workers.docs / STATE_DIR).rglob("*.part"))


def test_views_written_beside_the_pages_are_those_written_after_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where memory allows, a forked child writes the views (feeds, open data) while
    the pages render: the same files, manifest, account (in order) and warnings as
    when they are written after the pages; a template it fails on stops the run as
    it would have."""
    if parallel.workers() < 2:
        pytest.skip("one core: the views are always written after the pages")
    started: list[int] = []
    real_forked = pipeline.Forked

    def counting_forked(task):  # type: ignore[no-untyped-def]
        started.append(1)
        return real_forked(task)

    monkeypatch.setattr(pipeline, "Forked", counting_forked)

    def run(name: str) -> tuple[Path, pipeline.GenerateResult]:
        # A view the generator makes, written by hand.
        return _generated_beside_a_hand_written(tmp_path / name, "du-lieu/events.json", "[]\n")

    beside_docs, beside = run("beside")
    assert started == [1]
    monkeypatch.setattr(pipeline, "_start_views", lambda *args: None)  # as with no memory for it
    after_docs, after = run("after")
    assert started == [1]
    made, expected = _generated(beside_docs), _generated(after_docs)
    assert sorted(made) == sorted(expected)
    assert [path for path in expected if made[path] != expected[path]] == []
    manifest = f"{STATE_DIR}/manifest.json"
    assert (beside_docs / manifest).read_bytes() == (after_docs / manifest).read_bytes()
    assert beside.write.written == after.write.written
    assert beside.files == after.files
    warned = [str(p) for p in beside.report.warnings]
    assert warned == [str(p) for p in after.report.warnings]
    assert any("du-lieu/events.json" in w for w in warned)
    assert (beside_docs / "du-lieu" / "events.json").read_text(encoding="utf-8") == "[]\n"
    # A broken template of the views: the run stops with the template's line, no child left.
    monkeypatch.undo()
    broken = copy_project(tmp_path / "broken")
    page = broken.root / "templates" / "open_data.md.j2"
    page.write_text(page.read_text(encoding="utf-8") + "\n{{ files.missing.attribute }}\n", encoding="utf-8")
    with pytest.raises(pipeline.TemplateErrors) as stopped:
        generate(broken)
    assert "templates/open_data.md.j2" in str(stopped.value.report.errors[0])
    assert not multiprocessing.active_children()
