"""The bad-record corpus: every broken input an editor can produce gets its message.

Each folder of ``tests/bad_records/`` is one case (see its README): the case's
files are dropped into a copy of the project beside the seed records and one
more broken record (the sentinel), ``bienban check`` runs through the real
command line, and the output must hold every expected fragment, the sentinel's
message (so the other records were still all checked in the same run), no
problem against a seed record and no traceback.

The cases that are about what the site becomes (NFD text, old and new tone
placement, two names with one slug) are checked on the generated pages below.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import copy_project

from generator.cli import cli
from generator.pipeline import generate
from generator.project import Project

CORPUS = Path(__file__).resolve().parent / "bad_records"
SEED_RECORDS = sorted(
    p.relative_to(Path(__file__).resolve().parent.parent).as_posix()
    for p in (Path(__file__).resolve().parent.parent / "records").rglob("*")
    if p.is_file()
)

#: A broken record added to every error case: its message proves the run went on.
SENTINEL = "records/zz-canh-gac.md"
SENTINEL_TEXT = "---\ndate: 2020-01-01\nkind: Giao ban\n---\n"
SENTINEL_MESSAGE = f"{SENTINEL}:2: lỗi: thiếu khóa bắt buộc “title”"


@dataclass
class Case:
    name: str
    folder: Path
    expected: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)
    exit_code: int = 1
    seconds: float | None = None

    @property
    def files(self) -> list[Path]:
        return sorted(p for p in (self.folder / "records").rglob("*") if p.is_file())


def load_case(folder: Path) -> Case:
    case = Case(folder.name, folder)
    for line in (folder / "expected.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        if line.startswith("@exit "):
            case.exit_code = int(line.split()[1])
        elif line.startswith("@seconds "):
            case.seconds = float(line.split()[1])
        elif line.startswith("@not "):
            case.absent.append(line[len("@not "):])
        else:
            case.expected.append(line)
    return case


CASES = [load_case(f) for f in sorted(CORPUS.iterdir()) if (f / "expected.txt").is_file()]


def install(case: Case, project: Project) -> None:
    """Copy the case's records into ``project`` and grow the files ``pad.txt`` names."""
    shutil.copytree(case.folder / "records", project.records, dirs_exist_ok=True)
    pad = case.folder / "pad.txt"
    if pad.is_file():
        for line in pad.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rel, size = line.rsplit(maxsplit=1)
                with (project.root / rel).open("r+b") as handle:
                    handle.seek(0, 2)
                    # Written, not a sparse hole: the file really is that big on disk.
                    handle.write(b" " * (int(size) - handle.tell()))
    if case.exit_code != 0:
        (project.root / SENTINEL).write_text(SENTINEL_TEXT, encoding="utf-8")


def run_check(project: Project, *, own_process: bool) -> tuple[int, str]:
    """``bienban -C PROJECT check``: exit status and everything it printed.

    In-process (click's runner) by default, which is fast; the resource-abuse
    cases run in their own process, so that a crash there (a C stack overflow
    is a segmentation fault, not an exception) fails the case, not the session.
    """
    if own_process:
        done = subprocess.run(
            [sys.executable, "-m", "generator.cli", "-C", str(project.root), "check"],
            capture_output=True, text=True, timeout=120,
        )
        return done.returncode, done.stdout + done.stderr
    # catch_exceptions=False: an exception fails the test with its traceback.
    result = CliRunner().invoke(cli, ["-C", str(project.root), "check"], catch_exceptions=False)
    return result.exit_code, result.output


def test_corpus_is_not_empty() -> None:
    assert len(CASES) >= 30
    for case in CASES:
        assert case.files, f"{case.name}: no records/"
        assert case.expected, f"{case.name}: expected.txt holds no message"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_record(case: Case, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    install(case, project)
    status, output = run_check(project, own_process=case.name.startswith("abuse_"))
    assert "Traceback" not in output and "lỗi không mong đợi" not in output, output
    assert status == case.exit_code, output
    for fragment in case.expected:
        assert fragment in output, f"missing {fragment!r} in:\n{output}"
    for fragment in case.absent:
        assert fragment not in output, f"unexpected {fragment!r} in:\n{output}"
    if case.exit_code != 0:
        assert SENTINEL_MESSAGE in output, output
    for seed in SEED_RECORDS:  # (a message may name a seed record as where a spelling is used)
        blamed = [line for line in output.splitlines() if line.startswith(f"{seed}:")]
        assert not blamed, f"a seed record was blamed:\n{output}"


_MEASURE = """
import json, sys, time, tracemalloc
from pathlib import Path
from generator.records.loader import read_source
from generator.problems import LoadError
out = {}
for name in sys.argv[1:]:
    path = Path(name)
    tracemalloc.start()
    started = time.perf_counter()
    try:
        read_source(path, path.name)
        refused = False
    except LoadError:
        refused = True
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    out[path.name] = [refused, elapsed, peak]
print(json.dumps(out))
"""


@pytest.mark.parametrize(
    "case", [c for c in CASES if c.seconds is not None], ids=lambda c: c.name
)
def test_abuse_is_refused_fast_and_small(case: Case, tmp_path: Path) -> None:
    """Each file is refused within the time bound, without holding it all in memory.

    Measured in a child process: a crash (the YAML library's C stack) must fail
    this case, not end the whole test session.
    """
    project = Project(tmp_path)
    install(case, project)
    paths = [str(p) for p in sorted(project.records.rglob("*")) if p.is_file() and p.name != Path(SENTINEL).name]
    done = subprocess.run([sys.executable, "-c", _MEASURE, *paths], capture_output=True, text=True, timeout=60,
                          cwd=Path(__file__).resolve().parent.parent)
    assert done.returncode == 0, done.stderr[-2000:]
    for name, (refused, elapsed, peak) in json.loads(done.stdout).items():
        assert refused, name
        assert elapsed < case.seconds, f"{name}: {elapsed:.2f} s"
        # Never the whole 30 MB file, never the expansion of the aliases (the
        # bound on values after expansion keeps the line map to a few MB).
        assert peak < 32_000_000, f"{name}: {peak:,} bytes at peak"


# ------------------------------------------------------------ what the site becomes


def _page(project: Project, rel: str) -> str:
    return (project.docs / rel).read_text(encoding="utf-8")


def _write(project: Project, rel: str, text: str, encoding: str = "utf-8") -> None:
    path = project.records / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))


def test_nfd_text_is_normalised_silently(tmp_path: Path) -> None:
    import unicodedata

    project = copy_project(tmp_path / "project")
    text = (
        "---\nid: 2020-05-12-nfd\ntitle: Hội nghị tổng kết công tác dân vận\ndate: 2020-05-12\n"
        "participants:\n  - name: Trương Thị Mai\n    role: chủ trì\n"
        "topics: [Dân vận khéo]\n---\n\nNội dung ghi chú.\n"
    )
    decomposed = unicodedata.normalize("NFD", text)
    assert decomposed != text
    _write(project, "2020/nfd.md", decomposed)
    result = generate(project)
    assert result.report.problems == []
    page = _page(project, "hoi-nghi/2020-05-12-nfd.md")
    assert "Hội nghị tổng kết công tác dân vận" in page
    assert unicodedata.is_normalized("NFC", page)
    # The NFD name is the seed's Trương Thị Mai: one person, one page.
    people = [p.name for p in (project.docs / "nhan-vat").glob("truong-thi-mai*.md")]
    assert people == ["truong-thi-mai.md"]
    assert "2020-05-12-nfd" in _page(project, "nhan-vat/truong-thi-mai.md")


def test_old_and_new_tone_placement_make_one_page(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", records=False)
    _write(project, "2020/cu.md",
           "---\nid: 2020-05-12-cu\ntitle: Hội nghị hoà giải\ndate: 2020-05-12\n"
           "participants:\n  - name: Nguyễn Thị Hoà\n    organization: Uỷ ban nhân dân tỉnh Khánh Hoà\n"
           "topics: [Hoà giải ở cơ sở]\n---\n")
    _write(project, "2020/moi.md",
           "---\nid: 2020-05-13-moi\ntitle: Hội nghị hòa giải\ndate: 2020-05-13\n"
           "participants:\n  - name: Nguyễn Thị Hòa\n    organization: Ủy ban nhân dân tỉnh Khánh Hòa\n"
           "topics: [Hòa giải ở cơ sở]\n---\n")
    result = generate(project)
    assert result.report.problems == []
    for section, stem in [("nhan-vat", "nguyen-thi-hoa"), ("co-quan", "uy-ban-nhan-dan-tinh-khanh-hoa"),
                          ("chu-de", "hoa-giai-o-co-so")]:
        pages = sorted(p.name for p in (project.docs / section).glob(f"{stem}*.md"))
        assert pages == [f"{stem}.md"], (section, pages)
        page = _page(project, f"{section}/{stem}.md")
        assert "2020-05-12-cu" in page and "2020-05-13-moi" in page
    # The text keeps what each editor wrote; the entity is named as first written.
    assert "# Hội nghị hoà giải" in _page(project, "hoi-nghi/2020-05-12-cu.md")
    assert "# Hội nghị hòa giải" in _page(project, "hoi-nghi/2020-05-13-moi.md")
    assert "# Nguyễn Thị Hoà" in _page(project, "nhan-vat/nguyen-thi-hoa.md")


def _slug_collision(project: Project, names: dict[str, str], registry: str) -> tuple[str, str, list[str]]:
    """Write one record per (file name → person) and the people ``registry``; return
    (Hùng's page, Hưng's page, warnings)."""
    (project.records / "_registry").mkdir(exist_ok=True)
    (project.records / "_registry" / "people.yml").write_text(registry, encoding="utf-8")
    for i, (file_name, person) in enumerate(names.items()):
        _write(project, file_name,
               f"---\nid: 2020-05-1{i}-hop\ntitle: Hội nghị {i}\ndate: 2020-05-1{i}\n"
               f"participants:\n  - name: {person}\n---\n")
    result = generate(project)
    pages = {}
    for page in (project.docs / "nhan-vat").glob("nguyen-van-hung*.md"):
        heading = next(line for line in page.read_text(encoding="utf-8").splitlines() if line.startswith("# "))
        pages[heading[2:]] = page.name
    return pages["Nguyễn Văn Hùng"], pages["Nguyễn Văn Hưng"], [str(p) for p in result.report.warnings]


@pytest.mark.parametrize("registry", [
    "- name: Nguyễn Văn Hùng\n- name: Nguyễn Văn Hưng\n",  # two entries: two people
    "- name: Nguyễn Văn Hùng\n  distinct_from: [Nguyễn Văn Hưng]\n",
])
def test_two_names_with_one_slug_get_two_pages_whatever_the_file_order(tmp_path: Path, registry: str) -> None:
    """Names one mark apart are two people only when the registry says so; then each
    gets its page, the same whichever file is read first, and nothing to warn about."""
    first = _slug_collision(copy_project(tmp_path / "a", records=False),
                            {"a.md": "Nguyễn Văn Hùng", "b.md": "Nguyễn Văn Hưng"}, registry)
    second = _slug_collision(copy_project(tmp_path / "b", records=False),
                             {"a.md": "Nguyễn Văn Hưng", "b.md": "Nguyễn Văn Hùng"}, registry)
    assert first[:2] == second[:2] == ("nguyen-van-hung.md", "nguyen-van-hung-2.md")
    for warnings in (first[2], second[2]):
        assert warnings == []
