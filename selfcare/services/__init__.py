"""Writes for self-care, one module per entity."""
