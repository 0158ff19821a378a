"""Loads the Qt Designer forms in ui/ into the widget classes that drive them."""

from __future__ import annotations

from PySide6.QtCore import QFile, QIODevice, Qt
from PySide6.QtGui import QAction
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import QMainWindow, QWidget

from ...paths import ui_dir


class _IntoInstanceLoader(QUiLoader):
    """QUiLoader builds a new top-level widget; this one fills in an existing instance instead, and sets each
    named child as an attribute of it, as uic.loadUi(path, self) does in PyQt."""

    def __init__(self, instance: QWidget):
        super().__init__(instance)
        self.instance = instance

    def createWidget(self, class_name: str, parent: QWidget | None = None, name: str = "") -> QWidget:
        if parent is None:
            return self.instance
        if class_name == "DateField":  # our own widget, loaded only by the dialogs that have one, not at start-up
            from .date_field import DateField

            widget: QWidget = DateField(parent)
            widget.setObjectName(name)
        elif class_name == "GatedWizardPage":
            from .gated_page import GatedWizardPage

            widget = GatedWizardPage(parent)
            widget.setObjectName(name)
        else:
            widget = super().createWidget(class_name, parent, name)
        if name:
            setattr(self.instance, name, widget)
        return widget

    def createAction(self, parent=None, name: str = "") -> QAction:
        action = super().createAction(parent, name)
        if name:
            setattr(self.instance, name, action)
        return action

    def createLayout(self, class_name: str, parent=None, name: str = ""):
        layout = super().createLayout(class_name, parent, name)
        if name:
            setattr(self.instance, name, layout)
        return layout


def form_path(name: str) -> str:
    return str(ui_dir() / f"{name}.ui")


def load_form(name: str, instance: QWidget) -> QWidget:
    """Build the form ui/<name>.ui into `instance` (a QMainWindow, QDialog or QWidget of the form's class)."""
    loader = _IntoInstanceLoader(instance)
    ui_file = QFile(form_path(name))
    if not ui_file.open(QIODevice.OpenModeFlag.ReadOnly):
        raise FileNotFoundError(f"The form {name}.ui could not be opened: {ui_file.errorString()}")
    try:
        loaded = loader.load(ui_file)
    finally:
        ui_file.close()
    if loaded is None:
        raise RuntimeError(f"The form {name}.ui could not be built: {loader.errorString()}")
    if instance.isWindow() and not isinstance(instance, QMainWindow):
        # Designer saves a form at x=0, y=0, and a window given a position counts as placed, so Qt would open it in
        # the screen's corner; unplaced, a dialog opens centred over the window it belongs to.
        instance.setAttribute(Qt.WidgetAttribute.WA_Moved, False)
    return loaded
