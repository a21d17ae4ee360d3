from __future__ import annotations

import pytest

from rag.pipeline.analyse import AnalyseStage, resolve_commune
from rag.pipeline.types import Question
from tests.pipeline.fakes import COMMUNES, analysis


class Restorer:
    def restore(self, text: str) -> str:
        return text.replace("bao nhieu", "bao nhiêu")


def test_finds_communes_and_years_without_diacritics() -> None:
    a = analysis("xa dan tien dat bao nhieu tai khoan nam 2025?")
    assert a.info.communes == ["Dân Tiến"]
    assert a.info.years == ["2025"]
    assert a.info.wants_number and a.plan_intent


def test_commune_chosen_by_the_caller_fills_in_when_the_question_names_none() -> None:
    assert analysis("Kinh phí là bao nhiêu?", commune="xã giao an").info.communes == ["Giao An"]
    named = analysis("Kinh phí của Dân Tiến là bao nhiêu?", commune="Giao An")
    assert named.info.communes == ["Dân Tiến"] and not named.unknown_commune


def test_unknown_commune_chosen_by_the_caller_is_reported() -> None:
    assert analysis("Kinh phí là bao nhiêu?", commune="Hoàn Kiếm").unknown_commune == "Hoàn Kiếm"


def test_a_number_question_about_a_commune_is_not_a_howto() -> None:
    a = analysis("Xã Dân Tiến làm thế nào để đạt bao nhiêu tài khoản?")
    assert not a.info.howto
    howto = analysis("Làm thế nào để đăng ký tài khoản định danh điện tử?")
    assert howto.info.howto and "dinh" in " ".join(howto.guide_terms)


def test_restorer_runs_before_analysis() -> None:
    stage = AnalyseStage(Restorer(), list(COMMUNES))
    assert stage.run(Question("Giao An bao nhieu")).info.text.endswith("bao nhiêu")


def test_resolve_commune_ignores_prefix_and_diacritics() -> None:
    assert resolve_commune("xa DAN TIEN", COMMUNES) == "Dân Tiến"
    assert resolve_commune("Hà Nội", COMMUNES) is None


def test_arguments_are_checked() -> None:
    with pytest.raises(TypeError):
        AnalyseStage(object(), COMMUNES)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Question("  ")


def test_plan_words_match_whole_words_only() -> None:
    # "căn cước" (ID card) is not "căn cứ" (legal basis): a question about the card is no plan question.
    assert not analysis("đăng ký VNeID mức 1 có cần quét chip thẻ căn cước không").plan_intent
    assert analysis("kế hoạch căn cứ văn bản nào").plan_intent
