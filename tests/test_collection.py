"""The suite runs all of itself: every `tests/**/test_*.py` file is collected by a plain `pytest`.

pytest quietly skips folders it was told to ignore (by default any folder named `build`, which
once left `tests/build/` out of every run); this test notices any file left out that way.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: "tests/unit/test_x.py::test_y" in `--collect-only -q`, or a file skipped as a whole
#: ("SKIPPED [1] tests/webkit/test_x.py:3: reason" in the -ra summary): found, not ignored.
_COLLECTED = re.compile(r"^(tests/[^:\s]+\.py)::", re.MULTILINE)
_SKIPPED = re.compile(r"^SKIPPED \[\d+\] (tests/[^:\s]+\.py)", re.MULTILINE)


def test_every_test_file_is_collected_by_the_default_invocation():
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_ADDOPTS"}
    # The configured options as they are, from the root; one process is enough to collect.
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-n", "0"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, f"collection failed:\n{result.stdout}\n{result.stderr}"
    found = set(_COLLECTED.findall(result.stdout)) | set(_SKIPPED.findall(result.stdout))
    on_disk = {path.relative_to(ROOT).as_posix() for path in (ROOT / "tests").rglob("test_*.py")}
    assert on_disk - found == set(), "test files a plain `pytest` does not collect"
