"""extractor.duckdb's `wide` is a view (a PIVOT of cells joined to reports) whose rows are wide.csv's rows.

The folder holds what a real batch meets: generated reports of both templates, each as .docx and as text (the
text a duplicate: no wide row), the seed twice (other bytes, the same report: one row), a file that is no report
(failed: no wide row), and a
report whose applications table prints "/" in a cell an indicator reads (the indicator is empty in both).
"""
from __future__ import annotations

import random
import re

import pytest

import reportgen
from extractor.batch import run_batch
from extractor.export.tables import typed

duckdb = pytest.importorskip("duckdb")
pd = pytest.importorskip("pandas")


@pytest.fixture(scope="module")
def batches(tmp_path_factory, seed_path):
    root = tmp_path_factory.mktemp("in")
    reportgen.main([str(root), "5", "5"])  # 5 reports, each as .docx and as text: one wide row each
    text = seed_path.read_text(encoding="utf-8")
    (root / "seed.txt").write_text(text, encoding="utf-8")
    (root / "seed-again.txt").write_text(text + "\n", encoding="utf-8")  # other bytes, the same report
    slashed = reportgen.random_values("2021", random.Random(9))
    slashed[("applications", "results.granted", "total")] = "/"
    body = reportgen.report_body("2021", slashed, agency="某市民政局", year=2022, published=reportgen.date(2023, 1, 9))
    reportgen.write_text(body, root / "slashed.txt")
    (root / "notice.txt").write_text("关于召开会议的通知\n各单位：请准时参会。\n", encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    run_batch(root, out / "csv", jobs=1)
    run_batch(root, out / "duckdb", jobs=1, fmt="duckdb")
    return out


def _view(out, query: str):
    with duckdb.connect(str(out / "duckdb" / "extractor.duckdb"), read_only=True) as db:
        return db.execute(query).df()


def test_wide_is_a_view(batches):
    kinds = _view(batches, "SELECT table_name, table_type FROM information_schema.tables WHERE table_name IN ('wide', 'cells')")
    assert dict(kinds.values.tolist()) == {"wide": "VIEW", "cells": "BASE TABLE"}


def test_select_star_from_wide_equals_wide_csv(batches):
    from_csv = pd.read_csv(batches / "csv" / "wide.csv", dtype=str, keep_default_na=False)
    from_view = _view(batches, "SELECT * FROM wide")
    assert list(from_view.columns) == list(from_csv.columns)
    assert len(from_csv) == 7  # 5 generated, the seed, the slashed one; no duplicate, not the notice
    csv_frame, view_frame = typed(from_csv), typed(from_view)
    assert view_frame.dtypes.to_dict() == csv_frame.dtypes.to_dict()
    pd.testing.assert_frame_equal(view_frame, csv_frame, check_exact=True)


def test_the_view_reads_what_the_reports_print(batches):
    seed = _view(batches, "SELECT agency, year, period, applications__results_total__total, granted_share FROM wide "
                          "WHERE source_file LIKE '%/seed%'")  # one of the two copies
    # The seed: 江岸区人民政府二七街道办事处, 2021; （七）总计 2 decided, （一）予以公开 and （二）部分公开 all 0.
    assert seed.values.tolist() == [["江岸区人民政府二七街道办事处", 2021, "2021-01-01/2021-12-31", 2.0, 0.0]]
    slashed = _view(batches, "SELECT applications__results_granted__total, granted_share FROM wide WHERE source_file LIKE '%slashed.txt'")
    assert slashed.isna().values.tolist() == [[True, True]]  # "/" is no number: no indicator, never a made-up 0


def test_wide_column_names_need_no_quoting_in_sql(batches):
    columns = list(_view(batches, "SELECT * FROM wide LIMIT 0").columns)
    reserved = {row[0] for row in duckdb.sql("SELECT keyword_name FROM duckdb_keywords() WHERE keyword_category = 'reserved'").fetchall()}
    assert all(re.fullmatch(r"[a-z_][a-z0-9_]*", c) and c not in reserved for c in columns)
    query = f"SELECT {', '.join(columns)} FROM wide WHERE year >= 2019"
    assert len(_view(batches, query)) == 7
