"""Regenerate eval/plans-fresh2/yen-thach-kh37-2026.docx (run from the repository root).

Layout on purpose: header and signature blocks are two-column tables (as in real Word plans),
the task table puts the deadline BEFORE the task and merges lead and partners into one
"Phân công" column ("Chủ trì: …; Phối hợp: …").
"""

from pathlib import Path

from docx import Document
from docx.shared import Pt

OUT = Path("eval/plans-fresh2/yen-thach-kh37-2026.docx")

doc = Document()
style = doc.styles["Normal"]
style.font.name = "Times New Roman"
style.font.size = Pt(13)

head = doc.add_table(rows=1, cols=2)
head.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nXÃ YÊN THẠCH\n\nSố: 37/KH-UBND"
head.cell(0, 1).text = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
    "Yên Thạch, ngày 14 tháng 01 năm 2026"
)

P = doc.add_paragraph
P("KẾ HOẠCH").runs[0].bold = True
P("Chuyển đổi số và thực hiện Đề án 06 trên địa bàn xã Yên Thạch năm 2026")
P(
    "Thực hiện Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ phê duyệt Đề án phát triển "
    "ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử phục vụ chuyển đổi số quốc gia giai đoạn "
    "2022 - 2025, tầm nhìn đến năm 2030 (Đề án 06); Kế hoạch số 18/KH-UBND ngày 25/12/2025 của Ủy ban "
    "nhân dân tỉnh Tuyên Quang về chuyển đổi số năm 2026; Nghị quyết số 05-NQ/ĐU ngày 10/12/2025 của "
    "Ban Chấp hành Đảng bộ xã Yên Thạch về nhiệm vụ phát triển kinh tế - xã hội năm 2026, Ủy ban nhân dân "
    "xã Yên Thạch ban hành Kế hoạch chuyển đổi số và thực hiện Đề án 06 năm 2026 như sau:"
)
P("I. MỤC ĐÍCH, YÊU CẦU")
P(
    "1. Đẩy mạnh ứng dụng công nghệ thông tin trong hoạt động của các cơ quan, đơn vị thuộc xã; "
    "nâng cao chất lượng phục vụ người dân, doanh nghiệp trong giải quyết thủ tục hành chính."
)
P(
    "2. Phân công cụ thể nhiệm vụ, thời hạn và trách nhiệm của từng cơ quan, đơn vị; gắn kết quả thực "
    "hiện với đánh giá, xếp loại thi đua cuối năm."
)
P("II. CHỈ TIÊU CHỦ YẾU NĂM 2026")
for line in [
    "- 100% hồ sơ công việc tại Ủy ban nhân dân xã được xử lý trên môi trường mạng (trừ hồ sơ mật).",
    "- Tỷ lệ hồ sơ thủ tục hành chính được giải quyết trực tuyến toàn trình đạt tối thiểu 65%.",
    "- 85% người dân từ đủ 14 tuổi trở lên có tài khoản định danh điện tử mức 2.",
    "- 40% hộ kinh doanh trên địa bàn sử dụng thanh toán không dùng tiền mặt.",
    "- 19/19 thôn có Tổ công nghệ số cộng đồng hoạt động thường xuyên.",
    "- 70% hộ gia đình có kết nối internet cáp quang băng rộng.",
]:
    P(line)
P("III. NHIỆM VỤ VÀ PHÂN CÔNG THỰC HIỆN")
P("(Chi tiết tại bảng dưới đây; kinh phí tính bằng triệu đồng)")

rows = [
    ("TT", "Thời hạn", "Nhiệm vụ", "Phân công", "Kinh phí (triệu đồng)"),
    (
        "1",
        "Tháng 3/2026",
        "Kiện toàn Ban Chỉ đạo chuyển đổi số và Đề án 06 của xã",
        "Chủ trì: Văn phòng HĐND và UBND xã; Phối hợp: Công an xã",
        "Không phát sinh",
    ),
    (
        "2",
        "Quý II/2026",
        "Nâng cấp mạng LAN, trang bị 04 máy tính cho Bộ phận Một cửa",
        "Chủ trì: Văn phòng HĐND và UBND xã; Phối hợp: Phòng Kinh tế",
        "120",
    ),
    (
        "3",
        "30/6/2026",
        "Làm sạch dữ liệu dân cư, hướng dẫn kích hoạt tài khoản định danh điện tử mức 2",
        "Chủ trì: Công an xã; Phối hợp: Trưởng các thôn",
        "15",
    ),
    (
        "4",
        "Thường xuyên",
        "Tuyên truyền về chuyển đổi số trên hệ thống loa truyền thanh thông minh và trang Zalo của xã",
        "Chủ trì: Phòng Văn hóa - Xã hội; Phối hợp: Đoàn Thanh niên xã",
        "25",
    ),
    (
        "5",
        "",
        "Xây dựng mô hình chợ thanh toán không dùng tiền mặt tại chợ trung tâm xã",
        "Chủ trì: Phòng Kinh tế; Phối hợp: Hội Liên hiệp Phụ nữ xã, Ngân hàng Nông nghiệp và Phát triển nông thôn chi nhánh Yên Sơn",
        "Xã hội hóa",
    ),
    (
        "6",
        "Tháng 9/2026",
        "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực",
        "Chủ trì: Trung tâm Phục vụ hành chính công xã; Phối hợp: các công chức chuyên môn",
        "",
    ),
    (
        "7",
        "Tháng 10/2026",
        "Tổ chức hưởng ứng Ngày Chuyển đổi số quốc gia 10/10",
        "Chủ trì: Phòng Văn hóa - Xã hội; Phối hợp: Tổ công nghệ số cộng đồng các thôn",
        "30",
    ),
    (
        "8",
        "Quý IV/2026",
        "Tập huấn kỹ năng số cho cán bộ, công chức và thành viên Tổ công nghệ số cộng đồng",
        "Chủ trì: Phòng Văn hóa - Xã hội; Phối hợp: VNPT Tuyên Quang",
        "45",
    ),
]
table = doc.add_table(rows=len(rows), cols=5)
table.style = "Table Grid"
for r, row in enumerate(rows):
    for c, val in enumerate(row):
        table.cell(r, c).text = val

P("IV. KINH PHÍ THỰC HIỆN")
P(
    "Tổng kinh phí dự kiến từ ngân sách xã năm 2026 là 235 triệu đồng; các nhiệm vụ thực hiện theo hình "
    "thức xã hội hóa không sử dụng ngân sách. Kinh phí số hóa hồ sơ sẽ được xác định sau khi rà soát khối "
    "lượng hồ sơ."
)
P("V. TỔ CHỨC THỰC HIỆN")
P(
    "1. Công an xã chủ trì theo dõi, đôn đốc thực hiện Đề án 06; phấn đấu đến hết năm 2026 có 80% người dân "
    "từ đủ 14 tuổi trở lên kích hoạt tài khoản định danh điện tử mức 2; báo cáo kết quả về Ủy ban nhân dân xã "
    "trước ngày 15 hằng tháng."
)
P(
    "2. Văn phòng HĐND và UBND xã là đầu mối tổng hợp, tham mưu Chủ tịch Ủy ban nhân dân xã sơ kết 6 tháng "
    "và tổng kết năm; đồng chí Hà Thị Lan, công chức Văn phòng - Thống kê, là đầu mối theo dõi chung."
)
P(
    "3. Các cơ quan, đơn vị, trưởng các thôn căn cứ nhiệm vụ được phân công xây dựng kế hoạch chi tiết; trong "
    "quá trình thực hiện có khó khăn, vướng mắc báo cáo về Ủy ban nhân dân xã (qua Văn phòng HĐND và UBND xã) "
    "để xem xét, giải quyết."
)

sign = doc.add_table(rows=1, cols=2)
sign.cell(0, 0).text = (
    "Nơi nhận:\n- UBND tỉnh Tuyên Quang (b/c);\n- Sở Khoa học và Công nghệ (b/c);\n"
    "- TT Đảng ủy, HĐND xã;\n- Các cơ quan, đơn vị thuộc xã;\n- Lưu: VT."
)
sign.cell(0, 1).text = "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\n\nMa Văn Thuận"

OUT.parent.mkdir(parents=True, exist_ok=True)
doc.save(OUT)
print(OUT)
