"""Everything that writes a file for someone else: charts, reports, exports and what they share."""
