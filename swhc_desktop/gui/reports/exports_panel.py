"""The Reports page's exports: the anonymised responses, every table and every chart of the cycle, each in the format
chosen, made in the background with progress and Cancel. One row for each export that is not a hand-out."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QWidget

from ...domain.records import Cycle
from ...outputs.exports.kinds import EXPORT_KINDS, ExportKind
from ...storage import HealthCheckFile
from ..common.forms import load_form
from ..common.output_files import OutputFiles


class ExportsPanel(QWidget):
    def __init__(self, output_files: OutputFiles, parent: QWidget | None = None):
        super().__init__(parent)
        load_form("exports_panel", self)
        self.output_files = output_files
        self.hc: HealthCheckFile | None = None
        self.cycle: Cycle | None = None
        self.format_combos: dict[str, QComboBox] = {}
        self.buttons: dict[str, QPushButton] = {}
        font = self.exportsHeading.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.exportsHeading.setFont(font)
        for row, kind in enumerate(k for k in EXPORT_KINDS if not k.hand_out):
            self._add_row(row, kind)
        self.exportsGrid.setColumnStretch(1, 1)
        self.intro = self.exportsIntroLabel.text()

    def _add_row(self, row: int, kind: ExportKind) -> None:
        title = QLabel(f"<b>{kind.title}</b>", self)
        description = QLabel(kind.description[:1].upper() + kind.description[1:] + ".", self)
        description.setWordWrap(True)
        combo = QComboBox(self)
        combo.setObjectName(f"format_{kind.what}")
        combo.setAccessibleName(f"{kind.title}: format")
        for export_format in kind.formats:
            combo.addItem(export_format.label.replace(" (*", " ("), export_format.name)
        combo.setEnabled(len(kind.formats) > 1)
        button = QPushButton(f"Export &{kind.title.lower()}…", self)
        button.setObjectName(f"export_{kind.what}")
        button.clicked.connect(lambda _=False, what=kind.what: self.export(what))
        self.exportsGrid.addWidget(title, row, 0)
        self.exportsGrid.addWidget(description, row, 1)
        self.exportsGrid.addWidget(combo, row, 2)
        self.exportsGrid.addWidget(button, row, 3)
        self.format_combos[kind.what] = combo
        self.buttons[kind.what] = button

    def show_cycle(self, hc: HealthCheckFile | None, cycle: Cycle | None) -> None:
        self.hc, self.cycle = hc, cycle
        for button in self.buttons.values():
            button.setEnabled(hc is not None and cycle is not None and cycle.response_count > 0)
        empty = hc is not None and cycle is not None and not cycle.response_count
        self.exportsIntroLabel.setText(
            self.intro + (f"\n\n{cycle.name} has no responses yet, so there is nothing to export." if empty else "")
        )

    def export(self, what: str) -> None:
        if self.hc is None or self.cycle is None:
            return
        self.output_files.export(self.hc, self.cycle, what, self.format_combos[what].currentData())
