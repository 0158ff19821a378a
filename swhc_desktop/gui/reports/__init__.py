"""The Reports page: the findings report, the employer return and the exports."""
