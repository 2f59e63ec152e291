"""The AT-SPI check (``tests/atspi/check.py``) as a test: the real app on a virtual X display,
read over the accessibility bus from another process, as Orca reads it. It needs Xvfb, a
D-Bus session, the AT-SPI bus and ``busctl`` (``.ci/run`` installs them); without them it is
skipped on a developer's machine and fails in CI (``CI=true``), so CI never skips it quietly."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LAUNCHERS = ("/usr/libexec/at-spi-bus-launcher", "/usr/lib/at-spi2-core/at-spi-bus-launcher")


def _missing() -> list[str]:
    missing = [tool for tool in ("xvfb-run", "dbus-run-session", "busctl") if shutil.which(tool) is None]
    if not any(Path(p).exists() for p in LAUNCHERS) and shutil.which("at-spi-bus-launcher") is None:
        missing.append("at-spi-bus-launcher (at-spi2-core)")
    return missing


def test_a_screen_reader_on_the_accessibility_bus_gets_the_step_its_focus_and_its_announcement():
    missing = _missing()
    if missing:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"the AT-SPI check needs {', '.join(missing)} (see .ci/run)")
        pytest.skip(f"the AT-SPI check needs {', '.join(missing)}")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    result = subprocess.run(["xvfb-run", "-a", "dbus-run-session", "--", sys.executable, "-m", "tests.atspi.check"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "AT-SPI check: ok" in result.stdout
    assert "focus on the new instruction" in result.stdout and "announced:" in result.stdout
