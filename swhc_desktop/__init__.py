"""SWHC Desktop: the Social Work Health Check, from questionnaire to action plan, in one local file."""

__version__ = "0.1.0"

APP_NAME = "SWHC Desktop"
