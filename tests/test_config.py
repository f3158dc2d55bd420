"""mkdocs.yml as MkDocs reads it: YAML keeps only the last of two equal keys, silently
(two `extra_css:` lists once dropped the theme's stylesheet without any error)."""

from __future__ import annotations

from collections.abc import Iterator

import yaml
from conftest import ROOT


def duplicate_keys(node: yaml.Node, where: str = "") -> Iterator[str]:
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            name = str(key.value)
            if name in seen:
                yield f"{where}{name} (line {key.start_mark.line + 1})"
            seen.add(name)
            yield from duplicate_keys(value, f"{where}{name}.")
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from duplicate_keys(item, where)


def test_mkdocs_yml_names_each_key_once() -> None:
    # compose, not load: the tree with every key as written (tags such as
    # !!python/name are not constructed, so nothing runs)
    tree = yaml.compose((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert tree is not None
    assert list(duplicate_keys(tree)) == []


def test_the_check_finds_a_repeated_key() -> None:
    tree = yaml.compose("extra_css:\n  - a.css\nnav: []\nextra_css:\n  - b.css\n")
    assert list(duplicate_keys(tree)) == ["extra_css (line 4)"]
