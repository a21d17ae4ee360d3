"""Personal-data refusals: a commune's name is a place, a device is not a datum, a title after
a datum typed without capitals is a person."""

from __future__ import annotations

import pytest

from rag.pipeline.policy import load_policy


@pytest.mark.parametrize(
    ("question", "communes"),
    [
        # the capitalised words are the commune the question names, not a person
        ("Hòa Lạc Đông thanh niên có điện thoại thông minh năm 2027 phấn đấu bn", ["Hòa Lạc Đông"]),
        ("Sơn Kim Bình hộ gia đình có địa chỉ số năm 2026 phấn đấu bn", ["Sơn Kim Bình"]),
        # a smartphone, a public phone: things, not a person's datum
        ("trưởng thôn có điện thoại thông minh chưa", []),
        # typed with diacritics, "ba" is three
        ("địa chỉ ba điểm wifi công cộng ở xã Đông Lâm", ["Đông Lâm"]),
    ],
)
def test_places_and_devices_are_not_personal_requests(question: str, communes: list[str]) -> None:
    assert not load_policy().asks_personal_data(question, communes)


@pytest.mark.parametrize(
    "question",
    [
        "so dien thoai ba tran thi hoa xa dong lam",
        "cho xin sdt cua anh le van binh",
        "sđt đ/c phạm văn tuấn xã đông lâm",
        "địa chỉ nhà đ/c Vũ Thị Mai",
    ],
)
def test_a_title_after_a_datum_is_a_person(question: str) -> None:
    assert load_policy().asks_personal_data(question, ["Đông Lâm"])


def test_a_commune_name_does_not_hide_a_named_person() -> None:
    policy = load_policy()
    question = "Hòa Lạc Đông số điện thoại ông Trần Văn Hải"
    assert policy.asks_personal_data(question, ["Hòa Lạc Đông"])
    # an office phone is not a person's
    assert not policy.asks_personal_data(
        "số điện thoại cơ quan UBND xã Hòa Lạc Đông", ["Hòa Lạc Đông"]
    )
