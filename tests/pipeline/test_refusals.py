"""Refusals name a few communes (those of the asker's province first) and a count, never all."""

from __future__ import annotations

from rag.pipeline.refusals import MAX_LISTED, Refusals


def _province_corpus() -> Refusals:
    communes = [f"Xã Số {i:04d}" for i in range(1000)]
    provinces = {c: ("Tỉnh Một" if i % 2 else "Tỉnh Hai") for i, c in enumerate(communes)}
    provinces["Xã Số 0998"] = "Gia Lai"
    provinces["Xã Số 0999"] = "Gia Lai"
    return Refusals(sorted(communes), provinces)


def test_refusal_lists_a_few_communes_of_the_same_province_and_a_count():
    refusals = _province_corpus()
    draft = refusals.not_stated(["Xã Số 0998"], "no_passage")
    assert "xã Xã Số 0998, xã Xã Số 0999" in draft.body
    assert f"và {1000 - MAX_LISTED} xã khác" in draft.body
    assert draft.body.count("xã Xã Số") == MAX_LISTED


def test_unknown_commune_names_the_province_it_was_asked_in():
    refusals = _province_corpus()
    text = refusals.unknown_commune("xã Ia Grai, tỉnh Gia Lai").body
    assert "xã Xã Số 0998" in text and "xã Xã Số 0999" in text
    assert "và 995 xã khác" in text
    text = refusals.unknown_commune("xã Ia Grai").body  # no province: the first few
    assert "xã Xã Số 0000" in text and "và 995 xã khác" in text and len(text) < 600


def test_a_small_corpus_is_listed_whole_in_its_order():
    refusals = Refusals(["Dân Tiến", "Giao An", "Phú Trung"], {"Giao An": "Thanh Hoá"})
    text = refusals.not_stated(["Giao An"], "no_passage").body
    assert "xã Dân Tiến, xã Giao An, xã Phú Trung (" in text and "xã khác" not in text
