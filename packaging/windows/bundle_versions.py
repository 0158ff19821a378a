"""Which numpy, PySide6 and shiboken6 a one-folder app built by PyInstaller carries, read from its own archive.

build-on-linux.sh checks these against windows-pins.txt before it makes an installer of the app, so an app built
without the pins (here or anywhere else) is refused with the reason. PyInstaller keeps no dist-info for these
packages, but each one's version string sits in its own module inside the program's archive. Standard library only:
it runs on the Linux side, with no PyInstaller installed there. Prints one `name==version` line a package found.

    python3 bundle_versions.py "build/windows/bundle/SWHC Desktop"
"""

from __future__ import annotations

import marshal
import re
import struct
import sys
import zlib
from pathlib import Path

# The module whose constants hold each package's version, as the distribution's name.
VERSION_MODULES = {"numpy": "numpy.version", "PySide6-Essentials": "PySide6", "shiboken6": "shiboken6"}
PROGRAMS = ("swhc-desktop.exe", "swhc-desktop")  # the windowed program carries Qt; on Linux it has no .exe

COOKIE_MAGIC = b"MEI\014\013\012\013\016"
COOKIE = struct.Struct("!8sIIII64s")  # magic, package length, TOC offset, TOC length, Python version, library name
TOC_ENTRY = struct.Struct("!IIIIBc")  # entry length, offset, length, uncompressed length, compressed, type
# marshal's short ASCII string, plain or interned, with or without its reference flag.
SHORT_VERSION_STRING = re.compile(rb"[\x5a\x7a\xda\xfa](.)(\d+(?:\.\d+)+)", re.DOTALL)


class NotAnApp(Exception):
    pass


def embedded_archive(program: Path) -> bytes:
    """The Python modules' archive (PYZ) inside a PyInstaller program."""
    data = program.read_bytes()
    cookie_at = data.rfind(COOKIE_MAGIC)
    if cookie_at < 0:
        raise NotAnApp(f"{program} holds no PyInstaller archive.")
    _, length, toc_offset, toc_length, _, _ = COOKIE.unpack_from(data, cookie_at)
    package = cookie_at + COOKIE.size - length
    position, end = package + toc_offset, package + toc_offset + toc_length
    while position < end:
        entry_length, offset, stored, _, compressed, _ = TOC_ENTRY.unpack_from(data, position)
        name = data[position + TOC_ENTRY.size : position + entry_length].rstrip(b"\0").decode()
        if name.endswith(".pyz"):
            archive = data[package + offset : package + offset + stored]
            return zlib.decompress(archive) if compressed else archive
        position += entry_length
    raise NotAnApp(f"{program} has no archive of Python modules.")


def module_data(archive: bytes, name: str) -> bytes:
    """A module's marshalled code, as bytes: never loaded, so the Python running this need not be the app's."""
    if archive[:4] != b"PYZ\0":
        raise NotAnApp("the app's archive of Python modules is not one PyInstaller writes.")
    (toc_offset,) = struct.unpack_from("!i", archive, 8)
    toc = dict(marshal.loads(archive[toc_offset:]))
    if name not in toc:
        return b""
    _, offset, length = toc[name]
    return zlib.decompress(archive[offset : offset + length])


def first_version_string(code: bytes) -> str | None:
    """The first constant like 2.2.1 in marshalled code: a short ASCII string, its type byte then its length."""
    for match in SHORT_VERSION_STRING.finditer(code):
        if match.group(1)[0] == len(match.group(2)):
            return match.group(2).decode()
    return None


def carried_versions(app: Path) -> dict[str, str]:
    program = next((app / name for name in PROGRAMS if (app / name).is_file()), None)
    if not (app / "_internal").is_dir() or program is None:
        raise NotAnApp(f"{app} is not a one-folder app built by build.spec (no _internal folder and swhc-desktop).")
    archive = embedded_archive(program)
    versions = {}
    for package, module in VERSION_MODULES.items():
        version = first_version_string(module_data(archive, module))
        if version:
            versions[package] = version
    return versions


if __name__ == "__main__":
    try:
        for package, version in carried_versions(Path(sys.argv[1])).items():
            print(f"{package}=={version}")
    except (NotAnApp, OSError, ValueError, EOFError, zlib.error, struct.error) as error:
        sys.exit(f"build-on-linux.sh: {error}")
