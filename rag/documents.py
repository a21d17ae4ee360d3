"""Loading source documents (.txt, .md, .pdf — with OCR for scanned pages — .docx) and their
metadata."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from rag.scan.pages import PageSpan
from rag.text import fold, nfc
from rag.understand.hardwrap import unwrap, unwrap_columns
from rag.understand.metadata import DocumentFacts, extract_facts

SUPPORTED_SUFFIXES = (".txt", ".md", ".pdf", ".docx")
REQUIRED_FIELDS = ("doc_id", "title")
# Fields the document's own text can supply; given metadata overrides them one by one.
READ_FIELDS = ("commune", "province", "number", "date", "signer", "title")
_FRONT_MATTER_RE = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)


class DocumentError(Exception):
    """A file that cannot be read as a document; message is bilingual."""


@dataclass
class SourceDocument:
    doc_id: str
    title: str
    text: str
    path: str
    commune: str = ""
    province: str = ""
    doc_type: str = "plan"
    date: str = ""
    signer: str = ""
    number: str = ""
    extra: dict = field(default_factory=dict)
    # What the text itself says (plans only) and which of those fields given metadata replaced.
    facts: DocumentFacts | None = field(default=None, compare=False, repr=False)
    overridden: tuple[str, ...] = ()
    # PDF pages read by OCR (empty for other documents): offsets, page numbers, confidences.
    pages: list[PageSpan] = field(default_factory=list, compare=False, repr=False)

    @property
    def scanned(self) -> bool:
        return any(p.ocr for p in self.pages)

    @property
    def content_hash(self) -> str:
        meta = "|".join(
            [
                self.doc_id,
                self.title,
                self.commune,
                self.province,
                self.doc_type,
                self.date,
                self.signer,
            ]
            + ([self.number] if self.number else [])  # documents without one keep their hash
        )
        return hashlib.sha256((meta + "\n" + self.text).encode("utf-8")).hexdigest()

    def metadata(self) -> dict[str, str]:
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "commune": self.commune,
            "province": self.province,
            "doc_type": self.doc_type,
            "date": self.date,
            "signer": self.signer,
            "number": self.number,
        }


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "doc"


def read_text_file(path: Path) -> tuple[str, dict]:
    """Return (body, front matter) of a .txt/.md file."""
    try:
        raw = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DocumentError(
            f"{path.name}: không đọc được (không phải UTF-8) / not UTF-8 text"
        ) from exc
    raw = nfc(raw.replace("\r\n", "\n"))
    meta: dict = {}
    match = _FRONT_MATTER_RE.match(raw)
    if match:
        try:
            meta = yaml.safe_load(match.group(1)) or {}
        except yaml.YAMLError as exc:
            raise DocumentError(
                f"{path.name}: front matter YAML lỗi / invalid front matter: {exc}"
            ) from exc
        if not isinstance(meta, dict):
            raise DocumentError(
                f"{path.name}: front matter phải là bảng khóa-giá trị / must be a mapping"
            )
        # Replace the front matter with blank lines so spans stay aligned with the file.
        raw = "\n" * match.group(0).count("\n") + raw[match.end() :]
    return raw, meta


def _password_error(path: Path) -> DocumentError:
    return DocumentError(
        f"{path.name}: PDF có mật khẩu, không đọc được; hãy gỡ mật khẩu (lưu lại bản không khóa) "
        "rồi nạp lại / password-protected PDF"
    )


def read_pdf_pages(path: Path, progress: bool = False) -> tuple[str, list[PageSpan]]:
    """Text of a PDF and its page spans: the text layer, OCR (rag.scan) for pages without one.
    Encrypted or corrupt files, and scans when Tesseract is missing, raise DocumentError."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    from rag.pdf_text import respace_layers
    from rag.scan.ocr import OcrUnavailable
    from rag.scan.pdf import join_pages, ocr_pages

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception:  # noqa: BLE001 - pypdf raises several types here
                ok = 0
            if not ok:
                raise _password_error(path)
        layers = [nfc(page.extract_text() or "") for page in reader.pages]
        layers = respace_layers(path, layers)
    except DocumentError:
        raise
    except (PdfReadError, ValueError, OSError, KeyError, TypeError) as exc:
        raise DocumentError(f"{path.name}: PDF hỏng, không đọc được / corrupt PDF ({exc})") from exc
    has_text = len("".join(layers).strip()) >= 20
    if has_text and not _has_empty_pages(layers):
        return _layout_tables(reader, nfc("\n\n".join(layers)), path), []
    try:
        pages = ocr_pages(path, layers, progress=progress)
    except OcrUnavailable as exc:
        if has_text:  # a text PDF with a few scanned pages: its text layer, as before
            return nfc("\n\n".join(layers)), []
        raise DocumentError(
            f"{path.name}: PDF không có lớp chữ (bản scan), cần OCR — {exc} / "
            "no extractable text: needs OCR (Tesseract)"
        ) from exc
    except Exception as exc:  # noqa: BLE001 - pdfium/tesseract failures name the file
        raise DocumentError(f"{path.name}: không OCR được bản scan / OCR failed ({exc})") from exc
    text, spans = join_pages([(span, nfc(body)) for span, body in pages])
    if len(text.strip()) < 20:
        raise DocumentError(
            f"{path.name}: PDF không có lớp chữ và OCR không đọc được chữ nào (trang trắng?) / "
            "no extractable text (needs OCR): OCR found no text"
        )
    return text, spans if any(s.ocr for s in spans) else []


def _layout_tables(reader, text: str, path: Path | None = None) -> str:
    """The text with its printed tables rebuilt from glyph positions (rag.understand.pdf_grid)
    and the page layout (rag.understand.pdf_layout): a narrow table printed from HTML or Word
    comes out of the text layer word by word."""
    from rag.pdf_text import spell_ligatures_in_layout
    from rag.understand.pdf_grid import find_grid_tables
    from rag.understand.pdf_layout import may_have_tables, rebuild_tables

    if not may_have_tables(text):
        return text
    grid = []
    if path is not None:
        try:
            grid = find_grid_tables(path)
        except Exception:  # noqa: BLE001 - the glyph layer is an extra; the text layer stands
            grid = []
    try:
        layout = "\n\n".join(
            spell_ligatures_in_layout(nfc(page.extract_text(extraction_mode="layout") or ""))
            for page in reader.pages
        )
    except Exception:  # noqa: BLE001 - the layout layer is an extra; the text layer stands
        layout = ""
    return rebuild_tables(text, layout, grid)


def _has_empty_pages(layers: list[str]) -> bool:
    """A text PDF with some scanned pages (an appendix, a signed last page) needs OCR there;
    blank pages of a text PDF are read as they are."""
    from rag.scan.pdf import needs_ocr

    empty = needs_ocr(layers)
    return bool(empty) and len(empty) > len(layers) // 4


def read_pdf(path: Path) -> str:
    """Text of a PDF (see read_pdf_pages)."""
    return read_pdf_pages(Path(path))[0]


def read_word(path: Path) -> str:
    from rag.docx_reader import read_docx

    try:
        return nfc(read_docx(path))
    except ValueError as exc:
        raise DocumentError(
            f"{path.name}: tệp Word hỏng hoặc không phải .docx, không đọc được / "
            f"unreadable .docx ({exc})"
        ) from exc


def load_document(
    path: Path, defaults: dict | None = None, progress: bool = False
) -> SourceDocument:
    """Load one file. Metadata: what the plan's text says (rag.understand), overridden field by
    field by the given metadata: defaults (manifest, CLI flags), sidecar .yaml, front matter.

    Any failure is a DocumentError naming the file, so that ingest reports it under
    "failed", keeps what is stored for it and goes on with the other files: a reader flaw
    met on one plan must not stop a province's ingest."""
    try:
        return _load_document(Path(path), defaults, progress)
    except DocumentError:
        raise
    except Exception as exc:  # noqa: BLE001 - reported per file, see docstring
        raise DocumentError(
            f"{Path(path).name}: lỗi khi đọc tệp ({type(exc).__name__}: {exc}) / reader error"
        ) from exc


def _load_document(path: Path, defaults: dict | None, progress: bool) -> SourceDocument:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise DocumentError(f"{path.name}: định dạng không hỗ trợ / unsupported file type")
    given: dict = {k: v for k, v in (defaults or {}).items() if v not in (None, "")}
    sidecar = path.with_suffix(".yaml")
    if sidecar.exists():
        try:
            side = yaml.safe_load(sidecar.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise DocumentError(f"{sidecar.name}: YAML lỗi / invalid YAML: {exc}") from exc
        given.update({k: v for k, v in side.items() if v not in (None, "")})
    pages: list[PageSpan] = []
    if suffix == ".pdf":
        text, pages = read_pdf_pages(path, progress=progress)
        if not pages:  # a text layer (OCR pages keep their offsets): columns re-joined
            text = unwrap_columns(text)
    elif suffix == ".docx":
        text = read_word(path)
    else:
        text, front = read_text_file(path)
        text = unwrap(text)  # text copied out of a PDF: hard wraps and page numbers
        given.update({k: v for k, v in front.items() if v not in (None, "")})
    if not text.strip():
        raise DocumentError(f"{path.name}: tệp rỗng / empty file")
    kind = str(given.get("doc_type") or "plan")
    facts = extract_facts(text) if kind not in ("guide", "legal") else None
    read = facts.metadata() if facts else {}
    meta = {**read, **given}
    overridden = tuple(
        k for k in READ_FIELDS if k in read and k in given and nfc(str(given[k])) != read[k]
    )
    meta.setdefault("title", path.stem)
    meta.setdefault("doc_id", slugify(f"{meta.get('commune', '')}-{path.stem}"))
    known = {"doc_id", "title", "commune", "province", "doc_type", "date", "signer", "number"}
    return SourceDocument(
        doc_id=str(meta["doc_id"]),
        title=nfc(str(meta["title"])),
        text=text,
        path=str(path),
        commune=nfc(str(meta.get("commune") or "")),
        province=nfc(str(meta.get("province") or "")),
        doc_type=str(meta.get("doc_type") or "plan"),
        date=str(meta.get("date") or ""),
        signer=nfc(str(meta.get("signer") or "")),
        number=nfc(str(meta.get("number") or "")),
        extra={k: v for k, v in meta.items() if k not in known},
        facts=facts,
        overridden=overridden,
        pages=pages,
    )


def load_manifest(folder: Path) -> dict[str, dict]:
    """Map file name -> metadata from folder/manifest.yaml (if present)."""
    manifest = folder / "manifest.yaml"
    if not manifest.exists():
        return {}
    data = yaml.safe_load(manifest.read_text(encoding="utf-8")) or {}
    return {
        entry["file"]: {k: v for k, v in entry.items() if k != "file"}
        for entry in data.get("documents", [])
    }


def discover(path: Path) -> list[Path]:
    """Supported files under path (a file or a folder), sorted."""
    path = Path(path)
    if path.is_file():
        return [path]
    return sorted(
        p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
    )
