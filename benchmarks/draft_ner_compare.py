"""The person names underthesea's NER model finds in the seed articles, against the
hand-made records: was a Vietnamese NLP library worth adopting for `bienban draft`?

underthesea is not a dependency of bienban; measure it in a separate environment:

    .venv/bin/python benchmarks/draft_quality.py --names > /tmp/names.json
    python3 -m venv /tmp/ut && /tmp/ut/bin/pip install underthesea
    /tmp/ut/bin/python benchmarks/draft_ner_compare.py /tmp/names.json

Measured with underthesea 9.5.0 (26 MB, models in the package, nothing downloaded):
persons P 0.14 (3/21) R 0.33 (3/9), 5–21 s for the five articles; the rules of
generator/draft_rules.py: P 1.00 R 1.00 (9/9) in well under a second.
"""

from __future__ import annotations

import json
import sys
import time
import unicodedata

from underthesea import ner, sent_tokenize  # type: ignore[import-not-found]


def people(text: str) -> set[str]:
    found: set[str] = set()
    for line in filter(str.strip, text.splitlines()):
        for sentence in sent_tokenize(line):
            current: list[str] = []
            for token in [*ner(sentence), ("", "", "", "O")]:
                if token[3] == "B-PER" or (token[3] != "I-PER" and current):
                    if current:
                        found.add(" ".join(" ".join(current).lower().split()))
                    current = [token[0]] if token[3] == "B-PER" else []
                elif token[3] == "I-PER" and current:
                    current.append(token[0])
    return found


def main() -> int:
    hand: dict[str, list[str]] = json.loads(open(sys.argv[1], encoding="utf-8").read())
    started = time.perf_counter()
    matched = found = expected = 0
    for path, names in hand.items():
        text = unicodedata.normalize("NFC", open(path, encoding="utf-8").read())
        got = people(text)
        matched += len(got & set(names))
        found += len(got)
        expected += len(names)
        print(f"{path.rsplit('/', 1)[-1]}: found {sorted(got)}; missing {sorted(set(names) - got)}")
    print(f"persons: precision {matched / max(found, 1):.2f} ({matched}/{found}), "
          f"recall {matched / max(expected, 1):.2f} ({matched}/{expected}); "
          f"{time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
