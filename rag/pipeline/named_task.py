"""The numbered task paragraph of a plan that a question names.

A plan lists its tasks as numbered paragraphs ("4. Cấp chữ ký số cá nhân miễn phí cho người
dân. Phối hợp … Đơn vị thực hiện: …"): the first sentence after the number is the task's name.
When a question about the money for a task finds that task's paragraph but the paragraph
states no amount, "the plan gives no budget for this task" is an answer about a task the plan
contains, not a refusal of a subject the plan lacks. The match is structural (a numbered
paragraph, its first sentence) plus the share of the question's own words in that name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from rag.text import fold

# "4. Name of the task. More …": a number opening a line or following a sentence end.
_NUMBERED = re.compile(r"(?:^|\n|(?<=[.;:!?])\s+)\d{1,2}[.)]\s+([^\n.;:!?]{6,200})")
# Words of a question about money that do not name a task.
_QUESTION_WORDS = set(
    "kinh phi du toan ngan sach chi phi tien bao nhieu bn la may het ton mat chi tong cong "
    "cua o tai xa phuong thi tran ke hoach kh nhiem vu viec gi nao cho biet hoi trieu dong "
    "ty nam".split()
)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", fold(text))


def task_names(text: str) -> list[str]:
    """The names (first sentences) of the numbered paragraphs in `text`, as written."""
    out = []
    for m in _NUMBERED.finditer(text):
        name = m.group(1).strip()
        if name[:1].isupper():
            out.append(name)
    return out


def named_task(
    question: str, names: Sequence[str], texts: Iterable[str], min_cover: float
) -> str | None:
    """The task name in `texts` holding at least `min_cover` of the question's own words
    (without the communes `names` and the words of a money question), or None."""
    own = set(_words(question)) - _QUESTION_WORDS
    for n in names:
        own -= set(_words(n))
    if len(own) < 2:
        return None
    best, cover = None, 0.0
    for text in texts:
        for name in task_names(text):
            share = len(own & set(_words(name))) / len(own)
            if share > cover:
                best, cover = name, share
    return best if cover >= min_cover else None
