"""Build eval/plans-fresh8/doan-hung-nam-kh17-2026.docx (run from the repository root).
Numbered tasks use Word's automatic numbering (style "List Number"), so numbers are not in the text."""

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

d = Document()
st = d.styles["Normal"]
st.font.name = "Times New Roman"
st.font.size = Pt(13)

hdr = d.add_table(rows=1, cols=2)
hdr.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nXÃ ĐOAN HÙNG NAM\n\nSố: 17/KH-UBND"
hdr.cell(
    0, 1
).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nĐoan Hùng Nam, ngày 09 tháng 02 năm 2026"


def center(text, bold=True):
    p = d.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = p.add_run(text)
    r.bold = bold


center("KẾ HOẠCH")
center(
    "Ứng dụng công nghệ thông tin, chuyển đổi số và thực hiện Nghị quyết 57-NQ/TW trên địa bàn xã Đoan Hùng Nam năm 2026",
    bold=False,
)

for t in [
    "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;",
    "Căn cứ Nghị định số 45/2020/NĐ-CP ngày 08/4/2020 của Chính phủ về thực hiện thủ tục hành chính trên môi trường điện tử;",
    "Căn cứ Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ phê duyệt Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030;",
    "Căn cứ Kế hoạch số 58/KH-UBND ngày 12/01/2026 của UBND tỉnh Phú Thọ về chuyển đổi số cấp xã năm 2026;",
    "Ủy ban nhân dân xã Đoan Hùng Nam xây dựng Kế hoạch như sau:",
]:
    d.add_paragraph(t)

d.add_heading("I. KẾT QUẢ THỰC HIỆN NĂM 2025", level=2)
for t in [
    "Toàn xã có 11.430 người dân đã kích hoạt tài khoản định danh điện tử mức 2.",
    "Tỷ lệ hồ sơ thủ tục hành chính được giải quyết trực tuyến đạt 62%, tỷ lệ thanh toán trực tuyến phí, lệ phí đạt 38%.",
    "Đã lắp đặt 21 điểm phát wifi miễn phí tại nhà văn hóa khu dân cư và chợ Ngọc Quan.",
    "Hợp tác xã chè Đoan Hùng Nam có 4 sản phẩm được gắn mã QR truy xuất nguồn gốc.",
]:
    d.add_paragraph(t, style="List Bullet")

d.add_heading("II. CHỈ TIÊU", level=2)
d.add_paragraph(
    "Các chỉ tiêu chủ yếu năm 2026 và định hướng năm 2027 như sau (tỷ lệ thanh toán trực tuyến phí, lệ phí phấn đấu đạt 60% trong năm 2026):"
)
tb = d.add_table(rows=2, cols=4)
tb.style = "Table Grid"
a = tb.cell(0, 0).merge(tb.cell(1, 0))
a.text = "Chỉ tiêu"
b = tb.cell(0, 1).merge(tb.cell(1, 1))
b.text = "Đơn vị tính"
c = tb.cell(0, 2).merge(tb.cell(0, 3))
c.text = "Mục tiêu theo năm"
tb.cell(1, 2).text = "Năm 2026"
tb.cell(1, 3).text = "Năm 2027"
rows = [
    ("Người dân có tài khoản định danh điện tử mức 2", "người", "14.800", "16.500"),
    ("Hồ sơ TTHC giải quyết trực tuyến", "%", "78", "90"),
    ("Thanh toán trực tuyến phí, lệ phí", "%", "65", "80"),
    ("Sản phẩm chè gắn mã QR truy xuất nguồn gốc", "sản phẩm", "10", "15"),
    ("Điểm wifi miễn phí nơi công cộng", "điểm", "30", "36"),
    ("Người dân được phổ cập kỹ năng số cơ bản", "%", "55", "75"),
]
for r in rows:
    cells = tb.add_row().cells
    for i, v in enumerate(r):
        cells[i].text = v

d.add_heading("III. NHIỆM VỤ VÀ PHÂN CÔNG", level=2)
tasks = [
    "Cập nhật, đồng bộ dữ liệu đất đai của các thôn vào cơ sở dữ liệu đất đai của tỉnh. Chủ trì: Phòng Kinh tế xã. Phối hợp: Văn phòng đăng ký đất đai chi nhánh Đoan Hùng. Thời hạn: 30/6/2026.",
    "Triển khai thanh toán không dùng tiền mặt thu phí chợ Ngọc Quan. Chủ trì: Ban quản lý chợ Ngọc Quan. Phối hợp: Viettel Phú Thọ, Agribank chi nhánh Đoan Hùng. Thời hạn: Quý III/2026.",
    "Gắn mã QR truy xuất nguồn gốc cho 6 sản phẩm chè mới của Hợp tác xã chè Đoan Hùng Nam. Chủ trì: Phòng Kinh tế xã. Phối hợp: Hợp tác xã chè Đoan Hùng Nam. Thời hạn: 31/10/2026.",
    "Lắp thêm 9 điểm wifi miễn phí tại trường học và trạm y tế. Chủ trì: Văn phòng HĐND và UBND xã. Phối hợp: VNPT Phú Thọ. Thời hạn: 15/9/2026.",
    "Tổ chức lớp phổ cập kỹ năng số cho hội viên Hội Liên hiệp Phụ nữ và Hội Nông dân. Chủ trì: Phòng Văn hóa - Xã hội. Phối hợp: Hội Liên hiệp Phụ nữ xã, Hội Nông dân xã. Thời hạn: hằng quý.",
    "Chuẩn hóa hồ sơ sức khỏe điện tử cho người trên 60 tuổi. Chủ trì: Trạm Y tế xã. Phối hợp: Công an xã.",
    "Vận hành hệ thống họp trực tuyến kết nối 18 khu dân cư. Chủ trì: Văn phòng HĐND và UBND xã. Phối hợp: Trung tâm Phục vụ hành chính công xã. Thời hạn: 30/4/2026.",
    "Xây dựng bản đồ số các điểm du lịch sinh thái đồi chè Ngọc Quan. Phối hợp: Phòng Văn hóa - Xã hội, Phòng Kinh tế xã. Thời hạn: Tháng 12/2026.",
    "Kiểm tra an toàn thông tin các máy tính kết nối mạng nội bộ xã. Chủ trì: Công an xã. Phối hợp: Văn phòng HĐND và UBND xã. Thời hạn: 30/11/2026.",
]
for t in tasks:
    d.add_paragraph(t, style="List Number")
d.add_paragraph(
    "Nhiệm vụ xây dựng bản đồ số các điểm du lịch sinh thái chưa giao cơ quan chủ trì; Chủ tịch UBND xã sẽ quyết định sau khi có hướng dẫn của Sở Văn hóa, Thể thao và Du lịch."
)

d.add_heading("IV. KINH PHÍ", level=2)
for t in [
    "Lắp đặt 9 điểm wifi miễn phí: 135 triệu đồng.",
    "Gắn mã QR cho sản phẩm chè: 48 triệu đồng.",
    "Hệ thống họp trực tuyến 18 khu dân cư: 290 triệu đồng.",
    "Lớp phổ cập kỹ năng số: 62 triệu đồng.",
    "Đồng bộ dữ liệu đất đai: 315 triệu đồng.",
]:
    d.add_paragraph(t, style="List Bullet")
d.add_paragraph(
    "Tổng kinh phí: 850 triệu đồng. Nguồn: ngân sách xã năm 2026 (550 triệu đồng) và nguồn vốn Chương trình mục tiêu quốc gia xây dựng nông thôn mới (300 triệu đồng)."
)

d.add_heading("V. TỔ CHỨC THỰC HIỆN", level=2)
d.add_paragraph(
    "Các đơn vị báo cáo kết quả định kỳ 6 tháng (trước ngày 15/6) và năm (trước ngày 10/12) về Văn phòng HĐND và UBND xã. Cán bộ theo dõi: bà Đỗ Thu Trang, công chức Văn hóa - Xã hội."
)

sig = d.add_table(rows=1, cols=2)
sig.cell(
    0, 0
).text = "Nơi nhận:\n- UBND tỉnh Phú Thọ (b/c);\n- Sở Khoa học và Công nghệ;\n- Đảng ủy, HĐND xã;\n- Lưu: VT."
sig.cell(0, 1).text = "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n\nNguyễn Thị Minh Hằng"
d.save("eval/plans-fresh8/doan-hung-nam-kh17-2026.docx")
