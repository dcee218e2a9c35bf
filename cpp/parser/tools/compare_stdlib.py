"""Compare the C++ parser (dxpy_parse) with CPython's ast.parse, file by file.

    python cpp/parser/tools/compare_stdlib.py DXPY_PARSE [FILE_LIST] [--show N]

Without FILE_LIST: every .py file of the running interpreter's standard
library (sysconfig's stdlib path, site-packages left out). For each file the
expected text is computed here, by CPython: ast.dump(tree,
include_attributes=True), or "ERROR <class> <lineno> <offset> <end_lineno>
<end_offset> <msg>" when ast.parse raises. Prints the files that differ (the
first N with the place they part) and the count of identical files.
"""

from __future__ import annotations

import argparse
import ast
import os
import subprocess
import sys
import sysconfig
import tempfile
import warnings


def stdlib_files() -> list[str]:
    root = sysconfig.get_paths()["stdlib"]
    files = []
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = sorted(name for name in subfolders if name != "site-packages")
        files += [os.path.join(folder, name) for name in sorted(names) if name.endswith(".py")]
    return files


def expected(path: str) -> str:
    with open(path, "rb") as handle:
        source = handle.read()
    try:
        return ast.dump(ast.parse(source), include_attributes=True)
    except SyntaxError as error:
        return (
            f"ERROR {type(error).__name__} {error.lineno} {error.offset} "
            f"{error.end_lineno} {error.end_offset} {error.msg}"
        )
    except (MemoryError, RecursionError, ValueError) as error:
        return f"ERROR {type(error).__name__} {error}"


def candidate(executable: str, files: list[str]) -> dict[str, str]:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as listing:
        listing.write("\n".join(files) + "\n")
    try:
        output = subprocess.run(
            [executable, "--attributes", "--list", listing.name], capture_output=True, check=True
        ).stdout
    finally:
        os.unlink(listing.name)
    results = {}
    for chunk in output.decode("utf-8", "surrogateescape").split("\n=== "):
        name, _, body = chunk.removeprefix("=== ").partition("\n")
        results[name] = body.rstrip("\n")
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("executable")
    parser.add_argument("file_list", nargs="?")
    parser.add_argument("--show", type=int, default=10)
    args = parser.parse_args()
    if args.file_list:
        with open(args.file_list, encoding="utf-8") as handle:
            files = handle.read().split()
    else:
        files = stdlib_files()
    warnings.simplefilter("ignore")  # invalid escape sequences in the test files
    got = candidate(args.executable, files)
    different = []
    for path in files:
        want, have = expected(path), got.get(path, "<missing>")
        if want != have:
            at = next(
                (k for k, (a, b) in enumerate(zip(want, have, strict=False)) if a != b),
                min(len(want), len(have)),
            )
            different.append(
                (path, have[max(0, at - 120) : at + 80], want[max(0, at - 120) : at + 80])
            )
    for path, have, want in different[: args.show]:
        print(f"DIFF {path}\n  got: ...{have}\n  exp: ...{want}")
    print(f"{len(files) - len(different)}/{len(files)} files identical")
    return 0 if not different else 1


if __name__ == "__main__":
    sys.exit(main())
