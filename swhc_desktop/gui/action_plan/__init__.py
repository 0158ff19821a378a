"""The Action plan page."""
