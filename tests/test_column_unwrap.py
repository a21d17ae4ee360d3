"""unwrap_columns: the text layer of a PDF printed in narrow columns, re-joined into paragraphs."""

from __future__ import annotations

from rag.understand.hardwrap import unwrap_columns

COLUMN = """KẾ HOẠCH
Số hóa thư viện và nhà văn hóa các ấp
I. KẾT QUẢ NĂM 2025
Năm 2025, xã đã số hóa được 1.340 đầu
sách của thư viện xã; 9/15 ấp có điểm
truy cập Internet công cộng miễn phí và
các nhà văn hóa đã có máy chiếu.
II. MỤC TIÊU
(1) Tỷ lệ đầu sách được số hóa đạt 80%
vào cuối năm 2026.
(2) Có 15/15 ấp có điểm truy cập Internet
công cộng miễn phí năm 2027.
III. NHIỆM VỤ
Nhiệm vụ 2. Điểm truy cập Internet cho
các ấp vùng sâu
Lắp đặt bộ phát sóng và màn hình tra cứu
tại nhà văn hóa các ấp còn thiếu.
Chủ trì: Ban Văn hóa xã.
Thời hạn:
20/10/2026.
IV. KINH PHÍ
TT Nội dung Số tiền
1 Số hóa đầu sách 90
2 Bộ phát sóng 45
Tổng cộng 135
"""


def test_narrow_column_is_rejoined_into_paragraphs() -> None:
    lines = unwrap_columns(COLUMN).split("\n")
    assert (
        "Năm 2025, xã đã số hóa được 1.340 đầu sách của thư viện xã; 9/15 ấp có điểm truy cập "
        "Internet công cộng miễn phí và các nhà văn hóa đã có máy chiếu." in lines
    )
    # a target keeps its year, each "(n)" item stays on its own line
    assert "(1) Tỷ lệ đầu sách được số hóa đạt 80% vào cuối năm 2026." in lines
    assert "(2) Có 15/15 ấp có điểm truy cập Internet công cộng miễn phí năm 2027." in lines
    # a task title broken in two is one heading; its body is a line of its own
    assert "Nhiệm vụ 2. Điểm truy cập Internet cho các ấp vùng sâu" in lines
    # a label broken before its date is re-joined; the next label stays apart
    assert "Thời hạn: 20/10/2026." in lines
    assert "Chủ trì: Ban Văn hóa xã." in lines


def test_headings_and_table_rows_stay_apart() -> None:
    lines = unwrap_columns(COLUMN).split("\n")
    for kept in ("III. NHIỆM VỤ", "IV. KINH PHÍ", "1 Số hóa đầu sách 90", "2 Bộ phát sóng 45"):
        assert kept in lines
    assert "Tổng cộng 135" in lines


def test_full_width_text_is_left_alone() -> None:
    wide = "\n".join(
        [
            "Năm 2025, Ủy ban nhân dân xã đã triển khai nhiều giải pháp nhằm nâng cao chất lượng",
            "phục vụ người dân, trong đó có việc số hóa hồ sơ và kết quả giải quyết thủ tục hành",
            "chính, mở rộng điểm truy cập Internet tại nhà văn hóa và hướng dẫn người dân sử dụng",
            "các dịch vụ công trực tuyến trên Cổng Dịch vụ công quốc gia, ứng dụng định danh điện",
            "tử và thanh toán không dùng tiền mặt tại chợ, trường học, trạm y tế trên địa bàn xã.",
        ]
        * 3
    )
    assert unwrap_columns(wide) == wide
