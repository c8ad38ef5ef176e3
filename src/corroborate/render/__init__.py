"""The render stage: turns records into text for people (tables, later briefs)."""
