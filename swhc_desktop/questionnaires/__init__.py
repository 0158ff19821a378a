"""Designing, starting and handing out a cycle's questionnaire: templates, the question bank, edits."""
