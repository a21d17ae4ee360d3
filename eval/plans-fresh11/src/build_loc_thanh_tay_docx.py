"""Build loc-thanh-tay-kh52-2026.docx: plan body as a 2-column layout table (field | nested bullets),
targets in a separate landscape section."""

import sys

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.shared import Pt

out = sys.argv[1] if len(sys.argv) > 1 else "../loc-thanh-tay-kh52-2026.docx"
d = Document()
st = d.styles["Normal"]
st.font.name = "Times New Roman"
st.font.size = Pt(13)

hdr = d.add_table(rows=1, cols=2)
hdr.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nXÃ LỘC THẠNH TÂY\nTỈNH TÂY NINH\nSố: 52/KH-UBND"
hdr.cell(
    0, 1
).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nLộc Thạnh Tây, ngày 23 tháng 3 năm 2026"
d.add_paragraph()
p = d.add_paragraph()
r = p.add_run("KẾ HOẠCH")
r.bold = True
d.add_paragraph(
    "Thực hiện chuyển đổi số, Đề án 06 và Nghị quyết 57-NQ/TW trên địa bàn xã Lộc Thạnh Tây năm 2026"
)
d.add_paragraph(
    "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị; Căn cứ Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ; Căn cứ Nghị định số 45/2020/NĐ-CP ngày 08/4/2020 của Chính phủ; Căn cứ Luật Giao dịch điện tử số 20/2023/QH15; Căn cứ Kế hoạch số 58/KH-UBND ngày 14/01/2026 của UBND tỉnh Tây Ninh về chuyển đổi số năm 2026; UBND xã Lộc Thạnh Tây ban hành Kế hoạch như sau:"
)

d.add_paragraph("A. KẾT QUẢ NĂM 2025")
d.add_paragraph(
    "Năm 2025, xã có 63,5% hồ sơ thủ tục hành chính được tiếp nhận trực tuyến; 8.940 công dân đã kích hoạt VNeID mức 2; 100% thôn, ấp có nhóm Zalo kết nối chính quyền với người dân; 312 hộ kinh doanh dùng mã QR thanh toán; lắp đặt 24 camera an ninh tại các ngã ba, ngã tư. Khu vực ấp Tà Xia giáp biên giới còn 2 điểm lõm sóng di động."
)

d.add_paragraph("B. NHIỆM VỤ THEO LĨNH VỰC")
rows = [
    ("Nội dung", ["Nhiệm vụ cụ thể"]),
    (
        "1. Hạ tầng số và an toàn thông tin",
        [
            "Xóa 2 điểm lõm sóng di động tại ấp Tà Xia (Viettel Tây Ninh; phối hợp: Phòng Kinh tế; Quý III)",
            "Nâng cấp mạng nội bộ (LAN) và tường lửa tại trụ sở UBND xã (Văn phòng HĐND và UBND xã; phối hợp: VNPT Tây Ninh; Quý II)",
            "Kiểm tra an toàn thông tin định kỳ các máy tính có kết nối Internet (Văn phòng HĐND và UBND xã; phối hợp: Công an xã; 6 tháng/lần)",
        ],
    ),
    (
        "2. Dữ liệu và Đề án 06",
        [
            "Làm sạch dữ liệu dân cư, đồng bộ với dữ liệu an sinh xã hội (Công an xã; phối hợp: Phòng Văn hóa - Xã hội; Quý I)",
            "Cấp căn cước và kích hoạt VNeID mức 2 lưu động tại các ấp vùng sâu (Công an xã; phối hợp: Đoàn Thanh niên, Trưởng ấp; Quý IV)",
            "Số hóa hồ sơ địa chính và sổ mục kê đất đai (Phòng Kinh tế; phối hợp: Chi nhánh Văn phòng đăng ký đất đai Tân Châu; Quý IV)",
        ],
    ),
    (
        "3. Chính quyền số",
        [
            "Vận hành bộ phận Một cửa theo hướng không giấy tờ, tiếp nhận hồ sơ trực tuyến (Trung tâm phục vụ hành chính công xã; phối hợp: các phòng chuyên môn; Quý II)",
            "Triển khai hệ thống họp trực tuyến đến 12 ấp (Văn phòng HĐND và UBND xã; phối hợp: VNPT Tây Ninh; Quý III)",
            "Xây dựng trang thông tin điện tử xã theo giao diện mới của tỉnh (phối hợp: Văn phòng HĐND và UBND xã, Sở Khoa học và Công nghệ; Quý IV)",
        ],
    ),
    (
        "4. Kinh tế số, xã hội số",
        [
            "Đưa nông sản mãng cầu, hạt điều lên sàn thương mại điện tử (Phòng Kinh tế; phối hợp: Hội Nông dân, Bưu điện xã; Quý III)",
            "Phổ cập thanh toán bằng mã QR tại chợ Lộc Thạnh (Phòng Kinh tế; phối hợp: Ban quản lý chợ, ngân hàng thương mại trên địa bàn)",
            "Bình dân học vụ số: lớp kỹ năng số cho người lớn tuổi tại nhà văn hóa ấp (Phòng Văn hóa - Xã hội; phối hợp: Hội Người cao tuổi, Hội Phụ nữ; Quý II)",
        ],
    ),
]
t = d.add_table(rows=0, cols=2)
t.style = "Table Grid"
for field, tasks in rows:
    c = t.add_row().cells
    c[0].text = field
    c[1].text = ""
    first = True
    for task in tasks:
        if first:
            c[1].paragraphs[0].text = "- " + task
            first = False
        else:
            c[1].add_paragraph("- " + task)
d.add_paragraph(
    "Ghi chú: nhiệm vụ xây dựng trang thông tin điện tử xã chưa giao cơ quan chủ trì, chờ hướng dẫn của tỉnh."
)

d.add_paragraph("C. KINH PHÍ")
d.add_paragraph("- Nâng cấp mạng LAN, tường lửa: 130 triệu đồng (ngân sách xã);")
d.add_paragraph("- Hệ thống họp trực tuyến đến 12 ấp: 264 triệu đồng (ngân sách tỉnh hỗ trợ);")
d.add_paragraph("- Số hóa hồ sơ địa chính: 90 triệu đồng (ngân sách xã);")
d.add_paragraph(
    "- Bình dân học vụ số và tuyên truyền: 36 triệu đồng (ngân sách xã và vận động xã hội hóa);"
)
d.add_paragraph(
    "Tổng kinh phí: 520 triệu đồng, gồm ngân sách tỉnh 264 triệu đồng và ngân sách xã 256 triệu đồng. Việc xóa điểm lõm sóng do doanh nghiệp viễn thông tự đầu tư."
)

d.add_paragraph("D. TỔ CHỨC THỰC HIỆN")
d.add_paragraph(
    "Văn phòng HĐND và UBND xã theo dõi, đôn đốc; báo cáo kết quả trước ngày 05/12/2026. Cán bộ đầu mối: ông Trương Quốc Bảo, chuyên viên Văn phòng HĐND và UBND xã."
)

sec = d.add_section(WD_SECTION.NEW_PAGE)
sec.orientation = WD_ORIENT.LANDSCAPE
sec.page_width, sec.page_height = sec.page_height, sec.page_width
d.add_paragraph("PHỤ LỤC: CHỈ TIÊU CHUYỂN ĐỔI SỐ XÃ LỘC THẠNH TÂY")
tt = d.add_table(rows=1, cols=5)
tt.style = "Table Grid"
for i, h in enumerate(["Chỉ tiêu", "Đơn vị", "Quý II/2026", "Cuối năm 2026", "Năm 2027"]):
    tt.rows[0].cells[i].text = h
for row in [
    ("Hồ sơ TTHC tiếp nhận trực tuyến", "%", "70", "85", "92"),
    ("Công dân kích hoạt VNeID mức 2", "người", "10.000", "12.400", "13.500"),
    ("Hộ kinh doanh dùng mã QR thanh toán", "hộ", "400", "650", "800"),
    ("Ấp có điểm họp trực tuyến", "ấp", "4", "12", "12"),
    ("Người lớn tuổi tham gia lớp kỹ năng số", "người", "300", "1.200", "1.500"),
    ("Hồ sơ địa chính được số hóa", "%", "30", "100", "100"),
]:
    c = tt.add_row().cells
    for i, v in enumerate(row):
        c[i].text = v
d.add_paragraph(
    "Lưu ý: tại Tờ trình kèm theo, chỉ tiêu hồ sơ TTHC tiếp nhận trực tuyến cuối năm 2026 ghi là 80%."
)
d.add_paragraph(
    "Nơi nhận: UBND tỉnh Tây Ninh; Sở Khoa học và Công nghệ; Đảng ủy, HĐND xã; các phòng, đơn vị; Lưu: VT."
)
d.add_paragraph("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nPhan Ngọc Hiếu")
d.save(out)
