"""A problem found in a dataset, located the way a spreadsheet shows it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

REPORT_LIMIT = 200  # problems listed one by one; the rest are counted per rule
PER_RULE = REPORT_LIMIT  # problems of one rule kept one by one (the rest only counted)


@dataclass(frozen=True, order=True)
class Problem:
    """One broken rule: file, row (header = row 1; 0 = the whole file), column, value, rule."""

    file: str
    row: int
    column: str
    message: str
    value: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.row}" if self.row else self.file
        col = f" {self.column}:" if self.column else ""
        shown = self.value if len(self.value) <= 60 else self.value[:57] + "..."
        return f"{where}:{col} {self.message}" + (f" ({shown!r})" if self.value != "" else "")


Rule = tuple[str, str, str]  # file, column, message


class DatasetError(Exception):
    """A dataset that cannot be loaded: its problems (at most PER_RULE of each rule kept one by
    one, the rest only counted in `more`, so memory stays bounded on a huge broken file)."""

    def __init__(self, problems: list[Problem], more: Counter | None = None):
        kept, more = cap_per_rule(sorted(set(problems)), Counter(more or {}))
        self.problems = kept
        self.more = more
        self.total = len(kept) + sum(more.values())
        super().__init__(f"{self.total} problem(s) in the dataset")

    def report(self, limit: int = REPORT_LIMIT) -> str:
        """One line per problem, at most limit of them; then a count per rule for the rest."""
        lines = [str(p) for p in self.problems[:limit]]
        rest = Counter((p.file, p.column, p.message) for p in self.problems[limit:]) + self.more
        for (file, column, message), n in rest.most_common():
            col = f" {column}:" if column else ""
            lines.append(f"... and {n:,} more in {file}:{col} {message}")
        return "\n".join(lines)


def cap_per_rule(problems: list[Problem], more: Counter) -> tuple[list[Problem], Counter]:
    """The first PER_RULE problems of each rule; the others counted per rule."""
    seen: Counter = Counter()
    kept = []
    for p in problems:
        rule = (p.file, p.column, p.message)
        seen[rule] += 1
        if seen[rule] <= PER_RULE:
            kept.append(p)
        else:
            more[rule] += 1
    return kept, more
