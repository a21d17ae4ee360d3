"""A list question that names a heading is answered with what is written under it: the list
items of a heading without sub-headings, or the distinct groups of a table's records."""

from __future__ import annotations

from rag.pipeline.outline import OutlineStrategy, section_children, section_items, table_groups
from rag.pipeline.types import OUTLINE
from tests.pipeline.fakes import analysis, chunk, composer

PROSE = [
    chunk(
        "p1",
        "Năm qua xã đã cố gắng nhiều.\n- Đường truyền ở vùng đồi còn chập chờn.\n"
        "- Người cao tuổi ít dùng điện thoại thông minh.",
        commune="Dân Tiến",
        kind="text",
        start="10",
        section="PHẦN I › 2. Khó khăn, vướng mắc",
    ),
    chunk(
        "p2",
        "+ Chưa có kho dữ liệu dùng chung của xã.",
        commune="Dân Tiến",
        kind="text",
        start="20",
        section="PHẦN I › 2. Khó khăn, vướng mắc",
    ),
    chunk(
        "p3",
        "- Mở lớp học kỹ năng số cho hội phụ nữ.",
        commune="Dân Tiến",
        kind="text",
        start="30",
        section="PHẦN II › 1. Giải pháp",
    ),
]
ROWS = [
    chunk(
        f"r{i}",
        f"Nhóm: {group}; TT: {i}; Tên nhiệm vụ: {task}; Thời gian: Quý {i}",
        commune="Dân Tiến",
        kind="row",
        start=str(100 + i),
        section="BẢNG NHIỆM VỤ TRỌNG TÂM",
        title="Kế hoạch xã Dân Tiến",
    )
    for i, (group, task) in enumerate(
        [
            ("Dữ liệu số", "Lập kho dữ liệu"),
            ("Dữ liệu số", "Làm sạch dữ liệu"),
            ("Kỹ năng số", "Mở lớp học"),
            ("Dịch vụ số", "Mở ki-ốt"),
        ],
        1,
    )
]


def strategy() -> OutlineStrategy:
    return OutlineStrategy(
        composer(),
        {"Dân Tiến": section_children(PROSE, "Dân Tiến")},
        items={"Dân Tiến": section_items(PROSE, "Dân Tiến")},
        groups={"Dân Tiến": table_groups(ROWS, "Dân Tiến")},
    )


def test_items_are_read_per_heading_in_document_order() -> None:
    items = section_items(PROSE, "Dân Tiến")
    assert [t for t, _ in items["2. Khó khăn, vướng mắc"]] == [
        "- Đường truyền ở vùng đồi còn chập chờn.",
        "- Người cao tuổi ít dùng điện thoại thông minh.",
        "+ Chưa có kho dữ liệu dùng chung của xã.",
    ]


def test_a_list_question_naming_a_heading_gets_every_item_under_it() -> None:
    draft = strategy().run(analysis("Xã Dân Tiến gặp những khó khăn, vướng mắc gì?"))
    assert draft is not None and draft.strategy == OUTLINE
    for item in ("chập chờn", "Người cao tuổi", "kho dữ liệu dùng chung"):
        assert item in draft.body
    assert "cố gắng" not in draft.body  # prose that is not a list item
    assert "lớp học" not in draft.body  # items of another heading
    assert all(c.quote for c in draft.citations)


def test_a_question_naming_no_heading_is_left_to_the_passages() -> None:
    assert strategy().run(analysis("Xã Dân Tiến có những ki-ốt nào?")) is None


def test_the_groups_of_a_table_are_listed_once_each_in_order() -> None:
    draft = strategy().run(analysis("Bảng nhiệm vụ của xã Dân Tiến gồm những nhóm nào?"))
    assert draft is not None
    lines = [ln for ln in draft.body.split("\n") if ln.startswith("- ")]
    assert lines == ["- Dữ liệu số [1]", "- Kỹ năng số [2]", "- Dịch vụ số [3]"]
    assert draft.citations[1].quote.startswith("Nhóm: Kỹ năng số")


def test_a_group_of_people_is_not_a_table_group() -> None:
    draft = strategy().run(analysis("Xã Dân Tiến hỗ trợ những nhóm người nào?"))
    assert draft is None or "Dữ liệu số" not in draft.body


def test_a_heading_is_named_by_the_words_before_its_colon() -> None:
    budget = [
        chunk(
            "b1",
            "a) Mua máy quét tài liệu: 30 triệu đồng;\nb) Thuê đường truyền: 20 triệu đồng.",
            commune="Dân Tiến",
            kind="text",
            start="40",
            section="PHẦN III › 1. Quỹ hỗ trợ xã: 50 triệu đồng, trong đó:",
        )
    ]
    outline = OutlineStrategy(composer(), {}, items={"Dân Tiến": section_items(budget, "Dân Tiến")})
    draft = outline.run(analysis("Quỹ hỗ trợ xã Dân Tiến chi cho những khoản nào?"))
    assert draft is not None
    assert "Mua máy quét tài liệu: 30 triệu đồng" in draft.body
    assert "Thuê đường truyền: 20 triệu đồng" in draft.body


def test_a_heading_of_one_generic_word_names_no_list() -> None:
    prose = [
        chunk(
            "s1",
            "- Có 50% hộ dùng ví điện tử.\n- Có 30% hộ mua sắm trực tuyến.",
            commune="Dân Tiến",
            kind="text",
            start="5",
            section="I. MỤC TIÊU › - Về số",
        )
    ]
    outline = OutlineStrategy(composer(), {}, items={"Dân Tiến": section_items(prose, "Dân Tiến")})
    assert outline.run(analysis("Chương trình số của xã Dân Tiến gồm những nội dung gì?")) is None


def test_what_a_unit_does_is_routed_to_the_headings_too() -> None:
    from rag.pipeline.policy import load_policy
    from rag.pipeline.route import RouteStage

    stage = RouteStage({"Dân Tiến": "năm 2026"}, True, load_policy())
    assert OUTLINE in stage.run(analysis("Hội Nông dân xã Dân Tiến làm gì?")).strategies
    assert OUTLINE not in stage.run(analysis("Hội Nông dân xã Dân Tiến ở đâu?")).strategies
