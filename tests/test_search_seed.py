"""Issue 3 on the real seed site: any way a reader types a number or a name finds its page first.

Builds the seed site (the session's ``seed_build``), serves it on 127.0.0.1 and types
each query into Material's real search box in headless Chromium.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from generator.build import BuildResult
from browsing import serve
from test_search_worker import SearchPage

pytestmark = pytest.mark.browser

# query as typed → the page that must come first
FIRST = [
    ("217-QĐ/TW", "van-ban/217-qd-tw/"),
    ("217-qđ/tw", "van-ban/217-qd-tw/"),
    ("217-QD/TW", "van-ban/217-qd-tw/"),
    ("217 QĐ TW", "van-ban/217-qd-tw/"),
    ("QĐ 217", "van-ban/217-qd-tw/"),
    ("Quyết định 217", "van-ban/217-qd-tw/"),
    ("quyet dinh 217", "van-ban/217-qd-tw/"),
    ("218", "van-ban/218-qd-tw/"),
    ("Quyết định số 218", "van-ban/218-qd-tw/"),
    ("62-KL/TW", "van-ban/62-kl-tw/"),
    ("17-NQ/TU", "van-ban/17-nq-tu-quang-ninh/"),
    ("306-QĐ/TU", "van-ban/306-qd-tu-ben-tre/"),
    ("truong thi mai", "nhan-vat/truong-thi-mai/"),
    ("Trương Thị Mai", "nhan-vat/truong-thi-mai/"),
    ("dan van kheo", "chu-de/dan-van-kheo/"),
    ("quang ninh", "dia-phuong/quang-ninh/"),
    ("MTTQ", "co-quan/mat-tran-to-quoc-viet-nam/"),
    ("tay nam bo", "dia-phuong/dong-bang-song-cuu-long/"),
]


@pytest.fixture(scope="module")
def seed_url(seed_build: BuildResult) -> Iterator[str]:
    with serve(seed_build.site_dir) as url:
        yield url


@pytest.fixture(scope="module")
def seed_search(browser: Any, seed_url: str) -> Iterator[SearchPage]:
    page = SearchPage(browser, seed_url)
    yield page
    page.page.close()


@pytest.mark.parametrize(("query", "expected"), FIRST)
def test_first_result(seed_search: SearchPage, query: str, expected: str) -> None:
    assert seed_search.search(query)[0] == expected


def test_ambiguous_62_lists_both_documents_before_any_meeting(seed_search: SearchPage) -> None:
    results = seed_search.search("62")
    assert set(results[:2]) == {"van-ban/62-kl-tw/", "van-ban/62-ct-tw/"}


def test_meetings_are_found_by_words_of_their_text(seed_search: SearchPage) -> None:
    results = seed_search.search("Cảnh sát biển đồng hành với ngư dân")
    assert results[0] == "hoi-nghi/2024-01-22-tong-ket-dan-van-ben-tre-2023/"


def test_search_makes_no_request_outside_the_host(seed_search: SearchPage) -> None:
    seed_search.search("dan van")
    assert seed_search.requests and all(r.startswith(seed_search.site_url) for r in seed_search.requests)
