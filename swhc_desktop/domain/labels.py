"""The app's pages, menu items and buttons in the words on them, for every message that points the user to one, so a
message and the label it names cannot drift apart (tests/test_labels.py finds each one in the running app). The
command line never names these: its advice names `swhc` commands."""

from __future__ import annotations


def menu(*path: str) -> str:
    """A menu item as a message names it: 'File > Restore from Backup…'."""
    return " > ".join(path)


# Pages (the sidebar) and the Findings page's tabs.
QUESTIONNAIRE_PAGE = "Questionnaire"
RESPONSES_PAGE = "Responses"
FINDINGS_PAGE = "Findings"
ACTION_PLAN_PAGE = "Action plan"
REPORTS_PAGE = "Reports"
DASHBOARD_TAB = "Dashboard"
KEY_FINDINGS_TAB = "Key findings"

# Menu items.
OPEN_FILE = menu("File", "Open…")
NEW_CYCLE = menu("File", "New Cycle…")
EDIT_CYCLE = menu("File", "Edit Cycle…")
DELETE_CYCLE = menu("File", "Delete Cycle…")
RESTORE_FROM_BACKUP = menu("File", "Restore from Backup…")
UNDO = menu("Edit", "Undo")
NATIONAL_SCORES = menu("Tools", "National Standards Scores…")
USER_GUIDE = menu("Help", "User guide")

# Buttons.
EDIT_CYCLE_BUTTON = "Edit cycle…"
NEW_CYCLE_BUTTON = "New cycle…"
START_FIRST_CYCLE_BUTTON = "Start the first cycle…"
INDICATORS_BUTTON = "Indicators and thresholds…"
STANDARD_SCORES_BUTTON = "Standards scores…"
IMPORT_BUTTON = "Import responses…"
PAPER_RETURNS_BUTTON = "Key in paper returns…"
NEW_ACTION_BUTTON = "New action…"
ADD_FINDING_BUTTON = "Add finding…"
BROWSE_BUTTON = "Browse…"
