"""Whole-app operations: the demo health check, `swhc check` and the self-test."""
