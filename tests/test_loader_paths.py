"""The loader's quick paths give what the careful ones give.

- The YAML builder (one loop over libyaml's events, with plain scalars' types
  remembered by their text) reads what PyYAML's composer and safe constructor read
  shared values (anchors and aliases) included, and knows the line of every field.
- The legacy-font quick test on a file's bytes lets through only text in which
  the test on the decoded text finds nothing either.
- A zero-width character is still found in a value when the YAML makes it with an
  escape, not only when it is written as it is.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic_core import PydanticCustomError

from generator.problems import LoadError, Report
from generator.records import loader
from generator.records.corpus import load_record, load_records
from generator.records.loader import GroupedNumber, decode, parse_yaml, read_source
from generator.records.schema import _text


def _typed(value: Any) -> Any:
    """``value`` with the type of every part spelled out (1 and 1.0 and True differ)."""
    if isinstance(value, dict):
        return {key: _typed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_typed(item) for item in value]
    return (type(value).__name__, value)


def _keys_are_names(value: Any) -> bool:
    """Whether every mapping key in ``value`` is a text that is not blank."""
    if isinstance(value, dict):
        return all(isinstance(key, str) and key.strip() and _keys_are_names(item) for key, item in value.items())
    if isinstance(value, list):
        return all(_keys_are_names(item) for item in value)
    return True


def _paths(value: Any, path: tuple[str | int, ...] = ()) -> set[tuple[str | int, ...]]:
    found = {path}
    if isinstance(value, dict):
        for key, item in value.items():
            found |= _paths(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found |= _paths(item, path + (index,))
    return found


# Plain scalars of every type the resolver knows, and look-alikes that stay text;
# the texts recur, so that the second time they are read they come from memory.
_SCALARS = st.one_of(
    st.sampled_from(["1", "-7", "0x1F", "0o17", "1_000", "1.5", "-2.25", ".inf", "-.nan", "1e3", "2018-07-12",
                     "2018-13-45", "2018-07-12T10:00:00Z", "2018-07-12 10:00:00+07:00", "null", "~", "Null", "",
                     "yes", "No", "true", "FALSE", "on", "Off", "y", "n", "Yes please", "nothing", "Tỉnh Điện Biên",
                     "trực tiếp", "12/7/2018", "=", "<<", "'quoted 1'", '"2018-07-12"', "!!str 42", "!!int '42'",
                     "! 12", "!!float 3"]),
    st.text(alphabet="0123456789.-:TtNnYyOoFf ", max_size=12),
)
_KEYS = st.sampled_from(["title", "date", "name", "note", "topics", "figures", "value", "on", "yes", "1", "2018",
                         "Tỉnh", "null key"])


def _document(depth: int = 0) -> st.SearchStrategy[str]:
    """YAML text: block and flow mappings and lists of plain, quoted and tagged scalars."""
    if depth >= 3:
        return _SCALARS
    inner = _document(depth + 1)
    return st.one_of(
        _SCALARS,
        st.lists(inner, max_size=4).map(lambda items: "[" + ", ".join(items or ["[]"]) + "]"),
        st.dictionaries(_KEYS, inner, max_size=4).map(
            lambda pairs: "{" + ", ".join(f"'{key}': {value}" for key, value in pairs.items()) + "}"),
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pairs=st.dictionaries(_KEYS, _document(), min_size=1, max_size=6))
def test_values_are_what_pyyaml_reads(pairs: dict[str, str]) -> None:
    text = "\n".join(f"'{key}': {value}" for key, value in pairs.items())
    try:
        expected = yaml.load(text, Loader=yaml.CSafeLoader)  # noqa: S506 - libyaml, composed by PyYAML
    except (yaml.YAMLError, ValueError, OverflowError, TypeError):
        return  # PyYAML gives up ("2018-13-45" as a date…); the loader's own messages are tested elsewhere
    if not isinstance(expected, dict) or not _keys_are_names(expected):
        return  # the loader keeps a key as written ("0", not 0) and refuses a blank one (tested below)
    data, lines = parse_yaml(text)
    assert _typed(data) == _typed(_grouped(expected, data))
    assert set(lines) == _paths(data)
    again, again_lines = parse_yaml(text)  # now from the remembered scalars
    assert _typed(again) == _typed(data) and again_lines == lines


# Text without the characters the loader refuses where YAML reads structure (pasted
# spaces, invisible characters: tested in test_bad_records) nor control characters.
_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cn", "Co", "Zl", "Zp"),
                              blacklist_characters=[*loader.PASTED_CHARACTERS, *loader.CURLY_QUOTES]), max_size=8)
_DATA = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.dates(), _TEXT,
              st.sampled_from(["1.245", "yes", "2018-07-12", "~", "<<"])),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(_TEXT.filter(bool), inner, max_size=3)),
    max_leaves=12,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=_DATA, second=_DATA, flow=st.booleans())
def test_anchors_and_aliases_are_what_pyyaml_reads(first: Any, second: Any, flow: bool) -> None:
    """Values written once and repeated (PyYAML's dumper writes &id001 … *id001)."""
    shared = {"x": [first, second], "y": second}
    text = yaml.safe_dump({"a": shared, "b": [shared, first], "c": shared}, allow_unicode=True,
                          default_flow_style=flow)
    expected = yaml.load(text, Loader=yaml.CSafeLoader)  # noqa: S506
    if not _keys_are_names(expected):
        return  # a blank key is refused (tested below)
    for _ in range(2):
        data, lines = parse_yaml(text)
        assert _typed(data) == _typed(_grouped(expected, data))
        assert data["b"][0] is data["a"] and data["c"] is data["a"]
        assert set(lines) == _paths(data)
        # A repeated value's fields have the lines where they are written.
        assert lines[("b", 0, "y")] == lines[("c", "y")] == lines[("a", "y")]
        assert lines[("b", 0, "x", 1)] == lines[("a", "x", 1)]


def _grouped(expected: Any, got: Any) -> Any:
    """PyYAML's value, with an unquoted "1.245" as the loader keeps it (text, not a float)."""
    if isinstance(expected, dict) and isinstance(got, dict):
        return {key: _grouped(value, got.get(key)) for key, value in expected.items()}
    if isinstance(expected, list) and isinstance(got, list) and len(expected) == len(got):
        return [_grouped(a, b) for a, b in zip(expected, got)]
    if isinstance(expected, float) and isinstance(got, GroupedNumber):
        return got
    return expected


@pytest.mark.parametrize(("written", "kind", "value"), [
    ("1.245", GroupedNumber, "1.245"),
    ("-1.000", GroupedNumber, "-1.000"),
    ("14.162.000", str, "14.162.000"),  # not a number to YAML either
    ("'1.245'", str, "1.245"),
    ("1.2345", float, 1.2345),
    ("1.5", float, 1.5),
    ("2018-07-12", dt.date, dt.date(2018, 7, 12)),
    ("'2018-07-12'", str, "2018-07-12"),
    ("2018-13-45", str, "2018-13-45"),  # looks like a date, is none: the schema says so with the field
    ("2018-07-12 10:00:00+07:00", dt.datetime,
     dt.datetime(2018, 7, 12, 10, tzinfo=dt.timezone(dt.timedelta(hours=7)))),
    ("null", type(None), None),
    ("", type(None), None),
    ("yes", bool, True),
    ("'yes'", str, "yes"),
    ("Yes please", str, "Yes please"),
    ("0x1F", int, 31),
    ("12345678901234567890123456789012345678901234567890", int, 12345678901234567890123456789012345678901234567890),
    ("!!str 42", str, "42"),
    ("!!binary aGk=", bytes, b"hi"),
    ("Tỉnh Điện Biên", str, "Tỉnh Điện Biên"),
])
def test_each_kind_of_scalar(written: str, kind: type, value: Any) -> None:
    for _ in range(2):  # read afresh, then as remembered
        data, _lines = parse_yaml(f"a: {written}\nb: [{written or 'null'}]")
        assert type(data["a"]) is kind and data["a"] == value
        assert type(data["b"][0]) is kind and data["b"][0] == value


def test_keys_stay_names_and_aliases_keep_their_lines() -> None:
    text = "yes: 1\n2018: &p {name: A, x: [1, 2]}\nlist:\n  - *p\n  - name: B\n"
    for _ in range(2):
        data, lines = parse_yaml(text, 10)
        assert list(data) == ["yes", "2018", "list"]
        assert data["list"][0] is data["2018"]
        assert lines[("2018",)] == 12 and lines[("2018", "x", 1)] == 12
        assert lines[("list", 0)] == 12 and lines[("list", 0, "x", 0)] == 12  # where the repeated value stands
        assert lines[("list", 1, "name")] == 15


@pytest.mark.parametrize(("text", "line", "needle"), [
    ("a: 1\nb:\n  c: 2\n  c: 3\n", 4, "lần đầu ở dòng 3"),
    ("a: &x hello\n*x : 1\nhello: 2\n", 3, "khóa “hello” xuất hiện hai lần"),
    ("a: 1\n~: 2\n", 2, "tên khóa phải là một chữ"),
    ("a: [1]\n<<: {b: 1}\n", 2, "khóa gộp"),
    ("? [a]\n: 1\n", 1, "tên khóa phải là một chữ"),
    ("a: *nowhere\n", 1, "bí danh “*nowhere”"),
    ("a: " + "[" * (loader.MAX_DEPTH + 1) + "]" * (loader.MAX_DEPTH + 1), 1, "lồng vào nhau quá sâu"),
    ("a: [" + ", ".join(["1"] * loader.MAX_NODES) + "]", 1, f"hơn {loader.MAX_NODES}"),
])
def test_refusals_name_the_line(text: str, line: int, needle: str) -> None:
    for _ in range(2):
        with pytest.raises(LoadError) as refused:
            parse_yaml(text)
        assert refused.value.line == line and needle in refused.value.message


def test_nesting_up_to_the_bound_is_read() -> None:
    depth = loader.MAX_DEPTH - 1  # the document's mapping is one level
    data, _lines = parse_yaml("a: " + "[" * depth + "x" + "]" * depth)
    for _ in range(depth + 1):
        data = data["a"] if isinstance(data, dict) else data[0]
    assert data == "x"


# ------------------------------------------------------------------ legacy fonts

_CHARACTERS = [chr(code) for code in range(0x20, 0x250)] + ["\n", "\u0111", "\u1ea1", "\u1ebf", "\u0301"]


def test_quick_legacy_test_on_bytes_misses_nothing() -> None:
    """Every pair of characters the text tests would look at twice is looked at twice."""
    for first in _CHARACTERS:
        for second in _CHARACTERS:
            text = first + second
            if not loader._may_be_legacy(text.encode()):
                present = set(text)
                assert not loader._may_be_tcvn3(text, present) and not loader._may_be_vni(text, present), text


_VNI_TEXT = "Ban Daân vaän Tænh uûy Quaûng Ninh giao ban vôùi Maët traän, Vieät Nam, ñoàng baøo, nhaân daân\n"


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_legacy_font_found_however_the_text_is_composed(form: str) -> None:
    raw = ("---\ntitle: x\n---\n" + unicodedata.normalize(form, _VNI_TEXT)).encode()
    with pytest.raises(LoadError) as refused:
        decode(raw)
    assert "VNI" in refused.value.message and refused.value.line == 4


def test_plain_vietnamese_passes() -> None:
    text = "---\ntitle: Hội nghị giao ban công tác dân vận tỉnh Quảng Ninh, hoà hợp, uỷ ban\n---\n"
    assert decode(text.encode()) == text
    assert decode(unicodedata.normalize("NFD", text).encode("utf-8")) == text


# ------------------------------------------------------------------ zero-width characters


@pytest.mark.parametrize("written", ['"Trương\\u200b Thị Mai"', "Trương\u200b Thị Mai"])
def test_zero_width_in_a_value_is_warned_about_however_written(tmp_path: Path, written: str) -> None:
    path = tmp_path / "hop.md"
    path.write_text(f"---\ntitle: Giao ban\ndate: 2018-07-12\nparticipants:\n  - name: {written}\n---\n",
                    encoding="utf-8")
    source, record, problems = load_record(path, "records/hop.md")
    assert record is not None and source is not None
    assert [(p.level, p.line) for p in problems] == [("warning", 5)]
    assert "“participants[1].name”" in problems[0].message and "U+200B" in problems[0].message


def test_without_zero_width_nor_escape_nothing_is_warned(tmp_path: Path) -> None:
    path = tmp_path / "hop.md"
    path.write_text("---\ntitle: Giao ban\ndate: 2018-07-12\nparticipants:\n  - name: Trương Thị Mai\n---\n",
                    encoding="utf-8")
    source, record, problems = load_record(path, "records/hop.md")
    assert record is not None and source is not None and source.no_zero_width and problems == []


# ------------------------------------------------------------------ reading


def _stat_saying(monkeypatch: pytest.MonkeyPatch, size: int) -> None:
    """Path.stat answers ``size``, as if the file grew after it was asked."""
    real = Path.stat

    def stat(self: Path, **kwargs: Any) -> os.stat_result:
        found = real(self, **kwargs)
        return os.stat_result((*found[:6], size, *found[7:]))

    monkeypatch.setattr(Path, "stat", stat)


def test_a_file_that_grows_after_its_size_is_read_is_read_whole(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "hop.md"
    path.write_text("---\ntitle: Giao ban\ndate: 2018-07-12\n---\nThân bài.\n", encoding="utf-8")
    whole = read_source(path, "records/hop.md")
    _stat_saying(monkeypatch, 10)
    grown = read_source(path, "records/hop.md")
    assert (grown.data, grown.body, grown.lines) == (whole.data, whole.body, whole.lines)


def test_a_file_that_grows_past_the_bound_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "hop.md"
    path.write_bytes(b"---\ntitle: x\n---\n" + b"a" * loader.MAX_FILE_BYTES)
    _stat_saying(monkeypatch, 100)
    with pytest.raises(LoadError) as refused:
        read_source(path, "records/hop.md")
    assert "tệp quá lớn" in refused.value.message


# ------------------------------------------------------------------ validation


def test_short_texts_are_cleaned_alike_each_time() -> None:
    """Texts are normalised, stripped and shared whether seen before or not."""
    nfd = unicodedata.normalize("NFD", "Trương Thị Mai")
    for _ in range(2):
        made = [_text(written) for written in (nfd + " ", "Trương Thị Mai", " " + nfd, GroupedNumber("1.245"))]
        assert made[:3] == ["Trương Thị Mai"] * 3 and made[0] is made[1] is made[2]
        assert made[3] == "1.245" and type(made[3]) is str
        assert _text("x" * 100 + " ") == "x" * 100
        for blank in ("", "  ", "\n"):
            with pytest.raises(PydanticCustomError):
                _text(blank)


@pytest.mark.parametrize("collecting", [True, False])
def test_loading_leaves_the_cycle_collector_as_it_found_it(tmp_path: Path, collecting: bool) -> None:
    """The collector is off while records arrive, and back as it was afterwards (a serve
    process that lost it would keep every cycle it ever made)."""
    records = tmp_path / "records"
    records.mkdir()
    (records / "hop.md").write_text("---\ntitle: Giao ban\ndate: 2018-07-12\n---\n", encoding="utf-8")
    (records / "hong.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    was = gc.isenabled()
    try:
        (gc.enable if collecting else gc.disable)()
        report = Report()
        loaded, fresh = load_records(tmp_path, sorted(records.iterdir()), report)
        assert gc.isenabled() is collecting
    finally:
        (gc.enable if was else gc.disable)()
    assert [source.path for source, _record in loaded] == ["records/hop.md"] and len(fresh) == 2
    assert [(p.path, p.level) for p in report.problems] == [("records/hong.md", "error")]
