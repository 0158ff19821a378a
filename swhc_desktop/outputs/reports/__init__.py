"""Printed documents (PDF): the page furniture they share and each kind of report `swhc report` can make."""
