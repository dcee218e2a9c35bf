"""Checks of the Python API's documentation: docstrings and type stubs.

The API is read from the ``dxpy`` package this process imported (an installed
wheel, or the source tree with its development module), so a check of an
installed package also checks what the wheel ships.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import subprocess
import sys
import tempfile
from pathlib import Path

import dxpy
from dxpy.tasks.registry import CheckResult, check, failed, not_installed, passed
from dxpy.tasks.testruns import python_environment

STUBS = "_native.pyi"


def _own_doc(obj: object) -> str:
    doc = getattr(obj, "__doc__", None)
    if not isinstance(doc, str):
        return ""
    doc = doc.strip()
    name = getattr(obj, "__name__", "")
    if inspect.isclass(obj) and doc.startswith(f"{name}(") and "\n" not in doc:
        return ""  # the signature a dataclass writes for itself, not documentation
    return doc


def _is_named_tuple(cls: type) -> bool:
    return issubclass(cls, tuple) and hasattr(cls, "_fields")


def _undocumented_members(cls: type, label: str) -> list[str]:
    missing = []
    fields = set(getattr(cls, "_fields", ())) if _is_named_tuple(cls) else set()
    for name, member in vars(cls).items():
        if name.startswith("_") or name in fields:
            continue
        if isinstance(member, (staticmethod, classmethod)):
            member = member.__func__
        if (callable(member) or inspect.isdatadescriptor(member)) and not _own_doc(member):
            missing.append(f"{label}.{name}")
    undocumented_fields = [field for field in fields if field not in _own_doc(cls)]
    missing += [
        f"{label}.{field} (a field the class docstring never names)"
        for field in undocumented_fields
    ]
    return missing


def _undocumented(obj: object, label: str) -> list[str]:
    missing = [] if _own_doc(obj) else [label]
    if inspect.isclass(obj):
        missing += _undocumented_members(obj, label)
    return missing


def _report(what: str, checked: int, missing: list[str]) -> CheckResult:
    if missing:
        shown = ", ".join(missing[:12]) + (
            f" and {len(missing) - 12} more" if len(missing) > 12 else ""
        )
        return failed(
            f"{len(missing)} of {checked} public names of {what} lack a docstring: {shown}"
        )
    return passed(f"all {checked} public names of {what} have docstrings")


ENGINE_API = ("default_engine", "engine", "engine_builds", "engines", "Engine", "EngineInfo")
COLLECTION_API = ("SimdList", "SwissDict")


def _api_names(names: tuple[str, ...]) -> tuple[int, list[str]]:
    missing: list[str] = []
    checked = 0
    for name in names:
        obj = getattr(dxpy, name)
        found = _undocumented(obj, f"dxpy.{name}")
        missing += found
        checked += 1 + (
            len([k for k in vars(obj) if not k.startswith("_")]) if inspect.isclass(obj) else 0
        )
    return checked, missing


@check("8.1")
def engine_api_has_docstrings(root: Path) -> CheckResult:
    """dxpy's module, engine functions, Engine and EngineInfo have docstrings, members included."""
    unlisted = sorted(set(dxpy.__all__) - set(ENGINE_API) - set(COLLECTION_API))
    checked, missing = _api_names(ENGINE_API + tuple(unlisted))
    if not _own_doc(dxpy):
        missing.insert(0, "dxpy (the module)")
    for name in dir(dxpy._native):
        obj = getattr(dxpy._native, name)
        if not name.startswith("_") and inspect.isbuiltin(obj):
            checked += 1
            if not _own_doc(obj):
                missing.append(f"dxpy._native.{name}")
    return _report("dxpy's engine API", checked + 1, missing)


@check("8.2")
def collection_api_has_docstrings(root: Path) -> CheckResult:
    """SimdList, SwissDict and SwissDict's views have docstrings, members included."""
    checked, missing = _api_names(COLLECTION_API)
    views = importlib.import_module("dxpy._swiss_dict_views")
    for name, obj in vars(views).items():
        if inspect.isclass(obj) and obj.__module__ == views.__name__ and not name.startswith("_"):
            missing += _undocumented(obj, f"dxpy._swiss_dict_views.{name}")
            checked += 1
    return _report("SimdList, SwissDict and its views", checked, missing)


def _package_modules(package_name: str) -> list[str]:
    package = importlib.import_module(package_name)
    names = [package_name]
    for info in pkgutil.walk_packages(package.__path__, f"{package_name}."):
        if not info.name.rsplit(".", 1)[-1].startswith("_"):
            names.append(info.name)
    return names


def _undocumented_in_packages(*package_names: str) -> tuple[int, list[str], list[str]]:
    checked, missing, absent = 0, [], []
    for package_name in package_names:
        try:
            module_names = _package_modules(package_name)
        except ImportError:
            absent.append(package_name)
            continue
        for module_name in module_names:
            module = importlib.import_module(module_name)
            checked += 1
            if not _own_doc(module):
                missing.append(f"{module_name} (the module)")
            public = getattr(module, "__all__", None) or [
                name
                for name, obj in vars(module).items()
                if not name.startswith("_")
                and (inspect.isfunction(obj) or inspect.isclass(obj))
                and obj.__module__ == module_name
            ]
            for name in public:
                obj = getattr(module, name)
                if getattr(obj, "__module__", module_name) != module_name:
                    continue  # re-exported: checked where it is defined
                checked += 1
                missing += _undocumented(obj, f"{module_name}.{name}")
    return checked, missing, absent


@check("11.1")
def tasks_api_has_docstrings(root: Path) -> CheckResult:
    """Every public module, function and class of dxpy.tasks has a docstring."""
    checked, missing, _ = _undocumented_in_packages("dxpy.tasks")
    return _report("dxpy.tasks", checked, missing)


@check("7.6")
def bench_and_report_api_have_docstrings(root: Path) -> CheckResult:
    """Every public module, function and class of dxpy.bench and dxpy.report has a docstring."""
    checked, missing, absent = _undocumented_in_packages("dxpy.bench", "dxpy.report")
    if absent:
        return failed(f"{', '.join(absent)} is not in this dxpy")
    return _report("dxpy.bench and dxpy.report", checked, missing)


def _stub_names(path: Path) -> dict[str, set[str]]:
    """Top-level names of a stub file ("" key) and each class's member names."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: dict[str, set[str]] = {"": set()}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names[""].add(node.name)
        if isinstance(node, ast.ClassDef):
            names[node.name] = {
                item.name
                for item in node.body
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef))
            }
    return names


def _public(names) -> set[str]:
    return {name for name in names if not name.startswith("_")}


@check("8.1", "8.2")
def stubs_ship_and_name_the_native_api(root: Path) -> CheckResult:
    """dxpy ships _native.pyi and py.typed, and the stubs name exactly the module's public API."""
    package = Path(dxpy.__file__).resolve().parent
    stub = package / STUBS
    missing_files = [name for name in (STUBS, "py.typed") if not (package / name).is_file()]
    if missing_files:
        return failed(f"the imported dxpy ({package}) has no {' or '.join(missing_files)}")
    stubbed = _stub_names(stub)
    runtime_top = _public(dir(dxpy._native))
    differences = []
    only_runtime = sorted(runtime_top - stubbed[""])
    only_stub = sorted(_public(stubbed[""]) - runtime_top)
    if only_runtime:
        differences.append(f"not in the stubs: {', '.join(only_runtime)}")
    if only_stub:
        differences.append(f"in the stubs only: {', '.join(only_stub)}")
    members = 0
    for class_name in sorted(runtime_top & set(stubbed) - {""}):
        runtime_members = _public(vars(getattr(dxpy._native, class_name)))
        stub_members = _public(stubbed[class_name])
        members += len(runtime_members)
        for name in sorted(runtime_members - stub_members):
            differences.append(f"{class_name}.{name} not in the stubs")
        for name in sorted(stub_members - runtime_members):
            differences.append(f"{class_name}.{name} in the stubs only")
    if differences:
        return failed("; ".join(differences))
    return passed(
        f"{package.name}/{STUBS} and py.typed ship in {package}; the stubs name the module's "
        f"{len(runtime_top)} public names and {members} public class members, no more, no less"
    )


@check("8.1", "8.2")
def stubtest_accepts_the_stubs(root: Path) -> CheckResult:
    """mypy.stubtest finds the stubs of dxpy._native consistent with the module."""
    try:
        import mypy.stubtest  # noqa: F401
    except ImportError:
        return not_installed("mypy is not installed here to run mypy.stubtest", "pip install mypy")
    allowlist = Path(__file__).with_name("stubtest_allowlist.txt")
    command = [sys.executable, "-m", "mypy.stubtest", "dxpy._native"]
    if allowlist.is_file():
        command += ["--allowlist", str(allowlist)]
    with tempfile.TemporaryDirectory(prefix="dxpy-tasks-stubtest-") as scratch:
        completed = subprocess.run(
            command,
            cwd=scratch,
            env=python_environment(),
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
    output = (completed.stdout + completed.stderr).strip()
    if completed.returncode != 0:
        errors = [line for line in output.splitlines() if line.startswith("error")]
        return failed(f"mypy.stubtest dxpy._native: {'; '.join(errors[:6]) or output[-400:]}")
    last = output.splitlines()[-1] if output else "no output"
    return passed(f"mypy.stubtest dxpy._native (allowlist: {allowlist.name}): {last}")
