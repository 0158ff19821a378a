"""What each screen shows, worked out without Qt: the dashboard, explorer, comments, key findings and action plan."""
