"""``python -m dxpy.tasks``: the dxpy-tasks command."""

import sys

from dxpy.tasks.cli import main

sys.exit(main())
