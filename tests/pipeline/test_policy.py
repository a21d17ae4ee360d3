from __future__ import annotations

import pytest

from rag.pipeline.policy import load_policy

PERSONAL = [
    "sdt cua chu tich xa",
    "cho xin so dien thoai ong Hoang Van Thao",
    "Cho xin số điện thoại ông Hoàng Văn Thảo",
    "Địa chỉ nhà bí thư xã Giao An ở đâu?",
    "Chủ tịch xã Giao An số điện thoại là gì?",
    "email của cán bộ phụ trách chuyển đổi số xã",
    "ngay sinh cua ba Nguyen Thi Lan",
    "Số CCCD của anh Nam là gì?",
    # shorthand fields, persons described by a role, a self word that is not the owner
    "cho xin sđt của chủ tịch xã Giao An Lê Minh Khôi",
    "cho mình xin số điện thoại của trưởng công an xã Giao An",
    "cho minh xin sdt cua truong cong an xa",
    "cho xin đt của cán bộ tư pháp xã",
    "Lê Minh Khôi số điện thoại là gì?",
    "số điện thoại của chủ tịch xã là bao nhiêu?",
    "chủ tịch xã có mấy số điện thoại, cho xin số zalo",
]
NOT_PERSONAL = [
    "cách cập nhật số điện thoại trên VNeID",  # one's own data: a how-to
    "Làm sao đổi số điện thoại của tôi trên VNeID?",
    "Kết quả thu nhận CCCD cho trẻ dưới 14 tuổi ở Dân Tiến ra sao?",  # statistics
    "Tỷ lệ người dân có điện thoại thông minh là bao nhiêu?",
    "Cán bộ xã hỗ trợ người dân cập nhật số điện thoại thế nào?",
    # "di động" of a network, a commune's name, one's own datum
    "Những làng nào ở xã Giao An chưa có sóng di động ổn định?",
    "Xã Giao An có bao nhiêu thuê bao di động?",
    "Xã Giao An địa chỉ ở đâu?",
    "Làm sao đổi số điện thoại của mình trên VNeID?",
    "Số căn cước của tôi bị sai thì sửa thế nào?",
    # statistics about many people: a ratio, or a count of persons or of data
    "bao nhiêu % công chức xã dùng thư điện tử công vụ",
    "ty le can bo thuong xuyen dung email cong vu la bao nhieu",
    "mấy cán bộ xã Hòa Bình đã có địa chỉ email công vụ?",
    "bao nhieu nguoi dan da cap nhat so dien thoai tren VNeID",
]


@pytest.mark.parametrize("question", PERSONAL)
def test_personal_data_of_a_person_is_detected(question: str) -> None:
    assert load_policy().asks_personal_data(question)


@pytest.mark.parametrize("question", NOT_PERSONAL)
def test_own_data_and_statistics_are_not_personal_requests(question: str) -> None:
    assert not load_policy().asks_personal_data(question)


@pytest.mark.parametrize(
    ("question", "key"),
    [
        ("chỉ tiêu của tỉnh Nghệ An năm 2026", "tinh nghe an"),
        ("chi tieu cua tinh nghe an nam 2026", "tinh nghe an"),
        ("Bộ Công an đặt mục tiêu gì", "bo cong an"),
        ("Sở Khoa học và Công nghệ đặt mục tiêu gì?", "so khoa hoc va cong nghe"),
        ("xã Phú Trung và tỉnh Đồng Nai đặt mục tiêu gì", "tinh dong nai"),
    ],
)
def test_targets_of_an_authority_are_found(question: str, key: str) -> None:
    target = load_policy().scope_target(question)
    assert target is not None and target.key == key


@pytest.mark.parametrize(
    "question",
    [
        "Mục tiêu của xã Giao An năm 2026 là gì?",
        "Xã Giao An thuộc tỉnh nào?",
        "Kế hoạch của xã căn cứ vào kế hoạch số mấy của UBND tỉnh Thanh Hoá?",
        "Chỉ tiêu số lượng người dân được phổ cập kỹ năng số do ai chủ trì?",
        "Xã Phú Trung, tỉnh Đồng Nai đặt mục tiêu gì cho năm 2026?",
        "xa phu trung tinh dong nai dat muc tieu gi nam 2026",
        "Chỉ tiêu của xã Tân Phú thuộc tỉnh Lâm Đồng năm 2026?",
    ],
)
def test_commune_questions_are_not_scope_questions(question: str) -> None:
    assert load_policy().scope_target(question) is None


def test_a_passage_states_targets_only_with_the_authority_a_target_word_and_the_year() -> None:
    policy = load_policy()
    target = policy.scope_target("chỉ tiêu của tỉnh Nghệ An năm 2026")
    assert target is not None
    assert not policy.states_targets(target, ["Đề án chuyển đổi số tỉnh Nghệ An đến năm 2030."])
    stated = "Chỉ tiêu tỉnh Nghệ An năm 2026: 90% hồ sơ trực tuyến."
    assert policy.states_targets(target, [stated], ["2026"])
    assert not policy.states_targets(target, [stated], ["2027"])


def test_a_commune_name_that_folds_like_a_province_head_is_not_an_authority() -> None:
    """«Tịnh Dương» folds to "tinh duong", which reads like "tỉnh Dương": the known commune's
    own name is never the authority of a scope question, and the province after it locates it."""
    policy = load_policy()
    question = "xã Tịnh Dương, thành phố Huế đặt chỉ tiêu hồ sơ trực tuyến toàn trình là bao nhiêu?"
    assert policy.scope_target(question, ["Tịnh Dương"]) is None
    assert policy.scope_target("chỉ tiêu của tỉnh Nghệ An năm 2026", ["Tịnh Dương"]) is not None
