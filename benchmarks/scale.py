"""Scale benchmark: build a synthetic N-meeting site and measure what issue 5 asks.

    .venv/bin/python benchmarks/scale.py --meetings 1000 [--seed 1] [--keep DIR]
        [--no-browser] [--serve] [--repeat 1] [--profile 15]
    .venv/bin/python benchmarks/scale.py --site site/     # search only, on a built site

In a temporary folder (or ``--keep DIR``, left in place) it writes the corpus of
``benchmarks/synth.py``, copies this project's mkdocs.yml, templates/ and
hand-written docs/ beside it, then measures, in this order:

``generate_s``
    a cold :func:`generator.pipeline.generate` (no generated docs yet), in-process.
``mkdocs_s``
    ``python -m mkdocs build --strict`` on those generated docs, wall time of the
    subprocess (so it pays interpreter start-up and imports, as ``total_s`` does).
``total_s``, ``peak_rss_mb``
    ``bienban -C DIR build`` from scratch (generated docs and site/ removed): wall
    time of the subprocess, and its peak memory with its children: the larger of
    ru_maxrss from ``os.wait4`` on it (the largest single process) and the peak
    sum of PSS over its process tree polled from /proc ten times a second (the
    generator may fork workers that run side by side).
``incremental_s``
    one sentence appended to one finding of one record, then
    ``bienban -C DIR build --incremental``: wall time until it exits; the
    meeting's page in site/ is then checked to hold the sentence.  This is the
    first incremental build after the full one, as an editor meets it;
    ``incremental_warm_s`` is the fastest of ``--repeat`` further edits, each
    followed by an incremental build (whatever state the first one left).
``serve_edit_s``, ``serve_new_entities_s`` (``--serve``)
    ``bienban serve`` started on the built project, one record edited, then the
    meeting's page polled until the server gives it with the edit: what an
    editor waits for in the browser (null without ``--serve``).  First a sentence
    added to a finding, then (same server) a new participant and a new document
    number cited.  ``--serve-only --keep DIR`` measures only these two, on the
    project a previous ``--keep DIR`` run left built.
``search_index_bytes``, ``first_answer_ms``
    site/ served on 127.0.0.1 (the keep-alive, TCP_NODELAY server of
    benchmarks/search_bench.py, as a real web server behaves), opened in headless
    Chromium with a cold cache per query.  For each query, in two ways — typed
    key by key at 80 ms a key (``typed``: the prefixes are searched too) and
    pasted then one key (``pasted``: every shard is fetched after the keystroke)
    — it sums the response bodies of every search request from page load until
    the reader sees the answer to the whole query (Material's
    search/search_index.json and our worker, both fetched on page load, and the
    chi-muc/ shards), and times the last keyup to the first render of that
    answer in the result list.  Each is tried :data:`SEARCH_TRIES` times and the median
    try kept (the table shows every try's time).  The JSON reports the largest of all.  The first
    result for "217-QĐ/TW" must be van-ban/217-qd-tw/ (``first_result_ok``).

With ``--repeat N`` each build is measured N times and the fastest kept (peak
RSS: the largest), which tames a machine others are loading; the table shows
every time.  ``--profile N`` also prints the top N lines of a cProfile of a cold
generate (sorted by cumulative time; serial, see :func:`profile_generate`).
generator/ is copied into the work folder first and every step imports that
copy, so edits made to the repository during a long run do not leak into it.

``overhead`` = total_s / mkdocs_s; ``ms_per_page`` = mkdocs_s / pages * 1000 (for
comparing growth between runs); ``generate_ms_per_meeting`` = generate_s / meetings * 1000.  A readable table goes first; the last line of
stdout is one JSON object with the keys of issue 5 and ``incremental_warm_s``,
``first_result_ok``, ``seed``, ``repeat`` and ``load_avg`` (1/5/15-minute load
at the start: the figures are only comparable on a quiet machine).  The exit
status is 1 if the "217-QĐ/TW" check fails.

``--site DIR`` measures only the search, the same way, on a site already built
(e.g. the seed site: ``make build`` then ``--site site``); its JSON line has
``site``, ``search_index_bytes``, ``first_answer_ms`` and ``first_result_ok``.
"""

from __future__ import annotations

import argparse
import cProfile
import importlib.util
import io
import json
import os
import pstats
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

#: Where the subprocesses import ``generator`` from: main() points it to a copy
#: taken at the start, so that edits to generator/ made by others during a long
#: run cannot mix two versions of the code into one set of figures.
CODE = ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
#: (query, page that must come first or None).  The document number is the
#: search issue's headline case; the folded topic name exercises word shards.
QUERIES: list[tuple[str, str | None]] = [("217-QĐ/TW", "van-ban/217-qd-tw/"), ("dan van kheo", None)]
TYPING_DELAY_MS = 80
#: Each query is searched this many times (a cold cache each) and the median try kept: one
#: try of a 130 ms answer on a loaded two-core machine is off by 30–140 ms now and then.
SEARCH_TRIES = 3
#: Appended to a finding for the incremental build; the odd token is easy to find.
EDIT_SENTENCE = "Câu bổ sung đo thử dựng tăng dần bbkiemthu{tag}."
JSON_KEYS = ("meetings", "pages", "generate_s", "mkdocs_s", "total_s", "peak_rss_mb",
             "search_index_bytes", "first_answer_ms", "incremental_s", "overhead", "ms_per_page")


def load_by_path(name: str, path: Path) -> ModuleType:
    """Import a file of benchmarks/ (not a package) by its path."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


# ------------------------------------------------------------------ project


def setup_project(proj: Path) -> None:
    """This project's config, templates and hand-written docs beside the corpus's records/
    (as tests/conftest.py's copy_project, without its records)."""
    shutil.copy2(ROOT / "mkdocs.yml", proj / "mkdocs.yml")
    shutil.copytree(ROOT / "templates", proj / "templates")
    from generator.publish.write import GENERATED_ROOTS, STATE_DIR

    skip = set(GENERATED_ROOTS) | {STATE_DIR}
    docs = ROOT / "docs"
    shutil.copytree(docs, proj / "docs",
                    ignore=lambda folder, names: [n for n in names if Path(folder) == docs and n in skip])


def set_aside(path: Path, work: Path) -> None:
    """Move ``path`` out of the way, into a folder of ``work`` removed at the end.

    Not deleted now: for a few minutes after thousands of files are deleted, ext4
    creates each new file up to 20 times slower (its inode allocator steps over the
    recently deleted ones: ``recently_deleted`` in ``perf``), which would charge the
    next timed step for this clean-up, not for its own work."""
    if not path.exists():
        return
    aside = work / SET_ASIDE
    aside.mkdir(exist_ok=True)
    path.rename(aside / f"{len(list(aside.iterdir()))}-{path.name}")


#: In the work folder, beside the project: what :func:`set_aside` moved, deleted when the benchmark ends.
SET_ASIDE = ".set-aside"


def clean_outputs(proj: Path) -> None:
    """Move generated docs and built sites away, so the next build starts from scratch."""
    from generator.publish.write import GENERATED_ROOTS, STATE_DIR

    for name in [*GENERATED_ROOTS, STATE_DIR]:
        set_aside(proj / "docs" / name, proj.parent)
    for name in ("site", ".site.building", ".site.old"):
        set_aside(proj / name, proj.parent)


def snapshot_code(work: Path) -> None:
    """Copy generator/ into ``work`` and import it from there, here and in subprocesses."""
    global CODE
    if "generator" in sys.modules:  # imported already (scale.py used as a module): keep it
        return
    CODE = work / "code"
    shutil.rmtree(CODE, ignore_errors=True)
    shutil.copytree(ROOT / "generator", CODE / "generator",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    sys.path.insert(0, str(CODE))


def prepare_workdir(keep: str | None) -> Path:
    if not keep:
        return Path(tempfile.mkdtemp(prefix="bienban-scale-"))
    work = Path(keep).resolve()
    proj = work / "project"
    if proj.exists():
        # Only a project this script made (its records carry synth.py's marker) is replaced.
        if not (proj / "records" / ".synth-corpus").exists():
            raise SystemExit(f"{proj} exists and was not made by scale.py; choose another --keep folder")
        shutil.rmtree(proj)
    shutil.rmtree(work / "site-mkdocs", ignore_errors=True)
    work.mkdir(parents=True, exist_ok=True)
    return work


# ------------------------------------------------------------------ processes


@dataclass
class Run:
    seconds: float
    peak_rss_mb: float  # the larger of max_process_mb and tree_pss_mb
    returncode: int
    stdout: str
    stderr: str
    max_process_mb: float = 0.0  # ru_maxrss: the largest single process of the tree
    tree_rss_mb: float = 0.0  # peak of the polled sum of RSS over the tree (counts shared pages twice)
    tree_pss_mb: float = 0.0  # peak of the polled sum of PSS (shared pages split between sharers)


def _tree(pid: int) -> list[int]:
    """``pid`` and its living descendants (Linux /proc/PID/task/TID/children)."""
    out, stack = [], [pid]
    while stack:
        current = stack.pop()
        out.append(current)
        try:
            tasks = os.listdir(f"/proc/{current}/task")
        except OSError:
            continue
        for tid in tasks:
            try:
                with open(f"/proc/{current}/task/{tid}/children", encoding="ascii") as handle:
                    stack.extend(int(c) for c in handle.read().split())
            except OSError:
                pass
    return out


def _memory_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in KiB, (0, 0) once it is gone."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except (OSError, ValueError):
        pass
    return rss, pss


class TreeSampler(threading.Thread):
    """Polls the memory of a process tree: forked workers run side by side, so the
    footprint is their sum, which ru_maxrss (the largest single process) misses."""

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.stop = threading.Event()
        self.peak_rss_kb = self.peak_pss_kb = 0

    def run(self) -> None:
        while not self.stop.is_set():
            rss = pss = 0
            for pid in _tree(self.pid):
                r, p = _memory_kb(pid)
                rss, pss = rss + r, pss + p
            self.peak_rss_kb = max(self.peak_rss_kb, rss)
            self.peak_pss_kb = max(self.peak_pss_kb, pss)
            self.stop.wait(self.interval)


def run_measured(cmd: list[str], cwd: Path, timeout: float = 3600) -> Run:
    """Run ``cmd``; its wall time and memory (see :class:`Run`).

    os.wait4 returns this child's own rusage, so earlier children (a server, a
    browser) cannot inflate the figure as RUSAGE_CHILDREN's running max would;
    its ru_maxrss is the largest single process of the tree, and a sampler adds
    the sum over processes running at once.  Output goes to files: a pipe could
    fill and stall the child.
    """
    env = dict(os.environ, BIENBAN_DEBUG="1", PYTHONPATH=str(CODE))
    with tempfile.TemporaryFile("w+", encoding="utf-8") as out, \
            tempfile.TemporaryFile("w+", encoding="utf-8") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err, env=env)
        sampler = TreeSampler(proc.pid)
        sampler.start()
        deadline = started + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.005)
        seconds = time.perf_counter() - started
        sampler.stop.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        largest = usage.ru_maxrss / 1024
        pss = sampler.peak_pss_kb / 1024
        return Run(seconds, max(largest, pss), proc.returncode, out.read(), err.read(),
                   largest, sampler.peak_rss_kb / 1024, pss)


def check_run(what: str, run: Run) -> None:
    if run.returncode != 0:
        sys.stderr.write(run.stdout[-4000:] + run.stderr[-4000:])
        raise SystemExit(f"{what} failed (exit {run.returncode})")


def bienban_cmd() -> list[str]:
    script = Path(sys.executable).parent / "bienban"
    return [str(script)] if script.exists() else [sys.executable, "-m", "generator.cli"]


# ------------------------------------------------------------------ the edit


def edit_one_record(proj: Path, tag: str) -> tuple[str, str]:
    """Append a sentence to the first finding of the middle record; returns (meeting id, sentence).

    A text edit of one line, as an editor makes it (the rest of the file stays
    byte for byte); synth.py writes each finding's text on one line, plain or
    JSON-quoted.  The result is parsed back to check the edit is what we meant.
    """
    import yaml

    files = sorted((proj / "records").glob("[0-9]*/*.md"))
    path = files[len(files) // 2]
    sentence = EDIT_SENTENCE.format(tag=tag)
    lines = path.read_text(encoding="utf-8").split("\n")
    start = lines.index("findings:")
    for i in range(start + 1, len(lines)):
        match = re.match(r"^(  - text: )(.*)$", lines[i])
        if match:
            value = match.group(2)
            if value.startswith('"') and value.endswith('"'):
                lines[i] = match.group(1) + value[:-1] + " " + sentence + '"'
            else:
                lines[i] = match.group(1) + value + " " + sentence
            break
    else:
        raise SystemExit(f"no finding to edit in {path}")
    text = "\n".join(lines)
    front = yaml.safe_load(text.split("---\n")[1])
    if not front["findings"][0]["text"].endswith(sentence):
        raise SystemExit(f"the edit of {path} did not parse back as intended")
    path.write_text(text, encoding="utf-8")
    return str(front["id"]), sentence


def _letters(tag: str) -> str:
    """A tag as a word of letters ("1x2" → "Bxc"): a person's name holds no digits."""
    word = "".join("abcdefghik"[int(c)] if c.isdigit() else c for c in tag if c.isalnum())
    return word[:1].upper() + word[1:]


def edit_new_entities(proj: Path, tag: str) -> tuple[str, list[str]]:
    """Add a participant nobody has named yet and cite a document number no record has
    cited to the middle record: the edit that adds a person page and a document page.
    Returns (meeting id, what its page must show: the name and the number)."""
    import yaml

    files = sorted((proj / "records").glob("[0-9]*/*.md"))
    path = files[len(files) // 2]
    name = f"Lương Khảo {_letters(tag)}"
    number = f"{9000 + sum(map(ord, tag)) % 999}-CT/TW"
    lines = path.read_text(encoding="utf-8").split("\n")
    at = lines.index("participants:") + 1
    pad = lines[at][: len(lines[at]) - len(lines[at].lstrip())]  # the list's own indentation
    lines[at:at] = [f"{pad}- name: {name}", f"{pad}  role: dự họp"]
    cite = [f"{pad}- number: {number}", f"{pad}  relation: thực hiện"]
    if "documents:" in lines:
        at = lines.index("documents:") + 1
        lines[at:at] = cite
    else:
        at = lines.index("findings:")
        lines[at:at] = ["documents:", *cite]
    text = "\n".join(lines)
    front = yaml.safe_load(text.split("---\n")[1])
    if front["participants"][0]["name"] != name or not any(d["number"] == number for d in front["documents"]):
        raise SystemExit(f"the edit of {path} did not parse back as intended")
    path.write_text(text, encoding="utf-8")
    return str(front["id"]), [name, number]


#: The edits ``--serve`` times: one sentence added to a finding; a new person and a new document.
SERVE_EDITS = ("text", "new_entities")


def measure_serve(proj: Path, tag: str, timeout: float = 3600) -> dict[str, float]:
    """``bienban serve`` on a free port; once it serves, one record is edited and
    the meeting's page is polled (every 50 ms) until it shows the edit: seconds
    from the save to the page a reader's browser would reload, for each edit of
    :data:`SERVE_EDITS` in turn (the server keeps running between them)."""
    import socket
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = tempfile.TemporaryFile("w+", encoding="utf-8")
    server = subprocess.Popen([*bienban_cmd(), "-C", str(proj), "serve", "--addr", f"127.0.0.1:{port}"],
                              cwd=proj, stdout=log, stderr=subprocess.STDOUT,
                              env=dict(os.environ, PYTHONPATH=str(CODE)))

    def fetch(url: str) -> str | None:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            return None

    try:
        deadline = time.monotonic() + timeout
        while fetch(f"http://127.0.0.1:{port}/") is None:
            if server.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                raise SystemExit(f"bienban serve did not start:\n{log.read()[-3000:]}")
            time.sleep(0.5)
        times: dict[str, float] = {}
        for done, kind in enumerate(SERVE_EDITS):
            # The previous edit's work all done (serve prints one "Đã cập nhật" line per
            # regeneration): each edit is timed on its own, not behind the previous one.
            while True:
                log.seek(0)
                if log.read().count("Đã cập nhật") >= done:
                    break
                if time.monotonic() > deadline:
                    raise SystemExit("bienban serve did not finish the previous edit")
                time.sleep(0.2)
            time.sleep(2)  # let the watchers settle
            if kind == "text":
                meeting_id, sentence = edit_one_record(proj, tag)
                shown = [sentence]
            else:
                meeting_id, shown = edit_new_entities(proj, tag)
            saved = time.perf_counter()
            url = f"http://127.0.0.1:{port}/hoi-nghi/{meeting_id}/"
            while not all(part in (fetch(url) or "") for part in shown):
                if time.perf_counter() - saved > 300:
                    raise SystemExit(f"bienban serve did not show the edit ({kind}) within 300 s")
                time.sleep(0.05)
            times[kind] = time.perf_counter() - saved
        return times
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


# ------------------------------------------------------------------ browser

#: Installed before Material's scripts: timestamps (page clock) of keyups, of the
#: queries Material posts to our worker and of its answers, and of each render
#: of the result list.
INIT_JS = r"""
(() => {
  const B = window.__bbScale = {keys: [], queries: [], results: [], renders: []};
  const Real = window.Worker;
  window.Worker = function (url, options) {
    const worker = new Real(url, options);
    if (String(url).indexOf("bienban-search") >= 0) {
      const post = worker.postMessage;
      worker.postMessage = function (message) {
        if (message && message.type === 2) B.queries.push([performance.now(), String(message.data)]);
        return post.apply(this, arguments);
      };
      worker.addEventListener("message", (ev) => {
        const d = ev.data;
        if (d && d.type === 3) B.results.push([performance.now(),
          JSON.stringify(d.data.items.map((g) => g[0].location))]);
      });
    }
    return worker;
  };
  window.Worker.prototype = Real.prototype;
  document.addEventListener("keyup", () => B.keys.push(performance.now()), true);
  document.addEventListener("DOMContentLoaded", () => {
    const list = document.querySelector(".md-search-result__list");
    if (!list) return;
    new MutationObserver(() => {
      const a = list.querySelector(".md-search-result__item > a");
      if (a) B.renders.push([performance.now(), a.href]);
    }).observe(list, {childList: true});
  });
})();
"""

SEARCH_URL = re.compile(r"/(search/search_index\.json|assets/javascripts/bienban-search\.js|chi-muc/[^/?]+\.json)(\?|$)")


@dataclass
class QueryRun:
    query: str
    mode: str
    bytes: int
    requests: int
    shards: int
    ms: float
    first: str | None
    ok: bool | None
    breakdown: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # console warnings/errors, page errors
    tries: list[float] = field(default_factory=list)  # the times of every try (see SEARCH_TRIES)


def _worker(page: Any) -> Any:
    for worker in page.workers:
        if "bienban-search" in worker.url:
            return worker
    return None


def search_once(browser: Any, base: str, query: str, expected: str | None, mode: str) -> QueryRun:
    context = browser.new_context()  # a cold cache for every query
    try:
        problems: list[str] = []
        # The context's console event includes the worker's (where a broken index shows).
        context.on("console", lambda m: problems.append(f"console.{m.type}: {m.text}")
                   if m.type in ("warning", "error") else None)
        page = context.new_page()
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        page.add_init_script(INIT_JS)
        requests: list[Any] = []
        page.on("request", lambda r: requests.append(r))
        page.goto(base)
        page.wait_for_load_state("networkidle")
        page.keyboard.press("/")  # Material's shortcut: opens the search and focuses the box
        box = page.locator("input.md-search__input")
        box.wait_for(state="visible")
        if mode == "typed":
            box.press_sequentially(query, delay=TYPING_DELAY_MS)
        else:
            box.fill(query)
            box.press("End")  # Material reads the box on keyup
        deadline = time.monotonic() + 60
        while True:
            worker = _worker(page)
            state = worker.evaluate("({a: self.bienbanSearch.answered, l: self.bienbanSearch.locations})") \
                if worker else {"a": None}
            if state["a"] == query:
                break
            if time.monotonic() > deadline:
                raise SystemExit(f"search: no answer to {query!r} within 60 s")
            time.sleep(0.01)
        locations: list[str] = state["l"]
        if locations:
            # Wait until the list shows this answer (Material renders 10 at first).
            page.wait_for_function(
                """want => JSON.stringify(Array.from(
                     document.querySelectorAll('.md-search-result__item > a:first-child'),
                     a => a.href.split('?')[0])) === JSON.stringify(want)""",
                arg=[base + loc for loc in locations[:10]], timeout=30_000)
        seen = list(requests)  # what was asked for up to the answer
        marks = page.evaluate("window.__bbScale")
        context_ms = _answer_ms(marks, locations)
        total, count, shards, breakdown = 0, 0, 0, {}
        for request in seen:
            match = SEARCH_URL.search(request.url)
            if not match:
                continue
            response = request.response()
            size = len(response.body()) if response is not None else 0
            name = match.group(1).rsplit("/", 1)[-1]
            shard = match.group(1).startswith("chi-muc/")
            # Shards by kind: chi-muc/k.* (keys), t.* (tokens), p.* (pages), manifest.
            kind = f"chi-muc/{name.split('.')[0]}" if shard else name
            breakdown[kind] = breakdown.get(kind, 0) + size
            total += size
            count += 1
            shards += shard
        first = locations[0] if locations else None
        ok = None if expected is None else first == expected
        return QueryRun(query, mode, total, count, shards, context_ms, first, ok, breakdown, problems)
    finally:
        context.close()


def _answer_ms(marks: dict[str, list[Any]], locations: list[str]) -> float:
    """Last keyup → first render of the whole query's answer, on the page's clock."""
    last_key = marks["keys"][-1]
    last_post = marks["queries"][-1][0] if marks["queries"] else last_key
    want = json.dumps(locations, separators=(",", ":"))
    # The worker answers in order and drops overtaken queries, so the first
    # answer after the last query posted that lists these pages is the one.
    answered = next((t for t, locs in marks["results"] if t >= last_post and
                     json.dumps(json.loads(locs), separators=(",", ":")) == want), None)
    if answered is None:
        answered = marks["results"][-1][0] if marks["results"] else last_key
    if not locations:
        return answered - last_key
    shown = next((t for t, _ in marks["renders"] if t >= answered), answered)
    return shown - last_key


def measure_search(site: Path) -> list[QueryRun]:
    from playwright.sync_api import sync_playwright

    search_bench = load_by_path("bienban_search_bench", ROOT / "benchmarks" / "search_bench.py")
    base, server = search_bench.serve(site)
    runs: list[QueryRun] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                for query, expected in QUERIES:
                    for mode in ("typed", "pasted"):
                        tries = sorted((search_once(browser, base, query, expected, mode) for _ in range(SEARCH_TRIES)),
                                       key=lambda r: r.ms)
                        median = tries[len(tries) // 2]
                        median.tries = [r.ms for r in tries]
                        median.ok = all(r.ok for r in tries) if median.ok is not None else None
                        runs.append(median)
            finally:
                browser.close()
    finally:
        server.shutdown()
    return runs


# ------------------------------------------------------------------ main


def profile_generate(proj: Path, top: int) -> str:
    """cProfile of a cold generate, top ``top`` lines by cumulative time.

    The generator is made to see one CPU (os.cpu_count() patched to 1), so its
    process pools run serially: work done in forked workers is invisible to
    cProfile, which would only show the parent waiting on a lock.
    """
    from unittest import mock

    from generator.pipeline import generate
    from generator.project import Project

    clean_outputs(proj)
    profiler = cProfile.Profile()
    with mock.patch("os.cpu_count", return_value=1):
        profiler.enable()
        try:
            generate(Project(proj))
        finally:
            profiler.disable()
    out = io.StringIO()
    print("cProfile of a cold generate (serial: os.cpu_count() = 1), by cumulative time:", file=out)
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def print_search_table(runs: list[QueryRun]) -> None:
    print(f"{'search query':16s} {'mode':7s} {'bytes':>9s} {'reqs':>5s} {'shards':>6s} {'ms':>6s} {'tries':>13s}  "
          f"first result")
    for r in runs:
        flag = "" if r.ok is None else ("  ok" if r.ok else "  WRONG")
        tries = "/".join(f"{ms:.0f}" for ms in r.tries)
        print(f"{r.query:16s} {r.mode:7s} {r.bytes:9,d} {r.requests:5d} {r.shards:6d} {r.ms:6.0f} {tries:>13s}  "
              f"{r.first}{flag}")
    problems = sorted({p for r in runs for p in r.problems})
    for problem in problems[:10]:
        print(f"  browser: {problem[:300]}")
    worst = max(runs, key=lambda r: r.bytes)
    print(f"largest download ({worst.query!r}, {worst.mode}) by file: "
          + ", ".join(f"{k} {v:,d} B" for k, v in sorted(worst.breakdown.items())))


def search_only(site: Path) -> int:
    if not (site / "index.html").is_file():
        raise SystemExit(f"{site} is not a built site (no index.html)")
    runs = measure_search(site)
    print_search_table(runs)
    checked = [r.ok for r in runs if r.ok is not None]
    result = {"site": str(site), "search_index_bytes": max(r.bytes for r in runs),
              "first_answer_ms": round(max(r.ms for r in runs)), "first_result_ok": all(checked)}
    print(json.dumps(result, ensure_ascii=False))
    return 0 if all(checked) else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--meetings", type=int)
    parser.add_argument("--site", metavar="DIR", help="measure only the search of this built site")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", metavar="DIR", help="work in DIR and leave the project there")
    parser.add_argument("--no-browser", action="store_true", help="skip the search measurements (null)")
    parser.add_argument("--serve", action="store_true",
                        help="also measure bienban serve: seconds from saving a record to the page showing it")
    parser.add_argument("--serve-only", action="store_true",
                        help="with --keep DIR of a previous run: only the serve edits, on that built project")
    parser.add_argument("--repeat", type=int, default=1, metavar="N",
                        help="measure each build N times and keep the fastest (a shared, loaded machine)")
    parser.add_argument("--profile", type=int, metavar="N", default=0,
                        help="also profile a cold generate and print the top N lines by cumulative time")
    args = parser.parse_args(argv)
    if args.serve_only:
        if not args.keep:
            parser.error("--serve-only needs --keep DIR (a project a previous run left built)")
        return serve_only(args.keep, args.seed)
    if args.site:
        return search_only(Path(args.site))
    if args.meetings is None:
        parser.error("--meetings N (or --site DIR) is required")
    if args.meetings < 1 or args.repeat < 1:
        parser.error("--meetings and --repeat must be at least 1")

    load_start = os.getloadavg()
    work = prepare_workdir(args.keep)
    proj = work / "project"
    try:
        snapshot_code(work)
        from generator.pipeline import generate
        from generator.project import Project

        synth = load_by_path("bienban_synth", ROOT / "benchmarks" / "synth.py")
        t0 = time.perf_counter()
        synth.write_corpus(proj, args.meetings, args.seed)
        synth_s = time.perf_counter() - t0
        setup_project(proj)
        project = Project(proj)

        # 1. cold generate, in-process
        generate_times = []
        for _ in range(args.repeat):
            clean_outputs(proj)
            t0 = time.perf_counter()
            gen = generate(project)
            generate_times.append(time.perf_counter() - t0)
            pages = gen.pages
            del gen
        generate_s = min(generate_times)

        # 2. plain MkDocs on the same generated docs
        mk_runs = []
        for _ in range(args.repeat):
            mk_runs.append(run_measured([sys.executable, "-m", "mkdocs", "build", "--strict", "-q",
                                         "-f", str(proj / "mkdocs.yml"), "-d", str(work / "site-mkdocs")],
                                        cwd=proj))
            check_run("mkdocs build --strict", mk_runs[-1])
            set_aside(work / "site-mkdocs", work)
        mk = min(mk_runs, key=lambda r: r.seconds)

        # 3. one full bienban build from scratch
        full_runs = []
        for _ in range(args.repeat):
            clean_outputs(proj)
            full_runs.append(run_measured([*bienban_cmd(), "-C", str(proj), "build"], cwd=proj))
            check_run("bienban build", full_runs[-1])
        full = min(full_runs, key=lambda r: r.seconds)
        peak_rss_mb = max(r.peak_rss_mb for r in full_runs)
        peak_run = max(full_runs, key=lambda r: r.peak_rss_mb)

        # 4. one record edited, incremental build.  The first one right after the
        # full build (what an editor does first: incremental_s), then more edits
        # with whatever state the first one left (incremental_warm_s).
        inc_runs = []
        for i in range(1 + args.repeat):
            meeting_id, sentence = edit_one_record(proj, f"{args.seed}x{i}")
            page_html = proj / "site" / "hoi-nghi" / meeting_id / "index.html"
            if sentence in page_html.read_text(encoding="utf-8"):
                raise SystemExit("the edit marker is already on the page before the edit")
            inc_runs.append(run_measured([*bienban_cmd(), "-C", str(proj), "build", "--incremental"],
                                         cwd=proj))
            check_run("bienban build --incremental", inc_runs[-1])
            if sentence not in page_html.read_text(encoding="utf-8"):
                raise SystemExit(f"after the incremental build, {page_html} lacks the edited sentence")
        inc = inc_runs[0]
        warm = min(inc_runs[1:], key=lambda r: r.seconds)

        # 5. search in a real browser
        runs = [] if args.no_browser else measure_search(proj / "site")

        # 6. (--serve) the edit seen through bienban serve
        serve_times = measure_serve(proj, f"{args.seed}serve") if args.serve else {}

        profile = profile_generate(proj, args.profile) if args.profile else ""
        load_end = os.getloadavg()
    finally:
        shutil.rmtree(work / SET_ASIDE, ignore_errors=True)
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    checked = [r.ok for r in runs if r.ok is not None]
    result: dict[str, Any] = {
        "meetings": args.meetings,
        "pages": pages,
        "generate_s": round(generate_s, 2),
        "mkdocs_s": round(mk.seconds, 2),
        "total_s": round(full.seconds, 2),
        "peak_rss_mb": round(peak_rss_mb),
        "search_index_bytes": max(r.bytes for r in runs) if runs else None,
        "first_answer_ms": round(max(r.ms for r in runs)) if runs else None,
        "incremental_s": round(inc.seconds, 2),
        "incremental_warm_s": round(warm.seconds, 2),
        "serve_edit_s": round(serve_times["text"], 2) if serve_times else None,
        "serve_new_entities_s": round(serve_times["new_entities"], 2) if serve_times else None,
        "overhead": round(full.seconds / mk.seconds, 3),
        "ms_per_page": round(mk.seconds / pages * 1000, 2),
        "generate_ms_per_meeting": round(generate_s / args.meetings * 1000, 2),
        "first_result_ok": all(checked) if checked else None,
        "seed": args.seed,
        "repeat": args.repeat,
        "load_avg": [round(x, 2) for x in load_start],
    }

    assert all(key in result for key in JSON_KEYS)
    if profile:
        print(profile)
    rows = [
        ("meetings / seed / repeat", f"{args.meetings} / {args.seed} / {args.repeat} (fastest kept)"),
        ("synthetic corpus written", f"{synth_s:.2f} s"),
        ("generated pages", f"{pages}"),
        ("generate (cold, in-process)", f"{generate_s:.2f} s{_all(generate_times)}   "
                                        f"({generate_s / args.meetings * 1000:.2f} ms per meeting)"),
        ("mkdocs build --strict (subprocess)",
         f"{mk.seconds:.2f} s{_all([r.seconds for r in mk_runs])}   (peak RSS {mk.peak_rss_mb:.0f} MB)"),
        ("bienban build from scratch",
         f"{full.seconds:.2f} s{_all([r.seconds for r in full_runs])}   (peak RSS {peak_rss_mb:.0f} MB)"),
        ("  its memory", f"largest process {peak_run.max_process_mb:.0f} MB (ru_maxrss); tree sum "
                         f"{peak_run.tree_pss_mb:.0f} MB PSS, {peak_run.tree_rss_mb:.0f} MB RSS (polled 10/s)"),
        ("  its own report", _last_line(full.stdout)),
        ("overhead total/mkdocs", f"{full.seconds / mk.seconds:.3f}"),
        ("mkdocs ms per page", f"{mk.seconds / pages * 1000:.2f} ms"),
        ("bienban build --incremental, 1st", f"{inc.seconds:.2f} s   (hoi-nghi/{meeting_id}/ updated)"),
        ("  its own report", _last_line(inc.stdout)),
        ("  later edits", f"{warm.seconds:.2f} s{_all([r.seconds for r in inc_runs[1:]])}"),
        ("  its own report", _last_line(warm.stdout)),
        ("bienban serve: save → page shows it", _serve_row(serve_times)),
        ("load average at start / end", " ".join(f"{x:.2f}" for x in load_start) + " / "
         + " ".join(f"{x:.2f}" for x in load_end)),
    ]
    width = max(len(k) for k, _ in rows)
    for key, value in rows:
        print(f"{key:<{width}}  {value}")
    if runs:
        print()
        print_search_table(runs)
    elif args.no_browser:
        print("search: not measured (--no-browser)")
    print(json.dumps(result, ensure_ascii=False))
    return 0 if result["first_result_ok"] in (True, None) else 1


def _serve_row(times: dict[str, float]) -> str:
    if not times:
        return "not measured (--serve)"
    return (f"{times['text']:.2f} s (a sentence added), "
            f"{times['new_entities']:.2f} s (a new person and a new document)")


def serve_only(keep: str, seed: int) -> int:
    """``--serve-only``: the two serve edits on the project a previous ``--keep`` run
    left built (no other measurement; the corpus is edited further)."""
    proj = Path(keep).resolve() / "project"
    if not (proj / "records" / ".synth-corpus").exists() or not (proj / "site").is_dir():
        raise SystemExit(f"{proj} is not a project built by scale.py --keep")
    snapshot_code(Path(keep).resolve())
    load_start = os.getloadavg()
    tag = f"{seed}s{int(time.time()) % 100000}"
    times = measure_serve(proj, tag)
    print(f"bienban serve: save → page shows it  {_serve_row(times)}")
    print(json.dumps({"meetings": len(list((proj / "records").glob("[0-9]*/*.md"))),
                      "serve_edit_s": round(times["text"], 2),
                      "serve_new_entities_s": round(times["new_entities"], 2),
                      "load_avg": [round(x, 2) for x in load_start]}))
    return 0


def _all(times: list[float]) -> str:
    return "" if len(times) < 2 else " (of " + ", ".join(f"{t:.2f}" for t in times) + ")"


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else ""


if __name__ == "__main__":
    raise SystemExit(main())
