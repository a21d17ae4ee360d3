"""A table printed to PDF whose cells are centred vertically: the row number sits on the middle
line of its row, the lines above it belong to the same row, rows are set apart by blank lines,
a row may break over a page, and a spanning header is printed above the row-number line."""

from __future__ import annotations

from rag.understand.pdf_layout import rebuild_tables
from rag.understand.tables import find_tables

LAYOUT = """Phụ lục. Các công trình số năm 2027

                                                 Mốc thời gian

 STT        Nội dung công         Bộ phận            Thời          Cơ quan phối
            việc                  phụ trách          hạn           hợp

            Nâng cấp mạng nội     Văn phòng
 1          bộ và tường lửa       Đảng ủy           15/02/2027     Bưu điện
            cho trụ sở            xã                               huyện

            Dựng trang tin                                         Trường
 2          điện tử về làng       Ban Văn hóa      Tháng 5/2027    Tiểu học
            nghề gốm                                              Hòa Bình

 3          Lập kho ảnh số        Ban Văn hóa                      Hội Cựu
            di tích đình làng                                      chiến binh


            bằng máy quét 3D

            Mở lớp dạy ký số
 4          cho hộ buôn bán       Tổ Kinh tế       30/11/2027     Quỹ tín dụng
            ở chợ phiên

Điều 3. Hiệu lực thi hành"""

PLAIN = """Phụ lục. Các công trình số năm 2027
STT Nội dung công
việc
Bộ phận
phụ trách
Mốc thời gian
Thời
hạn
Cơ quan phối
hợp
1 Nâng cấp mạng nội
bộ và tường lửa
cho trụ sở
Văn phòng
Đảng ủy
xã
15/02/2027 Bưu điện
huyện
2 Dựng trang tin
điện tử về làng
nghề gốm
Ban Văn hóa Tháng 5/2027 Trường
Tiểu học
Hòa Bình
3 Lập kho ảnh số
di tích đình làng
Ban Văn hóa Hội Cựu
chiến binh
bằng máy quét 3D
4 Mở lớp dạy ký số
cho hộ buôn bán
ở chợ phiên
Tổ Kinh tế 30/11/2027 Quỹ tín dụng
Điều 3. Hiệu lực thi hành"""


def test_centred_rows_keep_the_lines_above_their_number() -> None:
    text = rebuild_tables(PLAIN, LAYOUT)
    assert text.startswith("Phụ lục. Các công trình số năm 2027\n| STT |")
    assert text.endswith("Điều 3. Hiệu lực thi hành")
    assert "Mốc thời gian" not in text  # the spanning header line is inside the table span
    (table,) = find_tables(text)
    assert [r.no for r in table.rows] == ["1", "2", "3", "4"]
    first, second, third, fourth = table.rows
    assert table.cell(first, "indicator") == "Nâng cấp mạng nội bộ và tường lửa cho trụ sở"
    assert table.cell(first, "lead") == "Văn phòng Đảng ủy xã"
    assert table.cell(first, "deadline") == "15/02/2027"
    assert table.cell(second, "deadline") == "Tháng 5/2027"
    assert table.cell(second, "partners") == "Trường Tiểu học Hòa Bình"
    # a row broken over a page: the band without a number continues the row above
    assert table.cell(third, "indicator") == "Lập kho ảnh số di tích đình làng bằng máy quét 3D"
    assert table.cell(third, "deadline") == ""
    assert table.cell(fourth, "indicator") == "Mở lớp dạy ký số cho hộ buôn bán ở chợ phiên"
    assert table.cell(fourth, "lead") == "Tổ Kinh tế"


def test_header_is_not_taken_from_the_first_centred_row() -> None:
    (table,) = find_tables(rebuild_tables(PLAIN, LAYOUT))
    assert [c.header for c in table.columns][:3] == [
        "STT",
        "Nội dung công việc",
        "Bộ phận phụ trách",
    ]
