"""The "passage states what was asked" check (rag.asked) and its use by the composer."""

from __future__ import annotations

from collections import Counter

from rag.asked import AskedCheck, text_terms
from rag.compose import QUESTION_NOISE, AnswerComposer
from rag.decision import DecisionFeatures
from rag.index import StoredChunk
from rag.query import analyse
from rag.retriever import Hit
from rag.text import words

PLANS = {
    "Tân Phú": [
        "Giao Công an xã chủ trì lắp đặt camera an ninh tại các ngã ba, hoàn thành trước 30/6/2026.",
        "Kích hoạt tài khoản định danh điện tử mức độ 2 đạt 85% trong năm 2026.",
    ],
    "Hòa Lạc": [
        "Giao Phòng Kinh tế chủ trì lắp đặt trạm phát sóng di động, hoàn thành trước 30/9/2026.",
        "Tỷ lệ hồ sơ trực tuyến toàn trình đạt 70% trong năm 2026.",
        "Phát triển đổi mới sáng tạo trong nông nghiệp; bảo đảm an toàn thông tin mạng.",
    ],
}
GENERIC = "Kế hoạch chuyển đổi số của xã năm 2026: nhiệm vụ, chủ trì, hoàn thành."


def _check(plans: dict[str, list[str]] = PLANS) -> AskedCheck:
    passages = [GENERIC] * 6 + [p for texts in plans.values() for p in texts]
    df: Counter[str] = Counter()
    for p in passages:
        df.update(set(words(p)))
    plan_words = {c: text_terms("\n".join(t)) for c, t in plans.items()}
    return AskedCheck(df.__getitem__, len(passages), QUESTION_NOISE.__contains__, plan_words.get)


def test_entity_missing_from_the_asked_plan_is_reported():
    check = _check()
    terms = check.key_terms("lắp camera an ninh khi nào xong?")
    missing = check.plan_coverage(terms, "Hòa Lạc")
    assert missing is not None and "camera" in missing.missing
    assert missing.missing_max > 0.5
    assert missing.share < 0.7
    present = check.plan_coverage(terms, "Tân Phú")
    assert present is not None and present.missing == () and present.share == 1.0


def test_generic_plan_words_weigh_less_than_the_entity_asked():
    weights = {k.term: k.weight for k in _check().key_terms("kế hoạch chủ trì camera")}
    assert weights["camera"] > weights.get("chu", 0.0)
    assert "ke" not in weights and "hoach" not in weights  # question vocabulary
    assert "xong" not in {k.term for k in _check().key_terms("camera khi nao xong")}


def test_typed_without_diacritics_is_covered_by_the_plan_with_them():
    check = _check()
    terms = check.key_terms("tram phat song di dong")
    assert terms
    cov = check.plan_coverage(terms, "Hòa Lạc")
    assert cov is not None and cov.share == 1.0


def test_acronyms_are_covered_by_the_words_they_stand_for_not_by_chance():
    check = _check()
    cov = check.plan_coverage(check.key_terms("ĐMST và ATTT"), "Hòa Lạc")
    # "đmst" and "attt" are in no passage: key terms only when the corpus knows them.
    assert cov is not None and cov.missing == ()
    have = text_terms("phát triển đổi mới sáng tạo, an toàn thông tin")
    terms = [k for k in check.key_terms("đổi mới")]
    assert check.coverage(terms, have).share == 1.0
    # A real syllable is never read as initials: "lap" is not "lắp (đặt) an (ninh) phát…".
    from rag.asked import KeyTerm

    cov = check.coverage([KeyTerm("lap", 1.0)], text_terms("lúc an phát"))
    assert cov.missing == ("lap",)
    cov = check.coverage([KeyTerm("dmst", 1.0)], have)
    assert cov.missing == ()


def test_known_abbreviation_and_i_y_spelling():
    from rag.asked import KeyTerm

    check = _check()
    have = text_terms("tỷ lệ hồ sơ thủ tục hành chính")
    assert check.coverage([KeyTerm("tthc", 1.0)], have).missing == ()
    assert check.coverage([KeyTerm("ti", 1.0)], have).missing == ()
    assert check.coverage([KeyTerm("camera", 1.0)], have).missing == ("camera",)


def test_unknown_plan_gives_no_plan_coverage():
    check = _check()
    assert check.plan_coverage(check.key_terms("camera"), "Không Có") is None
    bare = AskedCheck(lambda t: 1, 10, lambda t: False)
    assert bare.plan_coverage(bare.key_terms("camera"), "Tân Phú") is None


# ------------------------------------------------------------ through the composer


class _Recorder:
    def __init__(self) -> None:
        self.last: DecisionFeatures | None = None

    def should_answer(self, feats: DecisionFeatures) -> bool:
        self.last = feats
        return True


def _hits(commune: str, texts: list[str], section: str = "Nhiệm vụ") -> list[Hit]:
    return [
        Hit(
            StoredChunk(
                f"{commune}-{i}",
                t,
                {
                    "commune": commune,
                    "doc_id": f"plan-{commune}",
                    "section": section,
                    "kind": "text",
                },
            ),
            1.0 - i / 10,
        )
        for i, t in enumerate(texts)
    ]


def _composer() -> tuple[AnswerComposer, _Recorder]:
    rec = _Recorder()
    return AnswerComposer(lambda t: 1.0, decision=rec, asked=_check()), rec


def test_composer_features_say_the_plan_lacks_the_entity():
    composer, rec = _composer()
    info = analyse("Xã Hòa Lạc lắp camera an ninh khi nào xong?", list(PLANS))
    info.text_for_terms = "lắp camera an ninh khi nào xong?"
    composer.compose(info, _hits("Hòa Lạc", PLANS["Hòa Lạc"]), {"xa"})
    assert rec.last is not None
    assert rec.last.asked_plan_missing > 0.5
    assert rec.last.asked_top_missing > 0.5
    assert rec.last.asked_plan_share < 1.0

    info = analyse("Xã Tân Phú lắp camera an ninh khi nào xong?", list(PLANS))
    info.text_for_terms = "lắp camera an ninh khi nào xong?"
    composer.compose(info, _hits("Tân Phú", PLANS["Tân Phú"]), {"xa"})
    assert rec.last.asked_plan_missing == 0.0
    assert rec.last.asked_top_share == 1.0


def test_two_figures_for_one_target_are_both_shown_and_flagged():
    composer, _ = _composer()
    texts = [
        "Tỷ lệ hồ sơ thủ tục hành chính được giải quyết trực tuyến toàn trình năm 2026 đạt 70%.",
        "Đặt chỉ tiêu hồ sơ trực tuyến toàn trình năm 2026 cho từng bộ phận một cửa của xã.",
        "Chỉ tiêu hồ sơ trực tuyến toàn trình năm 2026 do Văn phòng UBND xã theo dõi.",
        "Tỷ lệ hồ sơ thủ tục hành chính được giải quyết toàn trình năm 2026 đạt 75%.",
    ]
    hits = _hits("Hòa Lạc", texts[:3], "Mục tiêu") + _hits("Hòa Lạc", texts[3:], "Phụ lục")
    for n, h in enumerate(hits):
        h.chunk.chunk_id = f"c{n}"
    q = "Xã Hòa Lạc đặt chỉ tiêu hồ sơ trực tuyến toàn trình năm 2026 là bao nhiêu?"
    info = analyse(q, list(PLANS))
    info.text_for_terms = "đặt chỉ tiêu hồ sơ trực tuyến toàn trình năm 2026 là bao nhiêu?"
    out = composer.compose(info, hits, {"xa"})
    assert not out.refused
    assert "70%" in out.text and "75%" in out.text
    assert "con số khác nhau" in out.text
    quotes = " ".join(c.quote for c in out.citations)
    assert "70%" in quotes and "75%" in quotes
