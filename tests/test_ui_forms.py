"""Every Qt Designer form shipped in ui/ loads into a widget of its class, and every widget the code uses by name is in
its form (a name misspelt in the code, or a widget renamed in Designer, fails here rather than in the PSW's hands)."""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from PySide6 import QtWidgets

import swhc_desktop.gui
from swhc_desktop.gui.common.forms import load_form
from swhc_desktop.paths import ui_dir

FORMS = sorted(ui_dir().glob("*.ui"))


def test_there_are_forms_to_load():
    assert {p.stem for p in FORMS} >= {
        "main_window",
        "new_file_dialog",
        "new_cycle_dialog",
        "designer_page",
        "question_editor",
        "section_editor",
        "question_bank_dialog",
        "introduction_dialog",
    }


@pytest.mark.parametrize("form", FORMS, ids=lambda p: p.stem)
def test_every_form_loads(qtbot, form):
    top = ElementTree.parse(form).getroot().find("widget")
    widget_class = getattr(QtWidgets, top.get("class"))
    instance = widget_class()
    qtbot.addWidget(instance)
    assert load_form(form.stem, instance) is instance
    named = [w.get("name") for w in ElementTree.parse(form).getroot().iter("widget")][1:]
    assert named and all(hasattr(instance, name) for name in named)


GUI = Path(swhc_desktop.gui.__file__).parent
CAMEL_CASE = re.compile(r"^[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+$")  # Designer's names (nameEdit); ours are snake_case


def object_names(form: str) -> set[str]:
    """The names a form gives its widgets, layouts and actions (the loader sets each as an attribute)."""
    root = ElementTree.parse(ui_dir() / f"{form}.ui").getroot()
    return {e.get("name") for e in root.iter() if e.tag in ("widget", "layout", "action") and e.get("name")}


def form_class(form: str):
    return getattr(QtWidgets, ElementTree.parse(ui_dir() / f"{form}.ui").getroot().find("widget").get("class"))


def forms_loaded(cls: ast.ClassDef) -> list[str]:
    """The forms the class loads into itself: load_form("name", self)."""
    return [
        call.args[0].value
        for call in ast.walk(cls)
        if isinstance(call, ast.Call)
        and getattr(call.func, "id", getattr(call.func, "attr", None)) == "load_form"
        and len(call.args) == 2
        and isinstance(call.args[0], ast.Constant)
        and getattr(call.args[1], "id", None) == "self"
    ]


def names_used_but_not_in_the_form(source: str) -> set[tuple[str, str, str]]:
    """(class, form, name) for each camelCase `self.name` a class that loads a form reads but neither its form, nor the
    class itself, nor Qt's class of the form defines."""
    missing = set()
    for cls in (node for node in ast.walk(ast.parse(source)) if isinstance(node, ast.ClassDef)):
        for form in forms_loaded(cls):
            attributes = [
                node
                for node in ast.walk(cls)
                if isinstance(node, ast.Attribute)
                and getattr(node.value, "id", None) == "self"
                and CAMEL_CASE.match(node.attr)
            ]
            own = (
                {node.attr for node in attributes if isinstance(node.ctx, ast.Store)}
                | {getattr(node, "name", None) for node in cls.body}
                | {
                    target.id
                    for node in cls.body
                    if isinstance(node, ast.Assign)
                    for target in node.targets
                    if isinstance(target, ast.Name)
                }
            )
            known = object_names(form) | own
            missing |= {
                (cls.name, form, node.attr)
                for node in attributes
                if node.attr not in known and not hasattr(form_class(form), node.attr)
            }
    return missing


def test_every_widget_name_the_code_uses_is_in_its_form():
    missing = {}
    for path in sorted(GUI.rglob("*.py")):
        found = names_used_but_not_in_the_form(path.read_text(encoding="utf-8"))
        if found:
            missing[str(path.relative_to(GUI))] = sorted(found)
    assert missing == {}


def test_the_classes_that_load_forms_are_all_checked():
    loading = {
        form
        for path in GUI.rglob("*.py")
        for cls in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(cls, ast.ClassDef)
        for form in forms_loaded(cls)
    }
    assert loading == {p.stem for p in FORMS}, "every form is loaded by a class, found by load_form(name, self)"


def test_a_name_missing_from_its_form_is_found():
    planted = """
class Planted(QDialog):
    title = "made here"

    def __init__(self):
        super().__init__()
        load_form("new_cycle_dialog", self)
        self.nameEdit.setFocus()  # in the form
        self.nameEidt.setText("2020")  # a typo: no such widget
        self.ownLabel = QLabel()
        self.ownLabel.setText(self.windowTitle())  # the class's own, and Qt's
        self.helperButton.click()  # renamed in Designer

    def closeEvent(self, event):
        self.closeEvent(event)
"""
    assert names_used_but_not_in_the_form(planted) == {
        ("Planted", "new_cycle_dialog", "nameEidt"),
        ("Planted", "new_cycle_dialog", "helperButton"),
    }
