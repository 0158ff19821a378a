"""Every file the app writes for people (each report kind, each export format, tables and charts), how the command
line asks for it, how to write it in this process, and how to tell a whole one from half of one."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from swhc_desktop.cli import main as swhc
from swhc_desktop.outputs.exports.kinds import EXPORT_KINDS, export
from swhc_desktop.outputs.reports.kinds import REPORT_KINDS, make_report
from swhc_desktop.storage import HealthCheckFile

from .pdf_text import page_texts


@dataclass(frozen=True)
class FileOutput:
    """A file the app writes for people: how the command line asks for it, and how to write it in this process."""

    name: str
    suffix: str
    arguments: Callable[[Path, Path], list[str]]  # (health-check file, out) -> `swhc` arguments
    write: Callable[[HealthCheckFile, Path], object]


def _report(kind) -> FileOutput:
    def write(hc: HealthCheckFile, out: Path) -> object:
        return make_report(hc, hc.cycles.by_name("2025"), kind.name, out)

    return FileOutput(
        f"report {kind.name}",
        kind.suffix,
        lambda path, out: ["report", str(path), "2025", "--kind", kind.name, "--out", str(out)],
        write,
    )


def _export(kind, export_format) -> FileOutput:
    def write(hc: HealthCheckFile, out: Path) -> object:
        return export(hc, hc.cycles.by_name("2025"), kind.what, export_format.name, out)

    return FileOutput(
        f"export {kind.what} {export_format.name}",
        export_format.suffix,
        lambda path, out: [
            "export",
            str(path),
            "2025",
            "--what",
            kind.what,
            "--format",
            export_format.name,
            "--out",
            str(out),
        ],
        write,
    )


def _command(name: str, suffix: str, arguments: Callable[[Path, Path], list[str]]) -> FileOutput:
    def write(hc: HealthCheckFile, out: Path) -> object:
        hc.close()  # the command opens the file itself
        code = swhc(arguments(hc.path, out))
        assert code == 0
        return out

    return FileOutput(name, suffix, arguments, write)


FILE_OUTPUTS: tuple[FileOutput, ...] = (
    *(_report(kind) for kind in REPORT_KINDS),
    *(
        _export(kind, export_format)
        for kind in EXPORT_KINDS
        for export_format in kind.formats
        if not export_format.is_folder
    ),
    _command("tables csv", ".csv", lambda path, out: ["tables", str(path), "2025", "--by", "team", "--out", str(out)]),
    _command(
        "tables json", ".json", lambda path, out: ["tables", str(path), "2025", "--format", "json", "--out", str(out)]
    ),
    _command(
        "chart png", ".png", lambda path, out: ["chart", str(path), "2025", "valued", "--by", "team", "--out", str(out)]
    ),
    _command("chart svg", ".svg", lambda path, out: ["chart", str(path), "2025", "stressed", "--out", str(out)]),
)
# Exports that are a folder of files (the charts): the folder is filled all or nothing.
FOLDER_OUTPUTS: tuple[FileOutput, ...] = tuple(
    _export(kind, export_format) for kind in EXPORT_KINDS for export_format in kind.formats if export_format.is_folder
)


def by_name(output: FileOutput) -> str:
    return output.name


def is_whole(path: Path) -> bool:
    """Whether a file written by the app is complete, judged by its own structure."""
    data = path.read_bytes()
    if path.suffix == ".pdf":
        return data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF") and bool(page_texts(path))
    if path.suffix in (".xlsx", ".docx"):
        try:
            with zipfile.ZipFile(path) as archive:
                return archive.testzip() is None
        except zipfile.BadZipFile:
            return False
    if path.suffix == ".png":
        return data.startswith(b"\x89PNG") and data.endswith(b"IEND\xaeB`\x82")
    if path.suffix == ".svg":
        return data.rstrip().endswith(b"</svg>")
    if path.suffix == ".json":
        json.loads(data)
        return True
    data.decode("utf-8-sig")
    return data.endswith(b"\n")


def previous_file(folder: Path, output: FileOutput) -> tuple[Path, bytes]:
    """A file of the same name already at the chosen path (last year's, say), which must never be half-replaced."""
    out = folder / f"Chosen name{output.suffix}"
    old = b"what the file held before\n"
    out.write_bytes(old)
    return out, old


def others_in(folder: Path, out: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p != out)


def previous_folder(parent: Path) -> tuple[Path, dict[str, bytes]]:
    """A folder already at the chosen path, holding last year's picture under a name this year's also uses and a
    file of the PSW's own, none of which may be half-replaced or lost."""
    out = parent / "Chosen folder"
    out.mkdir()
    old = {"1. Team.png": b"last year's picture", "notes.txt": b"the PSW's own notes"}
    for name, data in old.items():
        (out / name).write_bytes(data)
    return out, old


def folder_contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}
