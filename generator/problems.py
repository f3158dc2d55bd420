"""Everything bienban reports to a person: problems (``path:line: lỗi: …`` in
Vietnamese) and the exceptions that carry them out of a run.

Every exception bienban raises on purpose is a :class:`BienbanError`: ``cli`` and
``serve`` print it and never show a traceback.  Anything else is a bug.
"""

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

    def summary(self, records: int | None = None, what: str = "lỗi") -> str:
        """"12 bản ghi, 0 lỗi, 3 cảnh báo" (``what``: "lỗi trong mẫu trang"…)."""
        parts = [f"{records} bản ghi"] if records is not None else []
        parts += [f"{len(self.errors)} {what}", f"{len(self.warnings)} cảnh báo"]
        return ", ".join(parts)


class BienbanError(Exception):
    """What bienban reports to the person running it (in Vietnamese), never as a traceback."""


class LoadError(BienbanError):
    """A file that cannot be read as a record: not text, no front matter, broken YAML."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class FormatError(LoadError):
    """``bienban fmt`` cannot rewrite a record without changing what it says."""


class ReportedErrors(BienbanError):
    """A run stopped by the errors of a :class:`Report`: nothing is written."""

    #: What the errors are in (Vietnamese), for the one-line summary.
    what = "lỗi"

    def __init__(self, report: Report) -> None:
        super().__init__(f"{len(report.errors)} {self.what}")
        self.report = report

    def __reduce__(self) -> tuple[type, tuple[Report]]:  # crosses from a worker process intact
        return type(self), (self.report,)


class RecordErrors(ReportedErrors):
    """The records (or the registries) have errors."""

    what = "lỗi trong bản ghi"


class TemplateErrors(ReportedErrors):
    """A template of templates/ does not compile or fails on a page: a maintainer's
    mistake, not an editor's, and said so."""

    what = "lỗi trong mẫu trang"


class EngineError(BienbanError):
    """An engine that is unknown, not installed, or not the one already loaded."""


class SiteBuildError(BienbanError):
    """MkDocs refused to build (in strict mode: any warning, e.g. a broken link).
    ``report``: what the generation before it found, when the pages were generated
    (its warnings may say why, such as a page it did not overwrite)."""

    def __init__(self, messages: list[str], report: Report | None = None) -> None:
        super().__init__("; ".join(messages) or "MkDocs failed")
        self.messages = messages
        self.report = report
