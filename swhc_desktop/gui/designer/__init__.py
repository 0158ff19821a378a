"""The questionnaire designer: the main window's Questionnaire page and the dialogs it opens."""
