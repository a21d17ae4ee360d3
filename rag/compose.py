"""Extractive answers: pick the passages' sentences that answer, quote them, cite them.

Nothing here writes a number, date, name or agency of its own: every such token in an answer
comes from a quoted unit of a retrieved passage. The template text is fixed Vietnamese.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from rag.compose_params import load_compose_params
from rag.decision import AnswerDecision, DecisionFeatures, default_decision
from rag.quantity import anchored, asked_phrase, asks_count
from rag.query import QueryInfo
from rag.retriever import Hit
from rag.text import STOPWORDS, abbreviation_forms, fold, has_diacritics, words, words_exact
from rag.understand.values import name_field, unit_field, with_unit

MAX_ANSWER_CHARS = 1500
UNIT_CHARS = 420
_P = load_compose_params()  # ranking and selection numbers: rag/params/compose.json
_YEAR_RE = re.compile(r"\b20\d\d\b")
CONFLICT_NOTE = (
    "Lưu ý: cùng một kế hoạch nêu các con số khác nhau cho nội dung này "
    "(xem cả hai trích dẫn); nên đối chiếu với văn bản gốc."
)
_FIELD_RE = re.compile(r";\s+(?=[^:;]{1,60}:\s)")
_NUM_RE = re.compile(r"\d+(?:[.,]\d+)?\s*%?")
QUESTION_NOISE = STOPWORDS | set(
    """
    ke hoach la gi nhieu bao cu the ro cho biet hien tai ubnd may con dau luc gio chua roi vay
    nhi ne ko k dc duoc sao nhu nay do kia cai viec se da chi tieu sanh giua khac nhau
    """.split()
)


@dataclass
class Citation:
    doc_id: str
    title: str
    commune: str
    province: str
    section: str
    quote: str

    def as_dict(self) -> dict[str, str]:
        return self.__dict__.copy()

    @classmethod
    def of_passage(
        cls, meta: dict, quote: str, commune: str | None = None, section: str | None = None
    ) -> Citation:
        """A citation of a stored passage from its metadata; `commune`/`section` override it."""
        return cls(
            meta.get("doc_id", ""),
            meta.get("title", ""),
            meta.get("commune", "") if commune is None else commune,
            meta.get("province", ""),
            meta.get("section", "") if section is None else section,
            quote,
        )


@dataclass
class Composed:
    text: str
    refused: bool
    citations: list[Citation] = field(default_factory=list)
    reason: str = ""


@dataclass
class _Unit:
    text: str
    hit: Hit
    rank: int
    coverage: float
    score: float
    whole: str = ""  # the passage line this unit is one item of, when that line enumerates


_VOWEL_RE = re.compile(r"[aeiouy]")
# Results of a past year vs targets of a later one (see _period_bonus).
_RESULTS_SECTION_RE = re.compile(
    r"\b(?:ket qua|danh gia|tinh hinh thuc hien)\b[^›]{0,80}?\b(20\d\d)\b(?![^›]*\b20\d\d\b)"
)
_PAST_RE = re.compile(
    r"\b(?:da|duoc) (?:dat|thuc hien|trien khai|kich hoat|thanh lap|lap|ban hanh|lam|co)\b"
    r"|\b(?:ket qua|dat duoc|thuc hien duoc|nam qua|vua qua)\b"
)
# A question naming a kind of document ("quyết định thành lập …") is answered by a unit that
# cites one by its number ("Quyết định số 12/QĐ-UBND"), not by a task that mentions the topic.
_DOC_ASKED_RE = re.compile(r"\b(quyet dinh|cong van|nghi quyet|thong bao|chi thi)\b")
_DOC_REF_RE = re.compile(r"\b\d+/(?:\d{4}/)?[A-ZĐ]{2,}")
# A question about money: only then is a row's amount (its "Kinh phí" field) the number asked.
_MONEY_ASKED_RE = re.compile(
    r"\b(kinh phi|kp|du toan|tien|chi phi|ngan sach|von|trieu|ty dong|chi (?:het )?bao nhieu"
    r"|ton bao nhieu|het bao nhieu|xa hoi hoa)\b"
)


def enumeration(unit: str, passage: str) -> str:
    """The line of `passage` that holds `unit` when that line enumerates at least three items
    separated by ";" (the unit being one of them), else "". A line too long to quote gives the
    unit and the items after it that fit. A table record is not a list."""
    key = " ".join(unit.split())
    if not key:
        return ""
    for line in passage.split("\n"):
        flat = " ".join(line.split())
        if key not in flat or flat == key:
            continue
        if len(flat) > UNIT_CHARS:
            flat = _items_from(flat[flat.index(key) :], UNIT_CHARS)
        items = [p for p in re.split(r";\s*", flat) if p.strip(" .")]
        return flat if len(items) >= _P.enum_min_items else ""
    return ""


def _items_from(text: str, limit: int) -> str:
    """The leading ";"-separated items of `text` that fit in `limit` characters (at least one)."""
    pieces = re.split(r"(?<=;) ", text)
    taken: list[str] = []
    for piece in pieces:
        if taken and sum(len(p) + 1 for p in taken) + len(piece) > limit:
            break
        taken.append(piece)
    return " ".join(taken)


def strip_names(question: str, names: list[str]) -> str:
    """Drop commune names (and a "xã"/"phường" before them) from a question, keeping diacritics."""
    toks = words_exact(question)
    folded = [fold(t) for t in toks]
    keys = sorted((fold(n).split() for n in names), key=len, reverse=True)
    out: list[str] = []
    i = 0
    while i < len(toks):
        for key in keys:
            if key and folded[i : i + len(key)] == key:
                if out and fold(out[-1]) in ("xa", "phuong"):
                    out.pop()
                i += len(key)
                break
        else:
            out.append(toks[i])
            i += 1
    return " ".join(out)


def _tokens(text: str, exact: bool) -> list[str]:
    return words_exact(text) if exact else words(text)


# The same question words with their diacritics: in exact mode "sổ đỏ" is not "số"/"đó".
QUESTION_NOISE_EXACT = frozenset(
    """
    là của và các những nào gì bao nhiêu thế sao không có được cho trong tại đến với về theo
    này đó thì mà hay hoặc như trên dưới ra vào một hai ai ở khi năm xã tôi mình bạn em anh chị
    ơi à nhé vậy hả hỏi cần biết muốn xin vui lòng giúp kế hoạch cụ thể rõ hiện ubnd mấy còn
    đâu lúc giờ chưa rồi nhỉ nè không được nay kia cái việc để sẽ đã đang chỉ tiêu so sánh
    giữa khác nhau làm kiểu lên giùm dùm nha ạ bị phải nên vừa mới luôn hết kể thôi
    """.split()
)


def _noise(token: str) -> bool:
    if has_diacritics(token):
        return token in QUESTION_NOISE_EXACT
    return fold(token) in QUESTION_NOISE


def query_terms(question: str, drop: set[str], exact: bool = False) -> list[str]:
    """Content unigrams and bigrams of a question; `exact` keeps diacritics."""
    toks = [t for t in _tokens(question, exact) if fold(t) not in drop]
    content = [t for t in toks if not _noise(t)]
    bigrams = [
        f"{a}_{b}" for a, b in zip(toks, toks[1:], strict=False) if not _noise(a) and not _noise(b)
    ]
    return list(dict.fromkeys(content + bigrams))


# A record row's column label: "Chỉ tiêu: …; Đơn vị tính: %" (words up to a colon after a ";").
_ROW_LABEL_RE = re.compile(r"(?:^|;)\s*[^;:]{1,40}:")


@lru_cache(maxsize=65536)
def terms_of(text: str, exact: bool = False) -> frozenset[str]:
    """Unigrams and bigrams of a passage (cached: passages repeat across questions)."""
    toks = _tokens(text, exact)
    return frozenset(toks) | {f"{a}_{b}" for a, b in zip(toks, toks[1:], strict=False)}


class AnswerComposer:
    """Turns retrieved hits into a short Vietnamese answer with [n] citations."""

    def __init__(
        self,
        idf: Callable[[str], float],
        max_chars: int = MAX_ANSWER_CHARS,
        exact_idf: Callable[[str], float] | None = None,
        exact_df: Callable[[str], int] | None = None,
        decision: AnswerDecision | None = None,
        exact_near: Callable[[str], bool] | None = None,
    ) -> None:
        if max_chars < 300:
            raise ValueError("max_chars must be at least 300")
        self.idf = idf
        self.exact_idf = exact_idf or idf
        self.exact_df = exact_df
        self.max_chars = max_chars
        self._decision = decision
        self.exact_near = exact_near

    # ------------------------------------------------------------------ scoring
    def coverage(
        self,
        q_terms: list[str],
        text: str,
        section: str = "",
        exact: bool = False,
        uncapped: bool = False,
    ) -> float:
        """IDF-weighted share of the question's content words found in text (section half credit).

        Bigrams do not count in the denominator; a matched bigram adds a bonus, so phrase matches
        rank higher without punishing passages that word things differently.
        """
        unigrams = [t for t in q_terms if "_" not in t]
        if not unigrams:
            return 0.0
        idf = self.exact_idf if exact else self.idf
        unit_terms = terms_of(text, exact)
        sec_terms = terms_of(section, exact) if section else set()
        total = got = 0.0
        for t in unigrams:
            w = idf(t)
            total += w
            long_form = abbreviation_forms(t)
            alt = _tokens(long_form, exact) if long_form else []
            if t in unit_terms or (alt and all(a in unit_terms for a in alt)):
                got += w
            elif t in sec_terms or (alt and all(a in sec_terms for a in alt)):
                got += _P.section_credit * w
        bonus = sum(_P.bigram_bonus * idf(t) for t in q_terms if "_" in t and t in unit_terms)
        score = (got + bonus) / total if total else 0.0
        return score if uncapped else min(1.0, score)

    def rare_words(self, question: str, drop: set[str]) -> list[str]:
        """Rare content words (in at most two passages): the question is about them."""
        if self.exact_df is None or not has_diacritics(question):
            return []
        toks = [t for t in query_terms(question, drop, exact=True) if "_" not in t]
        return [t for t in toks if len(t) >= 3 and not t[0].isdigit() and 0 < self.exact_df(t) <= 2]

    def unknown_words(
        self,
        question: str,
        drop: set[str],
        min_len: int = 4,
        df: Callable[[str], int] | None = None,
    ) -> list[str]:
        """Content words of a question that occur nowhere in the corpus (or in `df`'s texts).

        Words typed without any diacritic ("ntn", "passcode") are shorthand or loanwords, not
        a sign of an unknown topic, so only words with diacritics count; a word without a vowel
        ("gdđt", "cđs") is an abbreviation, not an unknown word either.
        """
        df = df or self.exact_df
        if df is None or not has_diacritics(question):
            return []
        toks = [t for t in query_terms(question, drop, exact=True) if "_" not in t]
        return [
            t
            for t in toks
            if len(t) >= min_len
            and not t[0].isdigit()
            and has_diacritics(t)
            and _VOWEL_RE.search(fold(t))
            and df(t) == 0
        ]

    def units(
        self,
        q_terms: list[str],
        hits: list[Hit],
        exact: bool = False,
        info: QueryInfo | None = None,
    ) -> list[_Unit]:
        out = []
        n = max(len(hits), 1)
        for rank, hit in enumerate(hits):
            full_section = hit.meta.get("section", "")
            section = full_section.replace(" › ", " \n ")
            head = ""  # the lead-in line of the list a unit is an item of ("Năm 2027:")
            for unit in hit.chunk.units:
                lead_in = _lead_in(unit)
                if lead_in is not None:
                    head = lead_in
                context = f"{section} \n {head}" if head and lead_in is None else section
                raw = self.coverage(q_terms, unit, context, exact, uncapped=True)
                cov = min(1.0, raw)
                prior = _P.rank_prior * (1 - rank / n) + _answer_type_bonus(info, unit)
                # Full coverage either way: the unit holding the question's words as phrases
                # ranks above the one holding them scattered.
                prior += _P.phrase_bonus * min(1.0, raw - cov)
                if hit.meta.get("kind") == "row":
                    fields = [
                        f for f in _FIELD_RE.split(unit) if not f.startswith(("Nhóm", "TT", "STT"))
                    ]
                    name = fields[0].split(": ", 1)[-1] if fields else unit
                    prior += _P.row_name_weight * self.coverage(q_terms, name, "", exact)
                if hit.meta.get("kind") == "card" and info is not None and info.wants_document:
                    prior += _P.card_document_bonus
                if info is not None and info.wants_reason:
                    causal = _REASON_RE.search(unit) or _REASON_SECTION_RE.search(full_section)
                    prior += _P.reason_bonus if causal else -_P.reason_penalty
                prior += _period_bonus(info, unit, full_section)
                if lead_in is None:
                    prior += _lead_year_bonus(info, unit, head)
                if "Nơi nhận" in full_section:
                    prior -= _P.distribution_list_penalty
                if len(unit) > _P.long_unit_chars:  # long units match many words by sheer size
                    prior -= _P.long_unit_penalty * math.log2(len(unit) / _P.long_unit_chars)
                whole = ""
                if info is not None and hit.meta.get("kind") == "text":
                    whole = enumeration(unit, hit.chunk.text)
                    if whole and info.enumerate:
                        prior += _P.enum_bonus
                    elif whole:
                        # Not a list question: the whole list only when other items hold
                        # asked words ("máy in và máy chiếu" asked, one item each).
                        more = self.coverage(q_terms, whole, section, exact, True) - raw
                        whole = whole if more >= _P.enum_more_coverage else ""
                out.append(_Unit(unit, hit, rank, cov, cov + prior, whole))
        out.sort(key=lambda u: -u.score)
        return out

    # ----------------------------------------------------------------- trimming
    def trim(
        self,
        text: str,
        q_terms: list[str],
        limit: int = UNIT_CHARS,
        exact: bool = False,
        keep: re.Pattern[str] | None = None,
    ) -> str:
        """The unit cut to `limit`: a record keeps its name, the fields the question asks about
        and (first after the name) any field whose value `keep` finds."""
        text = " ".join(text.split())
        if len(text) <= limit:
            return text
        qset = set(q_terms)
        fields = _FIELD_RE.split(text)
        if len(fields) >= 3:
            kept = []
            wanted = []
            main_taken = False
            for f in fields:
                name, _, value = f.partition(": ")
                overlap = len(terms_of(f, exact) & qset)
                key_field = re.search(
                    r"chủ trì|phối hợp|Năm \d{4}|Đến năm|Kinh phí|Thời gian", name
                )
                if name.strip() in ("Nhóm", "TT", "STT"):
                    continue
                if not main_taken:
                    kept.append(shorten(f, 200))
                    main_taken = True
                elif keep is not None and keep.search(value):
                    wanted.append(shorten(f, 150))
                elif len(value) <= 60 or overlap >= 2 or key_field:
                    kept.append(shorten(f, 150))
            out = "; ".join(kept[:1] + wanted + kept[1:])
            return out if len(out) <= limit else shorten(out, limit)
        pieces = re.split(r"(?<=[;.])\s+", text)
        scored = [(len(terms_of(p, exact) & qset), i, p) for i, p in enumerate(pieces)]
        best = sorted(scored, key=lambda x: (-x[0], x[1]))
        chosen: list[tuple[int, str]] = []
        size = 0
        for _, i, p in best:
            if size + len(p) > limit and chosen:
                continue
            chosen.append((i, shorten(p, limit)))
            size += len(p)
        chosen.sort()
        parts, last = [], -2
        for i, p in chosen:
            parts.append(p if i == last + 1 or not parts else f"… {p}")
            last = i
        return " ".join(parts)

    # ----------------------------------------------------------------- decision
    @property
    def decision(self) -> AnswerDecision:
        if self._decision is None:
            self._decision = default_decision()
        return self._decision

    @decision.setter
    def decision(self, value: AnswerDecision | None) -> None:
        self._decision = value

    def features(
        self,
        info: QueryInfo,
        q_terms: list[str],
        hits: list[Hit],
        units: list[_Unit],
        question: str,
        drop_terms: set[str],
        rare: list[str],
        has_rare: Callable[[_Unit], bool],
    ) -> DecisionFeatures:
        """The retrieval/coverage features the answer-or-refuse decision is fitted on."""
        exact = has_diacritics(info.text)
        top = units[0]
        support = max(
            top.coverage,
            max(
                0.9 * self.coverage(q_terms, h.chunk.text, h.meta.get("section", ""), exact)
                for h in hits[:3]
            ),
        )
        unknown_list = self.unknown_words(question, drop_terms)
        unknown = 1.0 if unknown_list else 0.0
        near = self.exact_near
        typos = sum(1 for w in unknown_list if near is not None and near(w))
        with_rare = [u for u in units if has_rare(u)] if rare else []
        missing_top = 1.0 if rare and not has_rare(top) else 0.0
        if not rare or not missing_top:
            ratio = 1.0
        else:
            ratio = with_rare[0].score / top.score if with_rare and top.score > 0 else 0.0
        commune = top.hit.meta.get("commune", "")
        return DecisionFeatures(
            support=support,
            top_coverage=top.coverage,
            top_score=top.score,
            margin=top.score - units[1].score if len(units) > 1 else top.score,
            n_terms=float(sum("_" not in t for t in q_terms)),
            unknown_words=unknown,
            unknown_gap=unknown * (1.0 - top.coverage),
            unknown_typos=typos / len(unknown_list) if unknown_list else 0.0,
            rare_words=1.0 if rare else 0.0,
            rare_missing_top=missing_top,
            rare_missing_all=1.0 if rare and not with_rare else 0.0,
            rare_gap=missing_top * (1.0 - top.coverage),
            rare_ratio=min(1.0, ratio),
            wants_number=1.0 if info.wants_number else 0.0,
            number_in_top=1.0 if _QUANTITY_RE.search(top.text) else 0.0,
            commune_asked=1.0 if info.communes else 0.0,
            commune_match=1.0 if info.communes and commune in info.communes else 0.0,
            top_is_row=1.0 if top.hit.meta.get("kind") == "row" else 0.0,
            listing=1.0 if info.listing else 0.0,
            quantity_unstated=self.quantity_unstated(question, units),
        )

    @staticmethod
    def quantity_unstated(question: str, units: list[_Unit], top: int = 3) -> float:
        """1 when the question asks a quantity ("bao nhiêu hộ nghèo") and none of the best units
        has a number next to the counted words (a task that only mentions them states none)."""
        phrase = asked_phrase(question)
        if not phrase:
            return 0.0
        for u in units[:top]:
            if anchored(phrase, u.text, record=u.hit.meta.get("kind") == "row"):
                return 0.0
        return 1.0

    @staticmethod
    def row_of_other_topic(
        info: QueryInfo, units: list[_Unit], q_terms: list[str], exact: bool
    ) -> bool:
        """A year-bound number question whose best unit is a table row with a value for that
        year, while a phrase of the question (two words, neither in the row) is written in
        another retrieved unit: the row answers for another indicator. A phrase whose words are
        all in the title of the row's plan ("kế hoạch chính quyền số …" typed by the user) names
        the plan, not a topic."""
        if not (info.years and info.wants_number and units):
            return False
        if not AnswerComposer.direct_answer(info, units[0].text):
            return False
        row = terms_of(units[0].text, exact)
        title = terms_of(str(units[0].hit.meta.get("title", "")), exact)
        # The row's own words, without its column labels ("Chỉ tiêu: …; Đơn vị tính: %").
        values = terms_of(_ROW_LABEL_RE.sub(" ", units[0].text), exact)
        others = [terms_of(u.text, exact) for u in units[1:]]
        phrases = [t for t in q_terms if "_" in t and not any(ch.isdigit() for ch in t)]
        in_row = sum(t in values for t in phrases)
        for term in phrases:
            a, _, b = term.partition("_")
            if a in row or b in row or (a in title and b in title):
                continue
            # … and the passage holding it matches as many of the question's phrases as the
            # row does: a filler phrase ("phấn đấu") elsewhere does not make the row another topic.
            if any(term in o and sum(t in o for t in phrases) >= in_row for o in others):
                return True
        return False

    @staticmethod
    def later_year_unstated(
        info: QueryInfo, units: list[_Unit], question: str, top: int = 5
    ) -> str:
        """A year after the plan's own year, asked with a quantity, that none of the best units
        (nor their sections) mentions; "" otherwise. The plan's year is the first in its title."""
        if not info.years or not (info.wants_number or asked_phrase(question)):
            return ""
        best = units[:top]
        plan_years = {
            m.group(0)
            for u in best
            if (m := _YEAR_RE.search(u.hit.meta.get("title", ""))) is not None
        }
        if len(plan_years) != 1:
            return ""
        plan_year = plan_years.pop()
        for year in info.years:
            if year <= plan_year:
                continue
            if not any(year in u.text or year in u.hit.meta.get("section", "") for u in best):
                return year
        return ""

    # ------------------------------------------------------------------ answers
    def compose(self, info: QueryInfo, hits: list[Hit], drop_terms: set[str]) -> Composed:
        exact = has_diacritics(info.text)
        q_terms = query_terms(info.text_for_terms or info.text, drop_terms, exact)
        units = self.units(q_terms, hits, exact, info)
        if not units:
            return Composed("", True, reason="no_hits")
        question = info.text_for_terms or info.text
        rare = self.rare_words(question, drop_terms)

        def has_rare(u: _Unit) -> bool:
            found = terms_of(u.hit.chunk.text, True) | terms_of(u.hit.meta.get("section", ""), True)
            return any(r in found for r in rare)

        feats = self.features(info, q_terms, hits, units, question, drop_terms, rare, has_rare)
        if feats.quantity_unstated and asks_count(info.plain or info.text):
            # "Có bao nhiêu hộ nghèo?": a passage that names the things without a number next
            # to them does not answer, however well it matches.
            return Composed("", True, reason="quantity_not_stated")
        if self.later_year_unstated(info, units, question):
            # "… năm 2027 là bao nhiêu?" in a 2026 plan: a passage about 2026 does not answer.
            return Composed("", True, reason="quantity_not_stated")
        if self.row_of_other_topic(info, units, q_terms, exact):
            # "chỉ tiêu chữ ký số năm 2027": the best row gives a 2027 value for another
            # indicator, the topic is only in passages without that value: not stated.
            return Composed("", True, reason="quantity_not_stated")
        if not self.decision.should_answer(feats):
            if feats.quantity_unstated:
                reason = "quantity_not_stated"
            elif feats.rare_missing_top:
                reason = "rare_word_missing"
            elif feats.unknown_words:
                reason = "unknown_words"
            else:
                reason = "low_coverage"
            return Composed("", True, reason=reason)
        if rare and units[0].coverage < _P.rare_first_below_coverage and not has_rare(units[0]):
            # The question is about a rare word ("02-KH/BCĐTW", "lương"): a close passage that
            # has it comes first.
            with_rare = [u for u in units if has_rare(u)]
            if with_rare and with_rare[0].score >= _P.rare_first_min_share * units[0].score:
                units = with_rare + [u for u in units if not has_rare(u)]
        best = units[0].score
        communes_in_hits = []
        for u in units:
            c = u.hit.meta.get("commune", "")
            if c not in communes_in_hits and u.score >= _P.commune_min_share * best:
                communes_in_hits.append(c)
        per_commune = (len(info.communes) != 1) and len(communes_in_hits) > 1
        limit_units = _P.units_listing if info.listing else _P.units
        threshold = _P.keep_share_listing if info.listing else _P.keep_share
        picked: list[_Unit] = []
        per_chunk: dict[str, int] = {}
        if per_commune:
            wanted = info.communes or communes_in_hits
            for commune in wanted[:5]:
                mine = [u for u in units if u.hit.meta.get("commune") == commune]
                if mine and (info.communes or mine[0].score >= _P.commune_min_share * best):
                    picked.append(mine[0])
        else:
            for u in units:
                if len(picked) >= limit_units or u.score < threshold * best:
                    break
                cid = u.hit.chunk.chunk_id
                if per_chunk.get(cid, 0) >= (
                    _P.per_passage_listing if info.listing else _P.per_passage
                ):
                    continue
                if any(fold(u.text) == fold(p.text) for p in picked):
                    continue
                if any(u.whole and (u.whole == p.whole or u.text in p.whole) for p in picked):
                    continue  # one item of a list already quoted whole
                per_chunk[cid] = per_chunk.get(cid, 0) + 1
                picked.append(u)
        return self._render(info, picked, q_terms, per_commune)

    def compose_multi(
        self, info: QueryInfo, hits_by: dict[str, list[Hit]], drop_terms: set[str]
    ) -> Composed:
        """Comparison across named communes: the best passage of each commune, side by side."""
        exact = has_diacritics(info.text)
        q_terms = query_terms(info.text_for_terms or info.text, drop_terms, exact)
        picked: list[_Unit] = []
        seconds: list[_Unit] = []
        for hits in hits_by.values():
            units = self.units(q_terms, hits, exact, info)
            if units and units[0].coverage >= _P.comparison_min_coverage:
                picked.append(units[0])
                # A close second from another part of the same plan (targets section vs phụ lục)
                # comes after every commune's first answer, so trimming drops it first.
                second = next(
                    (u for u in units[1:] if u.hit.chunk.chunk_id != units[0].hit.chunk.chunk_id),
                    None,
                )
                if (
                    second is not None
                    and second.score >= _P.comparison_second_share * units[0].score
                ):
                    seconds.append(second)
        if not picked:
            return Composed("", True, reason="low_coverage")
        return self._render(
            info, picked + seconds[: max(0, 4 - len(picked))], q_terms, per_commune=True
        )

    def _render(
        self, info: QueryInfo, picked: list[_Unit], q_terms: list[str], per_commune: bool
    ) -> Composed:
        cites: list[Citation] = []
        cite_index: dict[str, int] = {}
        lines: list[str] = []
        unit_limit = UNIT_CHARS if len(picked) <= 2 else (320 if len(picked) == 3 else 220)
        if per_commune:
            unit_limit = min(UNIT_CHARS, max(200, 1000 // max(len(picked), 1)))
        exact = has_diacritics(info.text)
        quotes: dict[str, list[str]] = {}
        direct = ""
        for rank, u in enumerate(picked):
            m = u.hit.meta
            cid = u.hit.chunk.chunk_id
            if u.whole:  # a list: every item of it, not the best-matching few
                quote = shorten(u.whole, max(unit_limit, UNIT_CHARS))
            else:
                quote = self.trim(u.text, q_terms, unit_limit, exact, _doc_ref_kept(info))
            short = self.direct_answer(info, u.text).rstrip(". ")
            if short:  # the quote must hold every value the direct answer shows
                quote = self.quote_showing(info, u.text, quote)
            if cid not in cite_index:
                cites.append(Citation.of_passage(m, quote))
                cite_index[cid] = len(cites)
            quotes.setdefault(cid, []).append(quote)
            n = cite_index[cid]
            if per_commune:
                label = f"• Xã {m.get('commune')}: " if m.get("commune") else "• "
                lines.append(f"{label}{short} [{n}]" if short else f"{label}«{quote}» [{n}]")
                continue
            if rank == 0 and short:
                direct = f"{short} [{n}]"
            lines.append(f"• «{quote}» [{n}]")
        for c_id, n in cite_index.items():
            cites[n - 1].quote = " … ".join(dict.fromkeys(quotes[c_id]))
        communes = list(dict.fromkeys(c.commune for c in cites if c.commune))
        if per_commune:
            head = "Mỗi xã có kế hoạch riêng; nội dung liên quan theo từng xã:"
        elif communes:
            head = f"Theo kế hoạch của xã {communes[0]}:"
        else:
            head = "Theo tài liệu:"
        if direct:
            head = f"{head} {direct}.\nChi tiết:"
            if not info.listing:
                lines = lines[:2]
        note = self._conflict_note(picked)
        body = [head, *lines]
        if note:
            body.append(note)
        if direct and _NOT_STATED_RE.search(direct):
            # The plan itself says the detail is left out ("văn bản không nêu tên"): say so.
            body = [
                f"{head.split(chr(10))[0]}",
                "Văn bản không nêu cụ thể thông tin này.",
                *lines[:1],
            ]
            text, cites = self._fit(body, cites)
            return Composed(text, True, cites, reason="not_stated")
        text, cites = self._fit(body, cites)
        return Composed(text, False, cites)

    @staticmethod
    def direct_answer(info: QueryInfo, unit: str) -> str:
        """For a table row, the indicator and just the fields asked about, copied verbatim."""
        got = AnswerComposer._answer_fields(info, unit)
        if got is None:
            return ""
        main, _, shown = got
        return f"{shorten(main, 160)} — {'; '.join(shown)}"

    @staticmethod
    def quote_showing(info: QueryInfo, unit: str, quote: str) -> str:
        """The quote, or (when trimming cut them) the fields the direct answer shows."""
        got = AnswerComposer._answer_fields(info, unit)
        if got is None:
            return quote
        main, fields, _ = got
        if all(f in quote for f in fields):
            return quote
        return "; ".join([shorten(main, 200), *fields])

    @staticmethod
    def _answer_fields(info: QueryInfo, unit: str) -> tuple[str, list[str], list[str]] | None:
        """(name of the row, ["Field: value" asked about, as printed, with the unit field they
        need], [the same fields as shown: bare numbers with their unit]) of a field-structured
        unit, or None. The name is the indicator/task column, wherever it stands."""
        fields = _FIELD_RE.split(" ".join(unit.split()))
        if len(fields) < 3:
            return None
        parsed = []
        for f in fields:
            name, sep, value = f.partition(": ")
            if sep and value:
                parsed.append((name.strip(), value.strip()))
        parsed = [(n, v) for n, v in parsed if n not in ("Nhóm", "TT", "STT")]
        if len(parsed) < 2:
            return None
        at = name_field([n for n, _ in parsed])
        main, rest = parsed[at], parsed[:at] + parsed[at + 1 :]
        unit_at = unit_field([n for n, _ in rest])
        unit_name, unit_value = rest[unit_at] if unit_at is not None else ("", "")
        folded_q = fold(info.text)
        unnamed_q = folded_q  # without the communes' names ("Dân Tiến" is not "tiền")
        for name in info.communes:
            unnamed_q = unnamed_q.replace(fold(name), " ")
        legal = bool(
            re.search(r"\b(can cu|van ban nao|quyet dinh nao|nghi quyet nao|dua vao)\b", folded_q)
        )
        wanted = []
        for name, value in rest:
            low = name.lower()
            if legal:
                if "căn cứ" in low:
                    wanted.append((name, value))
            elif info.wants_document and (
                ("ký" in low and re.search(r"\bky\b(?! hieu)", folded_q))
                or (
                    "số văn bản" in low
                    and re.search(r"\bso (may|bao nhieu|hieu|ky hieu|nao|van ban)\b", folded_q)
                )
                or ("địa phương" in low and re.search(r"\b(tinh|thanh pho|thuoc)\b", folded_q))
                or (
                    "thời gian" in low
                    and re.search(r"\b(ngay|thang|nam|khi nao|ban hanh)\b", folded_q)
                )
            ):
                wanted.append((name, value))
            elif any(y in low for y in info.years):
                wanted.append((name, value))
            elif info.wants_agency and ("chủ trì" in low or "phối hợp" in low):
                wanted.append((name, value))
            elif (
                info.wants_number
                and not info.years
                and (
                    re.search(r"năm \d{4}", low)
                    or ("kinh phí" in low and _MONEY_ASKED_RE.search(unnamed_q))
                )
            ):
                wanted.append((name, value))
            elif info.wants_date and "thời gian" in low:
                wanted.append((name, value))
        if not wanted:
            return None
        q_words = set(words(info.text))
        fields = [f"{n}: {_focus(v, q_words, 200)}" for n, v in wanted]
        shown = list(fields)
        for k, (n, v) in enumerate(wanted):
            if n != unit_name and with_unit(v, unit_value) != v:
                shown[k] = f"{n}: {with_unit(v, unit_value)}"
        if shown != fields and unit_name and (unit_name, unit_value) not in wanted:
            fields.append(f"{unit_name}: {unit_value}")  # the quote must hold the unit too
        return main[1], fields, shown

    @staticmethod
    def _conflict_note(picked: list[_Unit]) -> str:
        for i, a in enumerate(picked):
            for b in picked[i + 1 :]:
                if a.hit.meta.get("doc_id") != b.hit.meta.get("doc_id"):
                    continue
                if a.hit.chunk.chunk_id == b.hit.chunk.chunk_id:
                    continue
                if a.hit.meta.get("kind") == b.hit.meta.get("kind") == "row":
                    continue  # two rows of one table are two different indicators
                ta = {t for t in words(_indicator(a.text)) if not t[0].isdigit()} - QUESTION_NOISE
                tb = {t for t in words(_indicator(b.text)) if not t[0].isdigit()} - QUESTION_NOISE
                if not ta or not tb:
                    continue
                jac = len(ta & tb) / len(ta | tb)
                na = set(_NUM_RE.findall(a.text))
                nb = set(_NUM_RE.findall(b.text))
                if jac >= _P.conflict_min_overlap and na and nb and not (na & nb):
                    return CONFLICT_NOTE
        return ""

    def _fit(self, body: list[str], cites: list[Citation]) -> tuple[str, list[Citation]]:
        """Fit body + sources in max_chars; drop trailing quotes if needed, never a dangling [n]."""

        def sources(cited: list[Citation], title_len: int) -> list[str]:
            out = ["Nguồn:"]
            seen_docs: set[str] = set()
            for n, c in enumerate(cited, 1):
                title = c.title if len(c.title) <= title_len else c.title[: title_len - 1] + "…"
                if c.doc_id in seen_docs:
                    title = "cùng văn bản"
                seen_docs.add(c.doc_id)
                where = f"xã {c.commune}" if c.commune and title != "cùng văn bản" else ""
                section = c.section.split(" › ")[-1]
                section = section if len(section) <= 70 else section[:69] + "…"
                parts = [p for p in (title, where, section) if p]
                out.append(f"[{n}] " + " — ".join(parts))
            return out

        def render(lines: list[str], title_len: int) -> tuple[str, list[Citation]]:
            used = sorted({int(n) for ln in lines for n in re.findall(r"\[(\d+)\]", ln)})
            renumber = {old: new for new, old in enumerate(used, 1)}
            lines = [
                re.sub(r"\[(\d+)\]", lambda m: f"[{renumber[int(m.group(1))]}]", ln) for ln in lines
            ]
            cited = [cites[old - 1] for old in used]
            return "\n".join(lines) + "\n\n" + "\n".join(sources(cited, title_len)), cited

        for title_len in (110, 70, 40):
            text, cited = render(body, title_len)
            if len(text) <= self.max_chars:
                return text, cited
        # Still too long: drop the least relevant quotes (the last ones) until it fits.
        while len(body) > 2:
            body = body[:-1]
            text, cited = render(body, 40)
            if len(text) <= self.max_chars:
                return text, cited
        return text[: self.max_chars - 1] + "…", cited


_QUANTITY_RE = re.compile(
    r"\d+(?:[.,]\d+)?\s*%|\b\d{2,}(?:[.,/]\d+)*\b|\b0?\d\s+(?:lớp|tổ|bộ|chiếc|người)"
)
_DATE_RE = re.compile(
    r"\b\d{1,2}/\d{1,2}(?:/\d{4})?\b|\b(?:tháng|quý|Quý|năm)\s+[0-9IV]+|Thường xuyên|Trước ngày"
)
_NOT_STATED_RE = re.compile(r"không (nêu|ghi)( rõ)? tên|không nêu cụ thể|để trống\)?$", re.I)
_REASON_RE = re.compile(r"\b(do vậy|do đó|bởi|vì|nguyên nhân|ảnh hưởng|dẫn đến|khó khăn)\b", re.I)
_REASON_SECTION_RE = re.compile(r"hạn chế|nguyên nhân|khó khăn|vướng mắc|tồn tại", re.I)
_AGENCY_RE = re.compile(
    r"Phòng |Văn phòng|Trung tâm|Công an|UBND|Trạm [Yy] tế|Ban |Bảo hiểm|chủ trì"
)


def _answer_type_bonus(info: QueryInfo | None, unit: str) -> float:
    """Prefer units holding the kind of fact asked for (a number, a date, an agency)."""
    if info is None:
        return 0.0
    bonus = 0.0
    if info.wants_number:
        bonus += _P.number_bonus if _QUANTITY_RE.search(unit) else -_P.number_penalty
    if info.wants_date:
        bonus += _P.date_bonus if _DATE_RE.search(unit) else -_P.date_penalty
    if info.wants_agency:
        bonus += _P.agency_bonus if _AGENCY_RE.search(unit) else -_P.agency_penalty
    if _DOC_ASKED_RE.search(fold(info.text)) and not info.wants_document:
        bonus += _P.doc_ref_bonus if _DOC_REF_RE.search(unit) else 0.0
    return bonus


def _period_bonus(info: QueryInfo | None, unit: str, section: str) -> float:
    """A section reporting results of a year ("KẾT QUẢ THỰC HIỆN NĂM 2025") answers a question
    on what that year achieved (or, naming no year, on what was achieved), not a question on a
    later year's target."""
    if info is None:
        return 0.0
    m = _RESULTS_SECTION_RE.search(fold(section))
    if m is None:
        # A heading about one earlier year ("Nhìn lại năm 2025") is that year's, whatever
        # its words: it does not answer a question on a later year.
        years = set(_YEAR_ONLY_RE.findall(section.split(" › ")[-1]))
        if len(years) == 1 and all(y > min(years) for y in info.years):
            if not any(y in unit for y in info.years):
                return -_P.results_penalty
        return 0.0
    if not info.years:
        # "kết quả …", "năm qua đã đạt …" without a year: what the plan reports as achieved
        return _P.results_bonus if _PAST_RE.search(fold(info.text)) else 0.0
    year = m.group(1)
    if all(y > year for y in info.years) and not any(y in unit for y in info.years):
        return -_P.results_penalty
    if year in info.years and _PAST_RE.search(fold(info.text)):
        return _P.results_bonus
    return 0.0


_LEAD_IN_RE = re.compile(r"^[\W_]*(.{1,60}?)[*_\s]*:[*_\s]*$")
_YEAR_ONLY_RE = re.compile(r"\b(?:19|20)\d{2}\b")


def _lead_in(unit: str) -> str | None:
    """A short line ending with a colon that leads the list items after it ("- Năm 2027:",
    "Mục tiêu đến năm 2028:"): its text, or None for any other unit."""
    m = _LEAD_IN_RE.match(unit.strip())
    if m is None or len(m.group(1).split()) > 8:
        return None
    return m.group(1).strip(" *_")


def _lead_year_bonus(info: QueryInfo | None, unit: str, head: str) -> float:
    """An item of a list led by one year ("- Năm 2026:" then its targets) is about that year:
    it does not answer a question on another year, unless it names an asked year itself."""
    if info is None or not info.years or not head:
        return 0.0
    years = set(_YEAR_ONLY_RE.findall(head))
    if len(years) != 1 or any(y in unit for y in info.years):
        return 0.0
    return 0.0 if years & set(info.years) else -_P.results_penalty


def _doc_ref_kept(info: QueryInfo) -> re.Pattern[str] | None:
    """The document-number pattern a trimmed record must keep when the question names a kind
    of document (it asks which decision, not the task around it)."""
    if _DOC_ASKED_RE.search(fold(info.text)) and not info.wants_document:
        return _DOC_REF_RE
    return None


def _indicator(text: str) -> str:
    """The indicator part of a unit: drop the "(Cơ quan chủ trì: …)" tail and header names."""
    text = re.sub(r"\((?:Cơ quan|Đơn vị)[^)]*\)\s*$", "", text)
    return re.sub(
        r"(Chỉ (?:số|tiêu)[^:]{0,40}|Cơ quan[^:]{0,20}|Năm \d{4}|Đến năm \d{4}):", " ", text
    )


def _focus(value: str, q_words: set[str], limit: int) -> str:
    """A long field value cut to the clauses that share the most words with the question."""
    if len(value) <= limit:
        return value
    pieces = re.split(r"(?<=[,;])\s+", value)
    ranked = sorted(range(len(pieces)), key=lambda i: (-len(set(words(pieces[i])) & q_words), i))
    keep: list[int] = []
    size = 0
    for i in ranked:
        if keep and size + len(pieces[i]) > limit:
            continue
        keep.append(i)
        size += len(pieces[i])
    keep.sort()
    out, last = [], -2
    for i in keep:
        out.append(pieces[i] if i == last + 1 or not out else f"… {pieces[i]}")
        last = i
    return shorten(" ".join(out), limit)


def shorten(text: str, limit: int) -> str:
    """`text` cut to `limit` characters at a word boundary, with "…"."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit * 0.6 else cut) + "…"
