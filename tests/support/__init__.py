"""Helpers the tests share: files, readers of what the app writes, builders of test data, and ways to kill a process.
A test imports these, never another test module or conftest (tests/test_test_suite.py checks it)."""
