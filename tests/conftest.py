"""Shared fixtures: throw-away copies of the project, the seed site built once, a browser."""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browsing import CHROMIUM, CHROMIUM_ARGS

from generator.pipeline import BuildResult, build_site
from generator.project import Project
from generator.publish.write import GENERATED_ROOTS, STATE_DIR

ROOT = Path(__file__).resolve().parent.parent


def copy_project(dest: Path, *, records: bool = True) -> Project:
    """A copy of this project's config, templates and hand-written docs (and records)."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "templates", dest / "templates")
    skip = set(GENERATED_ROOTS) | {STATE_DIR}
    shutil.copytree(
        ROOT / "docs", dest / "docs",
        ignore=lambda folder, names: [n for n in names if Path(folder) == ROOT / "docs" and n in skip],
    )
    if records:
        shutil.copytree(ROOT / "records", dest / "records")
    else:
        (dest / "records").mkdir()
    return Project(dest)


def synthetic_project(dest: Path, meetings: int, seed: int) -> Project:
    """A copy of the project whose records are ``benchmarks/synth.py``'s corpus."""
    spec = importlib.util.spec_from_file_location(f"bienban_synth_{seed}", ROOT / "benchmarks" / "synth.py")
    assert spec is not None and spec.loader is not None
    synth = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = synth  # dataclasses look their module up here
    spec.loader.exec_module(synth)
    project = copy_project(dest, records=False)
    shutil.rmtree(project.records)
    synth.write_corpus(dest, meetings, seed)
    return project


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A fresh copy of the project with the seed records."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The seed site, generated and built (strict) once per test session."""
    proj = copy_project(tmp_path_factory.mktemp("seed") / "project")
    return build_site(proj)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Debian Chromium, driven by Playwright; missing is a failure, not a skip."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (or `make chromium`)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
