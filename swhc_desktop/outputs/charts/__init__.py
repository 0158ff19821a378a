"""Charts: matplotlib figures built once, drawn on screen through the Qt canvas and into PDFs."""
