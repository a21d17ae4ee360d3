"""Fixed messages of the Zalo channel (plain text: Zalo shows no markup)."""

from __future__ import annotations

PRODUCT_NAME = "Trợ lý ảo"

HELP = (
    "Cách dùng Trợ lý ảo\n"
    "Cứ gõ câu hỏi bằng tiếng Việt (có dấu hay không dấu đều được), ví dụ:\n"
    "• Tỷ lệ hồ sơ trực tuyến toàn trình năm 2026?\n"
    "• Đơn vị nào chủ trì triển khai Tổ công nghệ số cộng đồng?\n"
    "• Cách đăng ký tài khoản định danh điện tử mức 2?\n\n"
    "Lệnh (gõ như tin nhắn, có hay không có dấu /):\n"
    "• xa Phú Trung: chọn hoặc đổi xã (gõ «xa» để xem danh sách)\n"
    "• tinh Đồng Nai: các xã của một tỉnh\n"
    "• huong dan vneid: hướng dẫn từng bước (gõ «huong dan» để xem tất cả)\n"
    "• chi tieu: chỉ tiêu, nhiệm vụ trong kế hoạch của xã\n"
    "• lien he: đơn vị thực hiện kế hoạch, nơi hỏi thêm\n"
    "• xoa: xoá các câu hỏi bạn đã gửi\n\n"
    "Trong nhóm: nhắc tên tôi (@{name}), trả lời tin nhắn của tôi, hoặc gõ /hoi <câu hỏi>.\n"
    "Mỗi câu trả lời có nguồn trích dẫn; gõ 👍 hoặc 👎 để góp ý."
)
CHOICE = "• {label}: gõ «{typed}»"
FEEDBACK_HINT = "Góp ý cho câu trả lời này: gõ 👍 hoặc 👎."
FEEDBACK_NOTHING = "Chưa có câu trả lời nào để góp ý. Bạn cứ đặt câu hỏi trước nhé."
UNKNOWN_COMMAND = "Trợ lý không có lệnh này. Gõ «tro giup» để xem các lệnh."
PROVINCE_NOT_FOUND = "Không tìm thấy tỉnh «{typed}» trong dữ liệu của trợ lý."
GUIDE_NOT_FOUND = "Không có hướng dẫn khớp với «{typed}». "
ASK_USAGE = "Bạn hãy gõ câu hỏi sau lệnh, ví dụ: /hoi Tỷ lệ hồ sơ trực tuyến toàn trình năm 2026?"
