"""Documents a council can publish and edit: one model of a document's blocks, written as Word or as a web page."""
