"""Budget totals asked as a whole or for one year: a budget table with one column per year
(markdown, or a PDF table flattened to text), prose budget lines closed by a "Tổng cộng" line,
a table whose total only a sentence states, and a table with no total at all."""

from __future__ import annotations

from pathlib import Path

from rag.tables.answer import TableAnswerer
from rag.tables.build import PlanSource, build_store
from rag.understand.budget_years import read_year_budgets

YEAR_TABLE = """KẾ HOẠCH
Số hóa nông thôn xã Hồ Lam giai đoạn 2027 - 2029

IV. DỰ TOÁN KINH PHÍ

| STT | Hạng mục | 2027 | 2028 | 2029 |
|---|---|---|---|---|
| 1 | Nâng cấp đường truyền cáp quang nhà văn hóa | 70 | 30 | 20 |
| 2 | Bồi dưỡng kỹ năng số cho tổ trưởng dân phố | 15 | 25 | 35 |
| 3 | Trạm phát sóng | Nhà mạng tự đầu tư |
| | Cộng | 85 | 55 | 55 |

Đơn vị: triệu đồng.
"""

# The same kind of table as a PDF text layer prints it: header cells and labels wrapped.
FLAT_TABLE = """V. Nguồn lực thực hiện
Danh mục Năm
2027
Năm
2028
Mua máy quét tài liệu cho bộ phận
tiếp nhận
44 12
Thuê dịch vụ lưu trữ đám mây 18 18
Đơn vị tính: triệu đồng
VI. Tổ chức thực hiện
"""

PROSE_LINES = """III. KINH PHÍ

Kinh phí được bố trí từ ngân sách xã năm 2027 như sau:

- Mua bảng điện tử tại nhà văn hóa: 95 triệu đồng.
- Tập huấn bán hàng qua mạng cho hợp tác xã: 35 triệu đồng.
- Hội thi tìm hiểu chuyển đổi số: kinh phí sẽ xác định sau.

Tổng cộng: 130 triệu đồng.

IV. TỔ CHỨC THỰC HIỆN

Văn phòng xã theo dõi việc thực hiện.
"""

TASK_TABLE = """II. NHIỆM VỤ

| TT | Nhiệm vụ | Chủ trì | Kinh phí (triệu đồng) |
|---|---|---|---|
| 1 | Gắn biển mã QR tại di tích đình làng | Phòng Văn hóa | 22 |
| 2 | Chuẩn hóa dữ liệu hộ kinh doanh | Phòng Kinh tế | 48 |
"""


def _answers(tmp_path: Path, text: str, title: str, commune: str = "Hồ Lam") -> TableAnswerer:
    build_store([PlanSource("p", title, commune, "", text)], tmp_path / "t.sqlite")
    return TableAnswerer(tmp_path / "t.sqlite")


def test_a_year_column_is_answered_from_the_total_row(tmp_path: Path) -> None:
    answers = _answers(tmp_path, YEAR_TABLE, "Kế hoạch giai đoạn 2027 - 2029")
    found = answers.answer("xã Hồ Lam năm 2028 dự kiến chi bao nhiêu?", ["Hồ Lam"])
    assert found is not None and not found.refused
    assert "55" in found.text and "85" not in found.text
    assert any("55" in c.quote for c in found.citations)


def test_an_item_of_a_year_column(tmp_path: Path) -> None:
    answers = _answers(tmp_path, YEAR_TABLE, "Kế hoạch giai đoạn 2027 - 2029")
    found = answers.answer(
        "năm 2029 kinh phí bồi dưỡng kỹ năng số cho tổ trưởng dân phố ở Hồ Lam là bao nhiêu",
        ["Hồ Lam"],
    )
    assert found is not None and "35" in found.text and "55" not in found.text


def test_a_flattened_year_table_without_total_is_summed_and_shown(tmp_path: Path) -> None:
    found = read_year_budgets(FLAT_TABLE.split("\n"))
    assert len(found) == 1
    table = found[0]
    assert table.years == ["2027", "2028"] and table.unit == "triệu đồng"
    assert [x.label for x in table.lines] == [
        "Mua máy quét tài liệu cho bộ phận tiếp nhận",
        "Thuê dịch vụ lưu trữ đám mây",
    ]
    assert table.year_total("2027") == (62.0, "62", False)
    answers = _answers(tmp_path, FLAT_TABLE, "Kế hoạch giai đoạn 2027 - 2028")
    got = answers.answer("Hồ Lam tổng kinh phí năm 2027 là bao nhiêu", ["Hồ Lam"])
    assert got is not None
    assert "62" in got.text and "44" in got.text and "18" in got.text
    assert "không có dòng tổng" in got.text


def test_a_table_of_target_years_is_not_a_budget() -> None:
    text = (
        "II. CHỈ TIÊU\n| Chỉ tiêu | 2027 | 2028 |\n|---|---|---|\n| Hộ có cáp quang | 60 | 70 |\n"
    )
    text += "| Hộ dùng ví điện tử | 30 | 45 |\n"
    assert read_year_budgets(text.split("\n")) == []


def test_prose_budget_lines_closed_by_a_total_line(tmp_path: Path) -> None:
    answers = _answers(tmp_path, PROSE_LINES, "Kế hoạch năm 2027")
    total = answers.answer("tổng kinh phí kế hoạch của xã Hồ Lam bao nhiêu", ["Hồ Lam"])
    assert total is not None and "130" in total.text
    assert any("Tổng cộng: 130" in c.quote for c in total.citations)
    items = answers.answer("liệt kê các khoản chi của xã Hồ Lam", ["Hồ Lam"])
    assert items is not None
    assert "bảng điện tử" in items.text and "bán hàng qua mạng" in items.text


def test_a_sentence_states_the_total_a_table_leaves_out(tmp_path: Path) -> None:
    text = TASK_TABLE + "\nTổng kinh phí từ ngân sách xã: 70 triệu đồng.\n"
    answers = _answers(tmp_path, text, "Kế hoạch năm 2027")
    found = answers.answer("tổng kinh phí của xã Hồ Lam là bao nhiêu", ["Hồ Lam"])
    assert found is not None and "70 triệu đồng" in found.text
    assert "không ghi" not in found.text
    assert any("Tổng kinh phí từ ngân sách xã" in c.quote for c in found.citations)


def test_a_table_without_any_total_is_summed_and_says_so(tmp_path: Path) -> None:
    answers = _answers(tmp_path, TASK_TABLE, "Kế hoạch năm 2027")
    found = answers.answer("tổng kinh phí của xã Hồ Lam là bao nhiêu", ["Hồ Lam"])
    assert found is not None
    assert "không ghi dòng tổng" in found.text and "70" in found.text
    assert "22" in found.text and "48" in found.text


def test_a_period_asked_is_every_year_not_its_first_and_last(tmp_path: Path) -> None:
    answers = _answers(tmp_path, YEAR_TABLE, "Kế hoạch giai đoạn 2027 - 2029")
    found = answers.answer("tổng kinh phí giai đoạn 2027-2029 của xã Hồ Lam", ["Hồ Lam"])
    assert found is not None
    assert "năm 2027 là 85" in found.text and "năm 2028 là 55" in found.text
    assert "năm 2029 là 55" in found.text and "195" in found.text


def test_a_budget_written_year_by_year(tmp_path: Path) -> None:
    text = (
        "V. KINH PHÍ\n\nTổng kinh phí giai đoạn 2027 - 2028 là 410 triệu đồng, trong đó:\n\n"
        "- Năm 2027: 260 triệu đồng;\n- Năm 2028: 150 triệu đồng.\n"
    )
    answers = _answers(tmp_path, text, "Kế hoạch giai đoạn 2027 - 2028")
    found = answers.answer("Hồ Lam năm 2028 dự kiến chi bao nhiêu", ["Hồ Lam"])
    assert found is not None and "150" in found.text and "260" not in found.text
    whole = answers.answer("tổng kinh phí của xã Hồ Lam", ["Hồ Lam"])
    assert whole is not None and "410" in whole.text


def test_a_budget_line_without_an_amount_says_what_the_plan_prints(tmp_path: Path) -> None:
    answers = _answers(tmp_path, PROSE_LINES, "Kế hoạch năm 2027")
    found = answers.answer("kinh phí hội thi tìm hiểu chuyển đổi số ở Hồ Lam bao nhiêu", ["Hồ Lam"])
    assert found is not None and "sẽ xác định sau" in found.text
    assert "triệu đồng" not in found.text
    total = answers.answer("tổng kinh phí kế hoạch của xã Hồ Lam bao nhiêu", ["Hồ Lam"])
    assert total is not None and "130" in total.text and "lệch" not in total.text


def test_a_flattened_row_number_is_not_part_of_the_label() -> None:
    text = "Dự toán kinh phí\nHạng mục Năm 2027 Năm 2028\n1 Mua loa thông minh 30 10\n"
    text += "2 Bảo trì mạng nội bộ 5 5\nCộng 35 15\n"
    table = read_year_budgets(text.split("\n"))[0]
    assert [x.label for x in table.lines] == ["Mua loa thông minh", "Bảo trì mạng nội bộ"]
    assert table.year_total("2028") == (15.0, "15", True)


def test_a_target_table_before_a_budget_heading_is_not_a_budget() -> None:
    text = "## II. Chỉ tiêu\n\n| Chỉ tiêu | 2027 | 2028 | ĐVT |\n|---|---|---|---|\n"
    text += "| Hộ dùng ví điện tử | 40 | 55 | % |\n| Thôn có loa thông minh | 6 | 9 | thôn |\n"
    text += "\n## III. Nhiệm vụ và kinh phí\n"
    assert read_year_budgets(text.split("\n")) == []
