"""From a folder of reports to a panel: one agency_id per body, one row per report-year, checks carrying who and when."""
from __future__ import annotations

import csv
import shutil

import pytest

from conftest import CORPUS, shared_file
from extractor.agencies import identify
from extractor.batch import run_batch
from extractor.cli import main


def _rows(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _seed_as(seed_path, agency: str, year: int, *, granted: str | None = None) -> str:
    """The seed report signed by another agency for another year (its numbers unchanged unless told)."""
    text = seed_path.read_text(encoding="utf-8").replace("二七街道2021年", f"二七街道{year}年")
    lines = text.splitlines()
    at = max(i for i, line in enumerate(lines) if line.strip() == "江岸区人民政府二七街道办事处")  # the signature
    lines[at] = agency
    text = "\n".join(lines) + "\n"
    if granted is not None:  # the seed grants none in full: （一）予以公开 for 自然人 printed otherwise breaks the sums
        assert "（一）予以公开\n\t0\n" in text
        text = text.replace("（一）予以公开\n\t0\n", f"（一）予以公开\n\t{granted}\n", 1)
    return text


def test_a_name_without_its_administrative_prefix_is_the_same_body_when_nothing_competes():
    ids, undecided = identify(["洪泽区人民政府", "淮安市洪泽区人民政府", "江苏省淮安市洪泽区人民政府"])
    assert {n: (i.agency_id, i.source) for n, i in ids.items()} == {
        "洪泽区人民政府": ("江苏省淮安市洪泽区人民政府", "qualified"), "淮安市洪泽区人民政府": ("江苏省淮安市洪泽区人民政府", "qualified"),
        "江苏省淮安市洪泽区人民政府": ("江苏省淮安市洪泽区人民政府", "name")}
    assert undecided == []


def test_two_candidates_for_one_short_name_merge_nothing_and_are_listed():
    ids, undecided = identify(["财政局", "淮安市财政局", "南京市财政局", "某市人民政府办公室", "某市人民政府"])
    assert ids["财政局"].agency_id == "财政局" and ids["财政局"].source == "name"
    assert [(c.name, sorted(c.ids)) for c in undecided] == [("财政局", ["南京市财政局", "淮安市财政局"])]
    assert ids["某市人民政府办公室"].agency_id != ids["某市人民政府"].agency_id  # an office is not its government


def test_a_crosswalk_always_wins():
    ids, _ = identify(["财政局", "淮安市财政局"], {"财政局": ("320800-czj", "320800")})
    assert (ids["财政局"].agency_id, ids["财政局"].source, ids["财政局"].region_code) == ("320800-czj", "crosswalk", "320800")
    assert ids["淮安市财政局"].agency_id == "淮安市财政局"


def test_the_corpus_pair_of_consecutive_years_is_one_agency_with_cross_year_checks(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    for name in ("hzq-2023.pdf", "hzq-2024.pdf"):  # signed 洪泽区人民政府 (2023) and 淮安市洪泽区人民政府 (2024)
        shutil.copy(shared_file(CORPUS / name), root / name)
    run_batch(root, tmp_path / "out", jobs=1)
    wide = _rows(tmp_path / "out" / "wide.csv")
    assert [(w["agency_id"], w["agency"], w["year"]) for w in wide] == [
        ("淮安市洪泽区人民政府", "洪泽区人民政府", "2023"), ("淮安市洪泽区人民政府", "淮安市洪泽区人民政府", "2024")]
    cross = [c for c in _rows(tmp_path / "out" / "checks.csv") if c["rule"].startswith("panel.")]
    assert cross and {c["agency_id"] for c in cross} == {"淮安市洪泽区人民政府"} and {c["year"] for c in cross} == {"2024"}
    agencies = {a["name"]: a for a in _rows(tmp_path / "out" / "agencies.csv")}
    assert agencies["洪泽区人民政府"]["agency_id_source"] == "qualified"


def test_one_report_in_three_formats_is_one_row_and_two_reports_for_one_year_are_both_kept(tmp_path, seed_path):
    root = tmp_path / "in"
    root.mkdir()
    (root / "a-2021.txt").write_text(_seed_as(seed_path, "某区财政局", 2021), encoding="utf-8")
    (root / "b-2021-copy.md").write_text(_seed_as(seed_path, "某区财政局", 2021).replace("\n", "\r\n"), encoding="utf-8")
    (root / "c-2022.txt").write_text(_seed_as(seed_path, "某区财政局", 2022), encoding="utf-8")
    (root / "d-2022-other.txt").write_text(_seed_as(seed_path, "某区财政局", 2022, granted="7"), encoding="utf-8")
    run_batch(root, tmp_path / "out", jobs=1)
    reports = {r["path"].rsplit("/", 1)[1]: r for r in _rows(tmp_path / "out" / "reports.csv")}
    assert reports["b-2021-copy.md"]["duplicate_of"].endswith("a-2021.txt")  # other bytes (CRLF), the same report
    assert "the same agency, year and numbers" in reports["b-2021-copy.md"]["duplicate_reason"]
    assert not reports["c-2022.txt"]["duplicate_of"] and not reports["d-2022-other.txt"]["duplicate_of"]
    conflicts = [w for w in _rows(tmp_path / "out" / "warnings.csv") if w["code"] == "conflicting_reports"]
    assert sorted(w["source_file"].rsplit("/", 1)[1] for w in conflicts) == ["c-2022.txt", "d-2022-other.txt"]
    wide = _rows(tmp_path / "out" / "wide.csv")
    assert [(w["year"], w["source_file"].rsplit("/", 1)[1]) for w in wide] == [
        ("2021", "a-2021.txt"), ("2022", "c-2022.txt"), ("2022", "d-2022-other.txt")]
    cells = _rows(tmp_path / "out" / "cells.csv")
    assert {c["source_file"].rsplit("/", 1)[1] for c in cells} == {"a-2021.txt", "c-2022.txt", "d-2022-other.txt"}


def test_wide_has_every_cell_and_indicators_that_are_empty_without_a_denominator(tmp_path, seed_path):
    root = tmp_path / "in"
    root.mkdir()
    shutil.copy(seed_path, root / "seed.txt")
    run_batch(root, tmp_path / "out", jobs=1)
    [row] = _rows(tmp_path / "out" / "wide.csv")
    # the seed prints 2 applications decided, none granted (不掌握 1, 其他 1); no review and no lawsuit (all 0)
    assert row["applications__results_total__total"] == "2" and row["applications__results_granted__total"] == "0"
    assert row["granted_share"] == "0.0" and row["review_corrected_share"] == "" and row["litigation_corrected_share"] == ""
    assert row["agency"] == "江岸区人民政府二七街道办事处" and row["status"] == "ok" and row["period"] == "2021-01-01/2021-12-31"
    assert len([c for c in row if c.startswith(("applications__", "active_disclosure__", "review_litigation__"))]) > 200


def test_failed_checks_holds_only_what_did_not_pass_with_who_and_when(tmp_path, seed_path):
    root = tmp_path / "in"
    root.mkdir()
    (root / "seed.txt").write_text(_seed_as(seed_path, "某区财政局", 2021, granted="7"), encoding="utf-8")
    run_batch(root, tmp_path / "out", jobs=1)
    failed = _rows(tmp_path / "out" / "failed_checks.csv")
    assert failed and {f["status"] for f in failed} <= {"fail", "not_assessable"}
    assert {(f["agency_id"], f["agency"], f["year"]) for f in failed} == {("某区财政局", "某区财政局", "2021")}
    assert len(_rows(tmp_path / "out" / "checks.csv")) > len(failed)


def test_agencies_lists_names_ready_for_a_crosswalk_and_the_crosswalk_is_used(tmp_path, seed_path, capsys):
    root = tmp_path / "in"
    root.mkdir()
    (root / "a.txt").write_text(_seed_as(seed_path, "财政局", 2021), encoding="utf-8")
    (root / "b.txt").write_text(_seed_as(seed_path, "淮安市财政局", 2022), encoding="utf-8")
    (root / "c.txt").write_text(_seed_as(seed_path, "南京市财政局", 2022), encoding="utf-8")
    assert main(["batch", str(root), "-o", str(tmp_path / "out"), "-q"]) == 0
    capsys.readouterr()
    assert main(["agencies", str(tmp_path / "out")]) == 0
    listed = {r["name"]: r for r in csv.DictReader(capsys.readouterr().out.splitlines())}
    assert listed["财政局"]["candidates"] == "南京市财政局 | 淮安市财政局"
    crosswalk = tmp_path / "crosswalk.csv"
    crosswalk.write_text("name,agency_id\n财政局,huaian-czj\n淮安市财政局,huaian-czj\n", encoding="utf-8")
    assert main(["batch", str(root), "-o", str(tmp_path / "out2"), "-q", "--agencies", str(crosswalk)]) == 0
    wide = _rows(tmp_path / "out2" / "wide.csv")
    assert [(w["agency_id"], w["year"]) for w in wide] == [("huaian-czj", "2021"), ("huaian-czj", "2022"), ("南京市财政局", "2022")]
    cross = [c for c in _rows(tmp_path / "out2" / "checks.csv") if c["rule"].startswith("panel.")]
    assert cross and {c["agency_id"] for c in cross} == {"huaian-czj"}


def test_sql_over_wide_and_cells_needs_no_quoted_identifier(tmp_path, seed_path):
    duckdb = pytest.importorskip("duckdb")
    root = tmp_path / "in"
    root.mkdir()
    shutil.copy(seed_path, root / "seed.txt")
    run_batch(root, tmp_path / "out", jobs=1)
    out = tmp_path / "out"
    query = (f"SELECT w.agency_id, w.year, c.table_key, c.row_key, c.column_key, c.value FROM read_csv('{out}/wide.csv') w "
             f"JOIN read_csv('{out}/cells.csv') c ON c.source_file = w.source_file "
             "WHERE c.table_key = 'applications' AND c.row_key = 'results.total' AND c.column_key = 'total'")
    assert duckdb.sql(query).fetchall() == [("江岸区人民政府二七街道办事处", 2021, "applications", "results.total", "total", 2)]
    checks = duckdb.sql(f"SELECT count(*) FROM read_csv('{out}/checks.csv') WHERE location LIKE 'column%'").fetchall()[0][0]
    assert checks > 0


@pytest.fixture(scope="module")
def mixed(tmp_path_factory, seed_path):
    """A few generated reports, the seed as text, and a file that is no report."""
    import random

    import reportgen

    root = tmp_path_factory.mktemp("mixed")
    rng = random.Random(21)
    for i in range(6):
        report = reportgen.random_report(rng)
        (report.write_docx if i % 2 else report.write_text)(root / f"{i}.{'docx' if i % 2 else 'txt'}")
    shutil.copy(seed_path, root / "seed.txt")
    (root / "notice.txt").write_text("关于召开会议的通知\n各单位：请准时参会。\n", encoding="utf-8")
    return root


def test_panel_has_the_same_dtypes_and_values_whatever_the_format(tmp_path, mixed):
    pytest.importorskip("pyarrow")
    pytest.importorskip("duckdb")
    import extractor

    frames = {}
    for fmt in ("csv", "jsonl", "parquet", "duckdb"):
        run_batch(mixed, tmp_path / fmt, jobs=1, fmt=fmt)
        frames[fmt] = extractor.panel(tmp_path / fmt)
    for fmt, frame in frames.items():
        assert frame.dtypes.to_dict() == frames["csv"].dtypes.to_dict(), fmt
        assert frame.equals(frames["csv"]), fmt
    assert str(frames["csv"]["value"].dtype) == "float64" and frames["csv"]["raw"].map(type).eq(str).all()
    assert sorted(p.name for p in (tmp_path / "parquet").iterdir() if p.suffix == ".parquet") == sorted(
        f"{name}.parquet" for name in ("reports", "cells", "checks", "failed_checks", "warnings", "wide", "diffs"))


def test_every_csv_output_loads_with_default_readers(tmp_path, mixed):
    duckdb = pytest.importorskip("duckdb")
    import pandas as pd

    run_batch(mixed, tmp_path / "out", jobs=1)
    for path in sorted((tmp_path / "out").glob("*.csv")):
        assert len(pd.read_csv(path)) == duckdb.sql(f"SELECT count(*) FROM read_csv('{path}')").fetchall()[0][0], path.name
    assert len(pd.read_json(tmp_path / "out" / "sections.jsonl", lines=True)) == 7


def test_the_duckdb_file_holds_every_table_and_the_views(tmp_path, mixed):
    duckdb = pytest.importorskip("duckdb")
    run_batch(mixed, tmp_path / "out", jobs=1, fmt="duckdb")
    with duckdb.connect(str(tmp_path / "out" / "extractor.duckdb"), read_only=True) as db:
        names = {row[0] for row in db.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        assert names >= {"reports", "cells", "checks", "warnings", "sections", "wide", "failed_checks"}
        rows = db.execute("SELECT w.agency_id, w.year, c.value FROM wide w JOIN cells c ON c.source_file = w.source_file "
                          "WHERE c.table_key = 'applications' AND c.row_key = 'results.total' AND c.column_key = 'total' "
                          "ORDER BY w.source_file").fetchall()
        assert len(rows) == 7 and ("江岸区人民政府二七街道办事处", 2021, 2.0) in rows
        failed = db.execute("SELECT count(*) FROM failed_checks WHERE status = 'pass'").fetchall()[0][0]
        assert failed == 0
        assert db.execute("SELECT status, error_code FROM reports WHERE path LIKE '%notice.txt'").fetchall() == [
            ("failed", "not_a_report")]
    assert not list((tmp_path / "out" / ".parts").glob("*.staged.parquet"))


def test_duckdb_reads_a_large_cells_csv_with_a_slash_late_in_raw_using_the_companion_schema(tmp_path):
    duckdb = pytest.importorskip("duckdb")
    import json
    import random

    import reportgen

    root = tmp_path / "in"
    root.mkdir()
    rng = random.Random(2)
    for i in range(130):  # > 25,000 cells whose raw text is a number before the one "/"
        reportgen.random_report(rng, "2021").write_text(root / f"{i:03d}.txt")
    last = reportgen.random_report(rng, "2021")
    last.write_text(root / "999.txt")
    text = (root / "999.txt").read_text(encoding="utf-8")
    at = text.index("\t二、上年结转政府信息公开申请数量\n") + len("\t二、上年结转政府信息公开申请数量\n")
    (root / "999.txt").write_text(text[:at] + "\t/\n" + text[at:].split("\n", 1)[1], encoding="utf-8")
    run_batch(root, tmp_path / "out", jobs=2)
    cells, schema = tmp_path / "out" / "cells.csv", json.loads((tmp_path / "out" / "schema.json").read_text(encoding="utf-8"))
    with pytest.raises(duckdb.ConversionException):  # what a plain read does: raw sniffed as a number from the first rows
        duckdb.sql(f"SELECT count(*) FROM read_csv('{cells}') WHERE raw IS NOT NULL").fetchall()
    slash = duckdb.read_csv(str(cells), dtype=schema["cells"]).filter("raw = '/'").fetchall()
    assert len(slash) == 1 and slash[0][7] is None  # value null, raw "/" kept as printed


def test_reports_that_name_no_agency_are_listed_without_an_id(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    for name in ("a.txt", "b.txt"):  # no agency printed anywhere: nothing is guessed, and no crash
        (root / name).write_text(f"2022年政府信息公开工作年度报告\n一、总体情况\n本年度工作情况（{name}）。\n二、主动公开政府信息情况\n无。\n",
                                 encoding="utf-8")
    run_batch(root, tmp_path / "out", jobs=1)
    reports = _rows(tmp_path / "out" / "reports.csv")
    assert [(r["status"], r["agency"], r["agency_id"], r["duplicate_of"]) for r in reports] == [
        ("no_tables", "", "", ""), ("no_tables", "", "", "")]


def test_xlsx_and_bom_for_people_who_work_in_excel(tmp_path, mixed):
    pytest.importorskip("openpyxl")
    import pandas as pd

    assert main(["batch", str(mixed), "-o", str(tmp_path / "out"), "-q", "--bom", "--xlsx"]) == 0
    for path in (tmp_path / "out").glob("*.csv"):
        assert path.read_bytes().startswith(b"\xef\xbb\xbf"), path.name  # Excel reads UTF-8 only after a BOM
    sheets = pd.read_excel(tmp_path / "out" / "panel.xlsx", sheet_name=None)
    assert list(sheets) == ["reports", "wide", "failed_checks"]
    wide = _rows(tmp_path / "out" / "wide.csv")
    assert len(sheets["wide"]) == len(wide) == 7 and "江岸区人民政府二七街道办事处" in set(sheets["wide"]["agency"])


def test_batch_review_diffs_and_similar_for_supervisors(tmp_path, seed_path):
    pytest.importorskip("datasketch")
    root = tmp_path / "in"
    root.mkdir()
    (root / "a-2021.txt").write_text(_seed_as(seed_path, "某区财政局", 2021), encoding="utf-8")
    # next year: （一）予以公开 for 自然人 printed as 70 (was 0; the sums then fail) and the same narrative, copied
    (root / "b-2022.txt").write_text(_seed_as(seed_path, "某区财政局", 2022, granted="70"), encoding="utf-8")
    (root / "notice.txt").write_text("关于召开会议的通知\n", encoding="utf-8")
    assert main(["batch", str(root), "-o", str(tmp_path / "out"), "-q", "--review", "--similar"]) == 0
    out = tmp_path / "out"
    index = (out / "review" / "index.html").read_text(encoding="utf-8")
    assert index.count('href="0000') == 2 and "notice.txt" in index
    assert all((out / "review" / f"0000{n}.html").exists() for n in (0, 1))
    diffs = _rows(out / "diffs.csv")
    assert [(d["agency_id"], d["old_year"], d["new_year"]) for d in diffs] and {d["flag"] for d in diffs} <= {
        "jump_growth", "jump_shrink", "cross_year_failed"}
    assert ("applications", "results.granted", "natural_person", "0", "70") not in [
        (d["table_key"], d["row_key"], d["column_key"], d["old_value"], d["new_value"]) for d in diffs]  # 0 → 70: below the floor
    similar = _rows(out / "similar.csv")
    assert similar and all(s["same_agency"] == "True" for s in similar)
    assert {(s["a"].rsplit("/", 1)[1], s["b"].rsplit("/", 1)[1]) for s in similar} == {("a-2021.txt", "b-2022.txt")}


@pytest.mark.parametrize("fmt", ["parquet", "duckdb"])
def test_typed_formats_hold_the_supervisors_tables_of_a_real_pair_of_years(tmp_path, fmt):
    pytest.importorskip("duckdb")
    pytest.importorskip("datasketch")
    root = tmp_path / "in"
    root.mkdir()
    for name in ("hzq-2023.pdf", "hzq-2024.pdf"):
        shutil.copy(shared_file(CORPUS / name), root / name)
    assert main(["batch", str(root), "-o", str(tmp_path / "out"), "-q", "--format", fmt, "--similar"]) == 0
    from extractor.export import TABLE_FORMATS

    diffs = TABLE_FORMATS[fmt].load(tmp_path / "out", "diffs")
    jump = diffs[diffs["row_key"] == "administrative_licensing"]  # 行政许可 550 → 9487, read off the two PDFs
    assert jump[["old_year", "new_year", "old_value", "new_value", "flag"]].values.tolist() == [[2023, 2024, "550", "9487", "jump_growth"]]
    similar = TABLE_FORMATS[fmt].load(tmp_path / "out", "similar")
    assert len(similar) >= 1 and set(similar["same_agency"]) == {"True"}
