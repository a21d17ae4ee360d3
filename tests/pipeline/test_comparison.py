"""The comparison strategy: one line per named commune, from that commune's own answer."""

from __future__ import annotations

import re

import pytest

from rag.compose import CONFLICT_NOTE, Citation
from rag.pipeline.analyse import AnalyseStage
from rag.pipeline.comparison import ComparisonStrategy, question_for
from rag.pipeline.retrieve import RetrieveStage
from rag.pipeline.route import RouteStage
from rag.pipeline.types import COMPARISON, Analysis, Draft, Evidence, Route
from tests.pipeline.fakes import COMMUNES, analysis

PLAN_TEXT = {c: f"Kế hoạch chuyển đổi số năm 2026 của xã {c}" for c in COMMUNES}


def cite(commune: str, quote: str, section: str = "Mục tiêu") -> Citation:
    return Citation(f"kh-{commune}", f"Kế hoạch xã {commune}", commune, "", section, quote)


class FakeSingle:
    """The answer stage for one commune: a prepared draft per commune; records the questions."""

    def __init__(self, drafts: dict[str, Draft]) -> None:
        self.drafts = drafts
        self.asked: list[tuple[str, list[str]]] = []

    def __call__(self, sub: Analysis, route: Route, evidence: Evidence) -> Draft:
        commune = sub.info.communes[0]
        self.asked.append((sub.question.text, list(sub.info.communes)))
        return self.drafts[commune]


def strategy(conflicts=None, max_chars: int = 1500) -> ComparisonStrategy:
    retrieve = RetrieveStage(lambda *a, **k: [], lambda *a, **k: 0.0, [], {})
    return ComparisonStrategy(
        AnalyseStage(None, list(COMMUNES)),
        RouteStage(PLAN_TEXT, True),
        retrieve,
        conflicts,
        max_chars,
    )


def records_draft(commune: str, value: str) -> Draft:
    quote = f"Tỷ lệ hồ sơ trực tuyến toàn trình; Năm 2026: {value}"
    text = (
        f"Theo kế hoạch của xã {commune}, chỉ tiêu «Tỷ lệ hồ sơ trực tuyến toàn trình»: "
        f"năm 2026: {value}. [1]"
    )
    return Draft(text, False, [cite(commune, quote)], communes=[commune], strategy="records")


def passages_draft(commune: str) -> Draft:
    quotes = ["Đạt tối thiểu 70% hồ sơ được xử lý trực tuyến toàn trình.", "Một nhiệm vụ khác."]
    body = (
        f"Theo kế hoạch của xã {commune}:\n• «{quotes[0]}» [1]\n• «{quotes[1]}» [2]\n\n"
        "Nguồn:\n[1] …\n[2] …"
    )
    cites = [cite(commune, quotes[0]), cite(commune, quotes[1], "Nhiệm vụ")]
    return Draft(body, False, cites, communes=[commune], strategy="passages")


QUESTION = "So sánh chỉ tiêu hồ sơ trực tuyến toàn trình năm 2026 giữa Dân Tiến và Giao An"


def lines_of(text: str) -> list[str]:
    return [ln for ln in text.split("\n") if ln.startswith("• Xã ")]


def test_one_line_per_commune_each_citing_its_own_plan():
    single = FakeSingle(
        {"Dân Tiến": passages_draft("Dân Tiến"), "Giao An": records_draft("Giao An", "90%")}
    )
    draft = strategy().run(analysis(QUESTION), single)
    assert draft is not None and not draft.refused and draft.strategy == COMPARISON
    lines = lines_of(draft.body)
    assert [ln.split(":")[0] for ln in lines] == ["• Xã Dân Tiến", "• Xã Giao An"]
    assert "70%" in lines[0] and "90%" in lines[1]
    for line, commune in zip(lines, ["Dân Tiến", "Giao An"], strict=True):
        numbers = [int(n) for n in re.findall(r"\[(\d+)\]", line)]
        assert numbers and all(draft.citations[n - 1].commune == commune for n in numbers)
    assert len(draft.sources) == len(draft.citations) == 2
    # the heading of the single answer is not repeated, and only the best quote is kept
    assert "Theo kế hoạch" not in draft.body and "Một nhiệm vụ khác" not in draft.body


def test_each_commune_is_asked_alone_without_the_other_name():
    single = FakeSingle({c: records_draft(c, "80%") for c in COMMUNES})
    strategy().run(analysis(QUESTION), single)
    assert [communes for _, communes in single.asked] == [["Dân Tiến"], ["Giao An"]]
    first, second = (text for text, _ in single.asked)
    assert "Dân Tiến" in first and "Giao An" not in first and "so sánh" not in first.lower()
    assert "Giao An" in second and "Dân Tiến" not in second


def test_a_commune_whose_plan_does_not_state_it_gets_a_not_stated_line():
    refused = Draft("Xin lỗi, các tài liệu hiện có không nêu thông tin này.", True, [])
    single = FakeSingle({"Dân Tiến": records_draft("Dân Tiến", "70%"), "Giao An": refused})
    draft = strategy().run(analysis(QUESTION), single)
    lines = lines_of(draft.body)
    assert lines[1] == "• Xã Giao An: Kế hoạch của xã Giao An không nêu nội dung này."
    assert all(c.commune == "Dân Tiến" for c in draft.citations)


def test_nothing_stated_for_any_commune_leaves_it_to_the_next_strategy():
    refused = Draft("Xin lỗi.", True, [])
    assert strategy().run(analysis(QUESTION), FakeSingle(dict.fromkeys(COMMUNES, refused))) is None


def test_a_single_commune_is_not_a_comparison():
    single = FakeSingle({c: records_draft(c, "80%") for c in COMMUNES})
    assert strategy().run(analysis("Chỉ tiêu năm 2026 của xã Dân Tiến?"), single) is None
    assert single.asked == []


def test_two_values_in_one_plan_show_both_quotes_and_the_note():
    mine = "Tỷ lệ hồ sơ trực tuyến toàn trình; Năm 2026: 70%"
    other = "Tỷ lệ hồ sơ xử lý trực tuyến toàn trình; Năm 2026: 65%"
    conflict = {
        "doc_id": "kh-Dân Tiến",
        "commune": "Dân Tiến",
        "year": "2026",
        "a": {"quote": mine, "section": "Mục tiêu", "value": "70%"},
        "b": {"quote": other, "section": "Phụ lục", "value": "65%"},
    }
    single = FakeSingle({c: records_draft(c, "70%") for c in COMMUNES})
    draft = strategy(conflicts=lambda c: [conflict] if c == "Dân Tiến" else []).run(
        analysis(QUESTION), single
    )
    dan_tien = lines_of(draft.body)[0]
    assert "70%" in dan_tien and "65%" in dan_tien and CONFLICT_NOTE in dan_tien
    assert {c.quote for c in draft.citations} >= {other}
    assert CONFLICT_NOTE not in lines_of(draft.body)[1]


def test_long_answers_fit_the_limit_and_keep_every_citation():
    long_quote = "Nội dung rất dài của kế hoạch " * 40
    drafts = {
        c: Draft(f"Theo kế hoạch của xã {c}:\n• «{long_quote}» [1]", False, [cite(c, long_quote)])
        for c in COMMUNES
    }
    draft = strategy(max_chars=600).run(analysis(QUESTION), FakeSingle(drafts))
    rendered = draft.body + "\n\nNguồn:\n" + "\n".join(draft.sources)
    assert len(rendered) <= 600
    assert [re.findall(r"\[\d+\]", ln) for ln in lines_of(draft.body)] == [["[1]"], ["[2]"]]


@pytest.mark.parametrize(
    ("question", "commune", "others", "kept", "dropped"),
    [
        (
            "so sanh chi tieu toan trinh 2026 giua dan tien va giao an",
            "Dân Tiến",
            ["Giao An"],
            "dan tien",
            "giao an",
        ),
        (
            "Chỉ tiêu năm 2026 ở Dân Tiến so với Giao An thế nào?",
            "Giao An",
            ["Dân Tiến"],
            "Giao An thế nào",
            "Dân Tiến",
        ),
        (
            "Xã Dân Tiến và xã Giao An do ai ký?",
            "Giao An",
            ["Dân Tiến"],
            "xã Giao An do ai ký",
            "Dân Tiến",
        ),
    ],
)
def test_question_for_one_commune(question, commune, others, kept, dropped):
    asked = question_for(question, commune, others, wants_number=True)
    assert kept in asked and dropped not in asked
    assert "so sánh" not in asked.lower() and "so sanh" not in asked


def test_question_for_adds_a_question_cue_only_when_the_comparison_had_none():
    asked = question_for(
        "So sánh tổng kinh phí của Dân Tiến và Giao An", "Giao An", ["Dân Tiến"], True
    )
    assert asked.endswith("là bao nhiêu?") and "Dân Tiến" not in asked
    asked = question_for("Dân Tiến và Giao An đặt bao nhiêu?", "Giao An", ["Dân Tiến"], True)
    assert "là bao nhiêu" not in asked


def test_engine_compares_two_bundled_plans_one_cited_line_each(engine):
    answer = engine.ask(
        "So sánh chỉ tiêu tỷ lệ hồ sơ trực tuyến toàn trình năm 2026 giữa Phú Trung và Dân Tiến"
    )
    assert not answer.refused and len(answer.answer) <= 1500
    lines = lines_of(answer.answer)
    assert [ln.split(":")[0] for ln in lines] == ["• Xã Phú Trung", "• Xã Dân Tiến"]
    for line, commune in zip(lines, ["Phú Trung", "Dân Tiến"], strict=True):
        numbers = [int(n) for n in re.findall(r"\[(\d+)\]", line)]
        if "không nêu" in line:
            assert not numbers
            continue
        assert numbers and all(answer.citations[n - 1].commune == commune for n in numbers)
    assert "25%" in lines[0] or "25" in lines[0]
    assert "Nguồn:" in answer.answer


def test_engine_compares_who_signed_without_diacritics(engine):
    answer = engine.ask("ke hoach cua dan tien va giao an do ai ky")
    lines = lines_of(answer.answer)
    assert len(lines) == 2
    assert "Hoàng Văn Thảo" in lines[0] and "Nguyễn Việt Thắng" in lines[1]


class YearSensitiveSingle(FakeSingle):
    """A plan whose task table names the year and whose target sentence does not."""

    def __call__(self, sub: Analysis, route: Route, evidence: Evidence) -> Draft:
        self.asked.append((sub.question.text, list(sub.info.communes)))
        commune = sub.info.communes[0]
        quote = (
            "Nhiệm vụ năm 2026: nâng cao tỷ lệ hồ sơ trực tuyến."
            if "2026" in sub.question.text
            else "Đạt tối thiểu 70% hồ sơ được xử lý trực tuyến toàn trình."
        )
        body = f"Theo kế hoạch của xã {commune}:\n• «{quote}» [1]"
        return Draft(body, False, [cite(commune, quote)], communes=[commune])


def card(commune: str, title: str):
    from tests.pipeline.fakes import chunk

    return chunk(f"card-{commune}", "Thông tin văn bản", commune=commune, title=title, kind="card")


def test_a_plan_for_the_asked_year_is_asked_again_without_the_year():
    cards = {
        "Dân Tiến": [card("Dân Tiến", "Kế hoạch chuyển đổi số xã Dân Tiến năm 2026")],
        "Giao An": [card("Giao An", "Kế hoạch chuyển đổi số giai đoạn 2025-2030")],
    }
    s = strategy()
    s.retrieve.cards = cards
    single = YearSensitiveSingle({})
    draft = s.run(analysis(QUESTION), single)
    dan_tien, giao_an = lines_of(draft.body)
    assert "70%" in dan_tien  # its plan is for 2026: the target sentence without the year
    assert "Nhiệm vụ năm 2026" in giao_an  # a multi-year plan keeps the year
    assert sum("2026" not in text for text, _ in single.asked) == 1


def test_engine_comparison_keeps_a_plans_two_values_and_the_note(engine):
    answer = engine.ask(
        "Chỉ tiêu hộ gia đình có đường truyền Internet băng rộng: Giao An và Dân Tiến đặt bao nhiêu?"
    )
    giao_an, dan_tien = lines_of(answer.answer)
    assert giao_an.startswith("• Xã Giao An:") and dan_tien.startswith("• Xã Dân Tiến:")
    assert "35%" in giao_an and "30%" in giao_an and CONFLICT_NOTE in giao_an
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", dan_tien)}
    assert all(answer.citations[n - 1].commune == "Dân Tiến" for n in cited)
    assert cited or "Kế hoạch của xã Dân Tiến không nêu" in dan_tien
