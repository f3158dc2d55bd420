"""`bienban schema`: the JSON Schema editors' tools read, generated from the record model."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from generator.editors.draft import draft_article, read_article, render
from generator.editors.json_schema import DOCS, MODELS, PUBLISHED, record_schema, schema_text
from generator.records.loader import find_record_files, parse_yaml, read_source, split_front_matter

ROOT = Path(__file__).resolve().parent.parent
VALIDATOR = jsonschema.Draft202012Validator(record_schema())


def as_json(value: Any) -> Any:
    """What the YAML extension of VS Code sees: YAML 1.2, where a date is a string."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, (dt.date, str)) and not isinstance(value, (int, float)):
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    return value


def errors(data: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATOR.iter_errors(as_json(data))]


def test_the_published_schema_is_the_generated_one() -> None:
    """docs/assets/… is what the site serves; regenerate with `bienban schema --out …`."""
    assert (ROOT / PUBLISHED).read_text(encoding="utf-8") == schema_text()
    result = subprocess.run([sys.executable, "-m", "generator.cli", "schema"], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0 and json.loads(result.stdout) == record_schema()


def test_every_key_of_the_model_is_described_in_vietnamese() -> None:
    keys = {(m.__name__, k) for m in MODELS for k in m.model_fields}
    assert set(DOCS) == keys  # a new key in generator/schema.py needs its description here
    schema = record_schema()
    for name, body in [("Record", schema), *schema["$defs"].items()]:
        for key, prop in body["properties"].items():
            assert prop["description"] and prop["examples"], (name, key)


def test_fixed_lists_are_enums() -> None:
    schema = record_schema()
    text = json.dumps(schema, ensure_ascii=False)
    assert '"enum": ["trực tiếp", "trực tuyến", "kết hợp"]' in text
    provinces = schema["properties"]["provinces"]["anyOf"][0]["enum"]
    assert "Quảng Ninh" in provinces and "Thành phố Hồ Chí Minh" in provinces
    assert "Đồng bằng sông Hồng" in schema["properties"]["region"]["anyOf"][0]["enum"]


@pytest.mark.parametrize("path", find_record_files(ROOT / "records"), ids=lambda p: p.name)
def test_every_seed_record_is_valid_for_the_schema(path: Path) -> None:
    """Shorthands included: no red underline on a record that `bienban check` accepts."""
    assert errors(read_source(path, path.name).data) == []


def test_drafts_are_valid_for_the_schema() -> None:
    for article in sorted((ROOT / "benchmarks" / "articles").glob("*.txt")):
        front, _, offset, _ = split_front_matter(render(draft_article(read_article(article)), article.name))
        assert errors(parse_yaml(front, offset)[0]) == [], article.name


def test_mistakes_are_underlined() -> None:
    good = {"title": "Hội nghị", "date": "12/7/2018"}
    assert errors(good) == []
    assert errors({"title": "Hội nghị"})  # date is required
    assert errors({**good, "participnts": ["A"]})  # unknown key
    assert errors({**good, "format": "online"})
    assert errors({**good, "date": "hôm qua"})
    assert errors({**good, "provinces": ["Quang Ninh"]})
    assert errors({**good, "findings": [{"txt": "x"}]})
