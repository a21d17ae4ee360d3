"""Prompt files (prompts/system.md, prompts/answer_template.md, prompts/VERSION), loaded once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rag.compose import Citation
from rag.settings import PACKAGE_ROOT
from rag.text import fold, nfc

PROMPTS_DIR = PACKAGE_ROOT / "prompts"
PASSAGE_CHARS = 1800
_PLACEHOLDER_RE = re.compile(r"\{\{(\w+)\}\}")
# Sentences that read like instructions to the model (prompt injection inside a document).
_INJECTION_RE = re.compile(
    r"(bo qua|phot lo|khong tuan theo|quen|vo hieu)\s+(moi|tat ca|cac|nhung)?\s*"
    r"(huong dan|chi dan|chi thi|yeu cau|quy tac|lenh)"
    r"|ignore\s+(all\s+|any\s+)?(previous|prior|above)"
    r"|disregard\s+(all\s+|any\s+)?(previous|prior|above)"
    r"|system\s+prompt|prompt\s+he\s+thong|ban\s+la\s+mot\s+(tro ly|mo hinh|ai)"
    r"|<\s*/?\s*(system|assistant|user|im_start|im_end)"
)
_SENTENCE_RE = re.compile(r"[^.!?\n]*(?:[.!?]+|\n|$)")
REDACTED = "[đoạn văn có dạng chỉ dẫn đã được lược bỏ]"


@dataclass(frozen=True)
class Prompts:
    system: str
    template: str
    version: str

    def render_system(self, max_chars: int) -> str:
        return _fill(self.system, {"max_chars": str(max_chars)})

    def render_user(self, question: str, passages: list[Citation], clean: bool = True) -> str:
        return _fill(
            self.template,
            {"question": nfc(question).strip(), "passages": format_passages(passages, clean)},
        )


def _fill(template: str, values: dict[str, str]) -> str:
    return _PLACEHOLDER_RE.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def _read_version(directory: Path) -> str:
    path = directory / "VERSION"
    version = path.read_text(encoding="utf-8").strip() if path.exists() else ""
    if not version:
        raise ValueError(f"{path}: thiếu phiên bản prompt / missing prompt version")
    return version


@lru_cache(maxsize=4)
def load_prompts(directory: Path = PROMPTS_DIR) -> Prompts:
    """Read the prompt files once per directory (raises FileNotFoundError / ValueError)."""
    directory = Path(directory)
    system = nfc((directory / "system.md").read_text(encoding="utf-8")).strip()
    template = nfc((directory / "answer_template.md").read_text(encoding="utf-8")).strip()
    if "{{passages}}" not in template or "{{question}}" not in template:
        raise ValueError(
            f"{directory / 'answer_template.md'}: thiếu {{{{question}}}} hoặc {{{{passages}}}}"
        )
    return Prompts(system, template, _read_version(directory))


def sanitize(text: str) -> tuple[str, int]:
    """Drop sentences that look like instructions; neutralise our delimiters. Returns (text, n)."""
    out: list[str] = []
    removed = 0
    for sentence in _SENTENCE_RE.findall(nfc(text)):
        if sentence.strip() and _INJECTION_RE.search(fold(sentence)):
            removed += 1
            out.append(REDACTED + ("\n" if sentence.endswith("\n") else " "))
        else:
            out.append(sentence)
    clean = "".join(out).replace("<<<", "«").replace(">>>", "»")
    return clean, removed


def passage_header(n: int, p: Citation) -> list[str]:
    lines = [f"<<<TÀI LIỆU [{n}]>>>", f"Văn bản: {p.title}"]
    if p.commune:
        lines.append(f"Xã: {p.commune}" + (f", {p.province}" if p.province else ""))
    if p.section:
        lines.append(f"Mục: {p.section}")
    return lines


def passage_body(p: Citation, clean: bool = True) -> str:
    """The passage content shown to the model (cut to PASSAGE_CHARS, injections removed)."""
    text = p.quote[:PASSAGE_CHARS]
    return (sanitize(text)[0] if clean else text).strip()


def passage_data(p: Citation, clean: bool = True) -> str:
    """Header fields and content of one passage, as shown to the model (no delimiters)."""
    return "\n".join([*passage_header(0, p)[1:], passage_body(p, clean)])


def format_passages(passages: list[Citation], clean: bool = True) -> str:
    """Numbered, delimited passages. clean=False (tests only) shows injected text unfiltered."""
    blocks = []
    for n, p in enumerate(passages, 1):
        body = passage_body(p, clean)
        blocks.append(
            "\n".join([*passage_header(n, p), "Nội dung:", body, f"<<<HẾT TÀI LIỆU [{n}]>>>"])
        )
    return "\n\n".join(blocks)
