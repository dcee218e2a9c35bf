"""pytest plugin for mutant runs: the ``ci`` profile without the shrink phase.

properties/conftest.py loads the profile named by HYPOTHESIS_PROFILE (``ci``)
when it is imported; this plugin's pytest_configure runs after that and loads
the same profile minus shrinking. The examples tried are the same ones (``ci``
is derandomized), so a mutant fails exactly the tests it fails under ``ci``;
only the minimal counterexample, which a mutant run has no use for, is not
searched for (shrinking can take a minute per kill).
"""

from __future__ import annotations

import pytest
from hypothesis import Phase, settings


@pytest.hookimpl(trylast=True)
def pytest_configure(config: pytest.Config) -> None:
    current = settings.default
    phases = tuple(phase for phase in current.phases if phase is not Phase.shrink)
    settings.register_profile("dxpy-mutants", parent=current, phases=phases)
    settings.load_profile("dxpy-mutants")
