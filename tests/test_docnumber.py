"""Table-driven tests for the grammar of Vietnamese document numbers."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from generator.language.docnumber import DocNumber, NearMiss, find_bare_numbers, find_numbers, parse, search_aliases

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"

# (input, canonical, style, type_code, issuer_code, year)
POSITIVE: list[tuple[str, str, str, str | None, str, str | None]] = [
    # party order, as the seeds write them
    ("217-QĐ/TW", "217-QĐ/TW", "party", "QĐ", "TW", None),
    ("218-QĐ/TW", "218-QĐ/TW", "party", "QĐ", "TW", None),
    ("17-NQ/TU", "17-NQ/TU", "party", "NQ", "TU", None),
    ("62-KL/TW", "62-KL/TW", "party", "KL", "TW", None),
    ("62-CT/TW", "62-CT/TW", "party", "CT", "TW", None),
    ("05-CT/TW", "05-CT/TW", "party", "CT", "TW", None),
    ("40-CTr/TU", "40-CTr/TU", "party", "CTr", "TU", None),
    ("306-QĐ/TU", "306-QĐ/TU", "party", "QĐ", "TU", None),
    ("23-NQ/TW", "23-NQ/TW", "party", "NQ", "TW", None),
    ("01-QĐi/TW", "01-QĐi/TW", "party", "QĐi", "TW", None),
    ("36-HD/VPTW", "36-HD/VPTW", "party", "HD", "VPTW", None),
    ("12-NQ/HU", "12-NQ/HU", "party", "NQ", "HU", None),
    ("03-NQ/ĐU", "03-NQ/ĐU", "party", "NQ", "ĐU", None),
    ("10-TB/TW", "10-TB/TW", "party", "TB", "TW", None),
    ("15-KH/TU", "15-KH/TU", "party", "KH", "TU", None),
    ("20-BC/TW", "20-BC/TW", "party", "BC", "TW", None),
    ("01-QC/TW", "01-QC/TW", "party", "QC", "TW", None),
    ("05-QĐ/BDVTW", "05-QĐ/BDVTW", "party", "QĐ", "BDVTW", None),
    ("25-NQ/TW", "25-NQ/TW", "party", "NQ", "TW", None),
    ("8B-NQ/HNTW", "8B-NQ/HNTW", "party", "NQ", "HNTW", None),
    ("66-QĐ/TW", "66-QĐ/TW", "party", "QĐ", "TW", None),
    ("12-ĐA/TU", "12-ĐA/TU", "party", "ĐA", "TU", None),
    ("07-TTr/BDVTU", "07-TTr/BDVTU", "party", "TTr", "BDVTU", None),
    ("45-KH/TWĐTN-BTG", "45-KH/TWĐTN-BTG", "party", "KH", "TWĐTN-BTG", None),
    ("24-L/CTN", "24-L/CTN", "party", "L", "CTN", None),
    ("123-CV/TU", "123-CV/TU", "party", "CV", "TU", None),
    # party order, typed carelessly
    ("217-qđ/tw", "217-QĐ/TW", "party", "QĐ", "TW", None),
    ("217-QD/TW", "217-QĐ/TW", "party", "QĐ", "TW", None),
    ("217-qd/tw", "217-QĐ/TW", "party", "QĐ", "TW", None),
    ("217-Q\u00d0/TW", "217-QĐ/TW", "party", "QĐ", "TW", None),  # Ð U+00D0 for Đ
    ("217 - QĐ / TW", "217-QĐ/TW", "party", "QĐ", "TW", None),
    ("217\u2013QĐ/TW", "217-QĐ/TW", "party", "QĐ", "TW", None),  # en dash
    ("217\u2011QĐ\uff0fTW", "217-QĐ/TW", "party", "QĐ", "TW", None),  # nb hyphen, fullwidth slash
    ("217 QĐ TW", "217-QĐ/TW", "party", "QĐ", "TW", None),
    ("217QĐ/TW", "217-QĐ/TW", "party", "QĐ", "TW", None),
    ("217/QĐ-TW", "217-QĐ/TW", "party", "QĐ", "TW", None),  # party number in state order
    ("số 217-QĐ/TW", "217-QĐ/TW", "party", "QĐ", "TW", None),
    ("so 217-QD/TW", "217-QĐ/TW", "party", "QĐ", "TW", None),
    ("Số: 17-NQ/TU.", "17-NQ/TU", "party", "NQ", "TU", None),
    ("Quyết định số 217-QĐ/TW", "217-QĐ/TW", "party", "QĐ", "TW", None),
    ("Quyet dinh so 217-QD/TW", "217-QĐ/TW", "party", "QĐ", "TW", None),
    ("Chỉ thị 05-CT/TW", "05-CT/TW", "party", "CT", "TW", None),
    ("01-QDI/TW", "01-QĐi/TW", "party", "QĐi", "TW", None),
    ("01-qđi/tw", "01-QĐi/TW", "party", "QĐi", "TW", None),
    ("40-CTR/TU", "40-CTr/TU", "party", "CTr", "TU", None),
    ("03-NQ/DU", "03-NQ/ĐU", "party", "NQ", "ĐU", None),
    ("03-nq/\u00d0U", "03-NQ/ĐU", "party", "NQ", "ĐU", None),
    ("12-DA/TU", "12-DA/TU", "party", "DA", "TU", None),  # DA is a code of its own (Dự án)
    ("217-QĐ/TƯ", "217-QĐ/TW", "party", "QĐ", "TW", None),
    ("(62-KL/TW)", "62-KL/TW", "party", "KL", "TW", None),
    # state order
    ("15/2020/NĐ-CP", "15/2020/NĐ-CP", "state", "NĐ", "CP", "2020"),
    ("15/2020/ND-CP", "15/2020/NĐ-CP", "state", "NĐ", "CP", "2020"),
    ("15/2020/nđ-cp", "15/2020/NĐ-CP", "state", "NĐ", "CP", "2020"),
    ("30/2020/NĐ-CP", "30/2020/NĐ-CP", "state", "NĐ", "CP", "2020"),
    ("1234/QĐ-UBND", "1234/QĐ-UBND", "state", "QĐ", "UBND", None),
    ("1234/QD-UBND", "1234/QĐ-UBND", "state", "QĐ", "UBND", None),
    ("1234 / QĐ - UBND", "1234/QĐ-UBND", "state", "QĐ", "UBND", None),
    ("1234/QĐ/UBND", "1234/QĐ-UBND", "state", "QĐ", "UBND", None),
    ("04/2023/TT-BNV", "04/2023/TT-BNV", "state", "TT", "BNV", "2023"),
    ("1234/QĐ-TTg", "1234/QĐ-TTg", "state", "QĐ", "TTg", None),
    ("1234/qd-ttg", "1234/QĐ-TTg", "state", "QĐ", "TTg", None),
    ("05/CT-TTg", "05/CT-TTg", "state", "CT", "TTg", None),
    ("12/2020/QĐ-TTg", "12/2020/QĐ-TTg", "state", "QĐ", "TTg", "2020"),
    ("12/2021/NQ-HĐND", "12/2021/NQ-HĐND", "state", "NQ", "HĐND", "2021"),
    ("12/2021/NQ-HDND", "12/2021/NQ-HĐND", "state", "NQ", "HĐND", "2021"),
    ("01/2015/TTLT-BNV-BTC", "01/2015/TTLT-BNV-BTC", "state", "TTLT", "BNV-BTC", "2015"),
    ("03/VBHN-VPQH", "03/VBHN-VPQH", "state", "VBHN", "VPQH", None),
    ("123/KH-UBND", "123/KH-UBND", "state", "KH", "UBND", None),
    ("12/CĐ-UBND", "12/CĐ-UBND", "state", "CĐ", "UBND", None),
    ("12/CD-UBND", "12/CĐ-UBND", "state", "CĐ", "UBND", None),
    ("05/2022/L-CTN", "05/2022/L-CTN", "state", "L", "CTN", "2022"),
    ("Số: 15/2020/NĐ-CP", "15/2020/NĐ-CP", "state", "NĐ", "CP", "2020"),
    ("Nghị định số 15/2020/NĐ-CP", "15/2020/NĐ-CP", "state", "NĐ", "CP", "2020"),
    # laws and National Assembly resolutions: no type code
    ("10/2022/QH15", "10/2022/QH15", "state", None, "QH15", "2022"),
    ("Luật số 10/2022/QH15", "10/2022/QH15", "state", None, "QH15", "2022"),
    ("43/2022/qh15", "43/2022/QH15", "state", None, "QH15", "2022"),
    ("02/2022/UBTVQH15", "02/2022/UBTVQH15", "state", None, "UBTVQH15", "2022"),
    # official letters (công văn): issuer and unit, no type code
    ("123/UBND-VX", "123/UBND-VX", "state", None, "UBND-VX", None),
    ("1234/VPCP-KGVX", "1234/VPCP-KGVX", "state", None, "VPCP-KGVX", None),
    ("4567/BNV-CCVC", "4567/BNV-CCVC", "state", None, "BNV-CCVC", None),
]

NEGATIVE: list[str] = [
    "",
    "   ",
    "08/12/2009",
    "5/1/2025",
    "16/08/2019 4:00 PM",
    "77/112",
    "82/99",
    "3.000",
    "1.070",
    "2016-2020",
    "2024 -2029",
    "2018",
    "218",
    "Quyết định số 218",
    "Nghị quyết 25",
    "Quân khu 3",
    "Vùng 3",
    "6 biết",
    "6 tháng",
    "COVID-19",
    "CT-XH",
    "0912-345-678",
    "https://dangcongsan.vn/van-ban/217-QD/TW",
    "12/2020/QĐ",  # no issuer
    "217-QĐ",  # no issuer
    "217-XYZ/TW",  # unknown type code
    "QĐ/TW",
    "217-QĐ/",
    "217--QĐ/TW",
    "0-NQ/TW",
    "123/UBND",  # a bare issuer is too weak to be a number
    "1/2-NQ",
    "217-QĐ/TW 218-QĐ/TW",  # two numbers are not one
    "217-QĐ/TW!x",
]


@pytest.mark.parametrize(("text", "canonical", "style", "type_code", "issuer", "year"), POSITIVE)
def test_parse_positive(
    text: str, canonical: str, style: str, type_code: str | None, issuer: str, year: str | None
) -> None:
    n = parse(text)
    assert n is not None, text
    assert n.canonical == canonical
    assert (n.style, n.type_code, n.issuer_code, n.year) == (style, type_code, issuer, year)


@pytest.mark.parametrize("text", NEGATIVE)
def test_parse_negative(text: str) -> None:
    assert parse(text) is None


def test_enough_cases() -> None:
    assert len(POSITIVE) >= 40 and len({c for _, c, *_ in POSITIVE}) >= 40
    assert len(NEGATIVE) >= 20


@pytest.mark.parametrize("canonical", sorted({row[1] for row in POSITIVE}))
def test_canonical_round_trip(canonical: str) -> None:
    n = parse(canonical)
    assert n is not None
    assert n.canonical == canonical
    assert parse(n.canonical) == n
    assert parse(str(n)) == n


@pytest.mark.parametrize(
    "spellings",
    [
        ["217-QĐ/TW", "217-qđ/tw", "217-QD/TW", "217 - QĐ / TW", "217-Q\u00d0/TW", "217 QĐ TW", "217/QĐ-TW",
         "số 217-QĐ/TW", "Quyết định số 217-QĐ/TW"],
        ["05-CT/TW", "5-CT/TW", "005-ct/tw", "Chỉ thị số 05-CT/TW"],
        ["01-QĐi/TW", "1-QDI/TW", "01-qđi/tw"],
        ["15/2020/NĐ-CP", "15/2020/ND-CP", "15/2020/nd-cp", "Nghị định 15/2020/NĐ-CP"],
        ["1234/QĐ-UBND", "1234/qd-ubnd", "1234/QĐ/UBND"],
        ["03-NQ/ĐU", "3-NQ/DU", "03-nq/\u00d0U"],
    ],
)
def test_equivalent_spellings_share_key(spellings: list[str]) -> None:
    keys = {parse(s).key for s in spellings}  # type: ignore[union-attr]
    assert len(keys) == 1, keys
    slugs = {parse(s).slug for s in spellings}  # type: ignore[union-attr]
    assert len(slugs) == 1, slugs


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("62-KL/TW", "62-CT/TW"),
        ("01-QĐ/TW", "01-QĐi/TW"),
        ("17-NQ/TU", "17-NQ/HU"),
        ("17-NQ/TU", "17-NQ/TW"),
        ("217-QĐ/TW", "218-QĐ/TW"),
        ("15/2020/NĐ-CP", "15/2021/NĐ-CP"),
        ("8B-NQ/HNTW", "8-NQ/HNTW"),
    ],
)
def test_different_documents_have_different_keys(a: str, b: str) -> None:
    assert parse(a).key != parse(b).key  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "key", "slug"),
    [
        ("217-QĐ/TW", "217-qd/tw", "217-qd-tw"),
        ("05-CT/TW", "5-ct/tw", "5-ct-tw"),
        ("40-CTr/TU", "40-ctr/tu", "40-ctr-tu"),
        ("15/2020/NĐ-CP", "15/2020/nd-cp", "15-2020-nd-cp"),
        ("04/2023/TT-BNV", "4/2023/tt-bnv", "4-2023-tt-bnv"),
        ("10/2022/QH15", "10/2022/qh15", "10-2022-qh15"),
        ("123/UBND-VX", "123/ubnd-vx", "123-ubnd-vx"),
    ],
)
def test_key_and_slug(text: str, key: str, slug: str) -> None:
    n = parse(text)
    assert n is not None
    assert (n.key, n.slug) == (key, slug)
    assert n.key.isascii() and n.slug.isascii()


@pytest.mark.parametrize(
    ("text", "type_name", "is_local"),
    [
        ("217-QĐ/TW", "Quyết định", False),
        ("01-QĐi/TW", "Quy định", False),
        ("17-NQ/TU", "Nghị quyết", True),
        ("12-NQ/HU", "Nghị quyết", True),
        ("03-NQ/ĐU", "Nghị quyết", True),
        ("40-CTr/TU", "Chương trình", True),
        ("62-KL/TW", "Kết luận", False),
        ("36-HD/VPTW", "Hướng dẫn", False),
        ("05-QĐ/BDVTW", "Quyết định", False),
        ("45-KH/TWĐTN-BTG", "Kế hoạch", False),
        ("12-TT/TW", "Thông tri", False),  # party TT is a Thông tri …
        ("04/2023/TT-BNV", "Thông tư", False),  # … state TT a Thông tư
        ("24-L/CTN", "Luật", False),
        ("05/2022/L-CTN", "Lệnh", False),
        ("15/2020/NĐ-CP", "Nghị định", False),
        ("1234/QĐ-UBND", "Quyết định", True),
        ("12/2021/NQ-HĐND", "Nghị quyết", True),
        ("1234/QĐ-TTg", "Quyết định", False),
        ("123/UBND-VX", "Công văn", True),
        ("10/2022/QH15", None, False),
    ],
)
def test_type_name_and_locality(text: str, type_name: str | None, is_local: bool) -> None:
    n = parse(text)
    assert n is not None
    assert n.type_name == type_name
    assert n.is_local is is_local


def test_docnumber_is_frozen_and_hashable() -> None:
    n = parse("217-QĐ/TW")
    assert isinstance(n, DocNumber)
    with pytest.raises(AttributeError):
        n.number = "218"  # type: ignore[misc]
    assert len({n, parse("217-QD/TW")}) == 1


# --- find_numbers -----------------------------------------------------------

# Sentences as the seed articles print them (../shared/seeds/00N_*.txt).
FIND: list[tuple[str, list[str]]] = [
    (  # seed 000
        "Việc thực hiện Quyết định số 217-QĐ/TW, Quyết định số 218-QĐ/TW của Bộ Chính trị (khóa XI) "
        "chưa đáp ứng yêu cầu.",
        ["217-QĐ/TW", "218-QĐ/TW"],
    ),
    (  # seed 000: figures, ranges, a military region, none of them numbers
        "đại diện lãnh đạo Quân chủng Hải quân, Quân khu 3, Bộ Tư lệnh Thủ đô Hà Nội; Tỉnh Vĩnh Phúc có 2 huyện "
        "đạt huyện Nông thôn mới và 77/112 xã đã được công nhận đạt chuẩn nông thôn mới. Tỉnh Hưng Yên phát triển "
        "được 3.000 đoàn viên; 6 tháng đầu năm 2018; 335 dịch vụ công trực tuyến mức độ 3, 4 và 1.070 thủ tục.",
        [],
    ),
    (  # seed 001
        "Tỉnh ủy Quảng Ninh ban hành Nghị quyết số 17-NQ/TU của Ban Thường vụ Tỉnh ủy về nâng cao chất lượng, "
        "hiệu quả công tác dân vận trong tình hình mới.",
        ["17-NQ/TU"],
    ),
    (  # seed 001: the date right after the number is not a number
        'Thực hiện có hiệu quả kết luận số 62-KL/TW ngày 08/12/2009 của Bộ Chính trị "Về tiếp tục đổi mới nội dung".',
        ["62-KL/TW"],
    ),
    (  # seed 001: a date glued to a name
        "Xuân Hương16/08/2019 4:00 PM",
        [],
    ),
    (  # seed 002: bare "Quyết định số 218" and "Nghị quyết 25" are for the registry's aliases
        "sơ kết 02 năm thực hiện Chỉ thị số 06 Ban Thường vụ Tỉnh ủy; tổng kết 10 năm thực hiện Quyết định số 218 "
        "của Bộ Chính trị; tổng kết 10 năm thực hiện Nghị quyết 25 về \"Tăng cường và đổi mới sự lãnh đạo của Đảng\"",
        [],
    ),
    (  # seed 002
        "tiếp tục chỉ đạo triển khai thực hiện quy chế công tác dân vận của hệ thống chính trị theo Quyết định "
        "306-QĐ/TU của Ban Thường vụ Tỉnh ủy; chương trình công tác dân vận năm 2024",
        ["306-QĐ/TU"],
    ),
    (  # seed 002
        "Phối hợp với Bộ Tư lệnh Cảnh sát biển Vùng 3 tổ chức các hoạt động; nhiệm kỳ 2024 -2029; Xuân Giáp Thìn - 2024",
        [],
    ),
    (  # seed 003
        "Cấp ủy, chính quyền đã gắn việc triển khai, quán triệt Chỉ thị số 05-CT/TW của Bộ Chính trị về đẩy mạnh "
        "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        ["05-CT/TW"],
    ),
    (  # seed 003
        "mô hình “6 biết”...của tỉnh của Đồng Tháp. UBND tỉnh Kiên Giang ban hành kế hoạch thực hiện Chương trình "
        "số 40-CTr/TU của Tỉnh ủy; phong trào thi đua “Dân vận khéo” giai đoạn 2016-2020.",
        ["40-CTr/TU"],
    ),
    (  # seed 004
        "trọng tâm tổng kết 20 năm thực hiện Nghị quyết 23-NQ/TW, ngày 12/3/2003 của Ban Chấp hành Trung ương "
        "Đảng khóa IX về phát huy sức mạnh đại đoàn kết toàn dân tộc và tổng kết 25 năm thực hiện Chỉ thị số 62-CT/TW.",
        ["23-NQ/TW", "62-CT/TW"],
    ),
    (  # seed 004
        "đã ban hành 440 nghị quyết, 485 chỉ thị, 2.508 chương trình hành động, 3.065 kế hoạch và 14.162 công văn",
        [],
    ),
    # beyond the seeds
    ("theo 217-QĐ/TW,218-QĐ/TW và 17-NQ/TU;", ["217-QĐ/TW", "218-QĐ/TW", "17-NQ/TU"]),
    ("(Chỉ thị 05-CT/TW)", ["05-CT/TW"]),
    ("Nghị định 15/2020/NĐ-CP, Luật số 10/2022/QH15 và Công văn 123/UBND-VX.",
     ["15/2020/NĐ-CP", "10/2022/QH15", "123/UBND-VX"]),
    ("Quyết định 1234/QĐ-UBND ngày 5/6/2021 và Thông tư 04/2023/TT-BNV).", ["1234/QĐ-UBND", "04/2023/TT-BNV"]),
    ("Nghị quyết số 8B-NQ/HNTW về đổi mới công tác quần chúng", ["8B-NQ/HNTW"]),
    ("Quyết định số 84 QĐ/TWĐTN ngày 22/02/2013", ["84-QĐ/TWĐTN"]),
    # a space for the dash right after a type word, as after "số"
    ("thực hiện Quyết định 217 QĐ/TW và Chỉ thị 05 CT/TW", ["217-QĐ/TW", "05-CT/TW"]),
    ("quyet dinh 217 QĐ/TW", ["217-QĐ/TW"]),
    ("Quyết định số 217 - QĐ/TW và 218–QĐ/TW", ["217-QĐ/TW", "218-QĐ/TW"]),
    ("thực hiện Kết luận 100 - KL/TW của Bộ Chính trị", ["100-KL/TW"]),
    ("Kết luận số 100 - KL/TW", ["100-KL/TW"]),
    ("theo 217/QĐ-TW của Bộ Chính trị", ["217-QĐ/TW"]),
    ("Nghị quyết 17-NQ/TU-Ban Dân vận", ["17-NQ/TU"]),
    ("số 217-qđ/tw và 03-NQ/\u00d0U", ["217-QĐ/TW", "03-NQ/ĐU"]),
    ("Kế hoạch 45-KH/TWĐTN-BTG; Thông tư liên tịch 01/2015/TTLT-BNV-BTC.", ["45-KH/TWĐTN-BTG", "01/2015/TTLT-BNV-BTC"]),
]

FIND_NONE: list[str] = [
    "xem https://dangcongsan.vn/van-ban/217-QD/TW hoặc www.chinhphu.vn/15/2020/ND-CP",
    "http://example.vn/?so=15/2020/ND-CP&q=1234/QĐ-UBND",
    "phòng chống dịch COVID-19, F0/F1, 24/7",
    "ĐT: 0912-345-678, (024) 3825 1234, +84-24-3825",
    "có 4 CT/DN; 5 KH/tháng; 3 lần/năm; 2 BC/quý",  # no "số": a count, not a number
    "Kế hoạch 5 KH/tháng",  # a type word, but no issuer
    "đứng thứ 3/TP-HCM; tỷ lệ 1/AB-CD",  # an untyped form needs "số" or "công văn"
    "ngày 5/2020/ABC",
    "tổ chức CT-XH, HĐND, UBND",
    "Quyết định số 1.234/QĐ-UBND",  # a thousands separator is no part of a number
    "mã 12345678/QĐ-UBND",
]


@pytest.mark.parametrize(("text", "expected"), FIND)
def test_find_numbers(text: str, expected: list[str]) -> None:
    found = find_numbers(text)
    assert [m.number.canonical for m in found] == expected
    for m in found:
        assert text[m.start:m.end] == m.raw
        assert not m.shared_suffix
        assert parse(m.raw) == m.number


# Lists of numbers sharing one suffix, as the press prints them: (text, every
# number found in order, the bare numbers among them as written).
SHARED: list[tuple[str, list[str], list[str]]] = [
    ("kết quả bước đầu triển khai Quyết định 217, 218-QĐ/TW của Bộ Chính trị",
     ["217-QĐ/TW", "218-QĐ/TW"], ["217"]),
    ("Nghị quyết số 23, 25-NQ/TW", ["23-NQ/TW", "25-NQ/TW"], ["23"]),
    ("tổng kết Nghị quyết 23 và 25-NQ/TW", ["23-NQ/TW", "25-NQ/TW"], ["23"]),
    ("23 và 25-NQ/TW", ["23-NQ/TW", "25-NQ/TW"], ["23"]),
    ("thực hiện Chỉ thị số 05, 06-CT/TU của Ban Thường vụ", ["05-CT/TU", "06-CT/TU"], ["05"]),
    ("Quyết định số 217, số 218-QĐ/TW", ["217-QĐ/TW", "218-QĐ/TW"], ["217"]),
    ("Nghị quyết 23, 25, và 26-NQ/TW", ["23-NQ/TW", "25-NQ/TW", "26-NQ/TW"], ["23", "25"]),
    ("Quyết định 217,218-QĐ/TW", ["217-QĐ/TW", "218-QĐ/TW"], ["217"]),
    ("QUYẾT ĐỊNH 217 VÀ 218-QĐ/TW", ["217-QĐ/TW", "218-QĐ/TW"], ["217"]),
    # printed with spaces, and with "số" inside: still one list
    ("Kết luận số 99, 100 - KL/TW", ["99-KL/TW", "100-KL/TW"], ["99"]),
    ("Quyết định số 217, 218 - QĐ / TW", ["217-QĐ/TW", "218-QĐ/TW"], ["217"]),
    # the type word differs: only the issuer is shared
    ("Chỉ thị 05 và Quy định 08-QĐi/TW", ["05-CT/TW", "08-QĐi/TW"], ["05"]),
    ("Chỉ thị 05, 06 và Quy định 08-QĐi/TW", ["05-CT/TW", "06-CT/TW", "08-QĐi/TW"], ["05", "06"]),
    ("Nghị quyết 23 và Chỉ thị 62-CT/TW", ["23-NQ/TW", "62-CT/TW"], ["23"]),
    # a party "Quy định" before 2018 was numbered QĐ: the same suffix
    ("Quy định 217, 218-QĐ/TW", ["217-QĐ/TW", "218-QĐ/TW"], ["217"]),
    # state order: the year is part of the suffix
    ("Nghị định số 15, 16/2020/NĐ-CP", ["15/2020/NĐ-CP", "16/2020/NĐ-CP"], ["15"]),
    ("Quyết định 1234 và 1235/QĐ-UBND", ["1234/QĐ-UBND", "1235/QĐ-UBND"], ["1234"]),
    # state order with another type word: another issuer too, no list
    ("Nghị định 15 và Thông tư 04/2023/TT-BNV", ["04/2023/TT-BNV"], []),
    # not lists: a year, a date, an article, a count
    ("trong năm 2018, 217-QĐ/TW được sơ kết", ["217-QĐ/TW"], []),
    ("ngày 12/3, 218-QĐ/TW", ["218-QĐ/TW"], []),
    ("theo Điều 5, 6, 218-QĐ/TW", ["218-QĐ/TW"], []),
    ("Hội nghị lần thứ 7, 25-NQ/TW", ["25-NQ/TW"], []),
    ("có 3.000, 217-QĐ/TW", ["217-QĐ/TW"], []),
    ("phòng COVID-19, 217-QĐ/TW", ["217-QĐ/TW"], []),
    ("năm 2018, Quyết định 217, 218-QĐ/TW", ["217-QĐ/TW", "218-QĐ/TW"], ["217"]),
    ("Quyết định số 0, 218-QĐ/TW", ["218-QĐ/TW"], []),
    # full numbers are still each their own
    ("Quyết định số 217-QĐ/TW, 218-QĐ/TW", ["217-QĐ/TW", "218-QĐ/TW"], []),
]


SHARED.append(("(1900, 1-NQ/TW", ["1-NQ/TW"], []))  # a year opens no list


@pytest.mark.parametrize(("text", "expected", "bare"), SHARED)
def test_shared_suffix_lists(text: str, expected: list[str], bare: list[str]) -> None:
    found = find_numbers(text)
    assert [m.number.canonical for m in found] == expected
    assert [m.raw for m in found if m.shared_suffix] == bare
    for m in found:
        assert text[m.start:m.end] == m.raw
        if m.shared_suffix:  # the bare number itself, read like the full one
            assert m.raw.isdigit()
            assert parse(f"{m.raw}{m.number.canonical[len(m.number.number):]}") == m.number


def test_shared_suffix_number_is_the_documents_key() -> None:
    """"Quyết định 217, 218-QĐ/TW" and "Quyết định 217-QĐ/TW" name one document."""
    [shared, _] = find_numbers("Quyết định 217, 218-QĐ/TW")
    assert shared.number.key == parse("217-QĐ/TW").key  # type: ignore[union-attr]
    [local, _] = find_numbers("Chỉ thị số 05, 06-CT/TU")
    assert local.number.is_local and local.number.key == parse("5-CT/TU").key  # type: ignore[union-attr]


# A type word and a bare number: (text, [(phrase, type name, number)]).
BARE: list[tuple[str, list[tuple[str, str, str]]]] = [
    ("Kết luận số 43 của Bộ Chính trị", [("Kết luận số 43", "Kết luận", "43")]),
    ("tổng kết Quyết định 218.", [("Quyết định 218", "Quyết định", "218")]),
    ("Quyet dinh so 218 va Chi thi 05", [("Quyet dinh so 218", "Quyết định", "218"), ("Chi thi 05", "Chỉ thị", "05")]),
    ("NGHỊ QUYẾT 25 CỦA TRUNG ƯƠNG", [("NGHỊ QUYẾT 25", "Nghị quyết", "25")]),
    ("Quyết định số: 218", [("Quyết định số: 218", "Quyết định", "218")]),
    ("Nghị quyết 8B về công tác quần chúng", [("Nghị quyết 8B", "Nghị quyết", "8B")]),
    ("Nghị quyết 25/2020", []),  # a state number without its issuer is no bare number
    ("Quyết định 218-QĐ/TW", []),  # a full number
    ("Nghị quyết 3.000 đoàn viên", []),
    ("số 218 của Bộ Chính trị", []),  # no type word
    ("xQuyết định 218", []),
]


@pytest.mark.parametrize(("text", "expected"), BARE)
def test_find_bare_numbers(text: str, expected: list[tuple[str, str, str]]) -> None:
    found = find_bare_numbers(text)
    assert [(text[b.start:b.end], b.type_name, b.number) for b in found] == expected


@pytest.mark.parametrize(
    ("phrase", "number", "fits"),
    [
        ("Kết luận số 43", "43-KL/TW", True),
        ("Kết luận số 43", "43-CT/TW", False),
        ("Kết luận số 43", "44-KL/TW", False),
        ("Chỉ thị 05", "5-CT/TW", True),
        ("Chỉ thị 5", "05-CT/TU", True),
        ("Quy định 218", "218-QĐ/TW", True),  # numbered QĐ before 2018
        ("Quy định 08", "08-QĐi/TW", True),
        ("Quyết định 08", "08-QĐi/TW", False),
        ("Thông tư 04", "04/2023/TT-BNV", True),
        ("Thông tri 04", "04/2023/TT-BNV", False),
        ("Công văn 123", "123/UBND-VX", True),
    ],
)
def test_bare_number_fits(phrase: str, number: str, fits: bool) -> None:
    [bare] = find_bare_numbers(phrase)
    assert bare.fits(parse(number)) is fits  # type: ignore[arg-type]


@pytest.mark.parametrize("text", FIND_NONE)
def test_find_numbers_none(text: str) -> None:
    assert find_numbers(text) == []


def test_find_keeps_the_number_as_written() -> None:
    [m] = find_numbers("Theo Quyết định số 217 - QD/TW.")
    assert m.raw == "217 - QD/TW"
    assert m.number.canonical == "217-QĐ/TW"


SEED_EXPECTATIONS = {
    "000": {"217-QĐ/TW", "218-QĐ/TW"},
    "001": {"17-NQ/TU", "62-KL/TW"},
    "002": {"306-QĐ/TU"},
    "003": {"05-CT/TW", "40-CTr/TU"},
    "004": {"23-NQ/TW", "62-CT/TW"},
}


@pytest.mark.parametrize("seed", sorted(SEED_EXPECTATIONS))
def test_seed_articles(seed: str) -> None:
    files = sorted(SEEDS.glob(f"{seed}_*.txt"))
    if not files:
        pytest.skip(f"seed article {seed} not found under {SEEDS}")
    text = files[0].read_text(encoding="utf-8")
    found = {m.number.canonical for m in find_numbers(text)}
    assert found == SEED_EXPECTATIONS[seed]


# --- search aliases -----------------------------------------------------------


def test_search_aliases_party() -> None:
    aliases = search_aliases(parse("217-QĐ/TW"))  # type: ignore[arg-type]
    assert aliases[0] == "217-QĐ/TW"
    for form in ["217-QD/TW", "217 QĐ TW", "QĐ 217", "QD 217", "Quyết định 217", "Quyet dinh 217",
                 "Quyết định số 217", "217", "217-QĐ"]:
        assert form in aliases
    assert len(aliases) == len({a.casefold() for a in aliases})
    assert aliases == search_aliases(parse("217-qd/tw"))  # type: ignore[arg-type]


def test_search_aliases_leading_zeros_and_state() -> None:
    aliases = search_aliases(parse("05-CT/TW"))  # type: ignore[arg-type]
    for form in ["05-CT/TW", "5-CT/TW", "CT 05", "CT 5", "Chỉ thị 5", "Chi thi 05", "05", "5"]:
        assert form in aliases
    state = search_aliases(parse("15/2020/NĐ-CP"))  # type: ignore[arg-type]
    for form in ["15/2020/NĐ-CP", "15/2020/ND-CP", "NĐ 15", "ND 15", "Nghị định 15", "Nghi dinh 15",
                 "Nghị định 15/2020", "15/2020", "15"]:
        assert form in state
    law = search_aliases(parse("10/2022/QH15"))  # type: ignore[arg-type]
    assert law[0] == "10/2022/QH15" and "10" in law


# --- properties and speed -----------------------------------------------------

_CODES = ["NQ", "QĐ", "QĐi", "CT", "KL", "CTr", "HD", "KH", "TB", "BC", "QC", "ĐA", "TTr"]
_ISSUERS = ["TW", "TU", "HU", "ĐU", "VPTW", "BDVTW", "BTGTU"]


@settings(max_examples=200, deadline=None)
@given(
    number=st.integers(min_value=1, max_value=9999),  # numbers run to five digits
    zeros=st.integers(min_value=0, max_value=1),
    code=st.sampled_from(_CODES),
    issuer=st.sampled_from(_ISSUERS),
    before=st.sampled_from(["Theo Quyết định số ", "(", "và ", ""]),
    after=st.sampled_from([".", ")", ", ", " của Bộ Chính trị", ""]),
)
def test_party_numbers_in_sentences(
    number: int, zeros: int, code: str, issuer: str, before: str, after: str
) -> None:
    written = "0" * zeros + str(number) + f"-{code}/{issuer}"
    text = before + written + after
    [m] = find_numbers(text)
    assert (m.start, m.raw, m.number.canonical) == (len(before), written, written)
    assert parse(written.replace("Đ", "D").lower()).key == m.number.key  # type: ignore[union-attr]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789/-.,: QĐDTWNCKLUHabcđ\u00d0–")), max_size=40))
def test_never_raises(text: str) -> None:
    for m in find_numbers(text):
        assert text[m.start:m.end] == m.raw
    for b in find_bare_numbers(text):
        assert 0 <= b.start < b.end <= len(text)
    parse(text)


@settings(max_examples=200, deadline=None)
@given(
    numbers=st.lists(st.integers(min_value=1, max_value=9999), min_size=2, max_size=5, unique=True),
    joins=st.lists(st.sampled_from([", ", ",", " và ", ", và ", ", số "]), min_size=4, max_size=4),
    code=st.sampled_from(_CODES),
    issuer=st.sampled_from(_ISSUERS),
    lead=st.sampled_from(["Theo Quyết định ", "thực hiện Nghị quyết số ", "các văn bản số ", "(", ""]),
)
def test_shared_suffix_lists_yield_every_number(
    numbers: list[int], joins: list[str], code: str, issuer: str, lead: str
) -> None:
    written = [str(n) for n in numbers]
    # A year (1900–2099) with neither type word nor "số" before it starts no list, on purpose.
    assume(lead.strip() not in ("", "(") or not 1900 <= numbers[0] <= 2099)
    text = lead + "".join(w + j for w, j in zip(written[:-1], joins)) + f"{written[-1]}-{code}/{issuer} của Ban."
    found = find_numbers(text)
    # Each number is found, with the closing number's type (unless a type word of
    # another kind stands before it) and issuer.
    assert [m.number.number for m in found] == written
    assert {m.number.issuer_code for m in found} == {issuer}
    if "Quyết định" not in lead and "Nghị quyết" not in lead:
        assert {m.number.type_code for m in found} == {code}


# --- in the archive: shared suffixes and bare numbers become links ------------


def _archive(tmp_path: Path, records: dict[str, str], documents: str = "") -> tuple[object, list[str]]:
    """Check ``records`` (path → text) with a registry of ``documents``; the site and
    every problem as the editor reads it."""
    from conftest import copy_project

    from generator.pipeline import check

    project = copy_project(tmp_path / "p", records=False)
    for rel, text in records.items():
        (project.records / rel).parent.mkdir(parents=True, exist_ok=True)
        (project.records / rel).write_text(text, encoding="utf-8")
    if documents:
        (project.records / "_registry").mkdir(exist_ok=True)
        (project.records / "_registry" / "documents.yml").write_text(documents, encoding="utf-8")
    site, report = check(project)
    return site, [str(p) for p in report.problems]


def _record(title: str, *, date: str = "2023-05-10", organizer: str = "Ban Dân vận Trung ương",
            province: str | None = None, findings: list[str] = (), documents: list[str] = ()) -> str:  # type: ignore[assignment]
    lines = ["---", f"title: {title}", f"date: {date}", f"organizer: {organizer}"]
    if province:
        lines.append(f"provinces: [{province}]")
    if findings:
        lines.append("findings:")
        lines += [f"- {text}" for text in findings]
    if documents:
        lines.append("documents:")
        lines += [f"- {n}" for n in documents]
    return "\n".join([*lines, "---", ""])


def _mentioned(site: object, number: str) -> list[str]:
    """The phrases in which the page of ``number`` is mentioned, as written."""
    docs = [d for d in site.documents if d.number.canonical == number]  # type: ignore[attr-defined]
    return [m.as_written for d in docs for m in d.mentions]


def test_shared_suffix_list_links_every_document(tmp_path: Path) -> None:
    site, problems = _archive(tmp_path, {"a.md": _record(
        "Sơ kết", findings=["Kết quả bước đầu triển khai Quyết định 217, 218-QĐ/TW của Bộ Chính trị."])})
    assert problems == []
    assert _mentioned(site, "217-QĐ/TW") == ["217"]
    assert _mentioned(site, "218-QĐ/TW") == ["218-QĐ/TW"]
    [doc] = [d for d in site.documents if d.number.canonical == "217-QĐ/TW"]  # type: ignore[attr-defined]
    assert doc.mentions[0].sentence.startswith("Kết quả bước đầu triển khai Quyết định 217, 218-QĐ/TW")
    assert "217" not in doc.forms_written  # a bare "217" is no way of writing the number


REGISTRY = """\
- number: 43-KL/TW
  issuer: Bộ Chính trị
- number: 218-QĐ/TW
  issuer: Bộ Chính trị
  aliases: [Quyết định số 218]
- number: 25-NQ/TW
  term: XI
  date: 2013-06-03
- number: 25-NQ/TW
  term: IX
  date: 2003-03-12
"""


def test_bare_number_links_to_the_one_registry_document(tmp_path: Path) -> None:
    site, problems = _archive(tmp_path, {"a.md": _record(
        "Sơ kết", findings=["Tiếp tục thực hiện Kết luận số 43 của Bộ Chính trị."])}, REGISTRY)
    assert problems == []
    assert _mentioned(site, "43-KL/TW") == ["Kết luận số 43"]
    [meeting] = site.meetings  # type: ignore[attr-defined]
    [entry] = meeting.entries["findings"]
    assert [(entry.text.text[s:e], d.number.canonical) for s, e, d in entry.text.links] == [
        ("Kết luận số 43", "43-KL/TW")]


def test_bare_number_of_a_repeated_central_number_takes_the_one_before_the_meeting(tmp_path: Path) -> None:
    site, problems = _archive(tmp_path, {"a.md": _record("Tổng kết", findings=["Tổng kết Nghị quyết 25."])},
                              REGISTRY)
    assert problems == []
    [doc] = [d for d in site.documents if d.mentions]  # type: ignore[attr-defined]
    assert (doc.number.canonical, doc.term) == ("25-NQ/TW", "XI")


def test_bare_number_known_nowhere_stays_text(tmp_path: Path) -> None:
    site, problems = _archive(tmp_path, {"a.md": _record(
        "Sơ kết", findings=["Sơ kết Chỉ thị số 06 của Ban Thường vụ; Kết luận số 44."])}, REGISTRY)
    assert problems == []
    assert [d for d in site.documents if d.mentions] == []  # type: ignore[attr-defined]


def test_registry_alias_wins_over_bare_number(tmp_path: Path) -> None:
    site, problems = _archive(tmp_path, {"a.md": _record(
        "Sơ kết", findings=["Tổng kết 10 năm thực hiện Quyết định số 218 của Bộ Chính trị."])}, REGISTRY)
    assert problems == []
    assert _mentioned(site, "218-QĐ/TW") == ["Quyết định số 218"]


def test_bare_number_cited_in_the_same_record(tmp_path: Path) -> None:
    """The record's own full number decides, wherever in the record it stands."""
    site, problems = _archive(tmp_path, {"a.md": _record(
        "Sơ kết", province="Bến Tre",
        findings=["Sơ kết Chỉ thị số 06 của Ban Thường vụ Tỉnh ủy.",
                  "Ban hành Chỉ thị số 06-CT/TU về công tác dân vận."])})
    assert problems == []
    assert _mentioned(site, "06-CT/TU") == ["Chỉ thị số 06", "06-CT/TU"]


def test_bare_number_cited_by_the_same_organizers_other_record(tmp_path: Path) -> None:
    later = _record("Ban hành", date="2024-01-01", organizer="Tỉnh ủy Bến Tre", province="Bến Tre",
                    documents=["06-CT/TU"])
    earlier = _record("Sơ kết", date="2023-01-01", organizer="Tỉnh ủy Bến Tre", province="Bến Tre",
                      findings=["Sơ kết Chỉ thị số 06 của Ban Thường vụ Tỉnh ủy."])
    other = _record("Giao ban", date="2023-02-01", organizer="Tỉnh ủy Cà Mau", province="Cà Mau",
                    findings=["Sơ kết Chỉ thị số 06 của Ban Thường vụ Tỉnh ủy."])
    site, problems = _archive(tmp_path, {"a.md": earlier, "b.md": later, "c.md": other})
    assert problems == []
    docs = [d for d in site.documents if d.mentions]  # type: ignore[attr-defined]
    assert [(d.number.canonical, d.province.name, [m.meeting.name for m in d.mentions]) for d in docs] == [
        ("06-CT/TU", "Bến Tre", ["Sơ kết"])]


def test_bare_number_with_several_candidates_is_a_warning(tmp_path: Path) -> None:
    record = _record("Sơ kết", findings=["Tiếp tục thực hiện Kết luận số 43.",
                                          "Kết luận 43-KL/TW và Kết luận 43-KL/BDVTW đã được quán triệt."])
    site, problems = _archive(tmp_path, {"a.md": record})
    assert problems == [
        "records/a.md:6: cảnh báo: “Kết luận số 43” có thể là 2 văn bản: 43-KL/TW; 43-KL/BDVTW; "
        "chưa tạo liên kết. Hãy viết số hiệu đầy đủ, hoặc liệt kê văn bản trong “documents” của bản ghi"
    ]
    assert _mentioned(site, "43-KL/TW") == ["43-KL/TW"]


def test_bare_number_in_the_body(tmp_path: Path) -> None:
    """In the body too; a warning names the line of the phrase itself."""
    head = "---\ntitle: Giao ban\ndate: 2023-05-10\nprovinces: [{}]\n---\n"
    body = "\nĐoạn một.\n\nTiếp tục thực hiện Kết luận số 43 của Bộ Chính trị.\n"
    registry = "- number: 43-KL/TW\n- number: 43-KL/TU\n  province: Bến Tre\n"
    site, problems = _archive(tmp_path, {"a.md": head.format("Quảng Ninh") + body,
                                         "b.md": head.format("Bến Tre") + body}, registry)
    assert [p.split(": cảnh báo: ")[0] for p in problems] == ["records/b.md:9"]
    assert "43-KL/TW; 43-KL/TU (Bến Tre)" in problems[0]
    [doc] = [d for d in site.documents if d.mentions]  # type: ignore[attr-defined]
    assert doc.number.canonical == "43-KL/TW"
    assert [(m.meeting.path, m.section, m.sentence) for m in doc.mentions] == [
        ("records/a.md", "body", "Tiếp tục thực hiện Kết luận số 43 của Bộ Chính trị.")]


def test_incremental_run_follows_a_bare_number_decided_by_another_record(tmp_path: Path) -> None:
    """An edit to record B of the same organizer names 06-CT/TU in full: record A's page,
    whose "Chỉ thị số 06" now links there, is rendered again by an incremental run too."""
    import hashlib

    from conftest import copy_project

    from generator.pipeline import generate

    project = copy_project(tmp_path / "p")
    (project.records / "2016").mkdir()
    (project.records / "2025").mkdir()
    # Dates far apart, seed meetings between: no page shows another as its neighbour.
    # C (another organizer) gives 06-CT/TU its page from the start: no new page later.
    records = {
        "2016/a.md": _record("Sơ kết", date="2016-01-01", organizer="Tỉnh ủy Bến Tre", province="Bến Tre",
                             findings=["Sơ kết Chỉ thị số 06 của Ban Thường vụ Tỉnh ủy."]),
        "2025/b.md": _record("Ban hành", date="2025-06-01", organizer="Tỉnh ủy Bến Tre", province="Bến Tre",
                             findings=["Ban hành chỉ thị về công tác dân vận."]),
        "2016/c.md": _record("Giao ban", date="2016-03-01", organizer="Ban Dân vận Tỉnh ủy Bến Tre",
                             province="Bến Tre", documents=["06-CT/TU"]),
    }
    for rel, text in records.items():
        (project.records / rel).write_text(text, encoding="utf-8")
    generate(project, incremental=True)
    page = project.docs / "hoi-nghi" / "a.md"
    assert "van-ban/6-ct-tu-ben-tre" not in page.read_text(encoding="utf-8")
    (project.records / "2025/b.md").write_text(records["2025/b.md"].replace(
        "findings:", "documents:\n- 06-CT/TU\nfindings:"), encoding="utf-8")
    generate(project, incremental=True)
    assert "[Chỉ thị số 06](../van-ban/6-ct-tu-ben-tre.md " in page.read_text(encoding="utf-8")

    def snapshot() -> dict[str, str]:
        return {p.relative_to(project.docs).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(project.docs.rglob("*.md")) if ".bienban" not in p.parts}

    incremental = snapshot()
    generate(project)
    assert snapshot() == incremental


NEAR_MISSES = [
    ("các cấp quán triệt Nghị quyết NQ 17/TU", [("NQ 17/TU", "17-NQ/TU")]),
    ("thực hiện Nghị quyết 17-NQ-TU", [("17-NQ-TU", "17-NQ/TU")]),
    ("Quy định 217 QĐ-TW", [("217 QĐ-TW", "217-QĐ/TW")]),
    ("theo 217 QĐ/TW của Bộ Chính trị", [("217 QĐ/TW", "217-QĐ/TW")]),
    # what links, and what is no party number, is no near miss
    ("Quyết định số 218 QĐ/TW và 217-QĐ/TW", []),
    ("có 4 CT/DN; 5 KH/tháng; 2-BC-UBND; 1234/QĐ-UBND", []),
]


@pytest.mark.parametrize(("text", "expected"), NEAR_MISSES)
def test_numbers_written_in_a_form_that_links_nothing_are_near_misses(
        text: str, expected: list[tuple[str, str]]) -> None:
    near: list[NearMiss] = []
    find_numbers(text, near)
    assert [(m.raw, m.number.canonical) for m in near] == expected
    assert all(text[m.start:m.end] == m.raw for m in near)
