"""`troly` command line: ingest, ask, eval, serve, bot."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from rag.settings import Settings, get_settings


def _settings() -> Settings:
    return get_settings()


def cmd_ingest(args: argparse.Namespace) -> int:
    import os

    # The embedder runs one handle per core; one OpenMP thread each uses the cores best.
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from rag.ingest import Ingestor

    overrides = {
        k: v
        for k, v in {
            "commune": args.commune,
            "title": args.title,
            "province": args.province,
            "doc_id": args.doc_id,
            "doc_type": args.doc_type,
        }.items()
        if v
    }
    if args.remove:
        if args.path:
            print("--remove không dùng kèm đường dẫn / --remove takes no path", file=sys.stderr)
            return 2
        from rag.index import IndexError_

        try:
            report = Ingestor(_settings()).remove(args.remove)
        except IndexError_ as exc:
            print(str(exc), file=sys.stderr)
            return 2
        print(f"Đã gỡ khỏi chỉ mục / removed: {', '.join(report.removed) or 'không có / none'}")
        print(report.summary())
        return 1 if report.failed else 0
    if overrides.get("doc_id") and args.path and Path(args.path).is_dir():
        print("--doc-id chỉ dùng với một tệp / --doc-id needs a single file", file=sys.stderr)
        return 2
    from rag.index import ChromaIndex
    from rag.ingest_guard import (
        IngestBusy,
        clean_leftovers,
        disk_full_message,
        ingest_lock,
        is_disk_full,
        no_room,
    )

    settings = _settings()
    try:
        with ingest_lock(settings.data_dir):
            index = ChromaIndex.from_settings(settings)
            try:
                clean_leftovers(settings.data_dir, index)
                report = Ingestor(settings, index=index).run(
                    Path(args.path) if args.path else None,
                    overrides=overrides,
                    progress=not args.quiet,
                )
            except Exception as exc:
                clean_leftovers(settings.data_dir, index)  # the half-written generation
                if not (is_disk_full(exc) or no_room(settings.data_dir)):
                    raise
                print(disk_full_message(settings.data_dir), file=sys.stderr)
                return 1
    except IngestBusy as exc:  # another `troly ingest`, or an admin ingest of `troly serve`
        print(str(exc), file=sys.stderr)
        return 1
    except FileNotFoundError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    from rag.ingest_output import ingest_output

    print(ingest_output(report, verbose=args.verbose, show_read=bool(args.path)))
    return 1 if report.failed else 0


def cmd_ask(args: argparse.Namespace) -> int:
    from rag.engine import QuestionError, get_engine
    from rag.index import IndexError_

    try:
        engine = get_engine(_settings())  # the LLM strategy comes from TROLY_LLM_* settings
        answer = engine.ask(args.question, args.commune)
    except (QuestionError, IndexError_) as exc:
        print(str(exc), file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(answer.as_dict(), ensure_ascii=False, indent=2))
    else:
        print(answer.answer)
        print(f"\n({answer.latency_ms:.0f} ms)", file=sys.stderr)
    if engine.stale:
        print(f"⚠ {engine.stale}", file=sys.stderr)
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from eval.baseline import NaiveBaseline
    from eval.runner import load_dataset, report_table, run_eval, write_outputs
    from rag.embedders import EmbeddingCache
    from rag.engine import get_engine
    from rag.index import IndexError_

    if args.compare:
        from eval.report_html import compare

        try:
            print(compare(Path(args.compare[0]), Path(args.compare[1])))
        except (OSError, ValueError, KeyError) as exc:
            print(f"Không so sánh được / cannot compare: {exc}", file=sys.stderr)
            return 2
        return 0
    settings = _settings()
    if args.generate or args.fit or args.lopo:
        from eval.commands import run as run_tools

        try:
            engine = get_engine(settings)
        except IndexError_ as exc:
            print(str(exc), file=sys.stderr)
            return 2
        return run_tools(args, settings, engine)
    if not args.dataset:
        print("Cần --dataset / --dataset is required", file=sys.stderr)
        return 2
    modes = _llm_modes(args.llm, settings)
    if not modes:
        print(
            "Chưa cấu hình mô hình ngôn ngữ (TROLY_LLM_BASE_URL, TROLY_LLM_MODEL) / LLM not configured",
            file=sys.stderr,
        )
        return 2
    try:
        items = [it for path in args.dataset for it in load_dataset(Path(path))]
        engine = get_engine(settings)
    except (ValueError, FileNotFoundError, IndexError_) as exc:
        print(str(exc), file=sys.stderr)
        return 2
    baseline = None
    if not args.no_baseline:
        cache = EmbeddingCache(Path(settings.data_dir) / "embed_cache.sqlite")
        baseline = NaiveBaseline(Path(settings.corpus_dir), engine.embedder, cache)
    rates = []
    for mode in modes:
        engine.configure_llm(settings if mode == "on" else None)
        run = run_eval(engine, items, baseline)
        baseline = None  # the baseline does not depend on the model: score it once
        if len(modes) > 1:
            print(f"\n## LLM {mode}\n")
        print(report_table(run))
        if args.out:
            out = Path(args.out) / f"llm_{mode}" if len(modes) > 1 else Path(args.out)
            report, results = write_outputs(run, out)
            print(f"\nĐã ghi / written: {report}, {results}")
        rates.append(sum(s.passed for s in run["scores"]) / len(run["scores"]))
    engine.configure_llm(None)
    return 0 if min(rates) >= args.min_pass else 1


def _llm_modes(choice: str, settings: Settings) -> list[str]:
    """'auto': off, plus on when the LLM is configured; [] when 'on'/'both' but not configured."""
    configured = bool(settings.llm_base_url.strip() and settings.llm_model.strip())
    if choice == "off":
        return ["off"]
    if choice == "auto":
        return ["off", "on"] if configured else ["off"]
    if not configured:
        return []
    return ["on"] if choice == "on" else ["off", "on"]


def cmd_serve(args: argparse.Namespace) -> int:
    import os

    # One embedding thread per request: under concurrent load this gives more answers per second
    # than letting every request fight for both cores (override by setting OMP_NUM_THREADS).
    os.environ.setdefault("OMP_NUM_THREADS", "1")

    from api.drain import serve
    from api.main import create_app

    settings = _settings()
    # On SIGTERM, questions being answered finish (each is bounded by the answer time-out).
    serve(create_app(settings), args.host, args.port, timeout_s=settings.answer_timeout_s + 5)
    return 0


def cmd_bot(args: argparse.Namespace) -> int:
    try:
        from bot.main import run_bot  # type: ignore[import-not-found]
    except ImportError:
        print("Bot chưa được cài đặt / bot module missing", file=sys.stderr)
        return 2
    return run_bot(_settings(), args)


def cmd_zalo(args: argparse.Namespace) -> int:
    from bot.zalo.main import run_zalo  # type: ignore[import-not-found]

    return run_zalo(_settings(), args)


def cmd_targets(args: argparse.Namespace) -> int:
    from rag.tables.commands import run_targets

    return run_targets(_settings(), args)


def cmd_legal(args: argparse.Namespace) -> int:
    from rag.tables.commands import run_legal

    return run_legal(_settings(), args)


def cmd_conflicts(args: argparse.Namespace) -> int:
    from rag.tables.commands import run_conflicts

    return run_conflicts(_settings(), args)


def cmd_report(args: argparse.Namespace) -> int:
    from rag.interactions import InteractionLog, default_log_path
    from rag.report import render

    if args.days < 1:
        print("--days phải từ 1 trở lên / --days must be >= 1", file=sys.stderr)
        return 2
    settings = _settings()
    path = default_log_path(settings.data_dir)
    if not path.exists():
        print(f"Chưa có nhật ký hỏi đáp / no interaction log yet: {path}", file=sys.stderr)
    log = InteractionLog(path, retention_days=max(1, settings.log_retention_days))
    try:
        text = render(log.report(args.days), args.format)
    finally:
        log.close()
    sys.stdout.write(text)
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from rag.backup import BackupError, backup
    from rag.ingest_guard import IngestBusy

    try:
        info = backup(_settings(), Path(args.dir))
    except (BackupError, IngestBusy) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(info.summary(f"Đã sao lưu vào {args.dir}"))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from rag.backup import BackupError, restore
    from rag.ingest_guard import IngestBusy

    try:
        info = restore(_settings(), Path(args.dir))
    except (BackupError, IngestBusy) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(info.summary(f"Đã khôi phục từ {args.dir}"))
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    from rag.doctor import run_doctor

    checks, code = run_doctor(_settings())
    for check in checks:
        print(check.line())
    print("Mọi thứ đều ổn." if code == 0 else "Có vấn đề cần xử lý (xem → ở trên).")
    return code


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="troly", description="Trợ lý ảo — hỏi đáp kế hoạch chuyển đổi số xã"
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", help="Nạp tài liệu vào chỉ mục (mặc định: bộ tài liệu kèm theo)")
    p.add_argument(
        "path", nargs="?", help="Tệp hoặc thư mục .txt/.md/.pdf/.docx (PDF scan được OCR)"
    )
    p.add_argument("--commune", help="Tên xã cho tài liệu thêm vào")
    p.add_argument("--title", help="Tiêu đề văn bản")
    p.add_argument("--province", help="Tỉnh/thành phố")
    p.add_argument("--doc-id", dest="doc_id", help="Mã văn bản (một tệp)")
    p.add_argument("--doc-type", dest="doc_type", choices=["plan", "guide"], help="Loại tài liệu")
    p.add_argument("--quiet", action="store_true", help="Không hiện thanh tiến trình")
    p.add_argument(
        "--verbose", action="store_true", help="In chi tiết đọc từng tệp, bảng số liệu, mâu thuẫn"
    )
    p.add_argument(
        "--remove",
        action="append",
        metavar="DOC_ID",
        help="Gỡ tài liệu có mã này khỏi chỉ mục (lặp lại được)",
    )
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("ask", help="Đặt câu hỏi")
    p.add_argument("question")
    p.add_argument("--commune", help="Xã cần hỏi (mặc định: nhận từ câu hỏi)")
    p.add_argument("--json", action="store_true", help="In kết quả dạng JSON")
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("eval", help="Chấm điểm trên tập câu hỏi")
    p.add_argument("--dataset", action="append", help="Tệp .jsonl (có thể lặp lại)")
    p.add_argument("--generate", metavar="OUT.jsonl", help="Sinh câu hỏi từ dữ liệu các kế hoạch")
    p.add_argument(
        "--fit",
        action="store_true",
        help="Khớp tham số quyết định trả lời/từ chối (mặc định trên dev + câu sinh ra)",
    )
    p.add_argument("--params", help="Tệp ghi tham số khi --fit (mặc định rag/params/…)")
    p.add_argument(
        "--lopo", action="store_true", help="Đánh giá bỏ-một-kế-hoạch (leave-one-plan-out)"
    )
    p.add_argument(
        "--per-kind",
        type=int,
        help="Số câu sinh tối đa cho mỗi loại, mỗi kế hoạch (--generate/--fit/--lopo)",
    )
    p.add_argument("--out", help="Thư mục ghi report.md, report.html và results.jsonl")
    p.add_argument(
        "--compare",
        nargs=2,
        metavar=("OLD.jsonl", "NEW.jsonl"),
        help="So sánh hai tệp results.jsonl: câu nào đổi từ đạt sang chưa đạt và ngược lại",
    )
    p.add_argument("--no-baseline", action="store_true", help="Bỏ qua baseline đơn giản")
    p.add_argument("--min-pass", type=float, default=0.0, help="Tỷ lệ đạt tối thiểu để thoát mã 0")
    p.add_argument(
        "--llm",
        choices=["auto", "on", "off", "both"],
        default="auto",
        help="Chấm với mô hình ngôn ngữ bật/tắt/cả hai (auto: cả hai nếu đã cấu hình)",
    )
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("serve", help="Chạy HTTP API và trang web")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("bot", help="Chạy Telegram bot")
    p.add_argument("--webhook-url", help="Chạy chế độ webhook với URL công khai này")
    p.add_argument("--listen", default="127.0.0.1", help="Địa chỉ lắng nghe webhook")
    p.add_argument("--port", type=int, default=8443, help="Cổng lắng nghe webhook")
    p.set_defaults(func=cmd_bot)
    p = sub.add_parser("zalo", help="Chạy Zalo bot (long polling)")
    p.add_argument(
        "--set-webhook", metavar="URL", help="Chỉ đăng ký webhook https://…/v1/zalo/webhook"
    )
    p.set_defaults(func=cmd_zalo)
    p = sub.add_parser("targets", help="Liệt kê chỉ tiêu, nhiệm vụ, kinh phí trong bảng kế hoạch")
    p.add_argument("--commune", help="Tên xã")
    p.add_argument("--lead", help="Đơn vị chủ trì (tên chuẩn hoặc cách viết khác)")
    p.add_argument("--q", help="Lọc theo nội dung (không phân biệt dấu)")
    p.add_argument("--year", help="Năm, ví dụ 2026")
    p.add_argument("--format", choices=["table", "csv", "xlsx"], default="table")
    p.add_argument("--out", help="Ghi ra tệp (bắt buộc với xlsx)")
    p.set_defaults(func=cmd_targets)

    p = sub.add_parser("legal", help="Các văn bản pháp lý được kế hoạch trích dẫn")
    p.add_argument("--q", help="Số hiệu hoặc nội dung, ví dụ 57-NQ/TW")
    p.add_argument("--commune", help="Tên xã: các căn cứ pháp lý của kế hoạch của xã đó")
    p.set_defaults(func=cmd_legal)

    p = sub.add_parser("conflicts", help="Chỉ tiêu có hai giá trị khác nhau trong cùng kế hoạch")
    p.add_argument("--commune", help="Tên xã")
    p.set_defaults(func=cmd_conflicts)

    p = sub.add_parser("report", help="Báo cáo câu hỏi thường gặp, bị từ chối, bị chê (👎)")
    p.add_argument("--days", type=int, default=30, help="Số ngày gần nhất (mặc định 30)")
    p.add_argument("--format", choices=["md", "csv"], default="md", help="Định dạng đầu ra")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("backup", help="Sao lưu dữ liệu (chỉ mục, bảng, nhật ký) vào một thư mục")
    p.add_argument("dir", help="Thư mục trống để ghi bản sao lưu")
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser("restore", help="Khôi phục dữ liệu từ một bản sao lưu")
    p.add_argument("dir", help="Thư mục của bản sao lưu (troly backup)")
    p.set_defaults(func=cmd_restore)
    p = sub.add_parser("doctor", help="Kiểm tra máy chủ và dữ liệu, chỉ cách khắc phục")
    p.set_defaults(func=cmd_doctor)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
