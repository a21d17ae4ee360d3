"""Tasks whose lead agency, partners and deadline are printed as lines of their own under the
task's description, and task paragraphs whose deadline follows the labels without a label of
its own ("… Hoàn thành trước 20/5/2027.")."""

from __future__ import annotations

from pathlib import Path

from rag.tables.answer import TableAnswerer
from rag.tables.build import PlanSource, build_store
from rag.understand.prose import read_prose, read_task

FIELD_LINES = """CHƯƠNG 3. CÁC VIỆC CẦN LÀM

Việc thứ nhất - Chợ không tiền mặt
Vận động tiểu thương ở chợ đầu mối dán mã QR thanh toán cho từng sạp hàng.
+ Bộ phận chủ trì: Tổ Kinh tế - Hạ tầng.
+ Bộ phận phối hợp: Quỹ tín dụng nhân dân, Ban quản lý chợ.
+ Thời hạn: hết tháng 8/2027.

Việc thứ hai - Trang tin của xã
Đăng tải thông tin về lịch tiếp dân và thủ tục hành chính lên trang tin điện tử.
+ Bộ phận chủ trì: Ban Văn phòng xã.
+ Bộ phận phối hợp: Đoàn Thanh niên.

CHƯƠNG 4. TỔ CHỨC THỰC HIỆN

Các bộ phận báo cáo kết quả về Ban Văn phòng xã.
"""


def _answerer(tmp_path: Path, text: str) -> TableAnswerer:
    build_store([PlanSource("x", "Kế hoạch năm 2027", "Thử", "", text)], tmp_path / "t.sqlite")
    return TableAnswerer(tmp_path / "t.sqlite")


def test_field_lines_join_the_task_above_them() -> None:
    lines = FIELD_LINES.split("\n")
    paths = ["CHƯƠNG 3. CÁC VIỆC CẦN LÀM"] * 15 + ["CHƯƠNG 4. TỔ CHỨC THỰC HIỆN"] * (
        len(lines) - 15
    )
    items = [
        i for i in read_prose(lines, paths, skip={0, 15}, plan_year="2027") if i.kind == "task"
    ]
    assert len(items) == 2
    first, second = items
    assert "dán mã QR" in first.text
    assert first.lead == "Tổ Kinh tế - Hạ tầng"
    assert first.partners == "Quỹ tín dụng nhân dân, Ban quản lý chợ"
    assert first.deadline == "hết tháng 8/2027"
    assert second.lead == "Ban Văn phòng xã" and second.deadline == ""


def test_field_lines_answer_lead_partner_and_missing_deadline(tmp_path: Path) -> None:
    answers = _answerer(tmp_path, FIELD_LINES)
    who = answers.answer("Ở xã Thử ai chủ trì dán mã QR ở chợ đầu mối, ai phối hợp?", ["Thử"])
    assert who is not None
    assert "Tổ Kinh tế - Hạ tầng" in who.text and "Quỹ tín dụng nhân dân" in who.text
    when = answers.answer("Xã Thử đăng lịch tiếp dân lên trang tin khi nào xong?", ["Thử"])
    assert when is not None and "không nêu thời hạn" in when.text


def test_deadline_after_the_labels_without_a_label() -> None:
    task = read_task(
        "Lập bản đồ số các tuyến đê. Chủ trì: Ban Thủy lợi xã; phối hợp: Hội Nông dân. "
        "Hoàn thành trước 20/5/2027."
    )
    assert task is not None
    assert task["lead"] == "Ban Thủy lợi xã"
    assert task["deadline"] == "Hoàn thành trước 20/5/2027"
