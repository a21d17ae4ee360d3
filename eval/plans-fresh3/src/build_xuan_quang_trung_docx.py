"""Regenerate eval/plans-fresh3/xuan-quang-trung-kh07-2026.docx (run from the repository root).

Layout on purpose: header is centred paragraphs (no table), tasks are numbered paragraphs in
section II with no lead/partner/deadline column, and responsibility is assigned later in
section V by cross-reference ("chủ trì thực hiện nhiệm vụ tại điểm 2, 5 mục II").
Budget is a short list in section IV keyed by the same task numbers.
"""

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

OUT = Path("eval/plans-fresh3/xuan-quang-trung-kh07-2026.docx")

doc = Document()
style = doc.styles["Normal"]
style.font.name = "Times New Roman"
style.font.size = Pt(13)


def P(text: str = "", bold: bool = False, center: bool = False, italic: bool = False):
    p = doc.add_paragraph()
    run = p.add_run(text)
    run.bold = bold
    run.italic = italic
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return p


P("UBND XÃ XUÂN QUANG TRUNG", bold=True, center=True)
P("Số: 07/KH-UBND", center=True)
P("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, center=True)
P("Độc lập - Tự do - Hạnh phúc", bold=True, center=True)
P("Xuân Quang Trung, ngày 23 tháng 01 năm 2026", italic=True, center=True)
P()
P("KẾ HOẠCH", bold=True, center=True)
P(
    "Chuyển đổi số, phát triển chính quyền số và bảo đảm an toàn thông tin "
    "xã Xuân Quang Trung năm 2026",
    bold=True,
    center=True,
)
P()
P("Căn cứ Luật Giao dịch điện tử số 20/2023/QH15 ngày 22 tháng 6 năm 2023;")
P(
    "Căn cứ Nghị định số 45/2020/NĐ-CP ngày 08 tháng 4 năm 2020 của Chính phủ về thực hiện "
    "thủ tục hành chính trên môi trường điện tử;"
)
P(
    "Căn cứ Quyết định số 749/QĐ-TTg ngày 03 tháng 6 năm 2020 của Thủ tướng Chính phủ phê duyệt "
    "Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030;"
)
P(
    "Căn cứ Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ Chính trị về đột phá phát "
    "triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia;"
)
P(
    "Căn cứ Kế hoạch số 22/KH-UBND ngày 15 tháng 01 năm 2026 của UBND tỉnh Lào Cai về chuyển đổi "
    "số tỉnh Lào Cai năm 2026;"
)
P("Ủy ban nhân dân xã Xuân Quang Trung xây dựng Kế hoạch như sau:")

P("I. MỤC ĐÍCH, YÊU CẦU VÀ KẾT QUẢ NĂM 2025", bold=True)
P(
    "1. Mục đích: đưa hoạt động của chính quyền xã lên môi trường số, rút ngắn khoảng cách số giữa "
    "các thôn vùng cao với trung tâm xã; bảo đảm an toàn thông tin cho các hệ thống đang vận hành."
)
P(
    "2. Yêu cầu: nhiệm vụ phải có sản phẩm cụ thể, gắn trách nhiệm người đứng đầu; lồng ghép với "
    "Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi."
)
P(
    "3. Kết quả năm 2025: 11/12 thôn đã có sóng 4G (còn thôn Sín Chải chưa có sóng); 7.940 người "
    "đã kích hoạt tài khoản định danh điện tử mức 2; tỷ lệ hồ sơ thủ tục hành chính trực tuyến "
    "toàn trình đạt 41%; thành lập 12 Tổ công nghệ số cộng đồng với 18 thành viên nòng cốt ở cấp xã; "
    "100% văn bản đi của UBND xã (trừ văn bản mật) được ký số. Tồn tại: nhiều hộ dân tộc Mông, Dao "
    "chưa có điện thoại thông minh; chưa có máy chủ và thiết bị tường lửa riêng."
)

P("II. NHIỆM VỤ", bold=True)
tasks = [
    "Rà soát, ban hành Quy chế quản lý, vận hành Hệ thống quản lý văn bản và điều hành của xã sau "
    "sắp xếp; hoàn thành trước ngày 31/3/2026.",
    "Xây dựng cơ sở dữ liệu và bản đồ số vùng chè Shan tuyết của xã (khoảng 480 ha), gắn mã vùng "
    "trồng cho các hợp tác xã; hoàn thành trong tháng 9/2026.",
    "Lắp đặt hệ thống camera an ninh có kết nối về Công an xã tại 12 thôn; hoàn thành trong Quý IV/2026.",
    "Số hóa sổ hộ tịch lưu trữ từ năm 1995 đến năm 2015 của ba xã cũ, cập nhật vào Cơ sở dữ liệu "
    "hộ tịch điện tử; hoàn thành trước ngày 30/11/2026.",
    "Hỗ trợ hộ đồng bào dân tộc thiểu số mở tài khoản thanh toán, ví điện tử để nhận các khoản hỗ "
    "trợ, chính sách qua tài khoản.",
    "Tập huấn kỹ năng số chuyên sâu cho thành viên Tổ công nghệ số cộng đồng (hướng dẫn dịch vụ "
    "công trực tuyến, VNeID, nhận diện lừa đảo); hoàn thành trong tháng 4/2026.",
    "Phổ cập phong trào \u201cBình dân học vụ số\u201d tại 12 thôn, có người hướng dẫn bằng tiếng Mông "
    "và tiếng Dao.",
    "Tổ chức diễn tập ứng cứu sự cố an toàn thông tin mạng cho các hệ thống của UBND xã; thực hiện "
    "trong tháng 8/2026.",
    "Xây dựng điểm du lịch cộng đồng thông minh tại bản Lùng Sán (thuyết minh tự động bằng mã QR, "
    "bản đồ số điểm đến); hoàn thành trước ngày 31/12/2026.",
]
for i, t in enumerate(tasks, 1):
    P(f"{i}. {t}")

P("III. CHỈ TIÊU CHỦ YẾU", bold=True)
P(
    "a) Tỷ lệ hồ sơ công việc của UBND xã được xử lý trên môi trường mạng (trừ hồ sơ mật): năm 2026 đạt 95%, năm 2027 đạt 98%."
)
P(
    "b) Tỷ lệ thủ tục hành chính phát sinh hồ sơ trực tuyến toàn trình: năm 2026 đạt 55%, năm 2027 đạt 70%."
)
P("c) Số người có tài khoản định danh điện tử mức 2 đến hết năm 2026: 9.800 người.")
P(
    "d) 100% thành viên Tổ công nghệ số cộng đồng (20 người) được tập huấn chuyên sâu trong năm 2026."
)
P("đ) Tỷ lệ người dân trưởng thành có kỹ năng số cơ bản: năm 2026 đạt 45%, năm 2027 đạt 60%.")
P("e) Số hộ đồng bào dân tộc thiểu số có tài khoản thanh toán điện tử đến hết năm 2026: 1.200 hộ.")

P("IV. KINH PHÍ", bold=True)
P("Tổng kinh phí dự kiến năm 2026: 865 triệu đồng, phân bổ theo nhiệm vụ tại mục II như sau:")
P("- Nhiệm vụ tại điểm 2: 210 triệu đồng;")
P("- Nhiệm vụ tại điểm 3: 324 triệu đồng;")
P("- Nhiệm vụ tại điểm 4: 156 triệu đồng;")
P("- Nhiệm vụ tại điểm 6: 40 triệu đồng;")
P("- Nhiệm vụ tại điểm 8: 35 triệu đồng;")
P("- Nhiệm vụ tại điểm 9: 100 triệu đồng.")
P(
    "Nguồn kinh phí: ngân sách xã năm 2026 là 515 triệu đồng; vốn Chương trình mục tiêu quốc gia "
    "phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi là 350 triệu đồng. "
    "Các nhiệm vụ còn lại thực hiện bằng kinh phí chi thường xuyên của cơ quan, đơn vị."
)

P("V. TỔ CHỨC THỰC HIỆN", bold=True)
P(
    "1. Giao Văn phòng HĐND và UBND xã chủ trì thực hiện nhiệm vụ tại điểm 1, 4 và 8 mục II; "
    "phối hợp với Công an xã thực hiện nhiệm vụ tại điểm 4. Văn phòng là đầu mối tổng hợp, báo cáo "
    "kết quả thực hiện Kế hoạch."
)
P(
    "2. Giao Phòng Kinh tế chủ trì thực hiện nhiệm vụ tại điểm 2, 5 và 9 mục II. Khi thực hiện "
    "điểm 2, phối hợp với Hội Nông dân xã và các hợp tác xã chè; khi thực hiện điểm 5, phối hợp với "
    "Phòng giao dịch Ngân hàng Chính sách xã hội và Bưu điện xã; khi thực hiện điểm 9, phối hợp với "
    "Phòng Văn hóa - Xã hội và Ban quản lý bản Lùng Sán."
)
P(
    "3. Giao Công an xã chủ trì thực hiện nhiệm vụ tại điểm 3 mục II, phối hợp với Viettel Lào Cai "
    "và trưởng các thôn."
)
P(
    "4. Giao Phòng Văn hóa - Xã hội chủ trì thực hiện nhiệm vụ tại điểm 6 mục II, phối hợp với "
    "Đoàn Thanh niên xã và VNPT Lào Cai."
)
P(
    "5. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam xã, Hội Liên hiệp Phụ nữ xã và Đoàn Thanh niên xã "
    "phối hợp thực hiện nhiệm vụ tại điểm 7 mục II."
)
P(
    "6. Chế độ báo cáo: các cơ quan báo cáo kết quả hằng quý (trước ngày 20 tháng cuối quý) về Văn "
    "phòng HĐND và UBND xã. Người theo dõi: bà Lý Thị Hoa, công chức Văn phòng - Thống kê."
)
P()
P("Nơi nhận:", bold=True, italic=True)
P("- Sở Khoa học và Công nghệ tỉnh Lào Cai;")
P("- TT Đảng ủy, HĐND xã;")
P("- Chủ tịch, các PCT UBND xã;")
P("- Các cơ quan, đơn vị tại mục V;")
P("- Lưu: VT.")
P("KT. CHỦ TỊCH", bold=True, center=True)
P("PHÓ CHỦ TỊCH", bold=True, center=True)
P()
P("Vàng Thị Mai", bold=True, center=True)

OUT.parent.mkdir(parents=True, exist_ok=True)
doc.save(OUT)
print(OUT)
