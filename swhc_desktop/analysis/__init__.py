"""The analysis: turning stored answers into tables and figures (plain data, no Qt), following the LGA's conventions."""
