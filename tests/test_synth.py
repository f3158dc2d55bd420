"""benchmarks/synth.py: the synthetic corpus is deterministic, parses, and shares entities."""

from __future__ import annotations

import collections
import datetime as dt
import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import frontmatter
import pytest
import yaml

from generator.language import docnumber
from generator.records import schema

ROOT = Path(__file__).resolve().parent.parent
SYNTH = ROOT / "benchmarks" / "synth.py"


def _load_synth() -> ModuleType:
    # benchmarks/ is not a package: import the file by path.
    spec = importlib.util.spec_from_file_location("bienban_synth", SYNTH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module     # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


synth = _load_synth()

REQUIRED = ("id", "title", "date", "kind", "format", "summary", "organizer", "location",
            "source", "participants", "findings", "directives", "documents", "topics")
SECTIONS = ("findings", "shortcomings", "directives", "targets")


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def _records(root: Path) -> list[tuple[Path, dict[str, Any], str]]:
    out = []
    for path in sorted((root / "records").glob("[0-9]*/*.md")):
        post = frontmatter.loads(path.read_text(encoding="utf-8"))
        out.append((path, post.metadata, post.content))
    return out


def _text_of(item: Any) -> str:
    return item if isinstance(item, str) else item["text"]


@pytest.fixture(scope="module")
def corpus20(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth20")
    synth.write_corpus(out, 20, seed=1)
    return out


def test_same_seed_same_bytes(corpus20: Path, tmp_path: Path) -> None:
    # The second run is a separate process with another hash seed: output must
    # not depend on set/dict hashing, the clock or the global random state.
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, str(SYNTH), "--meetings", "20", "--out", str(tmp_path),
                    "--seed", "1"], check=True, env=env, capture_output=True)
    first, second = _files(corpus20), _files(tmp_path)
    assert len(first) == 20 + 3 + 1          # records, registries, marker
    assert first.keys() == second.keys()
    assert first == second


def test_other_seed_other_corpus(corpus20: Path, tmp_path: Path) -> None:
    synth.write_corpus(tmp_path, 20, seed=2)
    assert _files(corpus20) != _files(tmp_path)


def test_every_file_parses_with_the_required_keys(corpus20: Path) -> None:
    records = _records(corpus20)
    assert len(records) == 20
    for path, meta, body in records:
        for key in REQUIRED:
            assert key in meta, f"{path.name}: no {key}"
        assert isinstance(meta["date"], dt.date)
        assert synth.FIRST_YEAR <= meta["date"].year and meta["date"] <= synth.LAST_DAY  # one map
        assert path.parent.name == str(meta["date"].year)
        assert path.stem == meta["id"]
        assert meta["format"] in ("trực tiếp", "trực tuyến", "kết hợp")
        assert set(meta["source"]) == {"title", "publisher", "author", "published"}
        for p in meta["participants"]:
            assert isinstance(p, str) or "name" in p or "organization" in p
            if isinstance(p, dict) and "name" in p:
                assert set(p) == {"name", "position", "organization", "role"}
        for section in SECTIONS:
            for item in meta.get(section, []):
                assert _text_of(item)
                if isinstance(item, dict):
                    for figure in item.get("figures", []):
                        assert set(figure) == {"label", "value", "unit"}
        for doc in meta["documents"]:
            assert {"number", "relation", "issuer"} <= set(doc)
        assert body.strip()
    for name in ("documents.yml", "people.yml", "organizations.yml"):
        entries = yaml.safe_load((corpus20 / "records" / "_registry" / name).read_text(encoding="utf-8"))
        assert isinstance(entries, list) and entries


def test_records_validate_against_the_record_format() -> None:
    corpus = synth.build_corpus(120, seed=1)
    for rel, data, _ in corpus.records:
        schema.Record.model_validate(data)
    models = {"documents.yml": schema.RegistryDocument, "people.yml": schema.RegistryPerson,
              "organizations.yml": schema.RegistryOrganization}
    for name, model in models.items():
        for entry in corpus.registries[name]:
            model.model_validate(entry)


def test_yaml_emitter_round_trips() -> None:
    # The hand-written emitter must read back as exactly the data it was given.
    corpus = synth.build_corpus(150, seed=3)
    for rel, data, _ in corpus.records:
        assert yaml.safe_load(synth.dump(data)) == data, rel
    for name, entries in corpus.registries.items():
        assert yaml.safe_load(synth.dump_list(entries)) == entries, name
    tricky = {"a": "%", "b": "- x", "c": "a: b", "d": "x #y", "e": "yes", "f": "12", "g": "",
              "h": "“Dân vận khéo”", "i": "Điểu K’ré", "j": "#", "k": "1.070", "l": "null"}
    assert yaml.safe_load(synth.dump(tricky)) == tricky


def test_people_and_documents_are_shared(corpus20: Path) -> None:
    people: collections.Counter[str] = collections.Counter()
    docs: collections.Counter[str] = collections.Counter()
    for _, meta, _ in _records(corpus20):
        people.update({p if isinstance(p, str) else p["name"]
                       for p in meta["participants"] if isinstance(p, str) or "name" in p})
        docs.update({d["number"] for d in meta["documents"]})
    assert people.most_common(1)[0][1] >= 5
    assert sum(1 for n in people.values() if n >= 2) >= 3
    assert docs.most_common(1)[0][1] >= 5
    assert sum(1 for n in docs.values() if n >= 2) >= 3


def test_shape_at_scale() -> None:
    corpus = synth.build_corpus(500, seed=1)
    ids = {data["id"] for _, data, _ in corpus.records}
    assert len(ids) == 500
    local: dict[str, set[str]] = collections.defaultdict(set)
    names: set[str] = set()
    for rel, data, body in corpus.records:
        assert set(data.get("related", [])) <= ids
        words = len(data["summary"].split()) + len(body.split()) + sum(
            len(_text_of(item).split()) for s in SECTIONS for item in data.get(s, []))
        assert 900 <= words <= 1800, (rel, words)
        # Every listed document is cited, by its number, somewhere in the texts.
        texts = [body] + [_text_of(item) for s in SECTIONS for item in data.get(s, [])]
        found = {m.number.canonical for t in texts for m in docnumber.find_numbers(t)}
        listed = {docnumber.parse(d["number"]).canonical for d in data["documents"]}
        assert listed <= found, rel
        for d in data["documents"]:
            if d["number"].endswith("/TU"):
                local[d["number"]].add(d["issuer"])
        names.update(p["name"] for p in data["participants"] if isinstance(p, dict) and "name" in p)
    # One local number, several provinces' documents.
    assert sum(1 for issuers in local.values() if len(issuers) > 1) >= 5
    # Near-collision names (Hùng / Hưng) that fold to one slug.
    assert {"Nguyễn Văn Hùng", "Nguyễn Văn Hưng"} <= names
    # 25-NQ/TW of 2003 and of 2013: one number, two registry entries.
    terms = [e.get("term") for e in corpus.registries["documents.yml"] if e["number"] == "25-NQ/TW"]
    assert sorted(terms) == ["IX", "XI"]
    # Pools sized on N.
    assert len(corpus.registries["people.yml"]) == 100
    assert len(corpus.registries["organizations.yml"]) == 50


def test_rerun_replaces_its_own_corpus_only(tmp_path: Path) -> None:
    synth.write_corpus(tmp_path, 30)
    synth.write_corpus(tmp_path, 10)      # a smaller corpus leaves no stale records
    assert len(list((tmp_path / "records").glob("[0-9]*/*.md"))) == 10
    real = tmp_path / "real"
    (real / "records").mkdir(parents=True)
    (real / "records" / "mine.md").write_text("---\ntitle: x\ndate: 2020-01-01\n---\n", encoding="utf-8")
    with pytest.raises(FileExistsError):
        synth.write_corpus(real, 10)
    assert (real / "records" / "mine.md").exists()
