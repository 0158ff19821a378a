"""Every Qt Designer form shipped in ui/ loads into a widget of its class."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

import pytest
from PySide6 import QtWidgets

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
