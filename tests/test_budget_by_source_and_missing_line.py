"""Budget questions on a plan whose budget lines are grouped under source subtotals: the lines
a source pays for (with their sum), and a task of the plan that no budget line is for (the
plan states no amount for it: a refusal quoting the task)."""

from __future__ import annotations

from pathlib import Path

from rag.tables.answer import TableAnswerer
from rag.tables.build import PlanSource, build_store

PLAN = """Điều 2. Các việc phải làm

1. Lập bản đồ số các tuyến đê bao. Chủ trì: Ban Thủy lợi xã; phối hợp: Hội Nông dân. Hoàn thành trước 30/6/2027.
2. Chuyển các buổi họp giao ban sang họp trực tuyến. Chủ trì: Văn phòng xã. Hoàn thành trước 31/3/2027.

Điều 3. Nguồn lực

Tổng kinh phí thực hiện năm 2027 là 260 triệu đồng, cụ thể:

A. Ngân sách tỉnh cấp: 200 triệu đồng, gồm:
   - Lập bản đồ số các tuyến đê bao: 150 triệu đồng;
   - Mua thiết bị đo mực nước: 50 triệu đồng.

B. Ngân sách xã: 60 triệu đồng (in tờ rơi hướng dẫn dịch vụ công).
"""


def _answerer(tmp_path: Path) -> TableAnswerer:
    build_store([PlanSource("x", "Kế hoạch năm 2027", "Cồn Én", "", PLAN)], tmp_path / "t.sqlite")
    return TableAnswerer(tmp_path / "t.sqlite")


def test_a_source_lists_the_lines_under_its_subtotal(tmp_path: Path) -> None:
    found = _answerer(tmp_path).answer(
        "Ngân sách tỉnh chi cho những khoản nào ở xã Cồn Én?", ["Cồn Én"]
    )
    assert found is not None and not found.refused
    assert "Lập bản đồ số các tuyến đê bao" in found.text
    assert "Mua thiết bị đo mực nước" in found.text
    assert "200 triệu đồng" in found.text  # their sum
    assert "150 triệu đồng: 150" not in found.text  # the amount is not printed twice


def test_a_task_without_a_budget_line_is_refused(tmp_path: Path) -> None:
    found = _answerer(tmp_path).answer(
        "Xã Cồn Én chi bao nhiêu tiền cho chuyển họp giao ban sang họp trực tuyến?", ["Cồn Én"]
    )
    assert found is not None and found.refused
    assert "không nêu kinh phí" in found.text
    assert "họp giao ban" in found.citations[0].quote


def test_a_task_with_a_budget_line_is_answered(tmp_path: Path) -> None:
    found = _answerer(tmp_path).answer(
        "Xã Cồn Én chi bao nhiêu tiền cho lập bản đồ số các tuyến đê bao?", ["Cồn Én"]
    )
    assert found is not None and not found.refused and "150 triệu đồng" in found.text


INLINE = """Điều 2. Các việc phải làm

Mở lớp dạy ký số cho hộ buôn bán ở chợ phiên. Tổ Kinh tế xã chủ trì, hoàn thành trong Quý II/2027. Kinh phí 20 triệu đồng từ ngân sách xã.

Điều 3. Nguồn lực

Tổng kinh phí thực hiện năm 2027 là 500 triệu đồng, trong đó ngân sách xã 300 triệu đồng, ngân sách tỉnh 200 triệu đồng.
"""


def test_a_task_paid_by_a_source_is_not_the_whole_share_of_that_source(tmp_path: Path) -> None:
    build_store([PlanSource("x", "Kế hoạch năm 2027", "Cồn Én", "", INLINE)], tmp_path / "t.sqlite")
    found = TableAnswerer(tmp_path / "t.sqlite").answer(
        "Ngân sách xã Cồn Én chi bao nhiêu cho kế hoạch?", ["Cồn Én"]
    )
    assert found is not None and "300 triệu đồng" in found.text
