"""Bringing staff responses into a cycle:
reading survey tools' exports, mapping them to the questionnaire, importing."""
