"""The reader stamp is a fingerprint of every module the reader imports (and the data files
they read): changing one of them changes it, changing code the reader does not use does not."""

from __future__ import annotations

from pathlib import Path

from rag.reader_version import READER_ROOTS, fingerprint, reader_files, reader_stamp


def _package(base: Path) -> None:
    pkg = base / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "reader.py").write_text(
        "from pkg.sub import cells\n\n\ndef read(text):\n"
        "    from .helpers import (\n        clean,\n        split,\n    )\n"
        '    return cells.parse(split(clean(text)), "rules.json")\n'
    )
    (pkg / "helpers.py").write_text(
        "def clean(t):\n    return t\n\n\ndef split(t):\n    return [t]\n"
    )
    (pkg / "answer.py").write_text("import pkg.reader\n\nANSWER = 1\n")  # uses the reader
    (pkg / "rules.json").write_text('{"min": 1}')
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "sub" / "cells.py").write_text("def parse(rows, rules):\n    return rows\n")
    (pkg / "sub" / "columns.yaml").write_text("role: [chỉ tiêu]\n")


def _stamp(base: Path) -> str:
    return fingerprint(reader_files(["pkg.reader"], base), base)


def test_files_of_the_reader_are_those_it_imports_and_reads(tmp_path: Path) -> None:
    _package(tmp_path)
    names = {str(p.relative_to(tmp_path)) for p in reader_files(["pkg.reader"], tmp_path)}
    assert names == {
        "pkg/__init__.py",
        "pkg/reader.py",
        "pkg/helpers.py",  # imported inside a function, over several lines
        "pkg/rules.json",  # named by a literal
        "pkg/sub/__init__.py",
        "pkg/sub/cells.py",
        "pkg/sub/columns.yaml",  # data beside a sub-package's module
    }


def test_a_change_in_reader_code_or_its_data_changes_the_stamp(tmp_path: Path) -> None:
    _package(tmp_path)
    before = _stamp(tmp_path)
    assert _stamp(tmp_path) == before
    (tmp_path / "pkg" / "answer.py").write_text("import pkg.reader\n\nANSWER = 2\n")
    assert _stamp(tmp_path) == before  # answering code is not the reader
    helpers = tmp_path / "pkg" / "helpers.py"
    helpers.write_text(helpers.read_text() + "\nLIMIT = 3\n")
    after_code = _stamp(tmp_path)
    assert after_code != before
    (tmp_path / "pkg" / "sub" / "columns.yaml").write_text("role: [chỉ tiêu, mục tiêu]\n")
    assert _stamp(tmp_path) != after_code


def test_the_running_reader_covers_tables_prose_schedules_and_metadata() -> None:
    base = Path(__file__).resolve().parent.parent
    names = {str(p.relative_to(base)) for p in reader_files(READER_ROOTS, base)}
    for part in (
        "rag/chunking.py",
        "rag/understand/metadata.py",
        "rag/understand/tables.py",
        "rag/understand/columns.yaml",
        "rag/understand/prose.py",
        "rag/understand/schedule.py",
        "rag/tables/parse.py",
        "rag/tables/bases.py",
    ):
        assert part in names
    assert not any(n.startswith(("rag/pipeline/", "rag/compose")) for n in names)
    assert len(reader_stamp()) == 16
