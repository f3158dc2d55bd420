"""The built-in gazetteer: both maps of the provincial-level units, read by date."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.language.geography import MAP_2025, load_geography

GEO = load_geography()
BEFORE = dt.date(2025, 6, 30)
AFTER = dt.date(2025, 7, 1)

#: Nghị quyết 202/2025/QH15, Điều 1: the 23 new units and what each was formed from.
MERGES = {
    "Tuyên Quang": {"Hà Giang", "Tuyên Quang"},
    "Lào Cai": {"Yên Bái", "Lào Cai"},
    "Thái Nguyên": {"Bắc Kạn", "Thái Nguyên"},
    "Phú Thọ": {"Vĩnh Phúc", "Hòa Bình", "Phú Thọ"},
    "Bắc Ninh": {"Bắc Giang", "Bắc Ninh"},
    "Hưng Yên": {"Thái Bình", "Hưng Yên"},
    "Hải Phòng": {"Hải Dương", "Hải Phòng"},
    "Ninh Bình": {"Hà Nam", "Ninh Bình", "Nam Định"},
    "Quảng Trị": {"Quảng Bình", "Quảng Trị"},
    "Đà Nẵng": {"Quảng Nam", "Đà Nẵng"},
    "Quảng Ngãi": {"Kon Tum", "Quảng Ngãi"},
    "Gia Lai": {"Gia Lai", "Bình Định"},
    "Khánh Hòa": {"Ninh Thuận", "Khánh Hòa"},
    "Lâm Đồng": {"Lâm Đồng", "Đắk Nông", "Bình Thuận"},
    "Đắk Lắk": {"Đắk Lắk", "Phú Yên"},
    "Thành phố Hồ Chí Minh": {"Bà Rịa - Vũng Tàu", "Bình Dương", "Thành phố Hồ Chí Minh"},
    "Đồng Nai": {"Bình Phước", "Đồng Nai"},
    "Tây Ninh": {"Long An", "Tây Ninh"},
    "Cần Thơ": {"Sóc Trăng", "Hậu Giang", "Cần Thơ"},
    "Vĩnh Long": {"Bến Tre", "Vĩnh Long", "Trà Vinh"},
    "Đồng Tháp": {"Tiền Giang", "Đồng Tháp"},
    "Cà Mau": {"Bạc Liêu", "Cà Mau"},
    "An Giang": {"Kiên Giang", "An Giang"},
}
UNCHANGED = {"Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh",
             "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Cao Bằng"}


def test_63_units_before_and_34_after_the_reorganisation() -> None:
    assert MAP_2025 == AFTER
    for day in (dt.date(2010, 1, 1), dt.date(2024, 12, 31), BEFORE):
        assert len(GEO.on(day)) == 63, day
    after = GEO.on(AFTER)
    assert len(after) == 34
    assert len({p.name for p in after}) == 34
    assert {p.name for p in after} == set(MERGES) | UNCHANGED
    assert sum(p.type == "thành phố" for p in after) == 6  # 28 tỉnh và 6 thành phố


def test_every_merge_and_its_successor_exist_on_the_new_map() -> None:
    new_map = {p.name: p for p in GEO.on(AFTER)}
    for name, formed_from in MERGES.items():
        unit = new_map[name]
        assert {p.name for p in unit.predecessors} == formed_from
        assert unit.since == AFTER and unit.act is not None and unit.act.short == "Nghị quyết 202/2025/QH15"
        for former in unit.predecessors:
            assert former.successor is unit
            assert former.until == BEFORE
            assert not former.valid_on(AFTER) and former.valid_on(BEFORE)
    old_merged = [p for p in GEO.on(BEFORE) if p.until is not None]
    assert len(old_merged) == 52
    assert all(p.successor in new_map.values() for p in old_merged)


def test_thua_thien_hue_became_the_city_of_hue_on_1_january_2025() -> None:
    hue = GEO.lookup("Huế", AFTER)
    assert hue is not None and hue.type == "thành phố" and hue.since == dt.date(2025, 1, 1)
    assert hue.act is not None and hue.act.short == "Nghị quyết 175/2024/QH15"
    assert [p.name for p in hue.predecessors] == ["Thừa Thiên Huế"]
    assert hue in GEO.on(BEFORE)  # one of the 63 of 30/6/2025, and of the 34 after
    old = GEO.lookup("Thừa Thiên Huế", dt.date(2024, 12, 31))
    assert old is not None and old.until == dt.date(2024, 12, 31)


def test_a_name_is_read_against_the_map_of_the_date() -> None:
    later = dt.date(2026, 3, 5)
    new_lao_cai = GEO.lookup("Lào Cai", later)
    old_lao_cai = GEO.lookup("tỉnh Lào Cai", dt.date(2019, 5, 1))
    assert new_lao_cai is not None and old_lao_cai is not None
    assert new_lao_cai is not old_lao_cai
    assert new_lao_cai.since == AFTER and old_lao_cai.successor is new_lao_cai
    assert new_lao_cai.slug != old_lao_cai.slug  # two units, two pages
    # Yên Bái in 2026: no unit; the message names where it went.
    found = GEO.resolve("Yên Bái", later)
    assert found.place is None
    message = found.problem("Yên Bái", later)
    assert message is not None
    assert "tỉnh Lào Cai" in message and "30/6/2025" in message and "202/2025/QH15" in message
    assert "hãy ghi “Lào Cai”" in message
    # ... and in 2024 it is simply Yên Bái.
    assert GEO.lookup("Yên Bái", dt.date(2024, 5, 1)) is not None
    assert GEO.resolve("Yên Bái", dt.date(2024, 5, 1)).problem("Yên Bái", dt.date(2024, 5, 1)) is None
    # Unchanged units are one unit on both maps.
    assert GEO.lookup("Quảng Ninh", dt.date(2019, 1, 1)) is GEO.lookup("Quảng Ninh", later)


def test_a_name_from_after_the_change_in_an_older_record_names_the_former_unit() -> None:
    message = GEO.resolve("Huế", dt.date(2024, 3, 1)).problem("Huế", dt.date(2024, 3, 1))
    assert message is not None and "tỉnh Thừa Thiên Huế" in message


@pytest.mark.parametrize("name", ["Tây Nam bộ", "Tây Nam Bộ", "đồng bằng sông Cửu Long"])
def test_region_aliases(name: str) -> None:
    region = GEO.lookup(name)
    assert region is not None and region.is_region and region.name == "Đồng bằng sông Cửu Long"


def test_new_units_know_every_region_their_territory_lay_in() -> None:
    tay_ninh = GEO.lookup("Tây Ninh", AFTER)
    assert tay_ninh is not None
    assert set(tay_ninh.regions) == {"Đông Nam Bộ", "Đồng bằng sông Cửu Long"}
    assert tay_ninh.region is None  # across regions: no single region is claimed
    lao_cai = GEO.lookup("Lào Cai", AFTER)
    assert lao_cai is not None and lao_cai.region == "Trung du và miền núi phía Bắc"


def test_a_former_name_inside_free_text_means_the_unit_of_the_day() -> None:
    place = GEO.province_in("Hội trường Tỉnh ủy Yên Bái", dt.date(2026, 3, 5))
    assert place is not None and place.name == "Lào Cai" and place.since == AFTER
    place = GEO.province_in("Hội trường Tỉnh ủy Yên Bái", dt.date(2023, 3, 5))
    assert place is not None and place.name == "Yên Bái"
