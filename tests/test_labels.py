"""Every message that names a page, menu item or button names it in the words on it (they come from
domain/labels.py, and each one there is found in the app), and the command line's messages never tell the user to
click: they name `swhc` commands."""

from __future__ import annotations

import ast
import json
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from PySide6.QtWidgets import QMenu

from swhc_desktop.domain import labels
from swhc_desktop.gui.main_window import MainWindow

from .support.files import sha256

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "swhc_desktop"
MENU_PATH = re.compile(r"\b(File|Edit|View|Tools|Help) (?:>|&gt;) ([A-Z][\w' -]*(?:…)?)")
# What the command line must never say: it has no menus, pages or buttons, and nothing to click or tick.
APP_WORDING = re.compile(
    r" > |…|\bclick|\bpress\b|\bTick\b|\bbutton|\b(?:Questionnaire|Responses|Findings|Reports) page"
)


def plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def menu_paths(window: MainWindow) -> set[str]:
    """Every item of the window's menus as a message names it: 'File > Restore from Backup…'."""
    found = set()

    def walk(menu: QMenu, path: tuple[str, ...]) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu(), (*path, plain(action.menu().title())))
            elif action.text():
                found.add(" > ".join((*path, plain(action.text()))))

    for action in window.menuBar.actions():
        walk(action.menu(), (plain(action.menu().title()),))
    return found


def ui_button_and_tab_texts() -> set[str]:
    """The words on every button and tab the app's forms lay out."""
    texts = set()
    for form in (ROOT / "ui").glob("*.ui"):
        for widget in ElementTree.parse(form).iter("widget"):
            for holder in widget.findall("property") + widget.findall("attribute"):
                if holder.get("name") in {"text", "title"} and holder.find("string") is not None:
                    texts.add(plain(holder.find("string").text or ""))
    return texts


def code_button_texts() -> set[str]:
    """The words on buttons the code makes itself: QPushButton("…")."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", "") in {"QPushButton", "QToolButton"}
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                found.add(plain(str(node.args[0].value)))
    return found


def test_every_label_a_message_names_is_on_a_menu_page_or_button_of_the_app(window, demo_path):
    window.open_path(demo_path)
    menus = menu_paths(window)
    pages = {window.pageList.item(row).text() for row in range(window.pageList.count())}
    tabs = window.findings_page.findingsTabs
    pages |= {plain(tabs.tabText(i)) for i in range(tabs.count())}
    on_screen = ui_button_and_tab_texts() | code_button_texts()
    named = {name: value for name, value in vars(labels).items() if name.isupper() and isinstance(value, str)}
    missing = []
    for name, value in named.items():
        if name.endswith(("_PAGE", "_TAB")):
            found = value in pages
        elif " > " in value:
            found = value in menus or (value == labels.UNDO and any(p.startswith("Edit > Undo") for p in menus))
        else:
            found = value in on_screen
        if not found:
            missing.append(f"{name} = {value!r}")
    assert missing == []
    assert "Indicators and thresholds…" == labels.INDICATORS_BUTTON


def test_every_menu_path_in_a_tooltip_or_the_guide_is_a_real_menu_item(window, demo_path):
    window.open_path(demo_path)
    menus = menu_paths(window) | {labels.UNDO}
    wrong = []
    for path in [*(ROOT / "ui").glob("*.ui"), *(ROOT / "resources" / "guide").glob("*.html")]:
        for match in MENU_PATH.finditer(path.read_text(encoding="utf-8")):
            named = f"{match[1]} > {match[2].strip()}"
            if named not in menus:
                wrong.append(f"{path.name}: {named}")
    assert wrong == []


def test_no_message_in_the_code_spells_a_menu_path_of_its_own():
    """A menu item is named through domain/labels.py, so renaming it there (and in the menu) renames every message;
    docstrings, which only describe the code, may name them as they like."""
    spelled = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "labels.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                if MENU_PATH.search(node.value) or "Indicators…" in node.value:
                    spelled.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value[:60]}")
    assert spelled == []


# ------------------------------------------------------------------------ the command line says commands


def test_the_indicators_command_says_which_command_gives_a_missing_figure(tmp_path, folders, capsys):
    """A council's own survey has no question 'stressed' and no staff invited: the note says which swhc command
    fills each, never a button."""
    from swhc_desktop.cli import main

    from .support.own_survey import write_own_survey

    path = tmp_path / "Own.swhc"
    assert main(["new", str(path), "--org", "Own Council"]) == 0
    assert main(["cycle-add", str(path), "2026", "--infer-from", str(write_own_survey(tmp_path))]) == 0
    capsys.readouterr()
    assert main(["indicators", str(path), "2026", "--format", "json"]) == 0
    notes = {row["key"]: row["note"] for row in json.loads(capsys.readouterr().out)}
    assert "swhc indicator-question FILE 2026 stressed QUESTION" in notes["stressed"]
    assert "swhc cycle-edit FILE 2026 --invited NUMBER" in notes["response_rate"]
    assert [note for note in notes.values() if APP_WORDING.search(note)] == []


def test_the_command_line_refusals_name_options_and_commands_not_buttons(tmp_path, folders, capsys, demo_path):
    from swhc_desktop.cli import main

    from .support.own_survey import write_own_survey

    path = tmp_path / "Own.swhc"
    assert main(["new", str(path), "--org", "Own Council"]) == 0
    assert main(["cycle-add", str(path), "2026", "--infer-from", str(write_own_survey(tmp_path))]) == 0
    capsys.readouterr()
    assert main(["questions", str(path), "2026", "--format", "json"]) == 0
    stress = next(row["code"] for row in json.loads(capsys.readouterr().out) if "stressed" in row["text"])
    damaged = tmp_path / "Damaged.swhc"
    damaged.write_bytes(demo_path.read_bytes()[:4096] + b"\0" * 8192)
    digest = sha256(path)
    said = []
    for arguments in (
        ["indicator-question", str(path), "2026", "stressed", stress, "--answers", "nope"],
        ["report", str(path), "2026", "--kind", "findings", "--out", str(tmp_path / "r.pdf")],
        ["indicators", str(damaged), "2026"],
        ["cycles", str(tmp_path / "Nowhere.swhc")],
    ):
        assert main(arguments) == 2
        said.append(capsys.readouterr().err)
    assert "--answers" in said[0] and "Tick" not in said[0]
    assert "swhc import" in said[1]
    assert [line for line in said if APP_WORDING.search(line)] == []
    assert sha256(path) == digest


def test_every_button_the_user_guide_names_is_a_button_of_the_app():
    """The guide names buttons in bold ('<b>Import responses…</b>'): each must be the words on a button of the app."""
    on_screen = ui_button_and_tab_texts() | code_button_texts()
    named = {
        (path.name, " ".join(label.split()))
        for path in (ROOT / "resources" / "guide").glob("*.html")
        for label in re.findall(r"<b>([^<>]*…)</b>", path.read_text(encoding="utf-8"))
        if "&gt;" not in label  # menu items: checked against the menus above
    }
    assert named and [(page, label) for page, label in sorted(named) if label not in on_screen] == []
