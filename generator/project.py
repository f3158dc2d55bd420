"""A bienban project: where it keeps its parts, and what its owner decided in mkdocs.yml.

Every path and option the run layer, ``cli`` and ``serve`` need comes from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml


@dataclass(frozen=True)
class DataLicense:
    """``extra.bienban.data_license`` in mkdocs.yml (a Data Package licence)."""

    name: str = "CC-BY-4.0"
    title: str = "Creative Commons Attribution 4.0"
    path: str = "https://creativecommons.org/licenses/by/4.0/"

    def as_package(self) -> dict[str, str]:
        return {key: value for key, value in (("name", self.name), ("title", self.title), ("path", self.path)) if value}


@dataclass(frozen=True)
class Project:
    """Where a bienban project keeps its parts (the folder holding mkdocs.yml)."""

    root: Path

    @property
    def records(self) -> Path:
        return self.root / "records"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def config(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def site(self) -> Path:
        return self.root / "site"

    def built_sites(self) -> list[Path]:
        """Every folder a build writes outside docs/: the sites and their staging copies."""
        return [folder.with_name(name) for folder in (self.site, self.offline_site)
                for name in (folder.name, f".{folder.name}.building", f".{folder.name}.old")]

    @property
    def offline_site(self) -> Path:
        """Where ``bienban build --offline`` writes its copy for reading from disk."""
        return self.root / "site-offline"


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for our own options; MkDocs' Python tags are not ours to run."""


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class SiteOptions:
    """``extra.bienban`` in mkdocs.yml: what the site owner decides."""

    raw_html: bool = False  # let record bodies carry raw HTML (trusted editors only)
    engine: str | None = None  # "mkdocs" or "properdocs" (see engine.py)
    site_name: str = ""  # mkdocs.yml's own site_name and site_url (feeds, open data)
    site_url: str = ""
    data_license: DataLicense = DataLicense()  # of the open data in du-lieu/

    @classmethod
    def read(cls, config: Path) -> "SiteOptions":
        try:
            data = yaml.load(config.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
        except (OSError, yaml.YAMLError):
            return cls()  # MkDocs itself reports a broken mkdocs.yml
        options = ((data.get("extra") or {}).get("bienban") or {}) if isinstance(data, dict) else {}
        engine_name = options.get("engine")
        named = data if isinstance(data, dict) else {}
        licence = options.get("data_license")
        licence = {k: str(v) for k, v in licence.items() if k in ("name", "title", "path")} \
            if isinstance(licence, dict) else {}
        return cls(raw_html=options.get("raw_html") is True, site_name=str(named.get("site_name") or ""),
                   site_url=str(named.get("site_url") or ""), data_license=DataLicense(**licence),
                   engine=engine_name if isinstance(engine_name, str) else None)
