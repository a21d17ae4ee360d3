"""Shares a plan states twice when one statement cites its source document ("theo Nghị quyết
số 9/NQ-HĐND") or numbers its list item ("b)"), and when one sentence states a progression
("từ 55% năm 2026 lên 70% năm 2027")."""

from __future__ import annotations

from rag.tables.parse import PlanParser
from rag.tables.statements import plan_statement_conflicts

SOURCE = """KẾ HOẠCH SỐ HÓA XÃ BÃI CHÁY THƯỢNG NĂM 2027

Điều 1. Mục tiêu năm 2027
   1. Về chính quyền số:
      b) Tỷ lệ hồ sơ đăng ký kinh doanh hộ cá thể nộp qua mạng đạt 58%.
      c) 100% thôn có điểm phát wifi công cộng.

Điều 4. Tổ chức thực hiện
   2. Chỉ tiêu hồ sơ đăng ký kinh doanh nộp qua mạng theo Nghị quyết số 9/NQ-HĐND là 52% (năm 2027).
"""

PROGRESSION = """KẾ HOẠCH SỐ HÓA XÃ BÃI CHÁY THƯỢNG GIAI ĐOẠN 2026 - 2028

I. KẾT QUẢ

Trong năm 2026, tỷ lệ hộ kinh doanh nhận thanh toán bằng mã QR trên địa bàn xã đạt 49,5%.

II. MỤC TIÊU

Về kinh tế số: nâng tỷ lệ hộ kinh doanh nhận thanh toán bằng mã QR từ 51% năm 2026 lên 70% năm 2027 và 85% năm 2028.
"""


def _conflicts(text: str, title: str) -> list[tuple]:
    doc = PlanParser().parse(text, "x", "Bãi Cháy Thượng", title)
    return plan_statement_conflicts(text, doc.sections, doc.records, title, doc.plan_year)


def test_a_share_citing_its_source_document_is_the_same_indicator() -> None:
    found = _conflicts(SOURCE, "Kế hoạch số hóa xã Bãi Cháy Thượng năm 2027")
    assert [(a.year, sorted((a.value, b.value))) for a, b, _ in found] == [("2027", ["52%", "58%"])]


def test_each_share_of_a_progression_is_stated_for_its_own_year() -> None:
    found = _conflicts(PROGRESSION, "Kế hoạch số hóa xã Bãi Cháy Thượng giai đoạn 2026 - 2028")
    assert [(a.year, sorted((a.value, b.value))) for a, b, _ in found] == [
        ("2026", ["49,5%", "51%"])
    ]


def test_a_progression_whose_years_agree_is_no_conflict() -> None:
    same = PROGRESSION.replace("49,5%", "51%")
    assert _conflicts(same, "Kế hoạch số hóa xã Bãi Cháy Thượng giai đoạn 2026 - 2028") == []
