"""The README's "Where to change what", tried as a newcomer would: on a copy of the package, each change is made
in the one place the table names, and the tool then does the new thing end to end (in a child process, so the
copy is what runs).

- a new label variant: one line in template/aliases.tsv;
- a new arithmetic relation: one entry in relations.relations();
- a new batch output format: one module in export/ and its line in export.TABLE_FORMATS.
"""
from __future__ import annotations

import csv
import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import extractor
import reportgen

PACKAGE = Path(extractor.__file__).resolve().parent
VARIANT = "自上一年度转入本年的申请数量"  # not within one character of any label the template knows


@pytest.fixture()
def copy(tmp_path):
    """A copy of the package, importable first in a child process."""
    root = tmp_path / "pkg"
    shutil.copytree(PACKAGE, root / "extractor", ignore=shutil.ignore_patterns("__pycache__"))
    return root


def _run(package: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(package)}
    done = subprocess.run([sys.executable, "-m", "extractor", *args], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode in (0, 1), done.stderr
    return done


def _report(tmp_path: Path, seed: int = 1) -> tuple[reportgen.SyntheticReport, Path]:
    report = reportgen.random_report(random.Random(seed), "2021")
    path = tmp_path / f"report-{seed}.txt"
    report.write_text(path)
    text = path.read_text(encoding="utf-8")
    assert "二、上年结转政府信息公开申请数量" in text
    path.write_text(text.replace("二、上年结转政府信息公开申请数量", "二、" + VARIANT), encoding="utf-8")
    return report, path


def _cells(done_json: Path) -> dict:
    parsed = json.loads(done_json.read_text(encoding="utf-8"))
    return {(c["table"], c["row"], c["column"]): c["raw"] for cells in parsed["tables"].values() for c in cells}


def test_a_new_label_variant_is_one_line_in_aliases_tsv(copy, tmp_path):
    report, path = _report(tmp_path)
    out = tmp_path / "before.json"
    _run(copy, str(path), "-o", str(out), "--quiet")
    carried = [k for k in report.values if k[:2] == ("applications", "carried_over")]
    assert len(carried) == 7 and not any(_cells(out).get(k) for k in carried)  # the variant is not known yet

    aliases = copy / "extractor" / "template" / "aliases.tsv"
    aliases.write_text(aliases.read_text(encoding="utf-8") + f"applications\trow\tcarried_over\t{VARIANT}\n", encoding="utf-8")
    out = tmp_path / "after.json"
    _run(copy, str(path), "-o", str(out), "--quiet")
    got = _cells(out)
    assert {k: got.get(k) for k in carried} == {k: report.values[k] for k in carried}


def test_a_new_arithmetic_relation_is_one_entry_in_relations(copy, tmp_path):
    report, path = _report(tmp_path)
    relations = copy / "extractor" / "relations.py"
    source = relations.read_text(encoding="utf-8")
    anchor = "    return tuple(out)\n\n\n# last year's in_force"
    assert source.count(anchor) == 1
    entry = ('    out.append(Relation("review_litigation.review_vs_direct", "tables", '
             'terms(("review_litigation", "review", "total")), terms(("review_litigation", "litigation.direct", "total")), '
             '"行政复议总计 {left}，未经复议直接起诉总计 {right}{unequal}"))\n')
    relations.write_text(source.replace(anchor, entry + anchor), encoding="utf-8")
    out = tmp_path / "report.json"
    _run(copy, str(path), "-o", str(out), "--quiet")
    (check,) = [c for c in json.loads(out.read_text(encoding="utf-8"))["checks"] if c["rule"] == "review_litigation.review_vs_direct"]
    review, direct = (int(report.values[("review_litigation", row, "total")]) for row in ("review", "litigation.direct"))
    assert (check["expected"], check["actual"]) == (review, direct)
    assert check["status"] == ("pass" if review == direct else "fail")


def test_a_new_output_format_is_one_module_and_one_registry_line(copy, tmp_path):
    export = copy / "extractor" / "export"
    (export / "tsv.py").write_text('''"""Tab-separated batch tables."""
from __future__ import annotations

import csv

from .csv import CsvWriter


class TsvWriter(CsvWriter):
    suffix = "tsv"

    def open(self) -> None:
        self.handle = open(self.tmp, "w", encoding=self.encoding, newline="")
        self.writer = csv.writer(self.handle, delimiter="\\t", lineterminator="\\n")
        if self.columns:
            self.writer.writerow(self.columns)
''', encoding="utf-8")
    init = export / "__init__.py"
    source = init.read_text(encoding="utf-8")
    registry = 'TABLE_FORMATS: dict[str, type[TableWriter]] = {"csv": CsvWriter, '
    assert source.count(registry) == 1
    source = source.replace(registry, 'from .tsv import TsvWriter  # noqa: E402\n' + registry + '"tsv": TsvWriter, ')
    init.write_text(source, encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    reports = [_report(folder, seed)[0] for seed in (1, 2)]
    _run(copy, "batch", str(folder), "-o", str(tmp_path / "out"), "--format", "tsv", "--jobs", "1", "--quiet")
    with open(tmp_path / "out" / "cells.tsv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert len({row["source_file"] for row in rows}) == 2
    for report, name in zip(reports, ("report-1.txt", "report-2.txt")):
        got = {(r["table_key"], r["row_key"], r["column_key"]): r["raw"] for r in rows if r["source_file"].endswith(name)}
        expected = {k: v for k, v in report.values.items() if k[:2] != ("applications", "carried_over")}  # the variant
        assert {k: got.get(k) for k in expected} == expected
    assert (tmp_path / "out" / "reports.tsv").exists() and not (tmp_path / "out" / "cells.csv").exists()
