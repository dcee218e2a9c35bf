"""Hand-written syntax errors: at least one program for every specialised
message CPython 3.11's parser can give.

``MESSAGES`` is the catalogue: each message template of 3.11's parser, where
it comes from (the ``invalid_*`` rules of Grammar/python.gram, the tokenizer,
pegen's error reporting, the string-literal and f-string parser, the action
helpers). ``CASES`` are the programs; each names the message it must produce,
with the template's fields filled in. The tests hold that

* the oracle (``ast.parse``) really gives each case's message: a case that
  stopped producing its message is a broken case, not a pass;
* every template in ``MESSAGES`` is produced by at least one case;
* ``dxpy.parse`` raises, for every case, what CPython raises, in full: class,
  msg, lineno, offset, end_lineno, end_offset, text.

The templates are facts about CPython 3.11 (its message strings), listed
here so that a new case can be checked against them; the expected errors
themselves are always computed by running CPython.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class SyntaxErrorCase:
    message: str  # the exact msg CPython gives (template filled in)
    source: str | bytes
    mode: str = "exec"

    @property
    def id(self) -> str:
        text = self.source if isinstance(self.source, str) else self.source.decode("latin-1")
        return f"{self.message[:48]}|{text[:24]!r}"


# Message templates: printf-style fields (%s %d %c %U %R) stand for any text.
# (source, template): source says where in CPython 3.11 the message is raised.
GRAMMAR = "Grammar/python.gram"
TOKENIZER = "Parser/tokenizer.c"
PEGEN = "Parser/pegen.c, Parser/pegen_errors.c"
STRINGS = "Parser/string_parser.c"
HELPERS = "Parser/action_helpers.c"

MESSAGES: list[tuple[str, str]] = [
    # --- the grammar's invalid_* rules ---
    (GRAMMAR, "'%s' is an illegal expression for augmented assignment"),
    (GRAMMAR, "':' expected after dictionary key"),
    (GRAMMAR, "* argument may appear only once"),
    (GRAMMAR, "/ may appear only once"),
    (GRAMMAR, "/ must be ahead of *"),
    (GRAMMAR, "Function parameters cannot be parenthesized"),
    (GRAMMAR, "Generator expression must be parenthesized"),
    (GRAMMAR, "Lambda expression parameters cannot be parenthesized"),
    (GRAMMAR, "Missing parentheses in call to '%U'. Did you mean %U(...)?"),
    (GRAMMAR, "arguments cannot follow var-keyword argument"),
    (GRAMMAR, "assignment to yield expression not possible"),
    (GRAMMAR, "at least one argument must precede /"),
    (GRAMMAR, "cannot assign to %s"),
    (GRAMMAR, "cannot assign to %s here. Maybe you meant '==' instead of '='?"),
    (GRAMMAR, "cannot delete %s"),
    (GRAMMAR, "cannot have both 'except' and 'except*' on the same 'try'"),
    (GRAMMAR, "cannot use '_' as a target"),
    (GRAMMAR, "cannot use a starred expression in a dictionary value"),
    (GRAMMAR, "cannot use assignment expressions with %s"),
    (GRAMMAR, "cannot use double starred expression here"),
    (GRAMMAR, "cannot use starred expression here"),
    (GRAMMAR, "dict unpacking cannot be used in dict comprehension"),
    (GRAMMAR, "did you forget parentheses around the comprehension target?"),
    (GRAMMAR, "expected ':'"),
    (GRAMMAR, "expected 'else' after 'if' expression"),
    (GRAMMAR, "expected 'except' or 'finally' block"),
    (GRAMMAR, "expected an indented block after '%s' statement on line %d"),
    (GRAMMAR, "expected an indented block after class definition on line %d"),
    (GRAMMAR, "expected an indented block after function definition on line %d"),
    (GRAMMAR, "expected comma between / and *"),
    (GRAMMAR, "expected default value expression"),
    (GRAMMAR, "expected one or more exception types"),
    (GRAMMAR, 'expression cannot contain assignment, perhaps you meant "=="?'),
    (GRAMMAR, "expression expected after dictionary key and ':'"),
    (GRAMMAR, "illegal target for annotation"),
    (GRAMMAR, "invalid pattern target"),
    (GRAMMAR, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?"),
    (GRAMMAR, "invalid syntax. Perhaps you forgot a comma?"),
    (GRAMMAR, "iterable argument unpacking follows keyword argument unpacking"),
    (GRAMMAR, "iterable unpacking cannot be used in comprehension"),
    (GRAMMAR, "multiple exception types must be parenthesized"),
    (GRAMMAR, "named arguments must follow bare *"),
    (GRAMMAR, "non-default argument follows default argument"),
    (GRAMMAR, "only single target (not %s) can be annotated"),
    (GRAMMAR, "positional patterns follow keyword patterns"),
    (GRAMMAR, "trailing comma not allowed without surrounding parentheses"),
    (GRAMMAR, "var-keyword argument cannot have default value"),
    (GRAMMAR, "var-positional argument cannot have default value"),
    # --- the action helpers (argument lists, targets) ---
    (HELPERS, "positional argument follows keyword argument"),
    (HELPERS, "positional argument follows keyword argument unpacking"),
    # --- pegen: the generic error, the end of input, indentation tokens ---
    (PEGEN, "invalid syntax"),
    (PEGEN, "'%c' was never closed"),
    (PEGEN, "unexpected indent"),
    (PEGEN, "unexpected unindent"),
    (PEGEN, "unexpected EOF while parsing"),
    (PEGEN, "unindent does not match any outer indentation level"),
    (PEGEN, "inconsistent use of tabs and spaces in indentation"),
    (PEGEN, "too many levels of indentation"),
    (PEGEN, "unexpected character after line continuation character"),
    (PEGEN, "multiple statements found while compiling a single statement"),
    (PEGEN, "source code string cannot contain null bytes"),
    (PEGEN, "maximum recursion depth exceeded during ast construction"),
    # --- the tokenizer ---
    (TOKENIZER, "invalid character '%c' (U+%s)"),
    (TOKENIZER, "invalid non-printable character U+%s"),
    (TOKENIZER, "unmatched '%c'"),
    (TOKENIZER, "closing parenthesis '%c' does not match opening parenthesis '%c'"),
    (TOKENIZER, "closing parenthesis '%c' does not match opening parenthesis '%c' on line %d"),
    (TOKENIZER, "too many nested parentheses"),
    (TOKENIZER, "unterminated string literal (detected at line %d)"),
    (TOKENIZER, "unterminated triple-quoted string literal (detected at line %d)"),
    (TOKENIZER, "invalid decimal literal"),
    (TOKENIZER, "invalid hexadecimal literal"),
    (TOKENIZER, "invalid octal literal"),
    (TOKENIZER, "invalid binary literal"),
    (TOKENIZER, "invalid digit '%c' in octal literal"),
    (TOKENIZER, "invalid digit '%c' in binary literal"),
    (TOKENIZER, "invalid imaginary literal"),
    (
        TOKENIZER,
        "leading zeros in decimal integer literals are not permitted; "
        "use an 0o prefix for octal integers",
    ),
    (TOKENIZER, "unknown encoding: %s"),
    (TOKENIZER, "encoding problem: %s with BOM"),
    (TOKENIZER, "(unicode error) %s"),
    # --- string literals and f-strings ---
    (STRINGS, "bytes can only contain ASCII literal characters"),
    (STRINGS, "cannot mix bytes and nonbytes literals"),
    (STRINGS, "f-string: expecting '}'"),
    (STRINGS, "f-string: single '}' is not allowed"),
    (STRINGS, "f-string: empty expression not allowed"),
    (STRINGS, "f-string: invalid conversion character: expected 's', 'r', or 'a'"),
    (STRINGS, "f-string: expression required before '%c'"),
    (STRINGS, "f-string expression part cannot include '#'"),
    (STRINGS, "f-string expression part cannot include a backslash"),
    (STRINGS, "f-string: unmatched '%c'"),
    (STRINGS, "f-string: closing parenthesis '%c' does not match opening parenthesis '%c'"),
    (STRINGS, "f-string: too many nested parenthesis"),
    (STRINGS, "f-string: expressions nested too deeply"),
    (STRINGS, "f-string: unterminated string"),
    (STRINGS, "f-string: %s"),  # an error inside a replacement field, prefixed
]

# Templates a plain ast.parse cannot reach, and why; they are kept out of the
# coverage requirement (the test checks none of them is reachable by the cases).
UNREACHABLE: dict[str, str] = {
    "bare * has associated type comment": "needs type_comments=True (dxpy.parse has none)",
    "Cannot have two type comments on def": "needs type_comments=True",
    "expected an indented block": (
        "invalid_block: every block's header has its own invalid_*_indent rule, tried first"
    ),
}


def template_pattern(template: str) -> re.Pattern[str]:
    """The regular expression a template's filled-in messages match."""
    parts = re.split(r"(%[sdcUR])", template)
    regex = "".join(".+?" if re.fullmatch(r"%[sdcUR]", part) else re.escape(part) for part in parts)
    return re.compile(regex + r"\Z", re.S)


def _indented_after(header: str, line: int = 1) -> str:
    return f"expected an indented block after {header} on line {line}"


CASES: list[SyntaxErrorCase] = [
    # augmented assignment and assignment targets
    SyntaxErrorCase("'list' is an illegal expression for augmented assignment", "[a, b] += 1\n"),
    SyntaxErrorCase("'tuple' is an illegal expression for augmented assignment", "a, b += 1\n"),
    SyntaxErrorCase(
        "'function call' is an illegal expression for augmented assignment", "f() += 1\n"
    ),
    SyntaxErrorCase(
        "cannot assign to function call here. Maybe you meant '==' instead of '='?", "f() = 1\n"
    ),
    SyntaxErrorCase(
        "cannot assign to literal here. Maybe you meant '==' instead of '='?", "1 = x\n"
    ),
    SyntaxErrorCase(
        "cannot assign to expression here. Maybe you meant '==' instead of '='?", "a + b = 1\n"
    ),
    SyntaxErrorCase("cannot assign to True", "True = 1\n"),
    SyntaxErrorCase("cannot assign to None", "None = 1\n"),
    SyntaxErrorCase("cannot assign to function call", "for f() in x: pass\n"),
    SyntaxErrorCase("cannot assign to literal", "with a as 1: pass\n"),
    SyntaxErrorCase("cannot assign to comparison", "with x as (a < b): pass\n"),
    SyntaxErrorCase(
        "cannot assign to comparison here. Maybe you meant '==' instead of '='?", "(a < b) = 1\n"
    ),
    SyntaxErrorCase("cannot assign to lambda", "lambda: 1 = 1\n"),
    SyntaxErrorCase("cannot assign to conditional expression", "a if b else c = 1\n"),
    SyntaxErrorCase("cannot assign to generator expression", "(x for x in y) = 1\n"),
    SyntaxErrorCase(
        "cannot assign to yield expression here. Maybe you meant '==' instead of '='?",
        "def f():\n    (yield) = 1\n",
    ),
    SyntaxErrorCase(
        "cannot assign to await expression here. Maybe you meant '==' instead of '='?",
        "async def f():\n    await x = 1\n",
    ),
    SyntaxErrorCase(
        "cannot assign to f-string expression here. Maybe you meant '==' instead of '='?",
        "f'{x}' = 1\n",
    ),
    SyntaxErrorCase(
        "cannot assign to dict literal here. Maybe you meant '==' instead of '='?", "{1: 2} = 1\n"
    ),
    SyntaxErrorCase(
        "cannot assign to set display here. Maybe you meant '==' instead of '='?", "{1} = 1\n"
    ),
    SyntaxErrorCase(
        "cannot assign to list comprehension here. Maybe you meant '==' instead of '='?",
        "[x for x in y] = 1\n",
    ),
    SyntaxErrorCase(
        "cannot assign to ellipsis here. Maybe you meant '==' instead of '='?", "... = 1\n"
    ),
    SyntaxErrorCase(
        "cannot assign to named expression here. Maybe you meant '==' instead of '='?",
        "(a := 1) = 2\n",
    ),
    SyntaxErrorCase("cannot delete function call", "del f()\n"),
    SyntaxErrorCase("cannot delete literal", "del 1\n"),
    SyntaxErrorCase("cannot delete expression", "del a + b\n"),
    SyntaxErrorCase("assignment to yield expression not possible", "def f():\n    x = yield = 1\n"),
    SyntaxErrorCase("cannot use assignment expressions with subscript", "(a[0] := 1)\n"),
    SyntaxErrorCase("cannot use assignment expressions with attribute", "(a.b := 1)\n"),
    SyntaxErrorCase("cannot use assignment expressions with literal", "(1 := 1)\n"),
    SyntaxErrorCase("cannot use starred expression here", "(*a)\n"),
    SyntaxErrorCase("cannot use double starred expression here", "(**a)\n"),
    SyntaxErrorCase("only single target (not tuple) can be annotated", "a, b: int\n"),
    SyntaxErrorCase("only single target (not list) can be annotated", "[a, b]: int\n"),
    SyntaxErrorCase("illegal target for annotation", "f(): int\n"),
    SyntaxErrorCase(
        "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", "if x = 1: pass\n"
    ),
    SyntaxErrorCase(
        'expression cannot contain assignment, perhaps you meant "=="?', "f(a, x.y=1)\n"
    ),
    SyntaxErrorCase('expression cannot contain assignment, perhaps you meant "=="?', "f(a.b=1)\n"),
    SyntaxErrorCase(
        "trailing comma not allowed without surrounding parentheses", "from a import b,\n"
    ),
    # comprehensions, calls, dicts
    SyntaxErrorCase(
        "did you forget parentheses around the comprehension target?", "[x, y for x, y in z]\n"
    ),
    SyntaxErrorCase("iterable unpacking cannot be used in comprehension", "[*x for x in y]\n"),
    SyntaxErrorCase("dict unpacking cannot be used in dict comprehension", "{**x for x in y}\n"),
    SyntaxErrorCase("Generator expression must be parenthesized", "f(x for x in y, 1)\n"),
    SyntaxErrorCase(
        "Generator expression must be parenthesized", "class C(x for x in y, 1): pass\n"
    ),
    SyntaxErrorCase("positional argument follows keyword argument", "f(a=1, b)\n"),
    SyntaxErrorCase("positional argument follows keyword argument unpacking", "f(**a, b)\n"),
    SyntaxErrorCase(
        "iterable argument unpacking follows keyword argument unpacking", "f(**a, *b)\n"
    ),
    SyntaxErrorCase("':' expected after dictionary key", "{1: 2, 3}\n"),
    SyntaxErrorCase("expression expected after dictionary key and ':'", "{1:}\n"),
    SyntaxErrorCase("cannot use a starred expression in a dictionary value", "{1: *a}\n"),
    SyntaxErrorCase("invalid syntax. Perhaps you forgot a comma?", "[a b]\n"),
    SyntaxErrorCase("invalid syntax. Perhaps you forgot a comma?", "f(1 2)\n"),
    SyntaxErrorCase("expected 'else' after 'if' expression", "x = a if b\n"),
    SyntaxErrorCase(
        "Missing parentheses in call to 'print'. Did you mean print(...)?", "print 1\n"
    ),
    SyntaxErrorCase("Missing parentheses in call to 'exec'. Did you mean exec(...)?", "exec 'x'\n"),
    # parameters
    SyntaxErrorCase("non-default argument follows default argument", "def f(a=1, b): pass\n"),
    SyntaxErrorCase("non-default argument follows default argument", "lambda a=1, b: 0\n"),
    SyntaxErrorCase("* argument may appear only once", "def f(*a, *b): pass\n"),
    SyntaxErrorCase("* argument may appear only once", "lambda *a, *b: 0\n"),
    SyntaxErrorCase("/ may appear only once", "def f(a, /, b, /): pass\n"),
    SyntaxErrorCase("/ may appear only once", "lambda a, /, b, /: 0\n"),
    SyntaxErrorCase("/ must be ahead of *", "def f(*a, /): pass\n"),
    SyntaxErrorCase("/ must be ahead of *", "lambda *a, /: 0\n"),
    SyntaxErrorCase("at least one argument must precede /", "def f(/, a): pass\n"),
    SyntaxErrorCase("at least one argument must precede /", "lambda /, a: 0\n"),
    SyntaxErrorCase("expected comma between / and *", "def f(a, /*): pass\n"),
    SyntaxErrorCase("expected comma between / and *", "lambda a, /*: 0\n"),
    SyntaxErrorCase("expected default value expression", "def f(a=): pass\n"),
    SyntaxErrorCase("expected default value expression", "lambda a=, b: 0\n"),
    SyntaxErrorCase("named arguments must follow bare *", "def f(*): pass\n"),
    SyntaxErrorCase("named arguments must follow bare *", "lambda *: 0\n"),
    SyntaxErrorCase("var-positional argument cannot have default value", "def f(*a=1): pass\n"),
    SyntaxErrorCase("var-positional argument cannot have default value", "lambda *a=1: 0\n"),
    SyntaxErrorCase("var-keyword argument cannot have default value", "def f(**a=1): pass\n"),
    SyntaxErrorCase("var-keyword argument cannot have default value", "lambda **a=1: 0\n"),
    SyntaxErrorCase("arguments cannot follow var-keyword argument", "def f(**a, b): pass\n"),
    SyntaxErrorCase("arguments cannot follow var-keyword argument", "def f(**a, *b): pass\n"),
    SyntaxErrorCase("arguments cannot follow var-keyword argument", "lambda **a, b: 0\n"),
    SyntaxErrorCase("Function parameters cannot be parenthesized", "def f((a, b)): pass\n"),
    SyntaxErrorCase("Lambda expression parameters cannot be parenthesized", "lambda (a, b): 0\n"),
    # blocks: the missing ':' and the missing indented block
    SyntaxErrorCase("expected ':'", "if x\n    pass\n"),
    SyntaxErrorCase("expected ':'", "while x\n    pass\n"),
    SyntaxErrorCase("expected ':'", "for x in y\n    pass\n"),
    SyntaxErrorCase("expected ':'", "def f()\n    pass\n"),
    SyntaxErrorCase("expected ':'", "class C\n    pass\n"),
    SyntaxErrorCase("expected ':'", "with x\n    pass\n"),
    SyntaxErrorCase("expected ':'", "try\n    pass\nfinally:\n    pass\n"),
    SyntaxErrorCase("expected ':'", "match x:\n    case 1\n        pass\n"),
    SyntaxErrorCase(_indented_after("'if' statement"), "if x:\npass\n"),
    SyntaxErrorCase(_indented_after("'elif' statement", 3), "if x:\n    pass\nelif y:\npass\n"),
    SyntaxErrorCase(_indented_after("'else' statement", 3), "if x:\n    pass\nelse:\npass\n"),
    SyntaxErrorCase(_indented_after("'while' statement"), "while x:\npass\n"),
    SyntaxErrorCase(_indented_after("'for' statement"), "for x in y:\npass\n"),
    SyntaxErrorCase(
        _indented_after("'for' statement", 2), "async def f():\n async for x in y:\n pass\n"
    ),
    SyntaxErrorCase(
        _indented_after("'with' statement", 2), "async def f():\n async with x:\n pass\n"
    ),
    SyntaxErrorCase(_indented_after("'with' statement"), "with x:\npass\n"),
    SyntaxErrorCase(_indented_after("'try' statement"), "try:\npass\n"),
    SyntaxErrorCase(_indented_after("'except' statement", 3), "try:\n    pass\nexcept:\npass\n"),
    SyntaxErrorCase(
        _indented_after("'except' statement", 3), "try:\n    pass\nexcept E as e:\npass\n"
    ),
    SyntaxErrorCase(
        _indented_after("'except*' statement", 3), "try:\n    pass\nexcept* E:\npass\n"
    ),
    SyntaxErrorCase(_indented_after("'finally' statement", 3), "try:\n    pass\nfinally:\npass\n"),
    SyntaxErrorCase(_indented_after("'match' statement"), "match x:\ncase 1: pass\n"),
    SyntaxErrorCase(_indented_after("'case' statement", 2), "match x:\n    case 1:\n    pass\n"),
    SyntaxErrorCase(_indented_after("function definition"), "def f():\npass\n"),
    SyntaxErrorCase(_indented_after("function definition", 2), "@d\ndef f():\npass\n"),
    SyntaxErrorCase(_indented_after("class definition"), "class C:\npass\n"),
    SyntaxErrorCase("expected 'except' or 'finally' block", "try:\n    pass\nx = 1\n"),
    SyntaxErrorCase(
        "cannot have both 'except' and 'except*' on the same 'try'",
        "try:\n    pass\nexcept E:\n    pass\nexcept* F:\n    pass\n",
    ),
    SyntaxErrorCase(
        "cannot have both 'except' and 'except*' on the same 'try'",
        "try:\n    pass\nexcept* E:\n    pass\nexcept F:\n    pass\n",
    ),
    SyntaxErrorCase(
        "multiple exception types must be parenthesized", "try:\n    pass\nexcept A, B:\n    pass\n"
    ),
    SyntaxErrorCase("expected one or more exception types", "try:\n    pass\nexcept*:\n    pass\n"),
    # patterns
    SyntaxErrorCase("invalid pattern target", "match x:\n    case 1 as 2:\n        pass\n"),
    SyntaxErrorCase("cannot use '_' as a target", "match x:\n    case 1 as _:\n        pass\n"),
    SyntaxErrorCase(
        "positional patterns follow keyword patterns",
        "match x:\n    case C(a=1, b):\n        pass\n",
    ),
    # pegen: generic errors, end of input, indentation
    SyntaxErrorCase("invalid syntax", "x = 1 +\n"),
    SyntaxErrorCase("invalid syntax", "def f(:\n"),
    SyntaxErrorCase("'(' was never closed", "f(1,\n"),
    SyntaxErrorCase("'[' was never closed", "x = [1, 2\n"),
    SyntaxErrorCase("'{' was never closed", "x = {\n"),
    SyntaxErrorCase("unexpected indent", "x = 1\n    y = 2\n"),
    SyntaxErrorCase("unexpected unindent", "if x:\n    @d\ny\n"),
    SyntaxErrorCase("unexpected EOF while parsing", "x = 1 \\"),
    SyntaxErrorCase(
        "unindent does not match any outer indentation level", "if x:\n        a\n    b\n"
    ),
    SyntaxErrorCase(
        "inconsistent use of tabs and spaces in indentation", "if x:\n\ta\n        b\n"
    ),
    SyntaxErrorCase(
        "too many levels of indentation",
        "".join(" " * i + "if x:\n" for i in range(101)) + " " * 101 + "pass\n",
    ),
    SyntaxErrorCase("unexpected character after line continuation character", "x = 1 \\ 2\n"),
    SyntaxErrorCase(
        "multiple statements found while compiling a single statement", "x = 1\ny = 2\n", "single"
    ),
    SyntaxErrorCase("source code string cannot contain null bytes", "x = 1\0\n"),
    SyntaxErrorCase("source code string cannot contain null bytes", b"x = '\0'\n"),
    SyntaxErrorCase(
        "maximum recursion depth exceeded during ast construction",
        "x = " + "1 + " * 100_000 + "1\n",
    ),
    # the tokenizer
    SyntaxErrorCase("invalid character '€' (U+20AC)", "x = 1€\n"),
    SyntaxErrorCase("invalid character '“' (U+201C)", "x = “a”\n"),
    SyntaxErrorCase("invalid non-printable character U+00A0", "x = 1\u00a0+ 2\n"),
    SyntaxErrorCase("invalid non-printable character U+0001", "\x01\n"),
    SyntaxErrorCase("unmatched ')'", "x = 1)\n"),
    SyntaxErrorCase("unmatched ']'", "]\n"),
    SyntaxErrorCase("closing parenthesis ']' does not match opening parenthesis '('", "f(1]\n"),
    SyntaxErrorCase(
        "closing parenthesis '}' does not match opening parenthesis '[' on line 1", "x = [1,\n}\n"
    ),
    SyntaxErrorCase("too many nested parentheses", "x = " + "(" * 201 + ")" * 201 + "\n"),
    SyntaxErrorCase("unterminated string literal (detected at line 1)", "x = 'abc\n"),
    SyntaxErrorCase("unterminated string literal (detected at line 2)", 'x = 1\ny = "abc\n'),
    SyntaxErrorCase(
        "unterminated triple-quoted string literal (detected at line 3)", "x = '''abc\n\ndef\n"
    ),
    SyntaxErrorCase("invalid decimal literal", "x = 1_\n"),
    SyntaxErrorCase("invalid decimal literal", "x = 1abc\n"),
    SyntaxErrorCase("invalid decimal literal", "x = 1e\n"),
    SyntaxErrorCase("invalid hexadecimal literal", "x = 0x\n"),
    SyntaxErrorCase("invalid hexadecimal literal", "x = 0x1g\n"),
    SyntaxErrorCase("invalid octal literal", "x = 0o\n"),
    SyntaxErrorCase("invalid binary literal", "x = 0b\n"),
    SyntaxErrorCase("invalid digit '8' in octal literal", "x = 0o18\n"),
    SyntaxErrorCase("invalid digit '2' in binary literal", "x = 0b12\n"),
    SyntaxErrorCase("invalid imaginary literal", "x = 1jk\n"),
    SyntaxErrorCase(
        "leading zeros in decimal integer literals are not permitted; "
        "use an 0o prefix for octal integers",
        "x = 0777\n",
    ),
    SyntaxErrorCase("unknown encoding: uft-8", b"# -*- coding: uft-8 -*-\nx = 1\n"),
    SyntaxErrorCase(
        "encoding problem: iso-8859-1 with BOM", b"\xef\xbb\xbf# coding: latin-1\nx = 1\n"
    ),
    SyntaxErrorCase(
        "(unicode error) 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte",
        b"x = '\xff'\n",
    ),
    SyntaxErrorCase(
        "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-1: "
        "truncated \\xXX escape",
        "x = '\\x'\n",
    ),
    SyntaxErrorCase(
        "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-7: "
        "unknown Unicode character name",
        "x = '\\N{nope}'\n",
    ),
    # string literals and f-strings
    SyntaxErrorCase("bytes can only contain ASCII literal characters", "x = b'ä'\n"),
    SyntaxErrorCase("cannot mix bytes and nonbytes literals", "x = 'a' b'b'\n"),
    SyntaxErrorCase("f-string: expecting '}'", "f'{a'\n"),
    SyntaxErrorCase("f-string: single '}' is not allowed", "f'a}'\n"),
    SyntaxErrorCase("f-string: empty expression not allowed", "f'{}'\n"),
    SyntaxErrorCase("f-string: expression required before '!'", "f'{ !r}'\n"),
    SyntaxErrorCase("f-string: expression required before ':'", "f'{:}'\n"),
    SyntaxErrorCase("f-string: expression required before '='", "f'{=}'\n"),
    SyntaxErrorCase(
        "f-string: invalid conversion character: expected 's', 'r', or 'a'", "f'{a!}'\n"
    ),
    SyntaxErrorCase(
        "f-string: invalid conversion character: expected 's', 'r', or 'a'", "f'{a!x}'\n"
    ),
    SyntaxErrorCase("f-string expression part cannot include '#'", "f'{a#}'\n"),
    SyntaxErrorCase("f-string expression part cannot include a backslash", "f'{\"\\n\"}'\n"),
    SyntaxErrorCase("f-string: unmatched ')'", "f'{a)}'\n"),
    SyntaxErrorCase(
        "f-string: closing parenthesis ']' does not match opening parenthesis '('", "f'{a(]}'\n"
    ),
    SyntaxErrorCase("f-string: too many nested parenthesis", "f'{" + "(" * 201 + "}'\n"),
    SyntaxErrorCase("f-string: expressions nested too deeply", "f'{a:{b:{c}}}'\n"),
    SyntaxErrorCase("f-string: unterminated string", "f'{\"a}'\n"),
    SyntaxErrorCase("f-string: invalid syntax", "f'{a.}'\n"),
    SyntaxErrorCase("f-string: invalid syntax. Perhaps you forgot a comma?", "f'{a b}'\n"),
    SyntaxErrorCase("f-string: cannot use starred expression here", "f'{*a}'\n"),
]
