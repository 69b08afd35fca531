"""The rules base as a file a maintainer edits (issue 17, point 7): long texts folded,
each file's place in the base agreeing with its rules."""

from __future__ import annotations

import yaml

from advisor.rulesbase import default_rules_path


def _scalars(node):
    if isinstance(node, yaml.ScalarNode):
        yield node
    elif isinstance(node, yaml.SequenceNode):
        for child in node.value:
            yield from _scalars(child)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _scalars(key)
            yield from _scalars(value)


def test_long_texts_of_the_rules_base_are_folded_blocks():
    """A one-word edit in a paragraph changes one line of the diff, not the paragraph: every
    text over 120 characters is a folded block (``>-``)."""
    one_line = []
    for path in sorted(default_rules_path().rglob("*.yaml")):
        for node in _scalars(yaml.compose(path.read_text(encoding="utf-8"))):
            if len(node.value) > 120 and node.style != ">":
                one_line.append(f"{path.name}:{node.start_mark.line + 1}")
    assert one_line == []
