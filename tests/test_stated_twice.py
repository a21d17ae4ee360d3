"""A plan that states the same share twice with two values (objectives vs "Tổ chức thực hiện",
a results paragraph vs a table column, a table vs a sentence): the answer shows both values,
each with its quote. Different years, different qualifiers ("mức 1" / "mức 2") and the same
value stated twice are not contradictions. All plan text here is invented."""

from __future__ import annotations

from pathlib import Path

from rag.tables.answer import TableAnswerer
from rag.tables.build import PlanSource, build_store
from rag.tables.statements import text_statements


def _answers(tmp_path: Path, text: str, title: str = "Kế hoạch ứng dụng số năm 2027"):
    build_store([PlanSource("x", title, "Thử", "", text)], tmp_path / "t.sqlite")
    return TableAnswerer(tmp_path / "t.sqlite")


OBJECTIVES = """I. MỤC TIÊU NĂM 2027

- {a}% hộ nuôi trồng thủy sản có sổ nhật ký điện tử.
- 30% hợp tác xã bán hàng qua sàn giao dịch trực tuyến.

II. TỔ CHỨC THỰC HIỆN

1. Phòng Nông nghiệp theo dõi; phấn đấu đến hết năm {y} có {b}% hộ nuôi trồng thủy sản dùng sổ nhật ký điện tử; báo cáo hằng quý.
"""


def test_objective_and_implementation_sentence_with_two_values_show_both(tmp_path: Path) -> None:
    answers = _answers(tmp_path, OBJECTIVES.format(a=45, b=52, y=2027))
    assert answers.conflicts("Thử")
    found = answers.answer(
        "Năm 2027 xã Thử phấn đấu bao nhiêu % hộ nuôi trồng thủy sản có sổ nhật ký điện tử?",
        ["Thử"],
    )
    assert found is not None
    assert "45%" in found.text and "52%" in found.text
    quotes = " ".join(c.quote for c in found.citations)
    assert "45%" in quotes and "52%" in quotes


def test_the_same_value_twice_is_not_a_contradiction(tmp_path: Path) -> None:
    answers = _answers(tmp_path, OBJECTIVES.format(a=52, b=52, y=2027))
    assert answers.conflicts("Thử") == []


def test_another_year_is_not_a_contradiction(tmp_path: Path) -> None:
    answers = _answers(tmp_path, OBJECTIVES.format(a=45, b=52, y=2029))
    assert answers.conflicts("Thử") == []


def test_another_level_is_another_indicator(tmp_path: Path) -> None:
    text = """I. CHỈ TIÊU NĂM 2027

- 90% cư dân có tài khoản định danh điện tử mức 1.

II. TỔ CHỨC THỰC HIỆN

1. Công an xã phấn đấu đến hết năm 2027 có 70% cư dân có tài khoản định danh điện tử mức 2.
"""
    assert _answers(tmp_path, text).conflicts("Thử") == []


RESULTS = """I. KẾT QUẢ NĂM 2026

- Bộ phận một cửa tiếp nhận 1.204 hồ sơ, trong đó tỷ lệ hồ sơ nộp trực tuyến một phần đạt 41,5%.

II. CHỈ TIÊU NĂM 2027

| TT | Chỉ tiêu | Đơn vị tính | Thực hiện 2026 | Kế hoạch 2027 |
|---|---|---|---|---|
| 1 | Tỷ lệ hồ sơ nộp trực tuyến một phần | % | 39,2 | 60 |
| 2 | Số điểm phát wifi công cộng | điểm | 3 | 8 |
"""


def test_a_result_sentence_and_the_table_baseline_column_show_both(tmp_path: Path) -> None:
    answers = _answers(tmp_path, RESULTS)
    found = answers.answer(
        "năm 2026 tỷ lệ hồ sơ nộp trực tuyến một phần của xã Thử đạt bao nhiêu", ["Thử"]
    )
    assert found is not None
    assert "41,5%" in found.text and "39,2" in found.text


def test_a_share_for_a_period_is_for_its_last_year() -> None:
    lines = [
        "Giai đoạn 2027 - 2030, 80% hộ nuôi trồng thủy sản có sổ nhật ký điện tử.",
        "Đến hết năm 2027, 45% hộ nuôi trồng thủy sản có sổ nhật ký điện tử; 20% hợp tác xã bán hàng qua sàn.",
    ]
    found = text_statements(lines, ["", ""], set(), "", 12)
    assert [(s.year, s.value) for s in found] == [("2030", "80%"), ("2027", "45%"), ("2027", "20%")]
