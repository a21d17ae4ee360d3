"""Regenerate eval/plans-fresh4/ha-loi-trung-kh47-2026.docx (run from the repository root).

Layout on purpose: the task list is split into one small 3-column table per field, each preceded
by a bold field heading; columns "Nội dung công việc | Thời hạn | Đơn vị thực hiện", the last cell
written "X (chủ trì), Y, Z". Targets are a 4-column table by year; budget is prose lines.
"""

from pathlib import Path

from docx import Document
from docx.shared import Pt

OUT = Path("eval/plans-fresh4/ha-loi-trung-kh47-2026.docx")
doc = Document()
st = doc.styles["Normal"]
st.font.name = "Times New Roman"
st.font.size = Pt(13)
P = doc.add_paragraph


def bold(text):
    P().add_run(text).bold = True


P("UBND XÃ HÀ LỢI TRUNG")
P("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
P("Độc lập - Tự do - Hạnh phúc")
P("Số: 47/KH-UBND")
P("Hà Lợi Trung, ngày 23 tháng 01 năm 2026")
bold("KẾ HOẠCH")
bold("Phát triển chính quyền số, kinh tế số và xã hội số xã Hà Lợi Trung năm 2026")
for c in [
    "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;",
    "Căn cứ Nghị định số 45/2020/NĐ-CP ngày 08/4/2020 của Chính phủ về thực hiện thủ tục hành chính trên môi trường điện tử;",
    "Căn cứ Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ phê duyệt Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030;",
    "Căn cứ Kế hoạch số 233/KH-UBND ngày 30/12/2025 của UBND tỉnh Phú Thọ về chuyển đổi số năm 2026;",
    "Căn cứ Nghị quyết số 11-NQ/ĐU ngày 05/01/2026 của Đảng ủy xã Hà Lợi Trung.",
]:
    P(c)
bold("PHẦN MỘT. ĐÁNH GIÁ NĂM 2025")
P(
    "Năm 2025, Hà Lợi Trung hoàn thành sắp xếp bộ máy sau hợp nhất ba xã cũ. Tỷ lệ hồ sơ thủ tục hành chính "
    "được xử lý trực tuyến toàn trình đạt 48%; 100% văn bản đi (trừ văn bản mật) được ký số; "
    "có 312 hộ kinh doanh tham gia sàn thương mại điện tử; mạng cáp quang phủ tới 21/23 khu dân cư. "
    "Hạn chế: hai khu dân cư Đồng Gianh và Khe Mạ chưa có cáp quang; trang thông tin điện tử của xã chưa cập nhật thường xuyên."
)
bold("PHẦN HAI. CHỈ TIÊU")
P("Bảng 1. Chỉ tiêu chủ yếu giai đoạn 2026 - 2027")
rows = [
    ("Chỉ tiêu", "Đơn vị", "Năm 2026", "Năm 2027"),
    ("Hồ sơ TTHC xử lý trực tuyến toàn trình", "%", "65", "80"),
    ("Hộ kinh doanh bán hàng trên sàn thương mại điện tử", "hộ", "450", "600"),
    ("Khu dân cư có cáp quang", "khu", "23", "23"),
    ("Người dân có chữ ký số cá nhân", "người", "1.500", "2.800"),
    ("Học sinh THCS được học kỹ năng số cơ bản", "%", "90", "100"),
]
t = doc.add_table(rows=0, cols=4)
t.style = "Table Grid"
for r in rows:
    cells = t.add_row().cells
    for i, v in enumerate(r):
        cells[i].text = v
P("Ghi chú: chỉ tiêu cáp quang năm 2026 thực tế là 22 khu dân cư (khu Khe Mạ hoàn thành năm 2027).")

bold("PHẦN BA. NHIỆM VỤ THEO LĨNH VỰC")
fields = {
    "1. Hạ tầng số": [
        (
            "Kéo cáp quang đến khu dân cư Đồng Gianh và Khe Mạ",
            "Tháng 10/2026",
            "VNPT Phú Thọ (chủ trì), Phòng Kinh tế xã, Ban quản lý khu dân cư",
        ),
        (
            "Nâng cấp mạng LAN và thiết bị wifi tại trụ sở UBND xã",
            "Quý I/2026",
            "Văn phòng HĐND và UBND xã (chủ trì), Viettel Phú Thọ",
        ),
    ],
    "2. Chính quyền số": [
        (
            "Cấp chứng thư chữ ký số cá nhân miễn phí cho người dân",
            "30/11/2026",
            "Công an xã (chủ trì), Bưu điện xã, Đoàn Thanh niên xã",
        ),
        (
            "Cập nhật trang thông tin điện tử xã mỗi tuần ít nhất 03 tin bài",
            "",
            "Phòng Văn hóa - Xã hội xã (chủ trì), Văn phòng HĐND và UBND xã",
        ),
        (
            "Triển khai hệ thống họp trực tuyến tới 23 khu dân cư",
            "Quý III/2026",
            "Văn phòng HĐND và UBND xã (chủ trì), VNPT Phú Thọ",
        ),
    ],
    "3. Kinh tế số": [
        (
            "Đưa sản phẩm chè Long Cốc và bưởi Đoan Hùng lên sàn Postmart, Voso",
            "Tháng 6/2026",
            "Phòng Kinh tế xã (chủ trì), Bưu điện xã, HTX chè Hà Lợi",
        ),
        (
            "Tập huấn livestream bán hàng cho 120 hộ kinh doanh",
            "Tháng 9/2026",
            "Hội Nông dân xã (chủ trì), Hội Liên hiệp Phụ nữ xã",
        ),
    ],
    "4. Xã hội số": [
        (
            "Mở lớp kỹ năng số cơ bản cho học sinh THCS",
            "Năm học 2026 - 2027",
            "Trường THCS Hà Lợi (chủ trì), Đoàn Thanh niên xã",
        ),
        (
            "Duy trì hoạt động của 23 Tổ công nghệ số cộng đồng",
            "",
            "Phòng Văn hóa - Xã hội xã (chủ trì), Mặt trận Tổ quốc xã",
        ),
    ],
}
for head, tasks in fields.items():
    bold(head)
    tb = doc.add_table(rows=1, cols=3)
    tb.style = "Table Grid"
    for i, v in enumerate(("Nội dung công việc", "Thời hạn", "Đơn vị thực hiện")):
        tb.rows[0].cells[i].text = v
    for task in tasks:
        cells = tb.add_row().cells
        for i, v in enumerate(task):
            cells[i].text = v

bold("PHẦN BỐN. KINH PHÍ")
for line in [
    "Kéo cáp quang hai khu dân cư: 0 đồng (doanh nghiệp viễn thông tự đầu tư).",
    "Nâng cấp mạng LAN, wifi trụ sở: 95 triệu đồng.",
    "Hệ thống họp trực tuyến 23 khu dân cư: 540 triệu đồng.",
    "Tập huấn livestream, kỹ năng số: 60 triệu đồng.",
    "Tổng kinh phí thực hiện: 695 triệu đồng; nguồn: ngân sách tỉnh hỗ trợ 400 triệu đồng, ngân sách xã 295 triệu đồng.",
]:
    P(line)
bold("PHẦN NĂM. TỔ CHỨC THỰC HIỆN")
P(
    "Phòng Văn hóa - Xã hội xã là cơ quan thường trực, tổng hợp báo cáo 6 tháng trước ngày 15/6/2026 và báo cáo năm "
    "trước ngày 10/12/2026. Cán bộ đầu mối: bà Nguyễn Thu Phương, Phó Trưởng phòng Văn hóa - Xã hội."
)
P(
    "Nơi nhận: Sở Khoa học và Công nghệ tỉnh Phú Thọ; Thường trực Đảng ủy xã; các phòng, ban, khu dân cư; Lưu: VT."
)
P("KT. CHỦ TỊCH")
P("PHÓ CHỦ TỊCH")
P("Lê Thị Hồng Vân")
doc.save(OUT)
print(OUT)
