"""A batch as it is operated: limits per file, one batch per folder, Ctrl-C, a killed main process, bad arguments."""
from __future__ import annotations

import csv
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import reportgen
from conftest import FIXTURES
from extractor.batch import run_batch
from extractor.cli import main
from extractor.errors import ExtractorError

DOCX = FIXTURES / "docx" / "seed-2021.docx"
OUTPUTS = ("reports.csv", "cells.csv", "checks.csv", "failed_checks.csv", "warnings.csv", "sections.jsonl", "wide.csv", "agencies.csv",
           "schema.json")
COMMAND = [sys.executable, "-m", "extractor", "batch"]


def _rows(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return {Path(r["path"]).name: r for r in csv.DictReader(handle)}


def _children(pid: int) -> set[int]:
    """The processes whose parent is `pid`, read from /proc."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    """600 generated text reports: enough for a batch to be caught midway."""
    root = tmp_path_factory.mktemp("many")
    rng = random.Random(9)
    for i in range(600):
        reportgen.random_report(rng).write_text(root / f"{i:03d}.txt")
    return root


def _start(root, out, *extra):
    return subprocess.Popen([*COMMAND, str(root), "-o", str(out), "--jobs", "2", "--quiet", *extra], start_new_session=True,
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)


def _wait_for_parts(out: Path, n: int, process) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None and sum(1 for _ in (out / ".parts").rglob("*.json")) < n:
        time.sleep(0.01)


def test_ctrl_c_stops_promptly_with_one_line_and_resume_gives_the_same_outputs(many, tmp_path):
    run = _start(many, tmp_path / "cut")
    _wait_for_parts(tmp_path / "cut", 40, run)
    workers = _children(run.pid)
    assert run.poll() is None and workers, "the batch was not caught midway"
    os.killpg(run.pid, signal.SIGINT)  # what Ctrl-C sends: the whole foreground group
    err = run.communicate(timeout=20)[1]
    assert run.returncode == 130
    assert err.count("\n") == 1 and err.startswith("extractor batch: interrupted after ") and "rerun with --resume" in err
    assert "Traceback" not in err and not [pid for pid in workers if _alive(pid)]
    assert not [p for p in (tmp_path / "cut").iterdir() if p.name in OUTPUTS]
    subprocess.run([*COMMAND, str(many), "-o", str(tmp_path / "cut"), "--jobs", "2", "--quiet", "--resume"], check=True,
                   stderr=subprocess.DEVNULL)
    subprocess.run([*COMMAND, str(many), "-o", str(tmp_path / "whole"), "--jobs", "2", "--quiet"], check=True, stderr=subprocess.DEVNULL)
    for name in OUTPUTS:
        assert (tmp_path / "cut" / name).read_bytes() == (tmp_path / "whole" / name).read_bytes(), name


def test_sigkill_of_the_main_process_leaves_no_worker(many, tmp_path):
    run = _start(many, tmp_path / "out")
    _wait_for_parts(tmp_path / "out", 20, run)
    workers = _children(run.pid)
    assert run.poll() is None and workers, "the batch was not caught midway"
    os.kill(run.pid, signal.SIGKILL)  # the main process only, as an OOM killer or `kill -9 PID` would
    run.communicate()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.05)
    assert not [pid for pid in workers if _alive(pid)]


def test_a_second_batch_on_the_same_outdir_refuses_and_the_first_finishes_intact(many, tmp_path):
    first = _start(many, tmp_path / "out")
    _wait_for_parts(tmp_path / "out", 5, first)
    assert first.poll() is None, "the first batch ended before the second started"
    second = subprocess.run([*COMMAND, str(many), "-o", str(tmp_path / "out"), "--quiet"], capture_output=True, text=True, timeout=60)
    assert second.returncode == 2 and second.stderr.count("\n") == 1 and ": outdir_busy: " in second.stderr
    first.communicate(timeout=120)
    assert first.returncode == 0
    subprocess.run([*COMMAND, str(many), "-o", str(tmp_path / "alone"), "--quiet"], check=True, stderr=subprocess.DEVNULL)
    for name in OUTPUTS:
        assert (tmp_path / "out" / name).read_bytes() == (tmp_path / "alone" / name).read_bytes(), name


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_conversion_past_the_time_limit_fails_with_timeout_and_the_batch_goes_on(tmp_path, monkeypatch, jobs):
    root = tmp_path / "in"
    root.mkdir()
    shutil.copy(DOCX, root / "a.docx")
    shutil.copy(DOCX, root / "b.docx")
    monkeypatch.setenv("EXTRACTOR_FILE_TIMEOUT", "0.000001")
    summary = run_batch(root, tmp_path / "out", jobs=jobs)
    assert summary.failed == 2 and dict(summary.errors) == {"timeout": 2}
    row = _rows(tmp_path / "out" / "reports.csv")["a.docx"]
    assert (row["status"], row["error_code"]) == ("failed", "timeout") and "EXTRACTOR_FILE_TIMEOUT" in row["error"]


def test_the_file_size_limit_holds_in_a_batch(tmp_path, monkeypatch):
    root = tmp_path / "in"
    root.mkdir()
    shutil.copy(DOCX, root / "big.docx")
    (root / "small.txt").write_text("x", encoding="utf-8")
    monkeypatch.setenv("EXTRACTOR_MAX_FILE_MB", "0.001")
    run_batch(root, tmp_path / "out", jobs=1)
    assert _rows(tmp_path / "out" / "reports.csv")["big.docx"]["error_code"] == "too_large"


def test_every_readable_report_is_picked_up_and_what_is_skipped_is_listed(tmp_path, seed_path, capsys):
    root = tmp_path / "in"
    root.mkdir()
    shutil.copy(seed_path, root / "report.md")  # Markdown and plain text are read alike
    shutil.copy(seed_path, root / "page")  # a crawler's file without a suffix, naming the report
    shutil.copy(FIXTURES / "html" / "seed-2021.html", root / "report.shtml")
    (root / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    (root / "sheet.xlsx").write_bytes(b"PK\x03\x04")
    (root / "notes.txt").write_text("今天开会。\n", encoding="utf-8")
    assert main(["batch", str(root), "-o", str(tmp_path / "out"), "--jobs", "1"]) == 0
    rows = _rows(tmp_path / "out" / "reports.csv")
    assert {k: (v["status"], v["error_code"]) for k, v in rows.items()} == {
        "report.md": ("ok", ""), "page": ("ok", ""), "report.shtml": ("ok", ""), "notes.txt": ("failed", "not_a_report"),
        "photo.jpg": ("skipped", "not_a_report"), "sheet.xlsx": ("skipped", "not_a_report")}
    assert "image" in rows["photo.jpg"]["error"] and ".xlsx" in rows["sheet.xlsx"]["error"]
    err = capsys.readouterr().err
    assert "skipped 2 file(s) that are not reports: photo.jpg, sheet.xlsx" in err
    # the page, the .md and the .shtml are one report: the web page is kept (html before text), the others are its duplicates
    assert "6 files: converted 1 (ok 1, partial 0, no_tables 0; 0 with failed checks), failed 1 (not_a_report 1), skipped 2, duplicates 2" in err
    assert rows["report.md"]["duplicate_of"].endswith("report.shtml") and rows["page"]["duplicate_of"].endswith("report.shtml")


@pytest.mark.parametrize("args,needle", [
    (["--jobs", "-1"], "--jobs"),
    (["--jobs", "two"], "--jobs"),
    (["--format", "xml"], "--format"),
])
def test_bad_arguments_are_one_line_and_exit_2(tmp_path, capsys, args, needle):
    assert main(["batch", str(tmp_path), *args]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and needle in err and "Traceback" not in err


def test_an_unwritable_outdir_is_one_line_and_exit_2(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    assert main(["batch", str(tmp_path / "in"), "-o", str(tmp_path / "a-file" / "out")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and ": outdir_unwritable: " in err


def test_a_lock_held_by_another_batch_is_refused_at_once(tmp_path):
    import fcntl

    (tmp_path / "in").mkdir()
    (tmp_path / "out" / ".parts").mkdir(parents=True)
    with open(tmp_path / "out" / ".parts" / ".lock", "a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(ExtractorError) as error:
            run_batch(tmp_path / "in", tmp_path / "out")
    assert error.value.code == "outdir_busy"
