"""The commune picker at a province's and the country's scale: province first, then the
province's communes page by page, or a typed name (Telegram buttons and Zalo typed words)."""

from __future__ import annotations

import asyncio

import pytest

from bot.state import BotState, state_path
from bot.zalo.app import build_bot
from bot.zalo.client import ZaloClient
from bot.zalo.config import MAX_TEXT
from bot.zalo.state import ZaloState
from bot.zalo.state import state_path as zalo_state_path
from rag.communes import CommuneDirectory, CommuneRef, commune_id
from rag.engine import Answer
from rag.pipeline.analyse import resolve_commune
from rag.settings import Settings
from tests import fake_zalo
from tests.fake_telegram import TOKEN, FakeTelegram, callback_update, text_update
from tests.test_bot import buttons, drive, plain, sent

FIRST = ["An", "Bình", "Phú", "Tân", "Long", "Hòa", "Thạnh", "Mỹ", "Vĩnh", "Đông"]
SECOND = ["Lợi", "Thành", "Hưng", "Phước", "Điền", "Lộc", "Xuân", "Quang", "Sơn", "Hải"]
PROVINCES = 30
PER_PROVINCE = 40


class ManyCommunesEngine:
    """An engine that knows 1,200 communes in 30 provinces (and one name in two provinces)."""

    def __init__(self) -> None:
        refs = []
        for p in range(PROVINCES):
            province = f"tỉnh Thử Nghiệm {p + 1:02d}"
            for i in range(PER_PROVINCE):
                n = p * PER_PROVINCE + i
                name = f"{FIRST[n % 10]} {SECOND[(n // 10) % 10]} {n // 100 + 1}"
                refs.append(CommuneRef(commune_id(name, province), name, province))
        refs += [
            CommuneRef(commune_id("Tân Phú", f"tỉnh Thử Nghiệm {p:02d}"), "Tân Phú", prov)
            for p, prov in ((1, "tỉnh Thử Nghiệm 01"), (2, "tỉnh Thử Nghiệm 02"))
        ]
        self.directory = CommuneDirectory(refs)
        self.communes = sorted({r.name for r in refs})
        self.provinces = {r.name: r.province for r in refs}
        self.guide_chunks: dict = {}
        self.asked: list[tuple] = []

    def plan_chunks(self, commune: str, kind: str | None = None) -> list:
        return []

    def resolve_commune(self, name: str | None) -> str | None:
        return resolve_commune(name, self.communes)

    def ask(self, question: str, commune: str | None = None, commune_id: str | None = None):
        self.asked.append((commune, commune_id))
        return Answer(f"Trả lời cho xã {commune}.", False, [], latency_ms=1.0, answer_id="")


@pytest.fixture(scope="module")
def many() -> ManyCommunesEngine:
    engine = ManyCommunesEngine()
    assert len(engine.directory) > 1_000
    return engine


@pytest.fixture
def tg():
    with FakeTelegram() as server:
        yield server


def _tg_settings(tmp_path, fake) -> Settings:
    return Settings(
        data_dir=tmp_path / "botdata", telegram_bot_token=TOKEN, telegram_api_base_url=fake.base_url
    )


def _edits(fake) -> list[dict]:
    return [c.params for c in fake.calls_of("editMessageText")]


# ----------------------------------------------------------------- Telegram
def test_telegram_picker_goes_by_province_then_pages_of_communes(tmp_path, many, tg):
    settings = _tg_settings(tmp_path, tg)
    drive(settings, many, tg, text_update("/start"))
    (start,) = sent(tg)
    text = plain(start["text"])
    assert "1202 xã" in text and "30 tỉnh" in text and "/xa" in text
    first = buttons(start)
    provinces = sorted({r.province for r in many.directory.refs})
    assert [b["text"] for b in first[:10]] == provinces[:10]
    assert [b["callback_data"] for b in first[:10]] == [f"p:{i}:1" for i in range(10)]
    assert first[-1]["callback_data"] == "pp:2" and len(first) == 11

    tg.clear()
    drive(settings, many, tg, callback_update("pp:3"), callback_update("p:0:1"))
    last_provinces, communes = _edits(tg)
    assert [b["text"] for b in buttons(last_provinces)][:10] == provinces[20:30]
    assert [b["callback_data"] for b in buttons(last_provinces)][-1] == "pp:2"
    page = buttons(communes)
    in_first = sorted(r.name for r in many.directory.refs if r.province == provinces[0])
    assert "(trang 1/5)" in plain(communes["text"])  # 41 communes, 10 a page
    assert [b["text"] for b in page[:10]] == sorted(in_first, key=_fold)[:10]
    assert [b["callback_data"] for b in page[10:]] == ["p:0:2", "pp:1"]

    tg.clear()
    drive(settings, many, tg, callback_update("p:0:5"), callback_update(page[3]["callback_data"]))
    (last_page,) = _edits(tg)[:1]
    assert [b["callback_data"] for b in buttons(last_page)][-2:] == ["p:0:4", "pp:1"]
    chosen = sorted(in_first, key=_fold)[3]
    assert BotState(state_path(settings.data_dir)).get_commune(555) == chosen
    assert all(len(b["callback_data"].encode()) <= 64 for b in page + first)


def test_telegram_typed_name_chooses_or_lists_the_matches(tmp_path, many, tg):
    settings = _tg_settings(tmp_path, tg)
    drive(settings, many, tg, text_update("/xa phu loi"))
    (matches,) = sent(tg)
    found = buttons(matches)
    assert 1 < len(found) <= 10 and all(b["text"].startswith("Phú Lợi") for b in found)
    assert "hiện 10 xã đầu" in plain(matches["text"]) or len(found) < 10

    tg.clear()
    drive(settings, many, tg, text_update("/xa Vinh Hai 12"), callback_update("p:99:1"))
    assert "Đã chọn xã Vĩnh Hải 12" in plain(sent(tg)[0]["text"])
    assert tg.calls_of("answerCallbackQuery")[0].params.get("show_alert") is True


def _fold(name: str) -> str:
    from rag.text import fold

    return fold(name)


# --------------------------------------------------------------------- Zalo
async def _zalo(settings, engine, fake, texts: list[str]) -> None:
    async with ZaloClient(fake_zalo.TOKEN, fake.base_url) as client:
        bot = build_bot(settings, engine, client, await client.get_me())
        for t in texts:
            await bot.feed(fake_zalo.text_update(t))


def test_zalo_picker_by_typed_province_then_commune(tmp_path, many):
    with fake_zalo.FakeZalo() as fake:
        settings = Settings(
            data_dir=tmp_path / "z",
            zalo_bot_token=fake_zalo.TOKEN,
            zalo_api_base_url=fake.base_url,
        )
        asyncio.run(
            _zalo(
                settings,
                many,
                fake,
                [
                    "xa",
                    "tinh trang 3",
                    "tinh thu nghiem 07",
                    "tinh Thử Nghiệm 07 trang 5",
                    "xa an loi 1",
                ],
            )
        )
        provinces, third, first_page, last_page, chosen = fake.sent()
    assert all(len(m) <= MAX_TEXT for m in fake.sent() or [provinces])
    assert "gõ «tinh tỉnh Thử Nghiệm 01»" in provinces and "gõ «tinh trang 2»" in provinces
    assert "tỉnh Thử Nghiệm 30" in third and "tỉnh Thử Nghiệm 01" not in third
    assert "Chọn xã của tỉnh Thử Nghiệm 07 (40 xã)" in first_page
    assert (
        first_page.count("gõ «xa ") == 10 and "gõ «tinh tỉnh Thử Nghiệm 07 trang 2»" in first_page
    )
    assert "(trang 4/4)" in last_page  # a page past the end shows the last one
    assert "Đã chọn xã An Lợi 1" in chosen
    assert ZaloState(zalo_state_path(settings.data_dir)).get_commune("u555") == "An Lợi 1"


def test_a_name_shared_by_two_provinces_is_picked_with_its_province(tmp_path, many, tg):
    settings = _tg_settings(tmp_path, tg)
    drive(settings, many, tg, text_update("/xa tan phu"))
    (matches,) = sent(tg)
    shared = [b for b in buttons(matches) if b["text"].startswith("Tân Phú (")]
    assert [b["text"] for b in shared] == [
        "Tân Phú (tỉnh Thử Nghiệm 01)",
        "Tân Phú (tỉnh Thử Nghiệm 02)",
    ]
    assert all(b["callback_data"].startswith("ci:") for b in shared)

    many.asked.clear()
    drive(
        settings,
        many,
        tg,
        callback_update(shared[1]["callback_data"]),
        text_update("Mục tiêu năm 2026?"),
    )
    assert "tỉnh Thử Nghiệm 02" in plain(_edits(tg)[0]["text"])
    assert many.asked == [("Tân Phú", "tan-phu-tinh-thu-nghiem-02")]

    with fake_zalo.FakeZalo() as fake:
        zs = Settings(
            data_dir=tmp_path / "z", zalo_bot_token=fake_zalo.TOKEN, zalo_api_base_url=fake.base_url
        )
        asyncio.run(_zalo(zs, many, fake, ["xa tan phu", "xa tan-phu-tinh-thu-nghiem-01"]))
        listing, chosen = fake.sent()
    assert "gõ «xa tan-phu-tinh-thu-nghiem-01»" in listing
    assert "Đã chọn xã Tân Phú, tỉnh Thử Nghiệm 01" in chosen
    assert ZaloState(zalo_state_path(zs.data_dir)).get_commune_id("u555") == (
        "tan-phu-tinh-thu-nghiem-01"
    )
