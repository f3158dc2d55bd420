"""Build-time cost of the readers' views (statistics, timeline, entity charts, feeds,
open data) on N synthetic meetings, measured in-process on the linked graph.

    .venv/bin/python benchmarks/views_bench.py --meetings 1000 10000

For each N: the seconds to plan the statistics and timeline pages, to draw every
entity page's chart, to write every feed and every open-data file, and the bytes
and files they add.  The whole-build figure is ``benchmarks/scale.py``'s; this one
isolates the new work, so its growth with N can be read on a loaded machine.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from scale import setup_project  # noqa: E402
from synth import write_corpus  # noqa: E402

from generator.pages.render import Renderer  # noqa: E402
from generator.pipeline import check
from generator.project import (
    DataLicense,  # noqa: E402
    Project,  # noqa: E402
)
from generator.publish.write import in_memory
from generator.views import page_charts  # noqa: E402
from generator.views import plan as views  # noqa: E402
from generator.views.feeds import build_feeds  # noqa: E402
from generator.views.opendata import write_export


def measure(meetings: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="bienban-views-") as tmp:
        proj = Path(tmp)
        write_corpus(proj, meetings)
        setup_project(proj)
        site, report = check(Project(proj))
        assert site is not None and not report.errors
        gc.disable()
        renderer = Renderer(proj / "templates")
        out: dict[str, float] = {"meetings": meetings}

        started = time.perf_counter()
        pages = list(views.view_pages(site))
        rendered = [renderer.render(p) for p in pages]
        out["stats_timeline_s"] = time.perf_counter() - started
        out["stats_timeline_bytes"] = sum(map(len, rendered))

        started = time.perf_counter()
        drawn = sum(page_charts.document_chart(d) is not None for d in site.documents)
        drawn += sum(len(page_charts.person_charts(p)) for p in site.people)
        drawn += sum(len(page_charts.province_charts(p)) for p in site.provinces)
        out["entity_charts_s"] = time.perf_counter() - started
        out["entity_charts"] = drawn

        started = time.perf_counter()
        feeds = build_feeds(site, site_name="bienban", site_url="")
        out["feeds_s"] = time.perf_counter() - started
        out["feeds"] = len(feeds)
        out["feeds_bytes"] = sum(map(len, feeds.values()))

        started = time.perf_counter()
        data: dict[str, bytes] = {}
        write_export(site, in_memory(data), site_name="bienban", license=DataLicense())
        out["open_data_s"] = time.perf_counter() - started
        out["open_data_bytes"] = sum(map(len, data.values()))
        gc.enable()
        return {k: round(v, 3) if isinstance(v, float) else v for k, v in out.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, nargs="+", default=[1000])
    for n in parser.parse_args().meetings:
        print(json.dumps(measure(n)), flush=True)


if __name__ == "__main__":
    main()
