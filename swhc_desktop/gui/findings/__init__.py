"""The Findings page: dashboard, explorer, comments and key findings."""
