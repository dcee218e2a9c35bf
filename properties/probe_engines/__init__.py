"""Engine builds of other architectures, served by dxpy_probe over a pipe.

``cpp/probe/`` builds a small program that runs the runtime's engines on
request; ci/cross builds it for aarch64 and s390x and runs it under
qemu-user. This package makes each of its builds an engine with dxpy.Engine's
Python API (engine.py), so the same Hypothesis properties, with the same
shrinking, hold it to CPython. See ci/README.md.
"""

from probe_engines.engine import ProbeEngine
from probe_engines.process import ProbeCrashed, ProbeError
from probe_engines.variants import ProbeVariant, probe_variants

__all__ = ["ProbeCrashed", "ProbeEngine", "ProbeError", "ProbeVariant", "probe_variants"]
