"""Build eval/plans/dong-phu-khe-kh36-2026.docx (layout A: tasks numbered in section II without
agencies; leads assigned by cross-reference in section IV; budget lines refer to task numbers).

Run: python eval/plans/src/dong-phu-khe-kh36-2026.docx.py
"""

from pathlib import Path

from docx import Document

OUT = Path(__file__).resolve().parents[1] / "dong-phu-khe-kh36-2026.docx"

LINES: list[tuple[str, str]] = [
    ("p", "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI"),
    ("p", "ỦY BAN NHÂN DÂN XÃ ĐÔNG PHÚ KHÊ"),
    ("p", "Số: 36/KH-UBND"),
    ("p", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("p", "Độc lập - Tự do - Hạnh phúc"),
    ("p", "Đông Phú Khê, ngày 09 tháng 3 năm 2026"),
    ("h", "KẾ HOẠCH"),
    ("p", "Triển khai chuyển đổi số và Đề án 06 trên địa bàn xã Đông Phú Khê năm 2026"),
    (
        "p",
        "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển "
        "khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia; Ủy ban nhân dân xã "
        "Đông Phú Khê ban hành Kế hoạch với các nội dung sau:",
    ),
    ("h", "I. MỤC TIÊU"),
    (
        "p",
        "Năm 2026 phấn đấu 72% hồ sơ thủ tục hành chính được giải quyết trực tuyến toàn trình; "
        "88% người dân từ 14 tuổi trở lên có tài khoản định danh điện tử mức độ 2; 65% hộ gia "
        "đình sử dụng thanh toán không dùng tiền mặt; 100% cán bộ, công chức xã sử dụng chữ ký số "
        "trong xử lý văn bản.",
    ),
    ("h", "II. NHIỆM VỤ"),
    (
        "n",
        "1. Rà soát, làm sạch và cập nhật dữ liệu dân cư của 4.350 hộ gia đình trên địa bàn, "
        "hoàn thành trong Quý II/2026.",
    ),
    (
        "n",
        "2. Số hóa sổ hộ tịch lưu trữ giai đoạn 1995-2015 (khoảng 6.400 trang), hoàn thành trước "
        "ngày 31/8/2026.",
    ),
    (
        "n",
        "3. Lắp đặt 14 camera giám sát an ninh trật tự tại các ngã ba, ngã tư và khu chợ Gò Mít, "
        "hoàn thành trước ngày 30/9/2026.",
    ),
    (
        "n",
        "4. Hướng dẫn 1.600 người dân cài đặt và kích hoạt ứng dụng VNeID mức độ 2, hoàn thành "
        "trong Quý III/2026.",
    ),
    (
        "n",
        "5. Lắp đặt 02 ki-ốt tra cứu thủ tục hành chính tự phục vụ tại bộ phận một cửa, hoàn thành "
        "trước ngày 30/6/2026.",
    ),
    ("n", "6. Tập huấn kỹ năng số cho 45 cán bộ, công chức xã, thực hiện trong tháng 4/2026."),
    (
        "n",
        "7. Hỗ trợ 32 hộ trồng quế và 1 hợp tác xã đưa sản phẩm lên sàn thương mại điện tử, hoàn "
        "thành trước ngày 15/11/2026.",
    ),
    (
        "n",
        "8. Triển khai thu học phí không dùng tiền mặt tại 3 trường học trên địa bàn, thực hiện "
        "trong năm học 2026-2027.",
    ),
    ("h", "III. KINH PHÍ THỰC HIỆN"),
    (
        "p",
        "Tổng kinh phí thực hiện Kế hoạch là 790 triệu đồng, trong đó ngân sách xã 530 triệu đồng, "
        "ngân sách tỉnh hỗ trợ 260 triệu đồng. Phân bổ theo nhiệm vụ như sau:",
    ),
    ("p", "Nhiệm vụ 2: 185 triệu đồng."),
    ("p", "Nhiệm vụ 3: 375 triệu đồng."),
    ("p", "Nhiệm vụ 5: 110 triệu đồng."),
    ("p", "Nhiệm vụ 6: 48 triệu đồng."),
    ("p", "Nhiệm vụ 7: 72 triệu đồng."),
    ("p", "Các nhiệm vụ còn lại sử dụng kinh phí thường xuyên của cơ quan chủ trì."),
    ("h", "IV. TỔ CHỨC THỰC HIỆN"),
    (
        "p",
        "1. Giao Công an xã chủ trì thực hiện nhiệm vụ tại điểm 1, 4 mục II; phối hợp: Đoàn "
        "Thanh niên xã và Ban nhân dân các thôn.",
    ),
    (
        "p",
        "2. Giao Văn phòng HĐND và UBND xã chủ trì thực hiện nhiệm vụ tại điểm 2, 6 mục II; phối "
        "hợp: Phòng Văn hóa - Xã hội.",
    ),
    (
        "p",
        "3. Giao Phòng Kinh tế chủ trì thực hiện nhiệm vụ tại điểm 3, 7 mục II; phối hợp: Công an "
        "xã, Hội Nông dân xã và Bưu điện văn hóa xã.",
    ),
    (
        "p",
        "4. Giao Trung tâm Phục vụ hành chính công xã chủ trì thực hiện nhiệm vụ tại điểm 5 mục "
        "II; phối hợp: VNPT Quảng Ngãi.",
    ),
    (
        "p",
        "5. Giao Phòng Văn hóa - Xã hội chủ trì thực hiện nhiệm vụ tại điểm 8 mục II; phối hợp: "
        "Ban giám hiệu các trường học và Agribank chi nhánh Đông Phú Khê.",
    ),
    (
        "p",
        "6. Các cơ quan, đơn vị báo cáo kết quả thực hiện về Văn phòng HĐND và UBND xã trước ngày "
        "05/12/2026 để tổng hợp.",
    ),
    ("p", "TM. ỦY BAN NHÂN DÂN"),
    ("p", "CHỦ TỊCH"),
    ("p", "Lê Văn Thạch"),
]


def main() -> None:
    doc = Document()
    for kind, text in LINES:
        if kind == "h":
            doc.add_heading(text, level=2)
        else:
            doc.add_paragraph(text)
    doc.save(OUT)


if __name__ == "__main__":
    main()
