"""``python -m dxpy.report`` is ``dxpy-report``."""

import sys

from dxpy.report.cli import main

sys.exit(main())
