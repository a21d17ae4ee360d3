"""Build eval/plans/phuoc-vinh-nam-kh14-2026.txt (layout C: text copied from a PDF, hard-wrapped at
~70 columns, page numbers "- N -" between pages, a running heading at the top of each page, and
tab-separated tables: targets and a budget in "nghìn đồng").

Run: python eval/plans/src/phuoc-vinh-nam-kh14-2026.txt.py
"""

import textwrap
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "phuoc-vinh-nam-kh14-2026.txt"
RUNNING_HEAD = "Kế hoạch chuyển đổi số xã Phước Vĩnh Nam năm 2026"
PAGE_LINES = 38

BLOCKS: list[str] = [
    "ỦY BAN NHÂN DÂN TỈNH TÂY NINH\nỦY BAN NHÂN DÂN XÃ PHƯỚC VĨNH NAM\nSố: 14/KH-UBND",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
    "Phước Vĩnh Nam, ngày 20 tháng 01 năm 2026",
    "KẾ HOẠCH\nChuyển đổi số xã Phước Vĩnh Nam năm 2026",
    "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa "
    "học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia; căn cứ Kế hoạch số 112/KH-UBND "
    "ngày 05/01/2026 của UBND tỉnh Tây Ninh; Ủy ban nhân dân xã Phước Vĩnh Nam ban hành Kế hoạch "
    "chuyển đổi số năm 2026 với các nội dung sau.",
    "I. KẾT QUẢ NĂM 2025",
    "Năm 2025, toàn xã tiếp nhận 3.140 hồ sơ thủ tục hành chính, trong đó 1.790 hồ sơ được giải "
    "quyết trực tuyến toàn trình, đạt 57%. Xã có 11.420 người đã kích hoạt tài khoản định danh "
    "điện tử mức độ 2 và 9 Tổ công nghệ số cộng đồng với 63 thành viên. Hạn chế: hạ tầng mạng ở "
    "ấp Bàu Cỏ và ấp Rạch Tràm còn yếu; nhiều hộ trồng mãng cầu chưa biết bán hàng trực tuyến.",
    "II. CHỈ TIÊU NĂM 2026",
    "Các chỉ tiêu chủ yếu năm 2026 của xã được xác định tại bảng sau:",
    "TT\tChỉ tiêu\tĐơn vị\tNăm 2026\n"
    "1\tTỷ lệ hồ sơ thủ tục hành chính trực tuyến toàn trình\t%\t74\n"
    "2\tTỷ lệ người dân có tài khoản định danh điện tử mức độ 2\t%\t91\n"
    "3\tSố hộ trồng mãng cầu bán hàng trên sàn thương mại điện tử\thộ\t85\n"
    "4\tSố camera an ninh kết nối trung tâm giám sát của xã\tcamera\t24\n"
    "5\tTỷ lệ người cao tuổi nhận trợ cấp qua tài khoản ngân hàng\t%\t70",
    "III. NHIỆM VỤ TRỌNG TÂM",
    "1. Hạ tầng số: nâng cấp đường truyền cáp quang và lắp thêm 2 trạm phát sóng tại ấp Bàu Cỏ và "
    "ấp Rạch Tràm. Giao Phòng Kinh tế chủ trì, phối hợp với Viettel Tây Ninh và VNPT Tây Ninh, "
    "hoàn thành trước ngày 31/7/2026.",
    "2. Lắp đặt 24 camera an ninh tại các tuyến đường liên ấp và kết nối về trung tâm giám sát "
    "của xã. Giao Công an xã chủ trì, phối hợp với Ban nhân dân các ấp, hoàn thành trong Quý "
    "III/2026.",
    "3. Chi trả trợ cấp cho người cao tuổi, người có công qua tài khoản ngân hàng. Giao Phòng "
    "Văn hóa - Xã hội chủ trì, phối hợp với Bưu điện xã và Hội Người cao tuổi xã, thực hiện "
    "từ tháng 3/2026.",
    "4. Số hóa hồ sơ, giấy tờ kết quả giải quyết thủ tục hành chính còn hiệu lực giai đoạn "
    "2016-2025. Giao Trung tâm Phục vụ hành chính công xã chủ trì, phối hợp với Văn phòng HĐND "
    "và UBND xã, hoàn thành trước ngày 30/10/2026.",
    "5. Hỗ trợ 85 hộ trồng mãng cầu mở gian hàng trên sàn thương mại điện tử và livestream bán "
    "hàng. Giao Hội Nông dân xã chủ trì, phối hợp với Phòng Kinh tế và Đoàn Thanh niên xã, "
    "hoàn thành trước ngày 30/11/2026.",
    '6. Tổ chức 10 lớp "Bình dân học vụ số" cho người dân các ấp. Giao Đoàn Thanh niên xã chủ '
    "trì, phối hợp với Tổ công nghệ số cộng đồng, thực hiện trong Quý II và Quý III/2026.",
    "IV. KINH PHÍ THỰC HIỆN",
    "Kinh phí thực hiện các nhiệm vụ được dự toán theo bảng sau (đơn vị tính: nghìn đồng):",
    "TT\tNội dung\tNgân sách xã\tNgân sách tỉnh\tXã hội hóa\tTổng cộng\n"
    "1\tNâng cấp hạ tầng mạng, trạm phát sóng\t120.000\t0\t480.000\t600.000\n"
    "2\tLắp đặt camera an ninh\t150.000\t310.000\t0\t460.000\n"
    "3\tSố hóa hồ sơ, giấy tờ thủ tục hành chính\t90.000\t265.000\t0\t355.000\n"
    "4\tHỗ trợ hộ trồng mãng cầu lên sàn\t75.000\t0\t40.000\t115.000\n"
    "5\tLớp Bình dân học vụ số\t35.000\t0\t0\t35.000\n"
    "\tTổng cộng\t470.000\t575.000\t520.000\t1.565.000",
    "Tổng kinh phí thực hiện Kế hoạch là 1.565.000 nghìn đồng (khoảng 1,565 tỷ đồng), trong đó "
    "ngân sách xã 470.000 nghìn đồng, ngân sách tỉnh hỗ trợ 575.000 nghìn đồng, nguồn xã hội hóa "
    "520.000 nghìn đồng.",
    "V. TỔ CHỨC THỰC HIỆN",
    "Văn phòng HĐND và UBND xã là cơ quan thường trực, theo dõi, đôn đốc các cơ quan, đơn vị "
    "thực hiện Kế hoạch; tổng hợp, báo cáo kết quả về UBND tỉnh trước ngày 10/12/2026. Các cơ "
    "quan được giao chủ trì chủ động xây dựng kế hoạch chi tiết và bố trí nhân lực thực hiện.",
    "Nơi nhận:\n- UBND tỉnh Tây Ninh;\n- Thường trực Đảng ủy xã;\n- Lưu: VT.",
    "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nTrần Minh Khoa",
]


def _lines() -> list[str]:
    out: list[str] = []
    for block in BLOCKS:
        if "\t" in block or "\n" in block:
            out.extend(block.split("\n"))
        else:
            out.extend(textwrap.wrap(block, width=70))
        out.append("")
    return out


def main() -> None:
    lines = _lines()
    pages = [lines[i : i + PAGE_LINES] for i in range(0, len(lines), PAGE_LINES)]
    text: list[str] = []
    for number, page in enumerate(pages, start=1):
        if number > 1:
            text += ["", f"- {number} -", "", RUNNING_HEAD, ""]
        text += page
    OUT.write_text("\n".join(text).rstrip() + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
