"""Start the frozen app offscreen and fail on import errors.

    python installer/smoke_test.py dist/o2o-workstation
"""
import os
import subprocess
import sys
import tempfile
from pathlib import Path

folder = Path(sys.argv[1])
env = dict(os.environ, QT_QPA_PLATFORM="offscreen", O2O_CONFIG_DIR=tempfile.mkdtemp())
out = subprocess.run([str(folder / "o2o"), "--help"], capture_output=True, text=True, env=env, timeout=120)
assert out.returncode == 0 and "import" in out.stdout, out.stderr
png = Path(env["O2O_CONFIG_DIR"]) / "smoke.png"
out = subprocess.run([str(folder / "o2o-workstation"), "--screenshot", str(png)], capture_output=True,
                     text=True, env=env, timeout=600)
assert out.returncode == 0 and png.exists(), out.stderr
print("frozen app starts, builds the demo and renders:", png)
