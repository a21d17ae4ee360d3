"""Regenerate eval/plans-fresh7/cam-xuyen-bac-kh104-2026.docx (run from the repository root).

Layout on purpose: the header is a borderless two-column table; the task table is ordered
"Thời gian | Nội dung công việc | Đơn vị thực hiện | Dự toán" and ONE cell holds both roles
("X (chủ trì); Y, Z (phối hợp)"). Targets are a numbered list; 2025 results are bullets.
"""

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

OUT = Path("eval/plans-fresh7/cam-xuyen-bac-kh104-2026.docx")

doc = Document()
style = doc.styles["Normal"]
style.font.name = "Times New Roman"
style.font.size = Pt(13)

head = doc.add_table(rows=1, cols=2)  # default style "Normal Table": no borders
head.cell(0, 0).text = "UBND XÃ CẨM XUYÊN BẮC\nTỔ CÔNG TÁC ĐỀ ÁN 06\n———\nSố: 104/KH-UBND"
head.cell(0, 1).text = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n———\n"
    "Cẩm Xuyên Bắc, ngày 05 tháng 3 năm 2026"
)


def P(text: str = "", bold: bool = False, center: bool = False):
    p = doc.add_paragraph()
    r = p.add_run(text)
    r.bold = bold
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return p


P()
P("KẾ HOẠCH", bold=True, center=True)
P(
    "Thực hiện Đề án 06 và chuyển đổi số trên địa bàn xã Cẩm Xuyên Bắc, tỉnh Hà Tĩnh năm 2026",
    bold=True,
    center=True,
)
P(
    "Căn cứ Luật Giao dịch điện tử số 20/2023/QH15 ngày 22/6/2023; Nghị định số 45/2020/NĐ-CP ngày 08/4/2020 "
    "của Chính phủ về thực hiện thủ tục hành chính trên môi trường điện tử; Quyết định số 749/QĐ-TTg ngày "
    "03/6/2020 của Thủ tướng Chính phủ phê duyệt Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng "
    "đến năm 2030; Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ (Đề án 06); Kế hoạch số "
    "22/KH-UBND ngày 20/01/2026 của Ủy ban nhân dân tỉnh Hà Tĩnh về thực hiện Đề án 06 năm 2026, Ủy ban nhân "
    "dân xã Cẩm Xuyên Bắc xây dựng Kế hoạch như sau:"
)

P("1. Kết quả đạt được năm 2025", bold=True)
for t in [
    "Thu nhận 18.406 hồ sơ cấp căn cước; 100% công dân đủ điều kiện đã được cấp thẻ căn cước.",
    "Kích hoạt 11.237 tài khoản định danh điện tử mức 2, đạt 81,5% dân số từ 14 tuổi trở lên.",
    "Tiếp nhận 3.950 hồ sơ thủ tục hành chính, trong đó tỷ lệ nộp trực tuyến đạt 58%.",
    "96% người hưởng chính sách an sinh xã hội nhận trợ cấp qua tài khoản ngân hàng.",
    "Có 1.740 người dân đã dùng sổ sức khỏe điện tử trên ứng dụng VNeID.",
]:
    doc.add_paragraph(t, style="List Bullet")

P("2. Chỉ tiêu năm 2026", bold=True)
for t in [
    "100% kết quả giải quyết thủ tục hành chính được số hóa và lưu trữ điện tử.",
    "90% người dân từ 14 tuổi trở lên có tài khoản định danh điện tử mức 2.",
    "3.500 người dân sử dụng sổ sức khỏe điện tử trên ứng dụng VNeID.",
    "100% người hưởng trợ cấp an sinh xã hội nhận qua tài khoản.",
    "Tối thiểu 65% hồ sơ thủ tục hành chính có phát sinh phí, lệ phí được thanh toán trực tuyến.",
]:
    doc.add_paragraph(t, style="List Number")

P("3. Nội dung công việc, thời gian và phân công", bold=True)
rows = [
    (
        "Tháng 3/2026",
        "Kiện toàn Tổ công tác triển khai Đề án 06 của xã",
        "Văn phòng HĐND-UBND xã (chủ trì); Công an xã, Đoàn TN (phối hợp)",
        "Không",
    ),
    (
        "Tháng 4 - 6/2026",
        "Thu nhận hồ sơ cấp căn cước lưu động tại 9 thôn cho người cao tuổi, người khuyết tật",
        "Công an xã (chủ trì); Đoàn TN xã, Hội Người cao tuổi xã (phối hợp)",
        "24.000.000",
    ),
    (
        "30/6/2026",
        "Số hóa kết quả thủ tục hành chính lĩnh vực hộ tịch còn tồn đọng giai đoạn 2015 - 2024",
        "Bộ phận Một cửa (chủ trì); công chức Tư pháp - Hộ tịch (phối hợp)",
        "62.000.000",
    ),
    (
        "Quý III/2026",
        "Triển khai thanh toán không dùng tiền mặt tại Trạm Y tế xã và các trường học",
        "Trạm Y tế xã (chủ trì); Trường THCS Cẩm Xuyên Bắc, Agribank chi nhánh Cẩm Xuyên (phối hợp)",
        "15.000.000",
    ),
    (
        "Tháng 10/2026",
        'Tổ chức Hội thi "Tuổi trẻ với chuyển đổi số"',
        "Đoàn TN xã (chủ trì); Hội Liên hiệp Phụ nữ xã (phối hợp)",
        "18.500.000",
    ),
    (
        "",
        "Vận động người dân kích hoạt sổ sức khỏe điện tử trên VNeID, phấn đấu đạt 3.200 người",
        "Trạm Y tế xã (chủ trì); Công an xã (phối hợp)",
        "8.000.000",
    ),
    (
        "Quý IV/2026",
        "Lắp đặt 4 điểm wifi công cộng miễn phí tại nhà văn hóa thôn",
        "VNPT Hà Tĩnh, Ban điều hành các thôn (phối hợp)",
        "36.000.000",
    ),
    (
        "Tháng 12/2026",
        "Sơ kết, đánh giá kết quả thực hiện Đề án 06 năm 2026",
        "Văn phòng HĐND-UBND xã (chủ trì); các ban, ngành, đoàn thể (phối hợp)",
        "Không",
    ),
]
t = doc.add_table(rows=1, cols=4)
t.style = "Table Grid"
for i, h in enumerate(["Thời gian", "Nội dung công việc", "Đơn vị thực hiện", "Dự toán (đồng)"]):
    t.rows[0].cells[i].text = h
for r in rows:
    cells = t.add_row().cells
    for i, v in enumerate(r):
        cells[i].text = v
cells = t.add_row().cells
cells[1].text = "Cộng"
cells[3].text = "163.500.000"

P()
P("4. Kinh phí", bold=True)
P(
    "Tổng dự toán 163.500.000 đồng (một trăm sáu mươi ba triệu năm trăm nghìn đồng), bố trí từ nguồn chi "
    "sự nghiệp trong dự toán ngân sách xã năm 2026 và kinh phí hỗ trợ của Công an tỉnh Hà Tĩnh cho hoạt động "
    "cấp căn cước lưu động."
)
P("5. Tổ chức thực hiện", bold=True)
P(
    "Các đơn vị được phân công chủ động triển khai; định kỳ ngày 20 hằng tháng báo cáo kết quả về Công an xã "
    "(cơ quan thường trực Tổ công tác Đề án 06) để tổng hợp. Người theo dõi: đồng chí Trần Đình Phong, "
    "Phó Trưởng Công an xã."
)

sig = doc.add_table(rows=1, cols=2)
sig.cell(0, 0).text = (
    "Nơi nhận:\n- UBND tỉnh Hà Tĩnh (b/c);\n- Công an tỉnh Hà Tĩnh;\n- TT Đảng ủy xã;\n"
    "- Thành viên Tổ công tác Đề án 06;\n- Lưu: VT, CA."
)
sig.cell(0, 1).text = "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n\n\nNguyễn Thị Lam"

doc.save(OUT)
print("wrote", OUT)
