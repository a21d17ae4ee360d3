"""Refusal drafts (Vietnamese): out of scope, unknown commune or year, no guide for a task."""

from __future__ import annotations

from rag.compose import Citation
from rag.pipeline.types import Draft
from rag.text import fold

# The composer's reason when a quantity is asked and no passage states it (rag.compose).
QUANTITY_NOT_STATED = "quantity_not_stated"
CONTACT = "UBND xã hoặc Tổ công nghệ số cộng đồng ở thôn, xóm"
# A refusal names at most this many communes, then a count: a province has ~150, the country 3,321.
MAX_LISTED = 5
RELATED_CHARS = 300  # a related passage shown with a refusal is cut to this length


class Refusals:
    """Builds refusal drafts that name (a few of) the communes the assistant covers."""

    def __init__(self, communes: list[str], provinces: dict[str, str] | None = None) -> None:
        if not isinstance(communes, list):
            raise TypeError("communes must be a list")
        self.communes = communes
        self.provinces = provinces or {}

    def _province_in(self, text: str) -> str:
        """The province named in the text, if the index knows it."""
        key = f" {fold(text)} "
        known = {p for p in self.provinces.values() if p}
        return next((p for p in sorted(known, key=len, reverse=True) if f" {fold(p)} " in key), "")

    def covered(self, near: list[str] | None = None, place: str = "") -> str:
        """A few covered communes, those of the province of `near` (or named in `place`) first,
        and how many more there are."""
        province = next(
            (self.provinces.get(c, "") for c in near or [] if self.provinces.get(c)), ""
        )
        province = province or (self._province_in(place) if place else "")
        same = [c for c in self.communes if province and self.provinces.get(c) == province]
        picked = set((same + [c for c in self.communes if c not in same])[:MAX_LISTED])
        shown = [c for c in self.communes if c in picked]  # in the index's (sorted) order
        rest = len(self.communes) - len(shown)
        listed = ", ".join(f"xã {c}" for c in shown)
        return f"{listed} và {rest} xã khác" if rest > 0 else listed

    @staticmethod
    def of(communes: list[str]) -> str:
        return f" của xã {', '.join(communes)}" if communes else ""

    def refuse(self, why: str, communes: list[str], reason: str) -> Draft:
        msg = (
            f"Xin lỗi, {why[0].lower()}{why[1:]} Trợ lý chỉ trả lời theo kế hoạch chuyển đổi số của "
            f"{self.covered(communes)} (chỉ tiêu, thời hạn, đơn vị chủ trì/phối hợp, kinh phí, căn cứ) và các "
            f"hướng dẫn dùng VNeID, Cổng Dịch vụ công. Để biết thêm, bạn vui lòng liên hệ {CONTACT}."
        )
        return Draft(msg, True, [], communes=communes, reason=reason, strategy="refusal")

    def uncovered_year(self, year: str, communes: list[str]) -> Draft:
        why = f"Các kế hoạch{self.of(communes)} không đề cập chỉ tiêu hay nhiệm vụ cho năm {year}."
        return self.refuse(why, communes, "year")

    def not_stated(self, communes: list[str], reason: str) -> Draft:
        if reason == QUANTITY_NOT_STATED:
            why = f"Kế hoạch{self.of(communes)} không nêu số liệu này."
            return self.refuse(why, communes, reason)
        return self.refuse("Các tài liệu hiện có không nêu thông tin này.", communes, reason)

    def value_not_stated(
        self, communes: list[str], what: str, reason: str, related: Citation | None = None
    ) -> Draft:
        """The plan does not state the value asked (`what`: "kinh phí cho nội dung này"); the
        closest passage is shown as related, cited, when there is one."""
        why = f"Kế hoạch{self.of(communes)} không nêu {what}."
        draft = self.refuse(why, communes, reason)
        if related is None:
            return draft
        quote = (
            related.quote
            if len(related.quote) <= RELATED_CHARS
            else (related.quote[: RELATED_CHARS - 1].rstrip() + "…")
        )
        shown = Citation(
            related.doc_id, related.title, related.commune, related.province, related.section, quote
        )
        section = related.section.split(" › ")[-1][:70]
        where = f" — xã {related.commune}" if related.commune else ""
        draft.body += f"\nNội dung liên quan nhất trong kế hoạch: «{quote}» [1]"
        draft.citations = [shown]
        draft.sources = [f"[1] {related.title[:80]}{where} — {section}"]
        return draft

    def unknown_commune(self, place: str) -> Draft:
        msg = (
            f"Hiện chưa có kế hoạch của «{place}» trong dữ liệu của trợ lý, nên trợ lý không trả lời "
            f"bằng số liệu của xã khác. Các xã đã có kế hoạch: {self.covered(place=place)}. Để biết kế hoạch của "
            f"địa phương bạn, vui lòng liên hệ UBND xã/phường nơi bạn sinh sống."
        )
        return Draft(msg, True, [], reason="unknown_commune", strategy="refusal")

    @staticmethod
    def privacy() -> Draft:
        """A person's phone number, ID number, address, e-mail, birth date…: never given."""
        msg = (
            "Xin lỗi, trợ lý không cung cấp thông tin cá nhân của bất kỳ ai (số điện thoại, số căn "
            "cước, địa chỉ nhà, email, ngày sinh…) để bảo vệ dữ liệu cá nhân theo Luật Bảo vệ dữ "
            "liệu cá nhân năm 2025. Nếu cần liên hệ cán bộ, bạn vui lòng liên hệ trực tiếp UBND xã."
        )
        return Draft(msg, True, [], reason="privacy", strategy="refusal")

    def out_of_scope(self, authority: str, communes: list[str]) -> Draft:
        """Targets of a province, ministry… that no plan in scope states."""
        where = (
            f"kế hoạch của xã {', '.join(communes)}"
            if communes
            else "kế hoạch của xã nào trong dữ liệu của trợ lý"
        )
        why = f"Chỉ tiêu, mục tiêu của {authority} không có trong {where}."
        return self.refuse(why, communes, "scope")

    @staticmethod
    def howto_unknown(communes: list[str]) -> Draft:
        msg = (
            "Hiện trợ lý chưa có hướng dẫn cho việc này, nên không đưa ra các bước để tránh hướng dẫn sai. "
            "Bạn có thể tra cứu thủ tục và nộp hồ sơ trên Cổng Dịch vụ công quốc gia (dichvucong.gov.vn), "
            f"hoặc nhờ Trung tâm Phục vụ hành chính công xã, {CONTACT} hỗ trợ."
        )
        return Draft(msg, True, [], communes=communes, reason="howto_unknown", strategy="refusal")
