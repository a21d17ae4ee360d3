"""The invented facts of the layout zoo: agencies, tasks, targets, names (no real commune)."""

from __future__ import annotations

from dataclasses import dataclass

# Commune agencies: full name as a plan writes it -> casual names a person types.
VP = "Văn phòng HĐND và UBND xã"
KT = "Phòng Kinh tế"
VHXH = "Phòng Văn hóa - Xã hội"
CA = "Công an xã"
TYT = "Trạm Y tế xã"
DTN = "Đoàn Thanh niên xã"
PN = "Hội Liên hiệp Phụ nữ xã"
QS = "Ban Chỉ huy Quân sự xã"
TT = "Trung tâm Phục vụ hành chính công xã"
HND = "Hội Nông dân xã"
MT = "Ủy ban Mặt trận Tổ quốc Việt Nam xã"
TH = "các trường học trên địa bàn xã"
BD = "Bưu điện văn hóa xã"
CCB = "Hội Cựu chiến binh xã"
# Telecom partners get the province name appended by the generator ("VNPT Nghệ An").
VNPT = "VNPT"
VTL = "Viettel"

ALIASES: dict[str, list[str]] = {
    VP: ["văn phòng ubnd xã", "VP HĐND-UBND", "văn phòng hđnd và ubnd"],
    KT: ["phòng kinh tế", "phòng KT"],
    VHXH: ["phòng văn hóa xã hội", "phòng VHXH", "phòng vh-xh"],
    CA: ["công an xã", "CA xã"],
    TYT: ["trạm y tế", "trạm y tế xã"],
    DTN: ["đoàn thanh niên", "xã đoàn"],
    PN: ["hội phụ nữ", "hội LHPN"],
    QS: ["ban chỉ huy quân sự", "quân sự xã"],
    TT: ["trung tâm hành chính công", "TT phục vụ HCC"],
    HND: ["hội nông dân"],
    MT: ["mặt trận tổ quốc xã", "MTTQ xã"],
}


@dataclass(frozen=True)
class TaskSpec:
    key: str  # a phrase that appears verbatim in the task text (list answers must show it)
    text: str  # template: {n} {m} {thon} {thon2}
    refs: tuple[str, ...]  # how a person refers to the task in a question
    leads: tuple[str, ...]
    partners: tuple[str, ...]
    group: int  # 0 hạ tầng/chính quyền số, 1 kinh tế số, 2 xã hội số/dữ liệu


TASKS: tuple[TaskSpec, ...] = (
    TaskSpec(
        "điểm phát wifi công cộng",
        "Lắp đặt {n} điểm phát wifi công cộng miễn phí tại nhà văn hóa {thon}, {thon2} và khu vực chợ trung tâm xã",
        ("wifi công cộng", "wifi miễn phí ở nhà văn hóa"),
        (KT,),
        (VNPT, VTL, VHXH),
        0,
    ),
    TaskSpec(
        "xóa vùng lõm sóng",
        "Phối hợp doanh nghiệp viễn thông xóa vùng lõm sóng di động tại {thon} và khu vực đồi chè phía tây, lắp mới {m} trạm BTS",
        ("vùng lõm sóng", "lõm sóng điện thoại"),
        (KT,),
        (VTL, VNPT),
        0,
    ),
    TaskSpec(
        "cáp quang đến hộ gia đình",
        "Kéo cáp quang đến hộ gia đình tại {n} thôn vùng sâu, bảo đảm tối thiểu {m} hộ mới có kết nối băng rộng cố định",
        ("kéo cáp quang cho hộ dân", "cáp quang về thôn"),
        (KT,),
        (VNPT, VTL),
        0,
    ),
    TaskSpec(
        "hệ thống camera giám sát an ninh",
        "Lắp đặt hệ thống camera giám sát an ninh trật tự tại {n} điểm giao thông trọng yếu và cổng các trường học",
        ("camera an ninh", "camera giám sát ở ngã ba"),
        (CA,),
        (KT, VTL),
        0,
    ),
    TaskSpec(
        "đài truyền thanh ứng dụng công nghệ thông tin",
        "Nâng cấp đài truyền thanh ứng dụng công nghệ thông tin - viễn thông, thay thế {n} cụm loa có dây đã xuống cấp tại {thon}",
        ("loa truyền thanh", "đài truyền thanh thông minh"),
        (VHXH,),
        (VP,),
        0,
    ),
    TaskSpec(
        "thay thế máy tính cũ",
        "Thay thế máy tính cũ cho bộ phận tiếp nhận và trả kết quả, trang bị mới {n} bộ máy tính và {m} máy quét tài liệu",
        ("thay máy tính bộ phận một cửa", "mua máy scan cho một cửa"),
        (VP,),
        (TT,),
        0,
    ),
    TaskSpec(
        "phòng họp trực tuyến",
        "Hoàn thiện phòng họp trực tuyến kết nối từ xã đến {n} thôn, bảo đảm đường truyền số liệu chuyên dùng",
        ("họp trực tuyến với các thôn", "phòng họp online"),
        (VP,),
        (VNPT, KT),
        0,
    ),
    TaskSpec(
        "chữ ký số cá nhân",
        "Cấp và sử dụng chữ ký số cá nhân cho {n} cán bộ, công chức; 100% văn bản đi được ký số trên hệ thống quản lý văn bản",
        ("chữ ký số cho cán bộ", "cấp chữ ký số cá nhân"),
        (VP,),
        (VNPT, VTL),
        0,
    ),
    TaskSpec(
        "số hóa sổ hộ tịch",
        "Số hóa sổ hộ tịch lưu trữ từ năm 1995 đến nay, cập nhật khoảng {n} trang dữ liệu vào cơ sở dữ liệu hộ tịch điện tử",
        ("số hóa hộ tịch", "sổ hộ tịch cũ"),
        (VHXH,),
        (VP, CA),
        2,
    ),
    TaskSpec(
        "làm sạch dữ liệu dân cư",
        "Rà soát, làm sạch dữ liệu dân cư theo tiêu chí đúng, đủ, sạch, sống; xác minh {n} trường hợp sai lệch thông tin",
        ("làm sạch dữ liệu dân cư", "dữ liệu dân cư đúng đủ sạch sống"),
        (CA,),
        (VHXH, VP),
        2,
    ),
    TaskSpec(
        "tài khoản định danh điện tử mức độ 2",
        "Tổ chức {n} đợt cao điểm cấp và kích hoạt tài khoản định danh điện tử mức độ 2 tại nhà văn hóa các thôn",
        ("kích hoạt vneid mức 2", "định danh điện tử mức 2"),
        (CA,),
        (DTN, PN),
        2,
    ),
    TaskSpec(
        "cơ sở dữ liệu đất đai",
        "Chỉnh lý, số hóa hồ sơ địa chính và xây dựng cơ sở dữ liệu đất đai cho {n} thửa đất tại {thon}",
        ("dữ liệu đất đai", "số hóa hồ sơ địa chính"),
        (KT,),
        (VP,),
        2,
    ),
    TaskSpec(
        "dữ liệu người có công",
        "Cập nhật dữ liệu người có công, bảo trợ xã hội lên hệ thống quản lý an sinh, gồm {n} hồ sơ",
        ("dữ liệu người có công", "hồ sơ bảo trợ xã hội"),
        (VHXH,),
        (CCB, MT),
        2,
    ),
    TaskSpec(
        "dữ liệu dân quân tự vệ",
        "Xây dựng dữ liệu dân quân tự vệ và thanh niên trong độ tuổi sẵn sàng nhập ngũ, khoảng {n} hồ sơ",
        ("dữ liệu dân quân", "hồ sơ thanh niên nhập ngũ"),
        (QS,),
        (CA, DTN),
        2,
    ),
    TaskSpec(
        "hồ sơ sức khỏe điện tử",
        "Lập hồ sơ sức khỏe điện tử cho người dân, ưu tiên {n} người cao tuổi và người mắc bệnh mạn tính",
        ("sổ sức khỏe điện tử", "hồ sơ sức khỏe cho người già"),
        (TYT,),
        (CA, PN),
        2,
    ),
    TaskSpec(
        "căn cước gắn chip",
        "Triển khai khám chữa bệnh bảo hiểm y tế bằng căn cước gắn chip tại Trạm Y tế, trang bị {n} đầu đọc thẻ",
        ("khám bệnh bằng căn cước", "đầu đọc thẻ căn cước ở trạm y tế"),
        (TYT,),
        (CA,),
        2,
    ),
    TaskSpec(
        "dịch vụ công trực tuyến toàn trình",
        "Hướng dẫn người dân nộp hồ sơ dịch vụ công trực tuyến toàn trình, bố trí {n} tình nguyện viên hỗ trợ tại Trung tâm",
        ("hỗ trợ nộp hồ sơ online", "dvc trực tuyến toàn trình"),
        (TT,),
        (DTN, CA),
        0,
    ),
    TaskSpec(
        "số hóa kết quả giải quyết thủ tục hành chính",
        "Số hóa kết quả giải quyết thủ tục hành chính còn hiệu lực, khoảng {n} hồ sơ giai đoạn 2021-2025",
        ("số hóa kết quả tthc", "số hóa hồ sơ thủ tục cũ"),
        (TT,),
        (VP, VHXH),
        0,
    ),
    TaskSpec(
        "đánh giá chỉ số chuyển đổi số",
        "Tự đánh giá chỉ số chuyển đổi số cấp xã (DTI), khắc phục {n} tiêu chí đạt điểm thấp năm trước",
        ("tự chấm DTI", "chỉ số DTI của xã"),
        (VP,),
        (KT, VHXH),
        0,
    ),
    TaskSpec(
        "an toàn thông tin mạng",
        "Bảo đảm an toàn thông tin mạng, cài phần mềm phòng chống mã độc cho {n} máy tính của cơ quan xã",
        ("phần mềm diệt virus", "an toàn thông tin"),
        (CA,),
        (VP, VNPT),
        0,
    ),
    TaskSpec(
        "chợ không dùng tiền mặt",
        "Xây dựng mô hình chợ không dùng tiền mặt tại chợ trung tâm xã, {n} tiểu thương có mã QR thanh toán",
        ("chợ ko dùng tiền mặt", "thanh toán QR ở chợ"),
        (KT,),
        (PN, VTL),
        1,
    ),
    TaskSpec(
        "sàn thương mại điện tử",
        "Hỗ trợ hợp tác xã và hộ sản xuất đưa {n} sản phẩm OCOP lên sàn thương mại điện tử",
        ("đưa OCOP lên sàn", "bán hàng online cho hợp tác xã"),
        (KT,),
        (HND, BD),
        1,
    ),
    TaskSpec(
        "truy xuất nguồn gốc",
        "Cấp mã truy xuất nguồn gốc điện tử cho {n} sản phẩm nông sản chủ lực của xã",
        ("mã truy xuất nguồn gốc", "tem truy xuất cho nông sản"),
        (KT,),
        (HND,),
        1,
    ),
    TaskSpec(
        "nông nghiệp số",
        "Xây dựng {n} mô hình nông nghiệp số ứng dụng cảm biến tưới tiêu tự động tại {thon}",
        ("mô hình nông nghiệp thông minh", "tưới tự động"),
        (KT,),
        (HND,),
        1,
    ),
    TaskSpec(
        "du lịch cộng đồng trên nền tảng số",
        "Quảng bá du lịch cộng đồng trên nền tảng số, số hóa {n} điểm tham quan bằng mã QR thuyết minh",
        ("quảng bá du lịch online", "QR thuyết minh điểm du lịch"),
        (VHXH,),
        (DTN, KT),
        1,
    ),
    TaskSpec(
        "an sinh xã hội không dùng tiền mặt",
        "Chi trả trợ cấp an sinh xã hội không dùng tiền mặt cho {n} đối tượng qua tài khoản ngân hàng",
        ("chi trả trợ cấp qua tài khoản", "trả lương hưu ko dùng tiền mặt"),
        (VHXH,),
        (BD, PN),
        1,
    ),
    TaskSpec(
        "Tổ công nghệ số cộng đồng",
        "Kiện toàn Tổ công nghệ số cộng đồng tại {n} thôn, tập huấn kỹ năng cho {m} thành viên",
        ("tổ công nghệ số", "tổ cns cộng đồng"),
        (VHXH,),
        (DTN, MT),
        2,
    ),
    TaskSpec(
        "Bình dân học vụ số",
        "Triển khai phong trào Bình dân học vụ số, tổ chức {n} lớp phổ cập kỹ năng số cho người dân",
        ("bình dân học vụ số", "lớp học kỹ năng số cho dân"),
        (VHXH,),
        (DTN, PN, TH),
        2,
    ),
    TaskSpec(
        "kỹ năng số cho cán bộ",
        "Bồi dưỡng kỹ năng số cho cán bộ, công chức xã, mở {n} lớp tập huấn về khai thác dữ liệu và trí tuệ nhân tạo",
        ("tập huấn AI cho cán bộ", "bồi dưỡng cán bộ về kỹ năng số"),
        (VP,),
        (VHXH,),
        2,
    ),
    TaskSpec(
        "sử dụng điện thoại thông minh",
        "Hướng dẫn người cao tuổi sử dụng điện thoại thông minh và ứng dụng VNeID, ít nhất {n} buổi tại {thon}",
        ("dạy người già dùng smartphone", "hướng dẫn người cao tuổi dùng điện thoại"),
        (PN,),
        (DTN, CCB),
        2,
    ),
    TaskSpec(
        "sổ liên lạc điện tử",
        "Triển khai sổ liên lạc điện tử và thanh toán học phí không dùng tiền mặt tại {n} trường học",
        ("sổ liên lạc điện tử", "đóng học phí online"),
        (VHXH,),
        (TH,),
        2,
    ),
    TaskSpec(
        "tuyên truyền chuyển đổi số",
        "Tuyên truyền chuyển đổi số trên trang thông tin điện tử, nhóm Zalo của {n} thôn và hệ thống loa truyền thanh",
        ("tuyên truyền cđs", "đăng tin cđs lên zalo thôn"),
        (VHXH,),
        (MT, DTN),
        2,
    ),
    TaskSpec(
        "tố giác tội phạm qua ứng dụng",
        "Hướng dẫn người dân phản ánh, tố giác tội phạm qua ứng dụng VNeID, tổ chức {n} buổi tuyên truyền tại các thôn",
        ("tố giác tội phạm qua vneid", "phản ánh an ninh qua app"),
        (CA,),
        (MT, DTN),
        2,
    ),
    TaskSpec(
        "bản đồ số",
        "Xây dựng bản đồ số các thiết chế văn hóa, trường học, trạm y tế và {n} điểm du lịch trên nền tảng bản đồ trực tuyến",
        ("bản đồ số của xã", "đưa lên google map"),
        (KT,),
        (VHXH, DTN),
        1,
    ),
    TaskSpec(
        "kho dữ liệu dùng chung",
        "Xây dựng kho dữ liệu dùng chung của xã, kết nối {n} cơ sở dữ liệu chuyên ngành",
        ("kho dữ liệu dùng chung", "kết nối csdl chuyên ngành"),
        (VP,),
        (CA, KT, VHXH),
        0,
    ),
    TaskSpec(
        "phản ánh hiện trường",
        "Vận hành hệ thống tiếp nhận phản ánh hiện trường qua ứng dụng di động, xử lý trong {n} ngày làm việc",
        ("phản ánh hiện trường", "app phản ánh của dân"),
        (VP,),
        (CA, KT),
        0,
    ),
    TaskSpec(
        "thư viện số",
        "Xây dựng thư viện số tại {n} trường học, số hóa {m} đầu sách và tài liệu địa phương",
        ("thư viện số", "số hóa sách ở trường"),
        (VHXH,),
        (TH,),
        2,
    ),
    TaskSpec(
        "cảnh báo thiên tai",
        "Lắp đặt {n} trạm đo mưa tự động và hệ thống cảnh báo thiên tai sớm qua tin nhắn tại {thon}",
        ("cảnh báo lũ qua tin nhắn", "trạm đo mưa tự động"),
        (QS,),
        (KT, VTL),
        0,
    ),
    TaskSpec(
        "tài khoản thanh toán điện tử",
        "Vận động {n} đoàn viên, thanh niên mở tài khoản thanh toán điện tử và dùng ví điện tử an toàn",
        ("thanh niên mở tài khoản ngân hàng", "ví điện tử cho đoàn viên"),
        (DTN,),
        (BD,),
        1,
    ),
    TaskSpec(
        "hội viên phụ nữ khởi nghiệp",
        "Hỗ trợ {n} hội viên phụ nữ khởi nghiệp, bán hàng trên mạng xã hội và livestream sản phẩm",
        ("phụ nữ bán hàng livestream", "hỗ trợ chị em khởi nghiệp online"),
        (PN,),
        (KT, BD),
        1,
    ),
)


# Targets: indicator text, unit ("%" or a count unit), refs, value range for the first year, yearly step.
@dataclass(frozen=True)
class TargetSpec:
    text: str
    unit: str
    refs: tuple[str, ...]
    lo: int
    hi: int
    step: tuple[int, int]


TARGETS: tuple[TargetSpec, ...] = (
    TargetSpec(
        "Tỷ lệ công dân từ 14 tuổi trở lên được kích hoạt tài khoản định danh điện tử mức độ 2",
        "%",
        ("định danh mức 2", "tỷ lệ vneid mức 2"),
        71,
        89,
        (3, 8),
    ),
    TargetSpec(
        "Tỷ lệ hồ sơ thủ tục hành chính được giải quyết trực tuyến toàn trình",
        "%",
        ("hồ sơ trực tuyến toàn trình", "tỷ lệ dvc toàn trình"),
        52,
        74,
        (6, 12),
    ),
    TargetSpec(
        "Tỷ lệ hộ gia đình có kết nối cáp quang băng rộng",
        "%",
        ("hộ có cáp quang", "tỷ lệ hộ dùng internet cáp quang"),
        61,
        83,
        (4, 9),
    ),
    TargetSpec(
        "Tỷ lệ người dân trưởng thành sử dụng điện thoại thông minh",
        "%",
        ("người lớn dùng smartphone", "tỷ lệ dân có điện thoại thông minh"),
        76,
        88,
        (2, 6),
    ),
    TargetSpec(
        "Số hộ sản xuất, kinh doanh bán hàng trên sàn thương mại điện tử",
        "hộ",
        ("hộ bán hàng trên sàn tmđt", "số hộ bán online"),
        35,
        140,
        (20, 60),
    ),
    TargetSpec(
        "Tỷ lệ người dân có hồ sơ sức khỏe điện tử",
        "%",
        ("người dân có sổ sức khỏe điện tử", "tỷ lệ hồ sơ sức khỏe điện tử"),
        63,
        86,
        (4, 9),
    ),
    TargetSpec(
        "Tỷ lệ giao dịch thanh toán không dùng tiền mặt tại chợ và cửa hàng",
        "%",
        ("thanh toán không tiền mặt ở chợ", "giao dịch ko dùng tiền mặt"),
        31,
        57,
        (7, 14),
    ),
    TargetSpec(
        "Số thôn có Tổ công nghệ số cộng đồng hoạt động hiệu quả",
        "thôn",
        ("số thôn có tổ cns hoạt động tốt", "thôn có tổ công nghệ số hiệu quả"),
        6,
        14,
        (2, 4),
    ),
    TargetSpec(
        "Tỷ lệ cán bộ, công chức xã được bồi dưỡng kỹ năng số",
        "%",
        ("cán bộ được bồi dưỡng kỹ năng số", "tỷ lệ công chức học kỹ năng số"),
        66,
        84,
        (5, 11),
    ),
    TargetSpec(
        "Tỷ lệ văn bản đi được ký số và gửi nhận trên môi trường mạng",
        "%",
        ("văn bản ký số", "tỷ lệ văn bản điện tử"),
        81,
        93,
        (2, 5),
    ),
)

COMMUNES = (
    "Hòa Lương Đông",
    "Tân Khánh Thượng",
    "Phú Điền Bắc",
    "An Thịnh Tây",
    "Vĩnh Tiến Nam",
    "Long Hải Trung",
    "Đại Phong Hạ",
    "Gia Khánh Đông",
    "Mỹ Lương Tây",
    "Quảng Điền Thượng",
    "Hưng Thịnh Nam",
    "Cẩm Phong Bắc",
    "Yên Tiến Đông",
    "Thuận Hải Tây",
    "Bình Lương Hạ",
    "Thạnh Khánh Nam",
    "Phước Điền Trung",
    "Lạc Tiến Bắc",
    "Kim Phong Tây",
    "Đông Lương Thượng",
    "Sơn Thịnh Hạ",
    "Hà Khánh Trung",
    "Ninh Điền Đông",
    "Xuân Hải Bắc",
)
PROVINCES = (
    "Nghệ An",
    "Quảng Trị",
    "Đồng Tháp",
    "Lâm Đồng",
    "Gia Lai",
    "Tây Ninh",
    "Phú Thọ",
    "Thanh Hóa",
    "An Giang",
    "Khánh Hòa",
    "Đắk Lắk",
    "Ninh Bình",
    "Hà Tĩnh",
    "Tuyên Quang",
)
HAMLETS = (
    "thôn Đồng Sen",
    "thôn Bãi Dâu",
    "thôn Gò Mít",
    "thôn Khe Tre",
    "thôn Trại Mới",
    "thôn Đá Bạc",
    "thôn Rộc Cau",
    "thôn Bến Lội",
    "thôn Hố Vàng",
    "thôn Nương Cũ",
    "ấp Cây Da",
    "ấp Rạch Gốc",
)
PEOPLE = (
    "Nguyễn Văn Thắm",
    "Trần Thị Huệ",
    "Lê Quang Vịnh",
    "Phạm Đức Toản",
    "Hoàng Thị Lựu",
    "Võ Minh Khải",
    "Đặng Văn Sửu",
    "Bùi Thị Hạnh",
    "Đỗ Xuân Lộc",
    "Huỳnh Văn Tư",
)
# Values a plan of the zoo never states (refusal questions).
UNSTATED = (
    ("xếp hạng DTI năm 2025 đứng thứ mấy trong tỉnh", "xếp hạng"),
    ("bao nhiêu flycam giám sát đồng ruộng được mua", "flycam"),
    ("mức phụ cấp hằng tháng cho thành viên tổ công nghệ số là bao nhiêu", "phụ cấp"),
    ("có bao nhiêu máy bán hàng tự động được lắp", "máy bán hàng tự động"),
)
CAN_CU = (
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
    "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia;",
    "Căn cứ Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ phê duyệt Đề án phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử phục vụ chuyển đổi số quốc gia giai đoạn 2022 - 2025, tầm nhìn đến năm 2030;",
    "Căn cứ Nghị quyết số 71/NQ-CP ngày 01/4/2025 của Chính phủ sửa đổi, bổ sung, cập nhật Chương trình hành động của Chính phủ thực hiện Nghị quyết số 57-NQ/TW;",
    "Căn cứ Kế hoạch số {k}/KH-UBND ngày {d}/01/2026 của Ủy ban nhân dân tỉnh {p} về chuyển đổi số năm 2026;",
)

# Plausible ranges for the {n} / {m} numbers of a task, by key (default: 3..20 / 2..6).
NUMBERS: dict[str, tuple[tuple[int, int], tuple[int, int]]] = {
    "cáp quang đến hộ gia đình": ((2, 6), (120, 480)),
    "hệ thống camera giám sát an ninh": ((6, 24), (2, 6)),
    "thay thế máy tính cũ": ((4, 12), (2, 5)),
    "chữ ký số cá nhân": ((18, 46), (2, 6)),
    "số hóa sổ hộ tịch": ((2400, 9800), (2, 6)),
    "làm sạch dữ liệu dân cư": ((45, 380), (2, 6)),
    "cơ sở dữ liệu đất đai": ((900, 5200), (2, 6)),
    "dữ liệu người có công": ((140, 620), (2, 6)),
    "dữ liệu dân quân tự vệ": ((180, 720), (2, 6)),
    "hồ sơ sức khỏe điện tử": ((350, 1600), (2, 6)),
    "căn cước gắn chip": ((2, 5), (2, 6)),
    "số hóa kết quả giải quyết thủ tục hành chính": ((1500, 6400), (2, 6)),
    "an toàn thông tin mạng": ((25, 70), (2, 6)),
    "chợ không dùng tiền mặt": ((30, 140), (2, 6)),
    "sàn thương mại điện tử": ((5, 18), (2, 6)),
    "an sinh xã hội không dùng tiền mặt": ((220, 950), (2, 6)),
    "Tổ công nghệ số cộng đồng": ((6, 15), (30, 90)),
    "tài khoản thanh toán điện tử": ((150, 450), (2, 6)),
    "hội viên phụ nữ khởi nghiệp": ((15, 60), (2, 6)),
    "phản ánh hiện trường": ((2, 5), (2, 6)),
    "thư viện số": ((2, 5), (800, 3500)),
    "kho dữ liệu dùng chung": ((4, 9), (2, 6)),
    "đánh giá chỉ số chuyển đổi số": ((3, 8), (2, 6)),
}
