"""File > Restore from Backup: choose one of the file's backups to put back in its place."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QListWidgetItem, QWidget

from ..storage import Backup
from .common.forms import load_form

BACKUP_ROLE = Qt.ItemDataRole.UserRole + 1


class RestoreBackupDialog(QDialog):
    def __init__(self, backups: list[Backup], folder: Path, parent: QWidget | None = None):
        super().__init__(parent)
        load_form("restore_backup_dialog", self)
        self.buttonBox.accepted.connect(self.accept)
        self.buttonBox.rejected.connect(self.reject)
        restore = self.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        restore.setText("Restore")
        for backup in backups:
            size_kb = max(1, backup.path.stat().st_size // 1024)
            item = QListWidgetItem(
                f"{backup.taken_at.strftime('%d/%m/%Y %H:%M:%S')}  –  {backup.reason}  ({size_kb:,} KB)",
                self.backupList,
            )
            item.setData(BACKUP_ROLE, backup)
        if backups:
            self.backupList.setCurrentRow(0)
            self.folderLabel.setText(f"Backups are kept in {folder}")
        else:
            self.folderLabel.setText(
                f"There are no backups of this file yet in {folder}. One is taken before every import, removal and "
                "restore, and before the app updates the file to a new version."
            )
        restore.setEnabled(bool(backups))
        self.backupList.itemDoubleClicked.connect(lambda _: self.accept())

    def chosen(self) -> Backup | None:
        item = self.backupList.currentItem()
        return item.data(BACKUP_ROLE) if item else None
