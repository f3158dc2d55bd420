"""benchmarks/scale.py keeps working: a 50-meeting run, end to end, browser included.

The benchmark itself runs in ``make bench`` (1,000 to 10,000 meetings); this small
run only guards it against rot: it must finish, print its JSON line last, find
the edited sentence after the incremental build and put the document page first
for "217-QĐ/TW" in a real browser.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from browsing import CHROMIUM

ROOT = Path(__file__).resolve().parent.parent
SCALE = ROOT / "benchmarks" / "scale.py"

#: The keys issue 5 asks of the benchmark's last line.
KEYS = ("meetings", "pages", "generate_s", "mkdocs_s", "total_s", "peak_rss_mb",
        "search_index_bytes", "first_answer_ms", "incremental_s", "overhead", "ms_per_page")


@pytest.mark.slow
@pytest.mark.browser
def test_scale_benchmark_runs_at_50_meetings() -> None:
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (or `make chromium`)")
    proc = subprocess.run(
        [sys.executable, str(SCALE), "--meetings", "50"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    output = f"stdout:\n{proc.stdout[-4000:]}\nstderr:\n{proc.stderr[-4000:]}"
    assert proc.returncode == 0, output
    lines = proc.stdout.strip().splitlines()
    assert lines, output
    result = json.loads(lines[-1])

    assert isinstance(result, dict)
    missing = [key for key in KEYS if key not in result]
    assert not missing, f"missing keys {missing} in {result}"
    assert result["meetings"] == 50
    assert result["pages"] > 50
    assert result["incremental_s"] > 0  # and scale.py checked the edit reached site/
    for key in ("generate_s", "mkdocs_s", "total_s", "peak_rss_mb", "overhead", "ms_per_page"):
        assert result[key] > 0, (key, result)
    # The browser part ran and the document page came first for "217-QĐ/TW".
    assert result["first_result_ok"] is True, output
    assert result["search_index_bytes"] > 0
    assert result["first_answer_ms"] is not None and result["first_answer_ms"] >= 0
    assert lines[0].strip(), "a readable table comes before the JSON line"
