"""Answer strategy: a national legal document asked about by name, from its reviewed card.

- "Nghị quyết 57-NQ/TW là gì?", "NQ57 ban hành khi nào?", "Đề án 06 đặt mục tiêu gì đến
  2030?" -> the card (rag.legal_cards), cited as the card, with its "Cập nhật lần cuối";
- "Những kế hoạch nào căn cứ Luật Căn cước?" -> the legal registry (the plans' own lines);
- a document with no card -> what the registry read in the plans, and a pointer to the
  official portal: nothing else is said about it.

Only questions that name no commune come here: "xã X căn cứ Nghị quyết 57 …" is the plan's
business (rag.pipeline.legal_basis).
"""

from __future__ import annotations

import re

from rag.compose import Citation
from rag.legal_cards import PORTAL, UNVERIFIED, LegalCard, LegalLibrary, Resolved
from rag.pipeline.legal_basis import citing_plan_lines
from rag.pipeline.types import LEGAL_CARD, Analysis, Draft
from rag.text import fold

_WHICH_PLANS = re.compile(
    r"\b(?:(?:nhung|cac) (?:xa|ke hoach|kh|dia phuong|phuong)|(?:xa|ke hoach|kh|dia phuong|"
    r"phuong|noi) nao|bao nhieu (?:xa|ke hoach|kh)|ai (?:trich )?dan|duoc (?:nhung |cac )?"
    r"(?:xa|ke hoach|kh)\b)"
)
_DATE = re.compile(
    r"\b(ban hanh|ky (?:ngay|khi|luc|nam)|ngay nao|khi nao|bao gio|nam nao|thong qua|"
    r"hieu luc|ngay ky|ap dung tu)\b"
)
_TARGETS = re.compile(r"\b(muc tieu|chi tieu|dat ra|dinh huong|den nam|phan dau)\b")
_COMMUNE = re.compile(r"\b(cap xa|doi voi xa|xa phai|xa can|chinh quyen xa|ubnd xa|cho xa)\b")
_STATUS = re.compile(r"\b(con hieu luc|het hieu luc|thay the|sua doi|tinh trang)\b")
# A year asked about ("đến năm 2030", "tới 2025"), not one in a name ("Luật Căn cước 2023").
_YEAR = re.compile(r"\b(?:den|toi|truoc|giai doan|vao)\s+(?:nam\s+)?(20\d\d)\b")
# With a target asked, "mục tiêu 2025", "năm 2025" name the year too.
_TARGET_YEAR = re.compile(r"\b(?:nam|muc tieu|chi tieu)\s+(?:nam\s+)?(20\d\d)\b")


class LegalCardStrategy:
    """Analysis -> Draft from a legal card or the legal registry, or None."""

    def __init__(self, library: LegalLibrary, max_chars: int) -> None:
        if not isinstance(library, LegalLibrary):
            raise TypeError("library must be a rag.legal_cards.LegalLibrary")
        if max_chars < 300:
            raise ValueError("max_chars must be at least 300")
        self.library = library
        self.max_chars = max_chars

    def run(self, analysis: Analysis) -> Draft | None:
        if analysis.info.communes:
            return None
        raw = analysis.question.text
        found = (
            self.library.resolve(raw)
            or self.library.resolve(analysis.info.text)
            or self.library.by_topic(raw)
        )
        if found is None:
            return None
        q = fold(f"{raw} {analysis.info.text}")
        if _WHICH_PLANS.search(q):
            return self._which_plans(found)
        if found.card is None:
            return self._registry_only(found)
        return self._from_card(found.card, q)

    # ------------------------------------------------------------------ card
    def _from_card(self, card: LegalCard, q: str) -> Draft:
        facts = _facts_line(card)
        years = _YEAR.findall(q)
        if _TARGETS.search(q):
            years += _TARGET_YEAR.findall(q)
        years = list(dict.fromkeys(years))  # the question is read twice (as typed, restored)
        if _COMMUNE.search(q):
            head, text = card.section("yeu cau")
            body = [f"{card.label} — {head.lower()}:", text]
        elif _TARGETS.search(q) or years:
            head, text = card.section("muc tieu")
            lines = [ln for ln in text.split("\n") if ln.strip()]
            asked = years
            picked = [ln for ln in lines if any(y in ln for y in asked)] if asked else lines
            if asked and not picked:
                body = [
                    f"Thẻ văn bản của {card.label} không nêu mục tiêu cho năm "
                    f"{', '.join(asked)}. Các mục tiêu thẻ ghi:",
                    *lines,
                ]
            else:
                body = [f"{card.label} đặt các mục tiêu chính sau:", *picked]
        elif _DATE.search(q) or _STATUS.search(q):
            body = [_dates_sentence(card)]
            head, text = "Thông tin văn bản", ""
        else:
            head, text = card.section("tom tat")
            body = [f"{card.label}: {card.title}.", text]
        reviewed = f"Cập nhật lần cuối: {_vn_date(card.last_reviewed)} ({card.reviewer})."
        portal = (
            f"Toàn văn: {card.source_url}"
            if card.on_portal
            else f"Nguồn tham khảo (chưa có trang văn bản trên cổng chính thức): {card.source_url}"
        )
        answer = "\n".join(x for x in body if x)
        if len(answer) + len(reviewed) + len(portal) + 4 > self.max_chars - 80:
            answer = answer[: self.max_chars - len(reviewed) - len(portal) - 90].rsplit(" ", 1)[0]
            answer += " …"
        quote = "\n".join(x for x in (facts, text, reviewed, portal) if x)
        cite = Citation(card.doc_id, card.title, "", "", f"Thẻ văn bản pháp lý › {head}", quote)
        return Draft(
            f"{answer}\n{reviewed}\n{portal}",
            False,
            [cite],
            sources=[f"[1] Thẻ văn bản: {card.label} (cập nhật {_vn_date(card.last_reviewed)})"],
            passages=[cite],
            strategy=LEGAL_CARD,
        )

    # ------------------------------------------------------------------ registry
    def _which_plans(self, found: Resolved) -> Draft:
        name = found.card.label if found.card is not None else _registry_label(found.registry)
        citing = self.library.citing(found)
        if not citing:
            return Draft(
                f"Chưa kế hoạch nào trong dữ liệu trích dẫn {name}.",
                False,
                strategy=LEGAL_CARD,
            )
        lines, cites = citing_plan_lines(
            f"{len(citing)} kế hoạch trong dữ liệu trích dẫn {name}:",
            [(c["commune"], _clip(c.get("quote", ""), 180), _plan_citation(c)) for c in citing],
            self.max_chars - 120,
        )
        return Draft(
            "\n".join(lines),
            False,
            cites,
            communes=[c.commune for c in cites],
            passages=cites,
            strategy=LEGAL_CARD,
        )

    def _registry_only(self, found: Resolved) -> Draft:
        doc = found.registry or {}
        name = _registry_label(doc)
        reviewed = doc.get("reviewed") or {}
        filled = reviewed.get("fields", {})
        stated = {k: v for k, v in doc.items() if k not in filled}  # what the plans wrote
        citing = self.library.citing(found)
        cites = [_plan_citation(c) for c in citing[:3]]
        where = ", ".join(f"xã {c.commune} [{i}]" for i, c in enumerate(cites, 1))
        body = [
            f"Chưa có thẻ tóm tắt đã rà soát cho {name}, nên trợ lý không nêu nội dung, "
            "mục tiêu hay hiệu lực của văn bản này.",
            f"Các kế hoạch trích dẫn ghi: {_clip(_describe(name, stated), 300)}"
            + (f" ({where})." if where else "."),
        ]
        if filled:
            when = _vn_date(reviewed.get("last_reviewed", ""))
            line = _describe(name, doc)
            quote = "\n".join(
                x
                for x in (
                    line,
                    f"Nguồn: {reviewed.get('source_url', '')}",
                    reviewed.get("source_note", ""),
                    f"Cập nhật lần cuối: {when} ({reviewed.get('reviewer', '')}).",
                )
                if x
            )
            cites.append(
                Citation(
                    "legal-registry-facts",
                    "Dữ liệu văn bản pháp lý đã rà soát",
                    "",
                    "",
                    f"Văn bản pháp lý chưa có thẻ › {name}",
                    quote,
                )
            )
            body.append(
                f"Theo dữ liệu đã rà soát (cập nhật {when}): {_clip(line, 300)} [{len(cites)}]."
            )
            if reviewed.get("source_url", PORTAL).rstrip("/") != PORTAL:
                body.append(f"Trang văn bản: {reviewed['source_url']}")
        body.append(f"Tra toàn văn trên Cơ sở dữ liệu quốc gia về văn bản pháp luật: {PORTAL}")
        return Draft(
            "\n".join(body),
            False,
            cites,
            communes=[c.commune for c in cites if c.commune],
            passages=cites,
            strategy=LEGAL_CARD,
        )


def _describe(name: str, doc: dict) -> str:
    """ "Nghị định số 85/2016/NĐ-CP ngày 01/07/2016 của Chính phủ về …" from a registry row."""
    said = [f"ngày {doc['date']}"] if doc.get("date") else []
    if doc.get("issuer"):
        said.append(f"của {doc['issuer']}")
    desc = " ".join([name, *said])
    return desc + (f" {doc['title']}" if doc.get("title") else "")


def _facts_line(card: LegalCard) -> str:
    return (
        f"{card.label} — {card.title}. Cơ quan ban hành: {card.issuer}. Ngày ban hành: "
        f"{card.signed}. Ngày có hiệu lực: {card.in_force}. Tình trạng: {card.status}."
    )


def _dates_sentence(card: LegalCard) -> str:
    text = f"{card.label} do {card.issuer} ban hành ngày {card.signed}"
    if card.in_force != UNVERIFIED:
        text += f", có hiệu lực từ ngày {card.in_force}"
    text += f". Tình trạng: {card.status}."
    if card.in_force == UNVERIFIED:
        text += " Ngày có hiệu lực chưa được đối chiếu: xem toàn văn."
    return text


def _registry_label(doc: dict | None) -> str:
    doc = doc or {}
    kind = doc.get("type", "")
    return f"{kind} số {doc.get('number', '')}".strip() if kind else doc.get("number", "")


def _plan_citation(c: dict) -> Citation:
    return Citation(
        c.get("doc_id", ""),
        c.get("title", "") or c.get("doc_id", ""),
        c.get("commune", ""),
        c.get("province", ""),
        c.get("section", "") or f"dòng {c.get('line', '')}",
        c.get("quote", ""),
    )


def _vn_date(value: str) -> str:
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})$", value)
    return f"{m.group(3)}/{m.group(2)}/{m.group(1)}" if m else value


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"
