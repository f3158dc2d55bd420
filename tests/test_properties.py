"""Property tests (Hypothesis): whatever an editor writes, the tool answers sanely.

- Random records (random Unicode in every text field, random lists and shapes,
  random document numbers, broken YAML): reading and validating never raises;
  every problem is a ``path:line:`` message about that file.
- Generation is deterministic: the same records give byte-identical pages
  whatever the files are called, where they sit and in which order they are
  found, and in whatever process (hash seed) it runs.
- Every link between generated pages resolves to a page that exists.

Kept fast: a few dozen examples each, no MkDocs build (the generated Markdown's
links are checked directly; the built seed site is link-checked elsewhere).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import re
import shutil
import subprocess
import sys
import unicodedata
from html import unescape as unescape_html
from pathlib import Path, PurePosixPath
from typing import Any

import frontmatter
import pytest
import yaml
from conftest import ROOT, copy_project
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from generator.language import docnumber
from generator.pipeline import generate
from generator.problems import RecordErrors
from generator.project import Project
from generator.publish.write import GENERATED_ROOTS, STATE_DIR
from generator.records.corpus import load_record
from generator.records.schema import RECORD_KEYS

#: More examples for a bug hunt: BIENBAN_EXAMPLES=2000 pytest tests/test_properties.py
_SCALE = int(os.environ.get("BIENBAN_EXAMPLES", "0"))


def _settings(examples: int) -> settings:
    return settings(max_examples=_SCALE or examples, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                           HealthCheck.function_scoped_fixture])


#: Reading one file takes a millisecond: many examples.  Generating a site takes
#: a quarter of a second (templates are compiled again each time): fewer.
SETTINGS = _settings(150)
SITE_SETTINGS = _settings(20)

# ------------------------------------------------------------ strategies

#: Any Unicode a pasted text may hold, surrogates aside (they cannot be UTF-8).
any_char = st.characters(blacklist_categories=("Cs",))
VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyàằầảẳẩãẵẫáắấạặậèềẻểẽễéếẹệìỉĩíịòồờỏổởõỗỡóốớọộợùừủửũữúứụựỳỷỹýỵ"
vietnamese_char = st.sampled_from(VIETNAMESE + VIETNAMESE.upper() + "  ,.;:-–“”'\"()[]{}<>/\\*_#|!?&%$@`~^=+")

PARTY_TYPES = ["NQ", "QĐ", "QĐi", "CT", "KL", "HD", "CTr", "TB", "BC", "KH", "QC"]
PARTY_ISSUERS = ["TW", "TU", "HU", "ĐU", "VPTW", "BDVTW", "HNTW", "BCĐ"]
STATE_TYPES = ["NĐ", "QĐ", "TT", "NQ", "CT", "TTLT"]
STATE_ISSUERS = ["CP", "TTg", "UBND", "BNV", "HĐND", "BTC"]


def _messy(number: str, style: int) -> str:
    """The ways editors really type a number: lower case, Ð for Đ, spaces, "số"."""
    if style == 1:
        return number.lower()
    if style == 2:
        return number.replace("Đ", "\u00d0")
    if style == 3:
        return number.replace("-", " - ").replace("/", " / ")
    if style == 4:
        return "số " + number
    return number


party_number = st.builds(lambda n, t, i: f"{n}-{t}/{i}", st.integers(1, 999).map(str) | st.just("05"),
                         st.sampled_from(PARTY_TYPES), st.sampled_from(PARTY_ISSUERS))
state_number = st.one_of(
    st.builds(lambda n, y, t, i: f"{n}/{y}/{t}-{i}", st.integers(1, 9999), st.integers(1990, 2030),
              st.sampled_from(STATE_TYPES), st.sampled_from(STATE_ISSUERS)),
    st.builds(lambda n, t, i: f"{n}/{t}-{i}", st.integers(1, 9999), st.sampled_from(STATE_TYPES),
              st.sampled_from(STATE_ISSUERS)),
)
document_number = st.builds(_messy, party_number | state_number, st.integers(0, 4))
valid_number = document_number.filter(lambda s: docnumber.parse(s) is not None)

#: Free text: random Unicode, Vietnamese-looking text, and text citing numbers.
free_text = st.one_of(
    st.text(any_char, min_size=1, max_size=40),
    st.text(vietnamese_char, min_size=1, max_size=60),
    st.builds(lambda a, n, b: f"{a} {n} {b}", st.text(vietnamese_char, max_size=20), document_number,
              st.text(vietnamese_char, max_size=20)),
)
text = free_text.filter(lambda s: bool(s.strip()))
#: Names get a page each: short, and made of something that is not only spaces.
name = st.text(vietnamese_char, min_size=1, max_size=40).filter(lambda s: bool(s.strip())) | st.sampled_from(
    ["Trương Thị Mai", "Nguyễn Văn Hùng", "Nguyễn Văn Hưng", "Nguyễn Thị Hoà", "Nguyễn Thị Hòa",
     "Ban Dân vận Trung ương", "Uỷ ban MTTQ Việt Nam", "Ủy ban MTTQ Việt Nam", "Dân vận khéo", "index", "tat-ca",
     "Quảng Ninh", "Bến Tre", "<script>alert(1)</script>", "{{ 7*7 }}", "[x](javascript:alert(1))"]
)
province = st.sampled_from(["Quảng Ninh", "Bến Tre", "Hà Nội", "TP Hồ Chí Minh", "tỉnh Khánh Hoà"]) | name
dates = st.dates(dt.date(1945, 1, 1), dt.date(2100, 12, 31))
date_value = dates | dates.map(lambda d: f"{d.day}/{d.month}/{d.year}") | dates.map(lambda d: d.isoformat())

figure = st.fixed_dictionaries({"label": text, "value": st.integers(-10**6, 10**6) | text},
                               optional={"unit": text})
item = text | st.fixed_dictionaries(
    {"text": text},
    optional={"province": province, "topics": st.lists(name, max_size=2), "by": name,
              "deadline": dates, "figures": st.lists(figure, max_size=2)},
)
participant = name | st.fixed_dictionaries(
    {"name": name}, optional={"position": text, "organization": name, "role": text, "note": text}
) | st.fixed_dictionaries({"organization": name}, optional={"role": text})
document_ref = valid_number | st.fixed_dictionaries(
    {"number": valid_number},
    optional={"relation": text, "issuer": text, "title": text, "date": dates, "note": text,
              "province": province, "term": name},
)
source_ref = st.fixed_dictionaries(
    {}, optional={"title": text, "url": st.just("https://example.org/bai-viet?id=1"), "publisher": text,
                  "author": text, "published": dates}
)


@st.composite
def valid_record(draw: st.DrawFn, meeting_id: str) -> dict[str, Any]:
    """A record the schema accepts (warnings allowed: unknown provinces and so on)."""
    start = draw(dates)
    record: dict[str, Any] = {"id": meeting_id, "title": draw(text), "date": start}
    optional: dict[str, st.SearchStrategy[Any]] = {
        "end_date": st.integers(0, 3).map(lambda n: start + dt.timedelta(days=n)),
        "kind": text, "format": st.sampled_from(["trực tiếp", "trực tuyến", "kết hợp", "Trực Tuyến"]),
        "summary": text, "organizer": name | st.lists(name, max_size=2), "location": province,
        "region": st.sampled_from(["Đồng bằng sông Hồng", "Tây Nguyên"]) | text,
        "provinces": st.lists(province, max_size=3), "source": source_ref | st.lists(source_ref, max_size=2),
        "participants": st.lists(participant, max_size=4), "findings": st.lists(item, max_size=3),
        "shortcomings": st.lists(item, max_size=2), "directives": st.lists(item, max_size=2),
        "targets": st.lists(item, max_size=2), "documents": st.lists(document_ref, max_size=3),
        "topics": st.lists(name, max_size=3),
    }
    for key in draw(st.lists(st.sampled_from(sorted(optional)), unique=True)):
        record[key] = draw(optional[key])
    return record


#: Anything YAML can hold, in any shape.
yaml_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | free_text | dates,
    lambda children: st.lists(children, max_size=3)
    | st.dictionaries(st.sampled_from([*RECORD_KEYS, "name", "text", "number", "summry", "x"]) | st.text(max_size=8)
                      | st.integers() | st.booleans() | st.none() | dates, children, max_size=4),
    max_leaves=12,
)
random_record = st.one_of(
    st.dictionaries(st.sampled_from([*RECORD_KEYS, "titel", "participant", "ngày"]), yaml_value, max_size=8),
    st.builds(lambda r, extra: {**r, **extra}, valid_record("ban-ghi"),
              st.dictionaries(st.sampled_from(RECORD_KEYS), yaml_value, max_size=2)),
    yaml_value,
)


def dump(record: Any) -> str:
    return yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=80)


def as_file(record: Any, body: str = "", markdown: bool = True) -> str:
    return f"---\n{dump(record)}---\n{body}" if markdown else dump(record)


@st.composite
def damaged(draw: st.DrawFn) -> str:
    """A valid record's text with random bytes of YAML syntax thrown in."""
    source = as_file(draw(valid_record("ban-ghi")), draw(st.text(any_char, max_size=40)))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(source)))
        junk = draw(st.sampled_from(["\t", ":", ": ", "- ", "'", '"', "&a ", "*a", "[", "]", "{", "}", "\n  ",
                                     "\n", "---\n", "!!python/object ", "<<: ", "? ", "%YAML 1.1\n", "\\", "#"])
                    | st.text(any_char, max_size=3))
        source = source[:at] + junk + source[at:]
    return source


# ------------------------------------------------------------ reading never raises


def _check_problems(path: Path, shown: str) -> None:
    source, record, problems = load_record(path, shown)
    lines = path.read_bytes().count(b"\n") + 2
    for problem in problems:
        assert problem.path == shown
        assert 1 <= problem.line <= lines, str(problem)
        assert problem.message.strip() and "Traceback" not in problem.message
        assert not re.search(r"\b(Error|Exception|object at 0x)\b", problem.message), str(problem)
    if record is None:
        assert any(p.level == "error" for p in problems), "a record was dropped without a message"
    else:
        assert source is not None and not [p for p in problems if p.level == "error"]


@SETTINGS
@given(record=random_record, body=st.text(any_char, max_size=50), markdown=st.booleans())
def test_random_records_never_raise(tmp_path_factory: pytest.TempPathFactory, record: Any, body: str,
                                    markdown: bool) -> None:
    folder = tmp_path_factory.mktemp("random", numbered=True)
    path = folder / ("ban-ghi.md" if markdown else "ban-ghi.yml")
    path.write_text(as_file(record, body, markdown), encoding="utf-8")
    _check_problems(path, f"records/{path.name}")


@SETTINGS
@given(source=damaged())
def test_damaged_yaml_never_raises(tmp_path_factory: pytest.TempPathFactory, source: str) -> None:
    path = tmp_path_factory.mktemp("damaged", numbered=True) / "ban-ghi.md"
    path.write_text(source, encoding="utf-8")
    _check_problems(path, "records/ban-ghi.md")


@SETTINGS
@given(data=st.binary(max_size=200), prefix=st.sampled_from([b"", b"---\ntitle: ", b"\xef\xbb\xbf---\n"]))
def test_random_bytes_never_raise(tmp_path_factory: pytest.TempPathFactory, data: bytes, prefix: bytes) -> None:
    path = tmp_path_factory.mktemp("bytes", numbered=True) / "ban-ghi.md"
    path.write_bytes(prefix + data)
    _check_problems(path, "records/ban-ghi.md")


@SETTINGS
@given(record=valid_record("ban-ghi"))
def test_valid_records_load_as_written_in_nfc(tmp_path_factory: pytest.TempPathFactory,
                                              record: dict[str, Any]) -> None:
    """A record the schema accepts loads without an error, NFD or NFC alike."""
    folder = tmp_path_factory.mktemp("valid", numbered=True)
    nfc_path, nfd_path = folder / "nfc.md", folder / "nfd.md"
    nfc_path.write_text(as_file(record), encoding="utf-8")
    nfd_path.write_text(unicodedata.normalize("NFD", as_file(record)), encoding="utf-8")
    first, second = load_record(nfc_path, "records/nfc.md"), load_record(nfd_path, "records/nfd.md")
    if first[1] is not None:
        assert second[1] is not None
        assert first[1].model_dump() == second[1].model_dump()
        assert unicodedata.is_normalized("NFC", first[1].title)


# ------------------------------------------------------------ a generated site


@st.composite
def corpus(draw: st.DrawFn) -> list[dict[str, Any]]:
    count = draw(st.integers(1, 5))
    ids = draw(st.lists(st.from_regex(r"\A[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,2}\Z"), min_size=count,
                        max_size=count, unique=True))
    assume(not {"index", "con", "prn", "aux", "nul", "tat-ca", "assets", "search"} & set(ids))
    assume(not any(re.fullmatch(r"(com|lpt)\d", i) for i in ids))
    records = [draw(valid_record(i)) for i in ids]
    for record in records:
        others = [i for i in ids if i != record["id"]]
        if others and draw(st.booleans()):
            record["related"] = draw(st.lists(st.sampled_from(others), max_size=2, unique=True))
    return records


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Project]:
    base = tmp_path_factory.mktemp("workspace")
    return {name: copy_project(base / name, records=False) for name in ("a", "b")}


#: The registry's word that the near-spelled names of the vocabulary are two people
#: (Nguyễn Văn Hùng is in the seed registry), so corpora using both still build.
TWO_PEOPLE = "\n- name: Nguyễn Văn Hưng\n  distinct_from: [Nguyễn Văn Hùng]\n"


def _seed_registry(project: Project) -> None:
    with (project.records / "_registry" / "people.yml").open("a", encoding="utf-8") as people:
        people.write(TWO_PEOPLE)


def _reset(project: Project) -> None:
    shutil.rmtree(project.records)
    shutil.copytree(ROOT / "records" / "_registry", project.records / "_registry")
    _seed_registry(project)


def _generated(project: Project) -> dict[str, bytes]:
    """Every generated page and search file (the incremental state files aside)."""
    out: dict[str, bytes] = {}
    for root in (*GENERATED_ROOTS, STATE_DIR):
        for path in sorted((project.docs / root).rglob("*")):
            rel = path.relative_to(project.docs).as_posix()
            if path.is_file() and (root != STATE_DIR or rel.endswith(".md")):
                out[rel] = path.read_bytes()
    return out


def _generate(project: Project) -> list[str] | None:
    """Generate; the warnings, or None when the corpus has errors."""
    try:
        return sorted(str(p) for p in generate(project).report.warnings)
    except RecordErrors:
        return None


def _write(project: Project, records: list[dict[str, Any]], names: list[str]) -> dict[str, str]:
    """Write each record under the given name; returns path → id."""
    where: dict[str, str] = {}
    for record, rel in zip(records, names):
        path = project.records / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(as_file(record, "Ghi chú: " + str(record.get("summary", ""))), encoding="utf-8")
        where[f"records/{rel}"] = str(record["id"])
    return where


def _neutral(files: dict[str, bytes], where: dict[str, str]) -> dict[str, bytes]:
    """Pages with each record's file path replaced by its id (paths are shown on pages)."""
    out: dict[str, bytes] = {}
    for rel, data in files.items():
        for path, meeting_id in where.items():
            data = data.replace(path.encode(), f"<{meeting_id}>".encode())
        out[rel] = data
    return out


@SITE_SETTINGS
@given(records=corpus(), seed=st.integers(0, 2**32 - 1))
def test_generation_is_deterministic_whatever_the_files_are_called(
    workspace: dict[str, Project], records: list[dict[str, Any]], seed: int
) -> None:
    shuffle = random.Random(seed)
    first, second = workspace["a"], workspace["b"]
    for project in (first, second):
        _reset(project)
    names_a = [f"{i:03d}.md" for i in range(len(records))]
    names_b = [f"{shuffle.choice(['', 'x/', 'y/z/'])}{shuffle.randrange(10**6)}-{i}.md"
               for i in range(len(records))]
    shuffle.shuffle(names_b)
    order = list(range(len(records)))
    shuffle.shuffle(order)  # the second project's files are also created in another order
    where_a = _write(first, records, names_a)
    where_b = _write(second, [records[i] for i in order], [names_b[i] for i in order])
    warnings_a, warnings_b = _generate(first), _generate(second)
    assert (warnings_a is None) == (warnings_b is None)
    if warnings_a is None:
        return
    assert _neutral(_generated(first), where_a) == _neutral(_generated(second), where_b)
    # Generating again changes nothing.
    before = _generated(first)
    assert _generate(first) == warnings_a
    assert _generated(first) == before


_LINK = re.compile(r"\]\(([^()\s]+)(?:\s+\"[^\"]*\")?\)")


def _broken_links(project: Project) -> list[str]:
    broken = []
    for page in sorted(project.docs.rglob("*.md")):
        rel = page.relative_to(project.docs)
        if rel.parts[0] not in (*GENERATED_ROOTS, STATE_DIR):
            continue
        folder = PurePosixPath(rel.as_posix()).parent
        if rel.parts[0] == STATE_DIR:
            folder = PurePosixPath(".")  # the home fragment is included by docs/index.md
        # The front matter's values (a title, a description) are printed as text, never
        # read as Markdown: a title "](0)" is not a link.
        body = frontmatter.loads(page.read_text(encoding="utf-8")).content
        for target in _LINK.findall(body):
            if re.match(r"^[a-z]+:", target) or target.startswith("#"):
                continue
            path = target.split("#")[0]
            resolved = os.path.normpath(str(folder / path))
            if resolved.startswith("..") or not (project.docs / resolved).is_file():
                broken.append(f"{rel}: {target}")
    return broken


@SITE_SETTINGS
@given(records=corpus())
# Found by Hypothesis: a title that looks like the end of a link, kept in the page's front matter.
@example(records=[{"id": "0", "title": "0", "date": dt.date(2000, 1, 1)},
                  {"id": "0-0", "title": "](0)", "date": dt.date(2000, 1, 1)}])
def test_every_generated_link_resolves(workspace: dict[str, Project], records: list[dict[str, Any]]) -> None:
    project = workspace["a"]
    _reset(project)
    _write(project, records, [f"{r['id']}.md" for r in records])
    if _generate(project) is None:
        return
    assert _broken_links(project) == []


def test_seed_site_links_resolve(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    generate(project)
    assert _broken_links(project) == []


# ------------------------------------------------------------ across processes


_GENERATE = """
import hashlib, json, sys
from pathlib import Path
from generator.pipeline import generate
from generator.project import Project
project = Project(Path(sys.argv[1]))
generate(project)
out = {}
for path in sorted(project.docs.rglob("*")):
    rel = path.relative_to(project.docs).as_posix()
    if path.is_file() and rel.split("/")[0] in json.loads(sys.argv[2]) and not rel.startswith(".bienban/") or rel == ".bienban/trang-chu.md":
        out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
print(json.dumps(out))
"""


def test_generation_does_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    """Set and dict order must never reach a page: two processes, two hash seeds, same bytes."""
    rng = random.Random(2024)
    records = []
    for i in range(25):
        # A fixed pseudo-random corpus over the strategies' vocabulary.
        records.append({
            "id": f"hop-{i:02d}", "title": f"Hội nghị {rng.choice(['giao ban', 'sơ kết', 'tổng kết'])} {i}",
            "date": dt.date(2018 + i % 5, 1 + i % 12, 1 + i % 28),
            "participants": rng.sample(["Trương Thị Mai", "Nguyễn Văn Hùng", "Nguyễn Văn Hưng", "Nguyễn Thị Hoà",
                                        "Nguyễn Thị Hòa", "Bùi Thị Minh Hoài", "Điểu K’ré"], 3),
            "organizer": rng.sample(["Ban Dân vận Trung ương", "Uỷ ban MTTQ Việt Nam", "Ủy ban MTTQ Việt Nam",
                                     "Tỉnh ủy Quảng Ninh"], 2),
            "topics": rng.sample(["Dân vận khéo", "Dân vận chính quyền", "Quy chế dân chủ ở cơ sở",
                                  "Hoà giải ở cơ sở", "Hòa giải ở cơ sở"], 2),
            "provinces": rng.sample(["Quảng Ninh", "Bến Tre", "Hà Nội", "Khánh Hòa"], 2),
            "findings": [f"Thực hiện {rng.choice(['217-QĐ/TW', '218-QĐ/TW', '17-NQ/TU', '62-KL/TW'])} tốt."],
            "documents": rng.sample(["217-QĐ/TW", "218-QĐ/TW", "17-NQ/TU", "25-NQ/TW", "99-CT/TW"], 2),
        })
    project = copy_project(tmp_path / "project")
    _seed_registry(project)
    for record in records:
        (project.records / f"{record['id']}.md").write_text(as_file(record), encoding="utf-8")
    results = []
    for seed in ("1", "4242"):
        shutil.rmtree(project.docs / STATE_DIR, ignore_errors=True)  # each run generates from scratch
        for root in GENERATED_ROOTS:
            shutil.rmtree(project.docs / root, ignore_errors=True)
        done = subprocess.run(
            [sys.executable, "-c", _GENERATE, str(project.root), json.dumps(list(GENERATED_ROOTS))],
            capture_output=True, text=True, timeout=120, cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        assert done.returncode == 0, done.stderr
        results.append(json.loads(done.stdout))
    assert len(results[0]) > 100
    assert results[0] == results[1]


_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@given(text=st.text(any_char, max_size=80) | st.text(vietnamese_char, max_size=80)
       | st.lists(st.sampled_from(["a", " ", "  ", "\t", "\n", "\xa0", "\u3000", "\x01", "\x7f", "\u200b", "-", "1."]),
                  max_size=12).map("".join))
@example(text=" - điểm")
@example(text="Ông A\u00a0B  nói\x02: “x”")
@SETTINGS
def test_record_text_reaches_the_reader_as_typed(text: str) -> None:
    """Whatever a record's text holds, the reader sees that text on the page (its
    spaces run into one, invisible control characters dropped), never Markdown made of it."""
    import markdown

    from generator.pages.markdown import escape

    html = markdown.markdown(f"Trước. {escape(text)} Sau.")
    assert re.fullmatch(r"<p>[^<>]*</p>", html), html
    shown = re.sub(r"[ \t\n\f\r]+", " ", unescape_html(html[3:-4]))  # as a browser shows it
    assert shown == " ".join(f"Trước. {_CONTROL_CHARS.sub('', text)} Sau.".split())


body_char = st.sampled_from("ab 1.-*#>\n\r\t`~[]()<>&{}:\\!\u2028\x85\x0b\x01") | any_char


@given(body=st.text(body_char, max_size=60))
@example(body="a\r    `x`")
@example(body="\r    17-NQ/TU")
@example(body="x](javascript:alert(1))")
@SETTINGS
def test_plain_bodies_take_the_shortcut_to_what_the_line_by_line_pass_gives(body: str) -> None:
    """A body with nothing to escape, disarm or protect skips the line by line passes:
    the same Markdown, the same spans kept from links, whatever it holds."""
    from generator.pages import markdown as md

    assert md.safe_body(body) == md._safe_body_by_line(body)
    assert md.protected_spans(body) == md._protected_spans_by_line(body)


@given(body=st.text(body_char, max_size=60), cuts=st.lists(st.integers(0, 60), max_size=4))
@SETTINGS
def test_bodies_with_links_to_generated_pages_are_made_safe_as_they_were_before_the_links(
        body: str, cuts: list[int]) -> None:
    """The page's own links to document pages, put into an editor's body, change
    nothing of how the rest is escaped and disarmed: a body with nothing of its own
    to escape keeps the shortcut (render.Linker.body)."""
    from generator.pages import markdown as md

    edges = sorted({min(c, len(body)) for c in cuts})
    pieces, last = [], 0
    for start, end in zip(edges[::2], edges[1::2]):
        pieces += [body[last:start], f"[{body[start:end]}](../van-ban/217-qd-tw.md)"]
        last = end
    linked = "".join([*pieces, body[last:]])
    assert md.safe_body(linked, marked=md.has_body_marks(body)) == md._safe_body_by_line(linked)
