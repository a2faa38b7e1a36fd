"""OCR readings in doubt, settled by the template's arithmetic when it leaves exactly one candidate.

A cell the OCR reader could not read for sure (readers/ocr.py) reaches the normalizer with `doubt` and the
`candidates` its unsure digits allow; its record holds no value. Once the template is known, every doubtful
cell with candidates is solved together with the sure numbers around it (template/solve.py, the relations of
relations.py — the same machinery as for run-together digits):

- a cell gets a value only when the solver finds an assignment satisfying every relation that touches a
  cell in doubt, some relation with all its cells known checks this cell, and exactly one of its candidates
  survives. Its record then carries the value, `inferred: true`, the OCR's reading (`read`) beside its
  candidates, and an `ocr_inferred` warning names where it is;
- otherwise it stays without a value, and an `ocr_doubt` warning names where it is and why.

Relations among sure cells only are left to the checks: a sum the report breaks elsewhere does not block a
doubt it does not touch. A candidate that is no number ("/") makes its cell unsolvable (a relation over a
"/" cannot be assessed), so such a cell stays in doubt.
"""
from __future__ import annotations

from ..model import CellRecord, Message
from ..model import where as place
from .locate import where
from .solve import Group, solve_with_warnings
from .values import AMOUNT_COLUMNS, NUMBER_STATES, parse_value

Key = tuple[str, str, str]  # (table, row, column)


def settle_doubts(cells: dict[Key, CellRecord], relations) -> list[Message]:
    """Give each doubtful cell of `cells` the one value the relations leave (the record is replaced), and say
    what became of every doubtful cell."""
    doubtful = {key: rec for key, rec in cells.items() if rec.source.get("doubt")}
    if not doubtful:
        return []
    readings = {key: _readings(rec) for key, rec in doubtful.items()}
    solvable = {key for key, found in readings.items() if found}
    used = [rel for rel in relations if solvable.intersection(rel.cells)]
    sure = [Group((key,), ((rec.value,),)) for key, rec in cells.items() if key not in doubtful and rec.state in NUMBER_STATES]
    groups = sure + [Group((key,), tuple((v,) for v, _ in readings[key])) for key in solvable]
    solution, messages = solve_with_warnings(groups, used, "the OCR readings in doubt", "they are left without a value") \
        if used else (None, [])
    for key, rec in doubtful.items():
        value = solution.forced.get(key) if solution and solution.consistent and key in solution.checked else None
        if value is None:
            messages.append(Message("ocr_doubt", f"{_place(rec)}: {rec.raw!r} is not read for sure by OCR (candidates "
                                    f"{_shown(rec)}); {_why(rec, readings[key], solution)}; left without a value", where(rec)))
            continue
        raw = next(text for v, text in readings[key] if v == value)
        source = {k: v for k, v in rec.source.items() if k != "doubt"} | {"inferred": True, "read": rec.raw}
        cells[key] = rec._replace(value=value, state="zero" if value == 0 else "numeric", raw=raw, source=source)
        messages.append(Message("ocr_inferred", f"{_place(rec)}: {rec.raw!r} is not read for sure by OCR (candidates "
                                f"{_shown(rec)}); the template's arithmetic leaves only {raw}, read as such", where(rec)))
    return messages


def _readings(rec: CellRecord) -> tuple[tuple[int | float, str], ...]:
    """(value, text) of each candidate; none when some candidate is no number."""
    out = []
    for text in rec.source.get("candidates") or ():
        value, state, _ = parse_value(text, rec.column in AMOUNT_COLUMNS)
        if state not in NUMBER_STATES:
            return ()
        out.append((value, text))
    return tuple(out)


def _why(rec: CellRecord, readings: tuple, solution) -> str:
    key = (rec.table, rec.row, rec.column)
    if not readings:
        return "a candidate is no number" if rec.source.get("candidates") else "no candidate reading"
    if solution is None or key not in solution.checked:
        return "no relation of the template checks it"
    if not solution.consistent:
        return "the template's arithmetic does not hold around it"
    return "the template's arithmetic leaves more than one"


def _shown(rec: CellRecord) -> str:
    return ", ".join(rec.source.get("candidates") or ()) or "none"


def _place(rec: CellRecord) -> str:
    s = rec.source
    return place(picture=s["picture"]) if "picture" in s else place(page=s.get("page"))
