"""The sharded search index (generator/search_index.py), read back as the worker reads it."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import random
import re
import sys
import time
import unicodedata
from bisect import bisect_right
from pathlib import Path
from typing import Any

import pytest

from generator.language import docnumber
from generator.pipeline import BuildResult
from generator.publish.write import INDEX_DIR
from generator.language.text import compact_key, fold
from generator.search.entries import for_hand_written
from generator.search.index import (
    KIND_LABELS,
    MANIFEST_NAME,
    SearchEntry,
    build_search_files,
    pairs,
    summarize,
    token_stream,
    tokenize,
)

ROOT = Path(__file__).resolve().parent.parent
WORKER = ROOT / "docs" / "assets" / "javascripts" / "bienban-search.js"


def _bench() -> Any:
    spec = importlib.util.spec_from_file_location("search_bench", ROOT / "benchmarks" / "search_bench.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("search_bench", module)
    spec.loader.exec_module(module)
    return module


# ----------------------------------------------------------- reading it back


class Index:
    """A Python reader of the files, doing the lookups the worker does."""

    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = files
        self.manifest = json.loads(files[MANIFEST_NAME])

    def _shard(self, part: str, key: str) -> dict[str, Any]:
        first = self.manifest[part]["first"]
        i = bisect_right(first, key) - 1
        return json.loads(self.files[self.name(part, i)]) if i >= 0 else {}

    def name(self, part: str, i: int) -> str:
        spec = self.manifest[part]
        return f"{spec['prefix']}.{spec['hashes'][i] if 'hashes' in spec else i}.json"

    def key(self, typed: str) -> list[int]:
        return list(self._shard("keys", compact_key(typed)).get(compact_key(typed), []))

    def token(self, token: str) -> tuple[list[int], list[int], int | None]:
        """Title ids, text ids and, when the text list was cut, the token's page count."""
        return self._postings("tokens", token)

    def pair(self, pair: str) -> tuple[list[int], list[int], int | None]:
        """As :meth:`token`, for two adjacent tokens ("canh sat")."""
        return self._postings("pairs", pair)

    def _postings(self, part: str, key: str) -> tuple[list[int], list[int], int | None]:
        entry = self._shard(part, key).get(key)
        if entry is None:
            return [], [], None

        def undelta(ids: list[int]) -> list[int]:
            out, value = [], 0
            for d in ids:
                value += d
                out.append(value)
            return out

        return undelta(entry[0]), undelta(entry[1]), entry[2] if len(entry) > 2 else None

    def related(self, page_id: int) -> list[int]:
        """The pages shown right after ``page_id`` when a key finds it, as the worker reads them."""
        part = self.manifest["related"]
        if page_id > part["last"]:
            return []
        i = bisect_right(part["first"], page_id) - 1
        entry = json.loads(self.files[self.name("related", i)]).get(str(page_id)) if i >= 0 else None
        out, value = [], 0
        for d in entry or []:
            value += d
            out.append(value)
        return out

    def page(self, page_id: int) -> list[str]:
        size = self.manifest["pages"]["size"]
        return json.loads(self.files[self.name("pages", page_id // size)])[page_id % size]

    def url(self, page_id: int) -> str:
        return self.page(page_id)[0]

    def kind(self, page_id: int) -> str:
        for kind, _label, start, count in self.manifest["kinds"]:
            if start <= page_id < start + count:
                return str(kind)
        raise AssertionError(page_id)


def doc(number: str, rank: float = 1.0, where: str = "") -> SearchEntry:
    parsed = docnumber.parse(number)
    assert parsed is not None
    slug = fold(number).replace("/", "-") + (f"-{fold(where).replace(' ', '-')}" if where else "")
    return SearchEntry(
        url=f"van-ban/{slug}/", title=f"{parsed.type_name} {number}", kind="document",
        keys=docnumber.search_aliases(parsed), title_text=f"{parsed.type_name} {number} {where}",
        text="", summary=f"Văn bản {number}", rank=rank,
    )


def small_corpus() -> list[SearchEntry]:
    cited = doc("217-QĐ/TW", 9)
    cited.related = ["hoi-nghi/2019/so-ket-217/"]
    return [
        cited, doc("218-QĐ/TW", 8), doc("62-KL/TW", 5), doc("62-CT/TW", 4),
        doc("17-NQ/TU", 3, "Quảng Ninh"), doc("17-NQ/TU", 2, "Hà Nội"),
        SearchEntry("nhan-vat/truong-thi-mai/", "Trương Thị Mai", "person",
                    ["Trương Thị Mai", "Truong Thi Mai"], "Trương Thị Mai Truong Thi Mai", "",
                    "Trưởng Ban Dân vận Trung ương", 30),
        SearchEntry("chu-de/dan-van-kheo/", "Dân vận khéo", "topic", ["Dân vận khéo"], "Dân vận khéo",
                    "", "12 hội nghị", 12),
        SearchEntry("hoi-nghi/2019/so-ket-217/", "Hội nghị sơ kết 217-QĐ/TW và 218-QĐ/TW", "meeting",
                    ["HN-1"], "Hội nghị sơ kết 217-QĐ/TW và 218-QĐ/TW",
                    "Thực hiện Quyết định 217 về giám sát, phong trào Dân vận khéo.", "Sơ kết", 2019),
        SearchEntry("hoi-nghi/2020/hostile/", "<script>alert(1)</script> & <img src=x>", "meeting",
                    [], "<script>alert(1)</script>", "", "<b>đậm</b> \"trích\"", 2020),
    ]


# --------------------------------------------------------------------- tests


def test_same_entries_give_identical_bytes_whatever_their_order() -> None:
    entries = small_corpus()
    first = build_search_files(entries)
    shuffled = entries[:]
    random.Random(7).shuffle(shuffled)
    assert build_search_files(shuffled) == first
    assert build_search_files(list(reversed(entries))) == first


def test_shard_names_carry_a_hash_of_their_bytes_but_page_shards_a_number() -> None:
    files = build_search_files(small_corpus())
    names = set(files) - {MANIFEST_NAME}
    hashed = {n for n in names if not n.startswith("p.")}
    assert hashed and all(re.fullmatch(r"[ktbr]\.[0-9a-f]{12}\.json", n) for n in hashed)
    manifest = json.loads(files[MANIFEST_NAME])
    index = Index(files)
    listed = {index.name(part, i) for part in ("keys", "tokens", "pairs", "related")
              for i in range(len(manifest[part]["hashes"]))}
    assert listed == hashed
    assert all(hashlib.sha256(files[n]).hexdigest()[:12] == n[2:14] for n in hashed)
    # The page table: one shard per `size` pages and one per `group` shards, by
    # number; the manifest lists no hash.
    size, group, count = (manifest["pages"][k] for k in ("size", "group", "count"))
    assert count == len(small_corpus()) and "hashes" not in manifest["pages"]
    assert names - hashed == ({f"p.{n}.json" for n in range(-(-count // size))}
                              | {f"p.g{m}.json" for m in range(-(-count // (size * group)))})
    for m in range(-(-count // (size * group))):
        rows = json.loads(files[f"p.g{m}.json"])
        assert rows == [index.page(i) for i in range(m * size * group, min(count, (m + 1) * size * group))]
    for data in files.values():
        json.loads(data)  # every file is valid JSON


@pytest.mark.parametrize("typed", [
    "217-QĐ/TW", "217-qđ/tw", "217-QD/TW", "217 QĐ TW", "217 qd tw", "217QD/TW", "QĐ 217",
    "Quyết định 217", "quyet dinh 217", "Quyết định số 217", "217-ÐQ/TW".replace("ÐQ", "QÐ"),
])
def test_typed_forms_of_a_number_find_the_document(typed: str) -> None:
    index = Index(build_search_files(small_corpus()))
    assert [index.url(i) for i in index.key(typed)] == ["van-ban/217-qd-tw/"]


def test_an_ambiguous_number_points_to_every_document_bearing_it() -> None:
    index = Index(build_search_files(small_corpus()))
    assert {index.url(i) for i in index.key("62")} == {"van-ban/62-kl-tw/", "van-ban/62-ct-tw/"}
    assert {index.url(i) for i in index.key("17-NQ/TU")} == {
        "van-ban/17-nq-tu-quang-ninh/", "van-ban/17-nq-tu-ha-noi/"}
    assert [index.url(i) for i in index.key("62-KL/TW")] == ["van-ban/62-kl-tw/"]


def test_a_document_is_followed_by_the_meetings_that_cite_it_best_first() -> None:
    meetings = [SearchEntry(f"hoi-nghi/{n:02d}/", f"Hội nghị {n}", "meeting", rank=n) for n in range(40)]
    cited = doc("217-QĐ/TW")
    # Unknown URLs and the page itself are ignored; at most 20 meetings (the results
    # a query shows), best ranked first.
    cited.related = [m.url for m in meetings] + ["hoi-nghi/khong-co/", cited.url]
    other = doc("62-KL/TW")
    index = Index(build_search_files([cited, other, *meetings], shard_bytes=300))
    assert len(index.manifest["related"]["hashes"]) == 1
    [doc_id] = index.key("217-QĐ/TW")
    assert [index.url(i) for i in index.related(doc_id)] == [f"hoi-nghi/{n:02d}/" for n in range(39, 19, -1)]
    assert index.related(index.key("62-KL/TW")[0]) == []
    assert all(index.related(i) == [] for i in range(2, 42))


def test_related_shards_are_found_by_page_id() -> None:
    meetings = [SearchEntry(f"hoi-nghi/{n:02d}/", f"Hội nghị {n}", "meeting", rank=n) for n in range(3)]
    docs = [doc(f"{n}-QĐ/TW", rank=n) for n in range(1, 40)]
    for i, d in enumerate(docs):
        d.related = [meetings[i % 3].url]
    index = Index(build_search_files([*docs, *meetings], shard_bytes=50))
    assert len(index.manifest["related"]["hashes"]) > 3  # ids 10, 11... must not be read as strings
    for d in docs:
        [doc_id] = index.key(d.title)
        assert [index.url(i) for i in index.related(doc_id)] == d.related


def test_names_and_titles_of_entities_are_keys() -> None:
    index = Index(build_search_files(small_corpus()))
    assert [index.url(i) for i in index.key("truong thi mai")] == ["nhan-vat/truong-thi-mai/"]
    assert [index.url(i) for i in index.key("dan van kheo")] == ["chu-de/dan-van-kheo/"]
    assert index.key("Hội nghị sơ kết 217-QĐ/TW và 218-QĐ/TW") == []  # meeting titles are not


def test_words_are_folded_and_weighted_by_field() -> None:
    index = Index(build_search_files(small_corpus()))
    title, text, _ = index.token("kheo")
    assert {index.url(i) for i in title} == {"chu-de/dan-van-kheo/"}
    assert {index.url(i) for i in text} == {"hoi-nghi/2019/so-ket-217/"}
    title, _, _ = index.token("217")
    assert {index.url(i) for i in title} == {"van-ban/217-qd-tw/", "hoi-nghi/2019/so-ket-217/"}


def test_ids_are_grouped_by_kind_then_rank() -> None:
    index = Index(build_search_files(small_corpus()))
    kinds = index.manifest["kinds"]
    assert [k[0] for k in kinds] == ["document", "person", "topic", "meeting"]
    assert all(label == KIND_LABELS[kind] for kind, label, _, _ in kinds)
    assert [index.url(i) for i in range(3)] == [
        "van-ban/217-qd-tw/", "van-ban/218-qd-tw/", "van-ban/62-kl-tw/"]
    assert index.kind(6) == "person"
    assert index.url(kinds[-1][2]) == "hoi-nghi/2020/hostile/"  # the later meeting ranks higher


def test_hostile_titles_are_stored_as_plain_data() -> None:
    files = build_search_files(small_corpus())
    index = Index(files)
    rows = [index.page(i) for i in range(len(small_corpus()))]
    hostile = next(r for r in rows if r[0] == "hoi-nghi/2020/hostile/")
    # Kept verbatim: the worker escapes it before Material inserts it as HTML.
    assert hostile[1] == "<script>alert(1)</script> & <img src=x>"
    assert hostile[2] == "<b>đậm</b> \"trích\""


def test_text_postings_of_very_common_words_are_capped() -> None:
    entries = [SearchEntry(f"hoi-nghi/{i:03d}/", f"Hội nghị {i}", "meeting", [], "", "các đồng chí", "",
                           float(i)) for i in range(50)]
    index = Index(build_search_files(entries, text_cap=10))
    _, text, df = index.token("cac")
    assert df == 50 and len(text) == 10  # a cut list says how many pages hold the token
    assert [index.url(i) for i in text] == [f"hoi-nghi/{i:03d}/" for i in range(49, 39, -1)]
    title, _, capped = index.token("hoi")
    assert len(title) == 50 and capped is None  # title lists have a cap of their own


def test_title_postings_of_very_common_words_keep_entities_then_best_meetings() -> None:
    # "Dân vận" is in most meeting titles: its title list keeps the topic, then
    # the best-ranked meetings, and says how many pages hold the word.
    topic = SearchEntry("chu-de/dan-van-kheo/", "Dân vận khéo", "topic", [], "Dân vận khéo", "", "", 1.0)
    meetings = [SearchEntry(f"hoi-nghi/{i:03d}/", f"Hội nghị công tác dân vận {i}", "meeting", [], "", "",
                            "", float(i)) for i in range(40)]
    index = Index(build_search_files([topic, *meetings], title_cap=10, pair_cap=10))
    for title, text, df in (index.token("dan"), index.pair("dan van")):
        assert df == 41 and text == []
        assert [index.url(i) for i in title] == ["chu-de/dan-van-kheo/"] + [
            f"hoi-nghi/{i:03d}/" for i in range(39, 30, -1)]
    # A word on fewer pages than the cap keeps them all, with no count.
    title, _, df = index.token("kheo")
    assert [index.url(i) for i in title] == ["chu-de/dan-van-kheo/"] and df is None


def test_cut_text_lists_keep_meetings_first() -> None:
    # Documents come first by id, but a meeting's text is the record: a document's
    # text only quotes the sentences citing it.
    docs = [SearchEntry(f"van-ban/{i}-nq-tw/", f"Nghị quyết {i}-NQ/TW", "document", [], "", "các đồng chí",
                        "", float(i)) for i in range(12)]
    meetings = [SearchEntry(f"hoi-nghi/{i:03d}/", f"Hội nghị {i}", "meeting", [], "", "các đồng chí", "",
                            float(i)) for i in range(12)]
    index = Index(build_search_files(docs + meetings, text_cap=10, pair_cap=10))
    for _, text, df in (index.token("cac"), index.pair("dong chi")):
        assert df == 24 and [index.url(i) for i in text] == [f"hoi-nghi/{i:03d}/" for i in range(11, 1, -1)]


def test_document_frequency_counts_title_and_text_pages_past_the_cap() -> None:
    entries = [SearchEntry(f"hoi-nghi/{i:03d}/", f"Hội nghị {i}" + (" dân vận" if i % 7 == 0 else ""),
                           "meeting", [], "", "công tác dân vận " * 3 + ("tác công" if i < 30 else ""), "",
                           float(i)) for i in range(95)]
    index = Index(build_search_files(entries, text_cap=10, pair_cap=10))
    title, text, df = index.token("dan")
    assert len(title) == 14 and len(text) == 10 and df == 95
    assert index.token("cong")[2] == 95
    # A cut pair list gives the smaller page count of its two tokens: an upper bound.
    title, text, df = index.pair("dan van")
    assert len(title) == 14 and len(text) == 10 and df == 95
    title, text, df = index.pair("tac cong")
    assert title == [] and len(text) == 10 and df == 95  # on 30 pages


def meeting(i: int, text: str, title: str = "") -> SearchEntry:
    return SearchEntry(f"hoi-nghi/{i:03d}/", title or f"Hội nghị {i}", "meeting", [], title, text, "",
                       float(-i))


def test_adjacent_tokens_are_indexed_as_pairs() -> None:
    entries = [
        meeting(0, "Hoạt động “Cảnh sát biển đồng hành với ngư dân” tại Bình Đại."),
        meeting(1, "Ngư dân và cảnh sát biển; đồng hành cùng ngư dân."),
        meeting(2, "Biển đảo, ngư dân, đồng hành với nhau.", title="Đồng hành với ngư dân"),
    ]
    index = Index(build_search_files(entries))
    assert index.manifest["pairs"]["min"] == 2

    def urls(ids: list[int]) -> list[str]:
        return [index.url(i)[-4:-1] for i in ids]

    assert urls(index.pair("canh sat")[1]) == ["000", "001"]
    # Punctuation does not cut a pair ("biển; đồng"): the query's pairs ignore it too.
    assert urls(index.pair("bien dong")[1]) == ["000", "001"]
    title, text, df = index.pair("dong hanh")
    assert (urls(title), urls(text), df) == (["002"], ["000", "001"], None)
    title, text, _ = index.pair("voi ngu")
    assert (urls(title), urls(text)) == (["002"], ["000"])
    # A token on one page only picks that page out by itself: its pairs are left out.
    assert index.pair("tai binh") == index.pair("binh dai") == index.pair("hanh cung") == ([], [], None)
    # Never across two fields (the title's last word and the text's first).
    assert index.pair("dan bien") == ([], [], None)
    assert all(" " in first for first in index.manifest["pairs"]["first"])


def test_pairs_of_rare_tokens_are_left_out_of_large_indexes() -> None:
    common = "công tác dân vận "
    entries = [meeting(i, common * 2 + ("cảnh sát biển" if i < 3 else "")) for i in range(400)]
    index = Index(build_search_files(entries))
    assert index.manifest["pairs"]["min"] == 4  # 1% of the 400 pages with text
    assert len(index.pair("dan van")[1]) == 400
    assert index.pair("canh sat") == ([], [], None)
    index = Index(build_search_files(entries, pair_share=0))
    assert index.manifest["pairs"]["min"] == 2
    assert index.pair("canh sat")[1] == [0, 1, 2]


@pytest.mark.parametrize("text", [
    "Cảnh sát biển đồng hành với ngư dân", "“Dân vận khéo” – 217-QĐ/TW, 1.234,5", "x" * 41 + " a b", "", "một",
])
def test_pairs_are_adjacent_tokens_of_the_folded_text(text: str) -> None:
    tokens = [t for t in re.findall(r"[0-9a-z]+", fold(text)) if len(t) <= 40]
    assert token_stream(text) == tokens
    assert pairs(text) == {f"{a} {b}" for a, b in zip(tokens, tokens[1:])}


def test_sections_of_a_page_are_listed_as_runs_under_it() -> None:
    entries = [
        SearchEntry("huong-dan/", "Hướng dẫn", "page", ["Hướng dẫn"], "Hướng dẫn", "", "", 0.0),
        SearchEntry("huong-dan/#buoc-1", "Bước 1", "page", ["Bước 1"], "Bước 1", "", "", 0.0),
        SearchEntry("huong-dan/#buoc-2", "Bước 2", "page", ["Bước 2"], "Bước 2", "", "", 0.0),
        SearchEntry("gioi-thieu/", "Giới thiệu", "page", ["Giới thiệu"], "Giới thiệu", "", "", 0.0),
        SearchEntry("khac/#mat-trang", "Mồ côi", "page", [], "Mồ côi", "", "", 0.0),  # no page of its own
        *small_corpus(),
    ]
    index = Index(build_search_files(entries))
    runs = index.manifest["sections"]
    ids = {index.url(i): i for start, count in ((k[2], k[3]) for k in index.manifest["kinds"])
           for i in range(start, start + count)}
    assert runs == [[ids["huong-dan/"], ids["huong-dan/#buoc-1"], 2]]
    assert ids["huong-dan/#buoc-2"] == ids["huong-dan/#buoc-1"] + 1


def test_hand_written_pages_are_indexed_section_by_section(tmp_path: Path) -> None:
    (tmp_path / "huong-dan").mkdir()
    (tmp_path / "huong-dan" / "index.md").write_text(
        "---\ndescription: Hướng dẫn\n---\n\n# Hướng dẫn biên tập\n\nMở đầu.\n\n"
        "## Bước 1. Tạo bản ghi\n\n```yaml\n# không phải tiêu đề\ntitle: Hội nghị\n```\n\n"
        "### `end_date` — ngày **kết thúc**\n\nXem [định dạng](dinh-dang.md).\n\n"
        "## Vùng\n\nMột.\n\n## Vùng\n\nHai.\n\n## Riêng {#mot-ten-rieng}\n\nBa.\n",
        encoding="utf-8")
    (tmp_path / "an.md").write_text("---\nsearch:\n  exclude: true\n---\n\n# Ẩn\n", encoding="utf-8")
    entries = for_hand_written(tmp_path)
    assert [(e.url, e.title) for e in entries] == [
        ("huong-dan/", "Hướng dẫn biên tập"),
        ("huong-dan/#buoc-1-tao-ban-ghi", "Bước 1. Tạo bản ghi"),
        ("huong-dan/#end-date-ngay-ket-thuc", "end_date — ngày kết thúc"),
        ("huong-dan/#vung", "Vùng"),
        ("huong-dan/#vung_1", "Vùng"),
        ("huong-dan/#mot-ten-rieng", "Riêng"),
    ]
    assert {e.kind for e in entries} == {"page"} and all(e.keys == [e.title] for e in entries)
    by_url = {e.url: e for e in entries}
    assert by_url["huong-dan/"].text == "Mở đầu."
    # Code is text of its section, without the fence or its language; links keep their words.
    assert by_url["huong-dan/#buoc-1-tao-ban-ghi"].text == "# không phải tiêu đề title: Hội nghị"
    assert by_url["huong-dan/#end-date-ngay-ket-thuc"].text == "Xem định dạng."


@pytest.mark.parametrize("entry, message", [
    (SearchEntry("x/", "X", "meeting-ish"), "unknown kind"),
    (SearchEntry("/x/", "X", "page"), "site-relative"),
    (SearchEntry("http://example.org/", "X", "page"), "site-relative"),
])
def test_bad_entries_are_refused(entry: SearchEntry, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        build_search_files([entry])


def test_duplicate_urls_are_refused() -> None:
    with pytest.raises(ValueError, match="twice"):
        build_search_files([SearchEntry("a/", "A", "page"), SearchEntry("a/", "B", "topic")])


def test_empty_site_still_has_a_manifest() -> None:
    files = build_search_files([])
    manifest = json.loads(files[MANIFEST_NAME])
    assert manifest["keys"]["hashes"] == [] and manifest["pages"]["count"] == 0


def test_summaries_are_cut_at_200_characters_on_a_word() -> None:
    text = "Đồng chí Trương Thị Mai phát biểu chỉ đạo hội nghị. " * 10
    short = summarize(text)
    assert len(short) <= 200 and short.endswith("…") and not short[:-1].endswith(" ")
    assert summarize("  ngắn \n gọn ") == "ngắn gọn"
    index = Index(build_search_files([SearchEntry("a/", "A", "page", summary=text)]))
    assert index.page(0)[2] == short


@pytest.mark.parametrize("text", [
    "Trương Thị Mai, Đảng ủy", "Ðảng ủy", "ÐẢNG ỦY", unicodedata.normalize("NFD", "Quyết định 217-QĐ/TW"),
    "uỷ ban, ủy ban, hoà bình", "x\u0301y  z\tw", "Nghị quyết\u00a017-NQ/TU", "1.234,5 đồng; 45-KH/TWĐTN-BTG",
])
def test_tokenize_equals_folding_the_whole_text(text: str) -> None:
    assert tokenize(text) == set(re.findall(r"[0-9a-z]+", fold(text)))


def test_the_worker_strips_exactly_pythons_combining_characters() -> None:
    """The worker's COMBINING class is generated from unicodedata (Unicode 14.0)."""
    if unicodedata.unidata_version != "14.0.0":
        pytest.skip(f"the class was generated from Unicode 14.0, not {unicodedata.unidata_version}")
    source = WORKER.read_text(encoding="utf-8")
    block = source[source.index("const COMBINING"):source.index('"]", "gu")')]
    ranges: list[tuple[int, int]] = []
    for a, b in re.findall(r"\\u\{([0-9a-f]+)\}(?:-\\u\{([0-9a-f]+)\})?", block):
        ranges.append((int(a, 16), int(b or a, 16)))
    expected: list[tuple[int, int]] = []
    for c in range(sys.maxunicode + 1):
        if unicodedata.combining(chr(c)):
            if expected and expected[-1][1] == c - 1:
                expected[-1] = (expected[-1][0], c)
            else:
                expected.append((c, c))
    assert ranges == expected


def test_20000_entries_build_in_seconds_into_small_shards() -> None:
    bench = _bench()
    entries = bench.synthetic_entries(10_000, 10_000)
    assert len(entries) == 20_000
    start = time.perf_counter()
    files = build_search_files(entries)
    elapsed = time.perf_counter() - start
    assert elapsed < 30, f"index build took {elapsed:.1f} s"  # ~4.5 s on the 2-core dev machine

    sizes: dict[str, list[int]] = {}
    for name, data in files.items():
        kind = "pg" if name.startswith("p.g") else name.split(".")[0]  # page groups apart
        sizes.setdefault(kind, []).append(len(data))
    assert max(sizes["manifest"]) <= 40_000
    assert max(sizes["k"]) <= 16_000
    assert max(sizes["t"]) <= 30_000  # a word on most pages: two capped lists
    assert max(sizes["b"]) <= 30_000
    assert max(sizes["p"]) <= 4_000
    assert max(sizes["pg"]) <= 16_000
    assert max(sizes["r"]) <= 4_000

    # Worst case before the first answer to a four-word query pasted: the worker,
    # the manifest, two key shards, three shards for the word being typed, one
    # for each other word, three for the pair being typed and one for each other
    # pair, one related shard, and 20 results in 20 different page shards (or
    # in 10 groups of shards: the worker fetches a group for two shards at least).
    # Issue 13: 500 KB at most before the first answer at 10,000 meetings.
    largest = {k: sorted(v, reverse=True) for k, v in sizes.items()}
    worst = (WORKER.stat().st_size + largest["manifest"][0] + sum(largest["k"][:2])
             + sum(largest["t"][:6]) + sum(largest["b"][:5]) + largest["r"][0] + max(sum(largest["p"][:20]), sum(largest["pg"][:10])))
    assert worst <= 500_000, worst

    index = Index(files)
    assert [index.url(i) for i in index.key("217 qd tw")] == ["van-ban/217-qd-tw/"]
    assert {index.url(i) for i in index.key("62")} >= {"van-ban/62-kl-tw/", "van-ban/62-ct-tw/"}


def test_a_person_is_followed_by_the_meetings_they_were_at(seed_build: BuildResult) -> None:
    """In the built seed site's index, a person found by name relates the meetings the
    person was at (the worker shows them next), and only those."""
    folder = seed_build.site_dir / INDEX_DIR
    index = Index({p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.json")})
    person = next(i for i in index.key("Trương Thị Mai") if index.kind(i) == "person")
    attended = {f"hoi-nghi/{p.stem}/" for p in (ROOT / "records").glob("20*/*.md")
                if "name: Trương Thị Mai" in p.read_text("utf-8")}
    assert attended and {index.url(i) for i in index.related(person)} == attended
