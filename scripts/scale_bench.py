"""Scale benchmark: N synthetic communes through `troly ingest` and `troly serve`.

Usage:
    PYTHONPATH=. python scripts/scale_bench.py --communes 100 [--keep DIR] [--ready-timeout 900]

What it does (no network, no model download):
1. writes a synthetic corpus: the five bundled plans copied round-robin, with the commune and
   province renamed (plausible generated names; about one name in ten is reused in another
   province, as happens in Vietnam), each with a sidecar .yaml; the bundled guides are copied too;
2. builds a tiny random sentence-transformers model (a static embedding over a word-level
   tokenizer trained on the bundled plans) and points TROLY_EMBED_MODEL at it;
3. runs `troly ingest DIR` (seconds, peak RSS), starts `troly serve` on a free loopback port,
   polls /readyz (seconds; "not ready" after --ready-timeout), reads the server's RSS;
4. asks --questions commune-specific questions (dev-set questions with the commune renamed and
   its province named, "xã X, tỉnh Y") to /v1/ask with the rate limit off, and prints p50/p95
   and how many answers cite only the asked commune (same name and province);
5. with the server stopped, times adding one more plan to the index (`troly ingest FILE`),
   changing it, and removing it (`troly ingest --remove DOC_ID`).

Output: one `key: value` line per number, then a one-line markdown table row.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rag.communes import commune_id  # noqa: E402
from rag.text import fold  # noqa: E402

BUNDLED = ROOT / "corpus"

# Syllables that commonly make up Vietnamese commune names.
FIRST = (
    "An Bình Hòa Phú Tân Thành Hưng Long Đông Tây Nam Bắc Quang Minh Thạch Xuân Hải Kim Ngọc "
    "Vĩnh Yên Cẩm Đức Trung Hồng Lạc Thanh Mỹ Phước Thuận Hiệp Nghĩa Tiền Hương Sơn Lộc Cát "
    "Quỳnh Diễn Kỳ Hoằng Triệu Gio Cam Điện Duy Tịnh Ea Krông"
).split()
SECOND = (
    "Lợi Hòa Thịnh Phong Sơn Lâm Hà Giang Điền Thủy Tiến Lộc Phát Khánh Hiệp Đoàn Quý Trạch "
    "Xá Cường Định Thắng Vinh Mỹ Hải Liên Dương Tú Thái Châu Phúc Hạnh Lễ Nghĩa Ninh Khê Uyên "
    "Bồng Kiều Sen Đào Lý Trà Thượng Hạ Cầu Hồ"
).split()
CITIES = ("Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ")
PROVINCES = (
    "Lai Châu|Điện Biên|Sơn La|Lạng Sơn|Quảng Ninh|Thanh Hóa|Nghệ An|Hà Tĩnh|Cao Bằng|Tuyên Quang|"
    "Lào Cai|Thái Nguyên|Phú Thọ|Bắc Ninh|Hưng Yên|Ninh Bình|Quảng Trị|Quảng Ngãi|Gia Lai|"
    "Khánh Hòa|Lâm Đồng|Đắk Lắk|Đồng Nai|Tây Ninh|Vĩnh Long|Đồng Tháp|Cà Mau|An Giang"
).split("|")


@dataclass
class Template:
    text: str
    meta: dict
    commune: str
    province_name: str  # bare name ("Thái Nguyên"), "" when the plan names none


@dataclass
class Commune:
    name: str
    province: str  # "tỉnh X" / "thành phố X"
    province_name: str
    template: int
    doc_id: str


def load_templates() -> list[Template]:
    manifest = yaml.safe_load((BUNDLED / "plans" / "manifest.yaml").read_text(encoding="utf-8"))
    out = []
    for entry in manifest["documents"]:
        text = (BUNDLED / "plans" / entry["file"]).read_text(encoding="utf-8")
        prov = re.sub(r"^(tỉnh|thành phố)\s+", "", entry.get("province", ""))
        if "(" in prov:  # "thành phố (văn bản không nêu tên)": the plan names no province
            prov = ""
        out.append(Template(text, entry, entry["commune"], prov))
    return out


def _phrase_in(phrase: str, text: str) -> bool:
    """`phrase` occurs in `text` as whole words."""
    return phrase in text and re.search(rf"\b{re.escape(phrase)}\b", text) is not None


def make_communes(n: int, templates: list[Template], seed: int = 0) -> list[Commune]:
    """n (name, province) pairs, unique as pairs; ~10 % of names reused in another province."""
    rng = random.Random(seed)
    corpus = fold("\n".join(t.text for t in templates))
    names = [f"{a} {b}" for a in FIRST for b in SECOND if a != b]
    # A name that is also an ordinary phrase of the plans ("an ninh") would be found everywhere.
    # (The substring test first: the word-bounded search only runs where it can match.)
    names = [x for x in names if not _phrase_in(fold(x), corpus)]
    rng.shuffle(names)
    provinces = [f"thành phố {c}" for c in CITIES] + [f"tỉnh {p}" for p in PROVINCES]
    taken: set[tuple[str, str]] = set()
    out: list[Commune] = []
    fresh = iter(names)
    for i in range(n):
        province = provinces[rng.randrange(len(provinces))]
        name = ""
        if out and rng.random() < 0.1:
            name = out[rng.randrange(len(out))].name
            if (name, province) in taken:
                name = ""
        if not name:
            name = next(fresh, "")
            if not name:  # more communes than generated names: number them
                name = f"{rng.choice(FIRST)} {rng.choice(SECOND)} {i}"
        taken.add((name, province))
        bare = re.sub(r"^(tỉnh|thành phố)\s+", "", province)
        out.append(Commune(name, province, bare, i % len(templates), f"scale-{i:05d}"))
    return out


def _rename(text: str, old: str, new: str) -> str:
    if not old:
        return text
    text = text.replace(old, new).replace(old.upper(), new.upper())
    # The bundled Thanh Hoá plan spells its province both ways.
    alt = old.replace("oá", "óa") if "oá" in old else old.replace("óa", "oá")
    return text.replace(alt, new).replace(alt.upper(), new.upper())


def write_corpus(folder: Path, communes: list[Commune], templates: list[Template]) -> None:
    plans = folder / "plans"
    plans.mkdir(parents=True, exist_ok=True)
    shutil.copytree(BUNDLED / "guides", folder / "guides", dirs_exist_ok=True)
    for c in communes:
        t = templates[c.template]
        text = _rename(_rename(t.text, t.commune, c.name), t.province_name, c.province_name)
        (plans / f"{c.doc_id}.txt").write_text(text, encoding="utf-8")
        meta = {
            "doc_id": c.doc_id,
            "title": _rename(t.meta["title"], t.commune, c.name),
            "commune": c.name,
            "province": c.province,
            "doc_type": "plan",
            "date": t.meta.get("date", ""),
            "signer": t.meta.get("signer", ""),
        }
        (plans / f"{c.doc_id}.yaml").write_text(
            yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )


def build_tiny_model(folder: Path) -> Path:
    """A 32-dim static-embedding sentence-transformers model with random weights."""
    import torch
    from sentence_transformers import SentenceTransformer

    try:
        from sentence_transformers.sentence_transformer.modules import StaticEmbedding
    except ImportError:  # older sentence-transformers
        from sentence_transformers.models import StaticEmbedding
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    texts = [p.read_text(encoding="utf-8") for p in sorted((BUNDLED / "plans").glob("*.txt"))]
    tok = Tokenizer(models.WordLevel(unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    tok.train_from_iterator(
        texts, trainers.WordLevelTrainer(vocab_size=3000, special_tokens=["[UNK]", "[PAD]"])
    )
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, unk_token="[UNK]", pad_token="[PAD]")
    torch.manual_seed(0)
    model = SentenceTransformer(modules=[StaticEmbedding(fast, embedding_dim=32)], device="cpu")
    out = folder / "tiny-st"
    model.save(str(out))
    return out


def make_questions(
    communes: list[Commune],
    templates: list[Template],
    count: int,
    seed: int = 0,
    with_province: bool = True,
) -> list[tuple[str, Commune]]:
    """Dev-set questions about one bundled commune, renamed to a synthetic commune."""
    pools: dict[str, list[str]] = {t.commune: [] for t in templates}
    for line in (ROOT / "eval" / "dev.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if row.get("expect_refusal"):  # every question asked has an answer in its plan
            continue
        name = row.get("expect_commune")
        if isinstance(name, str) and name in pools and name in row["question"]:
            if not any(t.commune in row["question"] for t in templates if t.commune != name):
                pools[name].append(row["question"])
    rng = random.Random(seed + 1)
    usable = [c for c in communes if pools[templates[c.template].commune]]
    out = []
    for _ in range(count):
        c = rng.choice(usable)
        t = templates[c.template]
        # "xã X, tỉnh Y": names repeat across provinces, the province says which one is meant.
        asked = f"{c.name}, {c.province}" if with_province else c.name
        out.append((rng.choice(pools[t.commune]).replace(t.commune, asked), c))
    return out


def repeated_names(communes: list[Commune]) -> set[str]:
    """Names that another commune shares, also when only the diacritics differ ("Cam Hải" and
    "Cẩm Hải": the assistant matches names typed without diacritics)."""
    seen: dict[str, int] = {}
    for c in communes:
        seen[fold(c.name)] = seen.get(fold(c.name), 0) + 1
    return {c.name for c in communes if seen[fold(c.name)] > 1}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def have_sentence_transformers() -> bool:
    import importlib.util

    return importlib.util.find_spec("sentence_transformers") is not None


def troly_cmd(fake_dim: int) -> list[str]:
    """`troly` itself, or this script as a `troly` whose embedder is the tests' hashing fake."""
    if fake_dim:
        return [sys.executable, str(Path(__file__).resolve()), "--child", str(fake_dim), "--"]
    return [sys.executable, "-m", "rag.cli"]


def child(dim: int, argv: list[str]) -> int:
    """Run `troly ARGV` with the deterministic hashing embedder of the test suite."""
    import rag.engine
    import rag.ingest
    from rag.cli import main as troly_main
    from tests.fakes import FakeEmbedder

    def fake(model: str = "", **_options) -> FakeEmbedder:
        return FakeEmbedder(dim=dim, name="scale-hash")

    rag.engine.make_embedder = fake
    rag.ingest.make_embedder = fake
    return troly_main(argv)


def run_measured(cmd: list[str], env: dict, timeout: float, log: Path) -> tuple[int, float, int]:
    """(exit code or -1 on timeout, seconds, peak RSS in MB) of a child process."""
    started = time.perf_counter()
    with log.open("w") as fh:
        proc = subprocess.Popen(cmd, env=env, stdout=fh, stderr=subprocess.STDOUT, cwd=ROOT)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                proc.returncode = os.waitstatus_to_exitcode(status)
                return proc.returncode, time.perf_counter() - started, usage.ru_maxrss // 1024
            if time.perf_counter() - started > timeout:
                proc.kill()
                _, _, usage = os.wait4(proc.pid, 0)
                proc.returncode = -1
                return -1, time.perf_counter() - started, usage.ru_maxrss // 1024
            time.sleep(0.2)


def rss_mb(pid: int) -> tuple[int, int]:
    """(current, peak) resident set size of a live process, in MB."""
    status = Path(f"/proc/{pid}/status").read_text()
    cur = int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
    peak = int(re.search(r"VmHWM:\s+(\d+)", status).group(1))
    return cur // 1024, peak // 1024


def wait_ready(base: str, proc: subprocess.Popen, timeout: float) -> float | None:
    import httpx

    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if proc.poll() is not None:
            return None
        try:
            r = httpx.get(f"{base}/readyz", timeout=max(5.0, timeout / 10))
            if r.status_code == 200:
                return time.perf_counter() - started
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    return None


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[int(q * (len(ordered) - 1))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--communes", type=int, required=True)
    parser.add_argument("--keep", help="Work folder to keep (corpus, model, data, logs)")
    parser.add_argument("--questions", type=int, default=100)
    parser.add_argument("--ready-timeout", type=float, default=900.0)
    parser.add_argument("--ingest-timeout", type=float, default=7200.0)
    parser.add_argument("--ask-timeout", type=float, default=60.0, help="per question, seconds")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--serve-only",
        action="store_true",
        help="re-use the corpus and index of an earlier run kept in --keep DIR: serve and ask only",
    )
    parser.add_argument(
        "--fake-dim",
        type=int,
        default=0,
        help="use the tests' hashing embedder with this dimension instead of a tiny "
        "sentence-transformers model (automatic, 384, when sentence-transformers is missing)",
    )
    parser.add_argument(
        "--no-add", action="store_true", help="skip timing the addition of one plan at the end"
    )
    parser.add_argument(
        "--by-id",
        action="store_true",
        help="ask with the commune_id field instead of naming the province in the question",
    )
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--child":  # internal: `troly` with the fake embedder
        return child(int(argv[1]), argv[3:])
    args = parser.parse_args(argv)
    if not args.fake_dim and not have_sentence_transformers():
        args.fake_dim = 384

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="troly-scale-"))
    marker = work / ".troly-scale"
    if args.serve_only and not (args.keep and marker.exists() and (work / "data").is_dir()):
        print("--serve-only cần --keep DIR của một lần chạy trước / needs an earlier --keep DIR")
        return 2
    if args.keep and work.exists() and any(work.iterdir()) and not args.serve_only:
        if not marker.exists():
            print(f"--keep {work}: thư mục không rỗng / folder is not empty", file=sys.stderr)
            return 2
        shutil.rmtree(work)  # an earlier run of this script
    work.mkdir(parents=True, exist_ok=True)
    marker.touch()
    corpus, data = work / "corpus", work / "data"
    try:
        return _bench(args, work, corpus, data)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def _bench(args: argparse.Namespace, work: Path, corpus: Path, data: Path) -> int:
    templates = load_templates()
    communes = make_communes(args.communes, templates, args.seed)
    if args.serve_only:
        model = None if args.fake_dim else work / "tiny-st"
    else:
        write_corpus(corpus, communes, templates)
        model = None if args.fake_dim else build_tiny_model(work)
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "TROLY_DATA_DIR": str(data),
        "TROLY_CORPUS_DIR": str(corpus),
        "TROLY_EMBED_MODEL": str(model or ""),
        "TROLY_RATE_LIMIT_PER_MINUTE": "0",
        "TROLY_ANSWER_TIMEOUT": str(args.ask_timeout),
    }
    for var in ("CHROMA_HOST", "TROLY_LLM_BASE_URL", "TROLY_LLM_MODEL", "TROLY_ADMIN_KEY"):
        env.pop(var, None)
    dup = len(repeated_names(communes))
    print(f"communes: {len(communes)}")
    print(f"communes_sharing_a_name: {dup}")
    print(f"work_dir: {work}")
    print(
        f"embedder: {'st:tiny-st (32 dims)' if model else f'hashing fake ({args.fake_dim} dims)'}"
    )
    sys.stdout.flush()

    if args.serve_only:
        code, ingest_s, ingest_rss = 0, None, None
    else:
        code, ingest_s, ingest_rss = run_measured(
            [*troly_cmd(args.fake_dim), "ingest", str(corpus), "--quiet"],
            env,
            args.ingest_timeout,
            work / "ingest.log",
        )
    log = (work / "ingest.log").read_text(encoding="utf-8", errors="replace")
    m = re.search(r"chunks in index:\s*(\d+)", log)
    print(f"chunks: {m.group(1) if m else 'unknown'}")
    if ingest_s is None:
        print("ingest_s: reused")
    else:
        print(f"ingest_s: {ingest_s:.1f}" + ("" if code == 0 else f" (exit {code})"))
        print(f"ingest_peak_rss_mb: {ingest_rss}")
    sys.stdout.flush()
    if code != 0:
        print(log[-2000:], file=sys.stderr)
        print(row(len(communes), m, ingest_s, None, None, None, None, None, None, None))
        return 1

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with (work / "serve.log").open("w") as fh:
        started = time.perf_counter()
        server = subprocess.Popen(
            [*troly_cmd(args.fake_dim), "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            stdout=fh,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
            start_new_session=True,
        )
        try:
            ready = wait_ready(base, server, args.ready_timeout)
            if ready is None:
                print(f"ready_s: not ready (after {time.perf_counter() - started:.0f} s)")
                print(row(len(communes), m, ingest_s, None, None, None, None, None, None, None))
                return 1
            rss, peak = rss_mb(server.pid)
            print(f"ready_s: {ready:.1f}")
            print(f"server_rss_mb: {rss}")
            print(f"server_peak_rss_mb: {peak}")
            sys.stdout.flush()
            times, only, cited, errors, repeated = ask_all(base, communes, templates, args)
        finally:
            _stop(server)
    p50 = statistics.median(times) if times else None
    p95 = percentile(times, 0.95) if times else None
    print(f"ask_p50_ms: {p50:.0f}" if p50 is not None else "ask_p50_ms: n/a")
    print(f"ask_p95_ms: {p95:.0f}" if p95 is not None else "ask_p95_ms: n/a")
    print(f"ask_errors: {errors}")
    print(f"answers_citing: {cited}/{len(times) + errors}")
    print(f"cites_only_asked_commune: {only}/{len(times) + errors}")
    print(f"of_which_shared_names: {repeated[0]}/{repeated[1]}")
    sys.stdout.flush()
    add_s = one_plan(args, work, env, communes, templates) if not args.no_add else None
    print(row(len(communes), m, ingest_s, ready, rss, p50, p95, only, len(times) + errors, add_s))
    return 0


def one_plan(args, work: Path, env: dict, communes: list[Commune], templates: list[Template]):
    """Seconds to add one plan to the index, change it and remove it (each a `troly` run)."""
    taken = {fold(c.name) for c in communes}
    name = next(
        f"{a} {b} Mới"
        for a in FIRST
        for b in SECOND
        if a != b and fold(f"{a} {b} Mới") not in taken
    )
    extra = Commune(name, "tỉnh Lai Châu", "Lai Châu", 0, "scale-extra-00001")
    folder = work / "extra"
    shutil.rmtree(folder, ignore_errors=True)
    write_corpus(folder, [extra], templates)
    plan = folder / "plans" / f"{extra.doc_id}.txt"
    cmd = troly_cmd(args.fake_dim)
    out = {}
    code, out["add"], _ = run_measured([*cmd, "ingest", str(plan), "--quiet"], env,
                                       args.ingest_timeout, work / "add.log")  # fmt: skip
    print(f"add_one_plan_s: {out['add']:.1f}" + ("" if code == 0 else f" (exit {code})"))
    plan.write_text(plan.read_text(encoding="utf-8") + "\nGhi chú: cập nhật.\n", encoding="utf-8")
    code, out["change"], _ = run_measured([*cmd, "ingest", str(plan), "--quiet"], env,
                                          args.ingest_timeout, work / "change.log")  # fmt: skip
    print(f"change_one_plan_s: {out['change']:.1f}" + ("" if code == 0 else f" (exit {code})"))
    code, out["remove"], _ = run_measured([*cmd, "ingest", "--remove", extra.doc_id], env,
                                          args.ingest_timeout, work / "remove.log")  # fmt: skip
    print(f"remove_one_plan_s: {out['remove']:.1f}" + ("" if code == 0 else f" (exit {code})"))
    for log in ("add", "change", "remove"):
        text = (work / f"{log}.log").read_text(encoding="utf-8", errors="replace")
        said = [x for x in text.splitlines() if "added:" in x or "removed:" in x]
        print(f"  {log}: {said[-1] if said else text[-300:]}")
    return out["add"]


def ask_all(base: str, communes: list[Commune], templates: list[Template], args):
    """(latencies ms, answers citing only the asked commune, answers citing anything, errors,
    (the same two counts for questions about a name that several provinces share))."""
    import httpx

    times: list[float] = []
    only = cited = errors = asked_back = 0
    shared = repeated_names(communes)
    rep_only = rep_cited = 0
    with httpx.Client(base_url=base, timeout=args.ask_timeout + 5) as client:
        asked = make_questions(communes, templates, args.questions, args.seed, not args.by_id)
        for question, commune in asked:
            body = {"question": question}
            if args.by_id:
                body["commune_id"] = commune_id(commune.name, commune.province)
            t0 = time.perf_counter()
            try:
                r = client.post("/v1/ask", json=body)
            except httpx.HTTPError:
                errors += 1
                continue
            if r.status_code != 200:
                errors += 1
                continue
            times.append((time.perf_counter() - t0) * 1000)
            if "tỉnh nào?" in r.json().get("answer", ""):  # "which province?" for a shared name
                asked_back += 1
            cites = r.json().get("citations", [])
            places = {(c.get("commune", ""), c.get("province", "")) for c in cites}
            if places:
                ok = places == {(commune.name, commune.province)}
                cited += 1
                only += ok
                if commune.name in shared:
                    rep_cited += 1
                    rep_only += ok
    print(f"asked_which_province: {asked_back}")
    return times, only, cited, errors, (rep_only, rep_cited)


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def row(n, chunks_match, ingest_s, ready, rss, p50, p95, only, asked, add_s) -> str:
    def f(x, fmt="{:.1f}"):
        return "n/a" if x is None else fmt.format(x)

    chunks = chunks_match.group(1) if chunks_match else "?"
    ready_txt = "not ready" if ready is None else f(ready)
    share = "n/a" if only is None else f"{only}/{asked}"
    return (
        f"| {n} | {chunks} | {f(ingest_s)} | {ready_txt} | {f(rss, '{}')} | "
        f"{f(p50, '{:.0f}')} / {f(p95, '{:.0f}')} | {share} | {f(add_s)} |"
    )


if __name__ == "__main__":
    raise SystemExit(main())
