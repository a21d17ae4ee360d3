"""Who leads, who partners and by when, in layouts the plan reader met late: a table pasted as
";"-separated text, task items wrapped over two lines, tasks that name partners only, tasks
assigned by reference with partners given per point, and a roman quarter in a scan. A task
whose place for the lead (or the deadline) is empty is answered "the plan does not state it"."""

from __future__ import annotations

from pathlib import Path

from rag.chunking import heading_level
from rag.scan.numbers import check_numbers
from rag.tables.answer import TableAnswerer
from rag.tables.build import PlanSource, build_store
from rag.tables.parse import PlanParser
from rag.understand.prose import read_task
from rag.understand.tables import find_tables

COMMUNE = "Thử"


def _answerer(tmp_path: Path, text: str) -> TableAnswerer:
    build_store([PlanSource("x", "Kế hoạch năm 2027", COMMUNE, "", text)], tmp_path / "t.sqlite")
    return TableAnswerer(tmp_path / "t.sqlite")


def _tasks(text: str) -> dict[str, object]:
    doc = PlanParser().parse(text, "x", COMMUNE, "Kế hoạch năm 2027")
    return {r.indicator: r for r in doc.records if r.kind in ("task", "budget")}


# ---------------------------------------------------------------- ";"-separated table
DELIMITED = """KẾ HOẠCH
Ứng dụng công nghệ số xã Thử năm 2027

2. NHIỆM VỤ
Bảng dưới đây chép từ sổ theo dõi (các cột cách nhau bằng dấu chấm phẩy):
TT;Nội dung nhiệm vụ;Đơn vị chủ trì;Đơn vị phối hợp;Thời hạn;Kinh phí (triệu đồng)
1;Số hóa sổ địa chính các thôn ven biển;Phòng Kinh tế xã;Văn phòng đăng ký đất đai chi 
nhánh Bến Cát;30/8/2027;210
2;Lắp đặt bảng tra cứu điện tử tại nhà văn hóa;Phòng Văn hóa - Xã hội xã;Bưu điện xã;;40
3;Mở rộng vùng phủ sóng di động tại bãi ngang;;Viettel Bến Cát, MobiFone khu vực;Quý III/2027;0
4;Tập huấn kỹ năng số cho tổ trưởng dân phố;Đoàn Thanh niên xã;Hội Cựu chiến binh xã;Tháng 
5/2027;25
3. KINH PHÍ
Tổng kinh phí: 275 triệu đồng.
"""


def test_semicolon_table_is_read_with_its_wrapped_rows() -> None:
    tables = [t for t in find_tables(DELIMITED) if t.form == "delimited"]
    assert len(tables) == 1
    table = tables[0]
    assert [c.role for c in table.columns][:5] == [
        "no",
        "indicator",
        "lead",
        "partners",
        "deadline",
    ]
    assert len(table.rows) == 4
    first = table.rows[0]
    assert table.cell(first, "partners") == "Văn phòng đăng ký đất đai chi nhánh Bến Cát"
    assert table.cell(table.rows[3], "deadline") == "Tháng 5/2027"
    assert table.cell(table.rows[2], "lead") == ""


def test_prose_with_semicolons_is_no_table() -> None:
    text = (
        "Căn cứ Luật Giao dịch điện tử; Nghị quyết số 57-NQ/TW; Kế hoạch số 5/KH-UBND.\n"
        "Mục tiêu: nhiệm vụ; chủ trì; phối hợp.\n"
    )
    assert not [t for t in find_tables(text) if t.form == "delimited"]


def test_blank_lead_cell_answers_no_lead_with_the_partners(tmp_path: Path) -> None:
    answers = _answerer(tmp_path, DELIMITED)
    got = answers.answer("xã Thử mở rộng sóng di động bãi ngang đơn vị nào chủ trì", [COMMUNE])
    assert got is not None
    assert "không nêu đơn vị chủ trì" in got.text
    assert "Viettel Bến Cát" in got.text and got.blank
    led = answers.answer("xã Thử số hóa sổ địa chính ai chủ trì", [COMMUNE])
    assert led is not None and "Phòng Kinh tế xã chủ trì" in led.text


def test_blank_deadline_cell_answers_not_stated(tmp_path: Path) -> None:
    answers = _answerer(tmp_path, DELIMITED)
    got = answers.answer("bảng tra cứu điện tử ở nhà văn hóa xã Thử có hạn không", [COMMUNE])
    assert got is not None and "không ghi thời hạn" in got.text
    dated = answers.answer("xã Thử tập huấn kỹ năng số cho tổ trưởng dân phố khi nào", [COMMUNE])
    assert dated is not None and "Tháng 5/2027" in dated.text


# ---------------------------------------------------------------- wrapped task items
WRAPPED = """KẾ HOẠCH
Ứng dụng công nghệ số xã Thử năm 2027

II. NHIỆM VỤ VÀ PHÂN CÔNG
1. Trang bị 04 máy tính bảng cho tổ một cửa lưu động. Chủ trì: Văn phòng UBND xã;
phối hợp: Phòng Tài chính xã. Thời hạn: Quý III/2027.
2. Vận động hộ kinh doanh ở chợ cá dùng mã QR. Chủ trì: Hội Liên hiệp
Phụ nữ xã; phối hợp: Quỹ tín dụng nhân dân. Thời hạn: Tháng 7/2027.
3. Xây dựng trang giới thiệu các homestay ven đầm. Phối hợp: Phòng Văn hóa - Xã hội xã,
Hội Du lịch cộng đồng. Thời hạn: Tháng 10/2027.
4. Chuyển tiền hỗ trợ hộ nghèo qua tài khoản: các đơn vị liên quan phối hợp với Bưu điện xã
và các ngân hàng thực hiện; hoàn thành trong Quý II/2027.
5. Hướng dẫn hội viên người cao tuổi dùng ví điện tử. Chủ trì: Hội Người cao tuổi xã.

III. TỔ CHỨC THỰC HIỆN
Văn phòng UBND xã theo dõi, tổng hợp.
"""


def test_fields_wrapped_onto_the_next_line_join_the_task() -> None:
    tasks = _tasks(WRAPPED)
    first = next(r for k, r in tasks.items() if "máy tính bảng" in k)
    assert first.lead_raw == "Văn phòng UBND xã"
    assert first.partners_raw == "Phòng Tài chính xã"
    assert first.deadline == "Quý III/2027"


def test_a_task_item_wrapped_after_its_label_is_no_heading() -> None:
    line = "2. Vận động hộ kinh doanh ở chợ cá dùng mã QR. Chủ trì: Hội Liên hiệp"
    assert heading_level(line, "Phụ nữ xã; phối hợp: Quỹ tín dụng nhân dân.") is None
    assert heading_level("2. Chính quyền số", "Nội dung …") == 2
    tasks = _tasks(WRAPPED)
    second = next(r for k, r in tasks.items() if "chợ cá" in k)
    assert "Phụ nữ" in second.lead_raw and second.deadline == "Tháng 7/2027"


def test_partners_only_tasks_are_read_without_a_lead() -> None:
    labelled = read_task(
        "3. Xây dựng trang giới thiệu các homestay ven đầm. Phối hợp: Phòng Văn hóa - Xã hội "
        "xã, Hội Du lịch cộng đồng. Thời hạn: Tháng 10/2027."
    )
    assert labelled == {
        "task": "Xây dựng trang giới thiệu các homestay ven đầm",
        "lead": "",
        "partners": "Phòng Văn hóa - Xã hội xã, Hội Du lịch cộng đồng",
        "deadline": "Tháng 10/2027",
    }
    written = read_task(
        "4. Chuyển tiền hỗ trợ hộ nghèo qua tài khoản: các đơn vị liên quan phối hợp với Bưu "
        "điện xã và các ngân hàng thực hiện; hoàn thành trong Quý II/2027."
    )
    assert written is not None and written["lead"] == ""
    assert written["partners"] == "Bưu điện xã và các ngân hàng"
    assert written["deadline"] == "hoàn thành trong Quý II/2027"
    # a named agency doing it with partners is not "no lead"
    assert (
        read_task("6. Công an xã phối hợp với Viettel lắp camera; hoàn thành Quý IV/2027.") is None
    )


def test_partners_only_task_answers_no_lead(tmp_path: Path) -> None:
    answers = _answerer(tmp_path, WRAPPED)
    got = answers.answer("xã Thử trang giới thiệu homestay ven đầm ai chủ trì", [COMMUNE])
    assert got is not None and "không nêu đơn vị chủ trì" in got.text
    assert "Hội Du lịch cộng đồng" in got.text
    money = answers.answer(
        "xã Thử chuyển tiền hỗ trợ hộ nghèo qua tài khoản cơ quan nào chủ trì", [COMMUNE]
    )
    assert money is not None and "không nêu đơn vị chủ trì" in money.text
    none_due = answers.answer(
        "hướng dẫn người cao tuổi dùng ví điện tử xã Thử có hạn chót không", [COMMUNE]
    )
    assert none_due is not None and "không nêu thời hạn" in none_due.text


# ---------------------------------------------------------------- assigned by reference
BY_REFERENCE = """KẾ HOẠCH
Ứng dụng công nghệ số xã Thử năm 2027

II. NHIỆM VỤ
1. Cập nhật dữ liệu hộ tịch vào phần mềm dùng chung; hoàn thành trước ngày 30/6/2027.
2. Lập bản đồ số các vườn cam sành; hoàn thành trong tháng 9/2027.
3. Hỗ trợ hộ nghèo mở tài khoản nhận trợ cấp.
4. Tổ chức ngày hội kỹ năng số tại các thôn.
5. Thuê dịch vụ sao lưu dữ liệu cho UBND xã; hoàn thành trong Quý IV/2027.

III. TỔ CHỨC THỰC HIỆN
1. Giao Văn phòng UBND xã chủ trì thực hiện nhiệm vụ tại điểm 1 và 5 mục II; phối hợp với Công an xã thực hiện nhiệm vụ tại điểm 1.
2. Giao Phòng Kinh tế chủ trì thực hiện nhiệm vụ tại điểm 2 và 3 mục II. Khi thực hiện điểm 2, phối hợp với Hội Làm vườn xã; khi thực hiện điểm 3, phối hợp với Quỹ tín dụng nhân dân và Bưu điện xã.
3. Đề nghị Hội Nông dân xã và Đoàn Thanh niên xã phối hợp thực hiện nhiệm vụ tại điểm 4 mục II.
"""


def test_partners_given_per_point_go_to_that_point_only() -> None:
    doc = PlanParser().parse(BY_REFERENCE, "x", COMMUNE, "Kế hoạch năm 2027")
    tasks = {r.row_no: r for r in doc.records if r.kind == "task"}
    assert set(tasks) == {"1", "2", "3", "4", "5"}
    assert tasks["1"].partners_raw == "Công an xã" and tasks["5"].partners == []
    assert tasks["2"].partners_raw == "Hội Làm vườn xã"
    assert tasks["3"].lead == "Phòng Kinh tế"
    assert tasks["3"].partners_raw == "Quỹ tín dụng nhân dân và Bưu điện xã"
    assert tasks["4"].lead == "" and "Hội Nông dân xã" in tasks["4"].partners_raw


def test_point_with_partners_only_answers_no_lead_and_no_deadline(tmp_path: Path) -> None:
    answers = _answerer(tmp_path, BY_REFERENCE)
    who = answers.answer("ngày hội kỹ năng số ở xã Thử cơ quan nào chủ trì", [COMMUNE])
    assert who is not None and "không nêu đơn vị chủ trì" in who.text
    assert "Đoàn Thanh niên xã" in who.text
    when = answers.answer("ngày hội kỹ năng số xã Thử bao giờ xong", [COMMUNE])
    assert when is not None and "không nêu thời hạn" in when.text
    partners = answers.answer(
        "xã Thử hỗ trợ hộ nghèo mở tài khoản phối hợp với những ai", [COMMUNE]
    )
    assert partners is not None and "Quỹ tín dụng nhân dân" in partners.text


# ---------------------------------------------------------------- scans and question forms
def test_roman_quarter_after_quy_is_not_read_as_a_number() -> None:
    assert check_numbers("II/2027.", before="Quý").text == "II/2027."
    assert check_numbers("Quý I/2027").text == "Quý I/2027"
    assert check_numbers("l0/2O27", before="tháng").text == "10/2027"  # still repaired


def test_co_han_khong_asks_a_deadline_but_han_che_does_not(tmp_path: Path) -> None:
    answers = _answerer(tmp_path, DELIMITED)
    got = answers.answer("xã Thử số hóa sổ địa chính có hạn không", [COMMUNE])
    assert got is not None and "30/8/2027" in got.text
    limits = answers.answer("xã Thử số hóa sổ địa chính có hạn chế gì", [COMMUNE])
    assert limits is None or "30/8/2027" not in limits.text


# ---------------------------------------------------------------- rows grouped by a first column
GROUPED = """KẾ HOẠCH
Ứng dụng công nghệ số xã Thử năm 2027

III. NHIỆM VỤ
| Nhóm | Cơ quan chủ trì | Cơ quan phối hợp | Nhiệm vụ | Thời hạn | Kinh phí (triệu đồng) |
|---|---|---|---|---|---|
| 1. Dữ liệu số | Công an xã | Trưởng các thôn | Làm sạch dữ liệu cư trú của các hộ tạm vắng | 30/6/2027 | 30 |
|  | Phòng Văn hóa - Xã hội | Trạm Y tế xã | Hướng dẫn người dân tra cứu lịch tiêm chủng trên điện thoại | — | 15 |
|  | Phòng Kinh tế | Hợp tác xã | Đưa sản phẩm nước mắm của xã lên sàn thương mại | Tháng | 40 |
|  | Phòng Kinh tế |  | điện tử | 9/2027 |  |
| 2. Hạ tầng | Phòng Kinh tế | Viettel | Lắp đặt wifi miễn phí tại chợ | Quý IV/2027 | 60 |
| số |  |  |  |  |  |
"""


def test_rows_under_a_group_cell_are_rows_of_their_own() -> None:
    table = next(t for t in find_tables(GROUPED) if t.index("lead") is not None)
    names = [table.cell(r, "indicator") for r in table.rows]
    assert names == [
        "Làm sạch dữ liệu cư trú của các hộ tạm vắng",
        "Hướng dẫn người dân tra cứu lịch tiêm chủng trên điện thoại",
        "Đưa sản phẩm nước mắm của xã lên sàn thương mại điện tử",
        "Lắp đặt wifi miễn phí tại chợ",
    ]
    third = table.rows[2]
    assert table.cell(third, "lead") == "Phòng Kinh tế"  # the repeated merged cell once
    assert table.cell(third, "deadline") == "Tháng 9/2027"


def test_dash_in_the_deadline_cell_means_no_deadline(tmp_path: Path) -> None:
    answers = _answerer(tmp_path, GROUPED)
    got = answers.answer("xã Thử hướng dẫn tra cứu lịch tiêm chủng có hạn chót không", [COMMUNE])
    assert got is not None and "không ghi thời hạn" in got.text


# ---------------------------------------------------------------- money by source
SOURCES = """KẾ HOẠCH
Ứng dụng công nghệ số xã Thử năm 2027

II. NHIỆM VỤ
1. Lắp đặt loa truyền thanh thông minh tại 8 thôn; Phòng Văn hóa - Xã hội chủ trì.
2. Số hóa sổ hộ tịch các năm 2000 - 2010; Văn phòng UBND xã chủ trì.

III. KINH PHÍ
- Nhiệm vụ tại điểm 1: 300 triệu đồng;
- Nhiệm vụ tại điểm 2: 120 triệu đồng.
Tổng kinh phí: 420 triệu đồng.
Nguồn kinh phí: ngân sách xã 170 triệu đồng; vốn sự nghiệp của tỉnh hỗ trợ 250 triệu đồng.
"""


def test_sources_sentence_answers_where_the_money_comes_from(tmp_path: Path) -> None:
    answers = _answerer(tmp_path, SOURCES)
    got = answers.answer("kinh phí kế hoạch xã Thử lấy từ đâu", [COMMUNE])
    assert got is not None
    assert "ngân sách xã 170 triệu đồng" in got.text
    assert "vốn sự nghiệp của tỉnh hỗ trợ 250 triệu đồng" in got.text
    total = answers.answer("tổng kinh phí kế hoạch xã Thử", [COMMUNE])
    assert total is not None and "420" in total.text and "lệch" not in total.text
