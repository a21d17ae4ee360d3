"""A question naming a kind of document ("quyết định thành lập …") is answered by the unit that
cites one by number, and a record keeps that number when trimmed; among units that hold every
question word, the one holding them as a phrase comes first."""

from __future__ import annotations

import json

from rag.compose import AnswerComposer
from rag.pipeline.analyse import DROP_WORDS
from tests.pipeline.fakes import analysis, plan_hit


class AlwaysAnswer:
    def should_answer(self, feats) -> bool:  # noqa: ARG002
        return True


def _compose(question: str, *hits):
    composer = AnswerComposer(lambda _term: 1.0, decision=AlwaysAnswer())
    return composer.compose(analysis(question).info, list(hits), set(DROP_WORDS))


def _first_quote(text: str) -> str:
    return text.split("\n")[1]


def test_a_decision_is_answered_by_the_unit_citing_its_number() -> None:
    task = plan_hit("t", "Thành lập đội thanh niên tình nguyện số hóa của xã trong quý II.")
    decision = plan_hit(
        "d", "Đã ban hành Quyết định số 41/QĐ-UBND thành lập đội thanh niên tình nguyện số hóa."
    )
    composed = _compose(
        "Quyết định thành lập đội thanh niên tình nguyện số hóa ở Dân Tiến?", task, decision
    )
    assert "41/QĐ-UBND" in _first_quote(composed.text)


def test_a_trimmed_record_keeps_the_field_citing_the_decision() -> None:
    composer = AnswerComposer(lambda _term: 1.0)
    record = (
        "Nhóm: Nhân lực số; TT: 2.1; Tên nhiệm vụ: Thành lập đội thanh niên tình nguyện số hóa "
        "của xã và của các thôn, ban hành quy chế hoạt động và phân công nhiệm vụ cụ thể; "
        "Thời gian thực hiện: Quý II; Đơn vị chủ trì thực hiện: Đoàn Thanh niên xã; "
        "Đơn vị phối hợp: Các thôn, các trường học; Kết quả: Quyết định số 41/QĐ-UBND ngày 3/4/2025"
    )
    info = analysis("quyết định thành lập đội thanh niên tình nguyện ở Dân Tiến").info
    hit = plan_hit("r", record)
    hit.chunk.meta["kind"] = "row"
    composed = composer.compose(info, [hit], set(DROP_WORDS))
    assert "41/QĐ-UBND" in composed.text
    plain = composer.trim(record, ["doi", "thanh", "nien"], 220)
    assert "41/QĐ-UBND" not in plain  # without the document asked, the field is cut


def test_the_phrase_match_ranks_first_when_both_hold_every_word() -> None:
    scattered = "Tổ công tác của xã kiểm tra nghệ nhân, số hộ và cộng đồng dân cư ở thôn."
    phrase = "Thành lập tổ công nghệ số cộng đồng ở mỗi thôn của xã."
    hit = plan_hit("s", f"{scattered} {phrase}")
    hit.chunk.meta["units"] = json.dumps([scattered, phrase], ensure_ascii=False)
    composed = _compose("tổ công nghệ số cộng đồng xã Dân Tiến", hit)
    assert "tổ công nghệ số cộng đồng ở mỗi thôn" in _first_quote(composed.text)
