"""Regenerate eval/plans-fresh9/tan-lap-bac-qd215-2026.docx (run from the repository root).

Layout on purpose: the first page is a QUYẾT ĐỊNH (own number, Điều 1-3) that issues the plan; the plan
follows as «KẾ HOẠCH (Ban hành kèm theo Quyết định số …)» with a task table whose columns are
Nhiệm vụ | Bắt đầu | Kết thúc | Đơn vị chủ trì | Đơn vị phối hợp | Sản phẩm.
"""

from pathlib import Path

from docx import Document
from docx.enum.text import WD_BREAK
from docx.shared import Pt

OUT = Path("eval/plans-fresh9/tan-lap-bac-qd215-2026.docx")

doc = Document()
st = doc.styles["Normal"]
st.font.name = "Times New Roman"
st.font.size = Pt(13)
P = doc.add_paragraph


def bold(text):
    p = P()
    p.add_run(text).bold = True
    return p


head = doc.add_table(rows=1, cols=2)
head.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nXÃ TÂN LẬP BẮC\n\nSố: 215/QĐ-UBND"
head.cell(0, 1).text = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
    "Tân Lập Bắc, ngày 09 tháng 01 năm 2026"
)
bold("QUYẾT ĐỊNH")
P(
    "Về việc ban hành Kế hoạch chuyển đổi số, phát triển dữ liệu số và thực hiện Đề án 06 trên địa bàn xã Tân Lập Bắc, tỉnh Phú Thọ năm 2026"
)
bold("ỦY BAN NHÂN DÂN XÃ TÂN LẬP BẮC")
P("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;")
P("Căn cứ Luật Giao dịch điện tử số 20/2023/QH15 ngày 22 tháng 6 năm 2023;")
P(
    "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia;"
)
P(
    "Căn cứ Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ phê duyệt Đề án phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử phục vụ chuyển đổi số quốc gia giai đoạn 2022 - 2025, tầm nhìn đến năm 2030;"
)
P(
    "Căn cứ Nghị định số 45/2020/NĐ-CP ngày 08/4/2020 của Chính phủ về thực hiện thủ tục hành chính trên môi trường điện tử;"
)
P(
    "Căn cứ Kế hoạch số 412/KH-UBND ngày 26/12/2025 của Ủy ban nhân dân tỉnh Phú Thọ về chuyển đổi số tỉnh Phú Thọ năm 2026;"
)
P("Theo đề nghị của Chánh Văn phòng HĐND và UBND xã.")
bold("QUYẾT ĐỊNH:")
P(
    "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch chuyển đổi số, phát triển dữ liệu số và thực hiện Đề án 06 trên địa bàn xã Tân Lập Bắc năm 2026."
)
P("Điều 2. Quyết định này có hiệu lực kể từ ngày ký.")
P(
    "Điều 3. Chánh Văn phòng HĐND và UBND xã, Trưởng Công an xã, Trưởng các phòng chuyên môn, Giám đốc Trung tâm Phục vụ hành chính công xã, Trưởng các khu dân cư và các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này./."
)
sig = doc.add_table(rows=1, cols=2)
sig.cell(
    0, 0
).text = "Nơi nhận:\n- Như Điều 3;\n- UBND tỉnh Phú Thọ (b/c);\n- Sở Khoa học và Công nghệ tỉnh (b/c);\n- TT Đảng ủy, TT HĐND xã;\n- CT, các PCT UBND xã;\n- Lưu: VT, VP."
sig.cell(0, 1).text = "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\n(Đã ký)\n\nNguyễn Đức Mạnh"
P().add_run().add_break(WD_BREAK.PAGE)

head2 = doc.add_table(rows=1, cols=2)
head2.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nXÃ TÂN LẬP BẮC"
head2.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
bold("KẾ HOẠCH")
P("Chuyển đổi số, phát triển dữ liệu số và thực hiện Đề án 06 trên địa bàn xã Tân Lập Bắc năm 2026")
P(
    "(Ban hành kèm theo Quyết định số 215/QĐ-UBND ngày 09/01/2026 của Ủy ban nhân dân xã Tân Lập Bắc)"
)

bold("I. KẾT QUẢ THỰC HIỆN NĂM 2025")
P(
    "Năm 2025, xã Tân Lập Bắc (được thành lập trên cơ sở sắp xếp các xã Tân Lập, Hương Xạ và Phương Xá) đã cung cấp 100% thủ tục hành chính đủ điều kiện dưới hình thức dịch vụ công trực tuyến; tỷ lệ hồ sơ được xử lý trực tuyến toàn trình đạt 52,4%; tỷ lệ người dân từ 14 tuổi trở lên kích hoạt tài khoản định danh điện tử mức 2 đạt 84,7%; Công an xã đã thu nhận 9.815 hồ sơ cấp thẻ căn cước. Chỉ số chuyển đổi số (DTI) năm 2025 của xã xếp thứ 37/148 xã, phường của tỉnh."
)
P(
    "Tồn tại: hạ tầng mạng tại 3 khu dân cư vùng đồi còn yếu; một bộ phận người cao tuổi chưa sử dụng được dịch vụ công trực tuyến; kinh phí cho chuyển đổi số còn hạn chế."
)

bold("II. MỤC TIÊU")
P(
    "1. Mục tiêu chung: xây dựng chính quyền số xã Tân Lập Bắc hoạt động hiệu quả, lấy người dân làm trung tâm; phát triển kinh tế số gắn với vùng chè và du lịch nông thôn."
)
P(
    "2. Mục tiêu cụ thể năm 2026: phấn đấu tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến toàn trình đạt 65%; 100% văn bản đi của UBND xã (trừ văn bản mật) được ký số; 100% khu dân cư có Tổ công nghệ số cộng đồng hoạt động thường xuyên. Các chỉ tiêu chi tiết theo Bảng 1."
)
P("Bảng 1. Chỉ tiêu chuyển đổi số")
tgt = [
    ("Chỉ tiêu", "Năm 2026", "Năm 2027"),
    ("Tỷ lệ hồ sơ TTHC xử lý trực tuyến toàn trình", "68%", "80%"),
    ("Tỷ lệ người từ 14 tuổi trở lên kích hoạt định danh điện tử mức 2", "91%", "96%"),
    ("Tỷ lệ hộ gia đình có đường truyền cáp quang", "83%", "90%"),
    ("Số hộ kinh doanh thanh toán không dùng tiền mặt", "420 hộ", "560 hộ"),
    ("Số Tổ công nghệ số cộng đồng", "14 tổ", "14 tổ"),
    ("Tỷ lệ người dân có sổ sức khỏe điện tử", "75%", "88%"),
]
t = doc.add_table(rows=len(tgt), cols=3)
t.style = "Table Grid"
for i, row in enumerate(tgt):
    for j, v in enumerate(row):
        t.cell(i, j).text = v

bold("III. NHIỆM VỤ VÀ PHÂN CÔNG THỰC HIỆN")
P("Bảng 2. Danh mục nhiệm vụ năm 2026")
tasks = [
    ("Nhiệm vụ", "Bắt đầu", "Kết thúc", "Đơn vị chủ trì", "Đơn vị phối hợp", "Sản phẩm"),
    (
        "1. Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực giai đoạn 2015 - 2025",
        "01/2026",
        "30/9/2026",
        "Văn phòng HĐND và UBND xã",
        "Trung tâm Phục vụ hành chính công xã",
        "Kho hồ sơ số hóa",
    ),
    (
        "2. Làm sạch dữ liệu hộ tịch, kết nối với Cơ sở dữ liệu quốc gia về dân cư",
        "15/01/2026",
        "31/5/2026",
        "Công an xã",
        "Phòng Kinh tế; Văn phòng HĐND và UBND xã",
        "Dữ liệu đúng, đủ, sạch, sống",
    ),
    (
        "3. Lắp đặt camera giám sát an ninh trật tự tại 12 điểm giao thông trọng yếu",
        "3/2026",
        "15/11/2026",
        "Công an xã",
        "Bưu điện văn hóa xã; Viettel Phú Thọ",
        "12 điểm camera kết nối trung tâm giám sát",
    ),
    (
        "4. Lắp đặt wifi miễn phí tại nhà văn hóa 14 khu dân cư",
        "02/2026",
        "30/8/2026",
        "Phòng Văn hóa - Xã hội",
        "VNPT Phú Thọ",
        "14 điểm wifi công cộng",
    ),
    (
        "5. Tập huấn kỹ năng số cho thành viên Tổ công nghệ số cộng đồng (6 lớp)",
        "4/2026",
        "31/10/2026",
        "Phòng Văn hóa - Xã hội",
        "Đoàn Thanh niên xã",
        "6 lớp tập huấn",
    ),
    (
        "6. Hỗ trợ hộ kinh doanh chợ Tân Lập mở tài khoản và dùng mã QR thanh toán",
        "3/2026",
        "",
        "Phòng Kinh tế",
        "Agribank chi nhánh Tân Lập Bắc; Hội Liên hiệp Phụ nữ xã",
        "Hộ kinh doanh dùng QR",
    ),
    (
        "7. Xây dựng bản đồ số du lịch nông thôn đồi chè Tân Lập",
        "5/2026",
        "31/12/2026",
        "",
        "Hợp tác xã chè Tân Lập Bắc; Phòng Văn hóa - Xã hội",
        "Bản đồ số trên nền tảng trực tuyến",
    ),
    (
        "8. Triển khai sổ sức khỏe điện tử trên ứng dụng VNeID",
        "02/2026",
        "30/6/2026",
        "Trạm Y tế xã",
        "Công an xã",
        "Sổ sức khỏe điện tử",
    ),
    (
        "9. Cấp chứng thư số và triển khai ký số cho cán bộ, công chức xã",
        "01/2026",
        "31/3/2026",
        "Văn phòng HĐND và UBND xã",
        "Bưu điện văn hóa xã",
        "Chứng thư số cá nhân",
    ),
    (
        "10. Tự đánh giá, báo cáo Chỉ số chuyển đổi số (DTI) cấp xã năm 2026",
        "10/2026",
        "15/12/2026",
        "Văn phòng HĐND và UBND xã",
        "Các phòng chuyên môn",
        "Báo cáo DTI",
    ),
]
tt = doc.add_table(rows=len(tasks), cols=6)
tt.style = "Table Grid"
for i, row in enumerate(tasks):
    for j, v in enumerate(row):
        tt.cell(i, j).text = v

bold("IV. KINH PHÍ THỰC HIỆN")
bud = [
    ("Nội dung", "Kinh phí (triệu đồng)"),
    ("Số hóa hồ sơ, kết quả giải quyết TTHC", "285"),
    ("Camera giám sát an ninh trật tự", "640"),
    ("Wifi miễn phí tại nhà văn hóa khu dân cư", "168"),
    ("Tập huấn kỹ năng số", "74"),
    ("Bản đồ số du lịch nông thôn", "95"),
    ("Tổng cộng", "1.262"),
]
bt = doc.add_table(rows=len(bud), cols=2)
bt.style = "Table Grid"
for i, row in enumerate(bud):
    for j, v in enumerate(row):
        bt.cell(i, j).text = v
P(
    "Nguồn kinh phí: ngân sách xã năm 2026 bố trí 712 triệu đồng; vốn Chương trình mục tiêu quốc gia xây dựng nông thôn mới do tỉnh phân bổ 550 triệu đồng. Các nhiệm vụ khác sử dụng kinh phí chi thường xuyên của đơn vị."
)

bold("V. TỔ CHỨC THỰC HIỆN")
P(
    "1. Văn phòng HĐND và UBND xã là cơ quan thường trực, theo dõi, đôn đốc và tổng hợp báo cáo kết quả thực hiện Kế hoạch định kỳ hằng quý (trước ngày 20 tháng cuối quý) gửi UBND xã."
)
P(
    "2. Các đơn vị được giao chủ trì chủ động xây dựng kế hoạch chi tiết, bảo đảm tiến độ theo Bảng 2."
)
P("3. Đầu mối theo dõi: đồng chí Lê Thị Thu Hà, công chức Văn phòng - Thống kê.")
P(
    "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các đơn vị báo cáo về UBND xã (qua Văn phòng HĐND và UBND xã) để xem xét, giải quyết./."
)
doc.save(OUT)
print("wrote", OUT)
