"""Whether a name starts the way the name of an agency, body or organisation of a commune does.

Generic Vietnamese administrative vocabulary (no name of any one plan): "Phòng …", "Công an xã",
"Trạm Y tế …", "Hội …", "Đoàn …", "Ban …", "Văn phòng …", telecom and postal companies, schools,
banks. Used to tell a heading or cell that names an agency ("5.3. Công an xã") from one that names
a field of the plan ("II. Xã hội số và dữ liệu số").
"""

from __future__ import annotations

import re

from rag.text import fold

AGENCY_START = re.compile(
    r"^(cac |phong|trung tam|tram|doi |doan|ban |uy ban|ubnd|so |cong an|bao hiem|chi nhanh|"
    r"doanh nghiep|to |vnpt|viettel|co so|truong|hoi |mat tran|ubmttq|buu dien|van phong|"
    r"nha truong|dai |cong ty|ngan hang|benh vien|don |hop tac xa|hdnd|hoi dong|chi cuc|"
    r"cong chuc|dang uy)"
)


def starts_like_agency(name: str) -> bool:
    """True if `name` (any case, with or without diacritics) opens like an agency's name."""
    return bool(AGENCY_START.match(fold(name).strip()))
