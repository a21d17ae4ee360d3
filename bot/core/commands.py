"""Commands typed as words, for channels without command entities (Zalo).

"/xa Phú Trung", "xa phu trung", "huong dan vneid", "chi tieu 2", "xoa", "tro giup".
A message is read as a command only when it looks like one: a slash, or a command word
followed by a short argument that names something the corpus has (a commune, a province, a
guide). Anything else is a question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core import picker
from bot.core.views import find_guides
from rag.communes import province_key
from rag.text import fold

# Folded words -> command. Longest phrases are tried first.
WORDS: dict[str, str] = {
    "start": "start",
    "bat dau": "start",
    "xin chao": "start",
    "chao": "start",
    "hello": "start",
    "hi": "start",
    "xa": "xa",
    "chon xa": "xa",
    "doi xa": "xa",
    "tinh": "tinh",
    "chon tinh": "tinh",
    "huongdan": "huongdan",
    "huong dan": "huongdan",
    "chitieu": "chitieu",
    "chi tieu": "chitieu",
    "lienhe": "lienhe",
    "lien he": "lienhe",
    "help": "help",
    "tro giup": "help",
    "giup": "help",
    "menu": "help",
    "xoa": "xoa",
    "hoi": "hoi",
}
SLASH_NAMES = set(WORDS.values())
# A typed (slash-less) command's argument is at most this many words, and never a question.
MAX_ARG_WORDS = 6


@dataclass(frozen=True)
class Command:
    name: str  # one of SLASH_NAMES, or "unknown" for a slash command we do not have
    arg: str = ""
    slash: bool = False


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", fold(text))


def split_command(text: str) -> Command | None:
    """The command word(s) and the rest of the text, or None if it starts with none."""
    text = " ".join((text or "").split())
    if text.startswith("/"):
        head, _, arg = text[1:].partition(" ")
        name = fold(head.split("@")[0])
        return Command(WORDS.get(name, name if name in SLASH_NAMES else "unknown"), arg, True)
    tokens = text.split(" ")
    folded = [" ".join(_words(t)) for t in tokens]
    for phrase in sorted(WORDS, key=lambda p: -len(p.split())):
        n = len(phrase.split())
        if " ".join(folded[:n]) == phrase:
            arg = " ".join(tokens[n:]).strip(" ,:;.!-")
            return Command(WORDS[phrase], arg, False)
    return None


def page_of(arg: str) -> tuple[str, int]:
    """("Đồng Nai", 2) for "Đồng Nai trang 2"; (arg, 1) without "trang N" (a name may end in
    a number)."""
    words = arg.split()
    if len(words) >= 2 and words[-1].isdigit() and fold(words[-2]) == "trang":
        return " ".join(words[:-2]), int(words[-1])
    return arg.strip(), 1


def find_province(engine, typed: str) -> int | None:
    """The index (in picker.provinces) of the province a typed name means, if exactly one."""
    key = province_key(typed).strip()
    if not key:
        return None
    names = picker.provinces(engine)
    exact = [i for i, p in enumerate(names) if province_key(p).strip() == key]
    if len(exact) == 1:
        return exact[0]
    inside = [i for i, p in enumerate(names) if key in province_key(p)]
    return inside[0] if len(inside) == 1 else None


def interpret(engine, text: str) -> Command | None:
    """The command a message means, or None when it is a question (or plain chat)."""
    cmd = split_command(text)
    bare = " ".join((text or "").split())
    if cmd is None:
        # A bare commune name ("Phú Trung", "phu trung") chooses that commune.
        if _short(bare) and engine.resolve_commune(bare):
            return Command("xa", bare)
        return None
    if cmd.slash:
        return cmd
    arg = cmd.arg
    if cmd.name == "hoi":
        return cmd if arg else None
    if not arg:
        return cmd
    if not _short(arg):
        return None
    if cmd.name == "xa":
        total, _ = picker.find(engine, arg)
        known = total or engine.resolve_commune(arg) or picker.directory(engine).by_id(arg)
        return cmd if known else None
    if cmd.name == "tinh":
        name, _ = page_of(arg)
        return cmd if not name or find_province(engine, name) is not None else None
    if cmd.name == "huongdan":
        return cmd if arg.isdigit() or find_guides(engine, arg) else None
    if cmd.name == "chitieu":
        return cmd if arg.isdigit() else None
    return None  # "xoa …", "lien he …", "chao …" with more words: a sentence, not a command


def _short(text: str) -> bool:
    return 0 < len(text.split()) <= MAX_ARG_WORDS and "?" not in text
