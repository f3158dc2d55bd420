"""How fast the document-number scanner reads text: `python benchmarks/docnumber_bench.py`.

Target: 1 MB of article-like text in well under 100 ms (every text field of a
10,000-meeting archive is scanned on each build).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.docnumber import find_numbers  # noqa: E402

SENTENCE = (
    "Việc thực hiện Quyết định số 217-QĐ/TW, ngày 08/12/2009, 77/112 xã, 3.000 đoàn viên, "
    "giai đoạn 2016-2020, Quân khu 3, 6 tháng đầu năm 2018 và Nghị định 15/2020/NĐ-CP. "
    "Công tác dân vận của hệ thống chính trị các tỉnh, thành trong khu vực có nhiều chuyển biến tích cực; "
    "các cấp ủy, chính quyền chú trọng hơn đến việc cụ thể hóa các chỉ thị, nghị quyết trong lãnh đạo. "
)


def main() -> None:
    text = (SENTENCE * (1_000_000 // len(SENTENCE) + 1))[:1_000_000]
    times = []
    for _ in range(5):
        started = time.perf_counter()
        found = find_numbers(text)
        times.append(time.perf_counter() - started)
    times.sort()
    print(f"1 MB scanned: best {times[0] * 1000:.1f} ms, median {times[2] * 1000:.1f} ms, {len(found)} numbers")
    print(json.dumps({"bytes": len(text.encode()), "best_ms": round(times[0] * 1000, 1),
                      "median_ms": round(times[2] * 1000, 1), "numbers": len(found)}))


if __name__ == "__main__":
    main()
