"""YAML that remembers where each value came from, so every error names file, line and field.

It is also bounded: a charter is data from anywhere, so `load` refuses, while
composing and before any value is built, what could exhaust time or memory:
more aliases than `Limits.aliases`, aliases that expand past `Limits.values`
values or refer to what holds them, nesting deeper than `Limits.depth`, numbers
of more than `Limits.digits` digits, and tags other than YAML's standard ones
(`!!python/object` and the like). Each refusal is a `Refused` naming the line
and the field.
"""

from __future__ import annotations

import datetime as dt
import string
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode


class LineDict(dict[str, Any]):
    """A mapping with the 1-based line of itself and of each key."""

    line: int = 0
    key_lines: dict[str, int]
    duplicate_keys: list[tuple[str, int]]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list[Any]):
    """A sequence with the 1-based line of itself and of each item."""

    line: int = 0
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


@dataclass(frozen=True, slots=True)
class Limits:
    """What one YAML document may hold (the charter_max_* settings)."""

    aliases: int = 100
    depth: int = 20
    values: int = 100_000  # scalars, lists and mappings, counting each alias's expansion
    digits: int = 100


class Refused(yaml.YAMLError):
    """A document over one of the `Limits`, at `line` (1-based) in `field`."""

    def __init__(self, line: int, field: str, message: str) -> None:
        super().__init__(f"{line}: {field}: {message}")
        self.line = line
        self.field = field
        self.message = message


_NUMBER_TAGS = frozenset({"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"})


class _Bounded(yaml.composer.Composer):
    """Composing that refuses documents over `limits`, node by node, before anything is
    built; the loaders below give it a parser."""

    if TYPE_CHECKING:  # the parser's, from the loaders' other bases

        def peek_event(self) -> Any: ...
        def check_event(self, *choices: Any) -> bool: ...

    limits = Limits()

    def __init__(self, stream: str) -> None:
        super().__init__(stream)  # type: ignore[call-arg]
        self._start()

    def _start(self) -> None:
        self.aliases_seen = 0
        self.values = 0  # composed so far, each alias counted as what it expands to
        self.depth = 0
        self.path: list[str] = []
        # per node composed: (values it expands to, levels it nests), aliases included
        self.extent: dict[int, tuple[int, int]] = {}

    def _field(self) -> str:
        out = ""
        for element in self.path:
            if element.startswith("("):
                out += " " + element
            else:
                out += element if element.startswith("[") or not out else "." + element
        return out or "(file)"

    def _refuse(self, node_or_mark: Any, message: str) -> Refused:
        mark = getattr(node_or_mark, "start_mark", node_or_mark)
        return Refused(mark.line + 1 if mark else 1, self._field(), message)

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        if parent is None:
            element = ""
        elif isinstance(index, int):
            element = f"[{index}]"
        elif isinstance(index, ScalarNode):
            element = str(index.value)[:80]
        elif index is None:
            element = "(key)"
        else:
            element = "(?)"
        self.path.append(element)
        try:
            return self._compose(parent, index)
        finally:
            self.path.pop()

    def _next_mark(self) -> Any:
        return self.peek_event().start_mark

    def _compose(self, parent: Node | None, index: Any) -> Node:
        limits = self.limits
        if self.check_event(yaml.AliasEvent):
            mark = self._next_mark()
            self.aliases_seen += 1
            if self.aliases_seen > limits.aliases:
                raise self._refuse(mark, f"more than {limits.aliases} aliases (*name)")
            target = super().compose_node(parent, index)
            extent = self.extent.get(id(target))
            if target is None or extent is None:
                raise self._refuse(mark, "an alias refers to the mapping or list it is inside")
            # where it is used, the alias's value nests as deep as the value it names
            if self.depth + 1 + extent[1] > limits.depth:
                raise self._refuse(mark, f"nested more than {limits.depth} levels deep")
            self._count(extent[0], mark)
            if isinstance(parent, MappingNode) and index is None and extent[0] > 1:
                raise self._refuse(mark, "a key must be plain text, not a list or mapping")
            return target
        self.depth += 1
        if self.depth > limits.depth:
            raise self._refuse(self._next_mark(), f"nested more than {limits.depth} levels deep")
        # counted on the way in, so that a huge flat list stops early, not after parsing
        self._count(1, self._next_mark())
        node = super().compose_node(parent, index)
        self.depth -= 1
        if node is None:  # not reached: PyYAML composes a node for every event here
            raise self._refuse(self._next_mark(), "no value")
        if node.tag not in _ALLOWED_TAGS:
            raise self._refuse(node, f"tag {node.tag!r} is not allowed (plain YAML only)")
        if isinstance(node, ScalarNode):
            extent = (1, 0)
            if node.tag in _NUMBER_TAGS:
                # hex digits too: YAML reads 0xFFFF… as an int of any size
                digits = sum(1 for c in str(node.value) if c in string.hexdigits)
                if digits > limits.digits:
                    raise self._refuse(
                        node, f"a number of {digits:,} digits (at most {limits.digits})"
                    )
        else:
            children: list[Node] = (
                [c for pair in node.value for c in pair]
                if isinstance(node, MappingNode)
                else list(node.value)
            )
            parts = [self.extent.get(id(c), (1, 0)) for c in children]
            extent = (1 + sum(p[0] for p in parts), 1 + max((p[1] for p in parts), default=0))
        if isinstance(parent, MappingNode) and index is None and not isinstance(node, ScalarNode):
            raise self._refuse(node, "a key must be plain text, not a list or mapping")
        self.extent[id(node)] = extent
        return node

    def _count(self, values: int, mark: Any) -> None:
        self.values += values
        if self.values > self.limits.values:
            raise self._refuse(
                mark, f"more than {self.limits.values:,} values (aliases counted as expanded)"
            )


class _Loader(_Bounded, yaml.SafeLoader):
    """SafeLoader that returns LineDict/LineList, keeps dates as the strings written, and
    refuses documents over its `Limits` while composing (before anything is expanded)."""


def _mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    out = LineDict()
    out.line = node.start_mark.line + 1
    out.key_lines = {}
    out.duplicate_keys = []
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        key = str(key)
        if key in out:
            # duplicate keys silently overwrite in PyYAML; a charter must not hide a value
            out.duplicate_keys.append((key, key_node.start_mark.line + 1))
            continue
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_lines[key] = key_node.start_mark.line + 1
    return out


def _sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    out = LineList(loader.construct_object(child, deep=True) for child in node.value)
    out.line = node.start_mark.line + 1
    out.item_lines = [child.start_mark.line + 1 for child in node.value]
    return out


def _timestamp_as_text(loader: _Loader, node: yaml.ScalarNode) -> str:
    # dates stay text: the validator checks their form and reports the line
    return str(loader.construct_scalar(node))


def _construct_lined(loader: Any) -> None:
    """Teach a loader class to build LineDict/LineList and to keep dates as text."""
    loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
    loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)
    loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)


_construct_lined(_Loader)

_FastLoader: type[_Bounded] | None = None
if yaml.__with_libyaml__:  # PyYAML's wheels carry libyaml; a source build may not

    class _Parsed(_Bounded, yaml.CSafeLoader):
        """`_Loader` with libyaml scanning and parsing (ten times PyYAML's speed, so a huge
        charter is refused in a second); composing stays in Python, where the limits are
        checked. Its messages for text that is not YAML are libyaml's: `load` asks
        `_Loader` again for those, so that every error reads the same."""

        def __init__(self, stream: str) -> None:
            yaml.CSafeLoader.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            self._start()

    _construct_lined(_Parsed)
    _FastLoader = _Parsed

# what SafeLoader builds, and `<<`/`=` keys (which then fail validation as unknown fields)
_ALLOWED_TAGS = frozenset(
    {tag for tag in _Loader.yaml_constructors if tag}
    | {"tag:yaml.org,2002:merge", "tag:yaml.org,2002:value"}
)


def load(text: str, limits: Limits | None = None) -> Any:
    """Parse YAML text; raises Refused when it is over `limits`, yaml.YAMLError (with its
    mark) when it is not YAML."""
    if _FastLoader is not None:
        try:
            return _load(_FastLoader, text, limits)
        except Refused:
            raise
        except yaml.YAMLError:
            pass  # not YAML to libyaml: read again below
    # PyYAML's own messages, and its refusals (libyaml stops at a nesting depth of its own
    # before the limit here is reached)
    return _load(_Loader, text, limits)


def _load(base: type[_Bounded], text: str, limits: Limits | None) -> Any:
    loader_cls = base
    if limits is not None and limits != base.limits:
        loader_cls = type("_BoundedLoader", (base,), {"limits": limits})
    loader: Any = loader_cls(text)  # SafeLoader or CSafeLoader: no arbitrary objects
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def parse_date(value: Any) -> dt.date | None:
    """A YYYY-MM-DD date, or None when the value is not one."""
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        return None


class Problems:
    """Collects every problem with file, line and field, so all are reported at once."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.items: list[str] = []

    def add(self, line: int, field: str, message: str) -> None:
        self.items.append(f"{self.path}:{line}: {field}: {message}")

    def duplicates(self, mapping: LineDict, where: str) -> None:
        for key, line in getattr(mapping, "duplicate_keys", []):
            self.add(line, f"{where}{key}", "duplicate key")
