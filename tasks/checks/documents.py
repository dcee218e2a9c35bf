"""Checks of the written documentation: component READMEs and the top README."""

from __future__ import annotations

import re
from pathlib import Path

from dxpy.tasks.registry import CheckResult, check, failed, passed

# What every component README must say, and how a reader finds it.
README_PARTS = {
    "what it owns": re.compile(r"\bowns?\b", re.IGNORECASE),
    "what it may call": re.compile(r"\bmay\s+call\b", re.IGNORECASE),
    "its invariants": re.compile(r"\binvariants?\b", re.IGNORECASE),
}


def components(root: Path) -> list[Path]:
    """The component folders of cpp/ (every folder directly under it)."""
    cpp = root / "cpp"
    return sorted(path for path in cpp.iterdir() if path.is_dir() and not path.name.startswith("."))


@check("8.8")
def every_cpp_component_has_a_readme(root: Path) -> CheckResult:
    """Each cpp/ component has a README saying what it owns, may call, and its invariants."""
    problems = []
    folders = components(root)
    for folder in folders:
        readme = folder / "README.md"
        if not readme.is_file():
            problems.append(f"cpp/{folder.name}/ has no README.md")
            continue
        text = readme.read_text(encoding="utf-8")
        lacking = [part for part, pattern in README_PARTS.items() if not pattern.search(text)]
        if lacking:
            problems.append(f"cpp/{folder.name}/README.md does not say {', '.join(lacking)}")
    overview = root / "cpp" / "README.md"
    if not overview.is_file():
        problems.append("cpp/README.md (the table of components) is missing")
    else:
        text = overview.read_text(encoding="utf-8")
        unlisted = [folder.name for folder in folders if f"`{folder.name}/`" not in text]
        if unlisted:
            problems.append(f"cpp/README.md's table lacks {', '.join(unlisted)}")
    if problems:
        return failed("; ".join(problems))
    names = ", ".join(f"{folder.name}/" for folder in folders)
    return passed(
        f"{len(folders)} components ({names}) each have a README with what they own, may call, "
        "and their invariants; cpp/README.md lists them all"
    )


def _section(text: str, heading: str) -> str | None:
    match = re.search(rf"^##\s+{heading}\b.*?$(.*?)(?=^##\s|\Z)", text, re.MULTILINE | re.DOTALL)
    return None if match is None else match.group(1)


@check("8.7")
def readme_has_an_architecture_overview(root: Path) -> CheckResult:
    """The top README has an architecture overview with the layout, usage examples and perf."""
    readme = root / "README.md"
    if not readme.is_file():
        return failed("README.md is missing")
    text = readme.read_text(encoding="utf-8")
    problems = []
    architecture = _section(text, "Architecture")
    if architecture is None:
        problems.append("no '## Architecture' section")
    else:
        folders = [folder.name for folder in components(root)]
        unnamed = [name for name in folders if f"{name}/" not in architecture]
        if unnamed:
            problems.append(f"the architecture's layout omits cpp/{', cpp/'.join(unnamed)}")
        top = ("dxpy/", "properties/", "tasks/", "ci/", "tests/")
        missing_top = [name for name in top if (root / name).is_dir() and name not in architecture]
        if missing_top:
            problems.append(f"the layout omits {', '.join(missing_top)}")
    examples = len(re.findall(r"^```python", text, re.MULTILINE))
    if examples == 0:
        problems.append("no ```python usage example")
    if not re.search(r"dxpy\.bench|dxpy-report", text):
        problems.append("does not say how performance is measured (dxpy.bench / dxpy-report)")
    if problems:
        return failed("; ".join(problems))
    return passed(
        f"README.md: '## Architecture' names every cpp/ component and top folder; {examples} "
        "python usage examples; performance measured with dxpy.bench / dxpy-report"
    )


@check("6.1")
def properties_suite_has_profiles_and_shared_strategies(root: Path) -> CheckResult:
    """properties/ has the ci and thorough Hypothesis profiles and shared strategy modules."""
    conftest = root / "properties" / "conftest.py"
    if not conftest.is_file():
        return failed("properties/conftest.py is missing")
    text = conftest.read_text(encoding="utf-8")
    profiles = [
        name
        for name in ("ci", "thorough")
        if re.search(rf"register_profile\(\s*[\"']{name}[\"']", text)
    ]
    missing = sorted({"ci", "thorough"} - set(profiles))
    if missing:
        return failed(
            f"properties/conftest.py registers no Hypothesis profile {', '.join(missing)}"
        )
    strategies = sorted(path.name for path in (root / "properties").glob("*strateg*.py"))
    if not strategies:
        return failed("properties/ has no shared strategies module")
    if "HYPOTHESIS_PROFILE" not in text:
        return failed("properties/conftest.py does not choose the profile from HYPOTHESIS_PROFILE")
    return passed(
        f"properties/conftest.py registers the ci and thorough profiles (by HYPOTHESIS_PROFILE); "
        f"shared strategies in {', '.join(strategies)}"
    )
