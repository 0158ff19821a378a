"""Values and rules of the health check: the questionnaire, records, errors; no files, SQL or Qt."""
