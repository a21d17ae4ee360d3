"""Funding sources written in other layouts: a colon list after the total ("…, gồm: ngân sách
xã …; ngân sách tỉnh …"), a "phân theo nguồn:" line, a table by source with one column per
year, a "Trong đó:" line after the budget table, a total stated by the heading of the budget
lines, a line that names who pays without an amount, and a target question that names a
funding word without asking for money."""

from __future__ import annotations

from pathlib import Path

from rag.tables.answer import TableAnswerer
from rag.tables.build import PlanSource, build_store

COLON_LIST = """I. MỤC TIÊU NĂM 2027

Chỉ tiêu năm 2027: 90% doanh nghiệp trên địa bàn kê khai thuế điện tử.

II. KINH PHÍ

Tổng kinh phí năm 2027 là 910 triệu đồng, gồm: ngân sách xã 500 triệu đồng; ngân sách tỉnh
hỗ trợ 330 triệu đồng; vốn doanh nghiệp 80 triệu đồng. Riêng mua máy chủ là 260 triệu đồng.
"""

PHAN_THEO = """IV. KINH PHÍ

Tổng kinh phí năm 2027 là 700 triệu đồng, trong đó: số hóa sổ bộ 400 triệu đồng; mua máy quét 300 triệu đồng. Việc lắp trạm phát sóng do doanh nghiệp viễn thông đầu tư.

Phân theo nguồn: Ngân sách xã: 250 triệu đồng; ngân sách tỉnh: 450 triệu đồng.
"""

YEAR_TABLE = """### 3. KINH PHÍ

Tổng kinh phí giai đoạn 2027 - 2028 là 1.500 triệu đồng, chi tiết theo nguồn:

| Nguồn kinh phí | Năm 2027 (triệu đồng) | Năm 2028 (triệu đồng) | Cộng (triệu đồng) |
|---|---|---|---|
| Ngân sách xã | 300 | 200 | 500 |
| Ngân sách tỉnh | 400 | 300 | 700 |
| Nguồn xã hội hóa | 200 | 100 | 300 |
| Tổng cộng | 900 | 600 | 1.500 |

Trong đó: bảng điện tử ở nhà văn hóa 140 triệu đồng; phần mềm một cửa 390 triệu đồng.
"""

HEADING_TOTAL = """Điều 3. Kinh phí
   1. Tổng kinh phí năm 2027: 600 triệu đồng, gồm:
      a) Số hóa hồ sơ hộ tịch: 350 triệu đồng;
      b) Tập huấn kỹ năng số: 250 triệu đồng.
   2. Nguồn kinh phí: ngân sách xã 400 triệu đồng; ngân sách tỉnh 200 triệu đồng.
   3. Nhiệm vụ lắp wifi ở chợ phiên do doanh nghiệp tự bảo đảm kinh phí.
"""


def _answerer(tmp_path: Path, text: str, name: str = "plan.txt") -> TableAnswerer:
    build_store([PlanSource(name, "Kế hoạch năm 2027", "Bến Sỏi", "", text)], tmp_path / "t.db")
    return TableAnswerer(tmp_path / "t.db")


def test_sources_in_a_colon_list_after_the_total_are_all_listed(tmp_path: Path) -> None:
    found = _answerer(tmp_path, COLON_LIST).answer(
        "Bến Sỏi kinh phí lấy từ những nguồn nào", ["Bến Sỏi"]
    )
    assert found is not None
    for source in ("ngân sách xã", "ngân sách tỉnh", "vốn doanh nghiệp"):
        assert source in found.text


def test_a_target_question_naming_a_funding_word_is_not_a_budget_answer(tmp_path: Path) -> None:
    found = _answerer(tmp_path, COLON_LIST).answer(
        "Bến Sỏi doanh nghiệp kê khai thuế điện tử chỉ tiêu bao nhiêu %", ["Bến Sỏi"]
    )
    assert found is None or "kinh phí" not in found.text


def test_sources_after_phan_theo_nguon_are_listed(tmp_path: Path) -> None:
    found = _answerer(tmp_path, PHAN_THEO).answer(
        "Bến Sỏi kinh phí chia theo những nguồn nào", ["Bến Sỏi"]
    )
    assert found is not None
    assert "Ngân sách xã" in found.text and "ngân sách tỉnh" in found.text
    assert "máy quét" not in found.text


def test_who_pays_for_a_line_without_an_amount(tmp_path: Path) -> None:
    found = _answerer(tmp_path, PHAN_THEO).answer(
        "lắp trạm phát sóng ở Bến Sỏi ai bỏ tiền", ["Bến Sỏi"]
    )
    assert found is not None and "doanh nghiệp viễn thông" in found.text


def test_sources_as_rows_of_a_table_by_year(tmp_path: Path) -> None:
    found = _answerer(tmp_path, YEAR_TABLE, "plan.md").answer(
        "Bến Sỏi kinh phí lấy từ những nguồn nào", ["Bến Sỏi"]
    )
    assert found is not None
    for source in ("Ngân sách xã", "Ngân sách tỉnh", "Nguồn xã hội hóa"):
        assert source in found.text


def test_the_grand_total_column_is_not_a_second_total(tmp_path: Path) -> None:
    found = _answerer(tmp_path, YEAR_TABLE, "plan.md").answer(
        "tổng kinh phí của xã Bến Sỏi là bao nhiêu", ["Bến Sỏi"]
    )
    assert found is not None and "1.500" in found.text
    assert "không khớp" not in found.text


def test_an_item_of_the_trong_do_line_after_the_table(tmp_path: Path) -> None:
    found = _answerer(tmp_path, YEAR_TABLE, "plan.md").answer(
        "Bến Sỏi làm phần mềm một cửa hết bao nhiêu tiền", ["Bến Sỏi"]
    )
    assert found is not None and not found.refused and "390" in found.text


def test_a_total_stated_by_the_heading_of_the_lines(tmp_path: Path) -> None:
    found = _answerer(tmp_path, HEADING_TOTAL).answer(
        "tổng kinh phí của xã Bến Sỏi là bao nhiêu", ["Bến Sỏi"]
    )
    assert found is not None and "600" in found.text


def test_who_pays_for_a_task_named_in_the_budget_article(tmp_path: Path) -> None:
    found = _answerer(tmp_path, HEADING_TOTAL).answer(
        "wifi ở chợ phiên Bến Sỏi ai bỏ tiền", ["Bến Sỏi"]
    )
    assert found is not None and "doanh nghiệp" in found.text
