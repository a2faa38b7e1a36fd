"""Facts from outside a row that settle its run-together digits when the row's own arithmetic cannot.

A 主动公开 row such as `行政规范性文件12345` (issued | repealed | in_force) takes part in no relation of its report,
so every cut of its run is as good as another and the stream reader leaves it missing. Two facts can still
decide it, each a *clue* that a cut must agree with:

- `narrative`: a count the report's text states about one of its cells ("制发行政规范性文件12件"), read with the
  checks' own vocabulary (statements.py);
- `previous_year`: in a batch, last year's report of the same agency, through the cross-year relations
  (relations.cross_year: last year's in_force + issued − repealed = in_force).

A cut is taken only when it is the one cut of the run that agrees with every clue speaking of the row; then its
cells are `inferred` with the run and `settled_by` in their source. No clue, no cut, or several: still missing.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import NamedTuple

from .. import relations as _relations  # a module, not its names: relations.py imports this package
from ..statements import statements

Ref = tuple[str, str, str]
Number = int | float


class Clue(NamedTuple):
    settled_by: str  # narrative or previous_year
    cells: frozenset[Ref]  # the cells of this report it speaks of
    holds: Callable[[Mapping[Ref, Number]], bool]
    reason: str


def clues(texts: Iterable[str], last_year: Mapping[Ref, Number | None] | None = None) -> list[Clue]:
    """The clues a report gives about single cells (stated counts), and those last year's numbers give."""
    out = [Clue("narrative", frozenset(s.cells), lambda values, s=s: values[s.cells[0]] == s.stated,
                f"the text's “{s.said}”") for s in statements(texts) if len(s.cells) == 1]
    for rel in _relations.cross_year() if last_year else ():
        before = [t.ref for t in rel.terms if t.last_year]
        if before and all(last_year.get(ref) is not None for ref in before):
            shown = ", ".join(f"{ref[1]} × {ref[2]} {last_year[ref]}" for ref in before)
            out.append(Clue("previous_year", frozenset(t.ref for t in rel.terms if not t.last_year),
                            lambda values, rel=rel: _relations.assess(rel, values, last_year).status == "pass",
                            f"last year's report ({shown}; {rel.rule})"))
    return out


class Settled(NamedTuple):
    values: tuple[Number, ...] | None  # the one cut left, or None
    used: tuple[Clue, ...]  # the clues that spoke of the row
    left: int  # how many cuts agree with them


def settle(cells: Sequence[Ref], candidates: Sequence[tuple[Number, ...]], given: Sequence[Clue]) -> Settled:
    """The one cut of the row's candidates that agrees with every clue about its cells, if exactly one does."""
    used = tuple(c for c in given if c.cells <= set(cells))
    if not used:
        return Settled(None, (), len(candidates))
    kept = [cand for cand in candidates if all(c.holds(dict(zip(cells, cand))) for c in used)]
    return Settled(kept[0] if len(kept) == 1 else None, used, len(kept))
