"""Agency matrices whose columns are headed by codes ("TC", "YT") that a legend line of the
plan spells out, written as pipe rows with or without outer bars."""

from __future__ import annotations

from rag.tables.parse import PlanParser
from rag.understand.legend import legend_codes

BARE = """KẾ HOẠCH
Phát triển dịch vụ số xã Hòa Sơn Hạ năm 2028
III. BẢNG PHÂN CÔNG
Quy ước: C = chủ trì; P = phối hợp.
Cột đơn vị: TC = Phòng Tài chính - Kế hoạch; YT: Trạm Y tế xã, HND - Hội Nông dân xã.
STT | Công việc                                  | TC | YT | HND | Hạn hoàn thành
1   | Cấp bệnh án điện tử cho người dân          | P  | C  |     | 30/11/2028
2   | Lập quỹ hỗ trợ sàn nông sản số             | C  |    | P   |
3   | Mở lớp kỹ năng số cho hội viên             |    | P  | P   | Quý II/2028
IV. TỔ CHỨC THỰC HIỆN
Các đơn vị triển khai đúng tiến độ.
"""

PARENS = BARE.replace(
    "Cột đơn vị: TC = Phòng Tài chính - Kế hoạch; YT: Trạm Y tế xã, HND - Hội Nông dân xã.",
    "Ghi chú: TC (Phòng Tài chính - Kế hoạch); YT (Trạm Y tế xã); HND (Hội Nông dân xã).",
)


def _tasks(plan: str) -> dict[str, tuple[str, list[str], str]]:
    recs = PlanParser().parse(plan, "x", "Hòa Sơn Hạ", "Kế hoạch năm 2028").records
    return {r.row_no: (r.lead, r.partners, r.deadline) for r in recs if r.kind == "task"}


def test_legend_pairs_in_three_forms_are_read() -> None:
    codes = legend_codes("TC = Phòng Tài chính; YT: Trạm Y tế xã, HND - Hội Nông dân xã.")
    assert codes == {"TC": "Phòng Tài chính", "YT": "Trạm Y tế xã", "HND": "Hội Nông dân xã"}
    assert legend_codes("đơn vị QLDA (Ban Quản lý dự án xã)")["QLDA"] == "Ban Quản lý dự án xã"


def test_coded_columns_of_a_bare_pipe_matrix_give_full_agency_names() -> None:
    tasks = _tasks(BARE)
    assert tasks["1"] == ("Trạm Y tế xã", ["Phòng Tài chính - Kế hoạch"], "30/11/2028")
    assert tasks["2"] == ("Phòng Tài chính - Kế hoạch", ["Hội Nông dân xã"], "")
    assert tasks["3"][0] == "" and tasks["3"][1] == ["Trạm Y tế xã", "Hội Nông dân xã"]


def test_codes_explained_in_brackets_are_expanded_too() -> None:
    assert _tasks(PARENS)["1"][0] == "Trạm Y tế xã"


def test_two_lines_with_bars_are_not_a_table() -> None:
    plan = BARE.replace(
        "3   | Mở lớp kỹ năng số cho hội viên             |    | P  | P   | Quý II/2028\n", ""
    )
    plan = plan.replace("2   | Lập quỹ hỗ trợ sàn nông sản số             | C  |    | P   |\n", "")
    assert _tasks(plan) == {}
