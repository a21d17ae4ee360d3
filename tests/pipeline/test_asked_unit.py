"""A count question names what it counts or its unit ("bao nhiêu km", "mấy trạm"); only a
number of that unit states it — not a row number, a year, a technology or money."""

from __future__ import annotations

import pytest

from rag.pipeline.asked_value import COUNT, asked_value, counts_unit, has_value
from rag.quantity import asks_count, counted_word


@pytest.mark.parametrize(
    ("question", "unit"),
    [
        ("xã Bản Phiệt sẽ làm bao nhiêu km đường truyền", "km"),
        ("Bản Phiệt có mấy trạm phát sóng", "tram"),
        ("ban phiet hien co bao nhieu tram phat song", "tram"),
        ("số lượng camera lắp mới", "camera"),
    ],
)
def test_the_counted_unit_is_read_from_the_question(question: str, unit: str) -> None:
    assert counted_word(question) == unit
    asked = asked_value(question, ["Bản Phiệt"])
    assert asked is not None and asked.kind == COUNT and asked.unit == unit


def test_a_share_is_not_a_count_but_a_station_is() -> None:
    assert not asks_count("bao nhiêu phần trăm hộ dùng ví điện tử")
    assert asks_count("bao nhiêu trạm")


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Đầu tư 3 trạm phát sóng mới", "tram"),
        ("kéo thêm 14,5 km đường truyền", "km"),
        ("kéo thêm 14km đường truyền", "km"),
        ("đến nay có 1.250 lượt người tham gia", "nguoi"),
        ("Số camera lắp mới: 24", "camera"),
        ("Chiều dài tuyến (km): 9", "km"),
        ("Chỉ tiêu: Số điểm truy cập; Năm 2026: 40", "diem"),
        ("đã cấp chữ ký số cho hợp tác xã được 4/9 đơn vị", "hop"),  # the noun before
        ("phủ sóng tại 100% bản vùng cao", "ban"),
    ],
)
def test_a_number_of_the_unit_states_the_count(text: str, unit: str) -> None:
    assert has_value(COUNT, text, unit=unit)


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("5 Nâng cấp trạm phát sóng 4G tại bản Co Sàn", "tram"),  # a row number
        ("Đường truyền bản Co Sàn: 260 triệu đồng", "km"),  # money
        ("năm 2026 trạm phát sóng được nâng cấp", "tram"),  # a year
    ],
)
def test_a_number_of_something_else_does_not(text: str, unit: str) -> None:
    assert not has_value(COUNT, text, unit=unit)
    assert not counts_unit(text, unit)


def test_without_a_unit_any_count_states_it() -> None:
    assert has_value(COUNT, "5 Nâng cấp trạm phát sóng")


def test_a_count_cue_ending_its_clause_counts_nothing_of_the_next_clause() -> None:
    # "…đặt bao nhiêu, Hòa Lạc đặt bao nhiêu?": the commune after the comma is not counted
    assert counted_word("Bến Tre 2026 đặt bao nhiêu, Hòa Lạc đặt bao nhiêu?") is None
    assert counted_word("xã Hòa Lạc có bao nhiêu trạm, bao nhiêu km cáp?") == "tram"
    assert counted_word("tăng bao nhiêu km so với 2,5 km năm ngoái") == "km"
