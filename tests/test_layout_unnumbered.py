"""PDF tables without a row-number column, rebuilt from the page layout: the lead agency first,
a lead cell merged over several rows, full-width group rows, wrapped cells
(rag.understand.pdf_layout.rebuild_tables)."""

from __future__ import annotations

from rag.tables.parse import PlanParser
from rag.understand.pdf_layout import may_have_tables, rebuild_tables


def _line(*cells: tuple[int, str]) -> str:
    out = ""
    for x, text in cells:
        out = out.ljust(x) + text
    return out


LAYOUT = "\n".join(
    [
        "B. PHÂN CÔNG",
        "",
        _line(
            (2, "Đơn vị chủ trì"),
            (24, "Đơn vị phối hợp"),
            (48, "Nội dung công việc"),
            (90, "Thời hạn"),
        ),  # fmt: skip
        _line((90, "hoàn thành")),
        "",
        "Nhóm A. Du lịch số",
        _line(
            (0, "Phòng Văn hóa -"),
            (24, "Công ty Lữ hành"),
            (48, "Dựng tour thực tế ảo"),
            (90, "30/5/2027"),
        ),  # fmt: skip
        _line((0, "Thông tin"), (24, "Sao Mai"), (48, "đồi chè Tân Cương")),
        _line((24, "Ban quản lý di tích"), (48, "Gắn mã QR thuyết minh"), (90, "Quý III/2027")),
        "Nhóm B. Nông nghiệp số",
        "",
        _line(
            (1, "Hội Nông dân"),
            (25, "Bưu điện xã"),
            (50, "Mở gian hàng chè trực tuyến"),
            (92, "31/12/2027"),
        ),  # fmt: skip
        "",
        "C. KINH PHÍ",
        "Tổng kinh phí thực hiện kế hoạch là 900 triệu đồng từ ngân sách xã và các nguồn khác.",
    ]
)

PLAIN = "\n".join(
    [
        "B. PHÂN CÔNG",
        "Đơn vị chủ trì Đơn vị phối hợp Nội dung công việc Thời hạn",
        "hoàn thành",
        "Nhóm A. Du lịch số",
        "Phòng Văn hóa -",
        "Thông tin",
        "Công ty Lữ hành",
        "Sao Mai",
        "Dựng tour thực tế ảo đồi chè Tân Cương 30/5/2027",
        "Ban quản lý di tích Gắn mã QR thuyết minh Quý III/2027",
        "Nhóm B. Nông nghiệp số",
        "Hội Nông dân Bưu điện xã Mở gian hàng chè trực tuyến 31/12/2027",
        "C. KINH PHÍ",
        "Tổng kinh phí thực hiện kế hoạch là 900 triệu đồng từ ngân sách xã và các nguồn khác.",
    ]
)


def test_plain_text_with_a_role_header_may_hold_a_table() -> None:
    assert may_have_tables(PLAIN)
    assert not may_have_tables("Kế hoạch năm 2027\nPhấn đấu 80% hồ sơ trực tuyến.")


def test_lead_first_table_is_rebuilt_with_merged_leads_and_groups() -> None:
    text = rebuild_tables(PLAIN, LAYOUT)
    assert "| Đơn vị chủ trì | Đơn vị phối hợp | Nội dung công việc | Thời hạn hoàn thành |" in text
    assert "| **Nhóm A. Du lịch số** |" in text
    rows = [ln for ln in text.split("\n") if ln.startswith("| ") and "**" not in ln]
    assert (
        "| Phòng Văn hóa - Thông tin | Công ty Lữ hành Sao Mai "
        "| Dựng tour thực tế ảo đồi chè Tân Cương | 30/5/2027 |" in rows
    )
    # the lead cell merged over two rows is repeated on the second
    assert "| Phòng Văn hóa - Thông tin | Ban quản lý di tích | Gắn mã QR thuyết minh " in text
    assert "C. KINH PHÍ" in text and "Tổng kinh phí thực hiện" in text  # the text after stays


def test_rebuilt_rows_read_as_tasks_with_their_lead() -> None:
    text = rebuild_tables(PLAIN, LAYOUT)
    doc = PlanParser().parse(text, "tan-cuong", "Tân Cương", "Kế hoạch năm 2027")
    tasks = {r.indicator: r for r in doc.records if r.kind == "task"}
    qr = tasks["Gắn mã QR thuyết minh"]
    assert "Văn hóa" in qr.lead and qr.deadline == "Quý III/2027"
    assert tasks["Mở gian hàng chè trực tuyến"].group.startswith("Nhóm B")
