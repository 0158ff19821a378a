"""Printing a PDF the app has made: through the printer dialog where Qt can draw PDF pages (its QtPdf module), else by
opening it in the computer's PDF viewer, whose own Print command then takes over."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QRect, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QPageLayout, QPageSize, QPainter
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from ... import APP_NAME
from ...domain.errors import NoProgramToOpen
from .messages import show_problem

# Pages are drawn as pictures at this resolution: sharp on paper without holding a 1200 dpi A4 image in memory.
PRINT_DPI = 300


def print_folder() -> Path:
    """A fresh folder for a PDF made only to be printed, so that one still open in a viewer is never overwritten."""
    return Path(tempfile.mkdtemp(prefix="swhc-print-"))


def can_print_directly() -> bool:
    try:
        from PySide6 import QtPdf  # noqa: F401  (shipped in PySide6-Addons, not in PySide6-Essentials)
    except ImportError:
        return False
    return True


def open_in_viewer(path: Path, parent: QWidget | None) -> bool:
    """Open a file the app has made in the program the computer opens such files with; where there is none, say
    where the file is, so that the PSW can open or print it another way."""
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        return True
    if path.is_dir():
        kind, reader = "folders", "your file manager"
    elif path.suffix.lower() == ".pdf":
        kind, reader = "PDF documents", "a PDF reader"
    else:
        kind, reader = f"{path.suffix.lstrip('.').upper()} files", "a program that reads them"
    show_problem(
        parent,
        NoProgramToOpen(
            f"{path.name} is saved, but no program on this computer is set to open {kind}.",
            f"It is in {path.parent}. Open it from there with {reader}, or ask IT to set one up.",
        ),
    )
    return False


def print_from_viewer(path: Path, parent: QWidget | None) -> None:
    """Where Qt cannot print the PDF itself: open it in the computer's PDF viewer and say so, with what to do next,
    so that Print never seems to do nothing (the viewer may open behind the app, or slowly)."""
    if not open_in_viewer(path, parent):
        return  # already told where the file is
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(f"Print – {APP_NAME}")
    box.setText(f"{path.name} is opening in your PDF viewer. Print it from there, with its Print command (Ctrl+P).")
    box.setInformativeText(f"If it does not appear, open it from {path.parent}.")
    box.setObjectName("printFromViewerMessage")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()  # not waited on: the viewer is where the PSW goes next


def print_pdf(path: Path, parent: QWidget) -> bool:
    """Show the printer dialog and print the PDF's pages (or those chosen). Returns False when this Qt cannot draw
    PDF pages or the file cannot be read, so that the caller can open it in a viewer instead."""
    if not can_print_directly():
        return False
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    document = QPdfDocument(parent)
    document.load(str(path))
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() == 0:
        return False
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setResolution(PRINT_DPI)
    printer.setDocName(path.stem)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    first = document.pagePointSize(0)
    printer.setPageOrientation(
        QPageLayout.Orientation.Landscape if first.width() > first.height() else QPageLayout.Orientation.Portrait
    )
    printer.setFullPage(True)  # our pages carry their own margins: print them at their true size
    printer.setFromTo(1, document.pageCount())
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(f"Print {path.stem}")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return True  # the user chose not to print
    start, end = (printer.fromPage(), printer.toPage()) if printer.fromPage() else (1, document.pageCount())
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        for number in range(start - 1, min(end, document.pageCount())):
            if number > start - 1:
                printer.newPage()
            paper = printer.pageLayout().fullRectPixels(printer.resolution())
            size = document.pagePointSize(number).toSize().scaled(paper.size(), Qt.AspectRatioMode.KeepAspectRatio)
            image = document.render(number, size)
            painter.drawImage(QRect(0, 0, size.width(), size.height()), image)
    finally:
        painter.end()
    return True
