"""Parse: restored lines -> header, reporting duties, sections, tasks and indicators."""
