"""Time the steps of one edit on a built project, in-process.

    .venv/bin/python benchmarks/edit_bench.py DIR/project [--edits 3] [--profile N]

A full :func:`generate` with the environment kept in memory (as ``bienban serve``),
then, ``--edits`` times, one sentence appended to a finding of the middle record
(``scale.py``'s edit) followed by :func:`update_pages` and :func:`update_rest` (the
two steps of serve), timed apart; then the same edit followed by
the environment read from its pickle, then :func:`update_pages` and
:func:`update_rest`, as ``bienban build --incremental`` runs them, each timed.
Prints one line per measure (seconds).
"""

from __future__ import annotations

import argparse
import cProfile
import importlib.util
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.environment import BuildEnvironment  # noqa: E402
from generator.pipeline import generate, update_pages, update_rest  # noqa: E402
from generator.project import Project  # noqa: E402


def _scale() -> object:
    spec = importlib.util.spec_from_file_location("bienban_scale", ROOT / "benchmarks" / "scale.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("project", type=Path)
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--profile", type=int, default=0, help="profile the last incremental run (top N lines)")
    parser.add_argument("--skip-memory", action="store_true",
                        help="only the runs from the pickle, from the state the project's last run left")
    args = parser.parse_args()
    scale = _scale()
    project = Project(args.project.resolve())
    if not args.skip_memory:
        env = BuildEnvironment.fresh()
        started = time.perf_counter()
        generate(project, env=env)
        print(f"full generate (env kept)      {time.perf_counter() - started:7.2f}")
    for i in range(0 if args.skip_memory else args.edits):
        scale.edit_one_record(args.project, f"mem{i}{time.time_ns()}")  # type: ignore[attr-defined]
        started = time.perf_counter()
        first = update_pages(project, env)
        middle = time.perf_counter()
        update_rest(project, first, env)
        print(f"serve edit {i}: update_pages   {middle - started:7.2f}   update_rest {time.perf_counter() - middle:7.2f}")
    for i in range(args.edits):
        scale.edit_one_record(args.project, f"disk{i}{time.time_ns()}")  # type: ignore[attr-defined]
        profiler = cProfile.Profile() if args.profile and i == args.edits - 1 else None
        if profiler:
            profiler.enable()
        # What generate(incremental=True) does, timed step by step.
        started = time.perf_counter()
        env = BuildEnvironment.load(project)
        loaded = time.perf_counter()
        first = update_pages(project, env)
        checked = time.perf_counter()
        update_rest(project, first, env)
        done = time.perf_counter()
        if profiler:
            profiler.disable()
        print(f"build --incremental {i}: load {loaded - started:6.2f}   update_pages {checked - loaded:6.2f}   "
              f"update_rest {done - checked:6.2f}   total {done - started:6.2f}")
        if profiler:
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.profile)


if __name__ == "__main__":
    main()
