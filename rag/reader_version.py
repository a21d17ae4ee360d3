"""The version of the code that reads documents, stored with every ingested passage.

`troly ingest` skips a file whose bytes did not change since it was stored. When the code that
reads files changes (metadata, sections, chunks, table records, prose records, schedules,
budgets, legal bases), the records stored by the old code must be read again: every passage
carries the reader stamp of the code that read it (`STAMP_KEY` in its metadata), and a stored
document whose stamp differs from `reader_stamp()` is re-read even if its file is unchanged.

The stamp cannot be forgotten: it is a fingerprint of the source of every module the reader
entry points (`READER_ROOTS`) import, found by following their `import` statements (those
inside functions too) within the package, plus the data files those modules read (files beside
a module in its sub-package, and files a module names by a string literal such as
"statements.json"). A new module the reader starts importing joins the fingerprint by itself.
"""

from __future__ import annotations

import ast
import hashlib
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

# Where reading a file starts: loading and metadata, chunking, the table store (records,
# schedules, budgets, legal bases, statements), the reviewed legal cards.
READER_ROOTS: tuple[str, ...] = (
    "rag.documents",
    "rag.chunking",
    "rag.tables.build",
    "rag.legal_cards",
)
STAMP_KEY = "reader"  # passage metadata key holding the stamp
_DATA_SUFFIXES = (".yaml", ".yml", ".json")
_PACKAGE_DIR = Path(__file__).resolve().parent  # .../rag


def _module_file(base: Path, module: str) -> Path | None:
    path = base.joinpath(*module.split("."))
    if path.with_suffix(".py").is_file():
        return path.with_suffix(".py")
    if (path / "__init__.py").is_file():
        return path / "__init__.py"
    return None


_LITERAL_RE = re.compile(r"[\w./-]+\.(?:yaml|yml|json)")


def _imports(tree: ast.Module, module: str, is_package: bool, top: str) -> set[str]:
    """Module names (and names that may be sub-modules) this module imports from `top`, at
    its top or inside a function."""
    package = module if is_package else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names if alias.name != "*")
    return {name for name in found if name.split(".")[0] == top}


def _literals(tree: ast.Module) -> set[str]:
    """File names a module writes as string literals ("statements.json")."""
    return {
        Path(node.value).name
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and _LITERAL_RE.fullmatch(node.value)
    }


def reader_files(roots: Iterable[str], base: Path, data_dirs: Iterable[Path] = ()) -> list[Path]:
    """The source files of `roots` and of every module they import within their top package
    (found under `base`, the folder holding that package), then the data files they read:
    beside a module of a sub-package, or named by a literal and found in the package or in
    `data_dirs` (top level only). Sorted, each once."""
    roots = list(roots)
    top = roots[0].split(".")[0] if roots else ""
    modules: dict[str, Path] = {}
    names: set[str] = set()
    todo = list(roots)
    while todo:
        module = todo.pop()
        if module in modules:
            continue
        path = _module_file(base, module)
        if path is None:
            continue  # a name imported from a module, not a module
        modules[module] = path
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        names |= _literals(tree)
        todo.extend(_imports(tree, module, path.name == "__init__.py", top))
        parts = module.split(".")  # importing a module runs its packages' __init__ first
        todo.extend(".".join(parts[:i]) for i in range(1, len(parts)))
    files = set(modules.values())
    package_dir = base / top
    for path in modules.values():
        if path.parent != package_dir:  # data beside a sub-package's modules
            files |= {p for p in path.parent.iterdir() if p.suffix in _DATA_SUFFIXES}
    if names and package_dir.is_dir():
        files |= {p for p in package_dir.rglob("*") if p.name in names and p.is_file()}
    for folder in data_dirs:
        if folder.is_dir():
            files |= {p for p in folder.iterdir() if p.name in names and p.is_file()}
    return sorted(files)


def fingerprint(files: Iterable[Path], base: Path) -> str:
    """A short hash of these files' relative paths and bytes."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(str(path.relative_to(base)).encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


@cache
def reader_stamp() -> str:
    """The stamp of the running reader code (computed once per process)."""
    from rag.settings import BUNDLED_CORPUS

    base = _PACKAGE_DIR.parent
    return fingerprint(reader_files(READER_ROOTS, base, [BUNDLED_CORPUS]), base)


def current() -> str:
    """The stamp ingest writes and compares; tests replace it through this hook."""
    return reader_stamp()


def is_stale(stamp: str | None) -> bool:
    """True if a stored document read with `stamp` must be read again by the running code."""
    return (stamp or "") != current()


def stale_documents(documents: dict[str, dict]) -> list[str]:
    """The doc ids, among stored documents (doc_id -> info with the "reader" stamp, as
    rag.chunk_store.ChunkStore.documents gives them), read by another version of the reader."""
    return sorted(doc for doc, info in documents.items() if is_stale(info.get(STAMP_KEY)))


def stale_message(stale: int, total: int) -> str:
    """What an operator reads about documents stored by an older reader (Vietnamese)."""
    return (
        f"{stale}/{total} tài liệu được đọc bằng phiên bản cũ của bộ đọc tài liệu: bảng chỉ tiêu, "
        "tiến độ, căn cứ pháp lý… của chúng có thể chưa theo mã mới. Chạy `troly ingest` để đọc "
        "lại (tệp không đổi không phải nhúng lại)."
    )


def kept_message(kept: list[tuple[str, str]]) -> str:
    """What an ingest says of the documents it kept as an older reader stored them: (doc_id,
    folder) of each, their source file gone or unreadable (Vietnamese)."""
    named = ", ".join(f"{doc} ({folder})" if folder else doc for doc, folder in kept[:5])
    more = f" và {len(kept) - 5} tài liệu khác" if len(kept) > 5 else ""
    return (
        f"{len(kept)} tài liệu vẫn giữ bản do phiên bản cũ của bộ đọc tạo ra (tệp gốc không còn "
        f"hoặc đọc lỗi, xem mục lỗi): {named}{more}. Nạp lại từ tệp gốc, hoặc gỡ bằng "
        "`troly ingest --remove DOC_ID`."
    )
