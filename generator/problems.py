"""Problems found in records, reported as ``path:line: message`` in Vietnamese."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Level = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one place in one file."""

    path: str
    line: int
    message: str
    level: Level = "error"

    def __str__(self) -> str:
        label = "lỗi" if self.level == "error" else "cảnh báo"
        return f"{self.path}:{self.line}: {label}: {self.message}"


@dataclass
class Report:
    """Every problem of a run, collected so that all of them are shown at once."""

    problems: list[Problem] = field(default_factory=list)

    def error(self, path: str, line: int, message: str) -> None:
        self.problems.append(Problem(path, line, message, "error"))

    def warning(self, path: str, line: int, message: str) -> None:
        self.problems.append(Problem(path, line, message, "warning"))

    def extend(self, other: "Report") -> None:
        self.problems.extend(other.problems)

    @property
    def errors(self) -> list[Problem]:
        return sorted(p for p in self.problems if p.level == "error")

    @property
    def warnings(self) -> list[Problem]:
        return sorted(p for p in self.problems if p.level == "warning")

    def __bool__(self) -> bool:
        return bool(self.errors)

    def shown(self) -> list[str]:
        """Every problem as an editor reads it: errors first, each ``path:line: …``."""
        return [str(problem) for problem in [*self.errors, *self.warnings]]

    def summary(self, records: int | None = None) -> str:
        """"12 bản ghi, 0 lỗi, 3 cảnh báo"."""
        parts = [f"{records} bản ghi"] if records is not None else []
        parts += [f"{len(self.errors)} lỗi", f"{len(self.warnings)} cảnh báo"]
        return ", ".join(parts)


class RecordErrors(Exception):
    """Raised when records have errors: nothing is written."""

    def __init__(self, report: Report) -> None:
        super().__init__(f"{len(report.errors)} lỗi trong bản ghi")
        self.report = report

    def __reduce__(self) -> tuple[type, tuple[Report]]:  # crosses from a worker process intact
        return RecordErrors, (self.report,)
