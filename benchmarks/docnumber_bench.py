"""How fast the document-number scanner reads text: `python benchmarks/docnumber_bench.py`.

Times are CPU seconds of this process (``time.process_time``), best of five, so
that other work on a shared machine counts as little as possible.  To compare
with another version of the code, point ``--source`` at a copy of it
(``git archive REV | tar -x -C DIR``): the same texts are scanned with that
version's scanner (``find_bare_numbers`` only where it exists).

Target: 1 MB of article-like text in well under 100 ms (every text field of a
10,000-meeting archive is scanned on each build).  Each text is scanned twice:
for full numbers (with the shared-suffix lists they close) and for bare numbers
after a type word ("Kết luận số 43").  ``SENTENCE`` is the text measured since
the first version; ``LISTS`` adds the forms of shared suffixes and bare numbers.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

SENTENCE = (
    "Việc thực hiện Quyết định số 217-QĐ/TW, ngày 08/12/2009, 77/112 xã, 3.000 đoàn viên, "
    "giai đoạn 2016-2020, Quân khu 3, 6 tháng đầu năm 2018 và Nghị định 15/2020/NĐ-CP. "
    "Công tác dân vận của hệ thống chính trị các tỉnh, thành trong khu vực có nhiều chuyển biến tích cực; "
    "các cấp ủy, chính quyền chú trọng hơn đến việc cụ thể hóa các chỉ thị, nghị quyết trong lãnh đạo. "
)
LISTS = (
    "Kết quả bước đầu triển khai Quyết định 217, 218-QĐ/TW của Bộ Chính trị và Chỉ thị 05 và Quy định "
    "08-QĐi/TW; tổng kết Kết luận số 43, 6 tháng đầu năm 2018, 77/112 xã, 3.000 đoàn viên. "
    "Công tác dân vận của hệ thống chính trị các tỉnh, thành trong khu vực có nhiều chuyển biến tích cực; "
    "các cấp ủy, chính quyền chú trọng hơn đến việc cụ thể hóa các chỉ thị, nghị quyết trong lãnh đạo. "
)


def _best(scan: Callable[[str], list[object]], text: str) -> tuple[float, float, int]:
    times = []
    found: list[object] = []
    for _ in range(5):
        started = time.process_time()
        found = scan(text)
        times.append(time.process_time() - started)
    times.sort()
    return times[0] * 1000, times[2] * 1000, len(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--source", type=Path, default=Path(__file__).resolve().parent.parent,
                        help="the project folder whose generator/ is measured (default: this one)")
    args = parser.parse_args()
    sys.path.insert(0, str(args.source.resolve()))
    docnumber = importlib.import_module("generator.language.docnumber")
    scans = [docnumber.find_numbers]
    if hasattr(docnumber, "find_bare_numbers"):
        scans.append(docnumber.find_bare_numbers)
    print(f"scanner: {docnumber.__file__}")
    result: dict[str, object] = {}
    for label, sentence in (("sentence", SENTENCE), ("lists", LISTS)):
        text = (sentence * (1_000_000 // len(sentence) + 1))[:1_000_000]
        result[f"{label}_bytes"] = len(text.encode())
        for scan in scans:
            best, median, count = _best(scan, text)  # type: ignore[arg-type]
            print(f"1 MB ({label}) {scan.__name__}: best {best:.1f} ms, median {median:.1f} ms, {count} found")
            result[f"{label}_{scan.__name__}_best_ms"] = round(best, 1)
            result[f"{label}_{scan.__name__}_median_ms"] = round(median, 1)
            result[f"{label}_{scan.__name__}_found"] = count
    print(json.dumps(result))


if __name__ == "__main__":
    main()
