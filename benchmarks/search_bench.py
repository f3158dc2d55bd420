"""Measure the sharded search index on a synthetic corpus.

    .venv/bin/python benchmarks/search_bench.py [--meetings 10000] [--entities 10000]
        [--words 1500] [--browser [--repeat N]]

Prints the build time, peak memory, number and bytes of the files written to
``docs/chi-muc/``, the largest shard of each kind and, with ``--browser``, what
headless Chromium downloads (worker + index shards) before the first answer to
each of a few queries, with the time from query to answer, and which of the
first ten meetings answering a 6-word phrase hold it (``phrase_meetings``:
"+" holds it, "-" does not).  The build time is also given as CPU time, steadier
than wall time on a shared machine.  The last line is one JSON object.

:func:`synthetic_entries` is also used by tests/test_search_index.py.
"""

from __future__ import annotations

import argparse
import http.server
import json
import random
import re
import resource
import shutil
import socket
import statistics
import sys
import tempfile
import threading
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from generator.language import docnumber  # noqa: E402
from generator.language.text import fold  # noqa: E402
from generator.search.index import SearchEntry, build_search_files  # noqa: E402

WORKER = ROOT / "docs" / "assets" / "javascripts" / "bienban-search.js"
#: A 6-word phrase of the seed texts (about a quarter of the meetings hold it).
PHRASE = "thực hiện dân chủ ở cơ sở"
QUERIES = ["dan van kheo", "217", "cong tac dan van", "217-QĐ/TW", "truong thi mai", "quang ninh",
           PHRASE, "t"]

_FALLBACK_TEXT = (
    "Hội nghị giao ban công tác dân vận các tỉnh, thành phố khu vực đồng bằng sông Hồng. "
    "Đồng chí Trưởng Ban Dân vận Trung ương chủ trì Hội nghị. Các cấp ủy, chính quyền, Mặt trận "
    "Tổ quốc và các đoàn thể chính trị - xã hội đã thực hiện tốt phong trào thi đua Dân vận khéo, "
    "xây dựng hệ thống chính trị cơ sở vững mạnh, nâng cao hiệu quả công tác dân vận của chính quyền."
)

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
            "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Trương", "Đinh", "Mai", "Hà"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quốc", "Xuân", "Hồng", "Thu", "Kim"]
GIVEN = ["Anh", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hùng", "Hưng", "Hương", "Lan",
         "Linh", "Long", "Mai", "Nam", "Nga", "Ngọc", "Phong", "Phúc", "Quang", "Sơn", "Tâm",
         "Thắng", "Thảo", "Trung", "Tuấn", "Việt", "Vinh", "Yến", "Đọc", "Khải", "Lộc"]
PROVINCES = [
    "Hà Nội", "Hà Giang", "Cao Bằng", "Bắc Kạn", "Tuyên Quang", "Lào Cai", "Điện Biên", "Lai Châu",
    "Sơn La", "Yên Bái", "Hòa Bình", "Thái Nguyên", "Lạng Sơn", "Quảng Ninh", "Bắc Giang", "Phú Thọ",
    "Vĩnh Phúc", "Bắc Ninh", "Hải Dương", "Hải Phòng", "Hưng Yên", "Thái Bình", "Hà Nam", "Nam Định",
    "Ninh Bình", "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Quảng Bình", "Quảng Trị", "Thừa Thiên Huế",
    "Đà Nẵng", "Quảng Nam", "Quảng Ngãi", "Bình Định", "Phú Yên", "Khánh Hòa", "Ninh Thuận",
    "Bình Thuận", "Kon Tum", "Gia Lai", "Đắk Lắk", "Đắk Nông", "Lâm Đồng", "Bình Phước", "Tây Ninh",
    "Bình Dương", "Đồng Nai", "Bà Rịa - Vũng Tàu", "Thành phố Hồ Chí Minh", "Long An", "Tiền Giang",
    "Bến Tre", "Trà Vinh", "Vĩnh Long", "Đồng Tháp", "An Giang", "Kiên Giang", "Cần Thơ",
    "Hậu Giang", "Sóc Trăng", "Bạc Liêu", "Cà Mau",
]
DOC_TYPES = ["NQ", "QĐ", "CT", "KL", "HD", "KH"]
ISSUERS = ["TW", "TU", "BDVTW", "HU"]
ORG_STEMS = ["Ban Dân vận", "Ủy ban Mặt trận Tổ quốc", "Hội Nông dân", "Hội Liên hiệp Phụ nữ",
             "Đoàn Thanh niên", "Hội Cựu chiến binh", "Liên đoàn Lao động", "Ủy ban nhân dân",
             "Đảng ủy khối", "Ban Tuyên giáo"]
TOPIC_STEMS = ["Dân vận khéo", "Dân vận chính quyền", "Quy chế dân chủ ở cơ sở", "Xây dựng nông thôn mới",
               "Đồng bào dân tộc thiểu số", "Tôn giáo", "Giám sát và phản biện xã hội", "Cải cách hành chính",
               "Chuyển đổi số", "Tiếp xúc cử tri", "Khiếu nại tố cáo", "Dư luận xã hội"]
MEETING_TITLES = [
    "Hội nghị giao ban công tác dân vận khu vực {region} năm {year}",
    "Hội nghị sơ kết {n} năm thực hiện {doc} tại {province}",
    "Hội nghị tổng kết công tác dân vận năm {year} tỉnh {province}",
    "Hội nghị triển khai phong trào thi đua Dân vận khéo giai đoạn {year}-{year2} ở {province}",
    "Hội nghị tập huấn nghiệp vụ công tác dân vận {year} {province}",
    "Hội nghị quán triệt {doc} cho cán bộ chủ chốt {province}",
]
REGIONS = ["Tây Nam bộ", "Đông Nam bộ", "Tây Nguyên", "Bắc Trung bộ", "duyên hải miền Trung",
           "đồng bằng sông Hồng", "miền núi phía Bắc"]


def seed_words() -> list[str]:
    """The words of the Vietnamese seed articles (shared/seeds beside the repo)."""
    for folder in (ROOT.parent / "shared" / "seeds", Path("/work/shared/seeds")):
        files = sorted(folder.glob("*.txt")) if folder.is_dir() else []
        if files:
            return " ".join(f.read_text(encoding="utf-8") for f in files).split()
    return _FALLBACK_TEXT.split()


def _window(rng: random.Random, words: list[str], n: int, rare: list[str] | None = None) -> str:
    """``n`` consecutive seed words; with ``rare``, one word in ten replaced by a rare one."""
    start = rng.randrange(max(1, len(words) - n))
    out = words[start : start + n]
    while len(out) < n:
        out += words[: n - len(out)]
    if rare:
        out = [rng.choice(rare) if rng.random() < 0.1 else w for w in out]
    return " ".join(out)


def _rare_words(rng: random.Random, vocab: list[str], n: int = 20_000) -> list[str]:
    """Plausible syllables the seeds lack (onset of one word, rhyme of another) and
    numbers, so that the inverted index has a realistic long tail of rare tokens."""
    split = [re.match(r"(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx]?)(.*)", w.lower())
             for w in vocab if w.isalpha()]
    onsets = sorted({m.group(1) for m in split if m})
    rhymes = sorted({m.group(2) for m in split if m and m.group(2)})
    out = [rng.choice(onsets) + rng.choice(rhymes) for _ in range(n // 2)]
    out += [str(rng.randint(1, 99_999)) for _ in range(n // 2)]
    return out


def synthetic_entries(
    meetings: int = 10_000, entities: int = 10_000, *, words: int = 300, seed: int = 1
) -> list[SearchEntry]:
    """A deterministic corpus shaped like bienban's: ``meetings`` meeting pages and
    ``entities`` entity pages (documents, people, bodies, places, topics, years)."""
    rng = random.Random(seed)
    vocab = seed_words()
    rare = _rare_words(rng, vocab)
    entries: list[SearchEntry] = []

    n_docs = entities * 24 // 100
    n_topics = min(len(TOPIC_STEMS) * 20, entities * 3 // 100)
    n_years = min(30, entities)
    n_places = min(len(PROVINCES) + 600, entities * 5 // 100)
    n_orgs = entities * 18 // 100
    n_people = max(0, entities - n_docs - n_topics - n_years - n_places - n_orgs)

    # The documents and names the search issue's queries ask for are always there.
    fixed_docs = ["217-QĐ/TW", "218-QĐ/TW", "62-KL/TW", "62-CT/TW"]
    docs: list[str] = []
    seen_docs: set[str] = set()
    while len(docs) < n_docs:
        number = (fixed_docs[len(docs)] if len(docs) < len(fixed_docs)
                  else f"{rng.randint(1, 400)}-{rng.choice(DOC_TYPES)}/{rng.choice(ISSUERS)}")
        if number in seen_docs:
            continue
        seen_docs.add(number)
        docs.append(number)
        parsed = docnumber.parse(number)
        name = parsed.type_name if parsed and parsed.type_name else "Văn bản"
        keys = docnumber.search_aliases(parsed) if parsed else [number]
        about = _window(rng, vocab, 12)
        entries.append(SearchEntry(
            url=f"van-ban/{fold(number).replace('/', '-')}/", title=f"{name} {number}", kind="document",
            keys=keys, title_text=f"{name} {number} {rng.choice(PROVINCES)}",
            text=f"{about} {_window(rng, vocab, words // 3, rare)}", summary=about,
            rank=float(rng.randint(0, 60)),
        ))

    people: list[str] = []
    for i in range(n_people):
        name = "Trương Thị Mai" if i == 0 else f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        people.append(name)
        entries.append(SearchEntry(
            url=f"nhan-vat/{fold(name).replace(' ', '-')}-{i}/", title=name, kind="person",
            keys=[name, fold(name)], title_text=f"{name} {fold(name)}", text="",
            summary="Phó Trưởng Ban Dân vận Tỉnh ủy " + rng.choice(PROVINCES), rank=float(rng.randint(0, 40)),
        ))
    for i in range(n_orgs):
        name = f"{rng.choice(ORG_STEMS)} {rng.choice(PROVINCES)}"
        entries.append(SearchEntry(
            url=f"co-quan/{fold(name).replace(' ', '-')}-{i}/", title=name, kind="organization",
            keys=[name], title_text=f"{name} {fold(name)}", text="", summary=name,
            rank=float(rng.randint(0, 80)),
        ))
    for i in range(n_places):
        name = PROVINCES[i] if i < len(PROVINCES) else f"Huyện {rng.choice(GIVEN)} {rng.choice(GIVEN)} {i}"
        entries.append(SearchEntry(
            url=f"dia-phuong/{fold(name).replace(' ', '-')}-{i}/", title=name, kind="place",
            keys=[name], title_text=f"{name} {fold(name)}", text="", summary=rng.choice(REGIONS),
            rank=float(rng.randint(0, 300)),
        ))
    for i in range(n_topics):
        name = TOPIC_STEMS[i % len(TOPIC_STEMS)] + ("" if i < len(TOPIC_STEMS) else f" {i}")
        entries.append(SearchEntry(
            url=f"chu-de/{fold(name).replace(' ', '-')}/", title=name, kind="topic", keys=[name],
            title_text=name, text="", summary=f"{rng.randint(1, 500)} hội nghị", rank=float(rng.randint(0, 500)),
        ))
    for i in range(n_years):
        year = 2000 + i
        entries.append(SearchEntry(
            url=f"nam/{year}/", title=f"Năm {year}", kind="year", keys=[f"năm {year}", str(year)],
            title_text=f"Năm {year}", text="", summary="", rank=0.0,
        ))
    doc_entries = {number: entry for number, entry in zip(docs, entries)}
    for i in range(meetings):
        year = rng.randint(2000, 2025)
        # The random draws in the order they always were, so the corpus stays the same.
        template, region, n = rng.choice(MEETING_TITLES), rng.choice(REGIONS), rng.randint(3, 20)
        cited = rng.choice(docs) if docs else "217-QĐ/TW"
        title = template.format(region=region, year=year, year2=year + 5, n=n, doc=cited,
                                province=rng.choice(PROVINCES))
        mentioned = " ".join(rng.choice(people) for _ in range(5)) if people else ""
        body = _window(rng, vocab, words, rare)
        url = f"hoi-nghi/{year}/hoi-nghi-{i:05d}/"
        if "{doc}" in template and cited in doc_entries:
            doc_entries[cited].related.append(url)  # as the generator relates a document's meetings
        entries.append(SearchEntry(
            url=url, title=title, kind="meeting", keys=[f"HN-{i:05d}"],
            title_text=title, text=f"{mentioned} {body}", summary=body[:200], rank=year + rng.random(),
        ))
    return entries


# ---------------------------------------------------------------- measuring


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    # Keep-alive, as any real web server does (HTTP/1.0 opens a connection per file).
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes: without TCP_NODELAY, Nagle's algorithm
    # and delayed ACKs hold every response back by 40 ms (real servers set it too).
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def serve(folder: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve ``folder`` on 127.0.0.1 in a thread; returns the base URL and the server."""
    port = _free_port()
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", port), partial(_QuietHandler, directory=str(folder))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{port}/", server


HARNESS = """<!doctype html><meta charset="utf-8"><title>bienban search harness</title>
<script>
window.ask = function (query) {
  return new Promise(function (resolve) {
    var worker = new Worker("assets/javascripts/bienban-search.js");
    var t0 = performance.now(), t1 = 0;
    worker.onmessage = function (ev) {
      if (ev.data.type === 1) { t1 = performance.now(); worker.postMessage({type: 2, data: query}); }
      else if (ev.data.type === 3) resolve({
        ready_ms: t1 - t0, answer_ms: performance.now() - t1,
        first: ev.data.data.items.length ? ev.data.data.items[0][0].location : null,
        top: ev.data.data.items.map(function (g) { return g[0].location; }),
        count: ev.data.data.items.length});
    };
    worker.postMessage({type: 0, data: {config: {}, docs: [], options: {}}});
  });
};
</script>"""


def measure_browser(files: dict[str, bytes], queries: list[str], repeat: int = 1) -> list[dict[str, object]]:
    """Bytes Chromium downloads (worker included, cold cache) before each query's answer.

    With ``repeat``, each query is asked that many times, each in a fresh context
    (cold cache), and the median time is kept (``answer_ms_all``: every time).
    """
    from playwright.sync_api import sync_playwright

    site = Path(tempfile.mkdtemp(prefix="bienban-search-bench-"))
    try:
        (site / "chi-muc").mkdir()
        for name, data in files.items():
            (site / "chi-muc" / name).write_bytes(data)
        (site / "assets" / "javascripts").mkdir(parents=True)
        shutil.copy(WORKER, site / "assets" / "javascripts" / WORKER.name)
        (site / "index.html").write_text(HARNESS, encoding="utf-8")
        base, server = serve(site)
        out: list[dict[str, object]] = []
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"])
                for query in queries:
                    times: list[float] = []
                    for _ in range(max(1, repeat)):
                        context = browser.new_context()  # cold cache per query
                        page = context.new_page()
                        page.goto(base)
                        result = page.evaluate("q => window.ask(q)", query)
                        # What the worker fetched, from its own resource timing (body bytes;
                        # this server does not compress).  The worker script itself is not
                        # listed there: count its size.
                        fetched = page.workers[0].evaluate(
                            "performance.getEntriesByType('resource').map(e => e.encodedBodySize)")
                        context.close()
                        times.append(float(result["answer_ms"]))
                    index_bytes = sum(fetched)
                    worker_bytes = WORKER.stat().st_size
                    result["answer_ms"] = statistics.median(times)
                    out.append({"query": query, **result, "answer_ms_all": [round(t) for t in times],
                                "requests": len(fetched), "worker_bytes": worker_bytes,
                                "index_bytes": index_bytes, "bytes": worker_bytes + index_bytes})
                browser.close()
        finally:
            server.shutdown()
        return out
    finally:
        shutil.rmtree(site, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--meetings", type=int, default=10_000)
    parser.add_argument("--entities", type=int, default=10_000)
    parser.add_argument("--words", type=int, default=1500, help="words of text per meeting")
    parser.add_argument("--browser", action="store_true", help="also measure bytes fetched in Chromium")
    parser.add_argument("--repeat", type=int, default=1,
                        help="ask each query this many times (cold cache each) and keep the median time")
    args = parser.parse_args(argv)

    t0 = time.perf_counter()
    entries = synthetic_entries(args.meetings, args.entities, words=args.words)
    synth_s = time.perf_counter() - t0
    random.Random(2).shuffle(entries)

    t0, c0 = time.perf_counter(), time.process_time()
    files = build_search_files(entries)
    build_s, build_cpu_s = time.perf_counter() - t0, time.process_time() - c0
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    by_kind: dict[str, list[int]] = {}
    for name, data in files.items():
        by_kind.setdefault(name.split(".")[0], []).append(len(data))
    report: dict[str, object] = {
        "entries": len(entries),
        "synth_s": round(synth_s, 2),
        "build_s": round(build_s, 2),
        "build_cpu_s": round(build_cpu_s, 2),
        "peak_rss_mb": round(peak_rss_mb),
        "files": len(files),
        "total_bytes": sum(len(d) for d in files.values()),
        "manifest_bytes": len(files["manifest.json"]),
        "largest": {k: max(v) for k, v in sorted(by_kind.items())},
        "count": {k: len(v) for k, v in sorted(by_kind.items())},
        "worker_bytes": WORKER.stat().st_size,
    }
    print(f"entries {len(entries)}: synthesized in {synth_s:.2f} s, index built in {build_s:.2f} s "
          f"({build_cpu_s:.2f} s CPU), "
          f"peak RSS {peak_rss_mb:.0f} MB")
    print(f"{len(files)} files, {report['total_bytes']:,} bytes; manifest {report['manifest_bytes']:,} B")
    for kind, sizes in sorted(by_kind.items()):
        print(f"  {kind:9s} {len(sizes):5d} files, largest {max(sizes):9,d} B, total {sum(sizes):11,d} B")
    if args.browser:
        rows = measure_browser(files, QUERIES, args.repeat)
        # Which of the first ten meetings answering the phrase hold its words in their
        # order ("+")?  (Pages of other kinds come first when their titles hold it.)
        top = next((r.pop("top") for r in rows if r["query"] == PHRASE), [])
        top = [u for u in top if str(u).startswith("hoi-nghi/")][:10]
        for row in rows:
            row.pop("top", None)
        by_url = {e.url: e for e in entries}
        words = " " + " ".join(re.findall(r"[0-9a-z]+", fold(PHRASE))) + " "

        def holds(url: str) -> bool:
            entry = by_url.get(url)
            return bool(entry) and any(
                words in " " + " ".join(re.findall(r"[0-9a-z]+", fold(part))) + " "
                for part in (entry.title, entry.title_text, entry.text))

        report["phrase_meetings"] = "".join("+" if holds(str(u)) else "-" for u in top)
        report["queries"] = rows
        print(f"{'query':22s} {'bytes':>9s} {'index':>9s} {'reqs':>5s} {'answer ms':>10s}  first")
        for row in rows:
            print(f"{row['query']!s:22s} {row['bytes']:9,d} {row['index_bytes']:9,d} {row['requests']:5d} "
                  f"{row['answer_ms']:10.0f}  {row['first']}")
        print(f"first ten meetings answering {PHRASE!r} that hold it (+): {report['phrase_meetings']}")
    print(json.dumps(report, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
