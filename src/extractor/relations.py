"""The template's arithmetic relations (勾稽关系), defined once: checks.py assesses them on printed cells, the
stream reader (template/stream.py) and any other reader in doubt about a digit solve for them (template/solve.py),
and the batch assesses the cross-year ones on consecutive years of one agency (batch/index.py, diff.py).

Each relation says sum(left) = sum(right) over signed terms naming cells by key (a term may read last year's
report of the same agency); it knows nothing of values. `assess` is the one place a relation meets values.
Adding a relation = one entry in `relations()` (in one report) or `cross_year()` (across two years).
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache

from .model import Check
from .vocabulary import Vocabulary, display_label, vocabulary

Ref = tuple[str, str, str]  # (table, row, column)
Numbers = Mapping[Ref, int | float]  # the cells of one report that hold a number; blanks, "/" and text are absent


@dataclass(frozen=True)
class Term:
    """One cell in a relation's sum, added (+1) or subtracted (−1); `last_year` reads the agency's report of the
    year before."""

    ref: Ref
    sign: int = 1
    last_year: bool = False


def terms(*refs: Ref) -> tuple[Term, ...]:
    return tuple(Term(ref) for ref in refs)


@dataclass(frozen=True)
class Relation:
    """sum(left) must equal sum(right); `expected` is the left sum, `actual` the right one."""

    rule: str
    where: str
    left: tuple[Term, ...]
    right: tuple[Term, ...]
    message: str  # a format over {left}, {right} and {unequal} (，不相等 when they differ): the template's own wording
    unassessable: str = "not assessable: {cells} not a number"  # a format over {cells}, the cells that are not numbers

    @cached_property
    def terms(self) -> tuple[Term, ...]:
        return (*self.left, *self.right)

    @cached_property
    def cells(self) -> tuple[Ref, ...]:
        return tuple(t.ref for t in self.terms)

    @cached_property
    def plain(self) -> bool:
        """Every term is added and read from this report."""
        return all(t.sign == 1 and not t.last_year for t in self.terms)

    @cached_property
    def coefficients(self) -> tuple[tuple[Ref, int], ...]:
        """Each cell with its coefficient in sum(left) − sum(right) = 0: what the solver reads of a relation in one
        report (a cross-year relation's last-year terms name the same keys, so it is never handed to the solver)."""
        return (*((t.ref, t.sign) for t in self.left), *((t.ref, -t.sign) for t in self.right))

    @cached_property
    def table(self) -> str:
        return self.left[0].ref[0]


def assess(relation: Relation, numbers: Numbers, last_year: Numbers | None = None,
           state: Callable[[Ref], str] | None = None) -> Check:
    """The relation's check on numbers (see checks.numeric_cells); `last_year` holds the numbers its last-year
    terms read, `state` says what a cell of this report that is no number holds (blank, text, missing…)."""
    if relation.plain:  # most relations: a sum of this report's cells, read without looking at each term
        values = [numbers.get(ref) for ref in relation.cells]
    else:
        sources = (numbers, last_year or {})  # indexed by Term.last_year
        values = [v if (v := sources[t.last_year].get(t.ref)) is None else t.sign * v for t in relation.terms]
    if None in values:
        absent = [ref for ref, v in zip(relation.cells, values) if v is None]
        shown = ", ".join(f"{r[1]} × {r[2]} ({state(r) if state else 'missing'})" for r in absent)
        return Check(relation.rule, relation.where, relation.cells, "not_assessable", None, None,
                     relation.unassessable.format(cells=shown))
    split = len(relation.left)
    left, right = sum(values[:split]), sum(values[split:])
    status = "pass" if abs(left - right) < 1e-9 else "fail"
    return Check(relation.rule, relation.where, relation.cells, status, left, right,
                 relation.message.format(left=left, right=right, unequal="" if status == "pass" else "，不相等"))


@lru_cache(maxsize=4)
def relations(template: str, other_as_printed: str | None = None) -> tuple[Relation, ...]:
    """Every arithmetic relation the template implies, per column or row. `other_as_printed` is the format
    whose （六）其他处理 rows the report actually printed, when it differs from its template (a 2021 report
    with the single 2019 row)."""
    vocab = vocabulary()
    fmt = template if template != "unknown" else "2021"
    app_rows = [r for r, c in vocab.cells("applications", fmt) if c == "total"]
    if other_as_printed and other_as_printed != fmt:
        printed = [r for r, c in vocab.cells("applications", other_as_printed) if c == "total" and r.startswith("results.other")]
        app_rows = [r for r in app_rows if not r.startswith("results.other")]
        app_rows[app_rows.index("results.total"):app_rows.index("results.total")] = printed
    results = tuple(r for r in app_rows if r.startswith("results.") and r != "results.total")
    out: list[Relation] = []
    applicants = vocab.keys_of("applications", "column")[:-1]  # the last column is 总计
    outcomes = vocab.keys_of("review_litigation", "column")[:-1]
    for col in (*applicants, "total"):
        label = _label(vocab, "applications", "column", col)
        out.append(Relation("applications.balance", f"column {col}",
                            terms(("applications", "new_received", col), ("applications", "carried_over", col)),
                            terms(("applications", "results.total", col), ("applications", "carried_forward", col)),
                            f"{label}：第一项加第二项之和 {{left}}，第三项加第四项之和 {{right}}{{unequal}}"))
        out.append(Relation("applications.results_total", f"column {col}",
                            terms(*(("applications", r, col) for r in results)), terms(("applications", "results.total", col)),
                            f"{label}：各项办理结果之和 {{left}}，（七）总计 {{right}}{{unequal}}"))
    for row in app_rows:
        out.append(Relation("applications.applicant_total", f"row {row}",
                            terms(*(("applications", row, c) for c in applicants)), terms(("applications", row, "total")),
                            f"{_label(vocab, 'applications', 'row', row)}：各类申请人之和 {{left}}，总计 {{right}}{{unequal}}"))
    for row in vocab.keys_of("review_litigation", "row"):
        out.append(Relation("review_litigation.row_total", f"row {row}",
                            terms(*(("review_litigation", row, c) for c in outcomes)), terms(("review_litigation", row, "total")),
                            f"{_label(vocab, 'review_litigation', 'row', row)}：维持、纠正、其他、尚未审结之和 {{left}}，总计 {{right}}{{unequal}}"))
    return tuple(out)


# last year's in_force + this year's issued − this year's repealed = this year's in_force
IN_FORCE_ROWS = ("regulations", "normative_documents")


@lru_cache(maxsize=1)
def cross_year() -> tuple[Relation, ...]:
    """The relations between consecutive years of one agency: what was carried forward is carried over, per
    column; and what is in force follows from last year's count, per 主动公开 row with issued and repealed."""
    carried = "上年结转下年度继续办理 = 本年上年结转"
    in_force = "上年现行有效件数 + 本年制发 − 本年废止 = 本年现行有效件数"
    out = [Relation("panel.carried_over", f"column {col}", (Term(("applications", "carried_forward", col), last_year=True),),
                    terms(("applications", "carried_over", col)), f"{carried}: {{left}} vs {{right}}",
                    f"{carried}: a cell is blank, '/' or missing")
           for col in vocabulary().keys_of("applications", "column")]
    for row in IN_FORCE_ROWS:
        cell = ("active_disclosure", row)
        out.append(Relation("panel.in_force", f"row {row}",
                            (Term((*cell, "in_force"), last_year=True), Term((*cell, "issued")), Term((*cell, "repealed"), -1)),
                            terms((*cell, "in_force")), f"{in_force}: {{left}} vs {{right}}",
                            f"{in_force}: a cell is blank, '/' or missing"))
    return tuple(out)


def _label(vocab: Vocabulary, table: str, axis: str, key: str) -> str:
    found = vocab.keys.get((table, axis, key))
    return display_label(found.label) if found else key
