"""A TAB-separated task table without row numbers whose first column may be left empty (no
lead, no deadline): a line starting with a TAB is a row of its own when it names a task, and
the wrapped tail of the row above when its text runs on in lower case."""

from __future__ import annotations

from rag.understand.tables import find_tables

_PLAN = (
    "Bảng phân công\n"
    "Cơ quan chủ trì\tThời gian hoàn thành\tNhiệm vụ\tCơ quan phối hợp\n"
    "Văn phòng UBND xã\tQuý II/2027\tNâng cấp mạng nội bộ cho trụ sở\tBưu điện xã\n"
    "\t31/10/2027\tXây dựng bản đồ số các điểm du lịch\tHội Nông dân xã\n"
    "\t\tcủa các thôn ven biển\t\n"
    "Trạm Y tế xã\t\tTập huấn khai thác hồ sơ sức khỏe điện tử\t\n"
    "\t\tTổ chức ngày hội thanh toán số\tChi nhánh ngân hàng\n"
    "Phòng Kinh tế\t30/6/2027\tĐăng ký mã vùng trồng cho hộ trồng tiêu\t\n"
)


def _rows() -> list[dict[str, str]]:
    (table,) = find_tables(_PLAN)
    return [{c.role: row.cells[c.index] for c in table.columns} for row in table.rows]


def test_blank_first_cell_starts_a_new_row_and_lower_case_tail_continues() -> None:
    rows = _rows()
    assert [r["indicator"] for r in rows] == [
        "Nâng cấp mạng nội bộ cho trụ sở",
        "Xây dựng bản đồ số các điểm du lịch của các thôn ven biển",
        "Tập huấn khai thác hồ sơ sức khỏe điện tử",
        "Tổ chức ngày hội thanh toán số",
        "Đăng ký mã vùng trồng cho hộ trồng tiêu",
    ]


def test_empty_cells_stay_with_their_own_row() -> None:
    rows = _rows()
    assert rows[1]["lead"] == "" and rows[1]["deadline"] == "31/10/2027"
    assert rows[2]["lead"] == "Trạm Y tế xã" and rows[2]["deadline"] == ""
    assert rows[3]["lead"] == "" and rows[3]["deadline"] == ""
    assert rows[3]["partners"] == "Chi nhánh ngân hàng"
    assert rows[0]["lead"] == "Văn phòng UBND xã"
