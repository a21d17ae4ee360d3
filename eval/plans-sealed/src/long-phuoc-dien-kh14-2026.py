"""Renders long-phuoc-dien-kh14-2026.txt: a plan that looks like text extracted from a PDF
(hard wraps at ~80 columns, fixed-width tables with wrapped cells, page headers/footers).
Run: python eval/plans-sealed/src/long-phuoc-dien-kh14-2026.py > eval/plans-sealed/long-phuoc-dien-kh14-2026.txt
"""

import textwrap

WIDTH = 80
PAGE_LINES = 44

P = "P"
T = "T"
RAW = "R"

blocks = [
    (
        RAW,
        [
            "UBND XÃ LONG PHƯỚC ĐIỀN         CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "                                      Độc lập - Tự do - Hạnh phúc",
            "Số: 14/KH-UBND",
            "                                  Long Phước Điền, ngày 15/01/2026",
            "",
            "                                   KẾ HOẠCH",
            "      Chuyển đổi số, phát triển dịch vụ công trực tuyến và thực hiện",
            "   Đề án 06 trên địa bàn xã Long Phước Điền, tỉnh Tây Ninh năm 2026",
            "",
        ],
    ),
    (
        P,
        "Căn cứ Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ phê duyệt "
        "Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030; Quyết định "
        "số 411/QĐ-TTg ngày 31/3/2022 của Thủ tướng Chính phủ phê duyệt Chiến lược quốc gia phát "
        "triển kinh tế số và xã hội số đến năm 2025, định hướng đến năm 2030; Quyết định số "
        "06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ phê duyệt Đề án 06; Nghị quyết số "
        "57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ, "
        "đổi mới sáng tạo và chuyển đổi số quốc gia; Nghị định số 45/2020/NĐ-CP ngày 08/4/2020 "
        "của Chính phủ về thực hiện thủ tục hành chính trên môi trường điện tử;",
    ),
    (
        P,
        "Căn cứ Kế hoạch số 96/KH-UBND ngày 06/01/2026 của UBND tỉnh Tây Ninh về chuyển đổi "
        "số tỉnh Tây Ninh năm 2026; UBND xã Long Phước Điền xây dựng Kế hoạch chuyển đổi số, "
        "phát triển dịch vụ công trực tuyến và thực hiện Đề án 06 năm 2026 như sau:",
    ),
    (RAW, ["", "I. ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NĂM 2025", ""]),
    (
        P,
        "Xã Long Phước Điền có 9 ấp (Phước Lợi, Bàu Sen, Rạch Tràm, Long Hòa, Cây Da, Phước "
        "Hưng, Long Thới, Bến Đình, Xóm Mới) với 6.870 hộ, 24.315 nhân khẩu. Năm 2025, Trung tâm "
        "Phục vụ hành chính công xã tiếp nhận 5.102 hồ sơ thủ tục hành chính; tỷ lệ hồ sơ giải "
        "quyết trực tuyến toàn trình đạt 52%; tỷ lệ hồ sơ được số hóa khi tiếp nhận đạt 90%.",
    ),
    (
        P,
        "Công an xã kích hoạt được 14.980 tài khoản định danh điện tử mức 2, đạt 76% số công dân "
        "đủ điều kiện; hoàn thành làm sạch dữ liệu dân cư, thu nhận 2.140 hồ sơ cấp căn cước, "
        "trong đó 418 hồ sơ cấp lưu động tại ấp và tại nhà cho người già yếu, khuyết tật.",
    ),
    (
        P,
        "Về kinh tế số, xã hội số: 68% hộ gia đình có đường truyền Internet cáp quang; 55% người "
        "từ 15 tuổi trở lên có tài khoản thanh toán điện tử; 8 sản phẩm OCOP (bánh tráng phơi "
        "sương Long Phước, muối tôm Bàu Sen, mãng cầu Phước Hưng...) được đưa lên sàn thương mại "
        "điện tử; 81% người dân có hồ sơ sức khỏe điện tử; 58% người trong độ tuổi lao động có kỹ "
        "năng số cơ bản; 12 cụm loa truyền thanh thông minh hoạt động ổn định. Xã duy trì 9 Tổ "
        "công nghệ số cộng đồng với 63 thành viên.",
    ),
    (
        P,
        "Hạn chế: ấp Rạch Tràm và ấp Bàu Sen sóng di động yếu, chưa có cáp quang đến hộ gia "
        "đình; 5 máy tính tại bộ phận một cửa cấu hình thấp; dữ liệu đất đai còn sai lệch giữa "
        "hồ sơ giấy và cơ sở dữ liệu; tình trạng lừa đảo qua mạng nhắm vào người cao tuổi gia "
        "tăng (năm 2025 có 7 vụ được trình báo).",
    ),
    (RAW, ["", "II. MỤC TIÊU, CHỈ TIÊU NĂM 2026", "", "1. Mục tiêu chung", ""]),
    (
        P,
        "Hoàn thiện chính quyền số cấp xã sau sắp xếp; 100% thủ tục hành chính đủ điều kiện được "
        "cung cấp trực tuyến toàn trình; phấn đấu tỷ lệ hồ sơ thủ tục hành chính giải quyết trực "
        "tuyến toàn trình năm 2026 đạt tối thiểu 70%; 85% hộ gia đình có đường truyền Internet "
        "cáp quang; khai thác dữ liệu dân cư phục vụ người dân, doanh nghiệp.",
    ),
    (RAW, ["", "2. Chỉ tiêu cụ thể", ""]),
    (
        T,
        {
            "widths": [4, 34, 9, 11, 18],
            "rows": [
                ["STT", "Chỉ tiêu", "Năm 2025", "Năm 2026", "Đơn vị chủ trì"],
                [
                    "1",
                    "Tỷ lệ hồ sơ TTHC giải quyết trực tuyến toàn trình",
                    "52%",
                    "75%",
                    "Trung tâm PVHCC xã",
                ],
                [
                    "2",
                    "Tỷ lệ công dân đủ điều kiện kích hoạt định danh điện tử mức 2",
                    "76%",
                    "90%",
                    "Công an xã",
                ],
                ["3", "Tỷ lệ hộ gia đình có Internet cáp quang", "68%", "80%", "Phòng Kinh tế"],
                [
                    "4",
                    "Tỷ lệ người từ 15 tuổi có tài khoản thanh toán điện tử",
                    "55%",
                    "70%",
                    "Phòng Kinh tế",
                ],
                [
                    "5",
                    "Sản phẩm OCOP trên sàn thương mại điện tử",
                    "8",
                    "12 sản phẩm",
                    "Phòng Kinh tế",
                ],
                ["6", "Tỷ lệ người dân có hồ sơ sức khỏe điện tử", "81%", "95%", "Trạm Y tế xã"],
                [
                    "7",
                    "Tỷ lệ người trong độ tuổi lao động có kỹ năng số cơ bản",
                    "58%",
                    "72%",
                    "Phòng VH-XH",
                ],
                ["8", "Cụm loa truyền thanh thông minh", "12 cụm", "20 cụm", "Phòng VH-XH"],
            ],
        },
    ),
    (
        P,
        "Định hướng đến năm 2030: 100% hồ sơ thủ tục hành chính đủ điều kiện được giải quyết "
        "trực tuyến toàn trình; 100% hộ gia đình có Internet cáp quang; 100% ấp đạt tiêu chí "
        '"Ấp số".',
    ),
    (RAW, ["", "III. NHIỆM VỤ VÀ GIẢI PHÁP", ""]),
    (
        P,
        "1. Rà soát, công bố danh mục thủ tục hành chính cung cấp trực tuyến toàn trình; cấu "
        "hình quy trình điện tử trên Hệ thống thông tin giải quyết thủ tục hành chính tỉnh. Trung "
        "tâm Phục vụ hành chính công xã chủ trì, Văn phòng HĐND và UBND xã phối hợp; hoàn thành "
        "trước ngày 28/02/2026.",
    ),
    (
        P,
        "2. Đối soát, chỉnh lý dữ liệu đất đai giữa hồ sơ giấy và cơ sở dữ liệu đất đai, bảo "
        'đảm dữ liệu "đúng, đủ, sạch, sống". Phòng Kinh tế chủ trì, Công an xã phối hợp; hoàn '
        "thành trong tháng 10/2026.",
    ),
    (
        P,
        "3. Tiếp tục kích hoạt tài khoản định danh điện tử mức 2, hướng dẫn người dân sử dụng "
        "các tiện ích trên ứng dụng VNeID (sổ sức khỏe điện tử, phiếu lý lịch tư pháp, thông "
        "báo lưu trú). Công an xã chủ trì; Đoàn Thanh niên, Hội Cựu chiến binh xã phối hợp; "
        "thực hiện thường xuyên.",
    ),
    (
        P,
        "4. Lắp đặt 8 cụm loa truyền thanh thông minh tại các ấp Rạch Tràm, Bàu Sen, Cây Da và "
        "Long Hòa. Phòng Văn hóa - Xã hội chủ trì, VNPT Tây Ninh phối hợp; hoàn thành trước "
        "ngày 30/8/2026.",
    ),
    (
        P,
        "5. Hỗ trợ hợp tác xã, chủ thể OCOP đưa thêm 4 sản phẩm lên sàn thương mại điện tử, "
        "livestream bán hàng. Phòng Kinh tế chủ trì; Bưu điện văn hóa xã, Hội Nông dân xã phối "
        "hợp.",
    ),
    (
        P,
        '6. Xây dựng thí điểm mô hình "Ấp số" tại ấp Phước Lợi (thanh toán không dùng tiền '
        "mặt, nhóm Zalo ấp, camera an ninh, 100% hộ có người biết nộp hồ sơ trực tuyến). Phòng "
        "Văn hóa - Xã hội chủ trì; Ban Nhân dân ấp Phước Lợi, Ủy ban Mặt trận Tổ quốc Việt Nam "
        "xã phối hợp; hoàn thành trước ngày 30/11/2026.",
    ),
    (
        P,
        "7. Phát triển hạ tầng: đề nghị doanh nghiệp viễn thông lắp đặt trạm BTS, kéo cáp quang "
        "đến ấp Rạch Tràm và ấp Bàu Sen. Phòng Kinh tế chủ trì; Viettel Tây Ninh, MobiFone phối "
        "hợp; thực hiện trong quý III/2026.",
    ),
    (
        P,
        "8. Thay thế 5 máy tính, bổ sung 2 máy quét tài liệu tốc độ cao cho Trung tâm Phục vụ "
        "hành chính công xã. Văn phòng HĐND và UBND xã chủ trì; hoàn thành trước ngày "
        "31/5/2026.",
    ),
    (
        P,
        "9. Tổ chức 9 buổi tuyên truyền phòng, chống lừa đảo trực tuyến và bảo vệ dữ liệu cá "
        "nhân tại 9 ấp. Công an xã chủ trì, Phòng Văn hóa - Xã hội phối hợp; thực hiện trong quý "
        "II/2026.",
    ),
    (
        P,
        "10. Khám chữa bệnh bảo hiểm y tế bằng căn cước, VNeID; cập nhật hồ sơ sức khỏe điện tử "
        "cho người dân. Trạm Y tế xã chủ trì, Bảo hiểm xã hội cơ sở phối hợp.",
    ),
    (RAW, ["", "IV. KINH PHÍ THỰC HIỆN", ""]),
    (
        T,
        {
            "widths": [4, 50, 14],
            "rows": [
                ["TT", "Nội dung", "Kinh phí"],
                ["", "", "(triệu đồng)"],
                ["1", "Lắp đặt 8 cụm loa truyền thanh thông minh", "240"],
                ["2", "Máy tính, máy quét cho Trung tâm Phục vụ hành chính công", "165"],
                ["3", "Đối soát, chỉnh lý dữ liệu đất đai", "90"],
                ["4", 'Mô hình "Ấp số" tại ấp Phước Lợi', "55"],
                ["5", "Tập huấn, tuyên truyền kỹ năng số, chống lừa đảo", "48"],
                ["6", "Hỗ trợ sản phẩm OCOP lên sàn thương mại điện tử", "22"],
                ["", "Tổng cộng", "620"],
            ],
        },
    ),
    (
        P,
        "Nguồn kinh phí: ngân sách xã năm 2026 là 470 triệu đồng; ngân sách tỉnh hỗ trợ 150 "
        "triệu đồng cho hạng mục loa truyền thanh thông minh. Hạ tầng viễn thông tại ấp Rạch "
        "Tràm, ấp Bàu Sen do doanh nghiệp viễn thông tự đầu tư.",
    ),
    (RAW, ["", "V. TỔ CHỨC THỰC HIỆN", ""]),
    (
        P,
        "1. Văn phòng HĐND và UBND xã là cơ quan thường trực, theo dõi, đôn đốc các đơn vị thực "
        "hiện Kế hoạch; tổng hợp báo cáo UBND xã trước ngày 22 hằng tháng; tham mưu sơ kết 6 "
        "tháng trước ngày 20/6/2026 và tổng kết năm trước ngày 20/11/2026.",
    ),
    (
        P,
        "2. Công an xã chủ trì thực hiện các nhiệm vụ của Đề án 06, bảo đảm an ninh mạng; Phòng "
        "Kinh tế chủ trì kinh tế số và hạ tầng số; Phòng Văn hóa - Xã hội chủ trì xã hội số, "
        "tuyên truyền; Trung tâm Phục vụ hành chính công xã chủ trì dịch vụ công trực tuyến.",
    ),
    (
        P,
        "3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam xã và các đoàn thể vận động hội viên tham "
        'gia; Đoàn Thanh niên xã duy trì mô hình "Chủ nhật xanh - dịch vụ công" hỗ trợ người '
        "dân nộp hồ sơ trực tuyến tại nhà văn hóa ấp vào sáng Chủ nhật hằng tuần.",
    ),
    (
        P,
        "Trong quá trình triển khai, nếu có khó khăn, vướng mắc, các đơn vị báo cáo UBND xã "
        "(qua Văn phòng HĐND và UBND xã) để xem xét, chỉ đạo./.",
    ),
    (
        RAW,
        [
            "",
            "Nơi nhận:                                       KT. CHỦ TỊCH",
            "- UBND tỉnh Tây Ninh (b/c);                     PHÓ CHỦ TỊCH",
            "- Sở Khoa học và Công nghệ (b/c);",
            "- TT Đảng ủy, TT HĐND xã;",
            "- CT, các PCT UBND xã;                            (đã ký)",
            "- Các đơn vị, ấp;",
            "- Lưu: VT.                                      Huỳnh Tấn Lộc",
        ],
    ),
]


def render_table(spec: dict) -> list[str]:
    widths = spec["widths"]
    out = []
    for row in spec["rows"]:
        cells = [textwrap.wrap(c, w) or [""] for c, w in zip(row, widths, strict=True)]
        height = max(len(c) for c in cells)
        for i in range(height):
            parts = [
                (c[i] if i < len(c) else "").ljust(w) for c, w in zip(cells, widths, strict=True)
            ]
            out.append("  ".join(parts).rstrip())
    out.append("")
    return out


def body_lines() -> list[str]:
    lines: list[str] = []
    for kind, content in blocks:
        if kind == RAW:
            lines.extend(content)
        elif kind == P:
            lines.extend(textwrap.wrap(content, WIDTH, initial_indent="    "))
        else:
            lines.extend(render_table(content))
    return lines


def paginate(lines: list[str]) -> list[str]:
    pages = [lines[i : i + PAGE_LINES] for i in range(0, len(lines), PAGE_LINES)]
    n = len(pages)
    out: list[str] = []
    for k, page in enumerate(pages, 1):
        if k > 1:
            out.append("UBND xã Long Phước Điền - Kế hoạch số 14/KH-UBND")
            out.append("")
        out.extend(page)
        out.append("")
        out.append(f"Trang {k}/{n}".rjust(WIDTH))
        out.append("\f" if k < n else "")
    return out


if __name__ == "__main__":
    print("\n".join(paginate(body_lines())))
