"""Readers for plan layouts the bundled plans do not use: a table printed to PDF from HTML
(merged two-row headers, narrow wrapped cells), tasks written as paragraphs with their own
budget, and commune names in questions typed without diacritics."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.documents import read_pdf
from rag.pipeline.analyse import names_as_written
from rag.tables.answer import TableAnswerer
from rag.tables.build import PlanSource, build_store
from rag.understand.pdf_layout import rebuild_tables
from rag.understand.prose import read_prose, read_task
from rag.understand.tables import find_tables

PLANS = Path(__file__).resolve().parent.parent / "eval" / "plans"

LAYOUT = """II. NHIỆM VỤ
TT   Nội dung        Cơ      Cơ quan           Thời gian             Kinh phí (triệu
     nhiệm vụ      quan     phối hợp                                      đồng)
                    chủ                    Bắt        Hoàn        Tổng    NSNN       Xã
                     trì                   đầu        thành                         hội
                                                                                    hóa

1    Lắp đặt      Phòng     Viettel      03/2026   09/2026       1.200    0        1.200
     03 trạm      Văn       Đắk Lắk
     phát sóng    hóa -
                  Xã hội
2    Nâng cấp     Công      Phòng        04/2026   30/11/2026    480      360      120
     camera       an xã     Kinh tế
3    Kiểm tra     Văn       Công an                              25       25       0
     an toàn      phòng     xã
     thông tin    UBND xã
Tổng cộng                                                        1.705    385      1.320

III. TỔ CHỨC THỰC HIỆN"""

PLAIN = """II. NHIỆM VỤ
TT Nội dung
nhiệm vụ
Cơ
quan
chủ
trì
Cơ quan
phối hợp
Thời gian Kinh phí (triệu
đồng)
Bắt
đầu
Hoàn
thành
Tổng NSNN Xã
hội
hóa
1 Lắp đặt
03 trạm
phát sóng
Phòng
Văn
hóa -
Xã hội
Viettel
Đắk Lắk
03/2026 09/2026 1.200 0 1.200
2 Nâng cấp
camera
Công
an xã
Phòng
Kinh tế
04/2026 30/11/2026 480 360 120
3 Kiểm tra
an toàn
thông tin
Văn
phòng
UBND xã
Công an
xã
25 25 0
Tổng cộng 1.705 385 1.320
III. TỔ CHỨC THỰC HIỆN"""


def test_merged_header_table_printed_to_pdf_is_read_by_column() -> None:
    text = rebuild_tables(PLAIN, LAYOUT)
    assert text.startswith("II. NHIỆM VỤ\n| TT |")
    assert text.endswith("III. TỔ CHỨC THỰC HIỆN")
    (table,) = find_tables(text)
    roles = {c.header: c.role for c in table.columns}
    assert roles["Cơ quan chủ trì"] == "lead"
    assert roles["Cơ quan phối hợp"] == "partners"
    assert roles["Thời gian Bắt đầu"] == "start"
    assert roles["Thời gian Hoàn thành"] == "deadline"
    assert roles["Kinh phí (triệu đồng) Tổng"] == "budget"
    assert roles["Kinh phí (triệu đồng) Xã hội hóa"] == "budget_part"
    assert [r.no for r in table.rows] == ["1", "2", "3"]
    first = table.rows[0]
    assert table.cell(first, "lead") == "Phòng Văn hóa - Xã hội"
    assert table.cell(first, "indicator") == "Lắp đặt 03 trạm phát sóng"
    assert table.cell(first, "deadline") == "09/2026"
    assert table.cell(table.rows[2], "deadline") == ""  # the plan sets no deadline
    assert table.cell(table.total, "budget") == "1.705"


def test_text_layer_is_kept_when_the_layout_has_no_numbered_table() -> None:
    assert rebuild_tables(PLAIN, "TT là viết tắt\nkhông phải bảng") == PLAIN


@pytest.mark.slow
def test_pdf_printed_from_html_reads_its_tables() -> None:
    text = read_pdf(PLANS / "hoa-thang-nam-kh83-2026.pdf")
    tables = find_tables(text)
    tasks = next(t for t in tables if t.index("lead") is not None)
    assert len(tasks.rows) == 8
    assert tasks.cell(tasks.total, "budget") == "2.930"


def test_task_paragraph_with_budget_is_a_task_and_a_budget_line_not_the_plan_total() -> None:
    lines = [
        "PHẦN II. NHIỆM VỤ",
        "",
        "Xây dựng hệ thống wifi công cộng miễn phí tại 5 điểm của xã. Nhiệm vụ này giao Phòng "
        "Văn hóa - Xã hội chủ trì, phối hợp với VNPT tỉnh, hoàn thành trong Quý III/2026. Tổng "
        "kinh phí dự kiến 350 triệu đồng, trong đó ngân sách xã 150 triệu đồng.",
        "",
        "PHẦN III. KINH PHÍ",
        "",
        "Tổng kinh phí dự kiến thực hiện Kế hoạch là 1,2 tỷ đồng, trong đó ngân sách xã 800 "
        "triệu đồng, nguồn xã hội hóa 400 triệu đồng.",
    ]
    paths = ["PHẦN II. NHIỆM VỤ"] * 4 + ["PHẦN III. KINH PHÍ"] * 3
    items = read_prose(lines, paths, skip={0, 4}, plan_year="2026")
    task = next(i for i in items if i.kind == "task")
    assert task.lead == "Phòng Văn hóa - Xã hội"
    assert "Quý III/2026" in task.deadline
    totals = [i for i in items if i.kind == "budget_total"]
    assert [t.amount_raw for t in totals] == ["1,2"]
    line = next(i for i in items if i.kind == "budget" and i.text == task.text)
    assert line.amount_raw == "350"


def test_commune_name_gets_its_written_form_back_after_restoration() -> None:
    communes = ["Tân Phước Lộc", "Phước Lộc"]
    text = names_as_written("tân phuoc loc số hóa hồ sơ xong khi nào", communes)
    assert text.startswith("Tân Phước Lộc số hóa")
    assert names_as_written("phước lộc ở đâu", communes) == "Phước Lộc ở đâu"


@pytest.mark.parametrize(
    ("sentence", "lead", "partners", "deadline"),
    [
        (
            "Xây dựng kho dữ liệu dùng chung của xã. Đơn vị chủ trì: Văn phòng HĐND và UBND xã; "
            "đơn vị phối hợp: Công an xã; thời gian hoàn thành: Quý IV/2026.",
            "Văn phòng HĐND và UBND xã",
            "Công an xã",
            "Quý IV/2026",
        ),
        (
            "Triển khai sổ sức khỏe điện tử trên VNeID. Trạm Y tế xã chủ trì, phối hợp với Công "
            "an xã, thực hiện trong năm 2026-2027.",
            "Trạm Y tế xã",
            "Công an xã",
            "thực hiện trong năm 2026-2027",
        ),
        (
            "Làm sạch dữ liệu dân cư. Giao Công an xã chủ trì, phối hợp với Trạm Y tế xã, hoàn "
            "thành Quý II/2026.",
            "Công an xã",
            "Trạm Y tế xã",
            "hoàn thành Quý II/2026",
        ),
    ],
)
def test_task_sentences_in_other_wordings(
    sentence: str, lead: str, partners: str, deadline: str
) -> None:
    task = read_task(sentence)
    assert task is not None
    assert (task["lead"], task["partners"], task["deadline"]) == (lead, partners, deadline)


HTML_TWO_ROW_HEADER = """<table>
<tr><th rowspan="2">TT</th><th rowspan="2">Nội dung nhiệm vụ</th><th rowspan="2">Cơ quan chủ trì</th>
<th colspan="2">Thời gian</th><th colspan="3">Kinh phí (triệu đồng)</th></tr>
<tr><th>Bắt đầu</th><th>Hoàn thành</th><th>Tổng</th><th>NSNN</th><th>Xã hội hóa</th></tr>
<tr><td>1</td><td>Lắp đặt trạm phát sóng</td><td>Phòng Kinh tế</td><td>03/2026</td><td>09/2026</td>
<td>1.200</td><td>0</td><td>1.200</td></tr>
<tr><td>2</td><td>Nâng cấp camera an ninh</td><td>Công an xã</td><td>04/2026</td><td></td>
<td>480</td><td>360</td><td>120</td></tr>
<tr><td colspan="5"><b>Tổng cộng</b></td><td>1.680</td><td>360</td><td>1.320</td></tr>
</table>"""

PIPE_TWO_ROW_HEADER = """| TT | Nội dung nhiệm vụ | Đơn vị thực hiện | | Thời hạn | Kinh phí | | |
|---|---|---|---|---|---|---|---|
| | | Chủ trì | Phối hợp | | Tổng | NSNN | Khác |
| 1 | Lắp đặt trạm phát sóng | Phòng Kinh tế | Viettel | 9/2026 | 100 | 50 | 50 |
| 2 | Nâng cấp camera an ninh | Công an xã | Thôn | | 200 | 200 | 0 |"""


def test_html_table_with_rowspan_and_colspan_header_keeps_columns_in_place() -> None:
    (table,) = find_tables(HTML_TWO_ROW_HEADER)
    assert [c.role for c in table.columns] == [
        "no",
        "indicator",
        "lead",
        "start",
        "deadline",
        "budget",
        "budget_part",
        "budget_part",
    ]
    assert table.name("budget_part") == "Kinh phí (triệu đồng) NSNN"
    assert table.cell(table.rows[1], "deadline") == ""
    assert table.cell(table.rows[1], "budget") == "480"
    assert table.cell(table.total, "budget") == "1.680"


def test_pipe_table_second_header_row_names_the_columns_under_a_spanning_header() -> None:
    (table,) = find_tables(PIPE_TWO_ROW_HEADER)
    assert table.name("lead") == "Đơn vị thực hiện Chủ trì"
    assert table.name("partners") == "Đơn vị thực hiện Phối hợp"
    assert table.name("budget") == "Kinh phí Tổng"
    assert [r.no for r in table.rows] == ["1", "2"]
    assert table.cell(table.rows[0], "partners") == "Viettel"


PROSE_PLAN = """KẾ HOẠCH
Chuyển đổi số năm 2026

PHẦN II. NHIỆM VỤ NĂM 2026

Mục 1. Hạ tầng số

Xây dựng hệ thống wifi công cộng miễn phí tại 5 điểm của xã. Nhiệm vụ này giao Phòng Văn hóa - Xã hội chủ trì, phối hợp với VNPT tỉnh, hoàn thành trong Quý III/2026. Tổng kinh phí dự kiến 350 triệu đồng, trong đó ngân sách xã 150 triệu đồng.

Số hóa toàn bộ hồ sơ đất đai lưu trữ tại xã giai đoạn 2000-2020. Văn phòng HĐND và UBND xã chủ trì, phối hợp với Phòng Kinh tế thực hiện, hoàn thành trước ngày 30/6/2026. Kinh phí 420 triệu đồng từ ngân sách tỉnh hỗ trợ.

Xây dựng mô hình chợ 4.0 tại chợ trung tâm, thanh toán bằng mã QR. Hội Liên hiệp Phụ nữ xã chủ trì, phối hợp với Ban quản lý chợ.

PHẦN III. KINH PHÍ

Tổng kinh phí dự kiến thực hiện Kế hoạch là 1,2 tỷ đồng, trong đó ngân sách xã 800 triệu đồng, nguồn xã hội hóa 400 triệu đồng.
"""


def _answerer(tmp_path: Path, text: str) -> TableAnswerer:
    build_store([PlanSource("x", "Kế hoạch năm 2026", "Thử", "", text)], tmp_path / "t.sqlite")
    return TableAnswerer(tmp_path / "t.sqlite")


def test_prose_plan_records_answer_total_count_source_and_missing_deadline(tmp_path: Path) -> None:
    answers = _answerer(tmp_path, PROSE_PLAN)
    total = answers.answer("Tổng kinh phí thực hiện kế hoạch của xã Thử là bao nhiêu?", ["Thử"])
    assert total is not None and "1,2 tỷ" in total.text
    count = answers.answer("Kế hoạch của xã Thử có bao nhiêu nhiệm vụ?", ["Thử"])
    assert count is not None and "3 nhiệm vụ" in count.text
    source = answers.answer("Số hóa hồ sơ đất đai ở xã Thử kinh phí lấy từ nguồn nào?", ["Thử"])
    assert source is not None and "ngân sách tỉnh" in source.text and "420" in source.text
    none = answers.answer("Mô hình chợ 4.0 của xã Thử phải hoàn thành khi nào?", ["Thử"])
    assert none is not None and "không nêu thời hạn" in none.text


def test_budget_columns_under_a_merged_header_answer_a_source_question(tmp_path: Path) -> None:
    answers = _answerer(tmp_path, "III. NHIỆM VỤ\n\n" + HTML_TWO_ROW_HEADER)
    found = answers.answer(
        "Nâng cấp camera an ninh của xã Thử dùng bao nhiêu vốn ngân sách nhà nước?", ["Thử"]
    )
    assert found is not None
    assert "480" in found.text and "NSNN: 360" in found.text
