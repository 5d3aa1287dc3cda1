"""YAML that remembers line numbers, so every problem can name its line.

PyYAML's constructors throw away positions, and silently keep the last of two
equal keys. We compose the node graph ourselves: mappings become `LineMap`
(a dict with the line of each key), sequences `LineSeq` (a list with the line
of each item); scalars are built by PyYAML's safe constructor.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

# libyaml's parser is ~10x faster than PyYAML's pure-Python one; both give node marks
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineMap(dict[str, Any]):
    """A YAML mapping; `line` is where it starts, `key_lines[k]` where key k is (1-based)."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.key_lines: dict[str, int] = {}

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineSeq(list[Any]):
    """A YAML sequence; `item_lines[i]` is the line of item i (1-based)."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.item_lines: list[int] = []


def plain_load(text: str) -> Any:
    """A trusted package file's data as plain dicts and lists (no line numbers): libyaml's
    parser where PyYAML has it (the 76 KB trigger file: 0.5 s in pure Python)."""
    return yaml.load(text, Loader=_LOADER)  # a safe loader, C or Python


def load_yaml(path: Path, problems: list[str]) -> Any:
    """The document in `path`, or None after appending the reason to `problems`."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(f"{path.name}:1: file: cannot read: {exc}")
        return None
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problems.append(f"{path.name}:{line}: yaml: {exc.problem or exc}")
        return None
    if node is None:
        return None
    return _build(node, SafeConstructor(), path.name, problems)


def _build(node: Node, constructor: SafeConstructor, name: str, problems: list[str]) -> Any:
    line = node.start_mark.line + 1
    if isinstance(node, MappingNode):
        mapping = LineMap(line)
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, ScalarNode):
                problems.append(f"{name}:{key_line}: key: mapping keys must be plain words")
                continue
            key = str(constructor.construct_object(key_node))
            if key in mapping:
                problems.append(f"{name}:{key_line}: {key}: key given twice in one mapping")
                continue
            mapping[key] = _build(value_node, constructor, name, problems)
            mapping.key_lines[key] = key_line
        return mapping
    if isinstance(node, SequenceNode):
        seq = LineSeq(line)
        for item in node.value:
            seq.append(_build(item, constructor, name, problems))
            seq.item_lines.append(item.start_mark.line + 1)
        return seq
    return constructor.construct_object(node)


def items(seq: LineSeq | None) -> list[tuple[int, Any, int]]:
    """(index, item, line) for each item of a sequence; nothing for None."""
    if seq is None:
        return []
    return [(i, item, line) for i, (item, line) in enumerate(zip(seq, seq.item_lines, strict=True))]
