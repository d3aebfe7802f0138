"""A problem found in a dataset, located the way a spreadsheet shows it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

REPORT_LIMIT = 200  # problems listed one by one; the rest are counted per rule


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


class DatasetError(Exception):
    """A dataset that cannot be loaded, with every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(f"{len(self.problems)} problem(s) in the dataset")

    def report(self, limit: int = REPORT_LIMIT) -> str:
        """One line per problem, at most limit of them; then a count per rule for the rest."""
        lines = [str(p) for p in self.problems[:limit]]
        rest = Counter((p.file, p.column, p.message) for p in self.problems[limit:])
        for (file, column, message), n in rest.most_common():
            col = f" {column}:" if column else ""
            lines.append(f"... and {n:,} more in {file}:{col} {message}")
        return "\n".join(lines)
