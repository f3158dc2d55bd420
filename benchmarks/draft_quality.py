"""How close `bienban draft` comes to the hand-made records of the seed articles.

For each article in benchmarks/articles/ (the articles the seed records were made from), the draft is made by the rules and the
gazetteer alone (nothing the archive knows, so the records compared with cannot
leak into it) and compared with the project's own record of the same article
(matched by title).  Printed: precision and recall of participants (by name),
documents (by number), provinces, and the section of each sentence (findings,
shortcomings, directives, targets), per article and in total, then one JSON line.

    .venv/bin/python benchmarks/draft_quality.py [--seeds benchmarks/articles] [--records records]
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.editors.draft import draft_article, read_article  # noqa: E402
from generator.editors.draft_rules import SECTIONS, Draft, sentences  # noqa: E402
from generator.language import docnumber  # noqa: E402
from generator.language.text import compact_key, fold, identity_key  # noqa: E402
from generator.problems import Report  # noqa: E402
from generator.records.loader import find_record_files, read_source  # noqa: E402
from generator.records.schema import Record  # noqa: E402
from generator.records.validate import validate_record  # noqa: E402

MEASURES = ("participants", "documents", "provinces", "sections")


@dataclass
class Score:
    found: int = 0  # in the draft
    expected: int = 0  # in the hand-made record
    both: int = 0

    def add(self, draft: set[object], hand: set[object]) -> None:
        self.found += len(draft)
        self.expected += len(hand)
        self.both += len(draft & hand)

    @property
    def precision(self) -> float:
        return self.both / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.both / self.expected if self.expected else 1.0


def _doc_key(number: str) -> str:
    parsed = docnumber.parse(number)
    return parsed.key if parsed else compact_key(number)


def _sentence_key(sentence: str) -> str:
    return compact_key(sentence)[:60]


def draft_sets(draft: Draft) -> dict[str, set[object]]:
    return {
        "participants": {identity_key(p.name) for p in draft.participants},
        "documents": {_doc_key(d.number) for d in draft.documents},
        "provinces": {identity_key(p) for p in (draft.provinces.value if draft.provinces else [])},
        "sections": {(_sentence_key(s), item.section) for item in draft.items for s in sentences(item.text)},
    }


def record_sets(record: Record) -> dict[str, set[object]]:
    return {
        "participants": {identity_key(p.name) for p in record.participants if p.name},
        "documents": {_doc_key(d.number) for d in record.documents},
        "provinces": {identity_key(p) for p in record.provinces},
        "sections": {(_sentence_key(s), section) for section in SECTIONS
                     for item in getattr(record, section) for s in sentences(item.text)},
    }


def hand_made(records_dir: Path) -> list[Record]:
    out = []
    for path in find_record_files(records_dir):
        report = Report()
        record = validate_record(read_source(path, path.name), report)
        if record is not None:
            out.append(record)
    return out


def matching_record(draft: Draft, records: list[Record]) -> Record | None:
    def likeness(record: Record) -> float:
        titles = [record.title, *(s.title for s in record.source if s.title)]
        return max(difflib.SequenceMatcher(None, fold(draft.title.value), fold(t)).ratio() for t in titles)

    best = max(records, key=likeness, default=None)
    return best if best is not None and likeness(best) >= 0.6 else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=ROOT / "benchmarks" / "articles")
    parser.add_argument("--records", type=Path, default=ROOT / "records")
    parser.add_argument("--names", action="store_true",
                        help="print each article's hand-made participant names as JSON (for draft_ner_compare.py)")
    args = parser.parse_args()
    records = hand_made(args.records)
    if args.names:
        names = {}
        for article in sorted(args.seeds.glob("*.txt")):
            record = matching_record(draft_article(read_article(article)), records)
            names[str(article)] = sorted(identity_key(p.name) for p in record.participants if p.name) if record else []
        print(json.dumps(names, ensure_ascii=False))
        return 0
    totals = {m: Score() for m in MEASURES}
    rows = []
    for article in sorted(args.seeds.glob("*.txt")):
        draft = draft_article(read_article(article))
        record = matching_record(draft, records)
        if record is None:
            print(f"{article.name}: no hand-made record with this title", file=sys.stderr)
            continue
        mine, theirs = draft_sets(draft), record_sets(record)
        row = {"article": article.name, "record": record.id or record.title}
        for measure in MEASURES:
            score = Score()
            score.add(mine[measure], theirs[measure])
            totals[measure].add(mine[measure], theirs[measure])
            row[measure] = (score.precision, score.recall, score.both, score.found, score.expected)
        rows.append(row)

    header = f"{'article':<26}" + "".join(f"{m:>22}" for m in MEASURES)
    print(header)
    print(f"{'':<26}" + "".join(f"{'P     R   (ok/got/want)':>22}" for _ in MEASURES))
    for row in rows:
        cells = "".join(f"{p:>6.2f}{r:>6.2f} ({b}/{f}/{e})".rjust(22) for p, r, b, f, e in
                        (row[m] for m in MEASURES))
        print(f"{row['article']:<26}{cells}")
    total_cells = "".join(f"{s.precision:>6.2f}{s.recall:>6.2f} ({s.both}/{s.found}/{s.expected})".rjust(22)
                          for s in totals.values())
    print(f"{'total':<26}{total_cells}")
    print(json.dumps({m: {"precision": round(s.precision, 3), "recall": round(s.recall, 3),
                          "matched": s.both, "drafted": s.found, "hand_made": s.expected}
                      for m, s in totals.items()}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
