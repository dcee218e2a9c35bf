"""A small reader of the ASDL subset python.asdl uses, shared by the generators.

    module NAME { TYPE = ... }
    TYPE = Ctor(field, ...) | Ctor2 | ... [attributes (field, ...)]   (a sum)
    TYPE = (field, ...) [attributes (field, ...)]                      (a product)
    field = BASETYPE[?|*] NAME       -- comments run to the end of the line

Builtin base types: identifier, string, constant, int. A sum whose
constructors have no fields (expr_context, operator, ...) is "simple": an
enum, not a node.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

BUILTIN_TYPES = ("identifier", "string", "constant", "int")
ASDL_PATH = Path(__file__).with_name("python.asdl")


@dataclass
class Field:
    type: str
    name: str
    optional: bool = False
    sequence: bool = False

    @property
    def builtin(self) -> bool:
        return self.type in BUILTIN_TYPES


@dataclass
class Constructor:
    name: str
    fields: list[Field] = field(default_factory=list)


@dataclass
class Type:
    name: str
    constructors: list[Constructor] = field(default_factory=list)  # sums
    fields: list[Field] = field(default_factory=list)  # products
    attributes: list[Field] = field(default_factory=list)
    is_product: bool = False

    @property
    def is_simple(self) -> bool:
        """An enum-like sum: no constructor carries fields or attributes."""
        return (
            not self.is_product
            and not self.attributes
            and all(not c.fields for c in self.constructors)
        )


@dataclass
class Module:
    name: str
    types: list[Type]

    def type(self, name: str) -> Type:
        return next(t for t in self.types if t.name == name)


_TOKEN = re.compile(r"\s*(?:(--[^\n]*)|([A-Za-z_][A-Za-z0-9_]*)|([=|(),?*{}]))")


def _tokens(text: str) -> list[str]:
    out, pos = [], 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None:
            if text[pos:].strip() == "":
                break
            raise SyntaxError(f"asdl: unexpected text at {pos}: {text[pos : pos + 20]!r}")
        pos = match.end()
        if match.group(1) is None:
            out.append(match.group(2) or match.group(3))
    return out


class _Reader:
    def __init__(self, tokens: list[str]) -> None:
        self.tokens, self.pos = tokens, 0

    def peek(self) -> str | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self, expected: str | None = None) -> str:
        token = self.peek()
        if token is None or (expected is not None and token != expected):
            raise SyntaxError(f"asdl: expected {expected!r}, got {token!r}")
        self.pos += 1
        return token

    def fields(self) -> list[Field]:
        self.take("(")
        fields: list[Field] = []
        while self.peek() != ")":
            type_name = self.take()
            optional = sequence = False
            if self.peek() == "?":
                self.take()
                optional = True
            elif self.peek() == "*":
                self.take()
                sequence = True
            fields.append(Field(type_name, self.take(), optional, sequence))
            if self.peek() == ",":
                self.take()
        self.take(")")
        return fields

    def definition(self) -> Type:
        name = self.take()
        self.take("=")
        result = Type(name)
        if self.peek() == "(":
            result.is_product = True
            result.fields = self.fields()
        else:
            while True:
                constructor = Constructor(self.take())
                if self.peek() == "(":
                    constructor.fields = self.fields()
                result.constructors.append(constructor)
                if self.peek() != "|":
                    break
                self.take()
        if self.peek() == "attributes":
            self.take()
            result.attributes = self.fields()
        return result


def load(path: Path = ASDL_PATH) -> Module:
    reader = _Reader(_tokens(path.read_text(encoding="utf-8")))
    reader.take("module")
    name = reader.take()
    reader.take("{")
    types = []
    while reader.peek() != "}":
        types.append(reader.definition())
    reader.take("}")
    return Module(name, types)
