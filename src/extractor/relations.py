"""The template's arithmetic relations (勾稽关系), defined once: checks.py assesses them on printed cells, the
stream reader (template/stream.py) and any other reader in doubt about a digit solve for them (template/solve.py).

Each relation says sum(left) = sum(right) over cells named by key; it knows nothing of values.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache

from .template.labels import Vocabulary, display_label, vocabulary

Ref = tuple[str, str, str]  # (table, row, column)


@dataclass(frozen=True)
class Relation:
    """sum(left) must equal sum(right); `expected` is the left sum, `actual` the right one."""

    rule: str
    where: str
    left: tuple[Ref, ...]
    right: tuple[Ref, ...]
    message: str  # a format string over left/right sums: the template's own wording of the relation

    @cached_property
    def cells(self) -> tuple[Ref, ...]:
        return (*self.left, *self.right)


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
                            (("applications", "new_received", col), ("applications", "carried_over", col)),
                            (("applications", "results.total", col), ("applications", "carried_forward", col)),
                            f"{label}：第一项加第二项之和 {{left}}，第三项加第四项之和 {{right}}"))
        out.append(Relation("applications.results_total", f"column {col}",
                            tuple(("applications", r, col) for r in results), (("applications", "results.total", col),),
                            f"{label}：各项办理结果之和 {{left}}，（七）总计 {{right}}"))
    for row in app_rows:
        out.append(Relation("applications.applicant_total", f"row {row}",
                            tuple(("applications", row, c) for c in applicants), (("applications", row, "total"),),
                            f"{_label(vocab, 'applications', 'row', row)}：各类申请人之和 {{left}}，总计 {{right}}"))
    for row in vocab.keys_of("review_litigation", "row"):
        out.append(Relation("review_litigation.row_total", f"row {row}",
                            tuple(("review_litigation", row, c) for c in outcomes), (("review_litigation", row, "total"),),
                            f"{_label(vocab, 'review_litigation', 'row', row)}：维持、纠正、其他、尚未审结之和 {{left}}，总计 {{right}}"))
    return tuple(out)


def _label(vocab: Vocabulary, table: str, axis: str, key: str) -> str:
    found = vocab.keys.get((table, axis, key))
    return display_label(found.label) if found else key
