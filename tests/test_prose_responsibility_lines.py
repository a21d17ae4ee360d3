"""Tasks written as a numbered title, a description and full-sentence field lines in any order
("Trách nhiệm: A chủ trì; B phối hợp." / "Thời gian: …" / "Kinh phí: …"): the field lines join
the task, so its records carry the lead, the partners, the deadline and the budget — and a
task whose plan says no lead was assigned has none."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.documents import load_document
from rag.tables.answer import TableAnswerer
from rag.tables.build import PlanSource, build_store
from rag.understand.prose import read_prose

TASKS = """1. Số hóa bản đồ địa chính.
Quét toàn bộ bản đồ địa chính giấy của xã và cập nhật vào cơ sở dữ liệu đất đai dùng chung.
Thời gian: việc quét bản đồ hoàn tất trước ngày 15/8/2027.
Trách nhiệm: Ban Địa chính xã chủ trì; Hội Cựu chiến binh xã phối hợp rà soát mốc giới.
Kinh phí: 200 triệu đồng, trong đó ngân sách huyện cấp 150 triệu đồng, ngân sách xã 50 triệu đồng.
2. Loa truyền thanh thông minh.
Thay 12 cụm loa có dây bằng loa truyền thanh ứng dụng công nghệ thông tin tại các thôn.
Kinh phí: 300 triệu đồng từ nguồn xã hội hóa.
Trách nhiệm: Đài Truyền thanh xã chủ trì, phối hợp với Trưởng các thôn.
3. Thư viện số trường học.
Số hóa sách giáo khoa và tài liệu tham khảo cho học sinh hai trường trên địa bàn.
Phân công: Kế hoạch chưa phân công đơn vị chủ trì; Trường Mầm non xã và Thư viện huyện phối hợp lập danh mục sách.
Thời gian: trong quý IV/2027.
"""

HEAD = "KẾ HOẠCH\nChuyển đổi số xã Hòa Lạc năm 2027\n"
TAIL = "Các đơn vị báo cáo kết quả về Văn phòng xã trước ngày 10/12/2027.\n"
PLAN_TXT = f"{HEAD}\nI. CÁC NHIỆM VỤ TRỌNG TÂM\n{TASKS}\nII. TỔ CHỨC THỰC HIỆN\n{TAIL}"
# The same tasks in Markdown: headings, bold labels, the title and description on one line.
PLAN_MD = (
    f"# {HEAD}\n## I. CÁC NHIỆM VỤ TRỌNG TÂM\n\n"
    + TASKS.replace(".\nQuét", ". Quét")
    .replace(".\nThay", ". Thay")
    .replace(".\nSố hóa sách", ". Số hóa sách")
    .replace("Trách nhiệm:", "**Trách nhiệm:**")
    .replace("Thời gian:", "**Thời gian:**")
    + f"\n## II. TỔ CHỨC THỰC HIỆN\n\n{TAIL}"
)


def _tasks() -> list:
    lines = TASKS.split("\n")
    items = read_prose(lines, ["I. NHIỆM VỤ"] * len(lines), set(), plan_year="2027")
    return items


def test_field_lines_in_any_order_make_one_task_each() -> None:
    items = _tasks()
    tasks = [i for i in items if i.kind == "task"]
    assert len(tasks) == 3
    maps, speakers, library = tasks
    assert maps.text.startswith("Số hóa bản đồ địa chính. Quét toàn bộ")
    assert maps.lead == "Ban Địa chính xã"
    assert maps.partners == "Hội Cựu chiến binh xã"
    assert "15/8/2027" in maps.deadline
    assert speakers.lead == "Đài Truyền thanh xã"
    assert speakers.partners == "Trưởng các thôn"
    assert speakers.deadline == ""
    # "Kế hoạch chưa phân công đơn vị chủ trì": the plan names no lead, only partners
    assert library.lead == ""
    assert library.partners == "Trường Mầm non xã và Thư viện huyện"
    assert library.deadline == "trong quý IV/2027"
    budgets = {i.amount for i in items if i.kind == "budget"}
    assert budgets == {200.0, 300.0}


def _answerer(tmp_path: Path, name: str, text: str) -> TableAnswerer:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    doc = load_document(path, {"commune": "Hòa Lạc"})
    source = PlanSource(doc.doc_id, doc.title, "Hòa Lạc", "", doc.text)
    build_store([source], tmp_path / "t.sqlite")
    return TableAnswerer(tmp_path / "t.sqlite")


@pytest.mark.parametrize(("name", "text"), [("hoa-lac.txt", PLAN_TXT), ("hoa-lac.md", PLAN_MD)])
def test_field_lines_answer_lead_deadline_and_budget(tmp_path: Path, name: str, text: str) -> None:
    answers = _answerer(tmp_path, name, text)
    who = answers.answer("Xã Hòa Lạc số hóa bản đồ địa chính ai chủ trì, ai phối hợp?", ["Hòa Lạc"])
    assert who is not None
    assert "Ban Địa chính xã" in who.text and "Hội Cựu chiến binh xã" in who.text
    when = answers.answer("xa hoa lac thu vien so truong hoc khi nao xong", ["Hòa Lạc"])
    assert when is not None and "quý IV/2027" in when.text
    cost = answers.answer("Số hóa bản đồ địa chính ở Hòa Lạc tốn bao nhiêu tiền?", ["Hòa Lạc"])
    assert cost is not None and "200 triệu" in cost.text and "150 triệu" in cost.text
    lead = answers.answer("Ai chủ trì thư viện số trường học ở xã Hòa Lạc?", ["Hòa Lạc"])
    assert lead is not None
    assert "không nêu đơn vị chủ trì" in lead.text and "Trường Mầm non xã" in lead.text
    assert "Kế hoạch chưa" not in lead.text  # the "no lead" wording is not read as a lead
