"""A question typed without diacritics: "so"/"bo" is "Sở"/"Bộ" only before a sector name."""

from __future__ import annotations

from rag.pipeline.policy import Policy


def test_plain_so_before_a_count_is_a_number_not_a_department() -> None:
    assert Policy().scope_target("xa binh khe chi tieu so hop tac xa ban hang online 2027") is None


def test_plain_so_before_a_sector_name_is_a_department() -> None:
    target = Policy().scope_target("chi tieu cua so y te giao cho xa binh khe")
    assert target is not None and target.key.startswith("so y te")


def test_marked_department_typed_with_diacritics_is_still_a_department() -> None:
    assert Policy().scope_target("chỉ tiêu của Sở Xây dựng năm 2027") is not None
