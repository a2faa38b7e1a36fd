"""`extractor batch`: a folder of good, bad, duplicate and unrelated files into one tidy, resumable dataset."""
from __future__ import annotations

import csv
import json
import shutil
import zipfile

import pytest

import extractor
from conftest import FIXTURES
from extractor.batch import convert_file, discover, run_batch
from extractor.cli import build_batch_parser, main

DOCX = FIXTURES / "docx" / "seed-2021.docx"
OUTPUTS = ("reports.csv", "cells.csv", "checks.csv", "failed_checks.csv", "warnings.csv", "sections.jsonl", "wide.csv", "agencies.csv", "diffs.csv",
           "schema.json")


def _rows(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def folder(tmp_path, seed_path):
    root = tmp_path / "reports"
    (root / "2021" / "区县").mkdir(parents=True)
    shutil.copy(DOCX, root / "2021" / "二七街道.docx")
    shutil.copy(DOCX, root / "2021" / "区县" / "同一份 报告.docx")  # the same bytes under another name
    shutil.copy(seed_path, root / "2021" / "seed.txt")
    (root / "2021" / "empty.docx").write_bytes(b"")
    (root / "2021" / "broken.docx").write_bytes(b"PK\x03\x04 truncated")
    (root / "2021" / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    (root / "2021" / "logo.png").write_bytes(b"\x89PNG")
    return root


def test_batch_converts_good_files_and_lists_every_bad_one_with_its_reason(folder, tmp_path):
    summary = run_batch(folder, tmp_path / "out", jobs=2)
    # seed.txt is the same report as the .docx (same agency, year and numbers): one is kept, the .docx by preference
    assert (summary.converted, summary.failed, summary.skipped, summary.duplicates) == (1, 3, 1, 2)
    reports = {row["path"].split("/2021/")[1]: row for row in _rows(tmp_path / "out" / "reports.csv")}
    assert {k: (v["status"], v["error_code"]) for k, v in reports.items()} == {
        "二七街道.docx": ("ok", ""), "区县/同一份 报告.docx": ("ok", ""), "seed.txt": ("ok", ""),
        "empty.docx": ("failed", "empty_file"), "broken.docx": ("failed", "corrupt_zip"), "old.doc": ("failed", "legacy_doc"),
        "logo.png": ("skipped", "not_a_report")}
    assert reports["区县/同一份 报告.docx"]["duplicate_of"].endswith("二七街道.docx")
    assert reports["区县/同一份 报告.docx"]["duplicate_reason"] == "the same bytes"
    assert reports["seed.txt"]["duplicate_of"].endswith("二七街道.docx")
    assert reports["seed.txt"]["duplicate_reason"].startswith("the same agency, year and numbers as this docx")
    assert reports["seed.txt"]["agency"] == "江岸区人民政府二七街道办事处" and reports["seed.txt"]["year"] == "2021"


def test_batch_outputs_are_long_tables_with_the_source_file(folder, tmp_path):
    run_batch(folder, tmp_path / "out", jobs=1)
    cells = _rows(tmp_path / "out" / "cells.csv")
    assert len(cells) == 200  # one distinct report × 200 cells; its copies (same bytes, or as text) are not repeated
    assert {c["source_file"].rsplit("/", 1)[1] for c in cells} == {"二七街道.docx"}
    checks = _rows(tmp_path / "out" / "checks.csv")
    assert {c["status"] for c in checks} == {"pass"} and len(checks) == 45
    sections = [json.loads(line) for line in (tmp_path / "out" / "sections.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [s["sections"][0]["title"] for s in sections] == ["总体情况"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted([".parts", *OUTPUTS])


def test_resume_after_an_interruption_gives_the_same_outputs(folder, tmp_path):
    run_batch(folder, tmp_path / "whole", jobs=1)
    interrupted = tmp_path / "interrupted"
    inputs, _ = discover(folder)
    for path in inputs[: len(inputs) // 2]:  # a run killed halfway: some parts written, no outputs yet
        convert_file(str(path), str(interrupted / ".parts"), False)
    assert not (interrupted / "cells.csv").exists()
    run_batch(folder, interrupted, jobs=2, resume=True)
    for name in OUTPUTS:
        assert (interrupted / name).read_text(encoding="utf-8") == (tmp_path / "whole" / name).read_text(encoding="utf-8"), name


def test_resume_converts_only_new_files(folder, tmp_path, monkeypatch):
    run_batch(folder, tmp_path / "out", jobs=1)
    shutil.copy(DOCX, folder / "late.docx")  # a new name, but bytes already converted: reused
    (folder / "new.txt").write_text("一、总体情况\n无\n", encoding="utf-8")
    converted = []
    real = extractor.api.parse_bytes
    monkeypatch.setattr(extractor.api, "parse_bytes", lambda data, name, last_year=None: converted.append(name) or real(data, name, last_year))
    run_batch(folder, tmp_path / "out", jobs=1, resume=True)
    assert sorted(n.rsplit("/", 1)[1] for n in converted) == ["broken.docx", "empty.docx", "new.txt", "old.doc"]  # failed ones retried
    assert {r["path"].rsplit("/", 1)[1] for r in _rows(tmp_path / "out" / "reports.csv")} >= {"late.docx", "new.txt"}


def test_consecutive_years_of_one_agency_are_checked_against_each_other(tmp_path, seed_path):
    root = tmp_path / "in"
    root.mkdir()
    text = seed_path.read_text(encoding="utf-8")
    (root / "2021.txt").write_text(text, encoding="utf-8")
    # the 2022 report prints 上年结转 1 (自然人, 总计) although 2021 carried 0 forward (四、结转下年度继续办理)
    (root / "2022.txt").write_text(text.replace("二七街道2021年政府信息公开工作", "二七街道2022年政府信息公开工作"), encoding="utf-8")
    run_batch(root, tmp_path / "out", jobs=1)
    panel = [c for c in _rows(tmp_path / "out" / "checks.csv") if c["rule"].startswith("panel.")]
    failed = sorted(c["location"] for c in panel if c["status"] == "fail")
    assert failed == ["column natural_person (2021→2022)", "column total (2021→2022)"]
    assert all(c["source_file"].endswith("2022.txt") for c in panel)
    assert {c["status"] for c in panel if c["rule"] == "panel.in_force"} == {"pass"}


def test_parquet_and_panel(folder, tmp_path):
    pytest.importorskip("pyarrow")
    run_batch(folder, tmp_path / "out", jobs=1, fmt="parquet")
    frame = extractor.panel(tmp_path / "out")
    assert len(frame) == 200 and set(frame["agency_key"]) == {"江岸区人民政府二七街道办事处"}
    total = frame[(frame["row_key"] == "results.total") & (frame["column_key"] == "total")]["value"]
    assert list(total) == [2.0]
    one = frame[frame["table_key"] == "applications"]  # the README's recipe: one report per agency-year, nothing averaged
    wide = one.pivot(index=["agency_id", "year", "source_file", "row_key"], columns="column_key", values="value")
    assert wide.xs("results.total", level="row_key")["total"].tolist() == [2.0]


def test_parse_many_yields_reports_and_errors_in_order(folder):
    paths = [folder / "2021" / "二七街道.docx", folder / "2021" / "empty.docx", folder / "2021" / "seed.txt"]
    results = list(extractor.parse_many(paths, jobs=2))
    assert [p for p, _ in results] == [str(p) for p in paths]
    assert [type(r).__name__ for _, r in results] == ["Report", "ExtractorError", "Report"]


def test_cli_batch_prints_a_summary_and_honours_strict(folder, tmp_path, capsys):
    assert main(["batch", str(folder), "-o", str(tmp_path / "out"), "--jobs", "1", "--strict"]) == 0
    assert ("7 files: converted 1 (ok 1, partial 0, no_tables 0; 0 with failed checks), failed 3 (corrupt_zip 1, empty_file 1, "
            "legacy_doc 1), skipped 1, duplicates 2") in capsys.readouterr().err


def test_cli_batch_on_a_missing_folder_is_one_line_and_exit_2(tmp_path, capsys):
    assert main(["batch", str(tmp_path / "nope")]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_every_batch_option_has_help():
    for action in build_batch_parser()._actions:
        assert action.help, action.dest


def test_broken_zip_member_is_a_failure_not_a_crash(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    with zipfile.ZipFile(root / "bad.docx", "w") as z:
        z.writestr("word/document.xml", "<not xml")
    summary = run_batch(root, tmp_path / "out", jobs=1)
    assert summary.failed == 1 and _rows(tmp_path / "out" / "reports.csv")[0]["error_code"] == "corrupt_xml"


def test_a_batch_killed_with_sigkill_then_resumed_matches_an_uninterrupted_run(tmp_path):
    import os
    import random
    import signal
    import subprocess
    import sys
    import time

    import reportgen

    root = tmp_path / "in"
    root.mkdir()
    rng = random.Random(5)
    for i in range(240):
        reportgen.random_report(rng).write_text(root / f"{i:03d}.txt")
    (root / "broken.docx").write_bytes(b"PK\x03\x04")
    command = [sys.executable, "-m", "extractor", "batch", str(root), "--jobs", "2", "--quiet", "-o"]
    run = subprocess.Popen([*command, str(tmp_path / "killed")], start_new_session=True, stderr=subprocess.DEVNULL)
    parts = tmp_path / "killed" / ".parts"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and run.poll() is None and sum(1 for _ in parts.rglob("*.json")) < 40:
        time.sleep(0.01)
    os.killpg(run.pid, signal.SIGKILL)
    run.wait()
    written = sum(1 for _ in parts.rglob("*.json"))
    assert 0 < written < 240, "the batch was not caught halfway"
    assert not [p for p in (tmp_path / "killed").iterdir() if p.name in OUTPUTS]  # nothing half-written
    subprocess.run([*command, str(tmp_path / "killed"), "--resume"], check=True, stderr=subprocess.DEVNULL)
    subprocess.run([*command, str(tmp_path / "whole")], check=True, stderr=subprocess.DEVNULL)
    for name in OUTPUTS:
        assert (tmp_path / "killed" / name).read_bytes() == (tmp_path / "whole" / name).read_bytes(), name


def test_a_file_that_disappears_mid_batch_is_listed_with_its_reason(tmp_path):
    outcome = convert_file(str(tmp_path / "gone.docx"), str(tmp_path / "parts"), False)
    assert (outcome.status, outcome.error_code) == ("failed", "unreadable_file")


def test_odd_input_names_never_place_output_outside_outdir(tmp_path):
    root = tmp_path / "in"
    (root / "报告..2021" / " 空格 ").mkdir(parents=True)
    shutil.copy(DOCX, root / "报告..2021" / " 空格 " / "二七街道 ..年报.docx")
    before = {p for p in tmp_path.rglob("*")}
    run_batch(root, tmp_path / "out", jobs=1)
    added = {p for p in tmp_path.rglob("*")} - before
    assert added and all(p.is_relative_to(tmp_path / "out") for p in added)
    assert _rows(tmp_path / "out" / "reports.csv")[0]["status"] == "ok"


def test_a_run_that_fails_leaves_the_previous_outputs_untouched(folder, tmp_path, monkeypatch):
    run_batch(folder, tmp_path / "out", jobs=1)
    good = {name: (tmp_path / "out" / name).read_bytes() for name in OUTPUTS}
    import extractor.batch.assemble

    def crash(*args):
        raise OSError("disk full")

    monkeypatch.setattr(extractor.batch.assemble, "_copy_part", crash)
    with pytest.raises(OSError):
        run_batch(folder, tmp_path / "out", jobs=1, resume=True)
    assert {name: (tmp_path / "out" / name).read_bytes() for name in OUTPUTS} == good
    assert not [p.name for p in (tmp_path / "out").iterdir() if p.name.endswith(".tmp")]


def test_progress_bar_shows_done_total_rate_and_failures(capsys):
    from extractor.batch import Outcome, Progress

    bar = Progress(5, enabled=True)
    for status in ("ok", "failed", "ok", "ok", "partial"):
        bar.update(Outcome("x", status=status))
    bar.close()
    line = capsys.readouterr().err.strip().split("\r")[-1]
    assert "5/5" in line and "files/s" in line and "1 failed" in line
