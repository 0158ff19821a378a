"""The distributed app: build.spec makes a one-folder bundle, and the self-test passes inside it, offline, headless.

This is the check CI makes of every change (it takes a minute or two); the Windows installer is built from the same
folder on Windows (see the README)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pyinstaller = shutil.which("pyinstaller", path=str(Path(sys.executable).parent))


@pytest.mark.slow
@pytest.mark.skipif(pyinstaller is None, reason="PyInstaller is not installed (it is in the test extra)")
def test_the_built_app_passes_its_self_test(tmp_path):
    dist, work = tmp_path / "dist", tmp_path / "build"
    built = subprocess.run(
        [pyinstaller, str(ROOT / "build.spec"), "--noconfirm", "--distpath", str(dist), "--workpath", str(work)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert built.returncode == 0, built.stderr[-3000:]
    app = dist / "SWHC Desktop"
    env = {**os.environ, "SWHC_HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONPATH", None)
    result = subprocess.run(
        [str(app / "swhc-desktop"), "--self-test"], env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Self-test passed." in result.stdout
    assert result.stdout.count("  ok    ") >= 6
    cli = subprocess.run([str(app / "swhc"), "templates"], env=env, capture_output=True, text=True, timeout=120)
    assert cli.returncode == 0 and "staff-survey" in cli.stdout
    size = sum(p.lstat().st_size for p in app.rglob("*") if p.is_file() and not p.is_symlink())
    assert not (app / "_internal" / "PySide6" / "Qt" / "translations").exists()
    print(f"\nThe one-folder app is {size / 1_000_000:.0f} MB")
