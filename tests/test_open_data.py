"""Open data on the built seed site: the files, their package, their schema, their page."""

from __future__ import annotations

import csv
import io
import json
import posixpath
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
from lxml import html
from test_views import seed_records

from generator.pipeline import BuildResult

FRICTIONLESS = str(Path(sys.executable).with_name("frictionless"))


def data_dir(seed_build: BuildResult) -> Path:
    return seed_build.site_dir / "du-lieu"


def test_frictionless_accepts_the_data_package(seed_build: BuildResult) -> None:
    done = subprocess.run([FRICTIONLESS, "validate", "datapackage.json"], cwd=data_dir(seed_build),
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:]
    package = json.loads((data_dir(seed_build) / "datapackage.json").read_text(encoding="utf-8"))
    described = {r["path"] for r in package["resources"]}
    on_disk = {p.name for p in data_dir(seed_build).iterdir() if p.suffix in {".json", ".csv"}} - {"datapackage.json"}
    assert described == on_disk
    assert package["licenses"][0]["name"]


def test_frictionless_notices_a_changed_file(seed_build: BuildResult, tmp_path: Path) -> None:
    # The package carries each file's size and hash: a copy that lost a row is refused.
    copy = tmp_path / "du-lieu"
    shutil.copytree(data_dir(seed_build), copy)
    meetings = copy / "meetings.csv"
    meetings.write_text("\n".join(meetings.read_text(encoding="utf-8").splitlines()[:-1]) + "\r\n", encoding="utf-8")
    done = subprocess.run([FRICTIONLESS, "validate", "datapackage.json"], cwd=copy,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode != 0


def test_json_export_matches_its_schema_and_the_seed_records(seed_build: BuildResult) -> None:
    folder = data_dir(seed_build)
    everything = json.loads((folder / "bienban.json").read_text(encoding="utf-8"))
    schema = json.loads((folder / "jsonschema-bienban.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(everything, schema, format_checker=jsonschema.FormatChecker())
    for kind, items in everything.items():
        assert json.loads((folder / f"{kind}.json").read_text(encoding="utf-8")) == items, kind
    events = {e["id"]: e for e in everything["events"]}
    records = seed_records()
    assert set(events) == {r["id"] for r in records}
    persons = {p["id"] for p in everything["persons"]}
    for record in records:
        event = events[record["id"]]
        assert event["name"] == record["title"]
        assert event["start_date"] == record["date"].isoformat()
        assert event.get("classification") == record.get("kind")
        assert len(event.get("participations", [])) == len(record.get("participants", []))
        for p in event.get("participations", []):
            assert p.get("person_id") is None or p["person_id"] in persons
        for section in ("findings", "shortcomings", "directives", "targets"):
            written = record.get(section, [])
            exported = event.get("items", {}).get(section, [])
            assert len(exported) == len(written), section
            for item, out in zip(written, exported):
                text = item if isinstance(item, str) else item["text"]
                assert " ".join(out["text"].split()) == " ".join(str(text).split())
                figures = [] if isinstance(item, str) else item.get("figures", [])
                assert [f["value"] for f in out.get("figures", [])] == [f["value"] for f in figures]
        # Every identifier is the page of the entity.
        assert (seed_build.site_dir / event["url"] / "index.html").is_file()


def _csv(seed_build: BuildResult, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((data_dir(seed_build) / name).read_text(encoding="utf-8"))))


def test_csv_tables_hold_every_meeting_participant_and_figure(seed_build: BuildResult) -> None:
    records = seed_records()
    meetings = _csv(seed_build, "meetings.csv")
    assert sorted(r["id"] for r in meetings) == sorted(r["id"] for r in records)
    assert len(_csv(seed_build, "participations.csv")) == sum(len(r.get("participants", [])) for r in records)
    figures = sum(len(i.get("figures", [])) for r in records for s in ("findings", "shortcomings", "directives",
                  "targets") for i in r.get(s, []) if isinstance(i, dict))
    assert len(_csv(seed_build, "figures.csv")) == figures
    mentions = _csv(seed_build, "document_mentions.csv")
    listed = [m for m in mentions if m["where"] == "documents"]
    assert len(listed) == sum(len(r.get("documents", [])) for r in records)
    for m in mentions:
        assert (seed_build.site_dir / "van-ban" / m["document_id"] / "index.html").is_file()


def test_open_data_page_links_every_file_with_its_size_and_licence(seed_build: BuildResult) -> None:
    page = html.fromstring((data_dir(seed_build) / "index.html").read_bytes())
    article = page.xpath("//article")[0]
    items = article.xpath(".//li[a]")
    linked = {}
    for li in items:
        href = li.xpath("a/@href")[0]
        target = Path(posixpath.normpath(str(data_dir(seed_build) / href)))
        linked[target.name] = (target, li.text_content())
    files = {p.name for p in data_dir(seed_build).iterdir() if p.suffix in {".json", ".csv"}}
    assert set(linked) == files
    for name, (target, text) in linked.items():
        size = target.stat().st_size
        shown = f"{size} byte" if size < 1000 else f"{size / 1000:.1f} KB".replace(".", ",")
        assert shown in text, (name, text)
    licence = article.xpath(".//p[strong[contains(., 'Giấy phép')]]/a")
    assert licence and licence[0].get("href").startswith("https://")
    # Linked from the statistics page and the home page.
    for url in ["thong-ke/index.html", "index.html"]:
        other = html.fromstring((seed_build.site_dir / url).read_bytes())
        assert other.xpath("//article//a[contains(@href, 'du-lieu/')]"), url


def test_a_figure_past_64_bits_is_written_as_the_record_gives_it(tmp_path: Path) -> None:
    """A number no 64-bit integer holds (JSON encoders that stop there would refuse
    it): written exact, and the files are still JSON."""
    from conftest import copy_project

    from generator.pipeline import generate
    from generator.publish.write import DATA_DIR

    project = copy_project(tmp_path / "project")
    record = project.records / "2018" / "2018-07-12-giao-ban-dong-bang-song-hong.md"
    text = record.read_text(encoding="utf-8")
    assert "value: 11, unit: 'tỉnh, thành phố'" in text
    record.write_text(text.replace("value: 11, unit: 'tỉnh, thành phố'",
                                   "value: 123456789012345678901234, unit: 'tỉnh, thành phố'"), encoding="utf-8")
    generate(project)
    data = project.docs / DATA_DIR
    everything = json.loads((data / "bienban.json").read_text(encoding="utf-8"))
    events = json.loads((data / "events.json").read_text(encoding="utf-8"))
    assert everything["events"] == events
    figures = [f for e in events for items in e["items"].values() for item in items for f in item.get("figures", [])]
    assert {"label": "Tỉnh, thành phố trong khu vực", "value": 123456789012345678901234,
            "unit": "tỉnh, thành phố"} in figures
