"""Build nghia-son-ha-kh118-2026.docx: each task is a Word heading + a 2-column key/value table."""

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

OUT = Path(__file__).resolve().parent.parent / "nghia-son-ha-kh118-2026.docx"
d = Document()


def p(text, bold=False, center=False):
    para = d.add_paragraph()
    r = para.add_run(text)
    r.bold = bold
    if center:
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return para


hdr = d.add_table(rows=1, cols=2)
hdr.cell(0, 0).text = "UBND TỈNH QUẢNG NGÃI\nUBND XÃ NGHĨA SƠN HẠ\nSố: 118/KH-UBND"
hdr.cell(
    0, 1
).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nNghĩa Sơn Hạ, ngày 14 tháng 3 năm 2026"
p("KẾ HOẠCH", bold=True, center=True)
p("Triển khai chuyển đổi số và Đề án 06 xã Nghĩa Sơn Hạ năm 2026", bold=True, center=True)
for t in [
    "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia;",
    "Căn cứ Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ (Đề án 06);",
    "Căn cứ Nghị định số 45/2020/NĐ-CP ngày 08/4/2020 của Chính phủ;",
    "Căn cứ Kế hoạch số 97/KH-UBND ngày 05/01/2026 của UBND tỉnh Quảng Ngãi về chuyển đổi số năm 2026;",
]:
    p(t)
d.add_heading("I. KẾT QUẢ NĂM 2025", level=1)
p(
    "Năm 2025, tỷ lệ hồ sơ thủ tục hành chính nộp trực tuyến của xã đạt 57%; 7.840 người có tài khoản định danh điện tử mức 2; 100% thôn (9/9 thôn) có Tổ công nghệ số cộng đồng. Xã đã ra mắt trang thông tin điện tử xã và số hóa 2.900 hồ sơ hộ tịch. Tỷ lệ chi trả an sinh không dùng tiền mặt đạt 72%."
)
d.add_heading("II. CHỈ TIÊU CHUNG NĂM 2026", level=1)
for t in [
    "- Tỷ lệ hồ sơ TTHC nộp trực tuyến: 75%.",
    "- Người dân có định danh điện tử mức 2: 9.600 người.",
    "- Tỷ lệ chi trả an sinh xã hội không dùng tiền mặt: 92%.",
    "- Hộ sản xuất quế, keo ứng dụng nhật ký điện tử: 150 hộ.",
]:
    p(t)
d.add_heading("III. NHIỆM VỤ CỤ THỂ", level=1)
tasks = [
    (
        "Nhiệm vụ 1. Số hóa hồ sơ địa chính",
        [
            (
                "Mục tiêu",
                "Số hóa 100% hồ sơ địa chính của 9 thôn, đưa vào cơ sở dữ liệu đất đai của tỉnh",
            ),
            ("Đơn vị chủ trì", "Phòng Kinh tế xã"),
            ("Phối hợp", "Chi nhánh Văn phòng đăng ký đất đai Nghĩa Hành"),
            ("Thời gian", "Hoàn thành trước 31/10/2026"),
            ("Kinh phí", "480 triệu đồng (ngân sách tỉnh hỗ trợ)"),
        ],
    ),
    (
        "Nhiệm vụ 2. Hệ thống camera giám sát an ninh trật tự",
        [
            ("Mục tiêu", "Lắp 30 camera tại các trục đường chính, kết nối về Công an xã"),
            ("Đơn vị chủ trì", "Công an xã"),
            ("Phối hợp", "Viettel Quảng Ngãi; Ban công tác Mặt trận các thôn"),
            ("Thời gian", "Quý III/2026"),
            ("Kinh phí", "390 triệu đồng (xã hội hóa)"),
        ],
    ),
    (
        "Nhiệm vụ 3. Nhật ký điện tử vùng trồng quế",
        [
            (
                "Mục tiêu",
                "150 hộ trồng quế, keo ghi nhật ký canh tác trên ứng dụng; cấp mã vùng trồng cho 2 thôn",
            ),
            ("Đơn vị chủ trì", "Hợp tác xã Nông nghiệp Sơn Hạ"),
            ("Phối hợp", "Phòng Kinh tế xã, Hội Nông dân xã"),
            ("Thời gian", "Hoàn thành tháng 12/2026"),
            ("Kinh phí", "165 triệu đồng (ngân sách xã)"),
        ],
    ),
    (
        "Nhiệm vụ 4. Phổ cập kỹ năng số cho người dân",
        [
            ("Mục tiêu", 'Mở 18 lớp "Bình dân học vụ số" (2 lớp mỗi thôn)'),
            ("Đơn vị chủ trì", "Đoàn Thanh niên xã"),
            ("Phối hợp", "Tổ công nghệ số cộng đồng, Trường THCS Nghĩa Sơn Hạ"),
            ("Thời gian", "Triển khai trong năm (không ấn định ngày hoàn thành)"),
            ("Kinh phí", "54 triệu đồng (ngân sách xã)"),
        ],
    ),
    (
        "Nhiệm vụ 5. Chi trả an sinh qua tài khoản",
        [
            (
                "Mục tiêu",
                "92% người hưởng chính sách nhận tiền qua tài khoản ngân hàng hoặc ví điện tử",
            ),
            ("Đơn vị chủ trì", "Phòng Văn hóa - Xã hội"),
            ("Phối hợp", "Bưu điện xã, Ngân hàng Chính sách xã hội"),
            ("Thời gian", "30/9/2026"),
            ("Kinh phí", "Không phát sinh"),
        ],
    ),
    (
        "Nhiệm vụ 6. Nâng cấp đường truyền mạng nội bộ UBND xã",
        [
            (
                "Mục tiêu",
                "Đường truyền cáp quang tốc độ 300 Mbps, thay 12 máy tính cho Trung tâm Phục vụ hành chính công",
            ),
            ("Đơn vị chủ trì", "Chưa phân công (UBND xã sẽ giao sau)"),
            ("Phối hợp", "VNPT Quảng Ngãi"),
            ("Thời gian", "Quý II/2026"),
            ("Kinh phí", "211 triệu đồng (ngân sách xã)"),
        ],
    ),
]
for title, rows in tasks:
    d.add_heading(title, level=2)
    t = d.add_table(rows=0, cols=2)
    t.style = "Table Grid"
    for k, v in rows:
        c = t.add_row().cells
        c[0].text = k
        c[1].text = v
d.add_heading("IV. KINH PHÍ", level=1)
p(
    "Tổng kinh phí thực hiện Kế hoạch năm 2026 là 1.300 triệu đồng, trong đó: ngân sách tỉnh hỗ trợ 480 triệu đồng; ngân sách xã 430 triệu đồng; xã hội hóa 390 triệu đồng."
)
d.add_heading("V. TỔ CHỨC THỰC HIỆN", level=1)
p(
    "Văn phòng HĐND và UBND xã là cơ quan thường trực, tổng hợp báo cáo kết quả trước ngày 05/12/2026. Các đơn vị được giao chủ trì xây dựng kế hoạch chi tiết trong 15 ngày kể từ ngày ký. Đầu mối liên hệ: ông Phạm Minh Triều, Phó Chánh Văn phòng HĐND và UBND xã."
)
p("Ghi chú: theo báo cáo sơ kết, tỷ lệ hồ sơ TTHC nộp trực tuyến năm 2026 được giao là 80%.")
sig = d.add_table(rows=1, cols=2)
sig.cell(
    0, 0
).text = "Nơi nhận:\n- UBND tỉnh Quảng Ngãi (b/c);\n- Sở Khoa học và Công nghệ;\n- TT Đảng ủy, HĐND xã;\n- Các đơn vị thuộc xã;\n- Lưu: VT."
sig.cell(0, 1).text = "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\n\nHuỳnh Văn Lộc"
d.save(OUT)
print(OUT)
