"""Figures entered for a cycle rather than collected from staff: the workforce and the employer return."""
