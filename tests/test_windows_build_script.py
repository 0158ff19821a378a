"""The Windows build's pins: packaging/windows/build-on-linux.sh refuses a Windows Python or a built app that has
versions Wine cannot run, naming each with the reason, before anything is built from it. Runs without Wine; the
whole build, install, upgrade and uninstall under Wine is .ci/run's own step after the tests."""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "packaging" / "windows" / "build-on-linux.sh"
PINS = ROOT / "packaging" / "windows" / "windows-pins.txt"
bash = shutil.which("bash")
pytestmark = pytest.mark.skipif(bash is None, reason="the build script is a bash script")


def pins() -> dict[str, tuple[str, str]]:
    """Each pinned package: (version, reason)."""
    found = {}
    for line in PINS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            spec, _, reason = line.partition("#")
            name, version = spec.strip().split("==")
            found[name] = (version, reason.strip())
    return found


def run_script(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([bash, str(SCRIPT), *map(str, args)], capture_output=True, text=True, timeout=60, cwd=ROOT)


def write_versions(path: Path, versions: dict[str, str]) -> Path:
    # As the Windows pip writes it: CRLF line ends.
    path.write_bytes("".join(f"{name}=={version}\r\n" for name, version in versions.items()).encode())
    return path


def a_bundle(folder: Path, versions: dict[str, str]) -> Path:
    """A one-folder app whose swhc-desktop.exe carries numpy, PySide6 and shiboken6 of the given versions, in an
    archive written by PyInstaller's own writers (as its build does), with no Qt or numpy really inside."""
    writers = pytest.importorskip("PyInstaller.archive.writers")
    sources = {
        "numpy": "",
        "numpy.version": f'"""Version info"""\nversion = "{versions["numpy"]}"\n__version__ = version\n',
        "PySide6": f'__version__ = "{versions["PySide6-Essentials"]}"\n__version_info__ = (6, 0)\n',
        "shiboken6": f'__version__ = "{versions["shiboken6"]}"\n',
    }
    app = folder / "SWHC Desktop"
    (app / "_internal").mkdir(parents=True)
    modules = folder / "modules"
    modules.mkdir()
    entries, code = [], {}
    for name, source in sources.items():
        path = modules / f"{name}.py"
        path.write_text(source, encoding="utf-8")
        entries.append((name, str(path), "PYMODULE"))
        code[name] = compile(source, str(path), "exec")
    writers.ZlibArchiveWriter(str(folder / "PYZ.pyz"), entries, code)
    writers.CArchiveWriter(str(folder / "package"), [("PYZ.pyz", str(folder / "PYZ.pyz"), False, "z")], "python311.dll")
    (app / "swhc-desktop.exe").write_bytes(b"MZ" + bytes(510) + (folder / "package").read_bytes())
    return app


RESOLVED_WITHOUT_PINS = {"numpy": "2.4.6", "PySide6-Essentials": "6.11.3", "shiboken6": "6.11.3", "reportlab": "5.1.0"}
RESOLVED_WITH_PINS = {"numpy": "2.2.1", "PySide6-Essentials": "6.9.3", "shiboken6": "6.9.3", "reportlab": "5.1.0"}


def test_every_pin_gives_its_reason_and_stays_inside_the_projects_own_range():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    ranges = {Requirement(dependency).name.lower(): Requirement(dependency) for dependency in project["dependencies"]}
    assert {"numpy", "PySide6-Essentials", "shiboken6"} <= set(pins())
    for name, (version, reason) in pins().items():
        assert len(reason) > 20, f"{name} is pinned without a reason"
        if name.lower() in ranges:
            assert ranges[name.lower()].specifier.contains(version), (
                f"{name}=={version} is outside {ranges[name.lower()]}"
            )


def test_a_windows_python_resolved_without_the_pins_is_refused_with_each_reason(tmp_path):
    result = run_script("--check-pins", write_versions(tmp_path / "freeze.txt", RESOLVED_WITHOUT_PINS))
    assert result.returncode == 3
    for name, found in (("numpy", "2.4.6"), ("PySide6-Essentials", "6.11.3"), ("shiboken6", "6.11.3")):
        wanted, reason = pins()[name]
        assert f"has {name} {found}, but the Windows build needs {name}=={wanted}: {reason}" in result.stderr
    assert "Nothing was built from it." in result.stderr
    assert "reportlab" not in result.stderr


def test_a_package_missing_from_the_windows_python_is_refused_too(tmp_path):
    resolved = {name: version for name, version in RESOLVED_WITH_PINS.items() if name != "numpy"}
    result = run_script("--check-pins", write_versions(tmp_path / "freeze.txt", resolved))
    assert result.returncode == 3
    assert "has numpy (none), but the Windows build needs numpy==2.2.1" in result.stderr


def test_a_windows_python_with_every_pin_is_accepted(tmp_path):
    resolved = {name.replace("-", "_").lower(): version for name, version in RESOLVED_WITH_PINS.items()}
    result = run_script("--check-pins", write_versions(tmp_path / "freeze.txt", resolved))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_an_app_built_without_the_pins_is_refused_and_no_installer_is_made(tmp_path):
    app = a_bundle(tmp_path / "bundle", RESOLVED_WITHOUT_PINS)
    result = run_script("--check-bundle", app)
    assert result.returncode == 3
    assert re.search(r"has numpy 2\.4\.6, but the Windows build needs numpy==2\.2\.1: numpy 2\.2\.2", result.stderr)
    assert "has PySide6-Essentials 6.11.3" in result.stderr
    assert list(tmp_path.rglob("*.msi")) == []


def test_an_app_built_with_the_pins_is_accepted(tmp_path):
    result = run_script("--check-bundle", a_bundle(tmp_path / "bundle", RESOLVED_WITH_PINS))
    assert result.returncode == 0, result.stderr


def test_a_folder_that_is_not_a_built_app_is_refused(tmp_path):
    result = run_script("--check-bundle", tmp_path)
    assert result.returncode != 0
    assert "is not a one-folder app built by build.spec" in result.stderr


def test_a_program_without_pyinstallers_archive_is_refused(tmp_path):
    app = tmp_path / "SWHC Desktop"
    (app / "_internal").mkdir(parents=True)
    (app / "swhc-desktop.exe").write_bytes(b"MZ" + bytes(4096))
    result = run_script("--check-bundle", app)
    assert result.returncode != 0
    assert "holds no PyInstaller archive" in result.stderr


def test_the_script_checks_the_pins_before_it_builds_the_app_and_again_before_any_msi():
    main = re.split(r"-+ main\n", SCRIPT.read_text(encoding="utf-8"))[-1]
    steps = [line.strip() for line in main.splitlines()]
    order = [step for step in steps if re.fullmatch(r"[a-z_]+", step)]
    assert order.index("install_windows_packages") < order.index("build_bundle") < order.index("build_msis")
    body = SCRIPT.read_text(encoding="utf-8")
    for function in ("install_windows_packages", "build_bundle"):
        definition = body.split(f"\n{function}() {{", 1)[1].split("\n}", 1)[0]
        assert "check_pins " in definition, f"{function} does not check the pins"


def test_the_version_the_msis_are_labelled_with_is_the_one_the_app_and_its_exe_say():
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    from swhc_desktop import __version__

    resource = (ROOT / "resources" / "windows-version-info.txt").read_text(encoding="utf-8")
    numbers = tuple(int(part) for part in version.split("."))
    assert __version__ == version
    assert f"StringStruct('FileVersion', '{version}')" in resource
    assert f"StringStruct('ProductVersion', '{version}')" in resource
    fixed = resource.replace(" ", "")
    assert f"filevers={numbers + (0,)}".replace(" ", "") in fixed
    assert f"prodvers={numbers + (0,)}".replace(" ", "") in fixed
