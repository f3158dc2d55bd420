"""Slugs, folding and identity keys: what decides URLs and which names are one entity."""

import pytest

from generator.language.collate import initial, person_sort_key, sort_key
from generator.language.text import compact_key, fold, heading_slugify, identity_key, nfc, slug


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Trương Thị Mai", "truong-thi-mai"),
        ("Điểu K’ré", "dieu-kre"),
        ("Đồng bằng sông Cửu Long", "dong-bang-song-cuu-long"),
        ("Bà Rịa - Vũng Tàu", "ba-ria-vung-tau"),
        ("Quy chế dân chủ ở cơ sở", "quy-che-dan-chu-o-co-so"),
        ("ĐẢNG ỦY KHỐI", "dang-uy-khoi"),
        ("Ðảng", "dang"),  # U+00D0 typed for Đ
        ("", "x"),
    ],
)
def test_slug(name: str, expected: str) -> None:
    assert slug(name) == expected


def test_heading_slugify_keeps_d_with_stroke() -> None:
    # Python-Markdown's default gives "ia-phuong"
    assert heading_slugify("Địa phương", "-") == "dia-phuong"


def test_fold_and_compact_key() -> None:
    assert fold("Quyết định số 217-QĐ/TW") == "quyet dinh so 217-qd/tw"
    assert compact_key("217-QĐ/TW") == compact_key("217 qd tw") == compact_key("217QD/TW") == "217qdtw"


def test_nfd_input_is_normalised() -> None:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "Trương Thị Mai")
    assert decomposed != "Trương Thị Mai"
    assert nfc(decomposed) == "Trương Thị Mai"
    assert identity_key(decomposed) == identity_key("Trương Thị Mai")


@pytest.mark.parametrize(
    ("old", "new"),
    [("Hoà Bình", "Hòa Bình"), ("Uỷ ban", "Ủy ban"), ("Thuý", "Thúy"), ("khoẻ", "khỏe"), ("HOÀ", "HÒA")],
)
def test_old_and_new_tone_placement_are_one_identity(old: str, new: str) -> None:
    assert identity_key(old) == identity_key(new)


def test_different_tones_are_different_people() -> None:
    assert identity_key("Nguyễn Văn Hùng") != identity_key("Nguyễn Văn Hưng")
    assert slug("Nguyễn Văn Hùng") == slug("Nguyễn Văn Hưng")  # hence the -2 suffix rule


def test_vietnamese_alphabetical_order() -> None:
    names = ["Đặng", "Dương", "Ân", "Ăn", "An", "Bình", "Ơn", "Ôn", "On", "Ưng", "Uy"]
    assert sorted(names, key=sort_key) == ["An", "Ăn", "Ân", "Bình", "Dương", "Đặng", "On", "Ôn", "Ơn", "Uy", "Ưng"]


def test_people_sort_by_given_name() -> None:
    people = ["Trương Thị Mai", "Hà Ngọc Anh", "Bùi Văn Bia", "Nguyễn Văn Đọc", "Nguyễn Doãn Toản"]
    assert sorted(people, key=person_sort_key) == [
        "Hà Ngọc Anh", "Bùi Văn Bia", "Nguyễn Văn Đọc", "Trương Thị Mai", "Nguyễn Doãn Toản",
    ]


@pytest.mark.parametrize(("word", "letter"), [("Anh", "A"), ("Ánh", "A"), ("Ất", "Â"), ("Ăn", "Ă"), ("Đọc", "Đ"), ("Ước", "Ư")])
def test_initial_letter(word: str, letter: str) -> None:
    assert initial(word) == letter
