from __future__ import annotations

import pytest

from rag.pipeline.policy import load_policy
from rag.pipeline.route import RouteStage
from rag.pipeline.types import (
    COMPARISON,
    DOCUMENT,
    GUIDE,
    OUTLINE,
    PASSAGES,
    RECORDS,
    REFUSE_PRIVACY,
    REFUSE_UNKNOWN_COMMUNE,
    REFUSE_YEAR,
    SCOPE,
    Route,
)
from tests.pipeline.fakes import analysis

TEXT = {"Dân Tiến": "Mục tiêu năm 2025 và 2026", "Giao An": "Nhiệm vụ năm 2026"}


def route(text: str, commune: str | None = None, records: bool = True) -> Route:
    return RouteStage(TEXT, records, load_policy()).run(analysis(text, commune))


def test_a_year_no_plan_mentions_is_refused() -> None:
    r = route("Chỉ tiêu của xã Giao An năm 2025 là gì?")
    assert r.refusal == REFUSE_YEAR and r.year == "2025"
    assert not route("Chỉ tiêu của xã Dân Tiến năm 2025 là gì?").refusal


def test_a_year_only_in_a_cited_title_is_not_covered_unless_the_documents_are_asked() -> None:
    text = {
        "Giao An": (
            "Căn cứ Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ phê duyệt "
            "Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030;\n"
            "UBND xã ban hành “Đề án chuyển đổi số tỉnh Hà Nam đến năm 2035”.\n"
            "Mục tiêu năm 2026: 80% hồ sơ trực tuyến."
        )
    }
    stage = RouteStage(text, True, load_policy())
    for year in ("2030", "2035"):
        refused = stage.run(analysis(f"Giao An đặt chỉ tiêu cho năm {year} thế nào?", "Giao An"))
        assert refused.refusal == REFUSE_YEAR and refused.year == year
    about = stage.run(analysis("Giao An căn cứ quyết định nào về CĐS đến năm 2030?", "Giao An"))
    assert not about.refusal
    assert not stage.run(analysis("Mục tiêu năm 2026 của Giao An?", "Giao An")).refusal


def test_unknown_places_are_refused() -> None:
    assert route("Kinh phí của xã Hoàn Kiếm?").place == "Hoàn Kiếm"
    r = route("Kinh phí là bao nhiêu?", commune="Hoàn Kiếm")
    assert r.refusal == REFUSE_UNKNOWN_COMMUNE and r.place == "Hoàn Kiếm"


def test_strategies_for_one_commune_in_order() -> None:
    r = route("Những nhiệm vụ nào của xã Dân Tiến?")
    assert r.strategies == (RECORDS, OUTLINE, PASSAGES)
    assert route("Những nhiệm vụ nào của xã Dân Tiến?", records=False).strategies == (
        OUTLINE,
        PASSAGES,
    )


def test_howto_tries_the_guide_first_and_comparisons_use_every_commune() -> None:
    r = route("Làm thế nào để cài đặt ứng dụng VNeID?")
    assert r.strategies[0] == GUIDE and not r.guide_strong_match_only
    assert route("So sánh kinh phí của Dân Tiến và Giao An").strategies[-1] == COMPARISON
    assert route("Ai ký kế hoạch của xã Dân Tiến?").strategies[-1] == DOCUMENT


def test_personal_data_is_refused_before_anything_else() -> None:
    assert route("sdt cua chu tich xa Hoan Kiem").refusal == REFUSE_PRIVACY
    assert route("cách cập nhật số điện thoại trên VNeID").strategies[0] == GUIDE


def test_targets_of_a_province_go_through_the_scope_check() -> None:
    r = route("chỉ tiêu của tỉnh Nghệ An năm 2026")
    assert r.strategies[0] == SCOPE and r.scope is not None and r.scope.key == "tinh nghe an"


def test_routes_are_validated() -> None:
    with pytest.raises(ValueError):
        Route()
    with pytest.raises(ValueError):
        Route(strategies=("guess",))
    with pytest.raises(ValueError):
        Route(strategies=(SCOPE,))
    with pytest.raises(TypeError):
        RouteStage({}, True, policy=object())  # type: ignore[arg-type]
