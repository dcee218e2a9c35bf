"""Plant one out-of-bounds read in a scratch copy of the tree (ci/sanitizers.sh --planted-oob).

The scalar float64 sum is made to read one element past the end of its
buffer: a tail loop's off-by-one. The buffer is a NumPy array's, allocated
with exactly its size, so the read lands in ASan's redzone.
A sanitizer run that does not report it would be a run that proves nothing.
"""

from __future__ import annotations

import sys
from pathlib import Path

TARGET = "cpp/collections/scalar/list_kernels.cpp"
ORIGINAL = "for (size_t i = 0; i < count; ++i) {\n    double& accumulator"
PLANTED = "for (size_t i = 0; i <= count; ++i) {\n    double& accumulator"


def main() -> int:
    path = Path(sys.argv[1]) / TARGET
    text = path.read_text()
    if text.count(ORIGINAL) != 1:
        print(f"plant_oob: the loop to plant in is not in {TARGET} exactly once", file=sys.stderr)
        return 1
    path.write_text(text.replace(ORIGINAL, PLANTED))
    print(f"plant_oob: {TARGET}: {PLANTED}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
