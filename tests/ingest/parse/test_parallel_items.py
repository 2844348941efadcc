"""A full stop OCR read for the comma between a name's parallel items is read back."""

from __future__ import annotations

import pytest

from theodoi.ingest.parse.parallel_items import stop_between_items


def test_a_stop_before_an_item_echoing_the_one_before_is_a_comma() -> None:
    name = "Triển khai hạ tầng 5G, IoT trong các khu công nghiệp. cụm công nghĩa"
    assert stop_between_items(name) == "Triển khai hạ tầng 5G, IoT trong các khu công nghiệp, cụm công nghĩa"


@pytest.mark.parametrize(
    "name",
    [
        "Thu hút chuyên gia, nhà khoa học chất lượng cao. lập ưu",  # another column's words
        "Bảo đảm an toàn thông tin, dữ liệu. địa phương bản trên không gian mạng",
        "Xây dựng hệ thống công nghiệp. Cụm công nghiệp",  # a capitalised sentence
        "Phát triển khu công nghiệp.",
    ],
)
def test_a_stop_before_other_words_stays(name: str) -> None:
    assert stop_between_items(name) == name
