"""Values forced by the template's arithmetic when a reading is in doubt: never one of several.

A reader that cannot tell a cell's value for sure (digits run together, an OCR digit in doubt) hands over
*groups*: cells whose values are chosen together, with every candidate tuple it cannot rule out (a row's
splits of one digit run; a single cell's candidate readings; a sure value is a group with one candidate).
`solve` keeps the candidates that can take part in an assignment satisfying every relation (relations.py)
at once, and returns, per cell, the value that all surviving candidates agree on.

Method: generalized arc consistency over sum relations (a candidate survives a relation when the other
groups can make up the rest of the sum), then a bounded search for one assignment satisfying everything.
Arc consistency only removes candidates that take part in no solution, so a value it leaves alone is
forced; when the search finds no solution the report breaks its own arithmetic and only what each group
forces on its own is returned (`consistent` False). When a bound is hit, `bound_hit` says so and the answer
is again only what each group forces on its own. Relations touching a cell no group holds are left out.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..model import Message

Ref = tuple[str, str, str]
Number = int | float
_MAX_SUMS = 20_000  # distinct partial sums kept per relation; beyond it the relation does not prune (sound)
_MAX_NODES = 50_000  # search nodes for the witness assignment


@dataclass(frozen=True)
class Group:
    cells: tuple[Ref, ...]
    candidates: tuple[tuple[Number, ...], ...]


@dataclass(frozen=True)
class Solution:
    forced: dict[Ref, Number]  # cells whose every surviving candidate gives the same value
    consistent: bool  # an assignment satisfying every relation that applies was found
    bound_hit: bool  # a search bound was reached: the answer is only what each group forces alone
    checked: frozenset[Ref] = field(default=frozenset())  # cells of the relations used (all of whose cells a group holds)


def _agreed(cells: tuple[Ref, ...], candidates: Iterable[tuple[Number, ...]]) -> dict[Ref, Number]:
    candidates = list(candidates)
    if not candidates:
        return {}
    return {cell: candidates[0][i] for i, cell in enumerate(cells) if all(c[i] == candidates[0][i] for c in candidates)}


def forced_alone(groups: Sequence[Group]) -> dict[Ref, Number]:
    """What each group forces without the others: the cells on which all its candidates agree."""
    return {cell: v for g in groups for cell, v in _agreed(g.cells, g.candidates).items()}


class _Constraint:
    """sum(coef × value) = 0 over cells, grouped: per group, the contribution of each candidate."""

    def __init__(self, terms: dict[int, list[tuple[int, int]]], groups: Sequence[Group]) -> None:
        self.groups = sorted(terms)
        self.cells = frozenset(groups[g].cells[pos] for g in terms for pos, _ in terms[g])
        self.contrib = {g: [sum(coef * cand[pos] for pos, coef in terms[g]) for cand in groups[g].candidates] for g in terms}


def _constraints(groups: Sequence[Group], relations) -> list[_Constraint]:
    where = {cell: (g, pos) for g, group in enumerate(groups) for pos, cell in enumerate(group.cells)}
    out = []
    for rel in relations:
        if not all(ref in where for ref, _ in rel.coefficients):
            continue  # a cell no reader holds: the relation cannot be used (as a check it is not assessable)
        terms: dict[int, list[tuple[int, int]]] = {}
        for ref, coef in rel.coefficients:
            g, pos = where[ref]
            terms.setdefault(g, []).append((pos, coef))
        out.append(_Constraint(terms, groups))
    return out


def _add(sums: set[Number], values: set[Number]) -> set[Number] | None:
    total = {round(a + b, 9) for a in sums for b in values}
    return total if len(total) <= _MAX_SUMS else None


def _revise(con: _Constraint, alive: list[set[int]]) -> list[int] | None:
    """Drop candidates without support in `con`; the groups changed, or None when the constraint cannot hold.
    Groups down to one contribution are a constant; the others are checked against the sums the rest can
    make (prefix and suffix sums, so each group costs one pass)."""
    values = {g: {con.contrib[g][i] for i in alive[g]} for g in con.groups}
    fixed = sum(next(iter(v)) for v in values.values() if len(v) == 1)
    loose = [g for g in con.groups if len(values[g]) > 1]
    prefix, suffix = [{0}], [{0}]
    for g, h in zip(loose, reversed(loose)):
        prefix.append(_add(prefix[-1], values[g]))
        suffix.append(_add(suffix[-1], values[h]))
        if prefix[-1] is None or suffix[-1] is None:
            return []  # too many sums to track: this constraint does not prune (sound)
    if round(-fixed, 9) not in prefix[-1]:
        return None
    suffix.reverse()
    changed = []
    for k, g in enumerate(loose):
        before, after = prefix[k], suffix[k + 1]
        keep = {i for i in alive[g] if any(round(-fixed - con.contrib[g][i] - a, 9) in after for a in before)}
        if keep != alive[g]:
            alive[g] = keep
            changed.append(g)
    return changed


def _arc_consistent(groups: Sequence[Group], cons: list[_Constraint]) -> list[set[int]] | None:
    alive = [set(range(len(g.candidates))) for g in groups]
    touching: dict[int, list[int]] = {}
    for k, con in enumerate(cons):
        for g in con.groups:
            touching.setdefault(g, []).append(k)
    queue, queued = list(range(len(cons))), set(range(len(cons)))
    while queue:
        k = queue.pop()
        queued.discard(k)
        changed = _revise(cons[k], alive)
        if changed is None:
            return None
        for g in changed:
            for j in touching[g]:
                if j not in queued:
                    queue.append(j)
                    queued.add(j)
    return alive


def _witness(groups: Sequence[Group], cons: list[_Constraint], alive: list[set[int]]) -> bool | None:
    """Whether one assignment satisfies every constraint; None when the node bound is hit."""
    order = sorted((g for g in range(len(groups)) if alive[g]), key=lambda g: len(alive[g]))
    rank = {g: i for i, g in enumerate(order)}
    closing: dict[int, list[_Constraint]] = {}  # constraints checked once their last group is chosen
    for con in cons:
        closing.setdefault(max(con.groups, key=rank.__getitem__), []).append(con)
    chosen: dict[int, int] = {}
    nodes = 0

    def walk(depth: int) -> bool | None:
        nonlocal nodes
        if depth == len(order):
            return True
        g = order[depth]
        for i in sorted(alive[g]):
            nodes += 1
            if nodes > _MAX_NODES:
                return None
            chosen[g] = i
            if all(abs(sum(c.contrib[h][chosen[h]] for h in c.groups)) < 1e-9 for c in closing.get(g, ())):
                found = walk(depth + 1)
                if found is not False:
                    return found
        chosen.pop(g, None)
        return False

    return walk(0)


def solve(groups: Sequence[Group], relations) -> Solution:
    """The values forced by `relations` (relations.Relation: `coefficients` of sum(left) − sum(right) = 0)
    over the candidate groups. Groups without candidates hold no cell."""
    groups = [g for g in groups if g.candidates]
    cons = _constraints(groups, relations)
    checked = frozenset(cell for con in cons for cell in con.cells)
    alive = _arc_consistent(groups, cons)
    if alive is None:
        return Solution(forced_alone(groups), False, False, checked)
    found = _witness(groups, cons, alive)
    if not found:
        return Solution(forced_alone(groups), False, found is None, checked)
    forced = {}
    for g, group in enumerate(groups):
        forced.update(_agreed(group.cells, (group.candidates[i] for i in alive[g])))
    return Solution(forced, True, False, checked)


def solve_with_warnings(groups: Sequence[Group], relations, what: str, fallback: str) -> tuple[Solution, list[Message]]:
    """`solve`, and a warning when its answer is not the arithmetic's: `split_bound` when the combinations of
    `what` (the readings in doubt, in words) were too many to check together, `arithmetic_broken` when none
    satisfies every relation; `fallback` says what is read then."""
    solution = solve(groups, relations)
    if solution.bound_hit:
        return solution, [Message("split_bound", f"{what} allow too many combinations to check them all together; "
                                  f"{fallback}", "tables")]
    if not solution.consistent:
        return solution, [Message("arithmetic_broken", f"no reading of {what} satisfies every relation of the template: "
                                  f"the report breaks its own arithmetic; {fallback}", "tables")]
    return solution, []
