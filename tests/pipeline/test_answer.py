from __future__ import annotations

import pytest

from rag.pipeline.answer import AnswerStage
from rag.pipeline.guide import GuideStrategy
from rag.pipeline.outline import OutlineStrategy, section_children
from rag.pipeline.passages import PassagesStrategy
from rag.pipeline.policy import ScopeTarget, load_policy
from rag.pipeline.records import RecordsStrategy
from rag.pipeline.refusals import Refusals
from rag.pipeline.scope import ScopeStrategy
from rag.pipeline.types import (
    GUIDE,
    OUTLINE,
    PASSAGES,
    RECORDS,
    REFUSE_PRIVACY,
    REFUSE_UNKNOWN_COMMUNE,
    REFUSE_YEAR,
    SCOPE,
    Evidence,
    GuideMatch,
    Route,
)
from rag.termstats import ExactTermStats
from tests.pipeline.fakes import COMMUNES, analysis, chunk, citation, composer, plan_hit


class FakeTables:
    def __init__(self, text: str | None) -> None:
        self.text = text

    def answer(self, text, communes):
        if self.text is None:
            return None
        outer = self

        class Result:
            text = outer.text
            citations = [citation("Tỷ lệ 80%")]

        return Result()


OUTLINE_CHUNKS = [
    chunk(
        f"c{i}",
        "…",
        commune="Dân Tiến",
        kind="text",
        start=str(i),
        section=f"TỔ CHỨC THỰC HIỆN › {name}",
    )
    for i, name in enumerate(["1. Phòng Văn hóa", "2. Công an xã", "3. Văn phòng HĐND"])
]
GUIDE_CHUNKS = [
    chunk(
        "g1",
        "1. Mở ứng dụng VNeID.\n2. Chọn Đăng ký.",
        title="Đăng ký VNeID",
        section="Các bước",
        doc_id="g",
        slug="dang-ky",
    ),
]


def stage(tables: str | None = None) -> AnswerStage:
    c = composer()
    refusals = Refusals(list(COMMUNES))
    outlines = {"Dân Tiến": section_children(OUTLINE_CHUNKS, "Dân Tiến")}
    return AnswerStage(
        refusals,
        GuideStrategy(c, ExactTermStats(["mở ứng dụng vneid đăng ký"])),
        OutlineStrategy(c, outlines),
        PassagesStrategy(c, refusals),
        RecordsStrategy(FakeTables(tables), c.max_chars),
        ScopeStrategy(load_policy(), refusals),
    )


def test_refusals_name_the_reason() -> None:
    s = stage()
    a = analysis("Kinh phí của xã Hoàn Kiếm?")
    unknown = s.run(a, Route(refusal=REFUSE_UNKNOWN_COMMUNE, place="Hoàn Kiếm"), Evidence())
    assert unknown.refused and "«Hoàn Kiếm»" in unknown.body and unknown.reason == "unknown_commune"
    year = s.run(
        analysis("Năm 2040 xã Dân Tiến?"), Route(refusal=REFUSE_YEAR, year="2040"), Evidence()
    )
    assert "năm 2040" in year.body and year.reason == "year"
    private = s.run(analysis("sdt chu tich xa"), Route(refusal=REFUSE_PRIVACY), Evidence())
    assert private.refused and private.citations == [] and "dữ liệu cá nhân" in private.body


def test_records_win_over_passages_and_add_sources_that_fit() -> None:
    a = analysis("Tỷ lệ của xã Dân Tiến?")
    draft = stage("Tỷ lệ là 80% [1].").run(a, Route(strategies=(RECORDS, PASSAGES)), Evidence())
    assert draft.strategy == RECORDS and draft.sources and draft.sources[0].startswith("[1]")
    too_long = stage("x" * 1490).run(a, Route(strategies=(RECORDS, PASSAGES)), Evidence())
    assert too_long.sources == []


def test_falls_through_to_passages_when_records_have_nothing() -> None:
    a = analysis("Mục tiêu của xã Dân Tiến?")
    hits = [plan_hit("h1", "Mục tiêu: 80% hộ gia đình có cáp quang.")]
    draft = stage(None).run(a, Route(strategies=(RECORDS, PASSAGES)), Evidence(hits=hits))
    assert draft.strategy == PASSAGES and not draft.refused
    assert draft.passages and draft.passages[0].quote.startswith("Mục tiêu")


def test_outline_lists_the_named_section() -> None:
    a = analysis("Tổ chức thực hiện gồm những đơn vị nào ở xã Dân Tiến?")
    draft = stage().run(a, Route(strategies=(OUTLINE, PASSAGES)), Evidence())
    assert draft.strategy == OUTLINE
    assert draft.body.count("\n- ") == 3 and draft.sources[0].startswith("[1]")


def test_guide_answers_a_howto_with_its_steps() -> None:
    a = analysis("Làm thế nào để đăng ký VNeID?")
    found = GuideMatch(GUIDE_CHUNKS, 0.9)
    draft = stage().run(a, Route(strategies=(GUIDE, PASSAGES)), Evidence(guide=found))
    assert (
        draft.strategy == GUIDE and "Mở ứng dụng" in draft.body and "/guides/dang-ky" in draft.body
    )


def test_a_weak_guide_match_does_not_answer_a_plan_question() -> None:
    a = analysis("Đăng ký VNeID đạt bao nhiêu?")
    route = Route(strategies=(GUIDE, PASSAGES), guide_strong_match_only=True)
    draft = stage().run(a, route, Evidence(guide=GuideMatch(GUIDE_CHUNKS, 0.5)))
    assert draft.strategy != GUIDE


def test_a_commune_plan_passage_beats_a_guide_that_covers_the_question_less() -> None:
    a = analysis("Xã Dân Tiến tổ chức cấp căn cước lưu động ở đâu?")
    hits = [plan_hit("h1", "Nhiệm vụ: Tổ chức cấp căn cước lưu động tại trường học.")]
    route = Route(strategies=(GUIDE, PASSAGES))
    weak = stage().run(a, route, Evidence(guide=GuideMatch(GUIDE_CHUNKS, 0.65), hits=hits))
    assert weak.strategy == PASSAGES and "trường học" in weak.body
    # Without a strong plan passage, or against a guide on the task, the guide path answers
    # (on the weak match no guide has these words, so it says it has no guide for the task).
    other = [plan_hit("h2", "Mục tiêu: 80% hộ gia đình có cáp quang.")]
    kept = stage().run(a, route, Evidence(guide=GuideMatch(GUIDE_CHUNKS, 0.65), hits=other))
    assert kept.reason == "howto_unknown"
    strong = stage().run(a, route, Evidence(guide=GuideMatch(GUIDE_CHUNKS, 1.2), hits=hits))
    assert strong.strategy == GUIDE


def test_targets_of_a_province_are_refused_unless_a_passage_states_them() -> None:
    a = analysis("chỉ tiêu của tỉnh Nghệ An năm 2026")
    route = Route(strategies=(SCOPE, PASSAGES), scope=ScopeTarget("tỉnh Nghệ An", "tinh nghe an"))
    other = [plan_hit("h1", "Đề án chuyển đổi số tỉnh Nghệ An đến năm 2030.")]
    refused = stage().run(a, route, Evidence(hits=other))
    assert refused.refused and refused.reason == "scope"
    assert "không có trong kế hoạch của xã" in refused.body
    stated = [plan_hit("h2", "Chỉ tiêu của tỉnh Nghệ An năm 2026: 90% hồ sơ trực tuyến.")]
    answered = stage().run(a, route, Evidence(hits=stated))
    assert answered.strategy == PASSAGES


def test_arguments_are_checked() -> None:
    with pytest.raises(TypeError):
        AnswerStage(Refusals([]), None, None, None)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        RecordsStrategy(FakeTables(None), 100)


def test_an_unstated_quantity_is_refused_as_not_in_the_plan() -> None:
    draft = Refusals(list(COMMUNES)).not_stated(["Dân Tiến"], "quantity_not_stated")
    assert draft.refused and "kế hoạch của xã Dân Tiến không nêu số liệu này." in draft.body
