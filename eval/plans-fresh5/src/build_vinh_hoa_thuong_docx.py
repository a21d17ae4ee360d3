"""Regenerate eval/plans-fresh5/vinh-hoa-thuong-kh118-2026.docx (run from the repository root).

Layout on purpose: the targets table has a TWO-LEVEL header (a merged "Chỉ tiêu theo năm" cell over
2026 | 2027 | 2028, plus "Đơn vị tính" and "Hiện trạng 2025"); the tasks table lists its columns in
an unusual order: Thời gian hoàn thành | Nhiệm vụ | Kinh phí | Đơn vị phối hợp | Đơn vị chủ trì.
"""

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

OUT = Path("eval/plans-fresh5/vinh-hoa-thuong-kh118-2026.docx")

doc = Document()
st = doc.styles["Normal"]
st.font.name = "Times New Roman"
st.font.size = Pt(13)


def P(text, bold=False, center=False, italic=False):
    p = doc.add_paragraph()
    r = p.add_run(text)
    r.bold = bold
    r.italic = italic
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return p


head = doc.add_table(rows=1, cols=2)
head.cell(0, 0).text = "UBND XÃ VĨNH HÒA THƯỢNG\n———\nSố: 118/KH-UBND"
head.cell(0, 1).text = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n———————\n"
    "Vĩnh Hòa Thượng, ngày 23 tháng 01 năm 2026"
)

P("KẾ HOẠCH", bold=True, center=True)
P(
    "Thực hiện Nghị quyết số 57-NQ/TW và chuyển đổi số trên địa bàn xã Vĩnh Hòa Thượng "
    "giai đoạn 2026 - 2028",
    bold=True,
    center=True,
)
for line in [
    "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, "
    "công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia;",
    "Căn cứ Nghị định số 45/2020/NĐ-CP ngày 08/4/2020 của Chính phủ về thực hiện thủ tục hành chính "
    "trên môi trường điện tử;",
    "Căn cứ Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ phê duyệt Chương trình "
    "Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030;",
    "Căn cứ Kế hoạch số 42/KH-UBND ngày 15/12/2025 của Ủy ban nhân dân tỉnh An Giang về chuyển đổi số "
    "giai đoạn 2026 - 2030;",
    "Căn cứ Nghị quyết số 03-NQ/ĐU ngày 05/01/2026 của Đảng ủy xã Vĩnh Hòa Thượng về lãnh đạo thực hiện "
    "chuyển đổi số,",
]:
    P(line, italic=True)
P("Ủy ban nhân dân xã Vĩnh Hòa Thượng xây dựng Kế hoạch giai đoạn 2026 - 2028 như sau:")

P("Phần thứ nhất. TÌNH HÌNH NĂM 2025", bold=True)
P(
    "Xã Vĩnh Hòa Thượng có 11 ấp, kinh tế chủ yếu là nuôi trồng thủy sản (tôm, cá tra) và lúa. Năm 2025, "
    "tỷ lệ hồ sơ thủ tục hành chính giải quyết trực tuyến toàn trình đạt 51,6%; 88% người dân trưởng thành "
    "đã có tài khoản định danh điện tử mức 2; mới có 40 hộ nuôi trồng thủy sản ghi nhật ký sản xuất điện tử; "
    "3 ấp có camera an ninh kết nối về Công an xã; 71% hộ gia đình có internet cáp quang. Xã đã khai trương "
    "Trang Zalo OA “Vĩnh Hòa Thượng trực tuyến” với 4.350 người theo dõi."
)
P(
    "Hạn chế: nguồn nhân lực công nghệ thông tin còn thiếu, cả xã chỉ có 01 công chức có trình độ đại học "
    "chuyên ngành công nghệ thông tin; nhiều hộ nuôi thủy sản lớn tuổi chưa quen dùng ứng dụng."
)

P("Phần thứ hai. MỤC TIÊU, CHỈ TIÊU", bold=True)
P(
    "Mục tiêu tổng quát: xây dựng chính quyền số phục vụ người dân, đưa công nghệ số vào sản xuất thủy sản; "
    "phấn đấu đến năm 2028 có 97% hộ gia đình được kết nối internet cáp quang, mọi ấp có camera an ninh."
)
P("Các chỉ tiêu cụ thể (Bảng 1):")

t = doc.add_table(rows=2, cols=7)
t.style = "Table Grid"
hdr = ["TT", "Chỉ tiêu", "Đơn vị tính", "Hiện trạng 2025", "Chỉ tiêu theo năm"]
for i, h in enumerate(hdr[:4]):
    a = t.cell(0, i).merge(t.cell(1, i))
    a.text = h
top = t.cell(0, 4).merge(t.cell(0, 6))
top.text = "Chỉ tiêu theo năm"
for i, y in enumerate(["2026", "2027", "2028"]):
    t.cell(1, 4 + i).text = y
rows = [
    (
        "1",
        "Hồ sơ thủ tục hành chính giải quyết trực tuyến toàn trình",
        "%",
        "51,6",
        "65",
        "75",
        "85",
    ),
    (
        "2",
        "Người dân trưởng thành có tài khoản định danh điện tử mức 2",
        "%",
        "88",
        "93",
        "96",
        "98",
    ),
    ("3", "Hộ nuôi trồng thủy sản ghi nhật ký sản xuất điện tử", "hộ", "40", "150", "300", "450"),
    ("4", "Ấp có camera an ninh kết nối Công an xã", "ấp", "3", "6", "9", "11"),
    ("5", "Giao dịch không dùng tiền mặt tại chợ Vĩnh Hòa", "%", "20", "35", "50", "65"),
    ("6", "Hộ gia đình có internet cáp quang", "%", "71", "80", "88", "95"),
]
for r in rows:
    cells = t.add_row().cells
    for i, v in enumerate(r):
        cells[i].text = v

P("")
P("Phần thứ ba. NHIỆM VỤ, PHÂN CÔNG VÀ KINH PHÍ", bold=True)
P("Bảng 2. Danh mục nhiệm vụ (kinh phí tính bằng triệu đồng)")
t2 = doc.add_table(rows=1, cols=6)
t2.style = "Table Grid"
for i, h in enumerate(
    [
        "STT",
        "Thời gian hoàn thành",
        "Nhiệm vụ",
        "Kinh phí (triệu đồng)",
        "Đơn vị phối hợp",
        "Đơn vị chủ trì",
    ]
):
    t2.cell(0, i).text = h
tasks = [
    (
        "1",
        "Quý II/2026",
        "Rà soát, làm sạch dữ liệu dân cư của 11 ấp",
        "30",
        "Trưởng ấp các ấp",
        "Công an xã",
    ),
    (
        "2",
        "30/9/2026",
        "Lắp đặt camera an ninh tại ấp Hòa Lợi, ấp Hòa Thạnh và ấp Vĩnh Phú",
        "360",
        "Viettel An Giang",
        "Công an xã",
    ),
    (
        "3",
        "Tháng 6/2026",
        "Triển khai nhật ký sản xuất điện tử cho hộ nuôi tôm, cá tra",
        "85",
        "Hợp tác xã Thủy sản Vĩnh Hòa",
        "Phòng Kinh tế xã",
    ),
    (
        "4",
        "",
        "Tổ chức phiên chợ số nông sản, thủy sản hằng quý trên nền tảng số",
        "40",
        "Hội Liên hiệp Phụ nữ xã; Đoàn Thanh niên xã",
        "Phòng Kinh tế xã",
    ),
    (
        "5",
        "31/12/2027",
        "Xây dựng bản đồ số hạ tầng thủy lợi, cống đập nội đồng",
        "150",
        "Công ty TNHH MTV Khai thác thủy lợi An Giang",
        "Phòng Kinh tế xã",
    ),
    (
        "6",
        "15/3/2026",
        "Kiện toàn Tổ công nghệ số cộng đồng tại 11 ấp",
        "0",
        "Ủy ban Mặt trận Tổ quốc Việt Nam xã",
        "Phòng Văn hóa - Xã hội",
    ),
    (
        "7",
        "Năm 2028",
        "Số hóa hồ sơ lưu trữ thủ tục hành chính giai đoạn 2015 - 2025",
        "220",
        "Trung tâm Phục vụ hành chính công xã",
        "Văn phòng HĐND và UBND xã",
    ),
    (
        "8",
        "Tháng 10/2026",
        "Tập huấn sử dụng chữ ký số cho cán bộ, công chức xã",
        "25",
        "VNPT An Giang",
        "",
    ),
    (
        "9",
        "30/11/2026",
        "Tuyên truyền dịch vụ công trực tuyến trên Zalo OA và loa truyền thanh",
        "18",
        "Đài truyền thanh xã",
        "Văn phòng HĐND và UBND xã",
    ),
]
for r in tasks:
    cells = t2.add_row().cells
    for i, v in enumerate(r):
        cells[i].text = v

P("")
P("Phần thứ tư. KINH PHÍ VÀ NGUỒN VỐN", bold=True)
P(
    "Tổng kinh phí thực hiện Kế hoạch giai đoạn 2026 - 2028 là 928 triệu đồng (chi tiết tại Bảng 2), "
    "gồm: ngân sách xã 528 triệu đồng; ngân sách tỉnh hỗ trợ 300 triệu đồng; nguồn xã hội hóa từ "
    "Viettel An Giang 100 triệu đồng (cho hạng mục camera an ninh)."
)

P("Phần thứ năm. TỔ CHỨC THỰC HIỆN", bold=True)
P(
    "Các đơn vị chủ trì xây dựng kế hoạch chi tiết, báo cáo kết quả 6 tháng, năm về UBND xã qua Phòng "
    "Kinh tế xã. Đầu mối theo dõi: đồng chí Trần Minh Nhựt, Phó Trưởng Phòng Kinh tế xã. Trong quá trình "
    "thực hiện nếu có khó khăn, vướng mắc, các đơn vị kịp thời báo cáo Chủ tịch UBND xã xem xét, giải quyết."
)

sig = doc.add_table(rows=1, cols=2)
sig.cell(0, 0).text = (
    "Nơi nhận:\n- UBND tỉnh An Giang (b/c);\n- Sở Khoa học và Công nghệ;\n- TT Đảng ủy, TT HĐND xã;\n"
    "- CT, các PCT UBND xã;\n- Các ấp;\n- Lưu: VT."
)
sig.cell(0, 1).text = "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n\n\nDương Thị Kim Loan"
doc.save(OUT)
print("wrote", OUT)
