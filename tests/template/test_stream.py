"""Reports flattened into a crawler's page text (scripts/reportgen.py to_page_text), with known values.

The expected values are the generator's; whether a cell is forced is worked out here by an independent
brute force over every cut of every run (itertools, not the code under test) under relations.py.
"""
from __future__ import annotations

import random
from datetime import date
from itertools import combinations, product

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import extractor
import reportgen
from extractor.relations import relations
from extractor.template.solve import Group, solve

AMOUNTS = {"fee_amount", "procurement_amount"}


def _page(values, template: str, rng=None, **noise) -> str:
    body = reportgen.report_body(template, values, agency="某区财政局", year=2022 if template == "2021" else 2019,
                                 published=date(2023, 1, 15), rng=random.Random(1), padding=False)
    header = {"title": "某区财政局年度报告", "published": "2023-01-15", "agency": "某区财政局"}
    return reportgen.to_page_text(body, header=header, rng=rng, chrome="当前位置：首页 > 政务公开 ", **noise)


def _read(text: str):
    return extractor.parse_bytes(text.encode(), "page.txt")


def _cells(report):
    return {(r.table, r.row, r.column): r for r in report.records}


def _equal(record, printed: str) -> bool:
    return record.value == (float(printed) if "." in printed else int(printed))


def test_a_generated_page_text_reads_back_every_forced_cell_and_its_sections():
    rng = random.Random(7)
    values = reportgen.random_values("2021", rng)
    report = _read(_page(values, "2021", random.Random(3), spaces=0.3, nbsp=0.2))
    cells = _cells(report)
    assert all(_equal(rec, values[key]) for key, rec in cells.items())
    assert {k for k in cells if k[0] == "applications"} == {k for k in values if k[0] == "applications"}
    assert any(rec.source.get("inferred") and rec.source["run"] for rec in cells.values())
    assert [s.key for s in report.sections] == ["overview", "active_disclosure", "applications", "review_litigation",
                                                "problems", "other"]
    assert report.preamble.paragraphs[0] == "标题: 某区财政局年度报告"
    assert report.metadata["template"] == "2021"


def test_2019_signed_change_column_is_cut_with_its_sign():
    values = reportgen.random_values("2019", random.Random(11))
    values["active_disclosure", "administrative_licensing", "prior_year_items"] = "5"
    values["active_disclosure", "administrative_licensing", "change"] = "-3"
    values["active_disclosure", "administrative_licensing", "decisions"] = "0"  # "5-30": only 5 | -3 | 0
    cells = _cells(_read(_page(values, "2019")))
    assert [cells["active_disclosure", "administrative_licensing", c].value for c in ("prior_year_items", "change", "decisions")] == [5, -3, 0]


def test_an_active_disclosure_row_without_a_relation_is_missing_unless_its_cut_is_unique():
    values = reportgen.random_values("2021", random.Random(5))
    values |= {("active_disclosure", "regulations", "issued"): "1", ("active_disclosure", "regulations", "repealed"): "4",
               ("active_disclosure", "regulations", "in_force"): "11",  # "1411": three cuts
               ("active_disclosure", "normative_documents", "issued"): "0",
               ("active_disclosure", "normative_documents", "repealed"): "0",
               ("active_disclosure", "normative_documents", "in_force"): "12"}  # "0012": only 0 | 0 | 12
    report = _read(_page(values, "2021"))
    cells = _cells(report)
    assert not any(k[:2] == ("active_disclosure", "regulations") for k in cells)
    assert any(w.code == "ambiguous_digits" and "'1411'" in w.message for w in report.warnings)
    assert [cells["active_disclosure", "normative_documents", c].value for c in ("issued", "repealed", "in_force")] == [0, 0, 12]


def test_a_table_whose_relations_leave_two_readings_keeps_only_the_forced_cells():
    # natural 10, commercial 1, total 11 in three rows: "101000011" is also 1 | 0 | 10 | 0 | 0 | 0 | 11, and the
    # column relations hold for both readings, so only the total and the zeros are forced
    values = {("applications", row, col): "0" for row in reportgen.application_rows("2021") for col in reportgen.APPLICATION_COLUMNS}
    for row in ("new_received", "results.granted", "results.total"):
        values |= {("applications", row, "natural_person"): "10", ("applications", row, "legal_person.commercial"): "1",
                   ("applications", row, "total"): "11"}
    report = _read(_page(values, "2021"))
    cells = _cells(report)
    for row in ("new_received", "results.granted", "results.total"):
        assert cells["applications", row, "total"].value == 11 and cells["applications", row, "legal_person.other"].value == 0
        for col in ("natural_person", "legal_person.commercial", "legal_person.research"):
            assert ("applications", row, col) not in cells
    assert any(w.code == "ambiguous_digits" and "new_received × natural_person" in w.message for w in report.warnings)
    assert sum(w.code == "missing_cell" for w in report.warnings) == 9


def test_a_report_that_breaks_its_own_arithmetic_keeps_only_what_each_row_forces():
    values = reportgen.random_values("2021", random.Random(2))
    values["applications", "carried_forward", "natural_person"] = "1"  # balance per column no longer holds
    values["applications", "carried_forward", "total"] = str(int(values["applications", "carried_forward", "total"]) + 1)
    report = _read(_page(values, "2021"))
    assert any(w.code == "arithmetic_broken" and w.where == "tables" for w in report.warnings)
    assert all(_equal(rec, values[key]) for key, rec in _cells(report).items())


# --- the solver alone, as OCR uses it: a set of candidate readings per cell ---------------------------

def test_solver_keeps_the_one_candidate_the_relations_allow():
    review = [("review_litigation", "review", c) for c in ("upheld", "corrected", "other", "pending", "total")]
    groups = [Group((review[0],), ((1,), (7,))), *(Group((cell,), ((0,),)) for cell in review[1:4]), Group((review[4],), ((1,),))]
    solution = solve(groups, relations("2021"))
    assert solution.consistent and solution.forced[review[0]] == 1
    doubtful_total = [*groups[:4], Group((review[4],), ((1,), (7,)))]
    assert review[0] not in solve(doubtful_total, relations("2021")).forced
    impossible = [*groups[:4], Group((review[4],), ((5,),))]
    broken = solve(impossible, relations("2021"))
    assert not broken.consistent and review[0] not in broken.forced and broken.forced[review[4]] == 5


# --- property: random valid tables flattened into runs -------------------------------------------------

def _oracle_cuts(run: str, columns: list[str]) -> list[tuple[int | float, ...]]:
    out = []
    for cuts in combinations(range(1, len(run)), len(columns) - 1):
        pieces = [run[a:b] for a, b in zip((0, *cuts), (*cuts, len(run)))]
        ok = True
        for piece, column in zip(pieces, columns):
            digits = piece.lstrip("-")
            whole = digits.split(".")[0]
            ok &= bool(whole) and (whole == "0" or not whole.startswith("0")) and digits.count(".") <= (column in AMOUNTS)
            ok &= (piece[0] != "-" or column == "change" and whole != "0") and "-" not in digits and not digits.endswith(".")
        if ok:
            out.append(tuple(float(p) if "." in p else int(p) for p in pieces))
    return out


def _forced_by_brute_force(values, template: str):
    """{cell: value} forced by every assignment of every run's cuts satisfying all relations, or None when
    there are too many assignments to try."""
    vocab = extractor.template.vocabulary()
    rels = relations(template, None)
    rows = []
    for table in ("active_disclosure", "applications", "review_litigation"):
        by_row: dict[str, list[tuple[str, str]]] = {}
        for row, col in vocab.cells(table, template):
            by_row.setdefault("all" if table == "review_litigation" else row, []).append((row, col))
        if table == "active_disclosure":  # printed in cells.tsv's column order
            by_row = {row: [(row, c) for c in vocab.active_columns[(template, row)]] for row in by_row}
        for cells in by_row.values():
            keys = [(table, r, c) for r, c in cells]
            run = "".join(values.get(k, "0") for k in keys)
            inside = [rel for rel in rels if set(rel.cells) <= set(keys)]
            cuts = [cut for cut in _oracle_cuts(run, [c for _, c in cells]) if all(
                sum(coef * cut[keys.index(r)] for r, coef in rel.coefficients) == 0 for rel in inside)]
            rows.append((keys, cuts))
    n = 1
    for _, cuts in rows:
        n *= len(cuts)
    if n > 5000:
        return None
    solutions = []
    for choice in product(*(cuts for _, cuts in rows)):
        cell = {k: v for (keys, _), cut in zip(rows, choice) for k, v in zip(keys, cut)}
        if all(sum(coef * cell[r] for r, coef in rel.coefficients) == 0 for rel in rels):
            solutions.append(cell)
    return {k: v for k, v in solutions[0].items() if all(s[k] == v for s in solutions)}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow],
          phases=[Phase.explicit, Phase.reuse, Phase.generate])  # a failure is reported as found, not shrunk
@given(st.integers(0, 10**6), st.sampled_from(["2021", "2019"]), st.floats(0, 0.5), st.floats(0, 0.3))
def test_every_emitted_cell_equals_the_original_and_is_forced(seed, template, spaces, nbsp):
    values = reportgen.random_values(template, random.Random(seed))
    noisy = _cells(_read(_page(values, template, random.Random(seed), spaces=spaces, nbsp=nbsp)))
    assert all(_equal(rec, values[key]) for key, rec in noisy.items())
    plain = _cells(_read(_page(values, template)))  # runs without spaces: what the brute force below cuts
    forced = _forced_by_brute_force(values, template)
    if forced is not None:
        assert set(plain) <= set(forced), sorted(set(plain) - set(forced))
        assert all(forced[key] == rec.value for key, rec in plain.items())


# --- Markdown pieces: value rows under generic headers, labels printed apart ---------------------------

def _markdown(rows: list[list[str]], piece: int) -> str:
    """Rows as Markdown tables of `piece` rows each, every piece under a generic header (| 列1 | 列2 | …)."""
    out = []
    for k in range(0, len(rows), piece):
        width = len(rows[k])
        out += ["| " + " | ".join(f"列{i + 1}" for i in range(width)) + " |", "|" + "---|" * width]
        out += ["| " + " | ".join(row) + " |" for row in rows[k:k + piece]] + [""]
    return "\n".join(out)


def _pieces_report(values, application_rows: list[str]) -> str:
    columns = reportgen.APPLICATION_COLUMNS
    labels = "\n".join(reportgen.application_rows("2021"))  # the labels, printed apart (here: their keys)
    review = [[values["review_litigation", r, c] for r in reportgen.REVIEW_ROWS for c, _ in reportgen.REVIEW_OUTCOMES]]
    return "\n".join(["某区2022年政府信息公开工作年度报告", "一、总体情况", "本年度工作平稳。", "三、收到和处理政府信息公开申请情况",
                      labels, _markdown([[values["applications", r, c] for c in columns] for r in application_rows], 10),
                      "四、政府信息公开行政复议、行政诉讼情况", _markdown(review, 1)])


def test_value_rows_without_labels_are_lined_up_only_when_counts_agree_and_relations_hold():
    values = reportgen.random_values("2021", random.Random(4))
    rows = reportgen.application_rows("2021")
    report = _read(_pieces_report(values, rows))
    cells = _cells(report)
    assert {k for k in cells if k[0] == "applications"} == {k for k in values if k[0] == "applications"}
    assert all(_equal(rec, values[key]) and rec.source["aligned"] for key, rec in cells.items())
    assert sum(k[0] == "review_litigation" for k in cells) == 15

    short = _read(_pieces_report(values, rows[:-1]))  # a row lost: counts disagree
    assert not any(k[0] == "applications" for k in _cells(short))
    assert any(w.code == "unaligned_piece" and "applications" in w.message for w in short.warnings)


def test_value_rows_lined_up_against_the_relations_are_not_read():
    values = reportgen.random_values("2021", random.Random(4))
    rows = reportgen.application_rows("2021")
    assert values["applications", "results.granted", "total"] != values["applications", "carried_forward", "total"]
    swapped = [*rows[:2], rows[-1], *rows[3:-1], rows[2]]  # （一）予以公开 and 四 swapped: the results no longer add up
    report = _read(_pieces_report(values, swapped))
    assert not any(k[0] == "applications" for k in _cells(report))
    warning = next(w for w in report.warnings if w.code == "unaligned_piece")
    assert "relations do not hold" in warning.message and warning.where.startswith("table 0, row")
