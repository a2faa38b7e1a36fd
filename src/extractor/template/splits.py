"""The ways a run of digits ("380030041") can be cut into a row's cells, as the template allows them.

A piece is a number as a cell prints it: no leading zero except a lone 0, a decimal point only in an amount
column (values.AMOUNT_COLUMNS), a minus sign only where the template has a signed column
(values.SIGNED_COLUMNS, 2019's 本年增/减). Relations inside the row (its cells add up to its total) prune
the search as it goes: when a relation's last cell is reached its value is fixed by the others, so the run
must continue with exactly that number. The search is bounded; the caller is told when the bound was hit.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from .values import AMOUNT_COLUMNS, SIGNED_COLUMNS

_COUNT = re.compile(r"0|[1-9]\d*")
_SIGNED = re.compile(r"0|-?[1-9]\d*")
_AMOUNT = re.compile(r"(?:0|[1-9]\d*)(?:\.\d+)?")
_MAX_PIECE = 12  # characters of the longest cell a report prints (an amount with decimals)
MAX_NODES = 200_000

Term = tuple[int, int]  # (position in the row, coefficient ±1)


def piece_pattern(column: str) -> re.Pattern[str]:
    return _AMOUNT if column in AMOUNT_COLUMNS else _SIGNED if column in SIGNED_COLUMNS else _COUNT


def number(piece: str) -> int | float:
    return float(piece) if "." in piece else int(piece)


def splits(run: str, columns: Sequence[str], constraints: Sequence[Sequence[Term]] = ()) -> tuple[tuple[tuple[str, ...], ...], bool]:
    """(every cut of `run` into len(columns) pieces valid for their columns and satisfying `constraints`
    (sum of coefficient × value = 0 over row positions), whether the node bound was hit). Memoized: a
    report's rows of zeros are cut once."""
    return _splits(run, tuple(columns), tuple(tuple(terms) for terms in constraints))


@lru_cache(maxsize=4096)
def _splits(run: str, columns: tuple[str, ...], constraints: tuple[tuple[Term, ...], ...],
            max_nodes: int = MAX_NODES) -> tuple[tuple[tuple[str, ...], ...], bool]:
    k, n = len(columns), len(run)
    patterns = [piece_pattern(c) for c in columns]
    closing: dict[int, list[Sequence[Term]]] = {}
    for terms in constraints:
        closing.setdefault(max(pos for pos, _ in terms), []).append(terms)
    out: list[tuple[str, ...]] = []
    pieces: list[str] = []
    values: list[int | float] = []
    nodes = 0

    def fixed(j: int) -> str | None:
        """The piece a closing relation forces at position j ("" when the relations disagree)."""
        found = None
        for terms in closing.get(j, ()):
            coef = next(c for pos, c in terms if pos == j)
            need = -sum(c * values[pos] for pos, c in terms if pos != j) * coef
            piece = str(need) if isinstance(need, int) else ""  # relations hold between counts only
            if found not in (None, piece):
                return ""
            found = piece
        return found

    def walk(p: int, j: int) -> bool:
        nonlocal nodes
        if j == k:
            if p == n:
                out.append(tuple(pieces))
            return True
        left = k - j
        if n - p < left or n - p > left * _MAX_PIECE:
            return True
        forced = fixed(j)
        ends = [p + len(forced)] if forced else [] if forced == "" else range(p + 1, min(n, p + _MAX_PIECE) + 1)
        for end in ends:
            nodes += 1
            if nodes > max_nodes:
                return False
            piece = run[p:end]
            if (forced and piece != forced) or not patterns[j].fullmatch(piece):
                continue
            pieces.append(piece)
            values.append(number(piece))
            going = walk(end, j + 1)
            pieces.pop()
            values.pop()
            if not going:
                return False
        return True

    complete = walk(0, 0)
    return tuple(out), not complete
