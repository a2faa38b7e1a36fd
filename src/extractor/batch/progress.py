"""The batch's progress line on a terminal (tqdm): files done of total, rate, failures so far. Silent otherwise."""
from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator


class Progress:
    def __init__(self, total: int, enabled: bool):
        self.failed = 0
        self.bar = None
        if enabled:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="files", file=sys.stderr, dynamic_ncols=True, mininterval=0.2,
                            bar_format="{l_bar}{bar}| {n_fmt}/{total_fmt} {rate_fmt}, {postfix} [{elapsed}<{remaining}]")
            self.bar.set_postfix_str("0 failed", refresh=False)

    def update(self, outcome) -> None:
        if outcome.status == "failed":
            self.failed += 1
            if self.bar is not None:
                self.bar.set_postfix_str(f"{self.failed} failed", refresh=False)
        if self.bar is not None:
            self.bar.update(1)

    def track(self, outcomes: Iterable) -> Iterator:
        for outcome in outcomes:
            self.update(outcome)
            yield outcome

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
