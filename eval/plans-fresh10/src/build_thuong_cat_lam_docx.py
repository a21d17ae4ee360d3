"""Build eval/plans-fresh10/thuong-cat-lam-kh39-2026.docx (run from the repository root)."""

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

OUT = "eval/plans-fresh10/thuong-cat-lam-kh39-2026.docx"
doc = Document()
st = doc.styles["Normal"]
st.font.name = "Times New Roman"
st.font.size = Pt(12)


def para(text, bold=False, italic=False, center=False, size=None):
    p = doc.add_paragraph()
    r = p.add_run(text)
    r.bold, r.italic = bold, italic
    if size:
        r.font.size = Pt(size)
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return p


para("ỦY BAN NHÂN DÂN XÃ THƯỢNG CÁT LÂM", bold=True)
para("Số: 39/KH-UBND")
para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, center=True)
para("Độc lập - Tự do - Hạnh phúc", bold=True, center=True)
para("Thượng Cát Lâm, ngày 09 tháng 01 năm 2026", italic=True, center=True)
para("KẾ HOẠCH", bold=True, center=True, size=14)
para("Chuyển đổi số xã Thượng Cát Lâm, tỉnh Phú Thọ giai đoạn 2026 - 2028", bold=True, center=True)

for c in [
    "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia;",
    "Căn cứ Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ phê duyệt Chương trình Chuyển đổi số quốc gia;",
    "Căn cứ Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ phê duyệt Đề án 06;",
    "Căn cứ Kế hoạch số 127/KH-UBND ngày 15/12/2025 của UBND tỉnh Phú Thọ về chuyển đổi số giai đoạn 2026 - 2030;",
    "Căn cứ Nghị quyết số 09/NQ-HĐND ngày 24/12/2025 của HĐND xã Thượng Cát Lâm về dự toán ngân sách năm 2026.",
]:
    para(c, italic=True)

para("I. TÌNH HÌNH NĂM 2025", bold=True)
para(
    "Năm 2025, tỷ lệ hồ sơ thủ tục hành chính trực tuyến toàn trình của xã đạt 49,5%; toàn xã có 7.150 người kích hoạt tài khoản định danh điện tử mức 2; 21/21 khu dân cư có Tổ công nghệ số cộng đồng nhưng chỉ 9 tổ hoạt động thường xuyên; mới có 12 hộ trồng chè bán hàng qua mạng xã hội. Hồ sơ địa chính của xã vẫn lưu trữ bằng giấy."
)

para("II. CHỈ TIÊU CHỦ YẾU", bold=True)
for t in [
    "Tỷ lệ hồ sơ thủ tục hành chính trực tuyến toàn trình: năm 2026 đạt 70%, năm 2027 đạt 80%, năm 2028 đạt 90%.",
    "Năm 2026: 90% người dân từ 14 tuổi trở lên có tài khoản định danh điện tử mức 2.",
    "Tỷ lệ hộ gia đình có cáp quang: năm 2026 đạt 72%, năm 2028 đạt 90%.",
    "Tỷ lệ giao dịch không dùng tiền mặt tại chợ và điểm du lịch năm 2026 đạt 50%.",
    "Số điểm du lịch cộng đồng có trên bản đồ số: 15 điểm (năm 2026).",
]:
    doc.add_paragraph(t, style="List Bullet")

sec = doc.add_section()
sec.orientation = WD_ORIENT.LANDSCAPE
sec.page_width, sec.page_height = Mm(297), Mm(210)
para("III. NHIỆM VỤ THEO NĂM", bold=True)
para(
    "Mỗi nhiệm vụ có mã (NV01 …); nội dung từng năm ghi trong cột của năm đó; đơn vị chủ trì và phối hợp ở hai cột cuối.",
    italic=True,
)
rows = [
    ("Mã", "Nhiệm vụ", "2026", "2027", "2028", "Chủ trì", "Phối hợp"),
    (
        "NV01",
        "Số hóa hồ sơ địa chính, xây dựng cơ sở dữ liệu đất đai",
        "Quét 12.000 trang hồ sơ địa chính",
        "Hoàn thành cơ sở dữ liệu đất đai trước 30/9/2027",
        "Cập nhật biến động đất đai thường xuyên",
        "Phòng Kinh tế",
        "Chi nhánh Văn phòng đăng ký đất đai khu vực Thanh Sơn",
    ),
    (
        "NV02",
        "Bộ phận một cửa số",
        "Trang bị 08 máy tính, 01 ki-ốt tra cứu; xong trong Quý II/2026",
        "Thí điểm tiếp nhận hồ sơ không giấy",
        "—",
        "Trung tâm Phục vụ hành chính công xã",
        "Văn phòng HĐND và UBND xã",
    ),
    (
        "NV03",
        "Định danh điện tử, Đề án 06",
        "Đạt 92% người từ 14 tuổi trở lên kích hoạt định danh mức 2 (tháng 6/2026)",
        "Đạt 97%",
        "Khai thác dữ liệu dân cư trong giải quyết thủ tục",
        "Công an xã",
        "Trưởng các khu dân cư",
    ),
    (
        "NV04",
        "Du lịch số cộng đồng (bản Mường, đồi chè)",
        "Bản đồ số 15 điểm du lịch; hạn 30/10/2026",
        "Thuyết minh tự động qua mã QR",
        "Đặt homestay, bán vé trực tuyến",
        "Phòng Văn hóa - Xã hội",
        "Hợp tác xã Du lịch cộng đồng Cát Lâm; Đoàn Thanh niên xã",
    ),
    (
        "NV05",
        "Chè Thượng Cát Lâm lên sàn thương mại điện tử",
        "40 hộ có tem truy xuất nguồn gốc QR; hạn tháng 11/2026",
        "90 hộ",
        "150 hộ",
        "Phòng Kinh tế",
        "Hội Nông dân xã; Bưu điện xã",
    ),
    (
        "NV06",
        "Tổ công nghệ số cộng đồng, Bình dân học vụ số",
        "Kiện toàn 21 tổ; mở lớp kỹ năng số cho người dân",
        "Duy trì lớp học",
        "Duy trì lớp học",
        "Đoàn Thanh niên xã",
        "Hội Liên hiệp Phụ nữ xã; Hội Cựu chiến binh xã",
    ),
    (
        "NV07",
        "Trạm Y tế số",
        "Bệnh án điện tử, hạn 31/12/2026",
        "Khám từ xa với Bệnh viện Đa khoa tỉnh Phú Thọ",
        "—",
        "Trạm Y tế xã",
        "Bảo hiểm xã hội khu vực Thanh Sơn",
    ),
    (
        "NV08",
        "Camera an ninh khu dân cư",
        "12 camera tại 6 khu dân cư; hạn 31/12/2026",
        "Thêm 20 camera",
        "—",
        "",
        "Công an xã; Viettel Phú Thọ",
    ),
    (
        "NV09",
        "An toàn thông tin",
        "Thuê dịch vụ giám sát an toàn thông tin",
        "Diễn tập ứng cứu sự cố",
        "Diễn tập ứng cứu sự cố",
        "Văn phòng HĐND và UBND xã",
        "Công an xã",
    ),
]
tb = doc.add_table(rows=len(rows), cols=7)
tb.style = "Table Grid"
for i, r in enumerate(rows):
    for j, v in enumerate(r):
        cell = tb.cell(i, j)
        cell.text = v
        for p in cell.paragraphs:
            for run in p.runs:
                run.font.size = Pt(10)
                run.bold = i == 0
para(
    "Ghi chú: ô Chủ trì của NV08 để trống do chưa thống nhất đơn vị chủ trì.", italic=True, size=10
)

sec = doc.add_section()
sec.orientation = WD_ORIENT.PORTRAIT
sec.page_width, sec.page_height = Mm(210), Mm(297)
para("IV. TỔ CHỨC THỰC HIỆN", bold=True)
para(
    "Phòng Văn hóa - Xã hội là cơ quan thường trực; định kỳ ngày 15 tháng cuối quý tổng hợp báo cáo gửi Sở Khoa học và Công nghệ tỉnh Phú Thọ. Công chức đầu mối: ông Đinh Công Tuấn, công chức Văn hóa - Xã hội. Kinh phí thực hiện theo Phụ lục kèm theo."
)
para("Nơi nhận:", bold=True, italic=True, size=11)
for n in [
    "- UBND tỉnh Phú Thọ (b/c);",
    "- Sở Khoa học và Công nghệ;",
    "- Đảng ủy, HĐND xã;",
    "- Các đơn vị tại Mục III;",
    "- Lưu: VT.",
]:
    para(n, size=11)
para("TM. ỦY BAN NHÂN DÂN", bold=True, center=True)
para("CHỦ TỊCH", bold=True, center=True)
para("")
para("Hà Văn Thắng", bold=True, center=True)

doc.add_page_break()
para("Phụ lục: Kinh phí", bold=True, center=True)
para(
    "(Kèm theo Kế hoạch số 39/KH-UBND ngày 09/01/2026; đơn vị: triệu đồng)",
    italic=True,
    center=True,
)
brows = [
    ("Mã NV", "2026", "2027", "2028", "Cộng", "Nguồn kinh phí"),
    ("NV01", "350", "420", "60", "830", "Ngân sách tỉnh"),
    ("NV02", "310", "90", "0", "400", "Ngân sách xã"),
    ("NV04", "150", "120", "80", "350", "Ngân sách xã và xã hội hóa"),
    ("NV05", "60", "80", "100", "240", "Chương trình MTQG xây dựng nông thôn mới"),
    ("NV07", "180", "150", "0", "330", "Ngân sách tỉnh"),
    ("NV08", "260", "300", "0", "560", "Xã hội hóa"),
    ("NV09", "45", "45", "45", "135", "Ngân sách xã"),
    ("Tổng", "1.355", "1.205", "285", "2.845", ""),
]
tb = doc.add_table(rows=len(brows), cols=6)
tb.style = "Table Grid"
for i, r in enumerate(brows):
    for j, v in enumerate(r):
        tb.cell(i, j).text = v
para(
    "NV03 và NV06 không phát sinh kinh phí riêng, thực hiện từ chi thường xuyên của đơn vị chủ trì.",
    italic=True,
)
doc.save(OUT)
