"""Deterministic synthetic corpus of meeting records, for benchmarks and tests.

    python benchmarks/synth.py --meetings 10000 --out /tmp/corpus [--seed 1]

writes ``DIR/records/YYYY/<id>.md`` (YAML front matter + Markdown body, the record
format of the editor's guide) and ``DIR/records/_registry/{documents,people,
organizations}.yml``.  Import use: ``write_corpus(out, meetings, seed)``.

Design notes (why it looks the way it does):

* Entities come from pools sized on N (people ~N/5, bodies ~N/10, documents ~N/4,
  the real 63 provinces, 40 topics) and are drawn with a Zipf-like skew, so a few
  people and documents appear in hundreds of meetings and most in a handful — the
  shape that makes entity pages and mention lists expensive in real data.
* Local document numbers ("17-NQ/TU", "1234/QĐ-UBND") deliberately recur in
  several provinces, and 25-NQ/TW exists twice (2003 and 2013), to exercise the
  issuer/term disambiguation.  Near-collision names (Nguyễn Văn Hùng / Hưng)
  exercise slug collisions.
* Texts are sentences adapted from the five seed articles, with provinces, numbers,
  people and document numbers substituted; about 1,000–1,500 words per meeting.
* Determinism: one ``random.Random(seed)``, no global random, no clock, no set or
  hash-order iteration; files are written with "\\n" newlines in UTF-8.  Same
  seed and N give byte-identical files.
* Speed: YAML is emitted by a small hand-written emitter (PyYAML's emitter is
  pure Python and would dominate the run time); the test suite checks that every
  file parses back to exactly the data emitted.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import json
import random
import re
import shutil
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import yaml

PROJECT = Path(__file__).resolve().parent.parent
PROVINCES_YML = PROJECT / "generator" / "data" / "provinces.yml"
#: Written into DIR/records so that a re-run may replace a corpus it made itself
#: (and never a real records/ folder).  Hidden files are not records.
MARKER = ".synth-corpus"

FIRST_YEAR, LAST_YEAR = 2005, 2025
#: The corpus lives on one map, the 63 provinces as they stood until the end of 2024:
#: Thừa Thiên Huế became the city of Huế on 1 January 2025 and 52 provinces merged on
#: 1 July 2025, so a later meeting naming them is an error.
LAST_DAY = dt.date(2024, 12, 31)

# ====================================================================== geography

#: Fallback when generator/data/provinces.yml is absent: the 63 provinces by the
#: regions the Ban Dân vận Trung ương uses for its regional briefings.
REGIONS: list[tuple[str, list[str]]] = [
    ("Trung du và miền núi phía Bắc", [
        "Hà Giang", "Cao Bằng", "Bắc Kạn", "Tuyên Quang", "Lào Cai", "Yên Bái", "Thái Nguyên",
        "Lạng Sơn", "Bắc Giang", "Phú Thọ", "Điện Biên", "Lai Châu", "Sơn La", "Hòa Bình"]),
    ("Đồng bằng sông Hồng", [
        "Hà Nội", "Hải Phòng", "Bắc Ninh", "Hải Dương", "Hưng Yên", "Thái Bình", "Nam Định",
        "Hà Nam", "Ninh Bình", "Vĩnh Phúc", "Quảng Ninh"]),
    ("Bắc Trung Bộ", [
        "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Quảng Bình", "Quảng Trị", "Thừa Thiên Huế"]),
    ("Duyên hải Nam Trung Bộ", [
        "Đà Nẵng", "Quảng Nam", "Quảng Ngãi", "Bình Định", "Phú Yên", "Khánh Hòa",
        "Ninh Thuận", "Bình Thuận"]),
    ("Tây Nguyên", ["Kon Tum", "Gia Lai", "Đắk Lắk", "Đắk Nông", "Lâm Đồng"]),
    ("Đông Nam Bộ", [
        "Thành phố Hồ Chí Minh", "Đồng Nai", "Bình Dương", "Bình Phước", "Tây Ninh",
        "Bà Rịa - Vũng Tàu"]),
    ("Tây Nam Bộ", [
        "Cần Thơ", "Long An", "Tiền Giang", "Bến Tre", "Trà Vinh", "Vĩnh Long", "Đồng Tháp",
        "An Giang", "Kiên Giang", "Hậu Giang", "Sóc Trăng", "Bạc Liêu", "Cà Mau"]),
]

#: Provincial capitals (keyed by folded province name): their city party
#: committees are bodies too, and the capital is where provincial meetings sit.
CAPITALS = {
    "ha giang": "Hà Giang", "cao bang": "Cao Bằng", "bac kan": "Bắc Kạn",
    "tuyen quang": "Tuyên Quang", "lao cai": "Lào Cai", "yen bai": "Yên Bái",
    "thai nguyen": "Thái Nguyên", "lang son": "Lạng Sơn", "bac giang": "Bắc Giang",
    "phu tho": "Việt Trì", "dien bien": "Điện Biên Phủ", "lai chau": "Lai Châu",
    "son la": "Sơn La", "hoa binh": "Hòa Bình", "quang ninh": "Hạ Long",
    "bac ninh": "Bắc Ninh", "hai duong": "Hải Dương", "hung yen": "Hưng Yên",
    "thai binh": "Thái Bình", "nam dinh": "Nam Định", "ha nam": "Phủ Lý",
    "ninh binh": "Ninh Bình", "vinh phuc": "Vĩnh Yên", "thanh hoa": "Thanh Hóa",
    "nghe an": "Vinh", "ha tinh": "Hà Tĩnh", "quang binh": "Đồng Hới", "quang tri": "Đông Hà",
    "thua thien hue": "Huế", "quang nam": "Tam Kỳ", "quang ngai": "Quảng Ngãi",
    "binh dinh": "Quy Nhơn", "phu yen": "Tuy Hòa", "khanh hoa": "Nha Trang",
    "ninh thuan": "Phan Rang - Tháp Chàm", "binh thuan": "Phan Thiết", "kon tum": "Kon Tum",
    "gia lai": "Pleiku", "dak lak": "Buôn Ma Thuột", "dak nong": "Gia Nghĩa",
    "lam dong": "Đà Lạt", "dong nai": "Biên Hòa", "binh duong": "Thủ Dầu Một",
    "binh phuoc": "Đồng Xoài", "tay ninh": "Tây Ninh", "ba ria - vung tau": "Bà Rịa",
    "long an": "Tân An", "tien giang": "Mỹ Tho", "ben tre": "Bến Tre", "tra vinh": "Trà Vinh",
    "vinh long": "Vĩnh Long", "dong thap": "Cao Lãnh", "an giang": "Long Xuyên",
    "kien giang": "Rạch Giá", "hau giang": "Vị Thanh", "soc trang": "Sóc Trăng",
    "bac lieu": "Bạc Liêu", "ca mau": "Cà Mau",
}
#: Centrally-run cities: "Thành ủy", "thành phố", "Thành đoàn".
MUNICIPALITIES = {"ha noi", "hai phong", "da nang", "can tho", "ho chi minh",
                  "thanh pho ho chi minh", "tp ho chi minh", "tp. ho chi minh"}


def fold(text: str) -> str:
    """Lower-case ASCII: strip marks, đ → d (ids and lookup keys only)."""
    text = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(c for c in text if not unicodedata.combining(c))


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


@dataclass
class Province:
    name: str
    region: str
    city: bool            # a centrally-run city
    tinh: str             # "tỉnh Quảng Ninh" / "thành phố Hà Nội"
    tinh_w: str           # "tỉnh" / "thành phố"
    tu: str               # "Tỉnh ủy" / "Thành ủy"
    doan: str             # "Tỉnh đoàn" / "Thành đoàn"
    capital: str | None
    slug: str


def _province(name: str, region: str) -> Province:
    key = fold(name)
    city = key in MUNICIPALITIES or key.startswith(("thanh pho ", "tp "))
    if city:
        tinh = name if key.startswith(("thanh pho ", "tp ")) else f"thành phố {name}"
    else:
        tinh = f"tỉnh {name}"
    return Province(
        name=name, region=region, city=city, tinh=tinh,
        tinh_w="thành phố" if city else "tỉnh",
        tu="Thành ủy" if city else "Tỉnh ủy",
        doan="Thành đoàn" if city else "Tỉnh đoàn",
        capital=None if city else CAPITALS.get(key),
        slug=slugify(re.sub(r"^(?:Thành phố|TP\.?)\s+", "", name)),
    )


def load_regions() -> list[tuple[str, list[Province]]]:
    """The regions and provinces of generator/data/provinces.yml, else the embedded list."""
    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data = yaml.load(PROVINCES_YML.read_text(encoding="utf-8"), Loader=loader)
        regions: list[tuple[str, list[Province]]] = []
        for region in data["regions"]:
            rname = str(region["name"])
            provinces = [
                _province(str(p["name"] if isinstance(p, dict) else p), rname)
                for p in region.get("provinces") or []
            ]
            if provinces:
                regions.append((rname, provinces))
        if sum(len(p) for _, p in regions) >= 10:
            return regions
    except (OSError, yaml.YAMLError, KeyError, TypeError, AttributeError):
        pass
    return [(r, [_province(p, r) for p in ps]) for r, ps in REGIONS]


# ====================================================================== vocabularies

TOPICS = [
    "Dân vận khéo", "Quy chế dân chủ ở cơ sở", "Dân vận chính quyền", "Công tác dân tộc",
    "Công tác tôn giáo", "Xây dựng nông thôn mới", "Giảm nghèo bền vững", "Cải cách hành chính",
    "Giải phóng mặt bằng", "Đối thoại với nhân dân", "Giám sát và phản biện xã hội",
    "Khối đại đoàn kết toàn dân tộc", "Tiếp công dân", "Khiếu nại, tố cáo", "Công nhân lao động",
    "Đô thị văn minh", "An sinh xã hội", "Chuyển đổi số", "Dân vận trong lực lượng vũ trang",
    "Góp ý xây dựng Đảng, xây dựng chính quyền", "Mặt trận Tổ quốc và các đoàn thể",
    "Nắm tình hình nhân dân", "Cán bộ dân vận", "Vùng đồng bào dân tộc thiểu số",
    "Biên giới, biển đảo", "Người Việt Nam ở nước ngoài", "Công tác thanh niên",
    "Công tác phụ nữ", "Công tác nông dân", "Cựu chiến binh", "Tích tụ ruộng đất",
    "Bảo hiểm y tế", "Phòng, chống thiên tai", "Học tập và làm theo tư tưởng Hồ Chí Minh",
    "Hội quần chúng", "Doanh nghiệp ngoài nhà nước", "Tết Quân - Dân", "Bảo vệ môi trường",
    "Điểm nóng, khiếu kiện đông người", "Người có uy tín",
]

SURNAMES = [  # (surname, weight) — roughly the national frequencies
    ("Nguyễn", 38), ("Trần", 11), ("Lê", 9.5), ("Phạm", 7), ("Hoàng", 5), ("Phan", 4.5),
    ("Huỳnh", 4), ("Vũ", 4), ("Võ", 3.9), ("Đặng", 2.1), ("Bùi", 2), ("Đỗ", 1.4), ("Hồ", 1.3),
    ("Ngô", 1.3), ("Dương", 1), ("Trương", 0.8), ("Đinh", 0.6), ("Lý", 0.5), ("Lâm", 0.4),
    ("Mai", 0.4), ("Hà", 0.4), ("Đoàn", 0.4), ("Lương", 0.3), ("Cao", 0.3), ("Tô", 0.2),
    ("Châu", 0.2), ("Tạ", 0.2), ("Triệu", 0.2), ("Kiều", 0.1), ("Thái", 0.1), ("Quách", 0.1),
]
MIDDLE_M = ["Văn", "Đức", "Minh", "Hữu", "Quang", "Công", "Đình", "Xuân", "Thanh", "Ngọc",
            "Mạnh", "Quốc", "Tiến", "Trọng", "Anh", "Doãn", "Tú", "Hoàng", "Bá", "Duy"]
MIDDLE_F = ["Thị", "Thị Minh", "Thị Thu", "Thị Thanh", "Thu", "Ngọc", "Thanh", "Hồng", "Kim",
            "Minh", "Thùy", "Phương", "Bích"]
GIVEN_M = ["Hùng", "Hưng", "Đọc", "Toản", "Bia", "Anh", "Dũng", "Long", "Tuấn", "Tuân", "Hải",
           "Hiếu", "Hòa", "Nam", "Quang", "Quân", "Sơn", "Thắng", "Thành", "Trung", "Việt",
           "Vinh", "Vịnh", "Minh", "Lâm", "Bình", "Cường", "Đạt", "Đông", "Giang", "Khánh",
           "Khang", "Lộc", "Lực", "Phúc", "Sang", "Sáng", "Tài", "Tùng", "Tường", "Vượng", "Huy",
           "Hậu", "Kiên", "Thịnh", "Thiện", "Nghĩa", "Phong", "Tân", "Tấn", "Chiến", "Hiển"]
GIVEN_F = ["Mai", "Hoài", "Hương", "Hường", "Lan", "Dung", "Thủy", "Thúy", "Hà", "Hoa", "Nga",
           "Ngân", "Phương", "Tâm", "Thảo", "Thoa", "Trâm", "Trang", "Vân", "Xuân", "Yến",
           "Linh", "Nhung", "Oanh", "Uyên", "Hạnh", "Hằng", "Hiền", "Huyền", "Liên", "Loan",
           "Ly", "My", "Nhàn", "Quyên", "Thơ", "Thư", "Tuyết"]
#: Given names that fold to the same ASCII slug: two people, two pages.
NEAR = {"Hùng": "Hưng", "Hưng": "Hùng", "Hương": "Hường", "Hường": "Hương", "Thủy": "Thúy",
        "Thúy": "Thủy", "Tuấn": "Tuân", "Tuân": "Tuấn", "Vinh": "Vịnh", "Vịnh": "Vinh",
        "Sang": "Sáng", "Sáng": "Sang", "Tân": "Tấn", "Tấn": "Tân", "Hiền": "Hiển",
        "Hiển": "Hiền", "Dung": "Dũng", "Dũng": "Dung"}
ETHNIC = [  # minority names keep their own shape (and the ’ of K’ré)
    ("Điểu", [""], ["K’ré", "K’Lanh", "Xuân", "Sáu"]),
    ("Ksor", [""], ["Phước", "Nham", "H’Bơ"]),
    ("Giàng", ["A", "Seo"], ["Páo", "Chứ", "Phử", "Pháng"]),
    ("Lò", ["Văn", "Thị"], ["Pọm", "Inh", "Mừng"]),
    ("Hầu", ["A"], ["Lềnh", "Chá", "Dơ"]),
    ("Y", [""], ["Thanh Hà Niê Kđăm", "Biêr Niê", "Mửi Byă"]),
]

PUBLISHERS_CENTRAL = ["Báo điện tử Đảng Cộng sản Việt Nam", "Tạp chí Dân vận",
                      "Cổng thông tin điện tử Ban Dân vận Trung ương", "Báo Nhân Dân",
                      "Báo Đại Đoàn Kết", "Báo Quân đội nhân dân"]

TYPE_NAMES = {"QĐ": "Quyết định", "NQ": "Nghị quyết", "KL": "Kết luận", "CT": "Chỉ thị",
              "CTr": "Chương trình", "HD": "Hướng dẫn", "QĐi": "Quy định", "KH": "Kế hoạch",
              "NĐ": "Nghị định"}

SUBJECTS = [
    ("về nâng cao chất lượng, hiệu quả công tác dân vận trong tình hình mới", "Dân vận chính quyền"),
    ("về tăng cường công tác dân vận chính quyền", "Dân vận chính quyền"),
    ("về đẩy mạnh thực hiện dân chủ ở cơ sở", "Quy chế dân chủ ở cơ sở"),
    ("về tiếp tục đổi mới nội dung, phương thức hoạt động của Mặt trận Tổ quốc và các tổ chức chính trị - xã hội", "Mặt trận Tổ quốc và các đoàn thể"),
    ("về công tác dân vận ở vùng đồng bào dân tộc thiểu số", "Vùng đồng bào dân tộc thiểu số"),
    ("về công tác tôn giáo trong tình hình mới", "Công tác tôn giáo"),
    ("về tăng cường sự lãnh đạo của Đảng đối với công tác tiếp công dân, giải quyết khiếu nại, tố cáo", "Khiếu nại, tố cáo"),
    ("về đẩy mạnh phong trào thi đua “Dân vận khéo”", "Dân vận khéo"),
    ("ban hành Quy chế công tác dân vận của hệ thống chính trị", "Cán bộ dân vận"),
    ("về xây dựng nông thôn mới gắn với đô thị văn minh", "Xây dựng nông thôn mới"),
    ("về tăng cường công tác dân vận trong giải phóng mặt bằng", "Giải phóng mặt bằng"),
    ("về công tác vận động công nhân lao động trong doanh nghiệp ngoài nhà nước", "Công nhân lao động"),
    ("về phát huy vai trò người có uy tín trong đồng bào dân tộc thiểu số", "Người có uy tín"),
    ("về tăng cường công tác giám sát, phản biện xã hội", "Giám sát và phản biện xã hội"),
    ("về tiếp xúc, đối thoại của người đứng đầu cấp ủy, chính quyền với nhân dân", "Đối thoại với nhân dân"),
    ("về công tác thanh niên trong tình hình mới", "Công tác thanh niên"),
    ("về tăng cường công tác phụ nữ", "Công tác phụ nữ"),
    ("về nâng cao chất lượng hoạt động của Hội Nông dân", "Công tác nông dân"),
    ("về phát huy vai trò của Hội Cựu chiến binh", "Cựu chiến binh"),
    ("về công tác vận động người Việt Nam ở nước ngoài", "Người Việt Nam ở nước ngoài"),
    ("về tăng cường khối đại đoàn kết toàn dân tộc", "Khối đại đoàn kết toàn dân tộc"),
    ("về chuyển đổi số trong công tác dân vận", "Chuyển đổi số"),
    ("về công tác dân vận của lực lượng vũ trang", "Dân vận trong lực lượng vũ trang"),
    ("về thực hiện các chương trình mục tiêu quốc gia giảm nghèo bền vững", "Giảm nghèo bền vững"),
    ("về chủ động phòng, chống thiên tai và ứng phó với biến đổi khí hậu", "Phòng, chống thiên tai"),
    ("về bảo vệ môi trường ở khu dân cư", "Bảo vệ môi trường"),
    ("về đẩy mạnh cải cách hành chính, nâng cao chỉ số hài lòng của người dân", "Cải cách hành chính"),
    ("về công tác dân vận ở khu vực biên giới, biển đảo", "Biên giới, biển đảo"),
    ("về tăng cường lãnh đạo các hội quần chúng", "Hội quần chúng"),
    ("về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", "Học tập và làm theo tư tưởng Hồ Chí Minh"),
]

#: Meeting themes for "Hội nghị chuyên đề": (phrase, topic).
THEMES = [
    ("công tác dân vận trong giải phóng mặt bằng", "Giải phóng mặt bằng"),
    ("công tác dân vận chính quyền", "Dân vận chính quyền"),
    ("thực hiện dân chủ ở cơ sở", "Quy chế dân chủ ở cơ sở"),
    ("công tác dân vận ở vùng đồng bào dân tộc thiểu số", "Vùng đồng bào dân tộc thiểu số"),
    ("công tác tôn giáo", "Công tác tôn giáo"),
    ("vận động công nhân lao động trong doanh nghiệp ngoài nhà nước", "Công nhân lao động"),
    ("giám sát và phản biện xã hội", "Giám sát và phản biện xã hội"),
    ("tiếp công dân, giải quyết khiếu nại, tố cáo", "Tiếp công dân"),
    ("phát huy vai trò người có uy tín", "Người có uy tín"),
    ("công tác dân vận ở vùng biên giới, biển đảo", "Biên giới, biển đảo"),
    ("chuyển đổi số trong công tác dân vận", "Chuyển đổi số"),
]

# ====================================================================== sentence bank
#
# Sentences adapted from the seed articles.  Placeholders: {tinh} "tỉnh X" /
# "thành phố X", {Tinh} the same capitalised, {P} {P2} province names, {TU}
# "Tỉnh ủy"/"Thành ủy", {tinh_w} "tỉnh"/"thành phố", {R} region, {Y} {Y1} {Yt}
# years, {ky} the period ("6 tháng đầu năm 2018"), {D} a cited document, {chair},
# {ORG}.  [[n|label|unit|lo|hi]] is an integer figure, [[p|label|lo|hi]] a
# percentage, [[r|label|unit|lo|hi]] a ratio "77/112"; [[x|lo|hi]] a number that
# is not recorded as a figure.  After " ## " come the sentence's topics.

FINDINGS = """\
Các cấp ủy, tổ chức đảng ở {tinh} đã quan tâm lãnh đạo, chỉ đạo công tác dân vận; kịp thời quán triệt, triển khai, ban hành nhiều văn bản lãnh đạo, chỉ đạo gắn với thực hiện nhiệm vụ chính trị ở địa phương, đơn vị.
UBND {tinh} đã tổ chức [[n|Cuộc đối thoại với nhân dân|cuộc|12|420]] cuộc đối thoại liên quan đến những vấn đề nhân dân quan tâm. ## Đối thoại với nhân dân
{Tinh} đã xây dựng Trung tâm hành chính công đến cấp huyện, thực hiện [[n|Dịch vụ công trực tuyến mức độ 3, 4|dịch vụ|40|900]] dịch vụ công trực tuyến mức độ 3, 4 và [[n|Thủ tục hành chính qua bưu chính công ích|thủ tục|200|2400]] thủ tục hành chính qua dịch vụ bưu chính công ích. ## Cải cách hành chính
{Tinh} có [[r|Xã đạt chuẩn nông thôn mới|xã|60|220]] xã được công nhận đạt chuẩn nông thôn mới. ## Xây dựng nông thôn mới
Tỉ lệ số xã đạt chuẩn nông thôn mới của {tinh} đạt [[p|Tỉ lệ xã đạt chuẩn nông thôn mới|45|98]], cao hơn mức bình quân của khu vực {R}. ## Xây dựng nông thôn mới
Mặt trận Tổ quốc và các đoàn thể nhân dân {tinh} đã phát huy vai trò tham mưu và nòng cốt trong tuyên truyền, vận động nhân dân tích cực tham gia phong trào thi đua “Dân vận khéo” trong xây dựng nông thôn mới, đô thị văn minh. ## Dân vận khéo|Đô thị văn minh
Các tổ chức đoàn thể {tinh} đã thành lập [[n|Tổ chức chính trị - xã hội trong doanh nghiệp|tổ chức|5|90]] tổ chức chính trị - xã hội trong các doanh nghiệp, phát triển được [[n|Đoàn viên công đoàn mới|đoàn viên|300|9000]] đoàn viên và thành lập mới [[n|Công đoàn cơ sở doanh nghiệp ngoài nhà nước|công đoàn cơ sở|3|60]] công đoàn cơ sở doanh nghiệp ngoài nhà nước tại các khu công nghiệp. ## Công nhân lao động|Doanh nghiệp ngoài nhà nước
Các cấp ủy, tổ chức đảng {tinh} đã ban hành [[n|Nghị quyết về công tác dân vận|nghị quyết|20|480]] nghị quyết, [[n|Chỉ thị về công tác dân vận|chỉ thị|15|500]] chỉ thị, [[n|Chương trình hành động|chương trình|100|2600]] chương trình hành động và [[n|Kế hoạch|kế hoạch|150|3200]] kế hoạch để lãnh đạo, chỉ đạo công tác dân vận.
Ban Dân vận các cấp ở {tinh} đã tiến hành [[n|Cuộc kiểm tra|cuộc|20|1600]] cuộc kiểm tra đối với [[n|Tổ chức, đơn vị được kiểm tra|tổ chức|30|2700]] tổ chức, đơn vị về lãnh đạo, chỉ đạo và tổ chức thực hiện các văn bản của cấp trên về công tác dân vận.
Hệ thống dân vận {tinh} đã thẩm định và công nhận [[n|Mô hình “Dân vận khéo” cấp tỉnh|mô hình|20|260]] mô hình “Dân vận khéo” cấp tỉnh; nhiều mô hình, điển hình đã được nhân rộng, lan tỏa tích cực trong xã hội. ## Dân vận khéo
Việc triển khai thực hiện {D} ở {tinh} có chuyển biến tích cực, góp phần tạo sự đồng thuận của nhân dân trong thực hiện nhiệm vụ chính trị của địa phương.
Cấp ủy, chính quyền {tinh} đã gắn việc triển khai, quán triệt {D} với thực hiện quy chế dân chủ ở cơ sở và nhiệm vụ xây dựng, chỉnh đốn Đảng. ## Quy chế dân chủ ở cơ sở
Chủ tịch UBND {tinh} cùng lãnh đạo các sở, ban, ngành đã có cuộc đối thoại với [[n|Đại biểu dự đối thoại|đại biểu|80|900]] đại biểu và hàng trăm công nhân lao động đang làm việc tại các khu công nghiệp và khu chế xuất. ## Đối thoại với nhân dân|Công nhân lao động
Công tác dân vận chính quyền ở {tinh} đạt được những kết quả đáng ghi nhận, nhất là trên các lĩnh vực quản lý, điều hành, phục vụ nhân dân, tập trung giải quyết những vấn đề liên quan trực tiếp đến cuộc sống người dân. ## Dân vận chính quyền
Lực lượng vũ trang trên địa bàn {tinh} đã triển khai thực hiện tốt công tác dân vận trong nghiệp vụ, giúp cấp ủy, chính quyền địa phương củng cố, kiện toàn hệ thống chính trị ở những địa bàn khó khăn. ## Dân vận trong lực lượng vũ trang
Các đơn vị lực lượng vũ trang {tinh} đã xây dựng và bàn giao [[n|Nhà “Đại đoàn kết” được bàn giao|căn|10|650]] căn nhà “Đại đoàn kết”, tặng quà, khám chữa bệnh và cấp thuốc miễn phí cho nhân dân với tổng kinh phí [[n|Kinh phí hoạt động Tết Quân - Dân|triệu đồng|300|9000]] triệu đồng. ## Tết Quân - Dân|Dân vận trong lực lượng vũ trang
Tỷ lệ giải quyết khiếu nại, tố cáo ở {tinh} đạt [[p|Tỷ lệ giải quyết khiếu nại, tố cáo|70|98]] số vụ việc tiếp nhận; nhiều vụ việc tồn đọng, kéo dài đã được giải quyết dứt điểm. ## Khiếu nại, tố cáo
Công tác tôn giáo, dân tộc ở {tinh} tiếp tục được quan tâm chỉ đạo, góp phần thực hiện thắng lợi các mục tiêu phát triển kinh tế - xã hội, bảo đảm quốc phòng, an ninh. ## Công tác tôn giáo|Công tác dân tộc
MTTQ và các đoàn thể chính trị - xã hội {tinh} đã tích cực vận động các tổ chức thành viên, đoàn viên, hội viên quan tâm tới công tác an sinh xã hội, chăm lo cho người nghèo, gia đình chính sách và người có hoàn cảnh khó khăn. ## An sinh xã hội
{Tinh} đã vận động mua [[n|Thẻ bảo hiểm y tế tặng hộ cận nghèo|thẻ|500|18000]] thẻ bảo hiểm y tế cho hộ cận nghèo, huy động được nhiều nguồn lực xã hội cho công tác an sinh. ## Bảo hiểm y tế|An sinh xã hội
Hoạt động giám sát, phản biện xã hội của MTTQ và các đoàn thể {tinh} được nâng lên, với [[n|Cuộc giám sát|cuộc|10|1500]] cuộc giám sát theo {D}. ## Giám sát và phản biện xã hội
Đội ngũ cán bộ dân vận các cấp ở {tinh} tiếp tục được quan tâm bồi dưỡng, nâng cao nghiệp vụ và kỹ năng công tác; [[n|Lượt cán bộ dân vận được tập huấn|lượt|100|4200]] lượt cán bộ được tập huấn trong kỳ. ## Cán bộ dân vận
{Tinh} đã phối hợp tổ chức tốt các hoạt động “Cảnh sát biển đồng hành với ngư dân” và chương trình “Tết Quân - Dân”, tạo sự gắn bó mật thiết giữa lực lượng vũ trang với nhân dân. ## Tết Quân - Dân|Biên giới, biển đảo
Cấp ủy, chính quyền {tinh} đã chú trọng tuyên truyền, vận động nhân dân, với [[n|Hộ dân tự nguyện bàn giao mặt bằng|hộ|50|3800]] hộ dân tự nguyện bàn giao mặt bằng cho các công trình, dự án trọng điểm. ## Giải phóng mặt bằng
Việc tiếp xúc, đối thoại trực tiếp của người đứng đầu cấp ủy, chính quyền {tinh} với nhân dân được chú trọng, thực hiện nền nếp, với [[n|Hội nghị đối thoại của người đứng đầu|hội nghị|10|600]] hội nghị đối thoại được tổ chức. ## Đối thoại với nhân dân
Nhiều tỉnh, thành phố trong khu vực {R}, tiêu biểu là {P} và {P2}, đã xây dựng được những mô hình “Dân vận khéo” phù hợp đặc thù, thế mạnh của địa phương. ## Dân vận khéo
Sau [[x|5|20]] năm thực hiện {D}, {tinh} đã hoàn thành nhiều chỉ tiêu đề ra, củng cố niềm tin của cán bộ, đảng viên và nhân dân đối với sự lãnh đạo của Đảng.
Ban Dân vận {TU} {P} đã chủ động phối hợp UBND {tinh_w}, các ngành liên quan tham mưu Ban Thường vụ {TU} lãnh đạo công tác tuyên truyền, vận động nhân dân trong triển khai các công trình, dự án trọng điểm. ## Giải phóng mặt bằng
Hầu hết các chỉ tiêu kinh tế - xã hội chủ yếu của {tinh} đều đạt và vượt mức đề ra; thu nhập bình quân đầu người đạt [[n|Thu nhập bình quân đầu người|triệu đồng/năm|25|160]] triệu đồng/năm.
{Tinh} giảm được [[p|Tỷ lệ giảm hộ nghèo dân tộc thiểu số|5|25]] số hộ nghèo dân tộc thiểu số so với đầu kỳ; nhiều hộ đã vươn lên thoát nghèo bền vững. ## Giảm nghèo bền vững|Vùng đồng bào dân tộc thiểu số
Các hội quần chúng ở {tinh} hoạt động ngày càng hiệu quả; đại hội Công đoàn và Hội Nông dân các cấp nhiệm kỳ mới được tổ chức thành công. ## Hội quần chúng
Công tác vận động người Việt Nam ở nước ngoài, ngoại giao nhân dân được {tinh} quan tâm, góp phần giữ gìn bản sắc văn hóa dân tộc, hướng về xây dựng quê hương, đất nước. ## Người Việt Nam ở nước ngoài
Phong trào thi đua “Dân vận khéo” ở {tinh} có [[n|Mô hình dân vận khéo các cấp|mô hình|50|3000]] mô hình được công nhận các cấp, trên tất cả các lĩnh vực kinh tế, văn hóa, xã hội, quốc phòng, an ninh. ## Dân vận khéo
Việc cụ thể hóa các chỉ thị, nghị quyết về công tác dân vận ở {tinh} được chú trọng hơn; cấp ủy chỉ đạo tăng cường nắm bắt tình hình nhân dân, nhất là ở vùng đồng bào dân tộc thiểu số, vùng đồng bào có đạo. ## Nắm tình hình nhân dân
Ban Chỉ đạo thực hiện quy chế dân chủ ở cơ sở {tinh} đã kiện toàn tổ chức, triển khai thi hành Luật Thực hiện dân chủ ở cơ sở đến [[n|Xã, phường, thị trấn triển khai Luật Thực hiện dân chủ ở cơ sở|đơn vị|30|230]] xã, phường, thị trấn. ## Quy chế dân chủ ở cơ sở
Ban Thanh tra nhân dân, Ban giám sát đầu tư của cộng đồng ở {tinh} được tiếp cận thông tin về [[p|Công trình, dự án được cung cấp thông tin cho giám sát cộng đồng|60|100]] các công trình, dự án thuộc thẩm quyền giám sát. ## Giám sát và phản biện xã hội
Công tác dân vận trong giải phóng mặt bằng, cải cách hành chính và đối thoại với nhân dân ở {tinh} là kinh nghiệm quý được các địa phương trong khu vực {R} chia sẻ, học tập. ## Giải phóng mặt bằng|Cải cách hành chính
Các cấp ủy ở {tinh} đã tổ chức sơ kết, tổng kết {D}, rút ra nhiều bài học kinh nghiệm trong lãnh đạo, chỉ đạo công tác dân vận.
Cán bộ Ban Dân vận, Mặt trận Tổ quốc và các tổ chức chính trị - xã hội ở {tinh} dành bình quân [[n|Ngày đi cơ sở mỗi tháng|ngày/tháng|2|6]] ngày mỗi tháng đi cơ sở để nắm tình hình nhân dân. ## Nắm tình hình nhân dân
Các phong trào thi đua yêu nước ở {tinh} đã chọn được [[n|Tập thể điển hình được biểu dương|tập thể|5|60]] tập thể và [[n|Cá nhân điển hình được biểu dương|cá nhân|5|60]] cá nhân điển hình để biểu dương, khen thưởng.
{Tinh} đã tổ chức lấy ý kiến góp ý xây dựng Đảng, xây dựng chính quyền theo {D}, với [[n|Ý kiến góp ý được tiếp thu|ý kiến|100|5000]] ý kiến được tiếp thu. ## Góp ý xây dựng Đảng, xây dựng chính quyền
Công tác thanh niên, phụ nữ, nông dân, cựu chiến binh ở {tinh} có nhiều đổi mới, thu hút [[n|Đoàn viên, hội viên kết nạp mới|người|1000|40000]] đoàn viên, hội viên mới. ## Công tác thanh niên|Công tác phụ nữ|Công tác nông dân
"""

SHORTCOMINGS = """\
Việc nắm bắt, phản ánh tình hình, tâm tư, nguyện vọng, những vấn đề bức xúc, kiến nghị của đoàn viên, hội viên và các tầng lớp nhân dân ở {tinh} có lúc chưa kịp thời. ## Nắm tình hình nhân dân
Việc thực hiện {D} ở một số nơi chưa đáp ứng yêu cầu.
Nhận thức về công tác dân vận chính quyền của một số cơ quan, đơn vị ở {tinh} chưa đáp ứng được đòi hỏi trong tình hình mới. ## Dân vận chính quyền
Công tác kiểm tra, hướng dẫn việc thực hiện Quy chế công tác dân vận của hệ thống chính trị chưa được thường xuyên, liên tục.
Một số nơi, cấp ủy, chính quyền chưa thật sự chú trọng làm tốt công tác dân vận, chưa chủ động, nhạy bén trước diễn biến tình hình nhân dân.
Giải pháp định hướng và tuyên truyền, vận động nhân dân còn theo lối mòn, thiếu linh hoạt, đột phá nên hiệu quả công tác dân vận chưa cao.
Công tác tuyên truyền, vận động trong đền bù, giải phóng mặt bằng các công trình, dự án trọng điểm của {tinh} vẫn còn [[n|Hộ chưa đồng thuận bàn giao mặt bằng|hộ|3|250]] hộ chưa đồng thuận bàn giao mặt bằng; tình hình khiếu nại tập thể, vượt cấp còn phát sinh. ## Giải phóng mặt bằng
Phong trào thi đua “Dân vận khéo” chưa có nhiều mô hình ở một số lĩnh vực như xây dựng Đảng và hệ thống chính trị, tôn giáo; việc nhân rộng mô hình, phát hiện điển hình còn ít. ## Dân vận khéo
Cơ quan tham mưu thực hiện công tác dân vận một số nơi chưa được kịp thời củng cố, năng lực cán bộ làm công tác dân vận chưa đồng đều. ## Cán bộ dân vận
Công tác nắm tình hình nhân dân, tình hình tôn giáo, dân tộc còn bị động, lúng túng; khả năng dự báo tình hình, kỹ năng tham mưu giải quyết những tình huống cụ thể ở cơ sở còn hạn chế. ## Nắm tình hình nhân dân
Chưa tham mưu với cấp ủy, chính quyền {tinh} được nhiều giải pháp thiết thực, nhất là những vấn đề về công tác dân tộc, tôn giáo, công nhân lao động trong các doanh nghiệp ngoài khu vực nhà nước. ## Công nhân lao động
Tình trạng khiếu kiện đông người, vượt cấp vẫn còn xảy ra ở {tinh}, với [[n|Vụ khiếu kiện đông người|vụ|2|45]] vụ khiếu kiện đông người trong kỳ. ## Điểm nóng, khiếu kiện đông người
Việc sơ kết, tổng kết {D} ở một số địa phương còn chậm, chất lượng báo cáo chưa cao.
Hoạt động của một số chi hội, tổ hội ở cơ sở còn hình thức, chưa thu hút được đông đảo đoàn viên, hội viên tham gia. ## Hội quần chúng
Sự phối hợp giữa Ban Dân vận với Ban cán sự đảng UBND {tinh_w} trong thực hiện công tác dân vận chính quyền có lúc chưa chặt chẽ. ## Dân vận chính quyền
Tỷ lệ tập hợp đoàn viên, hội viên trong các doanh nghiệp ngoài nhà nước ở {tinh} mới đạt [[p|Tỷ lệ tập hợp đoàn viên trong doanh nghiệp ngoài nhà nước|20|65]], chưa đạt chỉ tiêu đề ra. ## Doanh nghiệp ngoài nhà nước
Phong trào thi đua “Đồng khởi mới” chưa có nhiều sản phẩm rõ nét, chưa tạo được sức lan tỏa mạnh mẽ.
Việc đối thoại giữa người đứng đầu cấp ủy, chính quyền với nhân dân ở một số nơi còn mang tính hình thức; việc giải quyết kiến nghị sau đối thoại chưa dứt điểm. ## Đối thoại với nhân dân
Chế độ, chính sách đối với cán bộ ban dân vận, Mặt trận Tổ quốc và các tổ chức chính trị - xã hội ở vùng đồng bào dân tộc thiểu số còn bất cập. ## Vùng đồng bào dân tộc thiểu số|Cán bộ dân vận
Công tác dân vận ở vùng biên giới, biển đảo của {tinh} còn gặp nhiều khó khăn do địa bàn rộng, giao thông cách trở. ## Biên giới, biển đảo
"""

DIRECTIVES = """\
Tiếp tục nâng cao chất lượng tham mưu các văn bản của Đảng liên quan đến công tác dân vận; tăng cường kiểm tra, đánh giá việc triển khai thực hiện, qua đó góp phần thay đổi nhận thức của toàn hệ thống chính trị về công tác dân vận.
Kiểm tra chương trình phối hợp với Ban cán sự đảng UBND, trọng tâm là công tác dân vận của chính quyền; tập trung kiểm tra việc tổ chức thực thi pháp luật, cải cách hành chính và đạo đức công vụ. ## Dân vận chính quyền
Tham mưu góp phần giải quyết điểm nóng, phức tạp, khiếu kiện đông người ở một số địa phương trong khu vực {R}. ## Điểm nóng, khiếu kiện đông người
Tiếp tục đổi mới phương thức công tác dân vận, chủ động nắm tình hình nhân dân, trong đó có công nhân khu chế xuất, khu công nghiệp, lực lượng trẻ, để tham mưu cho cấp ủy các vấn đề đặt ra. ## Nắm tình hình nhân dân
Tiếp tục chỉ đạo triển khai thực hiện quy chế công tác dân vận của hệ thống chính trị theo {D}; cụ thể hóa các nghị quyết, chỉ thị, kết luận của Trung ương và {TU} về công tác dân vận.
Nâng cao chất lượng công tác dân vận chính quyền; triển khai thi hành Luật Thực hiện dân chủ ở cơ sở; thực hiện nghiêm việc tiếp xúc, đối thoại định kỳ, đột xuất với nhân dân. ## Quy chế dân chủ ở cơ sở|Đối thoại với nhân dân
Nâng cao chất lượng phong trào thi đua “Dân vận khéo”; quan tâm chọn lĩnh vực khó, bức xúc, không làm theo lối mòn; làm tốt việc nhân rộng các mô hình đã được công nhận. ## Dân vận khéo
Thực hiện tốt công tác tuyên truyền, vận động theo phương châm “Đi trước mở đường, đi cùng thực hiện”; tập trung tháo gỡ khó khăn trong công tác giải phóng mặt bằng các công trình, dự án. ## Giải phóng mặt bằng
Hoàn thành đúng tiến độ, bảo đảm chất lượng việc sơ kết, tổng kết {D}.
Thực hiện có hiệu quả {D}; củng cố và tăng cường hoạt động đoàn thể trong các doanh nghiệp ngoài nhà nước ở các khu, cụm công nghiệp. ## Doanh nghiệp ngoài nhà nước
Nâng cao hiệu quả công tác dân vận của lực lượng vũ trang và công tác dân vận ở vùng đồng bào dân tộc thiểu số, vùng đồng bào có đạo, gắn với bảo đảm vững chắc quốc phòng, an ninh. ## Dân vận trong lực lượng vũ trang|Vùng đồng bào dân tộc thiểu số
Nâng cao chất lượng đội ngũ cán bộ dân vận đủ năng lực, phẩm chất và uy tín ngang tầm nhiệm vụ; phát huy vai trò tiền phong, gương mẫu của cán bộ, đảng viên. ## Cán bộ dân vận
Tham mưu cấp ủy chăm lo, đại diện, bảo vệ quyền, lợi ích hợp pháp, chính đáng của đoàn viên, hội viên và nhân dân; nâng cao chất lượng giám sát, phản biện xã hội theo {D}. ## Giám sát và phản biện xã hội
Thực hiện tốt nhiệm vụ cơ quan thường trực các Ban Chỉ đạo về công tác dân vận, triển khai các nhiệm vụ theo đúng quy chế, kế hoạch công tác đã đề ra.
Thực hiện có hiệu quả các chương trình phối hợp công tác dân vận với các sở, ngành của {tinh}.
Theo dõi, chỉ đạo, phối hợp tổ chức thành công đại hội Mặt trận Tổ quốc Việt Nam và các đoàn thể chính trị - xã hội các cấp nhiệm kỳ mới. ## Mặt trận Tổ quốc và các đoàn thể
Chăm lo đời sống vật chất và tinh thần của nhân dân, thực hiện tốt các chính sách an sinh xã hội, tổ chức tốt các hoạt động Tết Quân - Dân năm {Y1}. ## An sinh xã hội|Tết Quân - Dân
Tăng cường nắm tình hình, dự báo sát diễn biến tư tưởng của nhân dân ở {tinh}, không để xảy ra các tình huống đột xuất, bất ngờ. ## Nắm tình hình nhân dân
Đổi mới công tác dân vận theo hướng sát cơ sở, thực sự “Tin dân, trọng dân, gần dân, hiểu dân, học dân, có trách nhiệm với dân”; gắn việc làm tốt công tác dân vận với trách nhiệm nêu gương của cán bộ, đảng viên.
Ban Dân vận {TU} {P} chủ trì, phối hợp với các cơ quan liên quan xây dựng kế hoạch thực hiện {D} trong năm {Y1}.
Đẩy mạnh cải cách hành chính, nâng cao chất lượng hoạt động của Trung tâm hành chính công các cấp; xây dựng đội ngũ cán bộ, công chức có phẩm chất đạo đức tốt, lối sống trong sáng. ## Cải cách hành chính
Tập trung tuyên truyền, vận động đồng bào dân tộc thiểu số tham gia Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi. ## Vùng đồng bào dân tộc thiểu số
Phát huy vai trò của người có uy tín trong đồng bào dân tộc thiểu số, chức sắc, chức việc các tôn giáo trong tuyên truyền, vận động nhân dân chấp hành chủ trương của Đảng, chính sách, pháp luật của Nhà nước. ## Người có uy tín|Công tác tôn giáo
Trong công tác dân vận cần nhìn nhận, phân tích, đánh giá bằng các chỉ số kinh tế - xã hội, an ninh - quốc phòng, từ đó tham mưu cho cấp ủy, chính quyền những chủ trương, quyết sách sát hợp.
Ứng dụng chuyển đổi số trong nắm tình hình nhân dân, tiếp nhận và xử lý kiến nghị của người dân trên môi trường mạng. ## Chuyển đổi số
"""

TARGETS = """\
[[p|Cấp ủy, tổ chức đảng quán triệt nghị quyết về công tác dân vận|90|100]] cấp ủy, tổ chức đảng quán triệt đầy đủ các nghị quyết của Đảng về công tác dân vận đến đảng viên.
Tỷ lệ giải quyết khiếu nại, tố cáo hằng năm đạt [[p|Tỷ lệ giải quyết khiếu nại, tố cáo|80|95]] số vụ việc tiếp nhận. ## Khiếu nại, tố cáo
Phấn đấu bình quân mỗi năm giảm ít nhất [[p|Tỷ lệ giảm hộ nghèo dân tộc thiểu số mỗi năm|5|20]] tổng số hộ nghèo dân tộc thiểu số của {tinh}. ## Giảm nghèo bền vững
Đến năm {Yt}, [[p|Xã vùng dân tộc thiểu số và miền núi đạt chuẩn nông thôn mới|70|100]] xã vùng dân tộc thiểu số và miền núi đạt chuẩn nông thôn mới. ## Xây dựng nông thôn mới
Ban Thanh tra nhân dân, Ban giám sát đầu tư của cộng đồng được tiếp cận, cung cấp thông tin về [[p|Công trình, dự án được cung cấp thông tin|80|100]] các công trình, dự án thuộc thẩm quyền giám sát. ## Giám sát và phản biện xã hội
Cán bộ Ban Dân vận, Mặt trận Tổ quốc và các tổ chức chính trị - xã hội các cấp dành ít nhất [[n|Ngày đi cơ sở mỗi tháng|ngày/tháng|2|5]] ngày mỗi tháng đi cơ sở để nắm tình hình nhân dân. ## Nắm tình hình nhân dân
Mỗi năm xây dựng mới ít nhất [[n|Mô hình “Dân vận khéo” xây dựng mới mỗi năm|mô hình|20|300]] mô hình “Dân vận khéo” ở các cấp. ## Dân vận khéo
Đến năm {Yt}, tỷ lệ tập hợp đoàn viên công đoàn trong doanh nghiệp ngoài nhà nước đạt [[p|Tỷ lệ tập hợp đoàn viên công đoàn trong doanh nghiệp ngoài nhà nước|50|85]]. ## Công nhân lao động
Đến năm {Yt}, [[p|Thủ tục hành chính được cung cấp trực tuyến toàn trình|60|100]] thủ tục hành chính đủ điều kiện được cung cấp dưới dạng dịch vụ công trực tuyến toàn trình. ## Cải cách hành chính
Phấn đấu đến năm {Yt}, chỉ số hài lòng của người dân đối với sự phục vụ của cơ quan hành chính nhà nước đạt trên [[p|Chỉ số hài lòng của người dân|80|95]]. ## Dân vận chính quyền
Hằng năm, [[p|Xã, phường tổ chức đối thoại của người đứng đầu|90|100]] xã, phường, thị trấn tổ chức đối thoại giữa người đứng đầu cấp ủy, chính quyền với nhân dân. ## Đối thoại với nhân dân
"""

BODY = """\
Theo báo cáo và phát biểu thảo luận tại hội nghị, {ky}, công tác dân vận của hệ thống chính trị tiếp tục có chuyển biến tích cực, góp phần thực hiện các mục tiêu kinh tế - xã hội, bảo đảm quốc phòng, an ninh.
Tại hội nghị, các đại biểu đã chia sẻ những kinh nghiệm trong quá trình tổ chức thực hiện công tác dân vận ở địa phương, đơn vị; đồng thời phản ánh những khó khăn, vướng mắc và kiến nghị, đề xuất những giải pháp nhằm nâng cao chất lượng, hiệu quả công tác dân vận trong thời gian tới.
Phát biểu chỉ đạo hội nghị, đồng chí {chair} ghi nhận, đánh giá cao kết quả công tác dân vận thời gian qua, đã góp phần tích cực vào phát triển kinh tế - xã hội, bảo đảm quốc phòng - an ninh, củng cố lòng tin của nhân dân đối với Đảng.
Những kết quả đạt được thời gian qua là tương đối toàn diện, nhận thức về công tác dân vận là thống nhất, đồng bộ; công tác tham mưu của ban dân vận cấp ủy có chuyển biến tích cực.
Các chương trình mục tiêu quốc gia về xây dựng nông thôn mới và giảm nghèo bền vững được đẩy mạnh thực hiện và đạt những kết quả quan trọng, đây chính là thước đo cải thiện cuộc sống của người dân.
Tiếp tục quan tâm đổi mới phương thức công tác dân vận, đối thoại là một trong những phương thức rất hiệu quả ở các cấp mà địa phương nào cũng thực hiện.
Việc đổi mới phương thức công tác được gắn liền với triển khai các nghị quyết của Đảng, chính sách, pháp luật của Nhà nước, quy chế dân chủ ở cơ sở.
Đồng chí {chair} lưu ý, trong quá trình phát triển, những thách thức xã hội đối với công tác dân vận ngày càng lớn, đòi hỏi phải tăng cường xử lý các vấn đề về phân hóa giàu - nghèo, phát triển không đồng đều giữa các vùng, miền, lao động nhập cư và môi trường.
Dân vận và công tác dân vận mang tính đặc thù; kết quả công tác dân vận là kết quả tổng hợp của cả hệ thống chính trị các cấp.
Hội nghị đã nghe báo cáo kết quả thực hiện {D} và thảo luận các giải pháp triển khai trong thời gian tới.
Dịp này, {ORG} đã trao bằng khen cho [[x|10|60]] tập thể và [[x|10|80]] cá nhân có thành tích xuất sắc trong phong trào thi đua “Dân vận khéo”.
Những kết quả đó đã góp phần tạo sự đồng thuận, động viên nhân dân tích cực tham gia thực hiện chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước; củng cố khối đại đoàn kết toàn dân tộc.
Các cơ quan nhà nước đã tiếp tục thực hiện cải cách hành chính, chuyển đổi số, tạo thuận lợi tối đa cho người dân, doanh nghiệp.
Đồng chí {chair} đề nghị hệ thống dân vận các cấp cần tích cực, chủ động triển khai thực hiện, hoàn thành đúng tiến độ, bảo đảm chất lượng các đề án, nhiệm vụ đã đề ra.
Điều đó cho chúng ta niềm tin vào sự lãnh đạo của Đảng, hy vọng vào những thành tựu phát triển mới của đất nước trong thời gian tới.
Qua đó tiếp tục nêu cao tinh thần trách nhiệm của người đứng đầu chính quyền với người dân; mối quan hệ giữa ban dân vận cấp ủy và ban cán sự đảng UBND thêm gắn bó chặt chẽ.
Các cấp ủy đã ban hành nhiều văn bản chỉ đạo, tăng cường kiểm tra, giám sát việc thực hiện các văn bản của Đảng liên quan đến công tác dân vận, công tác dân tộc, tôn giáo.
Hội nghị cũng quán triệt những nội dung cơ bản của {D}.
"""

ISSUING_BODY = """\
Văn bản được ban hành với mục tiêu xây dựng và củng cố vững chắc lòng tin của nhân dân đối với Đảng, tạo sự đồng thuận cao trong xã hội; tăng cường khối đại đoàn kết toàn dân tộc và mối quan hệ máu thịt giữa Đảng, Nhà nước với nhân dân.
Đồng thời, tiếp tục giữ vững và nâng cao các chỉ số cải cách hành chính, chỉ số năng lực cạnh tranh cấp tỉnh, chỉ số hài lòng của người dân, chỉ số quản trị và hành chính công, là những chỉ số có tác động trực tiếp đến hiệu quả công tác dân vận.
Hiện thực hóa các mục tiêu trên, văn bản xác định [[x|4|8]] nhiệm vụ và các giải pháp triển khai thực hiện.
"""

_MARK = re.compile(r"\[\[([nprx])\|([^\]]*)\]\]")


@dataclass(frozen=True)
class Template:
    text: str                              # a str.format pattern with {f0}, {f1}…
    figures: tuple[tuple[str, str, str, int, int], ...]   # (kind, label, unit, lo, hi)
    topics: tuple[str, ...]
    needs_doc: bool
    words: int


def _templates(block: str) -> list[Template]:
    out = []
    for line in block.strip().splitlines():
        text, _, topics = line.partition(" ## ")
        figures: list[tuple[str, str, str, int, int]] = []

        def mark(match: re.Match[str]) -> str:
            kind, parts = match.group(1), match.group(2).split("|")
            if kind == "x":
                figures.append(("x", "", "", int(parts[0]), int(parts[1])))
            elif kind == "p":
                figures.append(("p", parts[0], "%", int(parts[1]), int(parts[2])))
            else:
                figures.append((kind, parts[0], parts[1], int(parts[2]), int(parts[3])))
            return "{f%d}" % (len(figures) - 1)

        text = _MARK.sub(mark, text)
        out.append(Template(text, tuple(figures), tuple(t for t in topics.split("|") if t),
                            "{D}" in text, len(text.split())))
    return out


T_FINDINGS = _templates(FINDINGS)
T_SHORTCOMINGS = _templates(SHORTCOMINGS)
T_DIRECTIVES = _templates(DIRECTIVES)
T_TARGETS = _templates(TARGETS)
T_BODY = _templates(BODY)
T_ISSUING = _templates(ISSUING_BODY)

# ====================================================================== entities


@dataclass
class Org:
    name: str
    kind: str
    province: Province | None
    ladder: list[str]
    abbreviation: str | None = None
    aliases: list[str] = field(default_factory=list)
    people: list["Person"] = field(default_factory=list)


@dataclass
class Person:
    name: str
    org: Org
    career: list[tuple[int, str]]          # (from year, title), ascending
    aliases: list[str] = field(default_factory=list)

    def rank_in(self, year: int) -> int:
        """How high on its body's ladder the person stands in ``year``."""
        title = self.title_in(year)
        return self.org.ladder.index(title) if title in self.org.ladder else 0

    def title_in(self, year: int) -> str:
        title = self.career[0][1]
        for start, t in self.career:
            if start <= year:
                title = t
        return title


@dataclass
class Doc:
    number: str
    code: str                  # "QĐ", "NQ", "NĐ", …
    issuer: str
    date: dt.date
    title: str
    topic: str | None
    province: Province | None  # local documents only
    term: str | None = None
    aliases: list[str] = field(default_factory=list)
    ambiguous: bool = False    # the number exists in another term too
    issued_by_meeting: bool = False


#: (kind, name pattern, title ladder, weight for attaching people); {TU} {P}
#: {tinh} {tinh_w} {doan} come from the province.
PROVINCE_ORGS: list[tuple[str, str, list[str], int]] = [
    ("bdv", "Ban Dân vận {TU} {P}", ["Phó Trưởng Ban Dân vận {TU}",
        "Phó Trưởng Ban Thường trực Ban Dân vận {TU}", "Trưởng Ban Dân vận {TU}",
        "Ủy viên Ban Thường vụ {TU}, Trưởng Ban Dân vận {TU}"], 6),
    ("tu", "{TU} {P}", ["Ủy viên Ban Thường vụ {TU}", "Phó Bí thư {TU}",
        "Phó Bí thư Thường trực {TU}", "Bí thư {TU}"], 3),
    ("ubnd", "UBND {tinh}", ["Phó Chủ tịch UBND {tinh_w}", "Phó Chủ tịch Thường trực UBND {tinh_w}",
        "Chủ tịch UBND {tinh_w}"], 2),
    ("mttq", "Ủy ban MTTQ Việt Nam {tinh}", ["Phó Chủ tịch Ủy ban MTTQ Việt Nam {tinh_w}",
        "Chủ tịch Ủy ban MTTQ Việt Nam {tinh_w}"], 2),
    ("hnd", "Hội Nông dân {tinh}", ["Phó Chủ tịch Hội Nông dân {tinh_w}", "Chủ tịch Hội Nông dân {tinh_w}"], 1),
    ("hpn", "Hội Liên hiệp Phụ nữ {tinh}", ["Phó Chủ tịch Hội LHPN {tinh_w}", "Chủ tịch Hội LHPN {tinh_w}"], 1),
    ("doan", "{doan} {P}", ["Phó Bí thư {doan}", "Bí thư {doan}"], 1),
    ("ldld", "Liên đoàn Lao động {tinh}", ["Phó Chủ tịch Liên đoàn Lao động {tinh_w}",
        "Chủ tịch Liên đoàn Lao động {tinh_w}"], 1),
    ("hccb", "Hội Cựu chiến binh {tinh}", ["Phó Chủ tịch Hội Cựu chiến binh {tinh_w}",
        "Chủ tịch Hội Cựu chiến binh {tinh_w}"], 1),
    ("tg", "Ban Tuyên giáo {TU} {P}", ["Phó Trưởng Ban Tuyên giáo {TU}", "Trưởng Ban Tuyên giáo {TU}"], 1),
    ("snv", "Sở Nội vụ {tinh}", ["Phó Giám đốc Sở Nội vụ", "Giám đốc Sở Nội vụ"], 1),
    ("btg", "Ban Tôn giáo {tinh}", ["Phó Trưởng Ban Tôn giáo", "Trưởng Ban Tôn giáo"], 1),
    ("bdt", "Ban Dân tộc {tinh}", ["Phó Trưởng Ban Dân tộc", "Trưởng Ban Dân tộc"], 1),
    ("ca", "Công an {tinh}", ["Phó Giám đốc Công an {tinh_w}", "Giám đốc Công an {tinh_w}"], 1),
    ("qs", "Bộ Chỉ huy Quân sự {tinh}", ["Phó Chỉ huy trưởng Bộ Chỉ huy Quân sự {tinh_w}",
        "Chỉ huy trưởng Bộ Chỉ huy Quân sự {tinh_w}"], 1),
]

CENTRAL_ORGS: list[tuple[str, str | None, list[str], int]] = [
    ("Ban Dân vận Trung ương", "BDVTW", ["Vụ trưởng", "Phó Trưởng Ban Dân vận Trung ương",
        "Ủy viên Trung ương Đảng, Phó Trưởng Ban Thường trực Ban Dân vận Trung ương",
        "Bí thư Trung ương Đảng, Trưởng Ban Dân vận Trung ương",
        "Ủy viên Bộ Chính trị, Bí thư Trung ương Đảng, Trưởng Ban Dân vận Trung ương"], 12),
    ("Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam", "UBTƯ MTTQ Việt Nam", [
        "Phó Chủ tịch Ủy ban Trung ương MTTQ Việt Nam", "Chủ tịch Ủy ban Trung ương MTTQ Việt Nam"], 3),
    ("Trung ương Hội Nông dân Việt Nam", None, ["Phó Chủ tịch Trung ương Hội Nông dân Việt Nam",
        "Chủ tịch Trung ương Hội Nông dân Việt Nam"], 1),
    ("Trung ương Hội Liên hiệp Phụ nữ Việt Nam", "TƯ Hội LHPN Việt Nam", [
        "Phó Chủ tịch Hội LHPN Việt Nam", "Chủ tịch Hội LHPN Việt Nam"], 1),
    ("Tổng Liên đoàn Lao động Việt Nam", "Tổng LĐLĐ Việt Nam", [
        "Phó Chủ tịch Tổng Liên đoàn Lao động Việt Nam", "Chủ tịch Tổng Liên đoàn Lao động Việt Nam"], 1),
    ("Trung ương Đoàn TNCS Hồ Chí Minh", None, ["Bí thư Trung ương Đoàn", "Bí thư thứ nhất Trung ương Đoàn"], 1),
    ("Trung ương Hội Cựu chiến binh Việt Nam", None, ["Phó Chủ tịch Hội Cựu chiến binh Việt Nam",
        "Chủ tịch Hội Cựu chiến binh Việt Nam"], 1),
    ("Ban Tuyên giáo Trung ương", None, ["Phó Trưởng Ban Tuyên giáo Trung ương",
        "Trưởng Ban Tuyên giáo Trung ương"], 1),
    ("Ủy ban Dân tộc", None, ["Thứ trưởng, Phó Chủ nhiệm Ủy ban Dân tộc",
        "Bộ trưởng, Chủ nhiệm Ủy ban Dân tộc"], 1),
    ("Ban Tôn giáo Chính phủ", None, ["Phó Trưởng Ban Tôn giáo Chính phủ", "Trưởng Ban Tôn giáo Chính phủ"], 1),
    ("Bộ Nội vụ", None, ["Thứ trưởng Bộ Nội vụ", "Bộ trưởng Bộ Nội vụ"], 1),
    ("Đảng ủy Khối các cơ quan Trung ương", None, ["Phó Bí thư Đảng ủy Khối các cơ quan Trung ương",
        "Bí thư Đảng ủy Khối các cơ quan Trung ương"], 1),
    ("Đảng ủy Khối doanh nghiệp Trung ương", None, ["Phó Bí thư Đảng ủy Khối doanh nghiệp Trung ương",
        "Bí thư Đảng ủy Khối doanh nghiệp Trung ương"], 1),
    ("Tổng cục Chính trị Quân đội nhân dân Việt Nam", None, ["Phó Chủ nhiệm Tổng cục Chính trị",
        "Chủ nhiệm Tổng cục Chính trị"], 1),
    ("Bộ Công an", None, ["Thứ trưởng Bộ Công an"], 1),
    ("Quân khu 3", None, ["Phó Chính ủy Quân khu 3", "Chính ủy Quân khu 3"], 1),
    ("Quân chủng Hải quân", None, ["Phó Chính ủy Quân chủng Hải quân", "Chính ủy Quân chủng Hải quân"], 1),
    ("Bộ Tư lệnh Thủ đô Hà Nội", None, ["Phó Chính ủy Bộ Tư lệnh Thủ đô Hà Nội",
        "Chính ủy Bộ Tư lệnh Thủ đô Hà Nội"], 1),
    ("Bộ Tư lệnh Vùng Cảnh sát biển 3", None, ["Phó Chính ủy Bộ Tư lệnh Vùng Cảnh sát biển 3",
        "Chính ủy Bộ Tư lệnh Vùng Cảnh sát biển 3"], 1),
    ("Văn phòng Chính phủ", None, ["Phó Chủ nhiệm Văn phòng Chính phủ", "Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ"], 1),
]

#: Real central documents, most-cited first (the Zipf head): (number, code,
#: issuer, date, term, title, topic, aliases).  25-NQ/TW appears twice on purpose.
REAL_DOCS: list[tuple[str, str, str, str, str, str, str | None, list[str]]] = [
    ("217-QĐ/TW", "QĐ", "Bộ Chính trị", "2013-12-12", "XI",
     "Ban hành Quy chế giám sát và phản biện xã hội của Mặt trận Tổ quốc Việt Nam và các đoàn thể chính trị - xã hội",
     "Giám sát và phản biện xã hội", ["Quyết định số 217"]),
    ("218-QĐ/TW", "QĐ", "Bộ Chính trị", "2013-12-12", "XI",
     "Quy định về việc Mặt trận Tổ quốc Việt Nam, các đoàn thể chính trị - xã hội và nhân dân tham gia góp ý xây dựng Đảng, xây dựng chính quyền",
     "Góp ý xây dựng Đảng, xây dựng chính quyền", ["Quyết định số 218"]),
    ("25-NQ/TW", "NQ", "Ban Chấp hành Trung ương", "2013-06-03", "XI",
     "Về tăng cường và đổi mới sự lãnh đạo của Đảng đối với công tác dân vận trong tình hình mới",
     "Dân vận chính quyền", []),
    ("23-QĐ/TW", "QĐ", "Bộ Chính trị", "2021-07-30", "XIII",
     "Ban hành Quy chế công tác dân vận của hệ thống chính trị", "Cán bộ dân vận", []),
    ("62-KL/TW", "KL", "Bộ Chính trị", "2009-12-08", "X",
     "Về tiếp tục đổi mới nội dung, phương thức hoạt động của Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã hội",
     "Mặt trận Tổ quốc và các đoàn thể", []),
    ("05-CT/TW", "CT", "Bộ Chính trị", "2016-05-15", "XII",
     "Về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
     "Học tập và làm theo tư tưởng Hồ Chí Minh", []),
    ("290-QĐ/TW", "QĐ", "Bộ Chính trị", "2010-02-25", "X",
     "Ban hành Quy chế công tác dân vận của hệ thống chính trị", "Cán bộ dân vận", []),
    ("120-KL/TW", "KL", "Bộ Chính trị", "2016-01-07", "XI",
     "Về tiếp tục đẩy mạnh, nâng cao chất lượng, hiệu quả việc xây dựng và thực hiện quy chế dân chủ ở cơ sở",
     "Quy chế dân chủ ở cơ sở", []),
    ("114-KL/TW", "KL", "Ban Bí thư", "2015-07-14", "XI",
     "Về nâng cao hiệu quả công tác dân vận của cơ quan nhà nước các cấp", "Dân vận chính quyền", []),
    ("23-NQ/TW", "NQ", "Ban Chấp hành Trung ương", "2003-03-12", "IX",
     "Về phát huy sức mạnh đại đoàn kết toàn dân tộc vì dân giàu, nước mạnh, xã hội công bằng, dân chủ, văn minh",
     "Khối đại đoàn kết toàn dân tộc", []),
    ("25-NQ/TW", "NQ", "Ban Chấp hành Trung ương", "2003-03-12", "IX",
     "Về công tác tôn giáo", "Công tác tôn giáo", []),
    ("24-NQ/TW", "NQ", "Ban Chấp hành Trung ương", "2003-03-12", "IX",
     "Về công tác dân tộc", "Công tác dân tộc", []),
    ("43-KL/TW", "KL", "Ban Bí thư", "2019-01-07", "XII",
     "Về tiếp tục thực hiện Nghị quyết Trung ương 7 khóa XI về tăng cường và đổi mới sự lãnh đạo của Đảng đối với công tác dân vận trong tình hình mới",
     "Dân vận chính quyền", []),
    ("62-CT/TW", "CT", "Bộ Chính trị", "1995-11-08", "VII",
     "Về tăng cường công tác xây dựng tổ chức cơ sở đảng và đoàn thể nhân dân trong các thành phần kinh tế ngoài quốc doanh",
     "Doanh nghiệp ngoài nhà nước", []),
    ("04/2015/NĐ-CP", "NĐ", "Chính phủ", "2015-01-09", "",
     "Về thực hiện dân chủ trong hoạt động của cơ quan hành chính nhà nước và đơn vị sự nghiệp công lập",
     "Quy chế dân chủ ở cơ sở", []),
    ("59/2023/NĐ-CP", "NĐ", "Chính phủ", "2023-08-14", "",
     "Quy định chi tiết một số điều của Luật Thực hiện dân chủ ở cơ sở", "Quy chế dân chủ ở cơ sở", []),
    ("149/2018/NĐ-CP", "NĐ", "Chính phủ", "2018-11-07", "",
     "Quy định chi tiết khoản 3 Điều 63 của Bộ luật Lao động về thực hiện quy chế dân chủ ở cơ sở tại nơi làm việc",
     "Công nhân lao động", []),
]

TERMS = [(dt.date(2001, 4, 22), "IX"), (dt.date(2006, 4, 25), "X"), (dt.date(2011, 1, 19), "XI"),
         (dt.date(2016, 1, 28), "XII"), (dt.date(2021, 2, 1), "XIII")]


def term_of(day: dt.date) -> str:
    term = "VIII"
    for start, name in TERMS:
        if day >= start:
            term = name
    return term


# ====================================================================== random helpers


class Zipf:
    """Draw from ``items`` with weight 1/(rank+1)^s: a few items very often."""

    __slots__ = ("items", "cum", "total")

    def __init__(self, items: list[Any], s: float = 1.0) -> None:
        self.items = items
        self.cum: list[float] = []
        total = 0.0
        for rank in range(len(items)):
            total += 1.0 / (rank + 1) ** s
            self.cum.append(total)
        self.total = total

    def __bool__(self) -> bool:
        return bool(self.items)

    def draw(self, rng: random.Random) -> Any:
        return self.items[bisect.bisect_right(self.cum, rng.random() * self.total)
                          if self.total else 0]


def vn_int(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def vn_date(day: dt.date) -> str:
    return f"{day.day}/{day.month}/{day.year}"


# ====================================================================== pools


@dataclass
class Pools:
    regions: list[tuple[str, list[Province]]]
    provinces: list[Province]
    orgs: list[Org]
    people: list[Person]
    docs: list[Doc]
    central_org: Org
    org_by_key: dict[tuple[str, str], Org]                 # (kind, province) → org
    people_by_province: dict[str, Zipf]
    central_people: Zipf
    bdv_tw_people: Zipf
    central_docs: Zipf
    state_docs: Zipf
    local_docs: dict[str, Zipf]                            # province → its documents
    topics: Zipf
    meeting_provinces: list[Province]                      # those with their own bodies


def _fill(pattern: str, p: Province | None) -> str:
    if p is None:
        return pattern
    return pattern.format(TU=p.tu, P=p.name, tinh=p.tinh, tinh_w=p.tinh_w, doan=p.doan)


def build_orgs(rng: random.Random, regions: list[tuple[str, list[Province]]],
               size: int) -> list[Org]:
    """~size bodies: central ones, each province's Ban Dân vận, then the rest."""
    provinces = [p for _, ps in regions for p in ps]
    central = [Org(name, "central", None, ladder, abbr) for name, abbr, ladder, _ in CENTRAL_ORGS]
    bdv = [Org(_fill(PROVINCE_ORGS[0][1], p), "bdv", p, [_fill(t, p) for t in PROVINCE_ORGS[0][2]])
           for p in provinces]
    rest: list[Org] = []
    for kind, pattern, ladder, _ in PROVINCE_ORGS[1:]:
        rest += [Org(_fill(pattern, p), kind, p, [_fill(t, p) for t in ladder]) for p in provinces]
    for p in provinces:
        if p.capital:
            name = f"Ban Dân vận Thành ủy {p.capital}"
            rest.append(Org(name, "bdv-city", p, [f"Phó Trưởng Ban Dân vận Thành ủy {p.capital}",
                                                  f"Trưởng Ban Dân vận Thành ủy {p.capital}"]))
    for org in bdv:
        assert org.province is not None
        org.aliases = [f"Ban DVTU {org.province.name}"]       # how the press shortens it
    for org in rest:
        if org.kind == "mttq":
            org.aliases = [org.name.replace("Ủy ban MTTQ Việt Nam", "Ủy ban Mặt trận Tổ quốc Việt Nam", 1)]
    # Tiers keep every pool realistic: the centre always, then as many provinces'
    # Ban Dân vận as fit, then a random mix of the other bodies.
    head = central[:2]
    tail_central = central[2:]
    rng.shuffle(bdv)
    mixed = tail_central + rest
    rng.shuffle(mixed)
    chosen = head + bdv[: max(0, size - len(head))]
    chosen += mixed[: max(0, size - len(chosen))]
    # Stable order for output: central first (Ban Dân vận Trung ương at the head),
    # then by province, each province's Ban Dân vận first.
    order = {id(p): i for i, p in enumerate(provinces)}
    rank = {name: i for i, (name, _, _, _) in enumerate(CENTRAL_ORGS)}
    chosen.sort(key=lambda o: (o.province is not None, order.get(id(o.province), -1),
                               rank.get(o.name, len(rank)), o.kind != "bdv", o.name))
    return chosen


def _compose_name(rng: random.Random, surnames: list[str], cum: list[float]) -> tuple[str, bool]:
    if rng.random() < 0.04:
        surname, middles, givens = ETHNIC[rng.randrange(len(ETHNIC))]
        middle = middles[rng.randrange(len(middles))]
        given = givens[rng.randrange(len(givens))]
        return " ".join(x for x in (surname, middle, given) if x), middle == "Thị"
    surname = surnames[bisect.bisect_right(cum, rng.random() * cum[-1])]
    female = rng.random() < 0.3
    middle = rng.choice(MIDDLE_F if female else MIDDLE_M)
    given = rng.choice(GIVEN_F if female else GIVEN_M)
    return f"{surname} {middle} {given}", female


def build_people(rng: random.Random, orgs: list[Org], size: int) -> list[Person]:
    surnames = [s for s, _ in SURNAMES]
    cum: list[float] = []
    total = 0.0
    for _, w in SURNAMES:
        total += w
        cum.append(total)
    names: list[str] = ["Nguyễn Văn Hùng", "Nguyễn Văn Hưng"]   # the classic slug collision
    seen = set(names)
    while len(names) < size:
        name, _ = _compose_name(rng, surnames, cum)
        if name in seen:
            continue
        names.append(name)
        seen.add(name)
        # A near twin (Hùng/Hưng, Thủy/Thúy…) now and then.
        given = name.rsplit(" ", 1)[-1]
        if given in NEAR and rng.random() < 0.25 and len(names) < size:
            twin = name[: -len(given)] + NEAR[given]
            if twin not in seen:
                names.append(twin)
                seen.add(twin)
    weights = []
    for org in orgs:
        weight = next((w for n, _, _, w in CENTRAL_ORGS if n == org.name), None)
        if weight is None:
            weight = next(w for k, _, _, w in PROVINCE_ORGS if k == org.kind) if org.kind != "bdv-city" else 1
        weights.append(weight)
    cum_org: list[float] = []
    total = 0.0
    for w in weights:
        total += w
        cum_org.append(total)
    people = []
    for i, name in enumerate(names[:size]):
        # The first people staff the centre; each body then gets one before the
        # weighted draw, so no body in the pool is empty.
        if i < 3:
            org = orgs[0]
        elif i - 3 < len(orgs):
            org = orgs[i - 3]
        else:
            org = orgs[bisect.bisect_right(cum_org, rng.random() * total)]
        ladder = org.ladder
        start = min(rng.randrange(len(ladder)), rng.randrange(len(ladder)))
        steps = min(len(ladder) - start, rng.choice((1, 1, 2, 2, 3)))
        year = rng.randint(FIRST_YEAR - 6, LAST_YEAR - 3)
        career = []
        for k in range(steps):
            career.append((year, ladder[start + k]))
            year += rng.randint(3, 7)
        person = Person(name, org, career)
        if "’" in name:
            person.aliases = [name.replace("’", "'")]
        org.people.append(person)
        people.append(person)
    return people


def _party_number(rng: random.Random, code: str) -> int:
    hi = {"NQ": 60, "CT": 50, "CTr": 120, "QĐ": 2000, "KL": 900, "KH": 300, "HD": 60, "QĐi": 40}[code]
    lo = 100 if code == "QĐ" and rng.random() < 0.7 else 1
    return rng.randint(lo, hi)


def _fmt_party(n: int, code: str, suffix: str) -> str:
    return f"{n:02d}-{code}/{suffix}"


def _doc_date(rng: random.Random, lo: int = 2000, hi: int = LAST_YEAR - 1) -> dt.date:
    return dt.date(rng.randint(lo, hi), rng.randint(1, 12), rng.randint(1, 28))


def build_docs(rng: random.Random, provinces: list[Province], size: int) -> list[Doc]:
    docs: list[Doc] = []
    numbers_seen: set[str] = set()
    for number, code, issuer, date, term, title, topic, aliases in REAL_DOCS:
        docs.append(Doc(number, code, issuer, dt.date.fromisoformat(date), title, topic, None,
                        term or None, list(aliases), ambiguous=number == "25-NQ/TW"))
        numbers_seen.add(number)
    n_central = max(4, size * 20 // 100)
    n_state = max(2, size * 5 // 100)
    n_ubnd = max(2, size * 15 // 100)
    n_local = max(4, size - len(docs) - n_central - n_state - n_ubnd)
    issuers = {"QĐ": "Bộ Chính trị", "KL": "Bộ Chính trị", "CT": "Ban Bí thư", "QĐi": "Bộ Chính trị",
               "NQ": "Ban Chấp hành Trung ương", "HD": "Văn phòng Trung ương Đảng"}
    codes = ["QĐ", "QĐ", "KL", "KL", "CT", "NQ", "HD", "QĐi"]
    while n_central > 0:
        code = rng.choice(codes)
        number = _fmt_party(_party_number(rng, code), code, "VPTW" if code == "HD" else "TW")
        if number in numbers_seen:
            continue
        numbers_seen.add(number)
        subject, topic = rng.choice(SUBJECTS)
        date = _doc_date(rng)
        docs.append(Doc(number, code, issuers[code], date, subject[0].upper() + subject[1:],
                        topic, None, term_of(date)))
        n_central -= 1
    while n_state > 0:
        date = _doc_date(rng, 2005)
        if rng.random() < 0.6:
            number, code, issuer = f"{rng.randint(1, 180)}/{date.year}/NĐ-CP", "NĐ", "Chính phủ"
        else:
            number, code, issuer = f"{rng.randint(100, 2500)}/QĐ-TTg", "QĐ", "Thủ tướng Chính phủ"
        if number in numbers_seen:
            continue
        numbers_seen.add(number)
        subject, topic = rng.choice(SUBJECTS)
        docs.append(Doc(number, code, issuer, date, subject[0].upper() + subject[1:], topic, None))
        n_state -= 1
    # Local party documents: one number, several provinces ("17-NQ/TU" of Quảng
    # Ninh and of Bến Tre are two documents).
    local_codes = ["NQ", "NQ", "CT", "CTr", "QĐ", "KH", "KL"]
    local_seen: set[tuple[str, str]] = set()
    while n_local > 0:
        code = rng.choice(local_codes)
        number = _fmt_party(_party_number(rng, code), code, "TU")
        for p in rng.sample(provinces, min(len(provinces), rng.choice((1, 1, 2, 2, 3, 4)))):
            if n_local <= 0 or (number, p.name) in local_seen:
                continue
            local_seen.add((number, p.name))
            subject, topic = rng.choice(SUBJECTS)
            issuer = f"Ban Thường vụ {p.tu} {p.name}" if code != "NQ" or rng.random() < 0.5 else f"{p.tu} {p.name}"
            docs.append(Doc(number, code, issuer, _doc_date(rng, FIRST_YEAR),
                            subject[0].upper() + subject[1:], topic, p))
            n_local -= 1
    while n_ubnd > 0:
        p = rng.choice(provinces)
        number = f"{rng.randint(100, 4000)}/QĐ-UBND"
        if (number, p.name) in local_seen:
            continue
        local_seen.add((number, p.name))
        subject, topic = rng.choice(SUBJECTS)
        docs.append(Doc(number, "QĐ", f"UBND {p.tinh}", _doc_date(rng, FIRST_YEAR),
                        "Ban hành kế hoạch " + subject, topic, p))
        n_ubnd -= 1
    return docs


def build_pools(rng: random.Random, meetings: int) -> Pools:
    regions = load_regions()
    provinces = [p for _, ps in regions for p in ps]
    orgs = build_orgs(rng, regions, max(12, meetings // 10))
    people = build_people(rng, orgs, max(12, meetings // 5))
    docs = build_docs(rng, provinces, max(30, meetings // 4))
    org_by_key = {(o.kind, o.province.name if o.province else ""): o for o in orgs}
    by_province: dict[str, list[Person]] = {}
    central_people: list[Person] = []
    for person in people:
        if person.org.province is None:
            central_people.append(person)
        else:
            by_province.setdefault(person.org.province.name, []).append(person)
    local: dict[str, list[Doc]] = {}
    central_docs, state_docs = [], []
    for doc in docs:
        if doc.province is not None:
            local.setdefault(doc.province.name, []).append(doc)
        elif doc.code == "NĐ" or doc.issuer == "Thủ tướng Chính phủ":
            state_docs.append(doc)
        else:
            central_docs.append(doc)
    meeting_provinces = [p for p in provinces if ("bdv", p.name) in org_by_key]
    return Pools(
        regions=regions, provinces=provinces, orgs=orgs, people=people, docs=docs,
        central_org=orgs[0], org_by_key=org_by_key,
        people_by_province={k: Zipf(v, 0.9) for k, v in by_province.items()},
        central_people=Zipf(central_people, 1.0),
        bdv_tw_people=Zipf([p for p in central_people if p.org is orgs[0]], 1.0),
        central_docs=Zipf(central_docs, 1.0),
        state_docs=Zipf(state_docs, 1.0),
        local_docs={k: Zipf(v, 0.9) for k, v in local.items()},
        topics=Zipf(TOPICS, 0.8),
        meeting_provinces=meeting_provinces or provinces,
    )


# ====================================================================== meetings

KINDS = [("Giao ban", 34), ("Sơ kết", 18), ("Tổng kết", 20), ("Hội nghị chuyên đề", 14),
         ("Ban hành nghị quyết", 6), ("Hội thi", 4), ("Tọa đàm", 4)]
KIND_SLUG = {"Giao ban": "giao-ban", "Sơ kết": "so-ket", "Tổng kết": "tong-ket",
             "Hội nghị chuyên đề": "chuyen-de", "Ban hành nghị quyết": "ban-hanh",
             "Hội thi": "hoi-thi", "Tọa đàm": "toa-dam"}
ROMAN = ["I", "II", "III", "IV"]


@dataclass
class Skeleton:
    seq: int
    kind: str
    central: bool
    province: Province | None      # host / subject province
    region: str | None
    scope: list[Province]          # the record's provinces
    date: dt.date
    ky: str                        # period phrase
    ky_year: int
    organizer: list[Org]
    issued: Doc | None = None
    subject_doc: Doc | None = None
    series: str = ""
    id: str = ""
    related: list[str] = field(default_factory=list)


def _weighted(rng: random.Random, options: list[tuple[str, int]]) -> str:
    total = sum(w for _, w in options)
    x = rng.random() * total
    for value, w in options:
        x -= w
        if x < 0:
            return value
    return options[-1][0]


def _year(rng: random.Random) -> int:
    # Later years weigh more: more meetings reach the web.
    years = list(range(FIRST_YEAR, LAST_YEAR + 1))
    return years[min(len(years) - 1, int(len(years) * rng.random() ** 0.8))]


def make_skeletons(rng: random.Random, pools: Pools, meetings: int) -> list[Skeleton]:
    unissued = [d for d in pools.docs if d.province is not None and d.code == "NQ"
                and ("bdv", d.province.name) in pools.org_by_key]
    rng.shuffle(unissued)
    out: list[Skeleton] = []
    for seq in range(meetings):
        kind = _weighted(rng, KINDS)
        issued: Doc | None = None
        if kind == "Ban hành nghị quyết":
            if unissued:
                issued = unissued.pop()
                issued.issued_by_meeting = True
            else:
                kind = "Tổng kết"
        central = issued is None and rng.random() < 0.22
        year = _year(rng)
        month = rng.randint(1, 12)
        if issued is not None:
            date = issued.date
            province = issued.province
        else:
            province = rng.choice(pools.meeting_provinces)
            if kind == "Giao ban":
                month = rng.choice((7, 7, 12)) if central else rng.randint(1, 12)
            elif kind == "Sơ kết":
                month = rng.choice((6, 7, 7))
            elif kind == "Tổng kết":
                month = rng.choice((12, 12, 1))
            date = dt.date(year, month, rng.randint(1, 28))
            if date > LAST_DAY:
                date = date.replace(year=year - 1)
        assert province is not None
        region = province.region
        scope = [province]
        ky_year = date.year
        if kind == "Giao ban":
            if central:
                scope = next(ps for r, ps in pools.regions if r == region)
                ky = "6 tháng đầu năm" if date.month == 7 else "năm"
            else:
                ky = rng.choice(("tháng", "quý"))
                if ky == "tháng":
                    ky = f"tháng {date.month} năm"
                else:
                    ky = f"quý {ROMAN[(date.month - 1) // 3]} năm"
        elif kind == "Sơ kết":
            ky = "6 tháng đầu năm"
        elif kind == "Tổng kết":
            if date.month == 1:
                ky_year -= 1
            ky = "năm"
        else:
            ky = "năm"
        ky = f"{ky} {ky_year}"
        if central and kind != "Giao ban":
            scope = []           # a national meeting names no province
            region = None
        if central:
            organizer = [pools.central_org]
            host = pools.org_by_key.get(("tu", province.name))
            if host is not None and scope:
                organizer.append(host)
        else:
            bdv = pools.org_by_key[("bdv", province.name)]
            tu = pools.org_by_key.get(("tu", province.name))
            organizer = [tu] if issued is not None and tu is not None else [bdv]
        series = f"{kind}|{organizer[0].name}|{region if central else ''}"
        out.append(Skeleton(seq, kind, central, province, region, scope, date, ky, ky_year,
                            organizer, issued, series=series))
    out.sort(key=lambda s: (s.date, s.seq))
    used: dict[str, int] = {}
    last_in_series: dict[str, str] = {}
    recent_by_province: dict[str, list[str]] = {}
    for sk in out:
        place = (slugify(sk.region) if sk.central and sk.region else
                 "toan-quoc" if sk.central else sk.province.slug if sk.province else "x")
        base = f"{sk.date.isoformat()}-{KIND_SLUG[sk.kind]}-{place}"[:110]
        n = used.get(base, 0) + 1
        used[base] = n
        sk.id = base if n == 1 else f"{base}-{n}"
        previous = last_in_series.get(sk.series)
        if previous:
            sk.related.append(previous)
        if sk.province is not None:
            recent = recent_by_province.setdefault(sk.province.name, [])
            if recent and rng.random() < 0.3:
                other = recent[rng.randrange(len(recent))]
                if other not in sk.related:
                    sk.related.append(other)
            recent.append(sk.id)
            if len(recent) > 12:
                del recent[0]
        last_in_series[sk.series] = sk.id
    return out


def doc_type_name(doc: Doc) -> str:
    return TYPE_NAMES.get(doc.code, "Văn bản")


def cite(rng: random.Random, doc: Doc) -> str:
    """How a text mentions ``doc``: "Quyết định số 217-QĐ/TW" and its variants."""
    name = doc_type_name(doc)
    x = rng.random()
    if doc.ambiguous:
        # The number alone does not say which 25-NQ/TW: the text names the date.
        return f"{name} số {doc.number} ngày {vn_date(doc.date)} của {doc.issuer} (khóa {doc.term})"
    if x < 0.55:
        text = f"{name} số {doc.number}"
    elif x < 0.8:
        text = f"{name} {doc.number}"
    else:
        issuer = doc.issuer
        if doc.province is not None and issuer.startswith("Ban Thường vụ"):
            issuer = f"Ban Thường vụ {doc.province.tu}"
        text = f"{name} số {doc.number} của {issuer}"
    if x > 0.92:
        text = f"{name} số {doc.number}, ngày {vn_date(doc.date)} của {doc.issuer}"
    return text


def short_cite(doc: Doc) -> str:
    return f"{doc_type_name(doc)} số {doc.number}"


class MeetingWriter:
    """Builds one record (front matter data + Markdown body) from a skeleton."""

    def __init__(self, rng: random.Random, pools: Pools) -> None:
        self.rng = rng
        self.pools = pools

    # ---------------------------------------------------------------- people

    def _person_from(self, province: Province | None) -> Person | None:
        zipf = self.pools.people_by_province.get(province.name) if province else None
        if zipf:
            return zipf.draw(self.rng)
        return None

    def participants(self, sk: Skeleton) -> tuple[list[Any], Person, list[Person]]:
        rng, pools = self.rng, self.pools
        chosen: list[tuple[Person, str]] = []
        names: set[str] = set()

        def add(person: Person | None, role: str) -> None:
            if person is not None and person.name not in names:
                names.add(person.name)
                chosen.append((person, role))

        if sk.central:
            if pools.bdv_tw_people:
                # The chair is the most senior of a few likely people that year.
                drawn = [pools.bdv_tw_people.draw(rng) for _ in range(3)]
                add(max(drawn, key=lambda x: x.rank_in(sk.date.year)), "chủ trì")
            for _ in range(rng.randint(0, 2)):
                add(pools.bdv_tw_people.draw(rng) if pools.bdv_tw_people else None, "đồng chủ trì")
            if sk.scope:
                add(self._person_from(sk.province), "đồng chủ trì")
                for p in rng.sample(sk.scope, min(len(sk.scope), rng.randint(2, 5))):
                    add(self._person_from(p), rng.choice(("phát biểu", "tham dự", "tham luận")))
            for _ in range(rng.randint(1, 3)):
                add(pools.central_people.draw(rng) if pools.central_people else None, "tham dự")
        else:
            local = [person for person in (self._person_from(sk.province) for _ in range(8)) if person]
            bdv_people = [x for x in local if x.org.kind in ("bdv", "tu")]
            heads = bdv_people or local
            add(max(heads, key=lambda x: x.rank_in(sk.date.year)) if heads else None, "chủ trì")
            if rng.random() < 0.4:
                add(self._person_from(sk.province), "đồng chủ trì")
            if rng.random() < 0.35 and pools.bdv_tw_people:
                add(pools.bdv_tw_people.draw(rng), "phát biểu chỉ đạo")
            for person in local[1: rng.randint(3, 7)]:
                add(person, rng.choice(("phát biểu", "tham dự", "tham dự", "báo cáo")))
        if not chosen:   # a pool too small for this province: anyone will do
            add(pools.people[rng.randrange(len(pools.people))], "chủ trì")
        year = sk.date.year
        out: list[Any] = []
        for person, role in chosen:
            if role == "tham dự" and rng.random() < 0.12:
                out.append(person.name)          # the bare-string shorthand
                continue
            out.append({"name": person.name, "position": person.title_in(year),
                        "organization": person.org.name, "role": role})
        # Bodies attend too ("Quân khu 3", "Hội Nông dân tỉnh…").
        for _ in range(rng.choice((0, 0, 1, 2))):
            org = pools.orgs[rng.randrange(len(pools.orgs))]
            if org not in sk.organizer:
                out.append({"organization": org.name, "role": "tham dự"})
        chair = chosen[0][0]
        speakers = [p for p, r in chosen[1:] if r != "tham dự"] or [chair]
        return out, chair, speakers

    # ---------------------------------------------------------------- documents

    def documents(self, sk: Skeleton) -> list[tuple[Doc, str]]:
        rng, pools = self.rng, self.pools
        picked: list[tuple[Doc, str]] = []
        seen: set[int] = set()

        def add(doc: Doc | None, relation: str) -> None:
            if doc is not None and id(doc) not in seen and doc.date <= sk.date:
                seen.add(id(doc))
                picked.append((doc, relation))

        if sk.issued is not None:
            add(sk.issued, "ban hành")
        want = rng.randint(2, 7)
        tries = 0
        while len(picked) < want and tries < 30:
            tries += 1
            x = rng.random()
            if x < 0.5:
                add(pools.central_docs.draw(rng), rng.choice(("thực hiện", "quán triệt", "trích dẫn")))
            elif x < 0.85:
                places = sk.scope   # a national meeting cites no local document
                if places:
                    p = places[rng.randrange(len(places))]
                    zipf = pools.local_docs.get(p.name)
                    if zipf:
                        add(zipf.draw(rng), rng.choice(("thực hiện", "triển khai", "trích dẫn")))
            elif pools.state_docs:
                add(pools.state_docs.draw(rng), rng.choice(("thực hiện", "triển khai")))
        if not any(d.province is None for d, _ in picked):
            # Every meeting cites at least one central document that existed then.
            for _ in range(10):
                add(pools.central_docs.draw(rng), "thực hiện")
                if any(d.province is None for d, _ in picked):
                    break
            else:
                older = [d for d in pools.central_docs.items if d.date <= sk.date]
                if older:
                    add(older[rng.randrange(len(older))], "thực hiện")
        return picked

    # ---------------------------------------------------------------- texts

    def render(self, tpl: Template, ctx: dict[str, str], docs: list[Doc],
               pending: list[Doc], province: Province | None) -> tuple[str, list[dict[str, Any]]]:
        rng = self.rng
        figures: list[dict[str, Any]] = []
        values: dict[str, str] = {}
        for i, (kind, label, unit, lo, hi) in enumerate(tpl.figures):
            if kind == "x":
                values[f"f{i}"] = str(rng.randint(lo, hi))
            elif kind == "p":
                v = rng.randint(lo, hi)
                values[f"f{i}"] = f"{v}%"
                figures.append({"label": label, "value": v, "unit": "%"})
            elif kind == "r":
                total = rng.randint(lo, hi)
                part = rng.randint(total * 2 // 5, total)
                values[f"f{i}"] = f"{part}/{total}"
                figures.append({"label": label, "value": f"{part}/{total}", "unit": unit})
            else:
                v = rng.randint(lo, hi)
                values[f"f{i}"] = vn_int(v)
                figures.append({"label": label, "value": v, "unit": unit})
        if tpl.needs_doc:
            # Prefer a document not yet mentioned; a local one only where the
            # sentence is about its own province.
            fits = [d for d in pending if d.province is None or d.province is province]
            if not fits:
                fits = [d for d in docs if d.province is None or d.province is province]
            doc = fits[rng.randrange(len(fits))] if fits else None
            if doc is None:
                return "", []
            if doc in pending:
                pending.remove(doc)
            values["D"] = cite(rng, doc)
        return tpl.text.format_map({**ctx, **values}), figures

    def context(self, sk: Skeleton, province: Province, chair: Person) -> dict[str, str]:
        others = sk.scope if len(sk.scope) > 1 else next(
            ps for r, ps in self.pools.regions if r == province.region)
        p2 = others[self.rng.randrange(len(others))]
        if p2 is province and len(others) > 1:
            p2 = others[(others.index(p2) + 1) % len(others)]
        return {
            "tinh": province.tinh, "Tinh": province.tinh[0].upper() + province.tinh[1:],
            "P": province.name, "P2": p2.name, "TU": province.tu, "tinh_w": province.tinh_w,
            "R": province.region, "Y": str(sk.ky_year), "Y1": str(sk.ky_year + 1),
            "Yt": str(min(sk.date.year + self.rng.randint(2, 7), 2030)),
            "ky": sk.ky, "chair": chair.name, "ORG": sk.organizer[0].name,
        }

    def items(self, sk: Skeleton, pool: list[Template], budget: int, per_item: tuple[int, int],
              chair: Person, speakers: list[Person], docs: list[Doc], pending: list[Doc],
              topics: list[str], section: str) -> tuple[list[Any], int]:
        rng = self.rng
        order = rng.sample(range(len(pool)), len(pool))
        out: list[Any] = []
        words = 0
        k = 0
        while words < budget and k < len(order):
            if sk.scope and len(sk.scope) > 1:
                province = sk.scope[rng.randrange(len(sk.scope))]
            elif sk.province is not None and sk.scope:
                province = sk.province
            else:
                province = self.pools.provinces[rng.randrange(len(self.pools.provinces))]
            ctx = self.context(sk, province, chair)
            sentences: list[str] = []
            figures: list[dict[str, Any]] = []
            item_topics: list[str] = []
            for _ in range(rng.randint(*per_item)):
                if k >= len(order):
                    break
                tpl = pool[order[k]]
                k += 1
                text, figs = self.render(tpl, ctx, docs, pending, province)
                if not text:
                    continue
                sentences.append(text)
                figures += figs
                item_topics += [t for t in tpl.topics if t not in item_topics]
                words += tpl.words
            if not sentences:
                continue
            text = " ".join(sentences)
            item: dict[str, Any] = {"text": text}
            # Where a sentence names its province, say so (the record's own
            # province is implied on a one-province record).
            if len(sk.scope) != 1 or rng.random() < 0.3:
                item["province"] = province.name
            tags = item_topics[:2]
            if tags:
                item["topics"] = tags
                for t in tags:
                    if t not in topics:
                        topics.append(t)
            if section == "directives":
                item["by"] = chair.name if rng.random() < 0.75 else speakers[rng.randrange(len(speakers))].name
            if section == "targets" and rng.random() < 0.5:
                item["deadline"] = dt.date(int(ctx["Yt"]), 12, 31)
            if figures:
                item["figures"] = figures
            if len(item) == 1 and rng.random() < 0.25:
                out.append(text)                # the bare-string shorthand
            else:
                out.append(item)
        return out, words

    def title(self, sk: Skeleton, subject_doc: Doc | None, theme: str) -> str:
        p = sk.province
        assert p is not None
        rng = self.rng
        if sk.kind == "Giao ban":
            if sk.central:
                return rng.choice((
                    f"Giao ban công tác dân vận các tỉnh, thành phố khu vực {sk.region} {sk.ky}",
                    f"Hội nghị giao ban công tác dân vận khu vực {sk.region} {sk.ky}"))
            return rng.choice((f"Giao ban công tác dân vận {p.tinh} {sk.ky}",
                               f"Giao ban Khối dân vận {p.tinh} {sk.ky}"))
        if sk.kind == "Sơ kết":
            if subject_doc is not None:
                where = "" if sk.central else f" tại {p.tinh}"
                return f"Sơ kết {rng.randint(2, 5)} năm thực hiện {short_cite(subject_doc)}{where}"
            if sk.central:
                return (f"Hội nghị sơ kết công tác dân vận 6 tháng đầu năm, triển khai nhiệm vụ "
                        f"trọng tâm 6 tháng cuối năm {sk.ky_year}")
            return f"Ban Dân vận {p.tu} {p.name} sơ kết công tác dân vận {sk.ky}"
        if sk.kind == "Tổng kết":
            if subject_doc is not None:
                where = "" if sk.central else f" tại {p.tinh}"
                return f"Tổng kết {rng.choice((5, 10, 15, 20))} năm thực hiện {short_cite(subject_doc)}{where}"
            if sk.central:
                return f"Hội nghị toàn quốc tổng kết công tác dân vận năm {sk.ky_year}, triển khai nhiệm vụ năm {sk.ky_year + 1}"
            return f"Hội nghị tổng kết công tác dân vận năm {sk.ky_year} của {p.tinh}"
        if sk.kind == "Ban hành nghị quyết":
            doc = sk.issued
            assert doc is not None
            return f"{p.tu} {p.name} ban hành {short_cite(doc)} {doc.title[0].lower()}{doc.title[1:]}"
        if sk.kind == "Hội thi":
            return f"Hội thi “Dân vận khéo” {p.tinh} năm {sk.date.year}"
        if sk.kind == "Tọa đàm":
            return (f"Tọa đàm “Giải pháp tuyên truyền, vận động, tạo sự đồng thuận của nhân dân "
                    f"trong {theme}” tại {p.tinh}")
        where = "toàn quốc" if sk.central else p.tinh
        return f"Hội nghị chuyên đề về {theme} {where} năm {sk.date.year}"

    def build(self, sk: Skeleton) -> tuple[dict[str, Any], str]:
        rng, pools = self.rng, self.pools
        province = sk.province
        assert province is not None
        participants, chair, speakers = self.participants(sk)
        doc_rel = self.documents(sk)
        docs = [d for d, _ in doc_rel]
        subject_doc = None
        if sk.kind in ("Sơ kết", "Tổng kết") and rng.random() < 0.3:
            candidates = [i for i, (d, _) in enumerate(doc_rel) if d.date.year < sk.date.year - 1
                          and (d.province is None or (len(sk.scope) == 1 and d.province is province))]
            if candidates:
                i = candidates[0]
                subject_doc = doc_rel[i][0]
                doc_rel[i] = (subject_doc, "sơ kết" if sk.kind == "Sơ kết" else "tổng kết")
        theme, theme_topic = THEMES[rng.randrange(len(THEMES))]
        title = self.title(sk, subject_doc, theme)
        pending = list(docs)
        topics: list[str] = []
        if sk.kind in ("Hội nghị chuyên đề", "Tọa đàm"):
            topics.append(theme_topic)
        if sk.kind == "Hội thi":
            topics.append("Dân vận khéo")
        if sk.issued is not None and sk.issued.topic:
            topics.append(sk.issued.topic)
        for _ in range(rng.randint(1, 3)):
            t = pools.topics.draw(rng)
            if t not in topics:
                topics.append(t)
        target_words = rng.randint(950, 1400)
        issuing = sk.kind == "Ban hành nghị quyết"
        findings, w1 = self.items(sk, T_FINDINGS, int(target_words * (0.18 if issuing else 0.32)),
                                  (1, 3), chair, speakers, docs, pending, topics, "findings")
        shortcomings, w2 = self.items(sk, T_SHORTCOMINGS, int(target_words * 0.12), (1, 2), chair,
                                      speakers, docs, pending, topics, "shortcomings")
        directives, w3 = self.items(sk, T_DIRECTIVES, int(target_words * 0.2), (1, 2), chair,
                                    speakers, docs, pending, topics, "directives")
        targets: list[Any] = []
        w4 = 0
        if issuing or (sk.kind == "Tổng kết" and rng.random() < 0.5):
            targets, w4 = self.items(sk, T_TARGETS, int(target_words * (0.15 if issuing else 0.06)),
                                     (1, 1), chair, speakers, docs, pending, topics, "targets")
        summary = self.summary(sk, title)
        body, dropped = self.body(sk, province, chair, docs, pending,
                         target_words - (w1 + w2 + w3 + w4) - len(summary.split()))
        data: dict[str, Any] = {
            "id": sk.id,
            "title": title,
            "date": sk.date,
        }
        if sk.kind in ("Hội nghị chuyên đề", "Hội thi") and rng.random() < 0.15:
            data["end_date"] = sk.date + dt.timedelta(days=1)
        data["kind"] = sk.kind
        data["format"] = self.format(sk)
        data["summary"] = summary
        data["organizer"] = (sk.organizer[0].name if len(sk.organizer) == 1
                             else [o.name for o in sk.organizer])
        data["location"] = self.location(sk)
        if sk.region:
            data["region"] = sk.region
        if sk.scope:
            data["provinces"] = [p.name for p in sk.scope]
        data["source"] = self.source(sk, title, province)
        data["participants"] = participants
        for key, value in (("findings", findings), ("shortcomings", shortcomings),
                           ("directives", directives), ("targets", targets)):
            if value:
                data[key] = value
        doc_rel = [(d, r) for d, r in doc_rel if d not in dropped]
        if doc_rel:
            entries = []
            for doc, relation in doc_rel:
                entry: dict[str, Any] = {"number": doc.number, "relation": relation, "issuer": doc.issuer}
                if doc.ambiguous:
                    entry["term"] = doc.term
                entries.append(entry)
            data["documents"] = entries
        data["topics"] = topics[:6]
        if sk.related:
            data["related"] = sk.related
        return data, body

    def summary(self, sk: Skeleton, title: str) -> str:
        org = sk.organizer[0].name
        if sk.kind == "Ban hành nghị quyết":
            return (f"{title}, xác định mục tiêu, nhiệm vụ và giải pháp nâng cao chất lượng, hiệu "
                    f"quả công tác dân vận đến năm {min(sk.date.year + 5, 2030)}.")
        if sk.kind in ("Giao ban", "Sơ kết", "Tổng kết"):
            return (f"{org} đánh giá kết quả công tác dân vận {sk.ky}, chỉ ra những tồn tại, hạn chế "
                    f"và đề ra nhiệm vụ trọng tâm thời gian tới.")
        return f"{org} tổ chức {title[0].lower()}{title[1:]}, trao đổi kinh nghiệm và đề xuất giải pháp."

    def format(self, sk: Skeleton) -> str:
        x = self.rng.random()
        if sk.date.year >= 2020:
            return "trực tiếp" if x < 0.45 else "kết hợp" if x < 0.8 else "trực tuyến"
        return "trực tiếp" if x < 0.9 else "kết hợp"

    def location(self, sk: Skeleton) -> str:
        p = sk.province
        assert p is not None
        if sk.central and not sk.scope:
            return "Hà Nội"
        if p.capital and self.rng.random() < 0.6:
            return f"Thành phố {p.capital}, {p.tinh}"
        return f"Hội trường {p.tu} {p.name}"

    def source(self, sk: Skeleton, title: str, province: Province) -> dict[str, Any]:
        rng = self.rng
        if sk.central or rng.random() < 0.3:
            publisher = PUBLISHERS_CENTRAL[rng.randrange(len(PUBLISHERS_CENTRAL))]
        else:
            publisher = rng.choice((f"Báo {province.name}",
                                    f"Trang thông tin điện tử Ban Dân vận {province.tu} {province.name}"))
        surname = SURNAMES[rng.randrange(8)][0]
        author = rng.choice((f"{rng.choice(MIDDLE_F[4:])} {rng.choice(GIVEN_F)}",
                             f"{surname} {rng.choice(GIVEN_M)}"))
        headline = rng.choice((
            title, title, title,
            "Nâng cao hoạt động của công tác dân vận trong tình hình mới",
            f"Phát huy hiệu quả công tác dân vận, tạo sự đồng thuận của nhân dân {province.tinh}",
            f"{sk.organizer[0].name} nâng cao chất lượng, hiệu quả công tác dân vận trong tình hình mới"))
        return {"title": headline, "publisher": publisher, "author": author,
                "published": sk.date + dt.timedelta(days=rng.randint(0, 3))}

    def body(self, sk: Skeleton, province: Province, chair: Person, docs: list[Doc],
             pending: list[Doc], budget: int) -> tuple[str, list[Doc]]:
        """The Markdown body, and the local documents it had to leave out.

        The body is not tied to a province, so on a record with several (or no)
        provinces a local number there ("17-NQ/TU") would be ambiguous: such
        documents are cited only in items that carry their province, and dropped
        from ``documents`` when no item did.
        """
        rng = self.rng
        own = province if len(sk.scope) == 1 else None
        ctx = self.context(sk, province, chair)
        chair_title = chair.title_in(sk.date.year)
        where = self.location(sk)
        if sk.issued is not None:
            doc = sk.issued
            intro = [f"Ngày {vn_date(sk.date)}, {doc.issuer} ban hành {short_cite(doc)} "
                     f"{doc.title[0].lower()}{doc.title[1:]}."]
            if sk.issued in pending:
                pending.remove(sk.issued)
        else:
            what = "hội nghị" if sk.kind not in ("Hội thi", "Tọa đàm") else sk.kind.lower()
            intro = [f"Ngày {vn_date(sk.date)}, tại {where}, {sk.organizer[0].name} tổ chức {what}."]
        if sk.issued is None:
            intro.append(f"Đồng chí {chair.name}, {chair_title}, chủ trì.")
            if sk.central and sk.scope:
                intro.append("Tham dự có đại diện lãnh đạo Ban Dân vận các tỉnh, thành ủy trong khu vực; "
                             "các vụ, đơn vị của Ban Dân vận Trung ương; Mặt trận Tổ quốc, các tổ chức "
                             "chính trị - xã hội.")
            else:
                intro.append(f"Tham dự có lãnh đạo các ban, sở, ngành, Mặt trận Tổ quốc, các tổ chức "
                             f"chính trị - xã hội {province.tinh} và lãnh đạo ban dân vận các huyện, "
                             f"thị, thành ủy.")
        paragraphs = [" ".join(intro)]
        words = sum(len(s.split()) for s in intro)
        pool = T_ISSUING + T_BODY if sk.kind == "Ban hành nghị quyết" else T_BODY
        order = rng.sample(range(len(pool)), len(pool))
        extra = rng.sample(range(len(T_FINDINGS)), len(T_FINDINGS))
        sentences: list[str] = []
        k = 0
        while words < budget and k < len(order) + len(extra):
            tpl = pool[order[k]] if k < len(order) else T_FINDINGS[extra[k - len(order)]]
            k += 1
            text, _ = self.render(tpl, ctx, docs, pending, own)
            if text:
                sentences.append(text)
                words += tpl.words
        # Every cited document is mentioned at least once somewhere in the text.
        dropped = []
        for doc in pending:
            if doc.province is not None and doc.province is not own:
                dropped.append(doc)
            else:
                sentences.append(f"Hội nghị cũng quán triệt những nội dung cơ bản của {cite(rng, doc)}.")
        pending.clear()
        i = 0
        while i < len(sentences):
            n = rng.randint(2, 4)
            paragraphs.append(" ".join(sentences[i:i + n]))
            i += n
        return "\n\n".join(paragraphs) + "\n", dropped


# ====================================================================== YAML emitter

_RESERVED = {"true", "false", "yes", "no", "on", "off", "null", "~", "y", "n", ""}
_BAD_START = set("-?:,[]{}#&*!|>'\"%@` \t0123456789+.~=<")


def scalar(value: Any) -> str:
    """One YAML scalar: plain where that reads back as the same string, else quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if (text[:1] in _BAD_START or text[-1:] in " :" or ": " in text or " #" in text
            or "\n" in text or "\t" in text or text.lower() in _RESERVED):
        return json.dumps(text, ensure_ascii=False)
    return text


def emit(value: Any, indent: str, out: list[str]) -> None:
    """Block-style YAML for mappings and lists of scalars or mappings."""
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, (dict, list)):
                if not item:
                    out.append(f"{indent}{key}: []\n" if isinstance(item, list) else f"{indent}{key}: {{}}\n")
                    continue
                out.append(f"{indent}{key}:\n")
                emit(item, indent + "  ", out)
            else:
                out.append(f"{indent}{key}: {scalar(item)}\n")
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict):
                first = True
                for key, sub in item.items():
                    lead = f"{indent}- " if first else f"{indent}  "
                    first = False
                    if isinstance(sub, (dict, list)):
                        out.append(f"{lead}{key}:\n")
                        emit(sub, indent + "    ", out)
                    else:
                        out.append(f"{lead}{key}: {scalar(sub)}\n")
            elif isinstance(item, list):
                raise TypeError("nested lists are not part of the record format")
            else:
                out.append(f"{indent}- {scalar(item)}\n")
    else:
        raise TypeError(type(value).__name__)


def dump(value: Any) -> str:
    out: list[str] = []
    emit(value, "", out)
    return "".join(out)


# ====================================================================== registries


def registry_documents(rng: random.Random, docs: list[Doc]) -> list[dict[str, Any]]:
    out = []
    for doc in docs:
        # Most local documents are not registered: the site must cope without.
        if doc.province is not None and not doc.issued_by_meeting and rng.random() < 0.4:
            continue
        entry: dict[str, Any] = {"number": doc.number, "issuer": doc.issuer}
        if doc.province is not None:
            entry["province"] = doc.province.name
        if doc.term:
            entry["term"] = doc.term
        entry["date"] = doc.date
        entry["title"] = doc.title
        if doc.aliases:
            entry["aliases"] = doc.aliases
        out.append(entry)
    return out


def registry_people(people: list[Person]) -> list[dict[str, Any]]:
    out = []
    for person in people:
        positions = []
        for i, (start, title) in enumerate(person.career):
            pos: dict[str, Any] = {"title": title, "organization": person.org.name, "from": start}
            if i + 1 < len(person.career):
                pos["to"] = person.career[i + 1][0]
            positions.append(pos)
        entry: dict[str, Any] = {"name": person.name}
        if person.aliases:
            entry["aliases"] = person.aliases
        entry["positions"] = positions
        out.append(entry)
    return out


def registry_orgs(orgs: list[Org]) -> list[dict[str, Any]]:
    out = []
    for org in orgs:
        entry: dict[str, Any] = {"name": org.name}
        if org.abbreviation:
            entry["abbreviation"] = org.abbreviation
        if org.aliases:
            entry["aliases"] = org.aliases
        out.append(entry)
    return out


# ====================================================================== corpus


@dataclass
class Corpus:
    """Everything the files hold, in memory (tests compare it with what parses back)."""

    records: list[tuple[str, dict[str, Any], str]]   # (relative path, front matter, body)
    registries: dict[str, list[dict[str, Any]]]      # file name → entries


def iter_corpus(meetings: int, seed: int = 1) -> Iterator[tuple[str, str]]:
    """Yield (relative path, file text) for every file of the corpus, in a fixed order."""
    registries: dict[str, list[dict[str, Any]]] = {}
    for rel, data, body in _records(meetings, seed, registries):
        yield rel, "---\n" + dump(data) + "---\n\n" + body
    # _records fills the registries once every meeting has been drawn.
    for name, entries in registries.items():
        yield f"records/_registry/{name}", dump_list(entries)


def dump_list(entries: list[dict[str, Any]]) -> str:
    return ("# Tệp do benchmarks/synth.py sinh ra (dữ liệu giả lập)\n" + dump(entries)) if entries else "[]\n"


def _records(meetings: int, seed: int, registries: dict[str, list[dict[str, Any]]]
             ) -> Iterator[tuple[str, dict[str, Any], str]]:
    rng = random.Random(seed)
    pools = build_pools(rng, meetings)
    skeletons = make_skeletons(rng, pools, meetings)
    writer = MeetingWriter(rng, pools)
    for sk in skeletons:
        data, body = writer.build(sk)
        yield f"records/{sk.date.year}/{sk.id}.md", data, body
    registries["documents.yml"] = registry_documents(rng, pools.docs)
    registries["people.yml"] = registry_people(pools.people)
    registries["organizations.yml"] = registry_orgs(pools.orgs)


def build_corpus(meetings: int, seed: int = 1) -> Corpus:
    registries: dict[str, list[dict[str, Any]]] = {}
    records = list(_records(meetings, seed, registries))
    return Corpus(records, registries)


def write_corpus(out: Path, meetings: int, seed: int = 1) -> None:
    """Write N synthetic meetings under ``out/records`` (replacing a corpus made here before).

    Raises FileExistsError if ``out/records`` exists, is not empty and was not
    made by this generator: a real records/ folder is never deleted.
    """
    if meetings < 1:
        raise ValueError("meetings must be at least 1")
    out = Path(out)
    records = out / "records"
    if records.exists():
        if (records / MARKER).exists():
            shutil.rmtree(records)
        elif any(records.iterdir()):
            raise FileExistsError(f"{records} exists and was not made by synth.py; refusing to overwrite")
    made: set[Path] = set()
    for rel, text in iter_corpus(meetings, seed):
        path = out / rel
        parent = path.parent
        if parent not in made:
            parent.mkdir(parents=True, exist_ok=True)
            made.add(parent)
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    (records / MARKER).write_text("synthetic corpus (benchmarks/synth.py); safe to delete\n",
                                  encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a deterministic synthetic corpus of meeting records.")
    parser.add_argument("--meetings", type=int, required=True, help="number of meetings (N)")
    parser.add_argument("--out", type=Path, required=True, help="output folder (records/ is written inside)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    try:
        write_corpus(args.out, args.meetings, args.seed)
    except (FileExistsError, ValueError) as exc:
        print(f"synth.py: {exc}", file=sys.stderr)
        return 2
    elapsed = time.perf_counter() - start
    files = [p for p in (args.out / "records").rglob("*") if p.is_file()]
    size = sum(p.stat().st_size for p in files)
    print(f"{args.meetings} meetings, {len(files)} files, {size / 1e6:.1f} MB in {elapsed:.2f} s "
          f"→ {args.out / 'records'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
