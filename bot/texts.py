"""Every fixed message the bot sends (Vietnamese, Telegram HTML)."""

from __future__ import annotations

BOT_COMMANDS: list[tuple[str, str]] = [
    ("start", "Bắt đầu, chọn xã"),
    ("xa", "Đổi xã đang hỏi"),
    ("hoi", "Đặt câu hỏi (dùng trong nhóm)"),
    ("huongdan", "Hướng dẫn VNeID, Dịch vụ công…"),
    ("chitieu", "Chỉ tiêu, nhiệm vụ trong kế hoạch của xã"),
    ("lienhe", "Liên hệ: đơn vị thực hiện kế hoạch"),
    ("help", "Cách dùng trợ lý"),
    ("xoa", "Xoá câu hỏi đã lưu của bạn"),
]

GREETING = (
    "Xin chào{name}! Tôi là <b>Trợ lý ảo</b> chuyển đổi số của xã: tôi trả lời câu hỏi về kế "
    "hoạch chuyển đổi số của xã và hướng dẫn dùng VNeID, Cổng Dịch vụ công, luôn kèm nguồn trích "
    "dẫn."
)
PRIVACY = (
    "🔒 Câu hỏi của bạn được lưu (đã che số điện thoại, số CCCD, email) trong {days} ngày để cải "
    "thiện câu trả lời; gõ /xoa để xoá bất cứ lúc nào (Luật Bảo vệ dữ liệu cá nhân)."
)
PICK_COMMUNE = "Bạn ở xã nào? Chọn xã để tôi trả lời theo kế hoạch của xã đó:"
NO_COMMUNES = "Hiện chưa có kế hoạch của xã nào trong dữ liệu của trợ lý."
COMMUNE_CHOSEN = (
    "✅ Đã chọn <b>xã {commune}</b>{province}. Bây giờ bạn cứ gõ câu hỏi, ví dụ: "
    "«Tỷ lệ hồ sơ trực tuyến toàn trình năm 2026 là bao nhiêu?»\n"
    "Xem thêm: /chitieu · /lienhe · /huongdan · đổi xã: /xa"
)
COMMUNE_UNKNOWN = "Xã này không còn trong dữ liệu. Bạn vui lòng chọn lại bằng /xa."
NOT_CHOSEN = "Bạn chưa chọn xã. "
NEED_COMMUNE = NOT_CHOSEN + PICK_COMMUNE
CURRENT_COMMUNE = "Xã đang chọn: <b>{commune}</b>. "

HELP = (
    "<b>Cách dùng Trợ lý ảo</b>\n"
    "Cứ gõ câu hỏi bằng tiếng Việt (có dấu hay không dấu đều được), ví dụ:\n"
    "• Tỷ lệ hồ sơ trực tuyến toàn trình năm 2026?\n"
    "• Đơn vị nào chủ trì triển khai Tổ công nghệ số cộng đồng?\n"
    "• Cách đăng ký tài khoản định danh điện tử mức 2?\n\n"
    "<b>Lệnh</b>\n"
    "/xa: chọn hoặc đổi xã\n"
    "/huongdan: các hướng dẫn từng bước (VNeID, Dịch vụ công…)\n"
    "/chitieu: chỉ tiêu, nhiệm vụ trong kế hoạch của xã\n"
    "/lienhe: đơn vị thực hiện kế hoạch, nơi hỏi thêm\n"
    "/xoa: xoá các câu hỏi bạn đã gửi\n\n"
    "Trong nhóm: nhắc tên tôi (@{username}), trả lời tin nhắn của tôi, hoặc dùng "
    "/hoi &lt;câu hỏi&gt;.\n"
    "Mỗi câu trả lời có nguồn trích dẫn; bấm 👍/👎 để góp ý."
)
ASK_USAGE = "Bạn hãy gõ câu hỏi sau lệnh, ví dụ: /hoi Tỷ lệ hồ sơ trực tuyến toàn trình năm 2026?"
EMPTY_MENTION = "Bạn cần hỏi gì? Hãy gõ câu hỏi ngay sau khi nhắc tên tôi, hoặc dùng /hoi."

NON_TEXT = (
    "Xin lỗi, trợ lý hiện chỉ đọc được câu hỏi bằng chữ 🙏 Bạn vui lòng gõ câu hỏi thành tin "
    "nhắn văn bản nhé."
)
EDITED = "Trợ lý không đọc lại tin nhắn đã sửa. Bạn vui lòng gửi câu hỏi thành tin nhắn mới nhé."
UNKNOWN_COMMAND = "Trợ lý không có lệnh này. Gõ /help để xem các lệnh."
ERROR = "Xin lỗi, đã có lỗi xảy ra khi xử lý tin nhắn của bạn. Bạn vui lòng thử lại sau ít phút."
TIMEOUT = (
    "Xin lỗi, trợ lý trả lời quá lâu nên đã dừng lại. Bạn vui lòng thử lại sau hoặc hỏi ngắn "
    "gọn hơn."
)

FEEDBACK_THANKS = "Cảm ơn bạn đã góp ý!"
FEEDBACK_UNKNOWN = "Không tìm thấy câu trả lời này (có thể đã bị xoá hoặc quá hạn lưu)."
FEEDBACK_UNAVAILABLE = "Chưa ghi nhận được góp ý lúc này, bạn vui lòng thử lại sau."
BUTTON_EXPIRED = "Nút này đã cũ. Bạn vui lòng gõ lại lệnh."

DELETED = (
    "🗑 Đã xoá {count} câu hỏi đã lưu của cuộc trò chuyện này{commune}. Các câu hỏi mới vẫn sẽ "
    "được lưu (đã che số cá nhân) để cải thiện câu trả lời."
)
DELETE_FAILED = "Chưa xoá được lúc này, bạn vui lòng thử lại sau."

GUIDES_TITLE = "<b>Hướng dẫn từng bước</b>: chọn một hướng dẫn:"
NO_GUIDES = "Hiện chưa có hướng dẫn nào trong dữ liệu của trợ lý."
GUIDE_UNKNOWN = "Hướng dẫn này không còn trong dữ liệu. Gõ /huongdan để xem danh sách mới."

TARGETS_TITLE = "<b>Chỉ tiêu, nhiệm vụ của xã {commune}</b> (trang {page}/{pages})"
NO_TARGETS = (
    "Kế hoạch của xã {commune} không có bảng chỉ tiêu trong dữ liệu. Bạn có thể hỏi trực tiếp, "
    "ví dụ: «Mục tiêu chuyển đổi số năm 2026 của xã {commune}?»"
)
PREV = "◀ Trước"
NEXT = "Sau ▶"

CONTACTS_TITLE = "<b>Đơn vị thực hiện kế hoạch của xã {commune}</b>"
NO_CONTACTS = "Kế hoạch của xã {commune} không có mục «Tổ chức thực hiện» trong dữ liệu."
CONTACT_FOOTER = "Khi cần hỗ trợ trực tiếp: {contact}."

# Commune picker at scale: by province, then commune (paged), or by a typed name.
NO_PROVINCE = "Chưa rõ tỉnh"
PICK_PROVINCE = (
    "Bạn ở xã nào? Trợ lý có kế hoạch của {communes} xã thuộc {provinces} tỉnh/thành. "
    "Chọn tỉnh trước, hoặc gõ /xa &lt;tên xã&gt;, ví dụ: /xa {example}."
)
PICK_IN_PROVINCE = "Chọn xã của <b>{province}</b> ({count} xã):"
PAGE = " (trang {page}/{pages})"
BACK_TO_PROVINCES = "↩ Các tỉnh"
FOUND_COMMUNES = "Có {count} xã khớp với «{typed}». Chọn xã của bạn:"
FOUND_MORE = " (hiện {shown} xã đầu; gõ tên đầy đủ hơn để thu hẹp)"
COMMUNE_NOT_FOUND = "Không tìm thấy xã nào tên «{typed}» trong dữ liệu của trợ lý."
