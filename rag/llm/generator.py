"""Optional LLM answers that are checked before anyone sees them.

`GroundedGenerator.maybe_generate(question, answer)` asks the model to answer from the extractive
answer's passages, checks the result (rag.llm.grounding) and returns a new Answer with its own
citations and "Nguồn:" list, or - on any failure - the original extractive answer with
`reason = "llm_fallback:<why>"`.

Streaming (`stream()`): the model's tokens are buffered until the generation is complete and
checked; only then is the checked text (or, on failure, the extractive answer) handed out in
pieces. No unchecked token ever reaches a user; the price is that the first piece arrives when
the model has finished.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from rag.answer import Answer
from rag.compose import MAX_ANSWER_CHARS, Citation
from rag.llm.breaker import CircuitBreaker
from rag.llm.client import build_chat_model, llm_configured
from rag.llm.grounding import _CITE_RE, GroundingResult, check, cited_numbers
from rag.llm.prompts import Prompts, load_prompts, passage_data
from rag.settings import Settings
from rag.text import nfc, words

log = logging.getLogger("troly.llm")

MIN_ATTEMPT_S = 0.5
QUOTE_CHARS = 420
PIECE_CHARS = 24
_THINK_RE = re.compile(r"<think>.*?(</think>|$)", re.S)
_SOURCES_RE = re.compile(
    r"(?ims)^[ \t*#]*(?:nguồn|nguon)(?: tham khảo)?[ \t*]*:[ \t*]*(?:$|\[\d).*\Z"
)


def budget_seconds(settings: Settings) -> float:
    """Total time for the model (all attempts): TROLY_LLM_TIMEOUT, kept under the answer timeout."""
    budget = float(settings.llm_timeout_s)
    if settings.answer_timeout_s and settings.answer_timeout_s > 2:
        budget = min(budget, settings.answer_timeout_s - 1.0)
    return max(budget, 1.0)


def _retryable(exc: BaseException) -> bool:
    import openai

    return isinstance(
        exc,
        openai.APIConnectionError
        | openai.InternalServerError
        | openai.RateLimitError
        | TimeoutError,
    )


def _why(exc: BaseException) -> str:
    import openai

    if isinstance(exc, openai.APITimeoutError | TimeoutError):
        return "timeout"
    if isinstance(exc, openai.APIConnectionError):
        return "connection"
    return f"error:{type(exc).__name__}"


def _content(message: Any) -> str:
    content = getattr(message, "content", message)
    if isinstance(content, list):
        content = "".join(p.get("text", "") if isinstance(p, dict) else str(p) for p in content)
    return str(content or "")


class CheckedStream:
    """Iterate to get checked text pieces; `.answer` holds the final Answer afterwards."""

    def __init__(self, produce: Callable[[], Answer], piece_chars: int = PIECE_CHARS) -> None:
        self._produce = produce
        self._piece_chars = piece_chars
        self.answer: Answer | None = None

    def __iter__(self) -> Iterator[str]:
        self.answer = self._produce()
        text = self.answer.answer
        for i in range(0, len(text), self._piece_chars):
            yield text[i : i + self._piece_chars]


class GroundedGenerator:
    """Rewrites extractive answers with an LLM when, and only when, the rewrite is grounded."""

    def __init__(
        self,
        settings: Settings,
        chat_model: Any | None = None,
        *,
        prompts: Prompts | None = None,
        breaker: CircuitBreaker | None = None,
        sanitize_passages: bool = True,
        max_chars: int = MAX_ANSWER_CHARS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not isinstance(settings, Settings):
            raise TypeError("settings must be a rag.settings.Settings")
        if max_chars < 300:
            raise ValueError("max_chars must be at least 300")
        if chat_model is None and not llm_configured(settings):
            raise ValueError("LLM not configured: set TROLY_LLM_BASE_URL and TROLY_LLM_MODEL")
        self.settings = settings
        self.model = chat_model if chat_model is not None else build_chat_model(settings)
        self.prompts = prompts or load_prompts()
        self.breaker = breaker or CircuitBreaker(threshold=3, reset_s=60.0)
        self.sanitize_passages = sanitize_passages
        self.max_chars = max_chars
        self.budget_s = budget_seconds(settings)
        self._clock = clock
        self._local = threading.local()

    @property
    def prompt_version(self) -> str:
        return self.prompts.version

    # ------------------------------------------------------------------ public
    def maybe_generate(self, question: str, answer: Answer) -> Answer:
        """A checked generated answer, or `answer` itself (extractive) with the fallback reason."""
        if getattr(self._local, "deferred", False):
            return answer
        return self._generate(question, answer, streaming=False)

    @contextmanager
    def deferred(self) -> Iterator[None]:
        """Inside this block (this thread only) maybe_generate is a no-op: used by streaming
        routes that call engine.ask for the extractive answer and then stream()."""
        self._local.deferred = True
        try:
            yield
        finally:
            self._local.deferred = False

    def stream(self, question: str, answer: Answer) -> CheckedStream:
        """Checked text in pieces (see module docstring); refused answers pass through."""
        if answer.refused:
            return CheckedStream(lambda: answer)
        return CheckedStream(lambda: self._generate(question, answer, streaming=True))

    # ---------------------------------------------------------------- internals
    def _passages(self, answer: Answer) -> list[Citation]:
        return list(answer.passages or answer.citations)[:8]

    def _messages(self, question: str, passages: list[Citation]) -> list[Any]:
        from langchain_core.messages import HumanMessage, SystemMessage

        return [
            SystemMessage(self.prompts.render_system(self.max_chars - 300)),
            HumanMessage(self.prompts.render_user(question, passages, self.sanitize_passages)),
        ]

    def _fallback(self, answer: Answer, why: str) -> Answer:
        answer.reason = f"llm_fallback:{why}"
        answer.generated = False
        answer.prompt_version = self.prompt_version
        log.warning("LLM answer not used (%s); extractive answer returned", why)
        return answer

    def _call(self, messages: list[Any], deadline: float, streaming: bool) -> str:
        last: BaseException | None = None
        for _attempt in range(2):  # one try + one retry, both inside the same deadline
            remaining = deadline - self._clock()
            if remaining < MIN_ATTEMPT_S:
                break
            try:
                if not streaming:
                    return _content(self.model.invoke(messages, timeout=remaining))
                parts: list[str] = []
                chunks = self.model.stream(messages, timeout=remaining)
                try:
                    for chunk in chunks:
                        parts.append(_content(chunk))
                        if self._clock() > deadline:
                            raise TimeoutError("LLM stream exceeded its deadline")
                finally:
                    close = getattr(chunks, "close", None)
                    if close:
                        close()
                return "".join(parts)
            except Exception as exc:  # noqa: BLE001 - any model failure means fallback
                last = exc
                if not _retryable(exc):
                    break
        raise last or TimeoutError("no time left for the LLM")

    def _generate(self, question: str, answer: Answer, streaming: bool) -> Answer:
        passages = self._passages(answer)
        if not passages:
            return self._fallback(answer, "no_passages")
        if not self.breaker.allow():
            return self._fallback(answer, "circuit_open")
        messages = self._messages(question, passages)
        deadline = self._clock() + self.budget_s
        try:
            raw = self._call(messages, deadline, streaming)
        except Exception as exc:  # noqa: BLE001
            self.breaker.record_failure()
            return self._fallback(answer, _why(exc))
        self.breaker.record_success()
        body = self._clean(raw)
        # Evidence is always the sanitised passage: instruction-like sentences never count.
        result = check(body, [passage_data(p, clean=True) for p in passages])
        if not result.ok:
            return self._fallback(answer, result.reason)
        final = self._render(body, result, passages)
        if len(final.answer) > self.max_chars:
            return self._fallback(answer, "too_long")
        final.communes = list(answer.communes)
        return final

    @staticmethod
    def _clean(raw: str) -> str:
        text = nfc(_THINK_RE.sub("", raw)).strip()
        text = _SOURCES_RE.sub("", text).strip()
        return "\n".join(line.rstrip() for line in text.split("\n"))

    def _render(self, body: str, result: GroundingResult, passages: list[Citation]) -> Answer:
        order = result.cited  # first-appearance order -> new numbers 1..m
        new = {old: i for i, old in enumerate(order, 1)}

        def renumber(m: re.Match) -> str:
            return "".join(f"[{new[n]}]" for n in cited_numbers(m.group(0)))

        text = _CITE_RE.sub(renumber, body)
        cites = []
        for old in order:
            p = passages[old - 1]
            cites.append(replace(p, quote=self._quote(p.quote, body, old)))
        sources = ["Nguồn:"]
        seen: set[str] = set()
        for n, c in enumerate(cites, 1):
            title = c.title if len(c.title) <= 90 else c.title[:89] + "…"
            if c.doc_id in seen:
                title = "cùng văn bản"
            seen.add(c.doc_id)
            where = f"xã {c.commune}" if c.commune and title != "cùng văn bản" else ""
            section = c.section.split(" › ")[-1][:70]
            sources.append(f"[{n}] " + " — ".join(x for x in (title, where, section) if x))
        full = text + "\n\n" + "\n".join(sources)
        ans = Answer(full, False, cites, passages=list(passages), generated=True)
        ans.prompt_version = self.prompt_version
        return ans

    @staticmethod
    def _quote(passage: str, body: str, n: int) -> str:
        """The passage sentences that share most words with the answer lines citing [n]."""
        lines = [ln for ln in body.split("\n") if n in cited_numbers(ln)] or [body]
        wanted = set(words(" ".join(lines)))
        pieces = [s.strip() for s in re.split(r"(?<=[.;!?])\s+|\n", passage) if s.strip()]
        if not pieces:
            return passage[:QUOTE_CHARS]
        ranked = sorted(range(len(pieces)), key=lambda i: -len(set(words(pieces[i])) & wanted))
        keep: list[int] = []
        size = 0
        for i in ranked:
            if keep and size + len(pieces[i]) > QUOTE_CHARS:
                continue
            keep.append(i)
            size += len(pieces[i]) + 1
        quote = " … ".join(pieces[i] for i in sorted(keep))
        return quote if len(quote) <= QUOTE_CHARS else quote[: QUOTE_CHARS - 1] + "…"


def build_generator(settings: Settings) -> GroundedGenerator | None:
    """The generator when TROLY_LLM_BASE_URL and TROLY_LLM_MODEL are set, else None."""
    if not llm_configured(settings):
        return None
    return GroundedGenerator(settings)


def ask_streamed(engine: Any, question: str, commune: str | None = None) -> Answer:
    """Like engine.ask, but the model is called in streaming mode with a per-chunk deadline.

    The extractive answer is computed first (generation deferred), then the model's stream is
    buffered and checked; the result keeps the extractive answer's id. What the caller gets is
    checked text only, exactly as with engine.ask.
    """
    generator = getattr(engine, "generator", None)
    if generator is None:
        return engine.ask(question, commune)
    started = time.perf_counter()
    with generator.deferred():
        extractive = engine.ask(question, commune)
    if extractive.refused:
        return extractive
    answer_id = extractive.answer_id
    stream = generator.stream(question, extractive)
    for _ in stream:
        pass
    final = stream.answer or extractive
    final.answer_id = answer_id
    final.latency_ms = (time.perf_counter() - started) * 1000
    return final
