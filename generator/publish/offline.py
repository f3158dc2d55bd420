"""The offline copy (``bienban build --offline``): a site that works opened from a
folder or a USB stick (``file://``, no server), for meetings with no network.

Two things break when a site is opened from disk, and this module mends both,
only in the copy (the published site is built exactly as without it):

* Links to folders (``hoi-nghi/x/``) open a folder listing.  Material's own
  offline plugin (``material.plugins.offline``) turns MkDocs'
  ``use_directory_urls`` off, so every link names its ``.html`` file, and writes
  the hand-written pages' search data as ``search/search_index.js``, which
  Material's page script loads with a script tag from ``file://``.
* Search: the browser starts no worker from ``file://`` and lets no script
  fetch() another file.  Material's plugin would load a Worker stand-in
  (iframe-worker) from a CDN, which a copy without network cannot reach and
  which this project never calls.  Instead :class:`OfflineCopy` adds our own
  (``offline_files/``): ``bienban-offline.js`` runs our unchanged worker in a
  hidden frame beside it, and the frame reads each file of the sharded index
  from a script written here beside it (``chi-muc/NAME.js`` for
  ``chi-muc/NAME.json``).  The page table's addresses are rewritten to the
  copy's file addresses (``hoi-nghi/x.html``), in both forms.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from .write import INDEX_DIR

#: Our files for the copy only, and where they go in it (beside the search worker).
FILES = Path(__file__).parent / "offline_files"
ASSETS = "assets/javascripts"
SHIM = f"{ASSETS}/bienban-offline.js"
#: The part of the index holding page addresses (see search_index.py: "pages").
PAGE_TABLE = "pages"
#: What the frame calls with each index file's data (offline_files/bienban-search-frame.html).
REGISTER = "bienbanIndexFile"


class OfflineCopy(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Registered by bienban beside Material's offline plugin, for the copy only."""

    def on_config(self, config: Any, **_: Any) -> Any:
        """Our Worker stand-in instead of the one Material's plugin names on a CDN."""
        polyfills = [script for script in config.extra.get("polyfills", []) if "iframe-worker" not in str(script)]
        config.extra["polyfills"] = [*polyfills, SHIM]
        return config

    def on_files(self, files: Files, config: Any, **_: Any) -> Files:
        for source in sorted(FILES.iterdir()):
            files.append(File.generated(config, f"{ASSETS}/{source.name}", abs_src_path=str(source)))
        return files

    @event_priority(-100)
    def on_post_build(self, config: Any, **_: Any) -> None:
        write_index_scripts(Path(config.site_dir))


def file_address(address: str, site_dir: Path) -> str:
    """A page's folder address (``hoi-nghi/x/``, ``""`` for home) as the copy's file address.

    ``a/b/`` was ``a/b.md`` or ``a/b/index.md``; the copy holds one of
    ``a/b.html`` and ``a/b/index.html``."""
    page, hash_, fragment = address.partition("#")
    if page and not page.endswith("/"):
        return address  # already a file (or not a page address at all)
    folder = page.rstrip("/")
    if folder and (site_dir / f"{folder}.html").is_file():
        page = f"{folder}.html"
    else:
        page = f"{folder}/index.html" if folder else "index.html"
    return page + hash_ + fragment


def write_index_scripts(site_dir: Path) -> list[Path]:
    """Beside each index file ``chi-muc/NAME.json``, ``NAME.js`` holding the same data;
    page addresses in both point at the copy's files.  Returns the scripts written."""
    index = site_dir / INDEX_DIR
    if not (index / "manifest.json").is_file():
        return []  # no index to carry over
    manifest = json.loads((index / "manifest.json").read_text(encoding="utf-8"))
    prefix = manifest[PAGE_TABLE]["prefix"]
    written = []
    for path in sorted(index.glob("*.json")):
        text = path.read_text(encoding="utf-8")
        if path.name.startswith(f"{prefix}."):
            rows = json.loads(text)
            for row in rows:
                row[0] = file_address(row[0], site_dir)
            text = json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
            path.write_text(text, encoding="utf-8")
        script = path.with_suffix(".js")
        script.write_text(f"{REGISTER}({json.dumps(path.name)},{text});\n", encoding="utf-8")
        written.append(script)
    return written
